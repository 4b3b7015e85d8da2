# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..lib import value_check
from .aftersales_ticket import PRIORITIES, REQUEST_TYPES

_logger = logging.getLogger(__name__)

# Working hours an arrival target set in the settings may take (0: none).
ARRIVAL_RANGE = (0.0, 2000.0)
SLA_TIERS = [("standard", "Standard"), ("silver", "Silver"), ("gold", "Gold")]

# Criteria a policy may set; an empty criterion matches any ticket.
MATCH_FIELDS = ("team_id", "zone", "request_type", "priority", "category_id",
                "sla_tier")


class AftersalesSlaPolicy(models.Model):
    """Service-level targets (dispatch, arrival on site, resolution) in
    working hours of the team's calendar, for the tickets it matches.

    The most specific matching policy applies: the one with the most
    criteria set; at equal count a team-specific policy beats a zone one;
    then the lowest sequence.
    """

    _name = "aftersales.sla.policy"
    _inherit = ["aftersales.mixin"]
    _description = "After-Sales SLA Policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True,
        help="Empty: the policy applies to every company.",
    )
    team_id = fields.Many2one(
        "aftersales.team", string="Service Team", ondelete="cascade",
        help="Only tickets of this team (empty: any team).",
    )
    zone = fields.Selection(
        [("urban", "Urban"), ("suburban", "Suburban")],
        help="Only tickets of teams in this zone (empty: any zone).",
    )
    request_type = fields.Selection(REQUEST_TYPES, help="Empty: any type.")
    priority = fields.Selection(PRIORITIES, help="Empty: any priority.")
    category_id = fields.Many2one(
        "aftersales.ticket.category", string="Fault Category", ondelete="cascade",
        help="This category and its sub-categories (empty: any category).",
    )
    sla_tier = fields.Selection(
        SLA_TIERS, string="Contract Tier",
        help="Service level of the customer's contract (empty: any).",
    )
    dispatch_hours = fields.Float(
        string="Dispatch Within (h)",
        help="Working hours from reception to dispatch; 0 = no target.",
    )
    arrival_hours = fields.Float(
        string="Arrival on Site Within (h)",
        help="Working hours from reception to the technician's arrival on "
             "site; 0 = no target.",
    )
    arrival_hours_param = fields.Char(
        string="Arrival Target Setting",
        help="Technical: system parameter holding the arrival target (set "
             "by the After-Sales settings). When it holds a number, it "
             "replaces the arrival target above.",
    )
    resolution_hours = fields.Float(
        string="Resolve Within (h)",
        help="Working hours from reception to resolution; 0 = no target.",
    )
    specificity = fields.Integer(
        compute="_compute_specificity",
        help="Number of matching criteria set; the most specific policy wins.",
    )

    @api.depends(*MATCH_FIELDS)
    def _compute_specificity(self):
        for policy in self:
            policy.specificity = sum(1 for name in MATCH_FIELDS if policy[name])

    @api.constrains("dispatch_hours", "arrival_hours", "resolution_hours")
    def _check_hours(self):
        for policy in self:
            if min(policy.dispatch_hours, policy.arrival_hours,
                   policy.resolution_hours) < 0:
                raise ValidationError(_(
                    "SLA policy %s: a target cannot be a negative number of "
                    "working hours.") % policy.name)

    @api.constrains("team_id", "zone")
    def _check_team_zone(self):
        for policy in self:
            if policy.team_id and policy.zone and policy.team_id.zone != policy.zone:
                raise ValidationError(_(
                    "SLA policy %(policy)s: team %(team)s is not in the "
                    "%(zone)s zone.") % {
                        "policy": policy.name, "team": policy.team_id.name,
                        "zone": policy.zone})

    def _get_targets(self):
        """Targets of the policy, {kind: working hours}, kinds dispatch,
        arrival and resolution (0 = no target)."""
        self.ensure_one()
        arrival = self.arrival_hours
        if self.arrival_hours_param:
            value = self.env["ir.config_parameter"].sudo().get_param(
                self.arrival_hours_param)
            # sudo: system parameters are readable by administrators only;
            # this one is a published service target, not a secret
            try:
                number = float(value) if value else arrival
            except ValueError:
                number = None
            # a parameter written past the settings (NaN, 1e308) must not
            # stop every new request: the policy's own target then
            if number is not None and value_check.in_range(number, *ARRIVAL_RANGE):
                arrival = number
            else:
                _logger.warning("System parameter %s is not a number of "
                                "working hours: %r",
                                self.arrival_hours_param, value)
        return {
            "dispatch": self.dispatch_hours,
            "arrival": arrival,
            "resolution": self.resolution_hours,
        }

    def _matches(self, ticket):
        """Whether this policy applies to ``ticket``."""
        self.ensure_one()
        team = ticket.team_id
        if self.company_id and self.company_id != ticket.company_id:
            return False
        if self.team_id and self.team_id != team:
            return False
        if self.zone and self.zone != team.zone:
            return False
        for name in ("request_type", "priority", "sla_tier"):
            if self[name] and self[name] != ticket[name]:
                return False
        if self.category_id:
            category = ticket.category_id
            if not category or not (
                    self.category_id.parent_left <= category.parent_left
                    < self.category_id.parent_right):
                return False
        return True

    def _sort_key(self):
        return (-self.specificity, not self.team_id, self.sequence, self.id)

    @api.model
    def _find_for_tickets(self, tickets):
        """{ticket id: best policy} for a recordset of tickets (one query
        for the policies, matching in memory)."""
        policies = self.search([]).sorted(key=lambda p: p._sort_key())
        result = {}
        for ticket in tickets:
            result[ticket.id] = next(
                (policy for policy in policies if policy._matches(ticket)),
                self.browse())
        return result

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesSlaPolicy, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesSlaPolicy, self).write(vals)
