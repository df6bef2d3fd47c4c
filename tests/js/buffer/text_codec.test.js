'use strict';
// TextEncoder and TextDecoder (globals and node:util).
const { test } = require('node:test');
const assert = require('node:assert');
const util = require('node:util');

const node22 = Number(process.versions.node.split('.')[0]) >= 22;
const bytes = (...b) => new Uint8Array(b);

test('TextEncoder.encode gives a plain Uint8Array of UTF-8', () => {
  const te = new TextEncoder();
  assert.strictEqual(te.encoding, 'utf-8');
  const out = te.encode('h\ud800\u00e9');
  assert.strictEqual(Object.getPrototypeOf(out), Uint8Array.prototype);
  assert.deepStrictEqual([...out], [104, 239, 191, 189, 195, 169]);
  assert.deepStrictEqual([...te.encode()], []);
  assert.deepStrictEqual([...te.encode(123)], [49, 50, 51]);
  const long = 'abc\u20ac'.repeat(100000);
  assert.strictEqual(te.encode(long).length, 600000);
  assert.strictEqual(util.TextEncoder, TextEncoder);
  assert.strictEqual(Object.prototype.toString.call(te), '[object TextEncoder]');
  assert.strictEqual(util.inspect(te), "{ encoding: 'utf-8' }");
});

test('TextEncoder.encodeInto writes whole characters and counts both sides', () => {
  const te = new TextEncoder();
  assert.deepStrictEqual(te.encodeInto('h\u00e9llo\ud83d\ude00', new Uint8Array(5)), { read: 4, written: 5 });
  assert.deepStrictEqual(te.encodeInto('a\ud83d\ude00', new Uint8Array(4)), { read: 1, written: 1 });
  assert.deepStrictEqual(te.encodeInto('a\ud83d\ude00', new Uint8Array(5)), { read: 3, written: 5 });
  assert.deepStrictEqual(te.encodeInto('', new Uint8Array(2)), { read: 0, written: 0 });
  const dest = new Uint8Array(8).fill(0xaa);
  assert.deepStrictEqual(te.encodeInto('\u00e9\u00e9\u00e9', dest.subarray(2, 7)), { read: 2, written: 4 });
  assert.deepStrictEqual([...dest], [0xaa, 0xaa, 0xc3, 0xa9, 0xc3, 0xa9, 0xaa, 0xaa]);
  assert.throws(() => te.encodeInto('x', []), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "dest" argument must be an instance of Uint8Array. Received an instance of Array',
  });
  assert.throws(() => TextEncoder.prototype.encode.call({}), { code: 'ERR_INVALID_THIS' });
});

