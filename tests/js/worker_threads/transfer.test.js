'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const {
  MessageChannel, Worker, receiveMessageOnPort, markAsUntransferable, isMarkedAsUntransferable,
} = require('node:worker_threads');
const { once } = require('node:events');

// Node 21 made transfers of detached and untransferable buffers throw
// (before, they were cloned or ignored); shard follows Node 22.
const throwsOnUntransferable = Number(process.versions.node.split('.')[0]) >= 21;

function roundTrip(value, transfer) {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value, transfer);
  const got = receiveMessageOnPort(port2);
  port1.close();
  return got.message;
}

test('structured clone keeps types, cycles and shared references', () => {
  const shared = { n: 1 };
  const value = {
    str: 'text ☃', num: -0, big: 12345678901234567890n, date: new Date(0), re: /a+/gi,
    map: new Map([[1, shared]]), set: new Set(['x']), arr: [1, , 3], nested: { shared },
    u8: new Uint8Array([1, 2, 3]), f64: new Float64Array([0.5]), undef: undefined, nul: null,
  };
  value.self = value;
  const copy = roundTrip(value);
  assert.notStrictEqual(copy, value);
  assert.strictEqual(copy.self, copy);
  assert.strictEqual(copy.map.get(1), copy.nested.shared);
  assert.ok(Object.is(copy.num, -0));
  assert.strictEqual(copy.big, 12345678901234567890n);
  assert.ok(copy.date instanceof Date);
  assert.strictEqual(copy.re.flags, 'gi');
  assert.strictEqual(1 in copy.arr, false);
  assert.deepStrictEqual([...copy.u8], [1, 2, 3]);
  assert.ok('undef' in copy);
  // Primitives alone (they take a shorter path).
  for (const v of ['', 'ascii', 'two-byte ☃ \ud800', 0, -0, NaN, 1.5, true, false, null, undefined]) {
    assert.ok(Object.is(roundTrip(v), v), String(v));
  }
});

test('plain data and everything else arrive as structuredClone copies them', () => {
  const proxy = new Proxy({ a: 1 }, {});
  const shared = { s: 1 };
  const values = [
    { seq: 1, text: 'hello' }, { nested: { deep: [1, [2, [3]]], s: 'a"b\\c\n\u0001' } },
    { '1': 'one', b: 2, '0': 'zero', __proto__: null }, { lone: '\ud800', emoji: '😀', empty: '' },
    { n: -0 }, { n: NaN }, { n: Infinity }, { n: 1e21, m: 5e-324, k: -1.5 }, { u: undefined }, [1, , 3],
    Object.assign([1, 2], { extra: true }), { a: shared, b: shared }, { big: 1n }, { d: new Date(5) },
    { m: new Map([[1, 2]]) }, [], {}, [[], {}], { t: true, f: false, z: null },
    { long: 'x'.repeat(5000) }, Array.from({ length: 200 }, (_, i) => i), Object.create({ inherited: 1 }),
  ];
  const { port1, port2 } = new MessageChannel();
  for (const value of values) {
    port1.postMessage(value);
    const got = receiveMessageOnPort(port2).message;
    const expected = structuredClone(value);
    assert.deepStrictEqual(got, expected);
    assert.deepStrictEqual(Reflect.ownKeys(got), Reflect.ownKeys(expected));
    assert.strictEqual(Object.getPrototypeOf(got), Object.getPrototypeOf(expected));
  }
  // Identity inside one message is kept.
  port1.postMessage({ a: shared, b: shared });
  const copy = receiveMessageOnPort(port2).message;
  assert.strictEqual(copy.a, copy.b);
  // Proxies cannot be cloned.
  assert.throws(() => port1.postMessage({ p: proxy }), { name: 'DataCloneError' });
  // A getter runs once per send.
  let reads = 0;
  port1.postMessage({ get x() { reads++; return 7; } });
  assert.deepStrictEqual(receiveMessageOnPort(port2).message, { x: 7 });
  assert.strictEqual(reads, 1);
  port1.close();
});

test('values that cannot be cloned throw a DataCloneError and send nothing', () => {
  const { port1, port2 } = new MessageChannel();
  for (const bad of [() => {}, Symbol('s'), { f() {} }, new WeakMap()]) {
    assert.throws(() => port1.postMessage(bad), (err) => err.name === 'DataCloneError' && err.code === 25);
  }
  assert.strictEqual(receiveMessageOnPort(port2), undefined);
  port1.close();
});

