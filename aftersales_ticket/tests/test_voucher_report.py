# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import io
import re

import PyPDF2
from PyPDF2.generic import TextStringObject
from PyPDF2.pdf import ContentStream

from .common import render_pdf
from .test_voucher import VoucherCase

SIGNATURE_PNG = (b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
                 b"nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==")


def _parse_to_unicode(cmap):
    """Code -> text map of a font's /ToUnicode CMap (bfchar, bfrange)."""
    data = cmap.getObject().getData().decode("latin-1")
    mapping = {}

    def text(hexa):
        return bytes.fromhex(hexa).decode("utf-16-be", "ignore")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                    block):
            mapping[int(code, 16)] = text(uni)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for start, end, dest in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])",
                block):
            start, end = int(start, 16), int(end, 16)
            if dest.startswith("["):
                for offset, uni in enumerate(re.findall(r"<([0-9A-Fa-f]+)>", dest)):
                    mapping[start + offset] = text(uni)
            else:
                first = int(dest[1:-1], 16)
                for offset in range(end - start + 1):
                    mapping[start + offset] = chr(first + offset)
    return mapping


def pdf_text(pdf):
    """Text of a wkhtmltopdf PDF. PyPDF2 1.26's ``extractText`` ignores the
    Type0 (Identity-H) fonts wkhtmltopdf embeds, so the strings shown by
    Tj/TJ are decoded here through each font's /ToUnicode map. Returned
    without whitespace."""
    reader = PyPDF2.PdfFileReader(io.BytesIO(pdf))
    chunks = []
    for number in range(reader.getNumPages()):
        page = reader.getPage(number)
        fonts = page["/Resources"].getObject().get("/Font", {})
        maps = {}
        for name, font in fonts.items():
            font = font.getObject()
            if "/ToUnicode" in font:
                maps[name] = _parse_to_unicode(font["/ToUnicode"])
        content = ContentStream(page.getContents(), reader)
        current = {}
        for operands, operator in content.operations:
            if operator == b"Tf":
                current = maps.get(operands[0], {})
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                strings = operands[-1] if operator == b"TJ" else [operands[-1]]
                for item in strings:
                    if isinstance(item, TextStringObject):
                        item = item.get_original_bytes()
                    if not isinstance(item, bytes):
                        continue  # a kerning adjustment in a TJ array
                    for index in range(0, len(item) - 1, 2):
                        code = item[index] * 256 + item[index + 1]
                        chunks.append(current.get(code, ""))
    # wkhtmltopdf positions glyphs one by one: spacing is lost, so the text
    # is compared without any whitespace
    return re.sub(r"\s+", "", "".join(chunks))


class TestVoucherReport(VoucherCase):

    def test_voucher_pdf_carries_the_job(self):
        ticket = self.do_job("A")
        ticket.write({
            "diagnosis": "Compressor seized",
            "resolution": "Compressor and control board replaced",
            "customer_signature": SIGNATURE_PNG,
            "signed_by": "Ana Perez",
        })
        ticket.action_resolve()
        report = self.env.ref("aftersales_ticket.aftersales_ticket_report_voucher")
        pdf, fmt = render_pdf(report, ticket)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:20])
        text = pdf_text(pdf)
        for expected in (ticket.name, "Customer A Ltd", "Compressor seized",
                         "Test Compressor", "TEST-LOT-B1", "Ana Perez",
                         "332.50"):
            self.assertIn(expected.replace(" ", ""), text)

    def test_voucher_html_lists_time_parts_and_fees(self):
        ticket = self.do_job("A")
        report = self.env.ref("aftersales_ticket.aftersales_ticket_report_voucher")
        html = report.render_qweb_html(ticket.ids)[0].decode()
        self.assertIn(ticket.name, html)
        self.assertIn("Replace compressor and board", html)  # time line
        self.assertIn("Test Control Board", html)
        self.assertIn("332.50", html)  # fees: 2.5 h x 45 + 2 x 100 + 20
