'use strict';
// Every added built-in has the attributes, length and name of a built-in.
const test = require('node:test');
const assert = require('node:assert');

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

const methods = [
  [Array.prototype, 'toReversed', 0],
  [Array.prototype, 'toSorted', 1],
  [Array.prototype, 'toSpliced', 2],
  [Array.prototype, 'with', 2],
  [TypedArrayPrototype, 'toReversed', 0],
  [TypedArrayPrototype, 'toSorted', 1],
  [TypedArrayPrototype, 'with', 2],
  [Object, 'groupBy', 2],
  [Map, 'groupBy', 2],
  [Promise, 'withResolvers', 0],
  [Set.prototype, 'union', 1],
  [Set.prototype, 'intersection', 1],
  [Set.prototype, 'difference', 1],
  [Set.prototype, 'symmetricDifference', 1],
  [Set.prototype, 'isSubsetOf', 1],
  [Set.prototype, 'isSupersetOf', 1],
  [Set.prototype, 'isDisjointFrom', 1],
  [Array, 'fromAsync', 1],
  [String.prototype, 'isWellFormed', 0],
  [String.prototype, 'toWellFormed', 0],
  [ArrayBuffer.prototype, 'transfer', 0],
  [ArrayBuffer.prototype, 'transferToFixedLength', 0],
  [IteratorPrototype, 'map', 1],
  [IteratorPrototype, 'filter', 1],
  [IteratorPrototype, 'take', 1],
  [IteratorPrototype, 'drop', 1],
  [IteratorPrototype, 'flatMap', 1],
  [IteratorPrototype, 'reduce', 1],
  [IteratorPrototype, 'toArray', 0],
  [IteratorPrototype, 'forEach', 1],
  [IteratorPrototype, 'some', 1],
  [IteratorPrototype, 'every', 1],
  [IteratorPrototype, 'find', 1],
];

for (const [target, key, length] of methods) {
  test(`${key} (length ${length}) is a non-enumerable, non-constructor method`, () => {
    const desc = Object.getOwnPropertyDescriptor(target, key);
    assert.ok(desc, `${key} exists`);
    assert.strictEqual(desc.writable, true);
    assert.strictEqual(desc.enumerable, false);
    assert.strictEqual(desc.configurable, true);
    assert.strictEqual(typeof desc.value, 'function');
    assert.strictEqual(desc.value.length, length);
    assert.strictEqual(desc.value.name, key);
    assert.strictEqual(Object.getPrototypeOf(desc.value), Function.prototype);
    assert.strictEqual(Object.hasOwn(desc.value, 'prototype'), false);
    assert.throws(() => new desc.value(), TypeError);
  });
}

test('TypedArray has no toSpliced', () => {
  assert.strictEqual(TypedArrayPrototype.toSpliced, undefined);
});

test('ArrayBuffer.prototype.detached is a getter', () => {
  const desc = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached');
  assert.strictEqual(desc.enumerable, false);
  assert.strictEqual(desc.configurable, true);
  assert.strictEqual(desc.set, undefined);
  assert.strictEqual(desc.get.name, 'get detached');
  assert.strictEqual(desc.get.length, 0);
});

test('Array.prototype[@@unscopables] lists the copying methods but not with', () => {
  const unscopables = Array.prototype[Symbol.unscopables];
  assert.strictEqual(unscopables.toReversed, true);
  assert.strictEqual(unscopables.toSorted, true);
  assert.strictEqual(unscopables.toSpliced, true);
  assert.strictEqual(Object.hasOwn(unscopables, 'with'), false);
});

test('Iterator global and Iterator.from', () => {
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'Iterator');
  assert.strictEqual(desc.enumerable, false);
  assert.strictEqual(desc.writable, true);
  assert.strictEqual(desc.configurable, true);
  assert.strictEqual(Iterator.name, 'Iterator');
  assert.strictEqual(Iterator.length, 0);
  const proto = Object.getOwnPropertyDescriptor(Iterator, 'prototype');
  assert.strictEqual(proto.value, IteratorPrototype);
  assert.strictEqual(proto.writable, false);
  assert.strictEqual(proto.enumerable, false);
  assert.strictEqual(proto.configurable, false);
  const from = Object.getOwnPropertyDescriptor(Iterator, 'from');
  assert.strictEqual(from.enumerable, false);
  assert.strictEqual(from.value.length, 1);
  assert.strictEqual(from.value.name, 'from');
});

test('Iterator.prototype.constructor and @@toStringTag are accessors', () => {
  for (const key of ['constructor', Symbol.toStringTag]) {
    const desc = Object.getOwnPropertyDescriptor(IteratorPrototype, key);
    assert.strictEqual(typeof desc.get, 'function');
    assert.strictEqual(typeof desc.set, 'function');
    assert.strictEqual(desc.enumerable, false);
    assert.strictEqual(desc.configurable, true);
  }
  assert.strictEqual(IteratorPrototype.constructor, Iterator);
  assert.strictEqual(IteratorPrototype[Symbol.toStringTag], 'Iterator');
  assert.strictEqual(Object.getOwnPropertyDescriptor(IteratorPrototype, 'constructor').get.name, 'get constructor');
});

test('Symbol.dispose and Symbol.asyncDispose', () => {
  for (const key of ['dispose', 'asyncDispose']) {
    const desc = Object.getOwnPropertyDescriptor(Symbol, key);
    assert.strictEqual(typeof desc.value, 'symbol');
    assert.strictEqual(desc.writable, false);
    assert.strictEqual(desc.enumerable, false);
    assert.strictEqual(desc.configurable, false);
  }
  assert.notStrictEqual(Symbol.dispose, Symbol.asyncDispose);
  // Node 22 registers them, so Symbol.for reaches the same symbols.
  assert.strictEqual(Symbol.dispose, Symbol.for('nodejs.dispose'));
  assert.strictEqual(Symbol.asyncDispose, Symbol.for('nodejs.asyncDispose'));
});
