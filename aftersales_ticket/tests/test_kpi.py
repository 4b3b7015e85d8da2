# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date, datetime

from odoo import fields
from odoo.tests.common import TransactionCase

from ..lib import service_kpi

from .common import AftersalesCase, create_delivered_lot

DAY = "2026-03-02 "


class TestServiceKpiLib(TransactionCase):
    """The record-free KPI arithmetic."""

    def test_hours_between(self):
        start = datetime(2026, 3, 2, 8, 0)
        self.assertEqual(service_kpi.hours_between(
            start, datetime(2026, 3, 2, 10, 30)), 2.5)
        self.assertIsNone(service_kpi.hours_between(start, None))
        # a moment typed before the reception never gives a negative delay
        self.assertEqual(service_kpi.hours_between(
            start, datetime(2026, 3, 2, 7, 0)), 0.0)

    def test_first_time_fix_definition(self):
        self.assertTrue(service_kpi.is_first_time_fix("2026-03-02", 0, 1))
        self.assertTrue(service_kpi.is_first_time_fix("2026-03-02", 0, 0))
        self.assertFalse(service_kpi.is_first_time_fix("2026-03-02", 1, 1))
        self.assertFalse(service_kpi.is_first_time_fix("2026-03-02", 0, 2))
        self.assertFalse(service_kpi.is_first_time_fix(False, 0, 1))

    def test_day_bounds_follow_the_time_zone(self):
        start, end = service_kpi.day_bounds_utc(date(2026, 3, 2), "Asia/Shanghai")
        self.assertEqual(start, datetime(2026, 3, 1, 16, 0))
        self.assertEqual(end, datetime(2026, 3, 2, 16, 0))


def _without_sla_policies(env):
    """The SLA breaches of these tests are given by the tests themselves
    (``sla_breached``): no policy flags their past requests as late (the
    SLA clock is tested in test_sla.py)."""
    env["aftersales.sla.policy"].search([]).write({"active": False})


