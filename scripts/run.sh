#!/usr/bin/env bash
# Creates the database with the whole suite and demo data if it does not
# exist (updates the suite's modules if it does), then serves Odoo in the
# foreground (scripts/serve.sh), with the queue_job runner (server-wide
# module, channels from ODOO_QUEUE_CHANNELS, see scripts/odoo).
#   ODOO_DB (aftersales), ODOO_PORT (8069), ODOO_WORKERS (0: threaded, so that
#   live notifications are served on the HTTP port; see scripts/serve.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export ODOO_DB="${ODOO_DB:-aftersales}" ODOO_PORT="${ODOO_PORT:-8069}"
export ODOO_WORKERS="${ODOO_WORKERS:-0}"
mkdir -p .work/log
log="$here/.work/log/run-$ODOO_DB.log"
rm -f "$log"
if psql -lqt | cut -d'|' -f1 | grep -qw "$ODOO_DB"; then
    echo "[run] updating the suite in database $ODOO_DB (log: $log)"
    # -u of the core addon updates every suite addon that depends on it;
    # -i installs any addon the umbrella app gained since, and queue_job
    # (a dependency of aftersales_contract a database made before it may
    # lack: Odoo does not install new dependencies at an update).
    action=(-u aftersales_ticket -i aftersales,queue_job)
else
    echo "[run] creating database $ODOO_DB with the suite and demo data (log: $log)"
    # en_US first: on a new database Odoo makes the first language the default
    action=(-i aftersales --load-language=en_US,zh_CN,es_ES)
fi
if ! ODOO_LOGFILE="$log" scripts/odoo -d "$ODOO_DB" "${action[@]}" --stop-after-init --workers=0 \
        || grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ CRITICAL ' "$log"; then
    tail -n 40 "$log"; echo "[run] the install/update failed (see $log)"; exit 1
fi
cat <<MSG
[run] After-Sales is served on http://localhost:$ODOO_PORT
[run]   login: admin   password: admin   (database $ODOO_DB)
[run]   demo users: demo / demo;  portal / portal
MSG
exec scripts/serve.sh
