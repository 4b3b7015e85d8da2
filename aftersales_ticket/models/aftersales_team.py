# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import dispatch_rules, service_kpi

# Most specific first: a service point beats its centre, region, headquarters.
LEVEL_RANK = {"point": 4, "center": 3, "region": 2, "headquarters": 1}


class AftersalesTeam(models.Model):
    """A node of the service network: headquarters, regional centre,
    service centre or service point, with its own zone, calendar, members,
    director and e-mail alias."""

    _name = "aftersales.team"
    _description = "After-Sales Service Team"
    _inherit = ["mail.thread", "mail.alias.mixin", "aftersales.tree.mixin",
                "aftersales.mixin"]
    _parent_store = True
    _order = "parent_left, name"

    name = fields.Char(required=True, translate=True, track_visibility="onchange")
    active = fields.Boolean(default=True)
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
    state_ids = fields.Many2many(
        "res.country.state",
        "aftersales_team_country_state_rel",
        "team_id",
        "state_id",
        string="Served States / Provinces",
        help="New requests from customers in these states are routed to this "
             "team (the lowest matching level of the network wins).",
    )
    zip_prefixes = fields.Char(
        string="Served ZIP Prefixes",
        help="Comma-separated beginnings of the ZIP codes served, e.g. "
             "\"280, 2810\". A ZIP match is more specific than a state match "
             "at the same level; a longer prefix is more specific.",
    )
    auto_assign = fields.Boolean(
        string="Automatic Assignment",
        default=True,
        help="Dispatch new requests of this team to a technician as soon as "
             "they are registered (skill, availability, then load).",
    )
    is_default = fields.Boolean(
        string="Default Team of the Company",
        help="Receives the requests that no other team's states or ZIP "
             "prefixes match.",
    )

    def _get_recursion_message(self):
        return _("A team cannot be its own parent.")

    @api.constrains("is_default", "company_id", "active")
    def _check_is_default(self):
        for team in self.filtered("is_default"):
            if self.search_count([("is_default", "=", True),
                                  ("company_id", "=", team.company_id.id),
                                  ("id", "!=", team.id)]):
                raise ValidationError(_(
                    "The company %s already has a default team; untick it "
                    "there first.") % team.company_id.name)

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
        teams, and open the director's reports. The teams are locked first:
        run at the same time by someone else, it is refused at once rather
        than waiting for the other transaction."""
        self = self._aftersales_lock()  # pylint: disable=self-cls-assignment
        today = fields.Date.context_today(self)
        DirectorReport = self.env["aftersales.director.report"]
        reports = DirectorReport.browse()
        for team in self:
            reports |= DirectorReport._generate_for_team(team, today)
        action = self.env.ref(
            "aftersales_ticket.aftersales_director_report_action").read()[0]
        action["domain"] = [("id", "in", reports.ids)]
        return action

    def _get_zip_prefix_list(self):
        self.ensure_one()
        return [prefix.strip().upper().replace(" ", "")
                for prefix in (self.zip_prefixes or "").split(",")
                if prefix.strip()]

    def _routing_key(self, state_id, zip_code):
        """How well the team serves the address, higher is more specific;
        None when it does not serve it."""
        self.ensure_one()
        zip_code = (zip_code or "").strip().upper().replace(" ", "")
        zip_len = max([len(prefix) for prefix in self._get_zip_prefix_list()
                       if zip_code and zip_code.startswith(prefix)] or [0])
        state_match = bool(state_id) and state_id in self.state_ids.ids
        if not zip_len and not state_match:
            return None
        return (LEVEL_RANK.get(self.level, 0), zip_len, state_match, -self.id)

    @api.model
    def _route_addresses(self, addresses):
        """The team serving each ``(company_id, state_id, zip)`` address: the
        most specific matching team of the company, else its fallback team
        (the team marked default, else the root of its service network), so
        that every request has a team. One read of the network for all."""
        company_ids = list({company_id for company_id, _state, _zip in addresses})
        # in network order (parent_left): each network's root comes first
        teams = self.search([("company_id", "in", company_ids)])
        fallback = {}
        for team in teams:
            company_id = team.company_id.id
            if team.is_default:
                fallback[company_id] = team
            elif not team.parent_id and company_id not in fallback:
                fallback[company_id] = team
        result = []
        for company_id, state_id, zip_code in addresses:
            best, best_key = self.browse(), None
            for team in teams:
                if team.company_id.id != company_id:
                    continue
                key = team._routing_key(state_id, zip_code)
                if key and (best_key is None or key > best_key):
                    best, best_key = team, key
            result.append(best or fallback.get(company_id, self.browse()))
        return result

    def _get_open_ticket_load(self, users):
        """{user id: number of open tickets}, by one grouped count over all
        tickets (superuser: a technician's load counts tickets the current
        user may not see)."""
        groups = self.env["aftersales.ticket"].sudo().read_group(
            [("user_id", "in", users.ids), ("is_closed", "=", False)],
            ["user_id"], ["user_id"])
        return {group["user_id"][0]: group["user_id_count"] for group in groups}

    def _get_members_availability(self, start):
        """{(team id, user id): (working calendar, own leaves)} of the teams'
        members from ``start`` (naive UTC).

        The working calendar is the team calendar exactly as the SLA clock
        sees it (``resource.calendar._aftersales_working_calendars``): its
        attendances in the calendar's time zone (``_aftersales_tz``: the
        calendar's, else the company's, else the user's, never the
        context's), minus its holidays (leaves of the calendar or of no
        calendar, without resource). Own leaves are the ``(start, end)``
        leaves of the member's resources. One read of the calendars for all
        teams and one search of the members' leaves."""
        calendars = self.mapped(
            "resource_calendar_id")._aftersales_working_calendars(start)
        members = self.mapped("member_ids")
        own_leaves = {}
        for leave in self.env["resource.calendar.leaves"].search([
                ("resource_id.user_id", "in", members.ids),
                ("date_to", ">", fields.Datetime.to_string(start))]):
            own_leaves.setdefault(leave.resource_id.user_id.id, []).append((
                fields.Datetime.from_string(leave.date_from),
                fields.Datetime.from_string(leave.date_to)))
        return {
            (team.id, user.id): (calendars[team.resource_calendar_id.id],
                                 own_leaves.get(user.id, []))
            for team in self for user in team.member_ids
        }

    def _available_from(self, availability, user, moment, hours=0.0,
                        busy=()):
        """First moment at or after ``moment`` at which ``user`` can work for
        the team (team calendar working, no holiday, no own leave) for
        ``hours`` (a visit and its travel) without overlapping his ``busy``
        intervals (visits planned already), or None within
        ``dispatch_rules.HORIZON_DAYS`` days (see
        :meth:`_get_members_availability`)."""
        self.ensure_one()
        calendar, leaves = availability[self.id, user.id]
        if not hours and not busy:
            return calendar.next_working_moment(
                moment, leaves, days=dispatch_rules.HORIZON_DAYS)
        return calendar.first_free_slot(
            moment, hours, busy=busy, extra_leaves=leaves,
            days=dispatch_rules.HORIZON_DAYS)

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesTeam, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesTeam, self).write(vals)
