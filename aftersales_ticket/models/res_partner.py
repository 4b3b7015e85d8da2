# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "aftersales.mixin"]
    # the suite's links only; the model's own computed fields are base's
    _aftersales_guard_stored_computes = False

    aftersales_consent = fields.Boolean(
        string="Service Data Consent",
        help="The customer agreed that their contact data is kept and used "
             "for after-sales service.",
    )
    aftersales_consent_date = fields.Date(string="Consent Date")
    aftersales_consent_purpose = fields.Text(
        string="Consent Purpose",
        help="Lawful purpose the customer's data is kept for, as told to "
             "the customer.",
    )
    aftersales_anonymized_on = fields.Datetime(
        string="Service History Anonymised On", readonly=True, copy=False,
    )
    # Only for who may read tickets: on the field itself (a view's
    # ``groups`` only hides its node, the web client still reads it), so
    # that the partner form of a plain employee does not count tickets.
    aftersales_ticket_count = fields.Integer(
        string="Service Tickets", compute="_compute_aftersales_ticket_count",
        groups="aftersales_ticket.group_agent,"
               "aftersales_ticket.group_technician",
    )

    def _compute_aftersales_ticket_count(self):
        """Tickets of a company and its contacts for a company, the
        contact's own tickets for a contact."""
        ids = [partner_id for partner_id in self.ids if isinstance(partner_id, int)]
        by_commercial = by_partner = {}
        if ids:
            Ticket = self.env["aftersales.ticket"]
            groups = Ticket.read_group(
                [("commercial_partner_id", "in", ids)],
                ["commercial_partner_id"], ["commercial_partner_id"])
            by_commercial = {group["commercial_partner_id"][0]:
                             group["commercial_partner_id_count"]
                             for group in groups}
            groups = Ticket.read_group(
                [("partner_id", "in", ids)], ["partner_id"], ["partner_id"])
            by_partner = {group["partner_id"][0]: group["partner_id_count"]
                          for group in groups}
        for partner in self:
            if partner.commercial_partner_id == partner:
                partner.aftersales_ticket_count = by_commercial.get(partner.id, 0)
            else:
                partner.aftersales_ticket_count = by_partner.get(partner.id, 0)

    @api.onchange("aftersales_consent")
    def _onchange_aftersales_consent(self):
        if self.aftersales_consent and not self.aftersales_consent_date:
            self.aftersales_consent_date = fields.Date.context_today(self)

    def _get_aftersales_ticket_domain(self):
        self.ensure_one()
        if self.commercial_partner_id == self:
            return [("commercial_partner_id", "=", self.id)]
        return [("partner_id", "=", self.id)]

    def action_view_aftersales_tickets(self):
        self.ensure_one()
        action = self.env.ref("aftersales_ticket.aftersales_ticket_action").read()[0]
        action.update({
            "domain": self._get_aftersales_ticket_domain(),
            "context": {"default_partner_id": self.id},
        })
        return action

    @api.model
    def create(self, vals):
        # the suite's fields only: the others are base's business
        self._aftersales_check_suite_values(vals)
        return super(ResPartner, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_suite_values(vals)
        return super(ResPartner, self).write(vals)
