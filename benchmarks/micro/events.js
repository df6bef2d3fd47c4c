'use strict';
// EventEmitter emit, EventTarget dispatch, AbortSignal and the cost of
// AsyncLocalStorage on promise-heavy code, in operations per second. Runs
// under node and shard:
//
//   node benchmarks/micro/events.js
//   out/shard benchmarks/micro/events.js
//
// EVENTS_BENCH_MS sets the time per case (default 400 ms, after a short
// warm-up); EVENTS_BENCH_FILTER=word runs only the cases whose name contains
// word. Output: one line per case, "name  ops/s", then a JSON line
// ({"case": opsPerSecond, ...}) for tools that compare runs.

const EventEmitter = require('events');
const { AsyncLocalStorage } = require('async_hooks');

const durationMs = Number(process.env.EVENTS_BENCH_MS || 400);
const filter = process.env.EVENTS_BENCH_FILTER || '';

let sink = 0;

function measureSync(fn, ms) {
  let ops = 0;
  let batch = 1;
  const start = process.hrtime.bigint();
  const limit = BigInt(ms) * 1000000n;
  let elapsed = 0n;
  while (elapsed < limit) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    elapsed = process.hrtime.bigint() - start;
    if (elapsed < limit / 20n) batch *= 2;
  }
  return ops / (Number(elapsed) / 1e9);
}

async function measureAsync(fn, ms) {
  let ops = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(ms) * 1000000n;
  let elapsed = 0n;
  while (elapsed < limit) {
    for (let i = 0; i < 100; i++) await fn();
    ops += 100;
    elapsed = process.hrtime.bigint() - start;
  }
  return ops / (Number(elapsed) / 1e9);
}

const results = {};

function report(name, opsPerSec) {
  results[name] = Math.round(opsPerSec);
  console.log(`${name.padEnd(40)} ${Math.round(opsPerSec).toString().padStart(12)} ops/s`);
}

function bench(name, fn) {
  if (filter && !name.includes(filter)) return;
  measureSync(fn, Math.min(100, durationMs / 4));
  report(name, measureSync(fn, durationMs));
}

async function benchAsync(name, fn) {
  if (filter && !name.includes(filter)) return;
  await measureAsync(fn, Math.min(100, durationMs / 4));
  report(name, await measureAsync(fn, durationMs));
}

async function main() {
  // ---- EventEmitter ----
  const one = new EventEmitter();
  one.on('e', (a) => { sink += a; });
  bench('emit 1 listener, 1 arg', () => one.emit('e', 1));

  const three = new EventEmitter();
  for (let i = 0; i < 3; i++) three.on('e', (a, b) => { sink += a + b; });
  bench('emit 3 listeners, 2 args', () => three.emit('e', 1, 2));

  const none = new EventEmitter();
  bench('emit without listeners', () => none.emit('e', 1));

  const churn = new EventEmitter();
  const listener = () => { sink++; };
  bench('on + emit + off', () => {
    churn.on('e', listener);
    churn.emit('e');
    churn.off('e', listener);
  });
  bench('once + emit', () => {
    churn.once('e', listener);
    churn.emit('e');
  });

  // ---- EventTarget ----
  const et = new EventTarget();
  et.addEventListener('e', () => { sink++; });
  bench('EventTarget dispatch (new Event)', () => et.dispatchEvent(new Event('e')));

  bench('AbortController + abort listener + abort', () => {
    const ac = new AbortController();
    ac.signal.addEventListener('abort', listener);
    ac.abort();
  });

  // ---- AsyncLocalStorage ----
  async function chain() {
    await null;
    await null;
    sink++;
  }
  await benchAsync('async chain (no AsyncLocalStorage)', chain);
  const als = new AsyncLocalStorage();
  // Using AsyncLocalStorage turns the promise hooks on for the whole program.
  await als.run({ id: 1 }, () => benchAsync('async chain inside als.run', () => chain().then(() => {
    sink += als.getStore().id;
  })));
  await benchAsync('async chain after AsyncLocalStorage use', chain);
  bench('als.run + getStore', () => als.run(2, () => { sink += als.getStore(); }));

  console.log(JSON.stringify(results));
  if (sink === 0.5) console.log(sink);
}

main();
