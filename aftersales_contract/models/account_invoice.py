# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

from .aftersales_contract import check_same_company

# links of an invoice that are not records of its company: people (a user
# works for several companies), the company itself
COMPANY_FREE_FIELDS = ("company_id", "user_id", "team_id")
# invoices created between two recomputations of their stored amounts
CREATE_CHUNK = 5


class AccountInvoice(models.Model):
    """Draft invoices of the recurring contract invoicing, many at once,
    and the way back from an invoice to its contracts."""

    _inherit = "account.invoice"

    aftersales_contract_ids = fields.Many2many(
        "aftersales.contract", string="Maintenance Contracts",
        compute="_compute_aftersales_contract_ids",
        help="The maintenance contracts whose periods this invoice bills.")
    aftersales_contract_count = fields.Integer(
        string="Contracts", compute="_compute_aftersales_contract_ids")

    @api.model
    def create(self, vals):
        # types of every value (RPC, imports): a clear message, not a
        # database error, whatever creates the invoice
        if not self._aftersales_in_workflow():
            # the values built by the suite's actions are right by
            # construction (and checked where they come from)
            self._aftersales_check_field_values(vals)
            self._aftersales_check_companies(vals)
        return super(AccountInvoice, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_field_values(vals)
        self._aftersales_check_companies(vals)
        return super(AccountInvoice, self).write(vals)

    def _aftersales_check_companies(self, vals):
        """Refuse the ids of another company's records (journal, accounts,
        customer, fiscal position...) in ``vals``."""
        links = {name: value for name, value in vals.items()
                 if name not in COMPANY_FREE_FIELDS}
        if not links:
            return
        if vals.get("company_id"):
            companies = self.env["res.company"].browse(vals["company_id"])
        elif self:
            companies = self.mapped("company_id")
        else:
            companies = self.env["res.company"].browse(
                self.default_get(["company_id"]).get("company_id"))
        if len(companies) == 1:
            check_same_company(self, links, companies)

    def _compute_aftersales_contract_ids(self):
        contracts = {}
        if self.ids:
            # the link is the invoiced periods (which only managers and the
            # roles of the service read); the contracts themselves are
            # opened with the user's own rights
            self.env.cr.execute(
                "SELECT invoice_id, array_agg(DISTINCT contract_id) FROM "
                "aftersales_contract_period WHERE invoice_id IN %s "
                "GROUP BY invoice_id", (tuple(self.ids),))
            contracts = dict(self.env.cr.fetchall())
        for invoice in self:
            ids = contracts.get(invoice.id) or []
            invoice.aftersales_contract_ids = [(6, 0, ids)]
            invoice.aftersales_contract_count = len(ids)

    @api.multi
    def action_view_aftersales_contracts(self):
        """The contracts this invoice bills (smart button)."""
        self.ensure_one()
        contracts = self.aftersales_contract_ids
        action = self.env.ref(
            "aftersales_contract.aftersales_contract_action").read()[0]
        if len(contracts) == 1:
            action.update(views=[(False, "form")], res_id=contracts.id)
        else:
            action["domain"] = [("id", "in", contracts.ids)]
        action["context"] = {"create": False}
        return action

    @api.model
    def _aftersales_contract_create_invoices(self, values_list):
        """Creates the draft invoices ``values_list`` (complete values, as
        ``create`` takes them, lines as ``(0, 0, values)``) through
        ``account.invoice.create``, one by one (so that every module's
        override runs), the stored amounts recomputed every
        ``CREATE_CHUNK`` invoices instead of at each one. The creation
        is logged in each invoice's chatter and its creator follows it, in
        one batch. Returns the invoices in the order of ``values_list``."""
        if not values_list:
            return self.browse()
        invoices = self.browse()
        # the stored amounts recomputed once per chunk of invoices instead
        # of once per invoice (a chunk, not the whole batch: until the
        # recomputation, every read of a pending amount computes it for all
        # the invoices pending)
        # workflow: values built by the invoicing (types known, ids of the
        # contract's company), not checked again for each invoice
        Invoice = self._aftersales_workflow().with_context(recompute=False)
        for index, vals in enumerate(values_list):
            # each invoice in its own prefetch set: what create reads of it
            # is not read for the whole batch
            invoices |= Invoice.with_prefetch().create(vals)
            if (index + 1) % CREATE_CHUNK == 0:
                self.recompute()
        self.recompute()
        # in the caller's context again (not the workflow's)
        invoices = self.browse(invoices.ids)
        invoices._aftersales_contract_log_creation()
        return invoices

    def _aftersales_contract_log_creation(self):
        """What ``account.invoice.create`` records without the quiet context
        of the batch, for all the invoices at once: the creation in the
        chatter (the state set to draft, as tracking logs it) and the
        creator as a follower."""
        if not self:
            return
        self._aftersales_log_tracking("state", False, "draft")
        self.message_subscribe(partner_ids=self.env.user.partner_id.ids)
