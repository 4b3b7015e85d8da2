# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""A QWeb PDF report goes through wkhtmltopdf and gives a real PDF."""
import tempfile

from odoo.tests.common import SavepointCase
from odoo.tools import config


def render_pdf(testcase, report, records):
    """Render ``report`` for ``records`` with wkhtmltopdf, as outside tests.

    Odoo 11 falls back to HTML while tests run unless a report directory is
    configured; point it at a scratch folder for this rendering only."""
    previous = config["test_report_directory"]
    config["test_report_directory"] = tempfile.mkdtemp(prefix="aftersales-pdf-")
    try:
        return report.render_qweb_pdf(records.ids)
    finally:
        config["test_report_directory"] = previous


class TestSmokeReport(SavepointCase):

    def test_module_report_renders_as_pdf(self):
        report = self.env.ref("base.ir_module_reference_print")
        module = self.env["ir.module.module"].search(
            [("name", "=", "aftersales_ticket")])
        pdf, fmt = render_pdf(self, report, module)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:20])
