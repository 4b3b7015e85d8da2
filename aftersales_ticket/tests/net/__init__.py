# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Helpers of the integrity net (``tests/test_integrity_net.py``): what the
suite's addons define or extend (``discovery``), their declarations
(``tests/integrity_policy.py`` of each addon), the role users (``roles``)
and the values no field may take (``values``)."""
