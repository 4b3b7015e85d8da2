# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.aftersales_ticket_privacy import personal_values, scrub_text

_logger = logging.getLogger(__name__)

# Tracked field types whose old/new values never hold free text; any other
# tracking value (char, text, names of related partners...) is blanked.
NEUTRAL_TRACKING_TYPES = (
    "boolean", "integer", "float", "monetary", "date", "datetime", "selection",
)
PERSONAL_COMODELS = ("res.partner", "res.users")
PARTNER_PERSONAL_FIELDS = (
    "email", "phone", "mobile", "street", "street2", "zip", "city", "state_id",
    "country_id", "website", "function", "title", "comment", "image",
)


class AftersalesAnonymizeWizard(models.TransientModel):
    """Anonymises one customer's service history at the customer's request
    (the customer and its contacts): personal data goes, the tickets with
    their counts, dates, categories and amounts stay for the statistics."""

    _name = "aftersales.anonymize.wizard"
    _description = "Anonymise a Customer's Service History"

    def _default_partner_id(self):
        if self.env.context.get("active_model") == "res.partner":
            return self.env.context.get("active_id")
        return False

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade",
        default=_default_partner_id,
    )
    ticket_count = fields.Integer(
        related="partner_id.aftersales_ticket_count", readonly=True,
    )
    confirm = fields.Boolean(
        string="The customer asked for it; this cannot be undone",
    )

    @api.multi
    def action_anonymize(self):
        self.ensure_one()
        if not self.env.user.has_group("aftersales_ticket.group_manager"):
            raise AccessError(_(
                "Only after-sales managers can anonymise a customer's data."))
        if not self.confirm:
            raise UserError(_("Tick the confirmation box first: anonymisation "
                              "cannot be undone."))
        # sudo: the erasure must reach every ticket, message and tracking
        # value of the customer whatever the company or record rules; the
        # manager's right to ask for it is checked above.
        partner = self.partner_id.sudo()
        partners = partner.with_context(active_test=False).search(
            [("id", "child_of", partner.id)])
        self._anonymize_partners(partners)
        partner._aftersales_post_note(
            _("Service history anonymised at the customer's request by %s.")
            % self.env.user.name, author_id=self.env.user.partner_id.id)
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def _anonymize_partners(self, partners):
        """Anonymise ``partners`` (given with superuser rights) and their
        service history; the work runs in their environment."""
        users = partners.with_context(active_test=False).mapped("user_ids")
        if users.filtered(lambda user: not user.share):
            raise UserError(_(
                "This customer is linked to an internal user; deactivate or "
                "change that user before anonymising."))
        # partners come with superuser rights (see action_anonymize)
        quiet = partners.with_context(tracking_disable=True, mail_notrack=True).env
        tickets = quiet["aftersales.ticket"].search(
            [("partner_id", "in", partners.ids)])
        needles = personal_values(*(
            partners.mapped("name") + partners.mapped("display_name")
            + partners.mapped("email") + partners.mapped("phone")
            + partners.mapped("mobile") + partners.mapped("street")
            + partners.mapped("street2") + tickets._get_personal_values()))
        self._anonymize_tickets(tickets, needles)
        messages = self.with_env(quiet)._anonymize_messages(
            tickets, partners, needles)
        self.with_env(quiet)._anonymize_activities(tickets, needles)
        for user in users:
            user.write({"login": "anonymised-%d" % user.id, "active": False})
        for each in partners.with_env(quiet):
            each.write(self._prepare_partner_values(each))
        _logger.info("Anonymised service history of partners %s: %d tickets, "
                     "%d messages", partners.ids, len(tickets), len(messages))

    @api.model
    def _prepare_partner_values(self, partner):
        values = dict.fromkeys(PARTNER_PERSONAL_FIELDS, False)
        values.update({
            "name": _("Anonymised customer %d") % partner.id,
            "aftersales_consent": False,
            "aftersales_anonymized_on": fields.Datetime.now(),
        })
        return values

    @api.model
    def _anonymize_tickets(self, tickets, needles):
        """Write the tickets' anonymised values, one write per distinct set
        of values."""
        batches = {}
        for ticket in tickets:
            values = ticket._prepare_anonymized_values(needles)
            key = repr(sorted(values.items()))
            batches.setdefault(key, (values, tickets.browse()))
            batches[key] = (values, batches[key][1] | ticket)
        for values, batch in batches.values():
            batch.write(values)

    @api.model
    def _anonymize_messages(self, tickets, partners, needles):
        """Bodies of the messages on the tickets and the partners, and of the
        partners' own messages, are removed with their tracked texts."""
        Message = self.env["mail.message"]
        messages = Message.search([
            "|", "|",
            "&", ("model", "=", "aftersales.ticket"), ("res_id", "in", tickets.ids),
            "&", ("model", "=", "res.partner"), ("res_id", "in", partners.ids),
            ("author_id", "in", partners.ids),
        ])
        if not messages:
            return messages
        messages.write({
            "body": "<p>%s</p>" % _("Removed at the customer's request."),
            "subject": False,
            "email_from": False,
            "reply_to": False,
            "record_name": False,
        })
        trackings = self.env["mail.tracking.value"].search(
            [("mail_message_id", "in", messages.ids)])
        personal = trackings.filtered(
            lambda tracking: self._is_personal_tracking(tracking, needles))
        personal.write({
            "old_value_char": False, "new_value_char": False,
            "old_value_text": False, "new_value_text": False,
        })
        mails = self.env["mail.mail"].search(
            [("mail_message_id", "in", messages.ids)])
        queued = mails.filtered(lambda mail: mail.state in ("outgoing", "exception"))
        queued.write({"state": "cancel"})
        mails.write({"body_html": False, "email_to": False, "email_cc": False})
        return messages

    @api.model
    def _is_personal_tracking(self, tracking, needles):
        texts = [tracking.old_value_char, tracking.new_value_char,
                 tracking.old_value_text, tracking.new_value_text]
        if not any(texts):
            return False
        if tracking.field_type not in NEUTRAL_TRACKING_TYPES + ("many2one",):
            return True
        model = tracking.mail_message_id.model
        field = self.env[model]._fields.get(tracking.field) \
            if model in self.env else None
        if tracking.field_type == "many2one" and (
                field is None or field.comodel_name in PERSONAL_COMODELS):
            return True
        return any(scrub_text(text, needles, "") != text for text in texts if text)

    @api.model
    def _anonymize_activities(self, tickets, needles):
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "aftersales.ticket"), ("res_id", "in", tickets.ids),
        ])
        replacement = _("[anonymised]")
        for activity in activities:
            values = {}
            for name in ("summary", "note"):
                scrubbed = scrub_text(activity[name], needles, replacement)
                if scrubbed != activity[name]:
                    values[name] = scrubbed
            if values:
                activity.write(values)
