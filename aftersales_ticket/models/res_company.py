# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_executive_id = fields.Many2one(
        "res.users",
        string="After-Sales Executive",
        help="Serious complaints are escalated at once to this person, "
             "with an activity and an e-mail.",
    )
