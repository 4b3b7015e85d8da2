# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AftersalesTicketAssignWizard(models.TransientModel):
    """Dispatch several tickets at once from the list or the board."""

    _name = "aftersales.ticket.assign.wizard"
    _inherit = ["aftersales.mixin"]
    _description = "Dispatch Service Tickets"

    def _default_ticket_ids(self):
        return self.env["aftersales.ticket"]._browse_active_tickets()

    ticket_ids = fields.Many2many(
        "aftersales.ticket", string="Tickets", default=_default_ticket_ids,
    )
    mode = fields.Selection(
        [("auto", "Automatic"), ("manual", "Chosen team / technician")],
        required=True, default="auto",
        help="Automatic: team by the customer's address, then the available "
             "technician with the right skill and the fewest open tickets.",
    )
    team_id = fields.Many2one("aftersales.team", string="Service Team")
    user_id = fields.Many2one(
        "res.users", string="Technician", domain=[("share", "=", False)],
    )
    reassign = fields.Boolean(
        help="Also dispatch tickets that already have a technician, replacing "
             "him.",
    )

    @api.onchange("team_id")
    def _onchange_team_id(self):
        if self.user_id and self.team_id not in self.user_id.aftersales_team_ids:
            self.user_id = False
        domain = [("share", "=", False)]
        if self.team_id:
            domain = [("aftersales_team_ids", "=", self.team_id.id)]
        return {"domain": {"user_id": domain}}

    def action_assign(self):
        # called with [k, k]: dispatches once
        self = self._aftersales_unique()  # pylint: disable=self-cls-assignment
        self.ensure_one()
        if not self.ticket_ids:
            raise UserError(_("Select the tickets to dispatch."))
        if self.mode == "manual" and not (self.team_id or self.user_id):
            raise UserError(_("Choose a team or a technician, or use the "
                              "automatic mode."))
        if (self.mode == "manual" and self.team_id and self.user_id
                and self.user_id not in self.team_id.member_ids):
            raise UserError(_("%(user)s is not a member of the team %(team)s.")
                            % {"user": self.user_id.name,
                               "team": self.team_id.name})
        if self.mode == "manual":
            self.ticket_ids._dispatch(
                team=self.team_id or None, user=self.user_id or None,
                reassign=self.reassign)
        else:
            self.ticket_ids._auto_assign(reassign=self.reassign)
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesTicketAssignWizard, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesTicketAssignWizard, self).write(vals)
