# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The umbrella app installs the whole suite and its menu reaches the
right people only."""
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

SUITE = ["aftersales", "aftersales_ticket", "aftersales_repair",
         "aftersales_contract", "aftersales_survey"]


class TestSuiteInstall(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestSuiteInstall, cls).setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.agent = Users.create({
            "name": "Suite Agent", "login": "suite_agent",
            "groups_id": [(6, 0, [cls.env.ref("aftersales_ticket.group_agent").id])],
        })
        cls.employee = Users.create({
            "name": "Suite Employee", "login": "suite_employee",
            "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])],
        })
        cls.portal = Users.create({
            "name": "Suite Portal", "login": "suite_portal",
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])],
        })
        cls.root_menu = cls.env.ref("aftersales_ticket.menu_aftersales_root")

    def test_every_suite_addon_is_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", SUITE)])
        self.assertEqual(
            sorted(modules.filtered(lambda m: m.state == "installed").mapped("name")),
            sorted(SUITE))

    def _visible_menus(self, user):
        return self.env["ir.ui.menu"].sudo(user)._visible_menu_ids()

    def test_root_menu_only_for_service_users(self):
        self.assertIn(self.root_menu.id, self._visible_menus(self.agent))
        self.assertNotIn(self.root_menu.id, self._visible_menus(self.employee))
        with self.assertRaises(AccessError):  # portal users have no backend
            self._visible_menus(self.portal)

    def test_configuration_only_for_managers(self):
        config_menu = self.env.ref("aftersales_ticket.menu_aftersales_config")
        self.assertNotIn(config_menu.id, self._visible_menus(self.agent))
        manager = self.agent.copy({
            "login": "suite_manager",
            "groups_id": [(6, 0, [self.env.ref("aftersales_ticket.group_manager").id])],
        })
        self.assertIn(config_menu.id, self._visible_menus(manager))
