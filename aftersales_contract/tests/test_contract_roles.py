# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The contract form for each role, internal notes, the renewal To-Do
(issue 19: 2, 10; issue 20: 11)."""
from unittest import mock

from odoo.addons.aftersales_ticket.tests.common import frozen_clock

from ..models.aftersales_contract_invoicing import (
    SEND_PARAM, AftersalesContract as InvoicingMixin)
from .common import TODAY, ContractCase

LOGGER = "odoo.addons.aftersales_contract.models.aftersales_contract_invoicing"
MONEY = ("amount_period",)
LINE_MONEY = ("price_unit", "price_subtotal")


class TestContractRoles(ContractCase):

    def open_form(self, contract, user):
        """What the web client does to open the form: the view as the user
        sees it, then a read of its fields and of its lists' fields."""
        Contract = self.Contract.sudo(user)
        view = Contract.load_views([(False, "form")])["fields_views"]["form"]
        names = list(view["fields"])
        data = contract.sudo(user).read(names)[0]
        for name, field in view["fields"].items():
            if field["type"] == "one2many" and data[name]:
                sub = field["views"].get("tree") or field["views"].get("form")
                self.env[field["relation"]].sudo(user).browse(
                    data[name]).read(list(sub["fields"]))
        return view, data

    def test_every_role_opens_the_contract_form(self):
        """Issue 19.2: access errors on the periods and the lines."""
        contract = self.make_contract(start="2026-10-01")
        contract._invoice_due_periods(TODAY)
        self.assertTrue(contract.period_ids)
        for user in (self.agent, self.technician, self.director,
                     self.manager):
            view, data = self.open_form(contract, user)
            self.assertEqual(data["name"], contract.name)
            self.assertIn("period_ids", data)
        # technicians see what is covered, not the prices
        view, _data = self.open_form(contract, self.technician)
        for name in MONEY:
            self.assertNotIn(name, view["fields"])
        lines = view["fields"]["line_ids"]["views"]
        for sub in lines.values():
            for name in LINE_MONEY:
                self.assertNotIn(name, sub["fields"])
        view, _data = self.open_form(contract, self.agent)
        self.assertIn("amount_period", view["fields"])

    def test_internal_notes_are_not_for_the_customer(self):
        """Issue 20.11: "Renewed by", "Recurring invoicing failed",
        "could not be validated and sent" were notifications."""
        self.env["ir.config_parameter"].set_param(SEND_PARAM, "True")
        broken = self.make_contract(start="2026-11-01")
        original = InvoicingMixin._prepare_period_invoice_lines

        def failing(contract, *args):
            if contract == broken:
                raise ValueError("No income account on the fee")
            return original(contract, *args)

        with mock.patch.object(InvoicingMixin, "_prepare_period_invoice_lines",
                               failing):
            broken._invoice_due_periods(TODAY)
        unsent = self.make_contract(start="2026-11-01", lot=self.lot_other)
        Invoice = type(self.env["account.invoice"])
        with mock.patch.object(Invoice, "action_invoice_open",
                               side_effect=ValueError("no sequence")):
            unsent._invoice_due_periods(TODAY)
        renewed = self.make_contract(start="2026-01-01", lot=False,
                                     partner=self.customer_b)
        renewed.sudo(self.manager).action_renew()
        note = self.env.ref("mail.mt_note")
        for contract, text in ((broken, "Recurring invoicing failed"),
                               (unsent, "could not be validated and sent"),
                               (renewed, "Renewed by")):
            messages = contract.message_ids.filtered(
                lambda message: text in (message.body or ""))
            self.assertTrue(messages, text)
            self.assertEqual(set(messages.mapped("message_type")),
                             {"comment"}, text)
            self.assertEqual(messages.mapped("subtype_id"), note, text)

    def test_renewal_todo_closed_when_renewed_or_terminated(self):
        """Issue 19.10: the "propose the renewal" To-Do stayed open."""
        renewed = self.make_contract(start="2026-01-01", end="2026-12-10")
        terminated = self.make_contract(start="2026-01-01", end="2026-12-10",
                                        lot=self.lot_other)
        with frozen_clock():
            self.Contract._cron_expiry()
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", "aftersales.contract"),
                  ("res_id", "in", (renewed + terminated).ids)]
        self.assertEqual(Activity.search_count(domain), 2)
        renewed.sudo(self.manager).action_renew()
        self.assertEqual(Activity.search_count(
            domain + [("res_id", "=", renewed.id)]), 0)
        terminated.sudo(self.manager).write({
            "termination_reason": "Closing the site",
            "termination_date": "2026-11-30"})
        terminated.sudo(self.manager).action_terminate()
        self.assertEqual(Activity.search_count(domain), 0)
        # marked done: the feedback is in the chatter
        self.assertTrue(terminated.message_ids.filtered(
            lambda message: "Contract terminated" in (message.body or "")))
