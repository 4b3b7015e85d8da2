# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The suite speaks the users' languages: the zh_CN and es catalogues are
loaded with the test database (``--load-language``) and reach the UI."""
from odoo.tests.common import SavepointCase


class TestTranslations(SavepointCase):

    def test_english_stays_the_default_language(self):
        # loading other languages must not change new partners' language
        self.assertEqual(
            self.env["ir.default"].get("res.partner", "lang"), "en_US")

    def _menu_name(self, xmlid, lang):
        return self.env.ref(xmlid).with_context(lang=lang).name

    def test_menus_are_translated(self):
        root = "aftersales_ticket.menu_aftersales_root"
        self.assertEqual(self._menu_name(root, "zh_CN"), "售后")
        self.assertEqual(self._menu_name(root, "es_ES"), "Posventa")
        tickets = "aftersales_ticket.aftersales_ticket_menu"
        self.assertEqual(self._menu_name(tickets, "zh_CN"), "服务工单")
        self.assertEqual(self._menu_name(tickets, "es_ES"), "Tickets de servicio")

    def test_selection_values_are_translated(self):
        field = self.env["aftersales.ticket"].with_context(
            lang="zh_CN").fields_get(["request_type"])["request_type"]
        labels = dict(field["selection"])
        self.assertEqual(labels["complaint"], "投诉")
