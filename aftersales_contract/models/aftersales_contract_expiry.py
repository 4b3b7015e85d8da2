# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Expiry of the contracts: the notice before the end (once), the end."""
import datetime
import logging

from odoo import _, api, fields, models

_logger = logging.getLogger(__name__)

NOTICE_DAYS_PARAM = "aftersales_contract.notice_days"
DEFAULT_NOTICE_DAYS = 30


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
            return max(int(value), 0)
        except ValueError:
            return DEFAULT_NOTICE_DAYS

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
        notified already is skipped: the notice goes once."""
        contracts = self.filtered(lambda c: not c.notice_sent_date)
        if not contracts:
            return contracts
        today = fields.Date.context_today(self)
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
                contract.message_post(body=_(
                    "The expiry notice could not be sent: %s") % error,
                    subtype="mail.mt_note")
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
