# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class StockMove(models.Model):
    """The moves of a repair's parts and product carry the key of what
    they consume (``line-<id>``, ``repair-<id>``): the database refuses a
    second consumption of the same part or product."""

    _name = "stock.move"
    _inherit = ["stock.move", "aftersales.mixin"]
    # the key is set by the repairs' consumption action only (one SQL
    # UPDATE, see mrp.repair._aftersales_mark_consumed); the moves' own
    # computed fields are stock's business
    _aftersales_workflow_fields = ("aftersales_consumption_key",)
    _aftersales_guard_stored_computes = False

    aftersales_consumption_key = fields.Char(
        string="Consumption Key", readonly=True, copy=False,
        help="Technical: the repair line or repair this move consumed.")

    @api.model_cr
    def init(self):
        result = super(StockMove, self).init()
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS stock_move_aftersales_consumption_uniq
                ON stock_move (aftersales_consumption_key)
             WHERE aftersales_consumption_key IS NOT NULL
               AND state != 'cancel'
        """)
        return result

    @api.model
    def create(self, vals):
        # the suite's fields only: the others are stock's business
        self._aftersales_check_suite_values(vals)
        self._aftersales_check_workflow_values(vals)
        return super(StockMove, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_suite_values(vals)
        self._aftersales_check_workflow_values(vals)
        return super(StockMove, self).write(vals)
