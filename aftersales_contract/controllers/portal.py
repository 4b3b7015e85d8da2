# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Customer portal: the customer's maintenance contracts on /my."""
from odoo import _, http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.portal.controllers.portal import (
    CustomerPortal, pager as portal_pager,
)


class AftersalesContractPortal(CustomerPortal):

    def _get_contract_domain(self):
        """The logged-in user's company's contracts that were signed (the
        portal record rule enforces the company as well)."""
        partner = request.env.user.partner_id.commercial_partner_id
        return [("commercial_partner_id", "=", partner.id),
                ("state", "!=", "draft")]

    def _prepare_portal_layout_values(self):
        values = super(AftersalesContractPortal,
                       self)._prepare_portal_layout_values()
        Contract = request.env["aftersales.contract"]
        values["contract_count"] = Contract.search_count(
            self._get_contract_domain()) if Contract.check_access_rights(
                "read", raise_exception=False) else 0
        return values

    @http.route(["/my/contracts", "/my/contracts/page/<int:page>"],
                type="http", auth="user", website=True)
    def portal_my_contracts(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        Contract = request.env["aftersales.contract"]
        domain = self._get_contract_domain()
        count = Contract.search_count(domain)
        pager = portal_pager(url="/my/contracts", total=count, page=page,
                             step=self._items_per_page)
        contracts = Contract.search(domain, order="date_end desc, id desc",
                                    limit=self._items_per_page,
                                    offset=pager["offset"])
        values.update({
            "contracts": contracts, "pager": pager,
            "page_name": "contract", "default_url": "/my/contracts",
        })
        return request.render("aftersales_contract.portal_my_contracts",
                              values)

    @http.route(["/my/contracts/<int:contract_id>"], type="http",
                auth="user", website=True)
    def portal_my_contract(self, contract_id, **kw):
        contract = request.env["aftersales.contract"].browse(
            contract_id).exists()
        try:
            contract.check_access_rights("read")
            contract.check_access_rule("read")
        except AccessError:
            contract = None
        if not contract or contract.state == "draft":
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        # sudo: the customer sees the invoices of their own contract (the
        # contract's access was checked above), not the period table; only
        # the invoices made out to the customer's own company
        customer = request.env.user.partner_id.commercial_partner_id
        invoices = contract.sudo().period_ids.mapped("invoice_id").filtered(
            lambda inv: inv.state != "draft" and
            inv.commercial_partner_id == customer)
        values.update({
            "contract": contract, "invoices": invoices,
            # sudo: names of the covered products and serials of this
            # contract, which the customer may not read on their own
            "equipment": contract.sudo().equipment_ids,
            "page_name": "contract", "title": _("Contract"),
        })
        return request.render("aftersales_contract.portal_my_contract",
                              values)
