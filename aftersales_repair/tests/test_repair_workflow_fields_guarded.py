# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The workflow fields of the parts and fees of every repair (with a
ticket or not) change only through the repairs' actions; Odoo's own
actions (confirm, end, invoice) still write them. The suite's fields of
the stock models it extends refuse bad values with a clear error."""
from odoo.exceptions import UserError, ValidationError

from .common import RepairCase


class TestRepairWorkflowFieldsGuarded(RepairCase):

    def setUp(self):
        super(TestRepairWorkflowFieldsGuarded, self).setUp()
        # a repair without ticket, invoiced after the repair
        self.repair = self.env["mrp.repair"].create({
            "product_id": self.pump.id, "product_qty": 1.0,
            "product_uom": self.pump.uom_id.id,
            "partner_id": self.customer_a.id,
            "partner_invoice_id": self.customer_a.id,
            "location_id": self.spare_location.id,
            "location_dest_id": self.spare_location.id,
            "invoice_method": "after_repair",
        })
        self.part = self.env["mrp.repair.line"].create({
            "repair_id": self.repair.id, "type": "add",
            "product_id": self.valve.id, "name": self.valve.name,
            "product_uom_qty": 1.0, "product_uom": self.valve.uom_id.id,
            "price_unit": self.valve.lst_price,
            "location_id": self.spare_location.id,
            "location_dest_id": self.repair_location.id})
        self.fee = self.add_fee(self.repair, 1.0)

    def test_lines_of_a_repair_without_ticket_refuse_workflow_fields(self):
        invoice = self.env["account.invoice.line"].search([], limit=1)
        for line in (self.part, self.fee):
            for vals in ({"payer": "warranty"}, {"payer_note": "x"},
                         {"invoiced": True}, {"cost_unit": 1.0},
                         {"invoice_line_id": invoice.id},
                         {"state": "done"}):
                if "state" in vals and line._name == "mrp.repair.fee":
                    continue
                with self.assertRaises(UserError):
                    line.sudo(self.agent).write(vals)
        with self.assertRaises(UserError):
            self.env["mrp.repair.fee"].sudo(self.agent).create({
                "repair_id": self.repair.id, "product_id": self.labour.id,
                "name": "Labour", "product_uom_qty": 1.0,
                "product_uom": self.labour.uom_id.id, "price_unit": 1.0,
                "payer": "warranty"})
        self.assertEqual(self.part.payer, "customer")
        self.assertFalse(self.part.invoiced)

    def test_odoo_actions_still_write_the_lines(self):
        self.repair.action_repair_confirm()
        self.assertEqual(self.part.state, "confirmed")
        self.repair.action_repair_start()
        self.repair.action_repair_end()
        self.assertEqual(self.repair.state, "2binvoiced")
        self.repair.action_repair_invoice_create()
        self.assertTrue(self.part.invoiced)
        self.assertTrue(self.fee.invoice_line_id)
        self.assertEqual(self.part.state, "done")
        self.assertTrue(self.part.move_id)

    def test_stock_suite_fields_refuse_bad_values(self):
        location = self.spare_location
        for value in ("abc", float("nan")):
            with self.assertRaises(ValidationError):
                location.write({"aftersales_allow_negative": value})
        self.assertFalse(location.aftersales_allow_negative)
        location.write({"aftersales_allow_negative": True})
        self.assertTrue(location.aftersales_allow_negative)
        move = self.env["stock.move"].search([], limit=1)
        with self.assertRaises(UserError):
            move.write({"aftersales_consumption_key": "line-1"})
        picking_type = self.env["stock.picking.type"].search([], limit=1)
        for name in ("aftersales_repair_usage", "aftersales_van_operation"):
            with self.assertRaises(ValidationError):
                picking_type.write({name: "abc"})
