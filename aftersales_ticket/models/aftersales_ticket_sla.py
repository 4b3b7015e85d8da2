# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""SLA concern of the ticket: stored deadlines on working calendars, pauses,
breach detection by one indexed scheduled job, daily carry-over.

Deadlines are recomputed only on the events that change them (creation,
reclassification, team change, pause/resume); the breach job reads only the
tickets whose ``sla_next_deadline`` passed since its last run.
"""
import logging
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.tools import html_escape

from ..lib.working_clock import NoWorkingTime
from .aftersales_sla_policy import SLA_TIERS

_logger = logging.getLogger(__name__)

# (kind, deadline field, milestone field that meets it)
SLA_KINDS = (
    ("dispatch", "sla_dispatch_deadline", "date_dispatched"),
    ("arrival", "sla_arrival_deadline", "date_arrived"),
    ("resolution", "sla_resolution_deadline", "date_resolved"),
)
# Fields whose change re-matches the policy and recomputes the deadlines.
RECLASSIFY_FIELDS = frozenset([
    "request_type", "priority", "category_id", "sla_tier", "team_id",
    "date_received",
])
MILESTONE_FIELDS = frozenset(milestone for _k, _f, milestone in SLA_KINDS)
WATCHED_FIELDS = RECLASSIFY_FIELDS | MILESTONE_FIELDS | {"stage_id"}
# Fields of a new ticket the SLA values are computed from.
SLA_DRAFT_FIELDS = (
    "team_id", "company_id", "request_type", "priority", "sla_tier",
    "category_id", "date_received", "stage_id", "sla_breached",
) + tuple(MILESTONE_FIELDS)
# Context key: write without touching the SLA (the carry-over's priority
# raise orders the queue; it does not tighten the deadlines already given).
NO_SLA_CONTEXT = "aftersales_sla_no_recompute"
LAST_RUN_PARAM = "aftersales.sla_breach_last_run"
# The breach job re-reads this much before its last run, so that a deadline
# stored by a transaction still open during the previous run is not missed
# (tickets already handled no longer have their next deadline there).
CRON_OVERLAP = timedelta(minutes=10)


def _to_dt(value):
    if not value:
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    return fields.Datetime.from_string(value)


def _to_str(value):
    return fields.Datetime.to_string(value) if value else False


def _pause_moves(deadline, reached, pause_start):
    """A pause moves a deadline still ahead when it started, unless the
    deadline was already met by then."""
    return deadline > pause_start and not (reached and reached <= pause_start)


def _utcnow():
    # through fields.Datetime.now, the one clock of the suite (tests fix it)
    return fields.Datetime.from_string(fields.Datetime.now())


# The ticket is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    _inherit = "aftersales.ticket"

    sla_tier = fields.Selection(
        SLA_TIERS, string="Contract Tier", index=True,
        track_visibility="onchange",
        help="Service level of the customer's contract; it selects the SLA "
             "policy (filled from the maintenance contract).",
    )
    sla_policy_id = fields.Many2one(
        "aftersales.sla.policy", string="SLA Policy", readonly=True, copy=False,
        ondelete="set null",
    )
    sla_dispatch_deadline = fields.Datetime(
        string="Dispatch Deadline", readonly=True, copy=False)
    sla_arrival_deadline = fields.Datetime(
        string="Arrival Deadline", readonly=True, copy=False)
    sla_resolution_deadline = fields.Datetime(
        string="Resolution Deadline", readonly=True, copy=False)
    sla_next_deadline = fields.Datetime(
        string="Next SLA Deadline", readonly=True, copy=False, index=True,
        help="Earliest deadline still to be met; empty while the SLA clock is "
             "paused or when nothing is pending.",
    )
    sla_pause_ids = fields.One2many(
        "aftersales.ticket.pause", "ticket_id", string="SLA Pauses", readonly=True)
    sla_paused_hours = fields.Float(
        string="Working Hours Paused", compute="_compute_sla_paused_hours")
    is_carried_over = fields.Boolean(
        string="Carried Over", readonly=True, copy=False, index=True,
        track_visibility="onchange",
        help="Not dispatched on the day it was received: carried over to the "
             "next working day with top priority.",
    )

    @api.depends("sla_pause_ids.working_hours")
    def _compute_sla_paused_hours(self):
        groups = self.env["aftersales.ticket.pause"].read_group(
            [("ticket_id", "in", self.ids)], ["ticket_id", "working_hours"],
            ["ticket_id"])
        hours = {g["ticket_id"][0]: g["working_hours"] for g in groups}
        for ticket in self:
            ticket.sla_paused_hours = hours.get(ticket.id, 0.0)

    def _after_create_sla(self, vals, automated, requested):
        """The policy, deadlines and breach of a new ticket are inserted
        with it (``_prepare_insert_values``); only a ticket created in a
        waiting stage, whose clock starts paused, is completed after, and a
        ticket registered late (backdated) is breached from the start."""
        result = super(AftersalesTicket, self)._after_create_sla(
            vals, automated, requested)
        if self.env.context.get(NO_SLA_CONTEXT):
            return result
        for ticket in self:
            if ticket._sla_is_waiting():
                ticket._sla_start_pause(_to_dt(ticket.date_received))
                ticket._sla_recompute(_utcnow())
            elif ticket.sla_breached and not vals.get("sla_breached"):
                breach = _to_dt(ticket.sla_breach_date)
                kind = next(kind for kind, field, _milestone in SLA_KINDS
                            if _to_dt(ticket[field]) == breach)
                ticket._sla_notify_breach({ticket.id: (kind, breach)})
        return result

    @api.model
    def _prepare_insert_values(self, vals):
        """SLA values of a new ticket, from its final values: evaluated on
        a draft ticket, as ``_sla_recompute`` would after the insert."""
        values = super(AftersalesTicket, self)._prepare_insert_values(vals)
        if self.env.context.get(NO_SLA_CONTEXT):
            return values
        draft = self.new({name: vals[name] for name in SLA_DRAFT_FIELDS
                          if name in vals})
        if draft._sla_is_waiting():
            return values
        now = _utcnow()
        deadlines = draft._sla_prepare_deadlines(now)
        sla_values, _newly = draft._sla_evaluate(now, deadlines[draft.id])
        values.update(sla_values)
        return values

    def _sla_watches(self, vals):
        return not self.env.context.get(NO_SLA_CONTEXT) and \
            bool(WATCHED_FIELDS & set(vals))

    def _before_write(self, vals):
        """Whether each ticket's clock was paused (waiting stage) before."""
        before = super(AftersalesTicket, self)._before_write(vals)
        if self._sla_watches(vals):
            before["sla_waiting"] = {
                ticket.id: ticket._sla_is_waiting() for ticket in self}
        return before

    def _after_write_sla(self, vals, before):
        """A waiting stage pauses the clock, leaving it resumes it; a
        reclassification recomputes the deadlines, a milestone checks
        them."""
        result = super(AftersalesTicket, self)._after_write_sla(vals, before)
        if not self._sla_watches(vals):
            return result
        waiting_before = before["sla_waiting"]
        now = _utcnow()
        if "stage_id" in vals:
            resumed = self.filtered(
                lambda t: waiting_before[t.id] and not t._sla_is_waiting())
            paused = self.filtered(
                lambda t: not waiting_before[t.id] and t._sla_is_waiting())
            resumed._sla_end_pause(now)
            paused._sla_start_pause(now)
        if RECLASSIFY_FIELDS & set(vals):
            self._sla_recompute(now)
        else:
            self._sla_check(now)
        return result

    # ------------------------------------------------------------------
    # Scheduled jobs
    # ------------------------------------------------------------------
    @api.model
    def _cron_sla_breach(self, now=None):
        """Flag the tickets whose next deadline passed since the last run.

        The domain is a range on the indexed ``sla_next_deadline`` between
        the last run and now: on-time tickets are never read. Each ticket is
        flagged and its director notified once; its next deadline moves to
        the next pending one. Returns (tickets read, tickets newly breached).
        """
        now = _to_dt(now) or _utcnow()
        tickets = self.search(
            self._sla_breach_domain(now, self._sla_get_last_run()),
            order="sla_next_deadline")
        breached = tickets._sla_check(now)
        self._sla_set_last_run(now)
        _logger.info("SLA breach job: %d ticket(s) due, %d newly breached",
                     len(tickets), len(breached))
        return tickets, breached

    @api.model
    def _sla_breach_domain(self, now, last_run):
        """Open tickets whose next deadline passed between the last run (less
        the overlap) and ``now``: a range on the indexed column."""
        domain = [("sla_next_deadline", "<=", _to_str(now)),
                  ("is_closed", "=", False)]
        if last_run:
            domain.insert(0, ("sla_next_deadline", ">",
                              _to_str(last_run - CRON_OVERLAP)))
        return domain

    @api.model
    def _cron_carry_over(self, now=None):
        """At the start of a working day: requests received on a previous
        day and still not dispatched get top priority and the carried-over
        mark; each team's director gets one summary activity."""
        now = _to_dt(now) or _utcnow()
        candidates = self.search([
            ("date_dispatched", "=", False),
            ("is_closed", "=", False),
            ("is_carried_over", "=", False),
            ("date_received", "<", _to_str(now)),
        ])
        calendars = candidates._sla_working_calendars(now - timedelta(days=1))
        by_team = {}
        for ticket in candidates:
            calendar = calendars.get(ticket.id)
            if calendar:
                day_start, today = calendar.local_day_start(now)
                if not calendar.is_working_day(today):
                    continue
            else:
                day_start = datetime.combine(now.date(), datetime.min.time())
            if _to_dt(ticket.date_received) < day_start:
                by_team.setdefault(ticket.team_id, self.browse())
                by_team[ticket.team_id] |= ticket
        carried = self.browse()
        for team, tickets in by_team.items():
            tickets.with_context(**{NO_SLA_CONTEXT: True}).write(
                tickets._prepare_carry_over_vals())
            carried |= tickets
            if team:
                team._sla_notify_carry_over(tickets)
        return carried

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _prepare_carry_over_vals(self):
        return {"priority": "3", "is_carried_over": True}

    def _sla_is_waiting(self):
        self.ensure_one()
        return bool(self.stage_id.is_waiting and not self.is_closed)

    def _sla_working_calendars(self, date_from):
        """{ticket id: working_clock.WorkingCalendar} of the tickets' team
        calendars (the company's when there is no team), read once."""
        calendar_of = {
            ticket.id: (ticket.team_id.resource_calendar_id
                        or ticket.company_id.resource_calendar_id)
            for ticket in self
        }
        calendars = self.env["resource.calendar"]
        for calendar in calendar_of.values():
            calendars |= calendar
        if not calendars:
            return {}
        bundles = calendars._aftersales_working_calendars(date_from)
        return {ticket_id: bundles[calendar.id]
                for ticket_id, calendar in calendar_of.items() if calendar}

    def _sla_recompute(self, now):
        """Match the policy and compute the deadlines from the reception
        date, moved by the working hours of the pauses already ended that
        started before them (the same result as moving them on resume)."""
        if not self:
            return self.browse()
        return self._sla_check(now, self._sla_prepare_deadlines(now))

    def _sla_prepare_deadlines(self, now):
        """{ticket id: {policy and deadline fields: value}} of the tickets
        (records, or a draft of a new ticket), see ``_sla_recompute``."""
        policies = self.env["aftersales.sla.policy"]._find_for_tickets(self)
        received = [_to_dt(t.date_received) for t in self if t.date_received]
        calendars = self._sla_working_calendars(
            min(received) - timedelta(days=1) if received else now)
        pauses = {}
        # a draft has no pause (nor id to search them with)
        ticket_ids = [ticket_id for ticket_id in self.ids
                      if isinstance(ticket_id, int)]
        for pause in ticket_ids and self.env[
                "aftersales.ticket.pause"].search_read(
                    [("ticket_id", "in", ticket_ids), ("date_end", "!=", False),
                     ("working_hours", ">", 0)],
                    ["ticket_id", "date_start", "working_hours"],
                    order="date_start"):
            pauses.setdefault(pause["ticket_id"][0], []).append(
                (_to_dt(pause["date_start"]), pause["working_hours"]))
        values = {}
        for ticket in self:
            policy = policies[ticket.id]
            targets = policy._get_targets() if policy else {}
            calendar = calendars.get(ticket.id)
            start = _to_dt(ticket.date_received)
            vals = {"sla_policy_id": policy.id or False}
            for kind, field, milestone in SLA_KINDS:
                deadline = None
                if targets.get(kind) and calendar and start:
                    try:
                        deadline = calendar.add_hours(start, targets[kind])
                        # as on resume: a pause moves the deadlines still
                        # ahead when it started
                        reached = _to_dt(ticket[milestone])
                        for pause_start, hours in pauses.get(ticket.id, ()):
                            if _pause_moves(deadline, reached, pause_start):
                                deadline = calendar.add_hours(deadline, hours)
                    except NoWorkingTime:
                        _logger.warning(
                            "SLA: calendar of ticket %s has no working time",
                            ticket.id)
                vals[field] = _to_str(deadline)
            values[ticket.id] = vals
        return values

    def _sla_start_pause(self, when):
        """Stop the clock: record the pause; the next deadline is cleared
        (by ``_sla_check``) until the clock resumes."""
        # sudo: pauses are written by the SLA clock only; users read them
        Pause = self.env["aftersales.ticket.pause"].sudo()
        running = set(Pause.search([
            ("ticket_id", "in", self.ids), ("date_end", "=", False),
        ]).mapped("ticket_id").ids)
        for ticket in self:
            if ticket.id not in running:
                Pause.create({
                    "ticket_id": ticket.id,
                    "stage_id": ticket.stage_id.id,
                    "date_start": _to_str(when),
                })

    def _sla_end_pause(self, when, check=True):
        """Resume the clock: close the open pause with the working hours it
        lasted, and move the deadlines still ahead at the pause by them."""
        # sudo: pauses are written by the SLA clock only; users read them
        pauses = self.env["aftersales.ticket.pause"].sudo().search([
            ("ticket_id", "in", self.ids), ("date_end", "=", False),
        ])
        if not pauses:
            return
        starts = [_to_dt(p.date_start) for p in pauses]
        calendars = self._sla_working_calendars(min(starts) - timedelta(days=1))
        values = {}
        for pause in pauses:
            ticket = pause.ticket_id
            start = _to_dt(pause.date_start)
            calendar = calendars.get(ticket.id)
            hours = calendar.hours_between(start, when) if calendar else 0.0
            pause.write({"date_end": _to_str(max(when, start)),
                         "working_hours": hours})
            vals = {}
            for _kind, field, milestone in SLA_KINDS:
                deadline = _to_dt(ticket[field])
                if hours and deadline and _pause_moves(
                        deadline, _to_dt(ticket[milestone]), start):
                    vals[field] = _to_str(calendar.add_hours(deadline, hours))
            values[ticket.id] = vals
        if check:
            self._sla_check(when, values)

    def _sla_evaluate(self, now, vals):
        """Next pending deadline and breach of one ticket at ``now``, given
        the deadline values about to be written. Returns (values to write,
        (kind, deadline) newly missed or None)."""
        self.ensure_one()
        missed = []
        pending = []
        waiting = self._sla_is_waiting()
        for kind, field, milestone in SLA_KINDS:
            deadline = _to_dt(vals[field] if field in vals else self[field])
            if not deadline:
                continue
            reached = _to_dt(self[milestone])
            if reached:
                if reached > deadline:
                    missed.append((deadline, kind))
            elif waiting or self.is_closed:
                continue  # clock stopped: nothing to meet until it runs again
            elif deadline <= now:
                missed.append((deadline, kind))
            else:
                pending.append(deadline)
        result = dict(vals)
        result["sla_next_deadline"] = _to_str(
            min(pending) if pending and not waiting and not self.is_closed
            else None)
        newly = None
        if missed and not self.sla_breached:
            deadline, kind = min(missed)
            result.update(sla_breached=True, sla_breach_date=_to_str(deadline))
            newly = (kind, deadline)
        return result, newly

    def _sla_check(self, now, values=None):
        """Store the next deadline, flag new breaches (and notify the
        directors). ``values``: {ticket id: deadline values to write}.
        Returns the newly breached tickets."""
        values = values or {}
        breached = {}
        # the breach is logged below, in one message per ticket without
        # notifying anyone (the director gets an activity), rather than by
        # the tracking of each write
        quiet = self.with_context(mail_notrack=True)
        for ticket in self:
            vals, newly = ticket._sla_evaluate(now, values.get(ticket.id, {}))
            changes = {}
            for name, value in vals.items():
                current = ticket[name]
                if isinstance(current, models.BaseModel):
                    current = current.id
                if (current or False) != (value or False):
                    changes[name] = value
            if changes:
                ticket.with_env(quiet.env).write(changes)
            if newly:
                breached[ticket.id] = newly
        tickets = self.browse(list(breached))
        tickets._aftersales_log_tracking("sla_breached", False, True)
        tickets._sla_notify_breach(breached)
        return tickets

    def _sla_notify_breach(self, missed):
        """One activity per newly breached ticket for its team's director
        (the team manager when the team has no director), in one batch."""
        if not self:
            return
        kinds = {
            "dispatch": _("dispatch"),
            "arrival": _("arrival on site"),
            "resolution": _("resolution"),
        }
        users, notes = {}, {}
        for ticket in self:
            user = ticket.team_id.director_id or ticket.team_id.manager_id
            if not user:
                continue
            kind, deadline = missed[ticket.id]
            local = fields.Datetime.context_timestamp(
                ticket.with_context(tz=user.tz or "UTC"), deadline)
            users[ticket.id] = user
            notes[ticket.id] = "<p>%s</p>" % html_escape(_(
                "%(ticket)s missed its %(kind)s deadline (%(date)s).") % {
                    "ticket": ticket.name, "kind": kinds[kind],
                    "date": local.strftime("%Y-%m-%d %H:%M")})
        self._aftersales_schedule_activities(
            users, _("SLA breached"), note=notes)

    @api.model
    def _sla_get_last_run(self):
        # read in SQL, like it is written (see _sla_set_last_run)
        self.env.cr.execute(
            "SELECT value FROM ir_config_parameter WHERE key = %s",
            (LAST_RUN_PARAM,))
        row = self.env.cr.fetchone()
        return _to_dt(row[0]) if row and row[0] else None

    @api.model
    def _sla_set_last_run(self, when):
        # Written in SQL: ir.config_parameter.write() clears every ormcache
        # of every worker, which a job running every few minutes must not do.
        self.env.cr.execute(
            "UPDATE ir_config_parameter SET value = %s, write_date = now() "
            "WHERE key = %s", (_to_str(when), LAST_RUN_PARAM))
        if not self.env.cr.rowcount:
            # sudo: system parameters are writable by administrators only
            self.env["ir.config_parameter"].sudo().set_param(
                LAST_RUN_PARAM, _to_str(when))
