# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Fault test of the recurring invoicing: a real server killed mid-run.

1. In database ``--database`` (with aftersales_contract installed), sets up
   N due monthly contracts (two periods due each: last month and this one)
   in SQL, and enqueues their invoicing as the cron does (queue_job jobs of
   ``--batch`` contracts).
2. Starts the real server (``scripts/odoo``, ``--workers=2``, job runner
   on, no cron), waits until part of the periods are invoiced, SIGKILLs the
   whole server (master and workers) in the middle of the jobs.
3. Requeues the jobs the killed workers left "started"/"enqueued" (the SQL
   queue_job's documentation gives for a crash), restarts the server, waits
   until every job is done.
4. Prints periods due, invoices created, duplicates, missing; exits 1 when
   a duplicate or a missing period remains.

    python bench/fault_contract_invoicing.py --database <db> [--contracts 2000]
"""
import argparse
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api, fields  # noqa: E402

import bench_contract  # noqa: E402

PREFIX = "Fault Contract Customer"


def setup(env, count, batch):
    """Removes the contracts of a previous run, inserts ``count`` due
    contracts, enqueues their invoicing; returns (contract ids, periods
    due)."""
    cr = env.cr
    cr.execute("SELECT c.id FROM aftersales_contract c JOIN res_partner p "
               "ON p.id = c.partner_id WHERE p.name LIKE %s", (PREFIX + "%",))
    old = tuple(row[0] for row in cr.fetchall())
    if old:
        cr.execute("SELECT DISTINCT invoice_id FROM aftersales_contract_period"
                   " WHERE contract_id IN %s", (old,))
        invoices = tuple(row[0] for row in cr.fetchall()) or (0,)
        cr.execute("DELETE FROM aftersales_contract_period "
                   "WHERE contract_id IN %s", (old,))
        cr.execute("DELETE FROM account_invoice WHERE id IN %s", (invoices,))
        cr.execute("DELETE FROM aftersales_contract WHERE id IN %s", (old,))
    cr.execute("DELETE FROM queue_job WHERE method_name = "
               "'_job_invoice_batch'")
    # only the contracts of this run are due
    cr.execute("UPDATE aftersales_contract SET state = 'draft' "
               "WHERE state IN ('active', 'expiring')")
    today = fields.Date.from_string(fields.Date.today())
    first = today.replace(day=1)
    start = (first.replace(year=first.year - 1, month=12) if first.month == 1
             else first.replace(month=first.month - 1))
    customers = env["res.partner"].search([("name", "like", PREFIX + "%")])
    if len(customers) < 100:
        customers = bench_contract.make_customers(env, 100, PREFIX)
    fee = env.ref("aftersales_contract.product_product_maintenance_fee")
    tax = env["account.tax"].search([("type_tax_use", "=", "sale"),
                                     ("amount_type", "=", "percent")], limit=1)
    contracts = bench_contract.insert_our_contracts(
        env, list(customers), fee, tax, count, fields.Date.to_string(start),
        fields.Date.to_string(today.replace(year=today.year + 1)))
    env["ir.config_parameter"].set_param(
        "aftersales_contract.invoice_batch_size", str(batch))
    env["aftersales.contract"]._cron_invoice_contracts()
    return contracts.ids, 2 * count


def status(registry, ids):
    with registry.cursor() as cr:
        cr.execute("SELECT count(*), count(DISTINCT (contract_id, date_start)),"
                   " count(DISTINCT invoice_id) FROM aftersales_contract_period"
                   " WHERE contract_id IN %s", (tuple(ids),))
        rows, distinct, invoices = cr.fetchone()
        cr.execute("SELECT state, count(*) FROM queue_job WHERE method_name = "
                   "'_job_invoice_batch' GROUP BY state")
        jobs = dict(cr.fetchall())
    return rows, distinct, invoices, jobs


def start_server(database, port, log):
    env = dict(os.environ, ODOO_DB=database, ODOO_PORT=str(port),
               ODOO_WORKERS="2", ODOO_LOGFILE=log, ODOO_LOG_LEVEL="warn",
               ODOO_CONF=os.path.join(ROOT, ".work", "fault-%s.conf" % database))
    # its own process group: the kill takes the master and its workers
    return subprocess.Popen(
        [os.path.join(ROOT, "scripts", "odoo"), "-d", database,
         "--max-cron-threads=0"], env=env, cwd=ROOT, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill(server):
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()


def wait_for(registry, ids, condition, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        state = status(registry, ids)
        if condition(state):
            return state
        time.sleep(1)
    return status(registry, ids)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--contracts", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--port", type=int, default=18172)
    parser.add_argument("--timeout", type=int, default=900)
    args = parser.parse_args()
    conf = os.path.join(ROOT, ".work", "fault-%s.conf" % args.database)
    subprocess.check_call(
        [os.path.join(ROOT, "scripts", "odoo"), "--write-config"],
        env=dict(os.environ, ODOO_DB=args.database, ODOO_CONF=conf,
                 ODOO_PORT=str(args.port)))
    odoo.tools.config.parse_config(["-c", conf, "-d", args.database,
                                    "--log-level", "warn"])
    log = os.path.join(ROOT, ".work", "log", "fault-%s.log" % args.database)
    with api.Environment.manage():
        registry = odoo.registry(args.database)
        started = time.time()
        with registry.cursor() as cr:
            ids, due = setup(api.Environment(cr, SUPERUSER_ID, {}),
                             args.contracts, args.batch)
        print("set up %d contracts, %d periods due, in %.0f s" % (
            len(ids), due, time.time() - started))
        server = start_server(args.database, args.port, log)
        state = wait_for(registry, ids, lambda s: s[0] >= due * 0.3,
                         args.timeout)
        kill(server)
        print("SIGKILL after %.0f s: %d periods invoiced, jobs %s" % (
            time.time() - started, state[0], state[3]))
        with registry.cursor() as cr:
            # queue_job's recovery after a crash (its README): the jobs the
            # dead workers held are started again, they are idempotent
            cr.execute("UPDATE queue_job SET state = 'pending' "
                       "WHERE state IN ('started', 'enqueued')")
        server = start_server(args.database, args.port, log)
        state = wait_for(
            registry, ids, lambda s: set(s[3]) <= {"done", "failed"},
            args.timeout)
        kill(server)
    rows, distinct, invoices, jobs = state
    print("periods due: %d; invoices created: %d; duplicates: %d; "
          "missing: %d; jobs: %s; %.0f s in all" % (
              due, invoices, rows - distinct, due - distinct, jobs,
              time.time() - started))
    sys.exit(0 if rows == distinct == due else 1)


if __name__ == "__main__":
    main()
