# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Coverage lookup: which contract covers a customer's equipment on a day."""
from odoo import api, fields, models

from odoo.addons.aftersales_ticket.lib import coverage

from .aftersales_contract import RUNNING_STATES


# The contract is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesContract(models.Model):
    _inherit = "aftersales.contract"

    @api.model
    def _find_covering(self, partner, product=None, lot=None, on_date=None,
                       company=None):
        """The running contract of ``partner``'s company covering ``lot``
        (or, without a serial, ``product``) on ``on_date`` (today by
        default), or an empty recordset. A line without serial covers every
        unit of its product; a contract without equipment covers none. An
        expired or terminated contract covers nothing."""
        if not partner:
            return self.browse()
        if isinstance(on_date, str):
            day = on_date[:10]
        elif on_date:
            day = fields.Date.to_string(coverage.to_date(on_date))
        else:
            day = fields.Date.context_today(self)
        if not lot and not product:
            return self.browse()
        # sudo: coverage is decided for whoever registers the request (an
        # agent, the portal, the mail gateway); only the contract is used.
        # The customer's running contracts first: one indexed query, and
        # most requests come from customers without one (a domain on
        # "contract_id.state" would read the ids of every running contract)
        contract_domain = [
            ("commercial_partner_id", "=", partner.commercial_partner_id.id),
            ("state", "in", RUNNING_STATES),
            ("date_start", "<=", day), ("date_end", ">=", day)]
        if company:
            contract_domain.append(("company_id", "=", company.id))
        contracts = self.sudo().search(contract_domain)
        if not contracts:
            return self.browse()
        domain = [("contract_id", "in", contracts.ids)]
        if lot:
            domain += ["|", ("lot_id", "=", lot.id), "&",
                       ("lot_id", "=", False),
                       ("product_id", "=", lot.product_id.id)]
        else:
            domain.append(("product_id", "=", product.id))
        lines = self.env["aftersales.contract.equipment"].sudo().search(
            domain, order="id")
        # a line of this very serial wins over a line of its product
        line = lines.filtered("lot_id")[:1] or lines[:1]
        return self.browse(line.contract_id.id)
