# Sourced by test.sh and bench/run.sh from the repository root: makes BRANCHNETWORK_TEST_POSTGRES name a server (pg_bin: the PostgreSQL binaries).
pg_bin=${pg_bin:-/usr/lib/postgresql/15/bin}
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
