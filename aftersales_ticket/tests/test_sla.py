# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import datetime, timedelta

from odoo import fields

from ..lib.working_clock import to_local, to_utc
from .common import (
    FIXED_NOW, AftersalesCase, create_working_calendar, frozen_clock)

MADRID = "Europe/Madrid"


def madrid(*args):
    """Odoo datetime string (UTC) of a Madrid wall-clock time."""
    return fields.Datetime.to_string(to_utc(datetime(*args), MADRID))


def in_madrid(value):
    return to_local(fields.Datetime.from_string(value), MADRID)


class TestSla(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestSla, cls).setUpClass()
        cls.calendar = create_working_calendar(cls.env, "Urban 9-18", MADRID)
        # agents dispatch by hand: the dispatch milestone is the tests' own
        (cls.team_urban | cls.team_suburban).write(
            {"resource_calendar_id": cls.calendar.id, "auto_assign": False})
        cls.policy_urban = cls.env.ref("aftersales_ticket.sla_policy_urban")
        cls.policy_suburban = cls.env.ref("aftersales_ticket.sla_policy_suburban")
        # only the default policies apply, with the default settings
        Policy = cls.env["aftersales.sla.policy"]
        (Policy.search([]) - cls.policy_urban - cls.policy_suburban).write(
            {"active": False})
        Param = cls.env["ir.config_parameter"]
        Param.set_param("aftersales.urban_arrival_hours", "6")
        Param.set_param("aftersales.suburban_arrival_hours", "7")
        cls.Ticket = cls.env["aftersales.ticket"]
        cls.stage_waiting = cls.env.ref("aftersales_ticket.stage_waiting_parts")
        cls.stage_progress = cls.env.ref("aftersales_ticket.stage_in_progress")

    def test_friday_evening_request_arrival_on_monday(self):
        ticket = self.create_ticket(date_received=madrid(2026, 1, 9, 17, 30))
        self.assertEqual(ticket.sla_policy_id, self.policy_urban)
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 12, 14, 30))
        # dispatch within 2 working hours: 30 min on Friday, 90 on Monday
        self.assertEqual(in_madrid(ticket.sla_dispatch_deadline),
                         datetime(2026, 1, 12, 10, 30))
        self.assertFalse(ticket.sla_resolution_deadline)

    def test_suburban_team_gets_seven_hours(self):
        ticket = self.create_ticket(team_id=self.team_suburban.id,
                                    date_received=madrid(2026, 1, 9, 17, 30))
        self.assertEqual(ticket.sla_policy_id, self.policy_suburban)
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 12, 15, 30))

    def test_calendar_without_time_zone_uses_the_company_one(self):
        self.calendar.tz = False
        self.company.partner_id.tz = MADRID
        ticket = self.create_ticket(date_received=madrid(2026, 1, 9, 17, 30))
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 12, 14, 30))
        self.company.partner_id.tz = "Asia/Shanghai"  # 9-18 there
        ticket.write({"priority": "2"})
        self.assertEqual(
            to_local(fields.Datetime.from_string(ticket.sla_arrival_deadline),
                     "Asia/Shanghai"),
            datetime(2026, 1, 12, 15, 0))

    def test_public_holiday_moves_deadline(self):
        self.env["resource.calendar.leaves"].create({
            "name": "Public holiday", "calendar_id": self.calendar.id,
            "date_from": madrid(2026, 1, 12, 0, 0),
            "date_to": madrid(2026, 1, 12, 23, 59), "tz": MADRID,
        })
        ticket = self.create_ticket(date_received=madrid(2026, 1, 9, 17, 30))
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 13, 14, 30))

    def test_leave_of_one_technician_does_not_stop_the_team_clock(self):
        resource = self.env["resource.resource"].create({
            "name": "Technician", "calendar_id": self.calendar.id})
        self.env["resource.calendar.leaves"].create({
            "name": "Holidays", "calendar_id": self.calendar.id,
            "resource_id": resource.id,
            "date_from": madrid(2026, 1, 12, 0, 0),
            "date_to": madrid(2026, 1, 12, 23, 59),
        })
        ticket = self.create_ticket(date_received=madrid(2026, 1, 9, 17, 30))
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 12, 14, 30))

    def test_pause_moves_deadlines_by_paused_working_hours(self):
        ticket = self.create_ticket(date_received=madrid(2026, 1, 9, 17, 30))
        ticket._sla_start_pause(datetime(2026, 1, 12, 9, 0))  # 10:00 Madrid
        ticket._sla_end_pause(datetime(2026, 1, 12, 11, 0))  # 12:00 Madrid
        pause = ticket.sla_pause_ids
        self.assertEqual(len(pause), 1)
        self.assertEqual(pause.working_hours, 2.0)
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 12, 16, 30))
        self.assertEqual(in_madrid(ticket.sla_dispatch_deadline),
                         datetime(2026, 1, 12, 12, 30))
        # a reclassification later keeps the paused time
        ticket.write({"request_type": "installation"})
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 12, 16, 30))
        # a pause after the dispatch deadline only moves the arrival
        ticket._sla_start_pause(datetime(2026, 1, 12, 13, 0))  # 14:00 Madrid
        ticket._sla_end_pause(datetime(2026, 1, 12, 14, 0))  # 15:00 Madrid
        self.assertEqual(in_madrid(ticket.sla_dispatch_deadline),
                         datetime(2026, 1, 12, 12, 30))
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 12, 17, 30))
        ticket.write({"priority": "2"})
        self.assertEqual(in_madrid(ticket.sla_dispatch_deadline),
                         datetime(2026, 1, 12, 12, 30))
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 12, 17, 30))

    def test_pause_over_a_weekend(self):
        ticket = self.create_ticket(date_received=madrid(2026, 1, 8, 15, 0))
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 9, 12, 0))
        # waiting for parts from Thursday 17:00 to Monday 10:00 (Madrid)
        ticket._sla_start_pause(datetime(2026, 1, 8, 16, 0))
        ticket._sla_end_pause(datetime(2026, 1, 12, 9, 0))
        self.assertEqual(ticket.sla_pause_ids.working_hours, 11.0)
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 12, 14, 0))

    def test_waiting_stage_stops_and_restarts_the_clock(self):
        ticket = self.create_ticket()
        self.assertTrue(ticket.sla_next_deadline)
        arrival = ticket.sla_arrival_deadline
        ticket.stage_id = self.stage_waiting
        pause = ticket.sla_pause_ids
        self.assertEqual(len(pause), 1)
        self.assertEqual(pause.stage_id, self.stage_waiting)
        self.assertFalse(pause.date_end)
        self.assertFalse(ticket.sla_next_deadline, "the clock is stopped")
        ticket.stage_id = self.stage_progress
        self.assertTrue(pause.date_end)
        moved = self.calendar._aftersales_working_calendars(
            datetime(2026, 1, 1))[self.calendar.id].add_hours(
                fields.Datetime.from_string(arrival), pause.working_hours)
        self.assertEqual(ticket.sla_arrival_deadline,
                         fields.Datetime.to_string(moved))
        self.assertEqual(ticket.sla_next_deadline, min(
            ticket.sla_dispatch_deadline, ticket.sla_arrival_deadline))
        self.assertEqual(len(ticket.sla_pause_ids), 1)

    def test_technician_pauses_and_resumes_with_own_rights(self):
        ticket = self.create_ticket(user_id=self.technician.id)
        as_technician = ticket.sudo(self.technician)
        as_technician.write({"stage_id": self.stage_waiting.id})
        self.assertFalse(ticket.sla_next_deadline)
        self.assertEqual(len(as_technician.sla_pause_ids), 1)
        as_technician.write({"stage_id": self.stage_progress.id})
        self.assertTrue(ticket.sla_pause_ids.date_end)
        self.assertTrue(ticket.sla_next_deadline)

    def test_status_change_query_count(self):
        ticket = self.create_ticket()
        ticket.stage_id = self.stage_progress  # warm the caches
        # pause: the pause record; resume: its working hours, the deadlines
        # moved, read in a handful of queries (calendar, leaves, pause)
        with self.assertQueryCount(15):
            ticket.stage_id = self.stage_waiting
        with self.assertQueryCount(15):
            ticket.stage_id = self.stage_progress

    def test_most_specific_policy_wins(self):
        Policy = self.env["aftersales.sla.policy"]
        zone_complaint = Policy.create({
            "name": "Urban complaints", "zone": "urban",
            "request_type": "complaint", "arrival_hours": 3,
        })
        team_complaint = Policy.create({
            "name": "Centre complaints", "team_id": self.team_urban.id,
            "request_type": "complaint", "arrival_hours": 2, "sequence": 50,
        })
        gold = Policy.create({
            "name": "Gold complaints", "zone": "urban", "sla_tier": "gold",
            "request_type": "complaint", "arrival_hours": 1, "sequence": 90,
        })
        ticket = self.create_ticket(date_received=madrid(2026, 1, 14, 10, 0))
        self.assertEqual(ticket.sla_policy_id, self.policy_urban)
        ticket.request_type = "complaint"
        self.assertEqual(ticket.sla_policy_id, team_complaint)
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 14, 12, 0))
        ticket.sla_tier = "gold"
        self.assertEqual(ticket.sla_policy_id, gold)
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 14, 11, 0))
        team_complaint.active = gold.active = False
        ticket.team_id = self.team_suburban
        self.assertEqual(ticket.sla_policy_id, self.policy_suburban)
        self.assertTrue(zone_complaint.exists())

    def test_arrival_setting_is_honoured(self):
        self.env["ir.config_parameter"].set_param(
            "aftersales.urban_arrival_hours", "4")
        ticket = self.create_ticket(date_received=madrid(2026, 1, 9, 17, 30))
        self.assertEqual(in_madrid(ticket.sla_arrival_deadline),
                         datetime(2026, 1, 12, 12, 30))

    def test_late_dispatch_is_flagged_when_it_happens(self):
        now = datetime.utcnow().replace(microsecond=0)
        ticket = self.create_ticket(
            date_received=fields.Datetime.to_string(now + timedelta(days=10)))
        self.assertFalse(ticket.sla_breached)
        late = fields.Datetime.from_string(
            ticket.sla_dispatch_deadline) + timedelta(minutes=5)
        ticket.date_dispatched = fields.Datetime.to_string(late)
        self.assertTrue(ticket.sla_breached)
        self.assertEqual(ticket.sla_breach_date, ticket.sla_dispatch_deadline)
        self.assertEqual(ticket.sla_next_deadline, ticket.sla_arrival_deadline)
        activity = self.env["mail.activity"].search([
            ("res_model", "=", "aftersales.ticket"), ("res_id", "=", ticket.id)])
        self.assertEqual(activity.user_id, self.director)

    def test_reassignment_keeps_the_dispatch_time(self):
        with frozen_clock():
            ticket = self.create_ticket(date_received=FIXED_NOW)
            ticket._dispatch(user=self.technician)
        dispatched = ticket.date_dispatched
        self.assertEqual(dispatched, FIXED_NOW)
        self.assertFalse(ticket.sla_breached)
        # the technician falls ill: the job goes to a colleague after the
        # dispatch deadline, before the arrival deadline
        later = fields.Datetime.to_string(fields.Datetime.from_string(
            ticket.sla_dispatch_deadline) + timedelta(minutes=1))
        self.assertLess(later, ticket.sla_arrival_deadline)
        with frozen_clock(later):
            ticket._dispatch(user=self.technician_other, reassign=True)
        self.assertEqual(ticket.user_id, self.technician_other)
        self.assertEqual(ticket.date_dispatched, dispatched)
        self.assertFalse(ticket.sla_breached)
        self.assertEqual(ticket.sla_next_deadline, ticket.sla_arrival_deadline)


