# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import test_dashboard
from . import test_dashboard_figures_readable
from . import test_demo
from . import test_landing
from . import test_settings
from . import test_settings_service_manager
