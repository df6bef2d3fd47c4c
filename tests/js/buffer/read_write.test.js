'use strict';
// Every integer, BigInt and float read/write method: values, byte order,
// returned offsets, and Node's errors for bad values and offsets.
const { test } = require('node:test');
const assert = require('node:assert');
const { Buffer } = require('node:buffer');

const hex = (b) => b.toString('hex');

test('fixed-width integers in both byte orders', () => {
  const b = Buffer.alloc(8);
  assert.strictEqual(b.writeUInt8(0xab, 0), 1);
  assert.strictEqual(b.writeInt8(-2, 1), 2);
  assert.strictEqual(hex(b.subarray(0, 2)), 'abfe');
  assert.strictEqual(b.readUInt8(0), 0xab);
  assert.strictEqual(b.readInt8(1), -2);
  assert.strictEqual(b.writeUInt16LE(0x1234, 0), 2);
  assert.strictEqual(b.writeUInt16BE(0x1234, 2), 4);
  assert.strictEqual(hex(b.subarray(0, 4)), '34121234');
  assert.strictEqual(b.readUInt16LE(0), 0x1234);
  assert.strictEqual(b.readUInt16BE(2), 0x1234);
  b.writeInt16LE(-2, 0);
  b.writeInt16BE(-300, 2);
  assert.strictEqual(b.readInt16LE(0), -2);
  assert.strictEqual(b.readInt16BE(2), -300);
  assert.strictEqual(b.writeUInt32LE(0xdeadbeef, 0), 4);
  assert.strictEqual(b.writeUInt32BE(0xdeadbeef, 4), 8);
  assert.strictEqual(hex(b), 'efbeaddedeadbeef');
  assert.strictEqual(b.readUInt32LE(0), 0xdeadbeef);
  assert.strictEqual(b.readUInt32BE(4), 0xdeadbeef);
  b.writeInt32LE(-123456789, 0);
  b.writeInt32BE(-2147483648, 4);
  assert.strictEqual(b.readInt32LE(0), -123456789);
  assert.strictEqual(b.readInt32BE(4), -2147483648);
  // The Uint spellings are the same functions.
  assert.strictEqual(Buffer.prototype.readUint32LE, Buffer.prototype.readUInt32LE);
  assert.strictEqual(Buffer.prototype.writeUint16BE, Buffer.prototype.writeUInt16BE);
  assert.strictEqual(Buffer.prototype.readBigUint64LE, Buffer.prototype.readBigUInt64LE);
  assert.strictEqual(Buffer.prototype.readUintBE.name, 'readUIntBE');
});

test('variable-width integers of 1 to 6 bytes', () => {
  const b = Buffer.alloc(6);
  for (let len = 1; len <= 6; len++) {
    const max = 2 ** (8 * len) - 1;
    const smax = 2 ** (8 * len - 1) - 1;
    const smin = -(2 ** (8 * len - 1));
    for (const v of [0, 1, 0x5a, max, Math.floor(max / 3)]) {
      assert.strictEqual(b.writeUIntLE(v, 0, len), len);
      assert.strictEqual(b.readUIntLE(0, len), v);
      assert.strictEqual(b.writeUIntBE(v, 0, len), len);
      assert.strictEqual(b.readUIntBE(0, len), v);
    }
    for (const v of [0, -1, smax, smin, -5, 77]) {
      assert.strictEqual(b.writeIntLE(v, 0, len), len);
      assert.strictEqual(b.readIntLE(0, len), v);
      assert.strictEqual(b.writeIntBE(v, 0, len), len);
      assert.strictEqual(b.readIntBE(0, len), v);
    }
  }
  b.writeUIntBE(0x010203040506, 0, 6);
  assert.strictEqual(hex(b), '010203040506');
  b.writeUIntLE(0x010203040506, 0, 6);
  assert.strictEqual(hex(b), '060504030201');
  b.writeIntBE(-2, 0, 5);
  assert.strictEqual(hex(b.subarray(0, 5)), 'fffffffffe');
  assert.strictEqual(Buffer.from([1, 2, 3, 4, 5, 6]).readIntBE(0, 6), 1108152157446);
});

