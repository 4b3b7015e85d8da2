# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class StockLocation(models.Model):
    _name = "stock.location"
    _inherit = ["stock.location", "aftersales.mixin"]
    # the locations' own computed fields are stock's business
    _aftersales_guard_stored_computes = False

    aftersales_allow_negative = fields.Boolean(
        string="Allow Negative Stock for Repairs",
        help="Repairs may take parts from this location even when its stock "
             "is short (the stock goes negative). Otherwise a repair missing "
             "a part cannot end.")

    @api.model
    def create(self, vals):
        # the suite's fields only: the others are stock's business
        self._aftersales_check_suite_values(vals)
        self._aftersales_check_workflow_values(vals)
        return super(StockLocation, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_suite_values(vals)
        self._aftersales_check_workflow_values(vals)
        return super(StockLocation, self).write(vals)
