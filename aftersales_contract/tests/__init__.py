# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import test_billing
from . import test_contract
from . import test_coverage
from . import test_invoicing
from . import test_invoicing_concurrency
from . import test_renewal
from . import test_contract_roles
from . import test_contract_values
from . import test_invoicing_through_orm
from . import test_portal_contract_invoices
from . import test_contract_once
