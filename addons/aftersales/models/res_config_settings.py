# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

# setting field -> (system parameter, type, default); each addon reads the
# parameter with the same default, so it also works without this app.
PARAMETERS = {
    "aftersales_repeat_complaint_days": (
        "aftersales.repeat_complaint_days", int, 30),
    "aftersales_urban_arrival_hours": (
        "aftersales.urban_arrival_hours", float, 6.0),
    "aftersales_suburban_arrival_hours": (
        "aftersales.suburban_arrival_hours", float, 7.0),
}


class ResConfigSettings(models.TransientModel):
    """Suite-wide settings, stored as system parameters (Odoo 11.0 fields
    have no ``config_parameter`` attribute yet)."""

    _inherit = "res.config.settings"

    aftersales_repeat_complaint_days = fields.Integer(
        string="Repeat complaint window (days)")
    aftersales_urban_arrival_hours = fields.Float(
        string="Urban arrival target (working hours)")
    aftersales_suburban_arrival_hours = fields.Float(
        string="Suburban arrival target (working hours)")

    @api.model
    def get_values(self):
        values = super(ResConfigSettings, self).get_values()
        # settings are for administrators; sudo reads the protected params
        get_param = self.env["ir.config_parameter"].sudo().get_param
        for field_name, (key, cast, default) in PARAMETERS.items():
            values[field_name] = cast(get_param(key, default))
        return values

    def set_values(self):
        result = super(ResConfigSettings, self).set_values()
        set_param = self.env["ir.config_parameter"].sudo().set_param
        for field_name, (key, _cast, _default) in PARAMETERS.items():
            set_param(key, str(self[field_name]))
        return result
