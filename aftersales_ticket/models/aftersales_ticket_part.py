# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

# What a part line charges and costs: set from the pricelist and the
# product's cost, changed by agents, directors and managers only.
PRICE_FIELDS = ("price_unit", "cost_unit")


class AftersalesTicketPart(models.Model):
    """A spare part used on site, taken from the technician's van."""

    _name = "aftersales.ticket.part"
    _description = "Spare Part Used on a Service Ticket"
    _inherit = ["aftersales.mixin"]
    _order = "ticket_id, sequence, id"
    # taken from the van by the ticket's actions only (the subtotals, the
    # consumed flag and the company are computed: workflow fields too)
    _aftersales_workflow_fields = ("move_id",)
    _sql_constraints = [
        ("move_uniq", "unique(move_id)",
         "A stock move takes one part line out of the van."),
    ]

    # auto_join: the record rules on parts follow the ticket's in one
    # query (they mirror the ticket's rules, see the security file)
    ticket_id = fields.Many2one(
        "aftersales.ticket", string="Service Ticket", required=True,
        index=True, ondelete="cascade", auto_join=True,
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product", string="Part", required=True, index=True,
        domain=[("type", "in", ("product", "consu"))],
    )
    lot_id = fields.Many2one(
        "stock.production.lot", string="Lot / Serial",
        domain="[('product_id', '=', product_id)]",
    )
    tracking = fields.Selection(related="product_id.tracking", readonly=True)
    quantity = fields.Float(
        required=True, default=1.0,
        digits=dp.get_precision("Product Unit of Measure"),
    )
    product_uom_id = fields.Many2one("product.uom", string="Unit of Measure")
    price_unit = fields.Float(
        string="Unit Price", digits=dp.get_precision("Product Price"),
        help="Price charged to the customer on paid jobs; from the "
             "customer's pricelist, else the list price.",
    )
    cost_unit = fields.Float(
        string="Unit Cost", digits=dp.get_precision("Product Price"),
        help="Cost of the part, kept on every job, charged or not.",
    )
    price_subtotal = fields.Float(
        compute="_compute_subtotals", store=True,
        digits=dp.get_precision("Account"), string="Amount",
    )
    cost_subtotal = fields.Float(
        compute="_compute_subtotals", store=True,
        digits=dp.get_precision("Account"), string="Cost",
    )
    move_id = fields.Many2one(
        "stock.move", string="Stock Move", readonly=True, copy=False,
    )
    is_consumed = fields.Boolean(
        compute="_compute_is_consumed", store=True, string="Consumed",
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, readonly=True,
    )

    @api.depends("quantity", "price_unit", "cost_unit")
    def _compute_subtotals(self):
        for part in self:
            part.price_subtotal = part.quantity * part.price_unit
            part.cost_subtotal = part.quantity * part.cost_unit

    @api.depends("move_id")
    def _compute_is_consumed(self):
        for part in self:
            part.is_consumed = bool(part.move_id)

    @api.constrains("quantity")
    def _check_quantity(self):
        for part in self:
            if part.quantity <= 0:
                raise ValidationError(_(
                    "The quantity of part %(part)s must be more than zero "
                    "(got %(quantity)s).") % {
                        "part": part.product_id.display_name,
                        "quantity": part.quantity})

    @api.constrains("price_unit", "cost_unit")
    def _check_prices(self):
        for part in self:
            if part.price_unit < 0 or part.cost_unit < 0:
                raise ValidationError(_(
                    "The price and cost of part %s cannot be negative.")
                    % part.product_id.display_name)

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for part in self:
            if part.lot_id and part.lot_id.product_id != part.product_id:
                raise ValidationError(_(
                    "Lot %(lot)s does not belong to part %(part)s.") % {
                        "lot": part.lot_id.name,
                        "part": part.product_id.display_name})

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id:
            self.update(self._prepare_product_values(
                self.ticket_id, self.product_id, self.quantity or 1.0))

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        if vals.get("product_id") and vals.get("ticket_id"):
            vals = dict(vals)
            ticket = self.env["aftersales.ticket"].browse(vals["ticket_id"])
            product = self.env["product.product"].browse(vals["product_id"])
            defaults = self._prepare_product_values(
                ticket, product, vals.get("quantity") or 1.0)
            self._check_price_changes(vals, defaults)
            for key, value in defaults.items():
                vals.setdefault(key, value)
        return super(AftersalesTicketPart, self).create(vals)

    @api.model
    def _can_set_prices(self):
        """Whether the user may set the price and cost of a part: agents,
        directors and managers, not technicians."""
        return self._aftersales_in_workflow() or self.env.user.has_group(
            "aftersales_ticket.group_agent")

    def _check_price_changes(self, vals, current):
        """Refuse a technician's price or cost that differs from ``current``
        (``{field: value}``: the computed one at creation, the line's)."""
        if self._can_set_prices():
            return
        digits = self.env["decimal.precision"].precision_get("Product Price")
        for name in PRICE_FIELDS:
            if name in vals and float_compare(
                    vals[name] or 0.0, current.get(name) or 0.0,
                    precision_digits=digits):
                raise UserError(_(
                    "Prices and costs of parts are set by the service "
                    "agents (the customer's pricelist and the product's "
                    "cost); a technician cannot change them."))

    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        if set(PRICE_FIELDS).intersection(vals):
            for part in self:
                part._check_price_changes(
                    vals, {name: part[name] for name in PRICE_FIELDS})
        if self.filtered("move_id") and set(vals).intersection(
                {"product_id", "lot_id", "quantity", "product_uom_id"}):
            raise ValidationError(_(
                "Parts already taken from the van cannot be changed; "
                "add a new line instead."))
        return super(AftersalesTicketPart, self).write(vals)

    def unlink(self):
        if self.filtered("move_id"):
            raise ValidationError(_(
                "Parts already taken from the van cannot be deleted."))
        self.mapped("ticket_id")._check_parts_can_change()
        return super(AftersalesTicketPart, self).unlink()

    def _aftersales_check_business_values(self, vals, creating):
        """Parts are not added to (nor changed on) a closed or invoiced
        ticket, except by its own actions (taking them from the van); the
        prices are not negative."""
        for name in ("price_unit", "cost_unit"):
            if (vals.get(name) or 0.0) < 0:
                raise ValidationError(_("%s cannot be negative.")
                                      % self._fields[name]._description_string(
                                          self.env))
        # (the ticket's own actions take parts from the van whatever its
        # state)
        if not self._aftersales_in_workflow():
            tickets = self.mapped("ticket_id")
            if vals.get("ticket_id"):
                tickets |= tickets.browse(vals["ticket_id"])
            tickets._check_parts_can_change()
        return super(AftersalesTicketPart, self)._aftersales_check_business_values(
            vals, creating)

    @api.model
    def _prepare_product_values(self, ticket, product, quantity):
        """Unit, price (customer's pricelist, else list price) and cost of
        ``product`` on ``ticket``."""
        partner = ticket.partner_id
        pricelist = partner.property_product_pricelist
        if pricelist:
            price = pricelist.get_product_price(product, quantity, partner)
        else:
            price = product.lst_price
        return {
            "product_uom_id": product.uom_id.id,
            "price_unit": price,
            "cost_unit": product.standard_price,
        }