class TestTicketKpi(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestTicketKpi, cls).setUpClass()
        cls.team = cls.env["aftersales.team"].create(
            {"name": "KPI Team", "zone": "urban"})
        _without_sla_policies(cls.env)
        cls.stage_in_progress = cls.env.ref("aftersales_ticket.stage_in_progress")
        cls.stage_resolved = cls.env.ref("aftersales_ticket.stage_resolved")
        cls.stage_closed = cls.env.ref("aftersales_ticket.stage_closed")

    def _ticket(self, **values):
        values.setdefault("team_id", self.team.id)
        values.setdefault("date_received", DAY + "08:00:00")
        return self.create_ticket(**values)

    def test_durations_are_stored_when_dates_are_set(self):
        ticket = self._ticket()
        self.assertFalse(ticket.response_hours)
        ticket.write({"date_dispatched": DAY + "09:30:00"})
        ticket.write({"date_arrived": DAY + "13:00:00"})
        ticket.write({"date_resolved": DAY + "15:15:00"})
        self.env["aftersales.ticket"].invalidate_cache()
        self.assertEqual(ticket.response_hours, 1.5)
        self.assertEqual(ticket.arrival_hours, 5.0)
        self.assertEqual(ticket.resolution_hours, 7.25)
        self.assertEqual(ticket.visit_count, 1)
        self.assertTrue(ticket.first_time_fix)

    def test_second_visit_or_reopening_is_not_first_time_fix(self):
        revisited = self._ticket(date_arrived=DAY + "10:00:00")
        revisited.write({"date_arrived": "2026-03-03 10:00:00"})
        revisited.write({"date_resolved": "2026-03-03 12:00:00"})
        self.assertEqual(revisited.visit_count, 2)
        self.assertFalse(revisited.first_time_fix)
        reopened = self._ticket(date_arrived=DAY + "10:00:00")
        reopened.write({"date_resolved": DAY + "12:00:00",
                        "stage_id": self.stage_resolved.id})
        self.assertTrue(reopened.first_time_fix)
        reopened.write({"stage_id": self.stage_in_progress.id})
        self.assertEqual(reopened.reopen_count, 1)
        self.assertFalse(reopened.first_time_fix)

    def test_return_visit_with_the_part_is_not_first_time_fix(self):
        # the voucher's actions are for dispatched requests
        ticket = self._ticket(user_id=self.technician.id)
        ticket.action_arrive()
        ticket.action_arrive()  # pressed again during the same visit
        self.assertEqual(ticket.visit_count, 1)
        first_arrival = ticket.date_arrived
        ticket.stage_id = self.env.ref("aftersales_ticket.stage_waiting_parts")
        ticket.action_arrive()  # back with the spare part
        ticket.action_resolve()
        self.assertEqual(ticket.date_arrived, first_arrival)
        self.assertEqual(ticket.visit_count, 2)
        self.assertFalse(ticket.first_time_fix)
        fixed_at_once = self._ticket(user_id=self.technician.id)
        fixed_at_once.action_arrive()
        fixed_at_once.action_resolve()
        self.assertEqual(fixed_at_once.visit_count, 1)
        self.assertTrue(fixed_at_once.first_time_fix)

    def test_report_view_gives_team_kpis(self):
        # response 2 h, resolved at the first visit, closed
        self._ticket(date_dispatched=DAY + "10:00:00",
                     date_arrived=DAY + "12:00:00",
                     date_resolved=DAY + "14:00:00",
                     stage_id=self.stage_closed.id)
        # response 4 h, SLA breached, resolved, reopened, resolved again
        second = self._ticket(date_dispatched=DAY + "12:00:00",
                              date_arrived=DAY + "13:00:00",
                              date_resolved=DAY + "15:00:00",
                              stage_id=self.stage_resolved.id)
        second.write({"stage_id": self.stage_in_progress.id})
        second.write({"stage_id": self.stage_resolved.id, "sla_breached": True})
        # response 6 h, an open complaint
        self._ticket(date_dispatched=DAY + "14:00:00", request_type="complaint")
        # not dispatched yet
        self._ticket()
        # the resolution deadline of each (without deadline: not counted)
        for ticket in self.env["aftersales.ticket"].search(
                [("team_id", "=", self.team.id)]):
            ticket.sla_resolution_deadline = DAY + "18:00:00"
        groups = self.env["aftersales.ticket.report"].read_group(
            [("team_id", "=", self.team.id)],
            ["team_id", "nbr", "response_hours", "arrival_hours",
             "sla_compliance", "resolution_rate", "first_time_fix_rate",
             "complaint_rate", "backlog"],
            ["team_id"])
        self.assertEqual(len(groups), 1)
        kpi = groups[0]
        self.assertEqual(kpi["nbr"], 4)
        self.assertAlmostEqual(kpi["response_hours"], 4.0)
        self.assertAlmostEqual(kpi["arrival_hours"], 4.5)
        self.assertAlmostEqual(kpi["sla_compliance"], 75.0)
        self.assertAlmostEqual(kpi["resolution_rate"], 50.0)
        self.assertAlmostEqual(kpi["first_time_fix_rate"], 50.0)
        self.assertAlmostEqual(kpi["complaint_rate"], 25.0)
        self.assertEqual(kpi["backlog"], 3)

    def test_kpis_per_service_category_and_period(self):
        # a serial delivered to the customer in January, under warranty
        lot = create_delivered_lot(self.env, self.customer_a,
                                   "2026-01-15 10:00:00")
        self._ticket(service_category="A", date_dispatched=DAY + "09:00:00")
        self._ticket(service_category="C", lot_id=lot.id,
                     date_dispatched=DAY + "11:00:00")
        self._ticket(service_category="C", lot_id=lot.id,
                     date_received="2026-04-01 08:00:00",
                     date_dispatched="2026-04-01 09:00:00")
        Report = self.env["aftersales.ticket.report"]
        by_category = {
            group["service_category"]: group["response_hours"]
            for group in Report.read_group(
                [("team_id", "=", self.team.id)],
                ["service_category", "response_hours"], ["service_category"])}
        self.assertEqual(by_category, {"A": 1.0, "C": 2.0})
        by_month = [
            (group["date_received:month"], group["nbr"])
            for group in Report.read_group(
                [("team_id", "=", self.team.id)],
                ["date_received", "nbr"], ["date_received:month"])]
        self.assertEqual(by_month, [("March 2026", 2), ("April 2026", 1)])

    def test_ticket_without_deadline_is_not_compliant(self):
        """Item 15: SLA compliance counts the tickets that have deadlines
        only; tickets without any deadline are neither compliant nor
        late."""
        without = self._ticket()
        self.assertFalse(without.sla_dispatch_deadline
                         or without.sla_arrival_deadline
                         or without.sla_resolution_deadline)
        Report = self.env["aftersales.ticket.report"]

        def compliance():
            Report.invalidate_cache()
            group = Report.read_group(
                [("team_id", "=", self.team.id)],
                ["team_id", "nbr", "sla_compliance"], ["team_id"])[0]
            return group["nbr"], group["sla_compliance"]

        # only tickets without deadline: no compliance figure at all
        nbr, rate = compliance()
        self.assertEqual(nbr, 1)
        self.assertTrue(rate is None or rate is False, rate)
        row = Report.search([("ticket_id", "=", without.id)])
        self.assertFalse(row.sla_compliance)
        met = self._ticket()
        met.sla_arrival_deadline = DAY + "14:00:00"
        late = self._ticket()
        late.write({"sla_arrival_deadline": DAY + "09:00:00",
                    "sla_breached": True})
        nbr, rate = compliance()
        self.assertEqual(nbr, 3)
        self.assertAlmostEqual(rate, 50.0)


