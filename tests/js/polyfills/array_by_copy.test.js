'use strict';
// Array.prototype.toReversed/toSorted/toSpliced/with and their typed array
// counterparts: results, holes, array-likes, observable reads, errors.
const test = require('node:test');
const assert = require('node:assert');

function logged(target) {
  const log = [];
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      log.push(typeof key === 'symbol' ? key.toString() : key);
      return Reflect.get(t, key, receiver);
    },
  });
  return { proxy, log };
}

test('toReversed copies, reading holes as undefined', () => {
  const source = [1, , 3];
  const result = source.toReversed();
  assert.deepStrictEqual(result, [3, undefined, 1]);
  assert.strictEqual(1 in result, true);
  assert.deepStrictEqual(source, [1, , 3]);
  assert.notStrictEqual(result, source);
  assert.strictEqual(Array.isArray(result), true);
});

test('toReversed on array-likes and strings', () => {
  assert.deepStrictEqual(Array.prototype.toReversed.call({ length: 2, 0: 'a', 1: 'b' }), ['b', 'a']);
  assert.deepStrictEqual(Array.prototype.toReversed.call('abc'), ['c', 'b', 'a']);
  assert.deepStrictEqual(Array.prototype.toReversed.call({ length: -5 }), []);
  assert.deepStrictEqual(Array.prototype.toReversed.call({ length: '2', 0: 1, 1: 2 }), [2, 1]);
});

test('toReversed reads length then indices from the end', () => {
  const { proxy, log } = logged([1, 2, 3]);
  Array.prototype.toReversed.call(proxy);
  assert.deepStrictEqual(log, ['length', '2', '1', '0']);
});

test('results ignore @@species', () => {
  class MyArray extends Array {}
  const source = MyArray.from([3, 1, 2]);
  assert.strictEqual(source.toReversed().constructor, Array);
  assert.strictEqual(source.toSorted().constructor, Array);
  assert.strictEqual(source.toSpliced(0, 1).constructor, Array);
  assert.strictEqual(source.with(0, 0).constructor, Array);
});

test('toSorted sorts a copy, stable, undefined last', () => {
  const source = [3, undefined, 1, , 2];
  assert.deepStrictEqual(source.toSorted(), [1, 2, 3, undefined, undefined]);
  assert.deepStrictEqual(source, [3, undefined, 1, , 2]);
  assert.deepStrictEqual([10, 9, 1].toSorted(), [1, 10, 9]);
  const people = [{ n: 'a', age: 2 }, { n: 'b', age: 1 }, { n: 'c', age: 2 }, { n: 'd', age: 1 }];
  assert.deepStrictEqual(people.toSorted((x, y) => x.age - y.age).map((p) => p.n), ['b', 'd', 'a', 'c']);
});

test('toSorted checks the comparator before reading this', () => {
  assert.throws(() => Array.prototype.toSorted.call(null, 1), TypeError);
  const { proxy, log } = logged([2, 1]);
  assert.throws(() => Array.prototype.toSorted.call(proxy, {}), {
    name: 'TypeError',
    message: /comparison function must be either a function or undefined/,
  });
  assert.deepStrictEqual(log, []);
  assert.throws(() => [].toSorted(null), TypeError);
});

test('toSorted never calls the comparator with undefined', () => {
  const seen = [];
  [undefined, 2, undefined, 1].toSorted((a, b) => { seen.push(a, b); return a - b; });
  assert.strictEqual(seen.includes(undefined), false);
});

test('toSpliced removes and inserts', () => {
  const a = [1, 2, 3, 4, 5];
  assert.deepStrictEqual(a.toSpliced(1, 2), [1, 4, 5]);
  assert.deepStrictEqual(a.toSpliced(1, 2, 'x', 'y', 'z'), [1, 'x', 'y', 'z', 4, 5]);
  assert.deepStrictEqual(a.toSpliced(-2), [1, 2, 3]);
  assert.deepStrictEqual(a.toSpliced(), [1, 2, 3, 4, 5]);
  assert.deepStrictEqual(a.toSpliced(2), [1, 2]);
  assert.deepStrictEqual(a.toSpliced(2, undefined), [1, 2, 3, 4, 5]);
  assert.deepStrictEqual(a.toSpliced(-Infinity, 1), [2, 3, 4, 5]);
  assert.deepStrictEqual(a.toSpliced(Infinity, 1, 6), [1, 2, 3, 4, 5, 6]);
  assert.deepStrictEqual(a.toSpliced(1, -3, 0), [1, 0, 2, 3, 4, 5]);
  assert.deepStrictEqual(a, [1, 2, 3, 4, 5]);
  const holes = [1, , 3].toSpliced(0, 0);
  assert.strictEqual(1 in holes, true);
});

test('toSpliced reads only the kept indices', () => {
  const { proxy, log } = logged([0, 1, 2, 3]);
  Array.prototype.toSpliced.call(proxy, 1, 2, 'x');
  assert.deepStrictEqual(log, ['length', '0', '3']);
});