class TestSlaBreachJob(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestSlaBreachJob, cls).setUpClass()
        cls.calendar = create_working_calendar(cls.env, "Urban 9-18", MADRID)
        # agents dispatch by hand: the tickets wait for their dispatch
        cls.team_urban.write({"resource_calendar_id": cls.calendar.id,
                              "auto_assign": False})
        cls.env["ir.config_parameter"].set_param(
            "aftersales.urban_arrival_hours", "6")
        cls.now = datetime.utcnow().replace(microsecond=0)
        # the job runs with mail tracking, as the scheduler does
        cls.Ticket = cls.env["aftersales.ticket"].with_context(
            tracking_disable=False, mail_notrack=False)

    def at(self, days):
        return self.now + timedelta(days=days)

    def _create(self, count, days):
        received = fields.Datetime.to_string(self.at(days))
        return self.Ticket.browse([
            self.create_ticket(date_received=received).id for _i in range(count)])

    def _director_activities(self, tickets):
        return self.env["mail.activity"].search([
            ("res_model", "=", "aftersales.ticket"),
            ("res_id", "in", tickets.ids), ("user_id", "=", self.director.id)])

    def test_breach_job_flags_late_tickets_once_reading_only_them(self):
        # tickets already due in this database are handled first, and the
        # caches warmed, by a first run
        self._create(2, 20)
        self.Ticket._cron_sla_breach(now=self.at(30))

        late_a = self._create(3, 40)
        self._create(5, 400)  # on time
        (read_a, breached_a), queries_a = self.count_queries(
            self.Ticket._cron_sla_breach, now=self.at(60))
        self.assertEqual(read_a, late_a)
        self.assertEqual(breached_a, late_a)
        for ticket in late_a:
            self.assertTrue(ticket.sla_breached)
            self.assertEqual(ticket.sla_breach_date, ticket.sla_dispatch_deadline)
            self.assertFalse(ticket.sla_next_deadline, "nothing left pending")
        self.assertEqual(len(self._director_activities(late_a)), 3)
        messages = self.env["mail.message"].search_count([
            ("model", "=", "aftersales.ticket"), ("res_id", "in", late_a.ids)])
        self.assertGreaterEqual(messages, 3, "the breach is tracked in the chatter")

        # run again: nothing new to flag, no duplicate notification
        read_again, breached_again = self.Ticket._cron_sla_breach(
            now=self.at(60) + timedelta(minutes=5))
        self.assertFalse(read_again)
        self.assertFalse(breached_again)
        self.assertEqual(len(self._director_activities(late_a)), 3)
        self.assertEqual(self.env["mail.message"].search_count([
            ("model", "=", "aftersales.ticket"), ("res_id", "in", late_a.ids)]),
            messages)

        # 20 times more on-time tickets: no more queries (the same number
        # once the caches are warm; the first measured run may still warm
        # a few ormcache entries)
        late_b = self._create(3, 70)
        self._create(95, 400)
        (read_b, breached_b), queries_b = self.count_queries(
            self.Ticket._cron_sla_breach, now=self.at(90))
        self.assertEqual(read_b, late_b)
        self.assertEqual(breached_b, late_b)
        self.assertLessEqual(queries_b, queries_a)
        # measured 28 for 3 late tickets: per ticket one UPDATE and the
        # director following it; the chatter log and the activities are
        # inserted in one batch each (it was 10 + about 74 per late ticket
        # with a tracked write and mail.activity.create for each)
        self.assertLessEqual(queries_a, 28)

    def test_breach_job_moves_to_the_next_pending_deadline(self):
        self.Ticket._cron_sla_breach(now=self.at(1))
        ticket = self._create(1, 10)
        dispatch = fields.Datetime.from_string(ticket.sla_dispatch_deadline)
        ticket.date_dispatched = fields.Datetime.to_string(
            dispatch - timedelta(minutes=30))
        self.assertEqual(ticket.sla_next_deadline, ticket.sla_arrival_deadline)
        arrival = fields.Datetime.from_string(ticket.sla_arrival_deadline)
        read, breached = self.Ticket._cron_sla_breach(
            now=arrival - timedelta(minutes=1))
        self.assertFalse(ticket & read)
        read, breached = self.Ticket._cron_sla_breach(
            now=arrival + timedelta(minutes=1))
        self.assertEqual(breached & ticket, ticket)
        self.assertEqual(ticket.sla_breach_date, ticket.sla_arrival_deadline)

    def test_closed_ticket_is_not_flagged(self):
        self.Ticket._cron_sla_breach(now=self.at(1))
        ticket = self._create(1, 10)
        ticket.stage_id = self.env.ref("aftersales_ticket.stage_cancelled")
        self.assertFalse(ticket.sla_next_deadline)
        read, breached = self.Ticket._cron_sla_breach(now=self.at(20))
        self.assertFalse(ticket & read)
        self.assertFalse(ticket.sla_breached)
