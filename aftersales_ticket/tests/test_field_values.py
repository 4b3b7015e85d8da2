# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Bad values on every model of the core (issue 20, items 3 and 4): the
suite's settings models (SLA policies, teams, stages, categories, pauses),
its wizards and the fields it adds to Odoo's models refuse wrong types,
non-finite numbers, oversized texts, malformed relation commands and
records of another company with a clear error, before anything is
written; workflow fields of teams and time lines are refused; pauses are
read as their tickets; the assignment wizard works once with duplicate
ids."""
from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import at_install, post_install

from .common import AftersalesCase

MEGABYTE = "x" * (1024 * 1024)


@at_install(False)
@post_install(True)
class TestFieldValues(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestFieldValues, cls).setUpClass()
        cls.company_b = cls.env["res.company"].create(
            {"name": "Field Values Company B"})
        cls.user_b = cls.env["res.users"].create({
            "name": "Agent B", "login": "test_field_values_agent_b",
            "groups_id": [(6, 0, [
                cls.env.ref("aftersales_ticket.group_agent").id])],
            "company_id": cls.company_b.id,
            "company_ids": [(6, 0, [cls.company_b.id])],
        })
        # the working hours of company B, not the user's company's default
        cls.team_b = cls.env["aftersales.team"].create({
            "name": "Team of Company B", "company_id": cls.company_b.id})
        cls.policy = cls.env["aftersales.sla.policy"].create({
            "name": "Field values policy", "resolution_hours": 8.0})
        cls.stage = cls.env["aftersales.ticket.stage"].create(
            {"name": "Field values stage"})

    def assertRefused(self, record, vals, message=None):
        before = record.read(list(vals))[0]
        with self.assertRaises((UserError, ValidationError)) as caught:
            record.write(vals)
        if message:
            self.assertIn(message, caught.exception.name)
        record.invalidate_cache()
        self.assertEqual(record.read(list(vals))[0], before)

    def test_working_hours_are_shared(self):
        # Odoo 11 gives a new company's calendar the creator's company
        self.team_b.write({"resource_calendar_id": self.env.ref(
            "resource.resource_calendar_std").id})
        self.assertRefused(self.team_b, {"resource_calendar_id": "abc"})

    def test_numbers_must_be_finite(self):
        for value in ("abc", float("nan"), float("inf"), 1e308):
            self.assertRefused(self.policy, {"resolution_hours": value})
        template = self.env["product.template"].create({"name": "Boiler"})
        for value in ("abc", float("nan"), float("inf"), 1e308):
            self.assertRefused(template, {"warranty": value})
        template.write({"warranty": 24.0})
        self.assertEqual(template.warranty, 24.0)

    def test_texts_have_a_size(self):
        for record, name in ((self.policy, "name"), (self.team_urban, "name"),
                             (self.team_urban, "zip_prefixes"),
                             (self.stage, "description"),
                             (self.customer_a, "aftersales_consent_purpose")):
            self.assertRefused(record, {name: MEGABYTE}, "too long")
            self.assertRefused(record, {name: 12.5}, "expected a text")

    def test_booleans_take_true_or_false(self):
        for value in ("abc", 2, 1.0):
            self.assertRefused(self.stage, {"fold": value},
                               "expected true or false")
        self.stage.write({"fold": 1, "is_closed": False})
        self.assertTrue(self.stage.fold)

    def test_relations_to_many_take_commands(self):
        for value in ("abc", [(6, 0, ["abc"])], [(6, 0, [float("nan")])],
                      [(9, 1)], [(6, 0, [2000000000])]):
            self.assertRefused(self.team_urban, {"member_ids": value})
        self.assertRefused(self.technician,
                           {"aftersales_product_categ_ids": "abc"})
        self.team_urban.write({"member_ids": [(4, self.technician_other.id)]})
        self.assertIn(self.technician_other, self.team_urban.member_ids)

    def test_ids_and_dates(self):
        self.assertRefused(self.env.ref("base.main_company"),
                           {"aftersales_executive_id": 2000000000},
                           "does not exist")
        self.assertRefused(self.customer_a,
                           {"aftersales_consent_date": "2026-02-30"})
        self.assertRefused(self.env["aftersales.ticket.category"].create(
            {"name": "Field values category"}), {"parent_id": "abc"})
        self.assertRefused(self.stage, {"sequence": 1e308})

    def test_other_company_records_refused(self):
        ticket = self.create_ticket()
        self.assertRefused(ticket, {"user_id": self.user_b.id},
                           "another company")
        self.assertRefused(self.team_urban, {"director_id": self.user_b.id},
                           "another company")
        self.assertRefused(self.team_urban,
                           {"member_ids": [(6, 0, [self.user_b.id])]},
                           "another company")
        self.assertRefused(self.team_urban, {"parent_id": self.team_b.id},
                           "another company")
        self.assertRefused(self.policy, {"team_id": self.team_b.id},
                           "another company")
        self.assertRefused(self.technician,
                           {"aftersales_team_ids": [(4, self.team_b.id)]},
                           "another company")
        # a partner of no company is shared by all
        shared = self.env["res.partner"].create(
            {"name": "Shared customer", "company_id": False})
        with self.assertRaises(ValidationError):
            self.env["aftersales.ticket"].create({
                "subject": "Company B request",
                "partner_id": self.customer_b.id,
                "team_id": self.team_b.id, "company_id": self.company_b.id})
        ticket_b = self.env["aftersales.ticket"].create({
            "subject": "Company B request", "partner_id": shared.id,
            "team_id": self.team_b.id, "company_id": self.company_b.id})
        pause = self.env["aftersales.ticket.pause"].create({
            "ticket_id": ticket.id, "date_start": "2026-03-10 10:00:00"})
        self.assertEqual(pause.company_id, ticket.company_id)
        self.assertRefused(pause, {"ticket_id": ticket_b.id},
                           "another company")
        ticket.write({"partner_id": shared.id})
        self.assertEqual(ticket.partner_id, shared)

    def test_workflow_fields(self):
        self.assertRefused(self.team_urban.sudo(self.manager),
                           {"complete_name": "Renamed"}, "change only")
        line = self.env["account.analytic.line"].create({
            "name": "Not a service line", "account_id": self.env[
                "account.analytic.account"].create({"name": "Other"}).id})
        self.assertRefused(line, {"aftersales_service_category": "A"},
                           "change only")

    def test_wizards(self):
        Wizard = self.env["aftersales.ticket.assign.wizard"]
        with self.assertRaises(ValidationError):
            Wizard.create({"mode": "abc"})
        with self.assertRaises(ValidationError):
            Wizard.create({"ticket_ids": "abc"})
        Notify = self.env["aftersales.complaint.notify.wizard"]
        with self.assertRaises(ValidationError):
            Notify.create({"notified_on": "2026-02-30 10:00:00"})
        with self.assertRaises(ValidationError):
            Notify.create({"note": MEGABYTE})

    def test_assign_wizard_with_duplicate_ids(self):
        ticket = self.create_ticket()
        wizard = self.env["aftersales.ticket.assign.wizard"].create({
            "ticket_ids": [(6, 0, ticket.ids)], "mode": "manual",
            "team_id": self.team_urban.id, "user_id": self.technician.id,
            "reassign": True})
        wizard.browse(wizard.ids + wizard.ids).action_assign()
        self.assertEqual(ticket.user_id, self.technician)

    def test_technician_reads_pauses_of_his_teams(self):
        mine = self.create_ticket()
        other = self.create_ticket(team_id=self.team_suburban.id)
        Pause = self.env["aftersales.ticket.pause"]
        pauses = Pause.create({"ticket_id": mine.id,
                               "date_start": "2026-03-10 10:00:00"}) | \
            Pause.create({"ticket_id": other.id,
                          "date_start": "2026-03-10 10:00:00"})
        seen = Pause.sudo(self.technician).search([("id", "in", pauses.ids)])
        self.assertEqual(seen.mapped("ticket_id"), mine)
        seen = Pause.sudo(self.agent).search([("id", "in", pauses.ids)])
        self.assertEqual(len(seen), 2)

    def test_user_of_two_companies_joins_teams_of_both(self):
        self.technician.write({"company_ids": [(4, self.company_b.id)]})
        self.technician.write({"aftersales_team_ids": [(4, self.team_b.id)]})
        self.assertIn(self.technician, self.team_b.member_ids)
