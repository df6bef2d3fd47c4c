'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const EventEmitter = require('node:events');
const { once, on, getEventListeners, getMaxListeners, listenerCount } = EventEmitter;

test('emit calls listeners in order with arguments and this', () => {
  const ee = new EventEmitter();
  const seen = [];
  ee.on('x', function (a, b) { seen.push(['on', this === ee, a, b]); });
  ee.prependListener('x', () => seen.push('prepended'));
  assert.strictEqual(ee.emit('x', 1, 2), true);
  assert.strictEqual(ee.emit('nothing'), false);
  assert.deepStrictEqual(seen, ['prepended', ['on', true, 1, 2]]);
});

test('a listener removed during emit still runs in that emit', () => {
  const ee = new EventEmitter();
  const seen = [];
  const b = () => seen.push('b');
  ee.on('x', () => { seen.push('a'); ee.removeListener('x', b); });
  ee.on('x', b);
  ee.emit('x');
  ee.emit('x');
  assert.deepStrictEqual(seen, ['a', 'b', 'a']);
});

test('once and prependOnceListener', () => {
  const ee = new EventEmitter();
  const seen = [];
  ee.once('x', (v) => seen.push(['once', v]));
  ee.prependOnceListener('x', (v) => seen.push(['first', v]));
  ee.emit('x', 1);
  ee.emit('x', 2);
  assert.deepStrictEqual(seen, [['first', 1], ['once', 1]]);
  const f = () => {};
  ee.once('y', f);
  assert.deepStrictEqual(ee.listeners('y'), [f]);
  assert.notStrictEqual(ee.rawListeners('y')[0], f);
  assert.strictEqual(ee.rawListeners('y')[0].listener, f);
  ee.removeListener('y', f);
  assert.strictEqual(ee.listenerCount('y'), 0);
});

test('error events', () => {
  const ee = new EventEmitter();
  const err = new Error('boom');
  assert.throws(() => ee.emit('error', err), (e) => e === err);
  assert.throws(() => ee.emit('error', 'text'), { code: 'ERR_UNHANDLED_ERROR', message: "Unhandled error. ('text')" });
  const monitored = [];
  ee.on(EventEmitter.errorMonitor, (e) => monitored.push(e));
  assert.throws(() => ee.emit('error', err));
  assert.deepStrictEqual(monitored, [err]);
  ee.on('error', () => {});
  assert.strictEqual(ee.emit('error', err), true);
});

test('newListener and removeListener events', () => {
  const ee = new EventEmitter();
  const seen = [];
  const f = () => {};
  ee.on('newListener', (type, listener) => seen.push(['new', type, listener === f, ee.listenerCount(type)]));
  ee.on('removeListener', (type, listener) => seen.push(['remove', type, listener === f]));
  ee.on('x', f);
  ee.off('x', f);
  assert.deepStrictEqual(seen, [['new', 'removeListener', false, 0], ['new', 'x', true, 0], ['remove', 'x', true]]);
});

test('eventNames, listenerCount and removeAllListeners', () => {
  const ee = new EventEmitter();
  const sym = Symbol('s');
  const f = () => {};
  ee.on('a', f);
  ee.on('a', f);
  ee.on(sym, () => {});
  assert.deepStrictEqual(ee.eventNames(), ['a', sym]);
  assert.strictEqual(ee.listenerCount('a'), 2);
  assert.strictEqual(ee.listenerCount('a', f), 2);
  assert.strictEqual(listenerCount(ee, 'a'), 2);
  ee.removeAllListeners('a');
  assert.deepStrictEqual(ee.eventNames(), [sym]);
  ee.removeAllListeners();
  assert.deepStrictEqual(ee.eventNames(), []);
});

