# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The public survey pages, guarded for the invitations of service
tickets: an answer is stored only with the token of an invitation opened in
the same browser session, of the survey and page posted, not answered
yet. A service ticket survey is answered through its invitation only: a
start without token creates no answer. Every survey refuses an answer that
is not one of the question's (a text, an unknown id) with a 400 and a
message, never a server error."""
import json
import logging

from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.survey.controllers.main import WebsiteSurvey

_logger = logging.getLogger(__name__)

SESSION_KEY = "aftersales_survey_tokens"
# Invitations remembered per browser session.
SESSION_TOKENS = 20


def _label_id(value):
    """The id a choice posts (a text of digits), or None."""
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


class AftersalesWebsiteSurvey(WebsiteSurvey):

    @staticmethod
    def _aftersales_user_input(token):
        if not token:
            return request.env["survey.user_input"]
        # sudo: the customer answers without logging in; the token is the
        # key (as in the survey controller itself)
        return request.env["survey.user_input"].sudo().search(
            [("token", "=", token)], limit=1)

    @staticmethod
    def _aftersales_remember(user_input):
        if user_input.ticket_id:
            tokens = [token for token in request.session.get(SESSION_KEY, [])
                      if token != user_input.token]
            request.session[SESSION_KEY] = (
                tokens + [user_input.token])[-SESSION_TOKENS:]

    @staticmethod
    def _aftersales_show_ticket(response, user_input):
        """The page names the ticket and the technician the customer rates
        (the response is rendered lazily: its values can still change)."""
        if user_input.ticket_id and getattr(response, "qcontext", None) \
                is not None:
            response.qcontext["aftersales_input"] = user_input

    @staticmethod
    def _aftersales_invitation_only(survey):
        """The page of a service ticket survey opened without the token
        of an invitation: no answer is created."""
        return request.render(
            "aftersales_survey.survey_invitation_only",
            {"survey": survey.sudo()}, status=403)

    @http.route()
    def start_survey(self, survey, token=None, **post):
        # sudo: whether the survey is the suite's, whoever opens it. Its
        # answers are the invitations': no start without one (nor Odoo's
        # test mode, "phantom", whose answer could not be posted anyway)
        if survey.sudo().exists().survey_ticket_invitations and (
                not token or token == "phantom"):
            return self._aftersales_invitation_only(survey)
        response = super(AftersalesWebsiteSurvey, self).start_survey(
            survey, token=token, **post)
        if token:
            user_input = self._aftersales_user_input(token)
            if user_input.survey_id == survey:
                self._aftersales_remember(user_input)
                self._aftersales_show_ticket(response, user_input)
        return response

    @http.route()
    def fill_survey(self, survey, token, prev=None, **post):
        response = super(AftersalesWebsiteSurvey, self).fill_survey(
            survey, token, prev=prev, **post)
        user_input = self._aftersales_user_input(token)
        if user_input.survey_id == survey:
            self._aftersales_remember(user_input)
            self._aftersales_show_ticket(response, user_input)
        return response

    @staticmethod
    def _aftersales_bad_request(message, errors=None):
        response = request.make_response(
            json.dumps({"error": message, "errors": errors or {}}),
            headers=[("Content-Type", "application/json")])
        response.status_code = 400
        return response

    @staticmethod
    def _aftersales_bad_answers(survey, page_id, post):
        """``{answer tag: message}`` for the choices posted that are not
        answers of their question (a text, an unknown id, another
        question's answer)."""
        errors = {}
        # sudo: the questions of the page posted, for a public visitor
        questions = request.env["survey.question"].sudo().search(
            [("page_id", "=", page_id)])
        for question in questions:
            tag = "%s_%s_%s" % (survey.id, page_id, question.id)
            allowed = set(question.labels_ids.ids)
            posted = []
            if question.type == "simple_choice":
                value = post.get(tag)
                if value and value.strip() and value.strip() != "-1":
                    posted.append(value)
            elif question.type in ("multiple_choice", "matrix"):
                for key, value in post.items():
                    if not key.startswith(tag + "_") or \
                            key in (tag + "_comment", tag + "_-1"):
                        continue
                    if question.type == "matrix" and \
                            question.matrix_subtype == "multiple":
                        continue  # the key names the answer, not the value
                    posted.append(value)
            for value in posted:
                if _label_id(value) not in allowed:
                    errors[tag] = _("This is not one of the answers "
                                    "offered.")
        return errors

    @http.route()
    def submit(self, survey, **post):
        try:
            page_id = int(post.get("page_id") or "")
        except ValueError:
            page_id = None
        # sudo: the survey's pages, for a public visitor
        if page_id not in survey.sudo().page_ids.ids or \
                not post.get("token") or "button_submit" not in post:
            return self._aftersales_bad_request(
                _("This answer does not come from a page of the survey: "
                  "reload the survey and answer again."))
        user_input = self._aftersales_user_input(post.get("token"))
        if user_input.ticket_id or \
                survey.sudo().survey_ticket_invitations:
            reason = self._aftersales_submit_refusal(survey, user_input, post)
            if reason:
                _logger.warning("Satisfaction survey answer refused: %s",
                                reason)
                raise Forbidden()
        errors = self._aftersales_bad_answers(survey, page_id, post)
        if errors:
            return self._aftersales_bad_request(
                _("Some answers are not among those offered: reload the "
                  "survey and answer again."), errors)
        try:
            # nothing of a refused answer is kept
            with request.env.cr.savepoint():
                return super(AftersalesWebsiteSurvey, self).submit(
                    survey, **post)
        except (UserError, ValidationError) as error:
            return self._aftersales_bad_request(
                error.name if hasattr(error, "name") else str(error))
        except ValueError as error:
            _logger.info("Survey answer refused: %s", error)
            return self._aftersales_bad_request(
                _("An answer has a value the question does not take."))

    @staticmethod
    def _aftersales_submit_refusal(survey, user_input, post):
        """Why an answer posted for ``survey`` must not be stored, or
        None."""
        if not user_input:
            return "unknown token"
        if user_input.survey_id != survey:
            return "token of another survey"
        if user_input.state == "done":
            return "invitation already answered"
        if user_input.token not in request.session.get(SESSION_KEY, []):
            return "token not opened in this session"
        try:
            page_id = int(post.get("page_id"))
        except (TypeError, ValueError):
            return "no page"
        if page_id not in survey.sudo().page_ids.ids:
            return "page of another survey"
        return None
