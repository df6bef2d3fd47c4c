#!/usr/bin/env bash
# Per-core counters: require('shard').stats() reports the calling core and
# the process, and the counters move with the work done; --stats prints the
# table once at exit (whatever the number of cores) and on SIGUSR2, beside
# the program's own SIGUSR2 listeners; without --stats SIGUSR2 keeps its
# default action. Under a burst of HTTP requests (once node:http serves),
# accepted connections, requests and bytes count what the client sent.
set -u
SHARD=${SHARD:?}
dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# ---- the shape of stats(), and counters that move ----
cat >"$dir/shape.js" <<'JS'
// (a local assert: the test needs nothing of shard but the `shard` module)
function assert(ok, what) { if (!ok) throw new Error(`assertion failed: ${what}`); }
assert.ok = assert;
assert.strictEqual = (a, b) => assert(a === b, `${a} === ${b}`);
const { stats, core } = require('shard');
const fields = ['loopTurns', 'completions', 'completionsPerTurn', 'maxCompletionsPerTurn',
  'submits', 'cqOverflows', 'accepted', 'requests', 'bytesIn', 'bytesOut',
  'bufferRingEmpty', 'bufferRingLowWater', 'eventLoopDelay'];
const a = stats();
for (const part of [a.core, a.process]) {
  for (const f of fields) assert.ok(f in part, `missing ${f}`);
  for (const k of ['mean', 'p50', 'p99', 'max']) assert.strictEqual(typeof part.eventLoopDelay[k], 'number');
}
assert.strictEqual(a.core.core, core);
assert.ok(a.process.threads >= 1);
assert.ok(Array.isArray(a.threads) && a.threads.some((t) => t.core === core && t.live));
let n = 0;
function tick() {
  if (++n < 20) return setTimeout(tick, 1);
  const b = stats();
  // Twenty timer turns later: the loop turned, and the process total
  // includes this core.
  assert.ok(b.core.loopTurns >= a.core.loopTurns + 10, `turns ${a.core.loopTurns} -> ${b.core.loopTurns}`);
  assert.ok(b.core.submits >= 1);
  assert.ok(b.process.loopTurns >= b.core.loopTurns);
  assert.ok(b.core.eventLoopDelay.max > 0);
  assert.ok(b.core.eventLoopDelay.p50 <= b.core.eventLoopDelay.p99);
  assert.ok(b.core.eventLoopDelay.p99 <= b.core.eventLoopDelay.max);
  console.log(`ok ${core}`);
}
tick();
JS
out=$("$SHARD" "$dir/shape.js" 2>&1) || fail "stats() shape: $out"
[ "$out" = "ok 0" ] || fail "stats() shape: $out"
out=$("$SHARD" --cores=2 "$dir/shape.js" 2>&1 | sort | tr '\n' ' ')
[ "$out" = "ok 0 ok 1 " ] || fail "stats() with two cores: $out"

