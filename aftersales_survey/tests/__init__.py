# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import test_scoring
from . import test_invitation
from . import test_answer_http
from . import test_complaint
from . import test_evaluation
from . import test_settings
from . import test_i18n
from . import test_answer_privacy
from . import test_integrity_policy
