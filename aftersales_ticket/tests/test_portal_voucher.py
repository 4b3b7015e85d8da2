# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The customer's voucher on the portal (issue 19, item 13): signed only
after a visit, downloaded under the ticket's number, described in the
customer's words."""
import json

from .common import AftersalesHttpCase

PASSWORD = "portal-Voucher-2026"
SIGNATURE_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
                 "nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==")


class TestPortalVoucher(AftersalesHttpCase):

    def setUp(self):
        super(TestPortalVoucher, self).setUp()
        Partner = self.env["res.partner"]
        self.customer = Partner.create({
            "name": "Portal Voucher SA", "is_company": True})
        contact = Partner.create({
            "name": "Paula Voucher", "parent_id": self.customer.id,
            "email": "paula@portal-voucher.example.com"})
        self.create_user("test_portal_voucher", ["base.group_portal"],
                         PASSWORD, contact)
        technician = self.create_user(
            "test_portal_voucher_tech", ["aftersales_ticket.group_technician"],
            PASSWORD)
        team = self.env["aftersales.team"].create({
            "name": "Portal Voucher Team",
            "member_ids": [(6, 0, [technician.id])]})
        self.ticket = self.env["aftersales.ticket"].with_context(
            aftersales_no_auto_assign=True).create({
                "subject": "Dishwasher does not drain",
                "partner_id": self.customer.id, "team_id": team.id,
                "user_id": technician.id, "service_category": "A"})
        self.technician = technician
        self.checkpoint()

    def _submit_signature(self):
        return self.url_post(
            "/my/tickets/%d/sign/submit" % self.ticket.id, None,
            json_body={"jsonrpc": "2.0", "method": "call", "params": {
                "partner_name": "Paula Voucher",
                "signature": SIGNATURE_PNG}},
            referer="/my/tickets/%d/sign" % self.ticket.id)

    def test_voucher_is_signed_only_after_a_visit(self):
        self.authenticate("test_portal_voucher", PASSWORD)
        page = self.url_open("/my/tickets/%d" % self.ticket.id)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Sign the Voucher", page.text)
        sign_page = self.url_open("/my/tickets/%d/sign" % self.ticket.id)
        self.assertNotIn('id="aftersales_voucher_sign"', sign_page.text)
        answer = json.loads(self._submit_signature().text)["result"]
        self.assertIn("once the technician has been on site",
                      answer.get("error", ""))
        self.refresh()
        self.assertFalse(self.ticket.customer_signature)
        # the technician arrives: now it can be signed
        self.ticket.sudo(self.technician).action_arrive()
        self.checkpoint()
        page = self.url_open("/my/tickets/%d" % self.ticket.id)
        self.assertIn("Sign the Voucher", page.text)
        answer = json.loads(self._submit_signature().text)["result"]
        self.assertIn("success", answer)
        self.refresh()
        self.assertTrue(self.ticket.customer_signature)

    def test_voucher_download_is_named_by_the_ticket_number(self):
        self.authenticate("test_portal_voucher", PASSWORD)
        response = self.url_open("/my/tickets/%d/voucher" % self.ticket.id,
                                 timeout=60)
        self.assertEqual(response.status_code, 200)
        disposition = response.headers.get("Content-Disposition", "")
        self.assertIn("attachment", disposition)
        self.assertIn("%s.pdf" % self.ticket.name, disposition)
        self.assertIn(self.ticket.name, response.text)

    def test_portal_shows_customer_wording(self):
        self.authenticate("test_portal_voucher", PASSWORD)
        page = self.url_open("/my/tickets/%d" % self.ticket.id)
        self.assertIn("Paid service", page.text)
        self.assertNotIn("A - Paid service", page.text)
