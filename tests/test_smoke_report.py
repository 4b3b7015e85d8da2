# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""A QWeb PDF report goes through wkhtmltopdf and gives a real PDF."""
from odoo.addons.aftersales_ticket.tests.common import render_pdf
from odoo.tests.common import SavepointCase


class TestSmokeReport(SavepointCase):

    def test_module_report_renders_as_pdf(self):
        report = self.env.ref("base.ir_module_reference_print")
        module = self.env["ir.module.module"].search(
            [("name", "=", "aftersales_ticket")])
        pdf, fmt = render_pdf(report, module)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:20])
