# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Automatic dispatch plans visits one after the other (duration and travel
margin, no overlap), and never gives a complaint to the technician it is
about (issue 19, items 7 and 8)."""
import datetime
import unittest

from odoo.exceptions import UserError, ValidationError

from ..lib import dispatch_rules, working_clock
from .common import AftersalesCase, frozen_clock

MONDAY_07 = "2030-01-07 07:00:00"


class TestVisitPlanning(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestVisitPlanning, cls).setUpClass()
        cls.calendar = cls.env["resource.calendar"].create({
            "name": "Test planning hours", "tz": "UTC",
            "attendance_ids": [(5, 0, 0)] + [
                (0, 0, {"name": "Day %d" % day, "dayofweek": str(day),
                        "hour_from": 8.0, "hour_to": 17.0})
                for day in range(5)],
        })
        (cls.headquarters | cls.team_urban | cls.team_suburban).write(
            {"resource_calendar_id": cls.calendar.id, "auto_assign": True})
        cls.Ticket = cls.env["aftersales.ticket"]

    def test_five_visits_for_one_technician_do_not_overlap(self):
        """Five requests before opening time, one technician: planned at
        08:00, 09:30, 11:00... (1 h visit + 30 min travel), not all at
        08:00; a 2 h visit blocks 2 h 30."""
        tickets = self.Ticket.browse()
        for index in range(5):
            tickets |= self.Ticket.sudo(self.agent).create({
                "subject": "Request %d" % index,
                "partner_id": self.customer_a.id,
                "team_id": self.team_urban.id,
                "date_received": MONDAY_07,
                "planned_hours": 2.0 if index == 1 else 1.0,
            })
        self.assertEqual(set(tickets.mapped("user_id")), {self.technician})
        self.assertEqual(tickets.mapped("date_planned"), [
            "2030-01-07 08:00:00", "2030-01-07 09:30:00",
            "2030-01-07 12:00:00", "2030-01-07 13:30:00",
            "2030-01-07 15:00:00"])

    def test_batch_dispatch_spreads_the_day(self):
        """The bulk dispatch (one plan for several tickets) plans them one
        after the other as well, around a visit planned already."""
        Quiet = self.Ticket.with_context(aftersales_no_auto_assign=True)
        self.Ticket.create({
            "subject": "Planned already", "partner_id": self.customer_b.id,
            "team_id": self.team_urban.id, "user_id": self.technician.id,
            "date_received": MONDAY_07, "date_planned": "2030-01-07 08:30:00",
        })
        tickets = Quiet.browse()
        for index in range(2):
            tickets |= Quiet.create({
                "subject": "Batch %d" % index,
                "partner_id": self.customer_a.id,
                "team_id": self.team_urban.id, "date_received": MONDAY_07})
        with frozen_clock(MONDAY_07):
            tickets.sudo(self.agent).action_assign()
        planned = sorted(tickets.mapped("date_planned"))
        # 08:30-10:00 is taken: 10:00 and 11:30
        self.assertEqual(planned, ["2030-01-07 10:00:00",
                                   "2030-01-07 11:30:00"])

    def test_complaint_never_goes_to_the_technician_concerned(self):
        """A complaint about a job goes to another technician of the team
        (the one concerned is the only member free first), else to the
        director; he cannot be chosen by hand either."""
        self.team_urban.member_ids = [(6, 0, [self.technician.id,
                                              self.technician_other.id])]
        original = self.Ticket.create({
            "subject": "Boiler repair", "partner_id": self.customer_a.id,
            "team_id": self.team_urban.id, "user_id": self.technician.id,
            "date_received": MONDAY_07,
        })
        # the other technician is busy all Monday: the concerned one is
        # the first free, and must still not get it
        self.Ticket.create({
            "subject": "Long job", "partner_id": self.customer_b.id,
            "team_id": self.team_urban.id,
            "user_id": self.technician_other.id, "date_received": MONDAY_07,
            "date_planned": "2030-01-07 08:00:00", "planned_hours": 8.5,
        })
        complaint = self.Ticket.sudo(self.agent).create({
            "subject": "The technician was rude",
            "partner_id": self.customer_a.id, "request_type": "complaint",
            "team_id": self.team_urban.id, "date_received": MONDAY_07,
            "complaint_ticket_id": original.id,
        })
        self.assertEqual(complaint.concerned_user_id, self.technician)
        self.assertEqual(complaint.user_id, self.technician_other)
        # by hand, as the dispatch wizard or RPC would
        with self.assertRaisesRegex(ValidationError, "cannot be assigned"):
            complaint.sudo(self.agent)._dispatch(
                user=self.technician, reassign=True)
        with self.assertRaisesRegex(ValidationError, "cannot be assigned"):
            complaint.sudo(self.agent).write({"user_id": self.technician.id})
        # the concerned technician is set by the complaint's link only
        with self.assertRaises(UserError):
            complaint.sudo(self.agent).write(
                {"concerned_user_id": self.technician_other.id})

    def test_complaint_goes_to_the_director_when_nobody_else(self):
        original = self.Ticket.create({
            "subject": "Boiler repair", "partner_id": self.customer_a.id,
            "team_id": self.team_urban.id, "user_id": self.technician.id,
            "date_received": MONDAY_07,
        })
        complaint = self.Ticket.sudo(self.agent).create({
            "subject": "Poor work", "partner_id": self.customer_a.id,
            "request_type": "complaint", "team_id": self.team_urban.id,
            "date_received": MONDAY_07, "complaint_ticket_id": original.id,
        })
        self.assertEqual(complaint.concerned_user_id, self.technician)
        self.assertEqual(complaint.user_id, self.director)

    def test_complaint_set_by_survey_field_is_honoured(self):
        """The survey addon sets ``concerned_user_id`` itself (workflow
        write) on its low-score complaints."""
        complaint = self.Ticket._aftersales_workflow().create({
            "subject": "Low score", "partner_id": self.customer_a.id,
            "request_type": "complaint", "team_id": self.team_urban.id,
            "date_received": MONDAY_07,
            "concerned_user_id": self.technician.id,
        })
        self.assertEqual(complaint.user_id, self.director)

    def test_complaint_about_another_customers_ticket_is_refused(self):
        other = self.Ticket.create({
            "subject": "Someone else's job", "partner_id": self.customer_b.id,
            "team_id": self.team_urban.id, "date_received": MONDAY_07,
        })
        with self.assertRaisesRegex(ValidationError, "same customer"):
            self.Ticket.sudo(self.agent).create({
                "subject": "Complaint", "partner_id": self.customer_a.id,
                "request_type": "complaint", "team_id": self.team_urban.id,
                "complaint_ticket_id": other.id,
            })


class TestFreeSlotRules(unittest.TestCase):
    """The plain-Python planning rules (lib/working_clock.py,
    lib/dispatch_rules.py), without database."""

    def setUp(self):
        super(TestFreeSlotRules, self).setUp()
        self.calendar = working_clock.WorkingCalendar(
            working_clock.weekly_intervals(
                [(day, 8.0, 12.0, None, None) for day in range(5)]
                + [(day, 13.0, 17.0, None, None) for day in range(5)]),
            tz="UTC")
        self.monday = datetime.datetime(2030, 1, 7)

    def at(self, hour, minute=0, day=0):
        return self.monday + datetime.timedelta(days=day, hours=hour,
                                                minutes=minute)

    def test_visit_hours_include_travel(self):
        self.assertEqual(dispatch_rules.visit_hours(1.0),
                         1.0 + dispatch_rules.TRAVEL_MARGIN_HOURS)
        self.assertEqual(dispatch_rules.visit_hours(0.0),
                         dispatch_rules.DEFAULT_VISIT_HOURS
                         + dispatch_rules.TRAVEL_MARGIN_HOURS)
        self.assertEqual(dispatch_rules.visit_interval(self.at(8), 2.0),
                         (self.at(8), self.at(10, 30)))

    def test_first_free_slot_after_busy_visits(self):
        busy = [(self.at(8), self.at(9, 30)), (self.at(9, 30), self.at(11))]
        # 1 h 30 does not fit between 11:00 and noon
        self.assertEqual(
            self.calendar.first_free_slot(self.at(7), 1.5, busy=busy),
            self.at(13))
        # 1 h fits before noon
        self.assertEqual(
            self.calendar.first_free_slot(self.at(7), 1.0, busy=busy),
            self.at(11))

    def test_slot_does_not_cross_the_lunch_break_or_a_leave(self):
        leave = [(self.at(13), self.at(17))]
        self.assertEqual(
            self.calendar.first_free_slot(self.at(11), 1.5,
                                          extra_leaves=leave),
            self.at(8, day=1))

    def test_job_longer_than_a_period_takes_a_free_period(self):
        busy = [(self.at(8), self.at(9))]
        self.assertEqual(
            self.calendar.first_free_slot(self.at(7), 6.0, busy=busy),
            self.at(13))

    def test_no_working_time_gives_none(self):
        self.assertIsNone(working_clock.first_free_slot([], datetime.timedelta(
            hours=1)))
