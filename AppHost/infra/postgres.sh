#!/usr/bin/env bash
# Runs one PostgreSQL 15 server in the foreground, for the Aspire AppHost (executable
# resource) and for ./tadamon test. Usage: postgres.sh STATE_DIR PORT
# Layout: STATE_DIR/data (cluster, kept across restarts), STATE_DIR/socket (unix socket).
# SIGTERM/SIGINT become a *fast* shutdown, so the cluster is left cleanly shut down.
# If the server exits without being asked to (crash, kill -9), it is started again (supervise.sh).
set -euo pipefail

log() { echo "[postgres.sh] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $# -eq 2 ]] || die "usage: $0 STATE_DIR PORT"
PORT=$2
if ! [[ $PORT =~ ^[0-9]+$ ]] || (( PORT < 1 || PORT > 65535 )); then die "invalid port '$PORT'"; fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
for b in postgres initdb; do
  [[ -x $PG_BIN/$b ]] || die "$PG_BIN/$b not found: install the Debian package 'postgresql' (apt-get install -y --no-install-recommends postgresql)"
done
id -u postgres >/dev/null 2>&1 || die "user 'postgres' does not exist: install the Debian package 'postgresql' (it creates that user)"
command -v setpriv >/dev/null || die "setpriv not found (Debian package 'util-linux')"

# PostgreSQL refuses to run as root; everything below runs as the postgres user.
as_pg() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

mkdir -p "$1"
STATE_DIR=$(cd "$1" && pwd -P)
chmod 0755 "$STATE_DIR"   # mktemp -d makes 0700, which the postgres user cannot traverse
DATA_DIR=$STATE_DIR/data
SOCK_DIR=$STATE_DIR/socket

# The postgres user must be able to traverse every parent directory; add only o+x
# (no listing) to those that block it, and say so.
# Walk from / downwards, so only the directory that really blocks is changed.
d=
IFS=/ read -ra parts <<<"${STATE_DIR#/}"
for part in "${parts[@]}"; do
  d=$d/$part
  if ! as_pg test -x "$d" 2>/dev/null; then
    log "making $d traversable for the postgres user (chmod o+x)"
    chmod o+x "$d"
  fi
done

mkdir -p "$SOCK_DIR"
chown postgres:postgres "$SOCK_DIR"
chmod 0700 "$SOCK_DIR"

# initdb only once; into a temporary folder renamed at the end, so an initdb killed
# half-way never leaves a half-made cluster that later runs would trip on.
if [[ ! -s $DATA_DIR/PG_VERSION ]]; then
  [[ -e $DATA_DIR ]] && die "$DATA_DIR exists but holds no cluster (no PG_VERSION): move it away"
  tmp=$STATE_DIR/data.initdb-tmp
  rm -rf "$tmp"
  install -d -o postgres -g postgres -m 0700 "$tmp"
  log "initialising a new cluster in $DATA_DIR"
  as_pg "$PG_BIN/initdb" -D "$tmp" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
  mv "$tmp" "$DATA_DIR"
fi
chown postgres:postgres "$DATA_DIR"
chmod 0700 "$DATA_DIR"

# shellcheck source=supervise.sh
. "$(dirname "${BASH_SOURCE[0]}")/supervise.sh"

# Pids of live (non-zombie) postgres processes whose working directory is our data dir:
# the postmaster and all its children chdir there.
# (pgrep first: a readlink per process of the machine took seconds on a loaded one.)
pg_procs_on_datadir() {
  local pid
  for pid in $(pgrep -x postgres); do
    [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */postgres ]] || continue
    [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$DATA_DIR" ]] || continue
    alive "$pid" || continue
    echo "$pid"
  done
}

# A SIGKILLed postmaster leaves postmaster.pid and the socket lock file behind. PostgreSQL
# ignores them only if their pid is gone; measured here, a restart right after a
# SIGKILL failed on the socket lock (the killed postmaster was still an unreaped
# zombie), and a reused pid would block it too. So: refuse if a postmaster really runs
# on this data dir, give orphaned backends a moment to exit (they notice the postmaster's
# death), then remove the stale files ourselves.
# $1 = "ours": the leftovers are our own killed server's, so backends that linger are killed.
clear_leftovers() {
  local pidfile=$DATA_DIR/postmaster.pid oldpid left
  if [[ -f $pidfile ]]; then
    oldpid=$(head -n1 "$pidfile" 2>/dev/null || true)
    if [[ $oldpid =~ ^[0-9]+$ ]] && grep -qx "$oldpid" <<<"$(pg_procs_on_datadir)"; then
      die "a postgres (pid $oldpid) is already running on $DATA_DIR"
    fi
    for _ in $(seq 100); do
      [[ -z $(pg_procs_on_datadir) ]] && break
      sleep 0.1
    done
    left=$(pg_procs_on_datadir | tr '\n' ' ')
    if [[ -n $left && ${1:-} == ours ]]; then
      log "backends of the killed postmaster still run (pids $left): SIGKILL"
      # shellcheck disable=SC2086
      kill -KILL $left 2>/dev/null || true
      sleep 0.5
      left=$(pg_procs_on_datadir | tr '\n' ' ')
    fi
    [[ -z $left ]] || die "postgres processes still use $DATA_DIR (pids $left): stop them first"
    log "removing stale $pidfile and socket locks (postmaster '$oldpid' of a previous run is gone)"
    rm -f "$pidfile"
  fi
  # The socket dir is private to this STATE_DIR, so its leftovers can only be ours.
  if [[ -z $(pg_procs_on_datadir) ]]; then
    rm -f "$SOCK_DIR"/.s.PGSQL.*
  fi
}

# setpriv is called directly (not via as_pg): a backgrounded shell function would be a
# subshell whose pid we'd signal, and background subshells ignore SIGINT. setpriv execs,
# so $! is the postmaster itself.
# --pdeathsig: if this wrapper itself is SIGKILLed, the postmaster still gets a fast shutdown.
start_server() {
  log "starting PostgreSQL on 127.0.0.1:$PORT (data $DATA_DIR)"
  setpriv --reuid=postgres --regid=postgres --init-groups --pdeathsig INT "$PG_BIN/postgres" -D "$DATA_DIR" \
    -c listen_addresses=127.0.0.1 \
    -c port="$PORT" \
    -c unix_socket_directories="$SOCK_DIR" \
    -c max_connections=300 \
    -c shared_buffers=128MB \
    -c fsync=on \
    -c logging_collector=off \
    -c log_destination=stderr \
    -c 'log_line_prefix=%m [%p] ' &
  server_pid=$!
  if [[ -n $stop_requested ]]; then kill -INT "$server_pid" 2>/dev/null || true; fi
}
server_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1; }
hard_kill() { kill -KILL "$server_pid" 2>/dev/null || true; }

server_pid=
stop_requested=
# shellcheck disable=SC2317  # invoked by trap
on_signal() {
  stop_requested=1
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    log "stop requested: fast shutdown of postmaster $server_pid"
    kill -INT "$server_pid" 2>/dev/null || true   # SIGINT = fast shutdown (SIGTERM would be smart)
  fi
}
trap on_signal TERM INT

clear_leftovers
[[ -z $stop_requested ]] || exit 0
rc=0
supervise PostgreSQL || rc=$?
exit "$rc"
