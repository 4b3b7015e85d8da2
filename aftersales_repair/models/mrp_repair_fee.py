# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models


class MrpRepairFee(models.Model):
    """A fee (labour, transport) of a repair, with its payer; its cost is
    the technician's cost of the labour product."""

    _name = "mrp.repair.fee"
    _inherit = ["mrp.repair.fee", "aftersales.repair.payer.mixin"]
