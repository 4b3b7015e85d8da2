# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class AccountAnalyticLine(models.Model):
    """Time spent on a service ticket, as an analytic line so that it
    reaches accounting."""

    _inherit = "account.analytic.line"

    aftersales_ticket_id = fields.Many2one(
        "aftersales.ticket", string="Service Ticket", index=True,
        ondelete="restrict",
    )
    aftersales_service_category = fields.Selection(
        related="aftersales_ticket_id.service_category", store=True,
        readonly=True, string="Service Category",
    )
