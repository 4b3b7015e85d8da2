# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class AftersalesContractPeriod(models.Model):
    """A period of a contract that was invoiced. Rows are written by the
    invoicing job only; the unique index makes a second invoice of one
    period impossible."""

    _name = "aftersales.contract.period"
    _description = "Maintenance Contract Invoiced Period"
    _order = "contract_id, date_start"
    _rec_name = "date_start"

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
    amount = fields.Monetary(string="Untaxed Amount", readonly=True)

    _sql_constraints = [
        ("contract_period_uniq", "unique(contract_id, date_start)",
         "This period of the contract is invoiced already."),
    ]
