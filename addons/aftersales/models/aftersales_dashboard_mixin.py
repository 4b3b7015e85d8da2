# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

from .aftersales_dashboard_figure import MEASURES


class AftersalesDashboardMixin(models.AbstractModel):
    """The suite's dashboard figures of a team or a technician
    (``_dashboard_group_field`` names the figure column that points to
    them), read for all the cards at once and each one click from its
    records."""

    _name = "aftersales.dashboard.mixin"
    _description = "After-Sales Dashboard Figures"
    _dashboard_group_field = None

    figure_backlog = fields.Integer(
        string="Backlog", compute="_compute_dashboard_figures")
    # rates are shown as text: "-" where no record is rated yet, not 0 %
    figure_sla_compliance = fields.Char(
        string="SLA Compliance", compute="_compute_dashboard_figures")
    figure_first_time_fix_rate = fields.Char(
        string="First-Time Fix", compute="_compute_dashboard_figures")
    figure_repairs_in_workshop = fields.Integer(
        string="Repairs in the Workshop",
        compute="_compute_dashboard_figures")
    figure_parts_consumed = fields.Float(
        string="Parts Consumed", compute="_compute_dashboard_figures")
    figure_contract_revenue = fields.Float(
        string="Contract Revenue", compute="_compute_dashboard_figures")
    figure_renewals_due = fields.Integer(
        string="Renewals Due", compute="_compute_dashboard_figures")
    figure_satisfaction = fields.Char(
        string="Satisfaction", compute="_compute_dashboard_figures")

    def _compute_dashboard_figures(self):
        # under the user's rights: the figures of the companies they work in
        figures = self.env["aftersales.dashboard.figure"]._figures_by(
            self._dashboard_group_field, self.ids)
        for record in self:
            values = figures.get(record.id, {})
            for measure, aggregate in MEASURES.items():
                value = values.get(measure)
                if aggregate == "avg":
                    value = "-" if value is None else "%.0f %%" % value
                record["figure_" + measure] = value or 0

    @api.multi
    def action_open_figure(self):
        """The records behind the figure named in the context key
        ``dashboard_figure``."""
        self.ensure_one()
        return self.env["aftersales.dashboard.figure"].action_open_records(
            self.env.context.get("dashboard_figure"),
            [(self._dashboard_group_field, "=", self.id)])
