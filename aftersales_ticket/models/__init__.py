# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import aftersales_team
from . import aftersales_ticket_stage
from . import aftersales_ticket_category
from . import aftersales_ticket
from . import res_users
from . import account_analytic_line
from . import aftersales_ticket_complaint
from . import aftersales_ticket_claim
from . import aftersales_ticket_privacy
from . import res_company
from . import res_partner
