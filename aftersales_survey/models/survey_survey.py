# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class SurveySurvey(models.Model):
    _name = "survey.survey"
    _inherit = ["survey.survey", "aftersales.mixin"]
    # Odoo's own fields and stored computes are Odoo's business: the
    # suite checks the values of the fields it adds
    _aftersales_guard_stored_computes = False
    _aftersales_own_fields = ("survey_ticket_invitations",)

    survey_ticket_invitations = fields.Boolean(
        string="Service Ticket Survey",
        help="The survey sent after the closing of service tickets: its "
             "answers are accepted only with the ticket's invitation token.")

    @api.model
    def create(self, vals):
        self._aftersales_check_field_values(
            {name: vals[name] for name in self._aftersales_own_fields
             if name in vals})
        return super(SurveySurvey, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_field_values(
            {name: vals[name] for name in self._aftersales_own_fields
             if name in vals})
        return super(SurveySurvey, self).write(vals)
