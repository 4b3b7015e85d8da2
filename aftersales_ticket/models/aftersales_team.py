# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import service_kpi


class AftersalesTeam(models.Model):
    """A node of the service network: headquarters, regional centre,
    service centre or service point, with its own zone, calendar, members,
    director and e-mail alias."""

    _name = "aftersales.team"
    _description = "After-Sales Service Team"
    _inherit = ["mail.thread", "mail.alias.mixin"]
    _parent_store = True
    _order = "parent_left, name"

    name = fields.Char(required=True, translate=True, track_visibility="onchange")
    active = fields.Boolean(default=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True)
    level = fields.Selection(
        [
            ("headquarters", "Headquarters"),
            ("region", "Regional Centre"),
            ("center", "Service Centre"),
            ("point", "Service Point"),
        ],
        required=True,
        default="center",
    )
    parent_id = fields.Many2one(
        "aftersales.team", string="Parent Team", index=True, ondelete="restrict"
    )
    child_ids = fields.One2many("aftersales.team", "parent_id", string="Sub-teams")
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
    zone = fields.Selection(
        [("urban", "Urban"), ("suburban", "Suburban")],
        required=True,
        default="urban",
        track_visibility="onchange",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        required=True,
        default=lambda self: self.env.user.company_id.resource_calendar_id,
    )
    member_ids = fields.Many2many(
        "res.users",
        "aftersales_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
    )
    director_id = fields.Many2one(
        "res.users", string="Service Director", track_visibility="onchange"
    )
    manager_id = fields.Many2one(
        "res.users", string="Service Manager", track_visibility="onchange"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "aftersales.team"
        ),
    )
    color = fields.Integer()
    analytic_account_id = fields.Many2one(
        "account.analytic.account", string="Analytic Account",
        ondelete="restrict",
        help="Cost centre receiving the time spent by this team on service "
             "tickets; created automatically when the first time is recorded.",
    )

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for team in self:
            if team.parent_id:
                team.complete_name = "%s / %s" % (
                    team.parent_id.complete_name,
                    team.name,
                )
            else:
                team.complete_name = team.name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(_("A team cannot be its own parent."))

    def get_alias_model_name(self, vals):
        return "aftersales.ticket"

    def get_alias_values(self):
        values = super(AftersalesTeam, self).get_alias_values()
        values["alias_defaults"] = {"team_id": self.id, "channel": "email"}
        return values

    # Team dashboard: counters aggregated by PostgreSQL for all the teams
    # shown at once (see _compute_dashboard_counts).
    dashboard_open_count = fields.Integer(
        string="Open", compute="_compute_dashboard_counts")
    dashboard_unassigned_count = fields.Integer(
        string="Unassigned", compute="_compute_dashboard_counts")
    dashboard_breached_count = fields.Integer(
        string="SLA Breached", compute="_compute_dashboard_counts")
    dashboard_today_count = fields.Integer(
        string="Received Today", compute="_compute_dashboard_counts")
    dashboard_complaint_count = fields.Integer(
        string="Open Complaints", compute="_compute_dashboard_counts")

    def _dashboard_today_bounds(self):
        start, end = service_kpi.day_bounds_utc(
            fields.Date.from_string(fields.Date.context_today(self)),
            self.env.context.get("tz") or self.env.user.tz)
        return fields.Datetime.to_string(start), fields.Datetime.to_string(end)

    def _dashboard_counter_domains(self):
        """Ticket domain behind each dashboard counter (field name: domain),
        opened when the counter is clicked."""
        start, end = self._dashboard_today_bounds()
        is_open = [("is_closed", "=", False)]
        return {
            "dashboard_open_count": is_open,
            "dashboard_unassigned_count": is_open + [("user_id", "=", False)],
            "dashboard_breached_count": is_open + [("sla_breached", "=", True)],
            "dashboard_today_count": [("date_received", ">=", start),
                                      ("date_received", "<", end)],
            "dashboard_complaint_count": is_open + [
                ("request_type", "=", "complaint")],
        }

    def _compute_dashboard_counts(self):
        """Two read_groups on the KPI view for any number of teams: one sums
        the open, unassigned, breached and complaint flags of each ticket,
        the other counts today's receptions."""
        counters = {
            "dashboard_open_count": "backlog",
            "dashboard_unassigned_count": "open_unassigned",
            "dashboard_breached_count": "open_breached",
            "dashboard_complaint_count": "open_complaint",
        }
        for team in self:
            for field_name in list(counters) + ["dashboard_today_count"]:
                team[field_name] = 0
        if not self.ids:
            return
        # Counts only, no ticket content, of the teams the user can read
        # (the team rules already filtered them by company): sudo spares each
        # aggregate the record rules' company lookups and lets every team
        # member see the team's totals.
        Report = self.env["aftersales.ticket.report"].sudo()
        domain = [("team_id", "in", self.ids)]
        for group in Report.read_group(
                domain, ["team_id"] + list(counters.values()), ["team_id"]):
            team = self.browse(group["team_id"][0])
            for field_name, measure in counters.items():
                team[field_name] = group[measure]
        start, end = self._dashboard_today_bounds()
        for group in Report.read_group(
                domain + [("date_received", ">=", start),
                          ("date_received", "<", end)],
                ["team_id", "nbr"], ["team_id"]):
            self.browse(group["team_id"][0]).dashboard_today_count = group["nbr"]

    def action_dashboard_tickets(self):
        """Open the team's tickets behind the dashboard counter named in the
        context key ``dashboard_counter``."""
        self.ensure_one()
        counter = self.env.context.get("dashboard_counter")
        domains = self._dashboard_counter_domains()
        if counter not in domains:
            raise UserError(_("Unknown dashboard counter: %s") % counter)
        action = self.env.ref(
            "aftersales_ticket.aftersales_ticket_action").read()[0]
        action.update({
            "name": "%s: %s" % (
                self.name,
                self._fields[counter].get_description(self.env)["string"]),
            "domain": [("team_id", "=", self.id)] + domains[counter],
            "context": {"default_team_id": self.id},
        })
        return action

    def action_generate_daily_reports(self):
        """Create or refresh today's technician and director reports of the
        teams, and open the director's reports."""
        today = fields.Date.context_today(self)
        DirectorReport = self.env["aftersales.director.report"]
        reports = DirectorReport.browse()
        for team in self:
            reports |= DirectorReport._generate_for_team(team, today)
        action = self.env.ref(
            "aftersales_ticket.aftersales_director_report_action").read()[0]
        action["domain"] = [("id", "in", reports.ids)]
        return action
