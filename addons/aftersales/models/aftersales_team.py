# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models


class AftersalesTeam(models.Model):
    """A team's card on the suite's dashboard."""

    _name = "aftersales.team"
    _inherit = ["aftersales.team", "aftersales.dashboard.mixin"]
    _dashboard_group_field = "team_id"

    def action_open_technicians(self):
        """The cards of the team's technicians."""
        self.ensure_one()
        action = self.env.ref(
            "aftersales.aftersales_technician_dashboard_action").read()[0]
        action["domain"] = [("aftersales_team_ids", "in", self.ids)]
        action["display_name"] = action["name"] = self.name
        return action
