# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import test_bad_input
from . import test_payer_invoice
from . import test_performance
from . import test_repair_flow
from . import test_reports
from . import test_security
from . import test_stock_replenishment
from . import test_translations
from . import test_repair_access_rules
from . import test_repair_consumption_once
from . import test_repair_lines_form
from . import test_repair_return_ticket
from . import test_repair_roles_documents
from . import test_repair_workflow_fields_guarded
