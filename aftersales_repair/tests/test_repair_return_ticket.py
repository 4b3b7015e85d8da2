# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The return of a repaired product: no sale delivery (the warranty does
not start or restart), and the ticket's resolution."""
from .common import RepairCase


class TestRepairReturnTicket(RepairCase):

    def test_return_does_not_start_the_warranty(self):
        """A serial never delivered to the customer, taken back, repaired
        and returned: still no warranty, and the next request is not free."""
        lot = self.env["stock.production.lot"].create(
            {"name": "SN-NEVER-SOLD", "product_id": self.boiler.id})
        ticket = self.create_repair_ticket(lot)
        repair = self.take_back(ticket, user=self.technician)
        self.run_to_done(repair)
        self.return_product(repair)
        self.assertEqual(repair.return_picking_id.state, "done")
        self.assertIsNone(lot._get_warranty_end_date(self.customer_a))
        again = self.create_repair_ticket(lot)
        self.assertFalse(again.guarantee_limit)
        self.assertNotEqual(again.service_category, "C")
        # a serial sold long ago: its warranty is not renewed by a return
        old = self.delivered_lot("2024-01-10 09:00:00", name="SN-OLD-SOLD")
        repair = self.take_back(self.create_repair_ticket(old))
        self.run_to_done(repair)
        self.return_product(repair)
        self.assertEqual(
            str(old._get_warranty_end_date(self.customer_a)), "2025-01-10")

    def test_return_resolves_the_ticket(self):
        lot = self.delivered_lot("2024-01-10 09:00:00")
        ticket = self.create_repair_ticket(lot)
        repair = self.take_back(ticket, user=self.technician)
        self.assertFalse(ticket.date_resolved)
        self.add_part(repair, self.pump, 1.0)
        self.run_to_done(repair)
        self.assertEqual(ticket.stage_id,
                         self.env.ref("aftersales_ticket.stage_resolved"))
        picking = self.return_product(repair)
        self.assertEqual(ticket.date_resolved, picking.date_done)
        self.assertEqual(ticket.date_arrived, repair.date_received)
        # the SLA clock stopped: nothing pending
        self.assertFalse(ticket.sla_next_deadline)
        # the form's Arrived on Site / Resolve buttons are hidden by these
        self.assertTrue(ticket.date_arrived and ticket.date_resolved)
