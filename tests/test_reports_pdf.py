# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Every QWeb PDF report of the suite goes through wkhtmltopdf.

The reports are discovered, not listed: every ``ir.actions.report`` of type
qweb-pdf whose xml id belongs to a suite module (``aftersales`` or
``aftersales_*``), so that a new addon's reports are covered as soon as it
is installed. Each is rendered for one record: a real PDF, the expected
number of pages (poppler's pdfinfo) and the record's number in its text
(pdftotext).
The core's reports are rendered on records made here; the other addons'
on a record of their model (their demo data), or skipped by name when
there is none.
"""
import re

from odoo import fields, models
from odoo.addons.aftersales_ticket.tests.common import (
    AftersalesCase, pdf_pages, pdf_text, render_pdf)

DAY = "2026-03-10"
SIGNATURE_PNG = (b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
                 b"nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==")


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
    """Text without whitespace: wkhtmltopdf may break a number at a line
    end, and pdftotext keeps the layout's spaces."""
    return re.sub(r"\s+", "", text)


class TestReportsPdf(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestReportsPdf, cls).setUpClass()
        Ticket = cls.env["aftersales.ticket"].with_context(
            aftersales_no_auto_assign=True)
        tickets = Ticket.browse()
        for number in range(2):
            ticket = Ticket.create({
                "subject": "Report check %d" % number,
                "partner_id": cls.customer_a.id,
                "team_id": cls.team_urban.id,
                "date_received": DAY + " 08:00:00",
                "description": "The boiler stops after ten minutes.",
            })
            ticket._dispatch(user=cls.technician)
            ticket.write({
                "resolution": "Pump replaced.",
                "signed_by": "A. Customer",
                "customer_signature": SIGNATURE_PNG,
            })
            tickets |= ticket
        analytic = cls.env["account.analytic.account"].create(
            {"name": "Report check labour"})
        cls.env["account.analytic.line"].create({
            "name": "Pump replacement", "account_id": analytic.id,
            "user_id": cls.technician.id, "date": DAY, "unit_amount": 1.5,
            "aftersales_ticket_id": tickets[0].id,
        })
        cls.team_urban.member_ids = [(4, cls.technician_other.id)]
        director_report = cls.env["aftersales.director.report"].sudo(
            cls.director)._generate_for_team(cls.team_urban, DAY).sudo()
        technician_reports = director_report.technician_report_ids.sorted("id")
        other_day = cls.env["aftersales.director.report"].sudo(
            cls.director)._generate_for_team(cls.team_urban, "2026-03-11").sudo()
        # xml id -> the records (two) the core's reports are checked on
        cls.core_records = {
            "aftersales_ticket.aftersales_ticket_report_voucher": tickets,
            "aftersales_ticket.aftersales_technician_report_report":
                technician_reports[:2],
            "aftersales_ticket.aftersales_director_report_report":
                director_report | other_day,
        }
        cls.reports = suite_pdf_reports(cls.env)

    def identity(self, record):
        """The text that names ``record`` on its PDF: its number (name),
        or for a daily report, whose name is not printed, whose day it is
        (the technician or team) and the day as the report shows it."""
        owner = getattr(record, "_aftersales_report_owner", None)
        if owner:
            lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
            day = fields.Date.from_string(record.date).strftime(lang.date_format)
            return [record[owner].name, day]
        number = record[record._rec_name]
        if isinstance(number, models.BaseModel):
            # a record named by another one (an evaluation by its technician)
            number = number.display_name
        return [number or record.display_name]

    def assert_renders(self, xmlid, report, record, pages=None):
        """``report`` on ``record``: a PDF of ``pages`` pages (at least
        one when not given) holding the record's number; returns the
        number of pages."""
        pdf, fmt = render_pdf(report, record)
        self.assertEqual(fmt, "pdf", xmlid)
        self.assertTrue(pdf.startswith(b"%PDF"), "%s: %r" % (xmlid, pdf[:20]))
        count = pdf_pages(pdf)
        if pages is None:
            self.assertGreaterEqual(count, 1, xmlid)
        else:
            self.assertEqual(count, pages, "%s: %d pages" % (xmlid, count))
        text = squeeze(pdf_text(pdf))
        for number in self.identity(record):
            self.assertIn(squeeze(number), text,
                          "%s: %s is not in the PDF" % (xmlid, number))
        return count

    def test_reports_are_discovered(self):
        """The core's three reports are found, and each has records here:
        a new core report without records fails this test."""
        core = {xmlid for xmlid, _report in self.reports
                if xmlid.startswith("aftersales_ticket.")}
        self.assertEqual(core, set(self.core_records))
        for xmlid, records in self.core_records.items():
            self.assertEqual(len(records), 2, xmlid)

    def test_core_reports_render(self):
        """Vouchers, technicians' and directors' daily reports, each on two
        records: one page for one record, the record's number in it."""
        for xmlid, report in self.reports:
            if xmlid not in self.core_records:
                continue
            with self.subTest(report=xmlid):
                records = self.core_records[xmlid]
                for record in records:
                    self.assert_renders(xmlid, report, record, pages=1)

    def test_voucher_pdf_shows_the_work(self):
        """The voucher's text: customer, technician, resolution, signer."""
        report = self.env.ref("aftersales_ticket.aftersales_ticket_report_voucher")
        ticket = self.core_records[report.get_external_id()[report.id]][0]
        pdf, _fmt = render_pdf(report, ticket)
        text = squeeze(pdf_text(pdf))
        for expected in (ticket.name, "Customer A Ltd", self.technician.name,
                         "Pump replaced.", "A. Customer"):
            self.assertIn(squeeze(expected), text)

    def test_other_suite_reports_render(self):
        """Every other addon's PDF report, on records of its model (its
        demo data). Reports whose model has no record are named in the
        skip reason, after the others were checked."""
        missing = []
        checked = 0
        for xmlid, report in self.reports:
            if xmlid.startswith("aftersales_ticket."):
                continue
            records = self.env[report.model].search([], limit=2, order="id")
            if not records:
                missing.append("%s (%s)" % (xmlid, report.model))
                continue
            with self.subTest(report=xmlid):
                for record in records:
                    self.assert_renders(xmlid, report, record)
                checked += 1
        if missing:
            self.skipTest("no record to render %s on (checked %d other "
                          "reports)" % (", ".join(missing), checked))
        if not checked:
            self.skipTest("no PDF report outside aftersales_ticket yet")
