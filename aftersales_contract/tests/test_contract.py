# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import ContractCase


class TestContract(ContractCase):

    def test_create_number_taxes_activate(self):
        contract = self.make_contract(activate=False)
        self.assertTrue(contract.name.startswith("MC"))
        self.assertEqual(contract.state, "draft")
        # taxes come from the product when not given
        self.assertEqual(contract.line_ids.tax_ids, self.tax)
        self.assertEqual(contract.amount_period, 100.0)
        contract.action_activate()
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.next_period_start, "2026-01-01")
        with self.assertRaises(UserError):
            contract.action_activate()

    def test_state_change_tracked(self):
        contract = self.make_contract(activate=False)
        contract = contract.with_context(tracking_disable=False,
                                         mail_notrack=False)
        contract.action_activate()
        values = contract.message_ids.mapped("tracking_value_ids").filtered(
            lambda value: value.field == "state")
        self.assertEqual(values.mapped("new_value_char"), ["Active"])

    def test_end_before_start_refused(self):
        count = self.Contract.search_count([])
        with self.assertRaises(ValidationError):
            self.make_contract(start="2026-06-01", end="2026-05-31")
        contract = self.make_contract()
        with self.assertRaises(ValidationError):
            contract.write({"date_start": "2027-01-01"})
        self.assertEqual(self.Contract.search_count([]), count + 1)

    def test_negative_price_or_quantity_refused(self):
        count = self.Contract.search_count([])
        lines = self.env["aftersales.contract.line"].search_count([])
        with self.assertRaises(ValidationError):
            self.make_contract(price=-1.0)
        with self.assertRaises(ValidationError):
            self.make_contract(quantity=-2.0)
        self.assertEqual(self.Contract.search_count([]), count)
        self.assertEqual(
            self.env["aftersales.contract.line"].search_count([]), lines)
        contract = self.make_contract()
        with self.assertRaises(ValidationError):
            contract.line_ids.write({"price_unit": -5.0})
        self.assertEqual(contract.line_ids.price_unit, 100.0)

    def test_database_refuses_negative_price(self):
        contract = self.make_contract()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), \
                self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE aftersales_contract_line SET price_unit = -1 "
                "WHERE id = %s", (contract.line_ids.id,))

    def test_overlapping_coverage_refused(self):
        first = self.make_contract()
        second = self.make_contract(start="2026-06-01", end="2027-05-31",
                                    activate=False)
        # as a request would, the refused change is rolled back
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            second.action_activate()
        second.invalidate_cache()
        self.assertEqual(second.state, "draft")
        # another serial, or after the first one's end: accepted
        later = self.make_contract(start="2027-01-01", end="2027-12-31")
        self.assertEqual(later.state, "active")
        other = self.make_contract(lot=self.lot_other)
        self.assertEqual(other.state, "active")
        # adding the covered serial to a running contract: refused
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            other.write({"equipment_ids": [(0, 0, {
                "product_id": self.boiler.id, "lot_id": self.lot.id})]})
        other.invalidate_cache()
        self.assertEqual(len(other.equipment_ids), 1)
        self.assertEqual(first.state, "active")

    def test_workflow_fields_refused_by_write(self):
        contract = self.make_contract()
        for vals in ({"state": "expired"}, {"next_period_start": "2030-01-01"},
                     {"invoicing_failed": True}):
            with self.assertRaises(UserError):
                contract.sudo(self.manager).write(vals)
        with self.assertRaises(UserError):
            self.Contract.sudo(self.manager).create({
                "partner_id": self.customer_a.id, "date_end": "2027-01-01",
                "state": "active"})
        self.assertEqual(contract.state, "active")

    def test_terminate_needs_reason_and_date(self):
        contract = self.make_contract()
        with self.assertRaises(UserError):
            contract.action_terminate()
        contract.write({"termination_reason": "Customer moved away",
                        "termination_date": "2026-11-30"})
        (contract + contract).action_terminate()
        self.assertEqual(contract.state, "terminated")
        with self.assertRaises(UserError):
            contract.write({"termination_reason": "Changed"})

    def test_roles(self):
        contract = self.make_contract()
        for user in (self.agent, self.technician):
            self.assertEqual(contract.sudo(user).read(["name"])[0]["name"],
                             contract.name)
            with self.assertRaises(AccessError):
                contract.sudo(user).write({"user_id": user.id})
            with self.assertRaises(AccessError):
                self.Contract.sudo(user).create({
                    "partner_id": self.customer_a.id,
                    "date_end": "2027-01-01"})
            with self.assertRaises(AccessError):
                contract.sudo(user).action_renew()
        contract.sudo(self.manager).write({"user_id": self.agent.id})
        self.assertEqual(contract.user_id, self.agent)

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        contract = self.make_contract()
        # a customer of the other company, no responsible (the manager is
        # not a user of that company)
        partner_other = self.env["res.partner"].create({
            "name": "Other Co Customer", "company_id": other_company.id})
        # products both companies sell
        (self.fee + self.boiler).write({"company_id": False})
        contract_other = self.make_contract(
            partner=partner_other, lot=self.lot_other, activate=False,
            company_id=other_company.id, user_id=False)
        visible = self.Contract.sudo(self.manager).search(
            [("id", "in", (contract + contract_other).ids)])
        self.assertEqual(visible, contract)

    def test_portal_sees_own_signed_contracts(self):
        portal_partner = self.env["res.partner"].create({
            "name": "Portal Contact", "parent_id": self.customer_a.id,
            "email": "portal@customer-a.example.com"})
        portal = self.env["res.users"].create({
            "name": "Portal Contact", "login": "test_portal_contract",
            "partner_id": portal_partner.id,
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        own = self.make_contract()
        draft = self.make_contract(lot=self.lot_other, activate=False)
        other = self.make_contract(partner=self.customer_b, lot=False)
        found = self.Contract.sudo(portal).search([])
        self.assertEqual(found, own)
        self.assertEqual(own.sudo(portal).equipment_ids.lot_id, self.lot)
        with self.assertRaises(AccessError):
            other.sudo(portal).read(["name"])
        with self.assertRaises(AccessError):
            draft.sudo(portal).read(["name"])

    def test_partner_count_and_dispute(self):
        self.make_contract()
        self.assertEqual(self.customer_a.aftersales_contract_count, 1)
        contract = self.customer_a.aftersales_contract_ids
        dispute = self.env["aftersales.contract.dispute"].create({
            "contract_id": contract.id, "name": "Invoice of May",
            "kind": "mediation", "date_start": "2026-06-01"})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            dispute.write({"status": "settled"})
        dispute.invalidate_cache()
        self.assertEqual(dispute.status, "open")
        dispute.write({"status": "settled", "date_end": "2026-07-01",
                       "outcome": "Half refunded"})
        self.assertEqual(contract.dispute_ids, dispute)

    def test_delete_only_drafts(self):
        contract = self.make_contract()
        with self.assertRaises(UserError):
            contract.unlink()
        draft = self.make_contract(lot=self.lot_other, activate=False)
        draft.unlink()
        self.assertFalse(draft.exists())
