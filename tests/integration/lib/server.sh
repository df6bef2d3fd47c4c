# Sourced by the integration tests that start a server which prints
# "listening <port>" once it listens (tests/fixtures/*/server.js, the apps of
# the framework tests).
#
#   start_server <log-prefix> <command...>
#       runs the command in the background, stdout in <log-prefix>.log and
#       stderr in <log-prefix>.err; waits for the line and sets $port and
#       $pid; returns 1 if it never came or the server exited first
#   stop_servers
#       kills every server started so far (for the EXIT trap)

server_pids=()

start_server() {
  local log=$1
  shift
  port=
  : >"$log.log"
  "$@" >"$log.log" 2>"$log.err" </dev/null &
  pid=$!
  server_pids+=("$pid")
  for _ in $(seq 1 300); do
    port=$(sed -n 's/^listening \([0-9]*\)$/\1/p' "$log.log")
    [ -n "$port" ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

stop_servers() {
  local p
  for p in "${server_pids[@]}"; do
    kill "$p" 2>/dev/null
  done
}
