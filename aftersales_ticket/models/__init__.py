# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import aftersales_team
from . import aftersales_ticket_stage
from . import aftersales_ticket_category
from . import aftersales_ticket
from . import res_users
from . import account_analytic_line
from . import aftersales_ticket_kpi
from . import aftersales_ticket_report
from . import aftersales_technician_report
from . import aftersales_technician_report_line
from . import aftersales_director_report
from . import product_template
from . import stock_production_lot
from . import aftersales_ticket_part
from . import aftersales_ticket_voucher
from . import stock_picking
from . import account_invoice
