'use strict';
// indexOf/lastIndexOf/includes in every form, fill, swap16/32/64.
const { test } = require('node:test');
const assert = require('node:assert');
const { Buffer } = require('node:buffer');

const hex = (b) => b.toString('hex');

test('indexOf with strings, numbers and buffers', () => {
  const b = Buffer.from('abcdef');
  assert.strictEqual(b.indexOf('cd'), 2);
  assert.strictEqual(b.indexOf('cd', 3), -1);
  assert.strictEqual(b.indexOf('c', -2), -1); // from index 4
  assert.strictEqual(b.indexOf('e', -2), 4);
  assert.strictEqual(b.indexOf('c', null), 2); // null is 0
  assert.strictEqual(b.indexOf('b', 'latin1'), 1); // an encoding in place of the offset
  assert.strictEqual(b.indexOf(99), 2);
  assert.strictEqual(b.indexOf(99.9), 2);
  assert.strictEqual(b.indexOf(355), 2); // & 255
  assert.strictEqual(b.indexOf(Buffer.from('de'), 1), 3);
  assert.strictEqual(b.indexOf(new Uint8Array([102])), 5);
  assert.strictEqual(b.indexOf('YmM=', 'base64'), 1);
  assert.strictEqual(b.indexOf('6364', 'hex'), 2);
  assert.strictEqual(b.indexOf('cd', 0, 'ascii'), 2);
  assert.strictEqual(b.includes('cd'), true);
  assert.strictEqual(b.includes('xyz'), false);
  assert.strictEqual(b.includes(0x61, 1), false);
  assert.strictEqual(Buffer.from('caf\u00e9').indexOf('\u00e9'), 3);
  assert.strictEqual(Buffer.from('caf\u00e9', 'latin1').indexOf('\u00e9', 0, 'latin1'), 3);
  assert.throws(() => b.indexOf({}), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "value" argument must be one of type number or string or an instance of Buffer or Uint8Array. Received an instance of Object',
  });
  assert.throws(() => b.indexOf(new Uint16Array([1])), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => b.indexOf('x', 0, 'bad'), { code: 'ERR_UNKNOWN_ENCODING', message: 'Unknown encoding: bad' });
});

test('empty needles and offsets past either end', () => {
  const b = Buffer.from('abcdef');
  assert.strictEqual(b.indexOf(''), 0);
  assert.strictEqual(b.indexOf('', 3), 3);
  assert.strictEqual(b.indexOf('', 10), 6);
  assert.strictEqual(b.lastIndexOf(''), 6);
  assert.strictEqual(b.lastIndexOf('', 2), 2);
  assert.strictEqual(b.indexOf(Buffer.alloc(0), 4), 4);
  assert.strictEqual(b.indexOf('a', -100), 0); // before the start: search it all
  assert.strictEqual(b.lastIndexOf('a', -100), -1);
  assert.strictEqual(b.indexOf('f', 100), -1);
  assert.strictEqual(b.lastIndexOf('f', 100), 5);
  assert.strictEqual(Buffer.alloc(0).indexOf('a'), -1);
  assert.strictEqual(Buffer.alloc(0).indexOf(0), -1);
  assert.strictEqual(b.indexOf('abcdefg'), -1);
});

test('lastIndexOf searches backwards from byteOffset', () => {
  const b = Buffer.from('abcabcabc');
  assert.strictEqual(b.lastIndexOf('abc'), 6);
  assert.strictEqual(b.lastIndexOf('abc', 5), 3);
  assert.strictEqual(b.lastIndexOf('abc', 3), 3);
  assert.strictEqual(b.lastIndexOf('abc', 2), 0);
  assert.strictEqual(b.lastIndexOf('c', null), -1); // null is 0
  assert.strictEqual(b.lastIndexOf('c', undefined), 8); // undefined searches it all
  assert.strictEqual(b.lastIndexOf('c', {}), 8);
  assert.strictEqual(b.lastIndexOf(0x62), 7);
  assert.strictEqual(b.lastIndexOf(0x62, 6), 4);
  assert.strictEqual(b.lastIndexOf(0x62, -3), 4);
  assert.strictEqual(b.lastIndexOf(Buffer.from('ca')), 5);
  assert.strictEqual(b.lastIndexOf('bc', -1), 7);
  assert.strictEqual(b.lastIndexOf('zz'), -1);
  // Long haystacks and needles.
  const long = Buffer.from(`${'xy'.repeat(5000)}needle${'xy'.repeat(5000)}needle${'z'.repeat(100)}`);
  assert.strictEqual(long.indexOf('needle'), 10000);
  assert.strictEqual(long.lastIndexOf('needle'), 20006);
  assert.strictEqual(long.lastIndexOf('needle', 20005), 10000);
  assert.strictEqual(long.indexOf('needlez'), 20006);
  assert.strictEqual(long.lastIndexOf('xyn'), 20004);
});

test('ucs2 searches match whole 16-bit units only', () => {
  const b = Buffer.from('abcabc', 'ucs2');
  assert.strictEqual(b.indexOf('c', 0, 'ucs2'), 4);
  assert.strictEqual(b.indexOf('bc', 0, 'utf16le'), 2);
  assert.strictEqual(b.lastIndexOf('c', 0, 'ucs2'), -1);
  assert.strictEqual(b.lastIndexOf('c', -1, 'ucs2'), 10);
  assert.strictEqual(b.indexOf('c', 5, 'ucs2'), 4); // the offset is floored to a unit
  // Bytes 00 62 straddle two units: no match at an odd offset.
  const odd = Buffer.from([0x61, 0x00, 0x62, 0x00]);
  assert.strictEqual(odd.indexOf(Buffer.from([0x00, 0x62]), 0, 'ucs2'), -1);
  assert.strictEqual(odd.indexOf(Buffer.from([0x00, 0x62])), 1);
  assert.strictEqual(Buffer.from([0x61]).indexOf('a', 0, 'ucs2'), -1);
});

