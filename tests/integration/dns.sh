#!/usr/bin/env bash
# dns.resolve*, Resolver, dns.promises, reverse and lookupService against a
# small DNS server (tests/fixtures/dns/server.js, under node: UDP and TCP,
# NXDOMAIN, SERVFAIL, REFUSED, silence, truncation): the same client script
# (tests/fixtures/dns/client.js) runs under node and under shard, and every
# answer and error must be the same.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
SHARD=${SHARD:-$top/out/shard}
NODE=${NODE:-node}
command -v "$NODE" >/dev/null 2>&1 || { echo "node ($NODE) is not installed"; exit 77; }
work=$(mktemp -d "${TEST_WORK:-/tmp}/dns.XXXXXX")
. "$top/tests/integration/lib/server.sh"
trap 'stop_servers; rm -rf "$work"' EXIT

start_server "$work/server" "$NODE" "$top/tests/fixtures/dns/server.js" ||
  { echo "FAIL the DNS server did not start"; cat "$work/server.err"; exit 1; }

timeout 60 "$NODE" "$top/tests/fixtures/dns/client.js" "$port" >"$work/node.out" 2>&1
timeout 60 "$SHARD" "$top/tests/fixtures/dns/client.js" "$port" >"$work/shard.out" 2>&1
echo "shard exit: $?" >>"$work/shard.out"
echo "shard exit: 0" >>"$work/node.out"
if ! cmp -s "$work/node.out" "$work/shard.out"; then
  echo "FAIL answers differ (< node, > shard)"
  diff "$work/node.out" "$work/shard.out" | head -40 | cut -c1-400
  exit 1
fi
# The truncated answer was fetched again over TCP (by both runtimes).
kill "$pid"
wait "$pid" 2>/dev/null
tcp=$(sed -n 's/^tcp queries: //p' "$work/server.err")
if [ "${tcp:-0}" -lt 2 ]; then
  echo "FAIL the truncated answer was not asked for over TCP (tcp queries: ${tcp:-0})"
  exit 1
fi
echo "ok   $(grep -c . "$work/node.out") answers and errors equal"
