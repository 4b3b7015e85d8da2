# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Roles without accounting or stock rights trigger the workshop's
documents (invoice, receipt, return delivery) with their own rights: the
documents are prepared, the user told, the user kept as author."""
from .common import SIGNATURE, RepairCase

# the chatter as users see it (the test class mutes tracking)
LOUD = {"tracking_disable": False, "mail_notrack": False,
        "mail_create_nolog": False}


class TestRepairRolesDocuments(RepairCase):

    def ended_repair(self):
        self.serial_count = getattr(self, "serial_count", 0) + 1
        lot = self.delivered_lot("2024-01-10 09:00:00",
                                 name="SN-ROLE-%d" % self.serial_count)
        repair = self.take_back(self.create_repair_ticket(lot))
        self.add_part(repair, self.pump, 1.0)
        self.add_fee(repair, 1.0)
        tech = repair.sudo(self.technician)
        tech.action_validate()
        tech.action_repair_start()
        tech.action_repair_end()
        self.assertEqual(repair.state, "2binvoiced")
        return repair

    def test_director_and_manager_create_the_invoice(self):
        for user in (self.director, self.manager):
            repair = self.ended_repair()
            result = repair.sudo(user).with_context(
                **LOUD).action_repair_invoice_create()
            invoice = repair.invoice_id
            self.assertTrue(invoice)
            self.assertEqual(repair.state, "done")
            self.assertEqual(invoice.state, "draft")
            self.assertEqual(invoice.aftersales_repair_id, repair)
            # no accounting rights: prepared, noted, no form to open
            self.assertIs(result, True)
            note = repair.message_ids.filtered(
                lambda message: "prepared" in (message.body or ""))
            self.assertTrue(note)
            self.assertEqual(note[0].author_id, user.partner_id)
            # the invoice's own chatter names the user, not the superuser
            authors = invoice.message_ids.mapped("author_id")
            self.assertNotIn(self.env.ref("base.partner_root"), authors)
            # the invoice leads back to its repair
            action = invoice.action_view_aftersales_repair()
            self.assertEqual(action["res_model"], "mrp.repair")
            self.assertEqual(action["res_id"], repair.id)
        # a billing clerk gets the invoice's form
        billing = self._create_user(
            "repair_billing", "aftersales_ticket.group_director",
            extra_groups=["account.group_account_invoice"])
        repair = self.ended_repair()
        action = repair.sudo(billing).action_repair_invoice_create()
        self.assertEqual(action["res_id"], repair.invoice_id.id)

    def test_agent_takes_back_a_product(self):
        ticket = self.create_repair_ticket(self.delivered_lot(
            "2024-01-10 09:00:00"))
        action = ticket.sudo(self.agent).with_context(
            **LOUD).action_take_back()
        repair = self.env["mrp.repair"].browse(action["res_id"])
        receipt = repair.receipt_picking_id
        self.assertEqual(receipt.state, "done")
        # the workshop's own operation type and sequence, not Receipts
        self.assertEqual(receipt.picking_type_id, self.env.ref(
            "aftersales_repair.picking_type_customer_product_receipt"))
        self.assertTrue(receipt.name.startswith("WS/IN/"))
        # the agent reads what the form shows
        form = repair.sudo(self.agent).read(
            ["receipt_state", "receipt_picking_id", "in_workshop"])[0]
        self.assertEqual(form["receipt_state"], "done")
        self.assertEqual(receipt.sudo(self.agent).read(["name"])[0]["name"],
                         receipt.name)
        # the receipt's chatter keeps the agent, not the superuser
        self.assertTrue(receipt.message_ids)
        self.assertEqual(set(receipt.message_ids.mapped("author_id")),
                         {self.agent.partner_id})

    def test_service_manager_delivers_the_return(self):
        repair = self.ended_repair()
        repair.sudo(self.director).action_repair_invoice_create()
        for user in (self.manager,):
            result = repair.sudo(user).action_create_return()
            picking = repair.return_picking_id
            self.assertTrue(picking)
            self.assertEqual(picking.picking_type_id, self.env.ref(
                "aftersales_repair.picking_type_customer_product_return"))
            self.assertTrue(picking.name.startswith("WS/OUT/"))
            # readable by the manager: its form opens
            self.assertEqual(result["res_id"], picking.id)
            as_user = picking.sudo(user).with_context(**LOUD)
            as_user.action_assign()
            self.assertEqual(picking.state, "assigned")
            as_user.write({"aftersales_signature": SIGNATURE,
                           "aftersales_signed_by": "Customer A"})
            as_user.button_validate()
            self.assertEqual(picking.state, "done")
            self.assertEqual(self.qty(self.boiler, self.customer_location,
                                      repair.lot_id), 1.0)
            self.assertNotIn(self.env.ref("base.partner_root"),
                             picking.message_ids.mapped("author_id"))
        # the defective parts' moves use the recycling operation type
        # (none here); a technician cannot deliver on his own
        self.assertFalse(self.technician.has_group("stock.group_stock_user"))
