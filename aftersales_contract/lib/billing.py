# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Billing periods of a maintenance contract, as plain dates.

A contract is invoiced in advance, one period at a time: the period starting
on ``start`` lasts the number of months of its frequency (the last one ends
on the contract's end date). A period is due on its first day. Months are
added with ``dateutil`` (31 January + 1 month = 28/29 February), always from
the contract's start date, so that a period never drifts to the end of the
month.
"""
import datetime

from dateutil.relativedelta import relativedelta

FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}
FREQUENCIES = [("monthly", "Monthly"), ("quarterly", "Quarterly"),
               ("yearly", "Yearly")]
ONE_DAY = datetime.timedelta(days=1)


def months_of(frequency):
    """Months in one period of ``frequency``."""
    try:
        return FREQUENCY_MONTHS[frequency]
    except KeyError:
        raise ValueError("Unknown billing frequency %r" % (frequency,))


def period_start(contract_start, frequency, index):
    """First day of period number ``index`` (0 = the first one)."""
    return contract_start + relativedelta(months=months_of(frequency) * index)


def period_index(contract_start, frequency, day):
    """Number of the period containing ``day`` (``day`` >= start)."""
    if day < contract_start:
        raise ValueError("%s is before the start %s" % (day, contract_start))
    months = months_of(frequency)
    delta = relativedelta(day, contract_start)
    index = (delta.years * 12 + delta.months) // months
    # a shorter month may put the computed start after the day
    while period_start(contract_start, frequency, index) > day:
        index -= 1
    while period_start(contract_start, frequency, index + 1) <= day:
        index += 1
    return index


def period_bounds(contract_start, frequency, index, contract_end=None):
    """``(first day, last day)`` of period ``index``, cut at the end."""
    first = period_start(contract_start, frequency, index)
    last = period_start(contract_start, frequency, index + 1) - ONE_DAY
    if contract_end is not None and last > contract_end:
        last = contract_end
    return first, last


def due_periods(contract_start, frequency, next_start, today,
                contract_end=None):
    """The periods due on ``today`` and not invoiced yet, ``[(first day,
    last day)]`` in order: from the period starting on ``next_start`` (the
    first not invoiced) to the one containing ``today``, none after the
    contract's end. Several when runs were missed (catch-up)."""
    periods = []
    if next_start is None or next_start > today:
        return periods
    if contract_end is not None and next_start > contract_end:
        return periods
    index = period_index(contract_start, frequency, next_start)
    while True:
        first, last = period_bounds(contract_start, frequency, index,
                                    contract_end)
        if first > today or (contract_end is not None and first > contract_end):
            break
        if first >= next_start:
            periods.append((first, last))
        index += 1
    return periods


def next_period_start(last_day):
    """First day of the period after the one ending on ``last_day``."""
    return last_day + ONE_DAY


def revised_price(price, percent):
    """``price`` revised by ``percent`` (5 = +5 %, -3 = -3 %), rounded to
    cents."""
    return round(price * (1.0 + (percent or 0.0) / 100.0), 2)


def renewal_dates(start, end):
    """``(start, end)`` of the successor of a contract running from
    ``start`` to ``end``: it starts the day after and lasts as long (in
    months and days)."""
    length = relativedelta(end + ONE_DAY, start)
    new_start = end + ONE_DAY
    return new_start, new_start + length - ONE_DAY


def notice_date(end, notice_days):
    """Day from which the expiry notice of a contract ending on ``end`` is
    due."""
    return end - datetime.timedelta(days=notice_days)


def renewal_rate(ended, renewed):
    """Percentage of the ``ended`` contracts that were ``renewed``."""
    if not ended:
        return 0.0
    return round(100.0 * renewed / ended, 2)
