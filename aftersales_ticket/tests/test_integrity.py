# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Integrity and access (issue 7, items 1, 2, 8, 16, 17): money and stock
happen once, workflow fields move only through the actions, technicians
see only their teams' parts and time, bad values are refused before
anything is written."""
import base64

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .test_voucher import VoucherCase

SIGNATURE_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
                 "nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==")
DAY = "2026-03-10"


class IntegrityCase(VoucherCase):

    @classmethod
    def setUpClass(cls):
        super(IntegrityCase, cls).setUpClass()
        cls.Ticket = cls.env["aftersales.ticket"]
        cls.Part = cls.env["aftersales.ticket.part"]
        cls.Line = cls.env["account.analytic.line"]
        cls.Invoice = cls.env["account.invoice"]

    def count(self, model, domain):
        return self.env[model].search_count(domain)

    def submitted_claim(self, amount=150.0):
        claim = self.create_ticket(request_type="claim", subject="Scratched",
                                   compensation_amount=amount)
        self.env["ir.attachment"].create({
            "name": "damage.jpg", "datas_fname": "damage.jpg",
            "datas": base64.b64encode(b"\xff\xd8\xff\xe0 photo"),
            "res_model": "aftersales.ticket", "res_id": claim.id,
        })
        claim.sudo(self.agent).action_claim_submit()
        return claim

    def refunds(self, claim):
        return self.Invoice.search([("type", "=", "out_refund"),
                                    ("origin", "=", claim.name)])


class TestMoneyOnce(IntegrityCase):
    """Item 1: duplicate ids, and the database's own refusal."""

    def test_duplicate_ids_approve_one_credit_note(self):
        claim = self.submitted_claim()
        self.Ticket.sudo(self.manager).browse(
            [claim.id, claim.id]).action_claim_approve()
        self.assertEqual(len(self.refunds(claim)), 1)
        self.assertEqual(claim.claim_refund_id, self.refunds(claim))
        self.assertEqual(claim.claim_refund_id.aftersales_claim_id, claim)
        self.assertAlmostEqual(claim.claim_refund_id.amount_total, 150.0)

    def test_duplicate_ids_invoice_once(self):
        ticket = self.do_job("A")
        self.Ticket.sudo(self.agent).browse(
            [ticket.id, ticket.id]).action_create_invoice()
        invoices = self.Invoice.search([("aftersales_ticket_id", "=", ticket.id)])
        self.assertEqual(len(invoices), 1)
        # labour 2.5 h x 45 + parts 2 x 100 + 1 x 20, untaxed
        self.assertAlmostEqual(invoices.amount_untaxed, 332.5)
        self.assertEqual(invoices.invoice_line_ids.mapped("account_analytic_id"),
                         self.team_urban.analytic_account_id)
        self.assertIn("(TEST-LOT-B1)",
                      " ".join(invoices.invoice_line_ids.mapped("name")))

    def test_duplicate_ids_take_parts_once(self):
        ticket = self.do_job("A", part_a_qty=2.0)
        self.Ticket.sudo(self.technician).browse(
            [ticket.id, ticket.id]).action_consume_parts()
        self.assertEqual(len(ticket.picking_ids), 1)
        self.assertEqual(self.van_quantity(self.part_a), 3.0)
        self.assertEqual(self.van_quantity(self.part_b, self.lot_b), 2.0)

    def test_database_refuses_a_second_invoice(self):
        ticket = self.do_job("A")
        invoice = ticket.sudo(self.agent)._create_invoices()
        values = ticket._prepare_invoice()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            self.Invoice._aftersales_workflow().create(values)
        self.assertEqual(self.count("account.invoice", [
            ("aftersales_ticket_id", "=", ticket.id)]), 1)
        # a cancelled invoice makes room for a new one
        invoice.sudo().action_invoice_cancel()
        self.Invoice._aftersales_workflow().create(values)
        self.assertEqual(self.count("account.invoice", [
            ("aftersales_ticket_id", "=", ticket.id),
            ("state", "!=", "cancel")]), 1)

    def test_database_refuses_a_second_credit_note(self):
        claim = self.submitted_claim()
        claim.sudo(self.manager).action_claim_approve()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            claim._create_claim_refund()
        self.assertEqual(len(self.refunds(claim)), 1)