test('a transferred ArrayBuffer moves: detached in the sender, intact in the receiver', () => {
  const ab = new ArrayBuffer(1024);
  new Uint8Array(ab).fill(9);
  const view = new Uint8Array(ab, 10, 4);
  const copy = roundTrip({ view }, [ab]);
  assert.strictEqual(ab.byteLength, 0);
  assert.strictEqual(view.length, 0);
  assert.strictEqual(copy.view.buffer.byteLength, 1024);
  assert.strictEqual(copy.view.byteOffset, 10);
  assert.deepStrictEqual([...copy.view], [9, 9, 9, 9]);
  // A detached buffer cannot travel again.
  const { port1 } = new MessageChannel();
  if (throwsOnUntransferable) assert.throws(() => port1.postMessage(ab, [ab]), { name: 'DataCloneError' });
  assert.throws(() => port1.postMessage(null, [copy.view.buffer, copy.view.buffer]), {
    name: 'DataCloneError', message: 'Transfer list contains duplicate ArrayBuffer',
  });
  port1.close();
});

test('the transfer moves memory between threads without a copy', async () => {
  const w = new Worker(`
    const { parentPort } = require('worker_threads');
    parentPort.on('message', (ab) => {
      const u8 = new Uint8Array(ab);
      u8[0] += 1;
      parentPort.postMessage(ab, [ab]);
    });
  `, { eval: true });
  let ab = new ArrayBuffer(64 * 1024 * 1024);
  new Uint8Array(ab)[0] = 41;
  w.postMessage(ab, [ab]);
  assert.strictEqual(ab.byteLength, 0);
  [ab] = await once(w, 'message');
  assert.strictEqual(ab.byteLength, 64 * 1024 * 1024);
  assert.strictEqual(new Uint8Array(ab)[0], 42);
  await w.terminate();
});

test('SharedArrayBuffer memory is shared, not copied', async () => {
  const sab = new SharedArrayBuffer(8);
  const ia = new Int32Array(sab);
  const copy = roundTrip(sab);
  new Int32Array(copy)[0] = 5;
  assert.strictEqual(ia[0], 5);
  const w = new Worker(`
    const { workerData, parentPort } = require('worker_threads');
    Atomics.add(new Int32Array(workerData), 1, 10);
    parentPort.postMessage('done');
  `, { eval: true, workerData: sab });
  const exited = once(w, 'exit');
  await once(w, 'message');
  assert.strictEqual(ia[1], 10);
  await exited;
});

test('pooled Buffers are copied, never moved; the pool cannot be transferred', () => {
  const pooled = Buffer.from('pooled');
  // Several small Buffers share one pool ArrayBuffer.
  assert.ok(pooled.buffer.byteLength > pooled.length);
  if (isMarkedAsUntransferable) assert.ok(isMarkedAsUntransferable(pooled.buffer));
  const copy = roundTrip(pooled);
  assert.strictEqual(Buffer.from(copy.buffer, copy.byteOffset, copy.length).toString(), 'pooled');
  assert.strictEqual(pooled.toString(), 'pooled');
  const { port1 } = new MessageChannel();
  if (throwsOnUntransferable) {
    assert.throws(() => port1.postMessage(pooled, [pooled.buffer]), { name: 'DataCloneError' });
  } else {
    port1.postMessage(pooled, [pooled.buffer]);
  }
  assert.strictEqual(pooled.toString(), 'pooled');
  port1.close();
});

test('markAsUntransferable', () => {
  const ab = new ArrayBuffer(8);
  // isMarkedAsUntransferable came in Node 21.
  if (isMarkedAsUntransferable) assert.strictEqual(isMarkedAsUntransferable(ab), false);
  markAsUntransferable(ab);
  if (isMarkedAsUntransferable) assert.strictEqual(isMarkedAsUntransferable(ab), true);
  markAsUntransferable(1); // a primitive: nothing happens
  const { port1 } = new MessageChannel();
  if (throwsOnUntransferable) {
    assert.throws(() => port1.postMessage(ab, [ab]), { name: 'DataCloneError' });
  } else {
    port1.postMessage(ab, [ab]);
  }
  assert.strictEqual(ab.byteLength, 8);
  port1.close();
});

