# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging
import re
from email.utils import parseaddr

from odoo import _, api, models, tools

_logger = logging.getLogger(__name__)

# A sender address the gateway accepts: one "@", a local part and a domain
# with a dot, no blanks or brackets (what e-mail parsing leaves of a
# garbage From must not reach the partner creation, which fails on it).
_ATOM = r"[^@\s<>()\[\],;:\"]+"
SENDER_ADDRESS = re.compile(r"^%s@%s\.%s$" % (_ATOM, _ATOM, _ATOM))


# The ticket is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    """Customer communication (internal work, category D, never reaches
    the customer) and the mail gateway (one alias per service team)."""

    _inherit = "aftersales.ticket"

    def _after_create_messages(self, vals, automated, requested):
        """The customer is told that the request was registered."""
        result = super(AftersalesTicket, self)._after_create_messages(
            vals, automated, requested)
        self._send_acknowledgement()
        return result

    def _after_write_messages(self, vals, before):
        """Internal work (D) is not followed by the customer; the customer
        of other work follows it."""
        result = super(AftersalesTicket, self)._after_write_messages(vals, before)
        if vals.get("service_category") == "D":
            self._unsubscribe_customer()
        elif "partner_id" in vals or "service_category" in vals:
            self._subscribe_customer()
        return result

    @api.multi
    def _get_customer_partners(self, partners):
        """The partners among ``partners`` who belong to the customer of
        the ticket (its company and contacts)."""
        self.ensure_one()
        commercial = self.commercial_partner_id or \
            self.partner_id.commercial_partner_id
        return partners.filtered(
            lambda partner: partner.commercial_partner_id == commercial)

    @api.multi
    def _subscribe_customer(self):
        """The customer follows its (non-internal) requests."""
        for ticket in self.filtered(
                lambda t: t.service_category != "D" and t.partner_id):
            if ticket.partner_id not in ticket.message_partner_ids:
                ticket.message_subscribe(partner_ids=ticket.partner_id.ids)

    @api.model
    def _prepare_follower_partners(self, vals):
        """Hook: the partners who follow a new ticket from the start, given
        its checked creation values: the customer, unless it is internal
        work (category D)."""
        partners = self.env["res.partner"]
        if vals.get("service_category") != "D":
            partners |= partners.browse(vals["partner_id"])
        return partners

    @api.model
    def _prepare_follower_commands(self, partners):
        """``message_follower_ids`` commands making ``partners`` follow a new
        ticket, without the creating user whom mail.thread's ``create``
        subscribes itself."""
        creator_follows = not (
            self.env.context.get("tracking_disable")
            or self.env.context.get("mail_create_nosubscribe"))
        if creator_follows:
            partners -= self.env.user.partner_id
        if not partners:
            return []
        return self.env["mail.followers"]._add_follower_command(
            self._name, [], dict.fromkeys(partners.ids), {}, force=True)[0]

    @api.multi
    def _unsubscribe_customer(self):
        for ticket in self:
            customers = ticket._get_customer_partners(ticket.message_partner_ids)
            if customers:
                ticket.message_unsubscribe(partner_ids=customers.ids)

    @api.multi
    def _send_acknowledgement(self):
        """E-mail the customer that its request was registered."""
        # by id: env.ref() would check the record exists, one query a ticket
        template_id = self.env["ir.model.data"].xmlid_to_res_id(
            "aftersales_ticket.mail_template_ticket_acknowledgement")
        if not template_id:
            return
        template = self.env["mail.template"].browse(template_id)
        for ticket in self:
            if ticket.service_category != "D" and ticket.partner_id.email:
                template.send_mail(ticket.id)

    @api.multi
    def message_subscribe(self, partner_ids=None, channel_ids=None,
                          subtype_ids=None, force=True):
        """The customer never follows internal work (category D).

        Subscribing, without subtypes, partners who all follow already
        changes nothing: it is skipped (as Odoo 12 does), which spares the
        write of the followers, e.g. when the activity of a ticket
        dispatched at creation subscribes its technician."""
        if partner_ids and not channel_ids and subtype_ids is None and \
                self._are_following(partner_ids):
            mode = "read" if set(partner_ids) == {
                self.env.user.partner_id.id} else "write"
            self.check_access_rights(mode)
            self.check_access_rule(mode)
            return True
        internal = self.filtered(lambda t: t.service_category == "D")
        if not partner_ids or not internal:
            return super(AftersalesTicket, self).message_subscribe(
                partner_ids=partner_ids, channel_ids=channel_ids,
                subtype_ids=subtype_ids, force=force)
        partners = self.env["res.partner"].browse(partner_ids)
        for ticket in internal:
            allowed = partners - ticket._get_customer_partners(partners)
            super(AftersalesTicket, ticket).message_subscribe(
                partner_ids=allowed.ids, channel_ids=channel_ids,
                subtype_ids=subtype_ids, force=force)
        others = self - internal
        if others:
            super(AftersalesTicket, others).message_subscribe(
                partner_ids=partner_ids, channel_ids=channel_ids,
                subtype_ids=subtype_ids, force=force)
        return True

    @api.multi
    def _are_following(self, partner_ids):
        """Whether every partner of ``partner_ids`` follows every ticket."""
        # sudo: followers of tickets the user may access (checked by caller)
        followers = self.env["mail.followers"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("partner_id", "in", list(partner_ids))])
        following = {(follower.res_id, follower.partner_id.id)
                     for follower in followers}
        return all((ticket_id, partner_id) in following
                   for ticket_id in self.ids for partner_id in partner_ids)

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, body="", subject=None, message_type="notification",
                     subtype=None, parent_id=False, attachments=None,
                     content_subtype="html", **kwargs):
        """No message of internal work (category D) is sent to the
        customer, even when the customer is named as a recipient; and an
        internal note (a note subtype, also Odoo's default when none is
        given) is posted so that the customer cannot read it, whoever posts
        it (see ``mail.thread._aftersales_post_note``)."""
        if kwargs.get("partner_ids") and len(self) == 1 and \
                self.service_category == "D":
            kwargs["partner_ids"] = self._filter_internal_recipients(
                kwargs["partner_ids"])
        if message_type == "notification" and \
                not kwargs.get("tracking_value_ids") and \
                self._aftersales_is_internal_subtype(
                    subtype, kwargs.get("subtype_id")):
            message_type = "comment"
        return super(AftersalesTicket, self).message_post(
            body=body, subject=subject, message_type=message_type,
            subtype=subtype, parent_id=parent_id, attachments=attachments,
            content_subtype=content_subtype, **kwargs)

    @api.model
    def _aftersales_is_internal_subtype(self, subtype, subtype_id):
        """Whether ``message_post`` would post with an internal subtype
        (the note, unless another subtype is given)."""
        if not subtype_id:
            subtype = subtype or "mt_note"
            if "." not in subtype:
                subtype = "mail.%s" % subtype
            subtype_id = self.env["ir.model.data"].xmlid_to_res_id(subtype)
        # sudo: subtypes are configuration, whoever posts
        return bool(subtype_id) and self.env["mail.message.subtype"].sudo(
        ).browse(subtype_id).internal

    @api.multi
    def _filter_internal_recipients(self, partner_commands):
        """``partner_ids`` of message_post (ids or (4, id)/(6, 0, ids)
        commands) without the customer's partners."""
        partner_ids = []
        for command in partner_commands:
            if isinstance(command, int):
                partner_ids.append(command)
            elif command[0] == 4:
                partner_ids.append(command[1])
            elif command[0] == 6:
                partner_ids.extend(command[2])
        partners = self.env["res.partner"].browse(partner_ids)
        return (partners - self._get_customer_partners(partners)).ids

    @api.multi
    def message_get_suggested_recipients(self):
        recipients = super(AftersalesTicket, self).message_get_suggested_recipients()
        for ticket in self:
            if ticket.service_category != "D" and ticket.partner_id:
                ticket._message_add_suggested_recipient(
                    recipients, partner=ticket.partner_id, reason=_("Customer"))
        return recipients

    @api.multi
    def _notification_recipients(self, message, groups):
        """Customers with a portal account get a button to the ticket."""
        groups = super(AftersalesTicket, self)._notification_recipients(
            message, groups)
        for group_name, _group_func, group_data in groups:
            if group_name == "portal":
                group_data["has_button_access"] = True
        return groups

    # ------------------------------------------------------------------
    # Mail gateway: one alias per service team
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A ticket from an e-mail sent to a team's alias. The customer is
        the partner with the sender's address, created when unknown."""
        self._aftersales_sender(msg_dict)  # refuses a garbage From first
        values = dict(custom_values or {})
        values.update(self._prepare_values_from_email(msg_dict, values))
        return self.create(values)

    @api.model
    def _aftersales_sender(self, msg_dict):
        """``(name, address)`` of the sender of an incoming e-mail, cleaned:
        the address as e-mail parsing reads it, the name without the
        characters that make Odoo's partner creation look for the address
        in a text that no longer holds it (``ValueError: substring not
        found``). A From without a usable address is refused with a clear
        message: no partner, no ticket."""
        email_from = msg_dict.get("email_from") or msg_dict.get("from") or ""
        sender = tools.email_split(email_from)
        address = sender[0].strip() if sender else ""
        if not SENDER_ADDRESS.match(address) or len(address) > 254:
            raise ValueError(_(
                "E-mail %s has no valid sender address (From); no service "
                "request was created.") % msg_dict.get("message_id"))
        name = parseaddr(email_from)[0]
        name = re.sub(r"[@<>()\[\],;:\"\\]+", " ", name or "")
        name = " ".join(name.split())[:128]
        return name, address

    @api.model
    def _prepare_values_from_email(self, msg_dict, custom_values):
        name, address = self._aftersales_sender(msg_dict)
        partner_id = msg_dict.get("author_id")
        if not partner_id:
            partner_id = self._find_partner_from_emails(
                ['"%s" <%s>' % (name, address) if name else address],
                check_followers=False, force_create=True)[0]
        partner = self.env["res.partner"].browse(partner_id)
        subject = (msg_dict.get("subject") or "").strip() or _(
            "Request by e-mail from %s") % address
        values = {
            "subject": subject,
            "description": tools.html2plaintext(msg_dict.get("body") or ""),
            "partner_id": partner.id,
            "contact_email": address,
            "channel": "email",
        }
        team_id = custom_values.get("team_id")
        if team_id and not custom_values.get("company_id"):
            values["company_id"] = self.env["aftersales.team"].browse(
                team_id).company_id.id
        return values

    @api.model
    def _aftersales_route_reply(self, route, message_dict):
        """``route`` (model, thread id, custom values, user id, alias) of
        an e-mail that Odoo routes as a reply to a ticket, or, when its
        author may not write on that ticket, a route that opens a new
        request for the same team: a reply never joins another customer's
        conversation."""
        model, thread_id, custom_values, user_id, alias = route
        # sudo: the mail gateway decides for any ticket, before any user
        ticket = self.sudo().browse(thread_id)
        author = self.env["res.partner"].sudo().browse(
            message_dict.get("author_id"))
        if ticket._aftersales_accepts_reply_from(author):
            return route
        _logger.info(
            "Reply to ticket %d from a sender who neither follows it nor "
            "works here: a new request is opened", ticket.id)
        # the conversation of the other ticket is neither parent nor origin
        message_dict.pop("parent_id", None)
        message_dict.pop("internal", None)
        values = dict(custom_values or {})
        if ticket.team_id:
            values.setdefault("team_id", ticket.team_id.id)
        return (model, False, values, user_id, alias)

    @api.multi
    def _aftersales_accepts_reply_from(self, author):
        """Whether ``author`` (a partner, maybe empty) may add a message to
        the ticket by e-mail: a follower, an internal user, or (except on
        internal work) a contact of the ticket's customer."""
        self.ensure_one()
        if not author:
            return False
        if author in self.message_partner_ids:
            return True
        if any(not user.share for user in author.with_context(
                active_test=False).user_ids):
            return True
        return self.service_category != "D" and bool(
            self._get_customer_partners(author))

    @api.multi
    def message_update(self, msg_dict, update_vals=None):
        """A reply is appended to the ticket (by ``message_process``); a
        contact of the customer who writes in follows the ticket from then
        on, unless it is internal work."""
        result = super(AftersalesTicket, self).message_update(
            msg_dict, update_vals=update_vals)
        author = self.env["res.partner"].browse(msg_dict.get("author_id"))
        if author:
            for ticket in self.filtered(lambda t: t.service_category != "D"):
                if ticket._get_customer_partners(author) and \
                        author not in ticket.message_partner_ids:
                    ticket.message_subscribe(partner_ids=author.ids)
        return result
