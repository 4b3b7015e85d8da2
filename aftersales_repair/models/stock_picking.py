# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# what a customer signature may be: a PNG or JPEG image (first bytes)
SIGNATURE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
REPAIR_KINDS = [("receipt", "Customer Product Receipt"),
                ("return", "Return to Customer")]


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
        result = super(StockPicking, self).action_done()
        for picking in returns:
            picking.aftersales_repair_id._aftersales_workflow_write(
                {"date_returned": picking.date_done})
        return result
