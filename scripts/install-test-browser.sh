#!/usr/bin/env bash
# Installs the headless browser that prints PDFs (Debian's chromium) and poppler-utils, whose
# pdftoppm the tests use to look at the printed pages.
# Idempotent and quiet: exits 0 at once when chromium is already installed; when apt-get is not
# available (not Debian, or not root) it says so and exits 0, and the browser test skips.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-browser: apt-get not available; install chromium yourself to run the browser test" >&2
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-browser: not root; install chromium yourself (apt-get install chromium) to run the browser test" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core poppler-utils; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "install-test-browser: apt-get failed" >&2
    exit 1
fi
command -v chromium >/dev/null 2>&1 || { echo "install-test-browser: chromium did not install" >&2; exit 1; }
command -v pdftoppm >/dev/null 2>&1 || { echo "install-test-browser: poppler-utils did not install" >&2; exit 1; }
