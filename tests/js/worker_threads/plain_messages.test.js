'use strict';
// Plain objects as messages: shard sends a flat object (primitives only) as
// its values and the id of its keys' shape, and other plain data as JSON
// text; what arrives must be what structured clone gives, whatever the
// values, the keys and the mix of messages.
const { test } = require('node:test');
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const { Worker, MessageChannel, receiveMessageOnPort } = require('node:worker_threads');
const { once } = require('node:events');

const echoSource = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => parentPort.postMessage(m));
`;

function protoKeyed(value) {
  const o = { a: 1 };
  Object.defineProperty(o, '__proto__', { value, enumerable: true, writable: true, configurable: true });
  return o;
}

function manyKeys(count) {
  const o = {};
  for (let i = 0; i < count; i++) o[`k${i}`] = i;
  return o;
}

// Every kind of value and key a flat object can hold, and the neighbours
// that must not be taken for one.
function samples() {
  return [
    { seq: 1, text: 'hello' },
    { seq: 2, text: 'hello' },
    { seq: 3.25, text: '' },
    { text: 'keys in another order', seq: 4 },
    { seq: -0, zero: 0, nan: NaN, inf: Infinity, ninf: -Infinity },
    { big: 2 ** 53 + 2, tiny: 5e-324, exp: 1.5e300, neg: -123.456, int: -2147483648, over: 2147483648 },
    { t: true, f: false, n: null, u: undefined },
    { latin: 'café ÿ', wide: 'snow ☃ and 𝄞', lone: '\ud800 and \udfff', ctl: '\u0000\u0001\n\r\t\b\f', quote: '"\\/' },
    { comma: 'a,b', brace: '}{', colon: 'k:v', both: '","' },
    { long: 'x'.repeat(600), short: 'y' },
    { 'q"uote': 1, 'back\\slash': 2, 'new\nline': 3, 'wide ☃': 4, '': 5 },
    { 2: 'two', 1: 'one', b: 'b', a: 'a', 0: 'zero' },
    protoKeyed(7),
    Object.assign(Object.create(null), { nullProto: true }),
    manyKeys(40),
    {},
    { nested: { seq: 1 }, list: [1, 'two', null] },
    [{ seq: 1 }, { seq: 2 }],
    'a string',
    42,
    { seq: 5, text: 'hello' },
    { seq: 6, text: 'hello' },
  ];
}

// got is what structured clone makes of want: an ordinary object (or array)
// with the same own keys, in the same order, and values.
function assertSame(got, want) {
  if (typeof want === 'object' && want !== null && !Array.isArray(want)) {
    want = { ...want }; // a null prototype becomes Object.prototype (spread keeps __proto__ a key)
  }
  assert.deepStrictEqual(got, want);
  if (typeof want === 'object' && want !== null) {
    assert.deepStrictEqual(Object.keys(got), Object.keys(want));
    assert.strictEqual(Object.getPrototypeOf(got), Array.isArray(want) ? Array.prototype : Object.prototype);
  }
}

test('flat objects of every kind cross to a worker and back exactly', async () => {
  const worker = new Worker(echoSource, { eval: true });
  const sent = samples();
  const got = [];
  const done = new Promise((resolve) => {
    worker.on('message', (m) => {
      got.push(m);
      if (got.length === sent.length * 2) resolve();
    });
  });
  // Each twice in a row (a run), and all in one burst.
  for (const m of sent) {
    worker.postMessage(m);
    worker.postMessage(m);
  }
  await done;
  await worker.terminate();
  for (let i = 0; i < sent.length; i++) {
    assertSame(got[2 * i], sent[i]);
    assertSame(got[2 * i + 1], sent[i]);
  }
  assert.ok(Object.is(got[8].seq, -0));
  assert.strictEqual(Object.getPrototypeOf(got[24]), Object.prototype); // the own __proto__ key stayed a key
  assert.strictEqual(got[24].__proto__, 7);
});

test('a burst of one shape arrives in order, with ticks and microtasks between messages', async () => {
  const { port1, port2 } = new MessageChannel();
  const count = 200;
  for (let i = 0; i < count; i++) port1.postMessage({ i, label: `m${i}`, even: i % 2 === 0 });
  const seen = [];
  const got = [];
  await new Promise((resolve) => {
    port2.on('message', (m) => {
      got.push(m);
      seen.push(`m${m.i}`);
      process.nextTick(() => seen.push(`t${m.i}`));
      queueMicrotask(() => seen.push(`q${m.i}`));
      if (got.length === count) setImmediate(resolve);
    });
  });
  port2.close();
  const want = [];
  for (let i = 0; i < count; i++) {
    assert.deepStrictEqual(got[i], { i, label: `m${i}`, even: i % 2 === 0 });
    want.push(`m${i}`, `t${i}`, `q${i}`);
  }
  assert.deepStrictEqual(seen, want);
});

test('the getters of a flat object run once, a posting getter included', async () => {
  const { port1, port2 } = new MessageChannel();
  let calls = 0;
  const plain = { a: 1, get b() { calls++; return 'b'; } };
  const odd = { a: 2, get b() { calls++; return NaN; } }; // NaN: not JSON, sent another way
  const posting = {
    a: 3,
    get b() {
      calls++;
      port1.postMessage({ inner: true, from: 'getter' });
      return 'outer';
    },
  };
  port1.postMessage(plain);
  port1.postMessage(odd);
  port1.postMessage(posting);
  assert.strictEqual(calls, 3);
  const got = [];
  for (let r = receiveMessageOnPort(port2); r !== undefined; r = receiveMessageOnPort(port2)) got.push(r.message);
  port2.close();
  assert.deepStrictEqual(got, [
    { a: 1, b: 'b' },
    { a: 2, b: NaN },
    { inner: true, from: 'getter' },
    { a: 3, b: 'outer' },
  ]);
});

test('values that are not data fail as structured clone fails, and nothing is sent', () => {
  const { port1, port2 } = new MessageChannel();
  assert.throws(() => port1.postMessage({ a: 1, f() {} }), { name: 'DataCloneError' });
  assert.throws(() => port1.postMessage({ a: 1, s: Symbol('s') }), { name: 'DataCloneError' });
  port1.postMessage({ a: 1, s: 'ok' });
  assert.deepStrictEqual(receiveMessageOnPort(port2), { message: { a: 1, s: 'ok' } });
  assert.strictEqual(receiveMessageOnPort(port2), undefined);
  port2.close();
});

test('a listener that calls receiveMessageOnPort takes the next message of its batch', async () => {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage('first');
  port1.postMessage({ n: 1 });
  port1.postMessage({ n: 2 });
  port1.postMessage([3]);
  port1.postMessage(4);
  const heard = [];
  let taken;
  await new Promise((resolve) => {
    port2.on('message', (m) => {
      heard.push(m);
      if (m === 'first') {
        taken = [receiveMessageOnPort(port2), receiveMessageOnPort(port2)];
      }
      if (m === 4) resolve();
    });
  });
  port2.close();
  assert.deepStrictEqual(taken, [{ message: { n: 1 } }, { message: { n: 2 } }]);
  assert.deepStrictEqual(heard, ['first', [3], 4]);
});

test('a listener that stops its port leaves the rest of a run for receiveMessageOnPort, in order', async () => {
  const { port1, port2 } = new MessageChannel();
  for (let i = 0; i < 5; i++) port1.postMessage({ i });
  port1.postMessage('after');
  const first = await new Promise((resolve) => {
    function listener(m) {
      port2.off('message', listener);
      resolve(m);
    }
    port2.on('message', listener);
  });
  assert.deepStrictEqual(first, { i: 0 });
  await new Promise((resolve) => setImmediate(resolve));
  const rest = [];
  for (let r = receiveMessageOnPort(port2); r !== undefined; r = receiveMessageOnPort(port2)) rest.push(r.message);
  port2.close();
  assert.deepStrictEqual(rest, [{ i: 1 }, { i: 2 }, { i: 3 }, { i: 4 }, 'after']);
});

test('flat objects arrive whole where code generation from strings is disallowed', () => {
  const script = `
    const { MessageChannel } = require('node:worker_threads');
    const { port1, port2 } = new MessageChannel();
    for (let i = 0; i < 3; i++) port1.postMessage({ i, text: 'x' + i });
    const got = [];
    port2.on('message', (m) => {
      got.push(m);
      if (got.length === 3) { console.log(JSON.stringify(got)); port2.close(); }
    });`;
  const out = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', script], {
    encoding: 'utf8',
    timeout: 30000,
  });
  assert.strictEqual(out.status, 0, out.stderr);
  assert.deepStrictEqual(JSON.parse(out.stdout), [{ i: 0, text: 'x0' }, { i: 1, text: 'x1' }, { i: 2, text: 'x2' }]);
});

test('more distinct shapes than are kept still arrive exactly', async () => {
  const worker = new Worker(echoSource, { eval: true });
  const count = 5000; // past the 4,096 shapes shard keeps
  const got = [];
  const done = new Promise((resolve) => {
    worker.on('message', (m) => {
      got.push(m);
      if (got.length === count) resolve();
    });
  });
  for (let i = 0; i < count; i++) worker.postMessage({ [`key${i}`]: i, tail: 'same' });
  await done;
  await worker.terminate();
  for (let i = 0; i < count; i++) assertSame(got[i], { [`key${i}`]: i, tail: 'same' });
});
