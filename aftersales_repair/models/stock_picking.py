# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# what a customer signature may be: a PNG or JPEG image (first bytes)
SIGNATURE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
REPAIR_KINDS = [("receipt", "Customer Product Receipt"),
                ("return", "Return to Customer")]
REPAIR_TYPE_USAGES = [("receipt", "Customer Product Receipts"),
                      ("return", "Customer Product Returns"),
                      ("recycling", "Defective Parts to Recycling")]
# what a service director signs or notes on a return delivery
RETURN_FORM_FIELDS = frozenset([
    "aftersales_signature", "aftersales_signed_by", "aftersales_condition",
    "aftersales_accessories"])


def post_as_author(records, message_post, body, subtype, kwargs):
    """``message_post`` with the author the suite's sudo left in the
    context (``aftersales_author_id``): the user who acts, not the
    superuser."""
    author = records.env.context.get("aftersales_author_id")
    if author and not kwargs.get("author_id"):
        kwargs["author_id"] = author
    return message_post(body=body, subtype=subtype, **kwargs)


class StockPickingType(models.Model):
    """The workshop's own operation types: customers' products in and
    out, defective parts to recycling."""

    _inherit = "stock.picking.type"

    aftersales_repair_usage = fields.Selection(
        REPAIR_TYPE_USAGES, string="Workshop Usage", index=True,
        help="The workshop's operation: customers' products received or "
             "returned, defective parts sent to recycling.")

    @api.model
    def _aftersales_repair_type(self, usage, warehouse):
        """The operation type of the workshop for ``usage`` in
        ``warehouse`` (its own, else the warehouse's receipts or
        deliveries; none for recycling)."""
        # the workshop's configuration, read whoever repairs
        found = self.sudo().search(
            [("aftersales_repair_usage", "=", usage),
             ("warehouse_id", "=", warehouse.id)], limit=1) or \
            self.sudo().search(
                [("aftersales_repair_usage", "=", usage),
                 ("warehouse_id", "=", False)], limit=1)
        if not found:
            # the warehouse's own types (configuration, see above)
            found = {"receipt": warehouse.sudo().in_type_id,
                     "return": warehouse.sudo().out_type_id}.get(
                         usage, self.browse())
        return self.browse(found.id)


