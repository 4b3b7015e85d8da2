# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime

from odoo import _, fields, models
from odoo.exceptions import UserError

from .res_config_settings import get_promised_days, get_repair_location

PARTS_COSTS = ("parts_cost", "parts_amount")


class AftersalesTicket(models.Model):
    """Workshop repairs of a ticket: take the product back, follow the
    repair, refuse closing while the product is in the workshop."""

    _inherit = "aftersales.ticket"

    repair_ids = fields.One2many(
        "mrp.repair", "aftersales_ticket_id", string="Workshop Repairs",
        readonly=True)
    repair_count = fields.Integer(compute="_compute_repair_count")
    repair_in_workshop = fields.Boolean(
        string="Product in Workshop", compute="_compute_repair_count")
    guarantee_limit = fields.Date(
        string="Warranty Expiration", compute="_compute_guarantee_limit",
        help="Last day of warranty of the serial for this customer.")

    def _compute_repair_count(self):
        groups = self.env["mrp.repair"].read_group(
            [("aftersales_ticket_id", "in", self.ids)],
            ["aftersales_ticket_id", "in_workshop"],
            ["aftersales_ticket_id", "in_workshop"], lazy=False)
        counts, held = {}, set()
        for group in groups:
            ticket_id = group["aftersales_ticket_id"][0]
            counts[ticket_id] = counts.get(ticket_id, 0) + group["__count"]
            if group["in_workshop"]:
                held.add(ticket_id)
        for ticket in self:
            ticket.repair_count = counts.get(ticket.id, 0)
            ticket.repair_in_workshop = ticket.id in held

    def _compute_guarantee_limit(self):
        for ticket in self:
            end = ticket._get_warranty_end_date() if ticket.id else None
            ticket.guarantee_limit = end and fields.Date.to_string(end)

    # ------------------------------------------------------------------
    # Hooks of the core
    # ------------------------------------------------------------------

    def _check_can_close(self):
        result = super(AftersalesTicket, self)._check_can_close()
        # whether a product is held, whoever closes the ticket
        held = self.env["mrp.repair"].sudo().search(
            [("aftersales_ticket_id", "in", self.ids),
             ("in_workshop", "=", True)])
        if held:
            raise UserError(_(
                "%(tickets)s cannot be closed: the customer's product is still "
                "in the workshop (repair %(repairs)s). Return it to the "
                "customer first.") % {
                    "tickets": ", ".join(
                        held.mapped("aftersales_ticket_id.name")),
                    "repairs": ", ".join(held.mapped("name"))})
        return result

    def _on_stage_changed(self, previous_stage_ids):
        """The open repairs of a ticket whose stage changed show it in their
        chatter (the ticket's stage is what the customer sees)."""
        result = super(AftersalesTicket, self)._on_stage_changed(
            previous_stage_ids)
        if self.env.context.get("aftersales_repair_sync"):
            return result
        repairs = self.env["mrp.repair"].sudo().search(
            [("aftersales_ticket_id", "in", self.ids),
             ("state", "not in", ("done", "cancel"))])
        for repair in repairs:
            repair.message_post(body=_("Service ticket %(ticket)s is now "
                                       "in stage %(stage)s.") % {
                "ticket": repair.aftersales_ticket_id.name,
                "stage": repair.aftersales_ticket_id.stage_id.name},
                subtype="mail.mt_note")
        return result

    def _after_write(self, vals, before):
        """The repairs of tickets moved to another team follow them."""
        result = super(AftersalesTicket, self)._after_write(vals, before)
        if "team_id" in vals:
            # the repairs follow their tickets, whoever moved them
            repairs = self.env["mrp.repair"].sudo().search(
                [("aftersales_ticket_id", "in", self.ids)])
            repairs._aftersales_workflow_write({"team_id": vals["team_id"]})
        if {"partner_id", "lot_id"}.intersection(vals):
            self._aftersales_sync_repair_customer()
        return result

    def _aftersales_sync_repair_customer(self):
        """The customer, addresses and serial of the open, uninvoiced
        repairs follow their ticket (they are workflow fields of the
        repair)."""
        # the repairs follow their tickets, whoever corrected them
        repairs = self.env["mrp.repair"].sudo().search(
            [("aftersales_ticket_id", "in", self.ids),
             ("state", "not in", ("done", "cancel", "2binvoiced")),
             ("invoice_id", "=", False)])
        for repair in repairs:
            ticket = repair.aftersales_ticket_id
            partner = ticket.partner_id
            addresses = partner.address_get(["delivery", "invoice"])
            values = {"partner_id": partner.id,
                      "address_id": addresses["delivery"],
                      "partner_invoice_id": addresses["invoice"]}
            if ticket.lot_id and ticket.lot_id.product_id == \
                    repair.product_id:
                values["lot_id"] = ticket.lot_id.id
            repair._aftersales_workflow_write(values)

    def _get_cost_amounts(self, kinds):
        """The core's costs plus the parts of the ticket's repairs (their
        time is on the ticket's time lines already, marked with the
        repair)."""
        amounts = super(AftersalesTicket, self)._get_cost_amounts(kinds)
        ids = [ticket_id for ticket_id in self.ids
               if isinstance(ticket_id, int)]
        if ids and set(kinds) & set(PARTS_COSTS):
            # cost figures of the ticket, whoever reads it
            groups = self.env["mrp.repair.line"].sudo().read_group(
                [("aftersales_ticket_id", "in", ids), ("type", "=", "add"),
                 ("state", "!=", "cancel")],
                ["aftersales_ticket_id", "cost_subtotal",
                 "aftersales_price_subtotal"], ["aftersales_ticket_id"])
            for group in groups:
                total = amounts[group["aftersales_ticket_id"][0]]
                if "parts_cost" in total:
                    total["parts_cost"] += group["cost_subtotal"] or 0.0
                if "parts_amount" in total:
                    total["parts_amount"] += \
                        group["aftersales_price_subtotal"] or 0.0
        return amounts

    def _aftersales_repair_returned(self, repair):
        """The repaired product is back at the customer's: the ticket is
        resolved on the return's date (arrived when the product was taken
        back, unless the technician came before), its SLA clock stops (the
        core's milestones), arrival and resolution are no longer offered."""
        # the return and the ticket's milestones, whoever delivered the
        # product (a director without stock rights, a warehouse clerk who
        # does not read service tickets)
        picking = repair.sudo().return_picking_id
        returned = picking.date_done or fields.Datetime.now()
        for ticket in self.sudo():
            values = {}
            if not ticket.date_resolved:
                values["date_resolved"] = returned
            taken = repair.sudo().date_received or returned  # see above
            if not ticket.date_dispatched:
                values["date_dispatched"] = taken
            if not ticket.date_arrived:
                values["date_arrived"] = taken
            if values:
                ticket.with_context(
                    aftersales_repair_sync=True)._aftersales_workflow_write(
                        values)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_take_back(self):
        """Take the customer's product back to the workshop: a done receipt
        from the customer into the repair location and a repair order
        prefilled from the ticket."""
        repairs = self._take_back_for_repair()
        if len(repairs) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "mrp.repair",
                "views": [(False, "form")],
                "res_id": repairs.id,
            }
        return True

    def action_view_repairs(self):
        repairs = self.mapped("repair_ids")
        action = self.env.ref("mrp_repair.action_repair_order_tree").read()[0]
        if len(repairs) == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = repairs.id
        else:
            action["domain"] = [("id", "in", repairs.ids)]
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _take_back_for_repair(self):
        self.check_access_rights("write")
        self.check_access_rule("write")
        tickets = self._aftersales_lock()
        Repair = self.env["mrp.repair"]
        open_repairs = Repair.sudo().search(
            [("aftersales_ticket_id", "in", tickets.ids),
             "|", ("state", "not in", ("done", "cancel")),
             ("in_workshop", "=", True)])
        repairs = Repair
        for ticket in tickets:
            ticket._check_take_back(open_repairs.filtered(
                lambda repair: repair.aftersales_ticket_id == ticket))
            repair = Repair._aftersales_workflow().create(
                ticket._prepare_repair_values()).with_env(self.env)
            picking = repair._create_aftersales_picking("receipt")
            # the coverage is decided on the day of reception
            repair._aftersales_workflow_write({
                "receipt_picking_id": picking.id,
                "date_received": picking.date_done,
            })
            end = repair._get_aftersales_coverage().warranty_end
            if end:
                repair.guarantee_limit = fields.Date.to_string(end)
            ticket.message_post(body=_(
                "Product taken back to the workshop: receipt %(picking)s, "
                "repair %(repair)s.") % {
                    "picking": picking.name, "repair": repair.name},
                subtype="mail.mt_note")
            repairs |= repair
        return repairs

    def _check_take_back(self, open_repairs):
        self.ensure_one()
        if self.is_closed:
            raise UserError(_("%s is closed.") % self.name)
        if not self.product_id:
            raise UserError(_(
                "%s: set the customer's product before taking it back.")
                % self.name)
        if self.product_id.tracking == "serial" and not self.lot_id:
            raise UserError(_(
                "%(ticket)s: %(product)s has serial numbers; set the "
                "customer's serial number first.") % {
                    "ticket": self.name,
                    "product": self.product_id.display_name})
        if self.lot_id and self.lot_id.product_id != self.product_id:
            raise UserError(_(
                "%(ticket)s: serial number %(lot)s is not a %(product)s.") % {
                    "ticket": self.name, "lot": self.lot_id.name,
                    "product": self.product_id.display_name})
        if open_repairs:
            raise UserError(_(
                "%(ticket)s: repair %(repair)s is still open or holds the "
                "product.") % {"ticket": self.name,
                               "repair": open_repairs[0].name})

    def _prepare_repair_values(self):
        """Values of the repair of this ticket's product."""
        self.ensure_one()
        partner = self.partner_id
        addresses = partner.address_get(["delivery", "invoice"])
        location = get_repair_location(self.env, "repair", self.company_id)
        promised = fields.Date.from_string(fields.Date.context_today(self)) \
            + datetime.timedelta(days=get_promised_days(self.env))
        values = {
            "aftersales_ticket_id": self.id,
            "product_id": self.product_id.id,
            "product_qty": 1.0,
            "product_uom": self.product_id.uom_id.id,
            "lot_id": self.lot_id.id,
            "partner_id": partner.id,
            "address_id": addresses["delivery"],
            "partner_invoice_id": addresses["invoice"],
            "location_id": location.id,
            "location_dest_id": location.id,
            "invoice_method": "after_repair",
            "company_id": self.company_id.id,
            "technician_id": self.user_id.id,
            "fault_description": self.description or self.subject,
            "promised_date": fields.Date.to_string(promised),
        }
        pricelist = partner.property_product_pricelist
        if pricelist:
            values["pricelist_id"] = pricelist.id
        return values
