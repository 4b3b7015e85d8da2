# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""What aftersales_contract declares to the suite's integrity net
(``aftersales_ticket/tests/test_integrity_net.py``): who reads and writes
its models, which actions make documents (once), which buttons make none.

The intended behaviour (issues 19 and 20):

- contracts, their billing lines and covered equipment: read by every role
  of the service in the company (technicians open the contract form of the
  equipment they repair; the money fields are hidden from them by field
  groups), written by the service managers only; the customer reads his
  own signed contracts on the portal;
- invoiced periods: read by the service roles, written by the invoicing
  only (every field is a workflow field);
- disputes: directors read them, managers handle them;
- account.invoice as the contracts use it: the billing clerks; a service
  manager without accounting rights gets the invoices prepared
  (``_aftersales_open_documents``), and does not read them.
"""
import datetime

SERVICE_READ = ("r", "all")
MANAGER = ("rwcu", "all")

ACCESS = {
    "aftersales.contract": {
        "technician": SERVICE_READ,
        "agent": SERVICE_READ,
        "director": SERVICE_READ,
        "manager": MANAGER,
        "other_company": SERVICE_READ,
        "portal": ("r", "own"),
    },
    "aftersales.contract.line": {
        "technician": SERVICE_READ,
        "agent": SERVICE_READ,
        "director": SERVICE_READ,
        "manager": MANAGER,
        "other_company": SERVICE_READ,
        "portal": ("r", "own"),
    },
    "aftersales.contract.equipment": {
        "technician": SERVICE_READ,
        "agent": SERVICE_READ,
        "director": SERVICE_READ,
        "manager": MANAGER,
        "other_company": SERVICE_READ,
        "portal": ("r", "own"),
    },
    "aftersales.contract.period": {
        "technician": SERVICE_READ,
        "agent": SERVICE_READ,
        "director": SERVICE_READ,
        "manager": SERVICE_READ,
        "other_company": SERVICE_READ,
    },
    "aftersales.contract.dispute": {
        "director": SERVICE_READ,
        "manager": MANAGER,
    },
    # account.invoice: declared by the core, which extends it first
}

SCOPE_FIELDS = {
    "aftersales.contract": {"customer": "commercial_partner_id",
                            "company": "company_id", "user": "user_id"},
    "aftersales.contract.line": {
        "customer": "contract_id.commercial_partner_id",
        "company": "company_id"},
    "aftersales.contract.equipment": {
        "customer": "contract_id.commercial_partner_id",
        "company": "company_id"},
    "aftersales.contract.period": {"customer": "partner_id",
                                   "company": "company_id"},
    "aftersales.contract.dispute": {"customer": "partner_id",
                                    "company": "company_id"},
}

ONCE = {
    "aftersales.contract": {
        # "Invoice Due Periods" (button of the service managers)
        "action_invoice": {"role": "manager",
                           "prepare": "contract_with_due_periods",
                           "creates": ["account.invoice",
                                       "account.invoice.line"]},
        # the queue job of the recurring invoicing (today by default)
        "_job_invoice_batch": {"role": "manager",
                               "prepare": "contract_with_due_periods",
                               "creates": ["account.invoice",
                                           "account.invoice.line"]},
        # "Renew": the successor, once
        "action_renew": {"role": "manager",
                         "prepare": "contract_to_renew",
                         "creates": ["aftersales.contract"]},
        # the expiry job's notice: the e-mail and the responsible's To-Do
        "_send_expiry_notice": {"role": "manager",
                                "prepare": "contract_ending_soon",
                                "creates": ["mail.activity", "mail.mail"]},
    },
}

NO_DOCUMENTS = {
    "aftersales.contract": ["action_activate", "action_terminate",
                            "action_view_invoices", "action_print_notice"],
    "account.invoice": ["action_view_aftersales_contracts"],
    # "Contracts" smart button of the customer form: a list, nothing made
    "res.partner": ["action_view_aftersales_contracts"],
}

BAD_VALUE_EXEMPT = {}


def _today(env):
    from odoo import fields
    return fields.Date.from_string(fields.Date.context_today(
        env["aftersales.contract"]))


def _contract(env, start, end, name):
    """A running monthly contract of the main company for a new customer,
    one billing line of the maintenance fee, no equipment."""
    from odoo import fields
    company = env.ref("base.main_company")
    partner = env["res.partner"].create({
        "name": "Integrity %s" % name, "is_company": True,
        "email": "integrity.contract@example.com"})
    manager = env["res.users"].search(
        [("groups_id", "in", env.ref("aftersales_ticket.group_manager").id),
         ("share", "=", False), ("company_ids", "in", company.id)],
        limit=1) or env.user
    fee = env.ref("aftersales_contract.product_product_maintenance_fee")
    contract = env["aftersales.contract"].create({
        "partner_id": partner.id, "company_id": company.id,
        "user_id": manager.id,
        "date_start": fields.Date.to_string(start),
        "date_end": fields.Date.to_string(end),
        "frequency": "monthly",
        "line_ids": [(0, 0, {"product_id": fee.id, "name": "Fee",
                             "quantity": 1.0, "price_unit": 50.0})],
    })
    contract.action_activate()
    return contract


def contract_with_due_periods(env):
    """Running since the first day of last month: two periods due."""
    today = _today(env)
    first = today.replace(day=1)
    start = (first - datetime.timedelta(days=1)).replace(day=1)
    return _contract(env, start, start.replace(year=start.year + 1),
                     "due periods")


def contract_to_renew(env):
    today = _today(env)
    start = today.replace(day=1)
    return _contract(env, start, start.replace(year=start.year + 1)
                     - datetime.timedelta(days=1), "renewal")


def contract_ending_soon(env):
    """Ends in a week: within the expiry notice, no notice sent yet."""
    today = _today(env)
    start = today.replace(day=1) - datetime.timedelta(days=300)
    return _contract(env, start, today + datetime.timedelta(days=7),
                     "expiring")
