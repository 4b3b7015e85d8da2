# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Recurring invoicing cost: aftersales.contract against OCA contract 11.0.

Both make their invoices through ``account.invoice.create`` (ours since
issue 20: one create per invoice, the stored amounts recomputed once per
batch, the creation logged in one batch). Goal: at most 0.7 x OCA's
queries and time per contract.

The same N active monthly contracts (one billing line of a taxed service,
for 250 customers, one period due) are set up in both modules, then
invoiced in one run each: ours with ``_invoice_all_due`` (what the queue
jobs run, batch after batch), OCA's with ``recurring_create_invoice`` (what
its cron runs). Prints wall time and SQL queries per contract and the
ratios. Everything happens in one transaction rolled back at the end.

    scripts/odoo -d <db> -i aftersales,contract --stop-after-init
    python bench/bench_contract.py --config <odoo.conf> --database <db>
"""
import time

import benchlib
from odoo import fields

QUIET = {"tracking_disable": True, "mail_notrack": True,
         "mail_create_nolog": True, "mail_create_nosubscribe": True}


def insert_rows(env, table, rows):
    from odoo.addons.aftersales_ticket.models.aftersales_mixin import (
        insert_rows as insert)
    ids = []
    for index in range(0, len(rows), 1000):
        ids += insert(env.cr, env.uid, table, rows[index:index + 1000])
    return ids


def make_customers(env, count, prefix="Bench Contract Customer"):
    Partner = env["res.partner"].with_context(**QUIET)
    return [Partner.create({
        "name": "%s %d" % (prefix, index), "is_company": True,
        "email": "contract%d@bench.example.com" % index,
        "street": "%d Contract Street" % index, "city": "Madrid",
    }) for index in range(count)]


def make_fee(env):
    company = env.user.company_id
    tax = env["account.tax"].create({
        "name": "Bench VAT 21%", "amount": 21.0, "amount_type": "percent",
        "type_tax_use": "sale", "company_id": company.id})
    return env["product.product"].create({
        "name": "Bench Maintenance Fee", "type": "service",
        "list_price": 80.0, "taxes_id": [(6, 0, tax.ids)]}), tax


def insert_our_contracts(env, customers, fee, tax, count, start, end):
    """``count`` active monthly contracts of ours, due from ``start``,
    inserted in SQL (a few queries for thousands)."""
    company = env.user.company_id
    rows = [{
        "name": "BENCH/%06d" % index,
        "partner_id": customers[index % len(customers)].id,
        "commercial_partner_id": customers[index % len(customers)].id,
        "company_id": company.id, "user_id": env.uid, "sla_tier": "standard",
        "date_start": start, "date_end": end, "frequency": "monthly",
        "state": "active", "next_period_start": start, "amount_period": 80.0,
        "renewal_rate": 0.0, "renewal_percent": 0.0,
        "invoicing_failed": False, "message_last_post": None,
    } for index in range(count)]
    ids = insert_rows(env, "aftersales_contract", rows)
    line_ids = insert_rows(env, "aftersales_contract_line", [{
        "contract_id": contract_id, "company_id": company.id,
        "sequence": 10, "product_id": fee.id, "name": "Monthly maintenance",
        "quantity": 1.0, "price_unit": 80.0, "price_subtotal": 80.0,
    } for contract_id in ids])
    table = env["aftersales.contract.line"]._fields["tax_ids"].relation
    for index in range(0, len(line_ids), 1000):
        chunk = line_ids[index:index + 1000]
        env.cr.execute(
            "INSERT INTO {} (aftersales_contract_line_id, account_tax_id) "
            "SELECT unnest(%s::int[]), %s".format(table), (chunk, tax.id))
    env["aftersales.contract"].invalidate_cache()
    return env["aftersales.contract"].browse(ids)


def make_oca_contracts(env, customers, fee, count, start):
    Contract = env["account.analytic.account"].with_context(**QUIET)
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", env.user.company_id.id)],
        limit=1)
    contracts = Contract.browse()
    for index in range(count):
        contracts |= Contract.create({
            "name": "OCA BENCH %06d" % index,
            "partner_id": customers[index % len(customers)].id,
            "recurring_invoices": True, "recurring_rule_type": "monthly",
            "recurring_interval": 1, "date_start": start,
            "recurring_next_date": start, "journal_id": journal.id,
            "recurring_invoice_line_ids": [(0, 0, {
                "product_id": fee.id, "name": "Monthly maintenance",
                "quantity": 1.0, "price_unit": 80.0,
                "uom_id": fee.uom_id.id})],
        })
    return contracts


def measure(cr, function):
    queries = cr.sql_log_count
    started = time.time()
    result = function()
    return result, cr.sql_log_count - queries, time.time() - started


def main():
    args = benchlib.parse_args(
        __doc__, ("--contracts", {"type": int, "default": 5000}),
        ("--only-ours", {"action": "store_true",
                         "help": "measure aftersales_contract only"}))
    with benchlib.rolled_back_env(args.database) as env:
        run(env, args)


def run(env, args):
    cr = env.cr
    today = fields.Date.from_string(fields.Date.today())
    start = fields.Date.to_string(today.replace(day=1))
    end = fields.Date.to_string(today.replace(year=today.year + 1))
    customers = make_customers(env, 250)
    fee, tax = make_fee(env)
    started = time.time()
    ours = insert_our_contracts(env, customers, fee, tax,
                                args.contracts, start, end)
    theirs = None if args.only_ours else make_oca_contracts(
        env, customers, fee, args.contracts, start)
    setup_time = time.time() - started
    # ours: what the queue jobs run, batch after batch
    Contract = env["aftersales.contract"]
    env.cr.execute("UPDATE aftersales_contract SET state = 'draft' "
                   "WHERE id NOT IN %s AND state IN "
                   "('active', 'expiring')", (tuple(ours.ids),))
    Contract.invalidate_cache()
    (our_totals, our_queries, our_time) = measure(
        cr, lambda: Contract._invoice_all_due(
            fields.Date.to_string(today)))
    our_invoices = len(ours.mapped("period_ids.invoice_id"))
    our_amount = sum(ours.mapped(
        "period_ids.invoice_id.amount_total"))
    count = float(args.contracts)
    if theirs is None:
        print("aftersales_contract: %d invoices, %.1f queries and %.2f ms "
              "per contract" % (our_invoices, our_queries / count,
                                our_time * 1000 / count))
        return
    # OCA: what its cron runs
    env.cache.invalidate()
    oca = theirs.with_context(cron=True)
    (oca_invoices, oca_queries, oca_time) = measure(
        cr, oca.recurring_create_invoice)
    oca_amount = sum(oca_invoices.mapped("amount_total"))
    count = float(args.contracts)
    print("contracts per module: %d (setup %.0f s)" % (
        args.contracts, setup_time))
    print("ours: %d invoices, total %.2f, %d failed; OCA contract: "
          "%d invoices, total %.2f" % (
              our_invoices, our_amount, our_totals["failed"],
              len(oca_invoices), oca_amount))
    print("%-22s %12s %12s" % ("", "queries/ctr", "ms/contract"))
    print("%-22s %12.1f %12.2f" % (
        "aftersales_contract", our_queries / count,
        our_time * 1000 / count))
    print("%-22s %12.1f %12.2f" % (
        "OCA contract 11.0", oca_queries / count,
        oca_time * 1000 / count))
    query_ratio = our_queries / float(oca_queries)
    time_ratio = our_time / oca_time
    print("%-22s %12.2f %12.2f" % (
        "ratio ours/OCA", query_ratio, time_ratio))
    print("goal (at most 0.7 x OCA): %s" % (
        "met" if query_ratio <= 0.7 and time_ratio <= 0.7 else "NOT met"))


if __name__ == "__main__":
    main()
