# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .aftersales_ticket_voucher import is_billable_category


# The ticket is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    """Invoicing of paid work: one customer invoice per ticket, of what the
    customer pays (lib/payer.py), through Odoo's invoicing."""

    _inherit = "aftersales.ticket"

    invoice_payment_state = fields.Selection(
        [("none", "Not invoiced"), ("draft", "Draft"), ("open", "Open"),
         ("paid", "Paid"), ("cancel", "Cancelled")],
        string="Invoice Status", compute="_compute_invoice_payment_state",
        help="Where the customer invoice of this ticket stands: a draft for "
             "the billing team, open (validated, not paid yet), paid.")

    @api.depends("invoice_ids.state")
    def _compute_invoice_payment_state(self):
        ids = [ticket_id for ticket_id in self.ids if isinstance(ticket_id, int)]
        states = {}
        if ids:
            # sudo: agents and technicians see whether their ticket's invoice
            # is paid without accounting rights (its state only)
            for invoice in self.env["account.invoice"].sudo().search(
                    [("aftersales_ticket_id", "in", ids),
                     ("type", "=", "out_invoice")], order="id"):
                current = states.get(invoice.aftersales_ticket_id.id)
                if current is None or current == "cancel":
                    states[invoice.aftersales_ticket_id.id] = invoice.state
        for ticket in self:
            ticket.invoice_payment_state = states.get(ticket.id, "none")

    def action_create_invoice(self):
        """Invoice paid work; covered or internal work has nothing to
        invoice, which the user is told."""
        covered = self.filtered(
            lambda ticket: not is_billable_category(ticket.service_category))
        if covered:
            raise UserError(_(
                "%s: not paid by the customer (contract, warranty or "
                "internal work): nothing to invoice.") % ", ".join(
                    covered.mapped("name")))
        invoices = self._create_invoices()
        # a role without accounting rights (an agent) gets the draft
        # prepared for the billing clerks: a note and a notification naming
        # it, instead of a form it may not open
        return self._aftersales_open_documents(
            invoices, "account.action_invoice_tree1", "account.invoice_form",
            _("draft invoice for the billing team to validate."))

    def action_view_invoices(self):
        return self._action_view_records(
            self.mapped("invoice_ids"), "account.action_invoice_tree1",
            "account.invoice_form")

    def _create_invoices(self):
        """Customer invoices of paid (A) tickets, at most one per ticket even
        with several workers invoicing at the same time."""
        Invoice = self.env["account.invoice"]
        tickets = self.filtered(
            lambda ticket: is_billable_category(ticket.service_category))
        if not tickets:
            return Invoice
        tickets.check_access_rights("write")
        tickets.check_access_rule("write")
        # Once per ticket (duplicate ids included), one worker at a time: a
        # concurrent one is refused while this one works, then finds its
        # invoice; the database refuses a second invoice anyway
        # (account_invoice.py).
        tickets = tickets._aftersales_lock().filtered(
            lambda ticket: is_billable_category(ticket.service_category))
        groups = Invoice.sudo().read_group(
            [("aftersales_ticket_id", "in", tickets.ids),
             ("state", "!=", "cancel")],
            ["aftersales_ticket_id"], ["aftersales_ticket_id"])
        invoiced = {group["aftersales_ticket_id"][0] for group in groups}
        to_invoice = tickets.filtered(lambda ticket: ticket.id not in invoiced)
        for ticket in to_invoice:
            if not ticket.labour_hours and not ticket.part_ids:
                raise UserError(_(
                    "Ticket %s has no time and no parts to invoice.")
                    % ticket.name)
        invoices = Invoice
        for ticket in to_invoice:
            # service agents invoice paid jobs without accounting rights;
            # the invoice stays a draft for accounting to validate
            vals = ticket.sudo()._prepare_invoice()
            vals["user_id"] = self.env.uid
            invoice = Invoice.sudo()._aftersales_workflow().create(vals)
            invoice.compute_taxes()
            invoices |= invoice
        if to_invoice:
            to_invoice._aftersales_workflow_write(
                {"date_invoiced": fields.Datetime.now()})
        return Invoice.browse(invoices.ids)

    def _prepare_invoice(self):
        """Values of the customer invoice of a paid ticket: the time spent
        at the labour product's list price and the parts at their prices,
        by the suite's one invoice builder (``account.invoice``)."""
        self.ensure_one()
        Invoice = self.env["account.invoice"]
        values = Invoice._aftersales_prepare_invoice_values(
            self.partner_id, self.company_id, self.name, name=self.subject)
        values["aftersales_ticket_id"] = self.id
        analytic_account = self.team_id.analytic_account_id
        lines = values["invoice_line_ids"]
        labour = self._get_labour_product() if self.labour_hours else \
            self.env["product.product"]
        products = Invoice._aftersales_invoice_products(
            labour | self.part_ids.mapped("product_id"), self.company_id)
        if labour:
            lines.append((0, 0, Invoice._aftersales_prepare_invoice_line_values(
                values, products[labour.id], self.labour_hours,
                labour.lst_price, analytic_account=analytic_account)))
        for part in self.part_ids:
            name = part.product_id.display_name
            if part.lot_id:
                name = "%s (%s)" % (name, part.lot_id.name)
            lines.append((0, 0, Invoice._aftersales_prepare_invoice_line_values(
                values, products[part.product_id.id], part.quantity,
                part.price_unit,
                uom=part.product_uom_id or None, name=name,
                analytic_account=analytic_account)))
        return values
