# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The integrity net (issue 20): the house rules checked by construction for
every model and action the suite's addons define or extend, present and
future. Nothing here names a model: the models, fields and buttons are read
from the database (``net/discovery.py``), the intended behaviour from each
addon's ``tests/integrity_policy.py``. A model or a button nobody declared
fails the net with a message saying how to declare it.

Checks (each collects every problem, then fails once with the list):
- registry: every model and every object button declared, the
  declarations well-formed;
- access: rights of each role per permission, and the records each role
  reads (``search([])``) against its declared scope;
- once: each ONCE action with duplicate ids, twice in a row, and in two
  transactions at once creates its documents once;
- workflow: no role writes a workflow field over the ORM;
- bad values: every writable stored field refuses the values of
  ``net/values.py`` with a clear error and changes nothing; settings too.

How a new model or action is registered with the net: nothing in the net
changes. The addon that defines (or first extends) the model adds it to
``ACCESS`` in its own ``tests/integrity_policy.py`` (every role that may
use it, with its permissions and scope) and says in ``SCOPE_FIELDS`` how
its records reach a team (``team``), a customer (``customer``, whose
commercial entity is "own"), a company (``company``) and a user
(``user``); ``own_domain`` narrows what customers read (internal work);
``only`` / ``also`` ({role: domain, or a function of the user returning
one}) narrow or widen one role's scope
where its record rule has a branch the scope words cannot say.
``records`` (a domain) limits the read-scope check to the records the suite
governs, when the model also holds records another module's rules govern
(Odoo's own survey answers, for instance).
"team" opens the records of the user's teams and those assigned to him.
A new button of type object on one of the suite's views goes to ``ONCE``
when it creates accounting, stock, survey or activity records (the role
that presses it, a ``prepare(env)`` function of the policy returning a
record ready for it -- inserting rows only, never changing existing ones,
as the net commits it and removes it afterwards -- and the models it
creates), else to ``NO_DOCUMENTS``. A field the bad-value sweep must not
write goes to ``BAD_VALUE_EXEMPT`` with the reason in a comment. Until
then the net fails, naming the model or button and the file to edit.
"""
import logging
from collections import OrderedDict

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import except_orm
from odoo.osv import expression
from odoo.tests.common import TransactionCase, at_install, post_install

from .net import discovery, values
from .net.roles import QUIET, NetCase

_logger = logging.getLogger(__name__)

# The field names every model has, written by the ORM only.
MAGIC_FIELDS = {"id", "create_uid", "create_date", "write_uid", "write_date",
                "__last_update", "display_name",
                # the ORM's own tree index (_parent_store)
                "parent_left", "parent_right"}
CLEAR_ERRORS = (except_orm,)  # UserError, ValidationError, AccessError...


def short(value):
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


def count_rows(env, models):
    """{model: number of rows of its table} (what an action creates)."""
    counts = {}
    for model in models:
        env.cr.execute('SELECT count(*) FROM "%s"' % env[model]._table)
        counts[model] = env.cr.fetchone()[0]
    return counts


def created(before, after):
    return {model: after[model] - before[model] for model in before
            if after[model] != before[model]}


class Problems(object):
    """Problems grouped by (model, check), reported in one failure. Values
    refused badly are grouped by field: one line per field."""

    def __init__(self):
        self.groups = OrderedDict()

    def add(self, model, check, message):
        self.groups.setdefault((model, check), OrderedDict())[
            len(self.groups.get((model, check), ()))] = message

    def add_value(self, model, check, field, label, detail=None):
        """``field`` = ``label`` went wrong (``detail``: the error class)."""
        group = self.groups.setdefault((model, check), OrderedDict())
        entries = group.setdefault(field, [])
        entries.append(label if not detail else "%s (%s)" % (label, detail))

    def report(self, case):
        if not self.groups:
            return
        lines = ["%d model/check group(s) fail the integrity net:" % len(
            self.groups)]
        for (model, check), entries in self.groups.items():
            lines.append("[%s] %s (%d):" % (model, check, len(entries)))
            for key, entry in entries.items():
                if isinstance(entry, list):
                    entry = "%s = %s" % (key, ", ".join(entry))
                lines.append("  - %s" % entry)
        case.fail("\n".join(lines))


class NetMixin(object):
    """The suite's modules, models and declarations, read once per class."""

    @classmethod
    def _load_net(cls):
        env = cls.env
        cls.modules = discovery.suite_modules(env)
        cls.policies = discovery.load_policies(cls.modules)
        cls.decl = discovery.Declarations(cls.policies)
        cls.models = discovery.suite_models(env, cls.modules)

    def declared_models(self):
        """The suite's models with an ACCESS entry (the others fail the
        registry check)."""
        return [model for model in self.models if model in self.decl.access]

    # savepoints that are always rolled back: one sub-check cannot poison
    # or feed the next
    def attempt(self, function):
        """Run ``function()`` in a savepoint rolled back afterwards; returns
        (result, exception)."""
        cr = self.env.cr
        cr.execute("SAVEPOINT integrity_net")
        try:
            return function(), None
        except Exception as error:  # pylint: disable=broad-except
            return None, error
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT integrity_net")
            cr.execute("RELEASE SAVEPOINT integrity_net")
            self.env.clear()

    def role_scope_domain(self, model, role, scope, user):
        """``scope_domain``, narrowed or widened for ``role`` by the
        declaration's optional ``only`` / ``also`` ({role: domain}): the
        records of the scope that match ``only``, plus those of the
        user's companies that match ``also`` (a record rule with a branch
        the scope words cannot say, e.g. the pickings outside the
        workshop)."""
        paths = self.decl.scope_fields.get(model, {})
        domain = self.scope_domain(model, scope, user)
        only = paths.get("only", {}).get(role)
        if callable(only):
            only = only(user)
        if only:
            domain = expression.AND([domain, only])
        also = paths.get("also", {}).get(role)
        if callable(also):
            also = also(user)
        if also:
            domain = expression.OR([domain, expression.AND([
                self.scope_domain(model, "all", user), also])])
        return domain

    def scope_domain(self, model, scope, user):
        """The records of ``model`` that ``scope`` opens to ``user``, as a
        domain for the superuser."""
        paths = self.decl.scope_fields.get(model, {})
        domain = []
        company = paths.get("company")
        if company and scope is not None:
            company_ids = user.sudo()._get_aftersales_company_ids()
            domain += ["|", (company, "=", False), (company, "in", company_ids)]
        if scope in ("all", None):
            return domain if scope else [("id", "=", 0)]
        if scope == "team":
            teams = self.env["aftersales.team"].sudo().search(
                [("member_ids", "in", user.ids)])
            team_domain = [(paths["team"], "in", teams.ids)]
            if paths.get("user"):
                team_domain = ["|", (paths["user"], "=", user.id)] + \
                    team_domain
            return domain + team_domain
        if scope == "own":
            commercial = user.partner_id.commercial_partner_id
            return domain + [
                (paths["customer"] + ".commercial_partner_id", "=",
                 commercial.id)] + list(paths.get("own_domain", []))
        if scope == "self":
            return domain + [(paths["user"], "=", user.id)]
        raise ValueError(scope)


class TestIntegrityNet(NetMixin, NetCase):
    """The net's checks in one class: the role users and the second
    company are made once for all of them (about 20 s)."""

    @classmethod
    def setUpClass(cls):
        super(TestIntegrityNet, cls).setUpClass()
        cls._load_net()

    # -- registry: everything the suite defines or extends is declared ----

    def test_every_addon_has_a_policy(self):
        problems = Problems()
        for module, policy in self.policies.items():
            if policy is None:
                problems.add(module, "policy file", (
                    "no %s/tests/integrity_policy.py: create it with ACCESS, "
                    "SCOPE_FIELDS, ONCE, NO_DOCUMENTS, BAD_VALUE_EXEMPT for "
                    "the models and actions of the addon" % module))
        problems.report(self)

    def test_every_model_is_declared(self):
        problems = Problems()
        for model, entry in self.models.items():
            if model in self.decl.access:
                continue
            owner = entry["owner"]
            problems.add(model, "not registered", (
                "defined or extended by %s and declared by none: "
                % ", ".join(sorted(entry["modules"]))) + (
                    discovery.REGISTER_HINT % {
                        "module": owner, "model": model,
                        "roles": ", ".join(discovery.ROLES)}))
        for message in self.decl.duplicates:
            problems.add("(policies)", "declared twice", message)
        problems.report(self)

    def test_declarations_are_well_formed(self):
        problems = Problems()
        for model, roles in self.decl.access.items():
            if model not in self.env.registry:
                problems.add(model, "declaration", "no such model")
                continue
            for role, access in roles.items():
                self._check_role_declaration(problems, model, role, access)
            self._check_scope_paths(problems, model)
        for model, actions in self.decl.once.items():
            for method, (module, spec) in actions.items():
                self._check_once_declaration(problems, model, method, module,
                                             spec)
        problems.report(self)

    def _check_role_declaration(self, problems, model, role, access):
        if role not in discovery.ROLES:
            problems.add(model, "declaration", "unknown role %r" % role)
            return
        perms, scope = access
        if set(perms or "") - set(discovery.PERMS):
            problems.add(model, "declaration",
                         "%s: perms %r not in 'rwcu'" % (role, perms))
        if scope not in discovery.SCOPES:
            problems.add(model, "declaration",
                         "%s: unknown scope %r" % (role, scope))
        need = {"team": "team", "own": "customer", "self": "user"}.get(scope)
        if need and need not in self.decl.scope_fields.get(model, {}):
            problems.add(model, "declaration", (
                "%s: scope %r needs SCOPE_FIELDS[%r][%r]"
                % (role, scope, model, need)))

    def _check_scope_paths(self, problems, model):
        Model = self.env[model].sudo()
        for key, path in self.decl.scope_fields.get(model, {}).items():
            if key in ("own_domain", "only", "also",
                       "records"):
                continue
            try:
                Model.search([(path, "=", False)], limit=1)
            except Exception as error:  # pylint: disable=broad-except
                problems.add(model, "declaration", (
                    "SCOPE_FIELDS %s = %r: %s" % (key, path, error)))

    def _check_once_declaration(self, problems, model, method, module, spec):
        where = "ONCE %s.%s (%s)" % (model, method, module)
        if model not in self.env.registry or not hasattr(
                self.env[model], method):
            problems.add(model, "declaration", where + ": no method")
        if spec.get("role") not in discovery.ROLES:
            problems.add(model, "declaration",
                         where + ": unknown role %r" % spec.get("role"))
        if not callable(self.policies[module].function(
                spec.get("prepare") or "")):
            problems.add(model, "declaration", where + (
                ": prepare %r is not a function of the policy"
                % spec.get("prepare")))
        for created in spec.get("creates") or ():
            if created not in self.env.registry:
                problems.add(model, "declaration",
                             where + ": creates %r: no such model" % created)
        if not spec.get("creates"):
            problems.add(model, "declaration", where + ": 'creates' is empty")

    def test_every_button_is_declared(self):
        """A suite form's object button either creates documents once
        (ONCE) or creates none (NO_DOCUMENTS)."""
        problems = Problems()
        buttons = discovery.suite_buttons(self.env, self.modules)
        for (model, method), views in buttons.items():
            if method in self.decl.once.get(model, {}) or \
                    method in self.decl.no_documents.get(model, ()):
                continue
            problems.add(model, "button not declared", (
                "%s (views %s): add it to ONCE[%r] (with role, prepare, "
                "creates) if it creates accounting, stock, survey or "
                "activity records, else to NO_DOCUMENTS[%r], in the "
                "integrity_policy.py of the addon that owns the action" % (
                    method, ", ".join(sorted(set(views))), model, model)))
        problems.report(self)

    # -- access: what each role may do and read, as declared ---------------

    def test_access_rights(self):
        problems = Problems()
        for model in self.declared_models():
            for role in discovery.ROLES:
                perms, _scope = self.decl.role_access(model, role)
                Model = self.env[model].sudo(self.users[role])
                for perm, mode in zip("rwcu", ("read", "write", "create",
                                               "unlink")):
                    has = Model.check_access_rights(
                        mode, raise_exception=False)
                    if has != (perm in perms):
                        problems.add(model, "access rights", (
                            "%s: %s is %s, declared %s" % (
                                role, mode, "granted" if has else "refused",
                                "granted" if perm in perms else "refused")))
        problems.report(self)

    def test_writes_guarded_by_code(self):
        """WRITE_GUARDED_BY_CODE: the ACL grants write/create, the code
        refuses them on the suite's records (``records`` of SCOPE_FIELDS):
        each role granted them writes the declared values on a sample and
        creates a copy of it, and is refused."""
        problems = Problems()
        for model, vals in sorted(self.decl.write_guarded.items()):
            records = list(self.decl.scope_fields.get(model, {}).get(
                "records", []))
            sample = self.env[model].sudo().search(records, limit=1)
            if not sample:
                problems.add(model, "write guarded", "no record to write")
                continue
            create_vals = sample.copy_data()[0]
            for role in discovery.ROLES:
                perms, _scope = self.decl.role_access(model, role)
                Model = self.env[model].sudo(self.users[role])
                if "w" in perms:
                    _result, error = self.attempt(
                        lambda: Model.browse(sample.id).write(dict(vals)))
                    if error is None:
                        problems.add(model, "write guarded",
                                     "%s wrote %r" % (role, vals))
                if "c" in perms:
                    _result, error = self.attempt(
                        lambda: Model.create(dict(create_vals)))
                    if error is None:
                        problems.add(model, "write guarded",
                                     "%s created a copy" % role)
        problems.report(self)

    def test_read_scope(self):
        problems = Problems()
        for model in self.declared_models():
            if self.models[model]["transient"]:
                continue
            for role in discovery.ROLES:
                perms, scope = self.decl.role_access(model, role)
                if "r" not in perms:
                    continue
                user = self.users[role]
                Model = self.env[model]
                records = list(self.decl.scope_fields.get(model, {}).get(
                    "records", []))
                try:
                    expected = set(Model.sudo().search(
                        records + self.role_scope_domain(
                            model, role, scope, user)).ids)
                except Exception as error:  # pylint: disable=broad-except
                    problems.add(model, "read scope", (
                        "%s: scope %r cannot be computed: %s"
                        % (role, scope, error)))
                    continue
                found, error = self.attempt(
                    lambda: set(Model.sudo(user).search(records).ids))
                if error is not None:
                    problems.add(model, "read scope", (
                        "%s: search([]) raised %s: %s" % (
                            role, type(error).__name__, error)))
                    continue
                extra = sorted(found - expected)
                missing = sorted(expected - found)
                if extra:
                    problems.add(model, "read scope", (
                        "%s (scope %r) reads %d record(s) outside its "
                        "scope, e.g. ids %s" % (role, scope, len(extra),
                                                extra[:5])))
                if missing:
                    problems.add(model, "read scope", (
                        "%s (scope %r) does not read %d record(s) of its "
                        "scope, e.g. ids %s" % (role, scope, len(missing),
                                                missing[:5])))
        problems.report(self)

    # -- workflow: fields changed through actions only, whoever writes -----

    def test_workflow_fields_refused(self):
        problems = Problems()
        for model in self.declared_models():
            Model = self.env[model]
            if not hasattr(Model, "_aftersales_workflow_field_names") or \
                    self.models[model]["view"] or \
                    self.models[model]["transient"]:
                continue
            names = sorted(name for name in
                           Model._aftersales_workflow_field_names()
                           if name in Model._fields
                           and name not in MAGIC_FIELDS)
            for role in discovery.ROLES:
                perms, _scope = self.decl.role_access(model, role)
                user = self.users[role]
                if "w" not in perms or not Model.sudo(
                        user).check_access_rights("write",
                                                  raise_exception=False):
                    continue
                for record in self._workflow_samples(model, user):
                    for name in names:
                        self._check_workflow_field(problems, record, name,
                                                   role)
        problems.report(self)

    def _workflow_samples(self, model, user):
        """A record the role reads, and on a model the suite extends, one
        the suite's links are set on (an invoice of a ticket...)."""
        Model = self.env[model].sudo(user)
        samples = Model.search([], limit=1)
        if not self.models[model]["defined"]:
            links = sorted(
                name for name in self.models[model]["fields"]
                if Model._fields.get(name) is not None
                and Model._fields[name].type == "many2one"
                and Model._fields[name].store)
            if links:
                samples |= Model.search([(links[0], "!=", False)], limit=1)
        if not samples:
            _logger.info("integrity net: %s reads no %s to write",
                         user.login, model)
        return samples

    def _check_workflow_field(self, problems, record, name, role):
        field = record._fields[name]
        admin_record = record.sudo()
        before = values.comparable(field, admin_record[name])
        value = values.other_value(self.env, field, admin_record[name])
        if value is None:
            return

        def write():
            record.write({name: value})
            record.invalidate_cache()
            return values.comparable(field, record.sudo()[name])

        after, error = self.attempt(write)
        if error is None:
            if after != before:
                problems.add(record._name, "workflow field written", (
                    "%s wrote %s: %s -> %s" % (role, name, short(before),
                                               short(after))))
        elif not isinstance(error, CLEAR_ERRORS):
            problems.add(record._name, "workflow field written", (
                "%s writing %s: raw %s: %s" % (role, name,
                                               type(error).__name__,
                                               short(str(error)))))

    # -- bad values: a clear refusal, before anything is written -----------

    def _sample(self, model):
        """One record of ``model`` of the main company (superuser)."""
        Model = self.env[model].sudo()
        domain = []
        if "company_id" in Model._fields and Model._fields[
                "company_id"].store:
            domain = [("company_id", "in", [self.company.id, False])]
        record = Model.search(domain, limit=1, order="id desc")
        if record or not self.models[model]["transient"]:
            return record
        ticket = self.env["aftersales.ticket"].search(
            [("company_id", "=", self.company.id)], limit=1)
        context = {"active_model": ticket._name, "active_id": ticket.id,
                   "active_ids": ticket.ids}
        try:
            with self.env.cr.savepoint():
                return Model.with_context(**context).create({})
        except Exception:  # pylint: disable=broad-except
            return Model

    def _other_company_id(self, comodel):
        Comodel = self.env[comodel].sudo()
        field = Comodel._fields.get("company_id")
        if not field or not field.store:
            return None
        return Comodel.search([("company_id", "=", self.company_b.id)],
                              limit=1, order="id desc").id or None

    def _fields_to_check(self, model):
        Model = self.env[model]
        entry = self.models[model]
        workflow = set()
        if hasattr(Model, "_aftersales_workflow_field_names"):
            workflow = Model._aftersales_workflow_field_names()
        exempt = self.decl.exempt.get(model, set())
        names = []
        for name in sorted(entry["fields"]):
            field = Model._fields.get(name)
            if field is None or name in MAGIC_FIELDS or name in workflow \
                    or name in exempt:
                continue
            if not field.store or (field.compute and not field.inverse):
                continue
            if field.type in values.SKIPPED_TYPES:
                continue
            names.append(name)
        return names

    def test_bad_values(self):
        problems = Problems()
        Admin = self.env(user=SUPERUSER_ID)
        for model, entry in self.models.items():
            if entry["view"] or model == "res.config.settings":
                continue
            names = self._fields_to_check(model)
            if not names:
                continue
            record = self._sample(model).with_env(Admin)
            if not record:
                _logger.info("integrity net: no %s to write bad values on",
                             model)
                continue
            for name in names:
                field = record._fields[name]
                other = None
                # a link to another company's record (moving the record
                # itself to another company is the administrator's right)
                if field.type in ("many2one", "many2many") and \
                        field.comodel_name != "res.company" and \
                        "company_id" in record._fields:
                    other = self._other_company_id(field.comodel_name)
                for label, value in values.bad_values(field, other).items():
                    self._check_bad_value(problems, record, name, label,
                                          value)
        problems.report(self)

    def _snapshot(self, record):
        self.env.cr.execute(
            'SELECT write_date FROM "%s" WHERE id = %%s' % record._table,
            (record.id,))
        return self.env.cr.fetchone()

    def _check_bad_value(self, problems, record, name, label, value):
        field = record._fields[name]
        before = self._snapshot(record)
        outcome = {}

        def write():
            try:
                record.write({name: value})
                record.invalidate_cache()
                return short(values.comparable(field, record[name]))
            except CLEAR_ERRORS:
                # nothing partial: the row is as it was
                if not self.env.cr._obj.closed:
                    outcome["after"] = self._snapshot(record)
                raise

        stored, error = self.attempt(write)
        if error is None:
            problems.add_value(record._name, "bad value accepted", name,
                               label, "stored %s" % stored)
        elif not isinstance(error, CLEAR_ERRORS):
            problems.add_value(record._name, "bad value: raw error", name,
                               label, type(error).__name__)
        elif outcome.get("after", before) != before:
            problems.add_value(record._name, "bad value: refused only after writing",
                               name, label)

    def test_settings_bad_values(self):
        problems = Problems()
        Settings = self.env["res.config.settings"].sudo()
        names = sorted(self.models.get("res.config.settings",
                                       {}).get("fields", ()))
        for name in names:
            field = Settings._fields.get(name)
            if field is None or field.type in values.SKIPPED_TYPES or \
                    field.compute and not field.inverse and field.store:
                continue
            for label, value in values.bad_values(
                    field, settings=True).items():
                def apply(name=name, value=value):
                    Settings.create({name: value}).set_values()
                _result, error = self.attempt(apply)
                if error is None:
                    problems.add_value("res.config.settings",
                                       "bad setting accepted", name, label)
                elif not isinstance(error, CLEAR_ERRORS):
                    problems.add_value("res.config.settings",
                                       "bad setting: raw error", name, label,
                                       type(error).__name__)
        problems.report(self)
    # -- once: with duplicate ids and twice in a row, as the declared role ---

    def test_once_duplicate_ids_and_twice(self):
        problems = Problems()
        for model, actions in self.decl.once.items():
            for method, (module, spec) in actions.items():
                self._check_once(problems, model, method, module, spec)
        problems.report(self)

    def _run(self, module, spec, method, duplicate):
        prepare = self.policies[module].function(spec["prepare"])
        user = self.users[spec["role"]]
        creates = spec["creates"]
        record = prepare(self.env)
        if record._transient:
            # a wizard is its opener's (Odoo's implicit rule on transient
            # records): the role opens the one prepared
            self.env.cr.execute(
                'UPDATE "%s" SET create_uid = %%s WHERE id IN %%s'
                % record._table, (user.id, tuple(record.ids)))
            record.invalidate_cache()
        runs = []
        for _run in range(1 if duplicate else 2):
            target = record.sudo(user)
            if duplicate:
                target = target.browse(record.ids + record.ids)
            before = count_rows(self.env, creates)
            error = None
            try:
                with self.env.cr.savepoint():
                    getattr(target, method)()
            except CLEAR_ERRORS as refused:
                error = refused
            runs.append((created(before, count_rows(self.env, creates)),
                         error))
            self.env.clear()
        return runs

    def _check_once(self, problems, model, method, module, spec):
        action = "%s (as %s)" % (method, spec.get("role"))
        twice, error = self.attempt(
            lambda: self._run(module, spec, method, False))
        if error is not None:
            problems.add(model, "once", "%s: %s: %s" % (
                action, type(error).__name__, short(str(error))))
            return
        (first, first_error), (second, _second_error) = twice
        if first_error is not None or not first:
            problems.add(model, "once", (
                "%s created nothing on the prepared record%s: the net cannot "
                "check it" % (action, first_error and ": %s" % short(
                    str(first_error)) or "")))
            return
        if second:
            problems.add(model, "once", "%s twice in a row: the second run "
                         "created %s more" % (action, second))
        dup, error = self.attempt(
            lambda: self._run(module, spec, method, True))
        if error is not None:
            problems.add(model, "once", "%s with duplicate ids: %s: %s" % (
                action, type(error).__name__, short(str(error))))
        elif dup[0][0] != first:
            problems.add(model, "once", (
                "%s with duplicate ids created %s, once created %s"
                % (action, dup[0][0], first)))


@at_install(False)
@post_install(True)
class TestIntegrityNetOnceConcurrent(NetMixin, TransactionCase):
    """Each ONCE action run by two transactions at once creates its
    documents once: the first transaction runs it and keeps its work
    uncommitted (its locks held), the second runs it meanwhile and must be
    refused or create nothing. Real cursors see committed data only: the
    prepared record is committed, both runs are rolled back, and what the
    preparation inserted is deleted at the end. Both run as the superuser
    (the role users of the other checks are not committed): the lock does
    not depend on who runs the action."""

    def setUp(self):
        super(TestIntegrityNetOnceConcurrent, self).setUp()
        self._load_net_env(self.env)

    def _load_net_env(self, env):
        self.modules = discovery.suite_modules(env)
        self.policies = discovery.load_policies(self.modules)
        self.decl = discovery.Declarations(self.policies)

    def _sequences(self, cr):
        cr.execute("SELECT sequencename, last_value FROM pg_sequences "
                   "WHERE schemaname = 'public' AND sequencename LIKE "
                   "'%\\_id\\_seq'")
        return dict(cr.fetchall())

    def _remove_inserted(self, sequences):
        """Delete the rows inserted since ``sequences`` were read (the
        preparation's, committed), foreign keys aside for the time, then
        the links left to them (many2many rows deleted, other references
        emptied)."""
        with self.registry.cursor() as cr:
            now = self._sequences(cr)
            cr.execute("SET LOCAL session_replication_role = replica")
            tables = []
            for name, last in now.items():
                if last is None or last == sequences.get(name):
                    continue
                table = name[:-len("_id_seq")]
                cr.execute("SELECT to_regclass(%s)", (table,))
                if cr.fetchone()[0] is None:
                    continue
                cr.execute('DELETE FROM "%s" WHERE id > %%s' % table,
                           (sequences.get(name) or 0,))
                tables.append(table)
            if tables:
                self._remove_dangling(cr, tables)
            cr.commit()  # pylint: disable=invalid-commit
        self.registry.clear_caches()

    def _remove_dangling(self, cr, tables):
        cr.execute("""
            SELECT c.conrelid::regclass::text, a.attname,
                   c.confrelid::regclass::text, a.attnotnull,
                   EXISTS(SELECT 1 FROM pg_attribute i
                           WHERE i.attrelid = c.conrelid
                             AND i.attname = 'id')
              FROM pg_constraint c
              JOIN pg_attribute a ON a.attrelid = c.conrelid
                                 AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f'
               AND c.confrelid::regclass::text IN %s
               AND a.attname NOT IN ('create_uid', 'write_uid')""",
                   (tuple(tables),))
        for table, column, target, not_null, has_id in cr.fetchall():
            # aliases: a table may refer to itself (parent_id)
            dangling = ('o."%s" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM '
                        '"%s" t WHERE t.id = o."%s")' % (
                            column, target, column))
            if not_null or not has_id:
                cr.execute('DELETE FROM "%s" o WHERE %s' % (table, dangling))
            else:
                cr.execute('UPDATE "%s" o SET "%s" = NULL WHERE %s' % (
                    table, column, dangling))

    def test_once_two_transactions_at_once(self):
        problems = Problems()
        for model, actions in self.decl.once.items():
            for method, (module, spec) in actions.items():
                sequences = None
                try:
                    with self.registry.cursor() as cr:
                        sequences = self._sequences(cr)
                    self._check_concurrent(problems, model, method, module,
                                           spec)
                finally:
                    if sequences is not None:
                        self._remove_inserted(sequences)
        problems.report(self)

    def _check_concurrent(self, problems, model, method, module, spec):
        creates = spec["creates"]
        action = "%s at once" % method
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(QUIET))
            try:
                ids = self.policies[module].function(spec["prepare"])(env).ids
            except Exception as error:  # pylint: disable=broad-except
                _logger.warning("integrity net: %s: prepare failed", action,
                                exc_info=True)
                cr.rollback()
                env.clear()
                problems.add(model, "once", "%s: prepare failed: %s" % (
                    action, short(str(error))))
                return
            cr.commit()  # pylint: disable=invalid-commit
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            for cr in (cr1, cr2):
                cr.execute("SET lock_timeout = '5s'")
            env1 = api.Environment(cr1, SUPERUSER_ID, dict(QUIET))
            env2 = api.Environment(cr2, SUPERUSER_ID, dict(QUIET))
            try:
                before = count_rows(env2, creates)
                try:
                    getattr(env1[model].browse(ids), method)()
                except Exception as error:  # pylint: disable=broad-except
                    problems.add(model, "once", "%s: the first run failed: "
                                 "%s: %s" % (action, type(error).__name__,
                                             short(str(error))))
                    return
                if not created(count_rows(env2, creates),
                               count_rows(env1, creates)):
                    problems.add(model, "once", "%s: the first run created "
                                 "nothing: cannot check" % action)
                    return
                try:
                    getattr(env2[model].browse(ids), method)()
                except CLEAR_ERRORS as refused:
                    # refused while the first one works: what is asked
                    _logger.info("integrity net: %s refused: %s", action,
                                 refused)
                except psycopg2.Error as error:
                    problems.add(model, "once", (
                        "%s: the second transaction waited on a lock and got "
                        "%s instead of a clear refusal" % (
                            action, type(error).__name__)))
                    return
                else:
                    both = created(before, count_rows(env2, creates))
                    if both:
                        problems.add(model, "once", (
                            "%s: the second transaction created %s while the "
                            "first one was doing it" % (action, both)))
            finally:
                cr1.rollback()
                cr2.rollback()
                # a failed run leaves fields to recompute on records of
                # these cursors in the environments' shared queue: the next
                # action's prepare would recompute them on a closed cursor
                env1.clear()
                env2.clear()
