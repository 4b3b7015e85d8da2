# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class ProductTemplate(models.Model):
    # Odoo 11 dropped the ``warranty`` field its product module had until
    # 10.0; the warranty coverage of a serial number needs it back.
    _inherit = "product.template"

    warranty = fields.Float(
        string="Warranty (months)",
        help="Warranty period of the product, in months, counted from the "
             "day a serial number was delivered to the customer.",
    )