test('an object whose first values are primitives and later ones objects keeps identity, cycles and getters', () => {
  const { port1, port2 } = new MessageChannel();
  const send = (value) => {
    port1.postMessage(value);
    return receiveMessageOnPort(port2).message;
  };
  // Shared after primitives.
  const shared = { s: 1 };
  const copy = send({ x: 1, a: shared, y: 'two', b: shared });
  assert.deepStrictEqual(copy, { x: 1, a: { s: 1 }, y: 'two', b: { s: 1 } });
  assert.strictEqual(copy.a, copy.b);
  // A cycle back to the top, reached through a later value.
  const root = { n: 1, t: 'x' };
  root.inner = { back: root };
  const cyclic = send(root);
  assert.strictEqual(cyclic.inner.back, cyclic);
  assert.strictEqual(cyclic.n, 1);
  // Getters before and after the first nested object each run once.
  let before = 0;
  let after = 0;
  const got = send({
    get a() { before++; return 1; },
    nested: { k: [1, 2] },
    get b() { after++; return 'b'; },
  });
  assert.deepStrictEqual(got, { a: 1, nested: { k: [1, 2] }, b: 'b' });
  assert.deepStrictEqual([before, after], [1, 1]);
  // Too many values for the plain path, all primitives.
  const wide = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
  assert.deepStrictEqual(send(wide), wide);
  port1.close();
});

test('an ArrayBuffer that is its own transfer list moves, and errors stay those of structured clone', async () => {
  const { port1, port2 } = new MessageChannel();
  const ab = new ArrayBuffer(64);
  const view = new Uint8Array(ab);
  view.fill(5);
  port1.postMessage(ab, [ab]);
  assert.strictEqual(ab.byteLength, 0);
  assert.strictEqual(view.length, 0);
  const got = receiveMessageOnPort(port2).message;
  assert.ok(got instanceof ArrayBuffer);
  assert.deepStrictEqual([...new Uint8Array(got)], new Array(64).fill(5));
  // Through a listener as well (a message that arrives alone).
  const back = new ArrayBuffer(8);
  new Uint8Array(back)[7] = 42;
  const arrived = once(port2, 'message');
  port1.postMessage(back, { transfer: [back] });
  const [received] = await arrived;
  assert.strictEqual(new Uint8Array(received)[7], 42);
  assert.strictEqual(back.byteLength, 0);
  // A detached buffer cannot travel again; one that cannot be detached is
  // refused (as Node 22 does; Node 20 sends copies of both).
  assert.throws(() => port1.postMessage(ab, [ab]), { name: 'DataCloneError' });
  const memory = new WebAssembly.Memory({ initial: 1 });
  assert.throws(() => port1.postMessage(memory.buffer, [memory.buffer]), { name: 'DataCloneError' });
  assert.strictEqual(memory.buffer.byteLength, 65536);
  port1.close();
});

test('a Uint8Array (or Buffer) sent with its buffer as the transfer list arrives as the same view', () => {
  const { port1, port2 } = new MessageChannel();
  const view = new Uint8Array(new ArrayBuffer(256), 16, 100);
  view[0] = 1;
  view[99] = 99;
  port1.postMessage(view, [view.buffer]);
  assert.strictEqual(view.length, 0);
  const got = receiveMessageOnPort(port2).message;
  assert.strictEqual(Object.getPrototypeOf(got), Uint8Array.prototype);
  assert.deepStrictEqual([got.byteOffset, got.length, got.buffer.byteLength, got[0], got[99]], [16, 100, 256, 1, 99]);
  // A Buffer arrives as a Uint8Array, as structured clone makes it.
  const buf = Buffer.allocUnsafeSlow(32).fill(7);
  port1.postMessage(buf, [buf.buffer]);
  const copy = receiveMessageOnPort(port2).message;
  assert.strictEqual(Object.getPrototypeOf(copy), Uint8Array.prototype);
  assert.deepStrictEqual([...copy], new Array(32).fill(7));
  // Other views, and lists that are not just the view's buffer, take the
  // serializer's way with the same result.
  const ints = new Int32Array([1, -2, 3]);
  port1.postMessage(ints, [ints.buffer]);
  assert.deepStrictEqual(receiveMessageOnPort(port2).message, new Int32Array([1, -2, 3]));
  const other = new ArrayBuffer(4);
  const bytes = new Uint8Array([4, 5]);
  port1.postMessage(bytes, [bytes.buffer, other]);
  assert.deepStrictEqual(receiveMessageOnPort(port2).message, new Uint8Array([4, 5]));
  assert.strictEqual(other.byteLength, 0);
  port1.close();
});
