# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .aftersales_ticket_complaint import (
    DEFAULT_REPEAT_COMPLAINT_DAYS, REPEAT_COMPLAINT_DAYS_PARAM)

# The SLA policies whose arrival target the settings change (their own
# arrival hours, in data/aftersales_sla_policy_data.xml, are the default).
ARRIVAL_POLICIES = {
    "aftersales_urban_arrival_hours": "aftersales_ticket.sla_policy_urban",
    "aftersales_suburban_arrival_hours": "aftersales_ticket.sla_policy_suburban",
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

    def _check_aftersales_values(self):
        """Hook: refuse settings out of range before they are stored."""
        for field_name in ("aftersales_repeat_complaint_days",
                           "aftersales_urban_arrival_hours",
                           "aftersales_suburban_arrival_hours"):
            if self[field_name] < 0:
                raise ValidationError(_("%s cannot be negative.")
                                      % self._fields[field_name].string)

    @api.model
    def create(self, vals):
        # the suite's settings (of every addon): 'abc', NaN, 1e308, missing
        # ids refused clearly before the wizard is stored and applied; the
        # others are their addons' business
        self._aftersales_check_suite_values(vals)
        return super(ResConfigSettings, self).create(vals)