test('the leak warning names the emitter and the event', async () => {
  const ee = new EventEmitter();
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    for (let i = 0; i < 11; i++) ee.on('data', () => {});
    for (let i = 0; i < 5; i++) ee.on('data', () => {});
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.removeListener('warning', onWarning);
  }
  assert.strictEqual(warnings.length, 1);
  assert.strictEqual(warnings[0].name, 'MaxListenersExceededWarning');
  assert.strictEqual(warnings[0].emitter, ee);
  assert.strictEqual(warnings[0].count, 11);
  assert.match(warnings[0].message, /^Possible EventEmitter memory leak detected\. 11 data listeners added to \[EventEmitter\]/);
  assert.strictEqual(ee.getMaxListeners(), 10);
  assert.strictEqual(getMaxListeners(ee), 10);
  ee.setMaxListeners(0);
  assert.strictEqual(ee.getMaxListeners(), 0);
  assert.throws(() => ee.setMaxListeners(-1), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => ee.on('x', 1), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('captureRejections routes rejected listeners to error', async () => {
  const ee = new EventEmitter({ captureRejections: true });
  const got = new Promise((resolve) => ee.on('error', resolve));
  ee.on('x', async () => { throw new Error('rejected'); });
  ee.emit('x');
  const err = await got;
  assert.strictEqual(err.message, 'rejected');
});

test('events.once resolves with the arguments and rejects on error', async () => {
  const ee = new EventEmitter();
  process.nextTick(() => ee.emit('ready', 1, 2));
  assert.deepStrictEqual(await once(ee, 'ready'), [1, 2]);
  process.nextTick(() => ee.emit('error', new Error('bad')));
  await assert.rejects(once(ee, 'ready'), { message: 'bad' });
  assert.strictEqual(ee.listenerCount('ready'), 0);
  assert.strictEqual(ee.listenerCount('error'), 0);
});

test('events.once honours an AbortSignal', async () => {
  const ee = new EventEmitter();
  const ac = new AbortController();
  const p = once(ee, 'never', { signal: ac.signal });
  ac.abort();
  await assert.rejects(p, { name: 'AbortError', code: 'ABORT_ERR' });
  assert.strictEqual(ee.listenerCount('never'), 0);
  await assert.rejects(once(ee, 'never', { signal: AbortSignal.abort() }), { name: 'AbortError' });
});

test('events.on iterates events until break', async () => {
  const ee = new EventEmitter();
  process.nextTick(() => {
    ee.emit('v', 1);
    ee.emit('v', 2);
    ee.emit('v', 3);
  });
  const got = [];
  for await (const [v] of on(ee, 'v')) {
    got.push(v);
    if (v === 3) break;
  }
  assert.deepStrictEqual(got, [1, 2, 3]);
  assert.strictEqual(ee.listenerCount('v'), 0);
  assert.strictEqual(ee.listenerCount('error'), 0);
});

test('events.on rejects on error', async () => {
  const ee = new EventEmitter();
  process.nextTick(() => ee.emit('error', new Error('stream broke')));
  await assert.rejects(async () => {
    for await (const x of on(ee, 'v')) void x;
  }, { message: 'stream broke' });
});

test('getEventListeners works for emitters and targets', () => {
  const ee = new EventEmitter();
  const f = () => {};
  ee.on('x', f);
  assert.deepStrictEqual(getEventListeners(ee, 'x'), [f]);
  const et = new EventTarget();
  et.addEventListener('x', f);
  assert.deepStrictEqual(getEventListeners(et, 'x'), [f]);
  assert.deepStrictEqual(getEventListeners(et, 'y'), []);
});

test('subclassing and EventEmitter.call', () => {
  function Legacy() { EventEmitter.call(this); }
  Object.setPrototypeOf(Legacy.prototype, EventEmitter.prototype);
  const l = new Legacy();
  let got;
  l.on('x', (v) => { got = v; });
  l.emit('x', 5);
  assert.strictEqual(got, 5);
  class Modern extends EventEmitter {}
  const m = new Modern();
  assert.ok(m instanceof EventEmitter);
  assert.strictEqual(EventEmitter.EventEmitter, EventEmitter);
  assert.strictEqual(EventEmitter.defaultMaxListeners, 10);
});
