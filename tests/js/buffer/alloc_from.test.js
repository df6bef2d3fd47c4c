'use strict';
// Making Buffers: alloc/allocUnsafe/allocUnsafeSlow and the pool, every form
// of Buffer.from, concat, copy, compare, subarray and the class itself.
const { test } = require('node:test');
const assert = require('node:assert');
const buffer = require('node:buffer');
const { Buffer, SlowBuffer, constants, kMaxLength, kStringMaxLength } = buffer;

const hex = (b) => b.toString('hex');
const node22 = Number(process.versions.node.split('.')[0]) >= 22;

test('Buffer is a Uint8Array subclass and Buffer.prototype is shared', () => {
  const b = Buffer.alloc(2);
  assert.ok(b instanceof Buffer);
  assert.ok(b instanceof Uint8Array);
  assert.strictEqual(Object.getPrototypeOf(Buffer.prototype), Uint8Array.prototype);
  assert.strictEqual(Object.getPrototypeOf(Buffer), Uint8Array);
  assert.strictEqual(b.constructor, Buffer);
  assert.strictEqual(Buffer.name, 'Buffer');
  assert.strictEqual(Buffer.length, 3);
  assert.strictEqual(Buffer.poolSize, 8192);
  assert.strictEqual(Buffer.isBuffer(b), true);
  assert.strictEqual(Buffer.isBuffer(new Uint8Array(2)), false);
  assert.strictEqual(Buffer.isBuffer('x'), false);
  // Methods of Uint8Array that make new arrays give Buffers (species).
  assert.ok(b.map((x) => x + 1) instanceof Buffer);
  assert.ok(Buffer.from('abc').filter(() => true) instanceof Buffer);
  assert.strictEqual(typeof Buffer[Symbol.species], 'function');
  assert.strictEqual(Object.prototype.toString.call(b), '[object Uint8Array]');
});

test('small allocUnsafe and from share one pooled ArrayBuffer; Slow does not', () => {
  const a = Buffer.allocUnsafe(10);
  const b = Buffer.allocUnsafe(10);
  assert.strictEqual(a.buffer, b.buffer);
  assert.strictEqual(a.buffer.byteLength, Buffer.poolSize);
  assert.notStrictEqual(a.byteOffset, b.byteOffset);
  // Pooled Buffers are 8-byte aligned.
  assert.strictEqual(b.byteOffset % 8, 0);
  const c = Buffer.from('pooled too');
  const d = Buffer.from([1, 2, 3]);
  assert.strictEqual(c.buffer.byteLength, Buffer.poolSize);
  assert.strictEqual(d.buffer.byteLength, Buffer.poolSize);
  // Half the pool or more is an allocation of its own.
  const big = Buffer.allocUnsafe(Buffer.poolSize >>> 1);
  assert.strictEqual(big.buffer.byteLength, Buffer.poolSize >>> 1);
  assert.strictEqual(big.byteOffset, 0);
  const slow = Buffer.allocUnsafeSlow(10);
  assert.strictEqual(slow.buffer.byteLength, 10);
  assert.strictEqual(slow.byteOffset, 0);
  const zeroed = Buffer.alloc(10);
  assert.strictEqual(zeroed.buffer.byteLength, 10);
  assert.strictEqual(hex(zeroed), '00'.repeat(10));
  assert.strictEqual(Buffer.allocUnsafe(0).length, 0);
  // A long string gets its own ArrayBuffer of exactly its bytes.
  const long = Buffer.from('x'.repeat(5000));
  assert.strictEqual(long.buffer.byteLength, 5000);
});

