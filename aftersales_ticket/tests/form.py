# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""A form view as the Odoo 11 web client drives it, for tests (after Odoo
12's ``odoo.tests.common.Form``).

``Form(model_or_record, view=None)`` loads the form view as the model's
user sees it (``fields_view_get``: fields and buttons of other groups are
gone), then behaves like the web client's BasicModel:

- a new record: ``default_get`` of the view's fields, then ``onchange``
  with every field of the view (the web client's first call);
- setting a field (``form.partner_id = partner``) is refused when the
  field is not in the view, invisible or readonly (its modifiers
  evaluated on the current values), and calls ``onchange`` on that field
  when the view says it has one (``on_change`` of ``fields_view_get``),
  with all the current values (x2many as commands) and the view's
  onchange spec;
- ``save()`` calls ``create`` (every field of the view) or ``write`` (the
  changed fields) with exactly what the web client sends: ``False`` for an
  empty value (many2one, char, date...), readonly fields left out (unless
  ``force_save``), one2many as commands (``0`` new line with its values,
  ``1`` changed line, ``2`` removed line, ``4`` kept line), many2many as
  ``(6, 0, ids)``; a required field left empty refuses the save as the
  client does. ``form.sent`` holds the last values sent.

One2many lines (``with form.part_ids.new() as line``, ``.edit(index)``,
``.remove(index)``) use the field's inline subview (its editable list,
else its form), else the comodel's default form view: ``default_get``
with the field's context, ``onchange`` with the parent's values under the
inverse field, as the client does; the parent's onchange on the one2many
runs when a line is done.
"""
import copy
import json

from lxml import etree

from odoo import models
from odoo.tools.safe_eval import safe_eval

__all__ = ["Form", "eval_domain"]


# ----------------------------------------------------------------------
# Modifiers: the web client's domain evaluation on the record's values
# ----------------------------------------------------------------------

def _leaf_value(values, parent, name):
    if name.startswith("parent."):
        return _leaf_value(parent or {}, None, name[len("parent."):])
    return values.get(name, False)


def _compare(left, operator, right):
    if operator in ("=", "=="):
        if isinstance(left, list):  # x2many ids
            return (not left and right is False) or left == right
        return left == right or (left in (False, None) and right in (False, None))
    if operator in ("!=", "<>"):
        return not _compare(left, "=", right)
    if operator == "in":
        right = right if isinstance(right, (list, tuple)) else [right]
        if isinstance(left, list):
            return any(item in right for item in left)
        return left in right
    if operator == "not in":
        return not _compare(left, "in", right)
    if operator in ("like", "ilike"):
        return bool(left) and str(right).lower() in str(left).lower()
    if operator in ("not like", "not ilike"):
        return not _compare(left, operator[4:], right)
    if operator in ("<", ">", "<=", ">="):
        if left in (False, None):
            return False
        return {"<": left < right, ">": left > right,
                "<=": left <= right, ">=": left >= right}[operator]
    raise ValueError("operator %r is not supported in modifiers" % operator)


def eval_domain(domain, values, parent=None):
    """Whether ``values`` (the client's raw values: ids for many2one, id
    lists for x2many) satisfy ``domain`` (prefix notation, implicit and)."""
    if isinstance(domain, bool):
        return domain
    if not domain:
        return True

    def parse(position):
        token = domain[position]
        if token == "!":
            result, position = parse(position + 1)
            return not result, position
        if token in ("&", "|"):
            left, position = parse(position + 1)
            right, position = parse(position)
            return (left and right) if token == "&" else (left or right), position
        name, operator, value = token
        if isinstance(name, int):  # (1, '=', 1) / (0, '=', 1)
            return _compare(name, operator, value), position + 1
        return (_compare(_leaf_value(values, parent, name), operator, value),
                position + 1)

    position, results = 0, []
    while position < len(domain):
        result, position = parse(position)
        results.append(result)
    return all(results)


# ----------------------------------------------------------------------
# Views
# ----------------------------------------------------------------------

class _View(object):
    """The fields of a view as the web client knows them (``fieldsInfo``):
    name -> attributes of the last node of that field (as the client
    keeps it), its modifiers parsed; subviews of x2many fields."""

    def __init__(self, info):
        self.info = info
        self.fields = info["fields"]
        self.nodes = {}
        self.order = []
        self.buttons = []
        arch = etree.fromstring(info["arch"])
        self._walk(arch)

    def _walk(self, node):
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "field":
                name = child.get("name")
                attrs = dict(child.attrib)
                attrs["modifiers"] = json.loads(attrs.get("modifiers") or "{}")
                if name not in self.nodes:
                    self.order.append(name)
                self.nodes[name] = attrs
                continue  # subviews are in fields[name]['views']
            if child.tag == "button":
                attrs = dict(child.attrib)
                attrs["modifiers"] = json.loads(attrs.get("modifiers") or "{}")
                self.buttons.append(attrs)
            self._walk(child)

    def onchange_spec(self, model):
        spec = model._onchange_spec(self.info)
        return {name: value or "" for name, value in spec.items()}

    def has_onchange(self, spec):
        return any(spec.values())


def _load_view(model, view, view_type="form"):
    view_id = False
    if isinstance(view, str):
        view_id = model.env.ref(view).id
    elif isinstance(view, models.BaseModel):
        view_id = view.id
    elif view:
        view_id = view
    return _View(model.fields_view_get(view_id=view_id, view_type=view_type))


# ----------------------------------------------------------------------
# Records of the form
# ----------------------------------------------------------------------

def _raw(field, value):
    """A value as the client keeps it from a server answer."""
    if field["type"] == "many2one":
        if isinstance(value, models.BaseModel):
            return value.id or False
        if isinstance(value, (list, tuple)):
            return value[0] if value else False
        return value or False
    if field["type"] == "many2many":
        if isinstance(value, models.BaseModel):
            return list(value.ids)
        return _apply_m2m_commands([], value or [])
    if value is None:
        return False
    return value


def _apply_m2m_commands(ids, commands):
    ids = list(ids)
    for command in commands:
        if isinstance(command, int):
            ids.append(command)
            continue
        code = command[0]
        if code == 6:
            ids = list(command[2])
        elif code == 5:
            ids = []
        elif code == 4 and command[1] not in ids:
            ids.append(command[1])
        elif code in (2, 3) and command[1] in ids:
            ids.remove(command[1])
    return ids


class _Record(object):
    """Values of one record of the form (the main one or a one2many line)
    and the calls the client makes for it."""

    def __init__(self, model, view, parent=None, relation_field=None,
                 context=None):
        self._model = model.with_context(**(context or {}))
        self._view = view
        self._parent = parent
        self._relation_field = relation_field
        self._spec = view.onchange_spec(self._model)
        self._values = {}
        self._changed = set()
        self._id = False
        self.warnings = []

    # -- the client's values ---------------------------------------------
    def _field(self, name):
        return self._view.fields[name]

    def _eval_values(self):
        """Values for modifiers: many2one ids, x2many ids."""
        values = {"id": self._id}
        for name in self._view.nodes:
            value = self._values.get(name, False)
            if isinstance(value, _X2Many):
                value = value._ids()
            values[name] = value
        return values

    def _parent_values(self):
        return self._parent._eval_values() if self._parent else None

    def _modifier(self, name, modifier):
        node = self._view.nodes.get(name)
        if node is None:
            return False
        value = node["modifiers"].get(modifier, False)
        return eval_domain(value, self._eval_values(), self._parent_values())

    def _is_protected(self, name):
        node = self._view.nodes.get(name, {})
        return self._modifier(name, "readonly") and not node.get("force_save")

    def _onchange_values(self):
        """``_generateOnChangeData``: every field, readonly ones included,
        x2many as commands, the parent's under the inverse field."""
        data = {}
        for name in self._view.nodes:
            value = self._values.get(name, False)
            if isinstance(value, _X2Many):
                value = value._commands(changes_only=False, with_readonly=True)
            elif self._field(name)["type"] == "many2many":
                value = [(6, 0, list(value or []))]
            data[name] = value
        if self._id:
            data["id"] = self._id
        if self._parent and self._relation_field:
            data[self._relation_field] = self._parent._onchange_values()
        return data

    def _apply_onchange(self, result):
        for name, value in (result.get("value") or {}).items():
            if name not in self._view.nodes:
                continue
            field = self._field(name)
            if field["type"] == "one2many":
                self._values[name]._apply_commands(value)
            else:
                self._values[name] = _raw(field, value)
            self._changed.add(name)
        warning = result.get("warning")
        if warning:
            self.warnings.append(warning)

    def _onchange(self, names):
        if not any(self._spec.values()):
            return
        field_name = names[0] if len(names) == 1 else list(names)
        model = self._model
        if len(names) == 1:
            # the field's context in the RPC context, as the client adds it
            context = self._node_context(names[0])
            if context:
                model = model.with_context(**context)
        record = model.browse(self._id) if self._id else model.browse()
        result = record.onchange(self._onchange_values(), field_name, self._spec)
        self._apply_onchange(result)

    def _node_context(self, name):
        node = self._view.nodes.get(name) or {}
        text = node.get("context")
        if not text:
            return {}
        scope = dict(self._eval_values(), context=self._model.env.context,
                     uid=self._model.env.uid, active_id=self._id)
        if self._parent:
            scope["parent"] = _Namespace(self._parent_values())
        try:
            return safe_eval(text, scope)
        except Exception:  # noqa: B902 - a context the test cannot evaluate
            return {}

    def _load_new(self):
        names = [name for name in self._view.nodes if name != "__last_update"]
        defaults = self._model.default_get(names)
        for name in self._view.nodes:
            field = self._field(name)
            if field["type"] == "one2many":
                self._values[name] = _X2Many(self, name)
                if name in defaults:
                    self._values[name]._apply_commands(defaults[name])
                continue
            if name in defaults:
                self._values[name] = _raw(field, defaults[name])
            elif field["type"] in ("float", "integer", "monetary"):
                self._values[name] = 0
            elif field["type"] == "many2many":
                self._values[name] = []
            else:
                self._values[name] = False
            self._changed.add(name)
        self._onchange(names)

    def _load_record(self, record):
        self._id = record.id
        self._values = {}
        self._changed = set()
        names = [name for name in self._view.nodes if name != "id"]
        data = record.read(names)[0]
        for name in self._view.nodes:
            field = self._field(name)
            if field["type"] == "one2many":
                lines = _X2Many(self, name)
                lines._load_ids(data.get(name) or [])
                self._values[name] = lines
            elif name == "id":
                self._values[name] = record.id
            else:
                self._values[name] = _raw(field, data.get(name))

    # -- what is sent ----------------------------------------------------
    def _changes(self, changes_only, with_readonly=False):
        """``_generateChanges``: the values the client sends."""
        result = {}
        names = self._changed if changes_only else self._view.nodes
        for name in self._view.nodes:
            if name == "id" or name not in names and not isinstance(
                    self._values.get(name), _X2Many):
                continue
            if not with_readonly and self._is_protected(name):
                continue
            field = self._field(name)
            value = self._values.get(name, False)
            if field["type"] == "one2many":
                commands = value._commands(changes_only, with_readonly)
                if commands:
                    result[name] = commands
                continue
            if field["type"] == "many2many":
                if name in self._changed or not changes_only:
                    if value:
                        result[name] = [(6, 0, list(value))]
                continue
            if value in (None, ""):
                value = False
            result[name] = value
        return result

    def _missing_required(self):
        missing = []
        for name in self._view.nodes:
            if not self._modifier(name, "required") or \
                    self._modifier(name, "invisible"):
                continue
            value = self._values.get(name, False)
            field = self._field(name)
            if isinstance(value, _X2Many):
                value = value._ids()
            # the client's _isFieldSet: a number (0 included) and a
            # boolean are set; "" is not
            if field["type"] in ("boolean", "integer", "float", "monetary"):
                continue
            if value is False or value is None or value == "" or value == []:
                missing.append(name)
        return missing

    # -- the user's edits ------------------------------------------------
    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._view.nodes:
            raise AssertionError("%s is not in the form of %s"
                                 % (name, self._model._name))
        value = self._values.get(name, False)
        field = self._field(name)
        if field["type"] == "many2one":
            return self._model.env[field["relation"]].browse(value or [])
        if field["type"] == "many2many":
            return self._model.env[field["relation"]].browse(value or [])
        return value

    def __setattr__(self, name, value):
        if name.startswith("_") or name in ("warnings",):
            return object.__setattr__(self, name, value)
        if name not in self._view.nodes:
            raise AssertionError("%s is not in the form of %s"
                                 % (name, self._model._name))
        if self._modifier(name, "invisible"):
            raise AssertionError("%s is invisible on the form of %s"
                                 % (name, self._model._name))
        if self._modifier(name, "readonly"):
            raise AssertionError("%s is readonly on the form of %s"
                                 % (name, self._model._name))
        field = self._field(name)
        if field["type"] == "one2many":
            raise AssertionError("edit %s through .new()/.edit()/.remove()"
                                 % name)
        self._values[name] = _raw(field, value)
        self._changed.add(name)
        if self._spec.get(name):
            self._onchange([name])

    def is_readonly(self, name):
        return self._modifier(name, "readonly")

    def is_invisible(self, name):
        return self._modifier(name, "invisible")

    def is_required(self, name):
        return self._modifier(name, "required")


