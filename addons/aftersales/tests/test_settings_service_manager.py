# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The service manager opens and saves the suite's settings screen with his
own rights (no Administration rights): the After-Sales block only, nothing
else of Odoo's settings."""
from lxml import etree

from odoo.addons.aftersales_ticket.tests.common import AftersalesCase
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.safe_eval import safe_eval


class TestSettingsServiceManager(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestSettingsServiceManager, cls).setUpClass()
        cls.action = cls.env.ref("aftersales.aftersales_config_settings_action")
        cls.get_param = cls.env["ir.config_parameter"].sudo().get_param

    def _open(self, user):
        """What the web client does: the action, its form, its defaults."""
        action = self.action.sudo(user).read()[0]
        Settings = self.env[action["res_model"]].sudo(user).with_context(
            **safe_eval(action["context"] or "{}"))
        view = Settings.fields_view_get(view_type="form")
        defaults = Settings.default_get(list(view["fields"]))
        return Settings, view, defaults

    def test_the_manager_opens_and_saves_the_suite_settings(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        menu = self.env.ref("aftersales.aftersales_settings_menu")
        self.assertIn(menu.id, self.env["ir.ui.menu"].sudo(
            self.manager)._visible_menu_ids())
        Settings, view, defaults = self._open(self.manager)
        # the After-Sales block only
        doc = etree.fromstring(view["arch"])
        keys = doc.xpath("//div[contains(@class, 'app_settings_block')]"
                         "/@data-key")
        self.assertEqual(keys, ["aftersales"])
        self.assertTrue(view["fields"])
        self.assertFalse({name for name in view["fields"]
                          if not name.startswith("aftersales_")}
                         - {"company_id"})
        self.assertIn("aftersales_repeat_complaint_days", defaults)
        # saved as the web client does: create with the form's values, then
        # the Save button
        values = dict(defaults, aftersales_repeat_complaint_days=61,
                      aftersales_urban_arrival_hours=3.5)
        values = {name: value for name, value in values.items()
                  if name in view["fields"]}
        settings = Settings.create(values)
        settings.execute()
        self.assertEqual(self.get_param("aftersales.repeat_complaint_days"),
                         "61")
        self.assertEqual(Settings.default_get(
            ["aftersales_urban_arrival_hours"]),
            {"aftersales_urban_arrival_hours": 3.5})
        # the company's workshop location too
        location = self.env["stock.location"].create({
            "name": "Test Workshop Shelf", "usage": "internal"})
        settings = Settings.create(dict(
            values, aftersales_repair_location_id=location.id))
        settings.execute()
        self.assertEqual(self.company.aftersales_repair_location_id, location)

    def test_the_manager_writes_nothing_else(self):
        Settings, _view, _defaults = self._open(self.manager)
        with self.assertRaises(AccessError):
            Settings.create({"group_multi_currency": True})
        with self.assertRaises(AccessError):
            Settings.create({"module_base_import": True})
        other = self.env["res.company"].create({"name": "Other Company"})
        with self.assertRaises(AccessError):
            Settings.create({"company_id": other.id})
        # nor can anybody else without the manager's role
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].sudo(self.agent).create(
                {}).execute()

    def test_bad_values_are_refused(self):
        Settings, _view, _defaults = self._open(self.manager)
        for name, value in (("aftersales_urban_arrival_hours", float("nan")),
                            ("aftersales_urban_arrival_hours", float("inf")),
                            ("aftersales_repeat_complaint_days", "abc"),
                            ("aftersales_repair_location_id", 999999999)):
            with self.assertRaises(ValidationError, msg=name):
                Settings.create({name: value})
        # out of range: refused before the settings are saved
        with self.assertRaises(ValidationError):
            Settings.create(
                {"aftersales_repeat_complaint_days": -1}).execute()
        self.assertNotEqual(self.get_param("aftersales.repeat_complaint_days"),
                            "-1")

    def test_the_administrator_keeps_every_setting(self):
        Settings, view, defaults = self._open(self.env.ref("base.user_root"))
        doc = etree.fromstring(view["arch"])
        self.assertGreater(len(doc.xpath(
            "//div[contains(@class, 'app_settings_block')]")), 1)
        self.assertIn("company_share_partner", defaults)
