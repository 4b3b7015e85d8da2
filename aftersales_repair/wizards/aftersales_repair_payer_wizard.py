# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.addons.aftersales_ticket.lib import payer as payer_lib
from odoo.exceptions import AccessError, UserError


class AftersalesRepairPayerWizard(models.TransientModel):
    """Change who pays some lines of a repair: directors and managers
    only, with a reason, logged on the repair."""

    _name = "aftersales.repair.payer.wizard"
    _description = "Change the payer of repair lines"

    repair_id = fields.Many2one("mrp.repair", required=True,
                                ondelete="cascade")
    operation_ids = fields.Many2many(
        "mrp.repair.line", string="Parts",
        domain="[('repair_id', '=', repair_id)]")
    fee_ids = fields.Many2many(
        "mrp.repair.fee", string="Fees",
        domain="[('repair_id', '=', repair_id)]")
    payer = fields.Selection(payer_lib.PAYER_SELECTION, required=True)
    note = fields.Char(string="Reason", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super(AftersalesRepairPayerWizard, self).default_get(
            fields_list)
        if self.env.context.get("active_model") == "mrp.repair":
            values.setdefault("repair_id", self.env.context.get("active_id"))
        return values

    def action_apply(self):
        for wizard in self:
            wizard._apply()
        return {"type": "ir.actions.act_window_close"}

    def _apply(self):
        self.ensure_one()
        if not self.env.user.has_group("aftersales_ticket.group_director"):
            raise AccessError(_(
                "Only a service director or manager may change who pays a "
                "repair line."))
        note = (self.note or "").strip()
        if not note:
            raise UserError(_("Give the reason for changing the payer."))
        lines = list(self.operation_ids) + list(self.fee_ids)
        if not lines:
            raise UserError(_("Select the parts or fees whose payer "
                              "changes."))
        repair = self.repair_id._aftersales_lock()
        if not repair.aftersales_ticket_id:
            raise UserError(_("%s is not a repair of a service ticket.")
                            % repair.name)
        strangers = [line for line in lines if line.repair_id != repair]
        if strangers:
            raise UserError(_("%s is not a line of this repair.")
                            % strangers[0].name)
        invoiced = [line for line in lines if line.invoiced]
        if invoiced or repair.invoice_id:
            raise UserError(_(
                "%s is invoiced already: its payer cannot change any more.")
                % repair.name)
        self.operation_ids._aftersales_change_payer(self.payer, note)
        self.fee_ids._aftersales_change_payer(self.payer, note)
        repair._aftersales_costs_changed()
