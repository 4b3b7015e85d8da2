# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The core's forms filled as each role fills them, with exactly what the
web client sends (``tests/form.py``: default_get, onchange with the view's
spec, create/write without readonly fields, False for empty many2ones,
one2many as commands); and the form helper itself."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import AftersalesCase
from .form import Form, eval_domain

TICKET_FORM = "aftersales_ticket.aftersales_ticket_view_form"


class FormCase(AftersalesCase):

    def dispatched_ticket(self, subject):
        """A ticket dispatched to the technician (not auto-assigned)."""
        ticket = self.env["aftersales.ticket"].with_context(
            aftersales_no_auto_assign=True).create({
                "subject": subject, "partner_id": self.customer_a.id,
                "team_id": self.team_urban.id})
        if ticket.user_id != self.technician:
            ticket._dispatch(user=self.technician)
        return ticket


class TestFormHelper(FormCase):
    """The helper does what the web client does."""

    @classmethod
    def setUpClass(cls):
        super(TestFormHelper, cls).setUpClass()
        cls.part = cls.env["product.product"].create({
            "name": "Form helper fuse", "type": "consu",
            "list_price": 4.0, "standard_price": 1.5})

    def test_eval_domain(self):
        values = {"state": "draft", "user_id": False, "tag_ids": [3, 4],
                  "amount": 5}
        self.assertTrue(eval_domain([("state", "=", "draft")], values))
        self.assertTrue(eval_domain(["|", ("state", "=", "done"),
                                     ("user_id", "=", False)], values))
        self.assertFalse(eval_domain(["&", ("state", "=", "draft"),
                                      ("user_id", "!=", False)], values))
        self.assertTrue(eval_domain(["!", ("state", "in", ("done", "cancel"))],
                                    values))
        self.assertTrue(eval_domain([("tag_ids", "in", [4])], values))
        self.assertTrue(eval_domain([("amount", ">", 2),
                                     ("parent.state", "=", "open")],
                                    values, {"state": "open"}))
        self.assertTrue(eval_domain(True, values))
        self.assertTrue(eval_domain([], values))

    def test_new_record_sends_every_field_empty_ones_false(self):
        """create gets every editable field of the view: False for an empty
        many2one, char or date; no readonly field; no empty one2many."""
        form = Form(self.env["aftersales.ticket"].sudo(self.agent), TICKET_FORM)
        form.subject = "Helper: the boiler leaks"
        form.partner_id = self.customer_a
        form.team_id = self.team_urban
        ticket = form.save()
        sent = form.sent
        self.assertEqual(ticket.subject, "Helper: the boiler leaks")
        self.assertEqual(sent["partner_id"], self.customer_a.id)
        for name, attrs in form._view.nodes.items():
            field = form._view.fields[name]
            readonly = attrs["modifiers"].get("readonly") is True
            if readonly and not attrs.get("force_save"):
                self.assertNotIn(name, sent, "readonly %s was sent" % name)
            if field["type"] == "many2one" and not readonly \
                    and name in sent and not getattr(form, name):
                self.assertIs(sent[name], False, name)
        self.assertIn("product_id", sent)
        self.assertIs(sent["product_id"], False)
        self.assertNotIn("id", sent)
        self.assertNotIn("part_ids", sent, "an empty one2many is not sent")

    def test_onchange_runs_on_the_changed_field(self):
        """The partner's onchange (its contact snapshot) fills the form as
        the user types, before anything is saved."""
        form = Form(self.env["aftersales.ticket"].sudo(self.agent), TICKET_FORM)
        self.assertTrue(form._spec.get("partner_id"),
                        "the form has no onchange on the customer")
        form.partner_id = self.customer_a
        self.assertEqual(form.contact_city, "Madrid")
        self.assertEqual(form.contact_email, self.customer_a.email)

    def test_readonly_and_unknown_fields_are_refused(self):
        form = Form(self.env["aftersales.ticket"].sudo(self.agent), TICKET_FORM)
        readonly = [name for name in form._view.nodes
                    if form.is_readonly(name) and not form.is_invisible(name)]
        self.assertTrue(readonly)
        with self.assertRaises(AssertionError):
            setattr(form, readonly[0], False)
        with self.assertRaises(AssertionError):
            form.no_such_field = 1

    def test_required_field_left_empty_refuses_the_save(self):
        form = Form(self.env["aftersales.ticket"].sudo(self.agent), TICKET_FORM)
        form.partner_id = self.customer_a
        with self.assertRaises(AssertionError) as refusal:
            form.save()
        self.assertIn("subject", str(refusal.exception))

    def test_one2many_commands(self):
        """New line (0), changed line (1), kept line (4), removed line (2),
        as the client sends them at a write; nothing when no line
        changed."""
        ticket = self.dispatched_ticket("Helper: lines")
        form = Form(ticket.sudo(self.technician), TICKET_FORM)
        with form.part_ids.new() as line:
            line.product_id = self.part
            line.quantity = 2
        form.save()
        self.assertEqual([command[0] for command in form.sent["part_ids"]], [0])
        self.assertNotIn("ticket_id", form.sent["part_ids"][0][2])
        first = ticket.part_ids
        self.assertEqual(first.quantity, 2)
        with form.part_ids.new() as line:
            line.product_id = self.part
        form.save()
        self.assertEqual([command[0] for command in form.sent["part_ids"]],
                         [4, 0])
        with form.part_ids.edit(0) as line:
            line.quantity = 3
        form.save()
        self.assertEqual(form.sent["part_ids"][0], (1, first.id, {"quantity": 3}))
        form.part_ids.remove(1)
        form.save()
        self.assertEqual([command[0] for command in form.sent["part_ids"]],
                         [4, 2])
        self.assertEqual(ticket.part_ids, first)
        form.subject = "Helper: lines, renamed"
        form.save()
        self.assertEqual(form.sent, {"subject": "Helper: lines, renamed"})

    def test_buttons_follow_the_modifiers(self):
        ticket = self.env["aftersales.ticket"].with_context(
            aftersales_no_auto_assign=True).create({
                "subject": "Helper: buttons", "partner_id": self.customer_a.id})
        form = Form(ticket.sudo(self.agent), TICKET_FORM)
        self.assertFalse(ticket.user_id)
        self.assertNotIn("action_arrive", form.buttons())
        ticket._dispatch(user=self.technician)
        form = Form(ticket.sudo(self.technician), TICKET_FORM)
        self.assertIn("action_arrive", form.buttons())
        form.call_button("action_arrive")
        self.assertTrue(ticket.date_arrived)
        self.assertNotIn("action_arrive", form.buttons())


