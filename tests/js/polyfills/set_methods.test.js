'use strict';
// Set.prototype union/intersection/difference/symmetricDifference/
// isSubsetOf/isSupersetOf/isDisjointFrom with GetSetRecord semantics.
const test = require('node:test');
const assert = require('node:assert');

// A set-like whose every access is logged.
function setLike(values, log, size = values.length) {
  return {
    get size() { log.push('size'); return size; },
    get has() {
      log.push('get has');
      return (v) => { log.push(`has(${v})`); return values.includes(v); };
    },
    get keys() {
      log.push('get keys');
      return () => {
        log.push('keys()');
        let i = 0;
        return {
          get next() {
            log.push('get next');
            return () => {
              log.push('next()');
              return i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true };
            };
          },
          return() { log.push('return()'); return {}; },
        };
      };
    },
  };
}

const sorted = (set) => [...set].sort();

test('results with Sets', () => {
  const a = new Set([1, 2, 3]);
  const b = new Set([3, 4]);
  assert.deepStrictEqual([...a.union(b)], [1, 2, 3, 4]);
  assert.deepStrictEqual([...a.intersection(b)], [3]);
  assert.deepStrictEqual([...a.difference(b)], [1, 2]);
  assert.deepStrictEqual([...a.symmetricDifference(b)], [1, 2, 4]);
  assert.strictEqual(new Set([1]).isSubsetOf(a), true);
  assert.strictEqual(a.isSubsetOf(b), false);
  assert.strictEqual(a.isSupersetOf(new Set([1, 2])), true);
  assert.strictEqual(a.isSupersetOf(b), false);
  assert.strictEqual(a.isDisjointFrom(new Set([7])), true);
  assert.strictEqual(a.isDisjointFrom(b), false);
  assert.deepStrictEqual([...a], [1, 2, 3]);
});

test('results are plain Sets, even from subclasses', () => {
  class MySet extends Set {}
  const a = new MySet([1]);
  for (const key of ['union', 'intersection', 'difference', 'symmetricDifference']) {
    const result = a[key](new Set([1, 2]));
    assert.strictEqual(Object.getPrototypeOf(result), Set.prototype, key);
  }
});

test('works with Maps as the argument (keys, has, size)', () => {
  const map = new Map([[1, 'a'], [5, 'b']]);
  assert.deepStrictEqual(sorted(new Set([1, 2]).union(map)), [1, 2, 5]);
  assert.deepStrictEqual([...new Set([1, 2]).intersection(map)], [1]);
});

test('GetSetRecord reads size, has, keys in order and validates them', () => {
  const log = [];
  new Set([1]).union(setLike([2], log));
  assert.deepStrictEqual(log, ['size', 'get has', 'get keys', 'keys()', 'get next', 'next()', 'next()']);
  assert.throws(() => new Set().union(1), { name: 'TypeError', message: 'Set.prototype.union argument must be an object' });
  assert.throws(() => new Set().union({}), { name: 'TypeError', message: 'The .size property is NaN' });
  assert.throws(() => new Set().union({ size: -1, has() {}, keys() {} }), RangeError);
  assert.throws(() => new Set().union({ size: 1 }), TypeError);
  assert.throws(() => new Set().union({ size: 1, has() {} }), TypeError);
  assert.throws(() => new Set().union({ size: 1n, has() {}, keys() {} }), TypeError);
  assert.throws(() => new Set().union({ size: 1, has() {}, keys() { return 1; } }), {
    name: 'TypeError', message: 'Result of the keys method is not an object',
  });
  // size may be a string or Infinity.
  assert.strictEqual(new Set([1]).isSubsetOf({ size: '5', has: () => true, keys() {} }), true);
  assert.strictEqual(new Set([1]).isSubsetOf({ size: Infinity, has: () => true, keys() {} }), true);
});

test('the receiver must be a Set', () => {
  assert.throws(() => Set.prototype.union.call({}, new Set()), {
    name: 'TypeError', message: 'Method Set.prototype.union called on incompatible receiver #<Object>',
  });
  assert.throws(() => Set.prototype.isSubsetOf.call(new Map(), new Set()), TypeError);
});

