#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests (CI and local runs).
#
#   scripts/pg-test-server.sh start   # prints postgres://test@127.0.0.1:PORT/test as the last stdout line
#   scripts/pg-test-server.sh stop    # stops it and deletes its data
#   scripts/pg-test-server.sh status  # prints the URL if running, exits 1 otherwise
#   scripts/pg-test-server.sh restart # immediate stop and start, data kept (a fault for bench/rush;
#                                     # PG_TEST_DOWN_SECONDS=N stays down N seconds in between)
#
# Everything else the script says goes to stderr, so `URL=$(scripts/pg-test-server.sh start)` works.
# Settings trade durability for speed (fsync=off …): never point this at data you care about.
#
# Environment:
#   PGPORT                 port to listen on (default 54329; if the default is busy the next free one is used)
#   PG_TEST_STATE_DIR      where the state file lives (default /tmp/vaccine-pg-test)
#   PG_TEST_DURABLE=1      synchronous_commit=on: a commit is acknowledged only once its WAL has
#                          been written to the OS, so an immediate stop (`restart`, the rush's fault)
#                          loses no acknowledged commit. fsync and full_page_writes stay off: they
#                          only guard against the machine itself crashing, which the fault does not do.
set -euo pipefail

STATE_DIR=${PG_TEST_STATE_DIR:-/tmp/vaccine-pg-test}
STATE_FILE=$STATE_DIR/state
DEFAULT_PORT=54329
SOCKET_DIR=/tmp