test('alloc with a fill value and size validation', () => {
  assert.strictEqual(hex(Buffer.alloc(5, 'ab')), '6162616261');
  assert.strictEqual(hex(Buffer.alloc(4, 'YWJj', 'base64')), '61626361');
  assert.strictEqual(hex(Buffer.alloc(3, 257)), '010101');
  assert.strictEqual(hex(Buffer.alloc(3, Buffer.from([9, 8]))), '090809');
  assert.strictEqual(hex(Buffer.alloc(2, 0)), '0000');
  for (const bad of [-1, NaN, kMaxLength + 1]) {
    assert.throws(() => Buffer.alloc(bad), { code: 'ERR_OUT_OF_RANGE', name: 'RangeError' });
    assert.throws(() => Buffer.allocUnsafe(bad), { code: 'ERR_OUT_OF_RANGE' });
    assert.throws(() => Buffer.allocUnsafeSlow(bad), { code: 'ERR_OUT_OF_RANGE' });
  }
  assert.throws(() => Buffer.alloc('5'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "size" argument must be of type number. Received type string (\'5\')',
  });
  assert.throws(() => Buffer.alloc(NaN), { message: /It must be >= 0 && <= \d+\. Received NaN/ });
});

test('Buffer.from: strings, arrays, array-likes, buffers, objects', () => {
  assert.strictEqual(hex(Buffer.from('hi')), '6869');
  assert.strictEqual(hex(Buffer.from([1, 256, -1, 1.9, '7'])), '0100ff0107');
  assert.strictEqual(hex(Buffer.from({ length: 2, 0: 300, 1: -1 })), '2cff');
  assert.strictEqual(Buffer.from({ length: 'x' }).length, 0);
  assert.strictEqual(hex(Buffer.from({ type: 'Buffer', data: [1, 2] })), '0102');
  assert.strictEqual(hex(Buffer.from(new Uint16Array([1, 256]))), '0100');
  assert.strictEqual(hex(Buffer.from(new String('hi'))), '6869');
  assert.strictEqual(hex(Buffer.from({ [Symbol.toPrimitive]() { return 'yo'; } })), '796f');
  assert.strictEqual(hex(Buffer.from({ valueOf() { return 'vv'; } })), '7676');
  // A Buffer is copied.
  const src = Buffer.from('abc');
  const copy = Buffer.from(src);
  copy[0] = 0x7a;
  assert.strictEqual(src.toString(), 'abc');
  for (const bad of [5, null, undefined, true, Symbol('s')]) {
    assert.throws(() => Buffer.from(bad), {
      code: 'ERR_INVALID_ARG_TYPE',
      message: /^The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object\. Received/,
    });
  }
});

test('Buffer.from(arrayBuffer, byteOffset, length) shares memory', () => {
  const ab = new ArrayBuffer(8);
  const b = Buffer.from(ab, 2, 4);
  assert.strictEqual(b.buffer, ab);
  assert.strictEqual(b.byteOffset, 2);
  assert.strictEqual(b.length, 4);
  new Uint8Array(ab)[3] = 7;
  assert.strictEqual(b[1], 7);
  assert.strictEqual(Buffer.from(ab).length, 8);
  assert.strictEqual(Buffer.from(ab, 'x', '2').length, 2); // NaN offset is 0
  assert.strictEqual(Buffer.from(ab, 1, -5).length, 0);
  assert.throws(() => Buffer.from(ab, 9), {
    code: 'ERR_BUFFER_OUT_OF_BOUNDS', message: '"offset" is outside of buffer bounds',
  });
  assert.throws(() => Buffer.from(ab, 1, 8), {
    code: 'ERR_BUFFER_OUT_OF_BOUNDS', message: '"length" is outside of buffer bounds',
  });
  const sab = new SharedArrayBuffer(4);
  assert.strictEqual(Buffer.from(sab).buffer, sab);
});

test('copyBytesFrom and of', () => {
  assert.strictEqual(hex(Buffer.copyBytesFrom(new Uint16Array([1, 256]), 1)), '0001');
  assert.strictEqual(hex(Buffer.copyBytesFrom(new Uint8Array([1, 2, 3]), 1, 1)), '02');
  assert.strictEqual(Buffer.copyBytesFrom(new Uint8Array([1, 2]), 5).length, 0);
  assert.strictEqual(Buffer.copyBytesFrom(new Uint8Array(0)).length, 0);
  const u = new Uint8Array([4, 5]);
  const c = Buffer.copyBytesFrom(u);
  c[0] = 9;
  assert.strictEqual(u[0], 4);
  assert.throws(() => Buffer.copyBytesFrom([1]), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "view" argument must be an instance of TypedArray. Received an instance of Array',
  });
  assert.throws(() => Buffer.copyBytesFrom(u, -1), { code: 'ERR_OUT_OF_RANGE' });
  assert.strictEqual(hex(Buffer.of(1, 2, 300)), '01022c');
  assert.ok(Buffer.of() instanceof Buffer);
});

