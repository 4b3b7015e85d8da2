# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Working-time arithmetic for the SLA clock, in plain Python (no ORM).

The dispatch planner reads team calendars through the same
:class:`WorkingCalendar` (:meth:`WorkingCalendar.next_working_moment`), so
a team works at the same hours, in the calendar's time zone, for both.

Conventions (those of Odoo's Datetime fields):

* every datetime given or returned is *naive UTC*;
* a working calendar is described by ``intervals_for_day(date)``, a callable
  giving the working intervals of that local day as ``(hour_from, hour_to)``
  float hours of the wall clock (``8.5`` is 08:30, ``24.0`` is midnight at
  the end of the day), in the calendar's time zone ``tz``;
* ``holidays`` are non-working periods ``(start, end)`` in naive UTC (public
  holidays and other leaves), removed from the working intervals.

Local wall-clock times are converted with pytz, so the clock counts real
elapsed time on daylight-saving days (a 00:00-04:00 shift lasts three hours
on the last Sunday of March in Europe/Madrid and five in October).
"""
import datetime

import pytz

#: How far ahead the clock looks for working time before giving up (a
#: calendar without any working day would otherwise loop for ever).
MAX_DAYS = 3 * 366

_ZERO = datetime.timedelta(0)
_EPSILON = datetime.timedelta(seconds=1)


class NoWorkingTime(ValueError):
    """The calendar has no working time within ``MAX_DAYS`` days."""


def get_tz(tz):
    """A pytz time zone from a name, a pytz zone or ``None`` (UTC)."""
    if not tz:
        return pytz.utc
    if isinstance(tz, datetime.tzinfo):
        return tz
    return pytz.timezone(tz)


def to_local(utc_naive, tz):
    """Naive UTC datetime -> naive wall-clock datetime in ``tz``."""
    tz = get_tz(tz)
    return pytz.utc.localize(utc_naive).astimezone(tz).replace(tzinfo=None)


def to_utc(local_naive, tz):
    """Naive wall-clock datetime in ``tz`` -> naive UTC datetime.

    Ambiguous times (the repeated hour in autumn) take the standard-time
    meaning; times skipped in spring are read with the standard offset,
    which lands on the first instant after the gap.
    """
    tz = get_tz(tz)
    aware = tz.localize(local_naive, is_dst=False)
    return aware.astimezone(pytz.utc).replace(tzinfo=None)


def _local_at(day, hour):
    seconds = int(round(hour * 3600))
    return datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(
        seconds=seconds)


def merge_intervals(intervals):
    """Sorted, non-overlapping union of ``(start, end)`` intervals."""
    merged = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract_intervals(intervals, removed):
    """``intervals`` minus ``removed`` (both lists of ``(start, end)``)."""
    result = []
    removed = merge_intervals(removed)
    for start, end in merge_intervals(intervals):
        for r_start, r_end in removed:
            if r_end <= start or r_start >= end:
                continue
            if r_start > start:
                result.append((start, r_start))
            start = max(start, r_end)
            if start >= end:
                break
        if start < end:
            result.append((start, end))
    return result


def day_work_intervals(day, intervals_for_day, holidays=(), tz=None):
    """Working intervals of the local ``day`` as naive UTC ``(start, end)``,
    holidays removed."""
    tz = get_tz(tz)
    spans = [
        (to_utc(_local_at(day, hour_from), tz), to_utc(_local_at(day, hour_to), tz))
        for hour_from, hour_to in intervals_for_day(day)
        if hour_to > hour_from
    ]
    if not spans or not holidays:
        return merge_intervals(spans)
    first = min(s for s, _e in spans)
    last = max(e for _s, e in spans)
    relevant = [(s, e) for s, e in holidays if s < last and e > first]
    return subtract_intervals(spans, relevant)


def work_spans_from(start, intervals_for_day, holidays=(), tz=None,
                    days=MAX_DAYS):
    """The working intervals (naive UTC, holidays removed) still open at or
    after ``start``, in order, the first one cut at ``start``, over ``days``
    local days from the day of ``start`` (a generator)."""
    tz = get_tz(tz)
    first_day = to_local(start, tz).date()
    for offset in range(days):
        day = first_day + datetime.timedelta(days=offset)
        for span_start, span_end in day_work_intervals(
                day, intervals_for_day, holidays, tz):
            if span_end > start:
                yield max(span_start, start), span_end


def add_working_hours(start, hours, intervals_for_day, holidays=(), tz=None):
    """The instant at which ``hours`` working hours have elapsed since
    ``start`` (naive UTC). ``0`` hours returns ``start`` unchanged; a target
    reached exactly at the end of a working interval returns that end (not
    the start of the next working day)."""
    if hours < 0:
        raise ValueError("A number of working hours cannot be negative.")
    if not hours:
        return start
    remaining = datetime.timedelta(hours=hours)
    for span_start, span_end in work_spans_from(
            start, intervals_for_day, holidays, tz):
        available = span_end - span_start
        if remaining <= available:
            return span_start + remaining
        remaining -= available
    raise NoWorkingTime(
        "No working time found within %d days of %s." % (MAX_DAYS, start))


def working_hours_between(start, end, intervals_for_day, holidays=(), tz=None):
    """Working hours (float) between two naive UTC datetimes; 0 when
    ``end`` is not after ``start``."""
    if not start or not end or end <= start:
        return 0.0
    tz = get_tz(tz)
    total = _ZERO
    day = to_local(start, tz).date()
    last_day = to_local(end, tz).date()
    while day <= last_day:
        for span_start, span_end in day_work_intervals(
                day, intervals_for_day, holidays, tz):
            overlap = min(span_end, end) - max(span_start, start)
            if overlap > _ZERO:
                total += overlap
        day += datetime.timedelta(days=1)
    return total.total_seconds() / 3600.0


def weekly_intervals(attendances):
    """``intervals_for_day`` for a weekly pattern.

    ``attendances`` is an iterable of ``(weekday, hour_from, hour_to,
    date_from, date_to)`` with ``weekday`` 0 = Monday and optional validity
    dates (``datetime.date`` or ``None``), as resource.calendar.attendance.
    """
    by_weekday = {}
    for weekday, hour_from, hour_to, date_from, date_to in attendances:
        by_weekday.setdefault(int(weekday), []).append(
            (hour_from, hour_to, date_from, date_to))

    def intervals_for_day(day):
        return [
            (hour_from, hour_to)
            for hour_from, hour_to, date_from, date_to in by_weekday.get(
                day.weekday(), ())
            if (not date_from or date_from <= day) and (not date_to or day <= date_to)
        ]

    return intervals_for_day


def first_free_slot(spans, duration, busy=()):
    """The first start of a ``duration`` (timedelta) inside one of the
    working ``spans`` (ordered ``(start, end)``, naive UTC) that overlaps
    none of the ``busy`` intervals. A duration that fits in no span (longer
    than any working interval) starts at the first moment from which the
    rest of a span is free. None when no span has room."""
    busy = merge_intervals(busy)
    spans = list(spans)
    for strict in (True, False):
        for span_start, span_end in spans:
            length = duration if strict else min(duration,
                                                 span_end - span_start)
            moment = span_start
            while moment + length <= span_end:
                clash = [end for begin, end in busy
                         if begin < moment + max(length, _EPSILON)
                         and end > moment]
                if not clash:
                    return moment
                moment = max(clash)
    return None


class WorkingCalendar(object):
    """A calendar bundle (intervals, holidays, time zone) with a per-day
    cache, for computing many deadlines on the same calendar."""

    def __init__(self, intervals_for_day, holidays=(), tz=None):
        self.tz = get_tz(tz)
        self.holidays = merge_intervals(holidays)
        self._intervals_for_day = intervals_for_day
        self._cache = {}

    def intervals_for_day(self, day):
        if day not in self._cache:
            self._cache[day] = list(self._intervals_for_day(day))
        return self._cache[day]

    def add_hours(self, start, hours):
        return add_working_hours(
            start, hours, self.intervals_for_day, self.holidays, self.tz)

    def hours_between(self, start, end):
        return working_hours_between(
            start, end, self.intervals_for_day, self.holidays, self.tz)

    def is_working_day(self, day):
        """Whether the local ``day`` has working time left after holidays."""
        return bool(day_work_intervals(
            day, self.intervals_for_day, self.holidays, self.tz))

    def next_working_moment(self, start, extra_leaves=(), days=MAX_DAYS):
        """First moment at or after ``start`` (naive UTC) inside working
        time, outside the calendar's holidays and the ``extra_leaves``
        (``(start, end)`` in naive UTC, e.g. a technician's own leaves), or
        None when there is none in the ``days`` local days from the day of
        ``start``. A leave ending inside a working interval gives its end;
        chained or overlapping leaves are crossed."""
        removed = self.holidays
        if extra_leaves:
            removed = merge_intervals(list(self.holidays) + list(extra_leaves))
        span = next(work_spans_from(
            start, self.intervals_for_day, removed, self.tz, days), None)
        return span and span[0]

    def first_free_slot(self, start, hours, busy=(), extra_leaves=(),
                        days=MAX_DAYS):
        """First moment at or after ``start`` (naive UTC) at which ``hours``
        (a visit and its travel) fit in one working interval, outside the
        holidays, the ``extra_leaves`` and the ``busy`` intervals (``(start,
        end)`` naive UTC, e.g. the visits already planned), or None within
        ``days`` local days. A job longer than any working interval starts
        at the beginning of a free interval (it cannot fit anyway)."""
        removed = self.holidays
        if extra_leaves:
            removed = merge_intervals(list(self.holidays) + list(extra_leaves))
        return first_free_slot(
            work_spans_from(start, self.intervals_for_day, removed, self.tz,
                            days),
            datetime.timedelta(hours=max(hours or 0.0, 0.0)), busy)

    def local_day_start(self, utc_naive):
        """UTC instant of the local midnight starting the day of ``utc_naive``,
        and that local date."""
        day = to_local(utc_naive, self.tz).date()
        return to_utc(datetime.datetime.combine(day, datetime.time()), self.tz), day
