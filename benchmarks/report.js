'use strict';
// Turns the records of one benchmarks/run.sh run into
// results/<machine>-<date>.md (tables of absolute figures and ratios),
// .json (the summary and every raw record) and .png (a gnuplot chart).
// Run by run.sh with the machine's node; reads only its arguments.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  return args;
}

const args = parseArgs(process.argv.slice(2));
let records;
let versions;
let settings;
let quick;
let loadBefore;
let loadAfter;
let saved; // --from-json: rebuild the report of an earlier run from its .json
if (args['from-json']) {
  saved = JSON.parse(fs.readFileSync(args['from-json'], 'utf8'));
  ({ records, versions, settings, quick } = saved);
  ({ before: loadBefore, after: loadAfter } = saved.load);
  args.commit = saved.commit;
  args.out ??= path.dirname(args['from-json']);
  args.partial ??= /-partial\.json$/.test(args['from-json']) ? '1' : '0'; // quick comes from the JSON
} else {
  records = fs.readFileSync(args.records, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  versions = JSON.parse(args.versions || '{}');
  settings = JSON.parse(args.settings || '{}');
  quick = args.quick === '1';
  [loadBefore, loadAfter] = (args.load || '|').split('|');
}

const RUNTIMES = ['shard', 'node', 'bun', 'deno', 'bun-serve', 'deno-serve', 'ceiling'];
const LABEL = {
  shard: 'shard',
  node: 'node',
  bun: 'bun',
  deno: 'deno',
  'bun-serve': 'Bun.serve',
  'deno-serve': 'Deno.serve',
  ceiling: 'ceiling (C)',
  'node-cluster': 'node cluster',
};
const WORKLOADS = ['plaintext-100', 'plaintext-1000', 'pipelined-16', 'json'];
const WORKLOAD_LABEL = {
  'plaintext-100': 'plaintext, 100 conns',
  'plaintext-1000': 'plaintext, 1,000 conns',
  'pipelined-16': 'pipelined 16 deep, 256 conns',
  json: 'JSON, 100 conns',
};
// The peers shard is compared with, in the ratio columns.
const PEERS = ['node', 'bun', 'deno', 'bun-serve', 'deno-serve'];

function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---- the machine ----
function cpuModel() {
  try {
    const m = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m);
    return m ? m[1].trim() : os.cpus()[0].model;
  } catch {
    return 'unknown CPU';
  }
}
const model = saved ? saved.cpu : cpuModel();
const ncpu = saved ? saved.cpus : os.cpus().length;
const machine = saved?.machine || process.env.MACHINE ||
  `${model.toLowerCase().replace(/\(r\)|\(tm\)|cpu|processor|@.*$|\d+-core/g, ' ').trim().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${ncpu}cpu`;
const now = saved ? new Date(saved.date) : new Date();
const date = now.toISOString().slice(0, 10);
// A quick run, or one of some runtimes or workloads only, is named apart
// from the day's full run.
const suffix = args.partial === '1' ? '-partial' : quick ? '-quick' : '';
const base = path.join(args.out, `${machine}-${date}${suffix}`);

// ---- summary ----
const failures = {}; // `${kind}|${runtime}|${workload}` -> reason
for (const r of records) {
  if (r.failed !== undefined) failures[`${r.kind}|${r.runtime}|${r.workload}`] ??= r.failed;
}

const throughput = {}; // workload -> runtime -> { rps, cpuUsPerReq, errors, p50, p99, runs, rssKb }
for (const wl of WORKLOADS) {
  throughput[wl] = {};
  for (const rt of RUNTIMES) {
    const runs = records.filter((r) => r.kind === 'wrk' && r.workload === wl && r.runtime === rt && r.wrk);
    if (runs.length === 0) continue;
    const rps = runs.map((r) => r.wrk.requests / (r.wrk.duration_us / 1e6));
    const cpu = runs.map((r) => (r.wrk.requests > 0 ? (r.cpu_s * 1e6) / r.wrk.requests : NaN));
    const errors = runs.reduce((a, r) => a + Object.values(r.wrk.errors).reduce((x, y) => x + y, 0), 0);
    throughput[wl][rt] = {
      rps: median(rps),
      rpsRuns: rps.map(Math.round),
      cpuUsPerReq: median(cpu),
      errors,
      requests: runs.reduce((a, r) => a + r.wrk.requests, 0),
      wrkP50Ms: median(runs.map((r) => r.wrk.latency_us.p50 / 1000)),
      wrkP99Ms: median(runs.map((r) => r.wrk.latency_us.p99 / 1000)),
      rssKb: median(runs.map((r) => r.rss_kb)),
      runs: runs.length,
    };
  }
}

