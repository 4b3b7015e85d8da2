# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Benchmark of the SLA breach job: 100,000 open tickets, 50 of them late.

Run from the repository root with the project's virtualenv:

    .work/venv/bin/python bench/bench_sla_breach.py --db aftersales_bench_sla

When the database does not exist it is created from ``--template`` (a
database holding the suite's dependencies, ``as_base`` by default; without a
template it is created empty) and ``aftersales_ticket`` is installed in it.
The tickets are inserted in bulk with ``INSERT ... SELECT generate_series``
(benchmark data only), the job runs once, and everything is rolled back
(``--keep`` commits instead). Printed: tickets read and written by the job,
its SQL query count and wall time, and the EXPLAIN plan of its search.
"""
import argparse
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TOTAL = 100000
LATE = 50
NO_DEADLINE = 10000  # paused tickets, or with nothing left pending


def _run(command, env=None):
    print("$ %s" % " ".join(command))
    subprocess.check_call(command, cwd=ROOT, env=env)


def _db_exists(db):
    out = subprocess.check_output(
        ["psql", "-d", "postgres", "-tAc",
         "SELECT 1 FROM pg_database WHERE datname = '%s'" % db.replace("'", "")])
    return out.strip() == b"1"


def _module_installed(db):
    out = subprocess.check_output(
        ["psql", "-d", db, "-tAc",
         "SELECT state FROM ir_module_module WHERE name = 'aftersales_ticket'"])
    return out.strip() == b"installed"


def prepare_database(db, template, conf):
    env = dict(os.environ, ODOO_DB=db, ODOO_CONF=conf, ODOO_WORKERS="0",
               ODOO_PORT=os.environ.get("ODOO_PORT", "18141"))
    if not _db_exists(db):
        command = ["createdb", db]
        if template:
            command[1:1] = ["-T", template]
        _run(command)
    if not _module_installed(db):
        os.makedirs(os.path.join(ROOT, ".work", "log"), exist_ok=True)
        env["ODOO_LOGFILE"] = os.path.join(ROOT, ".work", "log", "bench-%s.log" % db)
        _run(["scripts/odoo", "-d", db, "-i", "aftersales_ticket",
              "--stop-after-init"], env=env)
    _run(["scripts/odoo", "--write-config"], env=env)


def insert_tickets(env, now, last_run):
    """100,000 open tickets in one INSERT ... SELECT: LATE whose next
    deadline passed since the last run, NO_DEADLINE without a pending
    deadline, the others due over the next 30 days."""
    cr = env.cr
    team = env["aftersales.team"].create({
        "name": "Benchmark team", "zone": "urban",
        "director_id": env.ref("base.user_root").id,
    })
    partner = env["res.partner"].create({"name": "Benchmark customer"})
    stage = env.ref("aftersales_ticket.stage_new")
    cr.execute("""
        INSERT INTO aftersales_ticket (
            name, subject, partner_id, commercial_partner_id, request_type,
            service_category, channel, priority, team_id, stage_id, is_closed,
            company_id, date_received, sla_dispatch_deadline,
            sla_arrival_deadline, sla_next_deadline, sla_breached,
            create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH' || lpad(n::text, 6, '0'), 'Benchmark request', %(partner)s,
               %(partner)s, 'fault', 'A', 'phone', '1', %(team)s, %(stage)s, false,
               %(company)s, dl - interval '6 hours', dl - interval '4 hours', dl,
               CASE WHEN n > %(late)s AND n <= %(late)s + %(none)s THEN NULL
                    ELSE dl END,
               false, 1, 1, %(now)s, %(now)s
          FROM (
            SELECT n, CASE
                WHEN n <= %(late)s
                    THEN %(last_run)s + (%(now)s - %(last_run)s) * n / (%(late)s + 1)
                ELSE %(now)s + interval '1 minute' * (1 + n %% 43200)
            END AS dl
            FROM generate_series(1, %(total)s) AS n
          ) AS series
    """, {
        "partner": partner.id, "team": team.id, "stage": stage.id,
        "company": env.user.company_id.id, "now": now, "last_run": last_run,
        "late": LATE, "none": NO_DEADLINE, "total": TOTAL,
    })
    inserted = cr.rowcount
    cr.execute("ANALYZE aftersales_ticket")
    return inserted


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="aftersales_bench_sla")
    parser.add_argument("--template", default=os.environ.get("TEMPLATE_DB", ""),
                        help="template database for a new benchmark database "
                             "('' for an empty one)")
    parser.add_argument("--profile", action="store_true",
                        help="print the job's cProfile top functions")
    parser.add_argument("--keep", action="store_true",
                        help="commit the benchmark data instead of rolling back")
    args = parser.parse_args()
    conf = os.path.join(ROOT, ".work", "bench-%s.conf" % args.db)
    prepare_database(args.db, args.template, conf)

    import odoo
    from odoo import api, SUPERUSER_ID
    odoo.tools.config.parse_config(["-c", conf, "--log-level=warn"])
    registry = odoo.registry(args.db)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Ticket = env["aftersales.ticket"]
        now = datetime.utcnow().replace(microsecond=0)
        last_run = now - timedelta(minutes=5)
        Ticket._sla_set_last_run(last_run)
        start = time.time()
        inserted = insert_tickets(env, now, last_run)
        print("inserted %d open tickets in %.1f s" % (inserted, time.time() - start))
        cr.execute("SELECT count(*) FROM aftersales_ticket WHERE NOT is_closed")
        print("open tickets in the database: %d" % cr.fetchone()[0])

        domain = Ticket._sla_breach_domain(now, last_run)
        query = Ticket._where_calc(domain)
        from_clause, where_clause, params = query.get_sql()
        cr.execute(
            "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT aftersales_ticket.id "
            "FROM " + from_clause + " WHERE " + where_clause
            + " ORDER BY aftersales_ticket.sla_next_deadline", params)
        plan = [row[0] for row in cr.fetchall()]

        queries = cr.sql_log_count
        profiler = None
        if args.profile:
            import cProfile
            profiler = cProfile.Profile()
            profiler.enable()
        start = time.time()
        read, breached = Ticket._cron_sla_breach(now=now)
        wall = time.time() - start
        if profiler:
            import pstats
            profiler.disable()
            order = os.environ.get("BENCH_SORT", "cumulative")
            pstats.Stats(profiler).sort_stats(order).print_stats(30)
        queries = cr.sql_log_count - queries
        cr.execute("SELECT count(*) FROM aftersales_ticket "
                   "WHERE name LIKE 'BENCH%%' AND sla_breached")
        flagged = cr.fetchone()[0]

        print("breach job: read %d tickets, flagged %d (BENCH tickets breached: "
              "%d of %d late)" % (len(read), len(breached), flagged, LATE))
        print("breach job: %d SQL queries (%.1f per late ticket), %.2f s wall time"
              % (queries, float(queries) / max(len(read), 1), wall))
        print("EXPLAIN of the job's search:")
        for line in plan:
            print("    " + line)
        if args.keep:
            cr.commit()
            print("benchmark data committed in %s" % args.db)
        else:
            cr.rollback()
            print("benchmark data rolled back")
    return 0 if flagged == LATE and len(read) == LATE else 1


if __name__ == "__main__":
    sys.exit(main())
