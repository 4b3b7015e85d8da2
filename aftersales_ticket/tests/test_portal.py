# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import re

from odoo.exceptions import AccessError

from .common import AftersalesCase, AftersalesHttpCase, create_delivered_lot

PASSWORD = "portal-Secret-2026"


class TestPortalAccessOrm(AftersalesCase):
    """What a portal customer may read, through the ORM."""

    @classmethod
    def setUpClass(cls):
        super(TestPortalAccessOrm, cls).setUpClass()
        contact = cls.env["res.partner"].create({
            "name": "Ana Portal", "parent_id": cls.customer_a.id,
            "email": "ana@customer-a.example.com",
        })
        cls.portal_a = cls.env["res.users"].create({
            "name": "Ana Portal", "login": "test_portal_a",
            "partner_id": contact.id,
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])],
        })
        cls.ticket_a = cls.create_ticket_cls(cls.customer_a, "A's request")
        cls.ticket_a_internal = cls.create_ticket_cls(
            cls.customer_a, "Tool upkeep for A's site", service_category="D")
        cls.ticket_b = cls.create_ticket_cls(cls.customer_b, "B's request")

    @classmethod
    def create_ticket_cls(cls, partner, subject, **values):
        values.update({"partner_id": partner.id, "subject": subject})
        return cls.env["aftersales.ticket"].create(values)

    def test_portal_user_reads_only_its_company_tickets(self):
        Ticket = self.env["aftersales.ticket"].sudo(self.portal_a)
        self.assertEqual(Ticket.search([]), self.ticket_a)
        self.assertEqual(self.ticket_a.sudo(self.portal_a).subject, "A's request")
        with self.assertRaises(AccessError):
            self.ticket_b.sudo(self.portal_a).read(["subject"])

    def test_internal_work_is_hidden_from_the_customer(self):
        with self.assertRaises(AccessError):
            self.ticket_a_internal.sudo(self.portal_a).read(["subject"])
        # nor is the customer a follower, nor was it e-mailed
        self.assertNotIn(self.customer_a,
                         self.ticket_a_internal.message_partner_ids)
        self.assertFalse(self.env["mail.mail"].search([
            ("model", "=", "aftersales.ticket"),
            ("res_id", "=", self.ticket_a_internal.id)]))

    def test_portal_user_cannot_write_or_create(self):
        with self.assertRaises(AccessError):
            self.ticket_a.sudo(self.portal_a).write({"subject": "Changed"})
        with self.assertRaises(AccessError):
            self.env["aftersales.ticket"].sudo(self.portal_a).create({
                "subject": "Direct", "partner_id": self.customer_a.id})

    def test_access_action_opens_the_portal(self):
        action = self.ticket_a.get_access_action(access_uid=self.portal_a.id)
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], "/my/tickets/%d" % self.ticket_a.id)
        action = self.ticket_b.get_access_action(access_uid=self.portal_a.id)
        self.assertEqual(action["type"], "ir.actions.act_window")