test('TextDecoder labels, options and properties', () => {
  const td = new TextDecoder();
  assert.strictEqual(td.encoding, 'utf-8');
  assert.strictEqual(td.fatal, false);
  assert.strictEqual(td.ignoreBOM, false);
  assert.strictEqual(Object.prototype.toString.call(td), '[object TextDecoder]');
  assert.strictEqual(util.inspect(td), "TextDecoder { encoding: 'utf-8', fatal: false, ignoreBOM: false }");
  assert.strictEqual(new TextDecoder(' UTF8 ').encoding, 'utf-8');
  assert.strictEqual(new TextDecoder('unicode-1-1-utf-8').encoding, 'utf-8');
  assert.strictEqual(new TextDecoder('utf-16').encoding, 'utf-16le');
  assert.strictEqual(new TextDecoder('UCS-2').encoding, 'utf-16le');
  assert.strictEqual(new TextDecoder('unicodefffe').encoding, 'utf-16be');
  assert.strictEqual(new TextDecoder('latin1').encoding, 'windows-1252');
  assert.strictEqual(new TextDecoder('us-ascii').encoding, 'windows-1252');
  assert.strictEqual(new TextDecoder('ISO-8859-1').encoding, 'windows-1252');
  assert.strictEqual(new TextDecoder('utf8', null).encoding, 'utf-8');
  assert.strictEqual(new TextDecoder('utf8', { fatal: 1, ignoreBOM: 'y' }).fatal, true);
  assert.throws(() => new TextDecoder('utf-32'), {
    name: 'RangeError', code: 'ERR_ENCODING_NOT_SUPPORTED', message: 'The "utf-32" encoding is not supported',
  });
  assert.throws(() => new TextDecoder('utf8', 5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.strictEqual(util.TextDecoder, TextDecoder);
});

test('TextDecoder.decode: inputs, BOM, invalid bytes, fatal', () => {
  const td = new TextDecoder();
  assert.strictEqual(td.decode(), '');
  assert.strictEqual(td.decode(undefined), '');
  assert.strictEqual(td.decode(bytes(0x68, 0x69)), 'hi');
  assert.strictEqual(td.decode(bytes(0x68, 0x69).buffer), 'hi');
  assert.strictEqual(td.decode(new Uint16Array([0x6968])), 'hi');
  assert.strictEqual(td.decode(new DataView(bytes(0x41).buffer)), 'A');
  assert.strictEqual(td.decode(Buffer.from('\u00e9')), '\u00e9');
  assert.strictEqual(td.decode(bytes(0xef, 0xbb, 0xbf, 0x41)), 'A');
  assert.strictEqual(td.decode(bytes(0xef, 0xbb, 0xbf, 0x41)), 'A'); // each call starts a stream
  assert.strictEqual(new TextDecoder('utf8', { ignoreBOM: true }).decode(bytes(0xef, 0xbb, 0xbf, 0x41)), '\ufeffA');
  assert.strictEqual(td.decode(bytes(0x61, 0xff, 0xe2, 0x82)), 'a\ufffd\ufffd');
  assert.throws(() => td.decode('x'), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => td.decode(null), { code: 'ERR_INVALID_ARG_TYPE' });
  const fatal = new TextDecoder('utf-8', { fatal: true });
  assert.strictEqual(fatal.decode(bytes(0xc3, 0xa9)), '\u00e9');
  assert.throws(() => fatal.decode(bytes(0x61, 0xff)), {
    name: 'TypeError',
    code: 'ERR_ENCODING_INVALID_ENCODED_DATA',
    message: 'The encoded data was not valid for encoding utf-8',
  });
  assert.throws(() => fatal.decode(bytes(0xe2, 0x82)), { code: 'ERR_ENCODING_INVALID_ENCODED_DATA' });
  // Large input.
  const text = 'caf\u00e9 \u4e16\u754c \ud83d\ude00 '.repeat(50000);
  assert.strictEqual(td.decode(Buffer.from(text)), text);
});

test('TextDecoder streaming keeps a cut character for the next call', () => {
  const td = new TextDecoder();
  assert.strictEqual(td.decode(bytes(0xe2, 0x82), { stream: true }), '');
  assert.strictEqual(td.decode(bytes(0xac), { stream: true }), '\u20ac');
  assert.strictEqual(td.decode(bytes(0xe2)), '\ufffd'); // the end of the stream
  assert.strictEqual(td.decode(bytes(0x41)), 'A');
  // A BOM split across chunks is still removed, once.
  assert.strictEqual(td.decode(bytes(0xef, 0xbb), { stream: true }), '');
  assert.strictEqual(td.decode(bytes(0xbf, 0x41), { stream: true }), 'A');
  assert.strictEqual(td.decode(bytes(0xef, 0xbb, 0xbf)), '\ufeff');
  // Byte by byte gives the same text as all at once.
  const text = 'x\u00e9\u20ac\ud83d\ude00y';
  const all = Buffer.from(text);
  const one = new TextDecoder();
  let got = '';
  for (const b of all) got += one.decode(bytes(b), { stream: true });
  got += one.decode();
  assert.strictEqual(got, text);
  // Fatal streaming: a cut character is not an error until the end.
  const fatal = new TextDecoder('utf-8', { fatal: true });
  assert.strictEqual(fatal.decode(bytes(0xf0, 0x9f), { stream: true }), '');
  assert.strictEqual(fatal.decode(bytes(0x98, 0x80)), '\ud83d\ude00');
  assert.strictEqual(fatal.decode(bytes(0xf0, 0x9f), { stream: true }), '');
  assert.throws(() => fatal.decode(), { code: 'ERR_ENCODING_INVALID_ENCODED_DATA' });
});

test('utf-16le and utf-16be, streamed and whole', () => {
  const u = new TextDecoder('utf-16le');
  assert.strictEqual(u.decode(bytes(0x3d), { stream: true }), '');
  assert.strictEqual(u.decode(bytes(0xd8, 0x00), { stream: true }), '');
  assert.strictEqual(u.decode(bytes(0xde)), '\ud83d\ude00');
  assert.strictEqual(u.decode(bytes(0x41, 0, 0x42)), 'A\ufffd');
  assert.strictEqual(u.decode(bytes(0xff, 0xfe, 0x41, 0)), 'A');
  assert.strictEqual(u.decode(bytes(0x00, 0xd8, 0x41, 0)), '\ufffdA'); // lone surrogate
  assert.strictEqual(new TextDecoder('utf-16be').decode(bytes(0xfe, 0xff, 0, 0x41, 0xd8, 0x3d)), 'A\ufffd');
  const be = new TextDecoder('utf-16be');
  assert.strictEqual(be.decode(bytes(0xd8), { stream: true }), '');
  assert.strictEqual(be.decode(bytes(0x3d, 0xde), { stream: true }), '');
  assert.strictEqual(be.decode(bytes(0x00, 0, 0x42)), '\ud83d\ude00B');
  const input = bytes(0, 0x41, 0, 0x42);
  be.decode(input);
  assert.deepStrictEqual([...input], [0, 0x41, 0, 0x42]); // the input is not swapped in place
  assert.throws(() => new TextDecoder('utf-16le', { fatal: true }).decode(bytes(0x00, 0xd8)), {
    code: 'ERR_ENCODING_INVALID_ENCODED_DATA',
    message: 'The encoded data was not valid for encoding utf-16le',
  });
  assert.throws(() => new TextDecoder('utf-16le', { fatal: true }).decode(bytes(0x41)), {
    code: 'ERR_ENCODING_INVALID_ENCODED_DATA',
  });
});

test('windows-1252 (the latin1 labels) maps 0x80-0x9F as the spec says', { skip: !node22 }, () => {
  const td = new TextDecoder('latin1');
  assert.strictEqual(td.decode(bytes(0x80, 0x9f, 0xe9, 0x41)), '\u20ac\u0178\u00e9A');
  assert.strictEqual(td.decode(bytes(0x81, 0x8d, 0x8f, 0x90, 0x9d)), '\x81\x8d\x8f\x90\x9d');
  const all = new Uint8Array(256).map((_, i) => i);
  const s = new TextDecoder('ascii').decode(all);
  assert.strictEqual(s.length, 256);
  assert.strictEqual(s.charCodeAt(0x41), 0x41);
  assert.strictEqual(s.charCodeAt(0x85), 0x2026);
  assert.strictEqual(s.charCodeAt(0xff), 0xff);
});
