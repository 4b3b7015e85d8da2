# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.addons.aftersales_ticket.tests.common import pdf_text, render_pdf

from .common import RepairCase


class TestReports(RepairCase):
    """The customer product receipt and the repair card render through
    wkhtmltopdf with their numbers and figures."""

    def test_receipt_and_repair_card_render_as_pdf(self):
        lot = self.delivered_lot("2024-01-10 09:00:00", name="SN-PDF-7781")
        repair = self.take_back(self.create_repair_ticket(lot))
        receipt = repair.receipt_picking_id
        receipt.write({"aftersales_condition": "Scratched front panel",
                       "aftersales_accessories": "Power cable"})
        repair.write({"diagnosis": "Pump seized", "test_result": "passed"})
        self.add_part(repair, self.pump, 2.0)
        self.add_part(repair, self.valve, 1.0, line_type="remove")
        self.add_fee(repair, 1.5)
        self.env["account.analytic.line"].create({
            "aftersales_repair_id": repair.id, "name": "Pump replaced",
            "unit_amount": 1.25})
        self.assertEqual(repair.repair_hours, 1.25)
        pdf, kind = render_pdf(self.env.ref(
            "aftersales_repair.stock_picking_report_customer_receipt"), receipt)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        for expected in (receipt.name, "SN-PDF-7781", "Customer A Ltd",
                         "Scratched front panel", "Power cable",
                         repair.name, "Customer signature"):
            self.assertIn(expected, text)
        pdf, kind = render_pdf(self.env.ref(
            "aftersales_repair.mrp_repair_report_card"), repair)
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        for expected in (repair.name, "Pump seized", "Test Circulation Pump",
                         "Test Gas Valve", "160.00", "67.50", "1.25",
                         "Technician", "Customer", "Passed"):
            self.assertIn(expected, text)
        # a customer-facing document: no internal cost (30 and 20 a unit)
        self.assertNotIn("Cost", text)
