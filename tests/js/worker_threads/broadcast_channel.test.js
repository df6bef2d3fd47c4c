'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { BroadcastChannel, Worker } = require('node:worker_threads');
const { once } = require('node:events');

test('every other channel of the same name gets the message, not the sender', async () => {
  const a = new BroadcastChannel('bc-test-1');
  const b = new BroadcastChannel('bc-test-1');
  const c = new BroadcastChannel('bc-test-1');
  const other = new BroadcastChannel('bc-test-other');
  const seen = [];
  a.onmessage = (e) => seen.push(['a', e.data]);
  other.onmessage = (e) => seen.push(['other', e.data]);
  const gotB = new Promise((resolve) => { b.onmessage = resolve; });
  const gotC = new Promise((resolve) => c.addEventListener('message', resolve));
  a.postMessage({ hello: 1 });
  const [eb, ec] = await Promise.all([gotB, gotC]);
  assert.ok(eb instanceof MessageEvent);
  assert.deepStrictEqual(eb.data, { hello: 1 });
  assert.deepStrictEqual(ec.data, { hello: 1 });
  assert.notStrictEqual(eb.data, ec.data);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepStrictEqual(seen, []);
  for (const ch of [a, b, c, other]) ch.close();
});

test('a closed channel refuses to post; arguments are checked', () => {
  const ch = new BroadcastChannel('bc-test-2');
  assert.strictEqual(ch.name, 'bc-test-2');
  assert.throws(() => ch.postMessage(), { code: 'ERR_MISSING_ARGS' });
  ch.close();
  ch.close();
  assert.throws(() => ch.postMessage(1), { name: 'InvalidStateError' });
  assert.throws(() => new BroadcastChannel(), { code: 'ERR_MISSING_ARGS' });
  assert.strictEqual(new BroadcastChannel(42).close(), undefined);
});

test('channels reach workers and come back from them', async () => {
  const ch = new BroadcastChannel('bc-test-3');
  const w = new Worker(`
    const { BroadcastChannel, parentPort } = require('worker_threads');
    const ch = new BroadcastChannel('bc-test-3');
    ch.onmessage = (e) => {
      ch.postMessage('echo ' + e.data);
      ch.close();
    };
    parentPort.postMessage('ready');
  `, { eval: true });
  const exited = once(w, 'exit');
  await once(w, 'message');
  const reply = new Promise((resolve) => { ch.onmessage = (e) => resolve(e.data); });
  ch.postMessage('ping');
  assert.strictEqual(await reply, 'echo ping');
  ch.close();
  await exited;
});

test('messages from one sender keep their order', async () => {
  const tx = new BroadcastChannel('bc-test-4');
  const rx = new BroadcastChannel('bc-test-4');
  const got = [];
  const done = new Promise((resolve) => {
    rx.onmessage = (e) => {
      got.push(e.data);
      if (got.length === 1000) resolve();
    };
  });
  for (let i = 0; i < 1000; i++) tx.postMessage(i);
  await done;
  assert.deepStrictEqual(got, Array.from({ length: 1000 }, (_, i) => i));
  tx.close();
  rx.close();
});
