# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Shared fixtures for the suite's tests: role users, a service network and
a query-count assertion (Odoo 11 has no ``assertQueryCount``)."""
import os
import subprocess
import tempfile
from contextlib import contextmanager
from unittest import mock

import requests

from odoo import api, fields
from odoo.tests import common as odoo_test_common
from odoo.tests.common import (HttpCase, SavepointCase, at_install,
                               post_install)
from odoo.tools import config

# Context that keeps mail tracking and followers out of the way where they
# are noise for the behaviour under test.
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "no_reset_password": True,
}


# A Monday at 10:00 UTC, within the working hours of the test teams.
FIXED_NOW = "2026-11-23 10:00:00"


@contextmanager
def frozen_clock(moment=FIXED_NOW):
    """While it lasts, "now" and "today" are ``moment`` for the suite and
    for Odoo (``fields.Datetime.now``, ``fields.Date.today`` and
    ``context_today``), so that what depends on the time of day (the
    planned visit, whether an activity is due today and notified on the
    bus) is the same whenever the test runs. Field defaults keep the real
    clock: give ``date_received`` explicitly."""
    today = moment[:10]
    with mock.patch.object(fields.Datetime, "now", return_value=moment), \
            mock.patch.object(fields.Date, "today", return_value=today), \
            mock.patch.object(fields.Date, "context_today",
                              return_value=today):
        yield


class QueryCountMixin(object):
    """``assertQueryCount`` for Odoo 11, counting on ``cr.sql_log_count``."""

    @contextmanager
    def assertQueryCount(self, maximum):
        start = self.env.cr.sql_log_count
        yield
        count = self.env.cr.sql_log_count - start
        self.assertLessEqual(
            count, maximum,
            "%d queries were executed, at most %d expected" % (count, maximum))

    def count_queries(self, function, *args, **kwargs):
        """Run ``function`` and return (result, number of SQL queries)."""
        start = self.env.cr.sql_log_count
        result = function(*args, **kwargs)
        return result, self.env.cr.sql_log_count - start

    def steady_query_count(self, function, *args, **kwargs):
        """The fewest SQL queries of three calls of ``function`` (and the
        last result): its cost once the caches are warm. One call can pay
        for caches emptied just before it (a creation counted 60 queries
        once in CI, then 33 on the next call, with no change in between)."""
        counts = []
        for _run in range(3):
            result, count = self.count_queries(function, *args, **kwargs)
            counts.append(count)
        return result, min(counts)


# The suite's tests run once the whole suite is installed, as make test runs
# them (odoo-bin --test-enable: post_install): PDF reports and HTTP requests
# go through the server, which waits while a module installs.
@at_install(False)
@post_install(True)
class AftersalesCase(QueryCountMixin, SavepointCase):
    """A company's service network with one user per role."""

    @classmethod
    def setUpClass(cls):
        super(AftersalesCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **QUIET_CONTEXT))
        cls.company = cls.env.ref("base.main_company")
        cls.agent = cls._create_user("agent", "aftersales_ticket.group_agent")
        cls.technician = cls._create_user(
            "technician", "aftersales_ticket.group_technician")
        cls.technician_other = cls._create_user(
            "technician_other", "aftersales_ticket.group_technician")
        cls.director = cls._create_user(
            "director", "aftersales_ticket.group_director")
        cls.manager = cls._create_user("manager", "aftersales_ticket.group_manager")
        Team = cls.env["aftersales.team"]
        cls.headquarters = Team.create({
            "name": "Test Headquarters", "level": "headquarters",
            "director_id": cls.manager.id,
        })
        cls.team_urban = Team.create({
            "name": "Test Urban Centre", "level": "center", "zone": "urban",
            "parent_id": cls.headquarters.id, "director_id": cls.director.id,
            "manager_id": cls.manager.id,
            "member_ids": [(6, 0, [cls.technician.id])],
        })
        cls.team_suburban = Team.create({
            "name": "Test Suburban Point", "level": "point", "zone": "suburban",
            "parent_id": cls.team_urban.id,
            "member_ids": [(6, 0, [cls.technician_other.id])],
        })
        Partner = cls.env["res.partner"]
        cls.customer_a = Partner.create({
            "name": "Customer A Ltd", "is_company": True,
            "email": "service@customer-a.example.com", "phone": "+34 600 000 001",
            "street": "1 Main Street", "city": "Madrid",
        })
        cls.customer_b = Partner.create({
            "name": "Customer B SL", "is_company": True,
            "email": "desk@customer-b.example.com",
        })

    @classmethod
    def _create_user(cls, login, group_xmlid, extra_groups=()):
        groups = [cls.env.ref(group_xmlid).id]
        groups += [cls.env.ref(xmlid).id for xmlid in extra_groups]
        return cls.env["res.users"].create({
            "name": login.replace("_", " ").title(),
            "login": "test_%s" % login,
            "email": "%s@aftersales.example.com" % login,
            "groups_id": [(6, 0, groups)],
            "company_id": cls.company.id,
            "company_ids": [(6, 0, [cls.company.id])],
        })

    def create_ticket(self, **values):
        vals = {
            "subject": "Test request",
            "partner_id": self.customer_a.id,
            "team_id": self.team_urban.id,
        }
        vals.update(values)
        return self.env["aftersales.ticket"].create(vals)


