# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Service KPI arithmetic, free of records.

Durations are elapsed (calendar) hours between two moments: they measure
what the customer lived, and stay comparable between teams with different
working calendars. The SLA deadlines, counted in working hours, are the
business of the SLA clock.
"""
from datetime import datetime, time, timedelta

import pytz


def hours_between(start, end):
    """Elapsed hours from ``start`` to ``end`` (naive UTC datetimes), rounded
    to the hundredth; ``None`` when either moment is unknown. A moment
    recorded before the start (a typing error) gives 0, never a negative
    duration that would pull averages down."""
    if not start or not end:
        return None
    seconds = (end - start).total_seconds()
    return round(max(seconds, 0.0) / 3600.0, 2)


def is_first_time_fix(resolved, reopen_count, visit_count):
    """A ticket is fixed the first time when it is resolved, was never
    reopened after a resolution, and needed at most one visit on site (a
    remote fix, with no visit, counts as a first-time fix)."""
    return bool(resolved) and not reopen_count and (visit_count or 0) <= 1


def day_bounds_utc(day, tz_name):
    """The naive UTC datetimes [start, end) of the calendar ``day`` (a date)
    as lived in the time zone ``tz_name`` (UTC when empty or unknown)."""
    try:
        tz = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        tz = pytz.UTC
    start = tz.localize(datetime.combine(day, time.min))
    end = tz.localize(datetime.combine(day + timedelta(days=1), time.min))
    return (start.astimezone(pytz.UTC).replace(tzinfo=None),
            end.astimezone(pytz.UTC).replace(tzinfo=None))
