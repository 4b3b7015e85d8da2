# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from .common import RepairCase


class TestReplenishment(RepairCase):
    """A part consumed below its minimum is replenished by the scheduler
    (reorder rule on the spare-parts location)."""

    def test_scheduler_replenishes_spare_parts_below_minimum(self):
        warehouse = self.env.ref("stock.warehouse0")
        central = self.env["stock.location"].create({
            "name": "Test Central Parts Store", "usage": "internal",
            "location_id": self.env.ref("stock.stock_location_locations").id})
        route = self.env["stock.location.route"].create({
            "name": "Test spare parts resupply", "product_selectable": True,
            "pull_ids": [(0, 0, {
                "name": "Central store -> spare parts", "action": "move",
                "location_src_id": central.id,
                "location_id": self.spare_location.id,
                "picking_type_id": warehouse.int_type_id.id,
                "procure_method": "make_to_stock",
                "warehouse_id": warehouse.id,
            })],
        })
        self.pump.route_ids = [(6, 0, route.ids)]
        self.env["stock.warehouse.orderpoint"].create({
            "name": "Test pump minimum", "warehouse_id": warehouse.id,
            "location_id": self.spare_location.id,
            "product_id": self.pump.id,
            "product_min_qty": 9.0, "product_max_qty": 12.0,
        })
        lot = self.delivered_lot("2024-01-10 09:00:00")
        repair = self.take_back(self.create_repair_ticket(lot))
        self.add_part(repair, self.pump, 2.0)
        self.run_to_done(repair)
        self.assertEqual(self.qty(self.pump, self.spare_location), 8.0)
        Move = self.env["stock.move"]
        domain = [("product_id", "=", self.pump.id),
                  ("location_id", "=", central.id),
                  ("location_dest_id", "=", self.spare_location.id)]
        self.assertFalse(Move.search(domain))
        self.env["procurement.group"].run_scheduler()
        moves = Move.search(domain)
        # up to the maximum: 12 - 8
        self.assertEqual(sum(moves.mapped("product_uom_qty")), 4.0)
        # a second run asks for nothing more
        self.env["procurement.group"].run_scheduler()
        self.assertEqual(sum(Move.search(domain).mapped("product_uom_qty")),
                         4.0)
