# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .aftersales_ticket import SERVICE_CATEGORIES


class AftersalesTechnicianReportLine(models.Model):
    """Time a technician spent on one ticket during the report's day."""

    _name = "aftersales.technician.report.line"
    _description = "Technician Daily Report Line"
    _inherit = ["aftersales.mixin"]
    _order = "report_id, service_category, ticket_id"
    # the lines are what the report's refresh read from the time booked:
    # written by it only (see aftersales.mixin)
    _aftersales_workflow_fields = ("report_id", "ticket_id",
                                   "service_category", "hours")

    report_id = fields.Many2one(
        "aftersales.technician.report", string="Daily Report", required=True,
        index=True, ondelete="cascade",
    )
    ticket_id = fields.Many2one(
        "aftersales.ticket", string="Ticket", required=True, index=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(related="ticket_id.partner_id", readonly=True)
    subject = fields.Char(related="ticket_id.subject", readonly=True)
    service_category = fields.Selection(SERVICE_CATEGORIES, readonly=True)
    hours = fields.Float(readonly=True)
    user_id = fields.Many2one(related="report_id.user_id", store=True,
                              readonly=True, index=True)
    date = fields.Date(related="report_id.date", store=True, readonly=True)

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesTechnicianReportLine, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesTechnicianReportLine, self).write(vals)

    @api.multi
    def unlink(self):
        if not self._aftersales_in_workflow():
            raise UserError(_(
                "The lines of a daily report are refreshed from the time "
                "booked on the tickets; they cannot be removed by hand."))
        return super(AftersalesTechnicianReportLine, self).unlink()
