# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape, plaintext2html

from ..models.aftersales_ticket_complaint import OUTCOME_METHODS


class AftersalesComplaintNotifyWizard(models.TransientModel):
    """Records that the customer was told the outcome of a complaint: how,
    when and by whom; the complaint can then be closed."""

    _name = "aftersales.complaint.notify.wizard"
    _inherit = ["aftersales.mixin"]
    _description = "Record Customer Notification"

    def _default_ticket_ids(self):
        return self.env["aftersales.ticket"]._browse_active_tickets()

    ticket_ids = fields.Many2many(
        "aftersales.ticket", string="Complaints", required=True,
        default=_default_ticket_ids,
    )
    method = fields.Selection(
        OUTCOME_METHODS, string="Told By", required=True, default="phone",
    )
    notified_on = fields.Datetime(
        string="Told On", required=True, default=fields.Datetime.now,
    )
    notified_by_id = fields.Many2one(
        "res.users", string="Told By (User)", required=True,
        default=lambda self: self.env.user,
    )
    note = fields.Text(string="What the Customer Was Told")

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        tickets = self.ticket_ids
        not_complaints = tickets.filtered(lambda t: t.request_type != "complaint")
        if not_complaints:
            raise UserError(_("%s is not a complaint.")
                            % ", ".join(not_complaints.mapped("name")))
        if self.notified_on > fields.Datetime.now():
            raise UserError(_("The customer cannot have been told in the future."))
        tickets.write({
            "outcome_notification_method": self.method,
            "outcome_notified_on": self.notified_on,
            "outcome_notified_by_id": self.notified_by_id.id,
        })
        body = self._prepare_message_body()
        tickets._aftersales_post_note(body)
        return {"type": "ir.actions.act_window_close"}

    def _prepare_message_body(self):
        self.ensure_one()
        methods = dict(self._fields["method"]._description_selection(self.env))
        when = fields.Datetime.context_timestamp(
            self, fields.Datetime.from_string(self.notified_on))
        body = "<p>%s</p>" % html_escape(
            _("Customer told the outcome of the complaint (%(method)s) on "
              "%(when)s by %(user)s.") % {
                  "method": methods[self.method],
                  "when": when.strftime("%Y-%m-%d %H:%M"),
                  "user": self.notified_by_id.name})
        if self.note:
            body += plaintext2html(self.note)
        return body

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        return super(AftersalesComplaintNotifyWizard, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesComplaintNotifyWizard, self).write(vals)
