# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The serial of a ticket is one of the customer's units (issue 19,
item 5): the form lists the customer's serials, warns about another's, and
the server refuses a serial delivered to another customer."""
from odoo.exceptions import ValidationError

from .common import AftersalesCase, create_delivered_lot


class TestCustomerSerials(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestCustomerSerials, cls).setUpClass()
        cls.lot_a = create_delivered_lot(
            cls.env, cls.customer_a, "2026-10-01 10:00:00",
            name="SN-CUST-A")
        cls.lot_b = create_delivered_lot(
            cls.env, cls.customer_b, "2026-10-01 10:00:00",
            name="SN-CUST-B", product=cls.lot_a.product_id)

    def test_form_lists_the_customers_serials_only(self):
        Lot = self.env["stock.production.lot"].sudo(self.agent)
        view = self.env["aftersales.ticket"].sudo(self.agent).fields_view_get(
            view_type="form")
        self.assertIn("aftersales_delivered_to_id", view["arch"])
        # the domain of the form, as the web client evaluates it
        found = Lot.search([
            ("product_id", "=?", self.lot_a.product_id.id),
            ("aftersales_delivered_to_id", "=", self.customer_a.id)])
        self.assertEqual(found, self.lot_a)
        # a contact of the customer finds the company's units
        contact = self.env["res.partner"].create({
            "name": "Ana", "parent_id": self.customer_a.id})
        self.assertEqual(Lot.search([
            ("aftersales_delivered_to_id", "=", contact.id)]), self.lot_a)

    def test_another_customers_serial_warns_and_is_refused(self):
        Ticket = self.env["aftersales.ticket"].sudo(self.agent)
        draft = Ticket.new({"partner_id": self.customer_a.id,
                            "lot_id": self.lot_b.id})
        warning = draft._onchange_lot_customer()
        self.assertIn("another customer", warning["warning"]["message"])
        self.assertFalse(Ticket.new({
            "partner_id": self.customer_a.id,
            "lot_id": self.lot_a.id})._onchange_lot_customer())
        with self.assertRaisesRegex(ValidationError, "another customer"):
            Ticket.create({"subject": "Wrong unit",
                           "partner_id": self.customer_a.id,
                           "team_id": self.team_urban.id,
                           "lot_id": self.lot_b.id})
        ticket = Ticket.create({"subject": "Right unit",
                                "partner_id": self.customer_a.id,
                                "team_id": self.team_urban.id,
                                "lot_id": self.lot_a.id})
        self.assertEqual(ticket.product_id, self.lot_a.product_id)
        with self.assertRaisesRegex(ValidationError, "another customer"):
            ticket.write({"lot_id": self.lot_b.id})
        with self.assertRaisesRegex(ValidationError, "another customer"):
            ticket.write({"partner_id": self.customer_b.id,
                          "lot_id": self.lot_a.id})