test('toSpliced length limits', () => {
  assert.throws(() => Array.prototype.toSpliced.call({ length: 2 ** 53 - 1 }, 0, 0, 1), TypeError);
  assert.throws(() => Array.prototype.toSpliced.call({ length: 2 ** 32 }, 0, 0), RangeError);
});

test('with replaces one element', () => {
  assert.deepStrictEqual([1, 2, 3].with(1, 'b'), [1, 'b', 3]);
  assert.deepStrictEqual([1, 2, 3].with(-1, 'c'), [1, 2, 'c']);
  assert.deepStrictEqual([1, 2, 3].with(1.7, 0), [1, 0, 3]);
  assert.deepStrictEqual([1, , 3].with(0, 0), [0, undefined, 3]);
  assert.deepStrictEqual(Array.prototype.with.call({ length: 1, 0: 'a' }, 0, 'b'), ['b']);
});

test('with rejects indices out of range', () => {
  assert.throws(() => [1].with(1, 0), { name: 'RangeError', message: 'Invalid index : 1' });
  assert.throws(() => [1].with(-2, 0), { name: 'RangeError', message: 'Invalid index : -2' });
  assert.throws(() => [].with(0, 0), RangeError);
  assert.throws(() => [1].with(Infinity, 0), RangeError);
});

test('null and undefined receivers throw TypeError', () => {
  for (const key of ['toReversed', 'toSorted', 'toSpliced', 'with']) {
    assert.throws(() => Array.prototype[key].call(null), TypeError);
    assert.throws(() => Array.prototype[key].call(undefined), TypeError);
  }
});

test('toReversed rejects lengths beyond 2^32-1', () => {
  assert.throws(() => Array.prototype.toReversed.call({ length: 2 ** 32 }), {
    name: 'RangeError', message: 'Invalid array length',
  });
});

test('typed arrays: toReversed, toSorted, with', () => {
  const u8 = new Uint8Array([3, 1, 2]);
  const reversed = u8.toReversed();
  assert.ok(reversed instanceof Uint8Array);
  assert.deepStrictEqual([...reversed], [2, 1, 3]);
  assert.deepStrictEqual([...u8.toSorted()], [1, 2, 3]);
  assert.deepStrictEqual([...u8.toSorted((a, b) => b - a)], [3, 2, 1]);
  assert.deepStrictEqual([...u8], [3, 1, 2]);
  assert.deepStrictEqual([...u8.with(-1, 300)], [3, 1, 44]);
  const f64 = new Float64Array([1, NaN, -0, 0, -Infinity]);
  const sorted = f64.toSorted();
  assert.ok(Object.is(sorted[0], -Infinity));
  assert.ok(Object.is(sorted[1], -0));
  assert.ok(Object.is(sorted[2], 0));
  assert.ok(Number.isNaN(sorted[4]));
  const big = new BigInt64Array([1n, 2n]);
  assert.deepStrictEqual([...big.with(0, 5n)], [5n, 2n]);
  assert.deepStrictEqual([...new BigUint64Array(1).with(0, -1n)], [2n ** 64n - 1n]);
});

test('typed arrays: the result is the intrinsic kind, not a subclass', () => {
  class MyU8 extends Uint8Array {}
  const source = new MyU8([1, 2]);
  assert.strictEqual(source.toReversed().constructor, Uint8Array);
  assert.strictEqual(source.toSorted().constructor, Uint8Array);
  assert.strictEqual(source.with(0, 1).constructor, Uint8Array);
});

test('typed arrays: conversions and errors', () => {
  assert.throws(() => new BigInt64Array(1).with(0, 1), { name: 'TypeError', message: 'Cannot convert 1 to a BigInt' });
  assert.throws(() => new Uint8Array(1).with(0, 1n), TypeError);
  assert.throws(() => new Uint8Array(2).with(2, 0), { name: 'RangeError', message: 'Invalid typed array index' });
  assert.throws(() => new Uint8Array(1).toSorted('x'), TypeError);
  const TAP = Object.getPrototypeOf(Uint8Array.prototype);
  assert.throws(() => TAP.toReversed.call([1]), {
    name: 'TypeError',
    message: 'Method %TypedArray%.prototype.toReversed called on incompatible receiver [object Array]',
  });
  // The value is converted before the index is checked.
  let converted = false;
  assert.throws(() => new Uint8Array(1).with(5, { valueOf() { converted = true; return 1; } }), RangeError);
  assert.strictEqual(converted, true);
});

test('typed arrays: detached buffers throw', () => {
  const buffer = new ArrayBuffer(4);
  const view = new Uint8Array(buffer);
  buffer.transfer();
  for (const key of ['toReversed', 'toSorted']) {
    assert.throws(() => view[key](), {
      name: 'TypeError',
      message: `Cannot perform %TypedArray%.prototype.${key} on a detached ArrayBuffer`,
    });
  }
  assert.throws(() => view.with(0, 0), TypeError);
  assert.deepStrictEqual([...new Uint8Array(0).toReversed()], []);
});
