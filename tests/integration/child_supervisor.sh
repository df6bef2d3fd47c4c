#!/usr/bin/env bash
# A process supervisor written for Node, run by shard: it keeps three
# workers (forked shards) alive, restarting each when it crashes, takes
# their heartbeats over IPC, and on SIGTERM stops them all and exits 0.
# Afterwards no worker is left running and none was left a zombie.
set -u
SHARD=${SHARD:?}
dir=$(mktemp -d)
marker="shard-supervisor-test-$$"
sup=
cleanup() {
  [ -n "$sup" ] && kill -9 "$sup" 2>/dev/null
  pkill -9 -f "$marker" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- supervisor output:"; cat "$dir/out" 2>/dev/null; exit 1; }

cat >"$dir/worker.js" <<'JS'
// Sends heartbeats; the first incarnation of each worker crashes once.
const id = Number(process.argv[2]);
const generation = Number(process.argv[3]);
let beats = 0;
const timer = setInterval(() => {
  process.send({ id, generation, beat: ++beats });
  if (generation === 0 && beats === 3) throw new Error(`worker ${id} crashes on purpose`);
}, 20);
process.on('SIGTERM', () => {
  clearInterval(timer);
  process.send({ id, generation, stopping: true }, () => process.exit(0));
});
JS

cat >"$dir/supervisor.js" <<'JS'
const { fork } = require('child_process');
const marker = process.argv[2];
const workers = new Map();
const generations = [0, 0, 0];
const beatsOfRestarted = [0, 0, 0];
let restarts = 0;
let ready = false;
let stopping = false;
let stoppedCleanly = 0;

function start(id) {
  const child = fork(`${__dirname}/worker.js`, [String(id), String(generations[id]), marker],
                     { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
  child.stderr.resume();
  workers.set(id, child);
  child.on('message', (m) => {
    if (m.beat && m.generation > 0) beatsOfRestarted[m.id]++;
    if (m.stopping) stoppedCleanly++;
    // Ready once every restarted worker runs (and so listens for SIGTERM).
    if (!ready && restarts === 3 && beatsOfRestarted.every((n) => n >= 2)) {
      ready = true;
      console.log('ready');
    }
  });
  child.on('exit', (code, signal) => {
    workers.delete(id);
    if (stopping) {
      if (workers.size === 0) {
        const heartbeatsSeen = beatsOfRestarted.every((n) => n >= 2);
        console.log(JSON.stringify({ restarts, stoppedCleanly, heartbeatsSeen }));
        process.exit(0);
      }
      return;
    }
    if (code !== 0) {
      restarts++;
      generations[id]++;
      start(id);
    }
  });
}

for (let id = 0; id < 3; id++) start(id);
process.on('SIGTERM', () => {
  stopping = true;
  for (const child of workers.values()) child.kill('SIGTERM');
});
JS

"$SHARD" "$dir/supervisor.js" "$marker" >"$dir/out" 2>"$dir/err" &
sup=$!
for _ in $(seq 300); do grep -q '^ready$' "$dir/out" 2>/dev/null && break; sleep 0.1; done
grep -q '^ready$' "$dir/out" || fail "the workers were not restarted: $(cat "$dir/err")"
[ "$(pgrep -f "$marker" | grep -vx "$sup" | wc -l)" -eq 3 ] || fail "expected 3 workers, found: $(pgrep -af "$marker")"
# No zombie among the supervisor's children: every crash was reaped.
zombies=$(ps -o stat= --ppid "$sup" | grep -c '^Z')
[ "$zombies" -eq 0 ] || fail "$zombies zombie workers"
kill -TERM "$sup"
for _ in $(seq 100); do kill -0 "$sup" 2>/dev/null || break; sleep 0.1; done
kill -0 "$sup" 2>/dev/null && fail "the supervisor did not exit on SIGTERM"
wait "$sup"
code=$?
sup=
[ "$code" -eq 0 ] || fail "supervisor exit code $code: $(cat "$dir/err")"
tail -1 "$dir/out" | grep -qx '{"restarts":3,"stoppedCleanly":3,"heartbeatsSeen":true}' || fail "summary: $(tail -1 "$dir/out")"
sleep 0.2
left=$(pgrep -f "$marker" | wc -l)
[ "$left" -eq 0 ] || fail "$left workers left running"
echo ok
