# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Lines, fees and the workshop's pickings follow their repair's team;
who pays and what is repaired follow the ticket; technicians and
settings belong to the company."""
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.aftersales_ticket.tests.common import AftersalesHttpCase

from .common import SIGNATURE, RepairCase

PASSWORD = "tech-Other-2026"


class TestRepairAccessRules(RepairCase):

    def setUp(self):
        super(TestRepairAccessRules, self).setUp()
        self.lot = self.delivered_lot("2024-01-10 09:00:00")
        self.ticket = self.create_repair_ticket(self.lot)
        self.repair = self.take_back(self.ticket)
        self.part = self.add_part(self.repair, self.pump, 1.0)
        self.fee = self.add_fee(self.repair, 1.0)

    def test_other_team_lines_fees_pickings_invisible(self):
        other = self.technician_other
        for records in (self.part, self.fee, self.repair.receipt_picking_id):
            Model = self.env[records._name].sudo(other)
            self.assertFalse(Model.search([("id", "=", records.id)]))
            with self.assertRaises(AccessError):
                records.sudo(other).read(["display_name"])
            # the technician of the team reads them
            self.assertEqual(self.env[records._name].sudo(
                self.technician).search([("id", "=", records.id)]), records)
        self.assertFalse(self.env["mrp.repair.line"].sudo(other).search(
            [("repair_id", "=", self.repair.id)]))

    def test_billing_and_customer_follow_the_ticket(self):
        for user in (self.technician, self.director):
            for vals in ({"invoice_method": "none"},
                         {"partner_id": self.customer_b.id,
                          "partner_invoice_id": self.customer_b.id},
                         {"address_id": self.customer_b.id}):
                with self.assertRaises(UserError):
                    self.repair.sudo(user).write(vals)
        other_lot = self.delivered_lot("2024-01-10 09:00:00",
                                       name="SN-OF-CUSTOMER-B",
                                       customer=self.customer_b)
        with self.assertRaises(UserError):
            self.repair.sudo(self.technician).write({"lot_id": other_lot.id})
        self.assertEqual(self.repair.invoice_method, "after_repair")
        self.assertEqual(self.repair.partner_id, self.customer_a)
        self.assertEqual(self.repair.lot_id, self.lot)
        # the ticket's correction is the way (to a contact of the customer
        # the serial was delivered to: the ticket refuses another
        # customer's serial)
        contact = self.env["res.partner"].create({
            "name": "Customer A's site manager",
            "parent_id": self.customer_a.id, "type": "contact"})
        self.ticket.sudo(self.director).write({"partner_id": contact.id})
        self.assertEqual(self.repair.partner_id, contact)

    def test_technician_must_be_an_employee_of_the_company(self):
        portal = self.env["res.users"].create({
            "name": "Portal Repairer", "login": "test_portal_repairer",
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        company = self.env["res.company"].create({"name": "Test Repair Co 2"})
        foreign = self._create_user("foreign_tech",
                                    "aftersales_ticket.group_technician")
        foreign.write({"company_ids": [(6, 0, company.ids)],
                       "company_id": company.id})
        for user in (portal, foreign):
            with self.assertRaises(ValidationError):
                self.repair.sudo(self.director).write(
                    {"technician_id": user.id})
        self.assertEqual(self.repair.technician_id, self.technician)

    def test_settings_refuse_foreign_or_view_locations(self):
        company = self.env["res.company"].create({"name": "Test Repair Co 3"})
        foreign_wh = self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1)
        view = self.env.ref("stock.stock_location_locations")
        Settings = self.env["res.config.settings"]
        for location in (view, foreign_wh.lot_stock_id):
            if not location:
                continue
            with self.assertRaises(ValidationError):
                Settings.create({
                    "aftersales_spare_location_id": location.id}).execute()
        self.assertNotEqual(self.company.aftersales_spare_location_id, view)
        for days in (0, -3, 100000):
            with self.assertRaises(ValidationError):
                Settings.create(
                    {"aftersales_repair_promised_days": days}).execute()


class TestRepairSignatureImage(AftersalesHttpCase):
    """The customer's signature on a return picking, over HTTP: not for
    technicians of another team."""

    def test_signature_image_of_another_team(self):
        env = self.env
        team = env["aftersales.team"].create({"name": "Sig Team A"})
        other_team = env["aftersales.team"].create({"name": "Sig Team B"})
        tech = self.create_user(
            "test_sig_other_tech", ["aftersales_ticket.group_technician"],
            PASSWORD)
        other_team.member_ids = [(4, tech.id)]
        partner = env["res.partner"].create({"name": "Sig Customer"})
        boiler = env["product.product"].create({
            "name": "Sig Boiler", "type": "product", "tracking": "serial"})
        lot = env["stock.production.lot"].create(
            {"name": "SN-SIG-1", "product_id": boiler.id})
        ticket = env["aftersales.ticket"].create({
            "subject": "Sig", "partner_id": partner.id, "team_id": team.id,
            "product_id": boiler.id, "lot_id": lot.id})
        repair = env["mrp.repair"].browse(ticket.action_take_back()["res_id"])
        receipt = repair.receipt_picking_id
        receipt.write({"aftersales_signature": SIGNATURE})
        self.checkpoint()
        self.authenticate("test_sig_other_tech", PASSWORD)
        response = self.url_open(
            "/web/image/stock.picking/%d/aftersales_signature" % receipt.id)
        self.assertNotEqual(response.content, __import__("base64").b64decode(
            SIGNATURE))