class _Namespace(object):
    def __init__(self, values):
        self.__dict__.update(values or {})


class Form(_Record):
    """The form view of ``record`` (a model: a new record; a record: that
    one) as its environment's user sees it; ``view`` an xml id, a view
    record or id (default: the model's default form view)."""

    def __init__(self, record, view=None):
        view_info = _load_view(record, view)
        super(Form, self).__init__(record.browse(), view_info)
        object.__setattr__(self, "sent", None)
        if record:
            record.ensure_one()
            self._load_record(record)
        else:
            self._load_new()

    @property
    def record(self):
        return self._model.browse(self._id)

    def visible_buttons(self):
        """Attributes (name, type, string...) of the buttons the form shows
        now, evaluated on its current values."""
        values, visible = self._eval_values(), []
        for attrs in self._view.buttons:
            invisible = attrs["modifiers"].get("invisible", False)
            if not eval_domain(invisible, values):
                visible.append(attrs)
        return visible

    def buttons(self):
        """Names of the buttons visible on the form now."""
        return [attrs.get("name") for attrs in self.visible_buttons()]

    def save(self):
        """``create`` or ``write`` with what the client sends; the form then
        shows the saved record."""
        missing = self._missing_required()
        if missing:
            raise AssertionError("the client refuses to save: required %s "
                                 "empty" % ", ".join(sorted(missing)))
        if self._id:
            values = self._changes(changes_only=True)
            # the ORM adds the inverse field to the lines' values it gets
            object.__setattr__(self, "sent", copy.deepcopy(values))
            if values:
                self._model.browse(self._id).write(values)
        else:
            values = self._changes(changes_only=False)
            object.__setattr__(self, "sent", copy.deepcopy(values))
            record = self._model.create(values)
            self._id = record.id
        record = self._model.browse(self._id)
        record.invalidate_cache()
        self._load_record(record)
        return record

    def call_button(self, name):
        """Save, then click the object button ``name`` (refused when it is
        not visible): the method's result."""
        if name not in self.buttons():
            raise AssertionError("no visible button %s on the form of %s"
                                 % (name, self._model._name))
        record = self.save()
        result = getattr(record, name)()
        record.invalidate_cache()
        self._load_record(record)
        return result


