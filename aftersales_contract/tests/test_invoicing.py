# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import date
from unittest import mock

from odoo.addons.base.ir.ir_mail_server import MailDeliveryException
from odoo.addons.queue_job.job import Job
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from odoo.addons.aftersales_ticket.tests.common import frozen_clock

from ..models.account_invoice import AccountInvoice
from ..models.aftersales_contract_invoicing import (
    BATCH_SIZE_PARAM, GROUP_PARAM, SEND_PARAM,
    AftersalesContract as InvoicingMixin)
from .common import TODAY, ContractCase

LOGGER = "odoo.addons.aftersales_contract.models.aftersales_contract_invoicing"


class Crash(BaseException):
    """A crash of the worker (not an error the job handles)."""


class TestInvoicing(ContractCase):

    def run_invoicing(self, contracts=None, today=TODAY):
        contracts = contracts if contracts is not None else \
            self.Contract.browse(self.Contract._due_contract_ids(today))
        return contracts._invoice_due_periods(today)

    def test_catch_up_three_months(self):
        contract = self.make_contract(start="2026-09-01", end="2027-08-31",
                                      price=50.0, quantity=2.0)
        result = self.run_invoicing(contract)
        self.assertEqual(result["periods"], 3)
        periods = contract.period_ids
        self.assertEqual(periods.mapped("date_start"),
                         ["2026-09-01", "2026-10-01", "2026-11-01"])
        self.assertEqual(periods.mapped("date_end"),
                         ["2026-09-30", "2026-10-31", "2026-11-30"])
        invoices = self.invoices_of(contract)
        self.assertEqual(len(invoices), 3)
        self.assertEqual(invoices.mapped("amount_untaxed"), [100.0] * 3)
        self.assertEqual(invoices.mapped("amount_tax"), [21.0] * 3)
        self.assertEqual(invoices.mapped("amount_total"), [121.0] * 3)
        self.assertEqual(invoices.mapped("partner_id"), self.customer_a)
        self.assertTrue(all(inv.state == "draft" for inv in invoices))
        self.assertIn("2026-10-01 to 2026-10-31",
                      invoices.mapped("invoice_line_ids.name")[1])
        self.assertEqual(contract.next_period_start, "2026-12-01")
        self.assertEqual(contract.invoice_count, 3)
        # a second run invoices nothing
        self.assertEqual(self.run_invoicing(contract)["periods"], 0)
        self.assertEqual(len(contract.period_ids), 3)

    def test_quarterly_and_last_period_stops_at_end(self):
        contract = self.make_contract(start="2026-01-01", end="2026-08-15",
                                      frequency="quarterly", price=300.0)
        self.run_invoicing(contract)
        self.assertEqual(contract.period_ids.mapped("date_end"),
                         ["2026-03-31", "2026-06-30", "2026-08-15"])
        self.assertFalse(self.Contract._due_contract_ids(TODAY).count(
            contract.id))

    def test_broken_contract_in_the_middle(self):
        first = self.make_contract(start="2026-11-01")
        broken = self.make_contract(start="2026-11-01", lot=self.lot_other)
        last = self.make_contract(start="2026-11-01", lot=False,
                                  partner=self.customer_b)
        original = InvoicingMixin._prepare_period_invoice_lines

        def failing(contract, *args):
            if contract == broken:
                raise ValueError("No income account on the fee")
            return original(contract, *args)

        with mock.patch.object(InvoicingMixin, "_prepare_period_invoice_lines",
                               failing), mute_logger(LOGGER):
            result = self.run_invoicing(first + broken + last)
        self.assertEqual(result["failed"], broken)
        self.assertEqual(len(self.invoices_of(first)), 1)
        self.assertEqual(len(self.invoices_of(last)), 1)
        self.assertFalse(broken.period_ids)
        self.assertTrue(broken.invoicing_failed)
        self.assertIn("No income account", broken.message_ids[0].body)
        self.assertEqual(self.Contract.search(
            [("invoicing_failed", "=", True)]), broken)
        # fixed: the next run invoices it and clears the flag
        self.run_invoicing(broken)
        self.assertEqual(len(self.invoices_of(broken)), 1)
        self.assertFalse(broken.invoicing_failed)

    def test_failure_while_creating_isolated(self):
        contracts = self.make_contract(start="2026-11-01") + \
            self.make_contract(start="2026-11-01", lot=self.lot_other)
        broken = contracts[1]
        original = AccountInvoice._aftersales_contract_create_invoices

        def insert(invoice_model, values_list):
            if any(vals["origin"] == broken.name for vals in values_list):
                raise ValueError("database hiccup")
            return original(invoice_model, values_list)

        with mock.patch.object(AccountInvoice,
                               "_aftersales_contract_create_invoices",
                               insert), mute_logger(LOGGER):
            result = self.run_invoicing(contracts)
        self.assertEqual(result["failed"], broken)
        self.assertEqual(len(self.invoices_of(contracts[0])), 1)
        self.assertFalse(broken.period_ids)
        self.assertEqual(broken.next_period_start, "2026-11-01")

    def test_batch_insert_makes_what_create_makes(self):
        contract = self.make_contract(start="2026-11-01", price=33.33,
                                      quantity=3.0)
        self.run_invoicing(contract)
        inserted = self.invoices_of(contract)
        values = contract._prepare_period_invoice_values({})
        values["invoice_line_ids"] = [(0, 0, line) for line in (
            contract._prepare_period_invoice_lines(
                values, date(2026, 11, 1), date(2026, 11, 30), {}))]
        created = self.env["account.invoice"].create(values)
        for name in ("amount_untaxed", "amount_tax", "amount_total",
                     "amount_total_signed", "amount_total_company_signed",
                     "residual", "residual_signed", "commercial_partner_id",
                     "partner_id", "account_id", "journal_id", "currency_id",
                     "company_id", "payment_term_id", "fiscal_position_id",
                     "state", "type", "user_id", "reference_type"):
            self.assertEqual(inserted[name], created[name], name)
        for name in ("price_subtotal", "price_total", "price_subtotal_signed",
                     "company_id", "partner_id", "currency_id", "account_id",
                     "invoice_line_tax_ids", "quantity", "price_unit",
                     "uom_id", "product_id"):
            self.assertEqual(inserted.invoice_line_ids[name],
                             created.invoice_line_ids[name], name)
        for name in ("amount", "base", "tax_id", "account_id", "company_id",
                     "currency_id", "amount_total"):
            self.assertEqual(inserted.tax_line_ids[name],
                             created.tax_line_ids[name], name)
        self.assertAlmostEqual(inserted.amount_total, 120.99)
        # and it validates into the same journal entry
        (inserted + created).action_invoice_open()
        self.assertEqual(inserted.move_id.amount, created.move_id.amount)
        self.assertAlmostEqual(inserted.residual, 120.99)

    def test_crash_after_n_contracts_then_rerun(self):
        contracts = self.Contract
        for index in range(5):
            lot = self.env["stock.production.lot"].create({
                "name": "SN-CRASH-%d" % index, "product_id": self.boiler.id})
            contracts |= self.make_contract(start="2026-10-01", lot=lot)

        def crash(invoice_model, values_list):
            raise Crash()

        # a first batch is committed
        contracts[:2]._invoice_due_periods(TODAY)
        # the worker dies in the middle of the second: its transaction is
        # lost
        self.env.cr.execute("SAVEPOINT crash")
        with mock.patch.object(AccountInvoice,
                               "_aftersales_contract_create_invoices", crash):
            with self.assertRaises(Crash):
                contracts[2:4]._invoice_due_periods(TODAY)
        self.env.cr.execute("ROLLBACK TO SAVEPOINT crash")
        self.env.clear()
        self.assertEqual(len(contracts.mapped("period_ids")), 4)
        # rerun: every due period (October, November) exactly once
        totals = self.Contract._invoice_all_due(TODAY)
        self.assertEqual(totals["periods"], 6)
        self.env.cr.execute(
            "SELECT contract_id, date_start, count(*) FROM "
            "aftersales_contract_period WHERE contract_id IN %s "
            "GROUP BY contract_id, date_start", (tuple(contracts.ids),))
        rows = self.env.cr.fetchall()
        self.assertEqual(len(rows), 10)
        self.assertEqual({row[2] for row in rows}, {1})
        self.assertEqual(len(contracts.mapped("period_ids.invoice_id")), 10)
        self.assertEqual(
            sum(contracts.mapped("period_ids.invoice_id.amount_untaxed")),
            1000.0)
        self.assertEqual(set(contracts.mapped("next_period_start")),
                         {"2026-12-01"})

    def test_one_invoice_per_customer(self):
        self.env["ir.config_parameter"].set_param(GROUP_PARAM, "True")
        first = self.make_contract(start="2026-10-01", price=10.0)
        second = self.make_contract(start="2026-11-01", lot=self.lot_other,
                                    price=20.0)
        other = self.make_contract(start="2026-11-01", lot=False,
                                   partner=self.customer_b, price=5.0)
        self.run_invoicing(first + second + other)
        invoice = self.invoices_of(first)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(self.invoices_of(second), invoice)
        self.assertEqual(len(invoice.invoice_line_ids), 3)
        self.assertEqual(invoice.amount_untaxed, 40.0)
        self.assertEqual(self.invoices_of(other).amount_untaxed, 5.0)

    def test_mail_failure_never_fails_the_run(self):
        self.env["ir.config_parameter"].set_param(SEND_PARAM, "True")
        contract = self.make_contract(start="2026-11-01")
        Template = type(self.env["mail.template"])
        with mock.patch.object(Template, "send_mail", side_effect=(
                MailDeliveryException("Mail delivery", "Mail limit reached"))), \
                mute_logger(LOGGER):
            result = self.run_invoicing(contract)
        self.assertFalse(result["failed"])
        invoice = self.invoices_of(contract)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.amount_total, 121.0)
        self.assertIn("Mail limit reached", contract.message_ids[0].body)

    def test_send_validates_and_queues_the_mail(self):
        self.env["ir.config_parameter"].set_param(SEND_PARAM, "True")
        contract = self.make_contract(start="2026-11-01")
        self.run_invoicing(contract)
        invoice = self.invoices_of(contract)
        self.assertEqual(invoice.state, "open")
        self.assertTrue(invoice.sent)
        self.assertTrue(self.env["mail.mail"].search(
            [("model", "=", "account.invoice"), ("res_id", "=", invoice.id)]))

    def test_cron_only_enqueues_jobs_per_batch(self):
        self.env["ir.config_parameter"].set_param(BATCH_SIZE_PARAM, "2")
        contracts = self.Contract
        for index in range(3):
            lot = self.env["stock.production.lot"].create({
                "name": "SN-JOB-%d" % index, "product_id": self.boiler.id})
            contracts |= self.make_contract(start="2026-11-01", lot=lot)
        with mock.patch("odoo.fields.Date.context_today",
                        return_value=TODAY):
            jobs = self.Contract._cron_invoice_contracts()
        self.assertEqual(len(jobs), 2)
        self.assertFalse(contracts.mapped("period_ids"))
        stored = self.env["queue.job"].search(
            [("uuid", "in", [job.uuid for job in jobs])])
        self.assertEqual(len(stored), 2)
        self.assertEqual(set(stored.mapped("method_name")),
                         {"_job_invoice_batch"})
        for uuid in stored.mapped("uuid"):
            Job.load(self.env, uuid).perform()
        self.assertEqual(len(contracts.mapped("period_ids")), 3)

    def test_manual_invoice_action_and_duplicates(self):
        contract = self.make_contract(start="2026-11-01")
        with frozen_clock():
            (contract + contract).sudo(self.manager).action_invoice()
            self.assertEqual(len(self.invoices_of(contract)), 1)
            # nothing due any more: said (issue 19.19), nothing invoiced
            with self.assertRaises(UserError):
                (contract + contract).sudo(self.manager).action_invoice()
        self.assertEqual(len(self.invoices_of(contract)), 1)
        with self.assertRaises(AccessError):
            contract.sudo(self.agent).action_invoice()

    def test_batch_query_count(self):
        """A batch costs a fixed number of queries plus about 60 per
        contract, each invoice made by account.invoice.create (OCA
        contract 11.0: 130 per contract; the goal is at most 0.7 x OCA)."""
        contracts = self.Contract
        for index in range(15):
            lot = self.env["stock.production.lot"].create({
                "name": "SN-Q-%d" % index, "product_id": self.boiler.id})
            contracts |= self.make_contract(start="2026-11-01", lot=lot)
        self.run_invoicing(contracts[:1])
        small, large = contracts[1:5], contracts[5:]
        (small + large).invalidate_cache()
        _result, small_count = self.count_queries(self.run_invoicing, small)
        (small + large).invalidate_cache()
        with self.assertQueryCount(small_count + 70 * (len(large) - len(small))):
            self.run_invoicing(large)
        self.assertEqual(len(contracts.mapped("period_ids")), 15)