class TestPortalHttp(AftersalesHttpCase):
    """The portal pages, over real HTTP requests."""

    def setUp(self):
        super(TestPortalHttp, self).setUp()
        Partner = self.env["res.partner"]
        self.customer_a = Partner.create({
            "name": "Portal Customer A", "is_company": True,
            "email": "desk@portal-a.example.com"})
        self.customer_b = Partner.create({
            "name": "Portal Customer B", "is_company": True,
            "email": "desk@portal-b.example.com"})
        contact_a = Partner.create({
            "name": "Pia Portal", "parent_id": self.customer_a.id,
            "email": "pia@portal-a.example.com", "phone": "+34 600 111 222"})
        self.user_a = self.create_user(
            "test_http_portal_a", ["base.group_portal"], PASSWORD, contact_a)
        Ticket = self.env["aftersales.ticket"]
        self.ticket_a = Ticket.create({
            "subject": "Heating makes noise", "partner_id": self.customer_a.id})
        self.ticket_a_internal = Ticket.create({
            "subject": "Inspect spare parts of A", "service_category": "D",
            "partner_id": self.customer_a.id})
        self.ticket_b = Ticket.create({
            "subject": "Fridge does not cool", "partner_id": self.customer_b.id})
        self.checkpoint()
        self.authenticate("test_http_portal_a", PASSWORD)

    def _csrf_token(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"',
                         response.text).group(1)

    def test_other_customer_ticket_is_not_found(self):
        response = self.url_open("/my/tickets/%d" % self.ticket_b.id)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("Fridge does not cool", response.text)
        response = self.url_open("/my/tickets/%d" % self.ticket_a_internal.id)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("Inspect spare parts", response.text)
        # a ticket that does not exist gets the same answer
        response = self.url_open("/my/tickets/%d" % (self.ticket_b.id + 10 ** 6))
        self.assertEqual(response.status_code, 404)

    def test_list_shows_only_own_customer_requests(self):
        response = self.url_open("/my/tickets")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.ticket_a.name, response.text)
        self.assertIn("Heating makes noise", response.text)
        self.assertNotIn(self.ticket_b.name, response.text)
        self.assertNotIn(self.ticket_a_internal.name, response.text)
        self.assertEqual(response.text.count("o_portal_ticket_row"), 1)

    def test_list_query_count_does_not_grow_with_tickets(self):
        """The list page reads its page of tickets in batches: ten more
        tickets cost no more queries."""
        self.url_open("/my/tickets")  # warm the caches

        def list_queries():
            start = self.cr.sql_log_count  # the server shares this cursor
            response = self.url_open("/my/tickets")
            self.assertEqual(response.status_code, 200)
            return self.cr.sql_log_count - start

        few = list_queries()
        for index in range(10):
            self.env["aftersales.ticket"].create({
                "subject": "Extra request %d" % index,
                "partner_id": self.customer_a.id})
        self.checkpoint()
        many = list_queries()
        self.assertEqual(self.url_open("/my/tickets").text.count(
            "o_portal_ticket_row"), 11)
        self.assertLessEqual(many, few + 2, (few, many))

    def test_home_counts_service_tickets(self):
        response = self.url_open("/my/home")
        self.assertEqual(response.status_code, 200)
        counter = re.search(
            r'o_portal_ticket_counter">\s*<span class="badge">(\d+)</span>',
            response.text)
        self.assertEqual(counter.group(1), "1")

    def test_ticket_page_shows_stage_serial_and_chatter(self):
        lot = create_delivered_lot(
            self.env, self.customer_a, "2025-05-10 09:00:00", 24.0,
            name="SN-PORTAL-1")
        ticket = self.env["aftersales.ticket"].create({
            "subject": "Boiler pressure drops", "partner_id": self.customer_a.id,
            "lot_id": lot.id, "date_received": "2025-11-10 10:00:00"})
        self.checkpoint()
        response = self.url_open(ticket.portal_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Boiler pressure drops", response.text)
        self.assertIn("SN-PORTAL-1", response.text)
        self.assertIn(ticket.stage_id.name, response.text)
        # the customer's wording, not the internal code (issue 19.13)
        self.assertIn("Covered by the warranty (free of charge)",
                      response.text)
        self.assertNotIn("C - Warranty (free)", response.text)
        self.assertIn('data-res_model="aftersales.ticket"', response.text)
        self.assertIn('data-res_id="%d"' % ticket.id, response.text)

    def test_customer_posts_in_the_chatter(self):
        page = self.url_open(self.ticket_a.portal_url)
        self.assertIn('class="hidden-print o_portal_chatter', page.text)
        token = self._csrf_token("/my/tickets/new")
        response = self.url_post("/mail/chatter_post", data={
            "csrf_token": token, "res_model": "aftersales.ticket",
            "res_id": self.ticket_a.id, "message": "Any news about the visit?",
        }, referer=self.ticket_a.portal_url)
        self.assertEqual(response.status_code, 200)
        self.refresh()
        message = self.ticket_a.message_ids.filtered(
            lambda m: "Any news about the visit?" in (m.body or ""))
        self.assertEqual(message.author_id, self.user_a.partner_id)

    def test_new_request_is_always_for_the_user_company(self):
        Ticket = self.env["aftersales.ticket"]
        token = self._csrf_token("/my/tickets/new")
        response = self.url_open("/my/tickets/new", data={
            "csrf_token": token,
            "subject": "Washing machine leaks",
            "description": "Water under the machine after each wash.",
            "request_type": "fault",
            # forged values are ignored
            "partner_id": self.customer_b.id,
            "service_category": "D",
            "team_id": "1",
        })
        self.assertEqual(response.status_code, 200)
        self.refresh()
        ticket = Ticket.search([("subject", "=", "Washing machine leaks")])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.customer_a)
        self.assertEqual(ticket.contact_name, "Pia Portal")
        self.assertEqual(ticket.contact_email, "pia@portal-a.example.com")
        self.assertEqual(ticket.channel, "portal")
        self.assertEqual(ticket.service_category, "A")
        # routed (to the company's fallback team here), not the forged team
        self.assertEqual(ticket.team_id, self.env["aftersales.team"]._route_addresses(
            [(self.customer_a.company_id.id or self.env.user.company_id.id,
              self.customer_a.state_id.id, self.customer_a.zip)])[0])
        self.assertTrue(ticket.team_id)
        self.assertIn(ticket.name, response.text)  # redirected to its page
        self.assertIn(self.customer_a, ticket.message_partner_ids)

    def test_new_request_with_a_serial_of_the_customer(self):
        lot = create_delivered_lot(
            self.env, self.customer_a, "2025-05-10 09:00:00", 24.0,
            name="SN-PORTAL-2")
        other_lot = create_delivered_lot(
            self.env, self.customer_b, "2025-05-10 09:00:00", 24.0,
            name="SN-PORTAL-B")
        self.checkpoint()
        token = self._csrf_token("/my/tickets/new")
        Ticket = self.env["aftersales.ticket"]
        # a serial delivered to another customer is refused
        response = self.url_open("/my/tickets/new", data={
            "csrf_token": token, "subject": "Not my boiler",
            "lot_id": other_lot.id})
        self.assertEqual(response.status_code, 200)
        self.assertIn("choose one of your serial numbers", response.text)
        self.refresh()
        self.assertFalse(Ticket.search([("subject", "=", "Not my boiler")]))
        response = self.url_open("/my/tickets/new", data={
            "csrf_token": token, "subject": "My boiler", "lot_id": lot.id})
        self.refresh()
        ticket = Ticket.search([("subject", "=", "My boiler")])
        self.assertEqual(ticket.lot_id, lot)
        self.assertEqual(ticket.product_id, lot.product_id)
        self.assertEqual(ticket.service_category, "C")

    def test_new_request_with_photos(self):
        token = self._csrf_token("/my/tickets/new")
        photo = b"\x89PNG\r\n\x1a\n" + b"0" * 64
        response = self.url_post("/my/tickets/new", data={
            "csrf_token": token, "subject": "Cracked front panel",
            "description": "See the photos.", "request_type": "claim",
        }, files=[
            ("attachments", ("panel-front.png", photo, "image/png")),
            ("attachments", ("panel-side.png", photo, "image/png")),
        ])
        self.assertEqual(response.status_code, 200)
        self.refresh()
        ticket = self.env["aftersales.ticket"].search(
            [("subject", "=", "Cracked front panel")])
        self.assertEqual(ticket.request_type, "claim")
        self.assertEqual(sorted(ticket.attachment_ids.mapped("name")),
                         ["panel-front.png", "panel-side.png"])
        opening = ticket.message_ids.filtered(
            lambda m: m.author_id == self.user_a.partner_id)
        self.assertEqual(opening.attachment_ids, ticket.attachment_ids)
        self.assertIn("See the photos.", opening.body)

    def test_new_request_without_subject_is_refused(self):
        Ticket = self.env["aftersales.ticket"]
        count = Ticket.search_count([])
        token = self._csrf_token("/my/tickets/new")
        response = self.url_open("/my/tickets/new", data={
            "csrf_token": token, "subject": "   ",
            "description": "Something is broken"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("give a short summary", response.text)
        self.refresh()
        self.assertEqual(Ticket.search_count([]), count)
