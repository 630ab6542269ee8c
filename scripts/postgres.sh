#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests (issue 17's cluster mode needs a real server).
#
#   scripts/postgres.sh start [URL_FILE]   prints postgres://postgres@127.0.0.1:PORT/postgres (or writes it to URL_FILE)
#   scripts/postgres.sh stop [URL|URL_FILE] stops that cluster and removes its files (default: $TEST_DATABASE_URL)
#
# The cluster lives in ${TMPDIR:-/tmp}/roundtable-postgres-PORT (its unix socket too), listens on 127.0.0.1
# only, trusts every local connection and does not fsync: it holds nothing worth a password or a disk flush.
# initdb refuses to run as root, so as root the server runs as the `postgres` system user.
set -euo pipefail

bin=${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
base=${TMPDIR:-/tmp}

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

# Runs a server binary as the user that owns the cluster.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  [ -x "$bin/initdb" ] || die "no PostgreSQL in $bin: apt-get install -y postgresql"
  local port dir
  # Another process may take the port between the check and the server's bind: try a few.
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    dir="$base/roundtable-postgres-$port"
    mkdir "$dir" 2>/dev/null || continue
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    # The binaries run in the cluster's directory: the postgres user may not enter the caller's.
    (cd "$dir" && as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1) ||
      { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
    if (cd "$dir" && as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null); then
      local url="postgres://postgres@127.0.0.1:$port/postgres"
      if [ -n "${1:-}" ]; then echo "$url" >"$1"; else echo "$url"; fi
      return 0
    fi
    cat "$dir/server.log" >&2 || true
    rm -rf "$dir"
  done
  die "could not start PostgreSQL on a free port"
}

stop() {
  local url=${1:-${TEST_DATABASE_URL:-}}
  [ -n "$url" ] || die "stop needs the URL start printed (or its file, or TEST_DATABASE_URL)"
  [ -f "$url" ] && url=$(cat "$url")
  local port=${url##*:}
  port=${port%%/*}
  [[ "$port" =~ ^[0-9]+$ ]] || die "no port in $url"
  local dir="$base/roundtable-postgres-$port"
  [ -d "$dir" ] || die "no cluster in $dir"
  (cd "$dir" && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null) || echo "postgres.sh: it was not running" >&2
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) die "usage: postgres.sh start [URL_FILE] | stop [URL|URL_FILE]" ;;
esac
