# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.tests.common import SavepointCase


class TestSuiteSettings(SavepointCase):

    def test_settings_are_stored_as_system_parameters(self):
        settings = self.env["res.config.settings"].create({
            "aftersales_repeat_complaint_days": 45,
            "aftersales_urban_arrival_hours": 5.5,
            "aftersales_suburban_arrival_hours": 8.0,
        })
        settings.execute()
        get = self.env["ir.config_parameter"].sudo().get_param
        self.assertEqual(get("aftersales.repeat_complaint_days"), "45")
        self.assertEqual(float(get("aftersales.urban_arrival_hours")), 5.5)
        self.assertEqual(float(get("aftersales.suburban_arrival_hours")), 8.0)
        # and they are read back by a new settings form
        reopened = self.env["res.config.settings"].create({})
        self.assertEqual(reopened.aftersales_repeat_complaint_days, 45)

    def test_every_suite_setting_is_on_the_one_settings_screen(self):
        """Each setting a suite addon adds to ``res.config.settings``
        (system parameters and company fields alike) is shown on the suite's
        settings screen."""
        Settings = self.env["res.config.settings"]
        arch = Settings.fields_view_get(
            view_id=self.env.ref("base.res_config_settings_view_form").id,
            view_type="form")["arch"]
        field_ids = self.env["ir.model.data"].search([
            ("model", "=", "ir.model.fields"),
            ("module", "=like", "aftersales%"),
        ]).mapped("res_id")
        suite_fields = self.env["ir.model.fields"].browse(field_ids).filtered(
            lambda field: field.model == "res.config.settings")
        declared = set(suite_fields.mapped("name"))
        # every system parameter a suite addon reads is among them
        self.assertLessEqual(set(Settings._aftersales_parameters()), declared)
        self.assertIn("aftersales_recycling_location_id", declared)
        self.assertGreaterEqual(len(declared), 20)
        missing = {name for name in declared
                   if 'name="%s"' % name not in arch}
        self.assertEqual(missing, set())
