# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models


class MailThread(models.AbstractModel):
    """Internal notes that customers cannot read, and replies by e-mail that
    cannot join another customer's service request."""

    _inherit = "mail.thread"

    @api.multi
    def _aftersales_post_note(self, body, **kwargs):
        """Post ``body`` as an internal note on each record of ``self``.

        Odoo 11 hides a message from portal users (``mail.message``'s
        ``_search`` and ``check_access_rule``) only when it has an internal
        subtype *and*, for a read by id, is of type ``comment``: a
        ``notification`` with the note subtype (``message_post``'s default
        type) stays readable by id to anyone who may read the document. So
        a note is a ``comment`` with the ``mail.mt_note`` subtype, which
        also keeps it out of the customer's e-mails."""
        messages = self.env["mail.message"]
        for record in self:
            messages |= record.message_post(
                body=body, message_type="comment", subtype="mail.mt_note",
                **kwargs)
        return messages

    @api.model
    def message_route(self, message, message_dict, model=None,
                      thread_id=None, custom_values=None):
        """A reply to a service request from someone who may not write on
        it opens a new request instead (see
        ``aftersales.ticket._aftersales_route_reply``)."""
        routes = super(MailThread, self).message_route(
            message, message_dict, model=model, thread_id=thread_id,
            custom_values=custom_values)
        Ticket = self.env["aftersales.ticket"]
        return [Ticket._aftersales_route_reply(route, message_dict)
                if route and route[0] == Ticket._name and route[1] else route
                for route in routes]
