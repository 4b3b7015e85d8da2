# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Two agents dispatching the same ticket at the same time, each in its own
database transaction (real cursors, committed data, cleaned up at the end).

The test case's own transaction is left untouched: it writes nothing, so it
holds no lock the other cursors could wait for."""
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase, at_install, post_install


@at_install(False)  # its cursors see only committed data
@post_install(True)
class TestDispatchConcurrency(TransactionCase):

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tz": "UTC"})

    def setUp(self):
        super(TestDispatchConcurrency, self).setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            self.first_tech = env.ref("base.user_demo")
            self.second_tech = env.ref("base.user_root")
            ticket = env["aftersales.ticket"].with_context(
                aftersales_no_auto_assign=True, tracking_disable=True,
            ).create({
                "subject": "Concurrent dispatch test",
                "partner_id": env.ref("base.res_partner_2").id,
                "team_id": env.ref("aftersales_ticket.team_urban_demo").id,
            })
            self.ticket_id = ticket.id
            # committed: the other cursors must see the ticket
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._remove_ticket)

    def _remove_ticket(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            env["aftersales.ticket"].browse(self.ticket_id).exists().unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def test_second_agent_is_refused(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            ticket1 = self._env(cr1)["aftersales.ticket"].browse(self.ticket_id)
            ticket2 = self._env(cr2)["aftersales.ticket"].browse(self.ticket_id)
            # agent 1 dispatches; his transaction is still open
            ticket1._dispatch(user=ticket1.env["res.users"].browse(
                self.first_tech.id))
            # agent 2 meanwhile: the row is locked
            with self.assertRaisesRegex(UserError, "dispatching .* at this"):
                ticket2._dispatch(user=ticket2.env["res.users"].browse(
                    self.second_tech.id))
            cr2.rollback()
            cr1.commit()  # pylint: disable=invalid-commit
            # agent 2 tries again after agent 1 committed: already dispatched
            with self.assertRaisesRegex(UserError, "already dispatched"):
                ticket2._dispatch(user=ticket2.env["res.users"].browse(
                    self.second_tech.id))
            cr2.rollback()
        with self.registry.cursor() as cr:
            ticket = self._env(cr)["aftersales.ticket"].browse(self.ticket_id)
            self.assertEqual(ticket.user_id.id, self.first_tech.id)
            self.assertTrue(ticket.date_dispatched)
            self.assertEqual(len(ticket.activity_ids), 1)
            self.assertEqual(ticket.activity_ids.user_id.id, self.first_tech.id)
