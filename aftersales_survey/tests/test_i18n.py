# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from .common import SurveyCase


class TestSurveyTranslations(SurveyCase):
    """The survey the customer sees is in the customer's language."""

    def _translated(self, record, field, lang):
        if not self.env["res.lang"].search([("code", "=", lang)]):
            self.skipTest("language %s not loaded" % lang)
        return record.with_context(lang=lang)[field]

    def test_survey_questions_and_levels_translated(self):
        question = self.env.ref("aftersales_survey.survey_question_arrival")
        lowest = self.env.ref(
            "aftersales_survey.survey_label_arrival_very_dissatisfied")
        self.assertEqual(self._translated(self.survey, "title", "zh_CN"),
                         "售后服务满意度")
        self.assertEqual(self._translated(question, "question", "zh_CN"),
                         "技术员是否准时到达？")
        self.assertEqual(self._translated(lowest, "value", "es_ES"),
                         "Muy insatisfecho")
        self.assertEqual(self._translated(question, "question", "es_ES"),
                         "¿Llegó el técnico a la hora?")
