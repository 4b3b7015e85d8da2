# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib import dispatch_rules

# Context key turning automatic assignment at creation off (imports, tests).
NO_AUTO_ASSIGN = "aftersales_no_auto_assign"
# Context key of a dispatch: the technician's activity subscribes and tells
# him, so no assignment mail and no second subscription for ``user_id``.
ACTIVITY_SUBSCRIBES = "aftersales_activity_subscribes"
# Context key of a creation with dispatch: the creation message is addressed
# to the technician (see ``create``).
NOTIFY_TECHNICIAN = "aftersales_notify_technician"


# The ticket is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    """Dispatch: routing to a team, choice of technician, planned visit."""

    _inherit = "aftersales.ticket"

    date_planned = fields.Datetime(
        string="Planned Visit", index=True, copy=False,
        track_visibility="onchange",
        help="When the technician is expected on site. Automatic assignment "
             "proposes the technician's first available moment.",
    )
    planned_hours = fields.Float(
        default=1.0,
        help="Expected duration of the visit, shown in the visit calendar.",
    )

    @api.model
    def _prepare_route_values(self, vals):
        """Pipeline step "route": the team serving the customer's address
        (the contact snapshot), else the company's fallback team."""
        values = super(AftersalesTicket, self)._prepare_route_values(vals)
        if not vals.get("team_id"):
            request = self._prepare_dispatch_request_from_vals(vals)
            team = self.env["aftersales.team"].sudo()._route_addresses([(
                request["company_id"], request["state_id"],
                request["zip"])])[0]
            if team:
                values["team_id"] = team.id
        return values

    @api.model
    def _prepare_plan_values(self, vals):
        """Pipeline step "plan": a request registered without technician,
        open, in a team with automatic assignment, is dispatched in its
        values, so that a new ticket is written once and tracked once."""
        values = super(AftersalesTicket, self)._prepare_plan_values(vals)
        stage = self.env["aftersales.ticket.stage"].browse(vals.get("stage_id"))
        if vals.get("user_id") or stage.is_closed or not vals.get("team_id") \
                or self.env.context.get(NO_AUTO_ASSIGN):
            return values
        request = self._prepare_dispatch_request_from_vals(vals)
        team, user, moment = self._plan_assignment(
            [request], only_auto_teams=True)[0]
        if user:
            values.update(self._prepare_dispatch_values(
                stage, user, moment, vals.get("date_planned"),
                fields.Datetime.now()))
        return values

    @api.model
    def _prepare_create_context(self, vals, automated):
        """A ticket dispatched at creation, by the pipeline or by the caller
        (an agent's choice, an integration): the technician follows from
        the create values and is told by the creation message, put in his
        inbox: it names the team, himself, the stage and the planned visit
        and stands for the "created" log message. No assignment mail (a
        composer and an e-mail, about 30 queries), and no activity (as
        many), unless tracking is off (then there is no creation message);
        manual dispatch schedules one."""
        context = super(AftersalesTicket, self)._prepare_create_context(
            vals, automated)
        if vals.get("user_id"):
            context.update({"mail_create_nolog": True,
                            ACTIVITY_SUBSCRIBES: True,
                            NOTIFY_TECHNICIAN: True})
        return context

    def _after_create_dispatch(self, vals, automated, requested):
        result = super(AftersalesTicket, self)._after_create_dispatch(
            vals, automated, requested)
        if vals.get("user_id") and (
                self.env.context.get("tracking_disable")
                or self.env.context.get("mail_notrack")):
            # no creation message (imports, tests): he gets an activity
            self._schedule_dispatch_activities()
        return result

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, body="", subject=None, message_type="notification",
                     subtype=None, parent_id=False, attachments=None,
                     content_subtype="html", **kwargs):
        """The creation message of a ticket dispatched at creation (its
        tracking values) goes to the technician's inbox, like an activity
        would (no e-mail)."""
        if self.env.context.get(NOTIFY_TECHNICIAN) and \
                kwargs.get("tracking_value_ids") and len(self) == 1 and \
                self.user_id:
            kwargs["needaction_partner_ids"] = list(
                kwargs.get("needaction_partner_ids") or []) + [
                    (4, self.user_id.partner_id.id)]
        return super(AftersalesTicket, self).message_post(
            body=body, subject=subject, message_type=message_type,
            subtype=subtype, parent_id=parent_id, attachments=attachments,
            content_subtype=content_subtype, **kwargs)

    @api.model
    def _prepare_follower_partners(self, vals):
        """The technician of a ticket dispatched at creation follows it from
        the start; his activity then finds him following already."""
        partners = super(AftersalesTicket, self)._prepare_follower_partners(
            vals)
        if vals.get("user_id") and self.env.context.get(ACTIVITY_SUBSCRIBES):
            partners |= self.env["res.users"].browse(vals["user_id"]).partner_id
        return partners

    def _message_get_auto_subscribe_fields(self, updated_fields,
                                           auto_follow_fields=None):
        names = super(AftersalesTicket, self)._message_get_auto_subscribe_fields(
            updated_fields, auto_follow_fields=auto_follow_fields)
        if self.env.context.get(ACTIVITY_SUBSCRIBES):
            names = [name for name in names if name != "user_id"]
        return names

    def action_assign(self):
        """Dispatch the tickets automatically (button of the form)."""
        return self._auto_assign()

    def _auto_assign(self, reassign=False):
        """Automatic dispatch: a team by the customer's address when the
        ticket has none, then the team's technician chosen by availability,
        skill and load (see ``lib/dispatch_rules.py``)."""
        return self._dispatch(reassign=reassign)

    def _dispatch(self, team=None, user=None, reassign=False):
        """Dispatch the tickets: to ``user`` (in ``team``, else the ticket's
        team) when given, else automatically within ``team`` (else the
        ticket's or the routed team). Refuses tickets another agent is
        dispatching right now or has already dispatched, unless
        ``reassign``."""
        closed = self.filtered("is_closed")
        if closed:
            raise UserError(_("These tickets are closed: %s. Reopen them "
                              "before dispatching.")
                            % ", ".join(closed.mapped("name")))
        self._lock_for_dispatch(reassign=reassign)
        if user:
            plan = [(team or ticket.team_id or user.aftersales_team_ids[:1],
                     user, None) for ticket in self]
        else:
            moment = fields.Datetime.from_string(fields.Datetime.now())
            requests = [self._prepare_dispatch_request(ticket, moment, team)
                        for ticket in self]
            plan = self._plan_assignment(requests)
        unassigned = self.browse([
            ticket.id for ticket, (_team, tech, _moment) in zip(self, plan)
            if not tech])
        if unassigned:
            raise UserError(_(
                "No technician can be found for %(tickets)s: no team serves "
                "the customer's address, the team has no member, or no member "
                "is available in the next %(days)d days. Choose a technician "
                "yourself.") % {"tickets": ", ".join(unassigned.mapped("name")),
                                "days": dispatch_rules.HORIZON_DAYS})
        self._apply_assignment(plan)
        return True

    @api.model
    def _prepare_dispatch_request_from_vals(self, vals):
        """What routing and technician choice need, from creation values."""
        partner = self.env["res.partner"].browse(vals.get("partner_id"))
        # the product's category only steers the choice of technician: read
        # it whoever registers the request (portal customer, e-mail gateway)
        product = self.env["product.product"].sudo().browse(
            vals.get("product_id"))
        received = vals.get("date_received") or fields.Datetime.now()
        return {
            "company_id": vals.get("company_id"),
            "team": self.env["aftersales.team"].browse(vals.get("team_id")),
            "state_id": vals.get("contact_state_id") or partner.state_id.id,
            "zip": vals.get("contact_zip") or partner.zip,
            "categ": product.categ_id,
            "moment": fields.Datetime.from_string(received),
            "hours": vals.get("planned_hours"),
            "excluded_user_id": vals.get("concerned_user_id") or False,
            "ticket_id": False,
        }

    @api.model
    def _prepare_dispatch_request(self, ticket, moment, team=None):
        return {
            "company_id": ticket.company_id.id,
            "team": team or ticket.team_id,
            "state_id": ticket.contact_state_id.id,
            "zip": ticket.contact_zip,
            "categ": ticket.product_id.categ_id,
            "moment": moment,
            "hours": ticket.planned_hours,
            "excluded_user_id": ticket.concerned_user_id.id,
            "ticket_id": ticket.id,
        }

    @api.model
    def _plan_assignment(self, requests, only_auto_teams=False):
        """[(team, technician, moment)] for the requests, in one pass: one
        routing read, one load count, one leave search for all of them.
        A technician's load grows as the batch gives him tickets.

        Runs as superuser: routing must see the whole service network, every
        technician's load and leaves, whoever registers the request (portal
        customer, e-mail gateway, agent); each request's company bounds it.
        """
        Team = self.env["aftersales.team"].sudo()
        for req in requests:
            req["team"] = req["team"].sudo()
        unrouted = [req for req in requests if not req["team"]]
        if unrouted:
            teams = Team._route_addresses([
                (req["company_id"], req["state_id"], req["zip"])
                for req in unrouted])
            for req, team in zip(unrouted, teams):
                req["team"] = team
        teams = Team.browse()
        for req in requests:
            teams |= req["team"]
        if only_auto_teams:
            teams = teams.filtered("auto_assign")
        if not teams:
            return [(req["team"], None, None) for req in requests]
        start = min(req["moment"] for req in requests)
        availability = teams._get_members_availability(start)
        members = teams.mapped("member_ids")
        loads = teams._get_open_ticket_load(members)
        busy = self._get_planned_visits(
            members, start, [req.get("ticket_id") for req in requests])
        skills = {
            user.id: [(categ.parent_left, categ.parent_right)
                      for categ in user.aftersales_product_categ_ids]
            for user in members
        }
        plan = []
        for req in requests:
            team = req["team"]
            if team not in teams:
                plan.append((team, None, None))
                continue
            categ = req["categ"].sudo()
            categ_range = categ and (categ.parent_left, categ.parent_right)
            hours = dispatch_rules.visit_hours(req.get("hours"))
            excluded = req.get("excluded_user_id")
            candidates = [
                dispatch_rules.Candidate(
                    user_id=user.id,
                    available_at=team._available_from(
                        availability, user, req["moment"], hours=hours,
                        busy=busy.get(user.id, ())),
                    skilled=dispatch_rules.covers_category(
                        skills[user.id], categ_range),
                    load=loads.get(user.id, 0),
                ) for user in team.member_ids if user.id != excluded
            ]
            chosen = dispatch_rules.choose_technician(candidates)
            if chosen:
                loads[chosen.user_id] = chosen.load + 1
                busy.setdefault(chosen.user_id, []).append(
                    dispatch_rules.visit_interval(
                        chosen.available_at, req.get("hours")))
                plan.append((team, self.env["res.users"].browse(chosen.user_id),
                             chosen.available_at))
            elif excluded and team.director_id and \
                    team.director_id.id != excluded:
                # a complaint about the team's only available technician:
                # its director takes it (the visit is his to plan)
                plan.append((team, team.director_id, None))
            else:
                plan.append((team, None, None))
        return plan

    @api.model
    def _get_planned_visits(self, users, start, skipped_ticket_ids=()):
        """``{user id: [(start, end)]}``: the visits already planned for
        ``users`` on open tickets from the day before ``start`` (naive UTC),
        each with its travel margin, by one read (superuser: a technician's
        day includes tickets the current user may not see). The tickets
        being dispatched again are left out."""
        if not users:
            return {}
        since = start - timedelta(days=1)
        skipped = tuple(ticket_id for ticket_id in skipped_ticket_ids
                        if ticket_id) or (0,)
        # one query, whoever dispatches (see above); no record rule applies
        self.env.cr.execute("""
            SELECT user_id, date_planned, planned_hours
              FROM aftersales_ticket
             WHERE user_id IN %s AND is_closed IS NOT TRUE
               AND date_planned >= %s AND id NOT IN %s
        """, (tuple(users.ids), fields.Datetime.to_string(since), skipped))
        busy = {}
        for user_id, date_planned, planned_hours in self.env.cr.fetchall():
            busy.setdefault(user_id, []).append(
                dispatch_rules.visit_interval(
                    fields.Datetime.from_string(date_planned), planned_hours))
        return busy

    def _prepare_dispatch_values(self, stage, user, moment, date_planned, now):
        """Values written on a dispatched ticket: ``stage`` is its current
        stage (kept when already past "Dispatched"), ``moment`` the
        technician's first available moment, proposed as planned visit."""
        # by id: env.ref() would check the record exists, one query a ticket
        dispatched = self.env["aftersales.ticket.stage"].browse(
            self.env["ir.model.data"].xmlid_to_res_id(
                "aftersales_ticket.stage_dispatched", raise_if_not_found=True))
        values = {
            "user_id": user.id,
            "date_dispatched": now,
        }
        if not stage or stage.sequence < dispatched.sequence:
            values["stage_id"] = dispatched.id
        if not date_planned and moment:
            values["date_planned"] = fields.Datetime.to_string(moment)
        return values

    def _apply_assignment(self, plan):
        """Write the plan (one write per team, technician and stage) and
        schedule the technicians' activities."""
        groups = {}
        now = fields.Datetime.now()
        for ticket, (team, user, moment) in zip(self, plan):
            values = self._prepare_dispatch_values(
                ticket.stage_id, user, moment, ticket.date_planned, now)
            if ticket.date_dispatched:
                # a reassignment: the request was answered at its first
                # dispatch (SLA dispatch milestone, response time KPI)
                del values["date_dispatched"]
            if team:
                values["team_id"] = team.id
            key = tuple(sorted(values.items()))
            groups.setdefault(key, self.browse())
            groups[key] |= ticket
        # the technician is told and subscribed by the activity
        quiet = self.with_context(**{ACTIVITY_SUBSCRIBES: True})
        for key, tickets in groups.items():
            tickets.with_env(quiet.env).write(dict(key))
        self._schedule_dispatch_activities()

    def _lock_for_dispatch(self, reassign=False):
        """Lock the tickets' rows for this transaction; refuse with a clear
        message when another agent is dispatching them right now or has
        dispatched them already (unless ``reassign``)."""
        self._aftersales_lock(message=_(
            "Another agent is dispatching %(records)s at this very moment. "
            "Reload the tickets and try again."))
        taken = self.filtered("user_id")  # as locked, read again
        if taken and not reassign:
            raise UserError(_(
                "%s already dispatched to a technician by someone else. "
                "Reload the tickets, or choose to reassign them.") % ", ".join(
                    "%s (%s)" % (ticket.name, ticket.user_id.name)
                    for ticket in taken))

    def _schedule_dispatch_activities(self):
        """The technician of each ticket gets one activity for the visit,
        due on the planned day."""
        tickets = self.filtered("user_id")
        tickets._aftersales_schedule_activities(
            {ticket.id: ticket.user_id for ticket in tickets},
            {ticket.id: _("Service visit %s") % ticket.name for ticket in tickets},
            date_deadline={
                ticket.id: fields.Date.to_string(fields.Datetime.from_string(
                    ticket.date_planned or ticket.date_dispatched
                    or fields.Datetime.now()).date())
                for ticket in tickets})

    def _done_visit_activities(self):
        """Mark done the technician's "Service visit" To-Do of each ticket
        (the technician is on site, or the work is done): it would stay in
        his list of things to do otherwise. With the user's own rights (the
        technician or agent recording the visit may write the ticket); the
        "done" message is posted as that user."""
        tickets = self.filtered("user_id")
        if not tickets:
            return
        activities = self.env["mail.activity"].search([
            ("res_model", "=", self._name), ("res_id", "in", tickets.ids)])
        names = {ticket.id: (ticket.name, ticket.user_id) for ticket in tickets}
        done = activities.filtered(
            lambda activity: activity.user_id == names[activity.res_id][1]
            and names[activity.res_id][0] in (activity.summary or ""))
        if done:
            done.action_feedback()
