# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Odoo servers of their own for the cross-module tests that need a real
server in another process (the browser walks, the second host).

``odoo_server`` is started once for the test session on the test database
(threaded, no cron thread, bound to 127.0.0.1, on a free port or
``ODOO_BROWSER_PORT``) and stopped at its end; ``start_odoo`` starts more.
The configuration of each is written by ``scripts/odoo`` into a temporary
folder: the test run's own configuration is left alone.
"""
import os
import socket
import subprocess
import tempfile
import time

import pytest
import requests

from odoo.tools import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
START_TIMEOUT = 180  # seconds: the registry loads on 2 shared cores


def free_port():
    """A free port of 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OdooServer(object):
    """An Odoo process serving the test database on 127.0.0.1:port."""

    def __init__(self, port, workers=0, extra=()):
        self.port = port
        self.base = "http://127.0.0.1:%d" % port
        self.work = tempfile.mkdtemp(prefix="aftersales-server-")
        self.conf = os.path.join(self.work, "odoo.conf")
        self.log = os.path.join(self.work, "odoo.log")
        env = dict(os.environ, ODOO_DB=config["db_name"], ODOO_PORT=str(port),
                   ODOO_WORKERS=str(workers), ODOO_CONF=self.conf,
                   ODOO_LOGFILE=self.log, ODOO_LOG_LEVEL="warn")
        # no cron: it would work on the test database meanwhile
        self.process = subprocess.Popen(
            [os.path.join(ROOT, "scripts", "odoo"), "--max-cron-threads=0",
             "--http-interface=127.0.0.1"] + list(extra),
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)

    def wait_ready(self):
        deadline = time.time() + START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("the Odoo server stopped (exit %s), see %s"
                                   % (self.process.returncode, self.log))
            try:
                response = requests.get(self.base + "/web/login", timeout=60)
                if response.status_code == 200:
                    return self
            except requests.RequestException:
                pass
            if time.time() > deadline:
                self.stop()
                raise RuntimeError("no answer from %s/web/login in %d s"
                                   % (self.base, START_TIMEOUT))
            time.sleep(0.5)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_odoo(port=None, workers=0, extra=()):
    """A started server (call ``stop()`` when done)."""
    return OdooServer(port or free_port(), workers, extra).wait_ready()


@pytest.fixture(scope="session")
def odoo_server():
    """The test session's own Odoo server on the test database."""
    if not config.get("db_name"):
        pytest.skip("needs the suite's test database")
    server = start_odoo(int(os.environ.get("ODOO_BROWSER_PORT") or 0) or None)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def odoo_server_factory():
    """``start_odoo`` itself, for a test that needs more servers."""
    if not config.get("db_name"):
        pytest.skip("needs the suite's test database")
    return start_odoo


@pytest.fixture(scope="session")
def role_browser(odoo_server):
    """One headless chromium for the session's crawls and stories, logged
    in once per role (tests/browser_support.py)."""
    from browser_support import RoleBrowser, start_chromium
    driver = start_chromium()
    try:
        yield RoleBrowser(driver, odoo_server.base)
    finally:
        driver.quit()
