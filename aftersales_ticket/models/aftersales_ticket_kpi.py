# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import datetime

from odoo import api, fields, models

from ..lib import service_kpi

# Internal groups of the suite (directors and managers imply both).
STAFF_GROUPS = "aftersales_ticket.group_technician,aftersales_ticket.group_agent"


def _stored_datetime(value):
    """A creation value of a Datetime field as it is stored (a datetime is
    kept to the second), as a datetime, or None."""
    if isinstance(value, datetime):
        value = fields.Datetime.to_string(value)
    return fields.Datetime.from_string(value)


# The ticket is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    """Stored service KPIs of a ticket, so that reports aggregate them in SQL.

    First-time fix: the ticket is resolved, was never reopened after a
    resolution (``reopen_count``) and needed at most one visit on site
    (``visit_count``, one per arrival recorded; a remote fix has none).
    """

    _inherit = "aftersales.ticket"

    response_hours = fields.Float(
        string="Response Time (h)", compute="_compute_kpi_hours", store=True,
        readonly=True, group_operator="avg",
        help="Elapsed hours from reception to dispatch.")
    arrival_hours = fields.Float(
        string="Time to Arrive (h)", compute="_compute_kpi_hours", store=True,
        readonly=True, group_operator="avg",
        help="Elapsed hours from reception to the technician's arrival.")
    resolution_hours = fields.Float(
        string="Resolution Time (h)", compute="_compute_kpi_hours", store=True,
        readonly=True, group_operator="avg",
        help="Elapsed hours from reception to resolution.")
    visit_count = fields.Integer(
        string="Visits", readonly=True, copy=False, default=0,
        help="Number of arrivals on site recorded for this ticket.")
    reopen_count = fields.Integer(
        string="Reopened", readonly=True, copy=False, default=0,
        help="Number of times the ticket went back to work after it had "
             "been resolved.")
    # Internal cost prices never reach a customer: the cost fields of the
    # voucher (``aftersales_ticket_voucher.py``) are for the suite's staff
    # only; the portal and e-mails show fees, never costs. (Extends those
    # fields' definitions: only ``groups`` is added here.)
    labour_cost = fields.Monetary(groups=STAFF_GROUPS)
    parts_cost = fields.Monetary(groups=STAFF_GROUPS)
    total_cost = fields.Monetary(groups=STAFF_GROUPS)
    first_time_fix = fields.Boolean(
        string="First-Time Fix", compute="_compute_first_time_fix",
        store=True, readonly=True, index=True,
        help="Resolved, never reopened, with at most one visit on site.")

    @api.depends("date_received", "date_dispatched", "date_arrived",
                 "date_resolved")
    def _compute_kpi_hours(self):
        to_dt = fields.Datetime.from_string
        for ticket in self:
            received = to_dt(ticket.date_received)
            ticket.response_hours = service_kpi.hours_between(
                received, to_dt(ticket.date_dispatched))
            ticket.arrival_hours = service_kpi.hours_between(
                received, to_dt(ticket.date_arrived))
            ticket.resolution_hours = service_kpi.hours_between(
                received, to_dt(ticket.date_resolved))

    @api.depends("date_resolved", "reopen_count", "visit_count")
    def _compute_first_time_fix(self):
        for ticket in self:
            ticket.first_time_fix = service_kpi.is_first_time_fix(
                ticket.date_resolved, ticket.reopen_count, ticket.visit_count)

    @api.model
    def _prepare_complete_values(self, vals):
        """A ticket registered with its arrival on site had one visit."""
        values = super(AftersalesTicket, self)._prepare_complete_values(vals)
        if vals.get("date_arrived") and not vals.get("visit_count"):
            values["visit_count"] = 1
        return values

    @api.model
    def _prepare_precomputed_values(self, vals):
        values = super(AftersalesTicket, self)._prepare_precomputed_values(
            vals)
        to_dt = _stored_datetime
        received = to_dt(vals.get("date_received"))
        values.update(
            response_hours=service_kpi.hours_between(
                received, to_dt(vals.get("date_dispatched"))),
            arrival_hours=service_kpi.hours_between(
                received, to_dt(vals.get("date_arrived"))),
            resolution_hours=service_kpi.hours_between(
                received, to_dt(vals.get("date_resolved"))),
            first_time_fix=service_kpi.is_first_time_fix(
                vals.get("date_resolved"), vals.get("reopen_count", 0),
                vals.get("visit_count", 0)),
        )
        return values

    def _before_write(self, vals):
        """The tickets a write visits again (a new arrival on site) or
        reopens (sends back to work after a resolution)."""
        before = super(AftersalesTicket, self)._before_write(vals)
        visited = reopened = self.browse()
        if vals.get("date_arrived"):
            new_arrival = vals["date_arrived"]
            if isinstance(new_arrival, datetime):
                new_arrival = fields.Datetime.to_string(new_arrival)
            new_arrival = new_arrival[:19]
            visited = self.filtered(
                lambda ticket: ticket.date_arrived != new_arrival)
        if "date_resolved" in vals or "stage_id" in vals:
            reopened = self._kpi_reopened_by(vals)
        before["kpi"] = (visited, reopened)
        return before

    def _after_write_kpi(self, vals, before):
        result = super(AftersalesTicket, self)._after_write_kpi(vals, before)
        visited, reopened = before["kpi"]
        for ticket in visited | reopened:
            ticket.write({
                "visit_count": ticket.visit_count + (ticket in visited),
                "reopen_count": ticket.reopen_count + (ticket in reopened),
            })
        return result

    def _kpi_count_visit(self):
        """One more visit on site for each ticket (a later arrival, whose
        date does not replace the first one)."""
        for ticket in self:
            ticket.write({"visit_count": ticket.visit_count + 1})

    def _kpi_reopened_by(self, vals):
        """The tickets of ``self`` that ``vals`` sends back to work after a
        resolution: their resolution date is cleared, or they move back to
        an earlier stage that does not close them."""
        resolved = self.filtered("date_resolved")
        if not resolved:
            return resolved
        if "date_resolved" in vals and not vals["date_resolved"]:
            return resolved
        if not vals.get("stage_id"):
            return self.browse()
        stage = self.env["aftersales.ticket.stage"].browse(vals["stage_id"])
        if stage.is_closed:
            return self.browse()
        return resolved.filtered(
            lambda ticket: ticket.stage_id.sequence > stage.sequence)
