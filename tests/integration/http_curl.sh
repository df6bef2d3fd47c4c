#!/usr/bin/env bash
# Real clients against an http server under shard (tests/fixtures/http/
# server.js): curl (keep-alive reuse seen in -v and in the server's
# connection numbers, chunked upload, Expect: 100-continue accepted and
# refused, HEAD, HTTP/1.0, a large download) and short bounded wrk runs,
# plain and pipelined 16 deep, that must see no errors.
# (SHARD=node runs the same checks against Node, to check the test.)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
SHARD=${SHARD:-$top/out/shard}
command -v curl >/dev/null 2>&1 || { echo "curl is not installed"; exit 77; }
work=$(mktemp -d "${TEST_WORK:-/tmp}/curl.XXXXXX")
. "$top/tests/integration/lib/server.sh"
trap 'stop_servers; rm -rf "$work"' EXIT

start_server "$work/server" "$SHARD" "$top/tests/fixtures/http/server.js" ||
  { echo "FAIL the server did not start"; cat "$work/server.err"; exit 1; }
base=http://127.0.0.1:$port

failures=0
check() { # check <name> <condition command...>
  local name=$1
  shift
  if "$@"; then
    echo "ok   $name"
  else
    echo "FAIL $name"
    failures=$((failures + 1))
  fi
}
has() { grep -qiE -- "$2" "$1" || { echo "  '$2' not in $1:"; sed 's/^/    /' "$1" | head -30; return 1; }; }
equal() { [ "$1" = "$2" ] || { echo "  got '$1', want '$2'"; return 1; }; }

# Keep-alive: three requests, one connection, in curl's log and in the
# server's connection numbers.
curl -sv "$base/conn" "$base/conn" "$base/conn" -o "$work/ka1" -o "$work/ka2" -o "$work/ka3" 2>"$work/ka.err"
check "keep-alive: curl reuses the connection" has "$work/ka.err" 'Re-using existing connection'
check "keep-alive: the server numbers its connections" has "$work/ka1" '^[0-9]+$'
check "keep-alive: one server connection for three requests" \
  equal "$(cat "$work/ka1") $(cat "$work/ka2") $(cat "$work/ka3")" "$(cat "$work/ka1") $(cat "$work/ka1") $(cat "$work/ka1")"
ka_reused=$(grep -ci 'Re-using existing connection' "$work/ka.err")
check "keep-alive: reused twice" equal "$ka_reused" 2

# A chunked upload of 3 MiB from a pipe (curl cannot know its length).
head -c $((3 << 20)) /dev/urandom >"$work/blob"
want_sha=$(sha1sum "$work/blob" | cut -d' ' -f1)
cat "$work/blob" | curl -sS -H 'Transfer-Encoding: chunked' -H 'Expect:' --data-binary @- "$base/upload" >"$work/up.json"
check "chunked upload: body arrives whole" has "$work/up.json" "\"bytes\":$((3 << 20)),\"sha1\":\"$want_sha\",\"te\":\"chunked\""

# Expect: 100-continue: the server says 100 and then takes the body.
curl -sv -H 'Expect: 100-continue' --data-binary @"$work/blob" "$base/upload" >"$work/cont.json" 2>"$work/cont.err"
check "expect: 100 Continue seen by curl" has "$work/cont.err" '< HTTP/1.1 100 Continue'
check "expect: the body follows" has "$work/cont.json" "\"bytes\":$((3 << 20)),\"sha1\":\"$want_sha\".*\"expect\":\"100-continue\""
# ... and a refused one: 417 and no body sent.
curl -sv -H 'Expect: 100-continue' --data-binary @"$work/blob" "$base/reject-continue" >"$work/rej.out" 2>"$work/rej.err"
check "expect: refused with 417" has "$work/rej.err" '< HTTP/1.1 417'
check "expect: no 100 before the refusal" eval "! grep -q '100 Continue' '$work/rej.err'"
check "expect: refusal body" has "$work/rej.out" '^no thanks$'

# HEAD: the headers of a GET, no body, and the connection stays usable.
curl -sS -I "$base/hello" >"$work/head.out"
check "HEAD: status and length" has "$work/head.out" '^Content-Length: 6'
check "HEAD: no body" eval "[ \$(grep -c . '$work/head.out') -le 8 ] && ! grep -q '^hello' '$work/head.out'"
curl -sv -I "$base/chunked" -I "$base/hello" >"$work/head2.out" 2>"$work/head2.err"
check "HEAD: chunked route then another on the same connection" has "$work/head2.err" 'Re-using existing connection'
check "HEAD: chunked route sends no chunks" eval "[ \$(grep -c '^HTTP/1.1 200' '$work/head2.out') = 2 ] && ! grep -qE '^(one|two|three)' '$work/head2.out'"
curl -sS "$base/chunked" >"$work/chunked.out"
check "chunked response" equal "$(cat "$work/chunked.out" | tr '\n' ' ')" "one two three "

# HTTP/1.0: no chunking, the connection closes after the response.
curl -sS -0 -D "$work/h10.head" "$base/chunked" >"$work/h10.out"
check "HTTP/1.0: whole body" equal "$(tr '\n' ' ' <"$work/h10.out")" "one two three "
check "HTTP/1.0: not chunked" eval "! grep -qi 'transfer-encoding' '$work/h10.head'"
check "HTTP/1.0: connection close" has "$work/h10.head" '^Connection: close'

# A large download with backpressure.
size=$((64 << 20))
got=$(curl -sS "$base/download?size=$size" | wc -c)
check "64 MiB download" equal "$got" "$size"

# Many requests over a few connections from a real load generator.
if command -v wrk >/dev/null 2>&1; then
  wrk -t1 -c8 -d2s "$base/hello" >"$work/wrk.out" 2>&1
  reqs=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$work/wrk.out")
  check "wrk -c8 -d2s: requests served (${reqs:-0})" eval "[ '${reqs:-0}' -gt 100 ]"
  check "wrk -c8 -d2s: no socket errors or non-2xx" eval "! grep -qE 'Socket errors|Non-2xx' '$work/wrk.out' || { cat '$work/wrk.out'; false; }"
  # Pipelined 16 deep (wrk's lua: 16 requests in one write).
  cat >"$work/pipeline.lua" <<'LUA'
init = function(args)
  local r = {}
  for i = 1, 16 do r[i] = wrk.format(nil, "/hello") end
  req = table.concat(r)
end
request = function() return req end
LUA
  wrk -t1 -c4 -d2s -s "$work/pipeline.lua" "$base/hello" >"$work/wrkp.out" 2>&1
  reqs=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$work/wrkp.out")
  check "wrk pipelined x16: requests served (${reqs:-0})" eval "[ '${reqs:-0}' -gt 1000 ]"
  check "wrk pipelined x16: no socket errors or non-2xx" eval "! grep -qE 'Socket errors|Non-2xx' '$work/wrkp.out' || { cat '$work/wrkp.out'; false; }"
else
  echo "note: wrk is not installed: the load runs are skipped"
fi

# The server lived through all of it.
check "server still answers" equal "$(curl -sS "$base/hello")" "hello"
if [ $failures -gt 0 ]; then
  [ -s "$work/server.err" ] && { echo "server stderr:"; head -20 "$work/server.err"; }
  exit 1
fi
