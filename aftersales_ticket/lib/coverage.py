# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Coverage decision for a service request: which service category applies.

A request is accepted whatever the coverage (spec, point 12); coverage only
decides who pays:

* ``D`` (internal work) is never changed;
* ``C`` (warranty, free) needs the serial to be under warranty on the day
  the request was received;
* ``B`` (contract) needs a maintenance contract covering the request;
* otherwise the request is ``A`` (paid service).

The functions take plain dates and booleans; the ticket model gathers the
facts (delivery date of the serial, contract lookup) and applies the result.
"""
import collections
import datetime

from dateutil.relativedelta import relativedelta

CATEGORY_PAID = "A"
CATEGORY_CONTRACT = "B"
CATEGORY_WARRANTY = "C"
CATEGORY_INTERNAL = "D"
CATEGORIES = (CATEGORY_PAID, CATEGORY_CONTRACT, CATEGORY_WARRANTY,
              CATEGORY_INTERNAL)

# Reasons for a decision, as codes; the model turns them into user messages.
REASON_REQUESTED = "requested"  # the requested category is justified
REASON_INTERNAL = "internal"  # internal work keeps its category
REASON_WARRANTY = "warranty"  # the serial is under warranty
REASON_CONTRACT = "contract"  # a contract covers the request
REASON_NO_COVERAGE = "no_coverage"  # neither warranty nor contract

# What covers a request, computed once per registration:
# ``warranty_end`` (a date or None), ``under_warranty`` (on the day it was
# received), ``contract`` (the covering contract record, or None: filled by
# aftersales_contract) and ``sla_tier`` (the contract's service level, or
# None).
Coverage = collections.namedtuple(
    "Coverage", "warranty_end under_warranty contract sla_tier")
NO_COVERAGE = Coverage(None, False, None, None)

# Average number of days in a month, for fractional warranty periods.
DAYS_PER_MONTH = 365.25 / 12


def to_date(value):
    """Date part of a ``date``/``datetime`` (``None`` stays ``None``)."""
    if value is None or value is False:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise TypeError("Expected a date or a datetime, got %r" % (value,))


def warranty_end_date(delivery_date, warranty_months):
    """Last day covered by the warranty of an item delivered on
    ``delivery_date`` with a warranty of ``warranty_months`` months (may be
    fractional). ``None`` when the item was never delivered or has no
    warranty."""
    delivery_date = to_date(delivery_date)
    if delivery_date is None or not warranty_months or warranty_months <= 0:
        return None
    whole_months = int(warranty_months)
    extra_days = int(round((warranty_months - whole_months) * DAYS_PER_MONTH))
    return (delivery_date + relativedelta(months=whole_months)
            + datetime.timedelta(days=extra_days))


def is_under_warranty(end_date, on_date):
    """True when ``on_date`` is on or before the warranty ``end_date``."""
    end_date, on_date = to_date(end_date), to_date(on_date)
    if end_date is None or on_date is None:
        return False
    return on_date <= end_date


def decide_category(requested, under_warranty, under_contract):
    """Service category for a request, and the reason code.

    :param requested: the category asked for (``None``/``False`` when the
        caller let the coverage decide)
    :param under_warranty: whether the serial is under warranty
    :param under_contract: whether a contract covers the request
    :return: ``(category, reason)``
    """
    if requested and requested not in CATEGORIES:
        raise ValueError("Unknown service category %r" % (requested,))
    if requested == CATEGORY_INTERNAL:
        return CATEGORY_INTERNAL, REASON_INTERNAL
    if requested == CATEGORY_PAID:
        # a paid service was asked for explicitly (e.g. damage the warranty
        # does not cover): nothing to check
        return CATEGORY_PAID, REASON_REQUESTED
    if requested == CATEGORY_WARRANTY and under_warranty:
        return CATEGORY_WARRANTY, REASON_REQUESTED
    if requested == CATEGORY_CONTRACT and under_contract:
        return CATEGORY_CONTRACT, REASON_REQUESTED
    if under_warranty:
        return CATEGORY_WARRANTY, REASON_WARRANTY
    if under_contract:
        return CATEGORY_CONTRACT, REASON_CONTRACT
    return CATEGORY_PAID, REASON_NO_COVERAGE


def decide_category_from(requested, covered):
    """``decide_category`` for a ``Coverage``."""
    return decide_category(requested, covered.under_warranty,
                           bool(covered.contract))


def is_downgrade(requested, decided):
    """True when a requested free category (B/C) was not granted."""
    return bool(requested) and requested in (
        CATEGORY_CONTRACT, CATEGORY_WARRANTY) and decided != requested
