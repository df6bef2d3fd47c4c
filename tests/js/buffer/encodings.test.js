'use strict';
// Buffer encodings: what each one does with odd input, as Node does it.
const { test } = require('node:test');
const assert = require('node:assert');
const { Buffer } = require('node:buffer');

const hex = (b) => b.toString('hex');

test('utf8: each maximal invalid subpart decodes to one U+FFFD', () => {
  const R = '\ufffd';
  const cases = [
    [[0xe2, 0x82, 0x41], `${R}A`], // truncated 3-byte sequence
    [[0xf0, 0x80], `${R}${R}`], // F0 needs 90..BF next
    [[0xed, 0xa0, 0x80], `${R}${R}${R}`], // a UTF-16 surrogate
    [[0xc0, 0x80], `${R}${R}`], // overlong
    [[0xe0, 0x80, 0x80], `${R}${R}${R}`], // overlong
    [[0xf4, 0x90, 0x80, 0x80], `${R}${R}${R}${R}`], // above U+10FFFF
    [[0xf5, 0xff, 0xfe], `${R}${R}${R}`],
    [[0xf0, 0x9f, 0x98], R], // truncated at the end
    [[0x80, 0xbf], `${R}${R}`], // stray continuation bytes
    [[0x61, 0xc3], `a${R}`],
    [[0xef, 0xbf, 0xbd], R], // a real U+FFFD
    [[0xf4, 0x8f, 0xbf, 0xbf], '\udbff\udfff'], // U+10FFFF
  ];
  for (const [bytes, want] of cases) {
    assert.strictEqual(Buffer.from(bytes).toString(), want, hex(Buffer.from(bytes)));
    assert.strictEqual(Buffer.from(bytes).toString('utf8'), want);
  }
});

test('utf8: lone surrogates encode as EF BF BD, pairs as 4 bytes', () => {
  assert.strictEqual(hex(Buffer.from('\ud800')), 'efbfbd');
  assert.strictEqual(hex(Buffer.from('\udc00x')), 'efbfbd78');
  assert.strictEqual(hex(Buffer.from('\ud83d\ude00')), 'f09f9880');
  assert.strictEqual(hex(Buffer.from('\ude00\ud83d')), 'efbfbdefbfbd');
  assert.strictEqual(Buffer.byteLength('\ud800'), 3);
  assert.strictEqual(Buffer.byteLength('\ud83d\ude00'), 4);
  assert.strictEqual(Buffer.byteLength('a\u00e9\u20ac\ud83d\ude00'), 1 + 2 + 3 + 4);
});

test('utf8: write never splits a character', () => {
  const b = Buffer.alloc(5);
  assert.strictEqual(b.write('a\u20ac\u20ac'), 4);
  assert.strictEqual(hex(b), '61e282ac00');
  const c = Buffer.alloc(3);
  assert.strictEqual(c.write('\ud83d\ude00'), 0);
  assert.strictEqual(c.write('\u00e9\u00e9'), 2);
  assert.strictEqual(hex(c), 'c3a900');
  // Long strings, one-byte and two-byte, cut at every place in a multi-byte char.
  const text = `${'x'.repeat(5000)}\u00e9\u20ac\ud83d\ude00`;
  const full = Buffer.from(text);
  for (let cap = full.length - 10; cap <= full.length; cap++) {
    const out = Buffer.alloc(cap);
    const n = out.write(text);
    assert.ok(n <= cap);
    assert.strictEqual(out.subarray(0, n).toString(), text.slice(0, out.subarray(0, n).toString().length));
    assert.ok(full.subarray(0, n).equals(out.subarray(0, n)));
  }
});

test('utf8 round trip of long mixed text (native fast paths)', () => {
  const parts = ['plain ascii ', 'caf\u00e9 ', '\u4e16\u754c ', '\ud83d\ude00 ', '\u00ff\u0100 '];
  let text = '';
  for (let i = 0; i < 20000; i++) text += parts[i % parts.length];
  const b = Buffer.from(text);
  assert.strictEqual(b.length, Buffer.byteLength(text));
  assert.strictEqual(b.toString(), text);
  const latin = 'caf\u00e9 \u00ff '.repeat(50000);
  assert.strictEqual(Buffer.from(latin).toString(), latin);
  assert.strictEqual(Buffer.from(latin, 'latin1').toString('latin1'), latin);
  const ascii = 'abcdefgh'.repeat(200000);
  assert.strictEqual(Buffer.from(ascii).toString(), ascii);
});

