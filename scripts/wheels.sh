#!/usr/bin/env bash
# Builds a wheel of each addon from setup/<addon> (setuptools-odoo, as OCA
# packages addons) and checks that each holds its manifest.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
out=.work/wheels
rm -rf "$out"; mkdir -p "$out"
for addon in aftersales_ticket aftersales_repair aftersales_contract aftersales_survey aftersales; do
    .work/venv/bin/pip wheel -q --disable-pip-version-check --no-deps -w "$out" "./setup/$addon"
    wheel=$(ls "$out"/odoo11_addon_${addon}-*.whl)
    .work/venv/bin/python - "$wheel" "$addon" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
assert "odoo/addons/%s/__manifest__.py" % sys.argv[2] in names, names[:5]
PY
    echo "[wheels] $(basename "$wheel")"
    rm -rf "setup/$addon/build" setup/$addon/*.egg-info
done
