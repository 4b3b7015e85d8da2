# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import test_billing
from . import test_contract
from . import test_coverage
from . import test_invoicing
from . import test_invoicing_concurrency
from . import test_renewal
