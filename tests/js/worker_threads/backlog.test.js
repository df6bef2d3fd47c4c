'use strict';
// A port with thousands of messages waiting: shard hands them to JS a
// thousand or so at a time (so that they are not all alive at once), yet
// what a program sees must be as in Node: every message in order, nothing
// else running among those that were there at the wake-up, and the port's
// own operations (receiveMessageOnPort, close, transfer) acting on the
// messages not yet emitted, wherever shard holds them.
const { test } = require('node:test');
const assert = require('node:assert');
const { Worker, MessageChannel, receiveMessageOnPort } = require('node:worker_threads');
const { once } = require('node:events');

const kBacklog = 5000; // several of shard's deliveries

// A worker that takes a port and sends back all it got on it, up to 'end'.
const transferTarget = `
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', ({ port }) => {
    const got = [];
    port.on('message', (m) => {
      got.push(m);
      if (m === 'end') parentPort.postMessage(got);
    });
  });
`;

test('a backlog arrives whole and in order before the next immediate', async () => {
  const { port1, port2 } = new MessageChannel();
  const order = [];
  let got = 0;
  port2.on('message', (m) => {
    assert.strictEqual(m, got);
    got++;
    if (got === kBacklog) {
      order.push('messages');
      port2.close();
    }
  });
  for (let i = 0; i < kBacklog; i++) port1.postMessage(i);
  setImmediate(() => order.push(`immediate after ${got}`));
  await once(port2, 'close');
  assert.deepStrictEqual(order, ['messages', `immediate after ${kBacklog}`]);
});

// (Node 20 and 22 crash on this one: receiveMessageOnPort from a listener
// while the port's queue is being emitted. Their documentation promises
// the next message, which is what is checked.)
test('receiveMessageOnPort in a listener takes the next message of a backlog, at any point of it', async () => {
  const { port1, port2 } = new MessageChannel();
  const takeAt = new Set([1, 1022, 1023, 1024, 1025, 2047, 2048, 3000, kBacklog - 2]);
  const seen = [];
  port2.on('message', (m) => {
    seen.push(m);
    if (takeAt.has(m)) {
      const next = receiveMessageOnPort(port2);
      seen.push(next && next.message);
    }
    if (seen.length === kBacklog) port2.close();
  });
  for (let i = 0; i < kBacklog; i++) port1.postMessage(i);
  await once(port2, 'close');
  assert.deepStrictEqual(seen, Array.from({ length: kBacklog }, (_, i) => i));
  assert.strictEqual(receiveMessageOnPort(port2), undefined);
});

test('close() in a listener still emits the rest of the backlog, then close', async () => {
  // As Node: what had arrived is emitted in the same pass; nothing after.
  const { port1, port2 } = new MessageChannel();
  const events = [];
  let got = 0;
  port2.on('message', (m) => {
    assert.strictEqual(m, got);
    got++;
    if (m === 1500) {
      port2.close();
      events.push(`closed at ${got}`);
    }
  });
  port2.on('close', () => events.push(`close after ${got}`));
  for (let i = 0; i < kBacklog; i++) port1.postMessage(i);
  await once(port2, 'close');
  port1.postMessage('too late');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepStrictEqual(events, ['closed at 1501', `close after ${kBacklog}`]);
  assert.strictEqual(got, kBacklog);
});

// kBacklog numbers, then 'end', reach port2 up to message `at`; then the
// port goes to a worker, from that message's listener (fromListener), or a
// moment later after the listener removed itself there (the port stops).
// The worker must get the rest, in order.
async function checkBacklogMoves(at, fromListener) {
  const worker = new Worker(transferTarget, { eval: true });
  const { port1, port2 } = new MessageChannel();
  const here = [];
  let stopped;
  const stop = new Promise((resolve) => { stopped = resolve; });
  function onMessage(m) {
    here.push(m);
    if (m !== at) return;
    if (fromListener) {
      worker.postMessage({ port: port2 }, [port2]);
    } else {
      port2.off('message', onMessage);
      stopped();
    }
  }
  port2.on('message', onMessage);
  for (let i = 0; i < kBacklog; i++) port1.postMessage(i);
  port1.postMessage('end');
  if (!fromListener) {
    // A while after the stop: what was left of the delivery waits in the
    // port, the rest in its queue.
    await stop;
    await new Promise((resolve) => setTimeout(resolve, 20));
    worker.postMessage({ port: port2 }, [port2]);
  }
  const [there] = await once(worker, 'message');
  assert.deepStrictEqual(here, Array.from({ length: at + 1 }, (_, i) => i));
  assert.deepStrictEqual(there, [...Array.from({ length: kBacklog - at - 1 }, (_, i) => at + 1 + i), 'end']);
  port1.close();
  await worker.terminate();
}

test('a port transferred from its listener takes the rest of its backlog along', () => checkBacklogMoves(1500, true));

test('a port stopped in the middle of a backlog, then transferred, takes the rest along', () => checkBacklogMoves(100, false));

test('a storm from a worker of every kind of message arrives whole and in order', async () => {
  const count = 60000;
  const worker = new Worker(`
    const { parentPort, workerData: count } = require('node:worker_threads');
    for (let i = 0; i < count; i++) {
      switch (i % 4) {
        case 0: parentPort.postMessage(i); break;
        case 1: parentPort.postMessage('s' + i); break;
        case 2: parentPort.postMessage({ seq: i, text: 'hello' }); break;
        default: parentPort.postMessage([i, { nested: i }]);
      }
    }
  `, { eval: true, workerData: count });
  let next = 0;
  let bad;
  worker.on('message', (m) => {
    const i = next++;
    const want = [i, 's' + i, { seq: i, text: 'hello' }, [i, { nested: i }]][i % 4];
    try {
      assert.deepStrictEqual(m, want);
    } catch (err) {
      bad ??= err;
    }
  });
  await once(worker, 'exit');
  if (bad) throw bad;
  assert.strictEqual(next, count);
});
