# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The suite's PDFs carry the company's name, address and contact details
in the page itself, so that a wkhtmltopdf without patched Qt (which drops
web.external_layout's header and footer) prints them too (issue 19,
item 12). Rendered through wkhtmltopdf, read back with pdftotext."""
import re

from .common import AftersalesCase, pdf_text, render_pdf


def squeeze(text):
    return re.sub(r"\s+", "", text)


class TestReportLayout(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestReportLayout, cls).setUpClass()
        cls.company.write({
            "name": "Layout Check Services SL",
            "street": "Calle Mayor 12", "city": "Zaragoza", "zip": "50001",
            "phone": "+34 976 000 111", "email": "info@layout-check.example",
        })

    def test_voucher_pdf_has_the_company_block(self):
        ticket = self.create_ticket(user_id=self.technician.id,
                                    service_category="A")
        report = self.env.ref(
            "aftersales_ticket.aftersales_ticket_report_voucher")
        pdf, kind = render_pdf(report.sudo(self.agent), ticket)
        self.assertEqual(kind, "pdf")
        text = squeeze(pdf_text(pdf))
        for expected in ("Layout Check Services SL", "Calle Mayor 12",
                         "Zaragoza", "+34 976 000 111",
                         "info@layout-check.example", ticket.name,
                         # customer wording, not the internal code
                         "Paid service"):
            self.assertIn(squeeze(expected), text, expected)
        self.assertNotIn(squeeze("A - Paid service"), text)

    def test_every_suite_report_uses_the_suite_layout(self):
        """The report templates of every suite addon call the suite's
        layout, not web.external_layout."""
        self.env.cr.execute("""
            SELECT d.module || '.' || d.name
              FROM ir_model_data d JOIN ir_ui_view v ON v.id = d.res_id
             WHERE d.model = 'ir.ui.view' AND v.type = 'qweb'
               AND (d.module = 'aftersales' OR d.module LIKE 'aftersales\\_%%')
               AND d.name != 'external_layout'
               AND v.arch_db LIKE '%%"web.external_layout"%%'""")
        self.assertEqual(self.env.cr.fetchall(), [])
