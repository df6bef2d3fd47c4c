'use strict';
// ArrayBuffer.prototype.transfer/transferToFixedLength really detach the
// source; detached reports it.
const test = require('node:test');
const assert = require('node:assert');

test('transfer moves the bytes and detaches the source', () => {
  const source = new ArrayBuffer(4);
  const view = new Uint8Array(source);
  view.set([1, 2, 3, 4]);
  assert.strictEqual(source.detached, false);
  const moved = source.transfer();
  assert.strictEqual(source.detached, true);
  assert.strictEqual(source.byteLength, 0);
  assert.strictEqual(view.length, 0);
  assert.strictEqual(moved.detached, false);
  assert.strictEqual(moved.byteLength, 4);
  assert.deepStrictEqual([...new Uint8Array(moved)], [1, 2, 3, 4]);
  assert.ok(moved instanceof ArrayBuffer);
});

test('transfer to a new length truncates or zero-fills', () => {
  const source = new Uint8Array([1, 2, 3, 4]).buffer;
  const shorter = source.transfer(2);
  assert.deepStrictEqual([...new Uint8Array(shorter)], [1, 2]);
  const longer = shorter.transferToFixedLength(5);
  assert.deepStrictEqual([...new Uint8Array(longer)], [1, 2, 0, 0, 0]);
  assert.strictEqual(shorter.detached, true);
  assert.strictEqual(longer.transfer(0).byteLength, 0);
  assert.strictEqual(longer.detached, true);
  assert.strictEqual(new ArrayBuffer(3).transfer(1.9).byteLength, 1);
  assert.strictEqual(new ArrayBuffer(3).transfer('2').byteLength, 2);
});

test('a detached buffer cannot be transferred again', () => {
  const source = new ArrayBuffer(1);
  source.transfer();
  assert.throws(() => source.transfer(), {
    name: 'TypeError', message: 'Cannot perform ArrayBuffer.prototype.transfer on a detached ArrayBuffer',
  });
  assert.throws(() => source.transferToFixedLength(), TypeError);
});

test('argument and receiver errors', () => {
  assert.throws(() => new ArrayBuffer(1).transfer(-1), RangeError);
  assert.throws(() => new ArrayBuffer(1).transfer(2 ** 53), RangeError);
  assert.throws(() => new ArrayBuffer(1).transfer(Symbol('x')), TypeError);
  assert.throws(() => ArrayBuffer.prototype.transfer.call({}), {
    name: 'TypeError', message: 'Method ArrayBuffer.prototype.transfer called on incompatible receiver #<Object>',
  });
  assert.throws(() => ArrayBuffer.prototype.transfer.call(new SharedArrayBuffer(1)), TypeError);
  const detached = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached').get;
  assert.throws(() => detached.call(new SharedArrayBuffer(1)), TypeError);
  assert.throws(() => detached.call(new Uint8Array(1)), TypeError);
  assert.strictEqual(new ArrayBuffer(0).detached, false);
});

test('the length is converted before the detached check', () => {
  const source = new ArrayBuffer(2);
  assert.throws(() => source.transfer({ valueOf() { source.transfer(); return 1; } }), TypeError);
  assert.strictEqual(source.detached, true);
});

test('structured data survives a transfer of the same length', () => {
  const source = new Float64Array([Math.PI, -0]).buffer;
  const moved = new Float64Array(source.transfer());
  assert.strictEqual(moved[0], Math.PI);
  assert.ok(Object.is(moved[1], -0));
});
