# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models, tools

from ..lib import scoring
from .res_config_settings import get_survey_parameters


class AftersalesTechnicianEvaluation(models.Model):
    """Monthly technician evaluation (database view): the month's closed
    customer tickets (SLA compliance, first-time fix, complaints) and the
    satisfaction survey answers about them, one row per technician and
    month. The score weighs the four parts with the suite's settings."""

    _name = "aftersales.technician.evaluation"
    _description = "Monthly Technician Evaluation"
    _auto = False
    _order = "month desc, technician_id"
    _rec_name = "technician_id"

    technician_id = fields.Many2one("res.users", string="Technician",
                                    readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    month = fields.Date(readonly=True)
    closed_count = fields.Integer(string="Closed Tickets", readonly=True)
    sla_met_count = fields.Integer(string="Within SLA", readonly=True)
    first_time_fix_count = fields.Integer(string="First-Time Fixes",
                                          readonly=True)
    complaint_count = fields.Integer(string="Led to a Complaint",
                                     readonly=True)
    invitation_count = fields.Integer(string="Surveys Sent", readonly=True)
    answer_count = fields.Integer(string="Surveys Answered", readonly=True)
    satisfaction = fields.Float(
        string="Customer Satisfaction", readonly=True, group_operator="avg",
        help="Mean overall score (0-100) of the month's survey answers.")
    sla_rate = fields.Float(string="SLA Compliance (%)",
                            compute="_compute_scores")
    first_time_fix_rate = fields.Float(string="First-Time Fix (%)",
                                       compute="_compute_scores")
    complaint_score = fields.Float(string="Complaints Score",
                                   compute="_compute_scores")
    response_rate = fields.Float(string="Response Rate (%)",
                                 compute="_compute_scores")
    score = fields.Float(string="Evaluation Score", compute="_compute_scores")
    # No data reads as no data: a month without survey answers has no
    # satisfaction (NULL in the view, not 0) and no evaluation score (not
    # one made of the other parts); the figures as shown, "-" for none.
    has_satisfaction = fields.Boolean(compute="_compute_scores")
    has_score = fields.Boolean(compute="_compute_scores")
    satisfaction_display = fields.Char(
        string="Customer Satisfaction", compute="_compute_scores")
    response_rate_display = fields.Char(
        string="Response Rate (%)", compute="_compute_scores")
    score_display = fields.Char(
        string="Evaluation Score", compute="_compute_scores")

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # One row per technician, company and month of closing: the
        # closed customer tickets, their invitation (one per ticket) and
        # the complaint their survey opened (one per ticket). No CTE, so
        # that a filter on the month or technician reaches the tables.
        self.env.cr.execute("""
            CREATE VIEW aftersales_technician_evaluation AS (
            SELECT min(t.id) AS id,
                   t.user_id AS technician_id, t.company_id,
                   date_trunc('month', t.date_closed)::date AS month,
                   count(*) AS closed_count,
                   count(*) FILTER (WHERE NOT coalesce(t.sla_breached, FALSE))
                       AS sla_met_count,
                   count(*) FILTER (WHERE t.first_time_fix)
                       AS first_time_fix_count,
                   count(c.id) AS complaint_count,
                   count(i.id) AS invitation_count,
                   coalesce(sum(i.answered_count), 0) AS answer_count,
                   avg(i.overall_score) FILTER (WHERE i.answered_count = 1)
                       AS satisfaction
              FROM aftersales_ticket t
              JOIN aftersales_ticket_stage s ON s.id = t.stage_id
              LEFT JOIN survey_user_input i ON i.ticket_id = t.id
              LEFT JOIN aftersales_ticket c ON c.survey_origin_ticket_id = t.id
             WHERE t.is_closed AND NOT coalesce(s.no_survey, FALSE)
               AND t.user_id IS NOT NULL AND t.date_closed IS NOT NULL
               AND t.service_category != 'D'
             GROUP BY t.user_id, t.company_id,
                      date_trunc('month', t.date_closed)::date
            )""")

    def _compute_scores(self):
        weights = get_survey_parameters(self.env)["evaluation_weights"]
        for evaluation in self:
            parts = scoring.evaluation_scores(
                evaluation.closed_count, evaluation.sla_met_count,
                evaluation.first_time_fix_count, evaluation.complaint_count,
                evaluation.satisfaction if evaluation.answer_count else None)
            response_rate = scoring.rate(
                evaluation.answer_count, evaluation.invitation_count)
            score = scoring.complete_weighted_score(parts, weights)
            evaluation.sla_rate = parts["sla"] or 0.0
            evaluation.first_time_fix_rate = parts["first_time_fix"] or 0.0
            evaluation.complaint_score = parts["complaints"] or 0.0
            evaluation.response_rate = response_rate or 0.0
            evaluation.score = score or 0.0
            evaluation.has_satisfaction = parts["satisfaction"] is not None
            evaluation.has_score = score is not None
            evaluation.satisfaction_display = _figure(parts["satisfaction"])
            evaluation.response_rate_display = _figure(response_rate)
            evaluation.score_display = _figure(score)

    def _get_item_scores(self):
        """``{evaluation id: {item: mean score}}``, one ``read_group`` for
        all the evaluations of ``self``."""
        result = {evaluation.id: {} for evaluation in self}
        if not self:
            return result
        keys = {(ev.technician_id.id, ev.company_id.id, ev.month[:7]): ev.id
                for ev in self}
        months = sorted(self.mapped("month"))
        groups = self.env["aftersales.survey.result"].read_group(
            [("technician_id", "in", self.mapped("technician_id").ids),
             ("date", ">=", months[0]),
             ("date", "<", _next_month(months[-1]))],
            ["technician_id", "company_id", "date", "item", "score"],
            ["technician_id", "company_id", "date:month", "item"],
            lazy=False, orderby="date")
        for group in groups:
            day = group["__domain"]
            start = [term[2] for term in day
                     if isinstance(term, (list, tuple)) and term[0] == "date"
                     and term[1] == ">="]
            key = (group["technician_id"] and group["technician_id"][0],
                   group["company_id"] and group["company_id"][0],
                   start[0][:7] if start else None)
            if key in keys:
                result[keys[key]][group["item"]] = group["score"]
        return result


NO_DATA = "\u2013"


def _figure(value):
    """A figure as shown: two decimals, or a dash for no data."""
    return NO_DATA if value is None else "%.2f" % value


def _next_month(day):
    date_value = fields.Date.from_string(day)
    if date_value.month == 12:
        return "%d-01-01" % (date_value.year + 1)
    return "%d-%02d-01" % (date_value.year, date_value.month + 1)
