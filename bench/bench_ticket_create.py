# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Ticket creation cost: aftersales.ticket against OCA helpdesk.ticket.

Three caller paths, each module's ticket created the same way:

* agent form: default values of the form's fields, then ``create`` with the
  values the user typed, as an agent with the web client's context
  (tracking, followers and notifications on); ours routes by address,
  dispatches automatically and snapshots the partner;
* API, explicit technician: ``create`` as an integration user with only
  the values an RPC client sends (no context), the technician given, for a
  customer whose address matches no zone (ours: fallback team, coverage,
  snapshot, SLA deadlines);
* API, no technician: the same without technician (ours: dispatched
  automatically in the fallback team when it auto-assigns);
* both API paths again as the integration user ``admin`` for both modules
  (the superuser of Odoo 11: no record rules), as a client connecting
  with the administrator's key would.

Everything happens in one transaction that is rolled back at the end.

    python bench/bench_ticket_create.py --config <odoo.conf> --database <db>
"""
import time

import benchlib
from odoo import SUPERUSER_ID, api

WEB_CONTEXT = {"lang": "en_US", "tz": "Europe/Madrid"}

OUR_FORM_FIELDS = [
    "name", "subject", "description", "partner_id", "contact_name",
    "contact_phone", "contact_mobile", "contact_email", "contact_street",
    "contact_street2", "contact_city", "contact_state_id", "contact_zip",
    "contact_country_id", "request_type", "service_category", "category_id",
    "priority", "channel", "product_id", "lot_id", "team_id", "user_id",
    "date_planned", "planned_hours", "company_id", "date_received",
    "stage_id",
]
HELPDESK_FORM_FIELDS = [
    "number", "name", "description", "partner_id", "partner_name",
    "partner_email", "team_id", "user_id", "stage_id", "category_id",
    "channel_id", "priority", "company_id", "tag_ids",
]


def make_user(env, login, groups):
    return env["res.users"].with_context(no_reset_password=True).create({
        "name": login.title(), "login": login,
        "email": "%s@bench.example.com" % login,
        "groups_id": [(6, 0, [env.ref(group).id for group in groups])],
    })


def setup(env):
    """Users, a small service network and customers, as a real company
    would have them (routing by state, technicians with skills)."""
    spain = env.ref("base.es")
    states = [env["res.country.state"].create({
        "name": "Bench State %d" % index, "code": "BS%d" % index,
        "country_id": spain.id}) for index in range(4)]
    customers = [env["res.partner"].create({
        "name": "Bench Customer %d" % index, "email": "c%d@bench.example.com"
        % index, "phone": "+34 600 000 %03d" % index,
        "street": "%d Bench Street" % index, "city": "Madrid",
        "zip": "28%03d" % index, "state_id": states[index % 4].id,
        "country_id": spain.id}) for index in range(50)]
    categ = env["product.category"].create({"name": "Bench Appliances"})
    product = env["product.product"].create(
        {"name": "Bench Washer", "categ_id": categ.id})
    technicians = [make_user(env, "bench_tech_%d" % index,
                             ["aftersales_ticket.group_technician"])
                   for index in range(8)]
    for index, tech in enumerate(technicians):
        if index % 2:
            tech.aftersales_product_categ_ids = [(6, 0, [categ.id])]
    Team = env["aftersales.team"]
    env["aftersales.team"].search([("is_default", "=", True)]).write(
        {"is_default": False})
    hq = Team.create({"name": "Bench HQ", "level": "headquarters",
                      "is_default": True})
    for index in range(4):
        Team.create({
            "name": "Bench Centre %d" % index, "level": "center",
            "parent_id": hq.id, "state_ids": [(6, 0, [states[index].id])],
            "member_ids": [(6, 0, [technicians[2 * index].id,
                                   technicians[2 * index + 1].id])],
        })
    # a customer whose address matches no team: the fallback team serves it
    unrouted = env["res.partner"].create({
        "name": "Bench Unrouted Customer", "email": "u@bench.example.com",
        "street": "1 Nowhere Road", "city": "Lisboa", "zip": "1000-001",
        "country_id": env.ref("base.pt").id})
    agent = make_user(env, "bench_agent", ["aftersales_ticket.group_agent"])
    helpdesk_agent = make_user(env, "bench_helpdesk_agent",
                               ["helpdesk_mgmt.group_helpdesk_user"])
    helpdesk_team = env["helpdesk.ticket.team"].create({
        "name": "Bench Helpdesk Team",
        "user_ids": [(6, 0, [helpdesk_agent.id])]})
    return {"customers": customers, "product": product, "agent": agent,
            "helpdesk_agent": helpdesk_agent, "helpdesk_team": helpdesk_team,
            "unrouted": unrouted, "technician": technicians[0]}


def ours_values(data, index):
    return {
        "subject": "Washer does not start (%d)" % index,
        "description": "The customer reports a fault after a power cut.",
        "partner_id": data["customers"][index % 50].id,
        "request_type": "fault", "channel": "phone",
        "product_id": data["product"].id,
    }


def helpdesk_values(data, index):
    partner = data["customers"][index % 50]
    return {
        "name": "Washer does not start (%d)" % index,
        "description": "The customer reports a fault after a power cut.",
        "partner_id": partner.id,
        # what the form's partner onchange fills in
        "partner_name": partner.name, "partner_email": partner.email,
        "team_id": data["helpdesk_team"].id,
    }


def ours_api_values(data, index, technician=True):
    values = {
        "subject": "API request %d" % index,
        "description": "Sent by the integration.",
        "partner_id": data["unrouted"].id, "channel": "api",
        "product_id": data["product"].id,
    }
    if technician:
        values["user_id"] = data["technician"].id
    return values


def helpdesk_api_values(data, index, technician=True):
    values = {
        "name": "API request %d" % index,
        "description": "Sent by the integration.",
        "partner_id": data["unrouted"].id,
    }
    if technician:
        values["user_id"] = data["technician"].id
    return values


def measure(model, form_fields, make_values, data, count, warmup=5):
    defaults = model.default_get(form_fields) if form_fields else {}
    for index in range(warmup):
        model.create(dict(defaults, **make_values(data, index)))
    cr = model.env.cr
    queries = cr.sql_log_count
    start = time.time()
    for index in range(count):
        model.create(dict(defaults, **make_values(data, index)))
    elapsed = time.time() - start
    return (cr.sql_log_count - queries) / float(count), elapsed * 1000.0 / count


def has_policy_deadlines(ticket):
    """A team, an SLA policy and every deadline that policy sets a target
    for (a policy without resolution hours sets no resolution deadline)."""
    policy = ticket.sla_policy_id
    return bool(ticket.team_id and policy) and all(
        ticket["sla_%s_deadline" % step]
        for step in ("dispatch", "arrival", "resolution")
        if policy["%s_hours" % step])


def main():
    args = benchlib.parse_args(
        __doc__, ("--tickets", {"type": int, "default": 1000}))
    with benchlib.rolled_back_env(args.database) as env:
        run(env, args)


def run(env, args):
    cr = env.cr
    data = setup(env)
    ours = api.Environment(cr, data["agent"].id, dict(WEB_CONTEXT))[
        "aftersales.ticket"]
    theirs = api.Environment(
        cr, data["helpdesk_agent"].id, dict(WEB_CONTEXT))[
            "helpdesk.ticket"]
    paths = [
        ("agent form", measure(
            ours, OUR_FORM_FIELDS, ours_values, data, args.tickets),
         measure(theirs, HELPDESK_FORM_FIELDS, helpdesk_values, data,
                 args.tickets)),
    ]
    # the API as each module's own user, then as the integration user
    # admin (the superuser: no record rules) for both
    callers = [("", data["agent"].id, data["helpdesk_agent"].id),
               (" (admin)", SUPERUSER_ID, SUPERUSER_ID)]
    for suffix, our_uid, their_uid in callers:
        ours_api = api.Environment(cr, our_uid, {})["aftersales.ticket"]
        theirs_api = api.Environment(cr, their_uid, {})["helpdesk.ticket"]
        for label, technician in (("explicit technician", True),
                                  ("no technician", False)):
            paths.append(("API, %s%s" % (label, suffix), measure(
                ours_api, None,
                lambda d, i, t=technician: ours_api_values(d, i, t),
                data, args.tickets), measure(
                theirs_api, None,
                lambda d, i, t=technician: helpdesk_api_values(d, i, t),
                data, args.tickets)))
    dispatched = ours.search_count([
        ("subject", "like", "Washer does not start"),
        ("user_id", "!=", False)])
    api_tickets = ours.search([("subject", "like", "API request")])
    complete = all(has_policy_deadlines(ticket) for ticket in api_tickets)
    print("tickets per module and path: %d (+5 warm-up); agent form tickets "
          "dispatched automatically: %d; API tickets all with team, SLA "
          "policy and its deadlines: %s" % (args.tickets, dispatched, complete))
    print("%-34s %18s %18s %14s" % (
        "path", "ours q / ms", "helpdesk q / ms", "ratio q / ms"))
    for label, (our_q, our_ms), (their_q, their_ms) in paths:
        print("%-34s %9.1f %8.2f %9.1f %8.2f %6.2f %7.2f" % (
            label, our_q, our_ms, their_q, their_ms, our_q / their_q,
            our_ms / their_ms))


if __name__ == "__main__":
    main()
