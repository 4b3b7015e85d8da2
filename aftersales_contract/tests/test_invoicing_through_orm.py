# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Contract invoices are made by ``account.invoice.create`` (issue 20 A):
other modules' overrides run, the creation is logged, the creator
follows."""
from unittest import mock

from odoo.exceptions import AccessError, UserError

from odoo.addons.aftersales_ticket.tests.common import frozen_clock

from .common import TODAY, ContractCase


class TestInvoicingThroughOrm(ContractCase):

    def test_invoices_made_by_account_invoice_create(self):
        contracts = self.make_contract(start="2026-10-01") + \
            self.make_contract(start="2026-11-01", lot=self.lot_other,
                               partner=self.customer_b)
        Invoice = type(self.env["account.invoice"])
        original = Invoice.create
        created = []

        def spy(model, vals):
            invoice = original(model, vals)
            created.append(invoice.id)
            return invoice

        with mock.patch.object(Invoice, "create", spy):
            result = contracts._invoice_due_periods(TODAY)
        invoices = contracts.mapped("period_ids.invoice_id")
        self.assertEqual(len(invoices), 3)
        self.assertEqual(sorted(created), sorted(invoices.ids))
        self.assertEqual(result["invoices"], invoices.sorted("id"))
        for invoice in invoices:
            # the creator follows the invoice, its creation is logged
            self.assertIn(self.env.user.partner_id,
                          invoice.message_partner_ids)
            self.assertTrue(invoice.message_ids.mapped(
                "tracking_value_ids").filtered(
                    lambda value: value.field == "state"))
            self.assertEqual(invoice.amount_total, 121.0)
            self.assertEqual(len(invoice.tax_line_ids), 1)
        self.assertEqual(invoices.mapped("aftersales_contract_ids"),
                         contracts)

    def test_manager_without_accounting_rights_gets_invoices_prepared(self):
        """Issue 19.2: "Invoice Due Periods" as a service manager without
        accounting rights: access error on account.journal."""
        plain_manager = self._create_user(
            "contract_manager_plain", "aftersales_ticket.group_manager")
        self.assertFalse(plain_manager.has_group(
            "account.group_account_invoice"))
        contract = self.make_contract(start="2026-11-01")
        with frozen_clock():
            result = (contract + contract).sudo(plain_manager).action_invoice()
        self.assertIs(result, True)
        invoice = self.invoices_of(contract)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "draft")
        note = contract.message_ids[0]
        self.assertIn(invoice.display_name, note.body)
        self.assertEqual(note.message_type, "comment")
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual(note.author_id, plain_manager.partner_id)
        # the manager with billing rights gets the invoice's form
        contract2 = self.make_contract(start="2026-11-01", lot=self.lot_other)
        with frozen_clock():
            action = contract2.sudo(self.manager).action_invoice()
        self.assertEqual(action["res_id"], self.invoices_of(contract2).id)

    def test_invoice_action_checks_the_button_group(self):
        """Issue 20.4: an agent with billing rights invoiced a contract."""
        billing_agent = self._create_user(
            "contract_billing_agent", "aftersales_ticket.group_agent",
            ["account.group_account_invoice"])
        contract = self.make_contract(start="2026-11-01")
        with frozen_clock(), self.assertRaises(AccessError):
            contract.sudo(billing_agent).action_invoice()
        self.assertFalse(contract.period_ids)

    def test_terminated_contract_not_invoiced(self):
        """Issue 20.4: terminated on 10 September, invoiced 4 periods
        after."""
        contract = self.make_contract(start="2026-06-01", end="2027-05-31")
        contract.write({"termination_reason": "Customer moved away",
                        "termination_date": "2026-09-10"})
        contract.action_terminate()
        for user in (self.env.user, self.manager):
            with frozen_clock(), self.assertRaises(UserError):
                contract.sudo(user).action_invoice()
        self.assertFalse(contract.period_ids)
        self.assertFalse(contract._invoice_due_periods(TODAY)["invoices"])
        self.assertNotIn(contract.id, self.Contract._due_contract_ids(TODAY))
        # a running contract with a termination date: invoiced up to it
        running = self.make_contract(start="2026-06-01", end="2027-05-31",
                                     lot=self.lot_other)
        running.write({"termination_reason": "Leaving at the end of "
                                             "September",
                       "termination_date": "2026-09-10"})
        with frozen_clock():
            running.sudo(self.manager).action_invoice()
        self.assertEqual(running.period_ids.mapped("date_start"),
                         ["2026-06-01", "2026-07-01", "2026-08-01",
                          "2026-09-01"])
        self.assertEqual(running.period_ids[-1].date_end, "2026-09-10")

    def test_nothing_due_says_until_when(self):
        """Issue 19.19: "Invoice Due Periods" with nothing due says
        nothing."""
        contract = self.make_contract(start="2026-11-01")
        with frozen_clock():
            contract.sudo(self.manager).action_invoice()
            with self.assertRaises(UserError) as caught:
                contract.sudo(self.manager).action_invoice()
        self.assertIn("nothing due until 2026-12-01",
                      caught.exception.name)
        self.assertEqual(len(self.invoices_of(contract)), 1)

    def test_invoice_links_back_to_its_contract(self):
        """Issue 19.17: no way back from an invoice to its contract."""
        contract = self.make_contract(start="2026-11-01")
        contract._invoice_due_periods(TODAY)
        invoice = self.invoices_of(contract).sudo(self.manager)
        self.assertEqual(invoice.aftersales_contract_count, 1)
        action = invoice.action_view_aftersales_contracts()
        self.assertEqual(action["res_model"], "aftersales.contract")
        self.assertEqual(action["res_id"], contract.id)
        arch = self.env["account.invoice"].sudo(self.manager).fields_view_get(
            view_id=self.env.ref("account.invoice_form").id,
            view_type="form")["arch"]
        self.assertIn("action_view_aftersales_contracts", arch)
