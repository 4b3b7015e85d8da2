# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

from ..lib.scoring import ITEMS, LEVELS


class AftersalesSurveyResult(models.Model):
    """One item score of a customer's answer, stored and indexed so that
    ``read_group`` aggregates it by technician, team, month and item."""

    _name = "aftersales.survey.result"
    _inherit = ["aftersales.survey.attribution.mixin", "aftersales.mixin"]
    _description = "Satisfaction Survey Score"
    _order = "date desc, id desc"
    _rec_name = "item"

    user_input_id = fields.Many2one(
        "survey.user_input", string="Answer", required=True, readonly=True,
        index=True, ondelete="cascade")
    date = fields.Date(
        string="Month of Service", readonly=True, index=True,
        help="The day the ticket was closed: the month the technician's "
             "work is evaluated in.")
    item = fields.Selection(ITEMS, required=True, readonly=True, index=True)
    level = fields.Selection(
        [(str(level), label) for level, label in LEVELS], required=True,
        readonly=True)
    score = fields.Float(readonly=True, group_operator="avg",
                         help="Score of the level out of 100.")

    @api.model
    def create(self, vals):
        # written by the answer flow only (no role may create or write
        # scores); its values are checked all the same
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesSurveyResult, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesSurveyResult, self).write(vals)

    _sql_constraints = [
        ("item_unique", "UNIQUE (user_input_id, item)",
         "An answer rates each item once."),
    ]
