'use strict';
// Object.groupBy, Map.groupBy, Promise.withResolvers, Array.fromAsync,
// String.prototype.isWellFormed/toWellFormed.
const test = require('node:test');
const assert = require('node:assert');

test('Object.groupBy groups into a null-prototype object', () => {
  const result = Object.groupBy([1, 2, 3, 4], (x, i) => (x % 2 ? 'odd' : 'even') + (i < 0 ? '!' : ''));
  assert.strictEqual(Object.getPrototypeOf(result), null);
  assert.deepStrictEqual(Object.keys(result), ['odd', 'even']);
  assert.deepStrictEqual(result.odd, [1, 3]);
  assert.deepStrictEqual(result.even, [2, 4]);
  assert.deepStrictEqual(Object.keys(Object.groupBy('abca', (c) => c)), ['a', 'b', 'c']);
  const bySymbol = Object.groupBy([1], () => Symbol.iterator);
  assert.deepStrictEqual(bySymbol[Symbol.iterator], [1]);
  // Keys are property keys: 1 and '1' are the same group.
  assert.deepStrictEqual(Object.groupBy([1, 2], (x) => (x === 1 ? 1 : '1'))['1'], [1, 2]);
  const proto = Object.groupBy([1], () => '__proto__');
  assert.deepStrictEqual(proto.__proto__, [1]);
});

test('Map.groupBy keeps keys as values and normalises -0', () => {
  const a = {};
  const map = Map.groupBy([1, 2, 3], (x) => (x === 2 ? a : -0));
  assert.ok(map instanceof Map);
  assert.deepStrictEqual(map.get(a), [2]);
  assert.deepStrictEqual(map.get(0), [1, 3]);
  assert.ok(Object.is([...map.keys()][0], 0));
});

test('groupBy errors and iterator closing', () => {
  assert.throws(() => Object.groupBy(null, (x) => x), TypeError);
  assert.throws(() => Object.groupBy([1], 1), { name: 'TypeError', message: '1 is not a function' });
  assert.throws(() => Map.groupBy(1, (x) => x), { name: 'TypeError', message: /number 1 is not iterable/ });
  assert.throws(() => Object.groupBy({}, (x) => x), TypeError);
  const log = [];
  const iterable = {
    [Symbol.iterator]() {
      return { next: () => ({ value: 1, done: false }), return() { log.push('return'); return {}; } };
    },
  };
  assert.throws(() => Object.groupBy(iterable, () => { throw new Error('cb'); }), /cb/);
  assert.deepStrictEqual(log, ['return']);
  // A key whose conversion throws also closes the iterator.
  assert.throws(() => Object.groupBy(iterable, () => ({ toString() { throw new Error('key'); } })), /key/);
  assert.deepStrictEqual(log, ['return', 'return']);
});

test('Promise.withResolvers', async () => {
  const { promise, resolve, reject } = Promise.withResolvers();
  assert.ok(promise instanceof Promise);
  assert.strictEqual(typeof resolve, 'function');
  assert.strictEqual(typeof reject, 'function');
  resolve(42);
  assert.strictEqual(await promise, 42);
  const second = Promise.withResolvers();
  second.reject(new Error('no'));
  await assert.rejects(second.promise, /no/);
  assert.deepStrictEqual(Object.keys(second), ['promise', 'resolve', 'reject']);
});

test('Promise.withResolvers uses this as the constructor', () => {
  class MyPromise extends Promise {}
  const { promise } = MyPromise.withResolvers();
  assert.ok(promise instanceof MyPromise);
  let executorLength;
  function Thenable(executor) { executorLength = executor.length; executor(() => {}, () => {}); }
  const r = Promise.withResolvers.call(Thenable);
  assert.ok(r.promise instanceof Thenable);
  assert.strictEqual(executorLength, 2);
  assert.throws(() => Promise.withResolvers.call(undefined), { name: 'TypeError', message: 'Promise.withResolvers called on non-object' });
  assert.throws(() => Promise.withResolvers.call({}), TypeError);
  assert.throws(() => Promise.withResolvers.call(function() {}), {
    name: 'TypeError', message: 'Promise resolve or reject function is not callable',
  });
  assert.throws(() => Promise.withResolvers.call(function(executor) { executor(1, 2); executor(3, 4); }), TypeError);
});