class TestWorkflowFields(IntegrityCase):
    """Item 2: workflow fields move only through the actions, whatever the
    caller writes (the ORM's write is what RPC calls)."""

    def assert_refused(self, records, vals):
        with self.assertRaises(UserError) as error, self.env.cr.savepoint():
            records.write(vals)
        self.assertIn("change only through the actions", error.exception.name)

    def test_agent_cannot_decide_a_claim_by_writing(self):
        claim = self.submitted_claim()
        as_agent = claim.sudo(self.agent)
        self.assert_refused(as_agent, {
            "claim_state": "approved", "claim_decided_by_id": self.manager.id})
        # a context key sent by the client does not open the door
        self.assert_refused(
            as_agent.with_context(aftersales_workflow_write=True),
            {"claim_state": "approved"})
        self.assertEqual(claim.claim_state, "submitted")
        self.assertFalse(claim.claim_decided_by_id)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.Ticket.sudo(self.agent).create({
                "subject": "Pre-approved", "partner_id": self.customer_a.id,
                "request_type": "claim", "claim_state": "approved"})

    def test_approved_claim_is_final(self):
        claim = self.submitted_claim()
        claim.sudo(self.manager).action_claim_approve()
        refund = claim.claim_refund_id
        for user in (self.agent, self.manager):
            as_user = claim.sudo(user)
            self.assert_refused(as_user, {"claim_state": "draft"})
            self.assert_refused(as_user, {"claim_refund_id": False})
            with self.assertRaises(UserError), self.env.cr.savepoint():
                as_user.write({"compensation_amount": 9999.0})
        self.assertEqual(claim.claim_state, "approved")
        self.assertEqual(claim.claim_refund_id, refund)
        self.assertEqual(claim.compensation_amount, 150.0)
        # approving again creates nothing: the link is still there
        claim.sudo(self.manager).action_claim_approve()
        self.assertEqual(self.refunds(claim), refund)

    def test_totals_and_document_links_of_a_ticket(self):
        ticket = self.do_job("A")
        ticket.sudo(self.agent).action_create_invoice()
        invoice = ticket.invoice_ids
        as_agent = ticket.sudo(self.agent)
        for vals in ({"labour_hours": 0.5}, {"total_cost": 0.0},
                     {"parts_amount": 1.0}, {"date_invoiced": False},
                     {"invoice_ids": [(5, 0, 0)]},
                     {"signed_on": "2026-01-01 10:00:00"}):
            self.assert_refused(as_agent, vals)
        self.assertAlmostEqual(ticket.labour_hours, 2.5)
        self.assertTrue(ticket.date_invoiced)
        self.assertEqual(ticket.invoice_ids, invoice)
        # nor from the invoice's side, even by an accountant
        accountant = self._create_user(
            "accountant", "account.group_account_manager")
        self.assert_refused(invoice.sudo(accountant),
                            {"aftersales_ticket_id": False})
        self.assertEqual(invoice.aftersales_ticket_id, ticket)
        # parts taken from the van stay taken
        part = ticket.part_ids[:1]
        ticket.sudo(self.technician).action_consume_parts()
        self.assert_refused(part.sudo(self.technician), {"move_id": False})
        self.assert_refused(part.sudo(self.technician), {"price_subtotal": 0.0})
        self.assertTrue(part.move_id)
        # and their delivery stays the ticket's: a storekeeper can neither
        # unlink it nor hang another picking on the ticket
        picking = ticket.picking_ids
        storekeeper = self._create_user(
            "storekeeper", "stock.group_stock_manager")
        self.assert_refused(picking.sudo(storekeeper),
                            {"aftersales_ticket_id": False})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            picking.sudo(storekeeper).copy(
                {"aftersales_ticket_id": ticket.id})
        self.assertEqual(ticket.picking_ids, picking)
        self.assertEqual(picking.aftersales_ticket_id, ticket)

    def test_technician_report_moves_by_its_actions(self):
        self.Line.create({
            "aftersales_ticket_id": self.do_job("C").id, "unit_amount": 1.0,
            "name": "Today", "user_id": self.technician.id, "date": DAY})
        report = self.env["aftersales.technician.report"].sudo(
            self.technician).create({"user_id": self.technician.id,
                                     "date": DAY})
        self.assertEqual(report.hours_c, 1.0)
        for vals in ({"state": "submitted"}, {"hours_a": 8.0},
                     {"hours_total": 12.0}, {"line_ids": [(5, 0, 0)]}):
            self.assert_refused(report, vals)
        line = report.line_ids
        self.assert_refused(line.sudo(self.technician), {"hours": 9.0})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            line.sudo(self.technician).unlink()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.env["aftersales.technician.report"].sudo(
                self.technician).create({"user_id": self.technician.id,
                                         "date": "2026-03-11",
                                         "state": "submitted"})
        self.assertEqual((report.state, report.hours_c, report.hours_total),
                         ("draft", 1.0, 1.0))
        self.assertEqual(line.hours, 1.0)
        report.action_submit()
        self.assertEqual(report.state, "submitted")

    def test_director_cannot_approve_his_own_report(self):
        report = self.env["aftersales.director.report"].sudo(
            self.director)._generate_for_team(self.team_urban, DAY)
        report.technician_report_ids.sudo(self.director).action_submit()
        report.sudo(self.director).action_submit()
        as_director = report.sudo(self.director)
        self.assert_refused(as_director, {"state": "approved"})
        self.assert_refused(as_director, {"approver_id": self.director.id})
        self.assert_refused(as_director, {"technician_report_ids": [(5, 0, 0)]})
        self.assertEqual(report.state, "submitted")
        self.assertFalse(report.approver_id)
        report.sudo(self.manager).action_approve()
        self.assertEqual((report.state, report.approver_id),
                         ("approved", self.manager))


