# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Unit tests of the billing periods (plain Python, no database)."""
import unittest
from datetime import date

from ..lib import billing


class TestBillingPeriods(unittest.TestCase):

    def test_monthly_end_of_month(self):
        start = date(2026, 1, 31)
        self.assertEqual(billing.period_bounds(start, "monthly", 1),
                         (date(2026, 2, 28), date(2026, 3, 30)))
        self.assertEqual(billing.period_start(start, "monthly", 2),
                         date(2026, 3, 31))

    def test_quarterly_and_yearly(self):
        start = date(2026, 1, 1)
        self.assertEqual(billing.period_bounds(start, "quarterly", 1),
                         (date(2026, 4, 1), date(2026, 6, 30)))
        self.assertEqual(billing.period_bounds(start, "yearly", 0),
                         (date(2026, 1, 1), date(2026, 12, 31)))

    def test_last_period_cut_at_end(self):
        self.assertEqual(
            billing.period_bounds(date(2026, 1, 1), "quarterly", 1,
                                  date(2026, 5, 15)),
            (date(2026, 4, 1), date(2026, 5, 15)))

    def test_period_index(self):
        start = date(2026, 1, 31)
        self.assertEqual(billing.period_index(start, "monthly", date(2026, 2, 27)), 0)
        self.assertEqual(billing.period_index(start, "monthly", date(2026, 2, 28)), 1)
        self.assertEqual(billing.period_index(start, "quarterly", date(2026, 12, 1)), 3)
        with self.assertRaises(ValueError):
            billing.period_index(start, "monthly", date(2025, 1, 1))

    def test_catch_up_three_periods(self):
        periods = billing.due_periods(
            date(2026, 8, 1), "monthly", date(2026, 9, 1), date(2026, 11, 23))
        self.assertEqual(periods, [
            (date(2026, 9, 1), date(2026, 9, 30)),
            (date(2026, 10, 1), date(2026, 10, 31)),
            (date(2026, 11, 1), date(2026, 11, 30)),
        ])

    def test_nothing_due(self):
        self.assertEqual(billing.due_periods(
            date(2026, 8, 1), "monthly", date(2026, 12, 1),
            date(2026, 11, 23)), [])
        # after the end of the contract
        self.assertEqual(billing.due_periods(
            date(2026, 1, 1), "monthly", date(2026, 7, 1), date(2026, 11, 23),
            date(2026, 6, 30)), [])
        self.assertEqual(billing.due_periods(
            date(2026, 1, 1), "monthly", None, date(2026, 11, 23)), [])

    def test_due_stops_at_end(self):
        periods = billing.due_periods(
            date(2026, 1, 1), "quarterly", date(2026, 1, 1), date(2026, 12, 1),
            date(2026, 5, 15))
        self.assertEqual(periods, [(date(2026, 1, 1), date(2026, 3, 31)),
                                   (date(2026, 4, 1), date(2026, 5, 15))])

    def test_unknown_frequency(self):
        with self.assertRaises(ValueError):
            billing.months_of("weekly")

    def test_revised_price(self):
        self.assertEqual(billing.revised_price(100.0, 5), 105.0)
        self.assertEqual(billing.revised_price(99.99, -3), 96.99)
        self.assertEqual(billing.revised_price(80.0, None), 80.0)

    def test_renewal_dates(self):
        self.assertEqual(billing.renewal_dates(date(2026, 1, 1), date(2026, 12, 31)),
                         (date(2027, 1, 1), date(2027, 12, 31)))
        self.assertEqual(billing.renewal_dates(date(2026, 3, 1), date(2026, 8, 31)),
                         (date(2026, 9, 1), date(2027, 2, 28)))

    def test_notice_and_rate(self):
        self.assertEqual(billing.notice_date(date(2026, 12, 31), 30),
                         date(2026, 12, 1))
        self.assertEqual(billing.renewal_rate(4, 3), 75.0)
        self.assertEqual(billing.renewal_rate(0, 0), 0.0)
