# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import ValidationError

from .common import SurveyCase


class TestSurveySettings(SurveyCase):
    """Bad settings are refused, and nothing is stored."""

    def _settings(self, **values):
        return self.env["res.config.settings"].create(values)

    def _param(self, key):
        return self.env["ir.config_parameter"].get_param(
            "aftersales_survey." + key)

    def test_defaults(self):
        settings = self._settings()
        self.assertEqual(settings.aftersales_evaluation_weight_satisfaction, 40)
        self.assertEqual(settings.aftersales_survey_weight_attitude, 25)
        self.assertEqual(settings.aftersales_survey_low_score_threshold, 50)
        self.assertEqual(settings.aftersales_survey_reminder_days, 3)

    def test_evaluation_weights_not_100_refused(self):
        before = self._param("weight_evaluation_sla")
        settings = self._settings(aftersales_evaluation_weight_sla=30.0)
        with self.assertRaises(ValidationError):
            settings.execute()
        self.assertEqual(self._param("weight_evaluation_sla"), before)

    def test_item_weights_not_100_or_negative_refused(self):
        with self.assertRaises(ValidationError):
            self._settings(aftersales_survey_weight_skill=50.0).execute()
        with self.assertRaises(ValidationError):
            self._settings(aftersales_survey_weight_skill=-25.0,
                           aftersales_survey_weight_attitude=75.0).execute()

    def test_threshold_and_delay_out_of_range_refused(self):
        with self.assertRaises(ValidationError):
            self._settings(aftersales_survey_low_score_threshold=101).execute()
        with self.assertRaises(ValidationError):
            self._settings(aftersales_survey_low_score_threshold=-1).execute()
        with self.assertRaises(ValidationError):
            self._settings(aftersales_survey_reminder_days=-2).execute()
        self.assertNotIn(self._param("low_score_threshold"), ("101", "-1"))

    def test_valid_values_stored(self):
        self._settings(aftersales_survey_low_score_threshold=70,
                       aftersales_survey_reminder_days=5,
                       aftersales_evaluation_weight_satisfaction=60.0,
                       aftersales_evaluation_weight_sla=20.0,
                       aftersales_evaluation_weight_first_time_fix=10.0,
                       aftersales_evaluation_weight_complaints=10.0).execute()
        self.assertEqual(self._param("low_score_threshold"), "70.0")
        self.assertEqual(self._param("reminder_days"), "5")
        self.assertEqual(self._param("weight_evaluation_satisfaction"), "60.0")
