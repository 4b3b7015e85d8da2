# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class AftersalesTicketStage(models.Model):
    _name = "aftersales.ticket.stage"
    _inherit = ["aftersales.mixin"]
    _description = "After-Sales Ticket Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    fold = fields.Boolean(string="Folded in Kanban")
    is_closed = fields.Boolean(
        string="Closing Stage", help="Tickets in this stage are closed."
    )
    is_waiting = fields.Boolean(
        string="Waiting Stage",
        help="Waiting for the customer or for parts: the SLA clock is paused.",
    )
    description = fields.Text(translate=True)

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesTicketStage, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesTicketStage, self).write(vals)
