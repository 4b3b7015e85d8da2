# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Two invoicing runs at once, on two real transactions (committed data,
cleaned up at the end)."""
from psycopg2 import IntegrityError, OperationalError

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests.common import TransactionCase, at_install, post_install
from odoo.tools import mute_logger

from .common import TODAY


@at_install(False)  # its cursors see only committed data
@post_install(True)
class TestInvoicingConcurrency(TransactionCase):

    def setUp(self):
        super(TestInvoicingConcurrency, self).setUp()
        self.registry_ = odoo.registry(self.env.cr.dbname)
        with self.registry_.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            partner = env["res.partner"].create({
                "name": "Concurrency Customer", "is_company": True})
            fee = env.ref("aftersales_contract.product_product_maintenance_fee")
            contracts = env["aftersales.contract"]
            for _index in range(4):
                contracts |= env["aftersales.contract"].create({
                    "partner_id": partner.id, "date_start": "2026-10-01",
                    "date_end": "2027-09-30", "frequency": "monthly",
                    "line_ids": [(0, 0, {"product_id": fee.id, "name": "Fee",
                                         "quantity": 1, "price_unit": 10})]})
            contracts.action_activate()
            self.partner_id, self.contract_ids = partner.id, contracts.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry_.cursor() as cr:
            cr.execute("SELECT DISTINCT invoice_id FROM "
                       "aftersales_contract_period WHERE contract_id IN %s",
                       (tuple(self.contract_ids),))
            invoice_ids = tuple(row[0] for row in cr.fetchall()) or (0,)
            cr.execute("DELETE FROM aftersales_contract_period "
                       "WHERE contract_id IN %s", (tuple(self.contract_ids),))
            cr.execute("DELETE FROM account_invoice WHERE id IN %s",
                       (invoice_ids,))
            cr.execute("DELETE FROM aftersales_contract WHERE id IN %s",
                       (tuple(self.contract_ids),))
            cr.execute("DELETE FROM res_partner WHERE id = %s",
                       (self.partner_id,))

    def _periods(self, cr):
        cr.execute("SELECT contract_id, date_start, count(*) FROM "
                   "aftersales_contract_period WHERE contract_id IN %s "
                   "GROUP BY contract_id, date_start",
                   (tuple(self.contract_ids),))
        return cr.fetchall()

    def test_two_overlapping_runs_no_duplicate(self):
        cr1, cr2 = self.registry_.cursor(), self.registry_.cursor()
        try:
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            # run 2 takes its snapshot first, as a job started at once would
            cr2.execute("SELECT 1 FROM aftersales_contract LIMIT 1")
            first = env1["aftersales.contract"].browse(
                self.contract_ids)._invoice_due_periods(TODAY)
            self.assertEqual(first["periods"], 8)
            # while run 1 holds the contracts, run 2 skips them all
            second = env2["aftersales.contract"].browse(
                self.contract_ids)._invoice_due_periods(TODAY)
            self.assertEqual(second["periods"], 0)
            self.assertFalse(second["invoices"])
            cr2.rollback()
            cr1.commit()
            # run 2 again on its old snapshot: the database refuses it
            # (the job is retried later), nothing is created twice
            cr2.execute("SELECT 1 FROM aftersales_contract LIMIT 1")
            cr1.execute("UPDATE aftersales_contract SET write_date = now() "
                        "WHERE id IN %s", (tuple(self.contract_ids),))
            cr1.commit()
            with mute_logger("odoo.sql_db"), \
                    self.assertRaises(OperationalError):
                env2["aftersales.contract"].browse(
                    self.contract_ids)._invoice_due_periods(TODAY)
            cr2.rollback()
            # a later run finds nothing due
            third = env2["aftersales.contract"].browse(
                self.contract_ids)._invoice_due_periods(TODAY)
            self.assertEqual(third["periods"], 0)
            cr2.commit()
            rows = self._periods(cr1)
            self.assertEqual(len(rows), 8)
            self.assertEqual({row[2] for row in rows}, {1})
        finally:
            cr1.close()
            cr2.close()

    def test_database_refuses_a_second_invoice_of_a_period(self):
        with self.registry_.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["aftersales.contract"].browse(
                self.contract_ids)._invoice_due_periods(TODAY)
            cr.execute("SELECT contract_id, company_id, invoice_id, "
                       "date_start, date_end FROM aftersales_contract_period "
                       "WHERE contract_id = %s LIMIT 1",
                       (self.contract_ids[0],))
            row = cr.fetchone()
            with mute_logger("odoo.sql_db"), \
                    self.assertRaises(IntegrityError), cr.savepoint():
                cr.execute(
                    "INSERT INTO aftersales_contract_period (contract_id, "
                    "company_id, invoice_id, date_start, date_end) VALUES "
                    "(%s, %s, %s, %s, %s)", row)
