# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import psycopg2

from odoo.addons.aftersales_ticket.tests.common import (
    frozen_clock, patch_contract_coverage)
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import RepairCase


class TestPayerAndInvoice(RepairCase):
    """Who pays each line, and the invoice of what the customer pays."""

    def test_customer_repair_invoices_parts_and_fee_with_taxes(self):
        # delivered long ago: the warranty ended
        lot = self.delivered_lot("2024-01-10 09:00:00")
        ticket = self.create_repair_ticket(lot)
        repair = self.take_back(ticket)
        part = self.add_part(repair, self.pump, 2.0)         # 2 x 80
        fee = self.add_fee(repair, 1.5)                      # 1.5 x 45
        self.add_part(repair, self.valve, 1.0, line_type="remove")
        self.assertEqual([part.payer, fee.payer], ["customer"] * 2)
        self.assertEqual(part.payer_reason, "paid_service")
        self.assertEqual(part.tax_id, self.tax)
        # the cost of parts at standard price, labour at its cost
        self.assertEqual(part.cost_subtotal, 60.0)
        self.assertEqual(fee.cost_subtotal, 30.0)
        self.assertEqual(ticket.parts_cost, 60.0)
        self.assertEqual(ticket.parts_amount, 160.0)
        self.run_to_done(repair)
        invoice = repair.invoice_id
        self.assertEqual(repair.state, "done")
        self.assertEqual(invoice.aftersales_repair_id, repair)
        self.assertEqual(invoice.type, "out_invoice")
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(invoice.partner_id, self.customer_a)
        self.assertEqual(len(invoice.invoice_line_ids), 2)
        self.assertAlmostEqual(invoice.amount_untaxed, 227.5)
        self.assertAlmostEqual(invoice.amount_tax, 22.75)
        self.assertAlmostEqual(invoice.amount_total, 250.25)
        self.assertTrue(part.invoiced and fee.invoiced)
        self.assertEqual(part.invoice_line_id.price_subtotal, 160.0)
        # once: again, with duplicate ids, or through the wizard's path
        result = (repair + repair).action_invoice_create()
        self.assertEqual(result, {repair.id: invoice.id})
        self.assertEqual(self.env["account.invoice"].search_count(
            [("aftersales_repair_id", "=", repair.id)]), 1)

    def test_database_refuses_a_second_invoice(self):
        lot = self.delivered_lot("2024-01-10 09:00:00")
        repair = self.take_back(self.create_repair_ticket(lot))
        self.add_part(repair, self.pump, 1.0)
        self.run_to_done(repair)
        values = self.env["account.invoice"]._aftersales_prepare_invoice_values(
            self.customer_a, self.company, repair.name)
        values["aftersales_repair_id"] = repair.id
        with self.assertRaises(psycopg2.IntegrityError), \
                mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["account.invoice"]._aftersales_workflow().create(values)

    def test_warranty_repair_creates_no_invoice(self):
        lot = self.delivered_lot("2026-06-01 09:00:00")
        ticket = self.create_repair_ticket(lot)
        repair = self.take_back(ticket)
        part = self.add_part(repair, self.pump, 1.0)
        fee = self.add_fee(repair, 2.0)
        self.assertEqual([part.payer, fee.payer], ["warranty"] * 2)
        self.assertEqual(part.payer_reason, "under_warranty")
        self.assertFalse(part.to_invoice)
        self.run_to_done(repair)
        self.assertEqual(repair.state, "done")
        self.assertFalse(repair.invoice_id)
        self.assertFalse(self.env["account.invoice"].search(
            [("aftersales_repair_id", "=", repair.id)]))
        # the free lines keep their cost
        self.assertEqual(repair.free_cost, 30.0 + 40.0)
        self.assertEqual(repair.customer_amount, 0.0)
        self.assertEqual(ticket.parts_cost, 30.0)

    def test_mixed_repair_invoices_only_the_customer_part(self):
        lot = self.delivered_lot("2026-06-01 09:00:00")
        repair = self.take_back(self.create_repair_ticket(lot))
        warranty_part = self.add_part(repair, self.pump, 1.0)
        goodwill_fee = self.add_fee(repair, 1.0)
        customer_part = self.add_part(repair, self.valve, 2.0)
        self.change_payer(goodwill_fee, "goodwill",
                          "Long-standing customer, second visit")
        self.change_payer(customer_part, "customer",
                          "Valve broken by misuse, not covered")
        self.assertEqual(warranty_part.payer, "warranty")
        self.assertEqual(goodwill_fee.payer, "goodwill")
        self.assertEqual(goodwill_fee.payer_reason, "goodwill")
        self.assertEqual(customer_part.payer, "customer")
        self.assertEqual(customer_part.payer_note,
                         "Valve broken by misuse, not covered")
        # the change is logged on the repair
        self.assertTrue(any("misuse" in (message.body or "")
                            for message in repair.message_ids))
        self.run_to_done(repair)
        invoice = repair.invoice_id
        self.assertEqual(invoice.invoice_line_ids.product_id, self.valve)
        self.assertEqual(invoice.invoice_line_ids.quantity, 2.0)
        self.assertAlmostEqual(invoice.amount_untaxed, 50.0)
        self.assertAlmostEqual(invoice.amount_total, 55.0)
        self.assertFalse(warranty_part.invoiced)
        self.assertFalse(goodwill_fee.invoiced)

    def test_warranty_boundary_by_reception_date(self):
        # delivered 2025-11-23 with 12 months: last day 2026-11-23
        lot = self.delivered_lot("2025-11-23 09:00:00")
        with frozen_clock("2026-11-23 16:00:00"):
            repair = self.take_back(self.create_repair_ticket(
                lot, date_received="2026-11-23 16:00:00"))
            part = self.add_part(repair, self.pump, 1.0)
        self.assertEqual(repair.guarantee_limit, "2026-11-23")
        self.assertEqual(part.payer, "warranty")
        repair.action_repair_cancel()
        with frozen_clock("2026-11-24 08:00:00"):
            other = self.take_back(self.create_repair_ticket(
                self.delivered_lot("2025-11-23 09:00:00", name="SN-REP-2"),
                date_received="2026-11-24 08:00:00"))
            part = self.add_part(other, self.pump, 1.0)
        self.assertEqual(part.payer, "customer")

    def test_warranty_date_on_serial_without_delivery(self):
        lot = self.env["stock.production.lot"].create({
            "name": "SN-MIGRATED-1", "product_id": self.boiler.id,
            "aftersales_warranty_date": "2030-12-31"})
        repair = self.take_back(self.create_repair_ticket(lot))
        self.assertEqual(repair.guarantee_limit, "2030-12-31")
        self.assertEqual(self.add_part(repair, self.pump, 1.0).payer,
                         "warranty")

    def test_contract_coverage_makes_the_contract_pay(self):
        lot = self.delivered_lot("2024-01-10 09:00:00")
        repair = self.take_back(self.create_repair_ticket(lot))
        with patch_contract_coverage(self.env):
            part = self.add_part(repair, self.pump, 1.0)
        self.assertEqual(part.payer, "contract")
        self.assertEqual(part.payer_reason, "under_contract")

    def test_payer_change_needs_a_manager_and_a_reason(self):
        lot = self.delivered_lot("2024-01-10 09:00:00")
        repair = self.take_back(self.create_repair_ticket(lot))
        part = self.add_part(repair, self.pump, 1.0)
        with self.assertRaises(AccessError):
            self.change_payer(part, "goodwill", user=self.technician)
        with self.assertRaises(UserError):
            self.change_payer(part, "goodwill", note="   ")
        # not by editing the field, whoever writes (RPC, form)
        for user in (self.technician, self.manager):
            with self.assertRaises(UserError):
                part.sudo(user).write({"payer": "goodwill"})
        with self.assertRaises(UserError):
            self.env["mrp.repair.line"].sudo(self.technician).create({
                "repair_id": repair.id, "type": "add",
                "product_id": self.valve.id, "name": "Valve",
                "product_uom_qty": 1.0, "product_uom": self.valve.uom_id.id,
                "price_unit": 25.0, "payer": "goodwill"})
        self.assertEqual(part.payer, "customer")
        self.assertEqual(len(repair.operations), 1)
        self.change_payer(part, "goodwill", user=self.director)
        self.assertEqual(part.payer, "goodwill")

    def test_repair_workflow_fields_refused_over_rpc(self):
        lot = self.delivered_lot("2024-01-10 09:00:00")
        repair = self.take_back(self.create_repair_ticket(lot))
        for vals in ({"state": "done"}, {"invoiced": True},
                     {"receipt_picking_id": False}):
            with self.assertRaises(UserError):
                repair.sudo(self.technician).write(vals)
        self.assertEqual(repair.state, "draft")
