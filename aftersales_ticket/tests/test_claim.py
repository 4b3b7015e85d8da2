# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import base64

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import AftersalesCase


class TestClaim(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestClaim, cls).setUpClass()
        cls.contact_a = cls.env["res.partner"].create({
            "name": "Claim Contact", "parent_id": cls.customer_a.id,
        })

    def setUp(self):
        super(TestClaim, self).setUp()
        self.claim = self.create_ticket(
            request_type="claim", partner_id=self.contact_a.id,
            subject="Parquet damaged during installation",
            compensation_amount=150.0)

    def _attach_photo(self, ticket):
        return self.env["ir.attachment"].create({
            "name": "damage.jpg", "datas_fname": "damage.jpg",
            "datas": base64.b64encode(b"\xff\xd8\xff\xe0 photo"),
            "res_model": "aftersales.ticket", "res_id": ticket.id,
        })

    def _refunds(self, ticket):
        return self.env["account.invoice"].search([
            ("type", "=", "out_refund"), ("origin", "=", ticket.name)])

    def test_submit_needs_evidence(self):
        claim = self.claim.sudo(self.agent)
        with self.assertRaises(UserError) as error:
            claim.action_claim_submit()
        self.assertIn("Attach evidence", error.exception.name)
        self.assertEqual(claim.claim_state, "draft")
        self._attach_photo(self.claim)
        self.assertEqual(claim.claim_evidence_count, 1)
        claim.action_claim_submit()
        self.assertEqual(claim.claim_state, "submitted")

    def test_approval_creates_one_credit_note(self):
        self._attach_photo(self.claim)
        self.claim.sudo(self.agent).action_claim_submit()
        claim = self.claim.sudo(self.manager)
        claim.action_claim_approve()
        self.assertEqual(claim.claim_state, "approved")
        self.assertEqual(claim.claim_decided_by_id, self.manager)
        # (read as administrator: managers need no billing rights)
        refund = self.claim.claim_refund_id
        self.assertEqual(refund, self._refunds(self.claim))
        self.assertEqual(refund.type, "out_refund")
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.partner_id, self.customer_a)
        self.assertEqual(len(refund.invoice_line_ids), 1)
        line = refund.invoice_line_ids
        product = self.env.ref("aftersales_ticket.product_claim_compensation")
        self.assertEqual(line.product_id, product)
        self.assertEqual(line.name, "Claim compensation")
        # the compensation product carries no tax: the total is the amount
        self.assertFalse(product.taxes_id)
        self.assertAlmostEqual(refund.amount_total, 150.0, places=2)
        self.assertEqual(self.claim.action_open_claim_refund()["res_id"], refund.id)
        # approving again creates nothing new
        claim.action_claim_approve()
        self.assertEqual(self._refunds(self.claim), refund)
        self.assertEqual(self.claim.claim_refund_id, refund)
        # the approved amount is final
        with self.assertRaises(UserError), self.env.cr.savepoint():
            claim.write({"compensation_amount": 300.0})
        self.assertAlmostEqual(refund.amount_total, 150.0, places=2)

    def test_only_managers_decide(self):
        self._attach_photo(self.claim)
        self.claim.sudo(self.agent).action_claim_submit()
        for user in (self.agent, self.director):
            with self.assertRaises(AccessError):
                self.claim.sudo(user).action_claim_approve()
            with self.assertRaises(AccessError):
                self.claim.sudo(user).action_claim_reject()
        self.assertEqual(self.claim.claim_state, "submitted")
        self.assertFalse(self._refunds(self.claim))

    def test_approval_needs_submitted_claim_and_amount(self):
        claim = self.claim.sudo(self.manager)
        with self.assertRaises(UserError):
            claim.action_claim_approve()  # still draft
        self._attach_photo(self.claim)
        claim.action_claim_submit()
        claim.compensation_amount = 0.0
        with self.assertRaises(UserError) as error:
            claim.action_claim_approve()
        self.assertIn("greater than zero", error.exception.name)
        self.assertFalse(self._refunds(self.claim))
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            claim.compensation_amount = -10.0

    def test_rejection_needs_reason_and_makes_no_credit_note(self):
        self._attach_photo(self.claim)
        claim = self.claim.sudo(self.manager)
        claim.action_claim_submit()
        with self.assertRaises(UserError):
            claim.action_claim_reject()
        claim.claim_rejection_reason = "Damage caused by the customer's movers."
        claim.action_claim_reject()
        self.assertEqual(claim.claim_state, "rejected")
        self.assertFalse(self._refunds(self.claim))
        # reopened with more evidence, it can go back to management
        claim.action_claim_reset_draft()
        claim.action_claim_submit()
        self.assertEqual(claim.claim_state, "submitted")

    def test_only_claims_have_a_claim_workflow(self):
        fault = self.create_ticket(request_type="fault")
        self._attach_photo(fault)
        with self.assertRaises(UserError):
            fault.action_claim_submit()
