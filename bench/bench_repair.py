# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Workshop repair cost: a repair of a service ticket (aftersales_repair:
payer per line, parts from the spare-parts location, ticket stage and
costs following, invoice of the customer lines) against a plain
``mrp.repair`` with the same lines, in the same database.

Each repair: create with 5 parts and 1 fee -> confirm -> start -> end
(stock moves of the parts and the product done) -> invoice. Everything
happens in one transaction that is rolled back at the end.

    python bench/bench_repair.py --config <odoo.conf> --database <db>
"""
import time

import benchlib


def setup(env, count):
    """A customer, the product repaired, five parts in stock, a labour
    fee, and one service ticket per repair of ours."""
    customer = env["res.partner"].create({
        "name": "Bench Repair Customer", "email": "r@bench.example.com",
        "is_company": True})
    Product = env["product.product"]
    product = Product.create({"name": "Bench Boiler", "type": "product"})
    parts = [Product.create({
        "name": "Bench Part %d" % index, "type": "product",
        "default_code": "BP-%d" % index, "standard_price": 5.0 + index,
        "lst_price": 12.0 + index}) for index in range(5)]
    labour = Product.create({
        "name": "Bench Labour", "type": "service", "standard_price": 20.0,
        "lst_price": 45.0})
    spare = env.ref("aftersales_repair.stock_location_spare_parts")
    workshop = env.ref("aftersales_repair.stock_location_repair")
    Quant = env["stock.quant"]
    total = 2 * (count + 10)
    Quant._update_available_quantity(product, workshop, float(total))
    for part in parts:
        Quant._update_available_quantity(part, spare, float(total))
    team = env["aftersales.team"].create({
        "name": "Bench Workshop Team", "level": "center"})
    tickets = [env["aftersales.ticket"].create({
        "subject": "Bench repair %d" % index, "partner_id": customer.id,
        "product_id": product.id, "team_id": team.id,
        "service_category": "A"}) for index in range(count + 5)]
    return {"customer": customer, "product": product, "parts": parts,
            "labour": labour, "spare": spare, "workshop": workshop,
            "production": env["stock.location"].search(
                [("usage", "=", "production")], limit=1),
            "tickets": tickets}


def repair_values(data):
    """The same repair for both: the product in the workshop, 5 parts
    from the spare-parts location, 1 fee, invoiced after repair."""
    return {
        "product_id": data["product"].id,
        "product_uom": data["product"].uom_id.id,
        "product_qty": 1.0,
        "partner_id": data["customer"].id,
        "partner_invoice_id": data["customer"].id,
        "location_id": data["workshop"].id,
        "location_dest_id": data["workshop"].id,
        "invoice_method": "after_repair",
        "operations": [(0, 0, {
            "type": "add", "product_id": part.id, "name": part.name,
            "product_uom_qty": 1.0, "product_uom": part.uom_id.id,
            "price_unit": part.lst_price, "tax_id": [(6, 0, [])],
            "location_id": data["spare"].id,
            "location_dest_id": data["production"].id,
        }) for part in data["parts"]],
        "fees_lines": [(0, 0, {
            "product_id": data["labour"].id, "name": "Labour",
            "product_uom_qty": 1.0, "product_uom": data["labour"].uom_id.id,
            "price_unit": data["labour"].lst_price, "tax_id": [(6, 0, [])],
        })],
    }


def run_one(Repair, values):
    repair = Repair.create(values)
    repair.action_repair_confirm()
    repair.action_repair_start()
    repair.action_repair_end()
    repair.action_repair_invoice_create()
    assert repair.state == "done" and repair.invoice_id, repair.state
    assert len(repair.invoice_id.invoice_line_ids) == 6
    return repair


def measure(make_repair, count, warmup=5):
    for index in range(warmup):
        make_repair(index)
    cr = make_repair.env.cr
    queries = cr.sql_log_count
    start = time.time()
    for index in range(warmup, warmup + count):
        make_repair(index)
    elapsed = time.time() - start
    return (cr.sql_log_count - queries) / float(count), \
        elapsed * 1000.0 / count


class Maker(object):
    def __init__(self, env, data, ours):
        self.env = env
        self.data = data
        self.ours = ours

    def __call__(self, index):
        Repair = self.env["mrp.repair"]
        values = repair_values(self.data)
        if self.ours:
            # what the ticket's take-back action creates (the receipt
            # picking aside: the plain repair has none)
            values["aftersales_ticket_id"] = self.data["tickets"][index].id
            Repair = Repair._aftersales_workflow()
        return run_one(Repair, values)


def main():
    args = benchlib.parse_args(
        __doc__, ("--repairs", {"type": int, "default": 200}))
    with benchlib.rolled_back_env(
            args.database, {"tracking_disable": False}) as env:
        data = setup(env, args.repairs + 5)
        plain = measure(Maker(env, data, False), args.repairs)
        ours = measure(Maker(env, data, True), args.repairs)
    print("%d repairs (create, confirm, start, end, done, invoice; 5 parts "
          "and 1 fee each)" % args.repairs)
    print("%-28s %10s %10s" % ("", "queries", "ms"))
    print("%-28s %10.1f %10.1f" % ("plain mrp.repair", plain[0], plain[1]))
    print("%-28s %10.1f %10.1f" % ("aftersales_repair", ours[0], ours[1]))
    print("ratio (ours / plain)        %10.2fx %9.2fx" % (
        ours[0] / plain[0], ours[1] / plain[1]))


if __name__ == "__main__":
    main()
