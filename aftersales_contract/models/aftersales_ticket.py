# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class AftersalesTicket(models.Model):
    """The maintenance contract covering a ticket (category B)."""

    _inherit = "aftersales.ticket"

    contract_id = fields.Many2one(
        "aftersales.contract", string="Maintenance Contract", index=True,
        readonly=True, ondelete="restrict", track_visibility="onchange",
        help="The contract covering this request when it was registered.")

    @api.multi
    def _get_covering_contract(self):
        """The running contract of the ticket's customer covering its serial
        (or, with no serial, its product) on the day it was received."""
        self.ensure_one()
        contract = super(AftersalesTicket, self)._get_covering_contract()
        if contract or not self.partner_id:
            return contract
        return self.env["aftersales.contract"]._find_covering(
            self.partner_id, self.product_id, self.lot_id,
            self.date_received, self.company_id) or None

    @api.model
    def _prepare_coverage_values(self, covered):
        values = super(AftersalesTicket, self)._prepare_coverage_values(
            covered)
        # another hook of _get_covering_contract() may answer with a
        # coverage that is not one of these contracts: nothing to link then
        if getattr(covered.contract, "_name", None) == "aftersales.contract":
            values["contract_id"] = covered.contract.id
        return values

    def _aftersales_workflow_field_names(self):
        """The covering contract is set by the coverage step only."""
        return super(AftersalesTicket, self)._aftersales_workflow_field_names(
        ).union({"contract_id"})
