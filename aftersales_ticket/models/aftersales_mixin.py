# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import OrderedDict
from datetime import date

from psycopg2 import OperationalError, errorcodes, sql

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import value_check

# lock held by another transaction / row changed by a concurrent one
LOCK_ERRORS = (errorcodes.LOCK_NOT_AVAILABLE,
               errorcodes.SERIALIZATION_FAILURE)
TODO_XMLID = "mail.mail_activity_data_todo"


def insert_rows(cr, uid, table, rows):
    """INSERT ``rows`` (dicts with the same keys: column -> value) into
    ``table`` in one query, with the ORM's audit columns, for batches the
    ORM would create one by one; returns the new ids in order. Identifiers
    are quoted, values are parameters."""
    columns = sorted(rows[0])
    row_sql = sql.SQL(
        "({}, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')"
    ).format(sql.SQL(", ").join(sql.Placeholder() for _column in columns))
    query = sql.SQL(
        "INSERT INTO {} ({}, create_uid, write_uid, create_date, write_date) "
        "VALUES {} RETURNING id").format(
            sql.Identifier(table),
            sql.SQL(", ").join(sql.Identifier(column) for column in columns),
            sql.SQL(", ").join(row_sql for _row in rows))
    params = []
    for row in rows:
        params += [row[column] for column in columns] + [uid, uid]
    cr.execute(query.as_string(cr._obj), params)
    return [row[0] for row in cr.fetchall()]


