# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Who reads and writes the answers of the satisfaction survey (issue 20):
the customer's ratings and complaint are read by the staff concerned only
(the service managers, the directors of the team), and written by the
answer flow only. Odoo's own surveys keep working for survey managers."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import SurveyCase, survey_label

REFUSED = (AccessError, UserError, ValidationError)
LOWEST = {"attitude": 1, "skill": 1, "arrival": 1, "promise": 1}
COMPLAINT = "The technician broke the door of my garage."


class TestAnswerPrivacy(SurveyCase):

    @classmethod
    def setUpClass(cls):
        super(TestAnswerPrivacy, cls).setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        contact_b = cls.env["res.partner"].create({
            "name": "Buyer of Customer B", "parent_id": cls.customer_b.id,
            "email": "buyer@customer-b.example.com"})
        cls.portal = Users.create({
            "name": "Customer B Portal", "login": "test_survey_portal_b",
            "partner_id": contact_b.id,
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])]})
        cls.employee = cls._create_user("survey_employee", "base.group_user")
        cls.other_company = cls.env["res.company"].create(
            {"name": "Other Service Company"})
        cls.agent_other = Users.create({
            "name": "Agent Other Company", "login": "test_survey_agent_other",
            "company_id": cls.other_company.id,
            "company_ids": [(6, 0, [cls.other_company.id])],
            "groups_id": [(6, 0, [cls.env.ref(
                "aftersales_ticket.group_agent").id])]})
        cls.director_other = cls._create_user(
            "survey_director_other", "aftersales_ticket.group_director")
        cls.team_other = cls.env["aftersales.team"].create({
            "name": "Test Other Centre", "level": "center",
            "director_id": cls.director_other.id})
        cls.survey_manager = cls._create_user(
            "survey_manager", "survey.group_survey_manager")

    def setUp(self):
        super(TestAnswerPrivacy, self).setUp()
        self.ticket = self.closed_ticket()
        self.user_input = self.answer(self.invitation(self.ticket), LOWEST,
                                      text=COMPLAINT)
        self.Line = self.env["survey.user_input_line"]

    def _lines_read(self, user):
        return self.Line.sudo(user).search_read(
            [("user_input_id", "=", self.user_input.id)],
            ["value_free_text", "value_suggested", "quizz_mark"])

    def test_outsiders_read_no_answer(self):
        for user in (self.portal, self.technician_other, self.employee,
                     self.agent_other, self.agent, self.director_other,
                     self.survey_manager, self.technician):
            self.assertFalse(self._lines_read(user), user.login)
            self.assertFalse(self.UserInput.sudo(user).search(
                [("id", "=", self.user_input.id)]), user.login)
            with self.assertRaises(AccessError, msg=user.login):
                self.user_input.sudo(user).read(["complaint_text"])

    def test_directors_of_the_team_and_managers_read_it(self):
        for user in (self.director, self.manager):
            lines = self._lines_read(user)
            self.assertIn(COMPLAINT, [line["value_free_text"]
                                      for line in lines])
            self.assertEqual(self.UserInput.sudo(user).search(
                [("id", "=", self.user_input.id)]), self.user_input)
        # the technician rated sees his scores, not the answer
        self.assertEqual(len(self.Result.sudo(self.technician).search(
            [("user_input_id", "=", self.user_input.id)])), 4)

    def test_director_of_the_parent_team_reads_the_sub_teams_answers(self):
        ticket = self.closed_ticket(team_id=self.team_suburban.id,
                                    user_id=self.technician_other.id)
        user_input = self.answer(self.invitation(ticket), LOWEST)
        self.assertEqual(self.UserInput.sudo(self.director).search(
            [("id", "=", user_input.id)]), user_input)
        self.assertFalse(self.UserInput.sudo(self.director_other).search(
            [("id", "=", user_input.id)]))

    def test_nobody_writes_an_answer(self):
        line = self.user_input.user_input_line_ids.filtered(
            "value_free_text")
        for user in (self.portal, self.employee, self.technician,
                     self.director, self.manager, self.survey_manager):
            with self.assertRaises(REFUSED, msg=user.login):
                line.sudo(user).write({"value_free_text": "All fine."})
            with self.assertRaises(REFUSED, msg=user.login):
                line.sudo(user).unlink()
        self.assertEqual(line.value_free_text, COMPLAINT)

    def test_customer_cannot_plant_answers_on_an_open_invitation(self):
        open_input = self.invitation(self.closed_ticket())
        question = self.env.ref("aftersales_survey.survey_question_attitude")
        for user in (self.portal, self.employee, self.survey_manager):
            with self.assertRaises(REFUSED, msg=user.login):
                self.Line.sudo(user).create({
                    "user_input_id": open_input.id,
                    "question_id": question.id,
                    "answer_type": "suggestion",
                    "value_suggested": survey_label(
                        self.env, "attitude", 1).id})
        self.assertFalse(open_input.user_input_line_ids)
        self.assertEqual(open_input.state, "new")

    def test_customer_cannot_redirect_an_invitation(self):
        open_input = self.invitation(self.closed_ticket())
        for user in (self.portal, self.employee, self.technician):
            for values in ({"email": "attacker@evil.example.com"},
                           {"partner_id": self.portal.partner_id.id},
                           {"state": "done"}, {"token": "forged-token"},
                           {"survey_id": self.survey.id}):
                with self.assertRaises(REFUSED, msg=(user.login, values)):
                    open_input.sudo(user).write(values)
        self.assertEqual(open_input.email, "service@customer-a.example.com")
        self.assertEqual(open_input._aftersales_send_invitations(), 1)
        mails = self.env["mail.mail"].search(
            [("body_html", "ilike", open_input.token)])
        self.assertEqual(mails.mapped("email_to"),
                         ["service@customer-a.example.com"])

    def test_odoo_surveys_still_work_for_survey_managers(self):
        survey = self.env["survey.survey"].create({
            "title": "Canteen opinion",
            "page_ids": [(0, 0, {"title": "Food", "question_ids": [(0, 0, {
                "question": "Anything to say?", "type": "free_text"})]})]})
        question = survey.page_ids.question_ids
        manager = self.survey_manager
        answer = self.UserInput.sudo(manager).create(
            {"survey_id": survey.id, "email": "me@example.com"})
        self.Line.sudo(manager).create({
            "user_input_id": answer.id, "question_id": question.id,
            "answer_type": "free_text", "value_free_text": "More fruit."})
        answer.sudo(manager).write({"state": "done"})
        self.assertEqual(answer.sudo(manager).user_input_line_ids
                         .value_free_text, "More fruit.")
        # the canteen's answers are Odoo's: the suite's rules leave them be
        self.assertIn(answer, self.UserInput.sudo(manager).search([]))
        self.assertNotIn(self.user_input, self.UserInput.sudo(manager).search(
            []))