test('intersection: this smaller uses has, larger uses keys', () => {
  let log = [];
  const small = new Set([1, 2]);
  assert.deepStrictEqual([...small.intersection(setLike([2, 3, 4], log))], [2]);
  assert.deepStrictEqual(log, ['size', 'get has', 'get keys', 'has(1)', 'has(2)']);
  log = [];
  const big = new Set([1, 2, 3, 4]);
  assert.deepStrictEqual([...big.intersection(setLike([4, 2], log))], [4, 2]);
  assert.deepStrictEqual(log.includes('has(4)'), false);
  assert.ok(log.includes('keys()'));
});

test('difference: both strategies', () => {
  let log = [];
  assert.deepStrictEqual([...new Set([1, 2]).difference(setLike([2, 3, 4], log))], [1]);
  assert.ok(log.includes('has(1)'));
  log = [];
  assert.deepStrictEqual([...new Set([1, 2, 3]).difference(setLike([2], log))], [1, 3]);
  assert.ok(log.includes('keys()'));
});

test('symmetricDifference always iterates keys', () => {
  const log = [];
  assert.deepStrictEqual(sorted(new Set([1, 2]).symmetricDifference(setLike([2, 3], log))), [1, 3]);
  assert.ok(!log.some((entry) => entry.startsWith('has(')));
  // A key repeated by the other set toggles only once.
  assert.deepStrictEqual(sorted(new Set([1]).symmetricDifference(setLike([2, 2], []))), [1, 2]);
});

test('isSubsetOf returns early when this is larger', () => {
  const log = [];
  assert.strictEqual(new Set([1, 2, 3]).isSubsetOf(setLike([1], log)), false);
  assert.deepStrictEqual(log, ['size', 'get has', 'get keys']);
});

test('isSupersetOf and isDisjointFrom close the keys iterator when they stop early', () => {
  let log = [];
  assert.strictEqual(new Set([1, 2]).isSupersetOf(setLike([5], log)), false);
  assert.deepStrictEqual(log.slice(-1), ['return()']);
  log = [];
  assert.strictEqual(new Set([1, 2, 3]).isDisjointFrom(setLike([2], log)), false);
  assert.deepStrictEqual(log.slice(-1), ['return()']);
  log = [];
  assert.strictEqual(new Set([1, 2, 3]).isDisjointFrom(setLike([7], log)), true);
  assert.strictEqual(log.includes('return()'), false);
});

test('-0 from keys is canonicalised to +0', () => {
  const other = { size: 1, has: () => false, keys: () => [-0].values() };
  const result = new Set().union(other);
  assert.ok(Object.is([...result][0], 0));
  const sym = new Set().symmetricDifference(other);
  assert.ok(Object.is([...sym][0], 0));
});

test('elements added to this during has() are visited (intersection)', () => {
  const set = new Set([1]);
  const other = {
    size: 10,
    has(v) { if (v === 1) set.add(2); return true; },
    keys() { throw new Error('not called'); },
  };
  assert.deepStrictEqual([...set.intersection(other)], [1, 2]);
});

test('errors from next propagate without closing', () => {
  const log = [];
  const other = {
    size: 0,
    has() {},
    keys() { return { next() { throw new Error('boom'); }, return() { log.push('return'); } }; },
  };
  assert.throws(() => new Set().union(other), /boom/);
  assert.deepStrictEqual(log, []);
  assert.throws(() => new Set().union({ size: 0, has() {}, keys() { return { next() { return 1; } }; } }), {
    name: 'TypeError', message: 'Iterator result 1 is not an object',
  });
});

test('patched Set.prototype methods do not affect the results', () => {
  const { add, has } = Set.prototype;
  const set = new Set([1, 2]);
  const map = new Map([[3, 0]]);
  try {
    Set.prototype.add = () => { throw new Error('patched add'); };
    Set.prototype.has = () => { throw new Error('patched has'); };
    assert.strictEqual(set.union(map).size, 3);
    assert.strictEqual(set.isSupersetOf(new Set()), true);
  } finally {
    Set.prototype.add = add;
    Set.prototype.has = has;
  }
});
