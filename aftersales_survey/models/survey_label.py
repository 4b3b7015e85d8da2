# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

from ..lib.scoring import LEVELS


class SurveyLabel(models.Model):
    """An answer of a rating question is one of the four levels."""

    _inherit = "survey.label"

    aftersales_level = fields.Selection(
        [(str(level), label) for level, label in LEVELS],
        string="Satisfaction Level")
