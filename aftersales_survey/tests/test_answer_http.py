# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import json
import re

from odoo.tools import mute_logger

from odoo.addons.aftersales_ticket.tests.common import AftersalesHttpCase

from .common import ITEM_XMLIDS, survey_label


class TestAnswerHttp(AftersalesHttpCase):
    """The customer answers through the public survey link, without
    logging in."""

    def setUp(self):
        super(TestAnswerHttp, self).setUp()
        env = self.env(context={"tracking_disable": True,
                                "mail_notrack": True})
        self.survey = env.ref("aftersales_survey.survey_satisfaction")
        self.page = env.ref("aftersales_survey.survey_satisfaction_page")
        self.technician = env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "Http Technician", "login": "test_survey_http_tech",
                "groups_id": [(6, 0, [env.ref(
                    "aftersales_ticket.group_technician").id])]})
        self.team = env["aftersales.team"].create({
            "name": "Http Survey Team", "level": "center",
            "member_ids": [(6, 0, [self.technician.id])]})
        partner = env["res.partner"].create({
            "name": "Http Survey Customer", "email": "http@survey.example.com"})
        Ticket = env["aftersales.ticket"]
        closed = env.ref("aftersales_ticket.stage_closed")
        self.ticket = Ticket.create({
            "subject": "Boiler repaired", "partner_id": partner.id,
            "team_id": self.team.id, "user_id": self.technician.id,
            "date_received": "2026-11-02 09:00:00"})
        self.ticket.write({"stage_id": closed.id})
        self.other_ticket = Ticket.create({
            "subject": "Washer repaired", "partner_id": partner.id,
            "team_id": self.team.id, "user_id": self.technician.id})
        self.other_ticket.write({"stage_id": closed.id})
        UserInput = env["survey.user_input"]
        self.user_input = UserInput.search([("ticket_id", "=", self.ticket.id)])
        self.other_input = UserInput.search(
            [("ticket_id", "=", self.other_ticket.id)])
        self.checkpoint()

    def _open(self, user_input):
        response = self.url_open("/survey/fill/%d/%s" % (
            self.survey.id, user_input.token))
        self.assertEqual(response.status_code, 200)
        return response

    def _post_data(self, token, csrf, levels, text=""):
        prefix = "%d_%d_" % (self.survey.id, self.page.id)
        data = {"page_id": str(self.page.id), "token": token,
                "button_submit": "finish", "csrf_token": csrf}
        for item in ITEM_XMLIDS:
            question = self.env.ref("aftersales_survey.survey_question_%s" % item)
            data[prefix + str(question.id)] = str(
                survey_label(self.env, item, levels[item]).id)
        comment = self.env.ref("aftersales_survey.survey_question_comment")
        data[prefix + str(comment.id)] = text
        return data

    @staticmethod
    def _csrf(response):
        return re.search(r'name="csrf_token" value="([^"]+)"',
                         response.text).group(1)

    def test_answer_over_http_stores_the_four_scores(self):
        page = self._open(self.user_input)
        self.assertIn("How was the technician", page.text)
        csrf = self._csrf(page)
        data = self._post_data(self.user_input.token, csrf,
                               {"attitude": 4, "skill": 3, "arrival": 4,
                                "promise": 3})
        response = self.url_post("/survey/submit/%d" % self.survey.id, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("redirect", json.loads(response.text))
        self.refresh()
        self.assertEqual(self.user_input.state, "done")
        results = self.user_input.result_ids
        self.assertEqual(
            sorted((r.item, r.level) for r in results),
            [("arrival", "4"), ("attitude", "4"), ("promise", "3"),
             ("skill", "3")])
        self.assertEqual(results.mapped("technician_id"), self.technician)
        self.assertEqual(results.mapped("team_id"), self.team)
        # (100 + 66.67 + 100 + 66.67) / 4 with the default equal weights
        self.assertAlmostEqual(self.user_input.overall_score, 83.33, places=2)
        self.assertFalse(self.user_input.is_low_score)
        # a used token shows Odoo's own "thank you" page, and a second post
        # is refused, nothing changed
        page = self._open(self.user_input)
        self.assertIn("Thank you", page.text)
        with mute_logger("odoo.addons.aftersales_survey.controllers.main"):
            again = self.url_post("/survey/submit/%d" % self.survey.id,
                                  self._post_data(
                                      self.user_input.token, csrf,
                                      dict.fromkeys(ITEM_XMLIDS, 1)))
        self.assertEqual(again.status_code, 403)
        self.refresh()
        self.assertEqual(
            sorted(self.user_input.result_ids.mapped("level")),
            ["3", "3", "4", "4"])

    def test_answer_with_another_tickets_token_is_refused(self):
        page = self._open(self.user_input)
        data = self._post_data(self.other_input.token, self._csrf(page),
                               dict.fromkeys(ITEM_XMLIDS, 1))
        with mute_logger("odoo.addons.aftersales_survey.controllers.main"):
            response = self.url_post("/survey/submit/%d" % self.survey.id,
                                     data)
        self.assertEqual(response.status_code, 403)
        self.refresh()
        for user_input in (self.user_input, self.other_input):
            self.assertEqual(user_input.state, "new")
            self.assertFalse(user_input.user_input_line_ids)
            self.assertFalse(user_input.result_ids)

    def test_wrong_token_gets_the_normal_refusal_page(self):
        response = self.url_open("/survey/fill/%d/%s" % (
            self.survey.id, "not-a-token"))
        self.assertIn("403: Forbidden", response.text)
        self.assertNotIn("How was the technician", response.text)

    def _count_answers(self):
        self.refresh()
        return self.env["survey.user_input"].search_count(
            [("survey_id", "=", self.survey.id)])

    def test_start_without_invitation_creates_no_answer(self):
        before = self._count_answers()
        for url in ("/survey/start/%d" % self.survey.id,
                    "/survey/start/%d/phantom" % self.survey.id):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 403)
            self.assertIn("link of your invitation", response.text)
        self.assertEqual(self._count_answers(), before)

    def test_pages_name_the_ticket_and_the_technician(self):
        start = self.url_open("/survey/start/%d/%s" % (
            self.survey.id, self.user_input.token))
        page = self._open(self.user_input)
        for response in (start, page):
            self.assertIn(self.ticket.name, response.text)
            self.assertIn("Http Technician", response.text)
            self.assertIn("Boiler repaired", response.text)

    def test_text_or_unknown_answer_is_a_clear_400(self):
        page = self._open(self.user_input)
        csrf = self._csrf(page)
        attitude = self.env.ref("aftersales_survey.survey_question_attitude")
        tag = "%d_%d_%d" % (self.survey.id, self.page.id, attitude.id)
        other_question_label = survey_label(self.env, "skill", 1).id
        for value in ("abc", "99999999", str(other_question_label)):
            data = self._post_data(self.user_input.token, csrf,
                                   dict.fromkeys(ITEM_XMLIDS, 4))
            data[tag] = value
            response = self.url_post("/survey/submit/%d" % self.survey.id,
                                     data)
            self.assertEqual(response.status_code, 400, value)
            self.assertIn(tag, json.loads(response.text)["errors"])
        data = self._post_data(self.user_input.token, csrf,
                               dict.fromkeys(ITEM_XMLIDS, 4))
        data["page_id"] = "abc"
        response = self.url_post("/survey/submit/%d" % self.survey.id, data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("error", json.loads(response.text))
        # a 1 MB complaint is refused with a message, nothing stored
        data = self._post_data(self.user_input.token, csrf,
                               dict.fromkeys(ITEM_XMLIDS, 4),
                               text="x" * (1024 * 1024))
        response = self.url_post("/survey/submit/%d" % self.survey.id, data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("too long", json.loads(response.text)["error"])
        self.refresh()
        self.assertEqual(self.user_input.state, "new")
        self.assertFalse(self.user_input.sudo().user_input_line_ids)

    def test_customer_finds_the_link_in_the_portal_technician_does_not(self):
        env = self.env(context={"no_reset_password": True})
        contact = env["res.partner"].create({
            "name": "Http Survey Contact",
            "parent_id": self.ticket.partner_id.id,
            "email": "contact@survey.example.com"})
        self.create_user("test_survey_http_portal", ["base.group_portal"],
                         "portal-pass-123", partner=contact)
        self.technician.write({"password": "tech-pass-123"})
        self.checkpoint()
        url = "/my/tickets/%d" % self.ticket.id
        self.authenticate("test_survey_http_portal", "portal-pass-123")
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.user_input.token, page.text)
        # (an internal user without invoicing rights gets an error from the
        # invoices' portal counter today: whatever the page, no link)
        self.authenticate("test_survey_http_tech", "tech-pass-123")
        with mute_logger("odoo.http"):
            page = self.url_open(url)
        self.assertNotIn(self.user_input.token, page.text)
