# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Adapter between resource.calendar and the plain-Python SLA clock."""
from odoo import api, fields, models
from odoo.addons.base.res.res_partner import _tz_get

from ..lib import working_clock


class ResourceCalendar(models.Model):
    _name = "resource.calendar"
    _inherit = ["resource.calendar", "aftersales.mixin"]
    # the suite's links only; the model's own computed fields are resource's
    _aftersales_guard_stored_computes = False

    tz = fields.Selection(
        _tz_get, string="Timezone",
        help="Time zone of these working hours; the SLA clock counts them in "
             "this zone. Empty: the company's, then the user's time zone.",
    )

    def _aftersales_tz(self):
        self.ensure_one()
        return (self.tz or self.company_id.partner_id.tz or self.env.user.tz
                or "UTC")

    @api.model
    def _aftersales_holiday_domain(self, calendars, date_from):
        """Leaves counted as non-working time by the SLA clock: leaves of the
        calendar and leaves attached to no calendar (public holidays), not
        those of a single resource (a technician's own leave does not stop
        the team's clock)."""
        return [
            ("resource_id", "=", False),
            "|", ("calendar_id", "in", calendars.ids), ("calendar_id", "=", False),
            ("date_to", ">", fields.Datetime.to_string(date_from)),
        ]

    def _aftersales_working_calendars(self, date_from):
        """{calendar id: working_clock.WorkingCalendar} for the calendars
        of ``self``, reading attendances and leaves in two queries. Leaves
        ending before ``date_from`` (naive UTC) are left out."""
        # sudo: tickets of any user need the team's calendar; attendances and
        # leaves hold no personal data (resource leaves are excluded)
        calendars = self.sudo()
        attendances = {}
        for att in calendars.mapped("attendance_ids"):
            attendances.setdefault(att.calendar_id.id, []).append((
                att.dayofweek, att.hour_from, att.hour_to,
                att.date_from and fields.Date.from_string(att.date_from),
                att.date_to and fields.Date.from_string(att.date_to),
            ))
        leaves = self.env["resource.calendar.leaves"].sudo().search_read(
            self._aftersales_holiday_domain(calendars, date_from),
            ["calendar_id", "date_from", "date_to"])
        result = {}
        for calendar in calendars:
            holidays = [
                (fields.Datetime.from_string(leave["date_from"]),
                 fields.Datetime.from_string(leave["date_to"]))
                for leave in leaves
                if not leave["calendar_id"] or leave["calendar_id"][0] == calendar.id
            ]
            result[calendar.id] = working_clock.WorkingCalendar(
                working_clock.weekly_intervals(attendances.get(calendar.id, [])),
                holidays, calendar._aftersales_tz())
        return result

    @api.model
    def create(self, vals):
        # the suite's fields only: the others are resource's business
        self._aftersales_check_suite_values(vals)
        return super(ResourceCalendar, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_suite_values(vals)
        return super(ResourceCalendar, self).write(vals)
