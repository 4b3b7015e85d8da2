# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .aftersales_contract import check_contract_company


class AftersalesContractDispute(models.Model):
    """A dispute about a contract: how it is handled, since when, and how it
    ended."""

    _name = "aftersales.contract.dispute"
    _inherit = ["mail.thread", "aftersales.mixin"]
    _description = "Maintenance Contract Dispute"
    _order = "date_start desc, id desc"

    contract_id = fields.Many2one(
        "aftersales.contract", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, readonly=True)
    partner_id = fields.Many2one(
        related="contract_id.partner_id", store=True, readonly=True)
    name = fields.Char(string="Subject", required=True)
    kind = fields.Selection([
        ("negotiation", "Negotiation"),
        ("mediation", "Mediation"),
        ("arbitration", "Arbitration"),
        ("litigation", "Litigation"),
    ], required=True, default="negotiation", track_visibility="onchange")
    status = fields.Selection([
        ("open", "Open"),
        ("settled", "Settled"),
        ("won", "Won"),
        ("lost", "Lost"),
        ("withdrawn", "Withdrawn"),
    ], required=True, default="open", track_visibility="onchange")
    date_start = fields.Date(string="Opened", required=True,
                             default=fields.Date.context_today)
    date_end = fields.Date(string="Closed")
    description = fields.Text()
    outcome = fields.Text()
    amount = fields.Float(string="Amount at Stake", digits=(16, 2))

    _sql_constraints = [
        ("dates_check", "CHECK(date_end IS NULL OR date_end >= date_start)",
         "A dispute cannot be closed before it was opened."),
    ]

    def _aftersales_check_business_values(self, vals, creating):
        check_contract_company(self, vals)
        if "contract_id" in vals and not creating and any(
                dispute.contract_id.id != vals["contract_id"]
                for dispute in self):
            raise UserError(_("A dispute cannot move to another contract."))
        for dispute in (self or [self.browse()]):
            first = vals.get("date_start", dispute and dispute.date_start)
            last = vals.get("date_end", dispute and dispute.date_end)
            if first and last and fields.Date.to_string(
                    fields.Date.from_string(last)) < fields.Date.to_string(
                        fields.Date.from_string(first)):
                raise ValidationError(_(
                    "A dispute cannot be closed before it was opened."))

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesContractDispute, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesContractDispute, self).write(vals)

    @api.constrains("date_start", "date_end", "status", "outcome")
    def _check_dispute(self):
        for dispute in self:
            if dispute.date_end and dispute.date_end < dispute.date_start:
                raise ValidationError(_(
                    "A dispute cannot be closed before it was opened."))
            if dispute.status != "open" and not (
                    dispute.date_end and (dispute.outcome or "").strip()):
                raise ValidationError(_(
                    "A closed dispute needs its closing date and outcome."))
