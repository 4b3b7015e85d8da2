# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

from ..lib.scoring import LEVELS


class SurveyLabel(models.Model):
    """An answer of a rating question is one of the four levels."""

    _name = "survey.label"
    _inherit = ["survey.label", "aftersales.mixin"]
    # Odoo's own fields and stored computes are Odoo's business: the
    # suite checks the values of the fields it adds
    _aftersales_guard_stored_computes = False
    _aftersales_own_fields = ("aftersales_level",)

    aftersales_level = fields.Selection(
        [(str(level), label) for level, label in LEVELS],
        string="Satisfaction Level")

    @api.model
    def create(self, vals):
        self._aftersales_check_field_values(
            {name: vals[name] for name in self._aftersales_own_fields
             if name in vals})
        return super(SurveyLabel, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_field_values(
            {name: vals[name] for name in self._aftersales_own_fields
             if name in vals})
        return super(SurveyLabel, self).write(vals)
