# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Dispatch rules that are not about records: working periods of a team
calendar, a technician's next available moment and the choice of technician.

All datetimes are naive UTC (as Odoo stores them); the calendar's hours are
local hours of the timezone given by its caller.

Rule for choosing a technician (also stated in the dispatch tests):

1. Each member's *available moment* is the first moment, at or after the
   request, at which the team calendar is working and the member is not on
   leave (own leave or global leave). Outside working hours this is the start
   of the next working period.
2. Only the members available at the earliest such moment compete (a
   technician on leave then is skipped, even if he is back later that day).
3. Among them: the one whose skills cover the product's category first, then
   the one with fewest open tickets, then the oldest user (lowest id), so the
   result is deterministic.
"""
import collections
import datetime

import pytz

#: Days of calendar looked at when searching the next available moment.
HORIZON_DAYS = 14

Candidate = collections.namedtuple(
    "Candidate", ["user_id", "available_at", "skilled", "load"])


def _hour_to_time(hour):
    """Local time of a calendar hour (9.5 -> 09:30); 24.0 is not a time."""
    minutes = int(round(hour * 60))
    return datetime.time(minutes // 60, minutes % 60)


def _local_to_utc(day, hour, tz):
    if hour >= 24.0:
        local = datetime.datetime.combine(
            day + datetime.timedelta(days=1), datetime.time.min)
    else:
        local = datetime.datetime.combine(day, _hour_to_time(hour))
    return tz.localize(local, is_dst=False).astimezone(pytz.utc).replace(
        tzinfo=None)


def work_intervals(attendances, start, tz_name=None, days=HORIZON_DAYS):
    """Working periods (UTC start, UTC end) of a calendar, sorted, from the
    local day of ``start`` for ``days`` days.

    ``attendances``: iterable of ``(weekday, hour_from, hour_to, date_from,
    date_to)`` with weekday 0 = Monday and optional ``datetime.date`` bounds.
    A calendar without any attendance is always working.
    """
    attendances = sorted(attendances, key=lambda att: (att[1], att[2]))
    if not attendances:
        return [(start, start + datetime.timedelta(days=days))]
    tz = pytz.timezone(tz_name or "UTC")
    first_day = pytz.utc.localize(start).astimezone(tz).date()
    intervals = []
    for offset in range(days):
        day = first_day + datetime.timedelta(days=offset)
        for weekday, hour_from, hour_to, date_from, date_to in attendances:
            if weekday != day.weekday() or hour_to <= hour_from:
                continue
            if (date_from and date_from > day) or (date_to and date_to < day):
                continue
            intervals.append((_local_to_utc(day, hour_from, tz),
                              _local_to_utc(day, hour_to, tz)))
    return sorted(intervals)


def next_available(start, intervals, leaves=()):
    """First moment at or after ``start`` inside one of the sorted working
    ``intervals`` and outside every ``(date_from, date_to)`` leave, or None
    when there is none in the intervals given."""
    leaves = sorted(leaves)
    for begin, end in intervals:
        moment = max(begin, start)
        moved = True
        while moved and moment < end:
            moved = False
            for leave_from, leave_to in leaves:
                if leave_from <= moment < leave_to:
                    moment = leave_to
                    moved = True
        if moment < end:
            return moment
    return None


def covers_category(skill_ranges, categ_range):
    """Whether a category, given by its ``(parent_left, parent_right)``, is
    one of the skill categories or below one of them."""
    if not categ_range:
        return False
    left = categ_range[0]
    return any(skill_left <= left < skill_right
               for skill_left, skill_right in skill_ranges)


def choose_technician(candidates):
    """The chosen :class:`Candidate` (see the module's rule), or None."""
    candidates = [cand for cand in candidates if cand.available_at]
    if not candidates:
        return None
    moment = min(cand.available_at for cand in candidates)
    return min(
        (cand for cand in candidates if cand.available_at == moment),
        key=lambda cand: (not cand.skilled, cand.load, cand.user_id))
