# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models


class ReportServiceVoucher(models.AbstractModel):
    """The service voucher: whoever may read a ticket may print its
    voucher (agents, technicians of its team, directors, managers, and the
    customer on their own non-internal request)."""

    _name = "report.aftersales_ticket.report_service_voucher"
    _description = "Service Voucher"

    @api.model
    def get_report_values(self, docids, data=None):
        tickets = self.env["aftersales.ticket"].browse(docids)
        # the ticket access of the user who prints (record rules: his team,
        # his company's requests, never internal work for a customer)
        tickets.check_access_rights("read")
        tickets.check_access_rule("read")
        return {
            "doc_ids": tickets.ids,
            "doc_model": tickets._name,
            # sudo: checked above that the user may read the tickets; the
            # voucher also shows their time lines, parts and invoices,
            # which not every role that may print it may read
            "docs": tickets.sudo(),
            "data": data,
        }
