'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { getEventListeners, setMaxListeners, once } = require('node:events');
const { inspect } = require('node:util');

test('listeners run in registration order with the target as this', () => {
  const et = new EventTarget();
  const seen = [];
  et.addEventListener('x', function (e) {
    seen.push(['a', this === et, e.target === et, e.currentTarget === et, e.eventPhase]);
  });
  et.addEventListener('x', () => seen.push('b'), true);
  et.addEventListener('x', () => seen.push('c'));
  const ev = new Event('x');
  assert.strictEqual(et.dispatchEvent(ev), true);
  assert.deepStrictEqual(seen, [['a', true, true, true, Event.AT_TARGET], 'b', 'c']);
  assert.strictEqual(ev.eventPhase, Event.NONE);
  assert.strictEqual(ev.currentTarget, null);
  assert.strictEqual(ev.target, et);
  assert.deepStrictEqual(ev.composedPath(), []);
});

test('a listener is registered once per capture flag', () => {
  const et = new EventTarget();
  let n = 0;
  const f = () => n++;
  et.addEventListener('x', f);
  et.addEventListener('x', f);
  et.addEventListener('x', f, { capture: true });
  et.dispatchEvent(new Event('x'));
  assert.strictEqual(n, 2);
  et.removeEventListener('x', f);
  et.dispatchEvent(new Event('x'));
  assert.strictEqual(n, 3);
  et.removeEventListener('x', f, { capture: true });
  et.dispatchEvent(new Event('x'));
  assert.strictEqual(n, 3);
});

test('once listeners run a single time', () => {
  const et = new EventTarget();
  let n = 0;
  et.addEventListener('x', () => n++, { once: true });
  et.dispatchEvent(new Event('x'));
  et.dispatchEvent(new Event('x'));
  assert.strictEqual(n, 1);
  assert.deepStrictEqual(getEventListeners(et, 'x'), []);
});

test('removal and addition during a dispatch', () => {
  const et = new EventTarget();
  const seen = [];
  const b = () => seen.push('b');
  et.addEventListener('x', () => {
    seen.push('a');
    et.removeEventListener('x', b);
    et.addEventListener('x', () => seen.push('late'));
  });
  et.addEventListener('x', b);
  et.addEventListener('x', () => seen.push('c'));
  et.dispatchEvent(new Event('x'));
  // b was removed before its turn; the listener added while the list had
  // not ended runs in the same dispatch, as in Node.
  assert.deepStrictEqual(seen, ['a', 'c', 'late']);
});

test('stopImmediatePropagation stops later listeners', () => {
  const et = new EventTarget();
  const seen = [];
  et.addEventListener('x', (e) => {
    seen.push('a');
    e.stopImmediatePropagation();
    seen.push(e.cancelBubble);
  });
  et.addEventListener('x', () => seen.push('b'));
  et.dispatchEvent(new Event('x'));
  assert.deepStrictEqual(seen, ['a', true]);
});

test('stopPropagation does not stop listeners of the same target', () => {
  const et = new EventTarget();
  let n = 0;
  et.addEventListener('x', (e) => { e.stopPropagation(); n++; });
  et.addEventListener('x', () => n++);
  const e = new Event('x');
  et.dispatchEvent(e);
  assert.strictEqual(n, 2);
  assert.strictEqual(e.cancelBubble, true);
});

test('preventDefault only for cancelable events outside passive listeners', () => {
  const et = new EventTarget();
  et.addEventListener('p', (e) => e.preventDefault(), { passive: true });
  const p = new Event('p', { cancelable: true });
  assert.strictEqual(et.dispatchEvent(p), true);
  assert.strictEqual(p.defaultPrevented, false);

  et.addEventListener('c', (e) => e.preventDefault());
  const c = new Event('c', { cancelable: true });
  assert.strictEqual(et.dispatchEvent(c), false);
  assert.strictEqual(c.defaultPrevented, true);
  assert.strictEqual(c.returnValue, false);

  const n = new Event('c');
  assert.strictEqual(et.dispatchEvent(n), true);
  assert.strictEqual(n.defaultPrevented, false);
});

test('handleEvent objects are called with themselves as this', () => {
  const et = new EventTarget();
  const seen = [];
  const listener = {
    handleEvent(e) { seen.push([this === listener, e.type]); },
  };
  et.addEventListener('x', listener);
  et.addEventListener('x', {}); // no handleEvent: skipped silently
  et.dispatchEvent(new Event('x'));
  assert.deepStrictEqual(seen, [[true, 'x']]);
  assert.deepStrictEqual(getEventListeners(et, 'x').length, 2);
});

test('the signal option removes the listener on abort', () => {
  const et = new EventTarget();
  const ac = new AbortController();
  let n = 0;
  et.addEventListener('x', () => n++, { signal: ac.signal });
  et.dispatchEvent(new Event('x'));
  ac.abort();
  et.dispatchEvent(new Event('x'));
  et.addEventListener('x', () => n++, { signal: ac.signal });
  et.dispatchEvent(new Event('x'));
  assert.strictEqual(n, 1);
});

test('an event being dispatched cannot be dispatched again', () => {
  const et = new EventTarget();
  const e = new Event('x');
  let err;
  et.addEventListener('x', () => {
    try { et.dispatchEvent(e); } catch (error) { err = error; }
  });
  et.dispatchEvent(e);
  assert.strictEqual(err.code, 'ERR_EVENT_RECURSION');
  assert.match(err.message, /The event "x" is already being dispatched/);
  // After the dispatch it may be dispatched again.
  et.dispatchEvent(e);
});

