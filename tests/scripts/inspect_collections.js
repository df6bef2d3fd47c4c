'use strict';
// util.inspect of Map, Set, their iterators, WeakMap/WeakSet, typed arrays,
// ArrayBuffer, SharedArrayBuffer, DataView, Promise and Proxy.
const util = require('util');
const show = (v, o) => console.log(util.inspect(v, o));

show(new Map());
show(new Map([[1, 'one'], ['two', 2], [{ k: 1 }, [1, 2]], [null, undefined]]));
show(new Set());
show(new Set([1, 'a', { b: 2 }, [3], null]));
show(new Map([[new Map([[1, 2]]), new Set([3])]]));
show(new Set(Array.from({ length: 30 }, (_, i) => i)));
show(new Map(Array.from({ length: 5 }, (_, i) => [i, 'v'.repeat(i * 5)])));
show(new Set([1, 2, 3, 4]), { maxArrayLength: 2 });
show(new Map([[1, 2], [3, 4], [5, 6]]), { maxArrayLength: 1 });
show(new Set([1]), { maxArrayLength: 0 });
const mapWithProps = new Map([[1, 2]]);
mapWithProps.extra = 'prop';
show(mapWithProps);
const emptySetWithProps = new Set();
emptySetWithProps.x = 1;
show(emptySetWithProps);
class MyMap extends Map {}
show(new MyMap([['a', 1]]));
class MySet extends Set { get [Symbol.toStringTag]() { return 'Special'; } }
show(new MySet([1]));
const nullMap = new Map([[1, 2]]);
Object.setPrototypeOf(nullMap, null);
show(nullMap);
const nullSet = new Set([3]);
Object.setPrototypeOf(nullSet, null);
show(nullSet);
show({ m: new Map([['deep', { deeper: { deepest: {} } }]]) });
show(new Map([['a', 1]]), { depth: -1 });
show([new Set([1])], { depth: 0 });
// Iterators are previewed without being consumed.
const map = new Map([['a', 1], ['b', { c: 2 }]]);
show(map.entries());
show(map.keys());
show(map.values());
show(map[Symbol.iterator]());
const set = new Set(['x', 'y']);
show(set.values());
show(set.entries());
const it = map.keys();
it.next();
show(it);
show([...it]);
show(new Map(Array.from({ length: 30 }, (_, i) => [i, i])).entries(), { maxArrayLength: 3 });
show(new Set(Array.from({ length: 30 }, (_, i) => i)).values(), { maxArrayLength: 3 });
show([1, 2, 3][Symbol.iterator]());
show('str'[Symbol.iterator]());
show((function* gen() { yield 1; })());
// WeakMap and WeakSet: contents only with showHidden.
const key1 = { k: 1 };
const key2 = { k: 2 };
const wm = new WeakMap([[key1, 'v1']]);
show(wm);
show(wm, { showHidden: true });
const ws = new WeakSet([key1, key2]);
show(ws);
show(ws, { showHidden: true });
show(new WeakSet(), { showHidden: true });
show(new WeakRef(key1));
// Typed arrays.
show(new Uint8Array(0));
show(new Uint8Array([1, 2, 3]));
show(new Int8Array([-1, -128, 127]));
show(new Uint8ClampedArray([300, -5]));
show(new Int16Array(3));
show(new Uint32Array([4294967295]));
show(new Float32Array([0.1, -0, NaN, Infinity]));
show(new Float64Array([1.5, -0]));
show(new BigInt64Array([1n, -2n]));
show(new BigUint64Array([2n ** 64n - 1n]));
show(new Uint8Array(40));
show(new Uint8Array(200));
show(new Float64Array(Array.from({ length: 20 }, (_, i) => i / 3)));
show(new Uint8Array([1, 2, 3]), { showHidden: true });
show(new Uint8Array(0), { showHidden: true });
show(new Int16Array(new ArrayBuffer(8), 2, 2), { showHidden: true });
const typedWithProps = new Uint16Array([1]);
typedWithProps.foo = 'bar';
show(typedWithProps);
const nullTyped = new Uint8Array([9, 8]);
Object.setPrototypeOf(nullTyped, null);
show(nullTyped);
class MyBytes extends Uint8Array {}
show(new MyBytes(2));
show(new Uint8Array([1, 2, 3, 4, 5]), { maxArrayLength: 2 });
show(new Uint8Array([1, 2]), { numericSeparator: true });
show(new Int32Array([1234567, -7654321]), { numericSeparator: true });
// ArrayBuffer, SharedArrayBuffer, DataView.
show(new ArrayBuffer(0));
show(new ArrayBuffer(3));
show(new Uint8Array([0, 1, 15, 16, 255]).buffer);
show(new ArrayBuffer(120));
show(new ArrayBuffer(10), { maxArrayLength: 4 });
show(new SharedArrayBuffer(4));
const abWithProps = new ArrayBuffer(2);
abWithProps.tag = 'x';
show(abWithProps);
show(new DataView(new ArrayBuffer(4), 1, 2));
show({ view: new DataView(new ArrayBuffer(2)) });
show(new DataView(new ArrayBuffer(2)), { showHidden: true });
// Promise states.
show(Promise.resolve(42));
show(Promise.resolve({ a: [1, { b: 2 }] }));
show(new Promise(() => {}));
const rejected = Promise.reject(new Error('no'));
rejected.catch(() => {});
show(Promise.reject(3).catch(() => {}) && Promise.resolve(undefined));
const rejectedPrimitive = Promise.reject('why');
rejectedPrimitive.catch(() => {});
show(rejectedPrimitive);
const promiseWithProps = Promise.resolve(1);
promiseWithProps.extra = true;
show(promiseWithProps);
class MyPromise extends Promise {}
show(MyPromise.resolve(5));
show({ p: Promise.resolve(Promise.resolve(1)) });
// Proxy: the target is shown (no trap runs) unless showProxy.
const target = { a: 1, nested: { b: 2 } };
const handler = { get() { throw new Error('trap ran'); }, ownKeys() { throw new Error('trap ran'); } };
const proxy = new Proxy(target, handler);
show(proxy);
show(proxy, { showProxy: true });
show(new Proxy([1, 2], {}));
show(new Proxy([1, 2], {}), { showProxy: true });
show(new Proxy(function named() {}, {}));
show(new Proxy(new Map([[1, 2]]), {}), { showProxy: false });
show(new Proxy(new Proxy({}, {}), {}), { showProxy: true });
show({ deep: { deeper: new Proxy({}, {}) } }, { showProxy: true, depth: 1 });
const { proxy: revocable, revoke } = Proxy.revocable({}, {});
revoke();
show(revocable);
show(revocable, { showProxy: true });
show([revocable]);
