#!/usr/bin/env bash
# IPC between shard and Node both ways: a shard parent forks a Node child
# and a Node parent forks a shard child, exchanging messages in the 'json'
# and 'advanced' serializations (the wire formats must be Node's), with
# disconnect and exit codes as Node reports them.
set -u
SHARD=${SHARD:?}
NODE=${NODE:-$(command -v node)}
[ -n "$NODE" ] && [ -x "$NODE" ] || { echo "node is not installed"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cat >"$dir/child.js" <<'JS'
// Doubles numbers, echoes the rest; 'bye' disconnects.
process.on('message', (m) => {
  if (m === 'bye') return process.disconnect();
  if (typeof m === 'number') return process.send(m * 2);
  process.send({ echo: m, from: process.versions.shard ? 'shard' : 'node' });
});
JS

cat >"$dir/parent.js" <<'JS'
const { fork } = require('child_process');
const [runtime, serialization] = process.argv.slice(2);
const child = fork(`${__dirname}/child.js`, [], { execPath: runtime, serialization, execArgv: [] });
const got = [];
child.on('message', (m) => {
  got.push(m);
  if (got.length === 1002) child.send('bye');
});
child.on('disconnect', () => got.push('disconnect'));
child.on('exit', (code, signal) => {
  const sum = got.slice(0, 1000).reduce((a, b) => a + b, 0);
  const extra = got.slice(1000);
  const out = { sum, extra, code, signal };
  if (serialization === 'advanced') out.big = typeof extra[1]?.echo?.big;
  console.log(JSON.stringify(out, (k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
});
for (let i = 0; i < 1000; i++) child.send(i);
child.send({ text: 'héllo', list: [1, 2, 3] });
child.send(serialization === 'advanced' ? { big: 12345678901234567890n, when: new Date(0) } : { plain: true });
JS

check() {
  local parent=$1 child=$2 ser=$3 out
  out=$("$parent" "$dir/parent.js" "$child" "$ser" 2>&1) || fail "$parent -> $child ($ser): $out"
  case "$ser" in
    json) want='{"sum":999000,"extra":[{"echo":{"text":"héllo","list":[1,2,3]},"from":"CHILD"},{"echo":{"plain":true},"from":"CHILD"},"disconnect"],"code":0,"signal":null}' ;;
    advanced) want='{"sum":999000,"extra":[{"echo":{"text":"héllo","list":[1,2,3]},"from":"CHILD"},{"echo":{"big":"12345678901234567890n","when":"1970-01-01T00:00:00.000Z"},"from":"CHILD"},"disconnect"],"code":0,"signal":null,"big":"bigint"}' ;;
  esac
  local name=node
  [ "$child" = "$SHARD" ] && name=shard
  want=${want//CHILD/$name}
  [ "$out" = "$want" ] || fail "$parent -> $child ($ser):
got:  $out
want: $want"
}

for ser in json advanced; do
  check "$SHARD" "$NODE" "$ser"
  check "$NODE" "$SHARD" "$ser"
  check "$SHARD" "$SHARD" "$ser"
done
echo ok
