# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class AccountInvoice(models.Model):
    """Customer invoice of a paid (category A) service ticket."""

    _inherit = "account.invoice"

    aftersales_ticket_id = fields.Many2one(
        "aftersales.ticket", string="Service Ticket", index=True, copy=False,
        readonly=True, ondelete="restrict",
    )
