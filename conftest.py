# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""pytest-odoo glue shared by every test of the suite.

pytest-odoo loads the registry but serves no HTTP, so ``HttpCase`` tests
would get "connection refused" (PLATFORM.md gotcha 7). Odoo's threaded HTTP
server is started once per session on the configured ``http_port``, and
``odoo.tests.common.PORT`` (read at import, before the configuration was
parsed) is pointed at it before the test cases are collected.
"""
import odoo.tests.common
from odoo.service import server, wsgi_server
from odoo.tools import config


def pytest_sessionstart(session):
    if not config.get("db_name"):
        return  # plain pytest run without an Odoo database
    odoo.tests.common.PORT = config["http_port"]
    http_server = server.ThreadedServer(wsgi_server.application)
    http_server.http_spawn()
