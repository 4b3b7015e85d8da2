# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import ValidationError

from ..models.res_config_settings import get_survey_parameters

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

    def test_nan_inf_and_text_weights_refused_clearly(self):
        before = self._param("weight_evaluation_sla")
        for value in (float("nan"), float("inf"), -float("inf"), 1e308,
                      "abc"):
            with self.assertRaises(ValidationError, msg=repr(value)):
                self._settings(
                    aftersales_evaluation_weight_sla=value).execute()
            with self.assertRaises(ValidationError, msg=repr(value)):
                self._settings(
                    aftersales_survey_weight_skill=value).execute()
            with self.assertRaises(ValidationError, msg=repr(value)):
                self._settings(
                    aftersales_survey_low_score_threshold=value).execute()
        with self.assertRaises(ValidationError):
            self._settings(aftersales_survey_reminder_days="abc").execute()
        self.assertEqual(self._param("weight_evaluation_sla"), before)

    def test_nan_weights_cannot_sum_to_100(self):
        # NaN reaching the check (e.g. from an onchange) is refused there
        settings = self.env["res.config.settings"].new(dict(
            self._settings().read()[0],
            aftersales_evaluation_weight_sla=float("nan")))
        with self.assertRaises(ValidationError):
            settings._check_aftersales_values()

    def test_stored_nan_or_text_parameter_falls_back_to_default(self):
        Param = self.env["ir.config_parameter"]
        Param.set_param("aftersales_survey.weight_evaluation_sla", "nan")
        Param.set_param("aftersales_survey.low_score_threshold", "abc")
        params = get_survey_parameters(self.env)
        self.assertEqual(params["evaluation_weights"]["sla"], 20.0)
        self.assertEqual(params["threshold"], 50.0)
