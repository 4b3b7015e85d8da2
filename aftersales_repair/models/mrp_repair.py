# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.addons.aftersales_ticket.lib import payer as payer_lib
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from .res_config_settings import get_repair_location
from .stock_picking import post_as_author

# repair state -> ticket stage it drives (waiting for parts: see
# ``waiting_parts``)
STAGE_OF_STATE = {
    "confirmed": "aftersales_ticket.stage_in_progress",
    "ready": "aftersales_ticket.stage_in_progress",
    "under_repair": "aftersales_ticket.stage_in_progress",
    "2binvoiced": "aftersales_ticket.stage_resolved",
    "done": "aftersales_ticket.stage_resolved",
}
WAITING_PARTS_STAGE = "aftersales_ticket.stage_waiting_parts"
OPEN_STATES = ("draft", "confirmed", "ready", "under_repair", "2binvoiced",
               "invoice_except")
# the repair's own state changes (mrp_repair's ``action_repair_end`` reads
# the moves ``action_repair_done`` made from the dict it returns; anyone
# else, RPC included, gets ``True``)
_END_CONTEXT = "aftersales_repair_end"


class _EndToken(object):
    """Value of ``_END_CONTEXT``: no client can send it."""

    __slots__ = ()


END_TOKEN = _EndToken()


