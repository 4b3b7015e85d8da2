# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.tests.common import SavepointCase, at_install, post_install


@at_install(False)  # once every catalogue of the suite is loaded
@post_install(True)
class TestRepairTranslations(SavepointCase):
    """The workshop speaks zh_CN and es (catalogues loaded at install)."""

    def test_menus_and_payer_labels_are_translated(self):
        menu = self.env.ref("aftersales_repair.mrp_repair_menu")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "车间维修")
        self.assertEqual(menu.with_context(lang="es_ES").name,
                         "Reparaciones en taller")
        field = self.env["mrp.repair.line"].with_context(
            lang="es_ES").fields_get(["payer"])["payer"]
        self.assertEqual(field["string"], "Pagador")
