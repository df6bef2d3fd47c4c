'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { MessageChannel, MessagePort, receiveMessageOnPort } = require('node:worker_threads');
const { once } = require('node:events');

test('messages arrive in order, with ticks and microtasks run after each one', async () => {
  const { port1, port2 } = new MessageChannel();
  const seen = [];
  port2.on('message', (m) => {
    seen.push(`message ${m}`);
    process.nextTick(() => seen.push(`tick ${m}`));
    Promise.resolve().then(() => seen.push(`micro ${m}`));
    if (m === 3) port2.close();
  });
  for (let i = 1; i <= 3; i++) port1.postMessage(i);
  // Delivery is asynchronous.
  assert.deepStrictEqual(seen, []);
  await once(port2, 'close');
  assert.deepStrictEqual(seen, [
    'message 1', 'tick 1', 'micro 1',
    'message 2', 'tick 2', 'micro 2',
    'message 3', 'tick 3', 'micro 3',
  ]);
});

test('plain objects sent in a row arrive one by one, with ticks and microtasks between them', async () => {
  const { port1, port2 } = new MessageChannel();
  for (let i = 0; i < 4; i++) port1.postMessage({ i, tags: ['a', i], nested: { ok: true } });
  const seen = [];
  const done = new Promise((resolve) => {
    port2.on('message', (m) => {
      assert.deepStrictEqual(m, { i: m.i, tags: ['a', m.i], nested: { ok: true } });
      seen.push(`m${m.i}`);
      process.nextTick(() => seen.push(`t${m.i}`));
      queueMicrotask(() => seen.push(`q${m.i}`));
      if (m.i === 3) setImmediate(resolve);
    });
  });
  await done;
  port2.close();
  assert.deepStrictEqual(seen.join(' '), 'm0 t0 q0 m1 t1 q1 m2 t2 q2 m3 t3 q3');
});

test('a listener that stops the port in the middle of a run leaves the rest queued, in order', async () => {
  const { port1, port2 } = new MessageChannel();
  for (let i = 0; i < 6; i++) port1.postMessage({ i });
  port1.postMessage('text');
  port1.postMessage({ i: 7 });
  const seen = [];
  await new Promise((resolve) => {
    function first(m) {
      seen.push(m.i);
      if (m.i === 1) {
        port2.off('message', first);
        resolve();
      }
    }
    port2.on('message', first);
  });
  assert.deepStrictEqual(receiveMessageOnPort(port2), { message: { i: 2 } });
  const rest = [];
  await new Promise((resolve) => {
    port2.on('message', (m) => {
      rest.push(m);
      if (rest.length === 5) resolve();
    });
  });
  port2.close();
  assert.deepStrictEqual(seen, [0, 1]);
  assert.deepStrictEqual(rest, [{ i: 3 }, { i: 4 }, { i: 5 }, 'text', { i: 7 }]);
});

test('closing one end emits close on both, after what was already sent', async () => {
  const { port1, port2 } = new MessageChannel();
  const seen = [];
  port2.on('message', (m) => seen.push(m));
  const closed1 = once(port1, 'close');
  const closed2 = once(port2, 'close').then(() => seen.push('close2'));
  port1.postMessage('a');
  port1.postMessage('b');
  port1.close();
  // Posting on a closed port does nothing.
  port1.postMessage('c');
  await Promise.all([closed1, closed2]);
  assert.deepStrictEqual(seen, ['a', 'b', 'close2']);
});

test('MessagePort cannot be constructed; it is a NodeEventTarget', () => {
  assert.throws(() => new MessagePort(), { code: 'ERR_CONSTRUCT_CALL_INVALID', name: 'TypeError' });
  const { port1, port2 } = new MessageChannel();
  assert.ok(port1 instanceof MessagePort);
  assert.ok(port1 instanceof EventTarget);
  assert.strictEqual(typeof port1.on, 'function');
  port1.close();
  port2.close();
});

