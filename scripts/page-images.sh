#!/usr/bin/env bash
# Regenerates the page images in docs/: the printed stocktaking and one brief of the shipped
# registry, as PNG files (docs/stocktaking-page-N.png, docs/brief-page-N.png). Needs chromium
# and pdftoppm (scripts/install-test-browser.sh installs both) and the package installed in
# .venv (or ACSG naming the acsg command).
set -euo pipefail
cd "$(dirname "$0")/.."
acsg=${ACSG:-.venv/bin/acsg}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Fixed dates, so the images change only when the registry or the layout does.
"$acsg" report stocktaking --data data --as-of 2022-06-01 --since 2021-01-01 --today 2024-01-01 \
    -o "$tmp/stocktaking.pdf" 2>/dev/null
"$acsg" brief MAT-2021-001 --for OFF-2019-001 --lang en --data data --today 2024-01-01 \
    -o "$tmp/brief.pdf" 2>/dev/null
rm -f docs/stocktaking-page-*.png docs/brief-page-*.png
pdftoppm -r 60 -png "$tmp/stocktaking.pdf" docs/stocktaking-page
pdftoppm -r 60 -png "$tmp/brief.pdf" docs/brief-page
ls docs/stocktaking-page-*.png docs/brief-page-*.png
