# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import aftersales_dashboard_figure
from . import aftersales_dashboard_mixin
from . import aftersales_demo_builder
from . import aftersales_team
from . import res_config_settings
from . import res_users
