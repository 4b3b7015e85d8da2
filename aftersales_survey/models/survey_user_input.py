# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The satisfaction survey invitation of a closed ticket: a
``survey.user_input`` with its token, linked to the ticket, technician and
team; its invitation and reminder e-mails; the results of its answer and
the complaint a low score opens."""
import base64
import logging
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.queue_job.job import job

from ..lib import scoring
from .res_config_settings import get_survey_parameters

_logger = logging.getLogger(__name__)

# Invitations per queued job (one mail rendering batch each).
BATCH_SIZE = 500
# Fields only the suite itself writes (as superuser): the survey's own
# access rules let portal and public users write their answers' records.
PROTECTED_FIELDS = (
    "ticket_id", "technician_id", "team_id", "company_id",
    "invitation_sent_on", "reminder_sent_on", "date_answered",
    "answered_count", "overall_score", "is_low_score", "complaint_text",
    "complaint_id",
)
# Odoo's own fields of an invitation of the suite, set by the suite (and the
# answer flow, as superuser after the token check) only: whom the link is
# mailed to, for which survey, with which token, in which state.
INVITATION_FIELDS = (
    "email", "partner_id", "state", "token", "survey_id", "type",
    "test_entry", "deadline", "last_displayed_page_id", "date_create",
    "user_input_line_ids",
)
# Characters of the customer's text copied into the complaint's
# description; the whole text stays in the answer and is attached to the
# complaint.
COMPLAINT_EXCERPT = 5000


class SurveyUserInput(models.Model):
    _name = "survey.user_input"
    _inherit = ["survey.user_input", "aftersales.survey.attribution.mixin",
                "aftersales.mixin"]
    # the invitations of the suite change only through the suite (see
    # ``_aftersales_check_protected``); Odoo's stored computed fields of
    # other surveys' answers are Odoo's business
    _aftersales_workflow_fields = PROTECTED_FIELDS + INVITATION_FIELDS
    _aftersales_guard_stored_computes = False

    invitation_sent_on = fields.Datetime(readonly=True, copy=False, index=True)
    reminder_sent_on = fields.Datetime(readonly=True, copy=False)
    date_answered = fields.Datetime(
        string="Answered On", readonly=True, copy=False, index=True)
    answered_count = fields.Integer(
        string="Answered", readonly=True, copy=False, default=0,
        help="1 once the customer has answered: summed, it gives the "
             "number of answers (response rate = answered / invitations).")
    overall_score = fields.Float(
        readonly=True, copy=False, group_operator="avg",
        help="Weighted mean of the four item scores (0-100).")
    is_low_score = fields.Boolean(
        string="Low Score", readonly=True, copy=False, index=True)
    complaint_text = fields.Text(
        string="Suggestions or Complaint", readonly=True, copy=False)
    complaint_id = fields.Many2one(
        "aftersales.ticket", string="Complaint", readonly=True, copy=False,
        index=True, ondelete="set null")
    result_ids = fields.One2many(
        "aftersales.survey.result", "user_input_id", string="Scores",
        readonly=True)
    survey_url = fields.Char(
        string="Survey Link", compute="_compute_survey_url")

    _sql_constraints = [
        ("ticket_unique", "UNIQUE (ticket_id)",
         "A service ticket has only one satisfaction survey."),
    ]

    def _compute_survey_url(self):
        for user_input in self:
            user_input.survey_url = "%s/%s" % (
                user_input.survey_id.public_url, user_input.token)

    @api.multi
    def name_get(self):
        """An invitation of the suite is named after its ticket and
        customer (Odoo names answers by their creation time)."""
        names = dict(super(SurveyUserInput, self).name_get())
        result = []
        # sudo: the ticket's number and customer of an answer the user reads
        for user_input in self.sudo():
            name = names.get(user_input.id)
            if user_input.ticket_id:
                name = _("Satisfaction survey %(ticket)s - %(customer)s") % {
                    "ticket": user_input.ticket_id.name,
                    "customer": user_input.partner_id.display_name
                    or user_input.email or "-"}
            result.append((user_input.id, name))
        return result

    def _aftersales_is_suite(self):
        """Whether one of the answers of ``self`` belongs to the suite: the
        invitation of a ticket, or an answer of a service ticket survey."""
        # sudo: which survey an answer belongs to, whoever writes
        return any(user_input.ticket_id
                   or user_input.survey_id.survey_ticket_invitations
                   for user_input in self.sudo())

    def _aftersales_check_protected(self, vals, suite):
        """Refuse ``vals`` setting a field only the suite sets: its own
        fields on every answer, Odoo's invitation fields (address, partner,
        state, token, survey) on the suite's answers (``suite``)."""
        if self.env.uid == SUPERUSER_ID or self._aftersales_in_workflow():
            return
        protected = PROTECTED_FIELDS + (INVITATION_FIELDS if suite else ())
        names = sorted(set(vals).intersection(protected))
        if names:
            raise AccessError(_(
                "%s of a satisfaction survey are set by the After-Sales suite "
                "only.") % ", ".join(
                    self._fields[name]._description_string(self.env)
                    for name in names))

    def _aftersales_check_workflow_values(self, vals):
        # the suite's invitations: see _aftersales_check_protected
        self._aftersales_check_protected(vals, True)

    @api.model
    def create(self, vals):
        suite = bool(vals.get("ticket_id"))
        if not suite and vals.get("survey_id"):
            # sudo: whether the survey is the suite's, whoever answers
            suite = self.env["survey.survey"].sudo().browse(
                vals["survey_id"]).exists().survey_ticket_invitations
        if suite:
            self._aftersales_check_field_values(vals)
            if self.env.uid != SUPERUSER_ID:
                # before the insert (the record rule says it after)
                raise AccessError(_(
                    "The invitations of a satisfaction survey are created "
                    "by the After-Sales suite only."))
        self._aftersales_check_protected(vals, suite)
        return super(SurveyUserInput, self).create(vals)

    @api.multi
    def write(self, vals):
        """An answer completed (the survey controller writes the state)
        stores the scores of its ticket's technician."""
        suite = self._aftersales_is_suite()
        if suite:
            self._aftersales_check_field_values(vals)
        self._aftersales_check_protected(vals, suite)
        finishing = self.browse()
        if vals.get("state") == "done":
            finishing = self.filtered(
                lambda user_input: user_input.ticket_id
                and user_input.state != "done")
        result = super(SurveyUserInput, self).write(vals)
        if finishing:
            finishing._aftersales_record_answers()
        return result

    # ------------------------------------------------------------------
    # Invitations
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_prepare_invitation_values(self, ticket, survey):
        return {
            "survey_id": survey.id,
            "type": "link",
            "ticket_id": ticket.id,
            "technician_id": ticket.user_id.id,
            "team_id": ticket.team_id.id,
            "company_id": ticket.company_id.id,
            "partner_id": ticket.partner_id.id,
            "email": ticket.contact_email or ticket.partner_id.email or False,
        }

    def _aftersales_enqueue(self, method):
        """``method`` (a job of this model) queued on batches of ``self``."""
        for start in range(0, len(self), BATCH_SIZE):
            batch = self[start:start + BATCH_SIZE]
            getattr(batch.with_delay(
                description=_("Satisfaction surveys: %(method)s (%(count)d)")
                % {"method": method, "count": len(batch)}), method)()

    @job(default_channel="root")
    def _aftersales_send_invitations(self):
        """Job: the invitation e-mail of each invitation not sent yet (one
        rendering for the batch, queued in the outgoing mail queue)."""
        return self._aftersales_send(
            "aftersales_survey.mail_template_survey_invitation",
            "invitation_sent_on")

    @job(default_channel="root")
    def _aftersales_send_reminders(self):
        """Job: the one reminder of each invitation sent and unanswered."""
        pending = self.filtered(
            lambda user_input: user_input.invitation_sent_on
            and user_input.state != "done")
        return pending._aftersales_send(
            "aftersales_survey.mail_template_survey_reminder",
            "reminder_sent_on")

    def _aftersales_send(self, template_xmlid, sent_field):
        """Render ``template_xmlid`` once for the invitations of ``self``
        whose ``sent_field`` is empty and that have an e-mail address, queue
        the e-mails and set ``sent_field``. Locked first: a job run twice,
        or two jobs on the same invitations, send each e-mail once."""
        if not self:
            return 0
        # another transaction sending them right now: refused at once
        locked = self._aftersales_lock()
        self.env.cr.execute(
            "SELECT id FROM survey_user_input WHERE id IN %s AND {field} IS "
            "NULL AND email IS NOT NULL AND ticket_id IS NOT NULL "
            "ORDER BY id".format(field=sent_field),
            (tuple(locked.ids),))
        ids = [row[0] for row in self.env.cr.fetchall()]
        if not ids:
            return 0
        self.invalidate_cache(ids=ids)
        # sudo: the e-mails go to the customers whatever user runs the job
        template = self.env.ref(template_xmlid).sudo()
        inputs = self.sudo().browse(ids)
        values_by_id = template.generate_email(ids, fields=[
            "subject", "body_html", "email_from", "email_to", "partner_to",
            "email_cc", "reply_to", "scheduled_date"])
        Mail = self.env["mail.mail"].sudo()
        for user_input in inputs:
            values = values_by_id[user_input.id]
            values.pop("attachment_ids", None)
            values.pop("attachments", None)
            partner_ids = values.pop("partner_ids", [])
            # filed on the invitation, not in the ticket's chatter: the link
            # is the customer's key, the technician rated must not see it
            values.update({
                "model": self._name,
                "res_id": user_input.id,
                "message_type": "email",
                "auto_delete": True,
                "recipient_ids": [(4, pid) for pid in partner_ids],
            })
            Mail.create(values)
        inputs.write({sent_field: fields.Datetime.now()})
        _logger.info("Satisfaction surveys: %d e-mails queued (%s)",
                     len(ids), template_xmlid)
        return len(ids)

    @api.model
    def _aftersales_reminder_domain(self, now=None):
        days = get_survey_parameters(self.env)["reminder_days"]
        if days <= 0:
            return None
        now = fields.Datetime.from_string(now or fields.Datetime.now())
        return [
            ("ticket_id", "!=", False),
            ("state", "!=", "done"),
            ("invitation_sent_on", "<=",
             fields.Datetime.to_string(now - timedelta(days=days))),
            ("reminder_sent_on", "=", False),
            ("email", "!=", False),
        ]

    @api.model
    def _cron_aftersales_survey(self):
        """Cron: invitations left unsent (queued again) and the reminders
        that are due, in batches on the job queue."""
        unsent = self.search([
            ("ticket_id", "!=", False), ("invitation_sent_on", "=", False),
            ("email", "!=", False), ("state", "!=", "done")])
        unsent._aftersales_enqueue("_aftersales_send_invitations")
        domain = self._aftersales_reminder_domain()
        if domain is not None:
            self.search(domain)._aftersales_enqueue(
                "_aftersales_send_reminders")

    # ------------------------------------------------------------------
    # Results
    # ------------------------------------------------------------------

    def _aftersales_record_answers(self):
        """The item scores of completed answers stored as results, the
        overall score, and the complaint job queued on a low score. Once
        per answer: the rows are locked and an answer already recorded is
        left alone (called twice, or by two transactions, it stores its
        scores once; a unique index on the results stands behind it)."""
        if not self:
            return self.browse()
        locked = self._aftersales_lock()
        self.env.cr.execute(
            "SELECT id FROM survey_user_input WHERE id IN %s AND state = "
            "'done' AND ticket_id IS NOT NULL AND coalesce(answered_count, "
            "0) = 0 ORDER BY id", (tuple(locked.ids),))
        ids = [row[0] for row in self.env.cr.fetchall()]
        if not ids:
            return self.browse()
        self.invalidate_cache(ids=ids)
        params = get_survey_parameters(self.env)
        # sudo: the scores are written by the answer flow for the customer,
        # who answers without logging in (nobody else writes them)
        Result = self.env["aftersales.survey.result"].sudo()
        now = fields.Datetime.now()
        low = self.browse()
        for user_input in self.sudo().browse(ids):
            levels, text = {}, ""
            for line in user_input.user_input_line_ids:
                question = line.question_id
                if question.aftersales_item and line.value_suggested \
                        .aftersales_level:
                    levels[question.aftersales_item] = int(
                        line.value_suggested.aftersales_level)
                elif question.aftersales_is_complaint_text:
                    text = (line.value_free_text or line.value_text
                            or "").strip()
            scores = {item: scoring.level_score(level)
                      for item, level in levels.items()}
            overall = scoring.weighted_score(scores, params["item_weights"])
            ticket = user_input.ticket_id
            closed = ticket.date_closed or now
            for item, level in levels.items():
                Result.create({
                    "user_input_id": user_input.id,
                    "ticket_id": ticket.id,
                    "technician_id": user_input.technician_id.id,
                    "team_id": user_input.team_id.id,
                    "company_id": user_input.company_id.id,
                    "date": closed[:10],
                    "item": item,
                    "level": str(level),
                    "score": scores[item],
                })
            is_low = bool(
                text or scoring.LOWEST_LEVEL in levels.values()
                or (overall is not None and overall < params["threshold"]))
            super(SurveyUserInput, user_input).write({
                "date_answered": now,
                "answered_count": 1,
                "overall_score": overall or 0.0,
                "is_low_score": is_low,
                "complaint_text": text or False,
            })
            if is_low:
                low |= user_input
        low = low.with_env(self.env)
        if low:
            low._aftersales_enqueue("_aftersales_open_complaints")
        return low

    # ------------------------------------------------------------------
    # Complaints
    # ------------------------------------------------------------------

    def _aftersales_prepare_complaint_values(self):
        self.ensure_one()
        ticket = self.ticket_id
        scores = ", ".join(
            "%s: %s" % (dict(scoring.ITEMS)[result.item],
                        dict(result._fields["level"].selection).get(
                            result.level, result.level))
            for result in self.result_ids.sorted("item"))
        description = _("Satisfaction survey of %(ticket)s: overall score "
                        "%(score).0f / 100 (%(scores)s).") % {
            "ticket": ticket.name, "score": self.overall_score,
            "scores": scores}
        text = self.complaint_text or ""
        if len(text) > COMPLAINT_EXCERPT:
            text = text[:COMPLAINT_EXCERPT] + "\n[...] " + _(
                "(%d characters: the whole text is attached to this "
                "complaint.)") % len(self.complaint_text)
        if text:
            description += "\n\n" + text
        values = {
            "subject": _("Complaint from the satisfaction survey of %s")
            % ticket.name,
            "description": description,
            "partner_id": ticket.partner_id.id,
            "request_type": "complaint",
            "priority": "2",
            "channel": "web",
            "product_id": ticket.product_id.id,
            "lot_id": ticket.lot_id.id,
            "category_id": ticket.category_id.id,
            "team_id": ticket.team_id.id,
            "company_id": ticket.company_id.id,
            "survey_origin_ticket_id": ticket.id,
        }
        Ticket = self.env["aftersales.ticket"]
        if "concerned_user_id" in Ticket._fields:
            # the complaint is about the rated technician: dispatch sends
            # someone else (core: concerned_user_id)
            values["concerned_user_id"] = self.technician_id.id or \
                ticket.user_id.id or False
        return values

    def _aftersales_attach_complaint_text(self, complaint):
        """The customer's whole text attached to ``complaint`` when the
        description holds an excerpt only."""
        self.ensure_one()
        text = self.complaint_text or ""
        if len(text) <= COMPLAINT_EXCERPT:
            return self.env["ir.attachment"]
        # sudo: the job attaches the customer's text to the complaint
        return self.env["ir.attachment"].sudo().create({
            "name": _("Survey complaint %s.txt") % self.ticket_id.name,
            "datas_fname": "survey-complaint-%s.txt" % self.ticket_id.id,
            "datas": base64.b64encode(text.encode("utf-8")),
            "mimetype": "text/plain",
            "res_model": "aftersales.ticket",
            "res_id": complaint.id,
        })

    @job(default_channel="root")
    def _aftersales_open_complaints(self):
        """Job: one complaint request per low-score answer, linked to the
        original ticket, escalated by the ticket's complaint rules, with an
        activity for the team's director. Running it twice opens nothing
        more (rows locked, and one survey complaint per original ticket by
        a unique index)."""
        if not self:
            return 0
        locked = self._aftersales_lock()
        self.env.cr.execute(
            "SELECT id FROM survey_user_input WHERE id IN %s AND is_low_score "
            "AND complaint_id IS NULL ORDER BY id", (tuple(locked.ids),))
        ids = [row[0] for row in self.env.cr.fetchall()]
        if not ids:
            return 0
        self.invalidate_cache(ids=ids)
        # sudo: the complaint is opened on the customer's behalf, from an
        # answer given without logging in
        inputs = self.sudo().browse(ids)
        Ticket = self.env["aftersales.ticket"].sudo()
        existing = {
            complaint.survey_origin_ticket_id.id: complaint
            for complaint in Ticket.search([
                ("survey_origin_ticket_id", "in", inputs.mapped("ticket_id").ids)])
        }
        activities = {}
        for user_input in inputs:
            ticket = user_input.ticket_id
            complaint = existing.get(ticket.id)
            if not complaint:
                complaint = Ticket._aftersales_workflow().create(
                    user_input._aftersales_prepare_complaint_values()
                ).with_env(Ticket.env)
                user_input._aftersales_attach_complaint_text(complaint)
                ticket._aftersales_post_note(
                    _("Low satisfaction score: complaint %s opened.")
                    % complaint.name)
                director = ticket.team_id.director_id or \
                    ticket._get_escalation_superior()
                if director:
                    activities[complaint.id] = director
            super(SurveyUserInput, user_input).write(
                {"complaint_id": complaint.id})
        if activities:
            Ticket.browse(list(activities))._aftersales_schedule_activities(
                activities, _("Low satisfaction score: call the customer"))
        return len(ids)
