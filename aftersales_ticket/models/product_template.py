# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    # Odoo 11 dropped the ``warranty`` field its product module had until
    # 10.0; the warranty coverage of a serial number needs it back.
    _name = "product.template"
    _inherit = ["product.template", "aftersales.mixin"]
    # the suite's links only; the model's own computed fields are product's
    _aftersales_guard_stored_computes = False

    warranty = fields.Float(
        string="Warranty (months)",
        help="Warranty period of the product, in months, counted from the "
             "day a serial number was delivered to the customer.",
    )

    @api.model
    def create(self, vals):
        # the suite's fields only: the others are product's business
        self._aftersales_check_suite_values(vals)
        return super(ProductTemplate, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_suite_values(vals)
        return super(ProductTemplate, self).write(vals)