test('postMessage needs a value; transfer lists must be iterable', () => {
  const { port1, port2 } = new MessageChannel();
  assert.throws(() => port1.postMessage(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => port1.postMessage(1, 5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => port1.postMessage(1, { transfer: 5 }), { code: 'ERR_INVALID_ARG_TYPE' });
  port1.postMessage(1, null);
  port1.postMessage(2, { transfer: [] });
  assert.deepStrictEqual(receiveMessageOnPort(port2), { message: 1 });
  assert.deepStrictEqual(receiveMessageOnPort(port2), { message: 2 });
  assert.strictEqual(receiveMessageOnPort(port2), undefined);
  port1.close();
});

test('receiveMessageOnPort takes messages synchronously, in order', () => {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage({ a: 1 });
  port1.postMessage('two');
  assert.deepStrictEqual(receiveMessageOnPort(port2), { message: { a: 1 } });
  assert.deepStrictEqual(receiveMessageOnPort(port2), { message: 'two' });
  assert.strictEqual(receiveMessageOnPort(port2), undefined);
  assert.throws(() => receiveMessageOnPort({}), { code: 'ERR_INVALID_ARG_TYPE' });
  port1.close();
});

test('a message listener refs and starts the port; removing it unrefs and stops it', async () => {
  const { port1, port2 } = new MessageChannel();
  assert.strictEqual(port2.hasRef(), false);
  const first = [];
  const listener = (m) => {
    first.push(m);
    port2.off('message', listener);
  };
  port2.on('message', listener);
  assert.strictEqual(port2.hasRef(), true);
  port1.postMessage(1);
  port1.postMessage(2);
  port1.postMessage(3);
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Stopped after the first: the others wait in the port.
  assert.deepStrictEqual(first, [1]);
  assert.strictEqual(port2.hasRef(), false);
  const rest = [];
  port2.on('message', (m) => {
    rest.push(m);
    if (m === 3) port2.close();
  });
  await once(port2, 'close');
  assert.deepStrictEqual(rest, [2, 3]);
});

test('unref, ref and start', () => {
  const { port1, port2 } = new MessageChannel();
  port2.on('message', () => {});
  port2.unref();
  assert.strictEqual(port2.hasRef(), false);
  port2.ref();
  assert.strictEqual(port2.hasRef(), true);
  port2.close();
  port1.close();
});

test('onmessage and addEventListener get a MessageEvent', async () => {
  const { port1, port2 } = new MessageChannel();
  const got = new Promise((resolve) => { port2.onmessage = resolve; });
  port1.postMessage({ hello: 'world' });
  const event = await got;
  assert.ok(event instanceof MessageEvent);
  assert.strictEqual(event.type, 'message');
  assert.deepStrictEqual(event.data, { hello: 'world' });
  assert.deepStrictEqual(event.ports, []);
  assert.strictEqual(event.target, port2);
  const other = new Promise((resolve) => port2.addEventListener('message', resolve, { once: true }));
  port1.postMessage(2);
  assert.strictEqual((await other).data, 2);
  port2.onmessage = null;
  port1.close();
});

test('a port travels in a transfer list and keeps its queued messages', async () => {
  const outer = new MessageChannel();
  const inner = new MessageChannel();
  inner.port1.postMessage('sent before the transfer');
  outer.port1.postMessage({ port: inner.port2 }, [inner.port2]);
  const event = await new Promise((resolve) => { outer.port2.onmessage = resolve; });
  const moved = event.data.port;
  assert.ok(moved instanceof MessagePort);
  assert.notStrictEqual(moved, inner.port2);
  assert.strictEqual(event.ports.length, 1);
  assert.strictEqual(event.ports[0], moved);
  // The original object is no longer connected.
  inner.port2.postMessage('lost');
  inner.port1.postMessage('sent after');
  const seen = [];
  moved.on('message', (m) => {
    seen.push(m);
    if (seen.length === 2) moved.close();
  });
  await once(moved, 'close');
  assert.deepStrictEqual(seen, ['sent before the transfer', 'sent after']);
  outer.port1.close();
});

test('a port must be in the transfer list to be sent', () => {
  const { port1, port2 } = new MessageChannel();
  const other = new MessageChannel();
  // (DataCloneError in Node 22, a TypeError in older versions)
  assert.throws(() => port1.postMessage({ p: other.port1 }), /transferList/);
  assert.throws(() => port1.postMessage(null, [other.port1, other.port1]), {
    name: 'DataCloneError', message: 'Transfer list contains duplicate MessagePort',
  });
  assert.throws(() => port1.postMessage(null, [port1]), {
    name: 'DataCloneError', message: 'Transfer list contains source port',
  });
  assert.throws(() => port1.postMessage(null, [1]));
  port1.close();
  port2.close();
  other.port1.close();
});

test('a message that arrives alone keeps its value exactly, whatever its kind', async () => {
  // Each message is sent once the previous one arrived, so each comes alone
  // (the receiver's fast path for single messages).
  const { port1, port2 } = new MessageChannel();
  const values = [0, -0, 1.5, NaN, -Infinity, 2 ** 53 + 2, true, false, null, undefined,
    '', 'text', 'ünïcödé ✓', 'x'.repeat(5000), { a: 1, b: [true, null, 'c'] }, [1, [2, [3]]],
    new Map([[1, 2]]), new Uint8Array([1, 2, 3])];
  for (const value of values) {
    port1.postMessage(value);
    const [received] = await once(port2, 'message');
    if (typeof value === 'number') {
      assert.ok(Object.is(received, value), `${received} is not ${value}`);
    } else {
      assert.deepStrictEqual(received, value);
    }
  }
  port1.close();
});

test('a message that arrives alone at a stopped port waits for receiveMessageOnPort', async () => {
  const { port1, port2 } = new MessageChannel();
  const first = once(port2, 'message');
  port1.postMessage('one');
  assert.strictEqual((await first)[0], 'one');
  // once() removed its listener: the port is stopped again.
  port1.postMessage(42);
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepStrictEqual(receiveMessageOnPort(port2), { message: 42 });
  assert.strictEqual(receiveMessageOnPort(port2), undefined);
  port1.close();
});

test('a port stopped by another port\'s listener keeps the message that came alone for it', async () => {
  const a = new MessageChannel();
  const b = new MessageChannel();
  const onB = () => assert.fail('b was stopped before its message');
  b.port2.on('message', onB);
  const gotA = new Promise((resolve) => {
    a.port2.once('message', (m) => {
      b.port2.off('message', onB);
      resolve(m);
    });
  });
  a.port1.postMessage('for a');
  b.port1.postMessage('for b');
  assert.strictEqual(await gotA, 'for a');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepStrictEqual(receiveMessageOnPort(b.port2), { message: 'for b' });
  a.port1.close();
  b.port1.close();
});

test('lone messages to many ports in turn each reach their own port', async () => {
  // More ports than the receiver keeps at hand (eight): they take each
  // other's places, and every message must still find its port.
  const channels = Array.from({ length: 20 }, () => new MessageChannel());
  const got = channels.map(() => []);
  channels.forEach(({ port2 }, i) => port2.on('message', (m) => got[i].push(m)));
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < channels.length; i++) {
      const arrived = once(channels[i].port2, 'message');
      channels[i].port1.postMessage(round % 2 ? `${i}:${round}` : i * 100 + round);
      await arrived;
    }
  }
  got.forEach((list, i) => assert.deepStrictEqual(list, [i * 100, `${i}:1`, i * 100 + 2, `${i}:3`, i * 100 + 4]));
  for (const { port1 } of channels) port1.close();
});