test('BigInt 64-bit values', () => {
  const b = Buffer.alloc(16);
  assert.strictEqual(b.writeBigUInt64LE(0x0102030405060708n, 0), 8);
  assert.strictEqual(b.writeBigUInt64BE(0x0102030405060708n, 8), 16);
  assert.strictEqual(hex(b), '08070605040302010102030405060708');
  assert.strictEqual(b.readBigUInt64LE(0), 0x0102030405060708n);
  assert.strictEqual(b.readBigUInt64BE(8), 0x0102030405060708n);
  for (const v of [0n, -1n, -(2n ** 63n), 2n ** 63n - 1n, -1234567890123n]) {
    b.writeBigInt64LE(v, 0);
    b.writeBigInt64BE(v, 8);
    assert.strictEqual(b.readBigInt64LE(0), v);
    assert.strictEqual(b.readBigInt64BE(8), v);
  }
  b.writeBigUInt64LE(2n ** 64n - 1n);
  assert.strictEqual(b.readBigUInt64LE(), 2n ** 64n - 1n);
  assert.strictEqual(b.readBigInt64LE(), -1n);
  assert.throws(() => b.writeBigUInt64LE(2n ** 64n, 0), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "value" is out of range. It must be >= 0n and < 2n ** 64n. Received 18_446_744_073_709_551_616n',
  });
  assert.throws(() => b.writeBigInt64LE(-(2n ** 63n) - 1n, 0), {
    message: 'The value of "value" is out of range. It must be >= -(2n ** 63n) and < 2n ** 63n. Received -9_223_372_036_854_775_809n',
  });
  assert.throws(() => b.writeBigInt64LE(1, 0), TypeError); // a Number is not a BigInt
  assert.throws(() => b.readBigUInt64LE(9), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "offset" is out of range. It must be >= 0 and <= 8. Received 9',
  });
});

test('floats and doubles in both byte orders', () => {
  const b = Buffer.alloc(8);
  assert.strictEqual(b.writeFloatBE(1.5, 0), 4);
  assert.strictEqual(hex(b.subarray(0, 4)), '3fc00000');
  assert.strictEqual(b.writeFloatLE(1.5, 4), 8);
  assert.strictEqual(hex(b.subarray(4)), '0000c03f');
  assert.strictEqual(b.readFloatBE(0), 1.5);
  assert.strictEqual(b.readFloatLE(4), 1.5);
  b.writeFloatLE(0.1, 0);
  assert.strictEqual(b.readFloatLE(0), Math.fround(0.1));
  b.writeFloatBE(NaN, 0);
  assert.ok(Number.isNaN(b.readFloatBE(0)));
  b.writeFloatLE(Infinity, 0);
  assert.strictEqual(b.readFloatLE(0), Infinity);
  b.writeFloatLE(1e40, 0); // beyond float range: Infinity, no error
  assert.strictEqual(b.readFloatLE(0), Infinity);
  assert.strictEqual(b.writeDoubleBE(Math.PI, 0), 8);
  assert.strictEqual(hex(b), '400921fb54442d18');
  assert.strictEqual(b.readDoubleBE(0), Math.PI);
  b.writeDoubleLE(-0, 0);
  assert.ok(Object.is(b.readDoubleLE(0), -0));
  b.writeDoubleLE(Number.MIN_VALUE, 0);
  assert.strictEqual(b.readDoubleLE(0), Number.MIN_VALUE);
  // Values are converted with +value.
  b.writeDoubleLE('2.5', 0);
  assert.strictEqual(b.readDoubleLE(0), 2.5);
  assert.throws(() => b.writeDoubleLE(1, 1), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "offset" is out of range. It must be >= 0 and <= 0. Received 1',
  });
  assert.throws(() => b.readFloatLE(6), {
    message: 'The value of "offset" is out of range. It must be >= 0 and <= 4. Received 6',
  });
});

