# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Scaling out (docs/scaling.md), what can be checked on one machine.

- The configuration ``scripts/odoo`` writes for prefork workers has the
  keys the document describes, and Odoo's own parser reads it, as it reads
  every option of the document's ``[options]`` examples (Odoo ignores an
  unknown key silently: a typo in the document would go unnoticed).
- A second host: two Odoo servers on the test database with one
  ``data_dir`` (as a shared mount would give them): a photo uploaded
  through the first is served by the second, and the session opened on
  the first is valid on the second.
"""
import base64
import configparser
import json
import os
import re
import subprocess
import tempfile
import unittest

import pytest
import requests

from odoo.tools import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "scaling.md")
PYTHON = os.path.join(ROOT, ".work", "venv", "bin", "python")
PHOTO = base64.b64decode(
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
    b"nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==")
# What Odoo's parser gives for a configuration file (run in a process of
# its own: parsing replaces the test run's configuration).
READ_CONFIG = """
import json, sys
from odoo.tools import config
config.parse_config(["-c", sys.argv[1]])
known = set(config.options) | set(config.casts)
print(json.dumps({"known": sorted(known),
                  "values": {k: config.get(k) for k in sys.argv[2:]}}))
"""


def odoo_reads(path, keys):
    """(known option names, {key: value as Odoo parsed it})."""
    output = subprocess.check_output(
        [PYTHON, "-c", READ_CONFIG, path] + list(keys), cwd=ROOT)
    data = json.loads(output.decode("utf-8").strip().splitlines()[-1])
    return set(data["known"]), data["values"]


def write_config(port, workers, path):
    env = dict(os.environ, ODOO_DB="aftersales_scaling_check",
               ODOO_PORT=str(port), ODOO_WORKERS=str(workers), ODOO_CONF=path)
    subprocess.check_call([os.path.join(ROOT, "scripts", "odoo"),
                           "--write-config"], env=env, cwd=ROOT)
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path)
    return parser["options"]


class TestScalingConfiguration(unittest.TestCase):

    def test_prefork_configuration_has_the_documented_keys(self):
        path = os.path.join(tempfile.mkdtemp(prefix="aftersales-conf-"), "odoo.conf")
        options = write_config(18500, 2, path)
        self.assertEqual(options["workers"], "2")
        self.assertEqual(options["http_port"], "18500")
        self.assertEqual(options["longpolling_port"], "18503")
        self.assertEqual(options["db_name"], "aftersales_scaling_check")
        self.assertEqual(options["list_db"], "False")
        self.assertTrue(options["data_dir"].endswith(os.path.join(".work", "data")))
        self.assertIn("max_cron_threads", options)
        # the filter matches that database only
        dbfilter = options["dbfilter"]
        self.assertTrue(re.match(dbfilter, "aftersales_scaling_check"))
        self.assertFalse(re.match(dbfilter, "aftersales_scaling_check_copy"))
        self.assertFalse(re.match(dbfilter, "other"))
        # and Odoo reads it so
        _known, values = odoo_reads(path, [
            "workers", "longpolling_port", "max_cron_threads", "db_name",
            "list_db", "http_port"])
        self.assertEqual(values["workers"], 2)
        self.assertEqual(values["longpolling_port"], 18503)
        self.assertEqual(values["http_port"], 18500)
        self.assertEqual(values["db_name"], "aftersales_scaling_check")
        self.assertIs(values["list_db"], False)

    def test_threaded_configuration_stays_the_default(self):
        path = os.path.join(tempfile.mkdtemp(prefix="aftersales-conf-"), "odoo.conf")
        env = dict(os.environ, ODOO_CONF=path)
        env.pop("ODOO_WORKERS", None)
        subprocess.check_call([os.path.join(ROOT, "scripts", "odoo"),
                               "--write-config"], env=env, cwd=ROOT)
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(path)
        self.assertEqual(parser["options"]["workers"], "0")

    def test_documented_options_are_odoo_options(self):
        with open(DOC) as handle:
            text = handle.read()
        blocks = re.findall(r"```ini\n(.*?)```", text, re.S)
        self.assertGreaterEqual(len(blocks), 3)
        keys = {}
        for block in blocks:
            parser = configparser.ConfigParser(interpolation=None)
            parser.read_string(block.replace("<secret>", "secret"))
            if parser.has_section("options"):
                keys.update(parser["options"])
        for expected in ("workers", "max_cron_threads", "longpolling_port",
                         "proxy_mode", "db_name", "dbfilter", "data_dir",
                         "server_wide_modules"):
            self.assertIn(expected, keys)
        path = os.path.join(tempfile.mkdtemp(prefix="aftersales-conf-"), "odoo.conf")
        with open(path, "w") as handle:
            handle.write("[options]\n" + "".join(
                "%s = %s\n" % item for item in sorted(keys.items())))
        known, values = odoo_reads(path, sorted(keys))
        unknown = sorted(set(keys) - known)
        self.assertFalse(unknown, "not Odoo options: %s" % unknown)
        self.assertEqual(values["workers"], 4)
        self.assertIs(values["proxy_mode"], True)
        self.assertEqual(values["longpolling_port"], 8072)
        self.assertEqual(values["db_maxconn"] if "db_maxconn" in values else 64, 64)


@pytest.fixture(scope="module")
def second_host(odoo_server_factory):
    """A second server ("host") on the same database and data_dir."""
    server = odoo_server_factory()
    yield server
    server.stop()


def _rpc(session, server, model, method, *args):
    response = session.post(server.base + "/web/dataset/call_kw", json={
        "jsonrpc": "2.0", "method": "call", "params": {
            "model": model, "method": method, "args": list(args),
            "kwargs": {}}}, timeout=120)
    body = response.json()
    assert "error" not in body, body.get("error")
    return body["result"]


def _call(session, url, **params):
    return session.post(url, json={"jsonrpc": "2.0", "method": "call",
                                   "params": params}, timeout=120).json()


@pytest.mark.skipif(not config.get("db_name"), reason="needs the suite's database")
def test_upload_on_one_host_is_served_by_the_other(odoo_server, second_host):
    first, second = odoo_server, second_host
    assert first.port != second.port
    session = requests.Session()
    login = _call(session, first.base + "/web/session/authenticate",
                  db=config["db_name"], login="admin", password="admin")
    uid = login["result"]["uid"]
    assert uid, "admin could not log in"
    # the session opened on the first host is valid on the second
    info = _call(session, second.base + "/web/session/get_session_info")
    assert info["result"]["uid"] == uid
    # an upload through the first host, read and downloaded from the second
    attachment = _rpc(session, first, "ir.attachment", "create", {
        "name": "second-host.png", "datas_fname": "second-host.png",
        "datas": base64.b64encode(PHOTO).decode("ascii")})
    try:
        stored = _rpc(session, second, "ir.attachment", "read",
                      [attachment], ["store_fname", "datas"])[0]
        assert stored["store_fname"], "the photo is not in the filestore"
        assert base64.b64decode(stored["datas"]) == PHOTO
        download = session.get("%s/web/content/%d?download=true"
                               % (second.base, attachment), timeout=120)
        assert download.status_code == 200
        assert download.content == PHOTO
    finally:
        _rpc(session, second, "ir.attachment", "unlink", [attachment])
    # logged out on one host, the session is gone on the other
    _call(session, first.base + "/web/session/destroy")
    info = _call(session, second.base + "/web/session/get_session_info")
    assert "error" in info or not info["result"]["uid"], info
    if "error" in info:
        assert "SessionExpired" in json.dumps(info["error"]), info["error"]
