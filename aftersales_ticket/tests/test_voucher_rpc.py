# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Bad input over real XML-RPC, and the portal signature pages over HTTP.

The HTTP server works in its own test cursor: every record used here is
created through XML-RPC so that the server sees it, and all of it is rolled
back when the test ends."""
from xmlrpc.client import Fault

from odoo.tests import common
from odoo.tests.common import (HttpCase, at_install, get_db_name,
                               post_install)

SIGNATURE_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
                 "nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==")


@at_install(False)  # requests during an installation wait for it
@post_install(True)
class TestVoucherRpc(HttpCase):

    def setUp(self):
        super(TestVoucherRpc, self).setUp()
        self.db = get_db_name()
        self.admin_uid = self.xmlrpc_common.login(self.db, "admin", "admin")
        self.assertTrue(self.admin_uid)
        self.team_id = self.admin("aftersales.team", "create", {
            "name": "RPC Team"})
        self.customer_id = self.admin("res.partner", "create", {
            "name": "RPC Customer SA", "is_company": True})
        self.other_customer_id = self.admin("res.partner", "create", {
            "name": "RPC Other Customer SA", "is_company": True})
        self.product_id = self.admin("product.product", "create", {
            "name": "RPC Fan", "type": "product", "list_price": 12.0})
        self.tech_uid = self.admin("res.users", "create", {
            "name": "RPC Technician", "login": "rpc_technician",
            "password": "rpc-tech-pass",
            "groups_id": [(6, 0, [self.xmlid("aftersales_ticket.group_technician")])],
        })
        self.ticket_id = self.admin("aftersales.ticket", "create", {
            "subject": "Noisy fan", "partner_id": self.customer_id,
            "team_id": self.team_id, "user_id": self.tech_uid,
            "service_category": "A",
        })
        # the technician has been on site: the voucher may be signed
        received = self.admin("aftersales.ticket", "read", [self.ticket_id],
                              ["date_received"])[0]["date_received"]
        self.admin("aftersales.ticket", "write", [self.ticket_id],
                   {"date_arrived": received})

    def admin(self, model, method, *args):
        return self.xmlrpc_object.execute(
            self.db, self.admin_uid, "admin", model, method, *args)

    def technician(self, model, method, *args):
        return self.xmlrpc_object.execute(
            self.db, self.tech_uid, "rpc-tech-pass", model, method, *args)

    def xmlid(self, xmlid):
        module, name = xmlid.split(".")
        data = self.admin("ir.model.data", "search_read", [
            ("module", "=", module), ("name", "=", name)], ["res_id"])
        return data[0]["res_id"]

    def assert_fault(self, message, model, vals):
        with self.assertRaises(Fault) as fault:
            self.technician(model, "create", vals)
        self.assertIn(message, fault.exception.faultString)

    def test_time_must_be_positive(self):
        for hours in (-2.0, 0.0):
            self.assert_fault(
                "must be more than zero hours", "account.analytic.line", {
                    "aftersales_ticket_id": self.ticket_id,
                    "unit_amount": hours, "name": "Work"})
        self.assertEqual(self.admin("account.analytic.line", "search_count", [
            ("aftersales_ticket_id", "=", self.ticket_id)]), 0)
        # not even the team's analytic account was left behind
        team = self.admin("aftersales.team", "read", [self.team_id],
                          ["analytic_account_id"])
        self.assertFalse(team[0]["analytic_account_id"])
        # a valid line goes through, with its cost
        line_id = self.technician("account.analytic.line", "create", {
            "aftersales_ticket_id": self.ticket_id, "unit_amount": 1.0,
            "name": "Work"})
        line = self.admin("account.analytic.line", "read", [line_id],
                          ["amount", "account_id"])[0]
        self.assertTrue(line["account_id"])
        self.assertLess(line["amount"], 0.0)

    def test_part_quantity_must_be_positive(self):
        for quantity in (-1.0, 0.0):
            self.assert_fault(
                "must be more than zero", "aftersales.ticket.part", {
                    "ticket_id": self.ticket_id, "product_id": self.product_id,
                    "quantity": quantity})
        self.assertEqual(self.admin("aftersales.ticket.part", "search_count", [
            ("ticket_id", "=", self.ticket_id)]), 0)
        part_id = self.technician("aftersales.ticket.part", "create", {
            "ticket_id": self.ticket_id, "product_id": self.product_id,
            "quantity": 2.0})
        part = self.admin("aftersales.ticket.part", "read", [part_id],
                          ["price_unit", "price_subtotal"])[0]
        self.assertEqual(part["price_unit"], 12.0)
        self.assertEqual(part["price_subtotal"], 24.0)

    def test_invoicing_over_rpc_is_idempotent(self):
        self.technician("account.analytic.line", "create", {
            "aftersales_ticket_id": self.ticket_id, "unit_amount": 1.0,
            "name": "Work"})
        self.admin("aftersales.ticket", "action_create_invoice", [self.ticket_id])
        self.admin("aftersales.ticket", "action_create_invoice", [self.ticket_id])
        self.assertEqual(self.admin("account.invoice", "search_count", [
            ("aftersales_ticket_id", "=", self.ticket_id)]), 1)

    def _portal_login(self, company_id, login):
        contact_id = self.admin("res.partner", "create", {
            "name": "Portal Contact %s" % login, "parent_id": company_id,
            "email": "%s@customer.example.com" % login})
        self.admin("res.users", "create", {
            "name": "Portal %s" % login, "login": login,
            "password": "portal-pass", "partner_id": contact_id,
            "groups_id": [(6, 0, [self.xmlid("base.group_portal")])],
        })
        # HttpCase.authenticate reads the user in the test's own cursor,
        # where this user does not exist: log in through the server instead
        response = self.opener.post(
            self.url("/web/session/authenticate"),
            json={"jsonrpc": "2.0", "method": "call", "params": {
                "db": self.db, "login": login, "password": "portal-pass"}},
            timeout=60)
        self.assertEqual(response.json()["result"]["username"], login)

    def url(self, path):
        # the port is read at call time: the test session sets it late
        return "http://127.0.0.1:%s%s" % (common.PORT, path)

    def _submit(self, ticket_id, **params):
        response = self.opener.post(
            self.url("/my/tickets/%s/sign/submit" % ticket_id),
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=30)
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    def test_portal_customer_signs_own_voucher_only(self):
        self._portal_login(self.customer_id, "rpc_portal_a")
        page = self.url_open("/my/tickets/%s/sign" % self.ticket_id, timeout=60)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_portal_signature_form", page.text)
        result = self._submit(self.ticket_id, partner_name="Ana Perez",
                              signature=SIGNATURE_PNG)
        self.assertIn("success", result)
        ticket = self.admin("aftersales.ticket", "read", [self.ticket_id],
                            ["signed_by", "signed_on", "customer_signature"])[0]
        self.assertEqual(ticket["signed_by"], "Ana Perez")
        self.assertTrue(ticket["signed_on"])
        self.assertTrue(ticket["customer_signature"])
        # signing twice is refused
        self.assertIn("error", self._submit(
            self.ticket_id, partner_name="Ana Perez", signature=SIGNATURE_PNG))

    def test_portal_customer_cannot_sign_others_voucher(self):
        self._portal_login(self.other_customer_id, "rpc_portal_b")
        page = self.url_open("/my/tickets/%s/sign" % self.ticket_id, timeout=60)
        self.assertEqual(page.status_code, 404)
        result = self._submit(self.ticket_id, partner_name="Mallory",
                              signature=SIGNATURE_PNG)
        self.assertIn("error", result)
        ticket = self.admin("aftersales.ticket", "read", [self.ticket_id],
                            ["signed_by", "customer_signature"])[0]
        self.assertFalse(ticket["signed_by"])
        self.assertFalse(ticket["customer_signature"])
