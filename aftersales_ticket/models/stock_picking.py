# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class StockPicking(models.Model):
    """Parts taken from a technician's van for a service ticket."""

    _name = "stock.picking"
    _inherit = ["stock.picking", "aftersales.mixin"]
    # the link to the ticket is set by the ticket's parts action only; the
    # picking's own computed fields are stock's business
    _aftersales_workflow_fields = ("aftersales_ticket_id",)
    _aftersales_guard_stored_computes = False

    aftersales_ticket_id = fields.Many2one(
        "aftersales.ticket", string="Service Ticket", index=True, copy=False,
        readonly=True, ondelete="restrict",
    )

    @api.model
    def create(self, vals):
        # the suite's fields only: the others are stock's business
        self._aftersales_check_suite_values(vals)
        self._aftersales_check_workflow_values(vals)
        return super(StockPicking, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_suite_values(vals)
        self._aftersales_check_workflow_values(vals)
        return super(StockPicking, self).write(vals)