test('concat', () => {
  assert.strictEqual(Buffer.concat([Buffer.from('ab'), new Uint8Array([99])]).toString(), 'abc');
  assert.strictEqual(hex(Buffer.concat([Buffer.from('ab'), new Uint8Array([99])], 5)), '6162630000');
  assert.strictEqual(hex(Buffer.concat([Buffer.from('ab')], 1)), '61');
  assert.strictEqual(Buffer.concat([]).length, 0);
  const parts = [];
  for (let i = 0; i < 100; i++) parts.push(Buffer.from(`${i},`));
  assert.strictEqual(Buffer.concat(parts).toString(), parts.join(''));
  const big = Buffer.concat([Buffer.alloc(70000, 1), Buffer.alloc(70000, 2)]);
  assert.strictEqual(big.length, 140000);
  assert.strictEqual(big[69999], 1);
  assert.strictEqual(big[70000], 2);
  assert.throws(() => Buffer.concat([1]), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "list[0]" argument must be an instance of Buffer or Uint8Array. Received type number (1)',
  });
  assert.throws(() => Buffer.concat('x'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "list" argument must be an instance of Array. Received type string (\'x\')',
  });
  assert.throws(() => Buffer.concat([Buffer.from('ab')], -1), { code: 'ERR_OUT_OF_RANGE' });
});

