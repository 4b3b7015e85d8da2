#!/usr/bin/env bash
# Sets up everything the suite needs on this machine, idempotently:
# PostgreSQL (installed with apt if absent, started if down, a role for the
# current user), wkhtmltopdf and lessc, poppler's pdfinfo/pdftotext (PDF
# report tests), chromium with its chromedriver (real-browser tests), and the
# pinned Python virtualenv.
# A second run only checks and returns in seconds.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work="$here/.work"
venv="$work/venv"
python_bin="${PYTHON37:-/root/.pyenv/versions/3.7.16/bin/python}"
[ -x "$python_bin" ] || python_bin=$(command -v python3.7 || true)
mkdir -p "$work"

log() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
# another apt (a second checkout's setup, the system's updates) may hold the
# dpkg lock: wait for it rather than fail
apt_lock_wait=(-o DPkg::Lock::Timeout=600)
apt_install() {
    if [ -z "$apt_updated" ]; then
        as_root apt-get "${apt_lock_wait[@]}" update -qq; apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get "${apt_lock_wait[@]}" \
        install -y -qq "$@" >/dev/null
}

# --- system packages ------------------------------------------------------
need=()
command -v pg_ctlcluster >/dev/null || need+=(postgresql)
command -v wkhtmltopdf >/dev/null || need+=(wkhtmltopdf xfonts-75dpi)
command -v npm >/dev/null || need+=(nodejs npm)
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -x /usr/bin/chromium ] || need+=(chromium fonts-wqy-microhei)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
if [ -z "$python_bin" ]; then
    log "CPython 3.7 not found (set PYTHON37); Odoo 11 does not run on 3.8+"; exit 1
fi
if [ ${#need[@]} -gt 0 ]; then log "apt install ${need[*]}"; apt_install "${need[@]}"; fi

# --- PostgreSQL -----------------------------------------------------------
if ! pg_isready -q 2>/dev/null; then
    cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
    log "starting PostgreSQL cluster $cluster"
    as_root pg_ctlcluster $cluster start
    for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
fi
me=$(id -un)
if ! psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    log "creating PostgreSQL role $me"
    as_root runuser -u postgres -- createuser -s "$me"
fi

# --- lessc for the web client's stylesheets (PLATFORM.md gotcha 9) --------
if [ ! -x "$work/node/node_modules/.bin/lessc" ]; then
    log "installing lessc"
    mkdir -p "$work/node"
    npm install --prefix "$work/node" --no-save --no-package-lock --no-audit \
        --no-fund --loglevel=error less@3.13.1 >/dev/null
fi

# --- Python virtualenv with the pinned packages ---------------------------
stamp="$venv/.requirements-$(cat "$here"/requirements/*.txt | sha1sum | cut -c1-12)"
if [ ! -f "$stamp" ]; then
    log "building the virtualenv in $venv"
    [ -x "$venv/bin/python" ] || "$python_bin" -m venv "$venv"
    pip=("$venv/bin/python" -m pip install -q --disable-pip-version-check
         -c "$here/requirements/constraints.txt")
    "${pip[@]}" -r "$here/requirements/runtime.txt" -r "$here/requirements/test.txt"
    # Odoo and OCA distributions declare requirements we pin ourselves.
    "${pip[@]}" --no-deps -r "$here/requirements/odoo.txt" \
        -r "$here/requirements/oca.txt" -r "$here/requirements/bench.txt"
    rm -f "$venv"/.requirements-*
    touch "$stamp"
fi
log "ready"
