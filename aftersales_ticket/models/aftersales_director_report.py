# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import service_kpi

from .aftersales_daily_report_mixin import CATEGORY_HOURS_FIELDS


class AftersalesDirectorReport(models.Model):
    """The service director's daily report for a team: the team's technician
    reports consolidated per technician and per service category, and the
    requests received that day still waiting for dispatch. The director
    submits it, a manager approves or refuses it."""

    _name = "aftersales.director.report"
    _description = "Director Daily Report"
    _inherit = ["mail.thread", "mail.activity.mixin",
                "aftersales.daily.report.mixin"]
    _order = "date desc, team_id"
    _aftersales_report_owner = "team_id"
    _aftersales_hours_depends = tuple(
        "technician_report_ids.%s" % name
        for name in CATEGORY_HOURS_FIELDS.values())
    # moved by the report's actions only (see aftersales.mixin)
    _aftersales_workflow_fields = (
        "state", "director_id", "approver_id", "technician_report_ids",
        "undispatched_ticket_ids")

    team_id = fields.Many2one(
        "aftersales.team", string="Service Team", required=True, index=True,
        readonly=True, states={"draft": [("readonly", False)]},
        track_visibility="onchange",
    )
    director_id = fields.Many2one(
        "res.users", string="Service Director", readonly=True,
        track_visibility="onchange",
    )
    approver_id = fields.Many2one(
        "res.users", string="Approved / Refused by", readonly=True, copy=False,
        track_visibility="onchange",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"),
         ("approved", "Approved"), ("refused", "Refused")],
        default="draft", required=True, readonly=True, copy=False, index=True,
        track_visibility="onchange",
    )
    technician_report_ids = fields.One2many(
        "aftersales.technician.report", "director_report_id",
        string="Technician Reports", readonly=True,
    )
    undispatched_ticket_ids = fields.Many2many(
        "aftersales.ticket", "aftersales_director_report_undispatched_rel",
        "report_id", "ticket_id", string="Undispatched Requests",
        readonly=True, copy=False,
        help="Requests received by the team that day and not dispatched "
             "when the report was last refreshed or submitted.",
    )
    note = fields.Text(string="Director's Remarks", readonly=True,
                       states={"draft": [("readonly", False)]})
    company_id = fields.Many2one(
        related="team_id.company_id", store=True, readonly=True, index=True)

    _sql_constraints = [
        ("team_date_uniq", "unique(team_id, date)",
         "A team has one director's daily report per day."),
    ]

    def _get_category_hours(self):
        ids = [report_id for report_id in self.ids
               if isinstance(report_id, int)]
        if not ids:
            return {}
        category_fields = sorted(CATEGORY_HOURS_FIELDS.items())
        groups = self.env["aftersales.technician.report"].read_group(
            [("director_report_id", "in", ids)],
            [name for _category, name in category_fields]
            + ["director_report_id"], ["director_report_id"])
        return {group["director_report_id"][0]: {
            category: group[name] or 0.0
            for category, name in category_fields} for group in groups}

    def action_refresh(self):
        if self.filtered(lambda report: report.state != "draft"):
            raise UserError(_("Only draft reports can be refreshed."))
        for report in self:
            self._generate_for_team(report.team_id, report.date)
        return True

    def action_submit(self):
        if not self.env.user.has_group("aftersales_ticket.group_director"):
            raise AccessError(_(
                "Only a service director can submit the daily report."))
        if self.filtered(lambda report: report.state != "draft"):
            raise UserError(_("Only draft reports can be submitted."))
        pending = self.mapped("technician_report_ids").filtered(
            lambda report: report.state == "draft")
        if pending:
            raise UserError(_(
                "These technician reports are not submitted yet: %s")
                % ", ".join(pending.mapped("name")))
        self._refresh_undispatched()
        self._aftersales_workflow_write(
            {"state": "submitted", "director_id": self.env.uid})
        return True

    def action_approve(self):
        self._check_manager()
        self._aftersales_workflow_write(
            {"state": "approved", "approver_id": self.env.uid})
        return True

    def action_refuse(self):
        self._check_manager()
        self._aftersales_workflow_write(
            {"state": "refused", "approver_id": self.env.uid})
        return True

    def action_reset_draft(self):
        if self.filtered(lambda report: report.state != "refused"):
            raise UserError(_("Only refused reports can be reset to draft."))
        self._aftersales_workflow_write({"state": "draft", "approver_id": False})
        return True

    def _check_manager(self):
        if not self.env.user.has_group("aftersales_ticket.group_manager"):
            raise AccessError(_(
                "Only a service manager can approve or refuse a director's "
                "daily report."))
        if self.filtered(lambda report: report.state != "submitted"):
            raise UserError(_(
                "Only submitted reports can be approved or refused."))

    @api.model
    def _generate_for_team(self, team, date):
        """Create or refresh the daily reports of ``team`` for ``date``: one
        per member technician, and the director's report over them."""
        report = self.search([("team_id", "=", team.id), ("date", "=", date)])
        if not report:
            report = self._aftersales_workflow().create(
                self._prepare_report(team, date)).with_env(self.env)
        elif report.state != "draft":
            return report
        TechnicianReport = self.env["aftersales.technician.report"]
        technicians = team.member_ids
        existing = TechnicianReport.search(
            [("user_id", "in", technicians.ids), ("date", "=", date)])
        missing = technicians - existing.mapped("user_id")
        created = TechnicianReport.browse()
        for technician in missing:
            created |= TechnicianReport.create({
                "user_id": technician.id, "date": date, "team_id": team.id,
                "company_id": team.company_id.id,
            })
        existing.filtered(lambda tech: tech.state == "draft")._refresh_lines()
        (existing | created).filtered(
            lambda tech: not tech.director_report_id
        )._aftersales_workflow_write({"director_report_id": report.id})
        report._refresh_undispatched()
        return report

    @api.model
    def _prepare_report(self, team, date):
        return {"team_id": team.id, "date": date,
                "director_id": team.director_id.id}

    def _refresh_undispatched(self):
        """Snapshot the requests each team received that day (in the user's
        time zone) that are not dispatched yet."""
        Ticket = self.env["aftersales.ticket"]
        tz_name = self.env.context.get("tz") or self.env.user.tz
        for report in self:
            start, end = service_kpi.day_bounds_utc(
                fields.Date.from_string(report.date), tz_name)
            tickets = Ticket.search([
                ("team_id", "=", report.team_id.id),
                ("date_received", ">=", fields.Datetime.to_string(start)),
                ("date_received", "<", fields.Datetime.to_string(end)),
                ("date_dispatched", "=", False),
            ])
            report._aftersales_workflow_write(
                {"undispatched_ticket_ids": [(6, 0, tickets.ids)]})
