# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Fixtures of the workshop tests: a serial-tracked product delivered to a
customer, spare parts in stock, a labour product, a sales tax."""
import base64

from odoo.addons.aftersales_ticket.tests.common import (
    AftersalesCase, create_delivered_lot)

# a 1x1 PNG, as the signature pad sends
SIGNATURE = base64.b64encode(
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
    b"\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f"
    b"\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


class RepairCase(AftersalesCase):
    """A boiler delivered to customer A, parts in the spare-parts
    location, prices with a 10% sales tax."""

    @classmethod
    def setUpClass(cls):
        super(RepairCase, cls).setUpClass()
        env = cls.env
        cls.repair_location = env.ref("aftersales_repair.stock_location_repair")
        cls.spare_location = env.ref(
            "aftersales_repair.stock_location_spare_parts")
        cls.recycling_location = env.ref(
            "aftersales_repair.stock_location_recycling")
        cls.customer_location = env.ref("stock.stock_location_customers")
        cls.tax = env["account.tax"].create({
            "name": "Test sales tax 10%", "amount": 10.0,
            "amount_type": "percent", "type_tax_use": "sale",
            "company_id": cls.company.id,
        })
        category = env["product.category"].create({"name": "Test Boiler Parts"})
        Product = env["product.product"]
        cls.boiler = Product.create({
            "name": "Test Boiler X200", "type": "product",
            "tracking": "serial", "warranty": 12.0, "default_code": "BX200",
        })
        cls.pump = Product.create({
            "name": "Test Circulation Pump", "type": "product",
            "default_code": "P-PUMP", "categ_id": category.id,
            "standard_price": 30.0, "lst_price": 80.0,
            "taxes_id": [(6, 0, cls.tax.ids)],
        })
        cls.valve = Product.create({
            "name": "Test Gas Valve", "type": "product",
            "default_code": "P-VALVE", "categ_id": category.id,
            "standard_price": 12.0, "lst_price": 25.0,
            "taxes_id": [(6, 0, cls.tax.ids)],
        })
        cls.labour = Product.create({
            "name": "Test Workshop Labour", "type": "service",
            "standard_price": 20.0, "lst_price": 45.0,
            "taxes_id": [(6, 0, cls.tax.ids)],
        })
        Quant = env["stock.quant"]
        Quant._update_available_quantity(cls.pump, cls.spare_location, 10.0)
        Quant._update_available_quantity(cls.valve, cls.spare_location, 10.0)

    def delivered_lot(self, delivery_date, name="SN-REPAIR-0001",
                      customer=None, **kw):
        """A serial of the boiler delivered to ``customer`` (customer A by
        default)."""
        return create_delivered_lot(
            self.env, customer or self.customer_a, delivery_date, name=name,
            product=self.boiler, **kw)

    def create_repair_ticket(self, lot, **values):
        vals = {"product_id": self.boiler.id, "lot_id": lot.id,
                "user_id": self.technician.id,
                "description": "Boiler does not heat"}
        vals.update(values)
        return self.create_ticket(**vals)

    def take_back(self, ticket, user=None):
        if user:
            ticket = ticket.sudo(user)
        action = ticket.action_take_back()
        return self.env["mrp.repair"].browse(action["res_id"])

    def qty(self, product, location, lot=None):
        """Quantity of ``product`` (``lot``) in ``location`` exactly."""
        domain = [("product_id", "=", product.id),
                  ("location_id", "=", location.id)]
        if lot is not None:
            domain.append(("lot_id", "=", lot.id))
        return sum(self.env["stock.quant"].sudo().search(domain).mapped(
            "quantity"))

    def add_part(self, repair, product, qty, price=None, line_type="add",
                 lot=None):
        values = {
            "repair_id": repair.id, "type": line_type,
            "product_id": product.id, "name": product.name,
            "product_uom_qty": qty, "product_uom": product.uom_id.id,
            "price_unit": product.lst_price if price is None else price,
        }
        if lot:
            values["lot_id"] = lot.id
        return self.env["mrp.repair.line"].create(values)

    def add_fee(self, repair, hours, price=None):
        return self.env["mrp.repair.fee"].create({
            "repair_id": repair.id, "product_id": self.labour.id,
            "name": "Workshop labour", "product_uom_qty": hours,
            "product_uom": self.labour.uom_id.id,
            "price_unit": self.labour.lst_price if price is None else price,
        })

    def change_payer(self, lines, payer, note="Decided by management",
                     user=None):
        repair = lines[0].repair_id
        wizard = self.env["aftersales.repair.payer.wizard"].sudo(
            user or self.manager).create({
                "repair_id": repair.id,
                "operation_ids": [(6, 0, [line.id for line in lines
                                          if line._name == "mrp.repair.line"])],
                "fee_ids": [(6, 0, [line.id for line in lines
                                    if line._name == "mrp.repair.fee"])],
                "payer": payer, "note": note,
            })
        return wizard.action_apply()

    def run_to_done(self, repair):
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        if repair.state == "2binvoiced":
            repair.action_repair_invoice_create()
        return repair

    def return_product(self, repair):
        repair.action_create_return()
        picking = repair.return_picking_id
        picking.write({"aftersales_signature": SIGNATURE,
                       "aftersales_signed_by": "Customer A"})
        picking.action_done()
        return picking
