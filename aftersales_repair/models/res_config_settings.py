# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PROMISED_DAYS_PARAM = "aftersales_repair.promised_days"
DEFAULT_PROMISED_DAYS = 7
MAX_PROMISED_DAYS = 365
# kind -> (company field, location of this addon's data used without one)
LOCATIONS = {
    "repair": ("aftersales_repair_location_id",
               "aftersales_repair.stock_location_repair"),
    "spare_parts": ("aftersales_spare_location_id",
                    "aftersales_repair.stock_location_spare_parts"),
    "recycling": ("aftersales_recycling_location_id",
                  "aftersales_repair.stock_location_recycling"),
}


def get_repair_location(env, kind, company):
    """The ``kind`` location (repair, spare_parts, recycling) of the
    workshop of ``company``: its setting, else this addon's location."""
    field_name, xmlid = LOCATIONS[kind]
    # the setting is the company's; read whoever repairs
    location = company.sudo()[field_name]
    if not location:
        location = env.ref(xmlid)
    return env["stock.location"].browse(location.id)


def get_promised_days(env):
    value = env["ir.config_parameter"].sudo().get_param(
        PROMISED_DAYS_PARAM, DEFAULT_PROMISED_DAYS)
    try:
        days = int(value)
    except (TypeError, ValueError, OverflowError):
        return DEFAULT_PROMISED_DAYS
    if not 1 <= days <= MAX_PROMISED_DAYS:
        return DEFAULT_PROMISED_DAYS
    return days


class ResConfigSettings(models.TransientModel):
    """Workshop settings: the repair, spare-parts and recycling locations
    of the company, the days promised for a repair."""

    _inherit = "res.config.settings"

    aftersales_repair_promised_days = fields.Integer(
        string="Repair promised in (days)")
    aftersales_repair_location_id = fields.Many2one(
        related="company_id.aftersales_repair_location_id")
    aftersales_spare_location_id = fields.Many2one(
        related="company_id.aftersales_spare_location_id")
    aftersales_recycling_location_id = fields.Many2one(
        related="company_id.aftersales_recycling_location_id")

    @api.model
    def _aftersales_parameters(self):
        parameters = super(ResConfigSettings, self)._aftersales_parameters()
        parameters["aftersales_repair_promised_days"] = (
            PROMISED_DAYS_PARAM, int, DEFAULT_PROMISED_DAYS)
        return parameters

    def _check_aftersales_values(self):
        result = super(ResConfigSettings, self)._check_aftersales_values()
        for settings in self:
            days = settings.aftersales_repair_promised_days
            if not 1 <= days <= MAX_PROMISED_DAYS:
                raise ValidationError(_(
                    "Repair promised in (days): between 1 and %(max)d days "
                    "(got %(days)s).") % {
                        "max": MAX_PROMISED_DAYS, "days": days})
        return result
