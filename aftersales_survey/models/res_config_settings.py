# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import math

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.aftersales_ticket.lib import value_check

from ..lib import scoring

PARAM_PREFIX = "aftersales_survey."
REMINDER_DAYS_PARAM = PARAM_PREFIX + "reminder_days"
DEFAULT_REMINDER_DAYS = 3
THRESHOLD_PARAM = PARAM_PREFIX + "low_score_threshold"
DEFAULT_THRESHOLD = 50.0
# {setting field: (system parameter, default)}
ITEM_WEIGHT_FIELDS = {
    "aftersales_survey_weight_%s" % item: (
        PARAM_PREFIX + "weight_item_%s" % item, 25.0)
    for item, _label in scoring.ITEMS
}
EVALUATION_WEIGHT_FIELDS = {
    "aftersales_evaluation_weight_%s" % part: (
        PARAM_PREFIX + "weight_evaluation_%s" % part, float(default))
    for part, default in scoring.EVALUATION_PARTS
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_survey_reminder_days = fields.Integer(
        string="Survey reminder after (days)",
        help="One reminder is sent this many days after the invitation to "
             "customers who have not answered; 0 sends none.")
    aftersales_survey_low_score_threshold = fields.Float(
        string="Low survey score threshold",
        help="An answer whose overall score (0-100) is under this threshold "
             "opens a complaint.")
    aftersales_survey_weight_attitude = fields.Float(
        string="Overall score: attitude weight (%)")
    aftersales_survey_weight_skill = fields.Float(
        string="Overall score: skill weight (%)")
    aftersales_survey_weight_arrival = fields.Float(
        string="Overall score: arrival time weight (%)")
    aftersales_survey_weight_promise = fields.Float(
        string="Overall score: keeping promises weight (%)")
    aftersales_evaluation_weight_satisfaction = fields.Float(
        string="Evaluation: customer satisfaction weight (%)")
    aftersales_evaluation_weight_sla = fields.Float(
        string="Evaluation: SLA compliance weight (%)")
    aftersales_evaluation_weight_first_time_fix = fields.Float(
        string="Evaluation: first-time fix weight (%)")
    aftersales_evaluation_weight_complaints = fields.Float(
        string="Evaluation: complaints weight (%)")

    @api.model
    def _aftersales_parameters(self):
        parameters = super(ResConfigSettings, self)._aftersales_parameters()
        parameters.update({
            "aftersales_survey_reminder_days": (
                REMINDER_DAYS_PARAM, int, DEFAULT_REMINDER_DAYS),
            "aftersales_survey_low_score_threshold": (
                THRESHOLD_PARAM, float, DEFAULT_THRESHOLD),
        })
        for fields_ in (ITEM_WEIGHT_FIELDS, EVALUATION_WEIGHT_FIELDS):
            for field_name, (key, default) in fields_.items():
                parameters[field_name] = (key, float, default)
        return parameters

    @api.model
    def _aftersales_survey_setting_fields(self):
        return ["aftersales_survey_reminder_days",
                "aftersales_survey_low_score_threshold"] + sorted(
                    ITEM_WEIGHT_FIELDS) + sorted(EVALUATION_WEIGHT_FIELDS)

    def _aftersales_check_survey_types(self, vals):
        """The survey settings of ``vals`` by their type: a number, finite,
        in range (a text, NaN or an infinity is refused with the setting's
        name, before anything is stored)."""
        for name in self._aftersales_survey_setting_fields():
            if name not in vals:
                continue
            field = self._fields[name]
            found = value_check.problem(field.type, vals[name])
            if found:
                message, params = found
                raise ValidationError(_("%(field)s: %(problem)s") % {
                    "field": field._description_string(self.env),
                    "problem": _(message) % params})

    @api.model
    def create(self, vals):
        self._aftersales_check_survey_types(vals)
        return super(ResConfigSettings, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_survey_types(vals)
        return super(ResConfigSettings, self).write(vals)

    def _check_aftersales_values(self):
        result = super(ResConfigSettings, self)._check_aftersales_values()
        for settings in self:
            for name in settings._aftersales_survey_setting_fields():
                if not scoring.is_finite_number(settings[name]):
                    raise ValidationError(_("%s must be a number.") % (
                        settings._fields[name]._description_string(
                            settings.env)))
            if not 0 <= settings.aftersales_survey_reminder_days <= 365:
                raise ValidationError(_(
                    "The survey reminder delay must be between 0 and 365 "
                    "days."))
            if not 0 <= settings.aftersales_survey_low_score_threshold <= 100:
                raise ValidationError(_(
                    "The low survey score threshold must be between 0 and "
                    "100."))
            for fields_, title in (
                    (ITEM_WEIGHT_FIELDS, _("overall survey score")),
                    (EVALUATION_WEIGHT_FIELDS, _("technician evaluation"))):
                weights = {name: settings[name] for name in fields_}
                for name, weight in weights.items():
                    if not 0 <= weight <= 100:
                        raise ValidationError(_(
                            "%(setting)s must be between 0 and 100 %% "
                            "(got %(value)s).") % {
                                "setting": settings._fields[name]
                                ._description_string(settings.env),
                                "value": weight})
                if scoring.weights_error(weights):
                    raise ValidationError(_(
                        "The weights of the %(what)s must each be between 0 "
                        "and 100 %% and sum to 100 %% (they sum to "
                        "%(total)s %%).") % {
                            "what": title, "total": sum(weights.values())})
        return result


def get_survey_parameters(env):
    """The survey settings as values: ``{"reminder_days", "threshold",
    "item_weights": {item: %}, "evaluation_weights": {part: %}}``."""
    # sudo: system parameters are readable by administrators only; these
    # are plain numbers set in the suite's settings.
    get_param = env["ir.config_parameter"].sudo().get_param

    def number(key, default, cast=float):
        """The parameter as a finite number, else the default (a value
        stored by hand as 'abc', 'nan' or 'inf' is not used)."""
        try:
            value = cast(get_param(key, default))
        except (TypeError, ValueError, OverflowError):
            return default
        if not math.isfinite(value) or abs(value) > value_check.MAX_NUMBER:
            return default
        return value

    return {
        "reminder_days": number(REMINDER_DAYS_PARAM, DEFAULT_REMINDER_DAYS, int),
        "threshold": number(THRESHOLD_PARAM, DEFAULT_THRESHOLD),
        "item_weights": {
            item: number(ITEM_WEIGHT_FIELDS[
                "aftersales_survey_weight_%s" % item][0], 25.0)
            for item, _label in scoring.ITEMS},
        "evaluation_weights": {
            part: number(EVALUATION_WEIGHT_FIELDS[
                "aftersales_evaluation_weight_%s" % part][0], float(default))
            for part, default in scoring.EVALUATION_PARTS},
    }
