# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Operation types of the technicians' vans (data/stock_van_data.xml), by
# their ``aftersales_van_operation``.
VAN_CONSUMPTION = "consumption"
VAN_REPLENISHMENT = "replenishment"


# The ticket is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    """Parts taken from the technician's van: one done picking per ticket
    from the van to the customer, once."""

    _inherit = "aftersales.ticket"

    has_pending_parts = fields.Boolean(
        compute="_compute_has_pending_parts",
        help="Parts recorded on the ticket and not taken from the van yet.")

    @api.depends("part_ids.move_id")
    def _compute_has_pending_parts(self):
        for ticket in self:
            ticket.has_pending_parts = any(
                not part.move_id for part in ticket.part_ids)

    def action_consume_parts(self):
        """Take the pending parts from the van, and tell the user what was
        taken: the picking's form for a warehouse user, else a note on the
        ticket and a notification naming the picking and the parts."""
        # the parts check names tickets without technician or van
        pickings = self._consume_parts()
        if not pickings:
            raise UserError(_(
                "No part is waiting to be taken from the van: add the parts "
                "used on the Parts tab first."))
        return self._aftersales_open_documents(
            pickings, "stock.action_picking_tree_all",
            "stock.view_picking_form",
            _("taken from the van: %s.") % pickings._aftersales_parts_summary())

    def action_view_pickings(self):
        return self._action_view_records(
            self.mapped("picking_ids"), "stock.action_picking_tree_all",
            "stock.view_picking_form")

    def _get_van_location(self):
        self.ensure_one()
        return self.user_id.aftersales_location_id

    def _check_parts_available(self, parts_by_ticket):
        """Raise one UserError listing every part missing from the vans."""
        Quant = self.env["stock.quant"].sudo()  # stock levels, read only
        problems = []
        for ticket, parts in parts_by_ticket.items():
            location = ticket._get_van_location()
            if not ticket.user_id:
                problems.append(_("%s: no technician is assigned.")
                                % ticket.name)
                continue
            if not location:
                problems.append(_("%s: the technician has no van location.")
                                % ticket.name)
                continue
            needed = defaultdict(float)
            for part in parts:
                if part.product_id.tracking != "none" and not part.lot_id:
                    problems.append(_(
                        "%(ticket)s: part %(part)s needs a lot/serial number."
                    ) % {"ticket": ticket.name,
                         "part": part.product_id.display_name})
                    continue
                qty = part.product_uom_id._compute_quantity(
                    part.quantity, part.product_id.uom_id
                ) if part.product_uom_id else part.quantity
                needed[(part.product_id, part.lot_id)] += qty
            for (product, lot), qty in needed.items():
                available = Quant._get_available_quantity(
                    product, location, lot_id=lot or None)
                if available < qty:
                    problems.append(_(
                        "%(ticket)s: %(part)s%(lot)s: %(needed)s needed, "
                        "%(available)s available in %(location)s.") % {
                        "ticket": ticket.name,
                        "part": product.display_name,
                        "lot": lot and " (%s)" % lot.name or "",
                        "needed": qty, "available": available,
                        "location": location.display_name})
        if problems:
            raise UserError(_("Not enough parts in the van:\n%s")
                            % "\n".join(problems))

    def _consume_parts(self):
        """Take the pending parts out of the technician's van with a done
        delivery picking to the customer. Nothing is created if any part is
        missing."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        # once per ticket, one worker at a time: parts taken by another
        # worker are seen as taken
        tickets = self._aftersales_lock()
        parts_by_ticket = {}
        for ticket in tickets:
            parts = ticket.part_ids.filtered(lambda part: not part.move_id)
            if parts:
                parts_by_ticket[ticket] = parts
        if not parts_by_ticket:
            return self.env["stock.picking"]
        self._check_parts_available(parts_by_ticket)
        pickings = self.env["stock.picking"]
        for ticket, parts in parts_by_ticket.items():
            pickings |= ticket._create_parts_picking(parts)
        return pickings

    def _prepare_parts_picking(self, location):
        self.ensure_one()
        warehouse = location.get_warehouse() or self.env[
            "stock.warehouse"].search(
                [("company_id", "=", self.company_id.id)], limit=1)
        if not warehouse:
            raise UserError(_("No warehouse found for company %s.")
                            % self.company_id.name)
        destination = (self.partner_id.property_stock_customer
                       or self.env.ref("stock.stock_location_customers"))
        picking_type = self.env["stock.picking.type"]._aftersales_van_type(
            warehouse, VAN_CONSUMPTION) or warehouse.out_type_id
        return {
            "picking_type_id": picking_type.id,
            "partner_id": self.partner_id.id,
            "location_id": location.id,
            "location_dest_id": destination.id,
            "origin": self.name,
            "aftersales_ticket_id": self.id,
            "company_id": self.company_id.id,
        }

    def _prepare_parts_move(self, part, picking):
        return {
            "name": part.product_id.display_name,
            "product_id": part.product_id.id,
            "product_uom": (part.product_uom_id or part.product_id.uom_id).id,
            "product_uom_qty": part.quantity,
            "picking_id": picking.id,
            "picking_type_id": picking.picking_type_id.id,
            "location_id": picking.location_id.id,
            "location_dest_id": picking.location_dest_id.id,
            "partner_id": picking.partner_id.id,
            "origin": self.name,
            "company_id": picking.company_id.id,
        }

    def _create_parts_picking(self, parts):
        self.ensure_one()
        # sudo: technicians are not warehouse users; the delivery from their
        # own van is created for them once write access to the ticket is
        # checked. Tracking is off under sudo (its messages would be the
        # superuser's): one message, authored by the real user, says it.
        quiet = {"mail_notrack": True, "mail_create_nolog": True,
                 "tracking_disable": True}
        Picking = self.env["stock.picking"].sudo().with_context(
            **quiet)._aftersales_workflow()
        picking = Picking.create(
            self._prepare_parts_picking(self._get_van_location()))
        # sudo: see above (stock moves of the van's delivery)
        Move = self.env["stock.move"].sudo().with_context(**quiet)
        moves = Move
        for part in parts:
            move = Move.create(self._prepare_parts_move(part, picking))
            part._aftersales_workflow_write({"move_id": move.id})
            moves |= move
        picking.action_confirm()
        # sudo: see above (the move lines of the van's delivery)
        MoveLine = self.env["stock.move.line"].sudo().with_context(**quiet)
        for part, move in zip(parts, moves):
            move.move_line_ids.unlink()
            MoveLine.create({
                "move_id": move.id,
                "picking_id": picking.id,
                "product_id": move.product_id.id,
                "product_uom_id": move.product_uom.id,
                "location_id": move.location_id.id,
                "location_dest_id": move.location_dest_id.id,
                "lot_id": part.lot_id.id,
                "qty_done": part.quantity,
            })
        picking.action_done()
        # sudo: the technician may not post on pickings; the message is his
        # (author), not the superuser's
        picking.message_post(
            body=_("Parts taken from %(van)s for %(ticket)s by %(user)s: "
                   "%(parts)s.") % {
                       "van": picking.location_id.display_name,
                       "ticket": self.name, "user": self.env.user.name,
                       "parts": picking._aftersales_parts_summary()},
            author_id=self.env.user.partner_id.id,
            subtype="mail.mt_note", message_type="comment")
        return picking.sudo(self.env.uid)
