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
