# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The customer's contract page lists only the customer's own invoices
(issue 20.10), over real HTTP requests."""
from odoo.addons.aftersales_ticket.tests.common import AftersalesHttpCase

PASSWORD = "portal-Contract-2026"


class TestPortalContractInvoices(AftersalesHttpCase):

    def test_contract_page_lists_only_own_invoices(self):
        Partner = self.env["res.partner"]
        customer_a = Partner.create({"name": "Portal Contract A",
                                     "is_company": True})
        customer_b = Partner.create({"name": "Portal Contract B",
                                     "is_company": True})
        contact_b = Partner.create({"name": "Bea Portal",
                                    "parent_id": customer_b.id,
                                    "email": "bea@portal-b.example.com"})
        self.create_user("test_http_contract_b", ["base.group_portal"],
                         PASSWORD, contact_b)
        fee = self.env.ref(
            "aftersales_contract.product_product_maintenance_fee")
        Contract = self.env["aftersales.contract"].with_context(
            tracking_disable=True)
        values = {"date_start": "2026-10-01", "date_end": "2027-09-30",
                  "line_ids": [(0, 0, {"product_id": fee.id, "name": "Fee",
                                       "quantity": 1, "price_unit": 10})]}
        # Odoo 11 reads the decimal precision of a float field through a new
        # cursor, which in an HttpCase is the shared test cursor: committed
        # inside the invoicing's savepoint, it would release it. Read them
        # before (a real server uses its own cursor for it).
        for model in ("account.invoice", "account.invoice.line",
                      "account.invoice.tax", "aftersales.contract.period"):
            for field in self.env[model]._fields.values():
                if field.type in ("float", "monetary"):
                    field.column_type  # pylint: disable=pointless-statement
        old = Contract.create(dict(values, partner_id=customer_a.id))
        old.action_activate()
        old._invoice_due_periods("2026-10-15")
        old_invoice = old.period_ids.invoice_id
        old_invoice.action_invoice_open()
        # what the old code let happen: the contract moved to customer B
        # (now refused in write; done here in SQL to show the page's own
        # guard), with A's invoice on its periods
        self.env.cr.execute(
            "UPDATE aftersales_contract SET partner_id = %s, "
            "commercial_partner_id = %s WHERE id = %s",
            (customer_b.id, customer_b.id, old.id))
        new = Contract.create(dict(values, partner_id=customer_b.id,
                                   date_start="2026-10-01"))
        new.action_activate()
        new._invoice_due_periods("2026-10-15")
        new_invoice = new.period_ids.invoice_id
        new_invoice.action_invoice_open()
        self.checkpoint()
        self.authenticate("test_http_contract_b", PASSWORD)
        response = self.url_open("/my/contracts/%d" % old.id)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(old_invoice.number, response.text)
        response = self.url_open("/my/contracts/%d" % new.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn(new_invoice.number, response.text)
