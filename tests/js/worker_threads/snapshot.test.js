'use strict';
// Workers started from the worker snapshot (js/snapshot.h) see what Workers
// bootstrapped from source see: per-Worker env, execArgv, argv, threadId and
// workerData (set after the snapshot's part of the bootstrap, worker_threads
// included), NODE_PATH
// (read by the module loader the snapshot holds), timers, ticks, microtasks
// and I/O completions (the loop binding's arrays, attached again), and the
// errors, events and DOMException built-ins it holds evaluated.
const { test } = require('node:test');
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const fixtures = path.join(__dirname, 'fixtures', 'snapshot');
const isShard = process.versions.shard !== undefined;

function run(count, env) {
  const child = spawnSync(process.execPath, [path.join(fixtures, 'main.js'), String(count)], {
    env: {
      ...process.env,
      NODE_PATH: path.join(fixtures, 'global_mods'),
      SHARD_DEBUG_SNAPSHOT: '1',
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.strictEqual(child.status, 0, child.stderr);
  return {
    seen: child.stdout.trim().split('\n').map((line) => JSON.parse(line)),
    made: /worker snapshot: \d+ bytes/.test(child.stderr),
  };
}

function expected(i) {
  return {
    threadId: 'its own',
    isMainThread: false,
    workerData: { index: i },
    env: `env ${i}`,
    execArgv: i % 2 ? ['--no-warnings'] : [],
    argv: [`arg ${i}`],
    global: 'found through NODE_PATH',
    relative: 'found through NODE_PATH',
    order: 'tick,microtask;immediate,timeout',
    read: true,
    code: 'ENOENT',
    typeError: 'TypeError ERR_INVALID_ARG_TYPE',
    eventType: 'ping',
    domException: 20,
  };
}

test('every Worker started from the snapshot sees its own program', () => {
  const { seen, made } = run(4, { SHARD_WORKER_SNAPSHOT: 'eager' });
  if (isShard) assert.ok(made, 'the snapshot was made');
  assert.deepStrictEqual(seen, [0, 1, 2, 3].map(expected));
});

test('by default the snapshot is made after two Workers, and later ones use it', () => {
  const { seen, made } = run(6, {});
  if (isShard) assert.ok(made, 'the snapshot was made');
  assert.deepStrictEqual(seen, [0, 1, 2, 3, 4, 5].map(expected));
});

test('SHARD_WORKER_SNAPSHOT=0 makes none', () => {
  const { seen, made } = run(3, { SHARD_WORKER_SNAPSHOT: '0' });
  assert.strictEqual(made, false);
  assert.deepStrictEqual(seen, [0, 1, 2].map(expected));
});
