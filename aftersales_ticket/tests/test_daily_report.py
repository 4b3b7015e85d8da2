# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import tempfile

from odoo.exceptions import AccessError, UserError
from odoo.tools import config

from .common import (
    AftersalesCase, create_delivered_lot, patch_contract_coverage)

DAY = "2026-03-10"


class TestDailyReport(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestDailyReport, cls).setUpClass()
        cls.team_urban.member_ids = [(4, cls.technician_other.id)]
        cls.analytic_account = cls.env["account.analytic.account"].create(
            {"name": "After-sales labour"})
        # the day's dispatching is given by the tests, not done automatically
        Ticket = cls.env["aftersales.ticket"].with_context(
            aftersales_no_auto_assign=True)
        base = {"partner_id": cls.customer_a.id, "team_id": cls.team_urban.id,
                "date_received": DAY + " 07:00:00",
                "date_dispatched": DAY + " 07:30:00"}
        cls.ticket_a = Ticket.create(dict(
            base, subject="Paid repair", service_category="A"))
        # warranty: a serial delivered to the customer two months before
        lot = create_delivered_lot(cls.env, cls.customer_a, "2026-01-10 10:00:00")
        cls.ticket_c = Ticket.create(dict(
            base, subject="Warranty repair", service_category="C",
            lot_id=lot.id))
        with patch_contract_coverage(cls.env):
            cls.ticket_b = Ticket.create(dict(
                base, subject="Contract visit", service_category="B"))
        # booked time: 1.0 + 1.5 h on A, 1.5 h on C by the technician; 3 h on
        # B by the other technician; a line of another day is not counted
        cls._book(cls.technician, cls.ticket_a, 1.0)
        cls._book(cls.technician, cls.ticket_a, 1.5)
        cls._book(cls.technician, cls.ticket_c, 1.5)
        cls._book(cls.technician, cls.ticket_c, 4.0, date="2026-03-09")
        cls._book(cls.technician_other, cls.ticket_b, 3.0)
        # received that day: one still waiting for dispatch, one dispatched;
        # the day before: one undispatched (not in this day's report)
        cls.waiting = Ticket.create({
            "subject": "Waiting for a technician", "partner_id": cls.customer_b.id,
            "team_id": cls.team_urban.id, "date_received": DAY + " 11:00:00"})
        cls.other_team_waiting = Ticket.create({
            "subject": "Other team", "partner_id": cls.customer_b.id,
            "team_id": cls.team_suburban.id, "date_received": DAY + " 11:00:00"})
        cls.yesterday_waiting = Ticket.create({
            "subject": "Yesterday", "partner_id": cls.customer_b.id,
            "team_id": cls.team_urban.id,
            "date_received": "2026-03-09 11:00:00"})

    @classmethod
    def _book(cls, user, ticket, hours, date=DAY):
        return cls.env["account.analytic.line"].create({
            "name": "Work on %s" % ticket.subject,
            "account_id": cls.analytic_account.id,
            "user_id": user.id,
            "date": date,
            "unit_amount": hours,
            "aftersales_ticket_id": ticket.id,
        })

    def _technician_report(self, user):
        return self.env["aftersales.technician.report"].sudo(user).create(
            {"user_id": user.id, "date": DAY, "team_id": self.team_urban.id})

    def _director_report(self):
        return self.env["aftersales.director.report"].sudo(
            self.director)._generate_for_team(self.team_urban, DAY)

    def test_technician_report_totals_equal_analytic_lines(self):
        report = self._technician_report(self.technician)
        self.assertEqual(report.hours_total, 4.0)
        self.assertEqual(report.hours_a, 2.5)
        self.assertEqual(report.hours_c, 1.5)
        self.assertEqual(report.hours_b, 0.0)
        self.assertEqual(report.hours_d, 0.0)
        per_ticket = {line.ticket_id: (line.service_category, line.hours)
                      for line in report.line_ids}
        self.assertEqual(per_ticket, {self.ticket_a: ("A", 2.5),
                                      self.ticket_c: ("C", 1.5)})

    def test_refresh_picks_up_time_booked_later(self):
        report = self._technician_report(self.technician)
        self._book(self.technician, self.ticket_a, 0.5)
        report.sudo(self.technician).action_refresh()
        self.assertEqual(report.hours_a, 3.0)
        self.assertEqual(report.hours_total, 4.5)

    def test_technician_cannot_submit_a_colleague_report(self):
        report = self._director_report().technician_report_ids.filtered(
            lambda tech: tech.user_id == self.technician_other)
        with self.assertRaises((AccessError, UserError)):
            report.sudo(self.technician).action_submit()
        self.assertEqual(report.state, "draft")
        # the technician does not even see it
        visible = self.env["aftersales.technician.report"].sudo(
            self.technician).search([("date", "=", DAY)])
        self.assertEqual(visible.mapped("user_id"), self.technician)

    def test_director_report_consolidates_team(self):
        report = self._director_report()
        self.assertEqual(report.technician_report_ids.mapped("user_id"),
                         self.technician | self.technician_other)
        per_technician = {tech.user_id: tech.hours_total
                          for tech in report.technician_report_ids}
        self.assertEqual(per_technician, {self.technician: 4.0,
                                          self.technician_other: 3.0})
        self.assertEqual(report.hours_total, 7.0)
        self.assertEqual(
            (report.hours_a, report.hours_b, report.hours_c, report.hours_d),
            (2.5, 3.0, 1.5, 0.0))
        self.assertEqual(report.undispatched_ticket_ids, self.waiting)
        # generating again refreshes, never duplicates
        self.assertEqual(self._director_report(), report)
        self.assertEqual(len(report.technician_report_ids), 2)

    def test_submit_and_approve(self):
        report = self._director_report()
        # the director cannot submit before the technicians did
        with self.assertRaises(UserError):
            report.sudo(self.director).action_submit()
        for tech in report.technician_report_ids:
            tech.sudo(tech.user_id).action_submit()
        self.assertEqual(set(report.technician_report_ids.mapped("state")),
                         {"submitted"})
        with self.assertRaises(AccessError):
            report.sudo(self.agent).action_submit()
        tracked = report.with_context(tracking_disable=False, mail_notrack=False)
        tracked.sudo(self.director).action_submit()
        self.assertEqual(report.state, "submitted")
        for user in (self.agent, self.technician, self.director):
            with self.assertRaises(AccessError):
                report.sudo(user).action_approve()
        self.assertEqual(report.state, "submitted")
        tracked.sudo(self.manager).action_approve()
        self.assertEqual(report.state, "approved")
        self.assertEqual(report.approver_id, self.manager)
        tracking = report.sudo().message_ids.mapped("tracking_value_ids").filtered(
            lambda value: value.field == "state")
        self.assertEqual(set(tracking.mapped("new_value_char")),
                         {"Submitted", "Approved"})
        # an approved day is locked
        tech = report.technician_report_ids[0]
        with self.assertRaises(UserError):
            tech.sudo(self.director).action_reset_draft()

    def test_refused_report_goes_back_to_draft(self):
        report = self._director_report()
        report.technician_report_ids.sudo(self.director).action_submit()
        report.sudo(self.director).action_submit()
        report.sudo(self.manager).action_refuse()
        self.assertEqual(report.state, "refused")
        report.sudo(self.director).action_reset_draft()
        self.assertEqual(report.state, "draft")

    def test_team_button_generates_today_reports(self):
        action = self.team_urban.sudo(self.director).action_generate_daily_reports()
        reports = self.env["aftersales.director.report"].search(action["domain"])
        self.assertEqual(reports.team_id, self.team_urban)
        self.assertEqual(len(reports.technician_report_ids), 2)

    def test_reports_print(self):
        report = self._director_report()
        html = self.env.ref(
            "aftersales_ticket.aftersales_director_report_report"
        ).render_qweb_html(report.ids)[0].decode()
        self.assertIn(self.waiting.subject, html)
        self.assertIn(self.technician_other.name, html)
        tech = report.technician_report_ids.filtered(
            lambda rep: rep.user_id == self.technician)
        html = self.env.ref(
            "aftersales_ticket.aftersales_technician_report_report"
        ).render_qweb_html(tech.ids)[0].decode()
        self.assertIn(self.ticket_a.name, html)
        self.assertIn("04:00", html)  # the day's total, as hours:minutes

    def test_director_report_renders_as_pdf(self):
        report = self._director_report()
        action = self.env.ref(
            "aftersales_ticket.aftersales_director_report_report")
        # Odoo 11 renders HTML while tests run unless a report directory is
        # configured: point it at a scratch folder for this rendering only
        previous = config["test_report_directory"]
        config["test_report_directory"] = tempfile.mkdtemp(
            prefix="aftersales-daily-")
        try:
            pdf, fmt = action.render_qweb_pdf(report.ids)
        finally:
            config["test_report_directory"] = previous
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:20])

    def test_submitted_report_is_locked_for_the_technician(self):
        report = self._technician_report(self.technician)
        report.sudo(self.technician).action_submit()
        with self.assertRaises(UserError):
            report.sudo(self.technician).write({"note": "changed afterwards"})
        with self.assertRaises(UserError):
            report.sudo(self.technician).action_refresh()
