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
