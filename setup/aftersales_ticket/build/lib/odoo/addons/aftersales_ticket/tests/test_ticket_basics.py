# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import AccessError

from .common import AftersalesCase


class TestTicketBasics(AftersalesCase):

    def test_number_and_partner_snapshot(self):
        ticket = self.create_ticket()
        self.assertTrue(ticket.name.startswith("AS"), ticket.name)
        self.assertEqual(ticket.contact_email, "service@customer-a.example.com")
        self.assertEqual(ticket.contact_city, "Madrid")
        # the snapshot keeps the details valid when the request came in
        self.customer_a.city = "Sevilla"
        self.assertEqual(ticket.contact_city, "Madrid")
        self.assertEqual(ticket.commercial_partner_id, self.customer_a)

    def test_technician_cannot_delete_ticket(self):
        ticket = self.create_ticket()
        with self.assertRaises(AccessError):
            ticket.sudo(self.technician).unlink()

    def test_creation_query_count(self):
        self.create_ticket()  # warm the caches
        with self.assertQueryCount(60):
            self.create_ticket()
