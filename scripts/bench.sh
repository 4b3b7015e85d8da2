#!/usr/bin/env bash
# Benchmark of ticket creation: ours (aftersales_ticket, with routing,
# automatic dispatch and partner snapshot) against OCA helpdesk_mgmt, in a
# database holding both. Prints SQL queries and milliseconds per ticket.
#   BENCH_DB (aftersales_bench), BENCH_PORT (18190), BENCH_TICKETS (1000),
#   TEMPLATE_DB=<db> starts a new bench database as a copy of <db>,
#   UPDATE=<modules> updates them in an existing bench database first.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
db="${BENCH_DB:-aftersales_bench}"
export ODOO_DB="$db" ODOO_PORT="${BENCH_PORT:-18190}" ODOO_WORKERS=0
export ODOO_CONF="$here/.work/bench-$db.conf"
mkdir -p .work/log
log=".work/log/install-$db.log"

installed() {
    psql -d "$db" -tAc "select count(*) from ir_module_module
        where name in ('aftersales', 'helpdesk_mgmt') and state = 'installed'" \
        2>/dev/null | grep -qx 2
}

if ! psql -lqt | cut -d'|' -f1 | grep -qw "$db"; then
    if [ -n "${TEMPLATE_DB:-}" ]; then createdb -T "$TEMPLATE_DB" "$db"; fi
fi
if ! installed; then
    echo "[bench] installing aftersales and helpdesk_mgmt into $db (log: $log)"
    ODOO_LOGFILE="$log" scripts/odoo -d "$db" -i aftersales,helpdesk_mgmt \
        --stop-after-init --workers=0
elif [ -n "${UPDATE:-}" ]; then
    echo "[bench] updating $UPDATE in $db (log: $log)"
    ODOO_LOGFILE="$log" scripts/odoo -d "$db" -u "$UPDATE" --stop-after-init \
        --workers=0
fi
installed || { echo "[bench] FAILED: modules not installed (see $log)"; exit 1; }
scripts/odoo --write-config
exec .work/venv/bin/python bench/bench_ticket_create.py --config "$ODOO_CONF" \
    --database "$db" --tickets "${BENCH_TICKETS:-1000}"
