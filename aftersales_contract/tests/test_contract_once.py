# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Money and mail once (integrity net, issue 20): the expiry notice with
duplicate ids or already claimed in the database goes once; the invoicing
job run by a service manager without accounting rights invoices."""
from odoo.addons.aftersales_ticket.tests.common import frozen_clock

from .common import TODAY, ContractCase


class TestContractOnce(ContractCase):

    def count_notices(self, contract):
        return self.env["mail.mail"].search_count([
            ("model", "=", "aftersales.contract"),
            ("res_id", "=", contract.id)])

    def test_expiry_notice_once_with_duplicate_ids(self):
        contract = self.make_contract(start="2026-01-01", end="2026-11-30")
        before = self.count_notices(contract)
        with frozen_clock():
            self.Contract.sudo(self.manager).browse(
                contract.ids + contract.ids)._send_expiry_notice()
        self.assertEqual(self.count_notices(contract) - before, 1)
        self.assertEqual(contract.state, "expiring")
        self.assertEqual(contract.notice_sent_date, TODAY)

    def test_expiry_notice_claimed_in_the_database(self):
        """A notice date stored by another run (the cache not knowing it)
        stops the notice."""
        contract = self.make_contract(start="2026-01-01", end="2026-11-30")
        before = self.count_notices(contract)
        stale = self.Contract.sudo(self.manager).browse(contract.id)
        self.assertFalse(stale.notice_sent_date)
        self.env.cr.execute(
            "UPDATE aftersales_contract SET notice_sent_date = %s "
            "WHERE id = %s", (TODAY, contract.id))
        with frozen_clock():
            stale._send_expiry_notice()
        self.assertEqual(self.count_notices(contract), before)

    def test_invoicing_job_by_a_manager_without_billing_rights(self):
        self.manager.groups_id -= self.env.ref(
            "account.group_account_invoice")
        self.manager.groups_id -= self.env.ref(
            "account.group_account_manager")
        contract = self.make_contract(start="2026-10-01")
        with frozen_clock():
            self.Contract.sudo(self.manager).browse(
                contract.ids + contract.ids)._job_invoice_batch(TODAY)
        self.assertEqual(len(contract.period_ids), 2)
        self.assertTrue(self.invoices_of(contract))
        self.assertFalse(contract.invoicing_failed)
