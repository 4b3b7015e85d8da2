# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Privacy: what anonymising a customer's service history removes from a
ticket. Counts, dates, categories and amounts stay for the statistics."""
import re

from odoo import _, models

from .aftersales_ticket import SNAPSHOT_FIELDS

# Free-text fields kept for the service record, in which the customer's
# name, e-mail or phone may have been typed: those values are cut out.
SCRUBBED_TEXT_FIELDS = ("subject", "diagnosis", "resolution", "root_cause")
# Shorter values (initials, "1") would match innocent text.
MIN_PERSONAL_VALUE_LENGTH = 3


def personal_values(*values):
    """Distinct personal values worth searching for, longest first."""
    found = {value.strip() for value in values
             if value and len(value.strip()) >= MIN_PERSONAL_VALUE_LENGTH}
    return sorted(found, key=lambda value: (-len(value), value))


def scrub_text(text, needles, replacement):
    """``text`` with every occurrence of the ``needles`` (any case)
    replaced by ``replacement``."""
    if not text or not needles:
        return text
    pattern = re.compile("|".join(re.escape(needle) for needle in needles),
                         re.IGNORECASE)
    return pattern.sub(replacement, text)


# The ticket is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    _inherit = "aftersales.ticket"

    def _get_personal_values(self):
        """Contact details recorded on the tickets themselves."""
        values = []
        for ticket in self:
            values += [ticket.contact_name, ticket.contact_email,
                       ticket.contact_phone, ticket.contact_mobile,
                       ticket.contact_street, ticket.contact_street2]
        return values

    def _prepare_anonymized_values(self, needles):
        """Values that remove the customer's personal data from one ticket:
        the contact snapshot and the description are cleared, and the
        personal values (``needles``) are cut out of the other texts."""
        self.ensure_one()
        values = dict.fromkeys(SNAPSHOT_FIELDS, False)
        values["description"] = False
        replacement = _("[anonymised]")
        for name in SCRUBBED_TEXT_FIELDS:
            scrubbed = scrub_text(self[name], needles, replacement)
            if scrubbed != self[name]:
                values[name] = scrubbed
        return values
