'use strict';
// node:querystring: parse (custom separators, maxKeys, repeated keys,
// decodeURIComponent option, malformed escapes), stringify (value types,
// arrays, custom encoder), escape/unescape and unescapeBuffer.
const test = require('node:test');
const assert = require('node:assert');
const qs = require('node:querystring');

const parse = (...args) => ({ ...qs.parse(...args) });

test('parse: pairs, repeated keys, empty pieces', () => {
  assert.deepStrictEqual(parse('a=1&b=2'), { a: '1', b: '2' });
  assert.deepStrictEqual(parse('a=1&a=2&a=3'), { a: ['1', '2', '3'] });
  assert.deepStrictEqual(parse('&&a&&'), { a: '' });
  assert.deepStrictEqual(parse('='), { '': '' });
  assert.deepStrictEqual(parse('=x'), { '': 'x' });
  assert.deepStrictEqual(parse('a==b'), { a: '=b' });
  assert.deepStrictEqual(parse('a[]=1&a[]=2'), { 'a[]': ['1', '2'] });
  assert.deepStrictEqual(parse(''), {});
  assert.deepStrictEqual(parse(123), {});
  assert.strictEqual(Object.getPrototypeOf(qs.parse('a=1')), null);
  assert.deepStrictEqual(Object.keys(qs.parse('__proto__=1&constructor=2')), ['__proto__', 'constructor']);
});

test('parse: decoding, + as space, malformed escapes', () => {
  assert.deepStrictEqual(parse('+a+=+b+'), { ' a ': ' b ' });
  assert.deepStrictEqual(parse('%41=%42'), { A: 'B' });
  assert.deepStrictEqual(parse('%zz=%'), { '%zz': '%' });
  assert.deepStrictEqual(parse('a%20b=c%2'), { 'a b': 'c%2' });
  assert.deepStrictEqual(parse('x=%F0%9F%98%80'), { x: '😀' });
  // A lone byte that is not UTF-8 decodes to U+FFFD through unescapeBuffer.
  assert.deepStrictEqual(parse('%E4%B8%AD=%E4'), { '中': '\ufffd' });
  assert.deepStrictEqual(parse('a=%%41'), { a: '%A' });
});

test('parse: separators and maxKeys', () => {
  assert.deepStrictEqual(parse('a:1,b:2', ',', ':'), { a: '1', b: '2' });
  assert.deepStrictEqual(parse('a||b::c||d', '||', '::'), { a: '', b: 'c', d: '' });
  assert.deepStrictEqual(parse('a=1;b=2'), { a: '1;b=2' });
  assert.deepStrictEqual(parse('a=1&b=2', '', ''), { a: '1', b: '2' });
  assert.deepStrictEqual(parse('a=1&b=2&c=3', '&', '=', { maxKeys: 2 }), { a: '1', b: '2' });
  assert.deepStrictEqual(parse('a=1&a=2&c=3', '&', '=', { maxKeys: 2 }), { a: ['1', '2'] });
  // Empty pieces count too.
  assert.deepStrictEqual(parse('&&a&&', '&', '=', { maxKeys: 2 }), {});
  assert.deepStrictEqual(parse('a=1&b=2&c=3', '&', '=', { maxKeys: 0 }), { a: '1', b: '2', c: '3' });
  const many = Array.from({ length: 1500 }, (_, i) => `k${i}=v`).join('&');
  assert.strictEqual(Object.keys(qs.parse(many)).length, 1000);
});

test('parse: custom decodeURIComponent', () => {
  const seen = [];
  const decode = (s) => { seen.push(s); return s.toUpperCase(); };
  assert.deepStrictEqual(parse('a=b&c+d=%41', null, null, { decodeURIComponent: decode }), { A: 'B', 'C%20D': '%41' });
  assert.deepStrictEqual(seen, ['a', 'b', 'c%20d', '%41']);
  // A throwing decoder falls back to unescape.
  const result = parse('a=%41', null, null, { decodeURIComponent: () => { throw new Error('x'); } });
  assert.deepStrictEqual(result, { a: 'A' });
});

test('stringify: value types and arrays', () => {
  assert.strictEqual(qs.stringify({ a: 1, b: 'x y', c: [1, 2], d: true, e: null, f: undefined, g: {}, h: 1e21, i: NaN, j: 10n, k: '', l: [], 'é': 'ñ' }),
                     'a=1&b=x%20y&c=1&c=2&d=true&e=&f=&g=&h=1e%2B21&i=&j=10&k=&%C3%A9=%C3%B1');
  assert.strictEqual(qs.stringify({ a: 1, b: 2 }, ';', ':'), 'a:1;b:2');
  assert.strictEqual(qs.stringify({ a: [{}, 'x'] }), 'a=&a=x');
  assert.strictEqual(qs.stringify('abc'), '');
  assert.strictEqual(qs.stringify(null), '');
  assert.strictEqual(qs.stringify([1, 2]), '0=1&1=2');
  assert.throws(() => qs.stringify({ a: '\ud83d' }), { name: 'URIError', code: 'ERR_INVALID_URI', message: 'URI malformed' });
});

test('stringify: custom encodeURIComponent', () => {
  assert.strictEqual(qs.stringify({ a: 'x y', b: 1e21 }, null, null, { encodeURIComponent: (s) => `<${s}>` }), '<a>=<x y>&<b>=<1e+21>');
});

test('escape and unescape', () => {
  assert.strictEqual(qs.escape("a b&c/ñ!'()*~"), "a%20b%26c%2F%C3%B1!'()*~");
  assert.strictEqual(qs.escape(12), '12');
  assert.strictEqual(qs.escape({ toString() { return 'x y'; } }), 'x%20y');
  assert.throws(() => qs.escape('\ud800'), { code: 'ERR_INVALID_URI' });
  assert.throws(() => qs.escape(Symbol('x')), TypeError);
  assert.strictEqual(qs.unescape('%41%zz+%E4'), 'A%zz+\ufffd');
  assert.strictEqual(qs.unescape('a+b', true), 'a+b');
  assert.strictEqual(qs.unescape('%zz+b', true), '%zz b');
});

test('unescapeBuffer decodes bytes', () => {
  const buf = qs.unescapeBuffer('%41%zz+%E4', true);
  assert.ok(Buffer.isBuffer(buf));
  assert.strictEqual(buf.toString('hex'), '41257a7a20e4');
  assert.strictEqual(qs.unescapeBuffer('%4').toString('hex'), '2534');
  assert.strictEqual(qs.unescapeBuffer('a+b').toString(), 'a+b');
});

test('aliases and exports', () => {
  assert.strictEqual(qs.decode, qs.parse);
  assert.strictEqual(qs.encode, qs.stringify);
  assert.deepStrictEqual(Object.keys(qs).sort(), ['decode', 'encode', 'escape', 'parse', 'stringify', 'unescape', 'unescapeBuffer']);
});

test('replacing escape/unescape changes what parse and stringify use', () => {
  const { escape, unescape } = qs;
  try {
    qs.escape = (s) => `[${s}]`;
    qs.unescape = (s) => `{${s}}`;
    assert.strictEqual(qs.stringify({ a: 'b' }), '[a]=[b]');
    // A replaced unescape is called for every non-empty key and value.
    assert.deepStrictEqual({ ...qs.parse('a=%41') }, { '{a}': '{%41}' });
  } finally {
    qs.escape = escape;
    qs.unescape = unescape;
  }
});
