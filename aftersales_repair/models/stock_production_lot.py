# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, fields, models
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
