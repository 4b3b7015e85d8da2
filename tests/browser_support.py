# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""What the browser crawls and stories share (tests/test_menu_crawl.py,
tests/test_role_stories.py), on top of tests/test_browser.py's helpers.

- the role users: the demo's own users where the demo has them (their
  teams, vans, jobs), else users made like test_browser's ``_user``; every
  one with the walks' password;
- ``RoleBrowser``: one chromium for the test session, one login per role
  (the session cookie of a role is kept and put back when the role comes
  again);
- error dialogs told from business refusals: Odoo 11's crash manager shows
  a UserError ("Odoo Server Error" with no subtitle, or "- Validation
  Error") and an access error ("- Access Error") both as a warning dialog
  (``.o_dialog_warning``); a traceback or a JavaScript error as an error
  dialog (``.o_dialog_error`` with ``.o_error_detail``).
"""
import os
import time

from selenium import webdriver
from selenium.common.exceptions import (NoSuchElementException,
                                        StaleElementReferenceException,
                                        WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from test_browser import (  # noqa: F401 - shared with the test modules
    CHROMEDRIVER, CHROMIUM, PASSWORD, PHOTO_PNG, SCREENSHOTS, WAIT,
    _committed_env, _module_installed, _user, check_page, fill_many2one,
    login, shot, wait_for, wait_idle, wait_until)

# role -> (demo user's xml id or None, login when made here, groups)
ROLES = {
    "technician": ("aftersales.user_technician_01_demo", "story_technician",
                   ["aftersales_ticket.group_technician"]),
    "agent": ("aftersales.user_agent_1_demo", "story_agent",
              ["aftersales_ticket.group_agent"]),
    "director": (None, "story_director", ["aftersales_ticket.group_director"]),
    "manager": ("aftersales.user_manager_demo", "story_manager",
                ["aftersales_ticket.group_manager"]),
    "billing": (None, "story_billing", ["account.group_account_invoice"]),
    "warehouse": (None, "story_warehouse", ["stock.group_stock_user"]),
}
BACKEND_ROLES = ("technician", "agent", "director", "manager", "billing",
                 "warehouse")
# Subtitles of a warning dialog that are errors, not business refusals.
ERROR_TITLES = ("Access Error", "Missing Record", "Access Denied",
                "Global Business Error", "Session Expired", "Client Error")
ERROR_TEXTS = ("Traceback", "Odoo Client Error", "Could not execute command")


def suite_modules(env):
    env.cr.execute("""SELECT name FROM ir_module_module
                       WHERE state = 'installed'
                         AND (name = 'aftersales' OR name LIKE 'aftersales\\_%')""")
    return sorted(name for name, in env.cr.fetchall())


def role_users(env):
    """{role: res.users} of the demo (the technician's director directs
    his team), made where the demo has none; every one with the walks'
    password and exactly his role's groups."""
    users = {}
    for role, (xmlid, login_name, groups) in sorted(ROLES.items()):
        demo = env.ref(xmlid, False) if xmlid else None
        if role == "director" and users.get("technician"):
            team = env["aftersales.team"].search(
                [("member_ids", "in", users["technician"].ids)], limit=1)
            demo = team.director_id if team.director_id and \
                team.director_id.id != 1 else None
        users[role] = _user(env, demo.login if demo else login_name, groups)
    return users


def role_logins():
    """{role: login}, the users made or reset (committed)."""
    with _committed_env() as env:
        return {role: user.login for role, user in role_users(env).items()}


def visible_dialogs(driver):
    """[(kind, title, text)] of the visible modal dialogs; kind is
    "error" (a traceback, a JavaScript error, an access error...),
    "business" (a UserError or ValidationError warning) or "dialog" (a
    wizard, a confirmation)."""
    found = []
    for modal in driver.find_elements(By.CSS_SELECTOR, ".modal"):
        try:
            if not modal.is_displayed():
                continue
            title = " ".join(el.text for el in modal.find_elements(
                By.CSS_SELECTOR, ".modal-title"))
            text = modal.text
            error = modal.find_elements(
                By.CSS_SELECTOR, ".o_dialog_error, .o_error_detail")
            warning = modal.find_elements(By.CSS_SELECTOR, ".o_dialog_warning")
        except StaleElementReferenceException:
            continue
        if error or any(needle in title for needle in ERROR_TITLES) or \
                any(needle in text for needle in ERROR_TEXTS):
            kind = "error"
            # the traceback behind "See details" (collapsed, not in .text)
            details = " ".join(
                (el.get_attribute("textContent") or "").strip()
                for el in modal.find_elements(By.CSS_SELECTOR, ".o_error_detail"))
            if details:
                text = "%s\n%s" % (text, details[-1500:])
        elif warning:
            kind = "business"
        else:
            kind = "dialog"
        found.append((kind, title.strip(), text.strip()[:2000]))
    return found


def error_dialogs(driver):
    return [dialog for dialog in visible_dialogs(driver) if dialog[0] == "error"]


CLOSERS = (".modal .modal-header button.close, "
           ".modal .modal-footer .o_form_button_cancel, "
           ".modal .modal-footer button[special=cancel]")


def close_dialogs(driver):
    """Close every modal dialog (their close cross, else Escape)."""
    for _attempt in range(4):
        closers = [el for el in driver.find_elements(By.CSS_SELECTOR, CLOSERS)
                   if _displayed(el)]
        if not closers:
            return
        try:
            closers[0].click()
        except WebDriverException:
            pass
        time.sleep(0.3)


def _displayed(element):
    try:
        return element.is_displayed()
    except StaleElementReferenceException:
        return False


def snap(driver, name):
    """A screenshot named ``name`` (without .png) under .work/screenshots."""
    shot(driver, name)
    return "%s.png" % name


def assert_no_error(driver, step):
    """The step's screenshot, then no error dialog (business refusals are
    allowed: the caller decides)."""
    time.sleep(0.2)
    snap(driver, step)
    errors = error_dialogs(driver)
    assert not errors, "%s: error dialog %r" % (step, errors)
    body = driver.find_element(By.TAG_NAME, "body").text
    for needle in ERROR_TEXTS:
        assert needle not in body, "%s: %r on the page" % (step, needle)


def start_chromium():
    """Headless chromium as tests/test_browser.py starts it."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--disable-background-networking",
                     "--window-size=1400,900", "--lang=en-US"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT * 2)
    return driver


class RoleBrowser(object):
    """One chromium, one login per role: the role's session cookie is
    kept and set again when the role comes back."""

    def __init__(self, driver, base):
        self.driver = driver
        self.base = base
        self.sessions = {}
        self.current = None
        self.logins = 0
        self.loads = 0

    def as_user(self, login_name, backend=True):
        driver = self.driver
        if self.current == login_name:
            return driver
        driver.get(self.base + "/web/login")
        driver.delete_all_cookies()
        cookie = self.sessions.get(login_name)
        if cookie:
            driver.add_cookie(cookie)
            driver.get(self.base + ("/web" if backend else "/my"))
            if "/web/login" not in driver.current_url:
                if backend:
                    wait_for(driver, "#oe_main_menu_navbar")
                    wait_idle(driver)
                self.current = login_name
                return driver
            driver.delete_all_cookies()
        login(driver, self.base, login_name, backend=backend)
        self.logins += 1
        self.sessions[login_name] = [
            cookie for cookie in driver.get_cookies()
            if cookie["name"] == "session_id"][0]
        self.current = login_name
        return driver

    def open(self, fragment):
        """Open ``/web#<fragment>`` by a full load of the web client and
        wait until its action is rendered and idle."""
        driver = self.driver
        # a new query string: a full load, never a mere hash change
        self.loads += 1
        driver.get("%s/web?load=%d#%s" % (self.base, self.loads, fragment))
        wait_for(driver, "#oe_main_menu_navbar")
        settle(driver)
        return driver


READY_SCRIPT = """
var busy = document.querySelector('.o_loading:not([style*="none"])')
    || document.querySelector('.blockUI');
if (busy) { return false; }
return !!(document.querySelector('.modal.in, .modal.show')
    || document.querySelector('.o_control_panel .breadcrumb li')
    || document.querySelector('.o_main_content .o_content > *'));
"""


def settle(driver, timeout=WAIT):
    """Until the web client shows an action (a breadcrumb, or a dialog)
    and has no RPC pending, twice in a row half a second apart (the
    "Loading" badge shows only after a delay)."""
    deadline = time.time() + timeout
    ready_since = None
    while time.time() < deadline:
        try:
            ready = driver.execute_script(READY_SCRIPT)
        except WebDriverException:
            ready = False
        if ready:
            if ready_since and time.time() - ready_since >= 0.5:
                return True
            ready_since = ready_since or time.time()
        else:
            ready_since = None
        time.sleep(0.2)
    snap(driver, "timeout")
    raise AssertionError("the web client did not settle on %s"
                         % driver.current_url)


def click_text(driver, css, label):
    """Click the first visible element of ``css`` whose text is
    ``label`` (or starts with it)."""
    def find(d):
        for element in d.find_elements(By.CSS_SELECTOR, css):
            try:
                text = " ".join(element.text.split())
                if element.is_displayed() and (
                        text == label or text.startswith(label)):
                    return element
            except StaleElementReferenceException:
                continue
        return False
    element = wait_until(driver, find, "no %s %r on %s" % (
        css, label, driver.current_url))
    element.click()
    settle(driver)
    return element


def has_element(driver, css):
    try:
        return any(el.is_displayed() for el in
                   driver.find_elements(By.CSS_SELECTOR, css))
    except (NoSuchElementException, StaleElementReferenceException):
        return False


def screenshots_dir():
    os.makedirs(SCREENSHOTS, exist_ok=True)
    return SCREENSHOTS
