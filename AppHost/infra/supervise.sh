# shellcheck shell=bash
# Sourced by postgres.sh and rabbitmq.sh: keeps their server running. When it exits without having been asked to
# stop (a crash, kill -9, the OOM killer), it is started again after a back-off (1 s, doubling up to 30 s, back to
# 1 s once a run lasted a minute) and the log (the resource's log in the dashboard) says so. A server that never
# came up is not restarted: the wrapper exits with its status, so a broken setup shows at once.
# The sourcing script defines:
#   start_server     starts the server in the background and sets server_pid
#   server_ready     succeeds once the server serves (asked until it first does)
#   clear_leftovers  removes what a killed server leaves behind (pid files, locks); called with 'ours' before a restart
#   hard_kill        last resort when a stop takes longer than 60 s
# and its stop trap sets stop_requested and forwards the stop to $server_pid.

alive() {   # running and not a zombie
  [[ -r /proc/$1/stat ]] && [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]
}

# A sleep that a trapped signal cuts short (a foreground sleep would delay the trap until it ends).
pause() {
  sleep "$1" &
  local s=$!
  wait "$s" 2>/dev/null || kill "$s" 2>/dev/null || true
}

describe_exit() {
  if (( $1 > 128 )); then echo "killed by signal $(( $1 - 128 ))"; else echo "status $1"; fi
}

supervise() {   # name; returns 0 once stopped on request, else the status of a server that never came up
  local name=$1 ready='' backoff=1 restarts=0 started deadline rc
  while :; do
    start_server
    started=$SECONDS deadline=''
    while alive "$server_pid"; do
      if [[ -n $stop_requested ]]; then
        [[ -n $deadline ]] || deadline=$(( SECONDS + 60 ))
        if (( SECONDS > deadline )); then
          log "$name did not stop within 60 s: SIGKILL"
          hard_kill
          deadline=$(( SECONDS + 3600 ))
        fi
      elif [[ -z $ready ]] && server_ready; then
        ready=1
      fi
      pause 0.5
    done
    rc=0
    wait "$server_pid" 2>/dev/null || rc=$?
    if [[ -n $stop_requested ]]; then
      log "$name stopped"
      return 0
    fi
    if [[ -z $ready ]]; then
      log "$name exited ($(describe_exit "$rc")) before it was ready: not restarting it"
      return "$(( rc == 0 ? 1 : rc ))"
    fi
    if (( SECONDS - started >= 60 )); then backoff=1; fi
    restarts=$(( restarts + 1 ))
    log "WARNING: $name (pid $server_pid) exited unexpectedly ($(describe_exit "$rc")) after $(( SECONDS - started )) s: restart #$restarts in $backoff s"
    pause "$backoff"
    if [[ -n $stop_requested ]]; then
      log "$name: stop requested while waiting to restart it"
      return 0
    fi
    backoff=$(( backoff * 2 > 30 ? 30 : backoff * 2 ))
    clear_leftovers ours
  done
}
