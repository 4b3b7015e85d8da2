# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Shared fixtures of the contract tests: a service product with a tax, a
serial number delivered to a customer, a contract factory."""
from odoo.addons.aftersales_ticket.tests.common import AftersalesCase

from ..models.aftersales_contract_invoicing import (
    BATCH_SIZE_PARAM, GROUP_PARAM, SEND_PARAM)

# the core's fixed "now" (tests.common.FIXED_NOW) is 2026-11-23
TODAY = "2026-11-23"


class ContractCase(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(ContractCase, cls).setUpClass()
        env = cls.env
        cls.contract_manager = cls.manager
        # managers of contracts also invoice
        cls.manager.groups_id |= env.ref("account.group_account_invoice")
        cls.tax = env["account.tax"].create({
            "name": "Test VAT 21%", "amount": 21.0, "amount_type": "percent",
            "type_tax_use": "sale", "company_id": cls.company.id,
        })
        cls.fee = env["product.product"].create({
            "name": "Test Maintenance Fee", "type": "service",
            "list_price": 100.0, "taxes_id": [(6, 0, cls.tax.ids)],
        })
        cls.boiler = env["product.product"].create({
            "name": "Test Boiler", "type": "consu",
        })
        cls.lot = env["stock.production.lot"].create({
            "name": "SN-CONTRACT-1", "product_id": cls.boiler.id,
        })
        cls.lot_other = env["stock.production.lot"].create({
            "name": "SN-CONTRACT-2", "product_id": cls.boiler.id,
        })
        cls.Contract = env["aftersales.contract"]
        # the other running contracts (demo data) are not due in these tests
        env.cr.execute("UPDATE aftersales_contract SET next_period_start = "
                       "NULL WHERE state IN ('active', 'expiring')")
        cls.Contract.invalidate_cache()
        set_param = env["ir.config_parameter"].set_param
        set_param(GROUP_PARAM, "False")
        set_param(SEND_PARAM, "False")
        set_param(BATCH_SIZE_PARAM, "200")

    @classmethod
    def make_contract(cls, partner=None, start="2026-01-01", end="2026-12-31",
                      frequency="monthly", price=100.0, quantity=1.0,
                      lot=None, activate=True, tier="gold", **values):
        vals = {
            "partner_id": (partner or cls.customer_a).id,
            "date_start": start, "date_end": end, "frequency": frequency,
            "sla_tier": tier, "user_id": cls.manager.id,
            "line_ids": [(0, 0, {"product_id": cls.fee.id, "name": "Fee",
                                 "quantity": quantity, "price_unit": price})],
        }
        if lot is not False:
            lot = lot or cls.lot
            vals["equipment_ids"] = [(0, 0, {"product_id": lot.product_id.id,
                                             "lot_id": lot.id})]
        vals.update(values)
        contract = cls.Contract.create(vals)
        if activate:
            contract.action_activate()
        return contract

    def invoices_of(self, contract):
        return contract.period_ids.mapped("invoice_id")
