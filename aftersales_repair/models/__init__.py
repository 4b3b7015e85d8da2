# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import aftersales_repair_payer_mixin
from . import mrp_repair
from . import mrp_repair_line
from . import mrp_repair_fee
from . import stock_location
from . import stock_move
from . import stock_picking
from . import stock_production_lot
from . import account_invoice
from . import account_analytic_line
from . import aftersales_ticket
from . import res_company
from . import res_config_settings
