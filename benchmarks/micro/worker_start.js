'use strict';
// The time to start a worker, from `new Worker` to its first message, in a
// steady state: a program that starts workers one after another, the first
// five left out (shard makes its worker snapshot once two workers have
// ended; node has nothing to warm). messaging.js's "worker start" case
// measures the same from the start of its case.
//
//   node benchmarks/micro/worker_start.js
//   out/shard benchmarks/micro/worker_start.js
//
// WORKER_START_COUNT (default 60) starts are timed. Output: one line per
// figure, then a JSON line.

const { Worker, isMainThread, parentPort } = require('worker_threads');

if (!isMainThread) {
  parentPort.postMessage('up');
  return;
}

const count = Number(process.env.WORKER_START_COUNT || 60);
const warmup = 5;

(async () => {
  const times = [];
  for (let i = 0; i < count + warmup; i++) {
    const start = process.hrtime.bigint();
    const worker = new Worker(__filename);
    await new Promise((resolve) => worker.once('message', resolve));
    if (i >= warmup) times.push(Number(process.hrtime.bigint() - start) / 1e6);
    await worker.terminate();
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const median = times[times.length >> 1];
  console.log(`${'worker start'.padEnd(32)} ${mean.toFixed(2).padStart(14)} ms`);
  console.log(`${'worker start median'.padEnd(32)} ${median.toFixed(2).padStart(14)} ms`);
  const round = (v) => Math.round(v * 100) / 100;
  console.log(JSON.stringify({ 'worker start': round(mean), 'worker start median': round(median) }));
})();
