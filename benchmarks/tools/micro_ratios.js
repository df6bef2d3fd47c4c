'use strict';
// Medians and ratios from micro-benchmark records: one JSON object per line,
// {"runtime", "bench", "round", "results": {"case": value, ...}}, as
// benchmarks/device/micro.sh writes them. Prints a Markdown table per
// benchmark: the median of each runtime's rounds and shard / peer.
//
//   node benchmarks/tools/micro_ratios.js micro.jsonl [more.jsonl ...]
//   SUBJECT=shard-b node benchmarks/tools/micro_ratios.js ab.jsonl   (device/ab.sh)
//
// Values are whatever the script reports (ops/s, MB/s, microseconds, ...);
// a case whose name says it is a time (latency, start, transfer, a render
// by N workers) is better when lower, and its ratio is peer / shard so that above 1 always
// means shard is ahead.

const fs = require('fs');

const records = [];
for (const file of process.argv.slice(2)) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() !== '') records.push(JSON.parse(line));
  }
}
if (records.length === 0) {
  console.error('usage: node micro_ratios.js micro.jsonl [...]');
  process.exit(2);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function lowerIsBetter(name) {
  return /(latency|start|transfer|workers?$)/i.test(name);
}

function format(value) {
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

// bench -> case -> runtime -> [values]
const table = new Map();
for (const { runtime, bench, results } of records) {
  if (!table.has(bench)) table.set(bench, new Map());
  const cases = table.get(bench);
  for (const [name, value] of Object.entries(results)) {
    if (typeof value !== 'number') continue;
    if (!cases.has(name)) cases.set(name, new Map());
    const byRuntime = cases.get(name);
    if (!byRuntime.has(runtime)) byRuntime.set(runtime, []);
    byRuntime.get(runtime).push(value);
  }
}

// The runtime the ratios are of: SUBJECT=shard-b for device/ab.sh's records.
const subject = process.env.SUBJECT || 'shard';
const runtimes = [...new Set(records.map((r) => r.runtime))];
const peers = runtimes.filter((r) => r !== subject);
for (const [bench, cases] of table) {
  console.log(`\n### ${bench}\n`);
  console.log(`| case | ${runtimes.join(' | ')} | ${peers.map((p) => `${subject} vs ${p}`).join(' | ')} |`);
  console.log(`|---|${runtimes.map(() => '---:').join('|')}|${peers.map(() => '---:').join('|')}|`);
  for (const [name, byRuntime] of cases) {
    const medians = new Map([...byRuntime].map(([rt, values]) => [rt, median(values)]));
    const cells = runtimes.map((rt) => (medians.has(rt) ? format(medians.get(rt)) : 'n/a'));
    const ratios = peers.map((peer) => {
      const s = medians.get(subject);
      const p = medians.get(peer);
      if (s === undefined || p === undefined || s === 0 || p === 0) return 'n/a';
      const ratio = lowerIsBetter(name) ? p / s : s / p;
      return `${ratio.toFixed(2)}x`;
    });
    console.log(`| ${name} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
  }
}