test('listener exceptions become uncaught exceptions on the next tick', async () => {
  const et = new EventTarget();
  const after = [];
  et.addEventListener('x', () => { throw new Error('sync boom'); });
  et.addEventListener('x', async () => { throw new Error('async boom'); });
  et.addEventListener('x', () => after.push('ran'));
  const errors = [];
  const saved = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  const onError = (err) => errors.push(err.message);
  process.on('uncaughtException', onError);
  try {
    assert.strictEqual(et.dispatchEvent(new Event('x')), true);
    assert.deepStrictEqual(after, ['ran']);
    assert.deepStrictEqual(errors, []);
    await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    process.removeListener('uncaughtException', onError);
    for (const l of saved) process.on('uncaughtException', l);
  }
  assert.deepStrictEqual(errors.sort(), ['async boom', 'sync boom']);
});

test('argument validation', () => {
  const et = new EventTarget();
  assert.throws(() => et.addEventListener('x'), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => et.addEventListener('x', 1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => et.addEventListener('x', () => {}, 5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => et.addEventListener('x', () => {}, { signal: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => et.removeEventListener('x'), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => et.dispatchEvent(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => et.dispatchEvent({ type: 'x' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => EventTarget.prototype.addEventListener.call({}, 'x', () => {}), { code: 'ERR_INVALID_THIS' });
  assert.throws(() => new Event(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => new Event('x', 1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => Event.prototype.type, { code: 'ERR_INVALID_THIS' });
  assert.throws(() => new Event(Symbol('s')), TypeError);
});

test('Event properties', () => {
  const e = new Event('foo', { cancelable: true, bubbles: 1, composed: true });
  assert.strictEqual(e.type, 'foo');
  assert.strictEqual(e.bubbles, true);
  assert.strictEqual(e.composed, true);
  assert.strictEqual(e.cancelable, true);
  assert.strictEqual(e.isTrusted, false);
  assert.strictEqual(typeof e.timeStamp, 'number');
  assert.strictEqual(e.srcElement, null);
  assert.strictEqual(Object.prototype.toString.call(e), '[object Event]');
  assert.deepStrictEqual(Object.keys(e), []);
  assert.strictEqual(Event.AT_TARGET, 2);
  assert.strictEqual(e.AT_TARGET, undefined);
  e.returnValue = false;
  assert.strictEqual(e.defaultPrevented, true);
  e.initEvent('bar');
  assert.strictEqual(e.type, 'bar');
  assert.strictEqual(new Event(1).type, '1');
  assert.match(inspect(new Event('bar')), /^Event \{\s+type: 'bar',\s+defaultPrevented: false,\s+cancelable: false,\s+timeStamp: [\d.]+\s+\}$/);
  assert.strictEqual(inspect(new EventTarget()), 'EventTarget {}');
});

test('CustomEvent carries detail', () => {
  const ce = new CustomEvent('c', { detail: { a: 1 } });
  assert.deepStrictEqual(ce.detail, { a: 1 });
  assert.strictEqual(new CustomEvent('c').detail, null);
  assert.ok(ce instanceof Event);
  assert.strictEqual(Object.prototype.toString.call(ce), '[object CustomEvent]');
  assert.throws(() => new CustomEvent(), { code: 'ERR_MISSING_ARGS' });
});

test('MaxListenersExceededWarning for EventTarget', async () => {
  class Foo extends EventTarget {}
  const foo = new Foo();
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    for (let i = 0; i < 11; i++) foo.addEventListener('q', () => {});
    for (let i = 0; i < 11; i++) foo.addEventListener('r', () => {}); // warned once per target
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.removeListener('warning', onWarning);
  }
  assert.strictEqual(warnings.length, 1);
  const [w] = warnings;
  assert.strictEqual(w.name, 'MaxListenersExceededWarning');
  assert.strictEqual(w.target, foo);
  assert.strictEqual(w.type, 'q');
  assert.strictEqual(w.count, 11);
  assert.strictEqual(w.message, 'Possible EventTarget memory leak detected. 11 q listeners added to Foo. ' +
    'MaxListeners is 10. Use events.setMaxListeners() to increase limit');

  const quiet = new EventTarget();
  setMaxListeners(20, quiet);
  process.on('warning', onWarning);
  try {
    for (let i = 0; i < 15; i++) quiet.addEventListener('q', () => {});
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.removeListener('warning', onWarning);
  }
  assert.strictEqual(warnings.length, 1);
});

test('events.once works with an EventTarget', async () => {
  const et = new EventTarget();
  setImmediate(() => et.dispatchEvent(new Event('ready')));
  const [ev] = await once(et, 'ready');
  assert.strictEqual(ev.type, 'ready');
});

test('subclasses dispatch to their own listeners', () => {
  class Emitterish extends EventTarget {
    fire() { return this.dispatchEvent(new CustomEvent('fire', { detail: 42 })); }
  }
  const t = new Emitterish();
  let got;
  t.addEventListener('fire', (e) => { got = e.detail; });
  t.fire();
  assert.strictEqual(got, 42);
});

test('a signal does not keep alive the targets whose listeners it can remove', async () => {
  const v8 = require('node:v8');
  const vm = require('node:vm');
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  const ac = new AbortController();
  (function addMany() {
    for (let i = 0; i < 100; i++) {
      new EventTarget().addEventListener('x', () => {}, { signal: ac.signal });
    }
  })();
  assert.strictEqual(getEventListeners(ac.signal, 'abort').length, 100);
  // Reading the listeners derefs their WeakRefs, which keeps the targets for
  // the rest of that job: collect in a later turn, then look.
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  let left = 100;
  for (let i = 0; i < 10 && left > 0; i++) {
    await turn();
    gc();
    await turn();
    left = getEventListeners(ac.signal, 'abort').length;
  }
  assert.strictEqual(left, 0);
  ac.abort();
});
