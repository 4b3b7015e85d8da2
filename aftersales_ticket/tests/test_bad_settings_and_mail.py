# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""One bad setting or one bad e-mail must not stop every new request
(issue 20, items 5 and 16)."""
from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import AftersalesCase

GARBAGE_FROM_MAIL = """\
From: {sender}
To: test-urban-service@aftersales.example.com
Subject: Garbage sender {index}
Message-ID: <garbage-{index}@nowhere.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Hello.
"""


class TestBadSettings(AftersalesCase):

    def test_every_ticket_setting_is_refused_out_of_range(self):
        """As the settings screen sends them (create, then execute), by an
        administrator: NaN, infinities, 1e308, a window of 2147483647 days
        or a negative value are refused with the setting's name; nothing
        is stored; tickets are still registered."""
        Settings = self.env["res.config.settings"]
        bad = {
            "aftersales_urban_arrival_hours": (
                float("nan"), float("inf"), 1e308, -1.0),
            "aftersales_suburban_arrival_hours": (float("-inf"), 1e308),
            "aftersales_repeat_complaint_days": (2147483647, -1),
        }
        for field_name, values in bad.items():
            for value in values:
                # refused by its range, or first as no number at all
                with self.assertRaisesRegex(
                        ValidationError,
                        "is not accepted|is not a number|is out of range"):
                    Settings.create({field_name: value}).execute()
        # a sane value is accepted
        Settings.create({"aftersales_urban_arrival_hours": 6.0,
                         "aftersales_repeat_complaint_days": 60}).execute()
        self.assertEqual(Settings.get_values()[
            "aftersales_repeat_complaint_days"], 60)
        self.assertEqual(
            self.env.ref("aftersales_ticket.sla_policy_urban")
            ._get_targets()["arrival"], 6.0)

    @mute_logger("odoo.addons.aftersales_ticket.models.aftersales_sla_policy",
                 "odoo.addons.aftersales_ticket.models."
                 "aftersales_ticket_complaint")
    def test_bad_stored_parameters_do_not_stop_new_requests(self):
        """Parameters written past the settings (system parameters menu):
        the default is used, every request and complaint is registered."""
        policy = self.env.ref("aftersales_ticket.sla_policy_urban")
        set_param = self.env["ir.config_parameter"].set_param
        for arrival, days in (("nan", "2147483647"), ("1e308", "-5"),
                              ("inf", "abc")):
            set_param(policy.arrival_hours_param, arrival)
            set_param("aftersales.repeat_complaint_days", days)
            self.assertEqual(policy._get_targets()["arrival"],
                             policy.arrival_hours)
            ticket = self.create_ticket(request_type="complaint")
            self.assertTrue(ticket.name)


class TestGarbageSender(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestGarbageSender, cls).setUpClass()
        cls.env["ir.config_parameter"].set_param(
            "mail.catchall.domain", "aftersales.example.com")
        cls.team_urban.alias_name = "test-urban-service"

    def _process(self, sender, index):
        return self.env["mail.thread"].message_process(
            None, GARBAGE_FROM_MAIL.format(sender=sender, index=index))

    def test_garbage_from_gives_a_ticket_or_a_clean_refusal(self):
        """A From that e-mail parsing turns into an address not in the text
        (``ValueError: substring not found`` in Odoo's partner creation
        before) gives a ticket from a new partner with the parsed address;
        a From with no usable address is refused cleanly, creating
        nothing."""
        Ticket = self.env["aftersales.ticket"]
        ticket = Ticket.browse(self._process(
            "Odd (comment) <odd@(x)garbage-sender.example.com>", 1))
        self.assertEqual(ticket.contact_email, "odd@garbage-sender.example.com")
        self.assertEqual(ticket.partner_id.email,
                         "odd@garbage-sender.example.com")
        self.assertEqual(ticket.channel, "email")
        for index, sender in enumerate((
                "foo@bar@baz", "@@", "<>", "a @b", "x" * 300 + "@y.example"),
                start=2):
            tickets = Ticket.search_count([])
            partners = self.env["res.partner"].search_count([])
            with self.assertRaisesRegex(ValueError,
                                        "no valid sender address"):
                self._process(sender, index)
            self.assertEqual(Ticket.search_count([]), tickets)
            self.assertEqual(self.env["res.partner"].search_count([]),
                             partners)
