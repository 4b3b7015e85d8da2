# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import psycopg2

from odoo.tools import mute_logger

from odoo.addons.aftersales_ticket.tests.common import frozen_clock

from .common import SurveyCase


class TestInvitation(SurveyCase):
    """Every closed customer request gets one invitation, sent once."""

    def test_closing_creates_one_linked_invitation_and_queues_it(self):
        ticket = self.closed_ticket()
        user_input = self.invitation(ticket)
        self.assertEqual(len(user_input), 1)
        self.assertEqual(user_input.survey_id, self.survey)
        self.assertEqual(user_input.type, "link")
        self.assertEqual(user_input.technician_id, self.technician)
        self.assertEqual(user_input.team_id, self.team_urban)
        self.assertEqual(user_input.partner_id, self.customer_a)
        self.assertEqual(user_input.email, "service@customer-a.example.com")
        self.assertTrue(user_input.token)
        self.assertTrue(user_input.survey_url.endswith("/" + user_input.token))
        self.assertEqual(ticket.survey_input_ids, user_input)
        self.assertEqual(
            len(self.jobs("_aftersales_send_invitations", user_input)), 1)
        self.assertFalse(user_input.invitation_sent_on)

    def test_created_closed_gets_an_invitation(self):
        ticket = self.create_ticket(stage_id=self.stage_closed.id,
                                    user_id=self.technician.id)
        self.assertEqual(len(self.invitation(ticket)), 1)

    def test_internal_work_and_cancelled_get_none(self):
        internal = self.closed_ticket(service_category="D")
        self.assertFalse(self.invitation(internal))
        cancelled = self.create_ticket(user_id=self.technician.id)
        cancelled.write({"stage_id": self.stage_cancelled.id})
        self.assertFalse(self.invitation(cancelled))

    def test_close_reopen_close_sends_no_second_survey(self):
        ticket = self.closed_ticket()
        first = self.invitation(ticket)
        first._aftersales_send_invitations()
        ticket.write({"stage_id": self.stage_progress.id})
        ticket.write({"stage_id": self.stage_closed.id})
        self.assertEqual(self.invitation(ticket), first)
        self.assertEqual(len(self.jobs("_aftersales_send_invitations")
                             .filtered(lambda j: first.id in j.record_ids)), 1)
        self.assertEqual(self._mails(first).mapped("subject"),
                         ["%s: how did we do on %s?" % (
                             self.company.name, ticket.name)])

    def test_database_refuses_a_second_invitation(self):
        ticket = self.closed_ticket()
        with mute_logger("odoo.sql_db"), self.assertRaises(
                psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.UserInput.sudo().create(
                    self.UserInput._aftersales_prepare_invitation_values(
                        ticket, self.survey))

    def test_closing_a_batch_with_duplicate_ids(self):
        tickets = self.create_ticket(user_id=self.technician.id) | \
            self.create_ticket(user_id=self.technician.id)
        (tickets + tickets).write({"stage_id": self.stage_closed.id})
        self.assertEqual(len(self.UserInput.search(
            [("ticket_id", "in", tickets.ids)])), 2)

    def test_technician_closing_creates_the_invitation(self):
        ticket = self.create_ticket(user_id=self.technician.id)
        ticket.sudo(self.technician).write({"stage_id": self.stage_closed.id})
        self.assertEqual(len(self.invitation(ticket)), 1)

    def _mails(self, user_input):
        """The survey e-mails of ``user_input`` (those with its link)."""
        return self.env["mail.mail"].search([
            ("model", "=", "survey.user_input"),
            ("res_id", "=", user_input.id),
            ("body_html", "ilike", user_input.token)])

    def test_invitation_mail_sent_once_with_the_link(self):
        ticket = self.closed_ticket()
        user_input = self.invitation(ticket)
        self.assertEqual(user_input._aftersales_send_invitations(), 1)
        self.assertEqual(user_input._aftersales_send_invitations(), 0)
        mail = self._mails(user_input)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "service@customer-a.example.com")
        self.assertIn(user_input.survey_url, mail.body_html)
        self.assertEqual(mail.state, "outgoing")
        self.assertTrue(user_input.invitation_sent_on)

    def test_one_reminder_after_the_delay(self):
        self.env["ir.config_parameter"].set_param(
            "aftersales_survey.reminder_days", "3")
        ticket = self.closed_ticket()
        user_input = self.invitation(ticket)
        with frozen_clock("2026-11-23 10:00:00"):
            user_input._aftersales_send_invitations()
        due = self.UserInput._aftersales_reminder_domain
        self.assertFalse(self.UserInput.search(due("2026-11-25 10:00:00")) &
                         user_input)
        self.assertIn(user_input, self.UserInput.search(
            due("2026-11-26 10:00:00")))
        self.assertEqual(user_input._aftersales_send_reminders(), 1)
        self.assertEqual(user_input._aftersales_send_reminders(), 0)
        self.assertNotIn(user_input, self.UserInput.search(
            due("2026-11-30 10:00:00")))
        subjects = self._mails(user_input).mapped("subject")
        self.assertEqual(len(subjects), 2)
        self.assertIn("Reminder: your opinion on %s" % ticket.name, subjects)

    def test_no_reminder_once_answered_or_when_disabled(self):
        ticket = self.closed_ticket()
        user_input = self.invitation(ticket)
        user_input._aftersales_send_invitations()
        self.answer(user_input, {"attitude": 4, "skill": 4, "arrival": 4,
                                 "promise": 4})
        self.assertEqual(user_input._aftersales_send_reminders(), 0)
        self.env["ir.config_parameter"].set_param(
            "aftersales_survey.reminder_days", "0")
        self.assertIsNone(self.UserInput._aftersales_reminder_domain())

    def test_cron_queues_unsent_invitations_and_due_reminders(self):
        ticket = self.closed_ticket()
        user_input = self.invitation(ticket)
        self.jobs("_aftersales_send_invitations").unlink()
        self.UserInput._cron_aftersales_survey()
        self.assertEqual(
            len(self.jobs("_aftersales_send_invitations", user_input)), 1)

    def test_voucher_never_carries_the_survey_link(self):
        # the technician rated carries the voucher: the link reaches the
        # customer by e-mail or in the portal only (issue 12)
        partner = self.env["res.partner"].create({"name": "No Mail Customer"})
        report = self.env.ref("aftersales_ticket.aftersales_ticket_report_voucher")
        for ticket in (self.closed_ticket(partner_id=partner.id),
                       self.closed_ticket()):
            user_input = self.invitation(ticket)
            html = report.sudo(self.technician).render_qweb_html(
                ticket.ids)[0].decode()
            self.assertNotIn(user_input.token, html)
            self.assertNotIn("o_aftersales_survey_link", html)

    def test_invitation_mail_stays_out_of_the_ticket_chatter(self):
        ticket = self.closed_ticket()
        user_input = self.invitation(ticket)
        user_input._aftersales_send_invitations()
        self.assertEqual(len(self._mails(user_input)), 1)
        messages = self.env["mail.message"].sudo(self.technician).search([
            ("model", "=", "aftersales.ticket"), ("res_id", "=", ticket.id)])
        self.assertFalse(messages.filtered(
            lambda message: user_input.token in (message.body or "")))
        # filed on the invitation, it is sent as any e-mail
        self._mails(user_input).send(raise_exception=True)
        self.assertFalse(self._mails(user_input).filtered(
            lambda mail: mail.state == "exception"))

    def test_invitation_is_named_after_ticket_and_customer(self):
        ticket = self.closed_ticket()
        name = self.invitation(ticket).display_name
        self.assertIn(ticket.name, name)
        self.assertIn(self.customer_a.name, name)

    def test_invitations_of_a_batch_in_few_queries(self):
        tickets = self.env["aftersales.ticket"]
        for _index in range(10):
            tickets |= self.closed_ticket()
        inputs = self.UserInput.search([("ticket_id", "in", tickets.ids)])
        inputs.invalidate_cache()
        _result, count = self.count_queries(inputs._aftersales_send_invitations)
        self.assertLessEqual(count, 10 * 8 + 20)
