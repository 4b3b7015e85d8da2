# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .aftersales_contract_expiry import (
    DEFAULT_NOTICE_DAYS, NOTICE_DAYS_PARAM, NOTICE_DAYS_RANGE)
from .aftersales_contract_invoicing import (
    BATCH_SIZE_PARAM, BATCH_SIZE_RANGE, DEFAULT_BATCH_SIZE, GROUP_PARAM,
    SEND_PARAM)


def _to_bool(value):
    return str(value) not in ("False", "0", "")


class ResConfigSettings(models.TransientModel):
    """Settings of the maintenance contracts."""

    _inherit = "res.config.settings"

    aftersales_contract_notice_days = fields.Integer(
        string="Contract expiry notice (days before the end)")
    aftersales_contract_invoice_per_customer = fields.Boolean(
        string="One invoice per customer",
        help="Recurring invoicing groups the due periods of all the "
             "contracts of a customer in one invoice.")
    aftersales_contract_send_invoices = fields.Boolean(
        string="Validate and e-mail contract invoices")
    aftersales_contract_batch_size = fields.Integer(
        string="Contracts per invoicing job")

    @api.model
    def _aftersales_parameters(self):
        parameters = super(ResConfigSettings, self)._aftersales_parameters()
        parameters.update({
            "aftersales_contract_notice_days": (
                NOTICE_DAYS_PARAM, int, DEFAULT_NOTICE_DAYS),
            "aftersales_contract_invoice_per_customer": (
                GROUP_PARAM, _to_bool, False),
            "aftersales_contract_send_invoices": (
                SEND_PARAM, _to_bool, False),
            "aftersales_contract_batch_size": (
                BATCH_SIZE_PARAM, int, DEFAULT_BATCH_SIZE),
        })
        return parameters

    def _check_aftersales_values(self):
        result = super(ResConfigSettings, self)._check_aftersales_values()
        for name, (low, high), label in (
                ("aftersales_contract_notice_days", NOTICE_DAYS_RANGE,
                 _("The contract expiry notice (days before the end)")),
                ("aftersales_contract_batch_size", BATCH_SIZE_RANGE,
                 _("The number of contracts per invoicing job"))):
            value = self[name]
            if not isinstance(value, int) or isinstance(value, bool) or \
                    not low <= value <= high:
                raise ValidationError(_(
                    "%(setting)s must be a whole number from %(low)d to "
                    "%(high)d, not %(value)r.") % {
                        "setting": label, "low": low, "high": high,
                        "value": value})
        return result
