# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Item 9: every role that may read a ticket prints its service voucher,
over HTTP (``/report/pdf/...``) and as a real PDF; nobody else does."""
from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import AftersalesCase, AftersalesHttpCase, render_pdf

PASSWORD = "voucher-Access-2026"
REPORT_URL = "/report/pdf/aftersales_ticket.report_service_voucher/%d"
ROLES = {
    "agent": ["aftersales_ticket.group_agent"],
    "technician": ["aftersales_ticket.group_technician"],
    "director": ["aftersales_ticket.group_director"],
    "manager": ["aftersales_ticket.group_manager"],
}


def prepare_job(env, ticket, product):
    """Time, a part and an invoice on ``ticket``: what the voucher shows
    and not every role may read."""
    env["account.analytic.line"].create({
        "aftersales_ticket_id": ticket.id, "unit_amount": 1.5,
        "name": "Pump replaced under the sink"})
    env["aftersales.ticket.part"].create({
        "ticket_id": ticket.id, "product_id": product.id, "quantity": 1.0})
    ticket.action_create_invoice()
    assert ticket.invoice_ids and ticket.timesheet_ids


class TestVoucherPrintHttp(AftersalesHttpCase):

    def setUp(self):
        super(TestVoucherPrintHttp, self).setUp()
        Partner = self.env["res.partner"]
        self.customer = Partner.create({
            "name": "Voucher Print SA", "is_company": True})
        contact = Partner.create({
            "name": "Vera Print", "parent_id": self.customer.id,
            "email": "vera@voucher-print.example.com"})
        self.users = {
            role: self.create_user("test_voucher_%s" % role, groups, PASSWORD)
            for role, groups in ROLES.items()}
        self.users["portal"] = self.create_user(
            "test_voucher_portal", ["base.group_portal"], PASSWORD, contact)
        outsider = self.create_user(
            "test_voucher_outsider", ROLES["technician"], PASSWORD)
        team = self.env["aftersales.team"].create({
            "name": "Voucher Print Team",
            "member_ids": [(6, 0, [self.users["technician"].id])]})
        self.env["aftersales.team"].create({
            "name": "Voucher Other Team",
            "member_ids": [(6, 0, [outsider.id])]})
        product = self.env["product.product"].create({
            "name": "Voucher Print Pump", "type": "consu",
            "list_price": 80.0, "standard_price": 50.0})
        Ticket = self.env["aftersales.ticket"]
        self.ticket = Ticket.create({
            "subject": "Sink pump is dead", "partner_id": self.customer.id,
            "team_id": team.id, "user_id": self.users["technician"].id,
            "service_category": "A"})
        prepare_job(self.env, self.ticket, product)
        self.internal = Ticket.create({
            "subject": "Internal pump audit", "partner_id": self.customer.id,
            "team_id": team.id, "service_category": "D"})
        self.checkpoint()

    def test_each_role_prints_the_voucher(self):
        for role in ("agent", "technician", "director", "manager", "portal"):
            self.authenticate("test_voucher_%s" % role, PASSWORD)
            response = self.url_open(REPORT_URL % self.ticket.id, timeout=60)
            self.assertEqual(response.status_code, 200, role)
            # while tests run, Odoo answers the HTML the PDF is made of
            self.assertIn(self.ticket.name, response.text, role)
            self.assertIn("Pump replaced under the sink", response.text, role)
            self.assertIn(self.ticket.invoice_ids.origin or "Invoice",
                          response.text, role)

    def test_portal_page_links_the_voucher(self):
        self.authenticate("test_voucher_portal", PASSWORD)
        page = self.url_open("/my/tickets/%d" % self.ticket.id)
        self.assertEqual(page.status_code, 200)
        # the portal's own route, which names the file by the ticket's
        # number (issue 19.13), instead of /report/pdf/... (224.pdf)
        self.assertIn('href="/my/tickets/%d/voucher"' % self.ticket.id,
                      page.text)
        self.assertIn('href="/my/tickets/%d/sign"' % self.ticket.id, page.text)

    @mute_logger("odoo.http", "odoo.addons.base.ir.ir_ui_view")
    def test_no_voucher_of_what_one_may_not_read(self):
        refused = [
            ("portal", self.internal),            # internal work
            ("outsider", self.ticket),            # another team's ticket
        ]
        for login, ticket in refused:
            self.authenticate("test_voucher_%s" % login, PASSWORD)
            response = self.url_open(REPORT_URL % ticket.id, timeout=60)
            self.assertNotEqual(response.status_code, 200, login)
            self.assertNotIn(ticket.subject, response.text, login)
            self.assertNotIn(ticket.name, response.text, login)


class TestVoucherPdfRoles(AftersalesCase):
    """The same through wkhtmltopdf: the bytes are a PDF, for every role."""

    def test_pdf_for_each_role(self):
        portal = self.env["res.users"].create({
            "name": "Pdf Portal", "login": "test_voucher_pdf_portal",
            "partner_id": self.env["res.partner"].create({
                "name": "Pdf Portal", "parent_id": self.customer_a.id}).id,
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        product = self.env["product.product"].create({
            "name": "Voucher Pdf Pump", "type": "consu",
            "list_price": 80.0, "standard_price": 50.0})
        ticket = self.create_ticket(
            user_id=self.technician.id, service_category="A")
        prepare_job(self.env, ticket, product)
        report = self.env.ref(
            "aftersales_ticket.aftersales_ticket_report_voucher")
        for user in (self.agent, self.technician, self.director,
                     self.manager, portal):
            pdf, fmt = render_pdf(report.sudo(user), ticket)
            self.assertEqual(fmt, "pdf", user.login)
            self.assertTrue(pdf.startswith(b"%PDF"), user.login)
        # a technician of another team may not read the ticket, nor print it
        with self.assertRaises(AccessError):
            report.sudo(self.technician_other).render_qweb_html(ticket.ids)
