#!/usr/bin/env bash
# Installs the whole suite with demo data in a fresh database, fails on any
# ERROR/CRITICAL line of that install, then runs every test (addon tests and
# tests/) through pytest-odoo with coverage, and the fault test of the
# recurring invoicing (bench/fault_contract_invoicing.py, full runs).
#   ODOO_TEST_DB (aftersales_test), ODOO_TEST_PORT (18069),
#   TEST_PATHS (all addons and tests/), PYTEST_ARGS (extra pytest options)
#   KEEP_DB=1 reuses the database if it exists; with UPDATE=<modules> the
#   given modules are updated in it first (faster iterations on one addon).
#   TEMPLATE_DB=<db> starts the fresh database as a copy of <db>.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
db="${ODOO_TEST_DB:-aftersales_test}"
export ODOO_DB="$db" ODOO_PORT="${ODOO_TEST_PORT:-18069}" ODOO_WORKERS=0
export ODOO_CONF="$here/.work/test-$db.conf"
mkdir -p .work/log
log=".work/log/install-$db.log"
suite="aftersales"
paths=${TEST_PATHS:-"aftersales_ticket aftersales_repair aftersales_contract aftersales_survey addons/aftersales tests"}

check_log() {
    if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$1"; then
        echo "[test] FAILED: Odoo logged errors (see $1)"; exit 1
    fi
}

db_exists() { psql -lqt | cut -d'|' -f1 | grep -qw "$db"; }
suite_installed() {
    psql -d "$db" -tAc "select state from ir_module_module where name='$suite'" | grep -qx installed
}
install_suite() {
    rm -f "$log"
    start=$(date +%s)
    # with the suite's languages, so that its catalogues are loaded and tested
    # (en_US first: on a new database Odoo makes the first one the default)
    ODOO_LOGFILE="$log" scripts/odoo -d "$db" -i "$suite" --load-language=en_US,zh_CN,es_ES \
        --stop-after-init
    echo "[test] installed in $(( $(date +%s) - start ))s (log: $log)"
    check_log "$log"
    suite_installed || { echo "[test] FAILED: $suite is not installed (see $log)"; exit 1; }
}

if [ -n "${KEEP_DB:-}" ] && db_exists; then
    if ! suite_installed; then
        echo "[test] installing the suite into $db"
        install_suite
    elif [ -n "${UPDATE:-}" ]; then
        echo "[test] updating $UPDATE in $db"
        rm -f "$log"
        ODOO_LOGFILE="$log" scripts/odoo -d "$db" -u "$UPDATE" --stop-after-init
        check_log "$log"
    fi
else
    echo "[test] installing the suite with demo data into a fresh database $db"
    dropdb --if-exists "$db"
    # TEMPLATE_DB: a database holding the suite's dependencies, to skip them
    [ -n "${TEMPLATE_DB:-}" ] && createdb -T "$TEMPLATE_DB" "$db"
    install_suite
fi

scripts/odoo --write-config
# lessc and wkhtmltopdf on PATH for the smoke tests of assets and reports
export PATH="$here/.work/node/node_modules/.bin:$PATH"
status=0
# shellcheck disable=SC2086
.work/venv/bin/python -m pytest --odoo-config="$ODOO_CONF" --odoo-database="$db" \
    --odoo-log-level="${ODOO_TEST_LOG_LEVEL:-warn}" \
    --cov --cov-report=term:skip-covered \
    ${PYTEST_ARGS:-} $paths || status=$?

# The recurring invoicing's fault test (about a minute): a real 2-worker
# server with its job runner, SIGKILLed in the middle of the invoicing jobs,
# restarted; no period may be invoiced twice or be missing. It runs on a
# copy of the test database (the copy needs no one connected to the
# original: after pytest). Full runs only, or FAULT_TEST=1.
if [ -z "${TEST_PATHS:-}" ] || [ -n "${FAULT_TEST:-}" ]; then
    fault_db="${db}_fault"
    dropdb --if-exists "$fault_db"
    # a server a test started may still be closing its connections
    psql -d postgres -qtAc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = '$db' AND pid <> pg_backend_pid()" >/dev/null
    createdb -T "$db" "$fault_db"
    echo "[test] fault test of the recurring invoicing (database $fault_db)"
    .work/venv/bin/python bench/fault_contract_invoicing.py --database "$fault_db" \
        --port $((ODOO_PORT + 100)) --timeout 300 || {
        echo "[test] FAILED: the fault test of the recurring invoicing"; status=1; }
    dropdb --if-exists "$fault_db"
fi
exit $status
