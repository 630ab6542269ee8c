#!/usr/bin/env bash
# A throwaway Redis for the tests (issue 17's cluster mode shares fan-out through a real one); used as
# scripts/postgres.sh is:
#
#   scripts/redis.sh start [URL_FILE]    prints redis://127.0.0.1:PORT once it answers (or writes it to URL_FILE)
#   scripts/redis.sh stop [URL|URL_FILE] stops that server and removes its files (default: $TEST_REDIS_URL)
#
# Its files are in ${TMPDIR:-/tmp}/roundtable-redis-PORT. It listens on 127.0.0.1 only and saves nothing to
# disk (--save '' --appendonly no). REDIS_PORT=PORT starts it on that port: again where it was, after a stop.
set -euo pipefail

base=${TMPDIR:-/tmp}

die() {
  echo "redis.sh: $*" >&2
  exit 1
}

free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Ours only when the server on the port is the process of our pid file: another Redis may hold the port.
answering() {
  local port=$1 pid=$2
  [ "$(redis-cli -h 127.0.0.1 -p "$port" info server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p')" = "$pid" ]
}

start() {
  command -v redis-server >/dev/null || die "redis-server is not installed: apt-get install -y redis-server"
  local port dir pid
  # Another process may take the port between the check and the server's bind: try a few.
  for _ in 1 2 3 4 5; do
    port=${REDIS_PORT:-$(free_port)}
    dir="$base/roundtable-redis-$port"
    mkdir "$dir" 2>/dev/null || { [ -z "${REDIS_PORT:-}" ] && continue; die "$dir exists: stop that one first"; }
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$dir" \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" </dev/null
    # It forks before it binds: wait for its pid file, then for it to answer or to die (the port was taken).
    pid=
    for _ in $(seq 100); do
      pid=$(cat "$dir/redis.pid" 2>/dev/null || true)
      if [ -n "$pid" ]; then
        if answering "$port" "$pid"; then
          local url="redis://127.0.0.1:$port"
          if [ -n "${1:-}" ]; then echo "$url" >"$1"; else echo "$url"; fi
          return 0
        fi
        kill -0 "$pid" 2>/dev/null || break
      fi
      sleep 0.1
    done
    [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
    tail -n 5 "$dir/redis.log" >&2 || true
    rm -rf "$dir"
    [ -z "${REDIS_PORT:-}" ] || break
  done
  die "could not start Redis on a free port"
}

stop() {
  local url=${1:-${TEST_REDIS_URL:-}}
  [ -n "$url" ] || die "stop needs the URL start printed (or its file, or TEST_REDIS_URL)"
  [ -f "$url" ] && url=$(cat "$url")
  local port=${url##*:}
  port=${port%%/*}
  [[ "$port" =~ ^[0-9]+$ ]] || die "no port in $url"
  local dir="$base/roundtable-redis-$port" pid
  [ -d "$dir" ] || die "no Redis in $dir"
  pid=$(cat "$dir/redis.pid" 2>/dev/null || true)
  # Only a redis-server: a stale pid file's number may belong to another process by now.
  if [ -n "$pid" ] && [ "$(ps -o comm= -p "$pid" 2>/dev/null)" = redis-server ]; then
    kill "$pid"
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
  else
    echo "redis.sh: it was not running" >&2
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) die "usage: redis.sh start [URL_FILE] | stop [URL|URL_FILE]" ;;
esac
