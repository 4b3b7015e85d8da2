# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import unittest
from unittest import mock

from odoo.exceptions import ValidationError

from ..lib import coverage
from .common import AftersalesCase, create_delivered_lot


class TestCoverageFunctions(unittest.TestCase):
    """The plain-Python decision table, without the ORM."""

    def test_warranty_end_date_adds_calendar_months(self):
        self.assertEqual(
            coverage.warranty_end_date(datetime.date(2025, 1, 31), 1),
            datetime.date(2025, 2, 28))
        self.assertEqual(
            coverage.warranty_end_date(datetime.datetime(2024, 6, 15, 23, 0), 24),
            datetime.date(2026, 6, 15))
        # half a month: about 15 days more
        self.assertEqual(
            coverage.warranty_end_date(datetime.date(2025, 1, 1), 1.5),
            datetime.date(2025, 2, 16))

    def test_no_delivery_or_no_warranty_means_no_end_date(self):
        self.assertIsNone(coverage.warranty_end_date(None, 12))
        self.assertIsNone(coverage.warranty_end_date(datetime.date(2025, 1, 1), 0))

    def test_last_day_is_still_covered(self):
        end = datetime.date(2025, 12, 31)
        self.assertTrue(coverage.is_under_warranty(end, datetime.date(2025, 12, 31)))
        self.assertTrue(coverage.is_under_warranty(
            end, datetime.datetime(2025, 12, 31, 23, 59)))
        self.assertFalse(coverage.is_under_warranty(end, datetime.date(2026, 1, 1)))
        self.assertFalse(coverage.is_under_warranty(None, datetime.date(2026, 1, 1)))

    def test_decision_table(self):
        decide = coverage.decide_category
        # nothing requested: warranty first, then contract, else paid
        self.assertEqual(decide(None, True, True), ("C", coverage.REASON_WARRANTY))
        self.assertEqual(decide(None, False, True), ("B", coverage.REASON_CONTRACT))
        self.assertEqual(decide(None, False, False), ("A", coverage.REASON_NO_COVERAGE))
        # requested free categories need their coverage
        self.assertEqual(decide("C", True, False), ("C", coverage.REASON_REQUESTED))
        self.assertEqual(decide("C", False, True), ("B", coverage.REASON_CONTRACT))
        self.assertEqual(decide("C", False, False), ("A", coverage.REASON_NO_COVERAGE))
        self.assertEqual(decide("B", True, True), ("B", coverage.REASON_REQUESTED))
        self.assertEqual(decide("B", True, False), ("C", coverage.REASON_WARRANTY))
        # paid and internal work are kept as asked
        self.assertEqual(decide("A", True, True), ("A", coverage.REASON_REQUESTED))
        self.assertEqual(decide("D", False, False), ("D", coverage.REASON_INTERNAL))
        with self.assertRaises(ValueError):
            decide("E", True, True)

    def test_is_downgrade(self):
        self.assertTrue(coverage.is_downgrade("C", "A"))
        self.assertTrue(coverage.is_downgrade("B", "A"))
        self.assertFalse(coverage.is_downgrade("C", "C"))
        self.assertFalse(coverage.is_downgrade(None, "A"))
        self.assertFalse(coverage.is_downgrade("A", "A"))


