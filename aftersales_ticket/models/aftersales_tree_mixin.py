# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesTreeMixin(models.AbstractModel):
    """A tree of records (service network, fault categories): the full name
    from the root ("Headquarters / North / Bilbao") and the refusal of a
    cycle. The model declares its ``parent_id`` and ``_parent_store``."""

    _name = "aftersales.tree.mixin"
    _description = "After-Sales tree of records"

    complete_name = fields.Char(compute="_compute_complete_name", store=True)
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for record in self:
            if record.parent_id:
                record.complete_name = "%s / %s" % (
                    record.parent_id.complete_name, record.name)
            else:
                record.complete_name = record.name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(self._get_recursion_message())

    def _get_recursion_message(self):
        """Hook: the refusal of a record made its own ancestor."""
        return _("A record cannot be its own parent.")
