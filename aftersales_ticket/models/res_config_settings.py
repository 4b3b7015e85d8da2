# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..lib import value_check
from .aftersales_ticket_complaint import (
    DEFAULT_REPEAT_COMPLAINT_DAYS, MAX_REPEAT_COMPLAINT_DAYS,
    REPEAT_COMPLAINT_DAYS_PARAM)
from .aftersales_sla_policy import ARRIVAL_RANGE

# The SLA policies whose arrival target the settings change (their own
# arrival hours, in data/aftersales_sla_policy_data.xml, are the default).
ARRIVAL_POLICIES = {
    "aftersales_urban_arrival_hours": "aftersales_ticket.sla_policy_urban",
    "aftersales_suburban_arrival_hours": "aftersales_ticket.sla_policy_suburban",
}
# Sane range of each ticket setting, (lowest, highest): a repeat window of
# ten years at most (a wider one reaches dates PostgreSQL cannot compute),
# an arrival target of at most 2000 working hours (a year of working days;
# 0: no target).
SETTING_RANGES = {
    "aftersales_repeat_complaint_days": (0, MAX_REPEAT_COMPLAINT_DAYS),
    "aftersales_urban_arrival_hours": ARRIVAL_RANGE,
    "aftersales_suburban_arrival_hours": ARRIVAL_RANGE,
}


class ResConfigSettings(models.TransientModel):
    """Settings of the suite, stored as system parameters (Odoo 11.0 fields
    have no ``config_parameter`` attribute yet). Each addon declares the
    settings it reads and adds them to ``_aftersales_parameters``, with the
    default it uses itself; the After-Sales app shows them in one screen."""

    _name = "res.config.settings"
    _inherit = ["res.config.settings", "aftersales.mixin"]
    _aftersales_guard_stored_computes = False

    aftersales_repeat_complaint_days = fields.Integer(
        string="Repeat complaint window (days)")
    aftersales_urban_arrival_hours = fields.Float(
        string="Urban arrival target (working hours)")
    aftersales_suburban_arrival_hours = fields.Float(
        string="Suburban arrival target (working hours)")

    @api.model
    def _aftersales_parameters(self):
        """Hook: ``{setting field: (system parameter, type, default)}``."""
        parameters = {
            "aftersales_repeat_complaint_days": (
                REPEAT_COMPLAINT_DAYS_PARAM, int,
                DEFAULT_REPEAT_COMPLAINT_DAYS),
        }
        for field_name, xmlid in ARRIVAL_POLICIES.items():
            policy = self.env.ref(xmlid, raise_if_not_found=False)
            if policy:
                parameters[field_name] = (
                    policy.arrival_hours_param, float, policy.arrival_hours)
        return parameters

    @api.model
    def get_values(self):
        values = super(ResConfigSettings, self).get_values()
        # settings are for administrators; sudo reads the protected params
        get_param = self.env["ir.config_parameter"].sudo().get_param
        for field_name, (key, cast, default) in \
                self._aftersales_parameters().items():
            try:
                values[field_name] = cast(get_param(key, default))
            except ValueError:
                values[field_name] = default
        return values

    def set_values(self):
        result = super(ResConfigSettings, self).set_values()
        self._check_aftersales_values()
        set_param = self.env["ir.config_parameter"].sudo().set_param
        for field_name, (key, _cast, _default) in \
                self._aftersales_parameters().items():
            set_param(key, str(self[field_name]))
        return result

    @api.model
    def create(self, vals):
        # the suite's settings (of every addon): 'abc', NaN, 1e308, missing
        # ids refused clearly before the wizard is stored and applied, then
        # the ranges of the numeric ones; the others are their addons'
        # business
        self._check_aftersales_setting_values(vals)
        self._aftersales_check_suite_values(vals)
        return super(ResConfigSettings, self).create(vals)

    def write(self, vals):
        self._check_aftersales_setting_values(vals)
        self._aftersales_check_suite_values(vals)
        return super(ResConfigSettings, self).write(vals)

    @api.model
    def _aftersales_setting_ranges(self):
        """Hook: ``{setting field: (lowest, highest)}`` of the numeric
        settings of the suite, refused outside (and NaN, infinities)."""
        return dict(SETTING_RANGES)

    @api.model
    def _check_aftersales_setting_values(self, vals):
        """Refuse, before the settings are saved, a value of a suite
        setting that is not a finite number within its range (NaN, 1e308
        or a window of 2147483647 days would stop every new request)."""
        for field_name, (lowest, highest) in \
                self._aftersales_setting_ranges().items():
            if field_name in vals and not value_check.in_range(
                    vals[field_name], lowest, highest):
                raise ValidationError(_(
                    "%(setting)s: %(value)r is not accepted; enter a number "
                    "from %(lowest)s to %(highest)s.") % {
                        "setting": self._fields[field_name].string,
                        "value": vals[field_name], "lowest": lowest,
                        "highest": highest})

    def _check_aftersales_values(self):
        """Hook: refuse settings out of range before they are stored."""
        for settings in self:
            settings._check_aftersales_setting_values({
                field_name: settings[field_name]
                for field_name in self._aftersales_setting_ranges()})
