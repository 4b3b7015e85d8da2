# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, fields, models


# The ticket is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    """Satisfaction survey of a closed ticket (invitation created by the
    ``_on_ticket_closed`` hook) and the complaint a low score opens."""

    _inherit = "aftersales.ticket"

    survey_input_ids = fields.One2many(
        "survey.user_input", "ticket_id", string="Satisfaction Survey",
        readonly=True)
    survey_origin_ticket_id = fields.Many2one(
        "aftersales.ticket", string="Survey Complaint About", readonly=True,
        index=True, copy=False, ondelete="set null",
        help="The ticket whose satisfaction survey opened this complaint.")
    survey_complaint_ids = fields.One2many(
        "aftersales.ticket", "survey_origin_ticket_id",
        string="Survey Complaints", readonly=True)

    _sql_constraints = [
        ("survey_origin_unique", "UNIQUE (survey_origin_ticket_id)",
         "A satisfaction survey opens one complaint per ticket."),
    ]

    def _aftersales_workflow_field_names(self):
        names = super(AftersalesTicket, self)._aftersales_workflow_field_names()
        names.add("survey_origin_ticket_id")
        return names

    def _on_ticket_closed(self):
        result = super(AftersalesTicket, self)._on_ticket_closed()
        self._aftersales_survey_invite()
        return result

    def _aftersales_survey_tickets(self):
        """The tickets that get a survey: customer requests (not internal
        work, category D), not closed in a stage without survey."""
        return self.filtered(
            lambda ticket: ticket.service_category != "D"
            and not ticket.stage_id.no_survey)

    def _aftersales_survey_invite(self):
        """One invitation (``survey.user_input`` with its token) per ticket,
        never a second one (closed again after reopening: the unique index
        on the ticket stands behind this); the e-mails are queued in
        batches on the job queue."""
        survey = self.env.ref("aftersales_survey.survey_satisfaction",
                              raise_if_not_found=False)
        tickets = self._aftersales_unique()._aftersales_survey_tickets()
        if not survey or not tickets:
            return self.env["survey.user_input"]
        # two transactions closing the same ticket at once: the second is
        # refused at once (its own closing write holds the rows already)
        tickets = tickets._aftersales_lock()
        # sudo: a technician or agent closing the ticket may not manage
        # surveys; the invitation is the customer's, not theirs
        UserInput = self.env["survey.user_input"].sudo()
        invited = set(UserInput.search(
            [("ticket_id", "in", tickets.ids)]).mapped("ticket_id").ids)
        new_inputs = UserInput.browse()
        for ticket in tickets:
            if ticket.id in invited:
                continue
            new_inputs |= UserInput.create(
                UserInput._aftersales_prepare_invitation_values(ticket, survey))
        with_email = new_inputs.filtered("email")
        if with_email:
            with_email._aftersales_enqueue("_aftersales_send_invitations")
        return new_inputs

    def action_open_survey_answer(self):
        self.ensure_one()
        action = self.env.ref(
            "aftersales_survey.survey_user_input_action_aftersales").read()[0]
        action["domain"] = [("ticket_id", "=", self.id)]
        action["name"] = _("Satisfaction Survey")
        return action
