# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, fields, models
from odoo.addons.aftersales_ticket.lib import coverage
from odoo.exceptions import ValidationError


class StockProductionLot(models.Model):
    """A warranty end date entered on the serial, for serials whose
    delivery is not in the system (migrated data)."""

    _inherit = "stock.production.lot"

    aftersales_warranty_date = fields.Date(
        string="Warranty End (no delivery)",
        help="Last day of warranty of this serial when its delivery to the "
             "customer is not recorded here (migrated data). A recorded "
             "delivery always wins.")

    def _get_delivery_dates(self, partner):
        """The core's first deliveries, without the workshop's own pickings:
        the return of a repaired product (and a customer product receipt)
        is no sale; it never starts or restarts the warranty. Same result
        format as the core's ``_get_delivery_dates``."""
        # The core's aggregate (one query for the whole recordset, stock
        # history read for agents and technicians without stock rights),
        # over the sale deliveries only: it replaces the core's query rather
        # than running a second one.
        if not self or not partner:
            return {}
        self.env.cr.execute("""
            SELECT ml.lot_id, MIN(move.date)
              FROM stock_move_line ml
              JOIN stock_location dest ON dest.id = ml.location_dest_id
              JOIN stock_move move ON move.id = ml.move_id
              LEFT JOIN stock_picking picking ON picking.id = move.picking_id
              LEFT JOIN stock_picking_type ptype
                     ON ptype.id = COALESCE(move.picking_type_id,
                                            picking.picking_type_id)
              LEFT JOIN res_partner move_partner
                     ON move_partner.id = move.partner_id
              LEFT JOIN res_partner picking_partner
                     ON picking_partner.id = picking.partner_id
             WHERE ml.lot_id IN %s
               AND move.state = 'done'
               AND dest.usage = 'customer'
               AND picking.aftersales_repair_kind IS NULL
               AND ptype.aftersales_repair_usage IS NULL
               AND move.repair_id IS NULL
               AND %s IN (move_partner.commercial_partner_id,
                          picking_partner.commercial_partner_id)
             GROUP BY ml.lot_id
        """, (tuple(self.ids), partner.commercial_partner_id.id))
        return {
            lot_id: coverage.to_date(fields.Datetime.from_string(date))
            for lot_id, date in self.env.cr.fetchall()
        }

    def _get_warranty_end_dates(self, partner):
        """The core's warranty end (first delivery + the product's months),
        else the date entered on the serial."""
        ends = super(StockProductionLot, self)._get_warranty_end_dates(partner)
        for lot in self:
            if ends.get(lot.id) is None and lot.aftersales_warranty_date:
                ends[lot.id] = fields.Date.from_string(
                    lot.aftersales_warranty_date)
        return ends

    def _aftersales_check_product(self, product):
        """Refuse these serials for ``product`` (the product repaired or a
        part) when they are serials of another product."""
        for lot in self:
            if lot.product_id != product:
                raise ValidationError(_(
                    "Serial number %(lot)s belongs to %(lot_product)s, not "
                    "to %(product)s.") % {
                        "lot": lot.name,
                        "lot_product": lot.product_id.display_name,
                        "product": product.display_name})
