# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The public survey pages, guarded for the invitations of service
tickets: an answer is stored only with the token of an invitation opened in
the same browser session, of the survey and page posted, not answered
yet."""
import logging

from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.http import request

from odoo.addons.survey.controllers.main import WebsiteSurvey

_logger = logging.getLogger(__name__)

SESSION_KEY = "aftersales_survey_tokens"
# Invitations remembered per browser session.
SESSION_TOKENS = 20


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

    @http.route()
    def start_survey(self, survey, token=None, **post):
        response = super(AftersalesWebsiteSurvey, self).start_survey(
            survey, token=token, **post)
        if token:
            user_input = self._aftersales_user_input(token)
            if user_input.survey_id == survey:
                self._aftersales_remember(user_input)
        return response

    @http.route()
    def fill_survey(self, survey, token, prev=None, **post):
        response = super(AftersalesWebsiteSurvey, self).fill_survey(
            survey, token, prev=prev, **post)
        user_input = self._aftersales_user_input(token)
        if user_input.survey_id == survey:
            self._aftersales_remember(user_input)
        return response

    @http.route()
    def submit(self, survey, **post):
        user_input = self._aftersales_user_input(post.get("token"))
        if user_input.ticket_id or \
                survey.sudo().survey_ticket_invitations:
            reason = self._aftersales_submit_refusal(survey, user_input, post)
            if reason:
                _logger.warning("Satisfaction survey answer refused: %s",
                                reason)
                raise Forbidden()
        return super(AftersalesWebsiteSurvey, self).submit(survey, **post)

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
