# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import base64
import binascii

from odoo import _, http
from odoo.http import content_disposition, request

from .portal import get_portal_ticket


class AftersalesVoucherPortal(http.Controller):
    """The customer signs a service voucher remotely from the portal."""

    def _voucher_get_ticket(self, ticket_id):
        """The ticket as superuser, once the user was checked to be allowed
        to read it like on its portal page (record rules; never internal
        work), else None."""
        ticket = get_portal_ticket(ticket_id)
        # sudo: the customer may read this ticket (checked just above) but
        # not the product, serial, parts and time records the voucher
        # shows, nor write the signature fields
        return ticket.sudo() if ticket is not None else None

    @http.route("/my/tickets/<int:ticket_id>/sign", type="http", auth="user",
                website=True)
    def portal_ticket_sign(self, ticket_id, **kwargs):
        ticket = self._voucher_get_ticket(ticket_id)
        if ticket is None:
            return request.not_found()
        return request.render("aftersales_ticket.portal_ticket_sign", {
            "ticket": ticket,
            "partner_name": request.env.user.partner_id.name,
            "page_name": "ticket_sign",
        })

    @http.route("/my/tickets/<int:ticket_id>/sign/submit", type="json",
                auth="user", website=True)
    def portal_ticket_sign_submit(self, ticket_id, partner_name=None,
                                  signature=None, **kwargs):
        ticket = self._voucher_get_ticket(ticket_id)
        if ticket is None:
            return {"error": _("This service voucher was not found.")}
        if ticket.customer_signature:
            return {"error": _("This service voucher is already signed.")}
        if not ticket._voucher_can_be_signed():
            return {"error": _(
                "The voucher can be signed once the technician has been on "
                "site.")}
        if not partner_name or not signature:
            return {"error": _("Your name and signature are both needed.")}
        try:
            base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError):
            return {"error": _("The signature could not be read.")}
        ticket.write({
            "customer_signature": signature,
            "signed_by": partner_name,
        })
        return {
            "success": _("Thank you: the service voucher is signed."),
            "redirect_url": "/my/tickets/%s/sign" % ticket.id,
        }

    @http.route("/my/tickets/<int:ticket_id>/voucher", type="http",
                auth="user", website=True)
    def portal_ticket_voucher_pdf(self, ticket_id, **kwargs):
        """The service voucher as a PDF named by the ticket's number (the
        report route names it by the record id: ``224.pdf``)."""
        ticket = get_portal_ticket(ticket_id)
        if ticket is None:
            return request.not_found()
        # as the customer, like /report/pdf: the report reads what he may
        report = request.env.ref(
            "aftersales_ticket.aftersales_ticket_report_voucher")
        pdf = report.render_qweb_pdf([ticket.id])[0]
        filename = "%s.pdf" % ticket.sudo()._voucher_file_name()
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(pdf)),
            ("Content-Disposition", content_disposition(filename)),
        ])
