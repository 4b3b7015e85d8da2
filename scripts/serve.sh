#!/usr/bin/env bash
# Serves Odoo in the foreground on an existing database: what `make run`
# does once the database is ready (scripts/run.sh), and what tests start to
# check that live notifications work. Extra arguments go to Odoo.
#   ODOO_DB (aftersales), ODOO_PORT (8069), ODOO_WORKERS (0)
# Threaded by default (ODOO_WORKERS=0): the bus (/longpolling, chat and
# activity notifications) is then served on the HTTP port itself. With
# prefork workers (ODOO_WORKERS > 0) Odoo serves /longpolling on port + 3
# only, and a reverse proxy must route it there (see README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export ODOO_DB="${ODOO_DB:-aftersales}" ODOO_PORT="${ODOO_PORT:-8069}"
export ODOO_WORKERS="${ODOO_WORKERS:-0}"
if [ "$ODOO_WORKERS" != 0 ]; then
    echo "[run] $ODOO_WORKERS workers: live notifications (/longpolling) are" \
         "served on port $((ODOO_PORT + 3)); put a reverse proxy in front" \
         "(README.md, Production) or run with ODOO_WORKERS=0" >&2
fi
exec scripts/odoo -d "$ODOO_DB" "$@"
