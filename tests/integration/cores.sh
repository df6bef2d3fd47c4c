#!/usr/bin/env bash
# --cores: every core runs the program; process.exit on one core ends all of
# them with its code; Ctrl-C (SIGINT) with no listener ends the process by
# the signal (the shell sees 130); with listeners every core gets it.
set -u
SHARD=${SHARD:?}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cat >"$dir/who.js" <<'JS'
const { core, cores } = require('shard');
console.log(`core ${core} of ${cores}`);
JS
out=$("$SHARD" --cores=2 "$dir/who.js" | sort)
[ "$out" = $'core 0 of 2\ncore 1 of 2' ] || fail "two cores: got '$out'"
out=$(SHARD_CORES=3 "$SHARD" "$dir/who.js" | wc -l)
[ "$out" = 3 ] || fail "SHARD_CORES=3 ran $out copies"

cat >"$dir/exit.js" <<'JS'
const { core } = require('shard');
process.on('exit', (code) => console.log(`exit ${core} ${code}`));
if (core === 1) setTimeout(() => process.exit(3), 20);
else for (;;) {} // busy: must be interrupted
JS
timeout 10 "$SHARD" --cores=2 "$dir/exit.js" >"$dir/exit.out"
rc=$?
out=$(sort "$dir/exit.out")
[ "$rc" = 3 ] || fail "process.exit(3) on core 1: exit status $rc"
[ "$out" = $'exit 0 3\nexit 1 3' ] || fail "exit listeners: got '$out'"

cat >"$dir/serve.js" <<'JS'
console.log('ready');
setInterval(() => {}, 1000);
JS
"$SHARD" --cores=2 "$dir/serve.js" >"$dir/log" &
pid=$!
for _ in $(seq 50); do [ "$(grep -c ready "$dir/log")" = 2 ] && break; sleep 0.1; done
kill -INT $pid
wait $pid
rc=$?
[ "$rc" = 130 ] || fail "SIGINT without a listener: status $rc, expected 130"

cat >"$dir/listen.js" <<'JS'
const { core } = require('shard');
process.on('SIGINT', (name) => { console.log(`core ${core} got ${name}`); process.exit(0); });
console.log('ready');
setInterval(() => {}, 1000);
JS
"$SHARD" --cores=2 "$dir/listen.js" >"$dir/log2" &
pid=$!
for _ in $(seq 50); do [ "$(grep -c ready "$dir/log2")" = 2 ] && break; sleep 0.1; done
kill -INT $pid
wait $pid
rc=$?
[ "$rc" = 0 ] || fail "SIGINT with listeners: status $rc"
grep -q 'got SIGINT' "$dir/log2" || fail "no core saw SIGINT: $(cat "$dir/log2")"

# process.chdir() is refused with several cores, allowed with one.
out=$("$SHARD" --cores=2 -e "try { process.chdir('/'); } catch (e) { console.log(e.code); }" | sort -u)
[ "$out" = "ERR_WORKER_UNSUPPORTED_OPERATION" ] || fail "chdir with 2 cores: '$out'"
out=$("$SHARD" -e "process.chdir('/tmp'); console.log(process.cwd())")
[ "$out" = /tmp ] || fail "chdir with 1 core: '$out'"

# A bad option is refused; unsupported Node options say why.
"$SHARD" --bogus -e 0 2>"$dir/err" && fail "--bogus accepted"
grep -q 'bad option: --bogus' "$dir/err" || fail "--bogus message: $(cat "$dir/err")"
"$SHARD" --inspect -e 0 2>"$dir/err" && fail "--inspect accepted"
grep -q 'inspector' "$dir/err" || fail "--inspect message: $(cat "$dir/err")"
echo ok
