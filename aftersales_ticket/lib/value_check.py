# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Checks of incoming scalar values by field type, free of records.

Values sent over RPC (or by a form, an e-mail, an import) reach the ORM
unchecked: a string in a float field, an impossible date, ``NaN`` or
``1e308`` in a quantity, a 2 MB subject. ``problem(kind, value, ...)``
says what is wrong with ``value`` for a field of type ``kind``, in words a
user (or an API client) understands, as ``(message, params)`` (the caller
translates ``message`` and fills in ``params``), or returns ``None`` when
it is fine.
The model layer (``aftersales.mixin._aftersales_check_field_values``) calls
it for every field of the values, from the field definitions.
"""
import datetime
import math

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# PostgreSQL int4, and a bound on amounts and quantities far above any real
# one but small enough to keep sums exact in double precision.
INT_RANGE = (-2 ** 31, 2 ** 31 - 1)
MAX_NUMBER = 1e12
# Longest text accepted when the field sets no size (characters): a name,
# a reference, a one-line value fits in 1,000; a description, a complaint,
# a note in 100,000 (some 40 pages); an HTML body with its markup in 500,000.
MAX_CHAR = 1000
MAX_TEXT = 100000
MAX_HTML = 500000
YEAR_RANGE = (1900, 9999)


def _(message):
    """Marks ``message`` for the translation catalogue; the model layer
    translates it."""
    return message


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _date_problem(value, with_time):
    if isinstance(value, datetime.date):
        moment = value
    elif isinstance(value, str):
        formats = (DATETIME_FORMAT, DATE_FORMAT) if with_time else (
            DATE_FORMAT,)
        text = value[:19] if with_time else value[:10]
        moment = None
        for fmt in formats:
            try:
                moment = datetime.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if moment is None or len(value.strip()) > 26:
            if with_time:
                return (_("%r is not a real date and time "
                          "(expected YYYY-MM-DD HH:MM:SS)."), (value,))
            return _("%r is not a real date (expected YYYY-MM-DD)."), (value,)
    else:
        return _("expected a date, got %r."), (value,)
    if not YEAR_RANGE[0] <= moment.year <= YEAR_RANGE[1]:
        return (_("%(value)r is out of range (years %(first)d to %(last)d)."),
                {"value": value, "first": YEAR_RANGE[0],
                 "last": YEAR_RANGE[1]})
    return None


def _text_problem(kind, value, selection, size):
    if not isinstance(value, str):
        return _("expected a text, got %r."), (value,)
    limit = size or {"char": MAX_CHAR, "text": MAX_TEXT}.get(kind, MAX_HTML)
    if len(value) > limit:
        return (_("%(length)d characters is too long (at most %(limit)d)."),
                {"length": len(value), "limit": limit})
    return None


def _integer_problem(kind, value, selection, size):
    if not isinstance(value, int) or isinstance(value, bool):
        return _("expected a whole number, got %r."), (value,)
    if not INT_RANGE[0] <= value <= INT_RANGE[1]:
        return _("%r is out of range."), (value,)
    return None


def _number_problem(kind, value, selection, size):
    if not _is_number(value):
        return _("expected a number, got %r."), (value,)
    if math.isnan(value) or math.isinf(value):
        return _("%r is not a number."), (value,)
    if abs(value) > MAX_NUMBER:
        return _("%r is out of range."), (value,)
    return None


def _selection_problem(kind, value, selection, size):
    if selection is not None and value not in selection:
        return (_("%(value)r is not one of %(allowed)s."),
                {"value": value,
                 "allowed": ", ".join(str(key) for key in selection)})
    return None


def _reference_problem(kind, value, selection, size):
    if not isinstance(value, int) or isinstance(value, bool) or \
            not 0 < value <= INT_RANGE[1]:
        return _("expected the id of a record, got %r."), (value,)
    return None


def _boolean_problem(kind, value, selection, size):
    # True/False, or 1/0 as some clients send them; not any truthy value
    if value not in (True, False) or not isinstance(value, int):
        return _("expected true or false, got %r."), (value,)
    return None


CHECKS = {
    "char": _text_problem,
    "text": _text_problem,
    "html": _text_problem,
    "integer": _integer_problem,
    "float": _number_problem,
    "monetary": _number_problem,
    "date": lambda kind, value, selection, size: _date_problem(value, False),
    "datetime": lambda kind, value, selection, size: _date_problem(
        value, True),
    "selection": _selection_problem,
    "many2one": _reference_problem,
    "boolean": _boolean_problem,
}


def problem(kind, value, selection=None, size=None):
    """What is wrong with ``value`` for a field of type ``kind`` (Odoo's
    field type name), as ``(message, params)``, or ``None``. ``False`` and
    ``None`` (no value) are always fine here; required fields are the
    model's business. Other types (relations to many, binaries) are left
    to the ORM."""
    if value is False or value is None or kind not in CHECKS:
        return None
    return CHECKS[kind](kind, value, selection, size)


def in_range(value, lowest, highest):
    """Whether ``value`` is a finite number (not a boolean) within
    ``[lowest, highest]``: settings and system parameters read back."""
    if not _is_number(value):
        return False
    return math.isfinite(value) and lowest <= value <= highest
