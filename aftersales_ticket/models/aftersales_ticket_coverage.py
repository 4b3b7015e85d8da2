# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError

from ..lib import coverage

# why a decided category was given, for the note of a refused request
CATEGORY_REASONS = {
    coverage.CATEGORY_WARRANTY: coverage.REASON_WARRANTY,
    coverage.CATEGORY_CONTRACT: coverage.REASON_CONTRACT,
    coverage.CATEGORY_PAID: coverage.REASON_NO_COVERAGE,
    coverage.CATEGORY_INTERNAL: coverage.REASON_INTERNAL,
}


# The ticket is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    """Coverage: which service category applies (spec points 2 and 12),
    the covering contract and its SLA tier."""

    _inherit = "aftersales.ticket"

    @api.model
    def _prepare_classify_values(self, vals):
        """Pipeline step "classify": the coverage of the request, computed
        once on a draft of it, gives its category (unless it was asked for
        as paid or internal work) and the values stored from it (the SLA
        tier, the contract...)."""
        values = super(AftersalesTicket, self)._prepare_classify_values(vals)
        requested = vals.get("service_category") or self.env.context.get(
            "default_service_category")
        if requested in (coverage.CATEGORY_PAID, coverage.CATEGORY_INTERNAL):
            values["service_category"] = requested
            return values
        draft = self.new(self._prepare_coverage_draft_values(vals))
        covered = draft._get_coverage()
        values["service_category"] = draft._decide_service_category(
            requested, covered)[0]
        for key, value in self._prepare_coverage_values(covered).items():
            if not vals.get(key):
                values[key] = value
        return values

    @api.model
    def _prepare_coverage_values(self, covered):
        """Hook: ticket values stored from its coverage (a
        ``lib.coverage.Coverage``): the SLA tier of the covering contract;
        aftersales_contract adds the contract itself."""
        if covered.sla_tier:
            return {"sla_tier": covered.sla_tier}
        return {}

    def _after_create_messages(self, vals, automated, requested):
        """A chatter note explains a requested free category that the
        coverage did not grant."""
        result = super(AftersalesTicket, self)._after_create_messages(
            vals, automated, requested)
        for ticket in self:
            if coverage.is_downgrade(requested, ticket.service_category):
                ticket._message_log_category_decision(
                    requested, CATEGORY_REASONS[ticket.service_category])
        return result

    @api.model
    def _prepare_coverage_draft_values(self, vals):
        """Values of the draft ticket the coverage is decided on."""
        values = {
            key: vals.get(key) for key in (
                "partner_id", "product_id", "lot_id", "company_id", "team_id",
                "request_type")
            if vals.get(key)
        }
        values["date_received"] = vals.get("date_received") or \
            fields.Datetime.now()
        return values

    @api.multi
    def _get_warranty_end_date(self):
        """Last day of warranty of the ticket's serial for its customer."""
        self.ensure_one()
        if not self.lot_id or not self.partner_id:
            return None
        return self.lot_id._get_warranty_end_date(self.partner_id)

    @api.multi
    def _is_under_warranty(self):
        self.ensure_one()
        return coverage.is_under_warranty(
            self._get_warranty_end_date(),
            fields.Datetime.from_string(self.date_received))

    @api.multi
    def _get_covering_contract(self):
        """Hook: the maintenance contract covering this ticket (customer,
        product, serial at ``date_received``), or None. ``self`` may be a
        draft (new) record. Filled by aftersales_contract."""
        self.ensure_one()
        return None

    @api.multi
    def _get_coverage(self):
        """What covers this ticket (or draft), as a ``lib.coverage.Coverage``:
        the warranty end of its serial for its customer, whether it is under
        warranty on the day it was received, the covering contract and its
        SLA tier."""
        self.ensure_one()
        end_date = self._get_warranty_end_date()
        contract = self._get_covering_contract() or None
        return coverage.Coverage(
            warranty_end=end_date,
            under_warranty=coverage.is_under_warranty(
                end_date, fields.Datetime.from_string(self.date_received)),
            contract=contract,
            sla_tier=getattr(contract, "sla_tier", None) or None,
        )

    @api.multi
    def _decide_service_category(self, requested, covered=None):
        """``(category, reason)`` for this ticket when ``requested`` (or no
        category, ``None``) is asked for, from its coverage ``covered``
        (computed when not given); see ``lib/coverage.py``."""
        self.ensure_one()
        if requested in (coverage.CATEGORY_PAID, coverage.CATEGORY_INTERNAL):
            return coverage.decide_category(requested, False, False)
        return coverage.decide_category_from(
            requested, covered or self._get_coverage())

    @api.multi
    def _check_category_coverage(self, vals):
        """A ticket may only be moved to B or C when it is covered."""
        requested = vals["service_category"]
        for ticket in self:
            values = {
                "partner_id": ticket.partner_id.id,
                "product_id": ticket.product_id.id,
                "lot_id": ticket.lot_id.id,
                "company_id": ticket.company_id.id,
                "team_id": ticket.team_id.id,
                "request_type": ticket.request_type,
                "date_received": ticket.date_received,
            }
            values.update({
                key: value for key, value in vals.items() if key in values})
            draft = self.new(self._prepare_coverage_draft_values(values))
            category, reason = draft._decide_service_category(requested)
            if category != requested:
                raise ValidationError(_(
                    "%(ticket)s cannot be in category %(requested)s: "
                    "%(reason)s") % {
                        "ticket": ticket.name, "requested": requested,
                        "reason": draft._describe_category_decision(
                            requested, category, reason)})

    @api.multi
    def _describe_category_decision(self, requested, category, reason):
        """A sentence explaining why ``category`` was given instead of
        ``requested``."""
        self.ensure_one()
        labels = dict(self._fields["service_category"]._description_selection(
            self.env))
        if requested == "C":
            end_date = self._get_warranty_end_date()
            if end_date:
                why = _("the warranty of serial number %(lot)s ended on "
                        "%(date)s.") % {"lot": self.lot_id.name,
                                        "date": fields.Date.to_string(end_date)}
            elif self.lot_id:
                why = _("no warranty was found for serial number %(lot)s "
                        "(no delivery to this customer, or no warranty "
                        "period on the product).") % {"lot": self.lot_id.name}
            else:
                why = _("no serial number is given, so no warranty applies.")
        else:
            why = _("no maintenance contract covers this request.")
        if reason == coverage.REASON_WARRANTY:
            then = _("It is under warranty: %s.") % labels[category]
        elif reason == coverage.REASON_CONTRACT:
            then = _("It is covered by a contract: %s.") % labels[category]
        else:
            then = _("It is a paid service: %s.") % labels[category]
        return "%s %s" % (why, then)

    @api.multi
    def _message_log_category_decision(self, requested, reason):
        """Chatter note when a requested free category was not granted."""
        labels = dict(self._fields["service_category"]._description_selection(
            self.env))
        for ticket in self:
            explanation = ticket._describe_category_decision(
                requested, ticket.service_category, reason)
            ticket.message_post(
                body="<p>%s</p>" % tools.html_escape(_(
                    "Requested category %(requested)s was not granted: "
                    "%(explanation)s") % {
                        "requested": labels[requested],
                        "explanation": explanation}),
                subtype="mail.mt_note")
