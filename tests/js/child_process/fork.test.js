'use strict';
// child_process.fork: the IPC channel carries 10,000 messages each way with
// nothing lost or reordered, in both serializations; the child sees
// process.send; disconnect ends the channel on both sides.
const test = require('node:test');
const assert = require('node:assert');
const cp = require('node:child_process');
const path = require('node:path');
const { once } = require('node:events');

const echoChild = path.join(__dirname, 'fixtures', 'echo-child.js');
const infoChild = path.join(__dirname, 'fixtures', 'ipc-info.js');
// The children run their script plainly, whatever flags ran this file.
const execArgv = [];

async function exchange(serialization) {
  const child = cp.fork(echoChild, [], { serialization, execArgv });
  const n = 10000;
  const received = [];
  let resolveAll;
  const all = new Promise((r) => { resolveAll = r; });
  child.on('message', (m) => {
    received.push(m);
    if (received.length === n) resolveAll();
  });
  for (let i = 0; i < n; i++) child.send({ i, text: `message ${i}`, nested: { list: [i, i + 1] } });
  await all;
  for (let i = 0; i < n; i++) assert.strictEqual(received[i].i, i);
  assert.deepStrictEqual(received[n - 1], { i: n - 1, text: `message ${n - 1}`, nested: { list: [n - 1, n] } });
  // The child counted every one; then it floods us the other way.
  child.removeAllListeners('message');
  child.send({ cmd: 'count' });
  const [count] = await once(child, 'message');
  assert.deepStrictEqual(count, { count: n });
  const seqs = [];
  const flooded = new Promise((resolve) => {
    child.on('message', (m) => {
      seqs.push(m.seq);
      if (seqs.length === n) resolve();
    });
  });
  child.send({ cmd: 'flood', n });
  await flooded;
  for (let i = 0; i < n; i++) assert.strictEqual(seqs[i], i);
  child.send('bye');
  const events = [];
  child.on('disconnect', () => events.push('disconnect'));
  child.on('exit', () => events.push('exit'));
  const [code, signal] = await once(child, 'close');
  assert.strictEqual(code, 0);
  assert.strictEqual(signal, null);
  assert.strictEqual(child.connected, false);
  assert.deepStrictEqual(events, ['disconnect', 'exit']);
}

test('10,000 JSON messages each way, in order', () => exchange('json'));
test('10,000 advanced (v8-serialized) messages each way, in order', () => exchange('advanced'));

test('advanced serialization carries what JSON cannot', async () => {
  const child = cp.fork(echoChild, [], { serialization: 'advanced', execArgv });
  const value = { big: 2n ** 70n, map: new Map([[1, 'one']]), date: new Date(0), buf: new Uint8Array([1, 2, 3]) };
  child.send(value);
  const [back] = await once(child, 'message');
  assert.strictEqual(back.big, 2n ** 70n);
  assert.strictEqual(back.map.get(1), 'one');
  assert.strictEqual(back.date.getTime(), 0);
  assert.deepStrictEqual([...back.buf], [1, 2, 3]);
  child.disconnect();
  await once(child, 'exit');
});

test('the child sees a connected channel, its arguments, and no NODE_CHANNEL_FD', async () => {
  const child = cp.fork(infoChild, ['one', 'two'], { execArgv });
  const [info] = await once(child, 'message');
  assert.deepStrictEqual(info, {
    connected: true,
    hasChannel: true,
    argv: ['one', 'two'],
    isArray: true,
  });
  const [code] = await once(child, 'exit');
  assert.strictEqual(code, 0);
});

test('send after disconnect fails with ERR_IPC_CHANNEL_CLOSED', async () => {
  const child = cp.fork(echoChild, { execArgv });
  assert.strictEqual(child.connected, true);
  assert.strictEqual(typeof child.channel.ref, 'function');
  child.disconnect();
  assert.strictEqual(child.connected, false);
  const err = await new Promise((resolve) => child.send('late', resolve));
  assert.strictEqual(err.code, 'ERR_IPC_CHANNEL_CLOSED');
  await once(child, 'exit');
});

test('fork checks its arguments as Node does', () => {
  assert.throws(() => cp.fork(42), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => cp.fork(echoChild, [], { stdio: ['pipe', 'pipe', 'pipe'] }),
                { code: 'ERR_CHILD_PROCESS_IPC_REQUIRED' });
  const child = cp.fork(echoChild, { execArgv });
  assert.throws(() => child.send(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => child.send(() => {}), { code: 'ERR_INVALID_ARG_TYPE' });
  child.kill();
});

test('silent: true pipes the child\'s stdio', async () => {
  const child = cp.fork(infoChild, [], { silent: true, execArgv });
  assert.ok(child.stdout);
  assert.ok(child.stdin);
  assert.ok(child.stderr);
  assert.strictEqual(child.stdio.length, 4);
  await once(child, 'exit');
});

test('a child forked with the default execArgv runs its script (not a test runner)', async () => {
  const child = cp.fork(infoChild, ['plain']);
  const [info] = await once(child, 'message');
  assert.deepStrictEqual(info.argv, ['plain']);
  const [code] = await once(child, 'exit');
  assert.strictEqual(code, 0);
});
