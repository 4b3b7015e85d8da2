# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Each role lands on its work: the technician on his jobs of the day, the
agent on the tickets, the director on his teams' planning, the manager on
the dashboard, the customer on his account (/my)."""
import re
from datetime import datetime, timedelta

from lxml import etree

from odoo import fields
from odoo.addons.aftersales_ticket.tests.common import (
    AftersalesCase, AftersalesHttpCase)
from odoo.tests import common as odoo_test_common
from odoo.tools.safe_eval import safe_eval

from .test_dashboard_figures_readable import web_client_context

PASSWORD = "landing-Secret-2026"


def landing(env, xmlid):
    return env.ref(xmlid).id


class TestLanding(AftersalesCase):

    def _action_records(self, user, xmlid, filters=()):
        """The records the action lists for ``user``, with its default
        search filters, as the web client evaluates them."""
        action = self.env.ref(xmlid).sudo(user).read()[0]
        context = web_client_context(user)
        domain = safe_eval(action["domain"] or "[]", context)
        action_context = safe_eval(action["context"] or "{}", context)
        Model = self.env[action["res_model"]].sudo(user)
        arch = etree.fromstring(Model.fields_view_get(view_type="search")[
            "arch"])
        for node in arch.iter("filter"):
            if action_context.get("search_default_" + (node.get("name") or "")) \
                    or node.get("name") in filters:
                domain += safe_eval(node.get("domain") or "[]", context)
        order = None
        if action["view_id"]:
            view = self.env["ir.ui.view"].browse(action["view_id"][0])
            order = etree.fromstring(view.arch_db).get("default_order")
        return Model.search(domain, order=order), action

    def test_each_role_lands_on_its_work(self):
        expected = {
            self.technician: "aftersales.aftersales_ticket_action_my_jobs",
            self.agent: "aftersales_ticket.aftersales_ticket_action",
            self.director: "aftersales.aftersales_ticket_action_team_planning",
            self.manager: "aftersales.aftersales_team_suite_dashboard_action",
        }
        for user, xmlid in expected.items():
            self.assertEqual(user.action_id.id, landing(self.env, xmlid),
                             user.login)
        billing = self._create_user("billing", "account.group_account_invoice")
        self.assertEqual(billing.action_id.id, landing(
            self.env, "account.action_invoice_tree1"))
        warehouse = self._create_user("warehouse", "stock.group_stock_user")
        self.assertEqual(warehouse.action_id.id, landing(
            self.env, "stock.stock_picking_type_action"))
        # a new role moves the landing; one set by hand stays
        self.technician.write({"groups_id": [(4, self.env.ref(
            "aftersales_ticket.group_manager").id)]})
        self.assertEqual(self.technician.action_id.id, landing(
            self.env, "aftersales.aftersales_team_suite_dashboard_action"))
        by_hand = self.env.ref("aftersales_ticket.aftersales_ticket_action_dispatch")
        self.agent.action_id = by_hand.id
        self.agent.write({"groups_id": [(4, self.env.ref(
            "aftersales_ticket.group_director").id)]})
        self.assertEqual(self.agent.action_id.id, by_hand.id)
        # the form's role selector (reified group fields) too
        user = self.env["res.users"].create({
            "name": "Form User", "login": "test_form_user",
            "in_group_%d" % self.env.ref(
                "aftersales_ticket.group_technician").id: True,
        })
        self.assertEqual(user.action_id.id, landing(
            self.env, "aftersales.aftersales_ticket_action_my_jobs"))

    def test_existing_users_get_their_landing(self):
        self.technician.action_id = False
        self.env["res.users"]._aftersales_set_landing_actions()
        self.assertEqual(self.technician.action_id.id, landing(
            self.env, "aftersales.aftersales_ticket_action_my_jobs"))
        admin = self.env.ref("base.user_root")
        self.assertNotEqual(admin.action_id.id, landing(
            self.env, "aftersales.aftersales_team_suite_dashboard_action"))

    def test_my_jobs_today_are_his_open_visits_by_planned_time(self):
        now = datetime.now()
        later = self.create_ticket(user_id=self.technician.id)
        earlier = self.create_ticket(user_id=self.technician.id)
        tomorrow = self.create_ticket(user_id=self.technician.id)
        # planned by the dispatcher (the technician's plan is not his)
        later.write({"date_planned": fields.Datetime.to_string(
            now.replace(hour=23, minute=0))})
        earlier.write({"date_planned": fields.Datetime.to_string(
            now.replace(hour=0, minute=30) - timedelta(days=1))})
        tomorrow.write({"date_planned": fields.Datetime.to_string(
            now + timedelta(days=2))})
        closed = self.create_ticket(user_id=self.technician.id)
        closed.write({"stage_id": self.env.ref(
            "aftersales_ticket.stage_closed").id})
        self.create_ticket(user_id=self.technician_other.id)
        jobs, action = self._action_records(
            self.technician, "aftersales.aftersales_ticket_action_my_jobs")
        self.assertEqual(action["view_mode"].split(",")[0], "tree")
        planned = jobs.filtered("date_planned")
        self.assertEqual(planned[:2], earlier + later)
        self.assertNotIn(tomorrow, jobs)
        self.assertNotIn(closed, jobs)
        self.assertEqual(jobs.mapped("user_id"), self.technician)
        menu = self.env.ref("aftersales.aftersales_my_jobs_menu")
        self.assertIn(menu.id, self.env["ir.ui.menu"].sudo(
            self.technician)._visible_menu_ids())

    def test_the_director_plans_his_teams(self):
        mine = self.create_ticket(team_id=self.team_suburban.id)
        other_team = self.env["aftersales.team"].create({
            "name": "Test Other Centre", "level": "center",
            "parent_id": self.headquarters.id})
        other = self.create_ticket(team_id=other_team.id)
        tickets, action = self._action_records(
            self.director, "aftersales.aftersales_ticket_action_team_planning")
        self.assertEqual(action["view_mode"].split(",")[0], "calendar")
        # the urban centre he directs and the point under it
        self.assertIn(mine, tickets)
        self.assertNotIn(other, tickets)
        self.assertEqual(set(tickets.mapped("team_id")) - {
            self.team_urban, self.team_suburban}, set())


class TestPortalLanding(AftersalesHttpCase):

    def test_the_customer_lands_on_his_account(self):
        contact = self.env["res.partner"].create({
            "name": "Landing Customer", "email": "landing@customer.example.com"})
        self.create_user("test_landing_portal", ["base.group_portal"],
                         PASSWORD, contact)
        self.create_user("test_landing_agent",
                         ["aftersales_ticket.group_agent"], PASSWORD)
        self.checkpoint()
        for login, target in (("test_landing_portal", "/my"),
                              ("test_landing_agent", "/web")):
            self.opener.cookies.clear()
            page = self.url_open("/web/login")
            token = re.search(r'name="csrf_token" value="([^"]+)"',
                              page.text).group(1)
            url = "http://%s:%s/web/login" % (odoo_test_common.HOST,
                                              odoo_test_common.PORT)
            response = self.opener.post(url, data={
                "login": login, "password": PASSWORD, "csrf_token": token},
                allow_redirects=False, timeout=10)
            # where the browser goes: an HTTP redirect, or the page's script
            # that keeps the URL's hash
            if response.is_redirect:
                path = response.headers["Location"]
            else:
                path = re.search(r"window.location = '([^']*)'",
                                 response.text).group(1)
            path = re.sub(r"^https?://[^/]+", "", path)
            self.assertEqual(path.split("?")[0].split("#")[0], target, login)