test('compare and equals', () => {
  const a = Buffer.from('abc');
  assert.strictEqual(Buffer.compare(a, Buffer.from('abd')), -1);
  assert.strictEqual(Buffer.compare(Buffer.from('b'), a), 1);
  assert.strictEqual(Buffer.compare(a, Buffer.from('abc')), 0);
  assert.strictEqual(Buffer.compare(a, Buffer.from('ab')), 1);
  assert.strictEqual(Buffer.compare(Buffer.alloc(0), Buffer.alloc(0)), 0);
  assert.deepStrictEqual([Buffer.from('b'), Buffer.from('a'), Buffer.from('ab')].sort(Buffer.compare)
    .map(String), ['a', 'ab', 'b']);
  assert.throws(() => Buffer.compare(a, 'b'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "buf2" argument must be an instance of Buffer or Uint8Array. Received type string (\'b\')',
  });
  const b = Buffer.from('abcdef');
  assert.strictEqual(b.compare(Buffer.from('cd'), 0, 2, 2, 4), 0);
  assert.strictEqual(b.compare(Buffer.from('b'), 0, 1, 0, 1), -1);
  assert.strictEqual(b.compare(Buffer.from('b'), 2, 1), 1);
  assert.strictEqual(b.compare(Buffer.from('b'), 0, 1, 3, 2), -1);
  assert.throws(() => b.compare(Buffer.from('b'), -1), {
    code: 'ERR_OUT_OF_RANGE',
    message: /The value of "targetStart" is out of range\. It must be >= 0 && <= \d+\. Received -1/,
  });
  assert.throws(() => b.compare(Buffer.from('b'), 0, 2), {
    message: 'The value of "targetEnd" is out of range. It must be >= 0 && <= 1. Received 2',
  });
  assert.throws(() => b.compare('x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.strictEqual(a.equals(Buffer.from('abc')), true);
  assert.strictEqual(a.equals(new Uint8Array([97, 98, 99])), true);
  assert.strictEqual(a.equals(Buffer.from('ab')), false);
  assert.throws(() => a.equals('abc'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "otherBuffer" argument must be an instance of Buffer or Uint8Array. Received type string (\'abc\')',
  });
});

test('copy: ranges, clamping, overlap', () => {
  const b = Buffer.from('abcdef');
  const t = Buffer.alloc(3);
  assert.strictEqual(b.copy(t), 3);
  assert.strictEqual(t.toString(), 'abc');
  assert.strictEqual(b.copy(t, 1, 4), 2);
  assert.strictEqual(t.toString(), 'aef');
  assert.strictEqual(b.copy(Buffer.alloc(3), 1.5, 1.5), 2);
  assert.strictEqual(b.copy(Buffer.alloc(3), '1'), 2);
  assert.strictEqual(b.copy(Buffer.alloc(3), 'x'), 3);
  assert.strictEqual(b.copy(Buffer.alloc(3), 5), 0);
  if (node22) assert.strictEqual(b.copy(new Uint16Array(3), 1), 5); // bytes, not elements
  assert.throws(() => b.copy(Buffer.alloc(3), -1), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "targetStart" is out of range. It must be >= 0. Received -1',
  });
  assert.throws(() => b.copy(Buffer.alloc(3), 0, 7), {
    message: 'The value of "sourceStart" is out of range. It must be >= 0 && <= 6. Received 7',
  });
  assert.throws(() => b.copy(Buffer.alloc(3), 0, 1, -1), {
    message: 'The value of "sourceEnd" is out of range. It must be >= 0. Received -1',
  });
  assert.throws(() => b.copy('x'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "target" argument must be an instance of Buffer or Uint8Array. Received type string (\'x\')',
  });
  // Overlapping ranges of one buffer copy as memmove, short and long.
  const o = Buffer.from('0123456789');
  o.copy(o, 2, 0, 6);
  assert.strictEqual(o.toString(), '0101234589');
  const whole = Buffer.from('abcdef');
  assert.strictEqual(whole.subarray(0, 4).copy(whole, 2), 4); // all of an overlapping source
  assert.strictEqual(whole.toString(), 'ababcd');
  const back = Buffer.from('abcdef');
  assert.strictEqual(back.subarray(2).copy(back, 0), 4);
  assert.strictEqual(back.toString(), 'cdefef');
  const long = Buffer.alloc(300);
  for (let i = 0; i < 300; i++) long[i] = i & 255;
  long.copy(long, 1, 0, 200);
  assert.strictEqual(long[1], 0);
  assert.strictEqual(long[200], 199);
});

test('subarray and slice share memory; offsets are clamped', () => {
  const b = Buffer.from('abcdef');
  const s = b.subarray(1, 3);
  assert.ok(s instanceof Buffer);
  assert.strictEqual(s.buffer, b.buffer);
  s[0] = 0x42;
  assert.strictEqual(b.toString(), 'aBcdef');
  const sl = b.slice(2);
  sl[0] = 0x43;
  assert.strictEqual(b.toString(), 'aBCdef');
  assert.strictEqual(b.subarray(-2).toString(), 'ef');
  assert.strictEqual(b.subarray(4, 2).length, 0);
  assert.strictEqual(b.slice('1', '3').toString(), 'BC');
  assert.strictEqual(b.subarray(-100, 100).length, 6);
  assert.strictEqual(b.subarray(NaN, 2).toString(), 'aB');
  assert.strictEqual(b.parent, b.buffer);
  assert.strictEqual(b.offset, b.byteOffset);
});

test('SlowBuffer, constants and limits', () => {
  const s = SlowBuffer(4);
  assert.strictEqual(s.length, 4);
  assert.ok(s instanceof Buffer);
  assert.strictEqual(constants.MAX_LENGTH, kMaxLength);
  assert.strictEqual(constants.MAX_STRING_LENGTH, kStringMaxLength);
  assert.strictEqual(kStringMaxLength, 2 ** 29 - 24);
  assert.ok(kMaxLength >= 2 ** 32);
  assert.strictEqual(buffer.INSPECT_MAX_BYTES, 50);
  assert.throws(() => { buffer.INSPECT_MAX_BYTES = -1; }, { code: 'ERR_OUT_OF_RANGE' });
  assert.deepStrictEqual(Object.keys(buffer).sort(), [
    'Blob', 'Buffer', 'File', 'INSPECT_MAX_BYTES', 'SlowBuffer', 'atob', 'btoa', 'constants',
    'isAscii', 'isUtf8', 'kMaxLength', 'kStringMaxLength', 'resolveObjectURL', 'transcode',
  ]);
  assert.strictEqual(globalThis.Buffer, Buffer);
});

test('Buffer() without new still works (deprecated)', () => {
  assert.strictEqual(hex(Buffer(3)), '000000');
  assert.strictEqual(Buffer('ab').toString(), 'ab');
  assert.strictEqual(new Buffer([1, 2]).length, 2);
  assert.throws(() => Buffer(3, 'utf8'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "string" argument must be of type string. Received type number (3)',
  });
});
