# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import timedelta

from odoo import api, fields, models, tools

from .aftersales_ticket import REQUEST_TYPES, SERVICE_CATEGORIES

# Size of the rankings of the weekly problem summary.
WEEKLY_TOP = 10


class AftersalesTicketReport(models.Model):
    """Service KPIs, one row per ticket, as a PostgreSQL view.

    Rates are stored per row as 100 or 0 (NULL when the ticket does not
    count, e.g. first-time fix of an unresolved ticket, or SLA compliance of
    a ticket that has no deadline), so that the pivot's average of a group
    is the rate in percent, computed by PostgreSQL."""

    _name = "aftersales.ticket.report"
    _description = "After-Sales Service KPI Analysis"
    _auto = False
    _rec_name = "ticket_id"
    _order = "date_received desc"

    ticket_id = fields.Many2one("aftersales.ticket", string="Ticket",
                                readonly=True)
    date_received = fields.Datetime(string="Received", readonly=True)
    team_id = fields.Many2one("aftersales.team", string="Service Team",
                              readonly=True)
    user_id = fields.Many2one("res.users", string="Technician", readonly=True)
    service_category = fields.Selection(SERVICE_CATEGORIES, readonly=True)
    category_id = fields.Many2one("aftersales.ticket.category",
                                  string="Fault Category", readonly=True)
    request_type = fields.Selection(REQUEST_TYPES, readonly=True)
    product_id = fields.Many2one("product.product", string="Product",
                                 readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer",
                                 readonly=True)
    stage_id = fields.Many2one("aftersales.ticket.stage", string="Stage",
                               readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    is_closed = fields.Boolean(readonly=True)
    sla_breached = fields.Boolean(string="SLA Breached", readonly=True)
    nbr = fields.Integer(string="# Tickets", readonly=True)
    backlog = fields.Integer(string="Backlog (open)", readonly=True)
    resolved_count = fields.Integer(string="# Resolved", readonly=True)
    breached_count = fields.Integer(string="# SLA Breached", readonly=True)
    open_unassigned = fields.Integer(string="# Open Unassigned", readonly=True)
    open_breached = fields.Integer(string="# Open SLA Breached", readonly=True)
    open_complaint = fields.Integer(string="# Open Complaints", readonly=True)
    response_hours = fields.Float(string="Response Time (h)", readonly=True,
                                  group_operator="avg")
    arrival_hours = fields.Float(string="Time to Arrive (h)", readonly=True,
                                 group_operator="avg")
    resolution_hours = fields.Float(string="Resolution Time (h)",
                                    readonly=True, group_operator="avg")
    sla_compliance = fields.Float(string="SLA Compliance (%)", readonly=True,
                                  group_operator="avg")
    resolution_rate = fields.Float(string="Resolution Rate (%)",
                                   readonly=True, group_operator="avg")
    first_time_fix_rate = fields.Float(
        string="First-Time Fix Rate (%)", readonly=True, group_operator="avg",
        help="Share of the resolved tickets fixed the first time.")
    complaint_rate = fields.Float(string="Complaint Rate (%)", readonly=True,
                                  group_operator="avg")

    def _select(self):
        return """
            SELECT
                t.id AS id,
                t.id AS ticket_id,
                t.date_received AS date_received,
                t.team_id AS team_id,
                t.user_id AS user_id,
                t.service_category AS service_category,
                t.category_id AS category_id,
                t.request_type AS request_type,
                t.product_id AS product_id,
                t.commercial_partner_id AS partner_id,
                t.stage_id AS stage_id,
                t.company_id AS company_id,
                COALESCE(t.is_closed, FALSE) AS is_closed,
                COALESCE(t.sla_breached, FALSE) AS sla_breached,
                1 AS nbr,
                CASE WHEN COALESCE(t.is_closed, FALSE) THEN 0 ELSE 1 END
                    AS backlog,
                CASE WHEN t.date_resolved IS NOT NULL
                          OR t.date_closed IS NOT NULL THEN 1 ELSE 0 END
                    AS resolved_count,
                CASE WHEN t.sla_breached THEN 1 ELSE 0 END AS breached_count,
                CASE WHEN NOT COALESCE(t.is_closed, FALSE)
                          AND t.user_id IS NULL THEN 1 ELSE 0 END
                    AS open_unassigned,
                CASE WHEN NOT COALESCE(t.is_closed, FALSE)
                          AND t.sla_breached THEN 1 ELSE 0 END
                    AS open_breached,
                CASE WHEN NOT COALESCE(t.is_closed, FALSE)
                          AND t.request_type = 'complaint' THEN 1 ELSE 0 END
                    AS open_complaint,
                CASE WHEN t.date_dispatched IS NOT NULL
                     THEN t.response_hours END AS response_hours,
                CASE WHEN t.date_arrived IS NOT NULL
                     THEN t.arrival_hours END AS arrival_hours,
                CASE WHEN t.date_resolved IS NOT NULL
                     THEN t.resolution_hours END AS resolution_hours,
                CASE WHEN t.sla_breached THEN 0.0
                     WHEN t.sla_dispatch_deadline IS NULL
                          AND t.sla_arrival_deadline IS NULL
                          AND t.sla_resolution_deadline IS NULL THEN NULL
                     ELSE 100.0 END
                    AS sla_compliance,
                CASE WHEN t.date_resolved IS NOT NULL
                          OR t.date_closed IS NOT NULL THEN 100.0 ELSE 0.0 END
                    AS resolution_rate,
                CASE WHEN t.date_resolved IS NULL THEN NULL
                     WHEN t.first_time_fix THEN 100.0 ELSE 0.0 END
                    AS first_time_fix_rate,
                CASE WHEN t.request_type = 'complaint' THEN 100.0 ELSE 0.0 END
                    AS complaint_rate
        """

    def _from(self):
        return "FROM aftersales_ticket t"

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # the view's text is fixed: no user input reaches it
        self.env.cr.execute(  # pylint: disable=sql-injection
            "CREATE OR REPLACE VIEW %s AS (%s %s)"
            % (self._table, self._select(), self._from()))

    @api.model
    def _weekly_summary_rows(self, company, date_from):
        """Top fault categories and products of the tickets received since
        ``date_from`` in ``company``, as lists of (label, count)."""
        domain = [("company_id", "=", company.id),
                  ("date_received", ">=", fields.Datetime.to_string(date_from))]
        rankings = {}
        for field_name in ("category_id", "product_id"):
            groups = self.read_group(
                domain + [(field_name, "!=", False)], [field_name, "nbr"],
                [field_name], orderby="nbr desc", limit=WEEKLY_TOP)
            rankings[field_name] = [
                (group[field_name][1], group["nbr"]) for group in groups]
        return rankings

    @api.model
    def _cron_send_weekly_summary(self):
        """Mail the managers of each company the fault categories and the
        products with the most requests over the last seven days."""
        template = self.env.ref(
            "aftersales_ticket.mail_template_weekly_problem_summary")
        managers = self.env.ref("aftersales_ticket.group_manager").users
        date_from = fields.Datetime.from_string(
            fields.Datetime.now()) - timedelta(days=7)
        for company in managers.mapped("company_id"):
            recipients = managers.filtered(
                lambda user: user.company_id == company and user.email)
            rankings = self._weekly_summary_rows(company, date_from)
            if not recipients or not any(rankings.values()):
                continue
            template.with_context(
                fault_rows=rankings["category_id"],
                product_rows=rankings["product_id"],
                date_from=fields.Datetime.to_string(date_from),
                recipient_ids=",".join(
                    str(pid) for pid in recipients.mapped("partner_id").ids),
            ).send_mail(company.id)
        return True
