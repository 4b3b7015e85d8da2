#!/usr/bin/env bash
# Installs the whole suite with demo data in a fresh database, fails on any
# ERROR/CRITICAL line of that install, then runs every test (addon tests and
# tests/) through pytest-odoo with coverage.
#   ODOO_TEST_DB (aftersales_test), ODOO_TEST_PORT (18069),
#   TEST_PATHS (all addons and tests/), PYTEST_ARGS (extra pytest options)
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

if [ -z "${KEEP_DB:-}" ] || ! psql -lqt | cut -d'|' -f1 | grep -qw "$db"; then
    echo "[test] installing the suite with demo data into a fresh database $db"
    dropdb --if-exists "$db"
    rm -f "$log"
    start=$(date +%s)
    ODOO_LOGFILE="$log" scripts/odoo -d "$db" -i "$suite" --stop-after-init
    echo "[test] installed in $(( $(date +%s) - start ))s (log: $log)"
    if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log"; then
        echo "[test] FAILED: the install logged errors (see $log)"; exit 1
    fi
    if ! psql -d "$db" -tAc "select state from ir_module_module where name='$suite'" | grep -qx installed; then
        echo "[test] FAILED: $suite is not installed (see $log)"; exit 1
    fi
fi

scripts/odoo --write-config
# lessc and wkhtmltopdf on PATH for the smoke tests of assets and reports
export PATH="$here/.work/node/node_modules/.bin:$PATH"
# shellcheck disable=SC2086
exec .work/venv/bin/python -m pytest --odoo-config="$ODOO_CONF" --odoo-database="$db" \
    --odoo-log-level="${ODOO_TEST_LOG_LEVEL:-warn}" \
    --cov --cov-report=term:skip-covered \
    ${PYTEST_ARGS:-} $paths