class AftersalesMixin(models.AbstractModel):
    """Record helpers shared by the suite's models (tickets, repairs,
    contracts, surveys): add it to a model with
    ``_inherit = ["<model>", "aftersales.mixin"]``."""

    _name = "aftersales.mixin"
    _description = "After-Sales record helpers"

    def _aftersales_unique(self):
        """``self`` without duplicate ids, in their first order: an action
        called with ``[k, k]`` works once on ``k``."""
        return self.browse(list(OrderedDict.fromkeys(self.ids)))

    def _aftersales_lock(self, message=None):
        """The records of ``self`` (de-duplicated), their rows locked until
        the end of the transaction, their cache forgotten so that what
        follows reads the locked rows. Refuses with a clear message (or
        ``message``, where ``%(records)s`` names them) instead of waiting
        when another transaction works on them right now; use it first in
        every action that creates money or stock."""
        records = self._aftersales_unique()
        if not records:
            return records
        query = sql.SQL(
            "SELECT id FROM {} WHERE id IN %s ORDER BY id FOR UPDATE NOWAIT"
        ).format(sql.Identifier(self._table))
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(query.as_string(self.env.cr._obj),
                                    (tuple(records.ids),),
                                    log_exceptions=False)
        except OperationalError as error:
            if error.pgcode not in LOCK_ERRORS:
                raise
            raise UserError((message or _(
                "%(records)s: someone else is working on it at this very "
                "moment. Reload and try again.")) % {
                    "records": ", ".join(records._aftersales_names())})
        records.invalidate_cache(ids=records.ids)
        return records

    def _aftersales_check_field_values(self, vals):
        """Refuse, with a message naming the field, any value of ``vals``
        that its field cannot take (``lib/value_check.py``: types, finite
        numbers in range, real dates, sizes, selection keys, ids of existing
        records), before anything is written. Driven by the fields' types,
        so every field accepted over RPC is checked."""
        references = {}
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or (field.compute and not field.inverse):
                continue
            selection = None
            if field.type == "selection":
                selection = [key for key, _label
                             in field._description_selection(self.env)]
            found = value_check.problem(
                field.type, value, selection=selection,
                size=getattr(field, "size", None))
            if found:
                message, params = found
                raise ValidationError(_("%(field)s: %(problem)s") % {
                    "field": field._description_string(self.env),
                    "problem": _(message) % params})
            if field.type == "many2one" and value:
                references[name] = value
        self._aftersales_check_references(references)

    def _aftersales_check_references(self, references):
        """``references``: {many2one field name: id}. Refuse the id of no
        record, in one query for all the fields."""
        if not references:
            return
        names = sorted(references)
        # Like exists(), reads no field (so it works whatever the caller may
        # read); table names are quoted identifiers, values are parameters.
        query = sql.SQL(" UNION ALL ").join(
            sql.SQL("SELECT %s FROM {} WHERE id = %s").format(sql.Identifier(
                self.env[self._fields[name].comodel_name]._table))
            for name in names)
        params = []
        for name in names:
            params += [name, references[name]]
        self.env.cr.execute(query.as_string(self.env.cr._obj), params)
        found = {row[0] for row in self.env.cr.fetchall()}
        for name in names:
            if name not in found:
                raise ValidationError(_("%(field)s #%(id)s does not exist.") % {
                    "field": self._fields[name]._description_string(self.env),
                    "id": references[name]})

    def _aftersales_log_tracking(self, field_name, old_value, new_value):
        """Log, on each record, the change of ``field_name`` from
        ``old_value`` to ``new_value`` in its chatter as tracking shows it
        (an internal note with the tracking value), in two INSERTs for the
        whole batch and without notifying anyone: for scheduled jobs that
        flag many records at once (the SLA breach job), where a tracked
        write would post, and compute the recipients of, one message per
        record. Write the field with ``mail_notrack`` around it."""
        if not self:
            return
        tracking = self.env["mail.tracking.value"].create_tracking_values(
            old_value, new_value, field_name,
            self.fields_get([field_name])[field_name])
        if not tracking:
            return
        author = self.env.user.partner_id
        Message = self.env["mail.message"]
        note_id = self.env["ir.model.data"].xmlid_to_res_id("mail.mt_note")
        names = dict(self.sudo().name_get())
        now = fields.Datetime.now()
        message_ids = insert_rows(self.env.cr, self.env.uid, "mail_message", [{
            "model": self._name, "res_id": record_id,
            "record_name": names.get(record_id), "subtype_id": note_id,
            "author_id": author.id, "email_from": author.email_formatted,
            "body": "", "message_type": "notification", "date": now,
            "message_id": Message._get_message_id(
                {"model": self._name, "res_id": record_id}),
        } for record_id in self.ids])
        # booleans are tracked in integer columns
        tracking = {column: int(value) if isinstance(value, bool) else value
                    for column, value in tracking.items()}
        insert_rows(self.env.cr, self.env.uid, "mail_tracking_value", [
            dict(tracking, mail_message_id=message_id)
            for message_id in message_ids])
        self.invalidate_cache(["message_ids"], self.ids)

    def _aftersales_names(self):
        return [name for _id, name in self.sudo().name_get()]

    def _aftersales_can_read(self, documents):
        """Whether the current user may read every record of
        ``documents`` (rights and record rules), without raising."""
        documents = documents.sudo(self.env.uid)
        if not documents.check_access_rights("read", raise_exception=False):
            return False
        try:
            documents.check_access_rule("read")
        except AccessError:
            return False
        return True

    def _aftersales_open_documents(self, documents, action_xmlid, form_xmlid,
                                   reason):
        """What an action returns once it made ``documents`` (invoices,
        pickings) for ``self``: their form (one) or list (several) when the
        user may read them. A role without accounting or stock rights gets
        them prepared for the people who have those rights instead of a
        form it may not open: a note on each record of ``self`` naming the
        documents and ``reason``, a notification to the user, and ``True``
        (the web client reloads the record)."""
        documents = documents.exists()
        if not documents:
            return True
        if self._aftersales_can_read(documents):
            action = self.env.ref(action_xmlid).read()[0]
            if len(documents) == 1:
                action["views"] = [(self.env.ref(form_xmlid).id, "form")]
                action["res_id"] = documents.id
            else:
                action["domain"] = [("id", "in", documents.ids)]
            return action
        message = _("%(documents)s prepared: %(reason)s") % {
            "documents": ", ".join(documents._aftersales_names()
                                   if hasattr(documents, "_aftersales_names")
                                   else [name for _id, name in
                                         documents.sudo().name_get()]),
            "reason": reason}
        if hasattr(self, "message_post"):
            for record in self._aftersales_unique():
                record.message_post(body=message, subtype="mail.mt_note")
        # OCA web_notify: a notification in the user's web client
        self.env.user.notify_info(message, title=_("Prepared"))
        return True

    def _aftersales_schedule_activities(self, user_by_record, summary,
                                        note=None, date_deadline=None):
        """One To-Do activity for the user of each record (``{record id:
        res.users}``), unless that user already has an open one with the
        same summary on that record: running the same job twice schedules
        nothing more. ``summary``, ``note`` and ``date_deadline`` (today by
        default) are one value for all, or ``{record id: value}``. Returns
        the activities created.

        Created in one INSERT for the whole batch, doing what
        ``mail.activity.create`` does for each (access check, assignee
        following the record, bus notice of an activity due today) once per
        user: in Odoo 11 each ``create`` costs some 30 queries (it looks for
        the new activity in every model that has activities)."""
        Activity = self.env["mail.activity"]
        today = fields.Date.context_today(self)

        def value_for(value, record_id, default=None):
            if isinstance(value, dict):
                value = value.get(record_id)
            if isinstance(value, date):
                value = fields.Date.to_string(value)
            return value or default

        wanted = OrderedDict(
            (record_id, user.id) for record_id, user in user_by_record.items()
            if user)
        if not wanted:
            return Activity
        records = self.browse(list(wanted))
        # as mail.activity.create: scheduling needs write access
        records.check_access_rights("write")
        records.check_access_rule("write")
        # sudo: whether someone is already reminded, whoever runs the job
        for activity in Activity.sudo().search([
                ("res_model", "=", self._name), ("res_id", "in", records.ids),
                ("user_id", "in", list(set(wanted.values())))]):
            if wanted.get(activity.res_id) == activity.user_id.id and \
                    activity.summary == value_for(summary, activity.res_id):
                del wanted[activity.res_id]
        if not wanted:
            return Activity
        names = dict(records.sudo().name_get())
        model_id = self.env["ir.model"]._get_id(self._name)
        todo_id = self.env["ir.model.data"].xmlid_to_res_id(TODO_XMLID) or None
        rows = [{
            "res_id": record_id, "res_name": names.get(record_id),
            "user_id": user_id, "res_model_id": model_id,
            "res_model": self._name, "activity_type_id": todo_id,
            "summary": value_for(summary, record_id),
            "note": value_for(note, record_id),
            "date_deadline": value_for(date_deadline, record_id, today),
        } for record_id, user_id in wanted.items()]
        activities = Activity.browse(insert_rows(
            self.env.cr, self.env.uid, "mail_activity", rows))
        records.invalidate_cache(["activity_ids"], records.ids)
        users = self.env["res.users"].browse(
            list(OrderedDict.fromkeys(wanted.values())))
        if hasattr(self, "message_subscribe"):
            for user in users:
                self.browse([record_id for record_id, user_id in wanted.items()
                             if user_id == user.id]).message_subscribe(
                                 partner_ids=user.partner_id.ids)
        due = {row["user_id"] for row in rows
               if row["date_deadline"] <= fields.Date.today()}
        if due:
            self.env["bus.bus"].sendmany([
                ((self.env.cr.dbname, "res.partner", user.partner_id.id),
                 {"type": "activity_updated", "activity_created": True})
                for user in users if user.id in due])
        return activities

    # ------------------------------------------------------------------
    # Workflow fields: states, decisions, approvers, totals and document
    # links change only through the models' action methods, whoever calls
    # (form, RPC, import, portal, server code). ``readonly`` in a view is no
    # guard: the check runs in the write path of each model.
    # ------------------------------------------------------------------

    # Hook: names of the model's workflow fields. Every stored computed
    # field without an inverse (totals, related copies) is one as well.
    _aftersales_workflow_fields = ()
    # False on the models of other addons the suite extends (invoices,
    # pickings): their own stored computed fields are their business, only
    # the suite's links in ``_aftersales_workflow_fields`` are guarded.
    _aftersales_guard_stored_computes = True

    def _aftersales_workflow(self):
        """``self`` in the context under which an action method, after its
        own checks, creates or writes workflow fields. The context value is
        a Python object: no client (RPC, form, e-mail) can send it, unlike
        any key given as text."""
        return self.with_context(**{WORKFLOW_CONTEXT_KEY: WORKFLOW_TOKEN})

    def _aftersales_workflow_write(self, vals):
        """Write ``vals``, workflow fields included: for the action methods
        (and the hooks they call) only."""
        return self._aftersales_workflow().write(vals)

    def _aftersales_in_workflow(self):
        """Whether this runs under ``_aftersales_workflow``."""
        return self.env.context.get(WORKFLOW_CONTEXT_KEY) is WORKFLOW_TOKEN

    def _aftersales_workflow_field_names(self):
        """The fields of this model that only its action methods write."""
        names = set(self._aftersales_workflow_fields)
        if not self._aftersales_guard_stored_computes:
            return names
        names.update(name for name, field in self._fields.items()
                     if field.store and field.compute and not field.inverse)
        return names

    def _aftersales_check_workflow_values(self, vals):
        """Refuse ``vals`` (of a create or a write) that set a workflow
        field, unless they come through ``_aftersales_workflow_write``."""
        if self._aftersales_in_workflow():
            return
        names = sorted(set(vals).intersection(
            self._aftersales_workflow_field_names()))
        if names:
            raise UserError(_(
                "%(fields)s (%(model)s) change only through the actions "
                "(buttons) of the record, not by editing them.") % {
                    "fields": ", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in names),
                    "model": self._description})

    def _aftersales_check_business_values(self, vals, creating):
        """Hook: refuse, before anything is written, ``vals`` that the
        business rules of the model do not allow (``self``: the records
        written, empty at creation). Types are checked already."""

    def _aftersales_guard_values(self, vals, creating):
        """Checks of the values of a create or a write after their types:
        workflow fields, then the business rules of the model."""
        self._aftersales_check_workflow_values(vals)
        self._aftersales_check_business_values(vals, creating)

    def _aftersales_check_values(self, vals, creating):
        """Every check of the values of a create or a write, before
        anything is written: types, workflow fields, business rules. Call
        it first in ``create`` and ``write``."""
        self._aftersales_check_field_values(vals)
        self._aftersales_guard_values(vals, creating)


class _WorkflowToken(object):
    """Value of ``WORKFLOW_CONTEXT_KEY`` that lets a write change workflow
    fields (see ``AftersalesMixin._aftersales_workflow``)."""

    __slots__ = ()

    def __repr__(self):
        return "<aftersales workflow write>"


WORKFLOW_CONTEXT_KEY = "aftersales_workflow_write"
WORKFLOW_TOKEN = _WorkflowToken()
