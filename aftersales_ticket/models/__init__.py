# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import aftersales_team
from . import aftersales_ticket_stage
from . import aftersales_ticket_category
from . import aftersales_ticket
from . import res_users
from . import account_analytic_line
from . import aftersales_sla_policy
from . import aftersales_ticket_pause
from . import aftersales_ticket_sla
from . import aftersales_team_sla
from . import resource_calendar
