# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""What the suite defines or extends, found in the database (never listed by
hand): the installed addons depending on ``aftersales_ticket``, their models
(``ir.model.data``), their fields (``ir.model.fields``), the object buttons
of their views, and the declarations of their ``tests/integrity_policy.py``.
An addon added later is found the same way, with no edit to the net."""
import importlib
from collections import OrderedDict

from lxml import etree

CORE = "aftersales_ticket"
ROLES = ("portal", "employee", "technician", "agent", "director", "manager",
         "billing", "warehouse", "other_company")
SCOPES = ("all", "team", "own", "self", None)
PERMS = "rwcu"
POLICY_NAMES = ("ACCESS", "SCOPE_FIELDS", "ONCE", "NO_DOCUMENTS",
                "BAD_VALUE_EXEMPT")
REGISTER_HINT = (
    "register it in %(module)s/tests/integrity_policy.py: ACCESS[%(model)r] "
    "= {role: (perms, scope)} for the roles %(roles)s (a role left out has "
    "no access), and SCOPE_FIELDS[%(model)r] = {'team': ..., 'customer': "
    "..., 'company': ..., 'user': ...} for the scopes it uses (see the "
    "BRIEF, 'The integrity net').")


def suite_modules(env):
    """Names of the installed modules that depend, directly or not, on the
    core, and the core itself; the core first, then by name."""
    env.cr.execute("""
        WITH RECURSIVE suite(name) AS (
            SELECT %s::varchar
            UNION
            SELECT m.name FROM ir_module_module m
              JOIN ir_module_module_dependency d ON d.module_id = m.id
              JOIN suite s ON s.name = d.name
             WHERE m.state = 'installed')
        SELECT name FROM suite""", (CORE,))
    names = sorted(row[0] for row in env.cr.fetchall())
    names.remove(CORE)
    return [CORE] + names


class Policy(object):
    """The declarations of one addon (empty when it declares nothing)."""

    def __init__(self, module, python_module=None):
        self.module = module
        self.python_module = python_module
        for name in POLICY_NAMES:
            setattr(self, name, dict(getattr(python_module, name, None) or {}))

    def function(self, name):
        return getattr(self.python_module, name, None)


def load_policies(modules):
    """{module: Policy or None (no tests/integrity_policy.py)}"""
    policies = OrderedDict()
    for module in modules:
        try:
            python_module = importlib.import_module(
                "odoo.addons.%s.tests.integrity_policy" % module)
        except ImportError as error:
            if "integrity_policy" not in str(error):
                raise
            policies[module] = None
            continue
        policies[module] = Policy(module, python_module)
    return policies


class Declarations(object):
    """Every addon's declarations merged, remembering who declared what."""

    def __init__(self, policies):
        self.policies = policies
        self.access = {}
        self.scope_fields = {}
        self.once = {}
        self.no_documents = {}
        self.exempt = {}
        self.write_guarded = {}
        self.declared_by = {}
        self.duplicates = []
        for module, policy in policies.items():
            if policy is None:
                continue
            for model, roles in policy.ACCESS.items():
                if model in self.access:
                    self.duplicates.append(
                        "%s: ACCESS declared by %s and %s" % (
                            model, self.declared_by[model], module))
                    continue
                self.access[model] = roles
                self.declared_by[model] = module
            for model, paths in policy.SCOPE_FIELDS.items():
                self.scope_fields.setdefault(model, {}).update(paths)
            for model, actions in policy.ONCE.items():
                for method, spec in actions.items():
                    self.once.setdefault(model, OrderedDict())[method] = (
                        module, spec)
            for model, methods in policy.NO_DOCUMENTS.items():
                self.no_documents.setdefault(model, set()).update(methods)
            for model, names in policy.BAD_VALUE_EXEMPT.items():
                self.exempt.setdefault(model, set()).update(names)
            # optional: models whose ACL grants write/create (another
            # module's) but whose suite records the code refuses to write
            # -> the values to write (create copies a sample record)
            for model, vals in getattr(
                    policy, "WRITE_GUARDED_BY_CODE", {}).items():
                self.write_guarded[model] = vals

    def role_access(self, model, role):
        """(perms, scope) of ``role`` on ``model``; ("", None) when the
        role is not listed."""
        perms, scope = self.access.get(model, {}).get(role, ("", None))
        return perms or "", scope


def suite_models(env, modules):
    """{model: {"modules": set of suite modules that define or extend it,
    "defined": whether a suite module defines it, "fields": names of the
    fields suite modules add}} for the models present in the registry, not
    abstract. From ir.model.data (models and fields) and the registry."""
    env.cr.execute("""
        SELECT m.model, d.module FROM ir_model_data d
          JOIN ir_model m ON d.model = 'ir.model' AND d.res_id = m.id
         WHERE d.module IN %s""", (tuple(modules),))
    models = OrderedDict()
    for model, module in sorted(env.cr.fetchall()):
        models.setdefault(model, {"modules": set(), "fields": set()})[
            "modules"].add(module)
    env.cr.execute("""
        SELECT f.model, f.name, d.module FROM ir_model_data d
          JOIN ir_model_fields f ON d.model = 'ir.model.fields'
               AND d.res_id = f.id
         WHERE d.module IN %s""", (tuple(modules),))
    for model, name, module in env.cr.fetchall():
        entry = models.setdefault(model, {"modules": set(), "fields": set()})
        entry["modules"].add(module)
        entry["fields"].add(name)
    result = OrderedDict()
    for model in sorted(models):
        if model not in env.registry:
            continue
        Model = env[model]
        if Model._abstract:
            continue
        entry = models[model]
        entry["defined"] = Model._original_module in modules
        entry["transient"] = Model._transient
        entry["view"] = not Model._auto
        if entry["defined"]:
            entry["fields"] = set(Model._fields)
        entry["owner"] = (Model._original_module if entry["defined"]
                          else sorted(entry["modules"])[0])
        result[model] = entry
    return result


def suite_buttons(env, modules):
    """{(model, method): [view xmlids]} of the ``type="object"`` buttons
    (and links) of the views the suite's modules define or inherit."""
    env.cr.execute("""
        SELECT d.module || '.' || d.name, d.res_id FROM ir_model_data d
         WHERE d.model = 'ir.ui.view' AND d.module IN %s""",
                   (tuple(modules),))
    xmlids = dict((res_id, xmlid) for xmlid, res_id in env.cr.fetchall())
    buttons = OrderedDict()
    View = env["ir.ui.view"].sudo()
    for view in View.browse(sorted(xmlids)).exists():
        if view.type not in ("form", "tree", "kanban"):
            continue
        try:
            arch = etree.fromstring(view.arch_db.encode("utf-8"))
        except etree.XMLSyntaxError:
            continue
        for node in arch.iter():
            if node.get("type") != "object" or not node.get("name"):
                continue
            buttons.setdefault((view.model, node.get("name")), []).append(
                xmlids[view.id])
    return buttons
