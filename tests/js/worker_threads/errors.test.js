'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const { once } = require('node:events');

// Runs a worker from source; resolves with its events in order.
function run(src, options = {}) {
  return new Promise((resolve) => {
    const events = [];
    const w = new Worker(src, { eval: true, ...options });
    w.on('online', () => events.push(['online']));
    w.on('message', (m) => events.push(['message', m]));
    w.on('error', (e) => events.push(['error', e]));
    w.on('exit', (code) => {
      events.push(['exit', code]);
      resolve(events);
    });
  });
}

test('a worker that throws at start-up: error event, exit 1, the parent lives on', async () => {
  const events = await run(`throw new RangeError('at start-up')`);
  assert.deepStrictEqual(events.map((e) => e[0]), ['online', 'error', 'exit']);
  const err = events[1][1];
  assert.ok(err instanceof RangeError);
  assert.strictEqual(err.message, 'at start-up');
  assert.match(err.stack, /RangeError: at start-up/);
  assert.strictEqual(events[2][1], 1);
});

test('an error thrown later, a rejection, a thrown non-error', async () => {
  let events = await run(`setTimeout(() => { const e = new TypeError('later'); e.code = 'E_LATER'; throw e; }, 5)`);
  assert.strictEqual(events[1][1].constructor, TypeError);
  assert.strictEqual(events[1][1].code, 'E_LATER');
  assert.deepStrictEqual(events[2], ['exit', 1]);
  events = await run(`Promise.reject(new Error('rejected'))`);
  assert.strictEqual(events[1][1].message, 'rejected');
  assert.deepStrictEqual(events[2], ['exit', 1]);
  events = await run(`throw 42`);
  assert.deepStrictEqual(events.slice(1), [['error', 42], ['exit', 1]]);
});

test('a missing worker file is an error of the worker, not of the constructor', async () => {
  const events = await run(path.join(__dirname, 'fixtures', 'does-not-exist.js'), { eval: false });
  const err = events.find((e) => e[0] === 'error')[1];
  assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
  assert.deepStrictEqual(events.at(-1), ['exit', 1]);
});

test("the worker's own uncaughtException listener handles its errors", async () => {
  const events = await run(`
    const { parentPort } = require('worker_threads');
    process.on('uncaughtException', (e) => parentPort.postMessage('handled ' + e.message));
    setTimeout(() => { throw new Error('oops'); }, 1);
  `);
  assert.deepStrictEqual(events, [['online'], ['message', 'handled oops'], ['exit', 0]]);
});

test("an 'uncaughtException' listener that throws ends the worker with that error", async () => {
  const events = await run(`
    process.on('uncaughtException', () => { throw new Error('listener threw'); });
    setTimeout(() => { throw new Error('first'); }, 1);
  `);
  assert.strictEqual(events.find((e) => e[0] === 'error')[1].message, 'listener threw');
  assert.deepStrictEqual(events.at(-1), ['exit', 1]);
});

test('process.exit(3) ends the worker only, after its exit listeners', async () => {
  const events = await run(`
    const { parentPort } = require('worker_threads');
    process.on('exit', (code) => parentPort.postMessage('exit listener ' + code));
    process.exit(3);
    parentPort.postMessage('not reached');
  `);
  assert.deepStrictEqual(events, [['online'], ['message', 'exit listener 3'], ['exit', 3]]);
  const code = await run(`process.exitCode = 7`);
  assert.deepStrictEqual(code.at(-1), ['exit', 7]);
});

test('terminate() interrupts a busy worker', async () => {
  const w = new Worker(`
    require('worker_threads').parentPort.postMessage('spinning');
    for (;;) {}
  `, { eval: true });
  const exited = once(w, 'exit');
  await once(w, 'message');
  const code = await w.terminate();
  assert.strictEqual(code, 1);
  assert.deepStrictEqual(await exited, [1]);
  // After the end: nothing to terminate.
  assert.strictEqual(await w.terminate(), undefined);
  w.postMessage('ignored');
});

test('terminate() right after the constructor', async () => {
  const w = new Worker(`setInterval(() => {}, 1000)`, { eval: true });
  const exited = once(w, 'exit');
  const code = await w.terminate();
  assert.strictEqual(typeof code, 'number');
  assert.deepStrictEqual(await exited, [code]);
});

test('a worker over its heap limit ends with ERR_WORKER_OUT_OF_MEMORY', async () => {
  const events = await run(`
    const keep = [];
    for (;;) keep.push(new Array(10000).fill({ a: 1 }));
  `, { resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
  const err = events.find((e) => e[0] === 'error')[1];
  assert.strictEqual(err.code, 'ERR_WORKER_OUT_OF_MEMORY');
  assert.deepStrictEqual(events.at(-1), ['exit', 1]);
});

test('a message the worker cannot deserialize does not kill it', async () => {
  const w = new Worker(`
    const { parentPort } = require('worker_threads');
    parentPort.on('message', (m) => parentPort.postMessage(typeof m));
  `, { eval: true });
  assert.throws(() => w.postMessage(() => {}), { name: 'DataCloneError' });
  w.postMessage(1);
  const [reply] = await once(w, 'message');
  assert.strictEqual(reply, 'number');
  await w.terminate();
});