class TestCoreFormsAsSent(FormCase):
    """Each role fills the core's forms."""

    @classmethod
    def setUpClass(cls):
        super(TestCoreFormsAsSent, cls).setUpClass()
        cls.part = cls.env["product.product"].create({
            "name": "Form test thermocouple", "type": "consu",
            "list_price": 12.0, "standard_price": 5.0})

    def test_agent_files_a_ticket(self):
        form = Form(self.env["aftersales.ticket"].sudo(self.agent), TICKET_FORM)
        form.subject = "The heat pump is noisy"
        form.partner_id = self.customer_a
        form.team_id = self.team_urban
        form.description = "Since the last frost."
        ticket = form.save()
        self.assertTrue(ticket.name and ticket.name != "New")
        self.assertEqual(ticket.partner_id, self.customer_a)
        self.assertEqual(ticket.team_id, self.team_urban)
        self.assertEqual(ticket.contact_city, "Madrid")
        self.assertEqual(ticket.create_uid, self.agent)
        # edited again: only what changed goes out
        form.priority = "2"
        form.save()
        self.assertEqual(form.sent, {"priority": "2"})
        self.assertEqual(ticket.priority, "2")

    def test_technician_adds_a_part_line_and_a_time_line(self):
        ticket = self.dispatched_ticket("Technician's lines")
        form = Form(ticket.sudo(self.technician), TICKET_FORM)
        form.call_button("action_arrive")
        with form.part_ids.new() as line:
            line.product_id = self.part
            line.quantity = 1
        with form.timesheet_ids.new() as work:
            work.name = "Thermocouple replaced"
            work.unit_amount = 1.5
        form.resolution = "Thermocouple replaced, flame steady."
        form.save()
        self.assertEqual(ticket.part_ids.product_id, self.part)
        self.assertEqual(ticket.part_ids.quantity, 1)
        self.assertEqual(ticket.timesheet_ids.user_id, self.technician)
        self.assertAlmostEqual(ticket.labour_hours, 1.5)
        self.assertIn("flame steady", ticket.resolution)

    def test_technician_cannot_send_workflow_fields(self):
        """The form the technician sees keeps workflow fields readonly:
        they are never sent, so a save cannot be refused for them."""
        ticket = self.dispatched_ticket("Technician's save")
        form = Form(ticket.sudo(self.technician), TICKET_FORM)
        form.diagnosis = "The thermocouple is worn."
        try:
            form.save()
        except (AccessError, UserError, ValidationError) as refusal:
            self.fail("the technician's save was refused (%s), sent %r"
                      % (refusal, form.sent))
        self.assertEqual(form.sent, {"diagnosis": "The thermocouple is worn."})