test('Array.fromAsync with async iterables, sync iterables and array-likes', async () => {
  async function* gen() { yield 1; yield Promise.resolve(2); }
  assert.deepStrictEqual(await Array.fromAsync(gen()), [1, 2]);
  assert.deepStrictEqual(await Array.fromAsync([Promise.resolve(1), 2]), [1, 2]);
  assert.deepStrictEqual(await Array.fromAsync({ length: 2, 0: 'a', 1: Promise.resolve('b') }), ['a', 'b']);
  assert.deepStrictEqual(await Array.fromAsync([1, 2], (x, i) => Promise.resolve(x * 10 + i)), [10, 21]);
  const self = {};
  let seenThis;
  await Array.fromAsync([1], function() { seenThis = this; }, self);
  assert.strictEqual(seenThis, self);
});

test('Array.fromAsync returns a promise even for bad arguments', async () => {
  const p = Array.fromAsync(null);
  assert.ok(p instanceof Promise);
  await assert.rejects(p, TypeError);
  await assert.rejects(Array.fromAsync([1], 1), { name: 'TypeError', message: '1 is not a function' });
});

test('Array.fromAsync constructs with this when it is a constructor', async () => {
  class Box { constructor(...args) { this.args = args; } }
  const fromIterable = await Array.fromAsync.call(Box, [1, 2]);
  assert.ok(fromIterable instanceof Box);
  assert.deepStrictEqual(fromIterable.args, []);
  assert.strictEqual(fromIterable.length, 2);
  assert.strictEqual(fromIterable[1], 2);
  const fromArrayLike = await Array.fromAsync.call(Box, { length: 1, 0: 'x' });
  assert.deepStrictEqual(fromArrayLike.args, [1]);
  const plain = await Array.fromAsync.call({}, [1]);
  assert.ok(Array.isArray(plain));
});

test('Array.fromAsync closes the iterator when the mapper throws', async () => {
  const log = [];
  const iterable = {
    [Symbol.asyncIterator]() {
      return {
        next: async () => ({ value: 1, done: false }),
        return: async () => { log.push('return'); return {}; },
      };
    },
  };
  await assert.rejects(Array.fromAsync(iterable, () => { throw new Error('map'); }), /map/);
  assert.deepStrictEqual(log, ['return']);
});

test('Array.fromAsync prefers @@asyncIterator and reads it once', async () => {
  let reads = 0;
  const iterable = {
    get [Symbol.asyncIterator]() {
      reads++;
      return async function*() { yield 'async'; };
    },
    [Symbol.iterator]() { throw new Error('sync used'); },
  };
  assert.deepStrictEqual(await Array.fromAsync(iterable), ['async']);
  assert.strictEqual(reads, 1);
});

test('isWellFormed and toWellFormed', () => {
  assert.strictEqual('abc'.isWellFormed(), true);
  assert.strictEqual('a\u{1F600}b'.isWellFormed(), true);
  assert.strictEqual('a\ud800b'.isWellFormed(), false);
  assert.strictEqual('\udc00'.isWellFormed(), false);
  assert.strictEqual('\ud83d'.isWellFormed(), false);
  assert.strictEqual(''.isWellFormed(), true);
  assert.strictEqual('a\ud800b\udc00'.toWellFormed(), 'a\ufffdb\ufffd');
  assert.strictEqual('\udc00\ud800'.toWellFormed(), '\ufffd\ufffd');
  assert.strictEqual('\ud83d\ude00\ud83d'.toWellFormed(), '\ud83d\ude00\ufffd');
  assert.strictEqual('ok'.toWellFormed(), 'ok');
  assert.strictEqual(String.prototype.toWellFormed.call(12), '12');
  assert.strictEqual(String.prototype.isWellFormed.call({ toString() { return '\ud800'; } }), false);
  assert.throws(() => String.prototype.isWellFormed.call(null), TypeError);
  assert.throws(() => String.prototype.toWellFormed.call(undefined), TypeError);
  assert.throws(() => String.prototype.toWellFormed.call(Symbol('x')), TypeError);
});
