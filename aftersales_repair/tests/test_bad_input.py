# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import UserError, ValidationError

from .common import RepairCase


class TestBadInput(RepairCase):
    """Bad input is refused with a clear error; nothing is created or
    moved."""

    def setUp(self):
        super(TestBadInput, self).setUp()
        self.lot = self.delivered_lot("2024-01-10 09:00:00")
        self.ticket = self.create_repair_ticket(self.lot)
        self.repair = self.take_back(self.ticket)

    def line_values(self, **values):
        vals = {"repair_id": self.repair.id, "type": "add",
                "product_id": self.pump.id, "name": "Pump",
                "product_uom_qty": 1.0, "product_uom": self.pump.uom_id.id,
                "price_unit": 80.0}
        vals.update(values)
        return vals

    def test_negative_quantity_refused_over_rpc_and_the_form(self):
        Line = self.env["mrp.repair.line"].sudo(self.technician)
        for qty in (-1.0, 0.0):
            with self.assertRaises(ValidationError):
                Line.create(self.line_values(product_uom_qty=qty))
        # the form saves lines through the repair
        with self.assertRaises(ValidationError):
            self.repair.sudo(self.technician).write({"operations": [
                (0, 0, self.line_values(product_uom_qty=-2.0))]})
        with self.assertRaises(ValidationError):
            self.env["mrp.repair.fee"].create({
                "repair_id": self.repair.id, "product_id": self.labour.id,
                "name": "Labour", "product_uom_qty": -1.0,
                "product_uom": self.labour.uom_id.id, "price_unit": 45.0})
        self.assertFalse(self.repair.operations)
        self.assertFalse(self.repair.fees_lines)
        # nor a quantity that is not a number
        with self.assertRaises(ValidationError):
            Line.create(self.line_values(product_uom_qty="many"))

    def test_serial_of_another_product_refused(self):
        other = self.env["stock.production.lot"].create(
            {"name": "SN-PUMP-OTHER", "product_id": self.boiler.id})
        with self.assertRaises(ValidationError):
            self.env["mrp.repair.line"].create(self.line_values(
                lot_id=other.id))
        self.assertFalse(self.repair.operations)
        valve_lot = self.env["stock.production.lot"].create(
            {"name": "SN-VALVE-1", "product_id": self.valve.id})
        with self.assertRaises(ValidationError):
            self.repair.write({"lot_id": valve_lot.id})
        self.assertEqual(self.repair.lot_id, self.lot)

    def test_part_without_stock_refused_nothing_moved(self):
        empty = self.env["product.product"].create({
            "name": "Test Out-of-stock Heat Exchanger", "type": "product",
            "standard_price": 90.0, "lst_price": 200.0})
        self.add_part(self.repair, empty, 1.0)
        self.add_part(self.repair, self.pump, 1.0)
        self.repair.action_validate()
        self.repair.action_repair_start()
        with self.assertRaises(UserError) as error:
            self.repair.action_repair_end()
        self.assertIn("Out-of-stock Heat Exchanger", str(error.exception))
        self.assertEqual(self.repair.state, "under_repair")
        self.assertFalse(self.env["stock.move"].search(
            [("repair_id", "=", self.repair.id)]))
        self.assertEqual(self.qty(self.pump, self.spare_location), 10.0)
        # a location that allows negative stock lets the repair end
        self.spare_location.aftersales_allow_negative = True
        self.repair.action_repair_end()
        self.assertEqual(self.qty(empty, self.spare_location), -1.0)

    def test_take_back_without_product_or_serial_refused(self):
        Repair = self.env["mrp.repair"]
        before = Repair.search_count([])
        no_product = self.create_ticket()
        with self.assertRaises(UserError):
            no_product.action_take_back()
        no_serial = self.create_ticket(product_id=self.boiler.id)
        with self.assertRaises(UserError):
            no_serial.action_take_back()
        self.assertEqual(Repair.search_count([]), before)
        self.assertFalse(self.env["stock.picking"].search(
            [("origin", "like", no_serial.name)]))

    def test_repair_link_cannot_be_forged(self):
        with self.assertRaises(UserError):
            self.env["mrp.repair"].sudo(self.technician).create(
                dict(self.ticket._prepare_repair_values()))
        with self.assertRaises(UserError):
            self.env["stock.picking"].create({
                "picking_type_id": self.env.ref("stock.picking_type_in").id,
                "location_id": self.customer_location.id,
                "location_dest_id": self.repair_location.id,
                "aftersales_repair_id": self.repair.id,
                "aftersales_repair_kind": "receipt"})
