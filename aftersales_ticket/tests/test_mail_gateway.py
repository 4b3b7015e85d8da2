# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from .common import AftersalesCase

FIRST_MAIL = """\
Return-Path: <service@customer-a.example.com>
From: Jane Buyer <service@customer-a.example.com>
To: {alias}@aftersales.example.com
Subject: Boiler leaks in the basement
Date: Mon, 10 Nov 2025 09:15:00 +0100
Message-ID: <first-0001@customer-a.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Hello, our boiler leaks water since this morning. Serial SN-12345.
"""

REPLY_MAIL = """\
From: Jane Buyer <service@customer-a.example.com>
To: {alias}@aftersales.example.com
Subject: Re: Boiler leaks in the basement
Date: Mon, 10 Nov 2025 11:40:00 +0100
Message-ID: <reply-0002@customer-a.example.com>
In-Reply-To: <first-0001@customer-a.example.com>
References: <first-0001@customer-a.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

We will be at home all afternoon, the leak is getting worse.
"""

UNKNOWN_SENDER_MAIL = """\
From: Nuevo Cliente <nuevo@cliente-nuevo.example.com>
To: {alias}@aftersales.example.com
Subject: La lavadora no centrifuga
Message-ID: <new-0003@cliente-nuevo.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Buenos dias, la lavadora no centrifuga.
"""

NO_SENDER_MAIL = """\
To: {alias}@aftersales.example.com
Subject: Anonymous request
Message-ID: <anonymous-0004@nowhere.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Who am I?
"""

# A reply to another customer's acknowledgement (its Message-Id), from an
# address that neither follows that ticket nor works here.
FOREIGN_REPLY_MAIL = """\
From: Mallory Outsider <{sender}>
To: {alias}@aftersales.example.com
Subject: Re: your service request
Message-ID: <{message_id}@outsider.example.com>
In-Reply-To: {parent}
References: {parent}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Please send me the technician's phone number and the address of the job.
"""


