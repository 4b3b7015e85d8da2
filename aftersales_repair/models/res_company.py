# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class ResCompany(models.Model):
    """The workshop locations of each company (set in the settings)."""

    _inherit = "res.company"

    aftersales_repair_location_id = fields.Many2one(
        "stock.location", string="Repair Location",
        domain=[("usage", "=", "internal")],
        help="Where customers' products are held while in the workshop.")
    aftersales_spare_location_id = fields.Many2one(
        "stock.location", string="Spare Parts Location",
        domain=[("usage", "=", "internal")],
        help="Where the parts added by repairs are taken from.")
    aftersales_recycling_location_id = fields.Many2one(
        "stock.location", string="Recycling Location",
        help="Where the defective parts removed by repairs go.")
