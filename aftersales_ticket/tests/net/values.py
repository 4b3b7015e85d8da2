# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Values no field of the suite may take, by field type, and values that
differ from a record's (to try to change a workflow field)."""
from collections import OrderedDict

MISSING_ID = 2000000000  # an int4 that no table of the test database reaches
MEGABYTE = "x" * (1024 * 1024)
TEXT_TYPES = ("char", "text", "html")
SKIPPED_TYPES = ("binary", "reference", "one2many", "serialized")


def bad_values(field, other_company_id=None, settings=False):
    """OrderedDict {label: value} of the values ``field`` must refuse.
    ``settings``: the fewer values of the settings sweep (each costs a
    ``set_values`` of every addon): a text of the wrong kind once."""
    kind = field.type
    values = OrderedDict()
    if kind in SKIPPED_TYPES:
        return values
    relational = kind in ("many2one", "many2many")

    def put(label, value):
        if kind == "many2many":
            value = value if label in ("'abc'",) else [(6, 0, [value])]
        values[label] = value

    if kind not in TEXT_TYPES:
        put("'abc'", "abc")
    put("NaN", float("nan"))
    put("inf", float("inf"))
    put("1e308", 1e308)
    if kind in TEXT_TYPES or not settings:
        put("1 MB string", MEGABYTE)
    if kind not in TEXT_TYPES and (kind in ("date", "datetime")
                                   or not settings):
        put("'2026-02-30'", "2026-02-30")
    if relational:
        put("missing id", MISSING_ID)
        if other_company_id:
            put("other company's id", other_company_id)
    return values


def other_value(env, field, current):
    """A value of ``field`` different from ``current`` (the record's), or
    ``None`` when the net has none to offer."""
    kind = field.type
    if kind == "many2one":
        other = env[field.comodel_name].sudo().with_context(
            active_test=False).search(
                [("id", "!=", current.id or 0)], limit=1, order="id desc")
        return other.id or None
    if kind == "many2many":
        other = env[field.comodel_name].sudo().with_context(
            active_test=False).search(
                [("id", "not in", current.ids or [0])], limit=1,
                order="id desc")
        return other and [(6, 0, other.ids)] or None
    if kind in TEXT_TYPES:
        return (current or "") + " (integrity net)"
    if kind == "integer":
        return (current or 0) + 1
    if kind in ("float", "monetary"):
        return (current or 0.0) + 1.0
    if kind == "boolean":
        return not current
    if kind == "selection":
        keys = [key for key, _label in field._description_selection(env)
                if key != current]
        return keys[0] if keys else None
    if kind == "date":
        return "2020-01-02" if current != "2020-01-02" else "2020-01-03"
    if kind == "datetime":
        return ("2020-01-02 10:00:00" if current != "2020-01-02 10:00:00"
                else "2020-01-03 10:00:00")
    return None


def comparable(field, value):
    """A record's value of ``field`` as a plain Python value."""
    if field.type == "many2one":
        return value.id
    if field.type in ("many2many", "one2many"):
        return sorted(value.ids)
    return value
