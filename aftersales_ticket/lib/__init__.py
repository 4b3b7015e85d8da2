# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Plain-Python domain layer of the after-sales suite: decisions that are
not about records (working-hours clock, coverage, dispatch rules, KPI
arithmetic), unit-tested without the ORM."""
