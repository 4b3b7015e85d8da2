# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

from .stock_picking import post_as_author


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

    @api.multi
    def message_post(self, body="", subject=None, message_type="notification",
                     subtype=None, parent_id=False, attachments=None,
                     content_subtype="html", **kwargs):
        return post_as_author(
            self, super(AccountInvoice, self).message_post, body, subtype,
            dict(kwargs, subject=subject, message_type=message_type,
                 parent_id=parent_id, attachments=attachments,
                 content_subtype=content_subtype))

    def action_view_aftersales_repair(self):
        """The repair this invoice bills (smart button of the invoice)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mrp.repair",
            "views": [(False, "form")],
            "res_id": self.aftersales_repair_id.id,
        }
