#!/usr/bin/env bash
# node:http's client under shard (tests/fixtures/http/client.js) against the
# test server (tests/fixtures/http/server.js) under node and under shard:
# keep-alive reuse counted by the server's accepted connections, agents
# (maxSockets, agent: false, the global agent, idle expiry from the
# server's Keep-Alive hint), bodies both ways, Expect: 100-continue,
# refused connections, timeouts and aborts.
# (SHARD=node checks the test itself against Node.)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
SHARD=${SHARD:-$top/out/shard}
NODE=${NODE:-node}
command -v "$NODE" >/dev/null 2>&1 || { echo "node ($NODE) is not installed"; exit 77; }
work=$(mktemp -d "${TEST_WORK:-/tmp}/client.XXXXXX")
. "$top/tests/integration/lib/server.sh"
trap 'stop_servers; rm -rf "$work"' EXIT

rc=0
for server in node shard; do
  if [ $server = node ]; then bin=$NODE; else bin=$SHARD; fi
  if ! start_server "$work/$server" "$bin" "$top/tests/fixtures/http/server.js" '{"keepAliveTimeout":2000}'; then
    echo "FAIL the server did not start under $server"
    cat "$work/$server.err"
    rc=1
    continue
  fi
  if timeout 60 "$SHARD" "$top/tests/fixtures/http/client.js" "$port" >"$work/client.out" 2>&1; then
    echo "ok   shard's client against a server under $server: $(grep -c '^ok' "$work/client.out") cases"
  else
    echo "FAIL shard's client against a server under $server:"
    sed 's/^/    /' "$work/client.out" | tail -25
    [ -s "$work/$server.err" ] && { echo "  server stderr:"; head -20 "$work/$server.err"; }
    rc=1
  fi
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
done
exit $rc