test('ucs2/utf16le: pairs of bytes, odd byte dropped, surrogates kept', () => {
  for (const enc of ['ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'UTF16LE']) {
    assert.strictEqual(hex(Buffer.from('ab', enc)), '61006200');
  }
  assert.strictEqual(hex(Buffer.from('\ud83d\ude00', 'ucs2')), '3dd800de');
  assert.strictEqual(Buffer.from([0x61, 0x00, 0x62]).toString('ucs2'), 'a');
  assert.strictEqual(Buffer.from([0x3d, 0xd8]).toString('utf16le'), '\ud83d');
  assert.strictEqual(Buffer.byteLength('abc', 'ucs2'), 6);
  const b = Buffer.alloc(5);
  assert.strictEqual(b.write('xyz', 'ucs2'), 4);
  assert.strictEqual(hex(b), '7800790000');
  // Unaligned source and destination.
  const big = Buffer.alloc(9);
  assert.strictEqual(big.write('hi!', 1, 'utf16le'), 6);
  assert.strictEqual(big.toString('utf16le', 1, 7), 'hi!');
});

test('latin1/binary and ascii', () => {
  assert.strictEqual(hex(Buffer.from('\u00e9\u00ff', 'latin1')), 'e9ff');
  assert.strictEqual(hex(Buffer.from('\u20ac', 'binary')), 'ac'); // low byte only
  assert.strictEqual(hex(Buffer.from('\u00e9', 'ascii')), 'e9');
  assert.strictEqual(Buffer.from([0xe9, 0x41, 0xff]).toString('latin1'), '\u00e9A\u00ff');
  // 'ascii' decoding clears the high bit.
  assert.strictEqual(Buffer.from([0xe9, 0x41, 0xff]).toString('ascii'), 'iA\x7f');
  assert.strictEqual(Buffer.byteLength('\u00e9\u20ac', 'latin1'), 2);
});

test('hex: odd length and invalid pairs stop the decoding', () => {
  assert.strictEqual(hex(Buffer.from('abc', 'hex')), 'ab');
  assert.strictEqual(hex(Buffer.from('a', 'hex')), '');
  assert.strictEqual(hex(Buffer.from('abzz12', 'hex')), 'ab');
  assert.strictEqual(hex(Buffer.from('zz12', 'hex')), '');
  assert.strictEqual(hex(Buffer.from('ABcdEf', 'hex')), 'abcdef');
  assert.strictEqual(hex(Buffer.from('\u0161\u0162', 'hex')), 'ab'); // low bytes of the chars
  assert.strictEqual(Buffer.byteLength('abc', 'hex'), 1);
  const b = Buffer.alloc(4);
  assert.strictEqual(b.write('0102zz', 'hex'), 2);
  assert.strictEqual(b.write('aabbccddee', 1, 'hex'), 3);
  assert.strictEqual(hex(b), '01aabbcc');
  assert.strictEqual(Buffer.from([0, 15, 16, 255]).toString('hex'), '000f10ff');
});

test('base64: padding optional, whitespace and junk skipped, stops at "="', () => {
  const cases = [
    ['YQ==', '61'], ['YQ', '61'], ['YQ=', '61'], ['Y', ''], ['YR', '61'],
    ['YQ=Jj', '61'], ['Y Q', '61'], ['YWJj\nZGVm', '616263646566'], [' Y W J j ', '616263'],
    ['YWJj!ZGVm', '616263646566'], ['=YWJj', ''], ['Y\u0151', '61'],
    ['-_-_', 'fbffbf'], ['+/+/', 'fbffbf'],
  ];
  for (const [input, want] of cases) {
    assert.strictEqual(hex(Buffer.from(input, 'base64')), want, JSON.stringify(input));
  }
  assert.strictEqual(hex(Buffer.from('+/+/', 'base64url')), 'fbffbf');
  assert.strictEqual(Buffer.from('foobar').toString('base64'), 'Zm9vYmFy');
  assert.strictEqual(Buffer.from('fooba').toString('base64'), 'Zm9vYmE=');
  assert.strictEqual(Buffer.from('foob').toString('base64'), 'Zm9vYg==');
  assert.strictEqual(Buffer.from('foob').toString('base64url'), 'Zm9vYg');
  assert.strictEqual(Buffer.from([0xfb, 0xff, 0xbf]).toString('base64url'), '-_-_');
  // Node's byteLength for base64 is an estimate from the length.
  assert.strictEqual(Buffer.byteLength('YQ==', 'base64'), 1);
  assert.strictEqual(Buffer.byteLength('YQ= ', 'base64'), 3);
  assert.strictEqual(Buffer.byteLength(' = ', 'base64'), 2);
  assert.strictEqual(Buffer.byteLength('=', 'base64'), 0);
  assert.strictEqual(Buffer.byteLength('aGVsbG8', 'base64url'), 5);
  // A short destination takes what fits.
  const b = Buffer.alloc(2);
  assert.strictEqual(b.write('YWJj', 'base64'), 2);
  assert.strictEqual(b.toString(), 'ab');
});

test('base64 round trip of every length and of large data', () => {
  for (let n = 0; n < 200; n++) {
    const data = Buffer.alloc(n);
    for (let i = 0; i < n; i++) data[i] = (i * 151 + n) & 255;
    for (const enc of ['base64', 'base64url']) {
      const s = data.toString(enc);
      assert.ok(Buffer.from(s, enc).equals(data), `${enc} ${n}`);
    }
    assert.ok(Buffer.from(data.toString('hex'), 'hex').equals(data));
  }
  const big = Buffer.alloc(1 << 20);
  for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
  const s = big.toString('base64');
  assert.strictEqual(s.length, 4 * Math.ceil(big.length / 3));
  assert.ok(Buffer.from(s, 'base64').equals(big));
  // MIME-style line breaks are skipped.
  const wrapped = s.replace(/.{76}/g, '$&\r\n');
  assert.ok(Buffer.from(wrapped, 'base64').equals(big));
  assert.ok(Buffer.from(big.toString('base64url'), 'base64url').equals(big));
  assert.ok(Buffer.from(big.toString('hex'), 'hex').equals(big));
});

test('encoding names: any case, aliases, unknown ones', () => {
  for (const enc of ['utf8', 'UTF8', 'utf-8', 'Utf-8', 'ucs2', 'UCS-2', 'utf16le', 'utf-16le',
    'latin1', 'BINARY', 'ascii', 'base64', 'Base64url', 'hex', 'HEX']) {
    assert.strictEqual(Buffer.isEncoding(enc), true, enc);
    assert.strictEqual(typeof Buffer.from('ab').toString(enc), 'string');
  }
  for (const enc of ['', 'utf16', 'utf-16', 'latin-1', 'bin', null, undefined, 5]) {
    assert.strictEqual(Buffer.isEncoding(enc), false, String(enc));
  }
  assert.throws(() => Buffer.from('x', 'bogus'), { code: 'ERR_UNKNOWN_ENCODING', name: 'TypeError', message: 'Unknown encoding: bogus' });
  assert.throws(() => Buffer.from('x').toString('bogus'), { code: 'ERR_UNKNOWN_ENCODING' });
  assert.throws(() => Buffer.from('x').toString(null), { code: 'ERR_UNKNOWN_ENCODING', message: 'Unknown encoding: null' });
  assert.throws(() => Buffer.from('x').toString(''), { code: 'ERR_UNKNOWN_ENCODING' });
  assert.strictEqual(Buffer.from('x').toString(undefined), 'x');
  // Buffer.from treats '' and non-strings as utf8; byteLength an unknown one too.
  assert.strictEqual(hex(Buffer.from('\u00e9', '')), 'c3a9');
  assert.strictEqual(hex(Buffer.from('\u00e9', 5)), 'c3a9');
  assert.strictEqual(Buffer.byteLength('\u00e9', 'bogus'), 2);
});

test('toString(encoding, start, end) clamps and truncates like Node', () => {
  const b = Buffer.from('abcdef');
  assert.strictEqual(b.toString('utf8', 1, 3), 'bc');
  assert.strictEqual(b.toString('utf8', '1', '3'), 'bc');
  assert.strictEqual(b.toString('utf8', NaN, 3), 'abc');
  assert.strictEqual(b.toString('utf8', 1.5, 3.9), 'bc');
  assert.strictEqual(b.toString('utf8', -1, -2), '');
  assert.strictEqual(b.toString(undefined, 2), 'cdef');
  assert.strictEqual(b.toString('utf8', 4, 100), 'ef');
  assert.strictEqual(b.toString('utf8', 10), '');
  assert.strictEqual(b.toString('hex', 2, 4), '6364');
});

test('the <encoding>Slice and <encoding>Write methods check their arguments', () => {
  const b = Buffer.from('hello');
  assert.strictEqual(b.utf8Slice(1, 3), 'el');
  assert.strictEqual(b.latin1Slice(), 'hello');
  assert.strictEqual(b.hexSlice(1.7, 3.2), '656c');
  assert.strictEqual(b.utf8Slice(3, 1), '');
  assert.throws(() => b.utf8Slice(0, 10), { code: 'ERR_OUT_OF_RANGE', name: 'RangeError', message: 'Index out of range' });
  assert.throws(() => b.utf8Slice(-1), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => Buffer.prototype.utf8Slice.call({}, 0, 1), { code: 'ERR_INVALID_ARG_TYPE', message: 'argument must be a buffer' });
  assert.throws(() => b.utf8Write(5), { code: 'ERR_INVALID_ARG_TYPE', message: 'argument must be a string' });
  assert.throws(() => b.utf8Write('ab', 6), { code: 'ERR_BUFFER_OUT_OF_BOUNDS', message: '"offset" is outside of buffer bounds' });
  // Node 22 reports a negative offset or length as out of bounds (20 as
  // out of range).
  if (Number(process.versions.node.split('.')[0]) >= 22) {
    assert.throws(() => b.utf8Write('ab', -1), { code: 'ERR_BUFFER_OUT_OF_BOUNDS' });
    assert.throws(() => b.utf8Write('ab', 1, -1), { code: 'ERR_BUFFER_OUT_OF_BOUNDS', message: '"length" is outside of buffer bounds' });
  }
  assert.strictEqual(b.utf8Write('ab', 4, 10), 1);
  assert.strictEqual(b.latin1Write('xyz', 1, 1), 1);
  assert.strictEqual(b.hexWrite('zz'), 0);
  assert.strictEqual(b.toString(), 'hxlla');
});
