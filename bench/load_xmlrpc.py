# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Load test: concurrent XML-RPC clients creating and dispatching requests.

N clients (threads, each with its own agent user and connection) loop for
``--duration`` seconds, at most ``--max-tickets`` tickets in all: each
creates a request for a customer of a load-test team (which does not
auto-assign), then dispatches it (``action_assign``). Every ticket is also
dispatched at the same moment by a rival client, so that two agents race for
it: exactly one may win, the other must get the "already dispatched" /
"being dispatched" refusal. It prints throughput, p50/p95 latency of each
call, errors, and checks on the database: every ticket has a technician and
the SLA deadlines its policy sets, and no ticket was assigned twice (one
successful dispatch, one tracked change of technician).

Only 127.0.0.1 is ever a target. With ``--start-server`` the script starts
its own Odoo (``scripts/odoo``, prefork ``--workers=2``, no cron, bound to
127.0.0.1) on the database and stops it at the end; without it, it expects
such a server on ``--port``. The database must have the suite installed
(e.g. the test database of ``make test``), with the ``admin`` password of
the demo data. Run it, without make, from the repository root:

    .work/venv/bin/python bench/load_xmlrpc.py --database aftersales_test \\
        --start-server --port 18084 --longpolling-port 18094 \\
        --clients 4 --duration 60

