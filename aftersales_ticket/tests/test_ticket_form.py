# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The ticket form as an agent uses it: the values the web client sends
(defaults, onchanges, empty fields), the routing of what it creates and
the buttons it shows."""
import json

from lxml import etree

from odoo.exceptions import UserError

from .common import AftersalesCase, frozen_clock

MONDAY_10 = "2026-11-23 10:00:00"  # within the test calendar's hours
CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_mobile",
                  "contact_email", "contact_street", "contact_street2",
                  "contact_zip", "contact_city", "contact_state_id",
                  "contact_country_id")
VOUCHER_BUTTONS = ("action_arrive", "action_consume_parts", "action_resolve",
                   "action_create_invoice", "Print Voucher")


def eval_domain(domain, values):
    """Evaluate a view modifier's domain (prefix notation, as the web
    client does) on the ``values`` of a record (those of ``read``)."""
    if isinstance(domain, bool):
        return domain
    stack = []
    for token in reversed(domain):
        if token in ("|", "&"):
            first, second = stack.pop(), stack.pop()
            stack.append(first or second if token == "|" else first and second)
        elif token == "!":
            stack.append(not stack.pop())
        else:
            name, operator, expected = token
            value = values[name]
            if isinstance(value, (list, tuple)):  # many2one: (id, name)
                value = value[0] if value else False
            if operator == "=":
                stack.append(value == expected)
            elif operator == "!=":
                stack.append(value != expected)
            elif operator == "in":
                stack.append(value in expected)
            elif operator == "not in":
                stack.append(value not in expected)
            else:
                raise NotImplementedError(operator)
    return all(stack)


class FormCase(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(FormCase, cls).setUpClass()
        cls.calendar = cls.env["resource.calendar"].create({
            "name": "Form test hours", "tz": "UTC",
            "attendance_ids": [(5, 0, 0)] + [
                (0, 0, {"name": "Day %d" % day, "dayofweek": str(day),
                        "hour_from": 8.0, "hour_to": 18.0})
                for day in range(5)],
        })
        (cls.headquarters | cls.team_urban | cls.team_suburban).write(
            {"resource_calendar_id": cls.calendar.id})
        cls.Ticket = cls.env["aftersales.ticket"].sudo(cls.agent)

    def form_view(self, user=None):
        Ticket = self.Ticket.sudo(user or self.agent)
        return Ticket.fields_view_get(view_type="form")

    def new_form_values(self, **changes):
        """The values of a new ticket on the form, as the web client has
        them: the defaults, every other field of the form empty (False),
        then ``changes`` with their onchanges applied."""
        view = self.form_view()
        names = list(view["fields"])
        values = dict.fromkeys(names, False)
        values.update(self.Ticket.default_get(names))
        spec = self.Ticket._onchange_spec(view_info=view)
        for name, value in changes.items():
            values[name] = value
            result = self.Ticket.onchange(values, name, spec)
            for key, new in result.get("value", {}).items():
                if isinstance(new, (list, tuple)) and len(new) == 2 and \
                        isinstance(new[0], int):
                    new = new[0]  # many2one as (id, name)
                values[key] = new
        return values

    def create_from_form(self, values, **extra):
        """Save the form: the web client sends every field it holds (empty
        ones as False), except the read-only ones; plus ``extra``."""
        view = self.form_view()
        vals = {name: value for name, value in values.items()
                if name in view["fields"]
                and not view["fields"][name].get("readonly")
                and view["fields"][name]["type"] not in ("one2many",
                                                         "many2many")}
        vals.update(extra)
        return self.Ticket.create(vals)


class TestFormContactDetails(FormCase):
    """Item 12: the form and the creation take the customer's contact
    details, whatever the channel."""

    def test_choosing_the_customer_fills_the_contact(self):
        state = self.env["res.country.state"].search([], limit=1)
        self.customer_a.write({"mobile": "+34 699 000 009", "zip": "28013",
                               "state_id": state.id,
                               "country_id": state.country_id.id})
        values = self.new_form_values(partner_id=self.customer_a.id)
        self.assertEqual(values["contact_name"], "Customer A Ltd")
        self.assertEqual(values["contact_phone"], "+34 600 000 001")
        self.assertEqual(values["contact_mobile"], "+34 699 000 009")
        self.assertEqual(values["contact_email"],
                         "service@customer-a.example.com")
        self.assertEqual(values["contact_street"], "1 Main Street")
        self.assertEqual(values["contact_city"], "Madrid")
        self.assertEqual(values["contact_zip"], "28013")
        self.assertEqual(values["contact_state_id"], state.id)
        self.assertEqual(values["contact_country_id"], state.country_id.id)
        # another customer replaces them all, empty ones included
        values = self.new_form_values(partner_id=self.customer_b.id)
        self.assertEqual(values["contact_name"], "Customer B SL")
        self.assertEqual(values["contact_email"], "desk@customer-b.example.com")
        self.assertFalse(values["contact_phone"])
        self.assertFalse(values["contact_street"])
        # saved as they are on the form
        values = self.new_form_values(partner_id=self.customer_a.id)
        values["subject"] = "Boiler pressure drops"
        values["contact_phone"] = "+34 611 222 333"  # typed by the agent
        ticket = self.create_from_form(values)
        self.assertEqual(ticket.contact_phone, "+34 611 222 333")
        self.assertEqual(ticket.contact_street, "1 Main Street")
        self.assertEqual(ticket.contact_zip, "28013")

    def test_creation_fills_empty_contact_fields_on_every_channel(self):
        channels = [key for key, _label in self.env["aftersales.ticket"]
                    ._fields["channel"]._description_selection(self.env)]
        self.assertIn("phone", channels)
        for channel in channels:
            vals = dict.fromkeys(CONTACT_FIELDS, False)
            vals.update({"subject": "Request by %s" % channel,
                         "partner_id": self.customer_a.id,
                         "channel": channel, "contact_email": ""})
            ticket = self.Ticket.create(vals)
            self.assertEqual(ticket.contact_name, "Customer A Ltd", channel)
            self.assertEqual(ticket.contact_phone, "+34 600 000 001", channel)
            self.assertEqual(ticket.contact_email,
                             "service@customer-a.example.com", channel)
            self.assertEqual(ticket.contact_city, "Madrid", channel)
        # what the caller gives is kept
        ticket = self.Ticket.create({
            "subject": "Call from the site", "partner_id": self.customer_a.id,
            "contact_name": "Site Foreman", "contact_phone": "+34 622 000 111"})
        self.assertEqual(ticket.contact_name, "Site Foreman")
        self.assertEqual(ticket.contact_phone, "+34 622 000 111")
        self.assertEqual(ticket.contact_street, "1 Main Street")


class TestFormRouting(FormCase):
    """Item 11: a ticket saved from the agent's form, whose customer no
    team's states or ZIP prefixes match, still gets a team (the company's
    fallback), its technician when the team dispatches automatically, and
    its SLA deadlines."""

    def setUp(self):
        super(TestFormRouting, self).setUp()
        # the company's fallback team, in the urban zone (urban SLA policy)
        self.headquarters.write({
            "is_default": True, "zone": "urban",
            "member_ids": [(6, 0, [self.technician.id])]})

    def _form_ticket(self):
        """Customer B has no address a team serves."""
        with frozen_clock(MONDAY_10):
            values = self.new_form_values(partner_id=self.customer_b.id)
            values["subject"] = "Lift is stuck"
            self.assertFalse(values["team_id"])
            return self.create_from_form(values, date_received=MONDAY_10)

    def test_unmatched_customer_gets_fallback_team_technician_and_sla(self):
        ticket = self._form_ticket()
        self.assertEqual(ticket.team_id, self.headquarters)
        self.assertEqual(ticket.user_id, self.technician)
        self.assertTrue(ticket.date_dispatched)
        self.assertEqual(ticket.sla_policy_id,
                         self.env.ref("aftersales_ticket.sla_policy_urban"))
        self.assertEqual(ticket.sla_dispatch_deadline, "2026-11-23 12:00:00")
        self.assertTrue(ticket.sla_arrival_deadline)

    def test_root_team_is_the_fallback_without_default_team(self):
        self.headquarters.is_default = False
        others = self.env["aftersales.team"].search([
            ("company_id", "=", self.company.id), ("parent_id", "=", False),
            ("id", "!=", self.headquarters.id)])
        others.write({"active": False})
        ticket = self._form_ticket()
        self.assertEqual(ticket.team_id, self.headquarters)
        self.assertTrue(ticket.sla_dispatch_deadline)

    def test_dispatch_automatically_from_the_form(self):
        self.headquarters.auto_assign = False
        ticket = self._form_ticket()
        self.assertEqual(ticket.team_id, self.headquarters)
        self.assertFalse(ticket.user_id)
        self.assertTrue(ticket.sla_dispatch_deadline)
        with frozen_clock(MONDAY_10):
            result = ticket.sudo(self.agent).action_assign()
        self.assertIs(result, True)  # no warning
        self.assertEqual(ticket.user_id, self.technician)
        self.assertEqual(ticket.stage_id,
                         self.env.ref("aftersales_ticket.stage_dispatched"))


class TestFormButtons(FormCase):
    """Item 13: the voucher's buttons show only where they apply."""

    def _buttons(self, user=None):
        """{button name or label: its "invisible" modifier}."""
        arch = etree.fromstring(self.form_view(user)["arch"])
        buttons = {}
        for node in arch.iter("button"):
            if node.get("name") in VOUCHER_BUTTONS or \
                    node.get("string") in VOUCHER_BUTTONS:
                key = node.get("name") if node.get("name") in VOUCHER_BUTTONS \
                    else node.get("string")
                modifiers = json.loads(node.get("modifiers") or "{}")
                buttons[key] = modifiers.get("invisible", False)
        self.assertEqual(set(buttons), set(VOUCHER_BUTTONS))
        return buttons

    def _visible(self, values, user=None):
        return {name for name, invisible in self._buttons(user).items()
                if not eval_domain(invisible, values)}

    def _record_values(self, ticket):
        names = list(self.form_view()["fields"]) + ["id"]
        return ticket.read(names)[0]

    def test_new_ticket_shows_no_voucher_button(self):
        values = self.new_form_values(partner_id=self.customer_a.id)
        values["id"] = False
        self.assertEqual(self._visible(values), set())
        # saved but not dispatched yet: nothing either
        ticket = self.Ticket.with_context(
            aftersales_no_auto_assign=True).create(
                {"subject": "Not dispatched", "partner_id": self.customer_a.id,
                 "service_category": "A"})
        self.assertFalse(ticket.user_id)
        self.assertEqual(self._visible(self._record_values(ticket)), set())

    def test_actions_that_do_not_apply_say_why(self):
        """Over RPC, where the buttons are not shown, the actions refuse."""
        ticket = self.Ticket.with_context(
            aftersales_no_auto_assign=True).create(
                {"subject": "Not dispatched", "partner_id": self.customer_a.id,
                 "service_category": "A"})
        # (taking parts without technician: test_voucher's van test)
        for action in ("action_arrive", "action_resolve"):
            with self.assertRaisesRegex(UserError, "no technician is"):
                getattr(ticket, action)()
        self.assertFalse(ticket.date_arrived)
        self.assertFalse(ticket.date_resolved)
        internal = self.create_ticket(user_id=self.technician.id,
                                      service_category="D")
        with self.assertRaisesRegex(UserError, "nothing to invoice"):
            internal.action_create_invoice()
        self.assertFalse(internal.invoice_ids)

    def test_buttons_follow_the_job(self):
        ticket = self.create_ticket(user_id=self.technician.id,
                                    service_category="A")
        self.assertEqual(self._visible(self._record_values(ticket)),
                         {"action_arrive", "action_resolve", "Print Voucher"})
        ticket.action_arrive()
        # "Take Parts from Van" only while parts wait to be taken (issue
        # 19.19: it stayed after they were taken)
        self.assertEqual(self._visible(self._record_values(ticket)), {
            "action_resolve", "Print Voucher"})
        self.env["aftersales.ticket.part"].create({
            "ticket_id": ticket.id, "quantity": 1.0,
            "product_id": self.env["product.product"].create({
                "name": "Test form part", "type": "consu"}).id})
        self.assertEqual(self._visible(self._record_values(ticket)), {
            "action_consume_parts", "action_resolve", "Print Voucher"})
        ticket.part_ids.unlink()
        ticket.action_resolve()
        self.assertEqual(self._visible(self._record_values(ticket)), {
            "action_create_invoice", "Print Voucher"})
        # the technician does not invoice
        self.assertEqual(
            self._visible(self._record_values(ticket), self.technician),
            {"Print Voucher"})

    def test_no_invoice_button_on_internal_work(self):
        ticket = self.create_ticket(user_id=self.technician.id,
                                    service_category="D")
        ticket.action_arrive()
        ticket.action_resolve()
        self.assertEqual(ticket.service_category, "D")
        self.assertEqual(self._visible(self._record_values(ticket)),
                         {"Print Voucher"})
