# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

from odoo.exceptions import AccessError, UserError

from .common import AftersalesCase

HOLDING = "Privacy Holding Iberia SA"
HOLDING_EMAIL = "office@privacy-holding.example.com"
HOLDING_PHONE = "+34 911 222 333"
PERSON = "Maria Lopez Garcia"
PERSON_EMAIL = "maria.lopez@privacy-holding.example.com"
PERSON_PHONE = "+34 622 111 000"
PERSONAL_VALUES = (HOLDING, HOLDING_EMAIL, HOLDING_PHONE, PERSON, PERSON_EMAIL,
                   PERSON_PHONE)


class TestPrivacy(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestPrivacy, cls).setUpClass()
        Partner = cls.env["res.partner"]
        cls.holding = Partner.create({
            "name": HOLDING, "is_company": True, "email": HOLDING_EMAIL,
            "phone": HOLDING_PHONE, "street": "Calle Mayor 5", "city": "Toledo",
            "aftersales_consent": True, "aftersales_consent_date": "2026-01-10",
            "aftersales_consent_purpose": "Service of installed equipment",
        })
        cls.person = Partner.create({
            "name": PERSON, "parent_id": cls.holding.id, "email": PERSON_EMAIL,
            "mobile": PERSON_PHONE,
        })
        Category = cls.env["aftersales.ticket.category"]
        cls.cat_noise = Category.create({"name": "Noise"})
        cls.cat_leak = Category.create({"name": "Leak"})

    def _history(self):
        """Tickets of the holding and its contact, with chatter messages
        and tracked changes that hold their personal data."""
        tracked = self.env(context=dict(
            self.env.context, tracking_disable=False, mail_notrack=False))
        tickets = self.env["aftersales.ticket"]
        for partner, category in ((self.person, self.cat_noise),
                                  (self.person, self.cat_leak),
                                  (self.holding, self.cat_noise)):
            tickets |= self.create_ticket(
                partner_id=partner.id, category_id=category.id,
                subject="%s reports a problem" % PERSON,
                description="Write to %s or call %s" % (PERSON_EMAIL, PERSON_PHONE),
                compensation_amount=25.0)
        ticket = tickets[0].with_env(tracked)
        ticket.message_post(
            body="Please call me back on %s. %s" % (PERSON_PHONE, PERSON),
            author_id=self.person.id, message_type="comment")
        ticket.write({"subject": "Callback to %s" % PERSON_EMAIL,
                      "partner_id": self.holding.id})
        ticket.write({"partner_id": self.person.id})
        return tickets

    def _leaks(self, tickets, partners):
        """Where the personal values still appear, searched in SQL."""
        cr = self.env.cr
        leaks = []
        for value in PERSONAL_VALUES:
            pattern = "%%%s%%" % value
            cr.execute("SELECT count(*) FROM aftersales_ticket t "
                       "WHERE t.id IN %s AND t::text ILIKE %s",
                       (tuple(tickets.ids), pattern))
            if cr.fetchone()[0]:
                leaks.append(("ticket", value))
            cr.execute("SELECT count(*) FROM mail_message m "
                       "WHERE ((m.model = 'aftersales.ticket' AND m.res_id IN %s) "
                       "OR m.author_id IN %s) AND m::text ILIKE %s",
                       (tuple(tickets.ids), tuple(partners.ids), pattern))
            if cr.fetchone()[0]:
                leaks.append(("message", value))
            cr.execute("SELECT count(*) FROM mail_tracking_value v "
                       "JOIN mail_message m ON m.id = v.mail_message_id "
                       "WHERE m.model = 'aftersales.ticket' AND m.res_id IN %s "
                       "AND concat_ws(' ', v.old_value_char, v.new_value_char, "
                       "v.old_value_text, v.new_value_text) ILIKE %s",
                       (tuple(tickets.ids), pattern))
            if cr.fetchone()[0]:
                leaks.append(("tracking", value))
            cr.execute("SELECT count(*) FROM res_partner p "
                       "WHERE p.id IN %s AND p::text ILIKE %s",
                       (tuple(partners.ids), pattern))
            if cr.fetchone()[0]:
                leaks.append(("partner", value))
        return leaks

    def _anonymize(self, user, partner, confirm=True):
        wizard = self.env["aftersales.anonymize.wizard"].sudo(user).with_context(
            active_model="res.partner", active_id=partner.id).create(
                {"confirm": confirm})
        self.assertEqual(wizard.partner_id, partner)
        return wizard.action_anonymize()

    def _statistics(self, tickets):
        groups = self.env["aftersales.ticket"].read_group(
            [("id", "in", tickets.ids)], ["category_id", "compensation_amount"],
            ["category_id"])
        return sorted((group["category_id"][0], group["category_id_count"],
                       group["compensation_amount"]) for group in groups)

    def test_anonymise_service_history(self):
        tickets = self._history()
        other = self.create_ticket(partner_id=self.customer_b.id)
        partners = self.holding | self.person
        kinds = {kind for kind, _value in self._leaks(tickets, partners)}
        self.assertEqual(kinds, {"ticket", "message", "tracking", "partner"})
        statistics = self._statistics(tickets)
        dates = tickets.mapped("date_received")

        with self.assertLogs("odoo.addons.aftersales_ticket", logging.INFO) as logs:
            self._anonymize(self.manager, self.holding)
        # the server log names ids only
        for value in PERSONAL_VALUES:
            self.assertNotIn(value.lower(), "\n".join(logs.output).lower())

        self.assertEqual(self._leaks(tickets, partners), [])
        self.assertEqual(self.env["aftersales.ticket"].search_count(
            [("partner_id", "in", partners.ids)]), 3)
        self.assertEqual(self._statistics(tickets), statistics)
        self.assertEqual(tickets.mapped("date_received"), dates)
        self.assertEqual(self.holding.aftersales_ticket_count, 3)
        self.assertTrue(self.holding.name.startswith("Anonymised customer"))
        self.assertFalse(self.holding.aftersales_consent)
        self.assertTrue(self.holding.aftersales_anonymized_on)
        # somebody else's ticket is untouched
        self.assertEqual(other.contact_email, "desk@customer-b.example.com")

    def test_anonymisation_is_for_managers_and_confirmed(self):
        for user in (self.agent, self.director):
            with self.assertRaises(AccessError):
                self._anonymize(user, self.holding)
        with self.assertRaises(UserError):
            self._anonymize(self.manager, self.holding, confirm=False)
        self.assertEqual(self.holding.name, HOLDING)

    def test_internal_user_partner_is_refused(self):
        with self.assertRaises(UserError):
            self._anonymize(self.manager, self.agent.partner_id)
        self.assertEqual(self.agent.name, "Agent")

    def test_ticket_count_smart_button(self):
        self.create_ticket(partner_id=self.person.id)
        self.create_ticket(partner_id=self.person.id)
        self.create_ticket(partner_id=self.holding.id)
        self.create_ticket(partner_id=self.customer_b.id)
        self.assertEqual(self.holding.aftersales_ticket_count, 3)
        self.assertEqual(self.person.aftersales_ticket_count, 2)
        action = self.holding.action_view_aftersales_tickets()
        self.assertEqual(
            self.env["aftersales.ticket"].search_count(action["domain"]), 3)
        # counted with two grouped queries (plus reading the partners and
        # the names of the groups), however many partners are shown
        for limit in (4, 80):
            partners = self.env["res.partner"].search([], limit=limit)
            partners.invalidate_cache()
            queries = self.count_queries(
                partners.mapped, "aftersales_ticket_count")[1]
            self.assertLessEqual(queries, 5, "%d partners" % limit)

    def test_consent_date_set_when_consent_given(self):
        partner = self.env["res.partner"].new({"name": "New customer"})
        partner.aftersales_consent = True
        partner._onchange_aftersales_consent()
        self.assertTrue(partner.aftersales_consent_date)