log() { echo "pg-test-server: $*" >&2; }
die() { log "error: $*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# initdb refuses to run as root, so as root the server belongs to the `postgres` user.
as_server_user() {
  if is_root; then
    # cd / so initdb/pg_ctl do not complain that postgres cannot read root's working directory.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

find_bin_dir() {
  local initdb dir
  if initdb=$(command -v initdb) && [ -x "$(dirname "$initdb")/pg_ctl" ]; then
    dirname "$initdb"
    return 0
  fi
  # Debian keeps the server binaries out of PATH; take the newest installed major version.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4 -rn); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

install_postgresql() {
  is_root || die "initdb/pg_ctl not found and not root: install PostgreSQL (e.g. apt-get install postgresql) first"
  command -v apt-get >/dev/null || die "initdb/pg_ctl not found and apt-get is not available"
  log "installing PostgreSQL with apt-get"
  # We run our own cluster; keep the Debian package from creating (and starting) its `main` cluster.
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/vaccine-pg-test.conf
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confold postgresql </dev/null >&2
}

ensure_server_user() {
  is_root || return 0
  if ! id -u postgres >/dev/null 2>&1; then
    log "creating system user postgres"
    useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql \
      --shell /usr/sbin/nologin postgres
  fi
}

port_busy() {
  local port=$1
  # Something listening on TCP, or another server's socket/lock in our socket directory.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
  [ -e "$SOCKET_DIR/.s.PGSQL.$port" ] || [ -e "$SOCKET_DIR/.s.PGSQL.$port.lock" ]
}

choose_port() {
  local port
  if [ -n "${PGPORT:-}" ]; then
    port_busy "$PGPORT" && die "port $PGPORT (from PGPORT) is already in use"
    echo "$PGPORT"
    return 0
  fi
  for port in $(seq "$DEFAULT_PORT" $((DEFAULT_PORT + 100))); do
    if ! port_busy "$port"; then
      echo "$port"
      return 0
    fi
  done
  die "no free port in $DEFAULT_PORT-$((DEFAULT_PORT + 100)); set PGPORT"
}

url_for() { echo "postgres://test@127.0.0.1:$1/test"; }

# State file: shell assignments written by start, read by stop/status.
load_state() {
  BASE_DIR='' PORT='' BIN_DIR=''
  [ -f "$STATE_FILE" ] || return 1
  # shellcheck disable=SC1090
  . "$STATE_FILE"
  [ -n "$BASE_DIR" ] && [ -n "$PORT" ] && [ -n "$BIN_DIR" ]
}

server_running() {
  [ -d "$BASE_DIR/data" ] && as_server_user "$BIN_DIR/pg_ctl" status -D "$BASE_DIR/data" >/dev/null 2>&1
}

stop_server() {
  if ! load_state; then
    log "no server recorded in $STATE_FILE; nothing to stop"
    rm -f "$STATE_FILE"
    return 0
  fi
  if server_running; then
    log "stopping server on port $PORT"
    as_server_user "$BIN_DIR/pg_ctl" stop -D "$BASE_DIR/data" -m fast -w -t 60 >&2 ||
      log "warning: pg_ctl stop failed"
  fi
  # Only ever delete a directory this script created.
  case "$BASE_DIR" in
    /tmp/vaccine-pg-data.*) rm -rf "$BASE_DIR" ;;
    *) log "warning: not removing unexpected data dir $BASE_DIR" ;;
  esac
  rm -f "$STATE_FILE"
}

# A fault for the rush benchmark: the server goes away for a moment and comes back, data kept.
# PG_TEST_DOWN_SECONDS (default 0) keeps it down that long, as a failover would.
restart_server() {
  load_state || die "no server recorded in $STATE_FILE"
  local down=${PG_TEST_DOWN_SECONDS:-0}
  log "restarting server on port $PORT (immediate stop, ${down} s down, data kept)"
  as_server_user "$BIN_DIR/pg_ctl" stop -D "$BASE_DIR/data" -m immediate -w -t 60 >&2
  sleep "$down"
  as_server_user "$BIN_DIR/pg_ctl" start -D "$BASE_DIR/data" -w -t 60 -l "$BASE_DIR/server.log" >&2
}

start_server() {
  if load_state; then
    if server_running; then
      log "already running (data dir $BASE_DIR/data)"
      url_for "$PORT"
      return 0
    fi
    log "removing stale state from a server that is no longer running"
    stop_server
  fi

  local bin_dir port base data
  if ! bin_dir=$(find_bin_dir); then
    install_postgresql
    bin_dir=$(find_bin_dir) || die "PostgreSQL installed but initdb/pg_ctl still not found"
  fi
  ensure_server_user
  port=$(choose_port)

  base=$(mktemp -d /tmp/vaccine-pg-data.XXXXXX)
  data=$base/data
  is_root && chown postgres: "$base"
  mkdir -p "$STATE_DIR"
  printf 'BASE_DIR=%q\nPORT=%q\nBIN_DIR=%q\n' "$base" "$port" "$bin_dir" >"$STATE_FILE"
  BASE_DIR=$base PORT=$port BIN_DIR=$bin_dir

  log "initdb $data ($("$bin_dir/pg_ctl" --version))"
  # Trust auth: a throwaway server reachable only from this machine. `test` is the bootstrap
  # superuser, so tests may CREATE DATABASE.
  if ! as_server_user "$bin_dir/initdb" -D "$data" -U test --auth=trust --encoding=UTF8 --no-locale \
      --no-sync >"$base/initdb.log" 2>&1; then
    cat "$base/initdb.log" >&2
    stop_server
    die "initdb failed"
  fi

  local synchronous_commit=off
  [ "${PG_TEST_DURABLE:-}" = 1 ] && synchronous_commit=on
  cat >>"$data/postgresql.conf" <<EOF

# --- pg-test-server.sh: throwaway test server, speed over durability ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$SOCKET_DIR'
fsync = off
synchronous_commit = $synchronous_commit
full_page_writes = off
# 200 concurrent bookings per test through a pool of 20 per test file, with files run in parallel.
max_connections = 300
shared_buffers = 256MB
EOF

  log "starting on 127.0.0.1:$port (log $base/server.log)"
  if ! as_server_user "$bin_dir/pg_ctl" start -D "$data" -l "$base/server.log" -w -t 60 >&2; then
    tail -n 50 "$base/server.log" >&2 || true
    stop_server
    die "server did not start"
  fi

  local psql=$bin_dir/psql
  [ -x "$psql" ] || psql=$(command -v psql) || die "psql not found"
  if ! "$psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$port" -U test -d postgres \
      -c 'CREATE DATABASE test OWNER test' >&2; then
    stop_server
    die "could not create database test"
  fi

  url_for "$port"
}

case "${1:-}" in
  start) start_server ;;
  stop) stop_server ;;
  restart) restart_server ;;
  status)
    if load_state && server_running; then url_for "$PORT"; else log "not running"; exit 1; fi
    ;;
  *)
    echo "usage: $0 start|stop|status|restart" >&2
    exit 2
    ;;
esac
