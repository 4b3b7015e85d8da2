# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, fields, models
from odoo.tools import html_escape


class AftersalesTeam(models.Model):
    """Teams receive activities: the director's daily carry-over summary."""

    _name = "aftersales.team"
    _inherit = ["aftersales.team", "mail.activity.mixin", "aftersales.mixin"]

    def _sla_notify_carry_over(self, tickets):
        """One summary activity for the team's director (the manager when
        there is no director) listing the carried-over ``tickets``, once a
        day."""
        self.ensure_one()
        user = self.director_id or self.manager_id
        if not user or not tickets:
            return self.env["mail.activity"]
        lines = "".join(
            "<li>%s</li>" % html_escape(name) for _id, name in tickets.name_get())
        return self._aftersales_schedule_activities(
            {self.id: user},
            _("%(count)d request(s) carried over on %(day)s") % {
                "count": len(tickets),
                "day": fields.Date.context_today(self)},
            note="<p>%s</p><ul>%s</ul>" % (
                html_escape(_("Not dispatched on the day they were received; "
                              "now top priority:")), lines))
