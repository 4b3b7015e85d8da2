# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import datetime

from odoo import fields
from odoo.exceptions import UserError

from odoo.addons.aftersales_ticket.lib.working_clock import to_local
from odoo.addons.aftersales_ticket.tests.common import (
    create_working_calendar, frozen_clock)

from .common import ContractCase

MADRID = "Europe/Madrid"


class TestCoverage(ContractCase):

    @classmethod
    def setUpClass(cls):
        super(TestCoverage, cls).setUpClass()
        cls.calendar = create_working_calendar(cls.env, "Contract 9-18", MADRID)
        cls.team_urban.write({"resource_calendar_id": cls.calendar.id,
                              "auto_assign": False})
        cls.gold_policy = cls.env["aftersales.sla.policy"].create({
            "name": "Gold contracts", "sequence": 1, "sla_tier": "gold",
            "team_id": cls.team_urban.id, "arrival_hours": 2.0,
        })

    def ticket_for(self, lot, received="2026-06-10 08:00:00", **values):
        # 08:00 UTC = 10:00 in Madrid, a Wednesday
        return self.create_ticket(lot_id=lot.id, date_received=received,
                                  **values)

    def test_covered_serial_is_category_b_with_tier_and_deadline(self):
        contract = self.make_contract(tier="gold")
        ticket = self.ticket_for(self.lot)
        self.assertEqual(ticket.service_category, "B")
        self.assertEqual(ticket.contract_id, contract)
        self.assertEqual(ticket.sla_tier, "gold")
        self.assertEqual(ticket.sla_policy_id, self.gold_policy)
        self.assertEqual(
            to_local(fields.Datetime.from_string(ticket.sla_arrival_deadline),
                     MADRID), datetime(2026, 6, 10, 12, 0))

    def test_other_serial_or_customer_is_category_a(self):
        self.make_contract()
        ticket = self.ticket_for(self.lot_other)
        self.assertEqual(ticket.service_category, "A")
        self.assertFalse(ticket.contract_id)
        ticket = self.ticket_for(self.lot, partner_id=self.customer_b.id)
        self.assertEqual(ticket.service_category, "A")

    def test_product_line_covers_every_serial(self):
        contract = self.make_contract(lot=False, equipment_ids=[(0, 0, {
            "product_id": self.boiler.id})])
        self.assertEqual(self.ticket_for(self.lot_other).contract_id, contract)
        ticket = self.create_ticket(product_id=self.boiler.id,
                                    date_received="2026-06-10 08:00:00")
        self.assertEqual(ticket.contract_id, contract)

    def test_after_the_end_or_terminated_is_category_a(self):
        contract = self.make_contract(end="2026-06-30")
        ticket = self.ticket_for(self.lot, received="2026-07-01 08:00:00")
        self.assertEqual(ticket.service_category, "A")
        self.assertFalse(ticket.contract_id)
        # expired by the daily job: no longer covers, even within its dates
        with frozen_clock():
            self.Contract._cron_expiry()
        self.assertEqual(contract.state, "expired")
        ticket = self.ticket_for(self.lot)
        self.assertEqual(ticket.service_category, "A")
        other = self.make_contract(lot=self.lot_other)
        other.write({"termination_reason": "Unpaid", "termination_date":
                     "2026-05-01"})
        other.action_terminate()
        self.assertEqual(self.ticket_for(self.lot_other).service_category, "A")

    def test_requested_b_refused_without_contract(self):
        ticket = self.ticket_for(self.lot, service_category="B")
        self.assertEqual(ticket.service_category, "A")

    def test_contract_of_ticket_not_set_by_hand(self):
        contract = self.make_contract()
        with self.assertRaises(UserError):
            self.create_ticket(contract_id=contract.id)
        ticket = self.ticket_for(self.lot_other)
        with self.assertRaises(UserError):
            ticket.write({"contract_id": contract.id})

    def test_contract_of_another_company_does_not_cover(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        # a customer and products both companies share (a contract of a
        # company for another company's customer is refused)
        self.customer_a.company_id = False
        (self.fee + self.boiler).write({"company_id": False})
        self.make_contract(company_id=other_company.id, user_id=False)
        ticket = self.ticket_for(self.lot)
        self.assertFalse(ticket.contract_id)
        self.assertEqual(ticket.service_category, "A")

    def test_coverage_lookup_query_count(self):
        self.make_contract()
        draft = self.env["aftersales.ticket"].new({
            "partner_id": self.customer_a.id, "lot_id": self.lot.id,
            "date_received": "2026-06-10 08:00:00"})
        # the customer's running contracts, then their equipment lines
        with self.assertQueryCount(2):
            self.assertTrue(draft._get_covering_contract())
        # a customer without a running contract: one query, whatever the
        # number of other customers' contracts
        other = self.env["aftersales.ticket"].new({
            "partner_id": self.customer_b.id, "lot_id": self.lot.id,
            "date_received": "2026-06-10 08:00:00"})
        # read by the intake already
        self.assertEqual(other.partner_id.commercial_partner_id, self.customer_b)
        with self.assertQueryCount(1):
            self.assertFalse(other._get_covering_contract())
