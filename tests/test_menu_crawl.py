# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Every menu of the suite each role sees, opened in the real browser,
and every visible object button of the first record of each form it
opens, clicked: no error dialog (a server traceback, a JavaScript error,
an access error); a business refusal (a UserError "Warning", a
"Validation Error") is allowed.

The menus are found, not listed: the ``ir.ui.menu`` under the suite's
root menu and those of the suite's modules, kept when the role sees them
(``_visible_menu_ids`` as the role: what the web client shows it). Each is
loaded through ``/web#menu_id=..&action=..``.

Buttons with side effects are clicked only on records made for the role
here (a ticket dispatched to the technician, a draft contract...); on the
demo's records only the buttons that open other records
(``action_view_*``, ``action_open_*``) are clicked, so that the crawl
leaves the demo as it found it for the other tests.

One login per role, one chromium for the session (tests/conftest.py's
``role_browser``). Each role has a time budget (``CRAWL_BUDGET`` seconds,
150 by default); the menus left when it runs out are named in the
failure. Screenshots: ``.work/screenshots/crawl-<role>-<n>.png``.
"""
import os
import time
import uuid

import pytest

from odoo.addons.aftersales_ticket.tests.form import Form
from odoo.tools import config

from selenium.common.exceptions import (StaleElementReferenceException,
                                        WebDriverException)
from selenium.webdriver.common.by import By

from browser_support import (
    BACKEND_ROLES, _committed_env, assert_no_error, close_dialogs,
    role_users, settle, snap, suite_modules, visible_dialogs)

pytestmark = pytest.mark.skipif(
    not config.get("db_name"), reason="needs the suite's test database")

BUDGET = float(os.environ.get("CRAWL_BUDGET") or 150)
# Buttons that only open other records: clicked on the demo's records too.
NAVIGATION_PREFIXES = ("action_view", "action_open", "open_")
RECORDS = (".o_list_view .o_data_row, "
           ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)")
BUTTON_CSS = (".o_form_view .o_form_statusbar .o_statusbar_buttons button, "
              ".o_form_view .oe_button_box button")


def suite_menus(env, user, modules):
    """([(menu id, path, action id, model, action model)] of the suite's
    menus ``user`` sees, with an action, in menu order; [paths of the menus
    declared for one of the user's groups that he cannot reach, a parent
    being hidden from him])."""
    Menu = env["ir.ui.menu"].with_context(active_test=True)
    env.cr.execute("""SELECT res_id FROM ir_model_data
                       WHERE model = 'ir.ui.menu' AND module IN %s""",
                   (tuple(modules),))
    own = Menu.browse([res_id for res_id, in env.cr.fetchall()]).exists()
    root = env.ref("aftersales_ticket.menu_aftersales_root")
    menus = Menu.search([("id", "child_of", root.id)]) | own
    visible = Menu.sudo(user)._visible_menu_ids(False)
    result = []

    def reachable(menu):
        # the web client shows a menu only under visible parents
        while menu:
            if menu.id not in visible:
                return False
            menu = menu.parent_id
        return True

    unreachable = []
    for menu in menus.sorted(lambda m: (m.parent_left, m.id)):
        if not menu.action:
            continue
        if not reachable(menu):
            if menu.groups_id & user.groups_id:
                unreachable.append(menu.complete_name)
            continue
        model = getattr(menu.action, "res_model", False) or False
        result.append((menu.id, menu.complete_name, menu.action.id, model,
                       menu.action._name))
    return result, unreachable


def form_view_of(env, action_id, action_model):
    """(whether the action has a form view, its view id or None)."""
    if action_model != "ir.actions.act_window":
        return False, None
    action = env[action_model].browse(action_id)
    if "form" not in (action.view_mode or "").split(","):
        return False, None
    for view_id, view_type in action.read(["views"])[0]["views"]:
        if view_type == "form":
            return True, view_id or None
    return True, None


def fresh_records(env, users, run):
    """{role: {model: record id}}: records each role may click anything
    on (made here, as the suite's own methods make them)."""
    fresh = {}
    Ticket = env["aftersales.ticket"].with_context(
        aftersales_no_auto_assign=True)
    technician = users["technician"]
    team = env["aftersales.team"].search(
        [("member_ids", "in", technician.ids)], limit=1)
    customer = env["res.partner"].search(
        [("customer", "=", True), ("is_company", "=", True)], limit=1)
    for role in ("technician", "agent", "director", "manager"):
        ticket = Ticket.create({
            "subject": "Crawl %s %s" % (role, run),
            "partner_id": customer.id, "team_id": team.id,
            "request_type": "fault"})
        ticket._dispatch(user=technician)
        fresh.setdefault(role, {})["aftersales.ticket"] = ticket.id
    if "aftersales.contract" in env:
        contract = env["aftersales.contract"].search(
            [("state", "=", "draft")], limit=1)
        if contract:
            copy = contract.copy({"partner_id": customer.id})
            fresh.setdefault("manager", {})["aftersales.contract"] = copy.id
    return fresh


def object_buttons(env, user, model, record_id, view_id):
    """[(name, label)] of the object buttons ``user`` sees on the record's
    form (its modifiers evaluated on the record)."""
    record = env[model].sudo(user).browse(record_id)
    form = Form(record, view_id)
    buttons = []
    for attrs in form.visible_buttons():
        if attrs.get("type") != "object" or not attrs.get("string"):
            continue
        buttons.append((attrs["name"], " ".join(attrs["string"].split()),
                        bool(attrs.get("confirm"))))
    return buttons


@pytest.fixture(scope="module")
def crawl_plan(role_browser):
    run = uuid.uuid4().hex[:6]
    with _committed_env() as env:
        users = role_users(env)
        modules = suite_modules(env)
        fresh = fresh_records(env, users, run)
        plan = {}
        for role in BACKEND_ROLES:
            user = users[role]
            menus, unreachable = suite_menus(env, user, modules)
            plan[role] = {"login": user.login, "user_id": user.id,
                          "menus": menus, "unreachable": unreachable,
                          "fresh": fresh.get(role, {})}
    return plan


class Crawl(object):
    def __init__(self, browser, role, plan):
        self.browser = browser
        self.driver = browser.driver
        self.role = role
        self.plan = plan
        self.step = 0
        self.failures = []
        self.refusals = []
        self.start = time.time()
        self.forms_done = set()

    def over_budget(self):
        return time.time() - self.start > BUDGET

    def snap(self, what):
        self.step += 1
        return snap(self.driver, "crawl-%s-%02d" % (self.role, self.step))

    def check(self, what):
        """Screenshot; error dialogs are failures, business refusals
        noted; every dialog is closed."""
        time.sleep(0.3)
        name = self.snap(what)
        for kind, title, text in visible_dialogs(self.driver):
            if kind == "error":
                self.failures.append("%s [%s]: %s: %s" % (what, name, title, text))
            elif kind == "business":
                self.refusals.append("%s [%s]: %s" % (what, name, text[:200]))
        close_dialogs(self.driver)
        return name

    def open_menu(self, menu_id, path, action_id):
        try:
            self.browser.open("menu_id=%d&action=%d" % (menu_id, action_id))
        except AssertionError as error:
            self.snap(path)
            self.failures.append("menu %s did not open: %s" % (path, error))
            return False
        self.check("menu %s" % path)
        return True

    def first_record_id(self):
        """Open the first record of the list or kanban shown; its id."""
        driver = self.driver
        rows = [el for el in driver.find_elements(By.CSS_SELECTOR, RECORDS)
                if el.is_displayed()]
        if not rows:
            return None
        try:
            rows[0].click()
            settle(driver)
        except (WebDriverException, AssertionError):
            return None
        time.sleep(0.5)
        if "view_type=form" not in driver.current_url:
            return None
        for part in driver.current_url.split("#", 1)[-1].split("&"):
            if part.startswith("id="):
                try:
                    return int(part[3:])
                except ValueError:
                    return None
        return None

    def open_record(self, model, record_id, action_id):
        self.browser.open("id=%d&model=%s&view_type=form&action=%d"
                          % (record_id, model, action_id))

    def click_buttons(self, env_buttons, model, record_id, action_id, fresh):
        for name, label, confirm in env_buttons:
            if self.over_budget():
                return
            if not fresh and not name.startswith(NAVIGATION_PREFIXES):
                continue
            self.open_record(model, record_id, action_id)
            button = self.find_button(label)
            what = "%s %s: button %s (%s)" % (model, record_id, label, name)
            if button is None:
                self.snap(what)
                # the server says visible, the page does not show it
                self.failures.append("%s: not on the page" % what)
                continue
            try:
                button.click()
                settle(self.driver)
            except (WebDriverException, AssertionError) as error:
                self.failures.append("%s: %s" % (what, error))
                continue
            if confirm:
                self.confirm()
            self.check(what)

    def find_button(self, label):
        for element in self.driver.find_elements(By.CSS_SELECTOR, BUTTON_CSS):
            try:
                text = " ".join(element.text.split())
                if element.is_displayed() and (
                        text == label or label in text):
                    return element
            except StaleElementReferenceException:
                continue
        return None

    def confirm(self):
        for element in self.driver.find_elements(
                By.CSS_SELECTOR, ".modal .modal-footer .btn-primary"):
            if element.is_displayed():
                element.click()
                settle(self.driver)
                return


# open point of issue 19: the manager's crawl follows the survey answer's
# "Print These Answers" out of the web client and runs out of its time
# budget before the last menus
@pytest.mark.parametrize("role", [
    pytest.param(role, marks=pytest.mark.xfail(strict=False, reason=(
        "open point of issue 19: the manager's crawl leaves the web client "
        "on a survey print button and runs out of time")))
    if role == "manager" else role for role in BACKEND_ROLES])
def test_menu_crawl(role_browser, crawl_plan, role):
    plan = crawl_plan[role]
    crawl = Crawl(role_browser, role, plan)
    role_browser.as_user(plan["login"])
    assert_no_error(role_browser.driver, "crawl-%s-00" % role)
    left = []
    for index, (menu_id, path, action_id, model, action_model) in \
            enumerate(plan["menus"]):
        if crawl.over_budget():
            left = [menu[1] for menu in plan["menus"][index:]]
            break
        if not crawl.open_menu(menu_id, path, action_id):
            continue
        if action_model != "ir.actions.act_window" or not model or \
                model in crawl.forms_done:
            continue
        with _committed_env() as env:
            has_form, view_id = form_view_of(env, action_id, action_model)
        if not has_form:
            continue
        crawl.forms_done.add(model)
        fresh_id = plan["fresh"].get(model)
        record_id = fresh_id or crawl.first_record_id()
        if not record_id:
            continue
        if not fresh_id:
            crawl.check("%s: first record %s" % (path, record_id))
        with _committed_env() as env:
            user = env["res.users"].browse(plan["user_id"])
            try:
                buttons = object_buttons(env, user, model, record_id, view_id)
            except Exception as error:  # noqa: B902 - named in the failure
                crawl.failures.append("%s %s: the form as %s: %s"
                                      % (model, record_id, role, error))
                continue
        crawl.click_buttons(buttons, model, record_id, action_id,
                            fresh=bool(fresh_id))
    elapsed = time.time() - crawl.start
    print("\ncrawl %s: %d menus, %d screenshots, %.0f s, refusals: %s"
          % (role, len(plan["menus"]), crawl.step, elapsed,
             crawl.refusals or "none"))
    problems = list(crawl.failures)
    if left:
        problems.append("time budget (%d s) ran out; menus not opened: %s"
                        % (BUDGET, ", ".join(left)))
    assert not problems, "crawl as %s:\n%s" % (role, "\n".join(problems))


@pytest.mark.xfail(strict=False, reason=(
    "open point of issue 19: agent: Reporting/Technicians and "
    "Service Figures, warehouse clerk: Repairs/Customer Product Register "
    "and Parts Usage are hidden by their parent menu"))
def test_menus_declared_for_a_role_are_reachable(crawl_plan):
    """A menu of the suite declared for a role's group (the warehouse
    clerk's Customer Product Register...) is reachable by that role: no
    parent menu hides it."""
    hidden = ["%s: %s" % (role, ", ".join(plan["unreachable"]))
              for role, plan in sorted(crawl_plan.items())
              if plan["unreachable"]]
    assert not hidden, "menus hidden by their parent:\n%s" % "\n".join(hidden)
