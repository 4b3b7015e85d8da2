# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Live notifications out of `make run`: the server started as
scripts/run.sh starts it (scripts/serve.sh, its default workers) answers the
browser's /longpolling/poll on its HTTP port with the bus's messages, not
"bus.Bus unavailable".

It serves the test database from a second process on a spare port, until the
end of the test; the one message it reads is put on the bus through JSON-RPC
(and committed, as the bus needs, on a channel of its own)."""
import os
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import uuid
from xmlrpc.client import ServerProxy

import requests

from odoo.tools import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
START_TIMEOUT = 180  # seconds: the registry loads on a loaded 2-core machine


def _free_port():
    """A port free together with port + 3 (the longpolling port)."""
    for _attempt in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port + 3 > 65535:
            continue
        with socket.socket() as other:
            try:
                other.bind(("127.0.0.1", port + 3))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port pair")


@unittest.skipUnless(config.get("db_name"), "needs the suite's database")
class TestRunServesTheBus(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.port = _free_port()
        cls.work = tempfile.mkdtemp(prefix="aftersales-run-")
        env = dict(os.environ, ODOO_DB=config["db_name"],
                   ODOO_PORT=str(cls.port),
                   ODOO_CONF=os.path.join(cls.work, "odoo.conf"),
                   ODOO_LOGFILE=os.path.join(cls.work, "odoo.log"),
                   ODOO_LOG_LEVEL="warn")
        # make run's own default, not the test runner's
        env.pop("ODOO_WORKERS", None)
        # no cron thread: it would work on the test database meanwhile
        cls.server = subprocess.Popen(
            [os.path.join(ROOT, "scripts", "serve.sh"),
             "--max-cron-threads=0"],
            env=env, cwd=ROOT, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.base = "http://127.0.0.1:%d" % cls.port
        deadline = time.time() + START_TIMEOUT
        while True:
            try:
                response = requests.post(
                    cls.base + "/web/webclient/version_info",
                    json={"jsonrpc": "2.0", "method": "call", "params": {}},
                    timeout=10)
                if response.status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if cls.server.poll() is not None or time.time() > deadline:
                cls._stop()
                raise RuntimeError("the server did not start")
            time.sleep(1)  # waiting for a subprocess, not for the clock

    @classmethod
    def tearDownClass(cls):
        cls._stop()

    @classmethod
    def _stop(cls):
        if cls.server.poll() is None:
            # the server we started, and its workers (its own session)
            os.killpg(cls.server.pid, signal.SIGTERM)
            try:
                cls.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(cls.server.pid, signal.SIGKILL)
                cls.server.wait()

    def test_longpolling_answers_on_the_http_port(self):
        db = config["db_name"]
        uid = ServerProxy(self.base + "/xmlrpc/2/common").login(
            db, "admin", "admin")
        self.assertTrue(uid)
        channel = "aftersales-run-test-%s" % uuid.uuid4().hex
        # JSON-RPC: sendone answers None, which XML-RPC cannot carry
        sent = requests.post(self.base + "/jsonrpc", json={
            "jsonrpc": "2.0", "method": "call", "params": {
                "service": "object", "method": "execute_kw",
                "args": [db, uid, "admin", "bus.bus", "sendone",
                         [channel, {"probe": "live"}]]},
        }, timeout=30).json()
        self.assertNotIn("error", sent, sent.get("error"))
        response = requests.post(self.base + "/longpolling/poll", json={
            "jsonrpc": "2.0", "method": "call",
            "params": {"channels": [channel], "last": 0, "options": {}},
        }, timeout=70)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("bus.Bus unavailable", response.text)
        answer = response.json()
        self.assertNotIn("error", answer, answer.get("error"))
        self.assertEqual([notification["message"]
                          for notification in answer["result"]],
                         [{"probe": "live"}])