// Scaling curve: cores -> runtime -> { rps, cpuUsPerReq }.
const scaling = {};
for (const r of records) {
  if (r.kind !== 'scale' || !r.wrk) continue;
  ((scaling[r.cores] ??= {})[r.runtime] ??= []).push(r);
}
for (const n of Object.keys(scaling)) {
  for (const rt of Object.keys(scaling[n])) {
    const runs = scaling[n][rt];
    scaling[n][rt] = {
      rps: median(runs.map((r) => r.wrk.requests / (r.wrk.duration_us / 1e6))),
      cpuUsPerReq: median(runs.map((r) => (r.wrk.requests ? (r.cpu_s * 1e6) / r.wrk.requests : NaN))),
      errors: runs.reduce((a, r) => a + Object.values(r.wrk.errors).reduce((x, y) => x + y, 0), 0),
      runs: runs.length,
    };
  }
}

const latency = {};
for (const r of records) {
  if (r.kind === 'latency' && r.h2load && r.h2load.requests) {
    latency[r.runtime] = {
      p50Ms: r.h2load.p50_us / 1000,
      p99Ms: r.h2load.p99_us / 1000,
      maxMs: r.h2load.max_us / 1000,
      requests: r.h2load.requests,
      non200: r.h2load.non200,
      rate: r.rate,
      clients: r.clients,
    };
  }
}

const memory = {};
for (const r of records) {
  if (r.kind === 'rss_idle' && r.rss_kb) (memory[r.runtime] ??= {}).floorKb = r.rss_kb;
  if (r.kind === 'rss_server' && r.rss_kb) (memory[r.runtime] ??= {}).idleKb = r.rss_kb;
  if (r.kind === 'rss_conns' && r.rss_kb) {
    const m = (memory[r.runtime] ??= {});
    m.connsKb = r.rss_kb;
    m.connsBeforeKb = r.rss_before_kb;
    m.conns = r.connections;
    m.open = r.open;
    m.ok = r.ok;
  }
}

const startup = {};
for (const r of records) {
  if (r.kind === 'startup' && r.hyperfine) (startup[r.runtime] ??= {})[r.workload] = r.hyperfine;
}

// ---- formatting ----
const fmtInt = (x) => (x === undefined ? undefined : Math.round(x).toLocaleString('en-US'));
const fmt = (x, d = 1) => (x === undefined || !Number.isFinite(x) ? undefined : x.toFixed(d));
function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !b) return 'n/a';
  return `${(a / b).toFixed(2)}x`;
}
// A table cell for a figure that is missing: the reason's first clause
// ("server failed to start"); the whole reason is listed under the tables.
function why(kind, rt, wl) {
  const reason = failures[`${kind}|${rt}|${wl}`];
  return reason ? `n/a (${reason.split(':')[0]})` : 'n/a';
}
function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

const out = [];
const title = `shard benchmarks: ${machine}, ${date}${quick ? ' (quick run)' : ''}${args.partial === '1' ? ' (partial)' : ''}`;
out.push(`# ${title}`, '');
out.push(`Machine: ${model}, ${ncpu} CPUs, Linux ${versions.kernel || os.release()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB. ` +
  `Server pinned to CPU ${settings.server_cpu}, load generator to CPU ${settings.load_cpu} (taskset). ` +
  `Load average before/after: ${loadBefore} / ${loadAfter}.`);
out.push('');
// The other work on the machine: the runs go round the runtimes so each
// suffers it alike, but absolute figures drop and scatter with it.
const busiest = Math.max(...`${loadBefore} ${loadAfter}`.split(/\s+/).map(Number).filter(Number.isFinite));
if (busiest > ncpu / 2) {
  out.push(`**The machine was busy during this run** (load average up to ${busiest} on ${ncpu} CPUs, from other work): ` +
    `absolute figures are lower and noisier than on a quiet machine. The runtimes were measured in alternating rounds, ` +
    `so ratios between them and the CPU time per request are less affected than requests/s.`);
  out.push('');
}
out.push(`Versions: shard ${versions.shard || '?'} (commit ${args.commit}), node ${versions.node || '?'}, bun ${versions.bun || '?'}, ` +
  `deno ${(versions.deno || '?').replace(/^deno /, '')}, wrk ${versions.wrk || '?'}, ${versions.h2load || 'h2load ?'}, ${versions.hyperfine || 'hyperfine ?'}.`);
