# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The living demo (demo/aftersales_demo.xml, built by
aftersales.demo.builder): what it promises, and that its stored figures
are those the suite's own methods compute."""
import ast
import os
from collections import defaultdict
from datetime import timedelta

from odoo import fields
from odoo.tests.common import SavepointCase, at_install, post_install

from ..models.aftersales_demo_builder import FIELD_TEAMS, TEAMS

TICKET_MODULE = "aftersales_ticket"


@at_install(False)
@post_install(True)
class TestDemo(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestDemo, cls).setUpClass()
        ref = cls.env.ref
        cls.teams = {key: ref("aftersales.team_%s_demo" % key)
                     for key, *_rest in TEAMS}
        cls.field_teams = cls.env["aftersales.team"].browse(
            [cls.teams[key].id for key in FIELD_TEAMS])
        cls.customers = cls.env["res.partner"].browse(
            [ref("aftersales.customer_%02d_demo" % index).id
             for index in range(1, 31)])
        cls.products = cls.env["product.product"].browse(
            [ref("aftersales.product_%02d_demo" % index).id
             for index in range(1, 21)])
        cls.tickets = cls.env["aftersales.ticket"].search(
            [("team_id", "in", list(t.id for t in cls.teams.values()))])
        cls.technicians = cls.field_teams.mapped("member_ids")

    # Promised contents ----------------------------------------------------

    def test_service_network_levels_calendars_directors(self):
        headquarters = self.env.ref("aftersales_ticket.team_headquarters_demo")
        teams = self.env["aftersales.team"].browse(
            [team.id for team in self.teams.values()])
        levels = defaultdict(int)
        for team in teams:
            levels[team.level] += 1
        self.assertEqual(dict(levels), {"region": 2, "center": 2, "point": 2})
        self.assertEqual(set(teams.filtered(
            lambda t: t.level == "region").mapped("parent_id")), {headquarters})
        self.assertEqual(set(self.field_teams.mapped("zone")),
                         {"urban", "suburban"})
        # each team its own calendar and director
        self.assertEqual(len(teams.mapped("resource_calendar_id")), 6)
        self.assertTrue(all(teams.mapped("resource_calendar_id.attendance_ids")))
        self.assertEqual(len(teams.mapped("director_id")), 6)
        director_group = self.env.ref("aftersales_ticket.group_director")
        self.assertTrue(all(director_group in director.groups_id
                            for director in teams.mapped("director_id")))

    def test_a_user_of_every_role_logs_in_and_lands_on_his_work(self):
        """One demo user per role of docs/roles.md, each logging in with
        his login as password, on his landing page."""
        ref = self.env.ref
        dashboard = "aftersales.aftersales_team_suite_dashboard_action"
        roles = {
            "as_manager": ("aftersales_ticket.group_manager", dashboard),
            "as_director_north_city": (
                "aftersales_ticket.group_director",
                "aftersales.aftersales_ticket_action_team_planning"),
            "as_agent1": ("aftersales_ticket.group_agent",
                          "aftersales_ticket.aftersales_ticket_action"),
            "as_tech01": ("aftersales_ticket.group_technician",
                          "aftersales.aftersales_ticket_action_my_jobs"),
            "as_billing": ("account.group_account_invoice",
                           "account.action_invoice_tree1"),
            "as_warehouse": ("stock.group_stock_user",
                             "stock.stock_picking_type_action"),
            "as_customer": ("base.group_portal", None),
        }
        Users = self.env["res.users"]
        for login, (group, action) in roles.items():
            user = Users.search([("login", "=", login)])
            self.assertEqual(len(user), 1, login)
            self.assertIn(ref(group), user.groups_id, login)
            Users.sudo(user).check_credentials(login)
            self.assertEqual(user.action_id.id,
                             ref(action).id if action else False, login)
        for login in ("as_billing", "as_warehouse"):
            user = Users.search([("login", "=", login)])
            self.assertTrue(user.has_group("base.group_user"), login)
            self.assertFalse(user.has_group("aftersales_ticket.group_agent"))
        customer = ref("aftersales.user_customer_demo")
        self.assertTrue(customer.share)
        self.assertEqual(customer.partner_id.commercial_partner_id,
                         ref("aftersales.customer_01_demo"))
        self.assertTrue(self.env["aftersales.ticket"].sudo(customer).search(
            []))

    def test_technicians_with_skills_and_vans(self):
        group = self.env.ref("aftersales_ticket.group_technician")
        for team in self.field_teams:
            self.assertEqual(len(team.member_ids), 3, team.name)
            for technician in team.member_ids:
                self.assertIn(group, technician.groups_id)
                self.assertTrue(technician.aftersales_product_categ_ids)
                self.assertEqual(technician.aftersales_location_id.usage,
                                 "internal")
        self.assertEqual(len(self.technicians.mapped("aftersales_location_id")),
                         12)

    def test_customers_route_to_the_field_teams(self):
        self.assertEqual(len(self.customers), 30)
        company = self.env.ref("base.main_company")
        routed = self.env["aftersales.team"]._route_addresses([
            (company.id, customer.state_id.id, customer.zip)
            for customer in self.customers])
        self.assertEqual(set(team.id for team in routed),
                         set(self.field_teams.ids))

    def test_products_serials_delivered_by_done_pickings(self):
        self.assertEqual(len(self.products), 20)
        self.assertEqual(set(self.products.mapped("tracking")), {"serial"})
        warranties = self.products.mapped("warranty")
        self.assertTrue(any(warranties) and not all(warranties))
        lots = self.env["stock.production.lot"].search(
            [("product_id", "in", self.products.ids)])
        self.assertGreaterEqual(len(lots), 30)
        today = fields.Date.from_string(fields.Date.today())
        under, ended = 0, 0
        for customer in self.customers:
            moves = self.env["stock.move.line"].search([
                ("lot_id", "in", lots.ids), ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
                ("move_id.picking_id.partner_id", "=", customer.id)])
            self.assertTrue(moves, customer.name)
            self.assertEqual(set(moves.mapped(
                "move_id.picking_id.picking_type_id.code")), {"outgoing"})
            ends = moves.mapped("lot_id")._get_warranty_end_dates(customer)
            self.assertEqual(set(ends), set(moves.mapped("lot_id").ids))
            for end in ends.values():
                if end and end >= today:
                    under += 1
                else:
                    ended += 1
        self.assertTrue(under and ended, "some serials under warranty, some not")

    def test_about_200_requests_of_every_kind(self):
        # 200 requests, and the complaints the low survey scores opened
        from_surveys = self.tickets.filtered("survey_origin_ticket_id")
        self.assertTrue(from_surveys)
        self.assertEqual(set(from_surveys.mapped("request_type")),
                         {"complaint"})
        self.assertEqual(len(self.tickets - from_surveys), 200)
        stages = self.env["aftersales.ticket.stage"].search([])
        self.assertEqual(set(self.tickets.mapped("stage_id")), set(stages))
        Ticket = self.env["aftersales.ticket"]
        for name in ("channel", "priority", "request_type"):
            keys = {key for key, _label in Ticket._fields[name].selection}
            self.assertEqual(set(self.tickets.mapped(name)), keys, name)
        categories = set(self.tickets.mapped("service_category"))
        expected = {"A", "C", "D"}
        if "aftersales.contract" in self.env and self.env[
                "aftersales.contract"].search_count([]):
            expected.add("B")  # with the contracts of _build_demo_contracts
        self.assertLessEqual(expected, categories)

    def test_spread_over_the_last_60_days(self):
        # dates are relative to the moment the demo was built, not to the
        # test's clock
        built = fields.Datetime.from_string(self.env[
            "ir.config_parameter"].get_param("aftersales.demo_built_at"))
        received = [fields.Datetime.from_string(date)
                    for date in self.tickets.mapped("date_received")]
        # 60 days back, moved to the Friday before when on a week-end
        self.assertGreaterEqual(min(received).date(),
                                (built - timedelta(days=62)).date())
        self.assertLessEqual(min(received), built - timedelta(days=55))
        self.assertGreaterEqual(max(received), built - timedelta(days=2))
        self.assertLessEqual(max(received), built)
        self.assertGreaterEqual(len({date.date() for date in received}), 35)
        # each step stamped when it happened, in order
        for ticket in self.tickets.filtered("date_resolved"):
            self.assertLessEqual(ticket.date_received, ticket.date_arrived)
            self.assertLessEqual(ticket.date_arrived, ticket.date_resolved)
            if ticket.date_closed:
                self.assertLessEqual(ticket.date_resolved, ticket.date_closed)

    # Stored figures -------------------------------------------------------

    def test_costs_equal_the_voucher_lines(self):
        worked = self.tickets.filtered("timesheet_ids")
        self.assertGreater(len(worked), 100)
        self.assertTrue(self.tickets.filtered("part_ids"))
        Line = self.env["mrp.repair.line"]
        for ticket in worked:
            # the parts of the voucher and those added in the workshop
            workshop = Line.search([("aftersales_ticket_id", "=", ticket.id),
                                    ("type", "=", "add")])
            self.assertAlmostEqual(
                ticket.parts_cost,
                sum(ticket.part_ids.mapped("cost_subtotal"))
                + sum(workshop.mapped("cost_subtotal")))
            self.assertAlmostEqual(
                ticket.parts_amount,
                sum(ticket.part_ids.mapped("price_subtotal"))
                + sum(workshop.mapped("aftersales_price_subtotal")))
            self.assertAlmostEqual(
                ticket.labour_hours,
                sum(ticket.timesheet_ids.mapped("unit_amount")))
            self.assertAlmostEqual(
                ticket.labour_cost,
                -sum(ticket.timesheet_ids.mapped("amount")))
            self.assertAlmostEqual(ticket.total_cost,
                                   ticket.labour_cost + ticket.parts_cost)

    def test_parts_taken_from_the_van_by_done_pickings(self):
        resolved = self.tickets.filtered("date_resolved")
        parts = resolved.mapped("part_ids")
        self.assertTrue(parts)
        self.assertTrue(all(parts.mapped("is_consumed")))
        self.assertEqual(set(parts.mapped("move_id.state")), {"done"})
        for part in parts:
            self.assertEqual(part.move_id.location_id,
                             part.ticket_id.user_id.aftersales_location_id)

    def test_van_on_hand_is_stocked_minus_consumed(self):
        Move = self.env["stock.move"]
        Quant = self.env["stock.quant"]
        used = defaultdict(float)
        for part in self.tickets.mapped("part_ids").filtered("move_id"):
            van = part.move_id.location_id
            used[(van.id, part.product_id.id)] += part.quantity
        checked = 0
        for van in self.technicians.mapped("aftersales_location_id"):
            stocked = defaultdict(float)
            for move in Move.search([("location_dest_id", "=", van.id),
                                     ("state", "=", "done")]):
                self.assertEqual(move.picking_id.picking_type_id.code,
                                 "internal")
                stocked[move.product_id.id] += move.product_qty
            self.assertTrue(stocked, van.name)
            for product_id, quantity in stocked.items():
                on_hand = sum(Quant.search([
                    ("location_id", "=", van.id),
                    ("product_id", "=", product_id)]).mapped("quantity"))
                self.assertAlmostEqual(
                    on_hand, quantity - used[(van.id, product_id)])
                checked += 1
        self.assertTrue(any(used.values()))
        self.assertGreater(checked, 50)

    def test_signed_vouchers(self):
        signed = self.tickets.filtered("customer_signature")
        self.assertGreater(len(signed), 50)
        for ticket in signed:
            self.assertTrue(ticket.signed_by)
            self.assertEqual(ticket.signed_on[:10], ticket.date_resolved[:10])

    def test_some_faults_fixed_on_a_second_visit(self):
        """A part missing from the van: the ticket waited for it, the
        technician came back, the fix is not a first-time fix."""
        resolved = self.tickets.filtered("date_resolved")
        revisited = resolved.filtered(lambda t: t.visit_count == 2)
        self.assertTrue(revisited)
        self.assertFalse(any(revisited.mapped("first_time_fix")))
        first_time = resolved.filtered("first_time_fix")
        self.assertGreater(len(first_time), len(revisited))
        self.assertLessEqual(set(first_time.mapped("visit_count")), {0, 1})

    def test_invoices_of_paid_jobs_some_paid(self):
        invoiced = self.tickets.filtered("invoice_ids")
        self.assertGreater(len(invoiced), 10)
        self.assertEqual(set(invoiced.mapped("service_category")), {"A"})
        invoices = invoiced.mapped("invoice_ids")
        states = set(invoices.mapped("state"))
        self.assertLessEqual({"draft", "open", "paid"}, states)
        for ticket in invoiced:
            invoice = ticket.invoice_ids
            self.assertEqual(len(invoice), 1)
            self.assertAlmostEqual(invoice.amount_untaxed, ticket.fee_amount,
                                   places=2)
            if invoice.state == "paid":
                self.assertEqual(invoice.residual, 0.0)
                self.assertTrue(invoice.payment_ids)
        # no paid job left uninvoiced once closed
        closed_paid = self.tickets.filtered(
            lambda t: t.service_category == "A" and t.is_closed
            and t.date_resolved)
        self.assertTrue(all(closed_paid.mapped("invoice_ids")))

    def test_claim_approved_with_its_credit_note(self):
        claims = self.tickets.filtered(lambda t: t.claim_state == "approved")
        self.assertEqual(len(claims), 1)
        refund = claims.claim_refund_id
        self.assertEqual(refund.type, "out_refund")
        self.assertEqual(refund.state, "open")
        self.assertAlmostEqual(refund.amount_total, claims.compensation_amount)
        self.assertEqual(claims.claim_decided_by_id,
                         self.env.ref("aftersales.user_manager_demo"))
        self.assertTrue(claims.claim_evidence_count)

    def test_complaints_one_repeat_one_serious(self):
        complaints = self.tickets.filtered(
            lambda t: t.request_type == "complaint")
        # a low-score complaint about a serial already complained about is
        # a repeat too: the one planned repeat is among the others
        from_surveys = complaints.filtered("survey_origin_ticket_id")
        for repeat in from_surveys.filtered("repeat_of_id"):
            self.assertEqual(repeat.repeat_of_id.lot_id, repeat.lot_id)
        repeats = (complaints - from_surveys).filtered("repeat_of_id")
        self.assertEqual(len(repeats), 1)
        self.assertEqual(repeats.priority, "3")
        self.assertEqual(repeats.repeat_of_id.lot_id, repeats.lot_id)
        self.assertTrue(repeats.escalated_to_id)
        serious = complaints.filtered("is_serious")
        self.assertEqual(len(serious), 1)
        self.assertEqual(serious.escalated_to_id,
                         self.env.ref("aftersales.user_manager_demo"))
        for complaint in complaints.filtered("is_closed"):
            self.assertTrue(complaint.outcome_notified_on)

    def test_daily_reports_through_their_actions(self):
        reports = self.env["aftersales.director.report"].search(
            [("team_id", "in", self.field_teams.ids)])
        self.assertGreaterEqual(len(reports), 8)
        self.assertLessEqual({"submitted", "approved"},
                             set(reports.mapped("state")))
        Line = self.env["account.analytic.line"]
        for report in reports:
            self.assertEqual(report.director_id, report.team_id.director_id)
            self.assertEqual(set(report.technician_report_ids.mapped("state")),
                             {"submitted"})
            booked = sum(Line.search([
                ("user_id", "in", report.team_id.member_ids.ids),
                ("date", "=", report.date),
                ("aftersales_ticket_id", "!=", False)]).mapped("unit_amount"))
            self.assertAlmostEqual(report.hours_total, booked)
        self.assertTrue(sum(reports.mapped("hours_total")))

    # How it is built ------------------------------------------------------

    def test_built_once_and_in_demo_data_only(self):
        before = self.env["aftersales.ticket"].search_count([])
        self.assertFalse(self.env["aftersales.demo.builder"].build_demo())
        self.assertEqual(self.env["aftersales.ticket"].search_count([]), before)
        manifest_path = os.path.join(
            os.path.dirname(os.path.dirname(__file__)), "__manifest__.py")
        with open(manifest_path) as manifest_file:
            manifest = ast.literal_eval(manifest_file.read())
        self.assertIn("demo/aftersales_demo.xml", manifest["demo"])
        self.assertNotIn("demo/aftersales_demo.xml", manifest["data"])

    def test_contracts_cover_requests_and_are_invoiced(self):
        contracts = self.env["aftersales.contract"].search(
            [("partner_id", "in", self.customers.ids)])
        self.assertEqual(len(contracts), 10)
        states = set(contracts.mapped("state"))
        self.assertIn("expired", states)
        self.assertIn("expiring", states)
        covered = self.tickets.filtered(
            lambda ticket: ticket.service_category == "B")
        self.assertTrue(covered)
        self.assertTrue(all(ticket.contract_id in contracts
                            for ticket in covered))
        invoices = contracts.mapped("period_ids.invoice_id")
        self.assertTrue(invoices)
        self.assertEqual(set(invoices.mapped("state")), {"open"})
        # each period invoiced once, for the contract's billing lines
        for period in contracts.mapped("period_ids"):
            self.assertAlmostEqual(period.invoice_id.amount_untaxed,
                                   period.amount)

    def test_repairs_in_the_workshop_and_returned(self):
        repairs = self.env["mrp.repair"].search(
            [("aftersales_ticket_id", "in", self.tickets.ids)])
        for repair in repairs:
            self.assertEqual(repair.lot_id, repair.aftersales_ticket_id.lot_id)
            self.assertEqual(repair.receipt_picking_id.state, "done")
        held = repairs.filtered("in_workshop")
        returned = repairs - held
        self.assertTrue(held and returned)
        self.assertFalse(held.mapped("return_picking_id"))
        customers = self.env.ref("stock.stock_location_customers")
        recycling = self.env.ref("aftersales_repair.stock_location_recycling")
        for repair in returned:
            self.assertEqual(repair.state, "done")
            self.assertEqual(repair.aftersales_ticket_id.stage_id,
                             self.env.ref("aftersales_ticket.stage_resolved"))
            self.assertEqual(repair.return_picking_id.state, "done")
            self.assertTrue(repair.return_picking_id.aftersales_signature)
            self.assertGreater(repair.date_returned, repair.date_received)
            # the serial is back at the customer, the defective part in
            # recycling, the new one taken from the spare parts
            self.assertEqual(self.env["stock.quant"].search([
                ("lot_id", "=", repair.lot_id.id),
                ("quantity", ">", 0)]).location_id, customers)
            self.assertEqual(
                {(line.type, line.move_id.state, line.move_id.location_dest_id
                  == recycling) for line in repair.operations},
                {("add", "done", False), ("remove", "done", True)})

    def test_survey_answers_with_a_few_low_scores(self):
        answers = self.env["survey.user_input"].search(
            [("ticket_id", "in", self.tickets.ids), ("state", "=", "done")])
        self.assertGreater(len(answers), 20)
        results = self.env["aftersales.survey.result"].search(
            [("user_input_id", "in", answers.ids)])
        self.assertEqual(len(results), 4 * len(answers))
        low = answers.filtered("is_low_score")
        self.assertTrue(low)
        self.assertLess(len(low), len(answers) / 2)
        complaints = self.env["aftersales.ticket"].search(
            [("survey_origin_ticket_id", "in", low.mapped("ticket_id").ids)])
        self.assertEqual(len(complaints), len(low.mapped("ticket_id")))
