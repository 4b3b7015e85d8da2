# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .aftersales_contract import (
    RUNNING_STATES, check_contract_company, check_same_company)


class AftersalesContractEquipment(models.Model):
    """A piece of equipment a contract covers: a product, or one serial
    number of it, at a site."""

    _name = "aftersales.contract.equipment"
    _inherit = ["aftersales.mixin"]
    _description = "Maintenance Contract Equipment"
    _order = "contract_id, id"

    contract_id = fields.Many2one(
        "aftersales.contract", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, readonly=True,
        index=True)
    product_id = fields.Many2one(
        "product.product", string="Product", required=True, index=True)
    lot_id = fields.Many2one(
        "stock.production.lot", string="Serial Number", index=True,
        domain="[('product_id', '=', product_id)]",
        help="Empty: every unit of the product the customer has.")
    site_id = fields.Many2one(
        "res.partner", string="Site Address",
        help="Where the equipment is installed.")
    note = fields.Char()

    def _aftersales_check_business_values(self, vals, creating):
        """Ids of the contract's company; a serial delivered to another
        customer than the contract's is not covered by it."""
        if "contract_id" in vals and not creating and any(
                line.contract_id.id != vals["contract_id"] for line in self):
            raise UserError(_("Covered equipment cannot move to another "
                              "contract."))
        check_contract_company(self, vals)
        contracts = self.mapped("contract_id") if self else \
            self.env["aftersales.contract"].browse(vals.get("contract_id"))
        for contract in contracts:
            check_same_company(self, vals, contract.company_id)
            if vals.get("lot_id"):
                self._check_lot_customer(
                    self.env["stock.production.lot"].browse(vals["lot_id"]),
                    contract)

    @api.model
    def _check_lot_customer(self, lot, contract):
        """Refuse ``lot`` on ``contract`` when its last delivery to a
        customer went to another customer than the contract's (a serial
        never delivered may be covered: installed later)."""
        self.env.cr.execute("""
            SELECT COALESCE(mp.commercial_partner_id,
                            pp.commercial_partner_id)
              FROM stock_move_line ml
              JOIN stock_location dest ON dest.id = ml.location_dest_id
              JOIN stock_move move ON move.id = ml.move_id
              LEFT JOIN stock_picking picking ON picking.id = move.picking_id
              LEFT JOIN res_partner mp ON mp.id = move.partner_id
              LEFT JOIN res_partner pp ON pp.id = picking.partner_id
             WHERE ml.lot_id = %s AND move.state = 'done'
               AND dest.usage = 'customer'
             ORDER BY move.date DESC, move.id DESC LIMIT 1
        """, (lot.id,))
        row = self.env.cr.fetchone()
        customer = contract.sudo().commercial_partner_id
        if row and row[0] and row[0] != customer.id:
            raise ValidationError(_(
                "Serial number %(lot)s was delivered to another customer: "
                "contract %(contract)s of %(customer)s cannot cover it.") % {
                    "lot": lot.sudo().name, "contract": contract.name,
                    "customer": customer.display_name})

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesContractEquipment, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesContractEquipment, self).write(vals)

    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        if self.lot_id:
            self.product_id = self.lot_id.product_id

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for line in self:
            if line.lot_id and line.lot_id.product_id != line.product_id:
                raise ValidationError(_(
                    "Serial number %(lot)s is not a %(product)s.") % {
                        "lot": line.lot_id.name,
                        "product": line.product_id.display_name})

    @api.constrains("lot_id", "contract_id")
    def _check_overlap(self):
        """One serial is covered by one running contract at a time."""
        lines = self.filtered(lambda line: line.lot_id and
                              line.contract_id.state in RUNNING_STATES)
        if not lines:
            return
        self.env.cr.execute(
            "SELECT a.id, b.contract_id FROM aftersales_contract_equipment a "
            "JOIN aftersales_contract ca ON ca.id = a.contract_id "
            "JOIN aftersales_contract_equipment b ON b.lot_id = a.lot_id "
            "AND b.contract_id != a.contract_id "
            "JOIN aftersales_contract cb ON cb.id = b.contract_id "
            "WHERE a.id IN %s AND cb.state IN %s "
            "AND ca.date_start <= cb.date_end AND cb.date_start <= ca.date_end "
            "LIMIT 1", (tuple(lines.ids), RUNNING_STATES))
        row = self.env.cr.fetchone()
        if row:
            line = self.browse(row[0])
            other = self.env["aftersales.contract"].browse(row[1])
            raise ValidationError(_(
                "Serial number %(lot)s is already covered by contract "
                "%(other)s over these dates.") % {
                    "lot": line.lot_id.name, "other": other.name})
