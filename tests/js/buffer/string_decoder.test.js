'use strict';
// node:string_decoder: characters split across chunks, in every encoding.
const { test } = require('node:test');
const assert = require('node:assert');
const { StringDecoder } = require('node:string_decoder');

const B = (...bytes) => Buffer.from(bytes);

// Feeds the bytes one chunk size at a time; returns the joined text.
function decodeInChunks(encoding, buf, size) {
  const d = new StringDecoder(encoding);
  let out = '';
  for (let i = 0; i < buf.length; i += size) out += d.write(buf.subarray(i, i + size));
  return out + d.end();
}

test('utf8: a character cut in two comes out whole', () => {
  const d = new StringDecoder('utf8');
  assert.strictEqual(d.write(B(0xe2)), '');
  assert.strictEqual(d.lastNeed, 2);
  assert.strictEqual(d.lastTotal, 3);
  assert.strictEqual(d.lastChar[0], 0xe2);
  assert.strictEqual(d.lastChar.length, 4);
  assert.strictEqual(d.write(B(0x82)), '');
  assert.strictEqual(d.lastNeed, 1);
  assert.strictEqual(d.write(B(0xac, 0x41)), '\u20acA');
  assert.strictEqual(d.lastNeed, 0);
  assert.strictEqual(d.end(), '');
  for (const text of ['h\u00e9llo', '\u20ac\u20ac\u20ac', 'a\ud83d\ude00b\ud83d\ude01', 'plain']) {
    const buf = Buffer.from(text);
    for (let size = 1; size <= 5; size++) {
      assert.strictEqual(decodeInChunks('utf8', buf, size), text, `${text} by ${size}`);
    }
  }
});

test('utf8: a byte that cannot continue the kept character ends it as U+FFFD', () => {
  const d = new StringDecoder('utf8');
  assert.strictEqual(d.write(B(0xe2)), '');
  assert.strictEqual(d.write(B(0x41)), '\ufffdA');
  assert.strictEqual(d.write(B(0xe2, 0x82)), '');
  assert.strictEqual(d.write(B(0x41)), '\ufffdA');
  assert.strictEqual(d.end(B(0xf0, 0x9f)), '\ufffd');
  assert.strictEqual(d.end(), '');
  assert.strictEqual(new StringDecoder().end(B(0xc3)), '\ufffd');
  assert.strictEqual(new StringDecoder().write(B(0x80, 0x80)), '\ufffd\ufffd');
  assert.strictEqual(new StringDecoder().write(B(0xf8)), '\ufffd'); // never a lead byte
  assert.strictEqual(new StringDecoder().write(B(0x61, 0xe2, 0x82, 0xac)), 'a\u20ac');
});

test('utf16le: odd bytes and surrogate pairs wait for the rest', () => {
  const d = new StringDecoder('utf16le');
  assert.strictEqual(d.write(B(0x3d)), '');
  assert.strictEqual(d.lastNeed, 1);
  // A unit completed from kept bytes is given out as it is, even a high
  // surrogate (Node's decoder checks for a cut pair only at a chunk's end).
  assert.strictEqual(d.write(B(0xd8, 0x00)), '\ud83d');
  assert.strictEqual(d.lastNeed, 1);
  assert.strictEqual(d.lastTotal, 2);
  assert.strictEqual(d.write(B(0xde)), '\ude00');
  assert.strictEqual(d.end(B(0x41)), ''); // a lone last byte is dropped
  const p = new StringDecoder('utf16le');
  assert.strictEqual(p.write(B(0x61, 0x00, 0x3d, 0xd8)), 'a');
  assert.strictEqual(p.lastNeed, 2);
  assert.strictEqual(p.lastTotal, 4);
  assert.strictEqual(p.write(B(0x00, 0xde, 0x62, 0x00)), '\ud83d\ude00b');
  const text = 'a\ud83d\ude00\u00e9z';
  const buf = Buffer.from(text, 'utf16le');
  for (let size = 1; size <= 4; size++) {
    assert.strictEqual(decodeInChunks('ucs2', buf, size), text, `by ${size}`);
  }
  const e = new StringDecoder('utf16le');
  e.write(B(0x3d, 0xd8));
  assert.strictEqual(e.end(), '\ud83d'); // a kept high surrogate, alone
});

test('base64 and base64url: whole groups of three bytes per chunk', () => {
  const d = new StringDecoder('base64');
  assert.strictEqual(d.write(Buffer.from('a')), '');
  assert.strictEqual(d.lastNeed, 2);
  assert.strictEqual(d.write(Buffer.from('bcd')), 'YWJj');
  assert.strictEqual(d.end(Buffer.from('ef')), 'ZGVm');
  const e = new StringDecoder('base64');
  assert.strictEqual(e.write(Buffer.from('ab')), '');
  assert.strictEqual(e.end(), 'YWI=');
  const data = Buffer.from('any carnal pleasure.');
  for (let size = 1; size <= 7; size++) {
    assert.strictEqual(decodeInChunks('base64', data, size), data.toString('base64'));
    assert.strictEqual(decodeInChunks('base64url', data, size), data.toString('base64url'));
  }
});

test('hex, latin1 and ascii keep nothing back', () => {
  assert.strictEqual(new StringDecoder('hex').write(B(1, 255)), '01ff');
  assert.strictEqual(new StringDecoder('latin1').end(B(0xe9)), '\u00e9');
  assert.strictEqual(new StringDecoder('binary').write(B(0xe9)), '\u00e9');
  assert.strictEqual(new StringDecoder('ascii').write(B(0xe9, 0x41)), 'iA');
  const d = new StringDecoder('hex');
  d.write(B(1));
  assert.strictEqual(d.lastNeed, 0);
});

test('encodings, arguments and text()', () => {
  assert.strictEqual(new StringDecoder().encoding, 'utf8');
  assert.strictEqual(new StringDecoder('UTF-8').encoding, 'utf8');
  assert.strictEqual(new StringDecoder('ucs2').encoding, 'utf16le');
  assert.strictEqual(new StringDecoder('binary').encoding, 'latin1');
  assert.strictEqual(new StringDecoder(null).encoding, 'utf8');
  assert.throws(() => new StringDecoder('xx'), {
    name: 'TypeError', code: 'ERR_UNKNOWN_ENCODING', message: 'Unknown encoding: xx',
  });
  const d = new StringDecoder();
  assert.strictEqual(d.write('already text'), 'already text');
  assert.throws(() => d.write(5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "buf" argument must be an instance of Buffer, TypedArray, or DataView. Received type number (5)',
  });
  assert.strictEqual(d.write(new Uint16Array([0x6968])), 'hi');
  assert.strictEqual(d.write(new DataView(Buffer.from('ok').buffer, Buffer.from('ok').byteOffset, 2)), 'ok');
  assert.strictEqual(d.text(Buffer.from('h\u00e9llo'), 3), 'llo');
  d.write(B(0xe2));
  assert.strictEqual(d.text(Buffer.from('xyz'), 1), 'yz'); // forgets the kept byte
  assert.strictEqual(d.end(), '');
});
