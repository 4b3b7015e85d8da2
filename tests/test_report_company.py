# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Every PDF report of the suite names the company that issues it: the
text of the PDF (poppler's pdftotext) rendered by the server (wkhtmltopdf,
as ``/report/pdf`` does) for a demo record holds the company's name and
address (street, zip, city) besides the record's number.

The reports are discovered: every ``ir.actions.report`` of type qweb-pdf
whose xml id belongs to a suite module. A report whose model has no demo
record fails (a new report needs its demo record).
"""
import re

from odoo import fields, models
from odoo.addons.aftersales_ticket.tests.common import (
    pdf_text, render_pdf)
from odoo.tests.common import SavepointCase, at_install, post_install


def suite_pdf_reports(env):
    """[(xml id, report)] of every qweb-pdf report of a suite module."""
    env.cr.execute("""
        SELECT d.module || '.' || d.name, d.res_id
          FROM ir_model_data d
          JOIN ir_act_report_xml r ON r.id = d.res_id
         WHERE d.model = 'ir.actions.report'
           AND r.report_type = 'qweb-pdf'
           AND (d.module = %s OR d.module LIKE %s)
         ORDER BY 1""", ("aftersales", "aftersales\\_%"))
    return [(xmlid, env["ir.actions.report"].browse(res_id))
            for xmlid, res_id in env.cr.fetchall()]


def squeeze(text):
    return re.sub(r"\s+", "", text or "")


# A demo record each report is printed on: the model's own preference of
# "a finished one" where the report is about finished work.
DEMO_DOMAINS = {
    "aftersales.ticket": [("user_id", "!=", False),
                          ("date_resolved", "!=", False)],
    "mrp.repair": [("aftersales_ticket_id", "!=", False)],
    "stock.picking": [("aftersales_repair_kind", "!=", False)],
}


@at_install(False)
@post_install(True)
class TestReportCompany(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestReportCompany, cls).setUpClass()
        cls.reports = suite_pdf_reports(cls.env)

    def demo_record(self, report):
        Model = self.env[report.model]
        domain = [name_op_value for name_op_value in
                  DEMO_DOMAINS.get(report.model, [])
                  if name_op_value[0] in Model._fields]
        return Model.search(domain, limit=1, order="id") or \
            Model.search([], limit=1, order="id")

    def identity(self, record):
        owner = getattr(record, "_aftersales_report_owner", None)
        if owner:
            lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
            day = fields.Date.from_string(record.date).strftime(lang.date_format)
            return [record[owner].name, day]
        number = record[record._rec_name]
        if isinstance(number, models.BaseModel):
            number = number.display_name
        return [number or record.display_name]

    def company_lines(self, company):
        partner = company.partner_id
        return [text for text in (company.name, partner.street, partner.zip,
                                  partner.city) if text]

    def test_reports_are_found(self):
        self.assertTrue(self.reports, "no PDF report of the suite found")

    def test_every_report_names_the_company_and_the_record(self):
        problems = []
        for xmlid, report in self.reports:
            record = self.demo_record(report)
            if not record:
                problems.append("%s: no demo %s to print" % (xmlid, report.model))
                continue
            company = getattr(record, "company_id", None) or \
                self.env.user.company_id
            pdf, _fmt = render_pdf(report, record)
            text = squeeze(pdf_text(pdf))
            for expected in self.identity(record) + self.company_lines(company):
                if squeeze(expected) not in text:
                    problems.append("%s on %s %s: %r is not in the PDF" % (
                        xmlid, report.model, record.id, expected))
        self.assertFalse(problems, "\n".join(problems))
