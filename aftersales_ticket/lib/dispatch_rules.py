# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Dispatch rules that are not about records: the choice of technician.

A technician's available moment comes from the SLA clock's calendar
(``working_clock.WorkingCalendar.next_working_moment``), so the team works
at the same hours for dispatch and for the SLA, in the calendar's time zone.
All datetimes are naive UTC (as Odoo stores them).

Rule for choosing a technician (also stated in the dispatch tests):

1. Each member's *available moment* is the first moment, at or after the
   request, from which the visit (its expected duration plus the travel
   margin, ``visit_hours``) fits in the team calendar's working time, outside
   the member's leaves and the holidays of the calendar, without overlapping
   the visits already planned for him (each also with its travel margin):
   five requests for one technician are planned one after the other, not all
   at his first free hour. Outside working hours this is the start of the
   next working period.
   A member who is the *technician concerned* by a complaint never competes
   for it (``excluded``).
2. Only the members available at the earliest such moment compete (a
   technician on leave then is skipped, even if he is back later that day).
3. Among them: the one whose skills cover the product's category first, then
   the one with fewest open tickets, then the oldest user (lowest id), so the
   result is deterministic.
"""
import collections
import datetime

#: Local days of the team calendar looked at, from the request's day, when
#: searching a technician's next available moment.
HORIZON_DAYS = 14

#: Hours kept free after each visit to reach the next customer.
TRAVEL_MARGIN_HOURS = 0.5
#: Expected duration of a visit whose ticket gives none.
DEFAULT_VISIT_HOURS = 1.0


def visit_hours(planned_hours):
    """Hours a visit blocks in the technician's day: its expected duration
    (``DEFAULT_VISIT_HOURS`` when none) and the travel margin."""
    hours = planned_hours if planned_hours and planned_hours > 0 else \
        DEFAULT_VISIT_HOURS
    return hours + TRAVEL_MARGIN_HOURS


def visit_interval(start, planned_hours):
    """``(start, end)`` that a visit planned at ``start`` (naive UTC)
    blocks, travel margin included."""
    return start, start + datetime.timedelta(hours=visit_hours(planned_hours))


Candidate = collections.namedtuple(
    "Candidate", ["user_id", "available_at", "skilled", "load"])


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