def create_delivered_lot(env, partner, delivery_date, warranty_months=12.0,
                         name="SN-TEST-0001", product=None):
    """A serial number really delivered to ``partner``: a serial-tracked
    product (``warranty_months`` of warranty) put in stock, then shipped by
    a validated outgoing picking whose stock move is dated
    ``delivery_date`` (a 'YYYY-MM-DD HH:MM:SS' string). Returns the lot."""
    if product is None:
        product = env["product.product"].create({
            "name": "Test Boiler %s" % name,
            "type": "product",
            "tracking": "serial",
            "warranty": warranty_months,
        })
    lot = env["stock.production.lot"].create({
        "name": name, "product_id": product.id,
    })
    stock = env.ref("stock.stock_location_stock")
    customers = env.ref("stock.stock_location_customers")
    env["stock.quant"]._update_available_quantity(product, stock, 1.0, lot_id=lot)
    picking = env["stock.picking"].create({
        "partner_id": partner.id,
        "picking_type_id": env.ref("stock.picking_type_out").id,
        "location_id": stock.id,
        "location_dest_id": customers.id,
        "move_lines": [(0, 0, {
            "name": product.name,
            "product_id": product.id,
            "product_uom": product.uom_id.id,
            "product_uom_qty": 1.0,
            "location_id": stock.id,
            "location_dest_id": customers.id,
        })],
    })
    picking.action_confirm()
    picking.action_assign()
    picking.move_line_ids.write({"qty_done": 1.0, "lot_id": lot.id})
    picking.action_done()
    picking.move_lines.write({"date": delivery_date})
    return lot


