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

# The tests on PostgreSQL need a server. Without BRANCHNETWORK_TEST_POSTGRES, a private cluster of this checkout (its own
# folder under /tmp, its own loopback port, no system service touched) is created once and started when it is not running;
# it keeps running after the tests so the next run starts at once. Stop it with: $pg_bin/pg_ctl -D <folder> stop
if [ -z "${BRANCHNETWORK_TEST_POSTGRES:-}" ]; then
  pg_port=$((54000 + $(pwd | cksum | cut -d' ' -f1) % 1000))
  pg_data=/tmp/branchnetwork-test-postgres-$pg_port
  pg_user=branchnetwork_test
  as_owner=()
  if [ "$(id -u)" -eq 0 ]; then
    as_owner=(runuser -u postgres --)  # PostgreSQL refuses to run as root
  fi
  if ! "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then
    echo "Starting the tests' PostgreSQL cluster in $pg_data on 127.0.0.1:$pg_port..."
    if [ ! -f "$pg_data/PG_VERSION" ]; then
      mkdir -p "$pg_data"
      [ ${#as_owner[@]} -eq 0 ] || chown postgres:postgres "$pg_data"
      "${as_owner[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    # Throw-away test data: durability settings off, so creating a database per test stays fast.
    "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w start -o \
      "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_data -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
    "${as_owner[@]}" "$pg_bin/psql" -q -h "$pg_data" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -c \
      "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$pg_user') THEN CREATE ROLE $pg_user LOGIN CREATEDB PASSWORD '$pg_user'; END IF; END \$\$;"
  fi
  export BRANCHNETWORK_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=$pg_user;Password=$pg_user"
fi
echo "PostgreSQL for the tests: ${BRANCHNETWORK_TEST_POSTGRES%%Password=*}Password=..."

exec dotnet test "$@"
