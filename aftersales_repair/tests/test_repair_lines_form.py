# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Parts and fees as the repair form saves them, for each role: the
technician adds parts at the pricelist's prices, management sets prices;
negative prices, invoiced or consumed lines, lines moved between repairs
are refused."""
from odoo.exceptions import UserError, ValidationError

from .common import RepairCase

LINE_FIELDS = ["type", "product_id", "name", "lot_id", "product_uom_qty",
               "product_uom", "price_unit", "tax_id", "location_id",
               "location_dest_id"]


class TestRepairLinesForm(RepairCase):

    def setUp(self):
        super(TestRepairLinesForm, self).setUp()
        self.lot = self.delivered_lot("2024-01-10 09:00:00")
        self.ticket = self.create_repair_ticket(self.lot)
        self.repair = self.take_back(self.ticket)

    def form_line(self, user, product, **values):
        """A new line as the form sends it: the defaults, the product's
        values, ``False`` for the empty many2ones."""
        Line = self.env["mrp.repair.line"].sudo(user).with_context(
            default_repair_id=self.repair.id)
        vals = Line.default_get(LINE_FIELDS)
        vals.update({
            "product_id": product.id, "name": product.display_name,
            "lot_id": False, "product_uom_qty": 1.0,
            "product_uom": product.uom_id.id, "price_unit": product.lst_price,
            "tax_id": [(6, 0, [])], "location_id": False,
            "location_dest_id": False,
        })
        vals.update(values)
        return vals

    def test_part_added_from_the_form_by_each_role(self):
        """Save a new part exactly as the form does (no type chosen, no
        serial): a part added from the spare parts, whoever works."""
        for user in (self.technician, self.director, self.manager):
            vals = self.form_line(user, self.pump)
            self.assertEqual(vals.get("type"), "add")
            self.repair.sudo(user).write({"operations": [(0, 0, vals)]})
        self.assertEqual(len(self.repair.operations), 3)
        for line in self.repair.operations:
            self.assertEqual(line.type, "add")
            self.assertFalse(line.lot_id)
            self.assertEqual(line.location_id, self.spare_location)
        # a serial of another product is still refused
        other = self.env["stock.production.lot"].create(
            {"name": "SN-NOT-A-PUMP", "product_id": self.boiler.id})
        with self.assertRaises(ValidationError):
            self.repair.sudo(self.technician).write({"operations": [
                (0, 0, self.form_line(self.technician, self.pump,
                                      lot_id=other.id))]})
        line = self.repair.operations[0]
        line.sudo(self.technician).write({"lot_id": False,
                                          "product_uom_qty": 2.0})
        self.assertEqual(line.product_uom_qty, 2.0)

    def test_technician_cannot_set_prices(self):
        vals = self.form_line(self.technician, self.pump, price_unit=1.0)
        self.repair.sudo(self.technician).write({"operations": [(0, 0, vals)]})
        line = self.repair.operations
        # the pricelist's price, not the one typed
        self.assertEqual(line.price_unit, 80.0)
        self.assertTrue(line.sudo(self.technician).aftersales_price_locked)
        self.assertFalse(line.sudo(self.director).aftersales_price_locked)
        for vals in ({"price_unit": 1.0}, {"tax_id": [(6, 0, [])]}):
            with self.assertRaises(UserError):
                line.sudo(self.technician).write(vals)
            with self.assertRaises(UserError):
                self.repair.sudo(self.technician).write(
                    {"operations": [(1, line.id, vals)]})
        fee = self.add_fee(self.repair, 1.0)
        with self.assertRaises(UserError):
            fee.sudo(self.technician).write({"price_unit": 0.0})
        with self.assertRaises(UserError):
            line.sudo(self.technician).write({"cost_unit": 0.0})
        self.assertEqual(line.price_unit, 80.0)
        self.assertEqual(fee.price_unit, 45.0)
        # management sets prices
        line.sudo(self.director).write({"price_unit": 70.0})
        self.assertEqual(line.price_unit, 70.0)

    def test_negative_prices_refused(self):
        with self.assertRaises(ValidationError):
            self.repair.sudo(self.director).write({"operations": [
                (0, 0, self.form_line(self.director, self.pump,
                                      price_unit=-5.0))]})
        with self.assertRaises(ValidationError):
            self.env["mrp.repair.fee"].sudo(self.director).create({
                "repair_id": self.repair.id, "product_id": self.labour.id,
                "name": "Labour", "product_uom_qty": 1.0,
                "product_uom": self.labour.uom_id.id, "price_unit": -45.0})
        part = self.add_part(self.repair, self.pump, 1.0)
        fee = self.add_fee(self.repair, 1.0)
        for line in (part, fee):
            with self.assertRaises(ValidationError):
                line.sudo(self.director).write({"price_unit": -1.0})
        self.assertEqual((part.price_unit, fee.price_unit), (80.0, 45.0))

    def test_invoiced_lines_are_frozen(self):
        part = self.add_part(self.repair, self.pump, 1.0)
        fee = self.add_fee(self.repair, 1.0)
        self.run_to_done(self.repair)
        self.assertTrue(part.invoiced and fee.invoiced)
        invoice = self.repair.invoice_id
        for user in (self.technician, self.director, self.manager):
            for line, vals in ((part, {"product_uom_qty": 5.0}),
                               (part, {"price_unit": 1.0}),
                               (fee, {"price_unit": 1.0}),
                               (fee, {"product_uom_qty": 9.0}),
                               (part, {"invoiced": False}),
                               (fee, {"invoice_line_id": False})):
                with self.assertRaises(UserError):
                    line.sudo(user).write(vals)
            with self.assertRaises(UserError):
                part.sudo(user).unlink()
            with self.assertRaises(UserError):
                fee.sudo(user).unlink()
            # no new fee or part on a done repair
            with self.assertRaises(UserError):
                self.env["mrp.repair.fee"].sudo(user).create({
                    "repair_id": self.repair.id,
                    "product_id": self.labour.id, "name": "Extra",
                    "product_uom_qty": 1.0,
                    "product_uom": self.labour.uom_id.id, "price_unit": 45.0})
            with self.assertRaises(UserError):
                self.repair.sudo(user).write({"operations": [
                    (0, 0, self.form_line(user, self.valve))]})
        self.assertEqual(len(self.repair.operations), 1)
        self.assertEqual(len(self.repair.fees_lines), 1)
        self.assertEqual((part.product_uom_qty, part.price_unit), (1.0, 80.0))
        self.assertEqual(fee.invoice_line_id.invoice_id, invoice)

    def test_fee_cannot_move_to_another_customers_repair(self):
        fee = self.add_fee(self.repair, 1.0)
        other_ticket = self.create_repair_ticket(self.delivered_lot(
            "2024-01-10 09:00:00", name="SN-OTHER-B",
            customer=self.customer_b), partner_id=self.customer_b.id)
        other = self.take_back(other_ticket)
        for user in (self.technician, self.manager):
            with self.assertRaises(UserError):
                fee.sudo(user).write({"repair_id": other.id})
        self.assertEqual(fee.repair_id, self.repair)

    def test_consumed_part_cannot_change_before_invoicing(self):
        part = self.add_part(self.repair, self.pump, 1.0)
        self.repair.action_validate()
        self.repair.action_repair_start()
        self.repair.action_repair_end()
        self.assertEqual(self.repair.state, "2binvoiced")
        with self.assertRaises(UserError):
            part.sudo(self.director).write({"product_uom_qty": 3.0})
        with self.assertRaises(UserError):
            part.sudo(self.director).unlink()
        self.assertEqual(part.move_id.product_uom_qty, 1.0)
