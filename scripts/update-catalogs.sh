#!/usr/bin/env bash
# Extracts the tool's own words into acsg_cli/locale/acsg.pot, merges them into the catalog of
# every language and compiles the catalogs that ship in the package (the .mo files).
# Run it after changing a message; then translate the new entries of each .po file and run it
# again. tests/unit/test_catalogs.py fails while a catalog lacks a message or a compiled
# catalog is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
locale=acsg_cli/locale
babel() { "$python" -m babel.messages.frontend "$@"; }
babel extract -F babel.cfg -k N_ -k ngettext:1,2 -k count_text:1,2 --no-location --sort-output \
    --project acsg --version 1 -o "$locale/acsg.pot" acsg_cli 2>/dev/null
# No creation date: the template changes only when a message does.
sed -i '/^"POT-Creation-Date: /d' "$locale/acsg.pot"
for lang in en fr es; do
    if [ -f "$locale/$lang/LC_MESSAGES/acsg.po" ]; then
        babel update --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date \
            -D acsg -i "$locale/acsg.pot" -d "$locale" -l "$lang" 2>/dev/null
    else
        babel init -D acsg -i "$locale/acsg.pot" -d "$locale" -l "$lang" 2>/dev/null
    fi
done
babel compile --statistics -D acsg -d "$locale"
