# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, fields, models
from odoo.tools import html_escape


class AftersalesTeam(models.Model):
    """Teams receive activities: the director's daily carry-over summary."""

    _name = "aftersales.team"
    _inherit = ["aftersales.team", "mail.activity.mixin"]

    def _sla_notify_carry_over(self, tickets):
        """One summary activity for the team's director (the manager when
        there is no director) listing the carried-over ``tickets``."""
        self.ensure_one()
        user = self.director_id or self.manager_id
        if not user or not tickets:
            return self.env["mail.activity"]
        activity_type = self.env.ref(
            "mail.mail_activity_data_todo", raise_if_not_found=False)
        return self.env["mail.activity"].create(
            self._prepare_carry_over_activity(user, activity_type, tickets))

    def _prepare_carry_over_activity(self, user, activity_type, tickets):
        self.ensure_one()
        lines = "".join(
            "<li>%s</li>" % html_escape(name) for _id, name in tickets.name_get())
        return {
            "res_model_id": self.env["ir.model"]._get(self._name).id,
            "res_id": self.id,
            "user_id": user.id,
            "activity_type_id": activity_type.id if activity_type else False,
            "summary": _("%d request(s) carried over") % len(tickets),
            "note": "<p>%s</p><ul>%s</ul>" % (
                html_escape(_("Not dispatched on the day they were received; "
                              "now top priority:")), lines),
            "date_deadline": fields.Date.context_today(self),
        }