out.push('');
out.push(`Method: every runtime runs the same program (\`benchmarks/servers/http.cjs\`, Node's http API); ` +
  `Bun.serve and Deno.serve are the native servers of Bun and Deno; the ceiling is \`benchmarks/ceiling/ceiling.c\`, ` +
  `a minimal HTTP/1.1 responder on io_uring (multishot accept, provided buffers, one send per batch). ` +
  `Throughput: wrk, 1 thread, ${settings.warmup_s} s warm-up then ${settings.repeats} run(s) of ${settings.duration_s} s, median kept. ` +
  `Server CPU per request: user + system time of the server process over a run (from /proc/<pid>/stat) divided by the requests answered: ` +
  `it still compares efficiency when wrk, on its single CPU, is the bottleneck. ` +
  `Latency: h2load at a constant ${settings.latency_rate} requests/s over ${settings.latency_clients} connections for ${settings.latency_duration_s} s. ` +
  `Ratios are shard / peer: above 1x shard serves more requests per second; for CPU, memory and time, below 1x shard uses less.`);
out.push('');

// Throughput.
out.push(`## Throughput (requests/s)`, '');
out.push(table(['workload', ...RUNTIMES.map((r) => LABEL[r])],
  WORKLOADS.map((wl) => [WORKLOAD_LABEL[wl], ...RUNTIMES.map((rt) => fmtInt(throughput[wl][rt]?.rps) ?? why('wrk', rt, wl))])));
out.push('');
out.push(table(['workload', ...PEERS.map((p) => `shard / ${LABEL[p]}`), 'shard / ceiling'],
  WORKLOADS.map((wl) => {
    const s = throughput[wl].shard?.rps;
    return [WORKLOAD_LABEL[wl], ...PEERS.map((p) => ratio(s, throughput[wl][p]?.rps)), ratio(s, throughput[wl].ceiling?.rps)];
  })));
out.push('');
out.push('Each runtime as a fraction of the ceiling:', '');
out.push(table(['workload', ...RUNTIMES.filter((r) => r !== 'ceiling').map((r) => LABEL[r])],
  WORKLOADS.map((wl) => [WORKLOAD_LABEL[wl], ...RUNTIMES.filter((r) => r !== 'ceiling').map((rt) => ratio(throughput[wl][rt]?.rps, throughput[wl].ceiling?.rps))])));
out.push('');

// CPU per request.
out.push(`## Server CPU time per request (microseconds, lower is better)`, '');
out.push(table(['workload', ...RUNTIMES.map((r) => LABEL[r]), 'shard / node', 'shard / ceiling'],
  WORKLOADS.map((wl) => [WORKLOAD_LABEL[wl], ...RUNTIMES.map((rt) => fmt(throughput[wl][rt]?.cpuUsPerReq, 2) ?? why('wrk', rt, wl)),
    ratio(throughput[wl].shard?.cpuUsPerReq, throughput[wl].node?.cpuUsPerReq),
    ratio(throughput[wl].shard?.cpuUsPerReq, throughput[wl].ceiling?.cpuUsPerReq)])));
out.push('');

// Latency.
out.push(`## Latency at a constant ${settings.latency_rate} requests/s (plaintext, ms)`, '');
out.push(table(['figure', ...RUNTIMES.map((r) => LABEL[r])], [
  ['p50', ...RUNTIMES.map((rt) => fmt(latency[rt]?.p50Ms, 3) ?? why('latency', rt, 'plaintext'))],
  ['p99', ...RUNTIMES.map((rt) => fmt(latency[rt]?.p99Ms, 3) ?? why('latency', rt, 'plaintext'))],
  ['max', ...RUNTIMES.map((rt) => fmt(latency[rt]?.maxMs, 2) ?? 'n/a')],
  ['requests (non-200)', ...RUNTIMES.map((rt) => (latency[rt] ? `${latency[rt].requests} (${latency[rt].non200})` : 'n/a'))],
]));
out.push('');
out.push(`Latency under full load (wrk, plaintext 100 conns, p50 / p99 ms): ` +
  RUNTIMES.map((rt) => {
    const t = throughput['plaintext-100'][rt];
    return `${LABEL[rt]} ${t ? `${fmt(t.wrkP50Ms, 2)} / ${fmt(t.wrkP99Ms, 2)}` : 'n/a'}`;
  }).join(', ') + '.');
