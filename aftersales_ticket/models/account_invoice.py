# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from psycopg2 import sql

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# At most one live document per service record: the database refuses a
# second one, whatever the code path (two workers, duplicate ids, a retry).
UNIQUE_INDEXES = (
    # one customer invoice per ticket, unless it is cancelled
    ("account_invoice_aftersales_ticket_uniq", "aftersales_ticket_id",
     "out_invoice"),
    # one compensation credit note per claim, unless it is cancelled
    ("account_invoice_aftersales_claim_uniq", "aftersales_claim_id",
     "out_refund"),
)


class AccountInvoice(models.Model):
    """Customer invoice of a paid (category A) service ticket, credit note
    of an approved claim."""

    _name = "account.invoice"
    _inherit = ["account.invoice", "aftersales.mixin"]
    # the links to the service records are set by their actions only
    _aftersales_workflow_fields = ("aftersales_ticket_id", "aftersales_claim_id")
    _aftersales_guard_stored_computes = False

    aftersales_ticket_id = fields.Many2one(
        "aftersales.ticket", string="Service Ticket", index=True, copy=False,
        readonly=True, ondelete="restrict",
    )
    aftersales_claim_id = fields.Many2one(
        "aftersales.ticket", string="Compensated Claim", index=True,
        copy=False, readonly=True, ondelete="restrict",
    )
    aftersales_ticket_ref = fields.Char(
        string="Service Ticket Number", compute="_compute_aftersales_ticket_ref",
        help="The service ticket this invoice bills (or whose claim it "
             "compensates).")

    @api.depends("aftersales_ticket_id", "aftersales_claim_id")
    def _compute_aftersales_ticket_ref(self):
        for invoice in self:
            # sudo: the billing clerk sees which ticket an invoice bills
            # without after-sales rights (its number and subject only)
            ticket = (invoice.aftersales_ticket_id
                      or invoice.aftersales_claim_id).sudo()
            invoice.aftersales_ticket_ref = ticket.display_name or False

    def action_view_aftersales_ticket(self):
        """The ticket the invoice bills (or the claim it compensates)."""
        self.ensure_one()
        ticket = self.aftersales_ticket_id or self.aftersales_claim_id
        if not ticket:
            raise UserError(_("This invoice comes from no service ticket."))
        ticket.check_access_rights("read")
        ticket.check_access_rule("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.ticket",
            "view_mode": "form",
            "res_id": ticket.id,
            "name": ticket.display_name,
        }

    @api.model_cr
    def init(self):
        result = super(AccountInvoice, self).init()
        cr = self.env.cr
        for name, column, invoice_type in UNIQUE_INDEXES:
            query = sql.SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS {name} ON account_invoice "
                "({column}) WHERE {column} IS NOT NULL "
                "AND state != 'cancel' AND type = {type}").format(
                    name=sql.Identifier(name), column=sql.Identifier(column),
                    type=sql.Literal(invoice_type))
            cr.execute(query.as_string(cr._obj))
        return result

    @api.model
    def create(self, vals):
        self._aftersales_check_workflow_values(vals)
        return super(AccountInvoice, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_workflow_values(vals)
        return super(AccountInvoice, self).write(vals)

    @api.model
    def _aftersales_prepare_invoice_values(self, partner, company, origin,
                                           invoice_type="out_invoice",
                                           name=None):
        """Values of a customer invoice (or credit note) of ``company`` for
        ``partner``: its invoicing address, journal, fiscal position,
        receivable account, payment term and currency. Lines are added with
        ``_aftersales_prepare_invoice_line_values``."""
        partner = partner.with_context(force_company=company.id)
        invoice_partner = partner.browse(
            partner.address_get(["invoice"])["invoice"])
        FiscalPosition = self.env["account.fiscal.position"].with_context(
            force_company=company.id)
        fiscal_position = FiscalPosition.browse(
            FiscalPosition.get_fiscal_position(partner.id,
                                               delivery_id=partner.id))
        journal = self.with_context(
            type=invoice_type, company_id=company.id)._default_journal()
        if not journal:
            raise UserError(_("Company %s has no sales journal.")
                            % company.name)
        values = {
            "type": invoice_type,
            "partner_id": invoice_partner.id,
            "account_id": invoice_partner.commercial_partner_id
            .property_account_receivable_id.id,
            "fiscal_position_id": fiscal_position.id,
            "journal_id": journal.id,
            "currency_id": journal.currency_id.id or company.currency_id.id,
            "company_id": company.id,
            "origin": origin,
            "name": name or origin,
            "invoice_line_ids": [],
        }
        if invoice_type == "out_invoice":
            values["payment_term_id"] = partner.property_payment_term_id.id
        return values

    @api.model
    def _aftersales_invoice_products(self, products, company):
        """``products`` in ``company``, by id, sharing one prefetch with
        their templates: the accounts of all the lines of one invoice are
        then read together, not one property lookup per line."""
        products = products.with_context(force_company=company.id)
        products.mapped("product_tmpl_id")  # the templates join the prefetch
        return {product.id: product for product in products}

    @api.model
    def _aftersales_prepare_invoice_line_values(
            self, invoice_values, product, quantity, price_unit, uom=None,
            name=None, analytic_account=None, taxes=None):
        """Values of one line of the invoice ``invoice_values`` (from
        ``_aftersales_prepare_invoice_values``): income account of the
        product in the invoice's company, mapped by its fiscal position, and
        ``taxes`` when the caller has them (a document line's own), else the
        product's, mapped. Products taken from
        ``_aftersales_invoice_products`` share their account lookups."""
        company = self.env["res.company"].browse(invoice_values["company_id"])
        fiscal_position = self.env["account.fiscal.position"].browse(
            invoice_values["fiscal_position_id"])
        partner = self.env["res.partner"].browse(invoice_values["partner_id"])
        product = product.with_context(force_company=company.id)
        account = self.env["account.invoice.line"].get_invoice_line_account(
            invoice_values["type"], product, fiscal_position, company)
        if not account:
            journal = self.env["account.journal"].browse(
                invoice_values["journal_id"])
            account = fiscal_position.map_account(
                journal.default_credit_account_id)
        if not account:
            raise UserError(_(
                "No income account for product %s: set one on the product "
                "or its category.") % product.display_name)
        if taxes is None:
            taxes = product.taxes_id.filtered(
                lambda tax: tax.company_id == company)
            if fiscal_position:
                taxes = fiscal_position.map_tax(taxes, product, partner)
        return {
            "product_id": product.id,
            "name": name or product.display_name,
            "quantity": quantity,
            "uom_id": (uom or product.uom_id).id,
            "price_unit": price_unit,
            "account_id": account.id,
            "account_analytic_id": analytic_account.id if analytic_account
            else False,
            "invoice_line_tax_ids": [(6, 0, taxes.ids)],
        }
