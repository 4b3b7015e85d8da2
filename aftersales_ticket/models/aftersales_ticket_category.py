# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models


class AftersalesTicketCategory(models.Model):
    """Fault category tree (e.g. Electrical / Power supply / Fuse)."""

    _name = "aftersales.ticket.category"
    _inherit = ["aftersales.tree.mixin", "aftersales.mixin"]
    _description = "After-Sales Fault Category"
    _parent_store = True
    _order = "parent_left"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    parent_id = fields.Many2one(
        "aftersales.ticket.category", index=True, ondelete="cascade"
    )
    child_ids = fields.One2many("aftersales.ticket.category", "parent_id")
    active = fields.Boolean(default=True)

    def _get_recursion_message(self):
        return _("A fault category cannot be its own parent.")

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesTicketCategory, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesTicketCategory, self).write(vals)
