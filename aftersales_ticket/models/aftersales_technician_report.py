# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Analytic line fields the day's hours are grouped by.
TICKET_HOURS_GROUPBY = [
    "user_id", "aftersales_ticket_id", "aftersales_service_category"]


class AftersalesTechnicianReport(models.Model):
    """A technician's day: the time booked on each service ticket, as
    analytic lines, and the totals per service category (A/B/C/D)."""

    _name = "aftersales.technician.report"
    _description = "Technician Daily Report"
    _inherit = ["mail.thread", "mail.activity.mixin",
                "aftersales.daily.report.mixin"]
    _order = "date desc, user_id"
    _aftersales_report_owner = "user_id"
    _aftersales_hours_depends = ("line_ids.hours", "line_ids.service_category")
    # moved by the report's actions only (see aftersales.mixin)
    _aftersales_workflow_fields = ("state", "line_ids", "director_report_id")

    user_id = fields.Many2one(
        "res.users", string="Technician", required=True, index=True,
        default=lambda self: self.env.user, readonly=True,
        states={"draft": [("readonly", False)]}, track_visibility="onchange",
    )
    team_id = fields.Many2one(
        "aftersales.team", string="Service Team", index=True, readonly=True,
        states={"draft": [("readonly", False)]},
        default=lambda self: self.env.user.aftersales_team_ids[:1],
    )
    director_report_id = fields.Many2one(
        "aftersales.director.report", string="Director's Report", index=True,
        readonly=True, ondelete="set null", copy=False,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted")],
        default="draft", required=True, readonly=True, copy=False,
        track_visibility="onchange",
    )
    line_ids = fields.One2many(
        "aftersales.technician.report.line", "report_id", string="Jobs",
        readonly=True, copy=False,
    )
    note = fields.Text(string="Remarks", readonly=True,
                       states={"draft": [("readonly", False)]})
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "aftersales.technician.report"),
    )

    _sql_constraints = [
        ("user_date_uniq", "unique(user_id, date)",
         "A technician has one daily report per day."),
    ]

    def _get_category_hours(self):
        hours = defaultdict(dict)
        ids = [report_id for report_id in self.ids
               if isinstance(report_id, int)]
        if not ids:
            return hours
        groups = self.env["aftersales.technician.report.line"].read_group(
            [("report_id", "in", ids)], ["report_id", "service_category",
                                         "hours"],
            ["report_id", "service_category"], lazy=False)
        for group in groups:
            hours[group["report_id"][0]][group["service_category"]] = \
                group["hours"]
        return hours

    @api.model
    def create(self, vals):
        report = super(AftersalesTechnicianReport, self).create(vals)
        report._refresh_lines()
        return report

    def write(self, vals):
        if (self.filtered(lambda report: report.state == "submitted")
                and not self.env.user.has_group(
                    "aftersales_ticket.group_director")):
            raise UserError(_(
                "A submitted daily report can only be changed by a service "
                "director."))
        return super(AftersalesTechnicianReport, self).write(vals)

    def action_refresh(self):
        if self.filtered(lambda report: report.state != "draft"):
            raise UserError(_("Only draft daily reports can be recomputed."))
        self._refresh_lines()
        return True

    def action_submit(self):
        if self.filtered(lambda report: report.state != "draft"):
            raise UserError(_("Only draft daily reports can be submitted."))
        if not self.env.user.has_group("aftersales_ticket.group_director"):
            foreign = self.filtered(
                lambda report: report.user_id != self.env.user)
            if foreign:
                raise UserError(_(
                    "You can only submit your own daily report, not the one "
                    "of %s.") % ", ".join(foreign.mapped("user_id.name")))
        self._refresh_lines()
        self._aftersales_workflow_write({"state": "submitted"})
        return True

    def action_reset_draft(self):
        locked = self.filtered(
            lambda report: report.director_report_id.state in (
                "submitted", "approved"))
        if locked:
            raise UserError(_(
                "These daily reports are part of a director's report already "
                "submitted or approved: %s") % ", ".join(locked.mapped("name")))
        self._aftersales_workflow_write({"state": "draft"})
        return True

    def _refresh_lines(self):
        """Rebuild the per-ticket lines and the category totals from the
        analytic lines booked by each technician on service tickets that
        day, aggregated by PostgreSQL (one read_group per date)."""
        by_date = defaultdict(lambda: self.browse())
        for report in self:
            by_date[report.date] |= report
        for date, reports in by_date.items():
            hours = reports._read_ticket_hours(date)
            for report in reports:
                report._write_ticket_hours(hours.get(report.user_id.id, []))

    def _read_ticket_hours(self, date):
        """{user id: [(ticket id, service category, hours)]} for ``date``."""
        # Technicians usually have no access to accounting's analytic lines;
        # the domain limits the read to the hours booked on service tickets
        # by the technicians of these reports, in their companies.
        lines = self.env["account.analytic.line"].sudo()
        groups = lines.read_group(
            [("user_id", "in", self.mapped("user_id").ids),
             ("date", "=", date),
             ("aftersales_ticket_id", "!=", False),
             ("company_id", "in", self.mapped("company_id").ids)],
            ["unit_amount"] + TICKET_HOURS_GROUPBY,
            TICKET_HOURS_GROUPBY,
            lazy=False,
        )
        hours = defaultdict(list)
        for group in groups:
            hours[group["user_id"][0]].append((
                group["aftersales_ticket_id"][0],
                group["aftersales_service_category"],
                group["unit_amount"],
            ))
        return hours

    def _write_ticket_hours(self, ticket_hours):
        """Replace the report's lines; the totals follow (computed)."""
        self.ensure_one()
        self._aftersales_workflow_write({"line_ids": [(5, 0, 0)] + [
            (0, 0, self._prepare_line(ticket_id, category, hours))
            for ticket_id, category, hours in ticket_hours
        ]})

    def _prepare_line(self, ticket_id, category, hours):
        return {"ticket_id": ticket_id, "service_category": category,
                "hours": hours}
