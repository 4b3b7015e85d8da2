# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .aftersales_contract import MONEY_GROUPS


class AftersalesContractPeriod(models.Model):
    """A period of a contract that was invoiced. Rows are written by the
    invoicing job only; the unique index makes a second invoice of one
    period impossible."""

    _name = "aftersales.contract.period"
    _inherit = ["aftersales.mixin"]
    _description = "Maintenance Contract Invoiced Period"
    _order = "contract_id, date_start"
    _rec_name = "date_start"
    # every field: written by the invoicing only
    _aftersales_workflow_fields = (
        "contract_id", "company_id", "date_start", "date_end", "invoice_id",
        "amount")

    contract_id = fields.Many2one(
        "aftersales.contract", required=True, ondelete="restrict",
        index=True, readonly=True)
    partner_id = fields.Many2one(
        related="contract_id.partner_id", store=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True,
                                 index=True)
    currency_id = fields.Many2one(
        related="company_id.currency_id", readonly=True)
    date_start = fields.Date(string="From", required=True, readonly=True,
                             index=True)
    date_end = fields.Date(string="To", required=True, readonly=True)
    invoice_id = fields.Many2one(
        "account.invoice", required=True, ondelete="restrict", index=True,
        readonly=True)
    invoice_state = fields.Selection(
        related="invoice_id.state", readonly=True)
    amount = fields.Monetary(string="Untaxed Amount", readonly=True,
                             groups=MONEY_GROUPS)

    _sql_constraints = [
        ("contract_period_uniq", "unique(contract_id, date_start)",
         "This period of the contract is invoiced already."),
        ("dates_check", "CHECK(date_end >= date_start)",
         "A period cannot end before it starts."),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for period in self:
            if period.date_end < period.date_start:
                raise ValidationError(_(
                    "A period cannot end before it starts."))

    def _aftersales_check_business_values(self, vals, creating):
        start = vals.get("date_start")
        end = vals.get("date_end")
        for period in (self or [self.browse()]):
            first = start or (period and period.date_start)
            last = end or (period and period.date_end)
            if first and last and fields.Date.to_string(
                    fields.Date.from_string(last)) < fields.Date.to_string(
                        fields.Date.from_string(first)):
                raise ValidationError(_(
                    "A period cannot end before it starts."))

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesContractPeriod, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesContractPeriod, self).write(vals)
