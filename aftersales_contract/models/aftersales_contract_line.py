# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .aftersales_contract import (
    MONEY_GROUPS, check_contract_company, check_same_company)


class AftersalesContractLine(models.Model):
    """What the customer pays every period: product, quantity, price and
    taxes (those of the product unless changed)."""

    _name = "aftersales.contract.line"
    _inherit = ["aftersales.mixin"]
    _description = "Maintenance Contract Billing Line"
    _order = "contract_id, sequence, id"

    contract_id = fields.Many2one(
        "aftersales.contract", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(
        related="contract_id.currency_id", readonly=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product", string="Product", required=True,
        domain=[("sale_ok", "=", True)])
    name = fields.Char(string="Description", required=True)
    quantity = fields.Float(default=1.0, required=True,
                            digits=(16, 3))
    price_unit = fields.Float(string="Unit Price", required=True,
                              digits=(16, 2), groups=MONEY_GROUPS)
    tax_ids = fields.Many2many(
        "account.tax", string="Taxes",
        domain=[("type_tax_use", "=", "sale")])
    # computed only: a workflow field (aftersales.mixin)
    price_subtotal = fields.Monetary(
        string="Subtotal", compute="_compute_price_subtotal", store=True,
        groups=MONEY_GROUPS)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity >= 0)",
         "The quantity of a billing line cannot be negative."),
        ("price_positive", "CHECK(price_unit >= 0)",
         "The price of a billing line cannot be negative."),
    ]

    @api.depends("quantity", "price_unit")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.quantity * line.price_unit

    @api.constrains("quantity", "price_unit")
    def _check_amounts(self):
        for line in self:
            if line.quantity < 0 or line.price_unit < 0:
                raise ValidationError(_(
                    "%s: the quantity and the price cannot be negative.")
                    % line.name)

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id:
            self.name = self.product_id.display_name
            self.price_unit = self.product_id.lst_price
            self.tax_ids = self._product_taxes(self.product_id,
                                               self.contract_id.company_id)

    @api.model
    def _product_taxes(self, product, company):
        company = company or self.env.user.company_id
        return product.taxes_id.filtered(lambda t: t.company_id == company)

    @api.model
    def _check_line_values(self, vals):
        """Refuse a negative quantity or price before anything is written."""
        for key in ("quantity", "price_unit"):
            value = vals.get(key)
            if isinstance(value, (int, float)) and value < 0:
                raise ValidationError(_(
                    "%s of a billing line cannot be negative.")
                    % self._fields[key]._description_string(self.env))

    def _aftersales_check_business_values(self, vals, creating):
        self._check_line_values(vals)
        check_contract_company(self, vals)
        contracts = self.mapped("contract_id") if self else \
            self.env["aftersales.contract"].browse(vals.get("contract_id"))
        for contract in contracts:
            check_same_company(self, vals, contract.company_id)
        if "contract_id" in vals and not creating and any(
                line.contract_id.id != vals["contract_id"] for line in self):
            raise UserError(_("A billing line cannot move to another "
                              "contract."))

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesContractLine, self).write(vals)

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        if vals.get("product_id") and ("tax_ids" not in vals or not vals.get(
                "name")):
            product = self.env["product.product"].browse(vals["product_id"])
            vals = dict(vals)
            vals.setdefault("name", product.display_name)
            if "tax_ids" not in vals:
                contract = self.env["aftersales.contract"].browse(
                    vals.get("contract_id"))
                vals["tax_ids"] = [(6, 0, self._product_taxes(
                    product, contract.company_id).ids)]
        return super(AftersalesContractLine, self).create(vals)