# ----------------------------------------------------------------------
# One2many
# ----------------------------------------------------------------------

class _Line(object):
    def __init__(self, record, line_id=False):
        self.record = record  # a _Record
        self.id = line_id
        self.loaded = False


class _X2Many(object):
    """A one2many field of the form: its lines as the client keeps them."""

    def __init__(self, owner, name):
        self._owner = owner
        self._name = name
        field = owner._field(name)
        self._comodel = owner._model.env[field["relation"]]
        self._inverse = field.get("relation_field")
        self._lines = []
        self._origin_ids = []
        self._changed = False
        views = field.get("views") or {}
        if "tree" in views and views["tree"]["arch"] and etree.fromstring(
                views["tree"]["arch"]).get("editable"):
            self._line_view = _View(views["tree"])
        elif "form" in views:
            self._line_view = _View(views["form"])
        else:
            self._line_view = None  # the comodel's form, loaded when needed

    def _view(self):
        if self._line_view is None:
            self._line_view = _load_view(self._comodel, None)
        return self._line_view

    def _new_record(self):
        return _Record(self._comodel, self._view(), parent=self._owner,
                       relation_field=self._inverse,
                       context=self._owner._node_context(self._name))

    def _load_ids(self, ids):
        self._lines = [_Line(None, line_id) for line_id in ids]
        self._origin_ids = list(ids)
        self._changed = False

    def _loaded(self, line):
        if line.record is None:
            record = self._new_record()
            record._load_record(self._comodel.browse(line.id))
            line.record = record
        return line.record

    def _apply_commands(self, commands):
        for command in commands or []:
            code = command[0]
            if code == 5:
                self._lines = []
            elif code == 0:
                record = self._new_record()
                for name in record._view.nodes:
                    field = record._field(name)
                    if field["type"] == "one2many":
                        record._values[name] = _X2Many(record, name)
                    else:
                        record._values[name] = _raw(
                            field, command[2].get(name, False))
                    record._changed.add(name)
                self._lines.append(_Line(record))
            elif code in (1, 4):
                line = [item for item in self._lines if item.id == command[1]]
                if not line:
                    line = [_Line(None, command[1])]
                    self._lines.append(line[0])
                if code == 1:
                    record = self._loaded(line[0])
                    for name, value in command[2].items():
                        if name in record._view.nodes:
                            record._values[name] = _raw(record._field(name), value)
                            record._changed.add(name)
            elif code in (2, 3):
                self._lines = [item for item in self._lines
                               if item.id != command[1]]
        self._changed = True

    def _ids(self):
        return [line.id or "virtual_%d" % index
                for index, line in enumerate(self._lines)]

    def _commands(self, changes_only, with_readonly=False):
        if changes_only and not self._changed:
            return []
        commands = []
        for line in self._lines:
            if not line.id:
                commands.append((0, 0, line.record._changes(
                    changes_only=False, with_readonly=with_readonly)))
            elif line.record is not None and line.record._changed:
                changes = line.record._changes(changes_only=True,
                                               with_readonly=with_readonly)
                commands.append((1, line.id, changes) if changes
                                else (4, line.id))
            else:
                commands.append((4, line.id))
        kept = set(line.id for line in self._lines)
        commands += [(2, line_id) for line_id in self._origin_ids
                     if line_id not in kept]
        if changes_only and not any(command[0] != 4 for command in commands):
            return []
        return commands

    # -- the user's edits ------------------------------------------------
    def __len__(self):
        return len(self._lines)

    def _check_editable(self):
        if self._owner._modifier(self._name, "readonly"):
            raise AssertionError("%s is readonly on the form" % self._name)
        if self._owner._modifier(self._name, "invisible"):
            raise AssertionError("%s is invisible on the form" % self._name)

    def new(self):
        """A new line (``with lines.new() as line``): default_get with the
        field's context, onchange with the parent's values."""
        self._check_editable()
        record = self._new_record()
        record._load_new()
        return _LineEditor(self, _Line(record), adding=True)

    def edit(self, index):
        self._check_editable()
        return _LineEditor(self, self._lines[index], adding=False)

    def remove(self, index):
        self._check_editable()
        self._lines.pop(index)
        self._changed = True
        self._owner._changed.add(self._name)
        if self._owner._spec.get(self._name):
            self._owner._onchange([self._name])


class _LineEditor(object):
    def __init__(self, lines, line, adding):
        self._lines = lines
        self._line = line
        self._adding = adding

    def __enter__(self):
        return self._lines._loaded(self._line) if self._line.id \
            else self._line.record

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            return False
        record = self._line.record
        missing = record._missing_required()
        if missing:
            raise AssertionError("the line cannot be kept: required %s empty"
                                 % ", ".join(sorted(missing)))
        if self._adding:
            self._lines._lines.append(self._line)
        self._lines._changed = True
        owner = self._lines._owner
        owner._changed.add(self._lines._name)
        if owner._spec.get(self._lines._name):
            owner._onchange([self._lines._name])
        return False
