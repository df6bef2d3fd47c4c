'use strict';
// node:punycode (deprecated): RFC 3492 encode/decode, the domain helpers
// of punycode.js and its ucs2 helpers.
process.noDeprecation = true;
const test = require('node:test');
const assert = require('node:assert');
const punycode = require('node:punycode');

test('encode and decode (RFC 3492 samples)', () => {
  const samples = [
    ['mañana', 'maana-pta'], ['bücher', 'bcher-kva'], ['ü', 'tda'], ['abc', 'abc-'], ['', ''], ['☃-⌘', '--dqo34k'],
    ['\u{1F4A9}', 'ls8h'], ['他们为什么不说中文', 'ihqwcrb4cv8a8dqg056pqjye'], ['ليهمابتكلموشعربي؟', 'egbpdaj6bu4bxfgehfvwxn'],
  ];
  for (const [unicode, encoded] of samples) {
    assert.strictEqual(punycode.encode(unicode), encoded, unicode);
    assert.strictEqual(punycode.decode(encoded), unicode, encoded);
  }
  assert.strictEqual(punycode.decode('-> $1.00 <--'), '-> $1.00 <-');
});

test('decode errors are RangeErrors', () => {
  assert.throws(() => punycode.decode('ü'), { name: 'RangeError', message: 'Invalid input' });
  assert.throws(() => punycode.decode('a-$'), { name: 'RangeError', message: 'Invalid input' });
  assert.throws(() => punycode.decode('ü-a'), { name: 'RangeError', message: 'Illegal input >= 0x80 (not a basic code point)' });
  assert.throws(() => punycode.decode('99999999999'), { name: 'RangeError', message: 'Overflow: input needs wider integers to process' });
  assert.throws(() => punycode.decode('c-c8800c'), RangeError);
});

test('toASCII and toUnicode convert labels only where needed', () => {
  assert.strictEqual(punycode.toASCII('mañana.com'), 'xn--maana-pta.com');
  assert.strictEqual(punycode.toASCII('MAÑANA.com'), 'xn--MAANA-7na.com');
  assert.strictEqual(punycode.toASCII('example.com'), 'example.com');
  assert.strictEqual(punycode.toASCII('a\u3002ü\uff0eb\uff61c'), 'a.xn--tda.b.c');
  assert.strictEqual(punycode.toASCII('jürgen@münchen.de'), 'jürgen@xn--mnchen-3ya.de');
  assert.strictEqual(punycode.toUnicode('xn--maana-pta.com'), 'mañana.com');
  assert.strictEqual(punycode.toUnicode('XN--MAANA-PTA.COM'), 'XN--MAANA-PTA.COM');
  assert.strictEqual(punycode.toUnicode('a@b@xn--tda'), 'a@b');
});

test('ucs2 helpers keep lone surrogates', () => {
  assert.deepStrictEqual(punycode.ucs2.decode('a\u{1F600}\ud800'), [97, 0x1F600, 0xD800]);
  assert.strictEqual(punycode.ucs2.encode([97, 0x1F600, 0xD800]), 'a\u{1F600}\ud800');
  assert.throws(() => punycode.ucs2.encode([0x110000]), RangeError);
});

test('module shape', () => {
  assert.deepStrictEqual(Object.keys(punycode), ['version', 'ucs2', 'decode', 'encode', 'toASCII', 'toUnicode']);
  assert.strictEqual(punycode.version, '2.1.0');
});
