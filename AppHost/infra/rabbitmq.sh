#!/usr/bin/env bash
# Runs one RabbitMQ node in the foreground, for the Aspire AppHost (executable resource)
# and for ./tadamon test. Usage: rabbitmq.sh STATE_DIR AMQP_PORT
# Everything lives under STATE_DIR (mnesia kept across restarts); it listens on loopback
# only. Several instances can coexist: node name, epmd port and distribution port are
# per AMQP port. SIGTERM/SIGINT stop the node cleanly and then the epmd it started.
# If the node exits without being asked to (crash, kill -9), it is started again (supervise.sh).
# For the CLI: STATE_DIR/bin/rabbitmqctl and STATE_DIR/bin/rabbitmq-diagnostics carry the
# right node name, epmd port and cookie (e.g. `STATE_DIR/bin/rabbitmqctl await_startup`).
set -euo pipefail

log() { echo "[rabbitmq.sh] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $# -eq 2 ]] || die "usage: $0 STATE_DIR AMQP_PORT"
AMQP_PORT=$2
if ! [[ $AMQP_PORT =~ ^[0-9]+$ ]] || (( AMQP_PORT < 1 || AMQP_PORT > 65535 )); then
  die "invalid port '$AMQP_PORT'"
fi

RMQ_BIN=${RMQ_BIN:-/usr/lib/rabbitmq/bin}
[[ -x $RMQ_BIN/rabbitmq-server && -x $RMQ_BIN/rabbitmqctl ]] \
  || die "$RMQ_BIN/rabbitmq-server not found: install the Debian package 'rabbitmq-server' (apt-get install -y --no-install-recommends rabbitmq-server)"
command -v epmd >/dev/null || die "epmd not found: install the Debian package 'rabbitmq-server' (it brings Erlang)"

mkdir -p "$1"
STATE_DIR=$(cd "$1" && pwd -P)
NODE=tadamon-$AMQP_PORT@localhost
BASE=$STATE_DIR/node   # private folder: config, home (cookie), mnesia, pid file
mkdir -p "$BASE/home" "$BASE/mnesia" "$BASE/log" "$BASE/conf.d" "$STATE_DIR/bin"
PID_FILE=$BASE/rabbitmq.pid
WRAPPER_PID_FILE=$BASE/wrapper.pid
PORTS_FILE=$BASE/ports

# ---- helpers -----------------------------------------------------------------
# alive, pause, supervise (pid 1 here may reap orphans late: alive ignores zombies)
# shellcheck source=supervise.sh
. "$(dirname "${BASH_SOURCE[0]}")/supervise.sh"
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# epmd daemons serving port $1: started by a beam with ERL_EPMD_PORT in its environment,
# or by hand with -port.
epmd_pids() {
  local p pid
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [[ $(readlink "$p/exe" 2>/dev/null) == */epmd ]] || continue
    alive "$pid" || continue
    if grep -qx "ERL_EPMD_PORT=$1" < <(tr '\0' '\n' <"$p/environ" 2>/dev/null) \
       || grep -q -- "-port $1\b" < <(tr '\0' ' ' <"$p/cmdline" 2>/dev/null); then
      echo "$pid"
    fi
  done
}
kill_epmd() {   # stops the epmd on port $1 (only when no node is registered with it)
  local pids
  epmd -port "$1" -kill >/dev/null 2>&1 || true
  for _ in $(seq 20); do
    pids=$(epmd_pids "$1")
    [[ -z $pids ]] && return 0
    sleep 0.1
  done
  log "epmd on port $1 did not stop by itself: killing pid(s) $pids"
  # shellcheck disable=SC2086
  kill $pids 2>/dev/null || true
}
epmd_names() { epmd -port "$1" -names 2>/dev/null | sed -n 's/^name \([^ ]*\) at port.*/\1/p'; }

# ---- signals -----------------------------------------------------------------------
# Trapped from the start: a stop asked for while we clean up or prepare must not kill this
# script half-way (it would leave an epmd or an old node behind).
server_pid=''
stop_requested=''
# shellcheck disable=SC2317  # invoked by trap
on_signal() {
  stop_requested=1
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    log "stop requested: stopping node $NODE"
    # rabbitmq-server (a sh script) turns TERM into a clean stop of the node and waits.
    kill -TERM "$server_pid" 2>/dev/null || true
  fi
}
trap on_signal TERM INT
trap '' HUP
# shellcheck disable=SC2317
bail_if_stopping() {
  if [[ -n $stop_requested ]]; then
    log "stop requested before the node started"
    exit 0
  fi
}

# ---- one wrapper per STATE_DIR -------------------------------------------------
if [[ -f $WRAPPER_PID_FILE ]]; then
  old=$(cat "$WRAPPER_PID_FILE" 2>/dev/null || true)
  if [[ $old =~ ^[0-9]+$ ]] && alive "$old" && grep -q 'rabbitmq\.sh' < <(tr '\0' ' ' <"/proc/$old/cmdline" 2>/dev/null); then
    die "rabbitmq.sh (pid $old) already runs on $STATE_DIR"
  fi
fi
echo $$ >"$WRAPPER_PID_FILE"
trap 'rm -f "$WRAPPER_PID_FILE"' EXIT

# ---- leftovers of a run that was SIGKILLed -------------------------------------
# A beam still running from it would hold our node name and ports: stop it. Also before a restart, after our
# own beam was killed: its pid file is stale then.
clear_leftovers() {
  local old
  [[ -f $PID_FILE ]] || return 0
  old=$(cat "$PID_FILE" 2>/dev/null || true)
  if [[ $old =~ ^[0-9]+$ ]] && alive "$old" && [[ $(readlink "/proc/$old/exe" 2>/dev/null) == */beam.smp ]] \
     && grep -qx "RABBITMQ_NODENAME=$NODE" < <(tr '\0' '\n' <"/proc/$old/environ" 2>/dev/null); then
    log "stopping node left running by a previous run (beam pid $old)"
    kill -TERM "$old" 2>/dev/null || true
    # waited for even when asked to stop: it must not outlive us either
    for _ in $(seq 300); do alive "$old" || break; sleep 0.1; done
    alive "$old" && { log "still running after 30 s: SIGKILL"; kill -KILL "$old" 2>/dev/null || true; sleep 0.5; }
  fi
  rm -f "$PID_FILE"
}
clear_leftovers

# ---- ports ---------------------------------------------------------------------
# Preferred: epmd = AMQP+10000, distribution = AMQP+20000 (the RabbitMQ convention).
# When those do not fit under 65536 or are taken, pick free ones below the kernel's
# ephemeral range (32768+), so they never clash with ports the OS hands out.
# The choice is kept in STATE_DIR so restarts reuse it.
EPMD_PORT='' DIST_PORT=''
if [[ -f $PORTS_FILE ]]; then read -r EPMD_PORT DIST_PORT <"$PORTS_FILE" || true; fi
[[ $EPMD_PORT =~ ^[0-9]+$ ]] || EPMD_PORT=$(( AMQP_PORT + 10000 ))
[[ $DIST_PORT =~ ^[0-9]+$ ]] || DIST_PORT=$(( AMQP_PORT + 20000 ))

# A stale epmd on our port (SIGKILLed run): epmd daemonises and outlives its node. If no
# node is registered with it any more, it is ours to stop.
if (( EPMD_PORT <= 65535 )) && [[ -n $(epmd_pids "$EPMD_PORT") ]]; then
  names=$(epmd_names "$EPMD_PORT" | tr '\n' ' ')
  if [[ -z ${names// } ]]; then
    log "stopping idle epmd left on port $EPMD_PORT by a previous run"
    kill_epmd "$EPMD_PORT"
  else
    log "epmd on port $EPMD_PORT serves other nodes ($names): choosing another port"
    EPMD_PORT=65536
  fi
fi

pick_port() {   # $1 preferred, rest: ports already taken by us
  local want=$1; shift
  if (( want >= 1024 && want <= 65535 )) && ! port_in_use "$want" && [[ " $* " != *" $want "* ]]; then
    echo "$want"; return
  fi
  for _ in $(seq 200); do
    want=$(( 20000 + RANDOM % 12000 ))
    if ! port_in_use "$want" && [[ " $* " != *" $want "* ]]; then echo "$want"; return; fi
  done
  die "no free port found for epmd/distribution"
}
port_in_use "$AMQP_PORT" && die "AMQP port $AMQP_PORT is already in use"
EPMD_PORT=$(pick_port "$EPMD_PORT" "$AMQP_PORT")
DIST_PORT=$(pick_port "$DIST_PORT" "$AMQP_PORT" "$EPMD_PORT")
echo "$EPMD_PORT $DIST_PORT" >"$PORTS_FILE"
bail_if_stopping   # only now: the leftovers above are cleaned even when we are asked to stop

# ---- queue layout ------------------------------------------------------------------
# Consumer queues and _error queues became quorum queues (layout 2). A node holding the classic queues of an
# earlier run refuses to declare them again as quorum (PRECONDITION_FAILED), so its data is dropped once: what
# waits to be published is in each service's outbox in PostgreSQL, and queues are drained as services stop; only
# messages published but not consumed at the last stop, and parked ones, are lost with it (a developer's machine).
LAYOUT=2
if [[ -d $BASE/mnesia && -n $(ls -A "$BASE/mnesia" 2>/dev/null) && $(cat "$STATE_DIR/queue-layout" 2>/dev/null || true) != "$LAYOUT" ]]; then
  log "broker data from an earlier queue layout (classic queues): starting with an empty broker (layout $LAYOUT, quorum queues)"
  rm -rf "$BASE/mnesia"
  mkdir -p "$BASE/mnesia"
fi
echo "$LAYOUT" >"$STATE_DIR/queue-layout"

# ---- configuration ---------------------------------------------------------------
# Own cookie (the CLI wrappers share HOME); written before the first start so that a CLI
# call racing the first boot cannot create a different one.
if [[ ! -s $BASE/home/.erlang.cookie ]]; then
  od -An -tx1 -N16 /dev/urandom | tr -d ' \n' | tr a-f A-F >"$BASE/home/.erlang.cookie"
fi
chmod 0400 "$BASE/home/.erlang.cookie"

cat >"$BASE/rabbitmq.conf" <<EOF
# generated by rabbitmq.sh: loopback only, console logging, no plugins
listeners.tcp.1 = 127.0.0.1:$AMQP_PORT
loopback_users.guest = true
log.console = true
log.console.level = info
log.file = false
# A delivery left unacknowledged this long (a consumer stuck) closes its channel and goes back to the queue: 5 min,
# far above a batch's worst case (retries up to about a minute), far below the 30 min default.
consumer_timeout = 300000
EOF
echo '[].' >"$BASE/enabled_plugins"
: >"$BASE/rabbitmq-env.conf"   # shadows /etc/rabbitmq/rabbitmq-env.conf

# Environment shared by the server and the CLI wrappers.
cat >"$BASE/env" <<EOF
export HOME='$BASE/home'
export RABBITMQ_NODENAME='$NODE'
export ERL_EPMD_PORT='$EPMD_PORT'
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_CONF_ENV_FILE='$BASE/rabbitmq-env.conf'
EOF
for tool in rabbitmqctl rabbitmq-diagnostics; do
  cat >"$STATE_DIR/bin/$tool" <<EOF
#!/usr/bin/env bash
# generated by rabbitmq.sh: $tool for node $NODE
. '$BASE/env'
exec '$RMQ_BIN/$tool' -n '$NODE' "\$@"
EOF
  chmod 0755 "$STATE_DIR/bin/$tool"
done

# shellcheck source=/dev/null
. "$BASE/env"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$AMQP_PORT
export RABBITMQ_DIST_PORT=$DIST_PORT
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export RABBITMQ_CONFIG_FILE=$BASE/rabbitmq.conf
export RABBITMQ_CONFIG_FILES=$BASE/conf.d
export RABBITMQ_ADVANCED_CONFIG_FILE=$BASE/advanced.config
export RABBITMQ_MNESIA_BASE=$BASE/mnesia
export RABBITMQ_LOG_BASE=$BASE/log
export RABBITMQ_LOGS=-
export RABBITMQ_ENABLED_PLUGINS_FILE=$BASE/enabled_plugins
export RABBITMQ_PID_FILE=$PID_FILE
export RABBITMQ_MOTD_FILE=$BASE/motd
export ERL_CRASH_DUMP=$BASE/erl_crash.dump
cd "$BASE"

# ---- run -------------------------------------------------------------------------
# --pdeathsig: if this wrapper is SIGKILLed, rabbitmq-server still gets TERM (clean stop).
start_server() {
  log "starting RabbitMQ node $NODE on 127.0.0.1:$AMQP_PORT (epmd $EPMD_PORT, distribution $DIST_PORT, data $BASE/mnesia)"
  setpriv --pdeathsig TERM "$RMQ_BIN/rabbitmq-server" </dev/null &
  server_pid=$!
  if [[ -n $stop_requested ]]; then kill -TERM "$server_pid" 2>/dev/null || true; fi
}
server_ready() { port_in_use "$AMQP_PORT"; }
hard_kill() {
  local beam
  beam=$(cat "$PID_FILE" 2>/dev/null || true)
  if [[ $beam =~ ^[0-9]+$ ]]; then kill -KILL "$beam" 2>/dev/null || true; fi
  kill -KILL "$server_pid" 2>/dev/null || true
}

# A killed beam unregisters from epmd as its connection drops: a restart reuses the same epmd.
rc=0
supervise RabbitMQ || rc=$?
# Erlang leaves epmd running as a daemon: stop it, now that our node is gone.
kill_epmd "$EPMD_PORT"
exit "$rc"
