#!/usr/bin/env bash
# The ws package, unmodified, over http's 'upgrade': shard as the server
# with ws's client under node, and shard as the client against a ws server
# under node (tests/fixtures/ws/server.js and client.js): echo of text and
# binary, subprotocols and headers, a refused upgrade, fragmented messages,
# 16 MiB messages, ping/pong, close codes both ways (1000, 1005, 1006,
# 4xxx with reasons) and 1,000 clients at once.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
SHARD=${SHARD:-$top/out/shard}
SHARD=$(cd "$(dirname "$SHARD")" && pwd)/$(basename "$SHARD")
NODE=${NODE:-node}
. "$top/tests/integration/lib/npm_work.sh"
. "$top/tests/integration/lib/server.sh"

command -v "$NODE" >/dev/null 2>&1 || { echo "node ($NODE) is not installed"; exit 77; }
# 1,000 clients and their server connections in one process each.
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"
npm_work_setup
trap 'stop_servers; rm -rf "$scratch"' EXIT
cp -r "$top/tests/fixtures/ws" "$scratch/ws"
cd "$scratch" || exit 1

# ws loads node:zlib (permessage-deflate) when it is required.
if ! "$SHARD" -e "require('zlib')" >/dev/null 2>&1; then
  echo "shard has no node:zlib yet, which the ws package requires when it loads"
  exit 77
fi

rc=0
# run <server runtime> <client runtime>
run() {
  if ! start_server "server.$1" "$2" ws/server.js; then
    echo "FAIL the ws server did not start under $1"
    tail -15 "server.$1.err"
    rc=1
    return
  fi
  if timeout 120 "$4" ws/client.js "$port" >"client.$3.out" 2>&1; then
    echo "ok   server under $1, client under $3: $(grep -c '^ok' "client.$3.out") cases"
  else
    echo "FAIL server under $1, client under $3:"
    tail -20 "client.$3.out"
    [ -s "server.$1.err" ] && { echo "  server stderr:"; head -20 "server.$1.err"; }
    rc=1
  fi
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
run shard "$SHARD" node "$NODE"
run node "$NODE" shard "$SHARD"
exit $rc
