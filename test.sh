#!/usr/bin/env bash
# Runs every test: domain, data (SQLite), components (bUnit), HTTP, PDF and browser (Playwright + Debian chromium).
# Installs Debian's chromium, fonts-wqy-microhei, poppler-utils and qpdf first when missing (as root; otherwise says what to install).
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/bin/qpdf ] || missing+=(qpdf)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${missing[*]} with apt-get (chromium for the browser tests, the CJK font for the PDF tests, poppler-utils to render and read report pages, qpdf to check every PDF)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The tests need: ${missing[*]}. Run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

exec dotnet test "$@"
