# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Odoo's command line, run by scripts/odoo with the project's virtualenv.
A real file (not ``python -c``) because prefork Odoo re-executes
``sys.argv[0]`` to start its longpolling (gevent) process."""
import odoo

if __name__ == "__main__":
    odoo.cli.main()