out.push('');

// Memory.
const conns = settings.idle_connections;
// What each idle connection added to the fresh server that held them.
const perConn = (rt) => {
  const m = memory[rt];
  return m?.connsKb && m?.connsBeforeKb && m.open ? (m.connsKb - m.connsBeforeKb) / m.open : undefined;
};
out.push(`## Memory (RSS, MB)`, '');
out.push(table(['figure', ...RUNTIMES.map((r) => LABEL[r]), 'shard / node'], [
  ['idle program (a timer)', ...RUNTIMES.map((rt) => fmt(memory[rt]?.floorKb / 1024) ?? (rt.includes('-') || rt === 'ceiling' ? '' : why('rss_idle', rt, 'idle'))),
    ratio(memory.shard?.floorKb, memory.node?.floorKb)],
  ['idle HTTP server, after start', ...RUNTIMES.map((rt) => fmt(memory[rt]?.idleKb / 1024) ?? why('rss_server', rt, 'idle-server')),
    ratio(memory.shard?.idleKb, memory.node?.idleKb)],
  [`${fmtInt(conns)} idle connections`, ...RUNTIMES.map((rt) => fmt(memory[rt]?.connsKb / 1024) ?? why('rss_conns', rt, 'idle-conns')),
    ratio(memory.shard?.connsKb, memory.node?.connsKb)],
  ['KB per connection', ...RUNTIMES.map((rt) => fmt(perConn(rt), 2) ?? 'n/a'), ratio(perConn('shard'), perConn('node'))],
  ['after the pipelined run', ...RUNTIMES.map((rt) => fmt(throughput['pipelined-16'][rt]?.rssKb / 1024) ?? 'n/a'), 'n/a'],
]));
out.push('');

// Startup.
const SRT = ['shard', 'node', 'bun', 'deno'];
out.push(`## Startup (ms, median of hyperfine runs)`, '');
out.push(table(['program', ...SRT.map((r) => LABEL[r]), ...SRT.slice(1).map((p) => `shard / ${p}`)],
  [['startup-eval', '`-e 0` (deno: `eval 0`)'], ['startup-hello', 'hello script']].map(([k, label]) => [
    label,
    ...SRT.map((rt) => (startup[rt]?.[k] ? `${fmt(startup[rt][k].median * 1000, 1)} ± ${fmt(startup[rt][k].stddev * 1000, 1)}` : why('startup', rt, k))),
    ...SRT.slice(1).map((p) => ratio(startup.shard?.[k]?.median, startup[p]?.[k]?.median)),
  ])));
out.push('');

// Scaling.
out.push(`## Scaling: shard --cores=N beside node cluster with N workers (plaintext, requests/s)`, '');
const scaleCounts = Object.keys(scaling).map(Number).sort((a, b) => a - b);
if (scaleCounts.length) {
  out.push(table(['cores', 'shard', 'node cluster', 'shard / node', 'shard CPU us/req', 'node CPU us/req'],
    scaleCounts.map((n) => {
      const sh = scaling[n].shard;
      const nc = scaling[n]['node-cluster'];
      return [String(n), fmtInt(sh?.rps) ?? why('scale', 'shard', `cores-${n}`), fmtInt(nc?.rps) ?? why('scale', 'node-cluster', `cores-${n}`),
        ratio(sh?.rps, nc?.rps), fmt(sh?.cpuUsPerReq, 2) ?? 'n/a', fmt(nc?.cpuUsPerReq, 2) ?? 'n/a'];
    })));
  out.push('', `Servers on CPUs 0..N-1, wrk with N threads and 100N connections on the next N CPUs.`);
} else {
  out.push(failures['scale|shard|cores'] ? `Not run: ${failures['scale|shard|cores']}.` : 'Not run.');
}
out.push('');

