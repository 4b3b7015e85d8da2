#!/usr/bin/env bash
# Creates the database with the whole suite and demo data if it does not
# exist (updates the suite's modules if it does), then serves Odoo in the
# foreground.   ODOO_DB (aftersales), ODOO_PORT (8069), ODOO_WORKERS (2)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export ODOO_DB="${ODOO_DB:-aftersales}" ODOO_PORT="${ODOO_PORT:-8069}"
export ODOO_WORKERS="${ODOO_WORKERS:-2}"
if psql -lqt | cut -d'|' -f1 | grep -qw "$ODOO_DB"; then
    echo "[run] updating the suite in database $ODOO_DB"
    scripts/odoo -d "$ODOO_DB" -u aftersales_ticket -i aftersales --stop-after-init --workers=0 \
        --logfile="$here/.work/log/run-update.log"
else
    echo "[run] creating database $ODOO_DB with the suite and demo data"
    mkdir -p .work/log
    scripts/odoo -d "$ODOO_DB" -i aftersales --stop-after-init --workers=0 \
        --logfile="$here/.work/log/run-install.log"
fi
cat <<MSG
[run] After-Sales is served on http://localhost:$ODOO_PORT
[run]   login: admin   password: admin   (database $ODOO_DB)
[run]   demo users: demo / demo;  portal / portal
MSG
exec scripts/odoo -d "$ODOO_DB"
