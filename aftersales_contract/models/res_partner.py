# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

from .aftersales_contract import RUNNING_STATES


class ResPartner(models.Model):
    """The customer's maintenance contracts on the partner form."""

    _inherit = "res.partner"

    aftersales_contract_ids = fields.One2many(
        "aftersales.contract", "commercial_partner_id",
        string="Maintenance Contracts")
    aftersales_contract_count = fields.Integer(
        string="Running Contracts", compute="_compute_aftersales_contract_count")

    def _compute_aftersales_contract_count(self):
        Contract = self.env["aftersales.contract"]
        counts = {}
        if Contract.check_access_rights("read", raise_exception=False):
            groups = Contract.read_group(
                [("commercial_partner_id", "in",
                  self.mapped("commercial_partner_id").ids),
                 ("state", "in", RUNNING_STATES)],
                ["commercial_partner_id"], ["commercial_partner_id"])
            counts = {group["commercial_partner_id"][0]:
                      group["commercial_partner_id_count"] for group in groups}
        for partner in self:
            partner.aftersales_contract_count = counts.get(
                partner.commercial_partner_id.id, 0)

    @api.multi
    def action_view_aftersales_contracts(self):
        self.ensure_one()
        action = self.env.ref(
            "aftersales_contract.aftersales_contract_action").read()[0]
        action["domain"] = [("commercial_partner_id", "=",
                             self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