class MrpRepair(models.Model):
    """A workshop repair of a service ticket's product: received from the
    customer by a stock receipt, repaired with parts through stock, invoiced
    for what the customer pays, returned by a delivery signed on delivery."""

    _name = "mrp.repair"
    _inherit = ["mrp.repair", "aftersales.mixin"]
    # set by the actions (buttons) only, for repairs of tickets
    _aftersales_workflow_fields = (
        "aftersales_ticket_id", "receipt_picking_id", "return_picking_id",
        "state", "invoice_id", "invoiced", "repaired", "move_id",
        "date_received", "date_returned", "waiting_parts", "team_id",
        # who pays and what is repaired follow the ticket (payer wizard)
        "partner_id", "partner_invoice_id", "address_id", "lot_id",
        "invoice_method")

    aftersales_ticket_id = fields.Many2one(
        "aftersales.ticket", string="Service Ticket", index=True, copy=False,
        readonly=True, ondelete="restrict", track_visibility="onchange",
        auto_join=True)
    # the ticket's team, kept by the repair and the ticket's write (not a
    # stored related field: that would search repairs at every ticket
    # creation)
    team_id = fields.Many2one(
        "aftersales.team", readonly=True, index=True, string="Service Team",
        help="The service team of the repair's ticket.")
    technician_id = fields.Many2one(
        "res.users", string="Technician", index=True,
        track_visibility="onchange")
    fault_description = fields.Text()
    diagnosis = fields.Text()
    test_result = fields.Selection(
        [("passed", "Passed"), ("failed", "Failed")],
        track_visibility="onchange")
    test_notes = fields.Text()
    promised_date = fields.Date(
        index=True, track_visibility="onchange",
        help="Date promised to the customer for the return of the product.")
    date_received = fields.Datetime(
        string="Received", readonly=True, copy=False, index=True,
        help="When the customer's product was received in the workshop.")
    date_returned = fields.Datetime(
        string="Returned", readonly=True, copy=False)
    waiting_parts = fields.Boolean(
        string="Waiting for Parts", readonly=True, copy=False,
        track_visibility="onchange")
    receipt_picking_id = fields.Many2one(
        "stock.picking", string="Customer Product Receipt", readonly=True,
        copy=False, index=True)
    return_picking_id = fields.Many2one(
        "stock.picking", string="Return Delivery", readonly=True, copy=False,
        index=True)
    receipt_state = fields.Selection(
        related="receipt_picking_id.state", readonly=True,
        string="Receipt Status")
    return_state = fields.Selection(
        related="return_picking_id.state", readonly=True,
        string="Return Status")
    in_workshop = fields.Boolean(
        compute="_compute_in_workshop", store=True, index=True,
        help="The customer's product is held in the workshop: received, "
             "not yet returned.")
    picking_count = fields.Integer(compute="_compute_picking_count")
    timesheet_ids = fields.One2many(
        "account.analytic.line", "aftersales_repair_id", string="Repair Time")
    repair_hours = fields.Float(
        string="Repair Time (hours)", compute="_compute_repair_hours")
    customer_amount = fields.Float(
        string="Customer Pays", compute="_compute_payer_amounts",
        help="Untaxed amount of the lines the customer pays.")
    free_cost = fields.Float(
        string="Cost of Free Lines", compute="_compute_payer_amounts",
        help="Cost of the lines paid by warranty, contract or goodwill.")

    @api.depends("receipt_picking_id.state", "return_picking_id.state")
    def _compute_in_workshop(self):
        for repair in self:
            # the pickings' states, whoever triggers the recompute (agents
            # and technicians taking a product back have no stock rights)
            held = repair.sudo()
            repair.in_workshop = (
                held.receipt_picking_id.state == "done" and
                held.return_picking_id.state != "done")

    def _compute_picking_count(self):
        for repair in self:
            repair.picking_count = len(
                repair.receipt_picking_id | repair.return_picking_id)

    def _compute_repair_hours(self):
        groups = self.env["account.analytic.line"].read_group(
            [("aftersales_repair_id", "in", self.ids)],
            ["aftersales_repair_id", "unit_amount"], ["aftersales_repair_id"])
        hours = {group["aftersales_repair_id"][0]: group["unit_amount"]
                 for group in groups}
        for repair in self:
            repair.repair_hours = hours.get(repair.id, 0.0)

    def _compute_payer_amounts(self):
        for repair in self:
            lines = list(repair.operations.filtered(
                lambda line: line.type == "add")) + list(repair.fees_lines)
            repair.customer_amount = sum(
                line.price_subtotal for line in lines if line.to_invoice)
            repair.free_cost = sum(
                line.cost_subtotal for line in lines if not line.to_invoice)

    @api.multi
    def message_post(self, body="", subject=None, message_type="notification",
                     subtype=None, parent_id=False, attachments=None,
                     content_subtype="html", **kwargs):
        return post_as_author(
            self, super(MrpRepair, self).message_post, body, subtype,
            dict(kwargs, subject=subject, message_type=message_type,
                 parent_id=parent_id, attachments=attachments,
                 content_subtype=content_subtype))

    @api.constrains("lot_id", "product_id")
    def _check_aftersales_lot_product(self):
        for repair in self.filtered("lot_id"):
            repair.lot_id._aftersales_check_product(repair.product_id)

    @api.constrains("technician_id", "company_id")
    def _check_aftersales_technician(self):
        for repair in self.filtered("technician_id"):
            repair._aftersales_check_technician(
                repair.technician_id, repair.company_id)

    @api.model
    def _aftersales_check_technician(self, user, company):
        """Refuse ``user`` as the technician of a repair of ``company``: a
        portal user, or a user of another company."""
        # the technician's groups and companies, whoever assigns him
        user = user.sudo()
        if user.share or not user.has_group("base.group_user"):
            raise ValidationError(_(
                "%(user)s is not an employee: a repair's technician is an "
                "internal user.") % {"user": user.name})
        if company and company not in user.company_ids:
            raise ValidationError(_(
                "%(user)s does not work for %(company)s: the repair's "
                "technician is one of its company.") % {
                    "user": user.name, "company": company.name})

    @api.model_cr
    def init(self):
        result = super(MrpRepair, self).init()
        # one repair in progress per service ticket
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS mrp_repair_aftersales_open_uniq
                ON mrp_repair (aftersales_ticket_id)
             WHERE aftersales_ticket_id IS NOT NULL
               AND state NOT IN ('done', 'cancel')
        """)
        return result

    # ------------------------------------------------------------------
    # CRUD: repairs of tickets check every value (types, workflow fields)
    # ------------------------------------------------------------------

    @api.model
    def create(self, vals):
        if vals.get("aftersales_ticket_id"):
            self._aftersales_check_values(vals, creating=True)
            vals = self._prepare_aftersales_team_values(vals)
        # the lines created with the repair share one payer decision
        Repair = self.with_context(
            aftersales_costs_deferred=True, aftersales_payer_cache={})
        if vals.get("aftersales_ticket_id"):
            Repair._aftersales_prefetch_line_costs(vals)
        repair = super(MrpRepair, Repair).create(vals)
        if repair.aftersales_ticket_id:
            repair.with_env(self.env)._aftersales_costs_changed()
        return repair.with_env(self.env)

    @api.multi
    def write(self, vals):
        ours = self.filtered("aftersales_ticket_id")
        if ours or vals.get("aftersales_ticket_id"):
            self._aftersales_check_values(vals, creating=False)
        if "aftersales_ticket_id" in vals:
            vals = self._prepare_aftersales_team_values(vals)
        result = super(MrpRepair, self.with_context(
            aftersales_costs_deferred=True)).write(vals)
        if "aftersales_ticket_id" in vals:
            # the lines' ticket is their repair's
            self.mapped("operations")._aftersales_workflow_write(
                {"aftersales_ticket_id": vals["aftersales_ticket_id"]})
            self.mapped("fees_lines")._aftersales_workflow_write(
                {"aftersales_ticket_id": vals["aftersales_ticket_id"]})
        if ours and {"operations", "fees_lines"}.intersection(vals):
            ours._aftersales_costs_changed()
        return result

    @api.model
    def _aftersales_prefetch_line_costs(self, vals):
        """The cost prices of the products of the lines created with a
        repair, read in one lookup (each line takes its product's)."""
        product_ids = {
            command[2]["product_id"]
            for key in ("operations", "fees_lines")
            for command in vals.get(key) or ()
            if command[0] == 0 and command[2].get("product_id")}
        self.env["product.product"].browse(product_ids).mapped(
            "standard_price")

    @api.model
    def _prepare_aftersales_team_values(self, vals):
        """``vals`` with the team of the ticket they link the repair to."""
        ticket = self.env["aftersales.ticket"].browse(
            vals["aftersales_ticket_id"])
        return dict(vals, team_id=ticket.team_id.id)

    def _aftersales_guard_values(self, vals, creating):
        """The business rules first (a serial of another product is a
        validation error), then the workflow fields."""
        self._aftersales_check_business_values(vals, creating)
        self._aftersales_check_workflow_values(vals)

    def _aftersales_check_business_values(self, vals, creating):
        result = super(MrpRepair, self)._aftersales_check_business_values(
            vals, creating)
        if vals.get("technician_id"):
            companies = self.env["res.company"].browse(
                vals["company_id"]) if vals.get("company_id") else \
                self.mapped("company_id")
            for company in companies or [self.env["res.company"]]:
                self._aftersales_check_technician(
                    self.env["res.users"].browse(vals["technician_id"]),
                    company)
        if vals.get("product_qty") is not None and vals["product_qty"] <= 0:
            raise ValidationError(_(
                "The quantity to repair must be more than zero."))
        if vals.get("lot_id"):
            lot = self.env["stock.production.lot"].browse(vals["lot_id"])
            products = self.env["product.product"].browse(
                vals["product_id"]) if vals.get("product_id") else \
                self.mapped("product_id")
            for product in products:
                lot._aftersales_check_product(product)
        return result

    def _aftersales_costs_changed(self):
        """The parts and time of these repairs changed: their tickets' cost
        figures follow (unless a batch recomputes them once at its end)."""
        if self.env.context.get("aftersales_costs_deferred"):
            return
        tickets = self.mapped("aftersales_ticket_id")
        if tickets:
            # cost figures are stored on the ticket, whoever changes a part
            tickets.sudo()._recompute_costs()

    # ------------------------------------------------------------------
    # Actions of mrp_repair: run as workflow writes for repairs of tickets,
    # the ticket's stage follows
    # ------------------------------------------------------------------

    @api.multi
    def action_repair_confirm(self):
        result = super(MrpRepair, self._aftersales_workflow()
                       ).action_repair_confirm()
        self._sync_aftersales_ticket_stage()
        return result

    @api.multi
    def action_repair_cancel(self):
        repairs = self._aftersales_lock()
        consumed = repairs._aftersales_consumed()
        if consumed:
            raise UserError(_(
                "%s: the parts and the product were moved already; a repair "
                "that consumed its parts cannot be cancelled and done again."
            ) % ", ".join(consumed.mapped("name")))
        return super(MrpRepair, repairs._aftersales_workflow()
                     ).action_repair_cancel()

    @api.multi
    def action_repair_cancel_draft(self):
        return super(MrpRepair, self._aftersales_workflow()
                     ).action_repair_cancel_draft()

    def action_repair_ready(self):
        return super(MrpRepair, self._aftersales_workflow()
                     ).action_repair_ready()

    @api.multi
    def action_repair_start(self):
        result = super(MrpRepair, self._aftersales_workflow()
                       ).action_repair_start()
        self._sync_aftersales_ticket_stage()
        return result

    @api.multi
    def action_repair_end(self):
        # once per repair: de-duplicated, locked, state checked by mrp_repair
        # on the locked rows; the moves' unique key behind it
        repairs = self._aftersales_lock()
        ours = repairs.filtered("aftersales_ticket_id")
        ours._check_aftersales_parts_available()
        result = super(MrpRepair, repairs._aftersales_workflow().with_context(
            **{_END_CONTEXT: END_TOKEN})).action_repair_end()
        # nothing for the customer to pay: nothing to invoice
        free = ours.filtered(lambda repair: repair.state == "2binvoiced" and
                             not repair._get_aftersales_billable_lines())
        if free:
            free._aftersales_workflow_write({"state": "done"})
        repairs._sync_aftersales_ticket_stage()
        return result

    @api.multi
    def action_repair_done(self):
        """The moves of the parts and of the product, once per repair: only
        while ending it (``action_repair_end``); called on its own (a
        button, RPC) it refuses a repair whose moves are made. Returns the
        moves by repair to ``action_repair_end``, ``True`` to anyone else
        (RPC cannot carry a dict with integer keys)."""
        internal = self.env.context.get(_END_CONTEXT) is END_TOKEN
        # while ending, ``action_repair_end`` holds the locks already
        repairs = self._aftersales_unique() if internal else \
            self._aftersales_lock()
        consumed = repairs._aftersales_consumed()
        if consumed:
            raise UserError(_(
                "%s: the parts and the product were moved already (once per "
                "repair).") % ", ".join(consumed.mapped("name")))
        if not internal:
            not_ending = repairs.filtered(
                lambda repair: repair.state != "under_repair")
            if not_ending:
                raise UserError(_(
                    "%s: the parts are consumed when the repair ends (End "
                    "Repair).") % ", ".join(not_ending.mapped("name")))
        ours = repairs.filtered("aftersales_ticket_id")
        result = {}
        if repairs - ours:
            result.update(super(MrpRepair, repairs - ours)
                          .action_repair_done())
        if ours:
            # the repair's moves are stock documents of the workshop, made
            # for technicians who have no inventory rights; the caller's
            # access to the repair is checked first
            ours.check_access_rights("write")
            ours.check_access_rule("write")
            result.update(super(MrpRepair, ours._aftersales_sudo_as_user()
                                ._aftersales_workflow()).action_repair_done())
            ours._aftersales_mark_consumed(result)
        return result if internal else True

    def _aftersales_mark_consumed(self, product_moves):
        """Key the moves of these repairs' parts (``line-<id>``) and product
        (``repair-<id>``, ``product_moves``: {repair id: move id}): a unique
        index refuses any second consumption; the defective parts removed go
        to recycling under the workshop's recycling operation type."""
        rows = []
        for repair in self:
            for line in repair.operations.filtered("move_id"):
                rows.append(("line-%d" % line.id, line.move_id.id))
            if product_moves.get(repair.id):
                rows.append(("repair-%d" % repair.id,
                             product_moves[repair.id]))
        if rows:
            # one UPDATE for all: a duplicate key fails the whole action
            self.env.cr.execute(
                "UPDATE stock_move SET aftersales_consumption_key = keys.key "
                "FROM (VALUES %s) AS keys (key, id) "
                "WHERE stock_move.id = keys.id" % ", ".join(
                    ["(%s, %s)"] * len(rows)),
                [value for row in rows for value in row])
        Type = self.env["stock.picking.type"]
        for repair in self:
            removed = repair.operations.filtered(
                lambda line: line.type == "remove").mapped("move_id")
            if not removed:
                continue
            # the company's warehouse: configuration, whoever repairs
            warehouse = self.env["stock.warehouse"].sudo().search(
                [("company_id", "=", repair.company_id.id)], limit=1)
            recycling = Type._aftersales_repair_type("recycling", warehouse)
            if recycling:
                self.env.cr.execute(
                    "UPDATE stock_move SET picking_type_id = %s "
                    "WHERE id IN %s", (recycling.id, tuple(removed.ids)))
        self.env["stock.move"].invalidate_cache(
            ["aftersales_consumption_key", "picking_type_id"])

    def action_repair_invoice_create(self):
        repairs = self._aftersales_lock()
        super(MrpRepair, repairs._aftersales_workflow()
              ).action_repair_invoice_create()
        repairs._sync_aftersales_ticket_stage()
        invoices = repairs.mapped("invoice_id")
        ours = repairs.filtered("aftersales_ticket_id")
        if not ours or not invoices:
            return True
        return ours._aftersales_open_documents(
            invoices, "account.action_invoice_tree1", "account.invoice_form",
            _("the customer invoice of the repair, for the billing clerks to "
              "validate"))

    @api.multi
    def action_invoice_create(self, group=False):
        """Invoices of repairs of tickets hold only what the customer pays
        (``payer``), at most one per repair; other repairs as mrp_repair
        invoices them."""
        ours = self.filtered("aftersales_ticket_id")
        result = {}
        if self - ours:
            # mrp_repair marks the lines invoiced (workflow fields)
            result.update(super(
                MrpRepair, (self - ours)._aftersales_workflow()
            ).action_invoice_create(group=group))
        if ours:
            result.update(ours._create_aftersales_invoices())
        return result

    def action_wait_parts(self):
        """The repair waits for parts: the ticket's SLA clock pauses."""
        repairs = self.filtered(lambda repair: repair.state in OPEN_STATES)
        repairs._aftersales_workflow_write({"waiting_parts": True})
        repairs._sync_aftersales_ticket_stage()
        return True

    def action_parts_arrived(self):
        repairs = self.filtered("waiting_parts")
        repairs._aftersales_workflow_write({"waiting_parts": False})
        repairs._sync_aftersales_ticket_stage()
        return True

    def action_create_return(self):
        pickings = self._create_aftersales_returns()
        return self._aftersales_open_documents(
            pickings, "stock.action_picking_tree_all", "stock.view_picking_form",
            _("the return delivery of the repaired product, signed by the "
              "customer on delivery"))

    def action_view_pickings(self):
        self.ensure_one()
        return self._action_view_pickings(
            self.receipt_picking_id | self.return_picking_id)

    def action_view_ticket(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.ticket",
            "views": [(False, "form")],
            "res_id": self.aftersales_ticket_id.id,
        }

    def _action_view_pickings(self, pickings):
        action = self.env.ref("stock.action_picking_tree_all").read()[0]
        if len(pickings) == 1:
            action["views"] = [(self.env.ref("stock.view_picking_form").id,
                                "form")]
            action["res_id"] = pickings.id
        else:
            action["domain"] = [("id", "in", pickings.ids)]
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _get_aftersales_coverage(self):
        """Coverage of the product on the day it was received: the
        ticket's coverage hook (warranty of the serial, contracts) on a
        draft ticket received that day."""
        self.ensure_one()
        ticket = self.aftersales_ticket_id
        Ticket = self.env["aftersales.ticket"]
        draft = Ticket.new(Ticket._prepare_coverage_draft_values({
            "partner_id": ticket.partner_id.id or self.partner_id.id,
            "product_id": self.product_id.id,
            "lot_id": self.lot_id.id,
            "company_id": ticket.company_id.id,
            "team_id": ticket.team_id.id,
            "request_type": ticket.request_type,
            "date_received": self.date_received or ticket.date_received,
        }))
        return draft._get_coverage()

    def _get_aftersales_payer(self):
        """``(payer, reason)`` of a new line of this repair."""
        self.ensure_one()
        cache = self.env.context.get("aftersales_payer_cache")
        if cache is not None and self.id in cache:
            return cache[self.id]
        if self.aftersales_ticket_id.service_category == "D":
            decided = payer_lib.decide_payer(internal=True)
        else:
            covered = self._get_aftersales_coverage()
            decided = payer_lib.decide_payer(
                under_warranty=covered.under_warranty,
                under_contract=bool(covered.contract))
        if cache is not None:
            cache[self.id] = decided
        return decided

    def _aftersales_consumed(self):
        """The repairs of ``self`` whose parts or product moved already."""
        # whether stock moved, whoever asks (technicians have no stock
        # rights)
        moved = self.env["stock.move"].sudo().search(
            [("repair_id", "in", self.ids), ("state", "!=", "cancel")])
        moved_ids = set(moved.mapped("repair_id").ids)
        return self.filtered(
            lambda repair: repair.id in moved_ids or repair.move_id)

    def _get_aftersales_list_price(self, product, qty, default):
        """Price of ``product`` on the repair's pricelist (``default``
        without one)."""
        self.ensure_one()
        if not self.pricelist_id:
            return default
        price = self.pricelist_id.get_product_price(
            product, qty, self.partner_id)
        return default if price is False else price

    def _aftersales_sudo_as_user(self):
        """``self`` as superuser for the workshop's stock and accounting
        documents, their chatter messages still authored by the user who
        acts (``aftersales_author_id``)."""
        return self.sudo().with_context(
            aftersales_author_id=self.env.user.partner_id.id)

    def _get_aftersales_part_locations(self, line_type):
        """(source, destination) of a part added or removed."""
        self.ensure_one()
        production = self.env["stock.location"].search(
            [("usage", "=", "production")], limit=1)
        if line_type == "add":
            return (get_repair_location(self.env, "spare_parts",
                                        self.company_id), production)
        return production, get_repair_location(
            self.env, "recycling", self.company_id)

    def _prepare_aftersales_operation_locations(self, vals):
        if vals.get("type"):
            source, destination = self._get_aftersales_part_locations(
                vals["type"])
            vals.setdefault("location_id", source.id)
            vals.setdefault("location_dest_id", destination.id)
        return vals

    def _get_aftersales_billable_lines(self):
        """Added parts and fees the customer pays."""
        self.ensure_one()
        return (self.operations.filtered(
            lambda line: line.type == "add" and line.to_invoice),
            self.fees_lines.filtered("to_invoice"))

    def _check_aftersales_parts_available(self):
        """Refuse, before anything moves, parts missing from a location that
        does not allow negative stock; one message for all."""
        Quant = self.env["stock.quant"].sudo()  # stock levels, read only
        precision = self.env["decimal.precision"].precision_get(
            "Product Unit of Measure")
        needed = defaultdict(float)
        for line in self.mapped("operations"):
            location = line.location_id
            if line.type != "add" or location.usage != "internal" or \
                    location.aftersales_allow_negative:
                continue
            qty = line.product_uom._compute_quantity(
                line.product_uom_qty, line.product_id.uom_id)
            needed[(line.product_id, location, line.lot_id)] += qty
        problems = []
        for (product, location, lot), qty in sorted(
                needed.items(), key=lambda item: (item[0][0].id,
                                                  item[0][1].id)):
            available = Quant._get_available_quantity(
                product, location, lot_id=lot or None)
            if float_compare(available, qty, precision_digits=precision) < 0:
                problems.append(_(
                    "%(product)s: %(qty)s needed in %(location)s, %(available)s"
                    " available.") % {
                        "product": product.display_name, "qty": qty,
                        "location": location.display_name,
                        "available": available})
        if problems:
            raise UserError(_("Not enough spare parts in stock:\n%s")
                            % "\n".join(problems))

    def _create_aftersales_invoices(self):
        """One draft customer invoice per repair, of the lines the customer
        pays, at most once (lock here, unique index on the invoice)."""
        Invoice = self.env["account.invoice"]
        result = {}
        repairs = self._aftersales_lock()
        repairs.check_access_rights("write")
        repairs.check_access_rule("write")
        for repair in repairs:
            result[repair.id] = repair.invoice_id.id or False
            if repair.state in ("draft", "cancel") or repair.invoice_id or \
                    repair.invoice_method == "none":
                continue
            operations, fees = repair._get_aftersales_billable_lines()
            if not operations and not fees:
                continue
            partner = repair.partner_invoice_id or repair.partner_id
            if not partner:
                raise UserError(_(
                    "Repair %s has no customer to invoice.") % repair.name)
            # the journal, accounts and fiscal position of the invoice are
            # accounting's, read for directors and agents who have no
            # accounting rights (the repair's access is checked above)
            values = Invoice.sudo()._aftersales_prepare_invoice_values(
                partner, repair.company_id, repair.name)
            values.update({
                "aftersales_repair_id": repair.id,
                "comment": repair.quotation_notes,
            })
            if repair.pricelist_id.currency_id:
                values["currency_id"] = repair.pricelist_id.currency_id.id
            lines = list(operations) + list(fees)
            products = Invoice.sudo()._aftersales_invoice_products(
                operations.mapped("product_id") | fees.mapped("product_id"),
                repair.company_id)
            for line in lines:
                # income accounts and taxes: accounting's (see above)
                line_values = Invoice.sudo(
                )._aftersales_prepare_invoice_line_values(
                    values, products[line.product_id.id],
                    line.product_uom_qty, line.price_unit,
                    uom=line.product_uom, name=line.name, taxes=line.tax_id)
                line_values["origin"] = repair.name
                values["invoice_line_ids"].append((0, 0, line_values))
            # the invoice is accounting's draft, made for the workshop
            # (technicians, agents and directors have no invoicing rights);
            # its chatter keeps the user who made it
            invoice = Invoice.sudo().with_context(
                aftersales_author_id=self.env.user.partner_id.id
            )._aftersales_workflow().create(values)
            invoice.compute_taxes()
            for line, invoice_line in zip(lines, invoice.invoice_line_ids):
                # the link to accounting's line, written for the workshop
                line._aftersales_workflow().sudo().write({
                    "invoiced": True, "invoice_line_id": invoice_line.id})
            repair._aftersales_workflow_write({
                "invoiced": True, "invoice_id": invoice.id})
            result[repair.id] = invoice.id
        return result

    def _create_aftersales_returns(self):
        """The return delivery of each repaired (or cancelled) repair's
        product to its customer, once; validated when the customer signs."""
        repairs = self._aftersales_lock()
        Picking = self.env["stock.picking"]
        pickings = Picking
        for repair in repairs:
            if not repair.aftersales_ticket_id:
                raise UserError(_(
                    "Repair %s is not a workshop repair of a service ticket."
                ) % repair.name)
            if repair.receipt_picking_id.state != "done":
                raise UserError(_(
                    "Repair %s: the customer's product was never received, "
                    "there is nothing to return.") % repair.name)
            if repair.return_picking_id and \
                    repair.return_picking_id.state != "cancel":
                raise UserError(_(
                    "Repair %(repair)s: the return delivery %(picking)s "
                    "exists already.") % {
                        "repair": repair.name,
                        "picking": repair.return_picking_id.name})
            if repair.state not in ("done", "2binvoiced", "cancel"):
                raise UserError(_(
                    "Repair %s is not finished: end it (or cancel it) before "
                    "returning the product.") % repair.name)
            picking = repair._create_aftersales_picking("return")
            repair._aftersales_workflow_write(
                {"return_picking_id": picking.id})
            pickings |= picking
        return pickings

    def _create_aftersales_picking(self, kind):
        """The receipt from the customer into the workshop (``receipt``,
        done at once: the product is handed over) or the return from the
        workshop to the customer (``return``, reserved, done at
        delivery)."""
        self.ensure_one()
        warehouse = self.env["stock.warehouse"].sudo().search(
            [("company_id", "=", self.company_id.id)], limit=1)
        if not warehouse:
            raise UserError(_("Company %s has no warehouse.")
                            % self.company_id.name)
        partner = self.address_id or self.partner_id
        customer_location = partner.property_stock_customer
        picking_type = self.env["stock.picking.type"]._aftersales_repair_type(
            kind, warehouse)
        if kind == "receipt":
            source, destination = customer_location, self.location_id
        else:
            source, destination = self.location_id, customer_location
        # stock documents of the workshop, made for technicians, agents and
        # directors who have no inventory rights; the repair's actions check
        # their access; the chatter keeps the user who acts
        Picking = self.env["stock.picking"].sudo().with_context(
            mail_create_nosubscribe=True,
            aftersales_author_id=self.env.user.partner_id.id,
        )._aftersales_workflow()
        picking = Picking.create({
            "partner_id": partner.id,
            "picking_type_id": picking_type.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "origin": "%s / %s" % (self.aftersales_ticket_id.name, self.name),
            "company_id": self.company_id.id,
            "aftersales_repair_id": self.id,
            "aftersales_repair_kind": kind,
            "move_lines": [(0, 0, {
                "name": self.product_id.display_name,
                "product_id": self.product_id.id,
                "product_uom": self.product_uom.id,
                "product_uom_qty": self.product_qty,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "company_id": self.company_id.id,
            })],
        })
        picking.action_confirm()
        if kind == "return":
            # the customer's own serial, not any unit of that product
            available = self.env["stock.quant"].sudo()._get_available_quantity(
                self.product_id, source, lot_id=self.lot_id or None,
                strict=True)
            if float_compare(available, self.product_qty,
                             precision_rounding=self.product_uom.rounding) < 0:
                raise UserError(_(
                    "Repair %(repair)s: %(product)s (%(lot)s) is not in "
                    "%(location)s.") % {
                        "repair": self.name,
                        "product": self.product_id.display_name,
                        "lot": self.lot_id.name or "-",
                        "location": source.display_name})
        # the customer's serial, whatever was reserved
        picking.move_line_ids.unlink()
        self.env["stock.move.line"].sudo().create({
            "move_id": picking.move_lines.id,
            "picking_id": picking.id,
            "product_id": self.product_id.id,
            "product_uom_id": self.product_uom.id,
            "lot_id": self.lot_id.id,
            "product_uom_qty": 0,
            "qty_done": self.product_qty,
            "location_id": source.id,
            "location_dest_id": destination.id,
        })
        if kind == "receipt":
            picking.action_done()
        return picking

    def _sync_aftersales_ticket_stage(self):
        """The repair's state drives its ticket's stage."""
        stages = defaultdict(lambda: self.env["aftersales.ticket"])
        for repair in self.filtered("aftersales_ticket_id"):
            xmlid = WAITING_PARTS_STAGE if repair.waiting_parts and \
                repair.state in OPEN_STATES else STAGE_OF_STATE.get(
                    repair.state)
            if not xmlid:
                continue
            stage = self.env.ref(xmlid, raise_if_not_found=False)
            ticket = repair.aftersales_ticket_id
            if stage and ticket.stage_id != stage and not ticket.is_closed:
                stages[stage] |= ticket
        for stage, tickets in stages.items():
            # the repair moved the ticket: no note back on the repair
            tickets.with_context(aftersales_repair_sync=True).write(
                {"stage_id": stage.id})

    @api.model
    def _cron_overdue_repairs(self):
        """One activity for the team director of each repair past its
        promised date (none more when the job runs again)."""
        repairs = self.search([
            ("aftersales_ticket_id", "!=", False),
            ("promised_date", "<", fields.Date.context_today(self)),
            ("state", "in", OPEN_STATES)])
        users = {}
        for repair in repairs:
            director = repair.team_id.director_id or \
                repair.team_id.manager_id
            if director:
                users[repair.id] = director
        return repairs._aftersales_schedule_activities(
            users, _("Overdue repair"), note={
                repair.id: _("Promised to the customer for %s.")
                % repair.promised_date for repair in repairs})
