# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class AftersalesSurveyAttributionMixin(models.AbstractModel):
    """Whose work a survey answer (and each of its scores) rates: the
    ticket, its technician and team, its company. Written by the suite
    only, from the closed ticket."""

    _name = "aftersales.survey.attribution.mixin"
    _description = "After-Sales survey attribution"

    ticket_id = fields.Many2one(
        "aftersales.ticket", string="Service Ticket", readonly=True,
        index=True, ondelete="cascade")
    technician_id = fields.Many2one(
        "res.users", string="Technician", readonly=True, index=True)
    team_id = fields.Many2one(
        "aftersales.team", string="Service Team", readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", string="Company", readonly=True, index=True)
