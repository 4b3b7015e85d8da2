# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Expiry of the contracts: the notice before the end (once), the end."""
import datetime
import logging

from odoo import _, api, fields, models

_logger = logging.getLogger(__name__)

NOTICE_DAYS_PARAM = "aftersales_contract.notice_days"
DEFAULT_NOTICE_DAYS = 30
# bounds of the notice setting (days)
NOTICE_DAYS_RANGE = (0, 366)
# summary of the responsible's To-Do about an expiring contract (in
# English; translated where it is scheduled)
EXPIRY_SUMMARY = "Contract expires: propose the renewal"


# The contract is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesContract(models.Model):
    _inherit = "aftersales.contract"

    @api.model
    def _notice_days(self):
        # sudo: a setting read by the scheduled job, whoever runs it
        value = self.env["ir.config_parameter"].sudo().get_param(
            NOTICE_DAYS_PARAM, DEFAULT_NOTICE_DAYS)
        try:
            value = int(value)
        except (TypeError, ValueError):
            return DEFAULT_NOTICE_DAYS
        # a value stored out of range (by hand) is brought back within it
        return min(max(value, NOTICE_DAYS_RANGE[0]), NOTICE_DAYS_RANGE[1])

    @api.model
    def _cron_expiry(self):
        """Daily: the contracts ending within the notice days get their
        notice (customer e-mail, activity of the responsible) and become
        "expiring", once; the contracts past their end become "expired"."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        limit = today + datetime.timedelta(days=self._notice_days())
        expiring = self.search([
            ("state", "=", "active"), ("notice_sent_date", "=", False),
            ("date_end", "<=", fields.Date.to_string(limit))])
        expiring._send_expiry_notice()
        ended = self.search([
            ("state", "in", ("active", "expiring")),
            ("date_end", "<", fields.Date.to_string(today))])
        ended._aftersales_workflow_write({"state": "expired"})
        return expiring, ended

    @api.multi
    def _send_expiry_notice(self):
        """Notice to the customer (mail template with the printable notice)
        and a To-Do for the responsible person, then "expiring". A contract
        notified already is skipped: the notice goes once (duplicate ids
        de-duplicated, rows locked without waiting: a second run at the same
        moment is refused; the stored notice date is claimed under the lock
        before anything is sent)."""
        contracts = self._aftersales_lock().filtered(
            lambda c: not c.notice_sent_date)
        if not contracts:
            return contracts
        today = fields.Date.context_today(self)
        # claim the notice in the database: only the rows without a notice
        # date get one, whatever this transaction's cache says
        self.env.cr.execute(
            "UPDATE aftersales_contract SET notice_sent_date = %s "
            "WHERE id IN %s AND notice_sent_date IS NULL RETURNING id",
            (today, tuple(contracts.ids)))
        claimed = {row[0] for row in self.env.cr.fetchall()}
        contracts.invalidate_cache(["notice_sent_date"], contracts.ids)
        contracts = contracts.filtered(lambda c: c.id in claimed)
        if not contracts:
            return contracts
        template = self.env.ref(
            "aftersales_contract.mail_template_contract_expiry")
        for contract in contracts:
            # Queued, sent by the mail cron: a mail server refusal does not
            # stop the other notices. No savepoint around it: the rendering
            # of the PDF notice may commit (Odoo's asset bundles), which
            # would release it.
            try:
                template.send_mail(contract.id, force_send=False)
            except Exception as error:  # pylint: disable=broad-except
                _logger.warning("aftersales_contract: notice of %s not "
                                "queued: %s", contract.name, error)
                contract._aftersales_post_note(_(
                    "The expiry notice could not be sent: %s") % error)
        contracts._aftersales_schedule_activities(
            {contract.id: contract.user_id for contract in contracts},
            _("Contract expires: propose the renewal"),
            note={contract.id: _("Contract %(name)s ends on %(end)s.") % {
                "name": contract.name, "end": contract.date_end}
                for contract in contracts},
            date_deadline={contract.id: contract.date_end
                           for contract in contracts})
        contracts._aftersales_workflow_write({
            "state": "expiring", "notice_sent_date": today})
        return contracts

    @api.multi
    def _close_expiry_activities(self, feedback):
        """Marks done the open "propose the renewal" To-Dos of these
        contracts (renewed or terminated: nothing left to propose)."""
        if not self:
            return
        summaries = {EXPIRY_SUMMARY,
                     _("Contract expires: propose the renewal")}
        # sudo: the To-Do of the responsible, which the manager renewing or
        # terminating may close without being its assignee; done as a
        # feedback posted as the real user below
        activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("summary", "in", list(summaries))])
        if activities:
            activities.sudo(self.env.uid).action_feedback(feedback)
