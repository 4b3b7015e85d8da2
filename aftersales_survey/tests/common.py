# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Fixtures of the survey tests: the service network of the core's tests,
closed tickets and answers given through the survey's own records."""
from odoo.addons.aftersales_ticket.tests.common import AftersalesCase

ITEM_XMLIDS = ("attitude", "skill", "arrival", "promise")
LEVEL_KEYS = {4: "very_satisfied", 3: "satisfied", 2: "dissatisfied",
              1: "very_dissatisfied"}


def survey_label(env, item, level):
    return env.ref("aftersales_survey.survey_label_%s_%s" % (
        item, LEVEL_KEYS[level]))


class SurveyCase(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(SurveyCase, cls).setUpClass()
        cls.survey = cls.env.ref("aftersales_survey.survey_satisfaction")
        cls.stage_closed = cls.env.ref("aftersales_ticket.stage_closed")
        cls.stage_cancelled = cls.env.ref("aftersales_ticket.stage_cancelled")
        cls.stage_progress = cls.env.ref("aftersales_ticket.stage_in_progress")
        cls.UserInput = cls.env["survey.user_input"]
        cls.Result = cls.env["aftersales.survey.result"]

    def closed_ticket(self, **values):
        vals = {"user_id": self.technician.id,
                "date_received": "2026-11-02 09:00:00"}
        date_closed = values.pop("date_closed", None)
        sla_breached = values.pop("sla_breached", None)
        vals.update(values)
        ticket = self.create_ticket(**vals)
        close = {"stage_id": self.stage_closed.id}
        if date_closed:
            close["date_closed"] = date_closed
        ticket.write(close)
        if sla_breached is not None:
            # the SLA outcome given, whatever the dates made of it
            ticket.write({"sla_breached": sla_breached})
        return ticket

    def invitation(self, ticket):
        return self.UserInput.search([("ticket_id", "=", ticket.id)])

    def answer(self, user_input, levels, text=""):
        """``levels``: {item: level 1-4}; the answer completed as the
        survey controller does (lines, then state done)."""
        Line = self.env["survey.user_input_line"].sudo()
        for item, level in levels.items():
            question = self.env.ref(
                "aftersales_survey.survey_question_%s" % item)
            Line.create({
                "user_input_id": user_input.id, "question_id": question.id,
                "answer_type": "suggestion",
                "value_suggested": survey_label(self.env, item, level).id,
            })
        if text:
            Line.create({
                "user_input_id": user_input.id,
                "question_id": self.env.ref(
                    "aftersales_survey.survey_question_comment").id,
                "answer_type": "free_text", "value_free_text": text,
            })
        user_input.sudo().write({"state": "done"})
        return user_input

    def jobs(self, method, records=None):
        domain = [("method_name", "=", method),
                  ("model_name", "=", "survey.user_input")]
        jobs = self.env["queue.job"].search(domain)
        if records is not None:
            jobs = jobs.filtered(
                lambda job: set(job.record_ids) & set(records.ids))
        return jobs
