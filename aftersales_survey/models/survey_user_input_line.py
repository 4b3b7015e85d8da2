# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The lines of an answer of the suite's surveys: written by the answer
flow only (the public pages, as superuser after the token check; the record
rules refuse everyone else), and only with values the question offers."""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError, ValidationError

# The customer's free text: longer than a plain text field of the suite
# (the whole complaint is kept in the answer), bounded all the same.
MAX_FREE_TEXT = 200000


class SurveyUserInputLine(models.Model):
    _name = "survey.user_input_line"
    _inherit = ["survey.user_input_line", "aftersales.mixin"]
    # Odoo's stored related survey_id follows the answer
    _aftersales_guard_stored_computes = False

    def _aftersales_check_answer_flow(self):
        """Refuse, before anything is written, a user writing the lines of
        the suite's answers himself (the record rules say the same after
        the fact): the answer flow writes them as superuser once the token
        is checked."""
        if self.env.uid != SUPERUSER_ID:
            raise AccessError(_(
                "The answers of a satisfaction survey are given through the "
                "link of its invitation only."))

    def _aftersales_check_line_values(self, vals):
        """Types of ``vals`` (a line of the suite's answers), and the
        question, answer and choices they name: those of the answer's
        survey, the answer not completed yet."""
        free_text = vals.get("value_free_text")
        if free_text and not isinstance(free_text, str):
            raise ValidationError(_("The answer must be a text."))
        if free_text and len(free_text) > MAX_FREE_TEXT:
            raise ValidationError(_(
                "The answer is too long: %(length)d characters (at most "
                "%(limit)d).") % {"length": len(free_text),
                                  "limit": MAX_FREE_TEXT})
        self._aftersales_check_field_values(
            {name: value for name, value in vals.items()
             if name != "value_free_text"})
        # sudo: the answer flow runs for a customer without rights
        lines = self.sudo() or [self.sudo().new({})]
        for line in lines:
            user_input = line.user_input_id
            if "user_input_id" in vals:
                user_input = user_input.browse(vals["user_input_id"])
            if not user_input._aftersales_is_suite():
                continue
            question = line.question_id
            if "question_id" in vals:
                question = question.browse(vals["question_id"])
            if user_input.state == "done":
                raise ValidationError(_(
                    "This satisfaction survey is answered already."))
            if question.survey_id != user_input.survey_id:
                raise ValidationError(_(
                    "This question is not one of the survey's."))
            for name, allowed in (("value_suggested", question.labels_ids),
                                  ("value_suggested_row",
                                   question.labels_ids_2)):
                label_id = vals.get(name)
                if label_id and int(label_id) not in allowed.ids:
                    raise ValidationError(_(
                        "%(answer)s is not an answer of the question "
                        "\"%(question)s\".") % {
                            "answer": label_id,
                            "question": question.question})

    @staticmethod
    def _aftersales_normalize(vals):
        """The choices as ids: the survey pages post them as texts."""
        vals = dict(vals)
        for name in ("value_suggested", "value_suggested_row"):
            value = vals.get(name)
            if isinstance(value, str) and value.strip().isdigit():
                vals[name] = int(value)
        return vals

    @api.model
    def create(self, vals):
        vals = self._aftersales_normalize(vals)
        if vals.get("user_input_id"):
            # sudo: which survey the answer belongs to, whoever answers
            user_input = self.env["survey.user_input"].sudo().browse(
                vals["user_input_id"]).exists()
            if user_input._aftersales_is_suite():
                self._aftersales_check_answer_flow()
                self._aftersales_check_line_values(vals)
        return super(SurveyUserInputLine, self).create(vals)

    @api.multi
    def write(self, vals):
        vals = self._aftersales_normalize(vals)
        # sudo: which survey the answers belong to
        if self.sudo().mapped("user_input_id")._aftersales_is_suite() or (
                vals.get("user_input_id") and self.env["survey.user_input"]
                .sudo().browse(vals["user_input_id"]).exists()
                ._aftersales_is_suite()):
            self._aftersales_check_answer_flow()
            self._aftersales_check_line_values(vals)
        return super(SurveyUserInputLine, self).write(vals)

    @api.multi
    def unlink(self):
        # sudo: which survey the answers belong to
        if self.sudo().mapped("user_input_id")._aftersales_is_suite():
            self._aftersales_check_answer_flow()
        return super(SurveyUserInputLine, self).unlink()
