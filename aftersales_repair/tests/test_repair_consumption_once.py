# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""A repair's parts and product move once, whoever calls which action how
many times (duplicate ids, again after the end, cancel and redo)."""
import psycopg2
from xmlrpc import client as xmlrpc_client

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from .common import RepairCase


class TestRepairConsumptionOnce(RepairCase):

    def setUp(self):
        super(TestRepairConsumptionOnce, self).setUp()
        lot = self.delivered_lot("2024-01-10 09:00:00")
        self.repair = self.take_back(self.create_repair_ticket(lot))
        self.add_part(self.repair, self.pump, 1.0)
        self.tech = self.repair.sudo(self.technician)
        self.tech.action_validate()
        self.tech.action_repair_start()

    def moves(self):
        return self.env["stock.move"].search(
            [("repair_id", "=", self.repair.id), ("state", "=", "done")])

    def test_end_with_duplicate_ids_moves_once(self):
        (self.tech + self.tech).action_repair_end()
        self.assertEqual(len(self.moves()), 2)
        self.assertEqual(self.qty(self.pump, self.spare_location), 9.0)

    def test_done_again_refused_for_every_role(self):
        self.tech.action_repair_end()
        self.assertEqual(len(self.moves()), 2)
        with self.assertRaises(UserError):
            self.tech.action_repair_done()
        self.repair.sudo(self.director).action_repair_invoice_create()
        self.assertEqual(self.repair.state, "done")
        for user in (self.agent, self.technician, self.manager):
            with self.assertRaises(UserError):
                self.repair.sudo(user).action_repair_done()
        self.assertEqual(len(self.moves()), 2)
        self.assertEqual(self.qty(self.pump, self.spare_location), 9.0)

    def test_cancel_and_redo_refused_once_consumed(self):
        self.tech.action_repair_end()
        self.assertEqual(self.repair.state, "2binvoiced")
        for user in (self.technician, self.manager):
            with self.assertRaises(UserError):
                self.repair.sudo(user).action_repair_cancel()
        self.assertEqual(self.repair.state, "2binvoiced")
        self.assertEqual(len(self.moves()), 2)

    def test_database_refuses_a_second_consumption(self):
        self.tech.action_repair_end()
        line = self.repair.operations
        self.assertEqual(line.move_id.aftersales_consumption_key,
                         "line-%d" % line.id)
        copy = line.move_id.copy()
        with self.assertRaises(psycopg2.IntegrityError), \
                mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE stock_move SET aftersales_consumption_key = %s "
                "WHERE id = %s", ("line-%d" % line.id, copy.id))

    def test_actions_answer_what_rpc_carries(self):
        """XML-RPC marshals what an action returns: no dict with integer
        keys (``TypeError: dictionary key must be string``)."""
        plain = self.env["mrp.repair"].create({
            "product_id": self.pump.id, "product_qty": 1.0,
            "product_uom": self.pump.uom_id.id,
            "location_id": self.spare_location.id,
            "location_dest_id": self.spare_location.id,
            "invoice_method": "none"})
        plain.action_repair_confirm()
        plain.action_repair_start()
        plain.write({"repaired": True})
        for result in (self.tech.action_repair_end(),
                       plain.action_repair_done()):
            xmlrpc_client.dumps((result,), methodresponse=True,
                                allow_none=True)
        self.assertEqual(len(self.moves()), 2)
        with self.assertRaises(UserError):
            plain.action_repair_done()

    def test_removed_parts_use_the_recycling_operation_type(self):
        """Defective parts go to recycling under the workshop's own
        operation type."""
        removed = self.env["mrp.repair.line"].create({
            "repair_id": self.repair.id, "type": "remove",
            "product_id": self.valve.id, "name": "Old valve",
            "product_uom_qty": 1.0, "product_uom": self.valve.uom_id.id,
            "price_unit": 0.0})
        self.tech.action_repair_end()
        self.assertEqual(removed.move_id.location_dest_id,
                         self.recycling_location)
        self.assertEqual(removed.move_id.picking_type_id, self.env.ref(
            "aftersales_repair.picking_type_repair_recycling"))
        self.assertEqual(self.qty(self.valve, self.recycling_location), 1.0)
