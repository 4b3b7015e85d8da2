# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

# Measures of the suite's dashboard and how they aggregate. Each source row
# holds the measures it contributes and NULL in the others, so a sum counts
# and an average is a rate over the rows that take part in it.
MEASURES = {
    "backlog": "sum",
    "sla_compliance": "avg",
    "first_time_fix_rate": "avg",
    "repairs_in_workshop": "sum",
    "parts_consumed": "sum",
    "contract_revenue": "sum",
    "renewals_due": "sum",
    "satisfaction": "avg",
}

# a measure's expression as a finite float, NULL otherwise
FINITE = ("NULLIF(NULLIF(NULLIF((%s)::float, 'NaN'), 'Infinity'), "
          "'-Infinity')")

SOURCES = [
    ("ticket", "Service Ticket"),
    ("part", "Part Used on Site"),
    ("repair", "Workshop Repair"),
    ("repair_part", "Part Used in the Workshop"),
    ("contract", "Maintenance Contract"),
    ("invoice", "Contract Invoice"),
    ("survey", "Satisfaction Survey"),
]


class AftersalesDashboardFigure(models.Model):
    """The figures of the suite's dashboard, one row per record behind
    them (a ticket, a part used, a repair, a contract invoice, a survey
    answer...), as a PostgreSQL view over every addon's tables.

    The team and technician dashboards are one ``read_group`` on it; a
    figure opens the records of its rows (``action_open_records``)."""

    _name = "aftersales.dashboard.figure"
    _description = "After-Sales Dashboard Figure"
    _auto = False
    _order = "date desc"

    source = fields.Selection(SOURCES, readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Integer(string="Document", readonly=True)
    date = fields.Date(readonly=True)
    team_id = fields.Many2one("aftersales.team", string="Service Team",
                              readonly=True)
    user_id = fields.Many2one("res.users", string="Technician", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    # the same, aggregated by read_group (the cards' currency at no cost)
    currency_ref = fields.Integer(readonly=True, group_operator="max")
    backlog = fields.Integer(readonly=True, help="Open requests.")
    sla_compliance = fields.Float(
        string="SLA Compliance (%)", readonly=True, group_operator="avg",
        help="Requests with deadlines that met all of them.")
    first_time_fix_rate = fields.Float(
        string="First-Time Fix (%)", readonly=True, group_operator="avg",
        help="Resolved requests fixed at the first visit.")
    repairs_in_workshop = fields.Integer(
        string="Repairs in the Workshop", readonly=True,
        help="Repairs received and not yet returned or cancelled.")
    parts_consumed = fields.Float(
        string="Parts Consumed (pcs)", readonly=True,
        help="Quantity of parts taken from stock, on site and in the "
             "workshop.")
    contract_revenue = fields.Monetary(
        readonly=True, currency_field="currency_id",
        help="Untaxed amount of the validated contract invoices.")
    renewals_due = fields.Integer(
        readonly=True,
        help="Active contracts whose end is within the expiry-notice days.")
    satisfaction = fields.Float(
        string="Satisfaction (%)", readonly=True, group_operator="avg",
        help="Overall score of the answered satisfaction surveys.")
    # how many rows each rate is the average of (read_group gives 0, not
    # NULL, for an average without rows)
    sla_compliance_rated = fields.Integer(readonly=True)
    first_time_fix_rate_rated = fields.Integer(readonly=True)
    satisfaction_rated = fields.Integer(readonly=True)

    # --- the view -------------------------------------------------------
    def _source_queries(self):
        """One SELECT per source, each giving every column of the view in
        the order of ``_columns_sql`` (NULL for the measures it has not)."""
        return [self._ticket_query(), self._part_query(),
                self._repair_query(), self._repair_part_query(),
                self._contract_query(), self._contract_invoice_query(),
                self._survey_query()]

    @staticmethod
    def _row(source, model, res_id, date, team, user, company, **measures):
        """The select list of one source: the common columns, then every
        measure (those not given are NULL)."""
        # a stable id, whatever the plan of the query (row_number() over
        # the union numbered the rows differently from one query to the
        # next: a search's ids read other rows)
        number = [key for key, _label in SOURCES].index(source)
        values = [
            "(%s)::bigint * %d + %d AS id" % (res_id, len(SOURCES), number),
            "'%s' AS source" % source, "'%s' AS res_model" % model,
            "%s AS res_id" % res_id, "(%s)::date AS date" % date,
            "%s AS team_id" % team, "%s AS user_id" % user,
            "%s AS company_id" % company]
        for measure, aggregate in MEASURES.items():
            # a value that is not a number (NaN or infinity, which a float
            # column accepts) is no figure: NULL, so that one bad record
            # neither poisons the sums and averages nor the JSON the web
            # client parses
            expression = FINITE % measures.get(measure, "NULL")
            values.append("%s AS %s" % (expression, measure))
            if aggregate == "avg":
                values.append("CASE WHEN %s IS NULL THEN 0 ELSE 1 END "
                              "AS %s_rated" % (expression, measure))
        return "SELECT " + ", ".join(values)

    def _ticket_query(self):
        # same rates as the core's KPI view (aftersales.ticket.report)
        return self._row(
            "ticket", "aftersales.ticket", "t.id", "t.date_received",
            "t.team_id", "t.user_id", "t.company_id",
            backlog="CASE WHEN COALESCE(t.is_closed, FALSE) THEN 0 ELSE 1 END",
            sla_compliance="""CASE WHEN t.sla_breached THEN 0.0
                WHEN t.sla_dispatch_deadline IS NULL
                     AND t.sla_arrival_deadline IS NULL
                     AND t.sla_resolution_deadline IS NULL THEN NULL
                ELSE 100.0 END""",
            first_time_fix_rate="""CASE WHEN t.date_resolved IS NULL THEN NULL
                WHEN t.first_time_fix THEN 100.0 ELSE 0.0 END""",
        ) + " FROM aftersales_ticket t"

    def _part_query(self):
        return self._row(
            "part", "aftersales.ticket.part", "p.id",
            "COALESCE(m.date, t.date_received)", "t.team_id", "t.user_id",
            "t.company_id", parts_consumed="p.quantity",
        ) + """ FROM aftersales_ticket_part p
                JOIN aftersales_ticket t ON t.id = p.ticket_id
                LEFT JOIN stock_move m ON m.id = p.move_id
               WHERE p.is_consumed"""

    def _repair_query(self):
        # every repair, counted while the customer's product is held
        return self._row(
            "repair", "mrp.repair", "r.id", "r.create_date", "r.team_id",
            "r.technician_id", "r.company_id",
            repairs_in_workshop="CASE WHEN r.in_workshop THEN 1 ELSE 0 END",
        ) + " FROM mrp_repair r"

    def _repair_part_query(self):
        # parts added by a repair, once its stock move is done (removed
        # parts go to recycling: they are not consumed)
        return self._row(
            "repair_part", "mrp.repair.line", "l.id", "m.date", "r.team_id",
            "r.technician_id", "r.company_id",
            parts_consumed="l.product_uom_qty",
        ) + """ FROM mrp_repair_line l
                JOIN mrp_repair r ON r.id = l.repair_id
                JOIN stock_move m ON m.id = l.move_id
               WHERE l.type = 'add' AND m.state = 'done'"""

    # A contract is not a team's: its figures go to the team that last
    # served its customer (the one that will serve its renewal).
    CUSTOMER_TEAM = """LEFT JOIN LATERAL (
            SELECT last.team_id FROM aftersales_ticket last
             WHERE last.commercial_partner_id = c.commercial_partner_id
               AND last.team_id IS NOT NULL
             ORDER BY last.date_received DESC LIMIT 1) served ON TRUE"""

    def _contract_query(self):
        # "expiring": active and within its expiry-notice days (the
        # contract addon moves it there), i.e. a renewal to decide
        return self._row(
            "contract", "aftersales.contract", "c.id", "c.date_end",
            "served.team_id", "NULL", "c.company_id",
            renewals_due="CASE WHEN c.state = 'expiring' THEN 1 ELSE 0 END",
        ) + " FROM aftersales_contract c " + self.CUSTOMER_TEAM

    def _contract_invoice_query(self):
        # the invoiced period is the record behind the revenue: the service
        # manager reads it (not every role reads invoices); its invoice is
        # one click from it
        return self._row(
            "invoice", "aftersales.contract.period", "p.id", "p.date_start",
            "served.team_id", "NULL", "p.company_id",
            contract_revenue="p.amount",
        ) + """ FROM aftersales_contract_period p
                JOIN aftersales_contract c ON c.id = p.contract_id
                JOIN account_invoice i ON i.id = p.invoice_id
                """ + self.CUSTOMER_TEAM + """
               WHERE i.state IN ('open', 'paid')"""

    def _survey_query(self):
        return self._row(
            "survey", "survey.user_input", "u.id", "u.date_answered",
            "u.team_id", "u.technician_id", "u.company_id",
            # an answer without any rated item (a comment only) has a
            # score of 0 stored, and no basis: no satisfaction figure
            satisfaction="""CASE WHEN EXISTS (
                SELECT 1 FROM aftersales_survey_result r
                 WHERE r.user_input_id = u.id) THEN u.overall_score END""",
        ) + """ FROM survey_user_input u
               WHERE u.ticket_id IS NOT NULL AND u.state = 'done'
                 AND u.answered_count > 0"""

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        union = "\nUNION ALL\n".join(self._source_queries())
        # the view's text is fixed in the code: no user input reaches it
        self.env.cr.execute(  # pylint: disable=sql-injection
            "CREATE OR REPLACE VIEW %s AS ("
            "SELECT figures.*, "
            "company.currency_id, company.currency_id AS currency_ref "
            "FROM (%s) figures "
            "LEFT JOIN res_company company ON company.id = figures.company_id)"
            % (self._table, union))

    # --- reading it -----------------------------------------------------
    @api.model
    def _figures_by(self, group_field, ids):
        """{record id: {measure: value}} of the teams or technicians
        ``ids`` (``group_field`` = ``team_id`` or ``user_id``), in one
        read_group; averages without rows are None (no figure); the id of
        the currency of their amounts under ``currency_id`` (None without
        rows)."""
        empty = {measure: None if aggregate == "avg" else 0
                 for measure, aggregate in MEASURES.items()}
        empty["currency_id"] = None
        figures = {record_id: dict(empty) for record_id in ids}
        if not ids:
            return figures
        rated = [measure + "_rated" for measure, aggregate in MEASURES.items()
                 if aggregate == "avg"]
        for group in self.read_group(
                [(group_field, "in", list(ids))],
                [group_field, "currency_ref"] + list(MEASURES) + rated,
                [group_field], lazy=False):
            record_id = group[group_field][0]
            figures[record_id]["currency_id"] = group["currency_ref"] or None
            for measure, aggregate in MEASURES.items():
                if aggregate == "sum" or group[measure + "_rated"]:
                    figures[record_id][measure] = group[measure]
        return figures

    @api.model
    def action_open_records(self, measure, domain):
        """The records behind a figure: those of the rows in ``domain``
        that contribute to ``measure``, in their own list views (one
        model the user may read: its records; several, or records the
        user may not open: the figures' list, each row naming its
        document)."""
        if measure not in MEASURES:
            raise UserError(_("Unknown dashboard figure: %s") % measure)
        # a count is made of the rows above 0, a rate of the rows it has
        contributes = (measure, ">", 0) if MEASURES[measure] == "sum" \
            else (measure, "!=", False)
        domain = list(domain) + [contributes]
        ids_by_model = {}
        for row in self.search_read(domain, ["res_model", "res_id"]):
            ids_by_model.setdefault(row["res_model"], []).append(row["res_id"])
        label = self._fields[measure].get_description(self.env)["string"]
        if len(ids_by_model) == 1 and self.env[list(ids_by_model)[0]] \
                .check_access_rights("read", raise_exception=False):
            model, ids = ids_by_model.popitem()
            return {
                "type": "ir.actions.act_window", "name": label,
                "res_model": model, "domain": [("id", "in", ids)],
                "view_mode": "tree,form", "views": [(False, "list"),
                                                    (False, "form")],
            }
        return {
            "type": "ir.actions.act_window", "name": label,
            "res_model": self._name, "domain": domain,
            "view_mode": "tree,pivot,graph",
            "views": [(False, "list"), (False, "pivot"), (False, "graph")],
        }

    def action_open_document(self):
        """From a figure's row to its document."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self.res_model,
                "res_id": self.res_id, "view_mode": "form",
                "views": [(False, "form")]}
