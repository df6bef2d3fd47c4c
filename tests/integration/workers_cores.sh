#!/usr/bin/env bash
# Messages between the cores of a --cores program: require('shard').send to
# one core by index (a storm each way that must lose and reorder nothing per
# sender), BroadcastChannel reaching every copy, and Workers inside cores.
set -u
SHARD=${SHARD:?}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cat >"$dir/storm.js" <<'JS'
const shard = require('shard');
const N = 100000;
const other = 1 - shard.core;
let expect = 0;
shard.channel.on('message', (m) => {
  if (m.from !== other || m.seq !== expect) {
    console.log(`core ${shard.core}: got ${JSON.stringify(m)}, expected seq ${expect}`);
    process.exit(1);
  }
  if (++expect === N) {
    console.log(`core ${shard.core}: ${N} in order`);
    shard.channel.close();
  }
});
// Bursts, yielding between them, with payloads of several kinds.
let sent = 0;
function burst() {
  for (let i = 0; i < 2000 && sent < N; i++) {
    const seq = sent++;
    shard.send(other, seq % 3 === 0 ? { from: shard.core, seq, pad: 'x'.repeat(seq % 50) } : { from: shard.core, seq });
  }
  if (sent < N) setImmediate(burst);
}
burst();
JS
out=$(timeout 120 "$SHARD" --cores=2 "$dir/storm.js" | sort)
[ "$out" = $'core 0: 100000 in order\ncore 1: 100000 in order' ] || fail "storm: got '$out'"

cat >"$dir/broadcast.js" <<'JS'
// Every core announces itself (with whom it has heard) until it has heard
// every other core and every other core has heard it: a core that starts
// late still takes part.
const { core, cores } = require('shard');
const ch = new BroadcastChannel('all-cores');
const heard = new Set();
const heardBy = new Set();
let reported = false;
let closing = false;
ch.onmessage = ({ data }) => {
  heard.add(data.from);
  if (data.heard.includes(core)) heardBy.add(data.from);
  if (heard.size === cores - 1 && !reported) {
    reported = true;
    console.log(`core ${core} heard ${[...heard].sort().join(',')}`);
  }
  if (reported && heardBy.size === cores - 1 && !closing) {
    closing = true;
    // A little longer: the others may still wait to hear that we heard them.
    setTimeout(() => {
      clearInterval(timer);
      ch.close();
    }, 500);
  }
};
const timer = setInterval(() => ch.postMessage({ from: core, heard: [...heard] }), 20);
JS
out=$(timeout 30 "$SHARD" --cores=3 "$dir/broadcast.js" | sort)
[ "$out" = $'core 0 heard 1,2\ncore 1 heard 0,2\ncore 2 heard 0,1' ] || fail "broadcast: got '$out'"

cat >"$dir/route.js" <<'JS'
// Core 0 routes work to the core that owns each key, and gathers the replies.
const shard = require('shard');
if (shard.core === 0) {
  const replies = [];
  shard.channel.on('message', (m) => {
    replies.push(m);
    if (replies.length === 6) {
      replies.sort((a, b) => a.key - b.key);
      console.log(replies.map((r) => `${r.key}@${r.core}`).join(' '));
      shard.channel.close();
      for (let c = 1; c < shard.cores; c++) shard.send(c, 'stop');
    }
  });
  for (let key = 0; key < 6; key++) shard.send(1 + (key % (shard.cores - 1)), { key });
  try {
    shard.send(shard.cores, 'nobody');
  } catch (err) {
    console.log(err.code);
  }
} else {
  shard.channel.on('message', (m) => {
    if (m === 'stop') return shard.channel.close();
    shard.send(0, { key: m.key, core: shard.core });
  });
}
JS
out=$(timeout 30 "$SHARD" --cores=3 "$dir/route.js")
[ "$out" = $'ERR_OUT_OF_RANGE\n0@1 1@2 2@1 3@2 4@1 5@2' ] || fail "routing: got '$out'"

cat >"$dir/workers.js" <<'JS'
// A Worker in each core; its process.exit ends the Worker only.
const { core } = require('shard');
const { Worker } = require('worker_threads');
const w = new Worker(`
  const { parentPort, workerData } = require('worker_threads');
  parentPort.postMessage(workerData * 10);
  process.exit(5);
`, { eval: true, workerData: core });
w.on('message', (m) => console.log(`core ${core} worker says ${m}`));
w.on('exit', (code) => console.log(`core ${core} worker exit ${code}`));
JS
out=$(timeout 30 "$SHARD" --cores=2 "$dir/workers.js" | sort)
rc=$?
[ "$out" = $'core 0 worker exit 5\ncore 0 worker says 0\ncore 1 worker exit 5\ncore 1 worker says 10' ] || fail "workers in cores: got '$out'"
echo ok
