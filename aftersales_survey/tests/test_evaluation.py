# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.aftersales_ticket.tests.common import render_pdf

from .common import SurveyCase

NOVEMBER = "2026-11-01"


class TestTechnicianEvaluation(SurveyCase):
    """The monthly evaluation: satisfaction 40 %, SLA compliance,
    first-time fix and complaints 20 % each (defaults)."""

    @classmethod
    def setUpClass(cls):
        super(TestTechnicianEvaluation, cls).setUpClass()
        cls.env["ir.config_parameter"].set_param(
            "aftersales_survey.low_score_threshold", "50")

    def setUp(self):
        super(TestTechnicianEvaluation, self).setUp()
        closed_on = "2026-11-20 16:00:00"
        resolved = {"date_resolved": "2026-11-20 15:00:00"}
        # t1: within SLA, fixed first time, all very satisfied (100)
        t1 = self.closed_ticket(date_closed=closed_on, sla_breached=False,
                                **resolved)
        self.answer(self.invitation(t1), dict.fromkeys(
            ("attitude", "skill", "arrival", "promise"), 4))
        # t2: SLA breached, not fixed first time, 4/4/1/1 (50) -> complaint
        t2 = self.closed_ticket(date_closed=closed_on, sla_breached=True)
        low = self.answer(self.invitation(t2), {
            "attitude": 4, "skill": 4, "arrival": 1, "promise": 1})
        low._aftersales_open_complaints()
        # t3: within SLA, fixed first time, no answer
        self.closed_ticket(date_closed=closed_on, sla_breached=False, **resolved)
        # t4: within SLA, not fixed first time, all satisfied (66.67)
        t4 = self.closed_ticket(date_closed=closed_on, sla_breached=False)
        self.answer(self.invitation(t4), dict.fromkeys(
            ("attitude", "skill", "arrival", "promise"), 3))
        # another technician's ticket of the month, and December's
        self.closed_ticket(date_closed=closed_on, user_id=self.director.id)
        self.closed_ticket(date_closed="2026-12-02 10:00:00")
        self.Evaluation = self.env["aftersales.technician.evaluation"]

    def _november(self):
        return self.Evaluation.search([
            ("technician_id", "=", self.technician.id),
            ("month", "=", NOVEMBER)])

    def test_hand_computed_score(self):
        evaluation = self._november()
        self.assertEqual(len(evaluation), 1)
        self.assertEqual(
            (evaluation.closed_count, evaluation.sla_met_count,
             evaluation.first_time_fix_count, evaluation.complaint_count,
             evaluation.invitation_count, evaluation.answer_count),
            (4, 3, 2, 1, 4, 3))
        # satisfaction (100 + 50 + 66.667) / 3 = 72.222
        self.assertAlmostEqual(evaluation.satisfaction, 72.2222, places=3)
        self.assertAlmostEqual(evaluation.sla_rate, 75.0)
        self.assertAlmostEqual(evaluation.first_time_fix_rate, 50.0)
        self.assertAlmostEqual(evaluation.complaint_score, 75.0)
        self.assertAlmostEqual(evaluation.response_rate, 75.0)
        # 0.4 x 72.222 + 0.2 x 75 + 0.2 x 50 + 0.2 x 75 = 68.889
        self.assertAlmostEqual(evaluation.score, 68.8889, places=3)

    def test_weights_from_the_settings(self):
        settings = self.env["res.config.settings"].create({})
        settings.write({
            "aftersales_evaluation_weight_satisfaction": 50.0,
            "aftersales_evaluation_weight_sla": 10.0,
            "aftersales_evaluation_weight_first_time_fix": 30.0,
            "aftersales_evaluation_weight_complaints": 10.0,
        })
        settings.execute()
        # 0.5 x 72.222 + 0.1 x 75 + 0.3 x 50 + 0.1 x 75 = 66.111
        self.assertAlmostEqual(self._november().score, 66.1111, places=3)

    def test_pivot_by_technician_month_and_item(self):
        groups = self.Result.read_group(
            [("technician_id", "=", self.technician.id)],
            ["technician_id", "date", "item", "score"],
            ["technician_id", "date:month", "item"], lazy=False)
        by_item = {group["item"]: group for group in groups}
        self.assertEqual(len(groups), 4)
        self.assertEqual(by_item["attitude"]["__count"], 3)
        # attitude (100 + 100 + 66.67) / 3; arrival (100 + 0 + 66.67) / 3
        self.assertAlmostEqual(by_item["attitude"]["score"], 88.8889, places=3)
        self.assertAlmostEqual(by_item["arrival"]["score"], 55.5556, places=3)
        items = self._november()._get_item_scores()
        self.assertAlmostEqual(
            list(items.values())[0]["arrival"], 55.5556, places=3)

    def test_response_rate_per_team_and_month(self):
        groups = self.UserInput.read_group(
            [("team_id", "=", self.team_urban.id),
             ("technician_id", "=", self.technician.id)],
            ["team_id", "create_date", "answered_count"],
            ["team_id", "create_date:month"], lazy=False)
        self.assertEqual(sum(g["__count"] for g in groups), 5)
        self.assertEqual(sum(g["answered_count"] for g in groups), 3)

    def test_evaluation_and_pivot_in_few_queries(self):
        self.env.cache.invalidate()
        fields_ = ["technician_id", "month", "score", "satisfaction",
                   "response_rate"]
        self.Evaluation.search_read([("month", "=", NOVEMBER)], fields_)
        self.env.cache.invalidate()
        with self.assertQueryCount(6):
            self.Evaluation.search_read([("month", "=", NOVEMBER)], fields_)
        with self.assertQueryCount(3):
            self.Result.read_group([], ["technician_id", "date", "item",
                                        "score"],
                                   ["technician_id", "date:month", "item"],
                                   lazy=False)

    def test_technician_sees_only_own_evaluation(self):
        own = self.Evaluation.sudo(self.technician).search([])
        self.assertEqual(own.mapped("technician_id"), self.technician)
        everyone = self.Evaluation.sudo(self.director).search(
            [("month", "=", NOVEMBER)])
        self.assertIn(self.director, everyone.mapped("technician_id"))

    def test_evaluation_report(self):
        report = self.env.ref(
            "aftersales_survey.aftersales_technician_evaluation_report")
        evaluation = self._november()
        html = report.render_qweb_html(evaluation.ids)[0].decode()
        self.assertIn("68.9", html)
        self.assertRegex(html, r"40</span>\s*%")
        self.assertIn("55.6", html)
        pdf, kind = render_pdf(report, evaluation)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_no_answer_reads_as_no_data(self):
        # the director's November ticket: one invitation, no answer
        evaluation = self.Evaluation.search([
            ("technician_id", "=", self.director.id),
            ("month", "=", NOVEMBER)])
        self.assertEqual((evaluation.closed_count, evaluation.answer_count),
                         (1, 0))
        self.assertFalse(evaluation.has_satisfaction)
        self.assertFalse(evaluation.has_score)
        row = self.Evaluation.search_read(
            [("id", "=", evaluation.id)],
            ["satisfaction_display", "score_display",
             "response_rate_display"])[0]
        self.assertEqual((row["satisfaction_display"], row["score_display"]),
                         ("\u2013", "\u2013"))
        self.assertEqual(row["response_rate_display"], "0.00")
        self.assertEqual(self._november().score_display, "68.89")
        report = self.env.ref(
            "aftersales_survey.aftersales_technician_evaluation_report")
        html = report.render_qweb_html(evaluation.ids)[0].decode()
        self.assertIn('<span class="o_evaluation_score">\u2013</span>', html)

    def test_scores_are_written_by_the_answer_flow_only(self):
        values = {
            "user_input_id": self.invitation(self.closed_ticket()).id,
            "item": "skill", "level": "9", "score": 100.0}
        with self.assertRaises(AccessError):
            self.Result.sudo(self.manager).create(dict(values, level="4"))
        with self.assertRaises(ValidationError):
            self.Result.create(values)
        with self.assertRaises(ValidationError):
            self.Result.create(dict(values, level="4", score=float("nan")))
