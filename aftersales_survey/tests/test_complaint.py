# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import base64

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import SurveyCase

ALL_GOOD = {"attitude": 4, "skill": 4, "arrival": 3, "promise": 4}


class TestLowScoreComplaint(SurveyCase):
    """A low score opens exactly one complaint, linked to the original."""

    def _answered(self, levels, text="", **ticket_values):
        ticket = self.closed_ticket(**ticket_values)
        user_input = self.answer(self.invitation(ticket), levels, text)
        return ticket, user_input

    def _complaints(self, ticket):
        return self.env["aftersales.ticket"].search(
            [("survey_origin_ticket_id", "=", ticket.id)])

    def test_lowest_level_opens_one_complaint_even_if_job_runs_twice(self):
        levels = dict(ALL_GOOD, arrival=1)
        ticket, user_input = self._answered(levels)
        self.assertTrue(user_input.is_low_score)
        self.assertEqual(
            len(self.jobs("_aftersales_open_complaints", user_input)), 1)
        self.assertEqual(user_input._aftersales_open_complaints(), 1)
        self.assertEqual(user_input._aftersales_open_complaints(), 0)
        complaint = self._complaints(ticket)
        self.assertEqual(len(complaint), 1)
        self.assertEqual(user_input.complaint_id, complaint)
        self.assertEqual(complaint.request_type, "complaint")
        self.assertEqual(complaint.partner_id, ticket.partner_id)
        self.assertEqual(complaint.team_id, ticket.team_id)
        self.assertEqual(ticket.survey_complaint_ids, complaint)
        self.assertIn("Very dissatisfied", complaint.description)
        # the director's call (the complaint may also be dispatched to him
        # as its visit: it never goes to the technician rated)
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "aftersales.ticket"),
            ("res_id", "=", complaint.id), ("user_id", "=", self.director.id),
            ("summary", "=", "Low satisfaction score: call the customer")])
        self.assertEqual(len(activities), 1)
        self.assertNotEqual(complaint.user_id, user_input.technician_id)

    def test_second_job_on_a_new_answer_object_still_one_complaint(self):
        ticket, user_input = self._answered(dict(ALL_GOOD, skill=1))
        user_input._aftersales_open_complaints()
        # the link on the answer lost: the unique complaint is found again
        user_input.sudo().write({"complaint_id": False})
        user_input._aftersales_open_complaints()
        self.assertEqual(len(self._complaints(ticket)), 1)

    def test_database_refuses_a_second_survey_complaint(self):
        ticket, user_input = self._answered(dict(ALL_GOOD, skill=1))
        user_input._aftersales_open_complaints()
        with mute_logger("odoo.sql_db"), self.assertRaises(
                psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.env["aftersales.ticket"]._aftersales_workflow().create(
                    user_input._aftersales_prepare_complaint_values())

    def test_good_answer_opens_none(self):
        ticket, user_input = self._answered(ALL_GOOD)
        self.assertFalse(user_input.is_low_score)
        self.assertFalse(self.jobs("_aftersales_open_complaints", user_input))
        self.assertEqual(user_input._aftersales_open_complaints(), 0)
        self.assertFalse(self._complaints(ticket))

    def test_score_under_threshold_or_complaint_text_opens_one(self):
        # 2 x dissatisfied + 2 x satisfied = 50.0: not under 50 (default)
        levels = {"attitude": 2, "skill": 2, "arrival": 3, "promise": 3}
        _ticket, user_input = self._answered(levels)
        self.assertAlmostEqual(user_input.overall_score, 50.0)
        self.assertFalse(user_input.is_low_score)
        self.env["ir.config_parameter"].set_param(
            "aftersales_survey.low_score_threshold", "60")
        ticket, user_input = self._answered(levels)
        self.assertTrue(user_input.is_low_score)
        ticket, user_input = self._answered(
            ALL_GOOD, text="The technician left the old part in my garden.")
        self.assertTrue(user_input.is_low_score)
        user_input._aftersales_open_complaints()
        self.assertIn("old part in my garden",
                      self._complaints(ticket).description)

    def test_complaint_closes_only_once_the_customer_is_told(self):
        ticket, user_input = self._answered(dict(ALL_GOOD, promise=1))
        user_input._aftersales_open_complaints()
        complaint = self._complaints(ticket)
        with self.assertRaises(ValidationError):
            complaint.write({"stage_id": self.stage_closed.id})
        wizard = self.env["aftersales.complaint.notify.wizard"].with_context(
            active_model="aftersales.ticket", active_ids=complaint.ids).create({
                "method": "phone", "note": "Apologised; a senior technician "
                                           "will visit."})
        wizard.action_confirm()
        complaint.write({"stage_id": self.stage_closed.id})
        self.assertTrue(complaint.is_closed)
        self.assertEqual(complaint.outcome_notification_method, "phone")

    def test_links_and_scores_are_not_writable_by_users(self):
        ticket, user_input = self._answered(dict(ALL_GOOD, skill=1))
        user_input._aftersales_open_complaints()
        complaint = self._complaints(ticket)
        other = self.closed_ticket()
        with self.assertRaises(UserError):
            complaint.sudo(self.agent).write(
                {"survey_origin_ticket_id": other.id})
        with self.assertRaises(UserError):
            self.env["aftersales.ticket"].sudo(self.agent).create({
                "subject": "Forged", "partner_id": self.customer_a.id,
                "request_type": "complaint",
                "survey_origin_ticket_id": other.id})
        for user in (self.director, self.manager):
            with self.assertRaises(AccessError):
                user_input.sudo(user).write({"overall_score": 100.0})
        portal = self.env["res.users"].create({
            "name": "Survey Portal", "login": "test_survey_portal",
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        with self.assertRaises(AccessError):
            user_input.sudo(portal).write({"is_low_score": False})
        self.assertEqual(complaint.survey_origin_ticket_id, ticket)
        self.assertTrue(user_input.is_low_score)
        self.assertEqual(user_input.result_ids.filtered(
            lambda r: r.item == "skill").level, "1")

    def test_long_complaint_text_opens_the_complaint_with_it_attached(self):
        text = ("The boiler leaks again and nobody called me back. " * 2400)[
            :119999] + "."
        ticket, user_input = self._answered(ALL_GOOD, text=text)
        self.assertEqual(user_input.complaint_text, text)
        self.assertEqual(user_input._aftersales_open_complaints(), 1)
        complaint = self._complaints(ticket)
        self.assertEqual(len(complaint), 1)
        self.assertEqual(user_input.complaint_id, complaint)
        self.assertLess(len(complaint.description), 10000)
        self.assertIn("The boiler leaks again", complaint.description)
        attachment = self.env["ir.attachment"].search([
            ("res_model", "=", "aftersales.ticket"),
            ("res_id", "=", complaint.id)])
        self.assertEqual(len(attachment), 1)
        self.assertEqual(base64.b64decode(attachment.datas).decode("utf-8"),
                         text)

    def test_complaint_is_not_dispatched_to_the_technician_rated(self):
        Ticket = self.env["aftersales.ticket"]
        ticket, user_input = self._answered(dict(ALL_GOOD, attitude=1))
        values = user_input._aftersales_prepare_complaint_values()
        if "concerned_user_id" not in Ticket._fields:
            self.skipTest("the ticket has no technician concerned yet")
        self.assertEqual(values["concerned_user_id"], self.technician.id)
        user_input._aftersales_open_complaints()
        complaint = self._complaints(ticket)
        self.assertEqual(complaint.concerned_user_id, self.technician)
        self.assertNotEqual(complaint.user_id, self.technician)

    def test_scores_and_answers_recorded_once(self):
        ticket, user_input = self._answered(dict(ALL_GOOD, skill=1))
        self.assertEqual(len(user_input.result_ids), 4)
        self.assertFalse(user_input._aftersales_record_answers())
        self.assertFalse((user_input + user_input)._aftersales_record_answers())
        self.assertEqual(len(user_input.result_ids), 4)
        self.assertEqual(
            len(self.jobs("_aftersales_open_complaints", user_input)), 1)
