# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""What aftersales_repair declares to the suite's integrity net
(``aftersales_ticket/tests/test_integrity_net.py``; format in the BRIEF).

Intended behaviour (issues 19 and 20):

- workshop repairs, their parts and fees: technicians read and work on
  those of their teams' repairs (or the ones they repair), agents,
  directors and managers every repair of their company, managers delete;
  warehouse clerks keep Odoo's repair rights (mrp_repair gives them to
  inventory users); billing clerks and customers have none (a customer sees
  the state of his repair on his ticket's portal page only);
- who pays a line changes only through the payer wizard (directors and
  managers); the customer, addresses, serial and invoice method of a
  ticket's repair follow the ticket: workflow fields;
- parts and the product move once per repair (``action_repair_end``:
  lock, state, unique consumption key on the moves); the invoice once
  (unique index); the receipt and the return once (unique index);
- the workshop's pickings (stock.picking) follow their repair's team for
  technicians; agents read the workshop's pickings; directors and
  managers deliver the return of their repairs through its buttons. The
  core declares stock.picking and account.invoice (one declaration per
  model): see the report of this addon's session for the changes they
  need.
"""

INTERNAL = ("employee", "technician", "agent", "director", "manager",
            "billing", "warehouse", "other_company")
TEAM = ("rwcu", "team")
ALL = ("rwcu", "all")
# Odoo's rights of the inventory users on repairs (mrp_repair)
WAREHOUSE = ("rwcu", "all")

ACCESS = {
    "mrp.repair": {
        "technician": ("rwc", "team"),
        "agent": ("rwc", "all"),
        "director": ("rwc", "all"),
        "manager": ("rwcu", "all"),
        "warehouse": WAREHOUSE,
        "other_company": ("rwc", "all"),
    },
    "mrp.repair.line": {
        "technician": TEAM,
        "agent": ALL,
        "director": ALL,
        "manager": ALL,
        "warehouse": WAREHOUSE,
        "other_company": ALL,
    },
    "mrp.repair.fee": {
        "technician": TEAM,
        "agent": ALL,
        "director": ALL,
        "manager": ALL,
        "warehouse": WAREHOUSE,
        "other_company": ALL,
    },
    # a transient wizard: every user opens his own; only directors and
    # managers apply it (refused in action_apply)
    "aftersales.repair.payer.wizard": {
        role: ("rwcu", "self") for role in (
            "employee", "technician", "agent", "director", "manager",
            "billing", "warehouse", "other_company", "portal")},
    # the workshop's operation types and locations: Odoo lets every
    # employee read them; the stock managers keep them
    "stock.picking.type": {role: ("r", "all") for role in INTERNAL},
    "stock.location": {role: ("r", "all") for role in INTERNAL},
    # the repairs' moves (their consumption key): Odoo's stock rights, the
    # service roles read them (the repair form's parts)
    "stock.move": {
        "technician": ("r", "all"),
        "agent": ("r", "all"),
        "director": ("r", "all"),
        "manager": ("r", "all"),
        "billing": ("rwc", "all"),
        "warehouse": ("rwc", "all"),
        "other_company": ("r", "all"),
    },
}

REPAIR_SCOPE = {"team": "team_id", "customer": "partner_id",
                "company": "company_id", "user": "technician_id"}
LINE_SCOPE = {"team": "repair_id.team_id",
              "customer": "repair_id.partner_id",
              "company": "repair_id.company_id",
              "user": "repair_id.technician_id"}
SCOPE_FIELDS = {
    "mrp.repair": REPAIR_SCOPE,
    "mrp.repair.line": LINE_SCOPE,
    "mrp.repair.fee": LINE_SCOPE,
    "aftersales.repair.payer.wizard": {"user": "create_uid"},
    "stock.picking.type": {"company": "warehouse_id.company_id"},
    "stock.location": {"company": "company_id"},
    "stock.move": {"company": "company_id"},
    # the workshop's pickings follow their repair
    "stock.picking": {
        "team": "aftersales_repair_id.team_id",
        # the rules: agents read the workshop's pickings only; technicians
        # also read the pickings outside the workshop (van parts of their
        # visits, replenishments), as before this addon
        "only": {"agent": [("aftersales_repair_id", "!=", False)],
                 "other_company": [("aftersales_repair_id", "!=", False)]},
        "also": {"technician": lambda user: [
            "|", ("aftersales_repair_id", "=", False),
            "|", ("aftersales_repair_id.technician_id", "=", user.id),
            ("aftersales_repair_id.team_id.member_ids", "in", [user.id])]},
    },
}

ONCE = {
    "aftersales.ticket": {
        # "Take Back for Repair": one receipt and one repair
        "action_take_back": {"role": "agent",
                             "prepare": "ticket_to_take_back",
                             "creates": ["mrp.repair", "stock.picking",
                                         "stock.move"]},
    },
    "mrp.repair": {
        # "End Repair": the parts and the product move once
        "action_repair_end": {"role": "technician",
                              "prepare": "repair_ready_to_end",
                              "creates": ["stock.move"]},
        # "Create Invoice": one invoice of what the customer pays
        "action_repair_invoice_create": {
            "role": "director", "prepare": "repair_to_invoice",
            "creates": ["account.invoice", "account.invoice.line"]},
        # "Return to Customer": one return delivery
        "action_create_return": {"role": "manager",
                                 "prepare": "repair_to_return",
                                 "creates": ["stock.picking", "stock.move"]},
    },
}

NO_DOCUMENTS = {
    "mrp.repair": ["action_wait_parts", "action_parts_arrived",
                   "action_view_ticket", "action_view_pickings"],
    "aftersales.ticket": ["action_view_repairs"],
    "aftersales.repair.payer.wizard": ["action_apply"],
    "account.invoice": ["action_view_aftersales_repair"],
}

BAD_VALUE_EXEMPT = {}


# ----------------------------------------------------------------------
# Records the ONCE actions run on (env: the net's superuser environment)
# ----------------------------------------------------------------------

def _serial_product(env):
    product = env["product.product"].create({
        "name": "Integrity Net Workshop Boiler", "type": "product",
        "tracking": "serial", "warranty": 12.0})
    part = env["product.product"].create({
        "name": "Integrity Net Workshop Pump", "type": "product",
        "standard_price": 30.0, "lst_price": 80.0})
    return product, part


def ticket_to_take_back(env):
    """A ticket of the demo team with the customer's serial, no repair."""
    product, _part = _serial_product(env)
    lot = env["stock.production.lot"].create({
        "name": "NET-WS-%d" % env["stock.production.lot"].search_count([]),
        "product_id": product.id})
    customer = env["res.partner"].create(
        {"name": "Integrity Net Workshop Customer", "is_company": True})
    return env["aftersales.ticket"].create({
        "subject": "Integrity net: workshop repair",
        "partner_id": customer.id,
        "team_id": env.ref("aftersales_ticket.team_urban_demo").id,
        "product_id": product.id, "lot_id": lot.id})


def _repair_with_part(env):
    ticket = ticket_to_take_back(env)
    repair = env["mrp.repair"].browse(ticket.action_take_back()["res_id"])
    part = env["product.product"].search(
        [("name", "=", "Integrity Net Workshop Pump")], limit=1)
    spare = env.ref("aftersales_repair.stock_location_spare_parts")
    env["stock.quant"]._update_available_quantity(part, spare, 5.0)
    env["mrp.repair.line"].create({
        "repair_id": repair.id, "type": "add", "product_id": part.id,
        "name": part.name, "product_uom_qty": 1.0,
        "product_uom": part.uom_id.id, "price_unit": 80.0})
    technician = env["res.users"].search(
        [("login", "=", "integrity_net_technician")], limit=1)
    if technician:
        repair.write({"technician_id": technician.id})
    return repair


def repair_ready_to_end(env):
    """A repair under repair with a part to consume."""
    repair = _repair_with_part(env)
    repair.action_validate()
    repair.action_repair_start()
    return repair


def repair_to_invoice(env):
    """An ended repair whose customer pays the part (no warranty)."""
    repair = repair_ready_to_end(env)
    repair.action_repair_end()
    return repair


def repair_to_return(env):
    """A repaired product, invoiced, still in the workshop."""
    repair = repair_to_invoice(env)
    repair.action_repair_invoice_create()
    return repair
