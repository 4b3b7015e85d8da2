# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

from ..lib.scoring import ITEMS


class SurveyQuestion(models.Model):
    """A question of the satisfaction survey rates one evaluation item, or
    collects the customer's suggestions or complaint."""

    _inherit = "survey.question"

    aftersales_item = fields.Selection(
        ITEMS, string="Evaluation Item",
        help="The technician's evaluation item this question rates.")
    aftersales_is_complaint_text = fields.Boolean(
        string="Suggestions or Complaint",
        help="A non-empty answer to this question opens a complaint.")
