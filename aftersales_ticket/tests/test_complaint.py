# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import ValidationError

from .common import AftersalesCase


class TestComplaint(AftersalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestComplaint, cls).setUpClass()
        cls.env["ir.config_parameter"].set_param(
            "aftersales.repeat_complaint_days", "30")
        cls.executive = cls._create_user(
            "executive", "aftersales_ticket.group_manager")
        cls.company.aftersales_executive_id = cls.executive
        cls.product = cls.env["product.product"].create({
            "name": "Heat pump HP-9", "type": "product", "tracking": "serial",
        })
        cls.lot = cls.env["stock.production.lot"].create({
            "name": "HP9-000123", "product_id": cls.product.id,
        })
        cls.other_lot = cls.env["stock.production.lot"].create({
            "name": "HP9-000999", "product_id": cls.product.id,
        })
        cls.contact_a = cls.env["res.partner"].create({
            "name": "Ana Contact", "parent_id": cls.customer_a.id,
            "email": "ana@customer-a.example.com",
        })
        cls.now = datetime(2026, 11, 20, 10, 0, 0)

    def _complaint(self, user=None, days_ago=0, **values):
        vals = {
            "request_type": "complaint",
            "subject": "Unit still noisy",
            "date_received": fields.Datetime.to_string(
                self.now - timedelta(days=days_ago)),
        }
        vals.update(values)
        if user:
            vals.setdefault("partner_id", self.customer_a.id)
            vals.setdefault("team_id", self.team_urban.id)
            return self.env["aftersales.ticket"].sudo(user).create(vals)
        return self.create_ticket(**vals)

    def _activities(self, ticket, user):
        return self.env["mail.activity"].search([
            ("res_model", "=", "aftersales.ticket"), ("res_id", "=", ticket.id),
            ("user_id", "=", user.id),
        ])

    def _mails(self, ticket, user):
        return self.env["mail.mail"].search([
            ("model", "=", "aftersales.ticket"), ("res_id", "=", ticket.id),
            ("recipient_ids", "in", user.partner_id.ids),
        ])

    def test_repeat_complaint_linked_and_escalated_to_parent_director(self):
        first = self._complaint(days_ago=12, lot_id=self.lot.id,
                                product_id=self.product.id)
        # registered by an agent, from another contact of the same company
        with self.assertLogs("odoo.addons.aftersales_ticket", logging.INFO) as logs:
            second = self._complaint(user=self.agent,
                                     partner_id=self.contact_a.id,
                                     lot_id=self.lot.id)
        # the server log names ids only, never the customer
        for value in ("Customer A", "Ana Contact", "customer-a.example.com"):
            self.assertNotIn(value, "\n".join(logs.output))
        self.assertEqual(second.repeat_of_id, first)
        self.assertEqual(second.priority, "3")
        self.assertEqual(first.repeat_ids, second)
        self.assertEqual(first.repeat_count, 1)
        # the urban centre's parent (headquarters) is directed by the manager
        self.assertEqual(second.escalated_to_id, self.manager)
        activity = self._activities(second, self.manager)
        self.assertEqual(len(activity), 1)
        self.assertIn(first.name, activity.summary)
        mail = self._mails(second, self.manager)
        self.assertEqual(len(mail), 1)
        self.assertIn(second.name, mail.subject)
        self.assertIn(first.name, mail.body_html)
        # a third one joins the same series, on the original complaint
        third = self._complaint(lot_id=self.lot.id)
        self.assertEqual(third.repeat_of_id, first)
        self.assertEqual(first.repeat_count, 2)
        action = first.action_open_repeat_complaints()
        self.assertEqual(self.env["aftersales.ticket"].search(action["domain"]),
                         second | third)

    def test_repeat_matches_product_or_fault_category(self):
        category = self.env["aftersales.ticket.category"].create(
            {"name": "Noise"})
        first = self._complaint(days_ago=3, category_id=category.id)
        second = self._complaint(category_id=category.id,
                                 lot_id=self.other_lot.id)
        self.assertEqual(second.repeat_of_id, first)
        by_product = self._complaint(days_ago=1, product_id=self.product.id,
                                     partner_id=self.customer_b.id)
        again = self._complaint(product_id=self.product.id,
                                partner_id=self.customer_b.id)
        self.assertEqual(again.repeat_of_id, by_product)

    def test_not_linked_outside_window_or_for_other_partner(self):
        old = self._complaint(days_ago=40, lot_id=self.lot.id)
        other = self._complaint(days_ago=2, lot_id=self.lot.id,
                                partner_id=self.customer_b.id)
        self.create_ticket(request_type="fault", lot_id=self.lot.id,
                           date_received=fields.Datetime.to_string(self.now))
        new = self._complaint(lot_id=self.lot.id)
        self.assertFalse(new.repeat_of_id)
        self.assertEqual(new.priority, "1")
        self.assertFalse(self._activities(new, self.manager))
        self.assertFalse(old.repeat_ids | other.repeat_ids)
        # a different serial of the same customer is not the same problem
        self.assertFalse(self._complaint(lot_id=self.other_lot.id).repeat_of_id)

    def test_window_is_a_system_parameter(self):
        old = self._complaint(days_ago=40, lot_id=self.lot.id)
        self.env["ir.config_parameter"].set_param(
            "aftersales.repeat_complaint_days", "45")
        self.assertEqual(self._complaint(lot_id=self.lot.id).repeat_of_id, old)

    def test_serious_complaint_goes_to_executive_at_once(self):
        ticket = self._complaint(user=self.agent, is_serious=True)
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(ticket.escalated_to_id, self.executive)
        self.assertEqual(len(self._activities(ticket, self.executive)), 1)
        mail = self._mails(ticket, self.executive)
        self.assertEqual(len(mail), 1)
        self.assertIn("Serious complaint", mail.subject)

    def test_complaint_marked_serious_later_is_escalated_once(self):
        ticket = self._complaint()
        self.assertFalse(self._activities(ticket, self.executive))
        ticket.sudo(self.agent).write({"is_serious": True})
        ticket.write({"is_serious": True, "subject": "Still serious"})
        self.assertEqual(len(self._activities(ticket, self.executive)), 1)
        self.assertEqual(len(self._mails(ticket, self.executive)), 1)

    def test_serious_without_executive_goes_to_superior(self):
        self.company.aftersales_executive_id = False
        ticket = self._complaint(is_serious=True)
        self.assertEqual(ticket.escalated_to_id, self.manager)
        self.assertEqual(len(self._mails(ticket, self.manager)), 1)

    def test_complaint_closes_only_after_customer_told(self):
        closed = self.env.ref("aftersales_ticket.stage_closed")
        ticket = self._complaint()
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            ticket.sudo(self.agent).write({"stage_id": closed.id})
        self.assertIn("told the outcome", error.exception.name)
        self.assertFalse(ticket.is_closed)

        action = ticket.sudo(self.agent).action_record_outcome_notification()
        wizard = self.env["aftersales.complaint.notify.wizard"].sudo(
            self.agent).with_context(**action["context"]).create({
                    "method": "written",
                    "note": "Letter sent: the unit will be replaced.",
                })
        self.assertEqual(wizard.ticket_ids, ticket)
        self.assertEqual(wizard.notified_by_id, self.agent)
        wizard.action_confirm()
        self.assertEqual(ticket.outcome_notification_method, "written")
        self.assertEqual(ticket.outcome_notified_by_id, self.agent)
        self.assertTrue(ticket.outcome_notified_on)
        self.assertIn("Letter sent", ticket.message_ids[0].body)

        ticket.sudo(self.agent).write({"stage_id": closed.id})
        self.assertTrue(ticket.is_closed)

    def test_other_requests_close_without_notification(self):
        ticket = self.create_ticket(request_type="fault")
        ticket.stage_id = self.env.ref("aftersales_ticket.stage_closed")
        self.assertTrue(ticket.is_closed)

    def test_internal_complaint_is_never_linked_to_the_customer(self):
        """Item 4: internal work (D) and the customer's complaints are never
        of one series, nor is internal work named to the customer."""
        portal = self.env["res.users"].create({
            "name": "Ana Contact", "login": "test_complaint_portal",
            "partner_id": self.contact_a.id,
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        internal = self._complaint(
            user=self.agent, days_ago=5, lot_id=self.lot.id,
            service_category="D", subject="Installer damaged the casing")
        self.assertEqual(internal.service_category, "D")
        # the customer complains on the portal about the same serial (the
        # portal controller creates as superuser)
        customer = self.env["aftersales.ticket"].sudo().create({
            "request_type": "complaint", "subject": "Casing is dented",
            "partner_id": self.contact_a.id, "lot_id": self.lot.id,
            "channel": "portal", "team_id": self.team_urban.id,
            "date_received": fields.Datetime.to_string(self.now)})
        self.assertFalse(customer.repeat_of_id)
        self.assertFalse(internal.repeat_ids)
        self.assertNotEqual(customer.priority, "3")
        self.assertFalse(customer.escalated_to_id)
        # what the customer reads of its complaint names no internal work
        as_portal = customer.sudo(portal)
        self.assertFalse(as_portal.read(["repeat_of_id"])[0]["repeat_of_id"])
        messages = self.env["mail.message"].sudo(portal).search_read(
            [("model", "=", "aftersales.ticket"),
             ("res_id", "=", customer.id)], ["body", "subject"])
        self.assertNotIn(internal.name, str(messages))
        mails = self.env["mail.mail"].search([
            ("model", "=", "aftersales.ticket"), ("res_id", "=", customer.id)])
        self.assertNotIn(internal.name, " ".join(
            (mail.body_html or "") + (mail.subject or "") for mail in mails))
        # a later internal complaint joins the internal series only
        internal_again = self._complaint(
            user=self.agent, lot_id=self.lot.id, service_category="D")
        self.assertEqual(internal_again.repeat_of_id, internal)
        self.assertFalse(customer.repeat_ids)

    def test_repeat_escalation_schedules_one_activity(self):
        """The escalation uses the shared activity helper: escalating the
        same complaint twice reminds the superior once."""
        self._complaint(days_ago=3, lot_id=self.lot.id)
        second = self._complaint(lot_id=self.lot.id)
        summary = self._activities(second, self.manager).summary
        second._escalate_complaint(
            self.manager, "aftersales_ticket.mail_template_complaint_repeat",
            summary)
        self.assertEqual(len(self._activities(second, self.manager)), 1)
