# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

from .aftersales_repair_payer_mixin import AftersalesRepairPayerMixin


class MrpRepairLine(models.Model):
    """A part added to (from the spare-parts location) or removed from
    (to the recycling location) the product under repair, with its payer."""

    _name = "mrp.repair.line"
    _inherit = ["mrp.repair.line", "aftersales.repair.payer.mixin"]
    # the stock move of a part and its state: the repair's actions only
    _aftersales_workflow_fields = \
        AftersalesRepairPayerMixin._aftersales_workflow_fields + (
            "move_id", "state")

    # a new line of the form adds a part (mrp_repair has no default: the
    # form's first save was discarded)
    type = fields.Selection(default="add")

    @api.constrains("lot_id", "product_id")
    def _check_aftersales_lot_product(self):
        for line in self.filtered("lot_id"):
            line.lot_id._aftersales_check_product(line.product_id)

    def _aftersales_check_business_values(self, vals, creating):
        """Before anything is written: the serial of a part is one of that
        part (the form sends ``lot_id: False`` for a part without one)."""
        result = super(MrpRepairLine, self)._aftersales_check_business_values(
            vals, creating)
        if not vals.get("lot_id") and "product_id" not in vals:
            return result
        if "lot_id" in vals:
            lot_ids = [vals["lot_id"]] if vals["lot_id"] else []
        else:
            lot_ids = self.mapped("lot_id").ids
        product = self.env["product.product"].browse(vals.get("product_id"))
        for lot in self.env["stock.production.lot"].browse(lot_ids):
            expected = product or self.filtered(
                lambda line: line.lot_id == lot)[:1].product_id
            lot._aftersales_check_product(expected)
        return result

    @api.onchange("type", "repair_id")
    def onchange_operation_type(self):
        """Parts of a ticket's repair come from the spare-parts location;
        removed ones go to the recycling location."""
        result = super(MrpRepairLine, self).onchange_operation_type()
        if self.type and self.repair_id.aftersales_ticket_id:
            source, destination = self.repair_id._get_aftersales_part_locations(
                self.type)
            self.location_id = source
            self.location_dest_id = destination
        return result

    @api.model
    def create(self, vals):
        repair = self.env["mrp.repair"].browse(vals.get("repair_id"))
        if repair.aftersales_ticket_id:
            vals = dict(vals)
            vals.setdefault("type", "add")
            source, destination = repair._get_aftersales_part_locations(
                vals["type"] or "add")
            # the form sends the onchange's locations, or False
            if not vals.get("location_id"):
                vals["location_id"] = source.id
            if not vals.get("location_dest_id"):
                vals["location_dest_id"] = destination.id
        return super(MrpRepairLine, self).create(vals)
