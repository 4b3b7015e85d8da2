# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

from ..lib import coverage


class StockProductionLot(models.Model):
    _name = "stock.production.lot"
    _inherit = ["stock.production.lot", "aftersales.mixin"]
    # the suite's links only; the model's own computed fields are stock's
    _aftersales_guard_stored_computes = False

    aftersales_delivered_to_id = fields.Many2one(
        "res.partner", string="Delivered To",
        compute="_compute_aftersales_delivered_to",
        search="_search_aftersales_delivered_to",
        help="Customer (company) this serial was delivered to; search "
             "with a contact to find the serials of its company.")

    # One aggregate over the stock history, which agents and technicians
    # need for the coverage decision even without stock access rights.
    _DELIVERED_QUERY = """
        SELECT ml.lot_id,
               COALESCE(move_partner.commercial_partner_id,
                        picking_partner.commercial_partner_id)
          FROM stock_move_line ml
          JOIN stock_location dest ON dest.id = ml.location_dest_id
          JOIN stock_move move ON move.id = ml.move_id
          LEFT JOIN stock_picking picking ON picking.id = move.picking_id
          LEFT JOIN res_partner move_partner
                 ON move_partner.id = move.partner_id
          LEFT JOIN res_partner picking_partner
                 ON picking_partner.id = picking.partner_id
         WHERE move.state = 'done' AND dest.usage = 'customer'
           AND ml.lot_id IS NOT NULL
    """

    def _get_delivered_customers(self):
        """``{lot id: {commercial partner id}}``: the customers (companies)
        each serial was delivered to, in one query; serials never delivered
        are left out."""
        if not self:
            return {}
        self.env.cr.execute(self._DELIVERED_QUERY + " AND ml.lot_id IN %s",
                            (tuple(self.ids),))
        result = {}
        for lot_id, partner_id in self.env.cr.fetchall():
            if partner_id:
                result.setdefault(lot_id, set()).add(partner_id)
        return result

    def _compute_aftersales_delivered_to(self):
        customers = self._get_delivered_customers()
        for lot in self:
            partner_ids = sorted(customers.get(lot.id, ()))
            lot.aftersales_delivered_to_id = partner_ids[0] if partner_ids \
                else False

    @api.model
    def _search_aftersales_delivered_to(self, operator, value):
        """Serials delivered to the company of the partner(s) ``value`` (an
        id or a list of ids; ``=`` / ``in``): the serial dropdown of a
        ticket lists the customer's own units."""
        if operator not in ("=", "in") or not value:
            return [("id", "=", 0)] if operator in ("=", "in") else []
        ids = value if isinstance(value, (list, tuple)) else [value]
        partners = self.env["res.partner"].sudo().browse(
            [partner_id for partner_id in ids if isinstance(partner_id, int)])
        commercial = tuple(set(partners.mapped("commercial_partner_id").ids))
        if not commercial:
            return [("id", "=", 0)]
        self.env.cr.execute(
            "SELECT lot_id FROM (" + self._DELIVERED_QUERY
            + ") AS delivered(lot_id, partner_id) WHERE partner_id IN %s",
            (commercial,))
        return [("id", "in", [row[0] for row in self.env.cr.fetchall()])]

    def _get_delivery_dates(self, partner):
        """Date of the first done stock move that delivered each serial to
        ``partner``'s company (the partner of the move or of its picking is
        one of its contacts) in a customer location, as ``{lot id: date}``;
        serials never delivered there are left out. One aggregated query for
        the whole recordset."""
        if not self or not partner:
            return {}
        # One aggregate over the stock history, which agents and technicians
        # need for the coverage decision even without stock access rights.
        self.env.cr.execute("""
            SELECT ml.lot_id, MIN(move.date)
              FROM stock_move_line ml
              JOIN stock_location dest ON dest.id = ml.location_dest_id
              JOIN stock_move move ON move.id = ml.move_id
              LEFT JOIN stock_picking picking ON picking.id = move.picking_id
              LEFT JOIN res_partner move_partner
                     ON move_partner.id = move.partner_id
              LEFT JOIN res_partner picking_partner
                     ON picking_partner.id = picking.partner_id
             WHERE ml.lot_id IN %s
               AND move.state = 'done'
               AND dest.usage = 'customer'
               AND %s IN (move_partner.commercial_partner_id,
                          picking_partner.commercial_partner_id)
             GROUP BY ml.lot_id
        """, (tuple(self.ids), partner.commercial_partner_id.id))
        # Odoo reads timestamps as strings
        return {
            lot_id: coverage.to_date(fields.Datetime.from_string(date))
            for lot_id, date in self.env.cr.fetchall()
        }

    def _get_warranty_end_dates(self, partner):
        """Last day of warranty of each serial for ``partner``:
        ``{lot id: date or None}``. The warranty runs from the first done
        delivery of the serial to the partner's company for the number of
        months set on the product (``product.template.warranty``)."""
        delivered = self._get_delivery_dates(partner)
        return {
            lot.id: coverage.warranty_end_date(
                delivered.get(lot.id), lot.product_id.warranty)
            for lot in self
        }

    def _get_warranty_end_date(self, partner):
        """Last day of warranty of this serial for ``partner`` (a
        ``datetime.date``), or ``None`` when it was never delivered to that
        customer or its product has no warranty."""
        self.ensure_one()
        return self._get_warranty_end_dates(partner)[self.id]

    @api.model
    def create(self, vals):
        # the suite's fields only: the others are stock's business
        self._aftersales_check_suite_values(vals)
        return super(StockProductionLot, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_suite_values(vals)
        return super(StockProductionLot, self).write(vals)