@at_install(False)
@post_install(True)
class AftersalesHttpCase(QueryCountMixin, HttpCase):
    """``HttpCase`` whose ``env`` works on the registry's test cursor, the
    one the HTTP server's requests use: Odoo 11's ``HttpCase`` keeps its own
    cursor, so the records a test creates would be invisible to the
    requests. Nothing is committed: ``checkpoint()`` only moves the test
    cursor's savepoint (call it before requests, so that the rollback of a
    failing one keeps the test's records), and the whole transaction is
    dropped at the end of the test. Run after the installation, like
    ``AftersalesCase``.
    """

    _assets_ready = False

    @classmethod
    def setUpClass(cls):
        super(AftersalesHttpCase, cls).setUpClass()
        if not AftersalesHttpCase._assets_ready:
            # The first page of the front end compiles the web asset bundles
            # (about 10 s here). Done inside the test cursor, the bundles
            # would be rolled back and compiled again by every test; this
            # request, outside any test, keeps them like a real server does
            # on its first page view. It writes nothing else.
            requests.get("http://%s:%s/web/login" % (
                odoo_test_common.HOST, odoo_test_common.PORT), timeout=300)
            AftersalesHttpCase._assets_ready = True

    def setUp(self):
        super(AftersalesHttpCase, self).setUp()
        own_cr = self.cr
        self.cr = self.registry.test_cr
        self.env = api.Environment(self.cr, self.uid, {})

        @self.addCleanup
        def restore_cursor():
            self.env.reset()
            self.cr = own_cr
            self.env = api.Environment(own_cr, self.uid, {})

    def create_user(self, login, groups, password, partner=None):
        """A user with a known password, to log in over HTTP/RPC."""
        values = {
            "name": partner.name if partner else login.replace("_", " ").title(),
            "login": login,
            "password": password,
            "email": partner.email if partner else
            "%s@aftersales.example.com" % login,
            "groups_id": [(6, 0, [self.env.ref(xmlid).id for xmlid in groups])],
        }
        if partner:
            values["partner_id"] = partner.id
        return self.env["res.users"].with_context(
            no_reset_password=True).create(values)

    def checkpoint(self):
        """Keep the test's records through a request that fails: the test
        cursor's commit only moves its savepoint (nothing is committed)."""
        self.cr.commit()  # pylint: disable=invalid-commit

    def url_post(self, url, data, referer=None, timeout=10, files=None,
                 json_body=None):
        """POST ``data`` (and ``files``, as a multipart form; or
        ``json_body`` as JSON) to ``url`` (a path), coming from page
        ``referer``."""
        base = "http://%s:%s" % (odoo_test_common.HOST, odoo_test_common.PORT)
        headers = {"Referer": base + referer} if referer else {}
        return self.opener.post(
            base + url, data=data, files=files, json=json_body,
            headers=headers, timeout=timeout)

    def refresh(self):
        """Forget the ORM cache after requests changed the database."""
        self.env.cache.invalidate()


def create_working_calendar(env, name, tz, hour_from=9.0, hour_to=18.0,
                            weekdays=range(5)):
    """A resource.calendar working ``hour_from``-``hour_to`` (local time of
    ``tz``) on ``weekdays`` (0 = Monday), for SLA clock tests."""
    return env["resource.calendar"].create({
        "name": name,
        "tz": tz,
        "attendance_ids": [(5, 0, 0)] + [
            (0, 0, {"name": "Day %d" % day, "dayofweek": str(day),
                    "hour_from": hour_from, "hour_to": hour_to})
            for day in weekdays
        ],
    })


def patch_contract_coverage(env, covered=True):
    """Context manager: while it lasts, ``_get_covering_contract()`` (the
    hook the contract module overrides) says whether a maintenance contract
    covers any ticket, so that category B can be granted in tests."""
    return mock.patch.object(
        type(env["aftersales.ticket"]), "_get_covering_contract",
        return_value=covered)


def render_pdf(report, records):
    """Render ``report`` for ``records`` with wkhtmltopdf, as outside tests:
    Odoo 11 falls back to HTML while tests run unless a report directory is
    configured, so one is set for this rendering only."""
    previous = config["test_report_directory"]
    config["test_report_directory"] = tempfile.mkdtemp(prefix="aftersales-pdf-")
    try:
        return report.render_qweb_pdf(records.ids)
    finally:
        config["test_report_directory"] = previous


def _poppler(program, pdf, *options):
    """Output of poppler's ``program`` (pdfinfo, pdftotext) run with
    ``options`` on ``pdf`` (bytes), through a temporary file."""
    handle, path = tempfile.mkstemp(suffix=".pdf", prefix="aftersales-pdf-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(pdf)
        command = [program] + list(options) + [path]
        if program == "pdftotext":
            command.append("-")  # the text on stdout
        return subprocess.check_output(command).decode("utf-8")
    finally:
        os.remove(path)


def pdf_pages(pdf):
    """Number of pages of ``pdf`` (bytes), as poppler's pdfinfo reads it."""
    for line in _poppler("pdfinfo", pdf).splitlines():
        if line.startswith("Pages:"):
            return int(line.split(":", 1)[1])
    raise ValueError("pdfinfo found no page count")


def pdf_text(pdf):
    """Text of ``pdf`` (bytes), extracted by poppler's pdftotext in reading
    order, pages separated by form feeds."""
    return _poppler("pdftotext", pdf, "-enc", "UTF-8")
