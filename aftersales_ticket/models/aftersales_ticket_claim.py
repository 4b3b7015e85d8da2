# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Claims: evidence before submission, a compensation decision by
management, and the customer credit note an approval creates."""
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

_logger = logging.getLogger(__name__)

CLAIM_PRODUCT_XMLID = "product_claim_compensation"
CLAIM_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]
# Set by the claim's actions only (see aftersales.mixin).
CLAIM_WORKFLOW_FIELDS = ("claim_state", "claim_decided_by_id",
                         "claim_decided_on", "claim_refund_id")
# Claim states in which the compensation amount is decided.
CLAIM_DECIDED_STATES = ("approved", "rejected")


# The ticket is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    _inherit = "aftersales.ticket"

    claim_state = fields.Selection(
        CLAIM_STATES, string="Claim Status", default="draft", readonly=True,
        copy=False, index=True, track_visibility="onchange",
    )
    claim_evidence_count = fields.Integer(
        string="Evidence", compute="_compute_claim_evidence_count",
        help="Photos and documents attached to the ticket.",
    )
    company_currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id",
        string="Company Currency", readonly=True,
    )
    compensation_amount = fields.Monetary(
        currency_field="company_currency_id", copy=False,
        track_visibility="onchange",
    )
    claim_rejection_reason = fields.Text(string="Rejection Reason", copy=False)
    claim_decided_by_id = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False,
    )
    claim_decided_on = fields.Datetime(string="Decided On", readonly=True,
                                       copy=False)
    claim_refund_id = fields.Many2one(
        "account.invoice", string="Compensation Credit Note", readonly=True,
        copy=False, index=True,
    )

    def _compute_claim_evidence_count(self):
        counts = self._get_claim_evidence_counts()
        for ticket in self:
            ticket.claim_evidence_count = counts.get(ticket.id, 0)

    @api.constrains("compensation_amount")
    def _check_compensation_amount(self):
        if any(ticket.compensation_amount < 0 for ticket in self):
            raise ValidationError(_("A compensation amount cannot be negative."))

    def _aftersales_workflow_field_names(self):
        return super(AftersalesTicket, self)._aftersales_workflow_field_names(
        ).union(CLAIM_WORKFLOW_FIELDS)

    def _aftersales_check_business_values(self, vals, creating):
        """A decided compensation is final (reset a rejected claim to draft
        to change it)."""
        if "compensation_amount" in vals and not creating:
            decided = self.filtered(
                lambda t: t.claim_state in CLAIM_DECIDED_STATES)
            if decided:
                raise UserError(_(
                    "The compensation of claim %s has been decided and can no "
                    "longer be changed.") % ", ".join(decided.mapped("name")))
        return super(AftersalesTicket, self)._aftersales_check_business_values(
            vals, creating)

    def action_claim_submit(self):
        self._check_is_claim()
        not_draft = self.filtered(lambda t: t.claim_state != "draft")
        if not_draft:
            raise UserError(_("Only draft claims can be submitted: %s")
                            % ", ".join(not_draft.mapped("name")))
        counts = self._get_claim_evidence_counts()
        missing = self.filtered(lambda t: not counts.get(t.id))
        if missing:
            raise UserError(_(
                "Attach evidence (photos or documents) to claim %s before "
                "submitting it to management.") % ", ".join(missing.mapped("name")))
        self._aftersales_workflow_write({"claim_state": "submitted"})
        return True

    def action_claim_approve(self):
        """Approve the compensation and create the customer credit note.
        Approving an approved claim again does nothing."""
        self._check_claim_manager()
        self._check_is_claim()
        # once per claim, and one decision at a time: a second approval
        # finds the first one's credit note
        claims = self._aftersales_lock()
        todo = claims.filtered(lambda t: t.claim_state != "approved")
        not_submitted = todo.filtered(lambda t: t.claim_state != "submitted")
        if not_submitted:
            raise UserError(_("Only submitted claims can be approved: %s")
                            % ", ".join(not_submitted.mapped("name")))
        no_amount = todo.filtered(lambda t: t.compensation_amount <= 0)
        if no_amount:
            raise UserError(_(
                "Enter a compensation amount greater than zero on claim %s "
                "before approving it.") % ", ".join(no_amount.mapped("name")))
        for ticket in todo:
            # the credit note comes with superuser rights, see there
            refund = ticket._create_claim_refund()
            ticket._aftersales_workflow_write({
                "claim_state": "approved",
                "claim_refund_id": refund.id,
                "claim_decided_by_id": self.env.uid,
                "claim_decided_on": fields.Datetime.now(),
            })
            ticket.message_post(
                body=_("Compensation approved; credit note created: %s")
                % refund.display_name,
                subtype="mail.mt_note")
        return True

    def action_claim_reject(self):
        self._check_claim_manager()
        self._check_is_claim()
        claims = self._aftersales_lock()
        not_submitted = claims.filtered(lambda t: t.claim_state != "submitted")
        if not_submitted:
            raise UserError(_("Only submitted claims can be rejected: %s")
                            % ", ".join(not_submitted.mapped("name")))
        no_reason = claims.filtered(
            lambda t: not (t.claim_rejection_reason or "").strip())
        if no_reason:
            raise UserError(_("Give the reason for rejecting claim %s.")
                            % ", ".join(no_reason.mapped("name")))
        claims._aftersales_workflow_write({
            "claim_state": "rejected",
            "claim_decided_by_id": self.env.uid,
            "claim_decided_on": fields.Datetime.now(),
        })
        return True

    def action_claim_reset_draft(self):
        """Reopen a rejected claim, e.g. to add evidence and submit again."""
        self._check_is_claim()
        not_rejected = self.filtered(lambda t: t.claim_state != "rejected")
        if not_rejected:
            raise UserError(_("Only rejected claims can be reset to draft: %s")
                            % ", ".join(not_rejected.mapped("name")))
        self._aftersales_workflow_write({
            "claim_state": "draft", "claim_decided_by_id": False,
            "claim_decided_on": False})
        return True

    def action_open_claim_refund(self):
        self.ensure_one()
        action = self.env.ref("account.action_invoice_refund_out_tree").read()[0]
        action.update({
            "views": [(self.env.ref("account.invoice_form").id, "form")],
            "res_id": self.claim_refund_id.id,
        })
        return action

    def _get_claim_evidence_counts(self):
        """Number of attachments per ticket id (binary-field attachments
        excluded), counted in the database."""
        ids = [ticket_id for ticket_id in self.ids if isinstance(ticket_id, int)]
        if not ids:
            return {}
        groups = self.env["ir.attachment"].read_group(
            [("res_model", "=", self._name), ("res_id", "in", ids),
             ("res_field", "=", False)],
            ["res_id"], ["res_id"])
        return {group["res_id"]: group["res_id_count"] for group in groups}

    def _check_is_claim(self):
        others = self.filtered(lambda t: t.request_type != "claim")
        if others:
            raise UserError(_("%s is not a claim.")
                            % ", ".join(others.mapped("name")))

    def _check_claim_manager(self):
        if not self.env.user.has_group("aftersales_ticket.group_manager"):
            raise AccessError(_(
                "Only after-sales managers can approve or reject claims."))

    @api.model
    def _get_claim_compensation_product(self):
        """The tax-free service product of compensation lines, from
        data/product_claim_data.xml, created here if the data file skipped
        it (see there)."""
        xmlid = "aftersales_ticket.%s" % CLAIM_PRODUCT_XMLID
        product = self.env.ref(xmlid, raise_if_not_found=False)
        if product:
            return product
        # sudo: a manager deciding a claim may not create products; this is
        # the suite's own technical product.
        product = self.env["product.product"].sudo().create({
            "name": _("Claim compensation"),
            "default_code": "AS-CLAIM",
            "type": "service",
            "sale_ok": False,
            "purchase_ok": False,
            "list_price": 0.0,
            "taxes_id": [(6, 0, [])],
            "supplier_taxes_id": [(6, 0, [])],
        })
        self.env["ir.model.data"].sudo().create({
            "module": "aftersales_ticket",
            "name": CLAIM_PRODUCT_XMLID,
            "model": "product.product",
            "res_id": product.id,
            "noupdate": True,
        })
        return product.sudo(self.env.user)

    def _prepare_claim_refund(self):
        """Values of the customer credit note for an approved claim (the
        suite's one invoice builder, ``account.invoice``), linked to the
        claim: the database accepts one per claim."""
        self.ensure_one()
        values = self.env["account.invoice"]._aftersales_prepare_invoice_values(
            self.commercial_partner_id, self.company_id, self.name,
            invoice_type="out_refund",
            name=_("Claim compensation %s") % self.name)
        values["aftersales_claim_id"] = self.id
        values["invoice_line_ids"].append(
            (0, 0, self._prepare_claim_refund_line(values)))
        return values

    def _prepare_claim_refund_line(self, invoice_values):
        self.ensure_one()
        return self.env["account.invoice"]._aftersales_prepare_invoice_line_values(
            invoice_values, self._get_claim_compensation_product(), 1.0,
            self.compensation_amount, name=_("Claim compensation"))

    def _create_claim_refund(self):
        self.ensure_one()
        # sudo: managers decide compensations without holding billing
        # rights (journals, accounts, invoices); the credit note is created
        # in draft for the accountants.
        values = self.sudo()._prepare_claim_refund()
        Invoice = self.env["account.invoice"].sudo()
        refund = Invoice.browse(
            Invoice._aftersales_workflow().create(values).id)
        refund.compute_taxes()
        refund.message_post(
            body=_("Compensation for after-sales claim %s.") % self.name,
            subtype="mail.mt_note")
        _logger.info("Claim ticket %d: credit note %d created",
                     self.id, refund.id)
        return refund
