# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import UserError

from odoo.addons.aftersales_ticket.tests.common import frozen_clock

from .common import ContractCase


class TestRenewal(ContractCase):

    def test_renew_with_price_revision(self):
        contract = self.make_contract(start="2026-01-01", end="2026-12-31",
                                      price=99.99, renewal_percent=5.0)
        action = (contract + contract).action_renew()
        successor = self.Contract.browse(action["res_id"])
        self.assertEqual(contract.state, "renewed")
        self.assertEqual(successor.state, "active")
        self.assertEqual(successor.predecessor_id, contract)
        self.assertEqual(contract.successor_ids, successor)
        self.assertEqual((successor.date_start, successor.date_end),
                         ("2027-01-01", "2027-12-31"))
        self.assertEqual(successor.line_ids.price_unit, 104.99)
        self.assertEqual(successor.line_ids.tax_ids, self.tax)
        self.assertEqual(successor.equipment_ids.lot_id, self.lot)
        self.assertEqual(successor.next_period_start, "2027-01-01")
        self.assertNotEqual(successor.name, contract.name)
        self.assertEqual(contract.renewal_rate, 100.0)
        with self.assertRaises(UserError):
            contract.action_renew()

    def test_renewal_rate_by_month(self):
        renewed = self.make_contract(end="2026-06-30")
        renewed.action_renew()
        lost = self.make_contract(end="2026-06-30", lot=self.lot_other)
        with frozen_clock():
            self.Contract._cron_expiry()
        self.assertEqual(lost.state, "expired")
        groups = self.Contract.read_group(
            [("id", "in", (renewed + lost).ids)], ["renewal_rate", "date_end"],
            ["date_end:month"])
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0]["renewal_rate"], 50.0)

    def test_expiry_notice_sent_once(self):
        contract = self.make_contract(start="2026-01-01", end="2026-12-15")
        far = self.make_contract(start="2026-01-01", end="2027-03-31",
                                 lot=self.lot_other)
        Mail = self.env["mail.mail"]
        with frozen_clock():
            self.Contract._cron_expiry()
            self.Contract._cron_expiry()
        self.assertEqual(contract.state, "expiring")
        self.assertEqual(contract.notice_sent_date, "2026-11-23")
        self.assertEqual(far.state, "active")
        mails = Mail.search([("model", "=", "aftersales.contract"),
                             ("res_id", "=", contract.id)])
        self.assertEqual(len(mails), 1)
        self.assertIn(contract.name, mails.subject)
        self.assertEqual(len(mails.attachment_ids), 1)
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "aftersales.contract"),
            ("res_id", "=", contract.id)])
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.manager)
        self.assertEqual(activities.date_deadline, "2026-12-15")
        # an expiring contract can still be renewed
        contract.action_renew()
        self.assertEqual(contract.state, "renewed")

    def test_notice_days_setting(self):
        self.env["ir.config_parameter"].set_param(
            "aftersales_contract.notice_days", "60")
        contract = self.make_contract(start="2026-01-01", end="2027-01-15")
        with frozen_clock():
            self.Contract._cron_expiry()
        self.assertEqual(contract.state, "expiring")

    def test_printable_notice(self):
        contract = self.make_contract()
        html = self.env.ref(
            "aftersales_contract.aftersales_contract_notice_report"
        ).render_qweb_html(contract.ids)[0]
        self.assertIn(contract.name, html.decode())
        self.assertIn("SN-CONTRACT-1", html.decode())
