# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The dashboard as its roles read it: actions and filters the web client
can evaluate, a bad number that blanks nothing, no figure where there is
no basis, every figure with its unit, records the role may open, past
periods that end today."""
import json
import os
import time
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.addons.aftersales_contract.tests.common import TODAY, ContractCase
from odoo.addons.aftersales_survey.tests.common import SurveyCase
from odoo.tools.safe_eval import safe_eval

from ..models.aftersales_dashboard_figure import MEASURES

FIGURE_FIELDS = ["figure_" + name for name in MEASURES]


def web_client_context(user):
    """What the web client evaluates domains and contexts of actions and
    search filters with (its pyeval): no ref(), no user record."""
    today = date.today()
    return {
        "uid": user.id, "context_today": lambda: today,
        "current_date": today.strftime("%Y-%m-%d"),
        "relativedelta": relativedelta, "datetime": datetime,
        "time": time, "active_id": False, "active_ids": [],
    }


class TestDashboardReadable(ContractCase):

    @classmethod
    def setUpClass(cls):
        super(TestDashboardReadable, cls).setUpClass()
        # a service manager without accounting rights (ContractCase's
        # manager also invoices)
        cls.service_manager = cls._create_user(
            "service_manager", "aftersales_ticket.group_manager")
        # the team that last served customer A gets its contract figures
        cls.served_ticket = cls.env["aftersales.ticket"].create({
            "subject": "Served", "partner_id": cls.customer_a.id,
            "team_id": cls.team_urban.id})

    def _invoiced_contract(self, **values):
        contract = self.make_contract(start="2026-09-01", end="2027-08-31",
                                      **values)
        contract._invoice_due_periods(TODAY)
        contract.mapped("period_ids.invoice_id").action_invoice_open()
        self.assertEqual(len(contract.period_ids), 3)
        return contract

    # issue 19.3 -----------------------------------------------------------
    def test_umbrella_actions_evaluate_in_the_web_client(self):
        """Every action and search filter of the umbrella evaluates with
        what the web client knows (the technicians' domain used ref())."""
        user = self.service_manager
        context = web_client_context(user)
        data = self.env["ir.model.data"].search([
            ("module", "=", "aftersales"),
            ("model", "=", "ir.actions.act_window")])
        self.assertGreaterEqual(len(data), 5)
        for action in self.env["ir.actions.act_window"].browse(
                data.mapped("res_id")).sudo(user):
            values = action.read(["domain", "context", "res_model"])[0]
            domain = safe_eval(values["domain"] or "[]", context)
            safe_eval(values["context"] or "{}", context)
            # and the records it lists are read as the manager
            self.env[values["res_model"]].sudo(user).search(domain, limit=5)
        views = self.env["ir.ui.view"].browse(self.env["ir.model.data"].search([
            ("module", "=", "aftersales"),
            ("model", "=", "ir.ui.view")]).mapped("res_id"))
        filters = 0
        for view in views.filtered(lambda view: view.type == "search"):
            arch = self.env[view.model].sudo(user).fields_view_get(
                view_id=view.id, view_type="search")["arch"]
            for node in etree.fromstring(arch).iter("filter"):
                domain = safe_eval(node.get("domain") or "[]", context)
                safe_eval(node.get("context") or "{}", context)
                self.env[view.model].sudo(user).search(domain, limit=1)
                filters += 1
        self.assertGreater(filters, 5)

    def test_technicians_report_lists_the_technicians(self):
        action = self.env.ref("aftersales.aftersales_technician_dashboard_action")
        values = action.sudo(self.service_manager).read(["domain"])[0]
        domain = safe_eval(values["domain"],
                           web_client_context(self.service_manager))
        technicians = self.env["res.users"].sudo(
            self.service_manager).search(domain)
        self.assertIn(self.technician, technicians)
        self.assertIn(self.technician_other, technicians)
        self.assertNotIn(self.agent, technicians)

    # issue 19.4 -----------------------------------------------------------
    def test_a_nan_amount_blanks_nothing(self):
        contract = self._invoiced_contract()
        nan_period, *others = contract.period_ids
        # accepted over RPC before: stored as NaN
        self.env.cr.execute("UPDATE aftersales_contract_period SET amount = "
                            "'NaN' WHERE id = %s", [nan_period.id])
        self.env["aftersales.contract.period"].invalidate_cache()
        manager = self.service_manager
        Figure = self.env["aftersales.dashboard.figure"].sudo(manager)
        groups = Figure.read_group(
            [("team_id", "=", self.team_urban.id)],
            ["team_id"] + list(MEASURES), ["team_id"])
        # the web client parses JSON: NaN is none of it
        json.dumps(groups, allow_nan=False, default=str)
        self.assertAlmostEqual(groups[0]["contract_revenue"], 200.0)
        rows = Figure.search_read(
            [("source", "=", "invoice"),
             ("res_id", "in", contract.period_ids.ids)],
            ["res_id", "contract_revenue"])
        json.dumps(rows, allow_nan=False, default=str)
        self.assertEqual({row["res_id"]: row["contract_revenue"]
                          for row in rows},
                         {nan_period.id: 0.0, others[0].id: 100.0,
                          others[1].id: 100.0})
        # the cards
        teams = self.env["aftersales.team"].sudo(manager).search([])
        cards = teams.read(FIGURE_FIELDS)
        json.dumps(cards, allow_nan=False, default=str)
        card = teams.filtered(lambda team: team == self.team_urban)
        self.assertAlmostEqual(card.figure_contract_revenue, 200.0)
        # and the records behind the figure
        action = card.with_context(
            dashboard_figure="contract_revenue").action_open_figure()
        records = self.env[action["res_model"]].sudo(manager).search(
            action["domain"])
        self.assertEqual(set(records.ids), {others[0].id, others[1].id})

    # issue 19.2 (the figure) ------------------------------------------------
    def test_contract_revenue_opens_what_the_role_reads(self):
        contract = self._invoiced_contract()
        card = self.team_urban.sudo(self.service_manager)
        action = card.with_context(
            dashboard_figure="contract_revenue").action_open_figure()
        # the manager reads the invoiced periods (no accounting rights)
        self.assertEqual(action["res_model"], "aftersales.contract.period")
        records = self.env[action["res_model"]].sudo(
            self.service_manager).search(action["domain"])
        self.assertEqual(records, contract.period_ids)
        records.read(["amount", "invoice_id"])
        # an agent reads the contract form and its periods (issue 19.2),
        # so his figure opens the periods too
        action = self.team_urban.sudo(self.agent).with_context(
            dashboard_figure="contract_revenue").action_open_figure()
        self.assertEqual(action["res_model"], "aftersales.contract.period")
        self.assertEqual(self.env[action["res_model"]].sudo(
            self.agent).search(action["domain"]), contract.period_ids)

    # issue 19.11 ------------------------------------------------------------
    def test_no_basis_reads_as_no_figure(self):
        """A team without rated records shows "-" for every rate, however
        its other rows (contracts, repairs, parts) make it appear."""
        self._invoiced_contract()
        empty = self.env["aftersales.team"].create({
            "name": "Empty Team", "parent_id": self.headquarters.id,
            "level": "point"})
        for team in (self.team_urban, self.headquarters, empty):
            card = team.sudo(self.service_manager)
            for name in ("sla_compliance", "first_time_fix_rate",
                         "satisfaction"):
                value = card["figure_" + name]
                self.assertTrue(value == "-" or value.endswith(" %"), value)
            self.assertEqual(card.figure_satisfaction, "-")
        card = self.headquarters.sudo(self.service_manager)
        self.assertEqual((card.figure_sla_compliance,
                          card.figure_first_time_fix_rate), ("-", "-"))

    # issue 19.18 ------------------------------------------------------------
    def test_every_figure_has_its_unit(self):
        self._invoiced_contract()
        Team = self.env["aftersales.team"].sudo(self.service_manager)
        description = Team.fields_get(["figure_contract_revenue"])[
            "figure_contract_revenue"]
        self.assertEqual(description["type"], "monetary")
        card = Team.browse(self.team_urban.id)
        self.assertEqual(card.figure_currency_id, self.company.currency_id)
        arch = Team.fields_view_get(view_id=self.env.ref(
            "aftersales.aftersales_team_view_kanban_suite_dashboard").id,
            view_type="kanban")["arch"]
        doc = etree.fromstring(arch)
        revenue = doc.xpath("//templates//field[@name="
                            "'figure_contract_revenue']")
        self.assertEqual([node.get("widget") for node in revenue],
                         ["monetary"])
        self.assertTrue(doc.xpath("//field[@name='figure_currency_id']"))
        for view_xmlid in ("aftersales_team_view_kanban_suite_dashboard",
                           "res_users_view_kanban_technician_dashboard"):
            view = self.env.ref("aftersales." + view_xmlid)
            self.assertIn('figure_parts_consumed.value"/> pcs', view.arch_db)
        # the rates carry their %, the analysis its currency
        self.assertTrue(card.figure_first_time_fix_rate in ("-",)
                        or card.figure_first_time_fix_rate.endswith("%"))
        figure_fields = self.env["aftersales.dashboard.figure"].fields_get()
        self.assertEqual(figure_fields["contract_revenue"]["type"],
                         "monetary")
        for name in ("sla_compliance", "first_time_fix_rate",
                     "satisfaction"):
            self.assertIn("(%)", figure_fields[name]["string"])
        self.assertIn("(pcs)", figure_fields["parts_consumed"]["string"])

    def test_card_labels_wrap_in_every_language(self):
        """Labels wrap instead of being cut: the dashboard's stylesheet is
        in the backend's assets and lets its links and buttons wrap."""
        assets = self.env["ir.qweb"]._get_asset_content(
            "web.assets_backend", {})[0]
        urls = [asset["url"] for asset in assets]
        url = "/aftersales/static/src/css/aftersales_dashboard.css"
        self.assertIn(url, urls)
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)),
                            "static", "src", "css", "aftersales_dashboard.css")
        with open(path) as css_file:
            css = css_file.read()
        self.assertIn(".o_aftersales_dashboard", css)
        self.assertIn("white-space: normal", css)
        # and the labels are translated
        for lang in ("es_ES", "zh_CN"):
            if not self.env["res.lang"].search([("code", "=", lang)]):
                continue
            arch = self.env["aftersales.team"].with_context(
                lang=lang).fields_view_get(
                    view_id=self.env.ref(
                        "aftersales.aftersales_team_view_kanban_suite_dashboard"
                    ).id, view_type="kanban")["arch"]
            self.assertNotIn("Repairs in the workshop", arch, lang)

    def test_last_30_days_are_past_days(self):
        """Service Figures -> Last 30 Days: from 30 days ago to today, not
        the contracts that end in 2099."""
        self.make_contract(start="2026-01-01", end="2099-12-31",
                           partner=self.customer_a)
        recent = self.create_ticket(date_received=fields.Datetime.to_string(
            datetime.now() - timedelta(days=3)))
        Figure = self.env["aftersales.dashboard.figure"].sudo(
            self.service_manager)
        arch = Figure.fields_view_get(view_id=self.env.ref(
            "aftersales.aftersales_dashboard_figure_view_search").id,
            view_type="search")["arch"]
        node = etree.fromstring(arch).xpath(
            "//filter[@name='last_30_days']")[0]
        domain = safe_eval(node.get("domain"),
                           web_client_context(self.service_manager))
        rows = Figure.search(domain)
        today = fields.Date.today()
        self.assertTrue(rows)
        self.assertLessEqual(max(rows.mapped("date")), today)
        self.assertGreaterEqual(min(rows.mapped("date")), fields.Date.to_string(
            date.today() - timedelta(days=30)))
        self.assertIn(("aftersales.ticket", recent.id),
                      [(row.res_model, row.res_id) for row in rows])


class TestDashboardNoBasis(SurveyCase):
    """An answer with a comment only rates nothing: the team's
    satisfaction is no figure ("-"), not 0 %."""

    def test_a_comment_only_answer_is_no_satisfaction(self):
        commented = self.closed_ticket(team_id=self.headquarters.id)
        self.answer(self.invitation(commented), {}, text="Nice people")
        rated = self.closed_ticket()
        self.answer(self.invitation(rated), {
            item: 4 for item in ("attitude", "skill", "arrival", "promise")})
        teams = (self.headquarters + self.team_urban).sudo(self.manager)
        self.assertEqual(teams.mapped("figure_satisfaction"), ["-", "100 %"])
        action = teams[1].with_context(
            dashboard_figure="satisfaction").action_open_figure()
        self.assertEqual(self.env[action["res_model"]].search(
            action["domain"]), self.invitation(rated))
