'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { inspect } = require('node:util');
const { getEventListeners } = require('node:events');

test('abort() fires one trusted abort event and keeps the first reason', () => {
  const ac = new AbortController();
  const { signal } = ac;
  const seen = [];
  signal.onabort = (e) => seen.push(['onabort', e.type, e.isTrusted, e.target === signal]);
  signal.addEventListener('abort', () => seen.push(['listener', signal.aborted]));
  assert.strictEqual(signal.aborted, false);
  assert.strictEqual(signal.reason, undefined);
  ac.abort(42);
  ac.abort(43);
  assert.deepStrictEqual(seen, [['onabort', 'abort', true, true], ['listener', true]]);
  assert.strictEqual(signal.reason, 42);
  assert.throws(() => signal.throwIfAborted(), (err) => err === 42);
});

test('the default reason is an AbortError DOMException', () => {
  const ac = new AbortController();
  ac.abort();
  const { reason } = ac.signal;
  assert.ok(reason instanceof DOMException);
  assert.ok(reason instanceof Error);
  assert.strictEqual(reason.name, 'AbortError');
  assert.strictEqual(reason.code, 20);
  assert.strictEqual(reason.message, 'This operation was aborted');
  const s = AbortSignal.abort();
  assert.strictEqual(s.aborted, true);
  assert.strictEqual(s.reason.name, 'AbortError');
  assert.strictEqual(AbortSignal.abort('why').reason, 'why');
  // An explicit undefined reason also gets the default.
  const u = new AbortController();
  u.abort(undefined);
  assert.strictEqual(u.signal.reason.name, 'AbortError');
});

test('onabort keeps its place and can be replaced or cleared', () => {
  const ac = new AbortController();
  const seen = [];
  ac.signal.onabort = () => seen.push('first');
  ac.signal.addEventListener('abort', () => seen.push('listener'));
  ac.signal.onabort = () => seen.push('second');
  assert.strictEqual(getEventListeners(ac.signal, 'abort').length, 2);
  ac.abort();
  assert.deepStrictEqual(seen, ['second', 'listener']);

  const ac2 = new AbortController();
  let called = false;
  ac2.signal.onabort = () => { called = true; };
  ac2.signal.onabort = null;
  assert.strictEqual(ac2.signal.onabort, null);
  ac2.abort();
  assert.strictEqual(called, false);
});

