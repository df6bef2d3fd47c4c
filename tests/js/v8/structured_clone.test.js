'use strict';
const { test } = require('node:test');
const assert = require('node:assert');

function assertDataCloneError(fn, message) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof DOMException);
    assert.strictEqual(err.name, 'DataCloneError');
    assert.strictEqual(err.code, 25);
    if (message !== undefined) assert.strictEqual(err.message, message);
    return true;
  });
}

test('clones values deeply', () => {
  const original = {
    a: [1, { b: 2 }], m: new Map([[{ k: 1 }, new Set([1])]]), d: new Date(5), r: /x/g, big: 10n,
    sparse: [1, , 3], boxed: new Number(5), u8: new Uint8Array([1, 2]),
  };
  const copy = structuredClone(original);
  assert.deepStrictEqual(copy, original);
  assert.notStrictEqual(copy.a, original.a);
  assert.notStrictEqual(copy.u8.buffer, original.u8.buffer);
  const cyclic = { n: 1 };
  cyclic.self = cyclic;
  const c = structuredClone(cyclic);
  assert.strictEqual(c.self, c);
});

test('class instances become plain objects; own properties only', () => {
  class K { constructor() { this.a = 1; } method() {} }
  const k = structuredClone(new K());
  assert.strictEqual(Object.getPrototypeOf(k), Object.prototype);
  assert.deepStrictEqual(k, { a: 1 });
  const inherited = Object.assign(Object.create({ p: 1 }), { own: 2 });
  assert.deepStrictEqual(structuredClone(inherited), { own: 2 });
  // A Buffer comes back as a plain Uint8Array.
  const b = structuredClone(Buffer.from('abc'));
  assert.strictEqual(Object.getPrototypeOf(b), Uint8Array.prototype);
  assert.deepStrictEqual([...b], [97, 98, 99]);
});

test('errors keep their type, message and cause', () => {
  const e = structuredClone(new TypeError('t', { cause: 1 }));
  assert.ok(e instanceof TypeError);
  assert.strictEqual(e.message, 't');
  assert.strictEqual(e.cause, 1);
});

test('uncloneable values throw DataCloneError', () => {
  assertDataCloneError(() => structuredClone(() => {}), '() => {} could not be cloned.');
  assertDataCloneError(() => structuredClone(Symbol('x')), 'Symbol(x) could not be cloned.');
  assertDataCloneError(() => structuredClone({ f() {} }));
  assertDataCloneError(() => structuredClone(new WeakMap()), '#<WeakMap> could not be cloned.');
  assertDataCloneError(() => structuredClone(Promise.resolve()), '#<Promise> could not be cloned.');
});

test('transfer moves ArrayBuffers', () => {
  const ab = new ArrayBuffer(8);
  new Uint8Array(ab)[0] = 7;
  const clone = structuredClone({ x: ab, view: new Uint8Array(ab) }, { transfer: [ab] });
  assert.strictEqual(ab.byteLength, 0);
  assert.strictEqual(clone.x.byteLength, 8);
  assert.strictEqual(clone.view.buffer, clone.x);
  assert.strictEqual(clone.view[0], 7);
  assertDataCloneError(() => structuredClone(ab, { transfer: [ab] }), 'Cannot transfer object of unsupported type.');
  assertDataCloneError(() => structuredClone(ab), 'An ArrayBuffer is detached and could not be cloned.');
  const twice = new ArrayBuffer(1);
  assertDataCloneError(() => structuredClone(twice, { transfer: [twice, twice] }),
                       'Transfer list contains duplicate ArrayBuffer');
  assertDataCloneError(() => structuredClone(1, { transfer: [{}] }), 'Found invalid value in transferList.');
});

test('SharedArrayBuffers are shared, not copied', () => {
  const sab = new SharedArrayBuffer(4);
  const copy = structuredClone(sab);
  new Uint8Array(copy)[0] = 5;
  assert.strictEqual(new Uint8Array(sab)[0], 5);
});

test('argument validation', () => {
  assert.throws(() => structuredClone(), { name: 'TypeError', code: 'ERR_MISSING_ARGS' });
  assert.throws(() => structuredClone(1, 1), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => structuredClone(1, { transfer: 1 }), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => structuredClone(1, { transfer: null }), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.strictEqual(structuredClone(1, null), 1);
  assert.strictEqual(structuredClone(1, {}), 1);
  assert.strictEqual(structuredClone(1, { transfer: undefined }), 1);
});
