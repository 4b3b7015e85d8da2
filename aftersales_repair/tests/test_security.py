# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.addons.aftersales_ticket.tests.common import AftersalesHttpCase
from odoo.exceptions import AccessError

from .common import RepairCase

PASSWORD = "portal-Repair-2026"


class TestRepairAccess(RepairCase):
    """Technicians see the repairs of their teams; companies are apart."""

    @classmethod
    def setUpClass(cls):
        super(TestRepairAccess, cls).setUpClass()
        lot = cls.env["stock.production.lot"].create(
            {"name": "SN-SEC-1", "product_id": cls.boiler.id})
        cls.ticket = cls.env["aftersales.ticket"].create({
            "subject": "Boiler to the workshop", "partner_id": cls.customer_a.id,
            "team_id": cls.team_urban.id, "product_id": cls.boiler.id,
            "lot_id": lot.id, "user_id": cls.technician.id})
        cls.repair = cls.env["mrp.repair"].browse(
            cls.ticket.action_take_back()["res_id"])

    def test_technician_sees_repairs_of_the_team_only(self):
        Repair = self.env["mrp.repair"]
        self.assertEqual(Repair.sudo(self.technician).search(
            [("id", "=", self.repair.id)]), self.repair)
        self.assertFalse(Repair.sudo(self.technician_other).search(
            [("id", "=", self.repair.id)]))
        with self.assertRaises(AccessError):
            self.repair.sudo(self.technician_other).read(["name"])
        # the director and the agent see it
        self.assertTrue(Repair.sudo(self.director).search(
            [("id", "=", self.repair.id)]))
        self.assertTrue(Repair.sudo(self.agent).search(
            [("id", "=", self.repair.id)]))

    def test_technician_of_the_team_runs_the_repair(self):
        repair = self.repair.sudo(self.technician)
        line = self.env["mrp.repair.line"].sudo(self.technician).create({
            "repair_id": repair.id, "type": "add", "product_id": self.pump.id,
            "name": "Pump", "product_uom_qty": 1.0,
            "product_uom": self.pump.uom_id.id, "price_unit": 80.0})
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(line.move_id.state, "done")
        self.assertIn(repair.state, ("2binvoiced", "done"))

    def test_other_company_repairs_are_invisible(self):
        company = self.env["res.company"].create({"name": "Test Other Co"})
        user = self._create_user("director_other_co",
                                 "aftersales_ticket.group_director")
        user.write({"company_ids": [(6, 0, company.ids)],
                    "company_id": company.id})
        self.assertFalse(self.env["mrp.repair"].sudo(user).search(
            [("id", "=", self.repair.id)]))
        self.assertFalse(self.env["mrp.repair.line"].sudo(user).search(
            [("repair_id", "=", self.repair.id)]))


class TestRepairPortal(AftersalesHttpCase):
    """The customer sees the state of their repair on the ticket page,
    never the cost of free lines."""

    def test_portal_ticket_page_shows_repair_state_without_free_costs(self):
        env = self.env
        customer = env["res.partner"].create({
            "name": "Portal Repair Customer", "is_company": True,
            "email": "desk@portal-repair.example.com"})
        contact = env["res.partner"].create({
            "name": "Rita Portal", "parent_id": customer.id,
            "email": "rita@portal-repair.example.com"})
        self.create_user("test_portal_repair", ["base.group_portal"],
                         PASSWORD, contact)
        boiler = env["product.product"].create({
            "name": "Portal Boiler", "type": "product", "tracking": "serial"})
        lot = env["stock.production.lot"].create(
            {"name": "SN-PORTAL-1", "product_id": boiler.id,
             "aftersales_warranty_date": "2099-12-31"})
        part = env["product.product"].create({
            "name": "Portal Pump", "type": "product", "standard_price": 731.0,
            "lst_price": 987.0})
        ticket = env["aftersales.ticket"].create({
            "subject": "Boiler leaks", "partner_id": customer.id,
            "product_id": boiler.id, "lot_id": lot.id})
        repair = env["mrp.repair"].browse(ticket.action_take_back()["res_id"])
        line = env["mrp.repair.line"].create({
            "repair_id": repair.id, "type": "add", "product_id": part.id,
            "name": "Portal Pump", "product_uom_qty": 1.0,
            "product_uom": part.uom_id.id, "price_unit": 987.0,
            "location_id": env.ref(
                "aftersales_repair.stock_location_spare_parts").id})
        self.assertEqual(line.payer, "warranty")
        repair.action_repair_confirm()
        self.checkpoint()
        self.authenticate("test_portal_repair", PASSWORD)
        response = self.url_open("/my/tickets/%d" % ticket.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn(repair.name, response.text)
        self.assertIn("Confirmed", response.text)
        self.assertIn("o_aftersales_repairs", response.text)
        self.assertNotIn("731", response.text)
        self.assertNotIn("987", response.text)
