# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import datetime

from odoo import fields

from ..lib.working_clock import to_utc
from .common import AftersalesCase, create_working_calendar

MADRID = "Europe/Madrid"


def madrid(*args):
    return fields.Datetime.to_string(to_utc(datetime(*args), MADRID))


class TestCarryOver(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestCarryOver, cls).setUpClass()
        cls.calendar = create_working_calendar(cls.env, "Urban 9-18", MADRID)
        # the teams' agents dispatch by hand: a new request waits for them
        # (automatic assignment would dispatch it at once)
        (cls.team_urban | cls.team_suburban).write(
            {"resource_calendar_id": cls.calendar.id, "auto_assign": False})
        cls.Ticket = cls.env["aftersales.ticket"]

    def _summaries(self, team):
        return self.env["mail.activity"].search([
            ("res_model", "=", "aftersales.team"), ("res_id", "=", team.id),
            ("user_id", "=", self.director.id)])

    def test_undispatched_requests_of_yesterday_are_carried_over(self):
        waiting = self.create_ticket(date_received=madrid(2026, 1, 13, 10, 0))
        waiting_too = self.create_ticket(date_received=madrid(2026, 1, 13, 23, 30))
        dispatched = self.create_ticket(
            date_received=madrid(2026, 1, 13, 11, 0),
            date_dispatched=madrid(2026, 1, 13, 12, 0))
        today = self.create_ticket(date_received=madrid(2026, 1, 14, 7, 30))
        arrival = waiting.sla_arrival_deadline
        # Wednesday 14 January 2026, 08:00 in Madrid
        carried = self.Ticket._cron_carry_over(
            now=fields.Datetime.from_string(madrid(2026, 1, 14, 8, 0)))
        self.assertEqual(carried & (waiting | waiting_too | dispatched | today),
                         waiting | waiting_too)
        for ticket in waiting | waiting_too:
            self.assertEqual(ticket.priority, "3")
            self.assertTrue(ticket.is_carried_over)
        self.assertEqual(waiting.sla_arrival_deadline, arrival,
                         "the priority raise does not rewrite the deadlines")
        for ticket in dispatched | today:
            self.assertEqual(ticket.priority, "1")
            self.assertFalse(ticket.is_carried_over)
        summary = self._summaries(self.team_urban)
        self.assertEqual(len(summary), 1)
        self.assertIn(waiting.name, summary.note)
        self.assertIn(waiting_too.name, summary.note)
        self.assertNotIn(dispatched.name, summary.note)
        # a second run the same day finds nothing new
        again = self.Ticket._cron_carry_over(
            now=fields.Datetime.from_string(madrid(2026, 1, 14, 9, 0)))
        self.assertFalse(again & (waiting | waiting_too))
        self.assertEqual(len(self._summaries(self.team_urban)), 1)

    def test_weekend_requests_wait_for_the_next_working_day(self):
        friday = self.create_ticket(date_received=madrid(2026, 1, 9, 16, 0))
        saturday = self.Ticket._cron_carry_over(
            now=fields.Datetime.from_string(madrid(2026, 1, 10, 8, 0)))
        self.assertFalse(saturday & friday)
        self.assertFalse(friday.is_carried_over)
        monday = self.Ticket._cron_carry_over(
            now=fields.Datetime.from_string(madrid(2026, 1, 12, 8, 0)))
        self.assertEqual(monday & friday, friday)
        self.assertEqual(friday.priority, "3")
        self.assertEqual(len(self._summaries(self.team_urban)), 1)
