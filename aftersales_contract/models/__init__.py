# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import aftersales_contract
from . import aftersales_contract_coverage
from . import aftersales_contract_expiry
from . import aftersales_contract_invoicing
from . import aftersales_contract_equipment
from . import aftersales_contract_line
from . import aftersales_contract_period
from . import aftersales_contract_dispute
from . import aftersales_ticket
from . import account_invoice
from . import res_partner
from . import res_config_settings
