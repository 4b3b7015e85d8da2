# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from . import aftersales_ticket_assign_wizard
from . import aftersales_complaint_notify_wizard
from . import aftersales_anonymize_wizard
