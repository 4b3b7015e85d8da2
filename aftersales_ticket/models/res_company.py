# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "aftersales.mixin"]
    # the suite's links only; the model's own computed fields are base's
    _aftersales_guard_stored_computes = False

    aftersales_executive_id = fields.Many2one(
        "res.users",
        string="After-Sales Executive",
        help="Serious complaints are escalated at once to this person, "
             "with an activity and an e-mail.",
    )

    @api.model
    def create(self, vals):
        # the suite's fields only: the others are base's business
        self._aftersales_check_suite_values(vals)
        return super(ResCompany, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_suite_values(vals)
        return super(ResCompany, self).write(vals)