test('fill with strings in every encoding, numbers, buffers', () => {
  assert.strictEqual(hex(Buffer.alloc(5).fill('\u00e9')), 'c3a9c3a9c3'); // a cut character
  assert.strictEqual(hex(Buffer.alloc(3).fill('a\u0100', 'latin1')), '610061');
  assert.strictEqual(hex(Buffer.alloc(5).fill('ab', 'ucs2')), '6100620061');
  assert.strictEqual(hex(Buffer.alloc(5).fill('YWJj', 'base64')), '6162636162');
  assert.strictEqual(hex(Buffer.alloc(4).fill('abc', 'hex')), 'abababab');
  assert.strictEqual(hex(Buffer.alloc(4).fill('', 'hex')), '00000000');
  assert.strictEqual(hex(Buffer.alloc(3).fill('')), '000000');
  assert.strictEqual(hex(Buffer.alloc(5).fill('a', 1, 'latin1')), '0061616161');
  assert.strictEqual(hex(Buffer.alloc(5).fill('ab', 1, 4)), '0061626100');
  assert.strictEqual(hex(Buffer.alloc(5).fill('a', 3, 1)), '0000000000');
  assert.strictEqual(hex(Buffer.alloc(5).fill(true)), '0101010101');
  assert.strictEqual(hex(Buffer.alloc(5).fill({})), '0000000000');
  assert.strictEqual(hex(Buffer.alloc(5).fill(257)), '0101010101');
  assert.strictEqual(hex(Buffer.alloc(5).fill(-1)), 'ffffffffff');
  assert.strictEqual(hex(Buffer.alloc(5).fill(1.7)), '0101010101');
  assert.strictEqual(hex(Buffer.alloc(5).fill(null)), '0000000000');
  assert.strictEqual(hex(Buffer.alloc(5).fill(Buffer.from([1, 2]))), '0102010201');
  assert.strictEqual(hex(Buffer.alloc(4).fill(new Uint16Array([0x0201]))), '01020102');
  // A pattern taken from the range it fills.
  const self = Buffer.from('abcdef');
  self.fill(self.subarray(1, 3), 2);
  assert.strictEqual(self.toString(), 'abbcbc');
  const big = Buffer.alloc(100000).fill('xyz');
  assert.strictEqual(big.toString('latin1', 99990), 'xyzxyzxyzx');
  assert.throws(() => Buffer.alloc(5).fill(12n), TypeError);
  assert.throws(() => Buffer.alloc(4).fill('zz', 'hex'), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: 'The argument \'value\' is invalid. Received \'zz\'',
  });
  assert.throws(() => Buffer.alloc(4).fill(Buffer.alloc(0)), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: 'The argument \'value\' is invalid. Received <Buffer >',
  });
  assert.throws(() => Buffer.alloc(5).fill('a', 'x'), { code: 'ERR_UNKNOWN_ENCODING', message: 'Unknown encoding: x' });
  assert.throws(() => Buffer.alloc(5).fill('a', -1), {
    code: 'ERR_OUT_OF_RANGE',
    message: /^The value of "offset" is out of range\. It must be >= 0 && <= \d+\. Received -1$/,
  });
  assert.throws(() => Buffer.alloc(5).fill('a', 1, 6), {
    message: 'The value of "end" is out of range. It must be >= 0 && <= 5. Received 6',
  });
  assert.throws(() => Buffer.alloc(5).fill(7, 1.5), {
    message: 'The value of "offset" is out of range. It must be an integer. Received 1.5',
  });
});

test('swap16/32/64, short and long', () => {
  assert.strictEqual(hex(Buffer.from('abcdef').swap16()), '626164636665');
  assert.strictEqual(hex(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap32()), '0403020108070605');
  assert.strictEqual(hex(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap64()), '0807060504030201');
  for (const [name, size] of [['swap16', 2], ['swap32', 4], ['swap64', 8]]) {
    for (const len of [size * 3, 1024]) {
      const b = Buffer.alloc(len);
      for (let i = 0; i < len; i++) b[i] = i & 255;
      const want = Buffer.alloc(len);
      for (let i = 0; i < len; i += size) {
        for (let k = 0; k < size; k++) want[i + k] = b[i + size - 1 - k];
      }
      assert.strictEqual(b[name](), b);
      assert.ok(b.equals(want), `${name} ${len}`);
    }
    // An unaligned view of a longer buffer.
    const base = Buffer.alloc(1 + size * 40);
    for (let i = 0; i < base.length; i++) base[i] = i & 255;
    const view = base.subarray(1);
    view[name]();
    assert.strictEqual(view[0], size);
  }
  assert.throws(() => Buffer.from('abc').swap16(), {
    code: 'ERR_INVALID_BUFFER_SIZE', name: 'RangeError', message: 'Buffer size must be a multiple of 16-bits',
  });
  assert.throws(() => Buffer.from('abc').swap32(), { message: 'Buffer size must be a multiple of 32-bits' });
  assert.throws(() => Buffer.alloc(12).swap64(), { message: 'Buffer size must be a multiple of 64-bits' });
});
