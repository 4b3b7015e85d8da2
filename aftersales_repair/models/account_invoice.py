# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class AccountInvoice(models.Model):
    """Customer invoice of the customer-paid lines of a workshop repair."""

    _inherit = "account.invoice"
    _aftersales_workflow_fields = (
        "aftersales_ticket_id", "aftersales_claim_id", "aftersales_repair_id")

    aftersales_repair_id = fields.Many2one(
        "mrp.repair", string="Workshop Repair", index=True, copy=False,
        readonly=True, ondelete="restrict")

    @api.model_cr
    def init(self):
        result = super(AccountInvoice, self).init()
        # one live customer invoice per repair
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS account_invoice_aftersales_repair_uniq
                ON account_invoice (aftersales_repair_id)
             WHERE aftersales_repair_id IS NOT NULL AND state != 'cancel'
               AND type = 'out_invoice'
        """)
        return result
