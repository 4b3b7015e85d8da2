# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""What the umbrella ``aftersales`` declares to the integrity net
(aftersales_ticket/tests/test_integrity_net.py; format in the BRIEF). It
extends aftersales.team and res.users (the dashboard cards), declared by
the core; its own models are below."""

ACCESS = {
    # the figures of the dashboard: a PostgreSQL view, read by the people
    # who lead the service (agents, directors, managers), in their company
    "aftersales.dashboard.figure": {
        "agent": ("r", "all"),
        "director": ("r", "all"),
        "manager": ("r", "all"),
        "other_company": ("r", "all"),
    },
    # builds the demo data at installation (superuser); no one uses it
    "aftersales.demo.builder": {},
}

SCOPE_FIELDS = {
    "aftersales.dashboard.figure": {"company": "company_id",
                                    "team": "team_id", "user": "user_id"},
}

ONCE = {}

NO_DOCUMENTS = {
    "aftersales.team": ["action_open_figure", "action_open_technicians"],
    "res.users": ["action_open_figure", "action_dashboard_tickets"],
    "aftersales.dashboard.figure": ["action_open_document"],
}

BAD_VALUE_EXEMPT = {}
