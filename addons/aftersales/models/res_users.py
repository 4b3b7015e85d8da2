# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models


class ResUsers(models.Model):
    """A technician's card on the suite's dashboard."""

    _name = "res.users"
    _inherit = ["res.users", "aftersales.dashboard.mixin"]
    _dashboard_group_field = "user_id"
