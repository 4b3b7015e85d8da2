# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import AccessError, ValidationError

from .common import FIXED_NOW, AftersalesCase, frozen_clock
from .test_ticket_basics import CREATION_BOUND


class TestTicketIntake(AftersalesCase):
    """Registration through the ORM (agent form, other modules)."""

    @classmethod
    def setUpClass(cls):
        super(TestTicketIntake, cls).setUpClass()
        cls.Ticket = cls.env["aftersales.ticket"]
        cls.stage_closed = cls.env.ref("aftersales_ticket.stage_closed")
        cls.stage_cancelled = cls.env.ref("aftersales_ticket.stage_cancelled")
        cls.stage_in_progress = cls.env.ref("aftersales_ticket.stage_in_progress")
        cls.contact_a = cls.env["res.partner"].create({
            "name": "Carla Contact", "parent_id": cls.customer_a.id,
            "email": "carla@customer-a.example.com"})

    def _acknowledgements(self, ticket):
        return self.env["mail.mail"].search([
            ("model", "=", "aftersales.ticket"), ("res_id", "=", ticket.id)])

    def test_agent_registers_a_request(self):
        ticket = self.create_ticket(
            partner_id=self.contact_a.id, request_type="installation",
            priority="2")
        self.assertEqual(ticket.commercial_partner_id, self.customer_a)
        self.assertEqual(ticket.contact_name, "Carla Contact")
        self.assertEqual(ticket.service_category, "A")
        self.assertIn(self.contact_a, ticket.message_partner_ids)
        acknowledgement = self._acknowledgements(ticket)
        self.assertEqual(len(acknowledgement), 1)
        self.assertEqual(acknowledgement.recipient_ids, self.contact_a)
        self.assertIn(ticket.name, acknowledgement.body_html)
        self.assertIn("/my/tickets/%d" % ticket.id, acknowledgement.body_html)

    def test_bad_values_are_refused_with_a_clear_message(self):
        count = self.Ticket.search_count([])
        cases = [
            ({"partner_id": False}, "needs a customer"),
            ({"subject": ""}, "needs a subject"),
            ({"partner_id": 10 ** 9}, "Customer #1000000000 does not exist."),
            ({"team_id": "Urban"}, "Service Team: expected the id of a record"),
            ({"priority": "9"}, "Priority: '9' is not one of 0, 1, 2, 3."),
            ({"service_category": "X"}, "Service Category: 'X' is not one of"),
        ]
        for values, message in cases:
            with self.assertRaisesRegex(ValidationError, message):
                self.create_ticket(**values)
        self.assertEqual(self.Ticket.search_count([]), count)

    def test_customer_cannot_be_removed(self):
        ticket = self.create_ticket()
        with self.assertRaisesRegex(ValidationError, "cannot lose its customer"):
            ticket.write({"partner_id": False})
        with self.assertRaisesRegex(ValidationError, "needs a subject"):
            ticket.write({"subject": " "})

    def test_closing_stage_stamps_date_closed(self):
        ticket = self.create_ticket()
        self.assertFalse(ticket.date_closed)
        ticket.write({"stage_id": self.stage_in_progress.id})
        self.assertFalse(ticket.date_closed)
        ticket.write({"stage_id": self.stage_closed.id})
        closed_on = ticket.date_closed
        self.assertTrue(closed_on)
        self.assertTrue(ticket.is_closed)
        # moving between closing stages keeps the first closing date
        ticket.write({"date_closed": "2025-01-01 08:00:00"})
        ticket.write({"stage_id": self.stage_cancelled.id})
        self.assertEqual(ticket.date_closed, "2025-01-01 08:00:00")
        # reopening clears it
        ticket.write({"stage_id": self.stage_in_progress.id})
        self.assertFalse(ticket.date_closed)

    def test_closing_several_tickets_at_once(self):
        tickets = self.create_ticket() | self.create_ticket()
        tickets.write({"stage_id": self.stage_closed.id})
        self.assertTrue(all(tickets.mapped("date_closed")))
        # registered directly as closed (e.g. a request solved on the phone)
        solved = self.create_ticket(stage_id=self.stage_closed.id)
        self.assertTrue(solved.date_closed)

    def test_internal_work_never_reaches_the_customer(self):
        ticket = self.create_ticket(
            partner_id=self.contact_a.id, service_category="D")
        self.assertFalse(self._acknowledgements(ticket))
        self.assertNotIn(self.contact_a, ticket.message_partner_ids)
        # neither by following it ...
        ticket.message_subscribe(
            partner_ids=(self.contact_a | self.customer_a
                         | self.technician.partner_id).ids)
        self.assertNotIn(self.contact_a, ticket.message_partner_ids)
        self.assertNotIn(self.customer_a, ticket.message_partner_ids)
        self.assertIn(self.technician.partner_id, ticket.message_partner_ids)
        # ... nor by being named as the recipient of a message
        message = ticket.message_post(
            body="Parts checked", message_type="comment",
            subtype="mail.mt_comment",
            partner_ids=[(4, self.contact_a.id), self.technician.partner_id.id])
        self.assertEqual(message.partner_ids, self.technician.partner_id)
        # suggested recipients leave the customer out
        suggested = ticket.message_get_suggested_recipients()[ticket.id]
        self.assertFalse([item for item in suggested
                          if item[0] == self.contact_a.id])

    def test_request_turned_into_internal_work_drops_the_customer(self):
        ticket = self.create_ticket(partner_id=self.contact_a.id)
        self.assertIn(self.contact_a, ticket.message_partner_ids)
        ticket.write({"service_category": "D"})
        self.assertNotIn(self.contact_a, ticket.message_partner_ids)

    def test_customer_is_suggested_recipient(self):
        ticket = self.create_ticket(partner_id=self.contact_a.id)
        # followers are not suggested: only once it stopped following
        ticket.message_unsubscribe(partner_ids=self.contact_a.ids)
        suggested = ticket.message_get_suggested_recipients()[ticket.id]
        self.assertIn(self.contact_a.id, [item[0] for item in suggested])

    def test_onchange_proposes_the_category(self):
        draft = self.Ticket.new({
            "partner_id": self.customer_a.id, "service_category": "C",
            "date_received": "2025-11-10 10:00:00"})
        draft._onchange_coverage()
        self.assertEqual(draft.service_category, "A")
        internal = self.Ticket.new({
            "partner_id": self.customer_a.id, "service_category": "D"})
        internal._onchange_coverage()
        self.assertEqual(internal.service_category, "D")

    def test_creation_query_count_with_acknowledgement(self):
        """Registering a request (number, snapshot, coverage, follower and
        acknowledgement e-mail) stays within a fixed number of queries, on a
        fixed clock (see test_ticket_basics.test_creation_query_count)."""
        with frozen_clock():
            self.create_ticket(date_received=FIXED_NOW)  # warm the caches
            ticket, count = self.steady_query_count(
                self.create_ticket, date_received=FIXED_NOW)
            self.assertEqual(len(self._acknowledgements(ticket)), 1)
            self.assertLessEqual(count, CREATION_BOUND)
            for _index in range(10):
                self.create_ticket(date_received=FIXED_NOW)
            _ticket, count_after = self.steady_query_count(
                self.create_ticket, date_received=FIXED_NOW)
            self.assertLessEqual(count_after, count)


