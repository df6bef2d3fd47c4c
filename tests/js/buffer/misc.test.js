'use strict';
// inspect, toJSON, transcode, isUtf8/isAscii, atob/btoa.
const { test } = require('node:test');
const assert = require('node:assert');
const util = require('node:util');
const buffer = require('node:buffer');
const { Buffer, transcode, isUtf8, isAscii } = buffer;

const hex = (b) => b.toString('hex');

test('inspect shows at most INSPECT_MAX_BYTES bytes and extra properties', () => {
  assert.strictEqual(util.inspect(Buffer.from('hello')), '<Buffer 68 65 6c 6c 6f>');
  assert.strictEqual(util.inspect(Buffer.alloc(0)), '<Buffer >');
  assert.strictEqual(util.inspect(Buffer.alloc(51)), `<Buffer ${'00 '.repeat(50)}... 1 more byte>`);
  assert.strictEqual(util.inspect(Buffer.alloc(60)), `<Buffer ${'00 '.repeat(50)}... 10 more bytes>`);
  const b = Buffer.from('ab');
  b.foo = 1;
  assert.strictEqual(util.inspect(b), '<Buffer 61 62, foo: 1>');
  const e = Buffer.alloc(0);
  e.bar = 'x';
  assert.strictEqual(util.inspect(e), "<Buffer bar: 'x'>");
  assert.strictEqual(Buffer.from('ab').inspect(), '<Buffer 61 62>');
  assert.strictEqual(Buffer.prototype.inspect, Buffer.prototype[util.inspect.custom]);
  const saved = buffer.INSPECT_MAX_BYTES;
  try {
    buffer.INSPECT_MAX_BYTES = 2;
    assert.strictEqual(util.inspect(Buffer.from('abcd')), '<Buffer 61 62 ... 2 more bytes>');
  } finally {
    buffer.INSPECT_MAX_BYTES = saved;
  }
  // A subclass shows its own name.
  class Sub extends Buffer {}
  const s = Buffer.from('z');
  Object.setPrototypeOf(s, Sub.prototype);
  assert.strictEqual(util.inspect(s), '<Sub 7a>');
});

test('toJSON, JSON.stringify and back', () => {
  const b = Buffer.from([1, 2, 255]);
  assert.deepStrictEqual(b.toJSON(), { type: 'Buffer', data: [1, 2, 255] });
  assert.strictEqual(JSON.stringify(b), '{"type":"Buffer","data":[1,2,255]}');
  assert.ok(Buffer.from(JSON.parse(JSON.stringify(b))).equals(b));
  assert.deepStrictEqual(Buffer.alloc(0).toJSON(), { type: 'Buffer', data: [] });
  assert.strictEqual(b.toLocaleString, b.toString);
});

