# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from xmlrpc.client import Fault

from odoo.tests.common import get_db_name

from .common import AftersalesHttpCase, create_delivered_lot

PASSWORD = "agent-Secret-2026"


class TestRpcValidation(AftersalesHttpCase):
    """Bad input over real XML-RPC: a clear message, and nothing created."""

    def setUp(self):
        super(TestRpcValidation, self).setUp()
        self.db = get_db_name()
        self.agent = self.create_user(
            "test_rpc_agent", ["aftersales_ticket.group_agent"], PASSWORD)
        self.customer = self.env["res.partner"].create({
            "name": "RPC Customer", "is_company": True,
            "email": "rpc@customer.example.com"})
        self.lot = create_delivered_lot(
            self.env, self.customer, "2025-05-10 09:00:00", 12.0,
            name="SN-RPC-1")
        self.other_product = self.env["product.product"].create({
            "name": "Other Product", "type": "product", "tracking": "serial"})
        self.checkpoint()

    def _create(self, values):
        return self.xmlrpc_object.execute(
            self.db, self.agent.id, PASSWORD, "aftersales.ticket", "create",
            values)

    def _ticket_count(self):
        self.refresh()
        return self.env["aftersales.ticket"].search_count([])

    def assertRefused(self, values, message):
        count = self._ticket_count()
        with self.assertRaises(Fault) as caught:
            self._create(values)
        self.assertIn(message, caught.exception.faultString)
        self.assertEqual(self._ticket_count(), count)

    def test_valid_create(self):
        count = self._ticket_count()
        ticket_id = self._create({
            "subject": "Created over RPC", "partner_id": self.customer.id,
            "lot_id": self.lot.id, "channel": "api",
            "date_received": "2025-11-10 10:00:00"})
        self.assertEqual(self._ticket_count(), count + 1)
        ticket = self.env["aftersales.ticket"].browse(ticket_id)
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.product_id, self.lot.product_id)
        self.assertEqual(ticket.service_category, "C")
        self.assertEqual(ticket.create_uid, self.agent)

    def test_unknown_partner(self):
        missing_id = self.env["res.partner"].search(
            [], order="id desc", limit=1).id + 1000
        self.assertRefused(
            {"subject": "Ghost", "partner_id": missing_id},
            "Customer #%d does not exist." % missing_id)

    def test_partner_of_the_wrong_type(self):
        self.assertRefused(
            {"subject": "Typed", "partner_id": "RPC Customer"},
            "Customer: expected the id of a record, got 'RPC Customer'.")

    def test_lot_of_another_product(self):
        self.assertRefused(
            {"subject": "Mismatch", "partner_id": self.customer.id,
             "product_id": self.other_product.id, "lot_id": self.lot.id},
            "Serial number SN-RPC-1 is a serial of %s, not of Other Product."
            % self.lot.product_id.display_name)

    def test_missing_subject(self):
        self.assertRefused(
            {"partner_id": self.customer.id},
            "A service request needs a subject")
        self.assertRefused(
            {"partner_id": self.customer.id, "subject": "  "},
            "A service request needs a subject")

    def test_missing_partner(self):
        self.assertRefused(
            {"subject": "Nobody"}, "A service request needs a customer")

    def test_unknown_selection_value(self):
        self.assertRefused(
            {"subject": "Odd", "partner_id": self.customer.id,
             "request_type": "teleportation"},
            "Request Type: 'teleportation' is not one of consultation")

    def test_jsonrpc_create(self):
        def call(values):
            return self.url_post("/jsonrpc", data=None, json_body={
                "jsonrpc": "2.0", "method": "call", "id": 1,
                "params": {"service": "object", "method": "execute", "args": [
                    self.db, self.agent.id, PASSWORD, "aftersales.ticket",
                    "create", values]},
            }).json()

        count = self._ticket_count()
        refused = call({"subject": "JSON ghost", "partner_id": 10 ** 9})
        self.assertIn("Customer #1000000000 does not exist.",
                      refused["error"]["data"]["message"])
        self.assertEqual(self._ticket_count(), count)
        created = call({"subject": "Over JSON-RPC", "partner_id": self.customer.id,
                        "channel": "api"})
        ticket = self.env["aftersales.ticket"].browse(created["result"])
        self.assertEqual(self._ticket_count(), count + 1)
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.channel, "api")

    def test_write_refuses_unknown_lot(self):
        ticket_id = self._create({
            "subject": "To be edited", "partner_id": self.customer.id})
        with self.assertRaises(Fault) as caught:
            self.xmlrpc_object.execute(
                self.db, self.agent.id, PASSWORD, "aftersales.ticket", "write",
                [ticket_id], {"lot_id": 999999999})
        self.assertIn("Serial Number #999999999 does not exist.",
                      caught.exception.faultString)
        self.refresh()
        self.assertFalse(self.env["aftersales.ticket"].browse(ticket_id).lot_id)