class TestTicketRecordRules(AftersalesCase):
    """Who sees which ticket."""

    @classmethod
    def setUpClass(cls):
        super(TestTicketRecordRules, cls).setUpClass()
        Ticket = cls.env["aftersales.ticket"]
        cls.urban_ticket = Ticket.create({
            "subject": "Urban job", "partner_id": cls.customer_a.id,
            "team_id": cls.team_urban.id})
        cls.suburban_ticket = Ticket.create({
            "subject": "Suburban job", "partner_id": cls.customer_b.id,
            "team_id": cls.team_suburban.id})
        cls.assigned_ticket = Ticket.create({
            "subject": "Assigned across teams", "partner_id": cls.customer_b.id,
            "team_id": cls.team_suburban.id, "user_id": cls.technician.id})
        cls.all_tickets = cls.urban_ticket | cls.suburban_ticket | \
            cls.assigned_ticket

    def _visible(self, user):
        return self.env["aftersales.ticket"].sudo(user).search(
            [("id", "in", self.all_tickets.ids)])

    def test_technician_sees_its_team_and_its_assignments(self):
        self.assertEqual(self._visible(self.technician),
                         self.urban_ticket | self.assigned_ticket)
        self.assertEqual(self._visible(self.technician_other),
                         self.suburban_ticket | self.assigned_ticket)
        with self.assertRaises(AccessError):
            self.suburban_ticket.sudo(self.technician).read(["subject"])

    def test_agents_directors_managers_see_all(self):
        for user in (self.agent, self.director, self.manager):
            self.assertEqual(self._visible(user), self.all_tickets, user.login)

    def test_other_company_is_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        # a customer of that company (a company's partners are its own)
        customer = self.env["res.partner"].create(
            {"name": "Foreign customer", "company_id": other_company.id})
        foreign = self.env["aftersales.ticket"].create({
            "subject": "Foreign", "partner_id": customer.id,
            "company_id": other_company.id})
        self.assertFalse(self.env["aftersales.ticket"].sudo(self.agent).search(
            [("id", "=", foreign.id)]))
