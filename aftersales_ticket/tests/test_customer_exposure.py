# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""What a customer reaches, as the customer, over real HTTP and XML-RPC:
never internal work (D), internal costs nor internal notes."""
from xmlrpc.client import Fault, ServerProxy

from odoo.tests import common as odoo_test_common
from odoo.tests.common import get_db_name

from .common import AftersalesHttpCase

PASSWORD = "exposure-Secret-2026"
SIGNATURE_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
                 "nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==")
COST_FIELDS = ("labour_cost", "parts_cost", "total_cost")


class CustomerCase(AftersalesHttpCase):
    """A customer company with a portal user (its contact), one request of
    theirs, one internal job (D) at their site and another customer's
    request."""

    def setUp(self):
        super(CustomerCase, self).setUp()
        Partner = self.env["res.partner"]
        self.customer = Partner.create({
            "name": "Exposure Customer SA", "is_company": True,
            "email": "desk@exposure-customer.example.com"})
        self.contact = Partner.create({
            "name": "Eva Exposure", "parent_id": self.customer.id,
            "email": "eva@exposure-customer.example.com"})
        self.other_customer = Partner.create({
            "name": "Other Exposure SL", "is_company": True})
        self.portal_user = self.create_user(
            "test_exposure_portal", ["base.group_portal"], PASSWORD,
            self.contact)
        Ticket = self.env["aftersales.ticket"]
        self.ticket = Ticket.create({
            "subject": "Dishwasher floods the kitchen",
            "partner_id": self.contact.id, "service_category": "A"})
        # the technician has been on site: the voucher may be signed
        self.ticket.date_arrived = self.ticket.date_received
        self.internal = Ticket.create({
            "subject": "Secret stock audit at the customer site",
            "partner_id": self.customer.id, "service_category": "D",
            "diagnosis": "Internal diagnosis nobody outside may read"})
        self.other = Ticket.create({
            "subject": "Other customer's oven",
            "partner_id": self.other_customer.id})

    def portal_rpc(self, model, method, *args, **kwargs):
        proxy = ServerProxy("http://%s:%s/xmlrpc/2/object" % (
            odoo_test_common.HOST, odoo_test_common.PORT))
        return proxy.execute_kw(get_db_name(), self.portal_user.id, PASSWORD,
                                model, method, list(args), kwargs)

    def sign(self, ticket):
        return self.url_post(
            "/my/tickets/%d/sign/submit" % ticket.id, None, json_body={
                "jsonrpc": "2.0", "method": "call", "params": {
                    "partner_name": "Eva Exposure",
                    "signature": SIGNATURE_PNG}}).json()["result"]


class TestSignaturePageAccess(CustomerCase):
    """Item 3: the signature page checks access like the request's page."""

    def test_internal_work_cannot_be_seen_or_signed(self):
        self.checkpoint()
        self.authenticate("test_exposure_portal", PASSWORD)
        for ticket in (self.internal, self.other):
            page = self.url_open("/my/tickets/%d/sign" % ticket.id)
            self.assertEqual(page.status_code, 404)
            self.assertNotIn(ticket.subject, page.text)
            self.assertNotIn("Internal diagnosis", page.text)
            result = self.sign(ticket)
            self.assertIn("error", result)
            self.assertNotIn("success", result)
        self.refresh()
        for ticket in (self.internal, self.other):
            self.assertFalse(ticket.customer_signature)
            self.assertFalse(ticket.signed_by)

    def test_own_request_is_shown_and_signed(self):
        self.checkpoint()
        self.authenticate("test_exposure_portal", PASSWORD)
        page = self.url_open("/my/tickets/%d/sign" % self.ticket.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Dishwasher floods the kitchen", page.text)
        result = self.sign(self.ticket)
        self.assertIn("success", result)
        self.refresh()
        self.assertEqual(self.ticket.signed_by, "Eva Exposure")
        self.assertTrue(self.ticket.customer_signature)


class TestCostsHidden(CustomerCase):
    """Item 5: internal cost prices never reach the customer."""

    def test_portal_user_cannot_read_costs(self):
        product = self.env["product.product"].create({
            "name": "Exposure Pump", "type": "consu",
            "standard_price": 61.37, "list_price": 99.0})
        self.env["aftersales.ticket.part"].create({
            "ticket_id": self.ticket.id, "product_id": product.id,
            "quantity": 2.0})
        self.assertAlmostEqual(self.ticket.parts_cost, 122.74)
        self.checkpoint()
        # over XML-RPC: refused, and not even described
        for name in COST_FIELDS:
            with self.assertRaises(Fault) as fault:
                self.portal_rpc("aftersales.ticket", "read",
                                [self.ticket.id], [name])
            self.assertIn("security restrictions", fault.exception.faultString)
        values = self.portal_rpc("aftersales.ticket", "read", [self.ticket.id],
                                 ["subject", "name"])
        self.assertEqual(values[0]["subject"], "Dishwasher floods the kitchen")
        self.assertFalse(set(COST_FIELDS) & set(self.portal_rpc(
            "aftersales.ticket", "fields_get")))
        with self.assertRaises(Fault):
            self.portal_rpc("aftersales.ticket", "search_read",
                            [("id", "=", self.ticket.id)], ["total_cost"])
        # nor on the portal pages
        self.authenticate("test_exposure_portal", PASSWORD)
        for url in ("/my/tickets/%d", "/my/tickets/%d/sign"):
            page = self.url_open(url % self.ticket.id)
            self.assertEqual(page.status_code, 200)
            self.assertIn(self.ticket.name, page.text)
            self.assertNotIn("122.74", page.text)
            self.assertNotIn("61.37", page.text)
        # nor in the e-mails of the ticket
        mails = self.env["mail.mail"].search([
            ("model", "=", "aftersales.ticket"),
            ("res_id", "=", self.ticket.id)])
        self.assertTrue(mails)  # the acknowledgement
        for mail in mails:
            self.assertNotIn("122.74", mail.body_html or "")

    def test_portal_user_reads_what_he_pays(self):
        product = self.env["product.product"].create({
            "name": "Exposure Valve", "type": "consu",
            "standard_price": 20.0, "list_price": 45.5})
        self.env["aftersales.ticket.part"].create({
            "ticket_id": self.ticket.id, "product_id": product.id,
            "quantity": 2.0})
        self.env["account.analytic.line"].create({
            "aftersales_ticket_id": self.ticket.id, "name": "Repair",
            "unit_amount": 1.5, "user_id": self.env.uid})
        labour_rate = self.env.ref(
            "aftersales_ticket.product_product_onsite_labour").lst_price
        self.checkpoint()
        values = self.portal_rpc(
            "aftersales.ticket", "read", [self.ticket.id],
            ["parts_amount", "labour_amount", "fee_amount"])[0]
        self.assertAlmostEqual(values["parts_amount"], 91.0)
        self.assertAlmostEqual(values["labour_amount"], 1.5 * labour_rate)
        self.assertAlmostEqual(values["fee_amount"], 91.0 + 1.5 * labour_rate)


class TestInternalNotesHidden(CustomerCase):
    """Item 6: internal notes are not readable by the customer, who follows
    the request."""

    def test_notes_unreadable_over_rpc(self):
        self.assertIn(self.contact, self.ticket.message_partner_ids)
        Message = self.env["mail.message"]
        notes = self.ticket._aftersales_post_note(
            "<p>Note one: customer pays late</p>")
        # a note posted the plain way is as internal
        notes |= self.ticket.message_post(
            body="<p>Note two: margin is thin</p>", subtype="mail.mt_note")
        notes |= self.ticket.message_post(body="<p>Note three: default</p>")
        comment = self.ticket.message_post(
            body="<p>The technician comes on Monday</p>",
            message_type="comment", subtype="mail.mt_comment")
        self.assertEqual(set(notes.mapped("message_type")), {"comment"})
        self.assertEqual(len(notes), 3)
        self.checkpoint()
        found = self.portal_rpc(
            "mail.message", "search_read",
            [("model", "=", "aftersales.ticket"),
             ("res_id", "=", self.ticket.id)], ["body"])
        bodies = " ".join(message["body"] for message in found)
        self.assertIn("comes on Monday", bodies)
        self.assertNotIn("Note ", bodies)
        self.assertEqual(self.portal_rpc(
            "mail.message", "search_count", [("id", "in", notes.ids)]), 0)
        for note in notes:
            with self.assertRaises(Fault) as fault:
                self.portal_rpc("mail.message", "read", [note.id], ["body"])
            self.assertIn("security restrictions", fault.exception.faultString)
        self.assertEqual(self.portal_rpc(
            "mail.message", "read", [comment.id], ["body"])[0]["body"],
            "<p>The technician comes on Monday</p>")
        # nor on the portal page, nor e-mailed to the customer
        self.authenticate("test_exposure_portal", PASSWORD)
        page = self.url_open("/my/tickets/%d" % self.ticket.id)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Note ", page.text)
        self.assertFalse(self.env["mail.mail"].search([
            ("mail_message_id", "in", notes.ids)]))
        self.assertFalse(Message.search([
            ("id", "in", notes.ids),
            ("needaction_partner_ids", "in", self.contact.ids)]))
