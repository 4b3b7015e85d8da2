# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Two simultaneous calls on one ticket, each in its own transaction (real
cursors, committed data, cleaned up at the end): the second caller gets a
clear "try again" UserError, never ``Unable to use a closed cursor``
(issue 20, item 16). Odoo 11 retries an RPC call after a serialization
failure with the fields left to recompute by the failed attempt, on its
closed cursor: nothing may be left to recompute."""
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase, at_install, post_install


@at_install(False)  # its cursors see only committed data
@post_install(True)
class TestConcurrentWrites(TransactionCase):

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tz": "UTC"})

    def setUp(self):
        super(TestConcurrentWrites, self).setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            ticket = env["aftersales.ticket"].with_context(
                aftersales_no_auto_assign=True, tracking_disable=True,
            ).create({
                "subject": "Concurrent write test",
                "partner_id": env.ref("base.res_partner_2").id,
                "team_id": env.ref("aftersales_ticket.team_urban_demo").id,
                "user_id": env.ref("base.user_demo").id,
            })
            self.ticket_id = ticket.id
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._remove_ticket)

    def _remove_ticket(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            ticket = env["aftersales.ticket"].browse(self.ticket_id).exists()
            env["mail.activity"].search([
                ("res_model", "=", "aftersales.ticket"),
                ("res_id", "=", self.ticket_id)]).unlink()
            ticket.unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def test_second_write_is_told_to_try_again(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1, env2 = self._env(cr1), self._env(cr2)
            ticket2 = env2["aftersales.ticket"].browse(self.ticket_id)
            # the second transaction's snapshot starts
            self.assertTrue(ticket2.subject)
            env1["aftersales.ticket"].browse(self.ticket_id).write(
                {"subject": "First"})
            cr1.commit()  # pylint: disable=invalid-commit
            with self.assertRaisesRegex(UserError, "try again"):
                ticket2.write({"subject": "Second",
                               "resolution": "Done at the same time"})
            # nothing left for a retry to recompute on a closed cursor
            self.assertFalse(env2.all.todo)
            cr2.rollback()

    def test_second_arrival_is_told_to_try_again(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            ticket1 = self._env(cr1)["aftersales.ticket"].browse(
                self.ticket_id)
            ticket2 = self._env(cr2)["aftersales.ticket"].browse(
                self.ticket_id)
            ticket1.action_arrive()  # its transaction is still open
            with self.assertRaisesRegex(UserError, "try again"):
                ticket2.action_arrive()
            cr2.rollback()
            cr1.rollback()
