# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Unit tests of the SLA clock arithmetic (plain Python, no database)."""
import unittest
from datetime import date, datetime

from ..lib import working_clock as wc

MADRID = "Europe/Madrid"
# Monday to Friday, 09:00-18:00
OFFICE = wc.weekly_intervals([(day, 9.0, 18.0, None, None) for day in range(5)])
# every day, 00:00-04:00 (a night shift across the DST switch hour)
NIGHT = wc.weekly_intervals([(day, 0.0, 4.0, None, None) for day in range(7)])


def madrid(*args):
    """Naive UTC datetime of a Madrid wall-clock time."""
    return wc.to_utc(datetime(*args), MADRID)


class TestWorkingClock(unittest.TestCase):

    def test_same_day(self):
        start = madrid(2026, 1, 14, 10, 0)  # Wednesday
        self.assertEqual(wc.add_working_hours(start, 6, OFFICE, tz=MADRID),
                         madrid(2026, 1, 14, 16, 0))

    def test_ends_exactly_at_closing_time(self):
        start = madrid(2026, 1, 14, 12, 0)
        self.assertEqual(wc.add_working_hours(start, 6, OFFICE, tz=MADRID),
                         madrid(2026, 1, 14, 18, 0))

    def test_night_carries_to_next_morning(self):
        start = madrid(2026, 1, 14, 22, 0)  # received after closing
        self.assertEqual(wc.add_working_hours(start, 2, OFFICE, tz=MADRID),
                         madrid(2026, 1, 15, 11, 0))
        start = madrid(2026, 1, 14, 17, 0)
        self.assertEqual(wc.add_working_hours(start, 3, OFFICE, tz=MADRID),
                         madrid(2026, 1, 15, 11, 0))

    def test_weekend_is_skipped(self):
        start = madrid(2026, 1, 9, 17, 30)  # Friday
        self.assertEqual(wc.add_working_hours(start, 6, OFFICE, tz=MADRID),
                         madrid(2026, 1, 12, 14, 30))
        saturday = madrid(2026, 1, 10, 11, 0)
        self.assertEqual(wc.add_working_hours(saturday, 1, OFFICE, tz=MADRID),
                         madrid(2026, 1, 12, 10, 0))

    def test_holiday_is_skipped(self):
        holiday = (madrid(2026, 1, 12, 0, 0), madrid(2026, 1, 13, 0, 0))
        start = madrid(2026, 1, 9, 17, 30)
        self.assertEqual(
            wc.add_working_hours(start, 6, OFFICE, [holiday], MADRID),
            madrid(2026, 1, 13, 14, 30))
        # a half-day holiday only removes its own hours
        afternoon = (madrid(2026, 1, 12, 14, 0), madrid(2026, 1, 12, 16, 0))
        self.assertEqual(
            wc.add_working_hours(start, 6, OFFICE, [afternoon], MADRID),
            madrid(2026, 1, 12, 16, 30))

    def test_hours_between(self):
        self.assertEqual(wc.working_hours_between(
            madrid(2026, 1, 9, 17, 30), madrid(2026, 1, 12, 14, 30),
            OFFICE, tz=MADRID), 6.0)
        self.assertEqual(wc.working_hours_between(
            madrid(2026, 1, 12, 14, 30), madrid(2026, 1, 9, 17, 30),
            OFFICE, tz=MADRID), 0.0)

    def test_pause_spanning_days(self):
        # paused Friday 16:00 -> Tuesday 10:00: 2 + 9 + 1 working hours
        paused = wc.working_hours_between(
            madrid(2026, 1, 9, 16, 0), madrid(2026, 1, 13, 10, 0),
            OFFICE, tz=MADRID)
        self.assertEqual(paused, 12.0)
        deadline = madrid(2026, 1, 12, 14, 30)
        self.assertEqual(wc.add_working_hours(deadline, paused, OFFICE, tz=MADRID),
                         madrid(2026, 1, 13, 17, 30))

    def test_office_hours_across_dst_changes(self):
        # 2026-03-29 and 2026-10-25 are the Sundays of the switches in Madrid
        friday_spring = madrid(2026, 3, 27, 17, 0)
        self.assertEqual(wc.add_working_hours(friday_spring, 6, OFFICE, tz=MADRID),
                         madrid(2026, 3, 30, 14, 0))
        self.assertEqual(madrid(2026, 3, 30, 14, 0), datetime(2026, 3, 30, 12, 0))
        friday_autumn = madrid(2026, 10, 23, 17, 0)
        self.assertEqual(wc.add_working_hours(friday_autumn, 6, OFFICE, tz=MADRID),
                         madrid(2026, 10, 26, 14, 0))
        self.assertEqual(madrid(2026, 10, 26, 14, 0), datetime(2026, 10, 26, 13, 0))

    def test_night_shift_counts_real_hours_on_dst_days(self):
        spring = wc.working_hours_between(
            madrid(2026, 3, 29, 0, 0), madrid(2026, 3, 29, 4, 0), NIGHT, tz=MADRID)
        self.assertEqual(spring, 3.0)
        working_hours = wc.working_hours_between(
            datetime(2026, 10, 24, 22, 0), datetime(2026, 10, 25, 3, 0),
            NIGHT, tz=MADRID)
        self.assertEqual(working_hours, 5.0)
        # 4 hours from Saturday 03:00 (1 that night, 3 the next) end with
        # the shortened Sunday shift, at 04:00 summer time = 02:00 UTC
        self.assertEqual(
            wc.add_working_hours(madrid(2026, 3, 28, 3, 0), 4, NIGHT, tz=MADRID),
            datetime(2026, 3, 29, 2, 0))

    def test_validity_dates_of_attendances(self):
        summer = wc.weekly_intervals(
            [(day, 8.0, 15.0, date(2026, 7, 1), date(2026, 8, 31)) for day in range(5)]
            + [(day, 9.0, 18.0, date(2026, 9, 1), None) for day in range(5)])
        start = madrid(2026, 8, 31, 14, 0)  # Monday, last summer day
        self.assertEqual(wc.add_working_hours(start, 3, summer, tz=MADRID),
                         madrid(2026, 9, 1, 11, 0))

    def test_zero_and_negative_hours(self):
        start = madrid(2026, 1, 10, 11, 0)
        self.assertEqual(wc.add_working_hours(start, 0, OFFICE, tz=MADRID), start)
        with self.assertRaises(ValueError):
            wc.add_working_hours(start, -1, OFFICE, tz=MADRID)

    def test_calendar_without_working_time(self):
        with self.assertRaises(wc.NoWorkingTime):
            wc.add_working_hours(datetime(2026, 1, 1), 1, lambda day: [], tz=MADRID)

    def test_calendar_bundle(self):
        calendar = wc.WorkingCalendar(OFFICE, [], MADRID)
        self.assertFalse(calendar.is_working_day(date(2026, 1, 10)))
        self.assertTrue(calendar.is_working_day(date(2026, 1, 12)))
        start, day = calendar.local_day_start(datetime(2026, 1, 12, 23, 30))
        self.assertEqual(day, date(2026, 1, 13))
        self.assertEqual(start, datetime(2026, 1, 12, 23, 0))

    def test_next_working_moment(self):
        # a public holiday on Monday 12 January 2026 (Madrid, UTC+1)
        holiday = (madrid(2026, 1, 12, 0, 0), madrid(2026, 1, 13, 0, 0))
        calendar = wc.WorkingCalendar(OFFICE, [holiday], MADRID)
        # inside working time: the moment itself
        wednesday = madrid(2026, 1, 14, 10, 0)
        self.assertEqual(calendar.next_working_moment(wednesday), wednesday)
        # Saturday night: the holiday Monday is skipped, Tuesday 09:00 local
        self.assertEqual(
            calendar.next_working_moment(madrid(2026, 1, 10, 22, 0)),
            datetime(2026, 1, 13, 8, 0))
        # own leaves, chained and overlapping, are crossed: back at 15:00
        leaves = [(madrid(2026, 1, 14, 10, 0), madrid(2026, 1, 14, 11, 0)),
                  (madrid(2026, 1, 14, 9, 0), madrid(2026, 1, 14, 10, 30)),
                  (madrid(2026, 1, 14, 11, 0), madrid(2026, 1, 14, 15, 0))]
        self.assertEqual(
            calendar.next_working_moment(madrid(2026, 1, 14, 9, 30), leaves),
            madrid(2026, 1, 14, 15, 0))
        # a leave until after closing time: the next working morning
        self.assertEqual(
            calendar.next_working_moment(
                wednesday, [(wednesday, madrid(2026, 1, 14, 20, 0))]),
            madrid(2026, 1, 15, 9, 0))
        # the extra leaves do not stay on the calendar
        self.assertEqual(calendar.next_working_moment(wednesday), wednesday)

    def test_next_working_moment_horizon(self):
        calendar = wc.WorkingCalendar(OFFICE, [], MADRID)
        friday_evening = madrid(2026, 1, 16, 19, 0)
        # the horizon counts local days from the day of the start
        self.assertIsNone(calendar.next_working_moment(friday_evening, days=3))
        self.assertEqual(calendar.next_working_moment(friday_evening, days=4),
                         madrid(2026, 1, 19, 9, 0))
        self.assertIsNone(wc.WorkingCalendar(lambda day: [], [], MADRID)
                          .next_working_moment(friday_evening, days=30))
        # on leave for the whole horizon
        self.assertIsNone(calendar.next_working_moment(
            friday_evening, [(friday_evening, madrid(2026, 2, 16, 0, 0))],
            days=14))
