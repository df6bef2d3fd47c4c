'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { Worker } = require('node:worker_threads');
const { once } = require('node:events');

test('Atomics.wait in a worker is woken by Atomics.notify in the parent', async () => {
  const ia = new Int32Array(new SharedArrayBuffer(16));
  const w = new Worker(`
    const { workerData, parentPort } = require('worker_threads');
    const ia = new Int32Array(workerData);
    parentPort.postMessage('waiting');
    const result = Atomics.wait(ia, 0, 0);
    parentPort.postMessage([result, Atomics.load(ia, 0)]);
  `, { eval: true, workerData: ia.buffer });
  await once(w, 'message');
  // The worker may not be blocked yet: store first, then notify.
  await new Promise((resolve) => setTimeout(resolve, 20));
  Atomics.store(ia, 0, 5);
  Atomics.notify(ia, 0);
  const [[result, value]] = await once(w, 'message');
  assert.ok(result === 'ok' || result === 'not-equal');
  assert.strictEqual(value, 5);
  await once(w, 'exit');
});

test('Atomics.waitAsync resolves across threads, in the parent and in a worker', async () => {
  const ia = new Int32Array(new SharedArrayBuffer(16));
  const w = new Worker(`
    const { workerData, parentPort } = require('worker_threads');
    const ia = new Int32Array(workerData);
    const keepAlive = setInterval(() => {}, 1000);
    Atomics.waitAsync(ia, 1, 0).value.then((result) => {
      parentPort.postMessage([result, Atomics.load(ia, 1)]);
      clearInterval(keepAlive);
    });
    parentPort.postMessage('waiting');
    // Then wake the parent's waitAsync.
    setTimeout(() => { Atomics.store(ia, 2, 9); Atomics.notify(ia, 2); }, 10);
  `, { eval: true, workerData: ia.buffer });
  const parentWait = Atomics.waitAsync(ia, 2, 0);
  assert.strictEqual(parentWait.async, true);
  await once(w, 'message');
  assert.strictEqual(await parentWait.value, 'ok');
  assert.strictEqual(Atomics.load(ia, 2), 9);
  // Now wake the worker's (it registered before it said 'waiting').
  Atomics.store(ia, 1, 3);
  assert.strictEqual(Atomics.notify(ia, 1), 1);
  const [[result, value]] = await once(w, 'message');
  assert.deepStrictEqual([result, value], ['ok', 3]);
  await once(w, 'exit');
});

test('terminate() ends a worker blocked in Atomics.wait', async () => {
  const ia = new Int32Array(new SharedArrayBuffer(4));
  const w = new Worker(`
    const { workerData, parentPort } = require('worker_threads');
    parentPort.postMessage('blocking');
    Atomics.wait(new Int32Array(workerData), 0, 0);
  `, { eval: true, workerData: ia.buffer });
  await once(w, 'message');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.strictEqual(await w.terminate(), 1);
});

test('counters updated by several workers with Atomics.add', async () => {
  const ia = new Int32Array(new SharedArrayBuffer(4));
  const workers = [];
  for (let i = 0; i < 4; i++) {
    const w = new Worker(`
      const ia = new Int32Array(require('worker_threads').workerData);
      for (let i = 0; i < 10000; i++) Atomics.add(ia, 0, 1);
    `, { eval: true, workerData: ia.buffer });
    workers.push(once(w, 'exit'));
  }
  await Promise.all(workers);
  assert.strictEqual(Atomics.load(ia, 0), 40000);
});
