# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Shared fixtures for the suite's tests: role users, a service network and
a query-count assertion (Odoo 11 has no ``assertQueryCount``)."""
from contextlib import contextmanager

from odoo.tests.common import SavepointCase

# Context that keeps mail tracking and followers out of the way where they
# are noise for the behaviour under test.
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "no_reset_password": True,
}


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
