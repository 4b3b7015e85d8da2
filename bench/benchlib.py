# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""What every benchmark script starts with: the command line (an Odoo
configuration file and a database, plus the script's own options) and an
environment on that database whose work is rolled back at the end."""
import argparse
import contextlib

import odoo
from odoo import SUPERUSER_ID, api


def parse_args(doc, *options):
    """The parsed command line (``--config``, ``--database`` and
    ``options``, pairs of a flag and ``add_argument`` keywords) of a script
    documented by ``doc``; Odoo is configured from it."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    for flag, keywords in options:
        parser.add_argument(flag, **keywords)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database,
                                    "--log-level", "warn"])
    return args


@contextlib.contextmanager
def rolled_back_env(database, context=None):
    """A superuser environment on ``database``; nothing it did is kept."""
    with api.Environment.manage():
        with odoo.registry(database).cursor() as cr:
            try:
                yield api.Environment(cr, SUPERUSER_ID, context or {})
            finally:
                cr.rollback()
