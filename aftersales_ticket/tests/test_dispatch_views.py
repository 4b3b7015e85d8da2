# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Whoever dispatches (agent, director, manager) has the dispatch board and
the technicians' planning on a time axis, and moves a visit from it (issue
19, item 15)."""
from lxml import etree

from .common import AftersalesCase


class TestDispatchViews(AftersalesCase):

    def _menu_ids(self, user):
        return self.env["ir.ui.menu"].sudo(user)._visible_menu_ids()

    def test_dispatchers_see_board_and_planning(self):
        board = self.env.ref("aftersales_ticket.aftersales_ticket_dispatch_menu")
        planning = self.env.ref(
            "aftersales_ticket.aftersales_ticket_planning_menu")
        for user in (self.agent, self.director, self.manager):
            menus = self._menu_ids(user)
            self.assertIn(board.id, menus, user.login)
            self.assertIn(planning.id, menus, user.login)
        self.assertNotIn(planning.id, self._menu_ids(self.technician))

    def test_planning_is_a_calendar_per_technician_on_planned_visits(self):
        action = self.env.ref(
            "aftersales_ticket.aftersales_ticket_action_planning")
        self.assertTrue(action.view_mode.startswith("calendar"))
        view = self.env["aftersales.ticket"].sudo(self.agent).fields_view_get(
            action.view_id.id, "calendar")
        calendar = etree.fromstring(view["arch"])
        self.assertEqual(calendar.get("date_start"), "date_planned")
        self.assertEqual(calendar.get("date_delay"), "planned_hours")
        self.assertEqual(calendar.get("color"), "user_id")
        # the board's default grouping is by technician, with the planning
        # among its views
        board = self.env.ref(
            "aftersales_ticket.aftersales_ticket_action_dispatch")
        self.assertNotIn("group_team", board.context)
        self.assertIn("calendar", board.view_mode)

    def test_agent_moves_a_visit_by_drag(self):
        """Dragging an event writes its start and duration, as the agent."""
        ticket = self.env["aftersales.ticket"].with_context(
            aftersales_no_auto_assign=True).create({
                "subject": "Visit", "partner_id": self.customer_a.id,
                "team_id": self.team_urban.id,
                "date_planned": "2030-01-07 08:00:00"})
        ticket.sudo(self.agent).write({"date_planned": "2030-01-07 11:00:00",
                                       "planned_hours": 2.0})
        self.assertEqual(ticket.date_planned, "2030-01-07 11:00:00")

    def test_board_card_has_nothing_floated_over_another(self):
        view = self.env["aftersales.ticket"].sudo(self.agent).fields_view_get(
            self.env.ref(
                "aftersales_ticket.aftersales_ticket_view_kanban_dispatch").id,
            "kanban")
        self.assertNotIn("pull-right", view["arch"])
        card = etree.fromstring(view["arch"])
        bottom = card.xpath("//div[hasclass('o_kanban_record_bottom')]")[0]
        names = [node.get("name") for node in bottom.iter("field")]
        self.assertNotIn("date_planned", names)
        self.assertNotIn("team_id", names)
