'use strict';
// The global Iterator, Iterator.from and the Iterator.prototype helpers:
// laziness, arguments, closing of the underlying iterator, helper states.
const test = require('node:test');
const assert = require('node:assert');

// An iterator (inheriting from Iterator.prototype) over `values` that logs
// next() and return() calls.
function counting(values, log = []) {
  let i = 0;
  const it = Object.create(Iterator.prototype);
  it.next = function(...args) {
    log.push(`next${args.length ? `(${args})` : ''}`);
    return i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true };
  };
  it.return = function() {
    log.push('return');
    return { done: true };
  };
  return it;
}

test('Iterator is an abstract class', () => {
  assert.throws(() => new Iterator(), { name: 'TypeError', message: 'Abstract class Iterator not directly constructable' });
  assert.throws(() => Iterator(), TypeError);
  class Numbers extends Iterator {
    #n = 0;
    next() { return this.#n < 3 ? { value: this.#n++, done: false } : { value: undefined, done: true }; }
  }
  const numbers = new Numbers();
  assert.ok(numbers instanceof Iterator);
  assert.deepStrictEqual(numbers.map((x) => x * 2).toArray(), [0, 2, 4]);
  assert.ok([].values() instanceof Iterator);
  assert.ok((function*() {})() instanceof Iterator);
});

test('map, filter, take, drop, flatMap are lazy and pass a counter', () => {
  const log = [];
  const seen = [];
  const helper = counting([1, 2, 3, 4], log).map((x, i) => { seen.push(i); return x * 10; });
  assert.deepStrictEqual(log, []);
  assert.deepStrictEqual(helper.next(), { value: 10, done: false });
  assert.deepStrictEqual(log, ['next']);
  assert.deepStrictEqual([...helper], [20, 30, 40]);
  assert.deepStrictEqual(seen, [0, 1, 2, 3]);
  assert.deepStrictEqual(helper.next(), { value: undefined, done: true });

  assert.deepStrictEqual([1, 2, 3, 4, 5].values().filter((x, i) => x % 2 && i < 4).toArray(), [1, 3]);
  assert.deepStrictEqual([1, 2, 3].values().take(2).toArray(), [1, 2]);
  assert.deepStrictEqual([1, 2, 3].values().drop(1).toArray(), [2, 3]);
  assert.deepStrictEqual([1, 2, 3].values().drop(Infinity).toArray(), []);
  assert.deepStrictEqual([1, 2].values().flatMap((x) => [x, x * 10]).toArray(), [1, 10, 2, 20]);
});

test('helpers call next() without arguments', () => {
  const log = [];
  const helper = counting([1], log).map((x) => x);
  helper.next('ignored');
  assert.deepStrictEqual(log, ['next']);
});

test('take closes the underlying iterator when the limit is reached', () => {
  const log = [];
  const taken = counting([1, 2, 3], log).take(1);
  assert.deepStrictEqual(taken.next(), { value: 1, done: false });
  assert.deepStrictEqual(taken.next(), { value: undefined, done: true });
  assert.deepStrictEqual(log, ['next', 'return']);
  const log0 = [];
  assert.deepStrictEqual(counting([1], log0).take(0).toArray(), []);
  assert.deepStrictEqual(log0, ['return']);
});

test('take and drop validate the limit before reading next', () => {
  let nextRead = false;
  const it = { get next() { nextRead = true; return () => ({ done: true }); } };
  assert.throws(() => Iterator.prototype.take.call(it, -1), { name: 'RangeError', message: '-1 must be positive' });
  assert.throws(() => Iterator.prototype.take.call(it, NaN), RangeError);
  assert.throws(() => Iterator.prototype.drop.call(it, 'x'), RangeError);
  assert.strictEqual(nextRead, false);
  Iterator.prototype.take.call(it, 1);
  assert.strictEqual(nextRead, true);
  // Fractions are truncated: -0.5 becomes -0, which is allowed.
  assert.deepStrictEqual([1].values().drop(-0.5).toArray(), [1]);
  assert.deepStrictEqual([1, 2, 3].values().take(1.9).toArray(), [1]);
});

test('argument and receiver validation', () => {
  assert.throws(() => Iterator.prototype.map.call(1, (x) => x), {
    name: 'TypeError', message: 'Iterator.prototype.map called on non-object',
  });
  for (const key of ['map', 'filter', 'flatMap', 'forEach', 'some', 'every', 'find', 'reduce']) {
    assert.throws(() => [].values()[key](1), TypeError, key);
  }
  assert.throws(() => Iterator.prototype.toArray.call(null), TypeError);
  // The callable check does not close the receiver (Node 22).
  const log = [];
  assert.throws(() => counting([1], log).map(null), TypeError);
  assert.deepStrictEqual(log, []);
});

test('return() before the first next() closes without running the body', () => {
  const log = [];
  let mapped = 0;
  const helper = counting([1, 2], log).map(() => mapped++);
  assert.deepStrictEqual(helper.return(), { value: undefined, done: true });
  assert.deepStrictEqual(log, ['return']);
  assert.deepStrictEqual(helper.next(), { value: undefined, done: true });
  assert.strictEqual(mapped, 0);
  // Closing again does not call return on the underlying iterator.
  helper.return();
  assert.deepStrictEqual(log, ['return']);
});

test('return() while suspended closes the underlying iterator once', () => {
  const log = [];
  const helper = counting([1, 2, 3], log).filter(() => true);
  helper.next();
  assert.deepStrictEqual(helper.return(), { value: undefined, done: true });
  assert.deepStrictEqual(log, ['next', 'return']);
  assert.deepStrictEqual(helper.next(), { value: undefined, done: true });
  helper.return();
  assert.deepStrictEqual(log, ['next', 'return']);
});

test('errors from callbacks close the underlying iterator; errors from next do not', () => {
  const log = [];
  const helper = counting([1, 2], log).map(() => { throw new Error('mapper'); });
  assert.throws(() => helper.next(), /mapper/);
  assert.deepStrictEqual(log, ['next', 'return']);
  assert.deepStrictEqual(helper.next(), { value: undefined, done: true });

  const closed = [];
  const broken = { next() { throw new Error('next'); }, return() { closed.push(1); return {}; } };
  assert.throws(() => Iterator.prototype.map.call(broken, (x) => x).next(), /next/);
  assert.deepStrictEqual(closed, []);
});

test('the callback error wins over an error from return()', () => {
  const it = { next: () => ({ value: 1, done: false }), return() { throw new Error('from return'); } };
  assert.throws(() => Iterator.prototype.forEach.call(it, () => { throw new Error('from callback'); }), /from callback/);
});

test('a throwing or non-object return() surfaces when closing normally', () => {
  const bad = { next: () => ({ value: 1, done: false }), return() { return 1; } };
  assert.throws(() => Iterator.prototype.some.call(bad, () => true), TypeError);
  const throwing = { next: () => ({ value: 1, done: false }), return() { throw new Error('r'); } };
  assert.throws(() => Iterator.prototype.find.call(throwing, () => true), /^Error: r$/);
});

test('re-entering a running helper throws', () => {
  let helper;
  helper = [1, 2].values().map(() => helper.next());
  assert.throws(() => helper.next(), { name: 'TypeError', message: 'Generator is already running' });
});

test('helper objects: prototype chain, toStringTag, incompatible receivers', () => {
  const helper = [].values().map((x) => x);
  const proto = Object.getPrototypeOf(helper);
  assert.strictEqual(Object.getPrototypeOf(proto), Iterator.prototype);
  assert.deepStrictEqual(Reflect.ownKeys(proto), ['next', 'return', Symbol.toStringTag]);
  assert.strictEqual(Object.prototype.toString.call(helper), '[object Iterator Helper]');
  assert.strictEqual(Object.getPrototypeOf([].values().take(1)), proto);
  assert.throws(() => proto.next.call({}), TypeError);
  assert.throws(() => proto.return.call([].values()), TypeError);
  assert.strictEqual(helper[Symbol.iterator](), helper);
});

test('flatMap flattens iterables and iterators, rejects primitives (even strings)', () => {
  const iter = { i: 0, next() { return this.i < 2 ? { value: this.i++, done: false } : { done: true }; } };
  assert.deepStrictEqual([0].values().flatMap(() => iter).toArray(), [0, 1]);
  assert.deepStrictEqual([0].values().flatMap(() => new Set(['a', 'b'])).toArray(), ['a', 'b']);
  assert.throws(() => [0].values().flatMap(() => 'ab').next(), TypeError);
  assert.throws(() => [0].values().flatMap(() => 1).next(), TypeError);
});

test('flatMap closes the inner then the outer iterator', () => {
  const log = [];
  const inner = counting(['a', 'b'], log);
  const outerLog = [];
  const helper = counting([1, 2], outerLog).flatMap(() => inner);
  assert.deepStrictEqual(helper.next(), { value: 'a', done: false });
  helper.return();
  assert.deepStrictEqual(log, ['next', 'return']);
  assert.deepStrictEqual(outerLog, ['next', 'return']);
});

test('reduce, with and without an initial value', () => {
  assert.strictEqual([1, 2, 3].values().reduce((a, b) => a + b), 6);
  assert.strictEqual([1, 2, 3].values().reduce((a, b) => a + b, 10), 16);
  const counters = [];
  [5, 6, 7].values().reduce((a, b, i) => { counters.push(i); return a; });
  assert.deepStrictEqual(counters, [1, 2]);
  assert.strictEqual([].values().reduce((a, b) => a + b, 'init'), 'init');
  assert.throws(() => [].values().reduce((a, b) => a), { name: 'TypeError', message: 'Reduce of a done iterator with no initial value' });
  // An explicit undefined is an initial value.
  assert.strictEqual([].values().reduce((a) => a, undefined), undefined);
});

test('toArray, forEach, some, every, find', () => {
  assert.deepStrictEqual(new Map([[1, 2]]).entries().toArray(), [[1, 2]]);
  const seen = [];
  assert.strictEqual([1, 2].values().forEach((v, i) => seen.push([v, i])), undefined);
  assert.deepStrictEqual(seen, [[1, 0], [2, 1]]);
  assert.strictEqual([1, 2, 3].values().some((v) => v === 2), true);
  assert.strictEqual([1, 2, 3].values().some((v) => v === 4), false);
  assert.strictEqual([1, 2, 3].values().every((v) => v < 4), true);
  assert.strictEqual([1, 2, 3].values().every((v) => v < 2), false);
  assert.strictEqual([1, 2, 3].values().find((v) => v > 1), 2);
  assert.strictEqual([1, 2, 3].values().find((v) => v > 5), undefined);
  const log = [];
  assert.strictEqual(counting([1, 2, 3], log).some((v) => v === 1), true);
  assert.deepStrictEqual(log, ['next', 'return']);
});

test('iterator results must be objects', () => {
  const it = { next() { return 1; } };
  assert.throws(() => Iterator.prototype.toArray.call(it), { name: 'TypeError', message: 'Iterator result 1 is not an object' });
});

test('Iterator.from returns iterators that inherit from Iterator.prototype as-is', () => {
  const values = [1].values();
  assert.strictEqual(Iterator.from(values), values);
  assert.deepStrictEqual(Iterator.from('ab').toArray(), ['a', 'b']);
  assert.deepStrictEqual(Iterator.from(new Set([1, 2])).toArray(), [1, 2]);
  assert.throws(() => Iterator.from(1), TypeError);
  assert.throws(() => Iterator.from(null), TypeError);
  assert.throws(() => Iterator.from({ [Symbol.iterator]() { return 1; } }), TypeError);
});

test('Iterator.from wraps other iterators', () => {
  const log = [];
  let i = 0;
  const plain = {
    next(...args) { log.push(['next', args.length]); return { value: i++, done: i > 2 }; },
    return() { log.push(['return']); return { value: 'closed', done: true }; },
  };
  const wrapped = Iterator.from(plain);
  assert.notStrictEqual(wrapped, plain);
  assert.ok(wrapped instanceof Iterator);
  const wrapProto = Object.getPrototypeOf(wrapped);
  assert.deepStrictEqual(Reflect.ownKeys(wrapProto), ['next', 'return']);
  assert.deepStrictEqual(wrapped.next(5), { value: 0, done: false });
  assert.deepStrictEqual(wrapped.return(), { value: 'closed', done: true });
  assert.deepStrictEqual(log, [['next', 0], ['return']]);
  assert.deepStrictEqual(Iterator.from({ next() { return { done: true }; } }).return(), { value: undefined, done: true });
  assert.throws(() => wrapProto.next.call({}), TypeError);
});

test('Iterator.prototype.constructor and @@toStringTag setters', () => {
  const own = Object.create(Iterator.prototype);
  own.constructor = 1;
  own[Symbol.toStringTag] = 'Mine';
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(own, 'constructor'), { value: 1, writable: true, enumerable: true, configurable: true });
  assert.strictEqual(Object.prototype.toString.call(own), '[object Mine]');
  assert.strictEqual(Iterator.prototype.constructor, Iterator);
  assert.throws(() => { 'use strict'; Iterator.prototype.constructor = 5; }, TypeError);
  assert.strictEqual(Object.prototype.toString.call([].values().drop(0)), '[object Iterator Helper]');
});
