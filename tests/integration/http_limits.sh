#!/usr/bin/env bash
# Bad and heavy input against http servers under shard (tests/fixtures/
# http/server.js driven by tests/fixtures/http/limits_client.js under node),
# each proven not to harm other connections: bad request lines, headers and
# chunk sizes (400), a header over the 16 KiB limit (431), a client that
# trickles its headers (408 after headersTimeout), clients that reset in
# the middle of a body, 10,000 idle connections held at once on one core
# (the server still answers; RSS per connection printed), and a burst of
# connects far beyond a listen backlog of 16.
# (SHARD=node runs the same against Node, to check the test.)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
SHARD=${SHARD:-$top/out/shard}
NODE=${NODE:-node}
command -v "$NODE" >/dev/null 2>&1 || { echo "node ($NODE) is not installed"; exit 77; }
# 10,000 connections on each side.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 10100 ]; then
  echo "ulimit -n cannot be raised above 10,100 here ($(ulimit -Hn))"
  exit 77
fi
work=$(mktemp -d "${TEST_WORK:-/tmp}/limits.XXXXXX")
. "$top/tests/integration/lib/server.sh"
trap 'stop_servers; rm -rf "$work"' EXIT

start() { # start <name> <options json> [backlog]: sets $port
  start_server "$work/$1" "$SHARD" "$top/tests/fixtures/http/server.js" "$2" ${3:+"$3"} && return 0
  echo "FAIL the server $1 did not start"
  cat "$work/$1.err"
  exit 1
}

rc=0
run() { # run <port> <case>
  if timeout 60 "$NODE" "$top/tests/fixtures/http/limits_client.js" "$1" "$2" >"$work/$2.out" 2>&1; then
    grep '^# ' "$work/$2.out"
    echo "ok   $2"
  else
    echo "FAIL $2"
    sed 's/^/    /' "$work/$2.out" | tail -20
    rc=1
  fi
}

start main '{"headersTimeout":1000,"requestTimeout":3000,"connectionsCheckingInterval":200}'
for c in badRequestLine headerOverLimit slowHeaders resetMidBody; do
  run "$port" "$c"
done
# Idle connections need the default headersTimeout (60 s).
start idle '{}'
run "$port" idleConnections
start small '{}' 16
run "$port" connectBurst

# The servers are still alive and never printed an error.
i=0
for name in main idle small; do
  kill -0 "${server_pids[$i]}" 2>/dev/null || { echo "FAIL server $name died"; rc=1; }
  if [ -s "$work/$name.err" ]; then
    echo "FAIL server $name wrote to stderr:"
    head -20 "$work/$name.err"
    rc=1
  fi
  i=$((i + 1))
done
exit $rc