test('the end that closes says close first; the other end gets what was sent, then close', async () => {
  const { port1, port2 } = new MessageChannel();
  const seen = [];
  port2.on('message', (m) => seen.push(`message ${m}`));
  const both = Promise.all([
    once(port1, 'close').then(() => seen.push('close port1')),
    once(port2, 'close').then(() => seen.push('close port2')),
  ]);
  // From a timer: port2's messages and close arrive later in the same turn.
  setTimeout(() => {
    for (let i = 1; i <= 3; i++) port1.postMessage(i);
    port1.close();
  }, 1);
  await both;
  assert.deepStrictEqual(seen, ['message 1', 'message 2', 'message 3', 'close port1', 'close port2']);
});

for (const [kind, make] of [['numbers', (i) => i], ['objects', (i) => ({ i })]]) {
  test(`${kind}: a listener that closes its port still gets the rest of what had arrived, and can take the next itself`, async () => {
    const { port1, port2 } = new MessageChannel();
    const seen = [];
    const value = (m) => (typeof m === 'object' ? m.i : m);
    port2.on('message', (m) => {
      seen.push(`message ${value(m)}`);
      if (value(m) === 1) {
        port2.close();
        const next = receiveMessageOnPort(port2);
        seen.push(`took ${value(next.message)}`);
      }
    });
    const closed = once(port2, 'close');
    for (let i = 1; i <= 4; i++) port1.postMessage(make(i));
    await closed;
    assert.deepStrictEqual(seen, ['message 1', 'took 2', 'message 3', 'message 4']);
  });
}

test('a port closed outside a listener emits nothing more, but what had arrived is receivable until its close', async () => {
  const { port1, port2 } = new MessageChannel();
  const seen = [];
  port2.on('message', (m) => seen.push(m));
  for (let i = 1; i <= 3; i++) port1.postMessage(i);
  await new Promise((resolve) => setImmediate(resolve)); // delivered: 1, 2, 3
  port1.postMessage(4);
  port1.postMessage(5);
  await new Promise((resolve) => setTimeout(resolve, 10)); // 4 and 5 arrive
  assert.deepStrictEqual(seen, [1, 2, 3, 4, 5]);
  const { port1: a, port2: b } = new MessageChannel();
  b.on('message', (m) => seen.push(`b ${m}`));
  a.postMessage('x');
  a.postMessage('y');
  b.close(); // before 'x' and 'y' were emitted
  assert.deepStrictEqual(receiveMessageOnPort(b), { message: 'x' });
  // (After its 'close', Node 20 and 22 crash with SIGSEGV in
  // receiveMessageOnPort(b); shard returns undefined: not compared here.)
  await once(b, 'close');
  assert.deepStrictEqual(seen, [1, 2, 3, 4, 5]);
  port1.close();
});
