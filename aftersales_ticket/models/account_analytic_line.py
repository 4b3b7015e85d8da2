# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class AccountAnalyticLine(models.Model):
    """Time spent on a service ticket, as an analytic line so that it
    reaches accounting."""

    _name = "account.analytic.line"
    _inherit = ["account.analytic.line", "aftersales.mixin"]
    # only the ticket's own stored copy: the line's other computed fields
    # are accounting's business (time lines of tickets only are checked)
    _aftersales_workflow_fields = ("aftersales_service_category",)
    _aftersales_guard_stored_computes = False

    # auto_join: the record rules on time lines follow the ticket's in one
    # query (they mirror the ticket's rules, see the security file)
    aftersales_ticket_id = fields.Many2one(
        "aftersales.ticket", string="Service Ticket", index=True,
        ondelete="restrict", auto_join=True,
    )
    aftersales_service_category = fields.Selection(
        related="aftersales_ticket_id.service_category", store=True,
        readonly=True, string="Service Category",
    )

    @api.constrains("unit_amount", "aftersales_ticket_id")
    def _check_aftersales_hours(self):
        for line in self:
            if line.aftersales_ticket_id and line.unit_amount <= 0:
                raise ValidationError(_(
                    "The time spent on service ticket %(ticket)s must be "
                    "more than zero hours (got %(hours)s).") % {
                        "ticket": line.aftersales_ticket_id.name,
                        "hours": line.unit_amount})

    @api.model
    def create(self, vals):
        if vals.get("aftersales_ticket_id"):
            self._aftersales_check_values(vals, creating=True)
            vals = self._prepare_aftersales_values(dict(vals))
        else:
            # any line: the suite's fields and links (the others are
            # accounting's business)
            self._aftersales_check_suite_values(vals)
            self._aftersales_check_workflow_values(vals)
        return super(AccountAnalyticLine, self).create(vals)

    def write(self, vals):
        if vals.get("aftersales_ticket_id") or self.filtered(
                "aftersales_ticket_id"):
            self._aftersales_check_values(vals, creating=False)
        else:
            self._aftersales_check_suite_values(vals)
            self._aftersales_check_workflow_values(vals)
        result = super(AccountAnalyticLine, self).write(vals)
        cost_fields = {"unit_amount", "product_id", "product_uom_id",
                       "aftersales_ticket_id"}
        if "amount" not in vals and cost_fields.intersection(vals):
            for line in self.filtered("aftersales_ticket_id"):
                amount = line._get_aftersales_cost_amount(
                    line.product_id, line.product_uom_id, line.unit_amount)
                if line.amount != amount:
                    super(AccountAnalyticLine, line).write({"amount": amount})
        return result

    def _aftersales_check_business_values(self, vals, creating):
        """Time on a service ticket: a technician books his own hours only,
        at the labour product's cost (what a line costs is not his to set);
        nobody books, moves or changes hours of a ticket already invoiced
        (they would never be billed)."""
        lines = self.filtered("aftersales_ticket_id")
        tickets = lines.mapped("aftersales_ticket_id")
        if vals.get("aftersales_ticket_id"):
            tickets |= tickets.browse(vals["aftersales_ticket_id"])
        # sudo: whether a ticket is invoiced, whoever books the time
        invoiced = tickets.sudo().filtered("date_invoiced")
        if invoiced and not self._aftersales_in_workflow():
            raise UserError(_(
                "%s has already been invoiced: its time can no longer be "
                "booked or changed (it would never be billed). Cancel the "
                "invoice first.") % ", ".join(invoiced.mapped("name")))
        if self._aftersales_is_technician_only():
            self._aftersales_check_technician_values(vals, creating, lines)
        return super(AccountAnalyticLine, self)._aftersales_check_business_values(
            vals, creating)

    @api.model
    def _aftersales_is_technician_only(self):
        """Whether the user is a technician who neither dispatches nor
        manages (agents, directors and managers may book for others)."""
        user = self.env.user
        return user.has_group("aftersales_ticket.group_technician") and \
            not user.has_group("aftersales_ticket.group_agent")

    def _aftersales_check_technician_values(self, vals, creating, lines):
        """A technician's time: his own, at its computed cost."""
        if "user_id" in vals and vals["user_id"] and \
                vals["user_id"] != self.env.uid:
            raise UserError(_(
                "You can only book your own hours; the technician who did "
                "the work books his."))
        if not creating and lines.filtered(
                lambda line: line.user_id and line.user_id.id != self.env.uid):
            raise UserError(_(
                "These hours were booked by another technician: only he (or "
                "an agent) may change them."))
        if "amount" in vals:
            raise UserError(_(
                "The cost of a time line is computed from the labour "
                "product; a technician cannot set it."))
        if vals.get("product_id") and vals["product_id"] != self.env[
                "aftersales.ticket"]._get_labour_product().id:
            raise UserError(_(
                "Time on a service ticket is booked with the on-site labour "
                "product."))

    @api.model
    def _prepare_aftersales_values(self, vals):
        """Complete the values of a time line of a service ticket: the
        team's analytic account, the labour product, its unit and the cost
        (negative amount, as for any expense in analytic accounting)."""
        ticket = self.env["aftersales.ticket"].browse(vals["aftersales_ticket_id"])
        if not vals.get("account_id"):
            vals["account_id"] = ticket._get_aftersales_analytic_account().id
        if not vals.get("product_id"):
            vals["product_id"] = ticket._get_labour_product().id
        product = self.env["product.product"].browse(vals["product_id"])
        if not vals.get("product_uom_id"):
            vals["product_uom_id"] = product.uom_id.id
        uom = self.env["product.uom"].browse(vals["product_uom_id"])
        vals.setdefault("name", ticket.name)
        if "amount" not in vals:
            vals["amount"] = self._get_aftersales_cost_amount(
                product, uom, vals.get("unit_amount", 0.0))
        return vals

    @api.model
    def _get_aftersales_cost_amount(self, product, uom, hours):
        """Cost of ``hours`` of ``product`` at its cost price, negative."""
        if not product:
            return 0.0
        unit_cost = product.price_compute("standard_price", uom=uom)[product.id]
        currency = self.env.user.company_id.currency_id
        return -currency.round(unit_cost * (hours or 0.0))
