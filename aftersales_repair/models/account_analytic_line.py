# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AccountAnalyticLine(models.Model):
    """Time spent on a workshop repair: a time line of the repair's ticket
    (so it reaches the ticket's costs and accounting) marked with the
    repair."""

    _inherit = "account.analytic.line"

    aftersales_repair_id = fields.Many2one(
        "mrp.repair", string="Workshop Repair", index=True,
        ondelete="restrict")

    @api.model
    def create(self, vals):
        if vals.get("aftersales_repair_id"):
            vals = dict(vals)
            repair = self.env["mrp.repair"].browse(vals["aftersales_repair_id"])
            if not repair.exists() or not repair.aftersales_ticket_id:
                raise ValidationError(_(
                    "Repair time is recorded on workshop repairs of service "
                    "tickets only."))
            vals.setdefault("aftersales_ticket_id",
                            repair.aftersales_ticket_id.id)
            vals.setdefault("user_id", self.env.uid)
        return super(AccountAnalyticLine, self).create(vals)
