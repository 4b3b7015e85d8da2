# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

from .aftersales_ticket import SERVICE_CATEGORIES

# Report field holding the hours of each service category.
CATEGORY_HOURS_FIELDS = {
    code: "hours_%s" % code.lower() for code, _label in SERVICE_CATEGORIES
}
HOURS_FIELDS = sorted(CATEGORY_HOURS_FIELDS.values()) + ["hours_total"]


class AftersalesDailyReportMixin(models.AbstractModel):
    """What the technician's and the director's daily reports share: the
    day, the name (whose day), the hours per service category (A/B/C/D)
    and their total, computed from what each report consolidates, and the
    checks of every value written to them (types, workflow fields)."""

    _name = "aftersales.daily.report.mixin"
    _inherit = ["aftersales.mixin"]
    _description = "After-Sales Daily Report"
    # Hook: the many2one naming whose day it is (technician, team).
    _aftersales_report_owner = "user_id"
    # Hook: what the hours are computed from (see _get_category_hours).
    _aftersales_hours_depends = ()

    name = fields.Char(compute="_compute_name", store=True)
    date = fields.Date(
        required=True, index=True, default=fields.Date.context_today,
        readonly=True, states={"draft": [("readonly", False)]},
    )
    hours_a = fields.Float(string="A - Paid (h)",
                           compute="_compute_category_hours", store=True)
    hours_b = fields.Float(string="B - Contract (h)",
                           compute="_compute_category_hours", store=True)
    hours_c = fields.Float(string="C - Warranty (h)",
                           compute="_compute_category_hours", store=True)
    hours_d = fields.Float(string="D - Internal (h)",
                           compute="_compute_category_hours", store=True)
    hours_total = fields.Float(string="Total (h)",
                               compute="_compute_category_hours", store=True)

    @api.depends(lambda self: ("%s.name" % self._aftersales_report_owner,
                               "date"))
    def _compute_name(self):
        for report in self:
            report.name = "%s - %s" % (
                report[self._aftersales_report_owner].name or "", report.date)

    @api.depends(lambda self: self._aftersales_hours_depends)
    def _compute_category_hours(self):
        hours = self._get_category_hours()
        for report in self:
            by_category = hours.get(report.id, {})
            for category, field_name in CATEGORY_HOURS_FIELDS.items():
                report[field_name] = by_category.get(category, 0.0)
            report.hours_total = sum(by_category.values())

    def _get_category_hours(self):
        """Hook: {report id: {service category: hours}}, aggregated in the
        database."""
        return {}

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesDailyReportMixin, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesDailyReportMixin, self).write(vals)