// Errors and failures.
out.push(`## Errors`, '');
const errLines = [];
for (const wl of WORKLOADS) {
  for (const rt of RUNTIMES) {
    const t = throughput[wl][rt];
    if (t && t.errors > 0) errLines.push(`- ${LABEL[rt]}, ${WORKLOAD_LABEL[wl]}: ${t.errors} socket/status errors over ${t.requests} requests (wrk)`);
  }
}
for (const rt of RUNTIMES) {
  if (latency[rt]?.non200) errLines.push(`- ${LABEL[rt]}, latency run: ${latency[rt].non200} non-200 answers`);
  const m = memory[rt];
  if (m && m.ok !== undefined && m.ok < m.conns) errLines.push(`- ${LABEL[rt]}, idle connections: ${m.ok} of ${m.conns} answered 200`);
}
const failed = Object.entries(failures).map(([k, v]) => {
  const [kind, rt, wl] = k.split('|');
  return `- ${LABEL[rt] || rt}, ${wl} (${kind}): ${v}`;
});
out.push(errLines.length ? errLines.join('\n') : 'None.');
out.push('');
if (failed.length) out.push('Not measured:', '', ...failed, '');
const stem = path.basename(base);
out.push(`Raw numbers: \`${stem}.json\`. Chart: \`${stem}.png\`.`, '');

// ---- write ----
fs.mkdirSync(args.out, { recursive: true });

fs.writeFileSync(`${base}.md`, out.join('\n'));
fs.writeFileSync(`${base}.json`, `${JSON.stringify({
  machine, date: now.toISOString(), quick, cpu: model, cpus: ncpu, commit: args.commit, versions, settings,
  load: { before: loadBefore, after: loadAfter },
  summary: { throughput, latency, memory, startup, scaling }, failures, records,
}, null, 1)}\n`);

// ---- chart ----
function chart() {
  if (!WORKLOADS.some((wl) => Object.keys(throughput[wl]).length)) return 'no throughput figures: no chart';
  let gnuplot;
  try {
    gnuplot = execFileSync('sh', ['-c', 'command -v gnuplot'], { encoding: 'utf8' }).trim();
  } catch {
    return 'gnuplot missing: no chart';
  }
  const dat = `${base}.dat`;
  const cols = RUNTIMES;
  const lines = [];
  for (const wl of WORKLOADS) lines.push(`"${wl}" ${cols.map((rt) => (throughput[wl][rt] ? Math.round(throughput[wl][rt].rps) : '-')).join(' ')}`);
  fs.writeFileSync(dat, `${lines.join('\n')}\n`);
  const cpuDat = `${base}.cpu.dat`;
  const cl = [];
  for (const wl of WORKLOADS) cl.push(`"${wl}" ${cols.map((rt) => (throughput[wl][rt]?.cpuUsPerReq ? throughput[wl][rt].cpuUsPerReq.toFixed(3) : '-')).join(' ')}`);
  fs.writeFileSync(cpuDat, `${cl.join('\n')}\n`);
  const plots = (file) => cols.map((rt, i) => `'${file}' using ${i + 2}:xtic(1) title '${LABEL[rt]}'`).join(', ');
  const script = `
set terminal pngcairo size 1500,560 font 'sans,10'
set output '${base}.png'
set datafile missing '-'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set key outside right top vertical
set xrange [-0.5:${WORKLOADS.length - 0.5}]
set grid ytics
set multiplot layout 1,2 title '${title.replace(/'/g, '')}'
set title 'requests/s (higher is better, log scale)'
set logscale y
plot ${plots(dat)}
set title 'server CPU time per request, us (lower is better)'
unset logscale y
set yrange [0:*]
plot ${plots(cpuDat)}
unset multiplot
`;
  try {
    execFileSync(gnuplot, [], { input: script, stdio: ['pipe', 'ignore', 'pipe'] });
  } catch (e) {
    return `gnuplot failed: ${e.stderr || e.message}`;
  } finally {
    fs.rmSync(dat, { force: true });
    fs.rmSync(cpuDat, { force: true });
  }
  return null;
}
const chartError = chart();
if (chartError) {
  fs.appendFileSync(`${base}.md`, `\n${chartError}\n`);
  console.error(chartError);
}
console.log(`${base}.md`);
console.log(fs.readFileSync(`${base}.md`, 'utf8'));