test('AbortSignal.timeout aborts with a TimeoutError and does not hold the loop', async () => {
  const signal = AbortSignal.timeout(5);
  assert.strictEqual(signal.aborted, false);
  // The signal's timer is unref'd: something else must keep the loop alive.
  const keepAlive = setInterval(() => {}, 1000);
  await new Promise((resolve) => signal.addEventListener('abort', resolve));
  clearInterval(keepAlive);
  assert.strictEqual(signal.aborted, true);
  assert.ok(signal.reason instanceof DOMException);
  assert.strictEqual(signal.reason.name, 'TimeoutError');
  assert.strictEqual(signal.reason.code, 23);
  assert.strictEqual(signal.reason.message, 'The operation was aborted due to timeout');
  assert.throws(() => AbortSignal.timeout(-1), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => AbortSignal.timeout('1'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('AbortSignal.any follows the first source to abort', () => {
  const a = new AbortController();
  const b = new AbortController();
  const any = AbortSignal.any([a.signal, b.signal]);
  const seen = [];
  a.signal.addEventListener('abort', () => seen.push(['source', any.aborted]));
  any.addEventListener('abort', () => seen.push(['any', any.reason]));
  b.abort('b');
  a.abort('a');
  assert.deepStrictEqual(seen, [['any', 'b'], ['source', true]]);
  assert.strictEqual(any.reason, 'b');
});

test('AbortSignal.any of an aborted signal is aborted at once', () => {
  const s = AbortSignal.any([new AbortController().signal, AbortSignal.abort(1), AbortSignal.abort(2)]);
  assert.strictEqual(s.aborted, true);
  assert.strictEqual(s.reason, 1);
  assert.strictEqual(AbortSignal.any([]).aborted, false);
});

test('AbortSignal.any of composites depends on their sources', () => {
  const a = new AbortController();
  const inner = AbortSignal.any([a.signal]);
  const outer = AbortSignal.any([inner]);
  a.abort('x');
  assert.strictEqual(inner.reason, 'x');
  assert.strictEqual(outer.reason, 'x');
});

test('AbortSignal.any validates its argument', () => {
  assert.throws(() => AbortSignal.any([1]), { code: 'ERR_INVALID_ARG_TYPE', message: /signals\[0\]/ });
  assert.throws(() => AbortSignal.any(1), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('constructors and brand checks', () => {
  assert.throws(() => new AbortSignal(), { code: 'ERR_ILLEGAL_CONSTRUCTOR', name: 'TypeError' });
  const aborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get;
  assert.throws(() => aborted.call({}), { code: 'ERR_INVALID_THIS' });
  assert.throws(() => AbortController.prototype.abort.call({}), TypeError);
  assert.ok(new AbortController().signal instanceof EventTarget);
  assert.strictEqual(Object.prototype.toString.call(new AbortController().signal), '[object AbortSignal]');
  assert.strictEqual(Object.prototype.toString.call(new AbortController()), '[object AbortController]');
});

test('inspect output', () => {
  const ac = new AbortController();
  assert.strictEqual(inspect(ac), 'AbortController { signal: AbortSignal { aborted: false } }');
  ac.abort();
  assert.strictEqual(inspect(ac.signal), 'AbortSignal { aborted: true }');
});

test('events.addAbortListener runs once on abort', async () => {
  const { addAbortListener } = require('node:events');
  const ac = new AbortController();
  let n = 0;
  const disposable = addAbortListener(ac.signal, () => n++);
  ac.signal.addEventListener('abort', (e) => e.stopImmediatePropagation(), { capture: false });
  ac.abort();
  assert.strictEqual(n, 1);
  assert.strictEqual(typeof disposable[Symbol.dispose ?? Symbol.for('nodejs.dispose')], 'function');
  // Already aborted: the listener runs on a microtask.
  let late = 0;
  addAbortListener(ac.signal, () => late++);
  assert.strictEqual(late, 0);
  await null;
  assert.strictEqual(late, 1);
});

test('util.aborted resolves on abort; bad arguments reject', async () => {
  const { aborted } = require('node:util');
  const ac = new AbortController();
  const resource = {};
  const p = aborted(ac.signal, resource);
  assert.ok(p instanceof Promise);
  let settled = false;
  p.then(() => { settled = true; });
  await null;
  assert.strictEqual(settled, false);
  ac.abort();
  await p;
  assert.strictEqual(settled, true);
  await aborted(AbortSignal.abort(), resource);
  await assert.rejects(aborted(ac.signal, 1), { code: 'ERR_INVALID_ARG_TYPE' });
  await assert.rejects(aborted(undefined, resource), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('util.transferableAbortSignal and transferableAbortController', () => {
  const { transferableAbortSignal, transferableAbortController } = require('node:util');
  const ac = transferableAbortController();
  assert.ok(ac instanceof AbortController);
  const signal = new AbortController().signal;
  assert.strictEqual(transferableAbortSignal(signal), signal);
  assert.throws(() => transferableAbortSignal({}), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('signals take many listeners without a leak warning', async () => {
  const { getMaxListeners } = require('node:events');
  const ac = new AbortController();
  assert.strictEqual(getMaxListeners(ac.signal), 0);
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    for (let i = 0; i < 20; i++) ac.signal.addEventListener('abort', () => {});
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.removeListener('warning', onWarning);
  }
  assert.deepStrictEqual(warnings, []);
});
