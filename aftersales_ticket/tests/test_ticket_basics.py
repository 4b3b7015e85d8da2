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
        """Registering a request (checks, number, snapshot, coverage,
        routing and dispatch with the technician's activity, SLA deadlines,
        customer follower, acknowledgement e-mail) has a fixed cost that
        does not grow with the tickets already registered."""
        self.create_ticket()  # warm the caches
        with self.assertQueryCount(CREATION_BOUND):
            _ticket, before = self.count_queries(self.create_ticket)
        for _index in range(20):
            self.create_ticket()
        with self.assertQueryCount(before):
            self.create_ticket()


# Measured: 59 queries as superuser, tracking off (tests' context). Of
# these, Odoo's own mail.activity.create costs about 30 (it recomputes the
# activity deadline of every model with activities) and the rendered
# acknowledgement e-mail about 6. With tracking on, a ticket dispatched at
# creation gets no activity (see test_dispatch.AGENT_BOUND).
CREATION_BOUND = 59
