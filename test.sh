#!/usr/bin/env bash
# Runs every test: domain, data (SQLite and PostgreSQL), components (bUnit), HTTP, PDF and browser (Playwright + Debian chromium).
# Installs Debian's chromium, fonts-wqy-microhei, poppler-utils, qpdf, nodejs/npm, postgresql and nginx first when missing (as
# root; otherwise says what to install), then the tests' npm tooling (axe-core) from BranchNetwork.Tests/package-lock.json, and
# starts a private PostgreSQL cluster for the tests on a loopback port (unless BRANCHNETWORK_TEST_POSTGRES names a server).
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/bin/qpdf ] || missing+=(qpdf)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
pg_bin=/usr/lib/postgresql/15/bin
# The tests on PostgreSQL use a private cluster started below; the backup tests also run pg_dump and pg_restore.
[ -x "$pg_bin/pg_ctl" ] || missing+=(postgresql)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${missing[*]} with apt-get (chromium for the browser tests, the CJK font for the PDF tests, poppler-utils to render and read report pages, qpdf to check every PDF, npm for the tests' JavaScript tools, postgresql for the tests on PostgreSQL and the pg_dump backups, nginx for the load-balancer tests)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The tests need: ${missing[*]}. Run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# The browser tests inject axe-core (and other test-only JavaScript) read from BranchNetwork.Tests/node_modules.
if [ ! -d BranchNetwork.Tests/node_modules ] || [ BranchNetwork.Tests/package-lock.json -nt BranchNetwork.Tests/node_modules/.package-lock.json ]; then
  echo "Installing the tests' npm tooling (npm ci in BranchNetwork.Tests)..."
  (cd BranchNetwork.Tests && npm ci --no-audit --no-fund --loglevel=error)
fi

source ./test-postgres.sh
echo "PostgreSQL for the tests: ${BRANCHNETWORK_TEST_POSTGRES%%Password=*}Password=..."

exec dotnet test "$@"