class TestTeamDashboard(AftersalesCase):

    COUNTERS = ["dashboard_open_count", "dashboard_unassigned_count",
                "dashboard_breached_count", "dashboard_today_count",
                "dashboard_complaint_count"]

    @classmethod
    def setUpClass(cls):
        super(TestTeamDashboard, cls).setUpClass()
        cls.closed = cls.env.ref("aftersales_ticket.stage_closed")
        # the team's agents dispatch by hand: new requests stay unassigned
        cls.team_urban.auto_assign = False
        _without_sla_policies(cls.env)

    def _counters(self, team):
        team.invalidate_cache()
        return {name: team[name] for name in self.COUNTERS}

    def test_counters_of_a_team(self):
        today = fields.Datetime.now()
        self.create_ticket(date_received=today)
        self.create_ticket(user_id=self.technician.id,
                           date_received="2026-01-05 10:00:00")
        self.create_ticket(sla_breached=True, user_id=self.technician.id,
                           date_received="2026-01-05 10:00:00")
        self.create_ticket(request_type="complaint",
                           date_received="2026-01-05 10:00:00")
        # a closed complaint: the customer was told the outcome
        self.create_ticket(request_type="complaint", stage_id=self.closed.id,
                           sla_breached=True, date_received=today,
                           outcome_notification_method="phone",
                           outcome_notified_on=today,
                           outcome_notified_by_id=self.agent.id)
        # another team's ticket is not counted
        self.create_ticket(team_id=self.team_suburban.id, date_received=today)
        self.assertEqual(self._counters(self.team_urban), {
            "dashboard_open_count": 4,
            "dashboard_unassigned_count": 2,
            "dashboard_breached_count": 1,
            "dashboard_today_count": 2,
            "dashboard_complaint_count": 1,
        })
        action = self.team_urban.with_context(
            dashboard_counter="dashboard_unassigned_count"
        ).action_dashboard_tickets()
        tickets = self.env["aftersales.ticket"].search(action["domain"])
        self.assertEqual(len(tickets), 2)
        self.assertFalse(tickets.mapped("user_id"))

    def _dashboard_queries(self):
        teams = self.env["aftersales.team"].search([])
        teams.invalidate_cache()
        _result, count = self.count_queries(teams.read, self.COUNTERS)
        return count

    def test_query_count_independent_of_tickets(self):
        for index in range(10):
            self.create_ticket(subject="Batch %d" % index)
        self._dashboard_queries()  # warm the caches
        with_10 = self._dashboard_queries()
        for index in range(190):
            self.create_ticket(
                subject="Batch %d" % index,
                team_id=(self.team_suburban if index % 2 else self.team_urban).id,
                request_type="complaint" if index % 3 else "fault")
        with_200 = self._dashboard_queries()
        self.assertEqual(with_10, with_200)
        # one read_group per counter, the teams' names, the user's time zone
        self.assertLessEqual(with_200, 10)


class TestWeeklySummary(AftersalesCase):

    def test_cron_mails_managers_the_top_problems(self):
        Category = self.env["aftersales.ticket.category"]
        power = Category.create({"name": "Power supply failure"})
        display = Category.create({"name": "Cracked display"})
        washer = self.env["product.product"].create({"name": "Washer WX-200"})
        recent = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now())
            .replace(microsecond=0))
        for _index in range(3):
            self.create_ticket(category_id=power.id, product_id=washer.id,
                               date_received=recent)
        self.create_ticket(category_id=display.id, date_received=recent)
        # older than seven days: not in this week's summary
        for _index in range(5):
            self.create_ticket(category_id=display.id,
                               date_received="2020-01-01 10:00:00")
        Mail = self.env["mail.mail"]
        before = Mail.search([("model", "=", "res.company")])
        self.env["aftersales.ticket.report"]._cron_send_weekly_summary()
        mails = Mail.search([("model", "=", "res.company")]) - before
        self.assertEqual(len(mails), 1)
        self.assertIn(self.manager.partner_id, mails.recipient_ids)
        self.assertNotIn(self.director.partner_id, mails.recipient_ids)
        body = mails.body_html
        self.assertIn("Power supply failure", body)
        self.assertIn("Washer WX-200", body)
        # ranked by number of requests: 3 power supply before 1 display
        self.assertLess(body.index("Power supply failure"),
                        body.index("Cracked display"))
