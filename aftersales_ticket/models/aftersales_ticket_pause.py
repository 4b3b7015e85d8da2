# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesTicketPause(models.Model):
    """A period during which the ticket's SLA clock stood still (the ticket
    was in a waiting stage: waiting for the customer or for parts)."""

    _name = "aftersales.ticket.pause"
    _inherit = ["aftersales.mixin"]
    _description = "After-Sales SLA Pause"
    _order = "date_start desc, id desc"
    _rec_name = "ticket_id"

    ticket_id = fields.Many2one(
        "aftersales.ticket", string="Ticket", required=True, index=True,
        ondelete="cascade", readonly=True,
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, readonly=True, index=True,
    )
    stage_id = fields.Many2one(
        "aftersales.ticket.stage", string="Waiting Stage", readonly=True,
        ondelete="set null",
    )
    date_start = fields.Datetime(string="Paused", required=True, readonly=True)
    date_end = fields.Datetime(string="Resumed", readonly=True)
    working_hours = fields.Float(
        string="Working Hours Paused", readonly=True,
        help="Working hours of the team's calendar between pause and resume; "
             "the pending SLA deadlines moved by this amount.",
    )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for pause in self:
            if pause.date_end and pause.date_end < pause.date_start:
                raise ValidationError(_(
                    "An SLA pause cannot end before it starts."))

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesTicketPause, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesTicketPause, self).write(vals)
