# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import aftersales_team
from . import aftersales_ticket_stage
from . import aftersales_ticket_category
from . import aftersales_ticket
from . import res_users
from . import account_analytic_line
from . import aftersales_ticket_part
from . import aftersales_ticket_voucher
from . import stock_picking
from . import account_invoice
