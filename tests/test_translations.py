# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The suite speaks the users' languages: the zh_CN and es catalogues are
loaded with the test database (``--load-language``) and reach the UI."""
import os

from odoo.modules.module import get_module_path
from odoo.tests.common import SavepointCase
from odoo.tools.translate import PoFile, trans_generate

SUITE_MODULES = ["aftersales_ticket", "aftersales_repair",
                 "aftersales_contract", "aftersales_survey", "aftersales"]
CATALOGUES = ["zh_CN", "es"]


def catalogue_translations(module, lang):
    """The source terms that have a translation in ``module``'s catalogue."""
    path = os.path.join(get_module_path(module), "i18n", lang + ".po")
    with open(path, "rb") as catalogue:
        return {entry[3] for entry in PoFile(catalogue) if entry[4]}


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

    def test_every_term_of_the_suite_is_translated(self):
        """Each suite addon's catalogues translate every term Odoo exports
        for it today (code strings, fields, views, data): a string added
        without its zh_CN and es translations fails here."""
        missing = {}
        for module in SUITE_MODULES:
            terms = {source for (_module, _type, _name, _res_id, source,
                                 _value, _comments)
                     in trans_generate(None, [module], self.env.cr)
                     if source and source.strip()}
            for lang in CATALOGUES:
                translated = catalogue_translations(module, lang)
                untranslated = sorted(terms - translated)
                if untranslated:
                    missing["%s/%s.po" % (module, lang)] = untranslated[:5]
        self.assertEqual(missing, {})