class TestTicketCoverage(AftersalesCase):
    """The category of real tickets, from real deliveries of serials."""

    @classmethod
    def setUpClass(cls):
        super(TestTicketCoverage, cls).setUpClass()
        # delivered six months before the request, 12 months of warranty
        cls.recent_lot = create_delivered_lot(
            cls.env, cls.customer_a, "2025-05-10 09:00:00", 12.0,
            name="SN-RECENT")
        # delivered two years before the request
        cls.old_lot = create_delivered_lot(
            cls.env, cls.customer_a, "2023-11-10 09:00:00", 12.0,
            name="SN-OLD")
        cls.received = "2025-11-10 10:00:00"

    def _notes(self, ticket):
        return ticket.message_ids.filtered(
            lambda message: message.subtype_id == self.env.ref("mail.mt_note"))

    def test_warranty_end_from_real_delivery(self):
        self.assertEqual(
            self.recent_lot._get_warranty_end_date(self.customer_a),
            datetime.date(2026, 5, 10))
        # another customer never received this serial: no warranty for it
        self.assertIsNone(self.recent_lot._get_warranty_end_date(self.customer_b))

    def test_recent_delivery_is_warranty(self):
        ticket = self.create_ticket(
            lot_id=self.recent_lot.id, date_received=self.received)
        self.assertEqual(ticket.service_category, "C")
        self.assertEqual(ticket.product_id, self.recent_lot.product_id)
        self.assertFalse(self._notes(ticket))

    def test_warranty_over_is_paid_even_if_c_requested(self):
        ticket = self.create_ticket(
            lot_id=self.old_lot.id, date_received=self.received,
            service_category="C")
        # the request is accepted, as paid service
        self.assertEqual(ticket.service_category, "A")
        notes = self._notes(ticket)
        self.assertEqual(len(notes), 1)
        self.assertIn("was not granted", notes.body)
        self.assertIn("2024-11-10", notes.body)  # warranty end date

    def test_internal_work_stays_internal(self):
        ticket = self.create_ticket(
            lot_id=self.recent_lot.id, date_received=self.received,
            service_category="D")
        self.assertEqual(ticket.service_category, "D")

    def test_explicit_paid_service_is_kept(self):
        ticket = self.create_ticket(
            lot_id=self.recent_lot.id, date_received=self.received,
            service_category="A")
        self.assertEqual(ticket.service_category, "A")

    def test_contract_hook_gives_b(self):
        Ticket = type(self.env["aftersales.ticket"])
        with mock.patch.object(Ticket, "_get_covering_contract",
                               lambda self: True):
            ticket = self.create_ticket(
                lot_id=self.old_lot.id, date_received=self.received,
                service_category="B")
            self.assertEqual(ticket.service_category, "B")
        without_contract = self.create_ticket(
            lot_id=self.old_lot.id, date_received=self.received,
            service_category="B")
        self.assertEqual(without_contract.service_category, "A")
        self.assertIn("no maintenance contract", self._notes(without_contract).body)

    def test_no_serial_is_paid(self):
        ticket = self.create_ticket(service_category="C")
        self.assertEqual(ticket.service_category, "A")

    def test_moving_to_warranty_without_coverage_is_refused(self):
        ticket = self.create_ticket(
            lot_id=self.old_lot.id, date_received=self.received)
        self.assertEqual(ticket.service_category, "A")
        with self.assertRaisesRegex(ValidationError, "warranty .* ended on 2024-11-10"):
            ticket.write({"service_category": "C"})
        self.assertEqual(ticket.service_category, "A")
        covered = self.create_ticket(
            lot_id=self.recent_lot.id, date_received=self.received,
            service_category="A")
        covered.write({"service_category": "C"})
        self.assertEqual(covered.service_category, "C")

    def test_coverage_lookup_query_count(self):
        """The warranty lookup is one aggregated query, whatever the
        number of serials."""
        lots = self.recent_lot | self.old_lot
        lots.mapped("product_id.warranty")  # warm the cache
        self.customer_a.read(["commercial_partner_id"])
        one, count_one = self.count_queries(
            self.old_lot._get_warranty_end_dates, self.customer_a)
        both, count_both = self.count_queries(
            lots._get_warranty_end_dates, self.customer_a)
        self.assertEqual(one[self.old_lot.id], datetime.date(2024, 11, 10))
        self.assertEqual(both[self.recent_lot.id], datetime.date(2026, 5, 10))
        self.assertEqual(count_one, count_both)
        self.assertLessEqual(count_both, 1)
