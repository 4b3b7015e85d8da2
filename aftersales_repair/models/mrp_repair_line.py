# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models


class MrpRepairLine(models.Model):
    """A part added to (from the spare-parts location) or removed from
    (to the recycling location) the product under repair, with its payer."""

    _name = "mrp.repair.line"
    _inherit = ["mrp.repair.line", "aftersales.repair.payer.mixin"]

    @api.constrains("lot_id", "product_id")
    def _check_aftersales_lot_product(self):
        for line in self.filtered("lot_id"):
            line.lot_id._aftersales_check_product(line.product_id)

    def _aftersales_check_business_values(self, vals, creating):
        """Before anything is written: the serial of a part is one of that
        part."""
        result = super(MrpRepairLine, self)._aftersales_check_business_values(
            vals, creating)
        if not vals.get("lot_id") and "product_id" not in vals:
            return result
        lot_ids = [vals["lot_id"]] if "lot_id" in vals else self.mapped(
            "lot_id").ids
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
        if repair.aftersales_ticket_id and vals.get("type"):
            source, destination = repair._get_aftersales_part_locations(
                vals["type"])
            vals = dict(vals)
            vals.setdefault("location_id", source.id)
            vals.setdefault("location_dest_id", destination.id)
        return super(MrpRepairLine, self).create(vals)
