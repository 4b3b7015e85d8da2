#!/usr/bin/env bash
# flake8, pylint-odoo with the 11.0 manifest rules, and a check that every
# Python file is valid Python 3.5 (as OCA's 11.0 branches require).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
venv=.work/lint-venv
stamp="$venv/.requirements-$(sha1sum requirements/lint.txt | cut -c1-12)"
if [ ! -f "$stamp" ]; then
    python=$(command -v python3.11 || command -v python3)
    [ -x /root/.pyenv/versions/3.11.7/bin/python ] && python=/root/.pyenv/versions/3.11.7/bin/python
    [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r requirements/lint.txt
    rm -f "$venv"/.requirements-*; touch "$stamp"
fi
addons="aftersales_ticket aftersales_repair aftersales_contract aftersales_survey addons/aftersales"
py_files=$(git ls-files '*.py' | grep -v '^setup/' || true)
echo "[lint] flake8"
"$venv/bin/flake8" $py_files
echo "[lint] pylint-odoo (11.0)"
"$venv/bin/pylint" --rcfile=.pylintrc $addons
echo "[lint] README.rst up to date"
"$venv/bin/python" scripts/gen_readme.py --check
echo "[lint] Python 3.5 syntax"
"$venv/bin/vermin" -q --no-tips --violations -t=3.5- --eval-annotations $py_files
echo "[lint] clean"
