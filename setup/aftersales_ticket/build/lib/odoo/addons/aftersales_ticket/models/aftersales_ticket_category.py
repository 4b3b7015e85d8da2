# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesTicketCategory(models.Model):
    """Fault category tree (e.g. Electrical / Power supply / Fuse)."""

    _name = "aftersales.ticket.category"
    _description = "After-Sales Fault Category"
    _parent_store = True
    _order = "parent_left"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True)
    parent_id = fields.Many2one(
        "aftersales.ticket.category", index=True, ondelete="cascade"
    )
    child_ids = fields.One2many("aftersales.ticket.category", "parent_id")
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
    active = fields.Boolean(default=True)

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = "%s / %s" % (
                    category.parent_id.complete_name,
                    category.name,
                )
            else:
                category.complete_name = category.name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(_("A fault category cannot be its own parent."))
