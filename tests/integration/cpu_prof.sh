#!/usr/bin/env bash
# --cpu-prof: one .cpuprofile per core and per Worker, named as node --cpu-prof names them
# (CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile), in the current directory
# or --cpu-prof-dir (made when missing), holding a well-formed profile that
# DevTools loads: a node tree rooted at (root), samples naming known nodes,
# one time delta per sample, and the program's hot function with its file URL.
set -u
SHARD=${SHARD:?}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v node >/dev/null || { echo "node is needed to read the profiles"; exit 77; }

cat >"$dir/hot.js" <<'JS'
function spin(ms) {
  const end = Date.now() + ms;
  let x = 0;
  while (Date.now() < end) x += Math.sqrt(x + 1);
  return x;
}
spin(300);
JS

# The current directory by default.
(cd "$dir" && "$SHARD" --cpu-prof hot.js) || fail "shard --cpu-prof exited with $?"
files=$(cd "$dir" && ls -- *.cpuprofile 2>/dev/null)
[ "$(printf '%s\n' "$files" | grep -c .)" = 1 ] || fail "expected one profile, got: $files"
[[ "$files" =~ ^CPU\.[0-9]{8}\.[0-9]{6}\.[0-9]+\.0\.[0-9]{3}\.cpuprofile$ ]] || fail "bad name: $files"

# A checker in Node: the structure DevTools needs.
cat >"$dir/check.js" <<'JS'
const fs = require('fs');
const [file, wantFn, wantUrl] = process.argv.slice(2);
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const fail = (m) => { console.log(`${file}: ${m}`); process.exit(1); };
for (const k of ['nodes', 'startTime', 'endTime', 'samples', 'timeDeltas'])
  if (!(k in p)) fail(`no ${k}`);
if (p.nodes[0].callFrame.functionName !== '(root)') fail('first node is not (root)');
const ids = new Map(p.nodes.map((n) => [n.id, n]));
if (ids.size !== p.nodes.length) fail('duplicate node ids');
for (const n of p.nodes) {
  for (const k of ['functionName', 'scriptId', 'url', 'lineNumber', 'columnNumber'])
    if (!(k in n.callFrame)) fail(`node ${n.id} has no callFrame.${k}`);
  if (typeof n.callFrame.scriptId !== 'string') fail('scriptId is not a string');
  for (const c of n.children || []) if (!ids.has(c)) fail(`child ${c} of ${n.id} missing`);
}
if (p.samples.length === 0) fail('no samples');
if (p.samples.length !== p.timeDeltas.length) fail('samples and timeDeltas differ in length');
for (const s of p.samples) if (!ids.has(s)) fail(`sample names unknown node ${s}`);
const sum = p.timeDeltas.reduce((a, b) => a + b, 0);
if (p.endTime < p.startTime || sum > p.endTime - p.startTime + 1000) fail('times out of order');
const hits = new Map();
for (const s of p.samples) hits.set(s, (hits.get(s) || 0) + 1);
// V8 (and so node --cpu-prof) leaves the very first sample out of hitCount.
let off = 0;
for (const n of p.nodes) off += Math.abs(n.hitCount - (hits.get(n.id) || 0));
if (off > 1) fail(`hitCounts disagree with samples by ${off}`);
if (wantFn) {
  const hot = p.nodes.filter((n) => n.callFrame.functionName === wantFn);
  if (hot.length === 0) fail(`no node for ${wantFn}`);
  if (!hot.some((n) => n.callFrame.url === wantUrl)) fail(`${wantFn} has url ${hot[0].callFrame.url}, want ${wantUrl}`);
  if (!hot.some((n) => n.callFrame.lineNumber === 0)) fail(`${wantFn} is not on line 0 (0-based)`);
  const ticks = hot.reduce((a, n) => a + n.hitCount, 0);
  if (ticks < p.samples.length / 4) fail(`${wantFn} has only ${ticks} of ${p.samples.length} samples`);
}
JS
node "$dir/check.js" "$dir/$files" spin "file://$dir/hot.js" || fail "profile check"

# --cpu-prof-dir, made when missing; one profile per core, tids 0 and 1.
"$SHARD" --cores=2 --cpu-prof --cpu-prof-dir="$dir/profiles/deep" "$dir/hot.js" || fail "--cores=2 exited with $?"
names=$(cd "$dir/profiles/deep" && ls -- *.cpuprofile | sort)
[ "$(printf '%s\n' "$names" | grep -c .)" = 2 ] || fail "expected two profiles, got: $names"
tids=$(printf '%s\n' "$names" | cut -d. -f5 | sort | tr '\n' ' ')
[ "$tids" = "0 1 " ] || fail "thread ids in names: $tids"
seqs=$(printf '%s\n' "$names" | cut -d. -f6 | sort | tr '\n' ' ')
[ "$seqs" = "001 002 " ] || fail "sequence numbers in names: $seqs"
for f in $names; do
  node "$dir/check.js" "$dir/profiles/deep/$f" spin "file://$dir/hot.js" || fail "profile check ($f)"
done

# A Worker is profiled too, as node's are: <tid> is its threadId.
# (hot.js's spin, then a Worker that runs it.)
{ sed -n '/^function spin/,/^}/p' "$dir/hot.js"; cat <<'JS'
const { Worker, isMainThread } = require('worker_threads');
if (isMainThread) new Worker(__filename).on('exit', (code) => { process.exitCode = code; });
else spin(300);
JS
} >"$dir/worker.js"
mkdir "$dir/worker"
(cd "$dir/worker" && "$SHARD" --cpu-prof ../worker.js) || fail "--cpu-prof with a Worker exited with $?"
names=$(cd "$dir/worker" && ls -- *.cpuprofile | sort)
tids=$(printf '%s\n' "$names" | cut -d. -f5 | sort | tr '\n' ' ')
[ "$tids" = "0 1 " ] || fail "thread ids in names with a Worker: $tids ($names)"
worker_profile=$(printf '%s\n' "$names" | awk -F. '$5 == 1')
node "$dir/check.js" "$dir/worker/$worker_profile" spin "file://$dir/worker.js" || fail "profile check (Worker)"

# process.exit() still writes the profile; no --cpu-prof writes nothing.
mkdir "$dir/exit" "$dir/none"
(cd "$dir/exit" && "$SHARD" --cpu-prof -e 'setTimeout(() => process.exit(3), 10)')
[ $? = 3 ] || fail "exit code with --cpu-prof"
[ "$(ls "$dir/exit" | grep -c '\.cpuprofile$')" = 1 ] || fail "process.exit() wrote no profile"
node "$dir/check.js" "$dir/exit/"*.cpuprofile || fail "profile check (exit)"
(cd "$dir/none" && "$SHARD" -e 0)
[ -z "$(ls "$dir/none")" ] || fail "a profile without --cpu-prof"

# An unwritable directory is reported, not fatal.
touch "$dir/file"
"$SHARD" --cpu-prof --cpu-prof-dir="$dir/file/sub" -e 0 2>"$dir/err"
[ $? = 0 ] || fail "an unwritable --cpu-prof-dir changed the exit code"
grep -q 'cpu-prof could not write' "$dir/err" || fail "no message for an unwritable dir: $(cat "$dir/err")"
echo ok
