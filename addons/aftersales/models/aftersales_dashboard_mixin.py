# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models, tools

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
    # revenue in the currency of the card's rows (of their company; the
    # user's company's when the card has none), shown with it
    figure_currency_id = fields.Many2one(
        "res.currency", string="Figures Currency",
        compute="_compute_dashboard_figures")
    figure_contract_revenue = fields.Monetary(
        string="Contract Revenue", currency_field="figure_currency_id",
        compute="_compute_dashboard_figures")
    figure_renewals_due = fields.Integer(
        string="Renewals Due", compute="_compute_dashboard_figures")
    figure_satisfaction = fields.Char(
        string="Satisfaction", compute="_compute_dashboard_figures")

    def _compute_dashboard_figures(self):
        # under the user's rights: the figures of the companies they work in
        figures = self.env["aftersales.dashboard.figure"]._figures_by(
            self._dashboard_group_field, self.ids)
        Currency = self.env["res.currency"]
        fallback = None
        for record in self:
            values = figures.get(record.id, {})
            currency_id = values.get("currency_id")
            if not currency_id:
                if fallback is None:
                    fallback = self._dashboard_user_currency_id()
                currency_id = fallback
            record.figure_currency_id = Currency.browse(currency_id)
            for measure, aggregate in MEASURES.items():
                value = values.get(measure)
                if aggregate == "avg":
                    value = "-" if value is None else "%.0f %%" % value
                record["figure_" + measure] = value or 0

    @tools.ormcache("self.env.uid")
    def _dashboard_user_currency_id(self):
        """The currency of the user's company: that of the cards without
        any amount (cached: writing a user or a company clears it)."""
        self.env.cr.execute(
            "SELECT company.currency_id FROM res_users u JOIN res_company "
            "company ON company.id = u.company_id WHERE u.id = %s",
            [self.env.uid])
        row = self.env.cr.fetchone()
        return row[0] if row else False

    @api.multi
    def action_open_figure(self):
        """The records behind the figure named in the context key
        ``dashboard_figure``."""
        self.ensure_one()
        return self.env["aftersales.dashboard.figure"].action_open_records(
            self.env.context.get("dashboard_figure"),
            [(self._dashboard_group_field, "=", self.id)])
