# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The suite's dashboard: each team's and technician's figures, computed by
PostgreSQL, and the records behind each of them."""
from odoo.addons.aftersales_repair.tests.common import RepairCase
from odoo.addons.aftersales_ticket.tests.test_voucher import VoucherCase
from odoo.exceptions import UserError


class TestSuiteDashboard(VoucherCase):

    @classmethod
    def setUpClass(cls):
        super(TestSuiteDashboard, cls).setUpClass()
        cls.closed = cls.env.ref("aftersales_ticket.stage_closed")

    def _figures(self, records, *names):
        return [tuple(record["figure_" + name] for name in names)
                for record in records]

    def test_team_figures_and_the_records_behind_them(self):
        # fixed at the first visit, with 2 + 1 parts from the van
        fixed = self.do_job("A", part_a_qty=2.0)
        fixed.sudo(self.technician).action_resolve()
        # two visits: not a first-time fix
        revisited = self.do_job("A", part_a_qty=1.0)
        revisited.write({"stage_id": self.env.ref(
            "aftersales_ticket.stage_waiting_parts").id})
        revisited.sudo(self.technician).action_arrive()
        revisited.sudo(self.technician).action_resolve()
        revisited.write({"stage_id": self.closed.id})
        waiting = self.create_ticket(user_id=self.technician.id)
        teams = (self.team_urban + self.team_suburban).sudo(self.agent)
        # open: the fixed one (resolved, not closed) and the waiting one
        self.assertEqual(self._figures(
            teams, "backlog", "parts_consumed", "first_time_fix_rate",
            "repairs_in_workshop", "satisfaction"),
            [(2, 5.0, "50 %", 0, "-"), (0, 0.0, "-", 0, "-")])

        action = teams[0].with_context(
            dashboard_figure="backlog").action_open_figure()
        self.assertEqual(action["res_model"], "aftersales.ticket")
        self.assertEqual(
            self.env["aftersales.ticket"].search(action["domain"]),
            fixed + waiting)
        action = teams[0].with_context(
            dashboard_figure="parts_consumed").action_open_figure()
        self.assertEqual(action["res_model"], "aftersales.ticket.part")
        self.assertEqual(
            self.env["aftersales.ticket.part"].search(action["domain"]),
            (fixed + revisited).mapped("part_ids"))
        action = teams[0].with_context(
            dashboard_figure="first_time_fix_rate").action_open_figure()
        self.assertEqual(
            self.env["aftersales.ticket"].search(action["domain"]),
            fixed + revisited)

    def test_technician_card(self):
        fixed = self.do_job("A", part_a_qty=1.0)
        fixed.sudo(self.technician).action_resolve()
        technicians = (self.technician + self.technician_other).sudo(self.agent)
        self.assertEqual(self._figures(
            technicians, "backlog", "parts_consumed", "first_time_fix_rate"),
            [(1, 2.0, "100 %"), (0, 0.0, "-")])

    def test_an_unknown_figure_is_refused(self):
        with self.assertRaisesRegex(UserError, "Unknown dashboard figure"):
            self.team_urban.with_context(
                dashboard_figure="id").action_open_figure()

    def test_the_cards_cost_the_same_queries_for_any_number_of_teams(self):
        Team = self.env["aftersales.team"].sudo(self.agent)
        fields_read = ["name"] + ["figure_" + name for name in (
            "backlog", "sla_compliance", "first_time_fix_rate",
            "repairs_in_workshop", "parts_consumed", "contract_revenue",
            "renewals_due", "satisfaction")]
        self.create_ticket(user_id=self.technician.id)
        few = Team.search([("id", "in", (self.team_urban + self.team_suburban).ids)])
        few.read(fields_read)  # warm: the user's rules and fields are known
        few.invalidate_cache()
        _result, queries_few = self.count_queries(few.read, fields_read)
        for number in range(8):
            self.env["aftersales.team"].create({
                "name": "More %d" % number, "parent_id": self.headquarters.id,
                "level": "point"})
            self.create_ticket()
        self.env["aftersales.team"].invalidate_cache()
        many = Team.search([])
        _result, queries_many = self.count_queries(many.read, fields_read)
        self.assertGreater(len(many), len(few))
        self.assertEqual(queries_many, queries_few)
        self.assertLessEqual(queries_many, 4)


class TestDashboardWorkshop(RepairCase):
    """The workshop's figures on the cards of the repair's team and
    technician: repairs holding a customer's product, parts they used."""

    def _figures(self, record):
        record.invalidate_cache()
        return (record.figure_repairs_in_workshop, record.figure_parts_consumed)

    def test_repairs_in_the_workshop_and_their_parts(self):
        lot = self.delivered_lot("2026-06-01 09:00:00")
        repair = self.take_back(self.create_repair_ticket(lot))
        self.add_part(repair, self.pump, 2.0)
        # a defective part removed goes to recycling: not consumed
        self.add_part(repair, self.valve, 1.0, line_type="remove")
        team = repair.team_id.sudo(self.agent)
        technician = self.technician.sudo(self.agent)
        self.assertEqual(repair.technician_id, self.technician)
        self.assertEqual(self._figures(team), (1, 0.0))
        self.assertEqual(self._figures(technician), (1, 0.0))
        action = team.with_context(
            dashboard_figure="repairs_in_workshop").action_open_figure()
        self.assertEqual(action["res_model"], "mrp.repair")
        self.assertEqual(self.env["mrp.repair"].search(action["domain"]),
                         repair)
        # repaired, the parts taken from stock; the product still held
        self.run_to_done(repair)
        self.assertEqual(self._figures(team), (1, 2.0))
        action = team.with_context(
            dashboard_figure="parts_consumed").action_open_figure()
        self.assertEqual(action["res_model"], "mrp.repair.line")
        self.assertEqual(
            self.env["mrp.repair.line"].search(action["domain"]),
            repair.operations.filtered(lambda line: line.type == "add"))
        # returned to the customer: no longer in the workshop
        self.return_product(repair)
        self.assertEqual(self._figures(team), (0, 2.0))
        self.assertEqual(self._figures(technician), (0, 2.0))