It writes to the database (users, a team, tickets): use a test database.
"""
import argparse
import os
import subprocess
import threading
import time
import xmlrpc.client
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = "127.0.0.1"
PASSWORD = "load-test-1"
REFUSALS = ("already dispatched", "dispatching")


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Rpc(object):
    """One XML-RPC connection (ServerProxy is not thread-safe)."""

    def __init__(self, port, database, login, password):
        base = "http://%s:%d/xmlrpc/2/" % (HOST, port)
        self.database, self.password = database, password
        self.uid = xmlrpc.client.ServerProxy(base + "common").authenticate(
            database, login, password, {})
        if not self.uid:
            raise SystemExit("login %s refused on %s" % (login, database))
        self.proxy = xmlrpc.client.ServerProxy(base + "object", allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.proxy.execute_kw(self.database, self.uid, self.password,
                                     model, method, list(args), kwargs)


def ensure_user(admin, login, groups):
    group_ids = []
    for xmlid in groups:
        group_ids.append(admin.call("ir.model.data", "xmlid_to_res_id", xmlid))
    found = admin.call("res.users", "search", [("login", "=", login)])
    values = {"password": PASSWORD, "groups_id": [(6, 0, group_ids)]}
    if found:
        admin.call("res.users", "write", found, values)
        return found[0]
    values.update({"name": login.replace("_", " ").title(), "login": login,
                   "email": "%s@load.example.com" % login})
    return admin.call("res.users", "create", values,
                      context={"no_reset_password": True})


def setup(admin, clients, technicians):
    """Agents (one per client), technicians, a team that does not
    auto-assign and a customer."""
    agents = ["load_agent_%d" % index for index in range(clients)]
    for login in agents:
        ensure_user(admin, login, ["aftersales_ticket.group_agent"])
    tech_ids = [ensure_user(admin, "load_technician_%d" % index,
                            ["aftersales_ticket.group_technician"])
                for index in range(technicians)]
    team = admin.call("aftersales.team", "search",
                      [("name", "=", "Load Test Centre")])
    values = {"name": "Load Test Centre", "level": "center", "zone": "urban",
              "auto_assign": False, "member_ids": [(6, 0, tech_ids)]}
    if team:
        admin.call("aftersales.team", "write", team, values)
        team_id = team[0]
    else:
        team_id = admin.call("aftersales.team", "create", values)
    partner = admin.call("res.partner", "search",
                         [("name", "=", "Load Test Customer")])
    partner_id = partner[0] if partner else admin.call(
        "res.partner", "create", {"name": "Load Test Customer",
                                  "is_company": True, "city": "Madrid"})
    return agents, team_id, partner_id


class Shared(object):
    """What the clients share: the bounds, the race queue, the results."""

    def __init__(self, duration, max_tickets):
        self.lock = threading.Lock()
        self.deadline = time.time() + duration
        self.max_tickets = max_tickets
        self.started = 0
        self.latency = defaultdict(list)   # call -> seconds
        self.errors = Counter()            # message -> count
        self.refused = 0                   # expected refusals of the race
        self.wins = Counter()              # ticket id -> successful dispatches
        self.created = []
        self.rivals = {}                   # client index -> [ticket ids]

    def take_slot(self):
        with self.lock:
            if time.time() >= self.deadline or self.started >= self.max_tickets:
                return False
            self.started += 1
            return True


def dispatch(rpc, shared, ticket_id):
    start = time.time()
    try:
        rpc.call("aftersales.ticket", "action_assign", [ticket_id])
    except xmlrpc.client.Fault as fault:
        elapsed = time.time() - start
        message = fault.faultString.strip().splitlines()[-1][:160]
        with shared.lock:
            shared.latency["dispatch"].append(elapsed)
            if any(word in fault.faultString for word in REFUSALS):
                shared.refused += 1
            else:
                shared.errors[message] += 1
        return
    with shared.lock:
        shared.latency["dispatch"].append(time.time() - start)
        shared.wins[ticket_id] += 1


def client(index, clients, rpc, shared, team_id, partner_id):
    """Create, then race the rival for the dispatch, until the bounds."""
    rival = (index + 1) % clients
    number = 0
    while shared.take_slot():
        number += 1
        start = time.time()
        try:
            ticket_id = rpc.call("aftersales.ticket", "create", {
                "subject": "Load test %d-%d" % (index, number),
                "partner_id": partner_id, "team_id": team_id,
                "request_type": "fault", "channel": "phone"})
        except (xmlrpc.client.Fault, OSError) as exc:
            with shared.lock:
                shared.errors[str(exc)[:160]] += 1
            continue
        with shared.lock:
            shared.latency["create"].append(time.time() - start)
            shared.created.append(ticket_id)
            shared.rivals.setdefault(rival, []).append(ticket_id)
            mine = shared.rivals.pop(index, [])
        # the rival's tickets first (they race their creator), then our own
        for other in mine:
            dispatch(rpc, shared, other)
        dispatch(rpc, shared, ticket_id)
    # tickets left for us by a rival that already stopped
    with shared.lock:
        mine = shared.rivals.pop(index, [])
    for other in mine:
        dispatch(rpc, shared, other)


def check(admin, shared):
    """Technician, deadlines and one assignment on every created ticket."""
    problems = []
    ids = sorted(shared.created)
    rows = []
    for start in range(0, len(ids), 500):
        rows += admin.call("aftersales.ticket", "read", ids[start:start + 500],
                           ["name", "user_id", "sla_policy_id",
                            "sla_dispatch_deadline",
                            "sla_arrival_deadline", "sla_resolution_deadline"])
    tracked = Counter()
    for start in range(0, len(ids), 500):
        messages = admin.call("mail.message", "search_read", [
            ("model", "=", "aftersales.ticket"),
            ("res_id", "in", ids[start:start + 500])],
            ["res_id", "tracking_value_ids"])
        value_ids = [value for message in messages
                     for value in message["tracking_value_ids"]]
        owner = {value: message["res_id"] for message in messages
                 for value in message["tracking_value_ids"]}
        for value in admin.call("mail.tracking.value", "read", value_ids,
                                ["field"]) if value_ids else []:
            if value["field"] == "user_id":
                tracked[owner[value["id"]]] += 1
    policy_ids = sorted({row["sla_policy_id"][0] for row in rows
                         if row["sla_policy_id"]})
    targets = {policy["id"]: policy for policy in admin.call(
        "aftersales.sla.policy", "read", policy_ids,
        ["dispatch_hours", "arrival_hours", "resolution_hours"])}
    for row in rows:
        if not row["user_id"]:
            problems.append("%s has no technician" % row["name"])
        if not row["sla_policy_id"]:
            problems.append("%s has no SLA policy" % row["name"])
            continue
        policy = targets[row["sla_policy_id"][0]]
        # every deadline its policy sets a target for
        for step in ("dispatch", "arrival", "resolution"):
            deadline = "sla_%s_deadline" % step
            if policy["%s_hours" % step] and not row[deadline]:
                problems.append("%s has no %s" % (row["name"], deadline))
        if shared.wins[row["id"]] != 1:
            problems.append("%s dispatched %d times" % (
                row["name"], shared.wins[row["id"]]))
        if tracked[row["id"]] != 1:
            problems.append("%s changed technician %d times" % (
                row["name"], tracked[row["id"]]))
    return problems


def start_server(database, port, longpolling):
    log = os.path.join(HERE, ".work", "log", "load-%s.log" % database)
    os.makedirs(os.path.dirname(log), exist_ok=True)
    env = dict(os.environ, ODOO_DB=database, ODOO_PORT=str(port),
               ODOO_WORKERS="2", ODOO_LOGFILE=log, ODOO_LOG_LEVEL="warn",
               ODOO_CONF=os.path.join(HERE, ".work", "load-%s.conf" % database))
    process = subprocess.Popen(
        [os.path.join(HERE, "scripts", "odoo"), "--workers=2",
         "--max-cron-threads=0", "--http-interface=%s" % HOST,
         "--limit-time-real=120", "--longpolling-port=%d" % longpolling],
        env=env, cwd=HERE)
    common = xmlrpc.client.ServerProxy("http://%s:%d/xmlrpc/2/common" % (HOST, port))
    deadline = time.time() + 180
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server stopped (see %s)" % log)
        try:
            common.version()
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("no answer from the server in 180 s (see %s)" % log)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--port", type=int, default=18084)
    parser.add_argument("--start-server", action="store_true")
    parser.add_argument("--longpolling-port", type=int, default=18094)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--technicians", type=int, default=4)
    parser.add_argument("--duration", type=float, default=60.0,
                        help="seconds of load (at most 600)")
    parser.add_argument("--max-tickets", type=int, default=5000)
    parser.add_argument("--admin-password", default="admin")
    args = parser.parse_args()
    if args.clients < 2:
        parser.error("at least 2 clients (they race for each dispatch)")
    duration = min(args.duration, 600.0)
    process = (start_server(args.database, args.port, args.longpolling_port)
               if args.start_server else None)
    try:
        admin = Rpc(args.port, args.database, "admin", args.admin_password)
        agents, team_id, partner_id = setup(admin, args.clients, args.technicians)
        rpcs = [Rpc(args.port, args.database, login, PASSWORD) for login in agents]
        shared = Shared(duration, args.max_tickets)
        threads = [threading.Thread(target=client, args=(
            index, args.clients, rpcs[index], shared, team_id, partner_id))
            for index in range(args.clients)]
        start = time.time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.time() - start
        problems = check(admin, shared)
    finally:
        if process:
            process.terminate()
            process.wait(timeout=60)
    created = len(shared.created)
    print("clients %d, workers 2, %.1f s: %d tickets created and dispatched"
          % (args.clients, elapsed, created))
    print("throughput: %.1f tickets/s (%.1f RPC calls/s)" % (
        created / elapsed,
        sum(len(v) for v in shared.latency.values()) / elapsed))
    for call in ("create", "dispatch"):
        values = shared.latency[call]
        print("%-8s %5d calls  p50 %6.0f ms  p95 %6.0f ms  max %6.0f ms" % (
            call, len(values), percentile(values, 0.5) * 1000,
            percentile(values, 0.95) * 1000,
            (max(values) if values else float("nan")) * 1000))
    print("race refusals (expected, the rival lost): %d" % shared.refused)
    print("errors: %d" % sum(shared.errors.values()))
    for message, count in shared.errors.most_common(10):
        print("  %5d  %s" % (count, message))
    print("checks: %s" % ("OK: every ticket has one technician, assigned once, "
                          "and the SLA deadlines of its policy" if not problems else
                          "%d problems" % len(problems)))
    for problem in problems[:20]:
        print("  " + problem)
    return 1 if problems or shared.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