class TestMailGateway(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestMailGateway, cls).setUpClass()
        cls.env["ir.config_parameter"].set_param(
            "mail.catchall.domain", "aftersales.example.com")
        cls.team_urban.alias_name = "test-urban-service"
        cls.team_suburban.alias_name = "test-suburban-service"
        cls.Ticket = cls.env["aftersales.ticket"]

    def _process(self, template, alias="test-urban-service"):
        return self.env["mail.thread"].message_process(
            None, template.format(alias=alias))

    def test_mail_to_team_alias_creates_one_ticket(self):
        count = self.Ticket.search_count([])
        ticket_id = self._process(FIRST_MAIL)
        self.assertEqual(self.Ticket.search_count([]), count + 1)
        ticket = self.Ticket.browse(ticket_id)
        self.assertEqual(ticket.subject, "Boiler leaks in the basement")
        self.assertEqual(ticket.team_id, self.team_urban)
        self.assertEqual(ticket.partner_id, self.customer_a)
        self.assertEqual(ticket.channel, "email")
        self.assertEqual(ticket.contact_email, "service@customer-a.example.com")
        self.assertIn("leaks water", ticket.description)
        self.assertTrue(ticket.name.startswith("AS"), ticket.name)
        incoming = ticket.message_ids.filtered(
            lambda m: m.message_id == "<first-0001@customer-a.example.com>")
        self.assertEqual(incoming.author_id, self.customer_a)
        # the customer follows its request and got an acknowledgement
        self.assertIn(self.customer_a, ticket.message_partner_ids)
        acknowledgement = self.env["mail.mail"].search([
            ("model", "=", "aftersales.ticket"), ("res_id", "=", ticket.id),
            ("recipient_ids", "in", self.customer_a.ids)])
        self.assertEqual(len(acknowledgement), 1)
        self.assertIn(ticket.name, acknowledgement.subject)

    def test_alias_decides_the_team(self):
        ticket = self.Ticket.browse(
            self._process(FIRST_MAIL, alias="test-suburban-service"))
        self.assertEqual(ticket.team_id, self.team_suburban)

    def test_reply_is_appended_to_the_same_ticket(self):
        ticket = self.Ticket.browse(self._process(FIRST_MAIL))
        count = self.Ticket.search_count([])
        reply_thread_id = self._process(REPLY_MAIL)
        self.assertEqual(reply_thread_id, ticket.id)
        self.assertEqual(self.Ticket.search_count([]), count)
        reply = ticket.message_ids.filtered(
            lambda m: m.message_id == "<reply-0002@customer-a.example.com>")
        self.assertEqual(len(reply), 1)
        self.assertIn("getting worse", reply.body)
        self.assertEqual(reply.author_id, self.customer_a)

    def test_unknown_sender_gets_a_partner(self):
        Partner = self.env["res.partner"]
        self.assertFalse(Partner.search(
            [("email", "=ilike", "nuevo@cliente-nuevo.example.com")]))
        ticket = self.Ticket.browse(self._process(UNKNOWN_SENDER_MAIL))
        partner = Partner.search(
            [("email", "=ilike", "nuevo@cliente-nuevo.example.com")])
        self.assertEqual(len(partner), 1)
        self.assertEqual(partner.name, "Nuevo Cliente")
        self.assertEqual(ticket.partner_id, partner)
        self.assertEqual(ticket.subject, "La lavadora no centrifuga")
        # a second mail of the same sender reuses the partner
        second = UNKNOWN_SENDER_MAIL.replace("new-0003", "new-0005")
        other = self.Ticket.browse(self._process(second))
        self.assertNotEqual(other, ticket)
        self.assertEqual(other.partner_id, partner)

    def test_mail_without_sender_creates_nothing(self):
        count = self.Ticket.search_count([])
        partners = self.env["res.partner"].search_count([])
        with self.assertRaisesRegex(ValueError, "no valid sender address"):
            self._process(NO_SENDER_MAIL)
        self.assertEqual(self.Ticket.search_count([]), count)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def _acknowledgement_message_id(self, ticket):
        mail = self.env["mail.mail"].search([
            ("model", "=", "aftersales.ticket"), ("res_id", "=", ticket.id),
            ("recipient_ids", "in", self.customer_a.ids)])
        self.assertEqual(len(mail), 1)
        self.assertTrue(mail.mail_message_id.message_id)
        return mail.mail_message_id.message_id

    def _foreign_reply(self, parent, sender="mallory@outsider.example.com",
                       message_id="hijack-0001"):
        return self.env["mail.thread"].message_process(
            None, FOREIGN_REPLY_MAIL.format(
                alias="test-urban-service", parent=parent, sender=sender,
                message_id=message_id))

    def test_reply_from_a_stranger_opens_a_new_ticket(self):
        ticket = self.Ticket.browse(self._process(FIRST_MAIL))
        ticket.user_id = self.technician
        parent = self._acknowledgement_message_id(ticket)
        messages = ticket.message_ids
        followers = ticket.message_partner_ids
        mails = self.env["mail.mail"].search([])
        count = self.Ticket.search_count([])
        thread_id = self._foreign_reply(parent)
        self.assertNotEqual(thread_id, ticket.id)
        self.assertEqual(self.Ticket.search_count([]), count + 1)
        # nothing changed on the other customer's ticket
        ticket.invalidate_cache()
        self.assertEqual(ticket.message_ids, messages)
        self.assertEqual(ticket.message_partner_ids, followers)
        new_mails = self.env["mail.mail"].search([]) - mails
        told = new_mails.mapped("recipient_ids")
        self.assertNotIn(self.customer_a, told)
        self.assertNotIn(self.technician.partner_id, told)
        self.assertFalse(new_mails.filtered(lambda m: m.res_id == ticket.id))
        # a new request of the stranger, for the same team
        new = self.Ticket.browse(thread_id)
        self.assertEqual(new.contact_email, "mallory@outsider.example.com")
        self.assertEqual(new.partner_id.email, "mallory@outsider.example.com")
        self.assertEqual(new.team_id, ticket.team_id)
        incoming = new.message_ids.filtered(
            lambda m: m.message_id == "<hijack-0001@outsider.example.com>")
        self.assertEqual(len(incoming), 1)
        # not an answer in the other conversation
        self.assertNotIn(incoming.parent_id, ticket.message_ids)
        self.assertEqual(incoming.parent_id.res_id or new.id, new.id)
        self.assertNotIn(ticket.name, new.description or "")

    def test_reply_from_another_customer_opens_a_new_ticket(self):
        ticket = self.Ticket.browse(self._process(FIRST_MAIL))
        parent = self._acknowledgement_message_id(ticket)
        thread_id = self._foreign_reply(
            parent, sender="desk@customer-b.example.com",
            message_id="hijack-0002")
        self.assertNotEqual(thread_id, ticket.id)
        self.assertEqual(self.Ticket.browse(thread_id).partner_id,
                         self.customer_b)
        self.assertNotIn(self.customer_b, ticket.message_partner_ids)

    def test_replies_of_staff_and_customer_contacts_join_the_ticket(self):
        ticket = self.Ticket.browse(self._process(FIRST_MAIL))
        parent = self._acknowledgement_message_id(ticket)
        count = self.Ticket.search_count([])
        # an agent (an internal user) answers from his mailbox
        self.assertEqual(self._foreign_reply(
            parent, sender="agent@aftersales.example.com",
            message_id="staff-0003"), ticket.id)
        # a colleague of the customer, known as its contact, writes in
        colleague = self.env["res.partner"].create({
            "name": "Colleague A", "parent_id": self.customer_a.id,
            "email": "colleague@customer-a.example.com"})
        self.assertEqual(self._foreign_reply(
            parent, sender="colleague@customer-a.example.com",
            message_id="colleague-0004"), ticket.id)
        self.assertEqual(self.Ticket.search_count([]), count)
        self.assertIn(colleague, ticket.message_partner_ids)
