# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from .common import RepairCase


class TestRepairQueryCounts(RepairCase):
    """Query bounds of the main workshop paths (see bench/bench_repair.py
    for the comparison with a plain repair)."""

    def test_query_counts_of_the_main_paths(self):
        lot = self.delivered_lot("2024-01-10 09:00:00")
        ticket = self.create_repair_ticket(lot)
        ticket.name_get()
        with self.assertQueryCount(TAKE_BACK):
            repair = self.take_back(ticket)
        with self.assertQueryCount(PART):
            self.add_part(repair, self.pump, 1.0)
        self.add_part(repair, self.valve, 1.0)
        self.add_fee(repair, 1.0)
        with self.assertQueryCount(CONFIRM):
            repair.action_repair_confirm()
        repair.action_repair_start()
        with self.assertQueryCount(END):
            repair.action_repair_end()
        with self.assertQueryCount(INVOICE):
            repair.action_repair_invoice_create()
        self.assertEqual(len(repair.invoice_id.invoice_line_ids), 3)


# measured on the test database (tracking off): 249, 53, 13, 249, 353;
# with a little room
TAKE_BACK = 256
PART = 56
CONFIRM = 15
# ending locks the repairs, checks that nothing moved yet and keys the
# moves it makes (unique index): 261
END = 268
# invoicing locks and checks the access to the repairs, then opens the
# invoice (its action read) or prepares it for the billing clerks: 391
INVOICE = 398
