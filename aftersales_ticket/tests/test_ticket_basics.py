# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import AccessError

from .common import FIXED_NOW, AftersalesCase, frozen_clock


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
        does not grow with the tickets already registered. The clock is
        fixed: the planned visit, and whether the activity is due today
        (then announced on the bus), depend on the time of day."""
        with frozen_clock():
            # warm the caches
            first = self.create_ticket(date_received=FIXED_NOW)
            ticket, before = self.steady_query_count(
                self.create_ticket, date_received=FIXED_NOW)
            self.assertLessEqual(before, CREATION_BOUND)
            # the technician's first free moment, then the next visits
            # follow it, not at the same hour (issue 19.7)
            self.assertGreaterEqual(first.date_planned, FIXED_NOW)
            self.assertGreater(ticket.date_planned, first.date_planned)
            for _index in range(20):
                self.create_ticket(date_received=FIXED_NOW)
            _ticket, after = self.steady_query_count(
                self.create_ticket, date_received=FIXED_NOW)
            self.assertLessEqual(after, before)


# Measured: one creation as superuser, tracking off (tests' context), the
# technician's activity included (inserted in one batch by aftersales.mixin;
# through mail.activity.create it cost about 30 more in Odoo 11): 33 run
# alone, 32 after the other test modules (whose caches save one read). With
# tracking on, a ticket dispatched at creation gets no activity (see
# test_dispatch.AGENT_BOUND). The clock is fixed: at 06:20 UTC the planned
# visit is the same day and the activity is announced on the bus (one more
# query than in the evening), which is why the count used to change.
CREATION_BOUND = 33
