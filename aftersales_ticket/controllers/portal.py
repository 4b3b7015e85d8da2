# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Customer portal: the customer's service requests (list, detail with
chatter) and a form to submit a new one."""
import base64

from odoo import _, http
from odoo.exceptions import AccessError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import (
    CustomerPortal, get_records_pager, pager as portal_pager,
)

# Request types a customer may choose on the portal (internal work and
# returns are registered by the service department).
PORTAL_REQUEST_TYPES = (
    "fault", "maintenance", "installation", "consultation", "complaint", "claim",
)
MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024  # bytes


def get_portal_ticket(ticket_id):
    """Ticket ``ticket_id`` as the logged-in user, if they may read it
    (access rights and record rules: a customer reaches only their
    company's requests), else None. Internal work (D) has no customer
    page, whoever asks. Every portal route of a ticket starts here."""
    ticket = request.env["aftersales.ticket"].browse(ticket_id).exists()
    if not ticket:
        return None
    try:
        ticket.check_access_rights("read")
        ticket.check_access_rule("read")
    except AccessError:
        return None
    if ticket.service_category == "D":
        return None
    return ticket


class AftersalesCustomerPortal(CustomerPortal):

    def _get_ticket_domain(self):
        """The logged-in user's company's requests; internal work (D) is
        never shown (the portal record rule enforces it as well)."""
        partner = request.env.user.partner_id.commercial_partner_id
        return [
            ("commercial_partner_id", "=", partner.id),
            ("service_category", "!=", "D"),
        ]

    def _prepare_portal_layout_values(self):
        values = super(AftersalesCustomerPortal,
                       self)._prepare_portal_layout_values()
        Ticket = request.env["aftersales.ticket"]
        values["ticket_count"] = Ticket.search_count(
            self._get_ticket_domain()) if Ticket.check_access_rights(
                "read", raise_exception=False) else 0
        return values

    @http.route(["/my/tickets", "/my/tickets/page/<int:page>"], type="http",
                auth="user", website=True)
    def portal_my_tickets(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_portal_layout_values()
        Ticket = request.env["aftersales.ticket"]
        searchbar_sortings = {
            "date": {"label": _("Newest"), "order": "date_received desc, id desc"},
            "name": {"label": _("Reference"), "order": "name desc"},
            "stage": {"label": _("Stage"), "order": "stage_id, id desc"},
        }
        searchbar_filters = {
            "all": {"label": _("All"), "domain": []},
            "open": {"label": _("Open"), "domain": [("is_closed", "=", False)]},
            "closed": {"label": _("Closed"), "domain": [("is_closed", "=", True)]},
        }
        sortby = sortby if sortby in searchbar_sortings else "date"
        filterby = filterby if filterby in searchbar_filters else "all"
        domain = self._get_ticket_domain() + searchbar_filters[filterby]["domain"]
        ticket_count = Ticket.search_count(domain)
        pager = portal_pager(
            url="/my/tickets",
            url_args={"sortby": sortby, "filterby": filterby},
            total=ticket_count, page=page, step=self._items_per_page,
        )
        tickets = Ticket.search(
            domain, order=searchbar_sortings[sortby]["order"],
            limit=self._items_per_page, offset=pager["offset"])
        request.session["my_tickets_history"] = tickets.ids[:100]
        values.update({
            "tickets": tickets,
            "page_name": "ticket",
            "default_url": "/my/tickets",
            "pager": pager,
            "searchbar_sortings": searchbar_sortings,
            "searchbar_filters": searchbar_filters,
            "sortby": sortby,
            "filterby": filterby,
        })
        return request.render("aftersales_ticket.portal_my_tickets", values)

    @http.route(["/my/tickets/<int:ticket_id>"], type="http", auth="user",
                website=True)
    def portal_my_ticket(self, ticket_id, **kw):
        ticket = get_portal_ticket(ticket_id)
        if ticket is None:
            # the same answer as for a missing ticket: do not reveal that
            # another customer's request exists
            return request.not_found()
        values = self._prepare_portal_layout_values()
        values.update({
            "ticket": ticket,
            # sudo: the customer may read this ticket (checked above), but
            # not the product, serial, team and technician records it shows
            "ticket_sudo": ticket.sudo(),
            "page_name": "ticket",
            "user": request.env.user,
        })
        values.update(get_records_pager(
            request.session.get("my_tickets_history", []), ticket))
        return request.render("aftersales_ticket.portal_my_ticket", values)

    # ------------------------------------------------------------------
    # New request
    # ------------------------------------------------------------------

    def _get_portal_lots(self, partner):
        """Serial numbers delivered to the customer, to choose from."""
        # sudo: customers cannot read stock moves; the lots are filtered
        # on deliveries to their own company
        Lot = request.env["stock.production.lot"].sudo()
        commercial = partner.commercial_partner_id
        lines = request.env["stock.move.line"].sudo().search([
            ("lot_id", "!=", False),
            ("move_id.state", "=", "done"),
            ("location_dest_id.usage", "=", "customer"),
            "|",
            ("move_id.partner_id.commercial_partner_id", "=", commercial.id),
            ("move_id.picking_id.partner_id.commercial_partner_id", "=",
             commercial.id),
        ])
        return Lot.browse(lines.mapped("lot_id").ids)

    def _prepare_new_ticket_values(self, values):
        partner = request.env.user.partner_id
        Ticket = request.env["aftersales.ticket"]
        request_types = dict(
            Ticket._fields["request_type"]._description_selection(request.env))
        values.update({
            "page_name": "ticket_new",
            "request_types": [(key, request_types[key])
                              for key in PORTAL_REQUEST_TYPES],
            "lots": self._get_portal_lots(partner),
        })
        values.setdefault("error", {})
        values.setdefault("error_message", [])
        values.setdefault("post", {})
        return values

    def _validate_new_ticket(self, post, lots):
        """Check the posted form. Returns ``(error, messages, vals, files)``:
        the fields in error, the messages to show, the ticket values taken
        from the form (only those the customer may choose) and the uploaded
        files."""
        error, messages = {}, []
        subject = (post.get("subject") or "").strip()
        if not subject:
            error["subject"] = "missing"
            messages.append(_("Please give a short summary of the problem."))
        request_type = post.get("request_type") or "fault"
        if request_type not in PORTAL_REQUEST_TYPES:
            error["request_type"] = "invalid"
            messages.append(_("Please choose a request type from the list."))
        lot = request.env["stock.production.lot"]
        if post.get("lot_id"):
            lot_id = post["lot_id"]
            lot = lots.filtered(lambda item: str(item.id) == lot_id)
            if not lot:
                error["lot_id"] = "invalid"
                messages.append(_(
                    "Please choose one of your serial numbers from the list."))
        files = [upload for upload in request.httprequest.files.getlist(
            "attachments") if upload and upload.filename]
        if len(files) > MAX_ATTACHMENTS:
            error["attachments"] = "invalid"
            messages.append(_("Please attach at most %d files.") % MAX_ATTACHMENTS)
        vals = {
            "subject": subject,
            "description": (post.get("description") or "").strip(),
            "request_type": request_type,
            "lot_id": lot.id,
            "product_id": lot.product_id.id,
        }
        return error, messages, vals, files

    @http.route(["/my/tickets/new"], type="http", auth="user", website=True,
                methods=["GET"])
    def portal_new_ticket(self, **kw):
        values = self._prepare_portal_layout_values()
        return request.render(
            "aftersales_ticket.portal_new_ticket",
            self._prepare_new_ticket_values(values))

    @http.route(["/my/tickets/new"], type="http", auth="user", website=True,
                methods=["POST"])
    def portal_submit_ticket(self, **post):
        values = self._prepare_new_ticket_values(
            self._prepare_portal_layout_values())
        error, messages, vals, files = self._validate_new_ticket(
            post, values["lots"])
        contents = []
        if not error:
            for upload in files:
                content = upload.read()
                if len(content) > MAX_ATTACHMENT_SIZE:
                    error["attachments"] = "invalid"
                    messages.append(_("%s is too large (10 MB at most).")
                                    % upload.filename)
                contents.append((upload.filename, content))
        if not error:
            try:
                # all or nothing: the ticket, its files and first message
                with request.env.cr.savepoint():
                    ticket = self._create_portal_ticket(vals, contents)
            except ValidationError as exc:
                error["common"] = "invalid"
                messages.append(exc.name)
            else:
                return request.redirect(ticket.portal_url)
        values.update({"error": error, "error_message": messages, "post": post})
        return request.render("aftersales_ticket.portal_new_ticket", values)

    def _create_portal_ticket(self, vals, contents):
        user = request.env.user
        contact = user.partner_id
        # The customer is always the user's own company: whatever the form
        # posted (partner_id, category, team...) is ignored.
        vals.update({
            "partner_id": contact.commercial_partner_id.id,
            "contact_name": contact.name,
            "contact_email": contact.email,
            "contact_phone": contact.phone,
            "contact_mobile": contact.mobile,
            "channel": "portal",
            "company_id": user.company_id.id,
        })
        # sudo: portal users have no create right on tickets; the values
        # were validated above and the customer is forced to the user's
        # company. The creator does not follow (the customer does).
        ticket = request.env["aftersales.ticket"].sudo().with_context(
            mail_create_nosubscribe=True).create(vals)
        attachments = request.env["ir.attachment"]
        for filename, content in contents:
            # sudo: the customer may not create attachments on tickets
            attachments |= attachments.sudo().create({
                "name": filename,
                "datas_fname": filename,
                "datas": base64.b64encode(content),
                "res_model": ticket._name,
                "res_id": ticket.id,
            })
        # the request opens the conversation, as the customer wrote it
        ticket.message_post(
            body=plaintext2html(ticket.description or ticket.subject),
            author_id=contact.id, message_type="comment",
            subtype="mail.mt_comment", attachment_ids=attachments.ids)
        return ticket
