# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""What aftersales_ticket declares to the integrity net
(``tests/test_integrity_net.py``; format in the BRIEF, "The integrity
net"): the intended access of each role to the models the core defines or
extends, how their records are scoped, the actions that create documents
(each once) and the buttons that create none.

Intended policy (issues 19 and 20): customers read their own company's
requests (never internal work, category D); technicians read and work on
their teams' requests (and those assigned to them), their parts, time and
daily reports; agents, directors and managers every request of their
company; managers configure (teams, stages, categories, SLA) and delete;
billing and warehouse clerks keep Odoo's accounting and stock rights and do
not read the service records; everyone inside the company reads the
service network's reference data (teams, stages, categories, SLA
policies). Another company's records are never seen.
"""
from datetime import datetime

SERVICE = ("technician", "agent", "director", "manager")
INTERNAL = ("employee", "technician", "agent", "director", "manager",
            "billing", "warehouse", "other_company")


def _roles(base, **overrides):
    access = dict(base)
    access.update(overrides)
    return access


# reference data: every internal user reads it, managers keep it
REFERENCE = _roles({role: ("r", "all") for role in INTERNAL},
                   manager=("rwcu", "all"))
# a transient wizard: Odoo lets every user create one and read their own
WIZARD = {role: ("rwcu", "self") for role in INTERNAL + ("portal",)}

ACCESS = {
    "aftersales.ticket": {
        "portal": ("r", "own"),
        "technician": ("rw", "team"),
        "agent": ("rwc", "all"),
        "director": ("rwc", "all"),
        "manager": ("rwcu", "all"),
        "other_company": ("rwc", "all"),
    },
    "aftersales.team": REFERENCE,
    "aftersales.ticket.stage": _roles(REFERENCE, portal=("r", "all")),
    "aftersales.ticket.category": REFERENCE,
    "aftersales.sla.policy": REFERENCE,
    # the SLA clock's pauses: read with the request, written by the clock
    "aftersales.ticket.pause": {
        "technician": ("r", "team"),
        "agent": ("r", "all"),
        "director": ("r", "all"),
        "manager": ("rwcu", "all"),
        "other_company": ("r", "all"),
    },
    "aftersales.ticket.part": {
        "technician": ("rwcu", "team"),
        "agent": ("rwcu", "all"),
        "director": ("rwcu", "all"),
        "manager": ("rwcu", "all"),
        "other_company": ("rwcu", "all"),
    },
    "aftersales.technician.report": {
        "technician": ("rwc", "self"),
        "director": ("rwcu", "all"),
        "manager": ("rwcu", "all"),
    },
    "aftersales.technician.report.line": {
        "technician": ("rwcu", "self"),
        "director": ("rwcu", "all"),
        "manager": ("rwcu", "all"),
    },
    "aftersales.director.report": {
        "director": ("rwc", "all"),
        "manager": ("rwcu", "all"),
    },
    "aftersales.ticket.report": {
        "director": ("r", "all"),
        "manager": ("r", "all"),
    },
    "aftersales.ticket.assign.wizard": WIZARD,
    "aftersales.anonymize.wizard": WIZARD,
    "aftersales.complaint.notify.wizard": WIZARD,
    "res.config.settings": WIZARD,
    # Odoo's models the core extends: Odoo's own rights (accounting to
    # billing, stock to the warehouse), plus the service roles' own needs:
    # the time of the requests (technicians: their teams'), the lots of the
    # products they serve. Agents invoice paid jobs without reading
    # invoices (_aftersales_open_documents prepares them for billing).
    "account.analytic.line": {
        "technician": ("rwcu", "team"),
        "agent": ("r", "all"),
        "director": ("rwcu", "all"),
        "manager": ("rwcu", "all"),
        "billing": ("rwcu", "all"),
        "other_company": ("r", "all"),
    },
    "account.invoice": {
        "portal": ("r", "own"),
        "billing": ("rwcu", "all"),
        "warehouse": ("rwcu", "all"),
    },
    "stock.picking": {
        # Odoo: a portal user reads the deliveries addressed to him
        "portal": ("r", "self"),
        # aftersales_repair's rules: technicians read their teams' workshop
        # pickings (aftersales_repair_id.team_id, see its SCOPE_FIELDS),
        # agents and directors the workshop's pickings of their company
        "technician": ("r", "team"),
        "agent": ("r", "all"),
        "director": ("r", "all"),
        "manager": ("r", "all"),
        "billing": ("rwc", "all"),
        "warehouse": ("rwcu", "all"),
        "other_company": ("r", "all"),
    },
    "stock.production.lot": {
        "technician": ("r", "all"),
        "agent": ("r", "all"),
        "director": ("r", "all"),
        "manager": ("r", "all"),
        "warehouse": ("rwcu", "all"),
        "other_company": ("r", "all"),
    },
    "res.users": _roles({role: ("r", "all") for role in INTERNAL},
                        portal=("r", "self")),
    "res.partner": _roles({role: ("r", "all") for role in INTERNAL},
                          portal=("r", "own")),
    "res.company": _roles({role: ("r", "all") for role in INTERNAL},
                          portal=("r", "all")),
    "product.template": {role: ("r", "all") for role in INTERNAL},
    "product.product": {role: ("r", "all") for role in INTERNAL},
    "resource.calendar": {role: ("r", "all") for role in INTERNAL},
}

TICKET_SCOPE = {"team": "team_id", "customer": "partner_id",
                "company": "company_id", "user": "user_id",
                # customers never see internal work
                "own_domain": [("service_category", "!=", "D")]}
SCOPE_FIELDS = {
    "aftersales.ticket": TICKET_SCOPE,
    "aftersales.team": {"company": "company_id"},
    "aftersales.sla.policy": {"company": "company_id"},
    "aftersales.ticket.pause": {"team": "ticket_id.team_id",
                                "user": "ticket_id.user_id",
                                "company": "company_id"},
    "aftersales.ticket.part": {"team": "ticket_id.team_id",
                               "user": "ticket_id.user_id",
                               "company": "company_id"},
    "aftersales.technician.report": {"user": "user_id",
                                     "company": "company_id"},
    "aftersales.technician.report.line": {"user": "report_id.user_id"},
    "aftersales.director.report": {"company": "company_id"},
    "aftersales.ticket.report": {"company": "company_id"},
    "aftersales.ticket.assign.wizard": {"user": "create_uid"},
    "aftersales.anonymize.wizard": {"user": "create_uid"},
    "aftersales.complaint.notify.wizard": {"user": "create_uid"},
    "res.config.settings": {"user": "create_uid"},
    "account.analytic.line": {"team": "aftersales_ticket_id.team_id",
                              "user": "user_id", "company": "company_id"},
    "account.invoice": {"customer": "partner_id", "company": "company_id"},
    "stock.picking": {"user": "partner_id.user_ids",
                      "company": "company_id"},
    "stock.production.lot": {},
    "res.users": {"company": "company_id", "user": "id"},
    # Odoo shares partners, products and working hours between companies
    # (its multi-company rules on them are off by default)
    "res.partner": {"customer": "commercial_partner_id"},
    "res.company": {"company": "id"},
    "product.template": {},
    "product.product": {},
    "resource.calendar": {},
}

ONCE = {
    "aftersales.ticket": {
        "action_create_invoice": {"role": "agent",
                                  "prepare": "paid_job_with_parts",
                                  "creates": ["account.invoice"]},
        "action_consume_parts": {"role": "technician",
                                 "prepare": "paid_job_with_parts",
                                 "creates": ["stock.picking", "stock.move"]},
        "action_resolve": {"role": "technician",
                           "prepare": "paid_job_with_parts",
                           "creates": ["stock.picking", "stock.move"]},
        "action_claim_approve": {"role": "manager",
                                 "prepare": "submitted_claim",
                                 "creates": ["account.invoice"]},
        "action_assign": {"role": "agent",
                          "prepare": "undispatched_request",
                          "creates": ["mail.activity"]},
    },
    "aftersales.ticket.assign.wizard": {
        "action_assign": {"role": "agent", "prepare": "dispatch_wizard",
                          "creates": ["mail.activity"]},
    },
    "aftersales.team": {
        "action_generate_daily_reports": {
            "role": "director", "prepare": "team_with_a_day_of_work",
            "creates": ["aftersales.director.report",
                        "aftersales.technician.report"]},
    },
}

NO_DOCUMENTS = {
    "aftersales.ticket": [
        "action_arrive", "action_view_timesheets", "action_view_pickings",
        "action_view_invoices", "action_record_outcome_notification",
        "action_claim_submit", "action_claim_reject",
        "action_claim_reset_draft", "action_open_repeat_complaints",
        "action_open_claim_refund"],
    "aftersales.team": ["action_dashboard_tickets"],
    "aftersales.sla.policy": ["toggle_active"],
    "aftersales.technician.report": [
        "action_submit", "action_refresh", "action_reset_draft"],
    "aftersales.director.report": [
        "action_refresh", "action_submit", "action_approve", "action_refuse",
        "action_reset_draft"],
    "res.partner": ["action_view_aftersales_tickets"],
    # the invoice form's link to its ticket: opens it, makes nothing
    "account.invoice": ["action_view_aftersales_ticket"],
    "aftersales.complaint.notify.wizard": ["action_confirm"],
    "aftersales.anonymize.wizard": ["action_anonymize"],
}

BAD_VALUE_EXEMPT = {}


# ---------------------------------------------------------------------------
# Records ready for the ONCE actions (the net runs them as superuser, in a
# savepoint, or committed then removed: insert only, change no existing row)
# ---------------------------------------------------------------------------

def _stamp():
    return datetime.now().strftime("%H%M%S%f")


def _customer(env):
    return env["res.partner"].create({
        "name": "Integrity Net Customer %s" % _stamp(), "is_company": True,
        "email": "net.customer@example.com", "street": "1 Net Street"})


def _request(env, **values):
    vals = {"subject": "Integrity net request",
            "partner_id": _customer(env).id,
            "team_id": env.ref("aftersales_ticket.team_urban_demo").id}
    vals.update(values)
    return env["aftersales.ticket"].with_context(
        aftersales_no_auto_assign=True).create(vals)


def paid_job_with_parts(env):
    """A paid (A) request of the technicians' team A, dispatched to a
    technician whose van holds the part the request uses."""
    company = env.ref("base.main_company")
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", company.id)], limit=1)
    van = env["stock.location"].create({
        "name": "Integrity Net Van %s" % _stamp(), "usage": "internal",
        "location_id": warehouse.view_location_id.id})
    technician = env["res.users"].with_context(
        no_reset_password=True).create({
            "name": "Integrity Net Van Technician",
            "login": "integrity_net_van_%s" % _stamp(),
            "groups_id": [(6, 0, [env.ref(
                "aftersales_ticket.group_technician").id])],
            "aftersales_location_id": van.id})
    product = env["product.product"].create({
        "name": "Integrity Net Part", "type": "product",
        "list_price": 10.0, "standard_price": 4.0})
    env["stock.quant"]._update_available_quantity(product, van, 5.0)
    ticket = _request(env, service_category="A", user_id=technician.id)
    env["aftersales.ticket.part"].create({
        "ticket_id": ticket.id, "product_id": product.id, "quantity": 1.0})
    return ticket


def submitted_claim(env):
    claim = _request(env, request_type="claim", compensation_amount=50.0,
                     subject="Integrity net claim")
    env["ir.attachment"].create({
        "name": "evidence.txt", "datas_fname": "evidence.txt",
        "datas": "ZXZpZGVuY2U=", "res_model": claim._name,
        "res_id": claim.id})
    claim.action_claim_submit()
    return claim


def undispatched_request(env):
    return _request(env)


def dispatch_wizard(env):
    ticket = _request(env)
    technician = env.ref("base.user_demo")
    return env["aftersales.ticket.assign.wizard"].create({
        "ticket_ids": [(6, 0, ticket.ids)], "mode": "manual",
        "team_id": ticket.team_id.id, "user_id": technician.id})


def team_with_a_day_of_work(env):
    director = env.ref("base.user_demo")
    member = env["res.users"].with_context(no_reset_password=True).create({
        "name": "Integrity Net Team Member",
        "login": "integrity_net_member_%s" % _stamp(),
        "groups_id": [(6, 0, [env.ref(
            "aftersales_ticket.group_technician").id])]})
    return env["aftersales.team"].create({
        "name": "Integrity Net Reporting Team", "level": "point",
        "director_id": director.id, "auto_assign": False,
        "member_ids": [(6, 0, member.ids)]})
