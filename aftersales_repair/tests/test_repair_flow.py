# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import UserError

from .common import SIGNATURE, RepairCase


class TestRepairFlow(RepairCase):
    """Take back, repair with parts through stock, return: where every
    unit is afterwards."""

    def test_take_back_creates_receipt_and_prefilled_repair(self):
        lot = self.delivered_lot("2026-06-01 09:00:00")
        ticket = self.create_repair_ticket(lot)
        repair = self.take_back(ticket, user=self.technician)
        receipt = repair.receipt_picking_id
        self.assertEqual(receipt.state, "done")
        self.assertEqual(receipt.aftersales_repair_kind, "receipt")
        self.assertEqual(receipt.location_id, self.customer_location)
        self.assertEqual(receipt.location_dest_id, self.repair_location)
        self.assertEqual(receipt.move_line_ids.lot_id, lot)
        # prefilled from the ticket and linked both ways
        self.assertEqual(repair.aftersales_ticket_id, ticket)
        self.assertEqual(ticket.repair_ids, repair)
        self.assertEqual(ticket.repair_count, 1)
        self.assertTrue(ticket.repair_in_workshop)
        self.assertEqual(repair.partner_id, self.customer_a)
        self.assertEqual(repair.product_id, self.boiler)
        self.assertEqual(repair.lot_id, lot)
        self.assertEqual(repair.fault_description, "Boiler does not heat")
        self.assertEqual(repair.location_id, self.repair_location)
        self.assertEqual(repair.technician_id, self.technician)
        self.assertEqual(repair.team_id, self.team_urban)
        self.assertTrue(repair.promised_date)
        self.assertEqual(repair.date_received, receipt.date_done)
        # warranty: delivered 2026-06-01 + 12 months
        self.assertEqual(repair.guarantee_limit, "2027-06-01")
        self.assertEqual(ticket.guarantee_limit, "2027-06-01")
        self.assertTrue(repair.in_workshop)
        self.assertEqual(self.qty(self.boiler, self.repair_location, lot), 1.0)
        self.assertEqual(self.qty(self.boiler, self.customer_location, lot), 0.0)
        # the product is held: the ticket cannot close, nor be taken twice
        with self.assertRaises(UserError):
            ticket.write({"stage_id": self.env.ref(
                "aftersales_ticket.stage_closed").id})
        with self.assertRaises(UserError):
            ticket.action_take_back()
        self.assertEqual(ticket.repair_count, 1)

    def test_repair_follows_its_ticket_to_another_team(self):
        """The repair's team is its ticket's, also after the ticket moved:
        the technicians of the new team see it, the repair's team cannot be
        written on its own."""
        ticket = self.create_repair_ticket(self.delivered_lot(
            "2026-06-01 09:00:00"))
        repair = self.take_back(ticket)
        Repair = self.env["mrp.repair"].sudo(self.technician_other)
        self.assertFalse(Repair.search([("id", "=", repair.id)]))
        ticket.sudo(self.manager).write({"team_id": self.team_suburban.id})
        self.assertEqual(repair.team_id, self.team_suburban)
        self.assertEqual(Repair.search([("id", "=", repair.id)]), repair)
        with self.assertRaises(UserError):
            repair.sudo(self.manager).write({"team_id": self.team_urban.id})
        self.assertEqual(repair.team_id, self.team_suburban)

    def test_parts_added_and_removed_exact_quantities(self):
        """Receipt, 2 parts added, 1 defective part removed, done, return:
        the exact quantities in each location and the serial back at the
        customer."""
        lot = self.delivered_lot("2026-06-01 09:00:00")
        ticket = self.create_repair_ticket(lot)
        repair = self.take_back(ticket)
        added = self.add_part(repair, self.pump, 1.0) | \
            self.add_part(repair, self.valve, 1.0)
        removed = self.add_part(repair, self.pump, 1.0, line_type="remove")
        # parts of a ticket's repair come from the spare-parts location,
        # removed ones go to recycling (not vanish)
        self.assertEqual(added.mapped("location_id"), self.spare_location)
        self.assertEqual(removed.location_dest_id, self.recycling_location)
        self.run_to_done(repair)
        self.assertEqual(repair.state, "done")
        self.assertEqual(ticket.stage_id,
                         self.env.ref("aftersales_ticket.stage_resolved"))
        self.assertEqual(self.qty(self.pump, self.spare_location), 9.0)
        self.assertEqual(self.qty(self.valve, self.spare_location), 9.0)
        self.assertEqual(self.qty(self.pump, self.recycling_location), 1.0)
        self.assertEqual(self.qty(self.valve, self.recycling_location), 0.0)
        moves = self.env["stock.move"].search([("repair_id", "=", repair.id)])
        self.assertEqual(set(moves.mapped("state")), {"done"})
        # still in the workshop until returned
        self.assertEqual(self.qty(self.boiler, self.repair_location, lot), 1.0)
        self.assertTrue(repair.in_workshop)
        picking = self.return_product(repair)
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.aftersales_repair_kind, "return")
        self.assertEqual(self.qty(self.boiler, self.repair_location, lot), 0.0)
        self.assertEqual(self.qty(self.boiler, self.customer_location, lot),
                         1.0)
        self.assertEqual(self.qty(self.pump, self.spare_location), 9.0)
        self.assertEqual(self.qty(self.pump, self.recycling_location), 1.0)
        self.assertFalse(repair.in_workshop)
        self.assertEqual(repair.date_returned, picking.date_done)
        # the register lists both documents
        register = self.env["stock.picking"].search(
            [("aftersales_repair_kind", "!=", False),
             ("aftersales_lot_id", "=", lot.id)])
        self.assertEqual(register, repair.receipt_picking_id | picking)
        # now the ticket may close
        ticket.write({"stage_id": self.env.ref(
            "aftersales_ticket.stage_closed").id})
        self.assertTrue(ticket.is_closed)

    def test_waiting_for_parts_pauses_the_ticket(self):
        lot = self.delivered_lot("2026-06-01 09:00:00")
        ticket = self.create_repair_ticket(lot)
        repair = self.take_back(ticket)
        repair.action_validate()
        self.assertEqual(ticket.stage_id,
                         self.env.ref("aftersales_ticket.stage_in_progress"))
        repair.action_wait_parts()
        self.assertTrue(repair.waiting_parts)
        self.assertEqual(ticket.stage_id,
                         self.env.ref("aftersales_ticket.stage_waiting_parts"))
        self.assertTrue(ticket.stage_id.is_waiting)
        repair.action_parts_arrived()
        self.assertEqual(ticket.stage_id,
                         self.env.ref("aftersales_ticket.stage_in_progress"))

    def test_return_needs_signature_and_a_received_product(self):
        lot = self.delivered_lot("2026-06-01 09:00:00")
        ticket = self.create_repair_ticket(lot)
        # a repair of the ticket whose product was never received
        repair = self.env["mrp.repair"]._aftersales_workflow().create(
            ticket._prepare_repair_values())
        with self.assertRaises(UserError):
            repair.with_env(self.env).action_create_return()
        self.assertFalse(self.env["stock.picking"].search(
            [("aftersales_repair_id", "=", repair.id)]))
        repair.with_env(self.env).action_repair_cancel()
        repair = self.take_back(ticket)
        # not before the repair is finished
        with self.assertRaises(UserError):
            repair.action_create_return()
        self.run_to_done(repair)
        (repair + repair).action_create_return()
        picking = repair.return_picking_id
        self.assertEqual(len(self.env["stock.picking"].search(
            [("aftersales_repair_id", "=", repair.id),
             ("aftersales_repair_kind", "=", "return")])), 1)
        with self.assertRaises(UserError):
            repair.action_create_return()
        # delivered against the customer's signature only
        with self.assertRaises(UserError):
            picking.action_done()
        self.assertEqual(self.qty(self.boiler, self.repair_location, lot), 1.0)
        picking.write({"aftersales_signature": SIGNATURE})
        picking.action_done()
        self.assertEqual(self.qty(self.boiler, self.customer_location, lot),
                         1.0)

    def test_overdue_repair_schedules_one_activity_for_the_director(self):
        lot = self.delivered_lot("2026-06-01 09:00:00")
        ticket = self.create_repair_ticket(lot)
        repair = self.take_back(ticket)
        repair.promised_date = "2020-01-01"
        Repair = self.env["mrp.repair"]
        Repair._cron_overdue_repairs()
        Repair._cron_overdue_repairs()
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "mrp.repair"), ("res_id", "=", repair.id)])
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.director)
