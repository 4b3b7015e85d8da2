# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Bad values over RPC on every model of the contracts, a signed contract's
terms, the customer's company, the serial's customer (issue 20: 10, 14,
15, 17, 5; issue 19.4)."""
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.aftersales_ticket.tests.common import create_delivered_lot

from .common import TODAY, ContractCase

REFUSED = (UserError, ValidationError)
MEGABYTE = "x" * (1024 * 1024)


class TestContractValues(ContractCase):

    @classmethod
    def setUpClass(cls):
        super(TestContractValues, cls).setUpClass()
        cls.contract = cls.make_contract(start="2026-11-01")
        cls.contract._invoice_due_periods(TODAY)

    def assertRefused(self, records, vals, create_in=None):
        """``vals`` refused with a clear message, nothing written."""
        before = records.read(list(vals)) if records else None
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            if create_in is not None:
                create_in.create(vals)
            else:
                records.write(vals)
        if records:
            records.invalidate_cache()
            self.assertEqual(records.read(list(vals)), before)

    def test_bad_numbers_refused_on_every_model(self):
        line = self.contract.line_ids.sudo(self.manager)
        dispute = self.env["aftersales.contract.dispute"].sudo(
            self.manager).create({"contract_id": self.contract.id,
                                  "name": "Price of May"})
        for value in ("abc", float("nan"), float("inf"), 1e308):
            for name in ("quantity", "price_unit"):
                self.assertRefused(line, {name: value})
            self.assertRefused(dispute, {"amount": value})
            self.assertRefused(self.contract.sudo(self.manager),
                               {"renewal_percent": value})
        self.assertRefused(dispute, {"kind": "war"})
        Line = self.env["aftersales.contract.line"].sudo(self.manager)
        self.assertRefused(Line, {"contract_id": self.contract.id,
                                  "product_id": self.fee.id, "name": "X",
                                  "price_unit": float("nan")}, create_in=Line)

    def test_bad_dates_ids_and_sizes_refused(self):
        equipment = self.contract.equipment_ids.sudo(self.manager)
        dispute = self.env["aftersales.contract.dispute"].sudo(
            self.manager).create({"contract_id": self.contract.id,
                                  "name": "Visit of June"})
        for value in ("not-a-date", "2026-02-30"):
            self.assertRefused(dispute, {"date_start": value})
            self.assertRefused(self.contract.sudo(self.manager),
                               {"termination_date": value})
        self.assertRefused(equipment, {"site_id": "abc"})
        self.assertRefused(equipment, {"site_id": 987654321})
        self.assertRefused(equipment, {"note": MEGABYTE})
        self.assertRefused(dispute, {"description": MEGABYTE})
        self.assertRefused(dispute, {"name": MEGABYTE})
        self.assertRefused(self.contract.line_ids.sudo(self.manager),
                           {"name": MEGABYTE})
        self.assertRefused(dispute, {"date_start": "2026-06-01",
                                     "date_end": "2026-05-01"})

    def test_periods_written_by_the_invoicing_only(self):
        period = self.contract.period_ids
        self.assertEqual(len(period), 1)
        for vals in ({"date_end": "2026-10-01"}, {"amount": float("nan")},
                     {"date_start": "not-a-date"}):
            self.assertRefused(period, vals)
        Period = self.env["aftersales.contract.period"]
        self.assertRefused(Period, {
            "contract_id": self.contract.id, "company_id": self.company.id,
            "invoice_id": period.invoice_id.id, "date_start": "2026-12-31",
            "date_end": "2026-12-01"}, create_in=Period)

    def test_line_subtotal_is_computed_only(self):
        """Issue 20.17: the stored subtotal was writable."""
        line = self.contract.line_ids.sudo(self.manager)
        self.assertRefused(line, {"price_subtotal": 1.0})
        line.write({"price_unit": 80.0})
        self.assertEqual(line.price_subtotal, 80.0)
        self.assertEqual(self.contract.amount_period, 80.0)

    def test_signed_contract_terms_are_fixed(self):
        """Issue 20.10: customer, company, start, frequency of a running
        contract."""
        contract = self.contract.sudo(self.manager)
        other_company = self.env["res.company"].create({"name": "Other Co"})
        for vals in ({"partner_id": self.customer_b.id},
                     {"company_id": other_company.id},
                     {"date_start": "2026-10-01"},
                     {"frequency": "yearly"}):
            self.assertRefused(contract, vals)
        # what the web client sends unchanged, and the other terms: fine
        contract.write({"partner_id": self.customer_a.id,
                        "date_end": "2027-06-30", "sla_tier": "silver"})
        self.assertEqual(contract.date_end, "2027-06-30")
        draft = self.make_contract(lot=self.lot_other, activate=False)
        draft.sudo(self.manager).write({"partner_id": self.customer_b.id,
                                        "frequency": "quarterly"})
        self.assertEqual(draft.partner_id, self.customer_b)

    def test_company_and_customer_consistency(self):
        """Issue 20.15: another company's customer, a portal responsible,
        a termination before the start, another customer's serial."""
        other_company = self.env["res.company"].create({"name": "Other Co"})
        partner_other = self.env["res.partner"].create({
            "name": "Other Co Customer", "company_id": other_company.id})
        portal = self.env["res.users"].create({
            "name": "Portal Responsible", "login": "test_portal_resp",
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        Contract = self.Contract.sudo(self.manager)
        base = {"partner_id": self.customer_a.id, "date_start": "2026-01-01",
                "date_end": "2026-12-31", "user_id": self.manager.id}
        self.assertRefused(Contract, dict(base, partner_id=partner_other.id),
                           create_in=Contract)
        self.assertRefused(Contract, dict(base, user_id=portal.id),
                           create_in=Contract)
        self.assertRefused(Contract, dict(
            base, termination_date="2025-12-31"), create_in=Contract)
        contract = self.contract.sudo(self.manager)
        self.assertRefused(contract, {"user_id": portal.id})
        self.assertRefused(contract, {"termination_date": "2026-10-31"})
        # a line, equipment or dispute on the other company's contract
        shared = self.env["res.partner"].create({
            "name": "Shared Customer", "company_id": False})
        (self.fee + self.boiler).write({"company_id": False})
        contract_other = self.make_contract(
            partner=shared, lot=False, activate=False,
            company_id=other_company.id, user_id=False)
        for model, vals in (
                ("aftersales.contract.line", {"product_id": self.fee.id,
                                              "name": "Fee"}),
                ("aftersales.contract.equipment",
                 {"product_id": self.boiler.id}),
                ("aftersales.contract.dispute", {"name": "Price"})):
            Model = self.env[model].sudo(self.manager)
            self.assertRefused(Model, dict(
                vals, contract_id=contract_other.id), create_in=Model)
        self.assertRefused(Contract, dict(base, company_id=other_company.id),
                           create_in=Contract)
        # a serial delivered to customer B: not on A's contract
        lot_b = create_delivered_lot(self.env, self.customer_b,
                                     "2026-03-01 10:00:00", name="SN-B-1")
        self.assertRefused(contract, {"equipment_ids": [(0, 0, {
            "product_id": lot_b.product_id.id, "lot_id": lot_b.id})]})
        self.assertRefused(contract.equipment_ids, {"lot_id": lot_b.id,
                                                    "product_id":
                                                    lot_b.product_id.id})
        lot_a = create_delivered_lot(self.env, self.customer_a,
                                     "2026-03-01 10:00:00", name="SN-A-1")
        contract.write({"equipment_ids": [(0, 0, {
            "product_id": lot_a.product_id.id, "lot_id": lot_a.id})]})
        self.assertIn(lot_a, contract.equipment_ids.mapped("lot_id"))

    def test_customer_reads_no_internal_field(self):
        """Issue 20.17: the next price revision over RPC."""
        portal_partner = self.env["res.partner"].create({
            "name": "Portal Contact", "parent_id": self.customer_a.id})
        portal = self.env["res.users"].create({
            "name": "Portal Contact", "login": "test_portal_contract_rpc",
            "partner_id": portal_partner.id,
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        contract = self.contract.sudo(portal)
        self.assertEqual(contract.read(["name"])[0]["name"],
                         self.contract.name)
        for name in ("renewal_percent", "invoicing_error",
                     "termination_reason"):
            with self.assertRaises(AccessError):
                contract.read([name])
        self.assertNotIn("renewal_percent", contract.read()[0])
        self.assertNotIn("renewal_percent", contract.fields_get())

    def test_settings_in_range(self):
        """Issue 20.5: the contract settings."""
        Settings = self.env["res.config.settings"]
        for vals in ({"aftersales_contract_notice_days": -1},
                     {"aftersales_contract_notice_days": 100000},
                     {"aftersales_contract_batch_size": 0},
                     {"aftersales_contract_batch_size": 10 ** 9}):
            settings = Settings.create(vals)
            with self.assertRaises(ValidationError):
                settings.set_values()
        settings = Settings.create({"aftersales_contract_notice_days": 45,
                                    "aftersales_contract_batch_size": 500})
        settings.set_values()
        self.assertEqual(self.Contract._notice_days(), 45)
        self.assertEqual(self.Contract._invoice_batch_size(), 500)
