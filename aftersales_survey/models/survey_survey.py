# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    survey_ticket_invitations = fields.Boolean(
        string="Service Ticket Survey",
        help="The survey sent after the closing of service tickets: its "
             "answers are accepted only with the ticket's invitation token.")