class TestTeamAccess(IntegrityCase):
    """Item 8: a technician sees the parts and time of his teams' tickets
    only."""

    def test_other_team_parts_and_time_are_hidden(self):
        ticket = self.do_job("A")  # urban team, technician's job
        part_ids = ticket.part_ids.ids
        line_ids = ticket.timesheet_ids.ids
        other = self.technician_other  # suburban team only
        self.assertFalse(self.Part.sudo(other).search(
            [("id", "in", part_ids)]))
        self.assertFalse(self.Line.sudo(other).search(
            [("id", "in", line_ids)]))
        with self.assertRaises(AccessError):
            self.Part.sudo(other).browse(part_ids).read(["price_unit"])
        with self.assertRaises(AccessError):
            self.Line.sudo(other).browse(line_ids).read(["amount"])
        self.assertFalse(self.Part.sudo(other).read_group(
            [("ticket_id", "=", ticket.id)], ["cost_subtotal"], []
        )[0]["cost_subtotal"])
        # the team's technician and the agents see them
        self.assertEqual(len(self.Part.sudo(self.technician).search(
            [("id", "in", part_ids)])), 2)
        self.assertEqual(self.Line.sudo(self.technician).search(
            [("id", "in", line_ids)]).ids, line_ids)
        self.assertEqual(len(self.Part.sudo(self.agent).search(
            [("id", "in", part_ids)])), 2)
        self.assertEqual(self.Line.sudo(self.agent).search(
            [("id", "in", line_ids)]).ids, line_ids)


