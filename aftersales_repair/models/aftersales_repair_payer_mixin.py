# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models, tools
from odoo.addons import decimal_precision as dp
from odoo.addons.aftersales_ticket.lib import payer as payer_lib
from odoo.exceptions import UserError, ValidationError

# reason codes of lib/payer.py, with a label a user reads
PAYER_REASONS = [
    (payer_lib.REASON_PAID, "Paid service"),
    (payer_lib.REASON_WARRANTY, "Serial under warranty"),
    (payer_lib.REASON_CONTRACT, "Maintenance contract"),
    (payer_lib.REASON_GOODWILL, "Goodwill"),
    (payer_lib.REASON_INTERNAL, "Internal work"),
    ("manual", "Changed by management"),
]


class AftersalesRepairPayerMixin(models.AbstractModel):
    """Who pays one line of a workshop repair (an operation or a fee), and
    what it costs whoever pays. ``to_invoice`` is the name newer Odoo
    repairs use: a port maps ``payer`` onto it."""

    _name = "aftersales.repair.payer.mixin"
    _description = "After-Sales repair line payer"
    _inherit = ["aftersales.mixin"]
    # set automatically at creation, changed by a manager's action only;
    # with the cost figures (the lines' other computed fields belong to
    # mrp_repair)
    _aftersales_workflow_fields = (
        "payer", "payer_reason", "payer_note", "aftersales_ticket_id",
        "to_invoice", "cost_subtotal", "cost_unit", "aftersales_price_subtotal",
        "invoiced", "invoice_line_id")
    _aftersales_guard_stored_computes = False
    # what a technician may not set (management's prices and costs)
    _aftersales_price_fields = ("price_unit", "tax_id", "cost_unit")
    # what a consumed part or an invoiced line may no longer change
    _aftersales_frozen_fields = (
        "product_id", "product_uom_qty", "product_uom", "price_unit",
        "tax_id", "type", "lot_id", "location_id", "location_dest_id",
        "repair_id")

    # the repair's ticket, set from the repair (not a stored related field:
    # that would search repairs and lines at every ticket creation)
    aftersales_ticket_id = fields.Many2one(
        "aftersales.ticket", readonly=True, index=True, copy=False,
        string="Service Ticket")

    payer = fields.Selection(
        payer_lib.PAYER_SELECTION, default=payer_lib.PAYER_CUSTOMER,
        required=True, index=True, readonly=True, copy=False,
        help="Who pays this line: only customer lines are invoiced. Set "
             "from the warranty of the serial on the reception date and the "
             "customer's contracts; a director or manager may change it, "
             "with a reason.")
    payer_reason = fields.Selection(
        PAYER_REASONS, readonly=True, copy=False,
        default=payer_lib.REASON_PAID)
    payer_note = fields.Char(
        string="Payer Change Reason", readonly=True, copy=False)
    to_invoice = fields.Boolean(
        compute="_compute_to_invoice", store=True,
        help="Invoiced to the customer (only customer-paid lines are).")
    cost_unit = fields.Float(
        string="Unit Cost", digits=dp.get_precision("Product Price"),
        readonly=True, copy=False,
        help="Cost price of the product when the line was added (parts at "
             "standard price, labour at the technician's cost).")
    cost_subtotal = fields.Float(
        compute="_compute_cost_subtotal", store=True,
        digits=dp.get_precision("Product Price"))
    aftersales_price_subtotal = fields.Float(
        string="Sale Subtotal", compute="_compute_cost_subtotal",
        store=True, digits=dp.get_precision("Product Price"))
    aftersales_price_locked = fields.Boolean(
        string="Prices Locked", compute="_compute_aftersales_price_locked",
        help="Technical: the current user (a technician) may not change "
             "prices and costs.")

    def _compute_aftersales_price_locked(self):
        locked = self._aftersales_is_technician_only()
        for line in self:
            line.aftersales_price_locked = locked

    def _aftersales_is_technician_only(self):
        """Whether the current user works as a technician only (neither
        agent, director nor warehouse or billing clerk)."""
        user = self.env.user
        if self.env.uid == 1:
            return False
        return user.has_group("aftersales_ticket.group_technician") and not (
            user.has_group("aftersales_ticket.group_agent") or
            user.has_group("stock.group_stock_user") or
            user.has_group("account.group_account_invoice"))

    @api.depends("payer")
    def _compute_to_invoice(self):
        for line in self:
            line.to_invoice = payer_lib.is_billable(line.payer)

    @api.depends("cost_unit", "price_unit", "product_uom_qty")
    def _compute_cost_subtotal(self):
        for line in self:
            line.cost_subtotal = line.cost_unit * line.product_uom_qty
            line.aftersales_price_subtotal = \
                line.price_unit * line.product_uom_qty

    @api.constrains("product_uom_qty")
    def _check_aftersales_quantity(self):
        for line in self:
            if line.product_uom_qty <= 0:
                raise ValidationError(_(
                    "%(line)s: the quantity must be more than zero (got "
                    "%(qty)s).") % {
                        "line": line.name, "qty": line.product_uom_qty})

    def _aftersales_check_business_values(self, vals, creating):
        """Before anything is written: a quantity above zero."""
        result = super(
            AftersalesRepairPayerMixin, self)._aftersales_check_business_values(
                vals, creating)
        qty = vals.get("product_uom_qty")
        if qty is not None and qty <= 0:
            raise ValidationError(_(
                "%(line)s: the quantity must be more than zero (got "
                "%(qty)s).") % {"line": vals.get("name") or ", ".join(
                    self.mapped("name")), "qty": qty})
        price = vals.get("price_unit")
        if price is not None and price < 0:
            raise ValidationError(_(
                "%(line)s: the unit price cannot be negative (got "
                "%(price)s).") % {"line": vals.get("name") or ", ".join(
                    self.mapped("name")), "price": price})
        if creating:
            self._aftersales_check_repair_open(
                self.env["mrp.repair"].browse(vals.get("repair_id")))
            return result
        if self._aftersales_is_technician_only():
            prices = sorted(set(vals) & set(self._aftersales_price_fields))
            if prices:
                raise UserError(_(
                    "%(fields)s: prices and costs of repair lines are set by "
                    "the pricelist and the service management, not by "
                    "technicians.") % {"fields": ", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in prices)})
        if "repair_id" in vals and any(
                line.repair_id.id != vals["repair_id"] for line in self):
            raise UserError(_(
                "A repair line cannot be moved to another repair."))
        self._aftersales_check_can_change(vals)
        return result

    def _aftersales_check_repair_open(self, repair):
        """Refuse a new line on a repair that is invoiced, done or
        cancelled (parts: also once ended, they are consumed already)."""
        closed = ("done", "cancel") if self._name == "mrp.repair.fee" \
            else ("done", "cancel", "2binvoiced")
        if repair.invoiced or repair.invoice_id or repair.state in closed:
            raise UserError(_(
                "Repair %s is ended or invoiced: no part or fee can be "
                "added any more.") % repair.name)

    def _aftersales_check_can_change(self, vals):
        """Invoiced lines are frozen; consumed parts, and the lines of a
        done or cancelled repair, keep what they moved or billed."""
        frozen = set(vals) & set(self._aftersales_frozen_fields)
        for line in self:
            if line.invoiced or line.invoice_line_id:
                raise UserError(_(
                    "%s is invoiced: it can no longer change.") % line.name)
            consumed = line._name == "mrp.repair.line" and line.move_id
            if frozen and (consumed or line.repair_id.state in (
                    "done", "cancel")):
                raise UserError(_(
                    "%(line)s: repair %(repair)s is ended; its parts and "
                    "fees can no longer change.") % {
                        "line": line.name, "repair": line.repair_id.name})

    @api.model
    def _prepare_aftersales_line_values(self, vals, repair):
        """Payer, reason, cost and taxes of a new line of ``repair`` (a
        repair of a service ticket)."""
        vals = dict(vals)
        decided = repair._get_aftersales_payer()
        vals.setdefault("payer", decided[0])
        vals.setdefault("payer_reason", decided[1])
        product = self.env["product.product"].browse(vals.get("product_id"))
        if "cost_unit" not in vals and product:
            vals["cost_unit"] = product.standard_price
        if "tax_id" not in vals and product and \
                vals.get("type", "add") == "add":
            taxes = product.taxes_id.filtered(
                lambda tax: tax.company_id == repair.company_id)
            position = repair.partner_id.property_account_position_id
            if position:
                taxes = position.map_tax(taxes, product, repair.partner_id)
            vals["tax_id"] = [(6, 0, taxes.ids)]
        return vals

    # the lines' own models (mrp_repair) define no create/write/unlink: these
    # run between the lines' extensions and the ORM's
    @api.model
    def create(self, vals):
        """Lines of every repair are checked (types, workflow fields,
        business rules); those of repairs of tickets get their payer, cost
        and taxes, and their tickets' costs follow."""
        self._aftersales_check_values(vals, creating=True)
        repair = self.env["mrp.repair"].browse(vals.get("repair_id"))
        if not repair.aftersales_ticket_id:
            return super(AftersalesRepairPayerMixin, self).create(vals)
        vals = dict(self._prepare_aftersales_line_values(vals, repair),
                    aftersales_ticket_id=repair.aftersales_ticket_id.id)
        if self._aftersales_is_technician_only() and \
                vals.get("type", "add") == "add" and vals.get("product_id"):
            # a technician's part is at the repair's pricelist price
            vals["price_unit"] = repair._get_aftersales_list_price(
                self.env["product.product"].browse(vals["product_id"]),
                vals.get("product_uom_qty") or 1.0,
                vals.get("price_unit") or 0.0)
        line = super(AftersalesRepairPayerMixin, self._aftersales_workflow()
                     ).create(vals).with_env(self.env)
        self._aftersales_lines_changed(line.repair_id)
        return line

    @api.multi
    def write(self, vals):
        # every repair's lines, whoever writes: the workflow fields change
        # through the repairs' actions only (they write under
        # ``_aftersales_workflow``, Odoo's own writes of the lines included)
        if not self._aftersales_in_workflow():
            self._aftersales_check_values(vals, creating=False)
        result = super(AftersalesRepairPayerMixin, self).write(vals)
        if {"product_uom_qty", "price_unit", "product_id", "type",
                "cost_unit"}.intersection(vals) or \
                vals.get("state") in ("cancel", "draft"):
            self._aftersales_lines_changed(self.mapped("repair_id"))
        return result

    @api.multi
    def unlink(self):
        ours = self.filtered("repair_id.aftersales_ticket_id")
        for line in ours:
            consumed = line._name == "mrp.repair.line" and line.move_id
            if line.invoiced or line.invoice_line_id or consumed or \
                    line.repair_id.state in ("done", "cancel"):
                raise UserError(_(
                    "%(line)s: repair %(repair)s consumed or invoiced it; it "
                    "can no longer be removed.") % {
                        "line": line.name, "repair": line.repair_id.name})
        repairs = self.mapped("repair_id")
        result = super(AftersalesRepairPayerMixin, self).unlink()
        self._aftersales_lines_changed(repairs.exists())
        return result

    def _aftersales_lines_changed(self, repairs):
        """Parts or fees of ``repairs`` changed: their tickets' costs
        follow."""
        repairs.filtered("aftersales_ticket_id")._aftersales_costs_changed()

    def _aftersales_change_payer(self, payer, note):
        """Set ``payer`` on these lines for ``note`` (the reason), logged on
        their repairs' chatter; the wizard checks who may do it."""
        labels = dict(self._fields["payer"]._description_selection(self.env))
        for line in self:
            if line.payer == payer:
                continue
            line.repair_id.message_post(body=tools.html_escape(_(
                "Payer of %(line)s changed from %(old)s to %(new)s: "
                "%(reason)s") % {
                    "line": line.name, "old": labels[line.payer],
                    "new": labels[payer], "reason": note}),
                subtype="mail.mt_note")
        reason = payer_lib.REASON_GOODWILL \
            if payer == payer_lib.PAYER_GOODWILL else "manual"
        self._aftersales_workflow_write({
            "payer": payer, "payer_reason": reason, "payer_note": note})
