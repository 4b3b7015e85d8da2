#!/usr/bin/env bash
# Exports each addon's translatable terms to i18n/<addon>.pot from a database
# where the suite is installed, and merges them into the zh_CN and es
# catalogues (msgmerge keeps existing translations).
#   I18N_DB (aftersales_test: the database the last `make test` built)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
db="${I18N_DB:-aftersales_test}"
export ODOO_DB="$db" ODOO_WORKERS=0 ODOO_CONF="$here/.work/i18n.conf" ODOO_PORT=18098
for path in aftersales_ticket aftersales_repair aftersales_contract aftersales_survey addons/aftersales; do
    addon=$(basename "$path")
    mkdir -p "$path/i18n"
    pot="$path/i18n/$addon.pot"
    # Odoo writes a template (no language) when given a .po name
    tmp=$(mktemp --suffix=.po)
    scripts/odoo -d "$db" --modules="$addon" --i18n-export="$tmp" \
        --stop-after-init --log-level=warn
    mv "$tmp" "$pot"
    for lang in zh_CN es; do
        po="$path/i18n/$lang.po"
        if [ -f "$po" ]; then
            msgmerge --quiet --no-fuzzy-matching --update --backup=none "$po" "$pot"
        else
            msginit --no-translator --locale="$lang.UTF-8" --input="$pot" --output-file="$po" 2>/dev/null
        fi
        msgfmt --check-format -o /dev/null "$po"
    done
    echo "[i18n] $pot"
done
