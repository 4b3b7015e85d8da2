# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Who pays for a piece of after-sales work, as a small decision table.

Used line by line: the on-site voucher (time, parts) and workshop repairs
(operations, fees). Only customer lines are invoiced; free lines keep their
cost. The order of the table is the order of precedence:

============================  ============  =======================
fact                          payer         reason
============================  ============  =======================
internal work (category D)    ``internal``  nobody is billed
granted as goodwill           ``goodwill``  decided by management
serial under warranty         ``warranty``  warranty of the serial
covered by a contract         ``contract``  maintenance contract
otherwise                     ``customer``  paid service
============================  ============  =======================
"""
PAYER_WARRANTY = "warranty"
PAYER_CONTRACT = "contract"
PAYER_GOODWILL = "goodwill"
PAYER_CUSTOMER = "customer"
PAYER_INTERNAL = "internal"
# (code, English label) for Selection fields; the label is translated by
# the field that uses it.
PAYER_SELECTION = [
    (PAYER_CUSTOMER, "Customer"),
    (PAYER_WARRANTY, "Warranty"),
    (PAYER_CONTRACT, "Contract"),
    (PAYER_GOODWILL, "Goodwill"),
    (PAYER_INTERNAL, "Internal"),
]

REASON_INTERNAL = "internal_work"
REASON_GOODWILL = "goodwill"
REASON_WARRANTY = "under_warranty"
REASON_CONTRACT = "under_contract"
REASON_PAID = "paid_service"

# service category of a ticket -> payer of its work (lib/coverage.py)
CATEGORY_PAYERS = {
    "A": (PAYER_CUSTOMER, REASON_PAID),
    "B": (PAYER_CONTRACT, REASON_CONTRACT),
    "C": (PAYER_WARRANTY, REASON_WARRANTY),
    "D": (PAYER_INTERNAL, REASON_INTERNAL),
}


def decide_payer(under_warranty=False, under_contract=False, goodwill=False,
                 internal=False):
    """``(payer, reason)`` of a line from the facts about it, in the order
    of the table above."""
    if internal:
        return PAYER_INTERNAL, REASON_INTERNAL
    if goodwill:
        return PAYER_GOODWILL, REASON_GOODWILL
    if under_warranty:
        return PAYER_WARRANTY, REASON_WARRANTY
    if under_contract:
        return PAYER_CONTRACT, REASON_CONTRACT
    return PAYER_CUSTOMER, REASON_PAID


def payer_of_category(category):
    """``(payer, reason)`` of work on a ticket of service ``category``."""
    try:
        return CATEGORY_PAYERS[category]
    except KeyError:
        raise ValueError("Unknown service category %r" % (category,))


def is_billable(payer):
    """Only what the customer pays is invoiced."""
    return payer == PAYER_CUSTOMER
