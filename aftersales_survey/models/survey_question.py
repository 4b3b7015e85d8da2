# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

from ..lib.scoring import ITEMS


class SurveyQuestion(models.Model):
    """A question of the satisfaction survey rates one evaluation item, or
    collects the customer's suggestions or complaint."""

    _name = "survey.question"
    _inherit = ["survey.question", "aftersales.mixin"]
    # Odoo's own fields and stored computes are Odoo's business: the
    # suite checks the values of the fields it adds
    _aftersales_guard_stored_computes = False
    _aftersales_own_fields = ("aftersales_item", "aftersales_is_complaint_text")

    aftersales_item = fields.Selection(
        ITEMS, string="Evaluation Item",
        help="The technician's evaluation item this question rates.")
    aftersales_is_complaint_text = fields.Boolean(
        string="Suggestions or Complaint",
        help="A non-empty answer to this question opens a complaint.")

    @api.model
    def create(self, vals):
        self._aftersales_check_field_values(
            {name: vals[name] for name in self._aftersales_own_fields
             if name in vals})
        return super(SurveyQuestion, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_field_values(
            {name: vals[name] for name in self._aftersales_own_fields
             if name in vals})
        return super(SurveyQuestion, self).write(vals)
