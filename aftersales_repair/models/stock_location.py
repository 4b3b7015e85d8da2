# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    aftersales_allow_negative = fields.Boolean(
        string="Allow Negative Stock for Repairs",
        help="Repairs may take parts from this location even when its stock "
             "is short (the stock goes negative). Otherwise a repair missing "
             "a part cannot end.")
