# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .aftersales_ticket import SERVICE_CATEGORIES

# Report field holding the hours of each service category.
CATEGORY_HOURS_FIELDS = {
    code: "hours_%s" % code.lower() for code, _label in SERVICE_CATEGORIES
}

# Analytic line fields the day's hours are grouped by.
TICKET_HOURS_GROUPBY = [
    "user_id", "aftersales_ticket_id", "aftersales_service_category"]


class AftersalesTechnicianReport(models.Model):
    """A technician's day: the time booked on each service ticket, as
    analytic lines, and the totals per service category (A/B/C/D)."""

    _name = "aftersales.technician.report"
    _description = "Technician Daily Report"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, user_id"

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users", string="Technician", required=True, index=True,
        default=lambda self: self.env.user, readonly=True,
        states={"draft": [("readonly", False)]}, track_visibility="onchange",
    )
    date = fields.Date(
        required=True, index=True, default=fields.Date.context_today,
        readonly=True, states={"draft": [("readonly", False)]},
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
    hours_a = fields.Float(string="A - Paid (h)", readonly=True, copy=False)
    hours_b = fields.Float(string="B - Contract (h)", readonly=True, copy=False)
    hours_c = fields.Float(string="C - Warranty (h)", readonly=True, copy=False)
    hours_d = fields.Float(string="D - Internal (h)", readonly=True, copy=False)
    hours_total = fields.Float(string="Total (h)", readonly=True, copy=False)
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

    @api.depends("user_id.name", "date")
    def _compute_name(self):
        for report in self:
            report.name = "%s - %s" % (report.user_id.name or "", report.date)

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
        self.write({"state": "submitted"})
        return True

    def action_reset_draft(self):
        locked = self.filtered(
            lambda report: report.director_report_id.state in (
                "submitted", "approved"))
        if locked:
            raise UserError(_(
                "These daily reports are part of a director's report already "
                "submitted or approved: %s") % ", ".join(locked.mapped("name")))
        self.write({"state": "draft"})
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
        self.ensure_one()
        values = self._prepare_totals(ticket_hours)
        values["line_ids"] = [(5, 0, 0)] + [
            (0, 0, self._prepare_line(ticket_id, category, hours))
            for ticket_id, category, hours in ticket_hours
        ]
        self.write(values)

    def _prepare_line(self, ticket_id, category, hours):
        return {"ticket_id": ticket_id, "service_category": category,
                "hours": hours}

    @api.model
    def _prepare_totals(self, ticket_hours):
        values = dict.fromkeys(CATEGORY_HOURS_FIELDS.values(), 0.0)
        for _ticket_id, category, hours in ticket_hours:
            if category in CATEGORY_HOURS_FIELDS:
                values[CATEGORY_HOURS_FIELDS[category]] += hours
        values["hours_total"] = sum(hours for _t, _c, hours in ticket_hours)
        return values