test('transcode between utf8, ucs2, latin1 and ascii', () => {
  const src = Buffer.from('a\u20ac\u00e9\ud83d\ude00');
  assert.strictEqual(hex(transcode(src, 'utf8', 'ascii')), '613f3f3f');
  assert.strictEqual(hex(transcode(src, 'utf8', 'latin1')), '613fe93f');
  assert.strictEqual(hex(transcode(src, 'utf8', 'ucs2')), '6100ac20e9003dd800de');
  assert.strictEqual(transcode(transcode(src, 'utf8', 'ucs2'), 'ucs2', 'utf8').toString(), src.toString());
  assert.strictEqual(hex(transcode(Buffer.from('a\u00e9', 'latin1'), 'latin1', 'utf8')), '61c3a9');
  assert.strictEqual(hex(transcode(Buffer.from([0x61, 0xe9, 0x80]), 'ascii', 'utf8')), '61efbfbdefbfbd');
  assert.strictEqual(hex(transcode(Buffer.from('a\ud800b', 'ucs2'), 'ucs2', 'latin1')), '613f62');
  assert.strictEqual(hex(transcode(Buffer.from('a\ud800b', 'ucs2'), 'ucs2', 'ucs2')), '6100fdff6200');
  assert.strictEqual(hex(transcode(Buffer.from([0xff, 0x61]), 'utf8', 'latin1')), '3f61');
  assert.strictEqual(hex(transcode(Buffer.from([0xff, 0x61]), 'binary', 'utf16le')), 'ff006100');
  assert.strictEqual(transcode(Buffer.alloc(0), 'utf8', 'ucs2').length, 0);
  assert.ok(transcode(new Uint8Array([97]), 'utf8', 'ucs2') instanceof Buffer);
  // Strict pairs fail on what they cannot represent.
  assert.throws(() => transcode(Buffer.from([0xff, 0x61]), 'utf8', 'ucs2'), {
    name: 'Error', code: 'U_INVALID_CHAR_FOUND', errno: 10, message: 'Unable to transcode Buffer [U_INVALID_CHAR_FOUND]',
  });
  assert.throws(() => transcode(Buffer.from('a\ud800b', 'ucs2'), 'ucs2', 'utf8'), { code: 'U_INVALID_CHAR_FOUND' });
  assert.throws(() => transcode(Buffer.from('a'), 'utf8', 'hex'), {
    code: 'U_ILLEGAL_ARGUMENT_ERROR', errno: 1, message: 'Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]',
  });
  assert.throws(() => transcode('a', 'utf8', 'ucs2'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "source" argument must be an instance of Buffer or Uint8Array. Received type string (\'a\')',
  });
});

test('isUtf8 and isAscii', () => {
  assert.strictEqual(isUtf8(Buffer.from('h\u00e9llo \ud83d\ude00')), true);
  assert.strictEqual(isUtf8(Buffer.from([0xc3])), false);
  assert.strictEqual(isUtf8(Buffer.from([0xed, 0xa0, 0x80])), false);
  assert.strictEqual(isUtf8(new Uint8Array(0)), true);
  assert.strictEqual(isUtf8(new ArrayBuffer(3)), true);
  assert.strictEqual(isUtf8(new Uint16Array([0xa9c3])), true);
  assert.strictEqual(isAscii(Buffer.from('plain')), true);
  assert.strictEqual(isAscii(Buffer.from('caf\u00e9')), false);
  const long = Buffer.alloc(100000, 'a');
  assert.strictEqual(isAscii(long), true);
  assert.strictEqual(isUtf8(long), true);
  long[99999] = 0x80;
  assert.strictEqual(isAscii(long), false);
  assert.strictEqual(isUtf8(long), false);
  assert.throws(() => isUtf8('x'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "input" argument must be an instance of ArrayBuffer, Buffer, or TypedArray. Received type string (\'x\')',
  });
  assert.throws(() => isAscii(null), { code: 'ERR_INVALID_ARG_TYPE' });
  // A detached ArrayBuffer cannot be checked; a view of one is empty.
  const ab = new ArrayBuffer(4);
  const view = new Uint8Array(ab);
  structuredClone(ab, { transfer: [ab] });
  assert.strictEqual(isUtf8(view), true);
  assert.throws(() => isUtf8(ab), {
    name: 'Error', code: 'ERR_INVALID_STATE', message: 'Cannot validate on a detached buffer',
  });
});

test('atob and btoa, with DOMException errors', () => {
  assert.strictEqual(btoa('hi'), 'aGk=');
  assert.strictEqual(btoa('\xff\xfe'), '//4=');
  assert.strictEqual(btoa(12), 'MTI=');
  assert.strictEqual(atob('aGk='), 'hi');
  assert.strictEqual(atob(' YQ== '), 'a');
  assert.strictEqual(atob('YW Jj'), 'abc');
  assert.strictEqual(atob('YWJj\n'), 'abc');
  assert.strictEqual(atob('YWJj\fZA\r\n=='), 'abcd');
  assert.strictEqual(atob('YQ'), 'a');
  assert.strictEqual(atob(''), '');
  assert.strictEqual(atob('//4='), '\xff\xfe');
  assert.strictEqual(buffer.atob, atob);
  assert.strictEqual(buffer.btoa, btoa);
  const invalid = { name: 'InvalidCharacterError', message: 'Invalid character', code: 5 };
  for (const s of ['YQ=', 'YQ===', 'Y\u0100', 'YQ=a', '\u00ff', 'ab-_', 'Y===', 'YW\u00a0Jj']) {
    assert.throws(() => atob(s), invalid, JSON.stringify(s));
  }
  for (const s of ['Y', 'YWJjZ', 'A']) {
    assert.throws(() => atob(s), {
      name: 'InvalidCharacterError', message: 'The string to be decoded is not correctly encoded.',
    }, s);
  }
  assert.throws(() => atob('Y'), (err) => err instanceof DOMException);
  assert.throws(() => btoa('\u0100'), invalid);
  assert.throws(() => atob(), { code: 'ERR_MISSING_ARGS', message: 'The "input" argument must be specified' });
  assert.throws(() => btoa(), { code: 'ERR_MISSING_ARGS' });
  // Long input round trip.
  let bin = '';
  for (let i = 0; i < 70000; i++) bin += String.fromCharCode(i & 255);
  assert.strictEqual(atob(btoa(bin)), bin);
});

test('a Buffer over a detached ArrayBuffer acts as an empty one', () => {
  const ab = new ArrayBuffer(8);
  const b = Buffer.from(ab);
  structuredClone(ab, { transfer: [ab] });
  assert.strictEqual(b.length, 0);
  assert.strictEqual(b.toString(), '');
  assert.strictEqual(b.toString('hex'), '');
  assert.strictEqual(b.write('x'), 0);
  if (Number(process.versions.node.split('.')[0]) >= 22) {
    assert.strictEqual(hex(Buffer.concat([b, Buffer.from('a')])), '61'); // Node 20 throws
  }
  assert.strictEqual(b.equals(Buffer.alloc(0)), true);
  assert.strictEqual(b.indexOf('a'), -1);
  assert.strictEqual(new TextDecoder().decode(b), '');
  assert.strictEqual(b.copy(Buffer.alloc(2)), 0);
  assert.throws(() => b.readUInt8(0), { code: 'ERR_BUFFER_OUT_OF_BOUNDS' });
  assert.throws(() => b.fill(1), TypeError);
});