class TestBadValues(IntegrityCase):
    """Items 16 and 17: refused with a clear message, nothing written."""

    def assert_refused(self, function, *args, message=None, **kwargs):
        with self.assertRaises((ValidationError, UserError)) as error, \
                self.env.cr.savepoint():
            function(*args, **kwargs)
        if message:
            self.assertIn(message, error.exception.name)

    def test_part_values(self):
        ticket = self.do_job("A")
        Part = self.Part.sudo(self.technician)
        before = self.count("aftersales.ticket.part", [])
        for vals, message in (
                ({"quantity": 1e308}, "out of range"),
                ({"quantity": float("nan")}, "is not a number"),
                ({"ticket_id": "abc"}, "expected the id of a record"),
                ({"price_unit": "12"}, "expected a number"),
                ({"price_unit": -5.0}, "cannot be negative")):
            values = dict({"ticket_id": ticket.id,
                           "product_id": self.part_a.id}, **vals)
            self.assert_refused(Part.create, values, message=message)
        self.assertEqual(self.count("aftersales.ticket.part", []), before)
        part = ticket.part_ids.filtered(lambda p: p.product_id == self.part_a)
        self.assert_refused(part.sudo(self.technician).write,
                            {"price_unit": -1.0}, message="cannot be negative")
        self.assertEqual(part.price_unit, 100.0)

    def test_parts_of_closed_or_invoiced_tickets(self):
        invoiced = self.do_job("A")
        invoiced.sudo(self.agent).action_create_invoice()
        closed = self.create_ticket(user_id=self.technician.id)
        closed.stage_id = self.env.ref("aftersales_ticket.stage_closed")
        Part = self.Part.sudo(self.technician)
        before = self.count("aftersales.ticket.part", [])
        for ticket in (invoiced, closed):
            self.assert_refused(Part.create, {
                "ticket_id": ticket.id, "product_id": self.part_a.id},
                message="closed or invoiced")
        part = invoiced.part_ids[:1].sudo(self.technician)
        self.assert_refused(part.write, {"quantity": 3.0},
                            message="closed or invoiced")
        self.assert_refused(part.unlink, message="closed or invoiced")
        self.assertEqual(self.count("aftersales.ticket.part", []), before)
        self.assertEqual(invoiced.invoice_ids.amount_untaxed, 332.5)

    def test_time_line_values(self):
        ticket = self.create_ticket(user_id=self.technician.id)
        Line = self.Line.sudo(self.technician)
        for vals, message in (({"date": "2026-02-30"}, "not a real date"),
                              ({"unit_amount": "abc"}, "expected a number"),
                              ({"unit_amount": float("inf")}, "not a number")):
            values = dict({"aftersales_ticket_id": ticket.id,
                           "unit_amount": 1.0, "name": "Work"}, **vals)
            self.assert_refused(Line.create, values, message=message)
        self.assertEqual(self.count("account.analytic.line", [
            ("aftersales_ticket_id", "=", ticket.id)]), 0)
        # not even the team's cost centre was created
        self.assertFalse(self.team_urban.analytic_account_id)
        line = Line.create({"aftersales_ticket_id": ticket.id,
                            "unit_amount": 1.0, "name": "Work"})
        self.assert_refused(line.write, {"date": "2026-13-01"},
                            message="not a real date")

    def test_report_values(self):
        Report = self.env["aftersales.technician.report"].sudo(self.technician)
        before = self.count("aftersales.technician.report", [])
        self.assert_refused(Report.create, {
            "user_id": self.technician.id, "date": "not-a-date"},
            message="not a real date")
        self.assert_refused(Report.create, {
            "user_id": self.technician.id, "date": DAY, "note": 5},
            message="expected a text")
        self.assertEqual(self.count("aftersales.technician.report", []),
                         before)
        self.assert_refused(
            self.env["aftersales.director.report"].sudo(self.director).create,
            {"team_id": self.team_urban.id, "date": "2026-02-30"},
            message="not a real date")

    def test_claim_values(self):
        claim = self.submitted_claim()
        self.assert_refused(claim.sudo(self.agent).write,
                            {"compensation_amount": "lots"},
                            message="expected a number")
        self.assert_refused(claim.sudo(self.agent).write,
                            {"compensation_amount": float("nan")},
                            message="not a number")
        self.assertEqual(claim.compensation_amount, 150.0)

    def test_portal_user_as_technician(self):
        portal = self.env["res.users"].create({
            "name": "Portal Customer", "login": "test_integrity_portal",
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        before = self.count("aftersales.ticket", [])
        self.assert_refused(self.Ticket.sudo(self.agent).create, {
            "subject": "Fix", "partner_id": self.customer_a.id,
            "user_id": portal.id}, message="not an internal user")
        self.assertEqual(self.count("aftersales.ticket", []), before)
        ticket = self.create_ticket()
        self.assert_refused(ticket.sudo(self.agent).write,
                            {"user_id": portal.id},
                            message="not an internal user")
        self.assertNotEqual(ticket.user_id, portal)

    def test_team_of_another_company(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign = self.env["aftersales.team"].create({
            "name": "Foreign Team", "company_id": other_company.id})
        before = self.count("aftersales.ticket", [])
        self.assert_refused(self.create_ticket, team_id=foreign.id,
                            message="choose a team of the ticket's company")
        self.assertEqual(self.count("aftersales.ticket", []), before)
        ticket = self.create_ticket()
        self.assert_refused(ticket.write, {"team_id": foreign.id},
                            message="choose a team of the ticket's company")
        self.assertEqual(ticket.team_id, self.team_urban)

    def test_arrival_and_resolution_before_reception(self):
        before = self.count("aftersales.ticket", [])
        self.assert_refused(
            self.create_ticket, date_received="2026-03-10 10:00:00",
            date_arrived="2026-03-10 09:00:00",
            message="cannot be before the request was received")
        self.assertEqual(self.count("aftersales.ticket", []), before)
        ticket = self.create_ticket(date_received="2026-03-10 10:00:00")
        for vals in ({"date_arrived": "2026-03-09 23:00:00"},
                     {"date_resolved": "2026-03-10 09:59:59"}):
            self.assert_refused(
                ticket.sudo(self.technician).write, vals,
                message="cannot be before the request was received")
        ticket.write({"date_arrived": "2026-03-10 11:00:00"})
        self.assert_refused(ticket.write,
                            {"date_received": "2026-03-10 12:00:00"},
                            message="cannot be before the request was received")
        self.assertEqual(ticket.date_received, "2026-03-10 10:00:00")

    def test_invoiced_ticket_stays_paid(self):
        ticket = self.do_job("A")
        ticket.sudo(self.agent).action_create_invoice()
        self.assert_refused(ticket.sudo(self.agent).write,
                            {"service_category": "D"},
                            message="has been invoiced")
        self.assertEqual(ticket.service_category, "A")

    def test_sizes_and_signature(self):
        ticket = self.create_ticket()
        self.assert_refused(ticket.write, {"subject": "x" * (2 * 1024 * 1024)},
                            message="too long")
        self.assert_refused(self.create_ticket, subject="x" * 1001,
                            message="too long")
        self.assertEqual(ticket.subject, "Test request")
        not_image = base64.b64encode(b"%PDF-1.4 not a drawing").decode()
        for signature in (not_image, "not base64 at all!"):
            self.assert_refused(ticket.write, {"customer_signature": signature},
                                message="must be an image")
        self.assert_refused(ticket.write, {"signed_by": "x" * 100000},
                            message="too long")
        self.assert_refused(ticket.write, {"signed_by": "x" * 200},
                            message="too long")
        self.assertFalse(ticket.customer_signature)
        self.assertFalse(ticket.signed_on)
        ticket.write({"customer_signature": SIGNATURE_PNG,
                      "signed_by": "Ana García"})
        self.assertTrue(ticket.signed_on)
