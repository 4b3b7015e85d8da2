# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models

# Where each role lands after login (the user's home action): the first
# group of the list the user has. Administrators keep Odoo's landing;
# portal customers land on /my (controllers/main.py).
LANDING_ACTIONS = [
    ("aftersales_ticket.group_manager",
     "aftersales.aftersales_team_suite_dashboard_action"),
    ("aftersales_ticket.group_director",
     "aftersales.aftersales_ticket_action_team_planning"),
    ("aftersales_ticket.group_agent", "aftersales_ticket.aftersales_ticket_action"),
    ("aftersales_ticket.group_technician",
     "aftersales.aftersales_ticket_action_my_jobs"),
    ("account.group_account_invoice", "account.action_invoice_tree1"),
    ("stock.group_stock_user", "stock.stock_picking_type_action"),
]


class ResUsers(models.Model):
    """A technician's card on the suite's dashboard; the landing page of
    each role."""

    _name = "res.users"
    _inherit = ["res.users", "aftersales.dashboard.mixin"]
    _dashboard_group_field = "user_id"

    @api.model
    def create(self, vals):
        user = super(ResUsers, self).create(vals)
        if not vals.get("action_id"):
            user._aftersales_set_landing()
        return user

    @api.multi
    def write(self, vals):
        result = super(ResUsers, self).write(vals)
        if "action_id" not in vals and any(
                name == "groups_id" or name.startswith(("in_group_",
                                                        "sel_groups_"))
                for name in vals):
            self._aftersales_set_landing()
        return result

    def _aftersales_landing_actions(self):
        """[(group, action)] of LANDING_ACTIONS whose records exist."""
        landing = []
        for group_xmlid, action_xmlid in LANDING_ACTIONS:
            group = self.env.ref(group_xmlid, raise_if_not_found=False)
            action = self.env.ref(action_xmlid, raise_if_not_found=False)
            if group and action:
                landing.append((group, action))
        return landing

    def _aftersales_set_landing(self):
        """Each user's home action from his groups, unless it was set by
        hand (an action other than the roles' landing pages)."""
        landing = self._aftersales_landing_actions()
        ours = {action.id for _group, action in landing}
        admin = self.env.ref("base.group_system")
        for user in self:
            if user.share or admin in user.groups_id \
                    or user.action_id.id not in ours | {False}:
                continue
            action = next((action for group, action in landing
                           if group in user.groups_id), None)
            action_id = action.id if action else False
            if user.action_id.id != action_id:
                user.write({"action_id": action_id})

    @api.model
    def _aftersales_set_landing_actions(self):
        """The landing page of every internal user (module data: at
        installation and update)."""
        self.with_context(active_test=False).search(
            [("share", "=", False)])._aftersales_set_landing()
