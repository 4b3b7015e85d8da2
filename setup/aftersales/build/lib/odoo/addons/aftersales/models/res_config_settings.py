# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """Suite-wide settings, stored as system parameters that each addon
    reads with its own default (so every addon also works without the
    umbrella app)."""

    _inherit = "res.config.settings"

    aftersales_repeat_complaint_days = fields.Integer(
        string="Repeat complaint window (days)",
        config_parameter="aftersales.repeat_complaint_days",
        default=30,
    )
    aftersales_urban_arrival_hours = fields.Float(
        string="Urban arrival target (working hours)",
        config_parameter="aftersales.urban_arrival_hours",
        default=6.0,
    )
    aftersales_suburban_arrival_hours = fields.Float(
        string="Suburban arrival target (working hours)",
        config_parameter="aftersales.suburban_arrival_hours",
        default=7.0,
    )