test('offset errors: type, integer, range, and too small a buffer', () => {
  const b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.throws(() => b.readUInt8(9), {
    name: 'RangeError',
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "offset" is out of range. It must be >= 0 and <= 8. Received 9',
  });
  assert.throws(() => b.readUInt8(-1), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => b.readUInt8(1.5), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "offset" is out of range. It must be an integer. Received 1.5',
  });
  assert.throws(() => b.readUInt8('1'), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "offset" argument must be of type number. Received type string (\'1\')',
  });
  assert.throws(() => b.readUInt32LE(6), {
    message: 'The value of "offset" is out of range. It must be >= 0 and <= 5. Received 6',
  });
  assert.throws(() => Buffer.alloc(2).readUInt32LE(0), {
    code: 'ERR_BUFFER_OUT_OF_BOUNDS',
    message: 'Attempt to access memory outside buffer bounds',
  });
  assert.throws(() => Buffer.alloc(0).readInt8(0), { code: 'ERR_BUFFER_OUT_OF_BOUNDS' });
  assert.throws(() => Buffer.alloc(3).writeInt32LE(1), { code: 'ERR_BUFFER_OUT_OF_BOUNDS' });
  assert.throws(() => b.writeUInt16BE(1, 8), {
    message: 'The value of "offset" is out of range. It must be >= 0 and <= 7. Received 8',
  });
  assert.throws(() => b.writeUInt8(1, 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
  // readUIntLE and friends need both arguments.
  assert.throws(() => b.readUIntLE(0, 7), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 7',
  });
  assert.throws(() => b.readUIntLE(0, 0), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => b.readUIntLE(0), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "byteLength" argument must be of type number. Received undefined',
  });
  assert.throws(() => b.readUIntLE(undefined, 2), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "offset" argument must be of type number. Received undefined',
  });
  assert.throws(() => b.readUIntLE(0, 2.5), {
    message: 'The value of "byteLength" is out of range. It must be an integer. Received 2.5',
  });
  assert.throws(() => b.readUIntLE(4, 6), {
    message: 'The value of "offset" is out of range. It must be >= 0 and <= 3. Received 4',
  });
  assert.throws(() => b.writeUIntBE(1, 0, 7), { code: 'ERR_OUT_OF_RANGE' });
});

test('value range errors word the range as Node does', () => {
  const b = Buffer.alloc(8);
  const cases = [
    [() => b.writeUInt8(256, 0), 'It must be >= 0 and <= 255. Received 256'],
    [() => b.writeInt8(-129, 0), 'It must be >= -128 and <= 127. Received -129'],
    [() => b.writeUInt16LE(70000, 0), 'It must be >= 0 and <= 65535. Received 70000'],
    [() => b.writeUInt16LE(65535.5, 0), 'It must be >= 0 and <= 65535. Received 65535.5'],
    [() => b.writeUInt16LE(-0.5, 0), 'It must be >= 0 and <= 65535. Received -0.5'],
    [() => b.writeUInt32LE(2 ** 32, 0), 'It must be >= 0 and <= 4294967295. Received 4294967296'],
    [() => b.writeUInt32BE(-1, 0), 'It must be >= 0 and <= 4294967295. Received -1'],
    [() => b.writeInt32LE(2 ** 31, 0), 'It must be >= -2147483648 and <= 2147483647. Received 2147483648'],
    [() => b.writeUIntLE(2 ** 48, 0, 6), 'It must be >= 0 and < 2 ** 48. Received 281_474_976_710_656'],
    [() => b.writeIntLE(2 ** 47, 0, 6), 'It must be >= -(2 ** 47) and < 2 ** 47. Received 140_737_488_355_328'],
    [() => b.writeIntBE(-(2 ** 39) - 1, 0, 5), 'It must be >= -(2 ** 39) and < 2 ** 39. Received -549_755_813_889'],
    [() => b.writeIntLE(0x800000, 0, 3), 'It must be >= -8388608 and <= 8388607. Received 8388608'],
  ];
  for (const [fn, tail] of cases) {
    assert.throws(fn, {
      name: 'RangeError',
      code: 'ERR_OUT_OF_RANGE',
      message: `The value of "value" is out of range. ${tail}`,
    });
  }
  // NaN passes the range checks and is written as 0.
  b.fill(0xff);
  assert.strictEqual(b.writeUInt8('x', 0), 1);
  assert.strictEqual(b.writeInt16LE(NaN, 1), 3);
  assert.strictEqual(hex(b.subarray(0, 3)), '000000');
});
