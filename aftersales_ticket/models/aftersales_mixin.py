# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import OrderedDict
from contextlib import contextmanager
from datetime import date

from psycopg2 import OperationalError, errorcodes, sql

from odoo import _, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import value_check

# lock held by another transaction / row changed by a concurrent one
LOCK_ERRORS = (errorcodes.LOCK_NOT_AVAILABLE,
               errorcodes.SERIALIZATION_FAILURE)
# what a write meets when another transaction changed the same rows
CONCURRENCY_ERRORS = LOCK_ERRORS + (errorcodes.DEADLOCK_DETECTED,)
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

    @contextmanager
    def _aftersales_concurrent_guard(self):
        """Around a write: when another transaction changed the same rows
        at the same moment (PostgreSQL's serialization failure, a lock, a
        deadlock), the caller gets a clear "try again" ``UserError``.

        Odoo 11 retries such an RPC call itself, but in the same thread's
        environments: the fields the failed write had left to recompute
        still point at the first attempt's cursor, closed by then, and the
        retry answers ``psycopg2.OperationalError: Unable to use a closed
        cursor`` (Odoo 12 resets the environments before a retry). The
        stale caches and recomputations are dropped here, and the caller is
        told to try again (the transaction is rolled back)."""
        try:
            yield
        except OperationalError as error:
            if error.pgcode not in CONCURRENCY_ERRORS:
                raise
            # nothing of the failed transaction may be used any more (nor
            # read: it is aborted, the message names the records by id)
            self.env.clear()
            raise UserError(_(
                "%(model)s %(ids)s: changed by someone else at this very "
                "moment. Reload and try again.") % {
                    "model": self._description,
                    "ids": ", ".join("#%d" % record_id
                                     for record_id in self.ids[:10])})

    def _aftersales_check_field_values(self, vals):
        """Refuse, with a message naming the field, any value of ``vals``
        that its field cannot take (``lib/value_check.py``: types, finite
        numbers in range, real dates, sizes, selection keys, booleans;
        well-formed commands of relations to many), and ids of records
        that do not exist or belong to another company than the records
        written (``_aftersales_check_references``), before anything is
        written. Driven by the fields' types, so every field accepted over
        RPC is checked."""
        references = {}
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or (field.compute and not field.inverse):
                continue
            if field.type == "many2many":
                ids = self._aftersales_many2many_ids(field, value)
                if ids:
                    references[name] = ids
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
                references[name] = [value]
        self._aftersales_check_references(references, vals)

    def _aftersales_check_suite_values(self, vals):
        """``_aftersales_check_field_values`` for the fields of ``vals``
        that the suite's addons add: for the models of other addons the
        suite extends (partners, users, companies, products...), whose own
        fields are their business."""
        names = self._aftersales_suite_field_names()
        self._aftersales_check_field_values(
            {name: value for name, value in vals.items() if name in names})

    def _aftersales_suite_field_names(self):
        """Names of the fields of this model defined by the suite's
        addons (the core and every module depending on it)."""
        modules = self.env["aftersales.mixin"]._aftersales_suite_modules()
        return {name for name, field in self._fields.items()
                if field._module in modules}

    @tools.ormcache()
    def _aftersales_suite_modules(self):
        """The core and the modules that depend on it, directly or not."""
        self.env.cr.execute("""
            WITH RECURSIVE suite(name) AS (
                SELECT 'aftersales_ticket'::varchar
                UNION
                SELECT m.name FROM ir_module_module m
                  JOIN ir_module_module_dependency d ON d.module_id = m.id
                  JOIN suite s ON s.name = d.name)
            SELECT name FROM suite""")
        return frozenset(row[0] for row in self.env.cr.fetchall())

    def _aftersales_many2many_ids(self, field, value):
        """The ids that ``value`` (a list of commands or of ids) of the
        relation to many ``field`` links; refuses anything else."""
        if value is False or value is None:
            return []

        def refuse(what):
            raise ValidationError(_(
                "%(field)s: %(value)s is not a list of records.") % {
                    "field": field._description_string(self.env),
                    "value": what})

        def record_id(item):
            if not isinstance(item, int) or isinstance(item, bool) or \
                    not 0 < item <= value_check.INT_RANGE[1]:
                refuse(repr(item)[:100])
            return item

        if not isinstance(value, (list, tuple)):
            refuse(repr(value)[:100])
        ids = []
        for command in value:
            if not isinstance(command, (list, tuple)):
                ids.append(record_id(command))
                continue
            if not command or command[0] not in (0, 1, 2, 3, 4, 5, 6):
                refuse(repr(command)[:100])
            code = command[0]
            if code == 6:
                if len(command) != 3 or not isinstance(
                        command[2], (list, tuple)):
                    refuse(repr(command)[:100])
                ids.extend(record_id(item) for item in command[2])
            elif code in (1, 2, 3, 4):
                if len(command) < 2:
                    refuse(repr(command)[:100])
                ids.append(record_id(command[1]))
                if code == 1 and (len(command) != 3 or not isinstance(
                        command[2], dict)):
                    refuse(repr(command)[:100])
            elif code == 0 and (len(command) != 3 or not isinstance(
                    command[2], dict)):
                refuse(repr(command)[:100])
        return list(OrderedDict.fromkeys(ids))

    def _aftersales_record_companies(self, vals, fields_checked):
        """The companies the records written belong to, as a set of sets:
        each set holds the companies one record belongs to (a record may
        link a record of one of them). ``vals``' company, else the
        record's, else (creating) the default one, else the user's. Empty:
        the model has no company, nothing to compare. A company related to
        a link (a ticket's part: its ticket's company) is the company of
        the record linked at creation; that link itself is not compared
        then (``fields_checked`` loses it)."""
        field = self._fields.get("company_id")
        if field is None or field.type != "many2one" or \
                field.comodel_name != "res.company":
            if self._name == "res.company" and self.ids:
                return {frozenset([company_id]) for company_id in self.ids}
            return set()
        user_company = self.env.user.company_id.id
        if "company_id" in vals and not field.related:
            return {frozenset([vals["company_id"] or user_company])}
        if self.ids:
            # sudo: the companies of the records written, which the
            # caller may not be able to read
            companies = self.sudo().mapped("company_id").ids
            if any(not record.company_id for record in self.sudo()):
                companies.append(user_company)
            return {frozenset([company_id]) for company_id in companies}
        if field.related:
            root = field.related[0]
            root_field = self._fields.get(root)
            if root not in vals or root_field is None or \
                    root_field.type != "many2one":
                return set()
            fields_checked.discard(root)
            if not vals[root]:
                return set()
            # sudo: the company of the linked record, whatever the rights
            target = self.env[root_field.comodel_name].sudo().browse(
                vals[root]).exists()
            companies = target.mapped(".".join(field.related[1:])).ids
            return {frozenset(companies)} if companies else set()
        default = self.default_get(["company_id"]).get("company_id")
        return {frozenset([default or user_company])}

    # Models whose records any company may link whatever their company:
    # working hours (in Odoo 11 a new company's calendar keeps the company
    # of the user who created the company).
    _aftersales_shared_comodels = ("resource.calendar",)
    # Hook: links whose company the model's business rules compare
    # themselves, with a message of their own (a ticket's team).
    _aftersales_company_checked_fields = ()

    def _aftersales_check_references(self, references, vals=None):
        """``references``: {field name (many2one or many2many): [ids]}.
        Refuse the id of no record, and, on a model with a company, a
        record of another company than the records written (a user who
        does not belong to their company); records with no company
        (shared partners...) are fine. One query for all the fields."""
        if not references:
            return
        found = self._aftersales_reference_companies(references)
        checked = set(references) - set(
            self._aftersales_company_checked_fields)
        companies = None
        for name in sorted(references):
            field = self._fields[name]
            for record_id in references[name]:
                if (name, record_id) not in found:
                    raise ValidationError(_(
                        "%(field)s #%(id)s does not exist.") % {
                            "field": field._description_string(self.env),
                            "id": record_id})
            owned = [(record_id, found[name, record_id])
                     for record_id in references[name]
                     if found[name, record_id] is not None]
            if not owned:
                continue
            if companies is None:
                companies = self._aftersales_record_companies(
                    vals or {}, checked)
            if name not in checked:
                continue
            for record_id, owners in owned:
                if all(owners & allowed for allowed in companies):
                    continue
                # sudo: the name of the other company's record, which the
                # user may not read, to say what is wrong
                raise ValidationError(_(
                    "%(field)s: %(record)s belongs to another company.") % {
                        "field": field._description_string(self.env),
                        "record": self.env[field.comodel_name].sudo().browse(
                            record_id).display_name})

    def _aftersales_reference_companies(self, references):
        """{(field name, id): frozenset of company ids, or None (shared,
        or a model with no company)} of the records of ``references``
        ({field name: [ids]}) that exist (missing ones are left out), in
        one query. Like exists(), reads no field through the ORM (so it
        works whatever the caller may read); identifiers are quoted,
        values are parameters. A user's companies are those he belongs
        to."""
        names = sorted(references)
        parts = []
        params = []
        for name in names:
            Comodel = self.env[self._fields[name].comodel_name]
            table = sql.Identifier(Comodel._table)
            company = Comodel._fields.get("company_id")
            if Comodel._name in self._aftersales_shared_comodels:
                company = None
            if Comodel._name == "res.users":
                part = sql.SQL(
                    "SELECT %s, t.id, ARRAY(SELECT r.cid FROM "
                    "res_company_users_rel r WHERE r.user_id = t.id) "
                    "FROM {} t WHERE t.id IN %s").format(table)
            elif company is not None and company.store and \
                    company.type == "many2one" and \
                    company.comodel_name == "res.company":
                part = sql.SQL(
                    "SELECT %s, id, ARRAY[company_id] FROM {} "
                    "WHERE id IN %s").format(table)
            else:
                part = sql.SQL(
                    "SELECT %s, id, NULL::integer[] FROM {} "
                    "WHERE id IN %s").format(table)
            parts.append(part)
            params += [name, tuple(references[name])]
        query = sql.SQL(" UNION ALL ").join(parts)
        self.env.cr.execute(query.as_string(self.env.cr._obj), params)
        result = {}
        for name, record_id, owners in self.env.cr.fetchall():
            owners = frozenset(owner for owner in owners or () if owner)
            result[name, record_id] = owners or None
        return result

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