# A busy turn shows in the event-loop delay.
out=$("$SHARD" -e '
const { stats } = require("shard");
const report = () => console.log(stats().core.eventLoopDelay.max >= 25e6);
// The busy turn is recorded when the next turn starts: the second immediate
// runs in the turn after.
setTimeout(() => {
  const end = Date.now() + 30;
  while (Date.now() < end);
  setImmediate(() => setImmediate(report));
}, 1);')
[ "$out" = true ] || fail "a 30 ms busy turn is not the event-loop delay max: $out"

# ---- --stats at exit: once, on stderr, one row per core and a total ----
"$SHARD" --stats -e 'setTimeout(() => {}, 5)' >"$dir/out" 2>"$dir/err" || fail "--stats exit status $?"
[ -s "$dir/out" ] && fail "--stats wrote to stdout: $(cat "$dir/out")"
[ "$(grep -c 'shard stats (pid [0-9]*, at exit)' "$dir/err")" = 1 ] || fail "--stats table: $(cat "$dir/err")"
grep -q '^core 0 ' "$dir/err" || fail "--stats has no core 0 row: $(cat "$dir/err")"
grep -q 'turns.*requests.*delay99' "$dir/err" || fail "--stats header: $(cat "$dir/err")"
"$SHARD" --stats --cores=2 -e 'setTimeout(() => {}, require("shard").core * 50)' 2>"$dir/err2" \
  || fail "--stats --cores=2 exit status $?"
[ "$(grep -c 'at exit' "$dir/err2")" = 1 ] || fail "two cores printed $(grep -c 'at exit' "$dir/err2") tables"
grep -q '^core 1 ' "$dir/err2" && grep -q '^total ' "$dir/err2" || fail "two-core table: $(cat "$dir/err2")"
"$SHARD" --stats -e 'process.exitCode = 4' 2>"$dir/err3"
[ $? = 4 ] || fail "--stats changed the exit code"
grep -q 'at exit' "$dir/err3" || fail "no table with an exit code"
"$SHARD" -e 'setTimeout(() => {}, 5)' 2>"$dir/err4"
[ -s "$dir/err4" ] && fail "a table without --stats: $(cat "$dir/err4")"

# ---- SIGUSR2 ----
wait_for() { for _ in $(seq 100); do grep -q "$1" "$2" 2>/dev/null && return 0; sleep 0.05; done; return 1; }
cat >"$dir/idle.js" <<'JS'
if (process.argv[2] === 'listen') process.on('SIGUSR2', () => console.log('program got SIGUSR2'));
console.log('ready');
setTimeout(() => process.exit(0), 3000);
JS
"$SHARD" --stats "$dir/idle.js" >"$dir/u1.out" 2>"$dir/u1.err" &
pid=$!; pids+=($pid)
wait_for ready "$dir/u1.out" || fail "idle.js did not start"
kill -USR2 $pid
wait_for 'on SIGUSR2' "$dir/u1.err" || fail "--stats printed nothing on SIGUSR2: $(cat "$dir/u1.err")"
kill -USR2 $pid
for _ in $(seq 100); do [ "$(grep -c 'on SIGUSR2' "$dir/u1.err")" = 2 ] && break; sleep 0.05; done
[ "$(grep -c 'on SIGUSR2' "$dir/u1.err")" = 2 ] || fail "the second SIGUSR2 printed nothing"
wait $pid
[ $? = 0 ] || fail "SIGUSR2 under --stats ended the process"
grep -q 'at exit' "$dir/u1.err" || fail "no table at exit after SIGUSR2"

# The program's own listener still runs; several cores print one table.
"$SHARD" --stats --cores=2 "$dir/idle.js" listen >"$dir/u2.out" 2>"$dir/u2.err" &
pid=$!; pids+=($pid)
for _ in $(seq 100); do [ "$(grep -c ready "$dir/u2.out")" = 2 ] && break; sleep 0.05; done
kill -USR2 $pid
for _ in $(seq 100); do [ "$(grep -c 'program got' "$dir/u2.out")" = 2 ] && break; sleep 0.05; done
[ "$(grep -c 'program got SIGUSR2' "$dir/u2.out")" = 2 ] || fail "program listeners under --stats: $(cat "$dir/u2.out")"
wait_for 'on SIGUSR2' "$dir/u2.err" || fail "no table on SIGUSR2 with two cores"
[ "$(grep -c 'on SIGUSR2' "$dir/u2.err")" = 1 ] || fail "two cores printed $(grep -c 'on SIGUSR2' "$dir/u2.err") tables on SIGUSR2"
kill $pid 2>/dev/null
wait $pid 2>/dev/null

# Without --stats: a listener gets it and nothing is printed; with none the
# signal's default action ends the process (128 + 12).
"$SHARD" "$dir/idle.js" listen >"$dir/u3.out" 2>"$dir/u3.err" &
pid=$!; pids+=($pid)
wait_for ready "$dir/u3.out" || fail "idle.js did not start"
kill -USR2 $pid
wait_for 'program got' "$dir/u3.out" || fail "the program's listener missed SIGUSR2"
kill $pid 2>/dev/null
wait $pid 2>/dev/null
[ -s "$dir/u3.err" ] && fail "a table without --stats: $(cat "$dir/u3.err")"
"$SHARD" "$dir/idle.js" >"$dir/u4.out" 2>&1 &
pid=$!; pids+=($pid)
wait_for ready "$dir/u4.out" || fail "idle.js did not start"
kill -USR2 $pid
wait $pid 2>/dev/null
rc=$?
[ $rc = 140 ] || fail "SIGUSR2 without --stats or a listener: status $rc, expected 140"

# ---- a burst of HTTP requests (once node:http serves) ----
if ! "$SHARD" -e 'require("http").createServer' >/dev/null 2>&1; then
  echo "ok (the HTTP burst is checked once node:http exists)"
  exit 0
fi
command -v curl >/dev/null || { echo "ok (no curl for the HTTP burst)"; exit 0; }
cat >"$dir/server.js" <<'JS'
const http = require('http');
const { stats } = require('shard');
const server = http.createServer((req, res) => {
  if (req.url === '/stats') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(stats()));
  } else {
    res.end('hello world\n');
  }
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
JS
"$SHARD" "$dir/server.js" >"$dir/port" 2>"$dir/server.err" &
pid=$!; pids+=($pid)
for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
port=$(head -1 "$dir/port")
[ -n "$port" ] || fail "the server did not start: $(cat "$dir/server.err")"
base=$(curl -s "http://127.0.0.1:$port/stats") || fail "GET /stats"
# 20 connections of 5 keep-alive requests each: 100 requests, 20 accepts.
for _ in $(seq 20); do
  args=()
  for _ in $(seq 5); do args+=("http://127.0.0.1:$port/"); done
  curl -s "${args[@]}" >/dev/null || fail "curl burst"
done
after=$(curl -s "http://127.0.0.1:$port/stats") || fail "GET /stats"
kill $pid
node -e '
const [a, b] = process.argv.slice(1).map((s) => JSON.parse(s).core);
const d = (k) => b[k] - a[k];
const check = (ok, what) => { if (!ok) { console.log(`FAIL: ${what}: ${JSON.stringify({ a, b })}`); process.exit(1); } };
check(d("accepted") === 21, `accepted moved by ${d("accepted")}, expected 21 (20 + the /stats request)`);
check(d("requests") === 101, `requests moved by ${d("requests")}, expected 101`);
check(d("bytesIn") >= 101 * 40, `bytesIn moved by only ${d("bytesIn")}`);
check(d("bytesOut") >= 100 * 12, `bytesOut moved by only ${d("bytesOut")}`);
check(d("completions") >= 100, `completions moved by only ${d("completions")}`);
check(d("loopTurns") > 0, "no loop turns");
' "$base" "$after" || exit 1
echo ok