class StockPicking(models.Model):
    """Customer product register: receipts of customers' products into the
    workshop and their return deliveries, signed by the customer."""

    _inherit = "stock.picking"
    _aftersales_workflow_fields = (
        "aftersales_ticket_id", "aftersales_repair_id", "aftersales_repair_kind")

    aftersales_repair_id = fields.Many2one(
        "mrp.repair", string="Repair", index=True, copy=False, readonly=True,
        ondelete="restrict")
    aftersales_repair_kind = fields.Selection(
        REPAIR_KINDS, string="Register Entry", index=True, copy=False,
        readonly=True)
    aftersales_lot_id = fields.Many2one(
        "stock.production.lot", related="aftersales_repair_id.lot_id",
        store=True, readonly=True, string="Customer Serial")
    aftersales_in_workshop = fields.Boolean(
        related="aftersales_repair_id.in_workshop", readonly=True,
        string="Held for Repair")
    aftersales_condition = fields.Text(
        string="Visible Condition",
        help="Condition of the product when handed over (scratches, dents).")
    aftersales_accessories = fields.Text(
        string="Accessories Handed Over")
    aftersales_signature = fields.Binary(
        string="Customer Signature", attachment=True, copy=False)
    aftersales_signed_by = fields.Char(string="Signed By", copy=False)

    @api.model_cr
    def init(self):
        result = super(StockPicking, self).init()
        # one live receipt and one live return per repair
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS
                   stock_picking_aftersales_repair_kind_uniq
                ON stock_picking (aftersales_repair_id, aftersales_repair_kind)
             WHERE aftersales_repair_id IS NOT NULL AND state != 'cancel'
        """)
        return result

    @api.multi
    def message_post(self, body="", subject=None, message_type="notification",
                     subtype=None, parent_id=False, attachments=None,
                     content_subtype="html", **kwargs):
        return post_as_author(
            self, super(StockPicking, self).message_post, body, subtype,
            dict(kwargs, subject=subject, message_type=message_type,
                 parent_id=parent_id, attachments=attachments,
                 content_subtype=content_subtype))

    def _aftersales_return_as_director(self):
        """``self`` to run a stock action with: as it is for users with
        inventory rights; for a service director or manager without them,
        on return deliveries of repairs he may write, as superuser (the
        chatter keeps him as author); refused otherwise."""
        user = self.env.user
        if self.env.uid == 1 or user.has_group("stock.group_stock_user"):
            return self
        if not user.has_group("aftersales_ticket.group_director") or any(
                picking.aftersales_repair_kind != "return"
                for picking in self):
            return self
        # the pickings' repairs (their ids only), checked as the user below
        repairs = self.sudo().mapped("aftersales_repair_id").sudo(user.id)
        repairs.check_access_rights("write")
        repairs.check_access_rule("write")
        # sudo: the return delivery of a repair is done by the service
        # director or manager of its team, who has no inventory rights (his
        # access to the repair is checked above)
        return self.sudo().with_context(
            aftersales_author_id=user.partner_id.id)

    @api.multi
    def action_assign(self):
        pickings = self._aftersales_return_as_director()
        result = super(StockPicking, pickings).action_assign()
        pickings._aftersales_pin_return_serial()
        return result

    def _aftersales_pin_return_serial(self):
        """A return delivers the customer's own serial, whatever unit of
        that product the reservation chose."""
        for picking in self.filtered(
                lambda picking: picking.aftersales_repair_kind == "return" and
                picking.state not in ("done", "cancel")):
            lot = picking.aftersales_repair_id.lot_id
            if not lot:
                continue
            picking.move_line_ids.filtered(
                lambda line: line.lot_id != lot).write({"lot_id": lot.id})

    def _aftersales_fill_return_quantities(self):
        """Nothing counted on a return: the whole delivery (the customer's
        unit) is done, without the immediate-transfer wizard."""
        for picking in self.filtered(
                lambda picking: picking.aftersales_repair_kind == "return"):
            lines = picking.move_line_ids
            if lines and not any(line.qty_done for line in lines):
                for line in lines:
                    line.qty_done = line.product_uom_qty

    @api.multi
    def do_unreserve(self):
        return super(StockPicking, self._aftersales_return_as_director()
                     ).do_unreserve()

    @api.multi
    def button_validate(self):
        pickings = self._aftersales_return_as_director()
        pickings._aftersales_fill_return_quantities()
        return super(StockPicking, pickings).button_validate()

    @api.multi
    def write(self, vals):
        """A director signs the return delivery (the signature and the
        notes of the hand-over only)."""
        if vals and set(vals) <= RETURN_FORM_FIELDS:
            return super(StockPicking, self._aftersales_return_as_director()
                         ).write(vals)
        return super(StockPicking, self).write(vals)

    @api.constrains("aftersales_signature")
    def _check_aftersales_signature(self):
        for picking in self.filtered("aftersales_signature"):
            try:
                data = base64.b64decode(picking.aftersales_signature)
            except (TypeError, ValueError):
                data = b""
            if not data.startswith(SIGNATURE_MAGIC):
                raise ValidationError(_(
                    "The customer's signature must be an image (PNG or "
                    "JPEG)."))

    @api.multi
    def action_done(self):
        """A return to the customer is delivered against the customer's
        signature; the repair records the date."""
        returns = self.filtered(
            lambda picking: picking.aftersales_repair_kind == "return")
        unsigned = returns.filtered(
            lambda picking: not picking.aftersales_signature)
        if unsigned:
            raise UserError(_(
                "%s: the customer signs the return delivery before it is "
                "validated.") % ", ".join(unsigned.mapped("name")))
        result = super(StockPicking, self._aftersales_return_as_director()
                       ).action_done()
        for picking in returns:
            # the repair's and its ticket's dates, whoever delivered
            repair = picking.sudo().aftersales_repair_id  # see above
            repair._aftersales_workflow_write(
                {"date_returned": picking.date_done})
            repair.aftersales_ticket_id._aftersales_repair_returned(repair)
        return result
