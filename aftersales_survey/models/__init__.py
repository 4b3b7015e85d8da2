# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import res_config_settings
from . import survey_survey
from . import survey_question
from . import survey_label
from . import aftersales_ticket_stage
from . import aftersales_survey_attribution_mixin
from . import aftersales_survey_result
from . import survey_user_input
from . import survey_user_input_line
from . import aftersales_ticket
from . import aftersales_technician_evaluation
