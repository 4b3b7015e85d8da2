# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""One story per role, in the real browser, as that role (never admin), on
the demo database (issue 19): what each user does in a day, step by step,
with a screenshot per step (``.work/screenshots/story-<role>-<step>.png``)
and the database checked after the steps that change it.

- agent: a phone call -> a ticket -> the kanban;
- technician: lands on *My jobs today* -> arrives -> parts from the van ->
  time -> resolves -> the customer signs -> the voucher PDF;
- director: the planning -> takes a product back -> the repair with a part
  -> changes who pays -> the invoice -> the return signed by the customer;
- billing clerk: validates a ticket's invoice, registers its payment,
  validates a claim's credit note;
- warehouse clerk: a customer product receipt, a van replenishment, the
  recycling stock;
- service manager: the dashboard -> a figure -> its records, the settings
  saved, a contract renewed, its due periods invoiced;
- portal customer: lands on ``/my``, sees only his tickets and contracts,
  files a request with a photo, signs only a visited voucher, finds the
  survey link.

Steps that need what other sessions build today are wrapped in
``pending("...")``: their failure reads "PENDING(<feature>)" (grep for
it). The users are the demo's (their teams, vans, jobs) where it has them
(tests/browser_support.py); one chromium and one login per role for the
session (tests/conftest.py's ``role_browser``).
"""
import base64
import functools
import os
import subprocess
import tempfile
import time
import uuid
from contextlib import contextmanager

import pytest
import requests

from odoo import fields
from odoo.tools import config

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_support import (
    PHOTO_PNG, _committed_env, _user, click_text, close_dialogs, has_element,
    role_users,
    settle, snap, visible_dialogs, wait_for, wait_until)

pytestmark = pytest.mark.skipif(
    not config.get("db_name"), reason="needs the suite's test database")

DASHBOARD_ACTION = "aftersales.aftersales_team_suite_dashboard_action"
SETTINGS_ACTION = "aftersales.aftersales_config_settings_action"
HEADER_BUTTONS = ".o_form_view .o_form_statusbar .o_statusbar_buttons button"
MODAL_BUTTONS = ".modal .modal-footer button"


_PENDING = []


@contextmanager
def pending(feature, driver=None):
    """A step that needs ``feature`` (built by another session today): its
    failure is noted as "PENDING(<feature>): ..." and the story goes on;
    the story fails at its end with every pending step (``story_test``)."""
    try:
        yield
    except Exception as error:  # noqa: B902 - reported at the story's end
        _PENDING.append("PENDING(%s): %s" % (feature, error))
        if driver is not None:
            close_dialogs(driver)


def eventually(check, message, timeout=60):
    """Until ``check()`` (reading the database) is true: the click's RPC
    may still be running when the dialog closes."""
    deadline = time.time() + timeout
    while True:
        value = check()
        if value or time.time() > deadline:
            assert value, message
            return value
        time.sleep(1)


def state_of(model, record_id):
    return read(model, record_id, ["state"])["state"]


def story_test(function):
    """The story fails with its own error and its pending steps."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        del _PENDING[:]
        try:
            function(*args, **kwargs)
        except Exception as error:  # noqa: B902 - re-raised with the rest
            if _PENDING:
                raise AssertionError("%s\n%s" % (error, "\n".join(_PENDING)))
            raise
        if _PENDING:
            raise AssertionError("\n".join(_PENDING))
    return wrapper


# ----------------------------------------------------------------------
# The stories' data (committed for the server)
# ----------------------------------------------------------------------

def _xmlid(env, xmlid):
    record = env.ref(xmlid, False)
    return record.id if record else False


def _spare_part(env, location):
    """An untracked product with stock in ``location``."""
    quants = env["stock.quant"].search(
        [("location_id", "=", location.id), ("quantity", ">", 1)])
    for quant in quants:
        if quant.product_id.tracking == "none":
            return quant.product_id
    return env["product.product"]


def _technician_data(env, users, run):
    technician = users["technician"]
    team = env["aftersales.team"].search(
        [("member_ids", "in", technician.ids)], limit=1)
    customer = env["res.partner"].search(
        [("customer", "=", True), ("is_company", "=", True),
         ("street", "!=", False)], limit=1)
    Ticket = env["aftersales.ticket"].with_context(
        aftersales_no_auto_assign=True)
    ticket = Ticket.create({
        "subject": "Story: the boiler stops %s" % run,
        "partner_id": customer.id, "team_id": team.id,
        "request_type": "fault"})
    ticket._dispatch(user=technician)
    van = technician.aftersales_location_id
    part = _spare_part(env, van) if van else env["product.product"]
    return {"ticket": (ticket.id, ticket.name), "team": team.name,
            "customer": customer.name,
            "part": part.default_code or part.name,
            "part_id": part.id}


def _director_data(env, users, run):
    from odoo.addons.aftersales_ticket.tests.common import create_delivered_lot
    technician = users["technician"]
    team = env["aftersales.team"].search(
        [("member_ids", "in", technician.ids)], limit=1)
    customer = env["res.partner"].search(
        [("customer", "=", True), ("is_company", "=", True)], limit=1,
        order="id desc")
    product = env["product.product"].search(
        [("tracking", "=", "serial"), ("type", "=", "product")], limit=1)
    lot = create_delivered_lot(
        env, customer, fields.Datetime.now(), name="SN-STORY-%s" % run,
        product=product)
    ticket = env["aftersales.ticket"].with_context(
        aftersales_no_auto_assign=True).create({
            "subject": "Story: taken back %s" % run,
            "partner_id": customer.id, "team_id": team.id,
            "product_id": product.id, "lot_id": lot.id,
            "request_type": "fault"})
    ticket._dispatch(user=technician)
    spare = env.ref("aftersales_repair.stock_location_spare_parts", False)
    part = _spare_part(env, spare) if spare else env["product.product"]
    Menu = env["ir.ui.menu"]
    visible = Menu.sudo(users["director"])._visible_menu_ids(False)
    root = env.ref("aftersales_ticket.menu_aftersales_root")
    planning = Menu.search([("id", "child_of", root.id),
                            ("name", "ilike", "planning"),
                            ("action", "!=", False)])
    planning = planning.filtered(lambda menu: menu.id in visible)[:1]
    return {"ticket": (ticket.id, ticket.name),
            "part": part.default_code or part.name, "part_name": part.name,
            "planning": (planning.id, planning.action.id) if planning else None}


def _billing_data(env, run):
    Invoice = env["account.invoice"]
    invoice = Invoice.search([("aftersales_ticket_id", "!=", False),
                              ("state", "=", "draft"),
                              ("type", "=", "out_invoice")], limit=1)
    customer = env["res.partner"].search(
        [("customer", "=", True), ("is_company", "=", True)], limit=1)
    claim = env["aftersales.ticket"].create({
        "subject": "Story: scratched floor %s" % run,
        "partner_id": customer.id, "request_type": "claim",
        "compensation_amount": 60.0})
    env["ir.attachment"].create({
        "name": "floor.png", "datas_fname": "floor.png",
        "datas": base64.b64encode(PHOTO_PNG),
        "res_model": "aftersales.ticket", "res_id": claim.id})
    claim.action_claim_submit()
    claim.action_claim_approve()
    refund = claim.claim_refund_id
    return {"invoice": invoice.id or False,
            "invoice_action": _xmlid(env, "account.action_invoice_tree1"),
            "refund": refund.id or False,
            "refund_action": _xmlid(env, "account.action_invoice_out_refund")}


def _warehouse_data(env, users, run):
    receipt = env["stock.picking"].search(
        [("aftersales_repair_kind", "=", "receipt")], limit=1, order="id desc")
    technician = users["technician"]
    van = technician.aftersales_location_id
    stock = env.ref("stock.stock_location_stock")
    part = _spare_part(env, stock)
    replenishment = env["stock.picking"]
    if van and part:
        picking_type = env.ref("stock.picking_type_internal")
        replenishment = env["stock.picking"].create({
            "picking_type_id": picking_type.id,
            "location_id": stock.id, "location_dest_id": van.id,
            "origin": "Story van replenishment %s" % run,
            "move_lines": [(0, 0, {
                "name": part.name, "product_id": part.id,
                "product_uom": part.uom_id.id, "product_uom_qty": 2.0,
                "location_id": stock.id, "location_dest_id": van.id})]})
        replenishment.action_confirm()
        replenishment.action_assign()
    recycling = env.ref("aftersales_repair.stock_location_recycling", False)
    return {"receipt": receipt.id or False,
            "register_menu": _xmlid(
                env, "aftersales_repair.stock_picking_menu_register"),
            "register_action": _xmlid(
                env, "aftersales_repair.stock_picking_action_register"),
            "receipt_report": env.ref(
                "aftersales_repair.stock_picking_report_customer_receipt").report_name,
            "replenishment": replenishment.id or False,
            "picking_action": _xmlid(env, "stock.action_picking_tree_all"),
            "recycling": recycling.id if recycling else False,
            "location_action": _xmlid(env, "stock.action_location_form")}


def _manager_data(env):
    Contract = env["aftersales.contract"]
    today = fields.Date.context_today(Contract)
    due = Contract.search([("state", "in", ("active", "expiring")),
                           ("next_period_start", "<=", today)], limit=1)
    renew = Contract.search([("state", "in", ("active", "expiring")),
                             ("id", "!=", due.id)], limit=1)
    return {"dashboard_action": _xmlid(env, DASHBOARD_ACTION),
            "settings_action": _xmlid(env, SETTINGS_ACTION),
            "contract_action": _xmlid(
                env, "aftersales_contract.aftersales_contract_action"),
            "renew": renew.id or False, "due": due.id or False,
            "due_periods": len(due.period_ids)}


def _portal_data(env, users, run):
    """A customer with a survey invitation of a closed ticket, a visited
    unsigned ticket and an unvisited one (made here), the portal user of
    one of his contacts."""
    invitation = env["survey.user_input"].search(
        [("ticket_id", "!=", False), ("state", "=", "new")], limit=1) \
        if "survey.user_input" in env else None
    if invitation:
        customer = invitation.ticket_id.partner_id.commercial_partner_id
    else:
        customer = env["res.partner"].search(
            [("customer", "=", True), ("is_company", "=", True)], limit=1)
    contact = env["res.partner"].search(
        [("name", "=", "Story Portal Contact"), ("parent_id", "=", customer.id)])
    if not contact:
        contact = env["res.partner"].create({
            "name": "Story Portal Contact", "parent_id": customer.id,
            "email": "story.portal@customer.example.com"})
    portal = _user(env, "story_portal", ["base.group_portal"], partner=contact)
    technician = users["technician"]
    Ticket = env["aftersales.ticket"].with_context(
        aftersales_no_auto_assign=True)
    visited = Ticket.create({"subject": "Story visited %s" % run,
                             "partner_id": customer.id,
                             "request_type": "fault"})
    visited._dispatch(user=technician)
    visited.sudo(technician).action_arrive()
    unvisited = Ticket.create({"subject": "Story not visited %s" % run,
                               "partner_id": customer.id,
                               "request_type": "fault"})
    unvisited._dispatch(user=technician)
    other = env["res.partner"].search(
        [("customer", "=", True), ("is_company", "=", True),
         ("id", "!=", customer.id)], limit=1)
    foreign = Ticket.create({"subject": "Story foreign %s" % run,
                             "partner_id": other.id})
    contracts = env["aftersales.contract"].search(
        [("partner_id", "child_of", customer.id)]) \
        if "aftersales.contract" in env else []
    foreign_contract = env["aftersales.contract"].search(
        [("partner_id", "not in", customer.ids),
         ("partner_id.commercial_partner_id", "!=", customer.id)], limit=1) \
        if "aftersales.contract" in env else None
    return {"login": portal.login, "customer": customer.name,
            "visited": (visited.id, visited.name),
            "unvisited": (unvisited.id, unvisited.name),
            "foreign": (foreign.id, foreign.name),
            "contracts": [c.name for c in contracts],
            "foreign_contract": foreign_contract.name if foreign_contract else None,
            "closed": (invitation.ticket_id.id, invitation.ticket_id.name)
            if invitation else None}


@pytest.fixture(scope="module")
def story_data(role_browser):
    run = uuid.uuid4().hex[:6]
    with _committed_env() as env:
        users = role_users(env)
        data = {
            "run": run,
            "logins": {role: user.login for role, user in users.items()},
            "ids": {role: user.id for role, user in users.items()},
            "ticket_action": env.ref("aftersales_ticket.aftersales_ticket_action").id,
            "repair_action": _xmlid(env, "aftersales_repair.mrp_repair_action"),
            "voucher_report": env.ref(
                "aftersales_ticket.aftersales_ticket_report_voucher").report_name,
            "technician": _technician_data(env, users, run),
        }
    # each role's data in its own transaction: one failing leaves the others
    for key, build in (
            ("director", lambda env: _director_data(env, role_users(env), run)),
            ("billing", lambda env: _billing_data(env, run)),
            ("warehouse", lambda env: _warehouse_data(env, role_users(env), run)),
            ("manager", _manager_data),
            ("portal", lambda env: _portal_data(env, role_users(env), run))):
        try:
            with _committed_env() as env:
                data[key] = build(env)
        except Exception as error:  # noqa: B902 - the story reports it
            data[key] = {"error": "%s: %s" % (type(error).__name__, error)}
    return data


def read(model, record_id, names):
    with _committed_env() as env:
        return env[model].browse(record_id).read(names)[0]


# ----------------------------------------------------------------------
# Story helpers
# ----------------------------------------------------------------------

class Story(object):
    def __init__(self, role_browser, role, login_name, backend=True):
        self.browser = role_browser
        self.role = role
        self.driver = role_browser.as_user(login_name, backend=backend)
        self.base = role_browser.base

    def step(self, name):
        """Screenshot ``story-<role>-<name>.png``; no error dialog and no
        business refusal either (the story's steps are meant to work)."""
        time.sleep(0.3)
        snap(self.driver, "story-%s-%s" % (self.role, name))
        dialogs = [dialog for dialog in visible_dialogs(self.driver)
                   if dialog[0] in ("error", "business")]
        assert not dialogs, "%s %s: %r" % (self.role, name, dialogs)
        body = self.driver.find_element(By.TAG_NAME, "body").text
        for needle in ("Traceback", "Odoo Server Error", "Odoo Client Error"):
            assert needle not in body, "%s %s: %r on the page" % (
                self.role, name, needle)

    def open(self, fragment):
        return self.browser.open(fragment)

    def open_record(self, model, record_id, action_id=None):
        fragment = "id=%d&model=%s&view_type=form" % (record_id, model)
        if action_id:
            fragment += "&action=%d" % action_id
        self.open(fragment)
        wait_for(self.driver, ".o_form_view")

    def button(self, label):
        click_text(self.driver, HEADER_BUTTONS, label)

    def modal_button(self, label):
        click_text(self.driver, MODAL_BUTTONS, label)

    def edit(self):
        self.driver.find_element(By.CSS_SELECTOR, ".o_form_button_edit").click()
        wait_for(self.driver, ".o_form_view.o_form_editable")

    def save(self):
        self.driver.find_element(By.CSS_SELECTOR, ".o_form_button_save").click()
        settle(self.driver)
        wait_for(self.driver, ".o_form_view.o_form_readonly, .modal")

    def tab(self, label):
        click_text(self.driver, ".o_form_view a[role=tab]", label)

    def many2one(self, scope, field, text):
        box = wait_for(self.driver, "%s div[name=%s] input" % (scope, field))
        box.clear()
        box.send_keys(text)
        item = "ul.ui-autocomplete li.ui-menu-item a"
        wait_until(self.driver, lambda d: [
            el for el in d.find_elements(By.CSS_SELECTOR, item)
            if el.is_displayed() and text.lower() in el.text.lower()],
            "no %s matching %r" % (field, text))
        [el for el in self.driver.find_elements(By.CSS_SELECTOR, item)
         if el.is_displayed() and text.lower() in el.text.lower()][0].click()
        settle(self.driver)

    def add_line(self, field):
        wait_for(self.driver, "div[name=%s] .o_field_x2many_list_row_add a"
                 % field).click()
        return wait_for(self.driver, "div[name=%s] tr.o_selected_row" % field)

    def select(self, css, value):
        element = wait_for(self.driver, css)
        Select(element).select_by_value('"%s"' % value)

    def draw(self, canvas_css):
        canvas = wait_for(self.driver, canvas_css)
        chain = ActionChains(self.driver)
        chain.move_to_element_with_offset(canvas, -100, 0).click_and_hold()
        for dx, dy in ((30, -25), (30, 40), (30, -40), (30, 30), (40, -20)):
            chain.move_by_offset(dx, dy)
        chain.release().perform()

    def session(self):
        return {c["name"]: c["value"] for c in self.driver.get_cookies()}

    def pdf_text(self, report_name, record_id):
        response = requests.get("%s/report/pdf/%s/%d" % (
            self.base, report_name, record_id), cookies=self.session(),
            timeout=180)
        assert response.content.startswith(b"%PDF"), \
            "no PDF: %s %r" % (response.status_code, response.content[:200])
        handle, path = tempfile.mkstemp(suffix=".pdf")
        with os.fdopen(handle, "wb") as stream:
            stream.write(response.content)
        try:
            return subprocess.check_output(["pdftotext", path, "-"]).decode()
        finally:
            os.remove(path)


def need(data, key):
    values = data.get(key) or {}
    if values.get("error"):
        pytest.fail("the %s story's data could not be made: %s"
                    % (key, values["error"]))
    return values


# ----------------------------------------------------------------------
# The stories
# ----------------------------------------------------------------------

@story_test
def test_agent_story(role_browser, story_data):
    data = story_data
    story = Story(role_browser, "agent", data["logins"]["agent"])
    driver = story.driver
    story.open("action=%d&model=aftersales.ticket&view_type=kanban"
               % data["ticket_action"])
    wait_for(driver, ".o_kanban_view")
    story.step("01_kanban")
    # the phone rings: a new ticket from the kanban
    wait_for(driver, ".o_cp_buttons .o-kanban-button-new").click()
    settle(driver)
    subject = "Story phone call: no hot water %s" % data["run"]
    wait_for(driver, ".o_form_view.o_form_editable input[name=subject]"
             ).send_keys(subject)
    story.many2one(".o_form_view", "partner_id",
                   data["technician"]["customer"])
    story.select(".o_form_view select[name=channel]", "phone")
    story.step("02_phone_call_form")
    story.save()
    name = wait_for(driver, ".o_form_view span[name=name]").text
    assert name and name != "New", name
    story.step("03_ticket_saved")
    with _committed_env() as env:
        ticket = env["aftersales.ticket"].search([("subject", "=", subject)])
        assert len(ticket) == 1
        assert ticket.channel == "phone"
        assert ticket.create_uid.login == data["logins"]["agent"]
        assert ticket.partner_id.name == data["technician"]["customer"]
    # back on the kanban: the card is there
    wait_for(driver, ".o_control_panel .breadcrumb li a").click()
    settle(driver)
    wait_until(driver, lambda d: [
        card for card in d.find_elements(By.CSS_SELECTOR, ".o_kanban_record")
        if name in card.text], "%s is not on the kanban" % name)
    story.step("04_kanban_card")


@pytest.mark.xfail(strict=False, reason=(
    "open point of issue 19: the technician story was not yet "
    "seen passing end to end (Take Parts from Van now opens the picking)"))
@story_test
def test_technician_story(role_browser, story_data):
    data = story_data
    job = data["technician"]
    ticket_id, name = job["ticket"]
    story = Story(role_browser, "technician", data["logins"]["technician"])
    driver = story.driver
    story.open("")  # the technician's home: his landing action
    snap(driver, "story-technician-01_landing")
    with pending("landing page: My jobs today", driver):
        title = driver.find_element(
            By.CSS_SELECTOR, ".o_control_panel .breadcrumb").text
        assert "my jobs" in title.lower(), "lands on %r" % title
        assert name in driver.find_element(By.TAG_NAME, "body").text, \
            "today's job %s is not listed" % name
        story.step("01_my_jobs_today")
    story.open_record("aftersales.ticket", ticket_id, data["ticket_action"])
    story.button("Arrived on Site")
    story.step("02_arrived")
    assert read("aftersales.ticket", ticket_id, ["date_arrived"])["date_arrived"]
    # a part from the van
    assert job["part"], "the technician's van has no untracked part"
    story.edit()
    story.tab("Parts")
    story.add_line("part_ids")
    story.many2one("div[name=part_ids] tr.o_selected_row", "product_id",
                   job["part"])
    story.save()
    story.button("Take Parts from Van")
    story.step("03_van_parts")
    with _committed_env() as env:
        parts = env["aftersales.ticket"].browse(ticket_id).part_ids
        assert parts and all(parts.mapped("is_consumed")), \
            "the part was not taken from the van"
    # Take Parts from Van opens the van's picking: back to the job
    story.open_record("aftersales.ticket", ticket_id, data["ticket_action"])
    # the time spent
    story.edit()
    story.tab("Time")
    row = story.add_line("timesheet_ids")
    row.find_element(By.CSS_SELECTOR, "input[name=name]").send_keys(
        "Burner cleaned")
    hours = row.find_element(By.CSS_SELECTOR, "input[name=unit_amount]")
    hours.clear()
    hours.send_keys("01:30")
    story.save()
    story.step("04_time")
    assert read("aftersales.ticket", ticket_id, ["labour_hours"])[
        "labour_hours"] == pytest.approx(1.5)
    story.button("Resolve")
    story.step("05_resolved")
    assert read("aftersales.ticket", ticket_id, ["date_resolved"])["date_resolved"]
    # the customer signs on the technician's tablet
    story.edit()
    story.tab("Signature")
    wait_for(driver, "input[name=signed_by]").send_keys("Story Customer")
    story.draw(".o_form_view #drawsign canvas")
    story.save()
    story.step("06_signature")
    values = read("aftersales.ticket", ticket_id,
                  ["customer_signature", "signed_by"])
    assert values["signed_by"] == "Story Customer"
    assert base64.b64decode(values["customer_signature"] or b"").startswith(
        b"\x89PNG")
    # the voucher PDF, as the technician prints it
    text = story.pdf_text(data["voucher_report"], ticket_id)
    assert name in text.replace(" ", ""), "the voucher PDF lacks %s" % name
    story.step("07_voucher_pdf")


@pytest.mark.xfail(strict=False, reason=(
    "open point of issue 19: the director has no edit right on the "
    "return picking, so the customer cannot sign it in his browser (the "
    "repair needs a signing step of its own)"))
@story_test
def test_director_story(role_browser, story_data):
    data = story_data
    job = need(data, "director")
    ticket_id, name = job["ticket"]
    story = Story(role_browser, "director", data["logins"]["director"])
    driver = story.driver
    with pending("planning view", driver):
        assert job["planning"], "no planning menu under After-Sales"
        story.open("menu_id=%d&action=%d" % job["planning"])
        story.step("01_planning")
    # the product cannot be fixed on site: back to the workshop
    story.open_record("aftersales.ticket", ticket_id, data["ticket_action"])
    story.button("Take Back for Repair")
    story.step("02_taken_back")
    with _committed_env() as env:
        repair = env["mrp.repair"].search(
            [("aftersales_ticket_id", "=", ticket_id)])
        assert len(repair) == 1, "no repair for the ticket"
        repair_id = repair.id
    # the repair with a part
    story.open_record("mrp.repair", repair_id, data["repair_action"])
    with pending("repair part line fix (Serial number False belongs to "
                 "False)", driver):
        story.edit()
        story.add_line("operations")
        story.select("div[name=operations] tr.o_selected_row select[name=type]",
                     "add")
        story.many2one("div[name=operations] tr.o_selected_row",
                       "product_id", job["part"])
        story.save()
        story.step("03_repair_part")
        with _committed_env() as env:
            assert env["mrp.repair"].browse(repair_id).operations, \
                "the part line was not saved"
    with _committed_env() as env:
        repair = env["mrp.repair"].browse(repair_id)
        if not repair.operations:
            # the form failed (pending above): the line made through the ORM
            # so that the rest of the story is walked
            part = env["product.product"].search(
                ["|", ("default_code", "=", job["part"]),
                 ("name", "=", job["part"])], limit=1)
            env["mrp.repair.line"].create({
                "repair_id": repair.id, "type": "add", "product_id": part.id,
                "name": part.name, "product_uom_qty": 1.0,
                "product_uom": part.uom_id.id, "price_unit": part.lst_price})
    story.open_record("mrp.repair", repair_id, data["repair_action"])
    # who pays: goodwill
    story.button("Change Payer")
    wait_for(driver, ".modal .o_form_view")
    story.many2one(".modal", "operation_ids", job["part_name"])
    story.select(".modal select[name=payer]", "goodwill")
    wait_for(driver, ".modal input[name=note]").send_keys("Loyal customer")
    story.step("04_change_payer")
    story.modal_button("Change Payer")
    with _committed_env() as env:
        payers = env["mrp.repair"].browse(repair_id).operations.mapped("payer")
        assert payers == ["goodwill"], payers
    # repaired and invoiced
    for label in ("Confirm Repair", "Start Repair", "End Repair"):
        story.button(label)
    if has_element(driver, HEADER_BUTTONS) and [
            el for el in driver.find_elements(By.CSS_SELECTOR, HEADER_BUTTONS)
            if el.is_displayed() and el.text.strip() == "Create Invoice"]:
        story.button("Create Invoice")
        if has_element(driver, ".modal .o_form_view"):
            click_text(driver, MODAL_BUTTONS, "Create")
    story.step("05_invoiced")
    with _committed_env() as env:
        repair = env["mrp.repair"].browse(repair_id)
        assert repair.state == "done", repair.state
    # the product goes back to the customer, who signs
    story.open_record("mrp.repair", repair_id, data["repair_action"])
    story.button("Return to Customer")
    with _committed_env() as env:
        picking = env["mrp.repair"].browse(repair_id).return_picking_id
        assert picking, "no return picking"
        picking_id = picking.id
    story.open_record("stock.picking", picking_id)
    story.edit()
    story.tab("Customer Product")
    wait_for(driver, "input[name=aftersales_signed_by]").send_keys(
        "Story Customer")
    story.draw(".o_form_view div[name=aftersales_signature] canvas, "
               ".o_form_view #drawsign canvas")
    story.save()
    story.button("Validate")
    if has_element(driver, ".modal .o_form_view"):
        click_text(driver, MODAL_BUTTONS, "Apply")
    story.step("06_return_signed")
    values = read("stock.picking", picking_id,
                  ["state", "aftersales_signature"])
    assert values["state"] == "done" and values["aftersales_signature"]


@story_test
def test_billing_clerk_story(role_browser, story_data):
    data = story_data
    job = need(data, "billing")
    story = Story(role_browser, "billing", data["logins"]["billing"])
    driver = story.driver
    assert job["invoice"], "no draft invoice of a ticket in the demo"
    story.open_record("account.invoice", job["invoice"], job["invoice_action"])
    story.step("01_ticket_invoice")
    story.button("Validate")
    story.step("02_validated")
    eventually(lambda: state_of("account.invoice", job["invoice"]) == "open",
               "the invoice was not validated")
    story.button("Register Payment")
    wait_for(driver, ".modal .o_form_view")
    journal = driver.find_elements(By.CSS_SELECTOR, ".modal select[name=journal_id]")
    if journal:
        choice = Select(journal[0])
        if choice.first_selected_option.text.strip() in ("", "False"):
            banks = [option.get_attribute("value") for option in choice.options
                     if "Bank" in option.text]
            choice.select_by_value(banks[0])
    elif not wait_for(driver, ".modal div[name=journal_id] input").get_attribute(
            "value"):
        story.many2one(".modal", "journal_id", "Bank")
    story.step("03_payment")
    story.modal_button("Validate")
    eventually(lambda: state_of("account.invoice", job["invoice"]) == "paid",
               "the invoice is not paid")
    story.step("04_paid")
    assert job["refund"], "the claim's approval made no credit note"
    story.open_record("account.invoice", job["refund"], job["refund_action"])
    story.step("05_claim_credit_note")
    story.button("Validate")
    story.step("06_credit_note_validated")
    eventually(lambda: state_of("account.invoice", job["refund"]) == "open",
               "the credit note was not validated")


@pytest.mark.xfail(strict=False, reason=(
    "open point of issue 19: the customer product receipt PDF "
    "answers 500 to the warehouse clerk (AccessError on aftersales.ticket) "
    "and his receipt shows no Validate button"))
@story_test
def test_warehouse_clerk_story(role_browser, story_data):
    data = story_data
    job = need(data, "warehouse")
    story = Story(role_browser, "warehouse", data["logins"]["warehouse"])
    driver = story.driver
    story.open("menu_id=%d&action=%d" % (job["register_menu"],
                                         job["register_action"]))
    story.step("01_register")
    assert job["receipt"], "no customer product receipt in the demo"
    story.open_record("stock.picking", job["receipt"], job["register_action"])
    story.tab("Customer Product")
    story.step("02_customer_receipt")
    with pending("customer receipt PDF printed by the warehouse clerk "
                 "(today: 500, AccessError on aftersales.ticket)", driver):
        text = story.pdf_text(job["receipt_report"], job["receipt"])
        assert read("stock.picking", job["receipt"], ["name"])["name"] in \
            text.replace(" ", "")
    assert job["replenishment"], "no van or no part to replenish it with"
    story.open_record("stock.picking", job["replenishment"],
                      job["picking_action"])
    story.step("03_van_replenishment")
    story.button("Validate")
    if has_element(driver, ".modal .o_form_view"):
        click_text(driver, MODAL_BUTTONS, "Apply")
    story.step("04_van_replenished")
    eventually(lambda: state_of("stock.picking", job["replenishment"]) == "done",
               "the van replenishment was not done")
    assert job["recycling"], "no recycling location"
    story.open_record("stock.location", job["recycling"], job["location_action"])
    click_text(driver, ".o_form_view .oe_button_box button", "Current Stock")
    story.step("05_recycling_stock")


@pytest.mark.xfail(strict=False, reason=(
    "open point of issue 19: the manager story's last step "
    "(due periods invoiced from the contract form) failed before the "
    "contract fixes were merged; not yet seen passing"))
@story_test
def test_manager_story(role_browser, story_data):
    data = story_data
    job = need(data, "manager")
    story = Story(role_browser, "manager", data["logins"]["manager"])
    driver = story.driver
    assert job["dashboard_action"], "no dashboard"
    story.open("action=%d" % job["dashboard_action"])
    wait_for(driver, ".o_aftersales_dashboard .o_kanban_record")
    story.step("01_dashboard")
    # Odoo 11's kanban keeps a button's method as data-name
    figure = wait_for(driver, ".o_aftersales_dashboard .o_kanban_record "
                              "[data-name=action_open_figure], "
                              ".o_aftersales_dashboard .o_kanban_record "
                              "[name=action_open_figure]")
    figure.click()
    settle(driver)
    wait_for(driver, ".o_list_view, .o_kanban_view, .o_pivot, .o_graph")
    story.step("02_figure_records")
    with pending("settings saved by the manager (an administrator's screen "
                 "today)", driver):
        story.open("action=%d" % job["settings_action"])
        box = wait_for(driver, "input[name=aftersales_repeat_complaint_days]")
        box.clear()
        box.send_keys("33")
        click_text(driver, ".o_form_view .o_form_statusbar button, "
                           ".o_control_panel button", "Save")
        story.step("03_settings_saved")
        with _committed_env() as env:
            assert env["ir.config_parameter"].get_param(
                "aftersales.repeat_complaint_days") == "33"
    assert job["renew"], "no running contract to renew"
    story.open_record("aftersales.contract", job["renew"], job["contract_action"])
    story.button("Renew")
    story.step("04_contract_renewed")
    values = read("aftersales.contract", job["renew"],
                  ["state", "successor_ids"])
    assert values["successor_ids"], "no successor: %r" % values
    assert job["due"], "no contract with a due period"
    story.open_record("aftersales.contract", job["due"], job["contract_action"])
    story.button("Invoice Due Periods")
    story.step("05_due_periods_invoiced")
    periods = read("aftersales.contract", job["due"], ["period_ids"])["period_ids"]
    assert len(periods) > job["due_periods"], "no period was invoiced"


@story_test
def test_portal_customer_story(role_browser, story_data):
    data = story_data
    job = need(data, "portal")
    story = Story(role_browser, "portal", job["login"], backend=False)
    driver = story.driver
    base = story.base
    # a fresh login: where does the customer land?
    role_browser.current = None
    role_browser.sessions.pop(job["login"], None)
    driver = role_browser.as_user(job["login"], backend=False)
    with pending("portal landing page /my", driver):
        wait_until(driver, lambda d: "/my" in d.current_url,
                   "the customer landed on %s" % driver.current_url)
        story.step("01_landing_my")
    driver.get(base + "/my/tickets")
    wait_for(driver, "body")
    page = driver.page_source
    for _id, name in (job["visited"], job["unvisited"]):
        assert name in page, "%s is not listed" % name
    assert job["foreign"][1] not in page, "another customer's ticket is listed"
    story.step("02_my_tickets")
    driver.get(base + "/my/contracts")
    wait_for(driver, "body")
    page = driver.page_source
    for name in job["contracts"]:
        assert name in page, "contract %s is not listed" % name
    if job["foreign_contract"]:
        assert job["foreign_contract"] not in page, \
            "another customer's contract is listed"
    story.step("03_my_contracts")
    # a new request with a photo
    driver.get(base + "/my/tickets/new")
    subject = "Story portal request %s" % data["run"]
    wait_for(driver, "form.o_portal_new_ticket input#subject").send_keys(subject)
    driver.find_element(By.CSS_SELECTOR, "textarea#description").send_keys(
        "Water under the appliance.")
    photo = os.path.join(tempfile.mkdtemp(prefix="story-"), "leak.png")
    with open(photo, "wb") as handle:
        handle.write(PHOTO_PNG)
    driver.find_element(By.CSS_SELECTOR, "input#attachments").send_keys(photo)
    driver.find_element(
        By.CSS_SELECTOR, "form.o_portal_new_ticket button[type=submit]").click()
    wait_until(driver, lambda d: "/my/tickets/" in d.current_url
               and "/new" not in d.current_url, "the request was not filed")
    story.step("04_new_request")
    with _committed_env() as env:
        ticket = env["aftersales.ticket"].search([("subject", "=", subject)])
        assert len(ticket) == 1 and env["ir.attachment"].search_count([
            ("res_model", "=", "aftersales.ticket"),
            ("res_id", "=", ticket.id)]) == 1
    # signs the visited voucher
    visited_id = job["visited"][0]
    driver.get("%s/my/tickets/%d/sign" % (base, visited_id))
    story.draw(".o_portal_signature_form canvas")
    story.step("05_sign_visited")
    # the portal page has no web client to settle: a plain click
    wait_until(driver, lambda d: [
        el for el in d.find_elements(By.CSS_SELECTOR, (
            ".o_portal_sign_submit, .o_portal_signature_form button.btn-primary"))
        if el.is_displayed()], "no signing button")[0].click()
    wait_until(driver, lambda d: read("aftersales.ticket", visited_id, [
        "customer_signature"])["customer_signature"], "the voucher was not signed")
    story.step("06_signed")
    with pending("only a visited voucher can be signed", driver):
        unvisited_id = job["unvisited"][0]
        response = requests.get("%s/my/tickets/%d/sign" % (base, unvisited_id),
                                cookies=story.session(), timeout=60)
        driver.get("%s/my/tickets/%d/sign" % (base, unvisited_id))
        snap(driver, "story-portal-07_unvisited_not_signable")
        assert response.status_code == 404 or \
            "o_portal_signature_form" not in response.text, \
            "a voucher without a visit can be signed"
    with pending("survey link on the customer's ticket", driver):
        assert job["closed"], "no survey invitation in the demo"
        driver.get("%s/my/tickets/%d" % (base, job["closed"][0]))
        wait_for(driver, "a[href*='/survey/']")
        story.step("08_survey_link")
