'use strict';
// URLSearchParams: the three constructor forms, every method, the
// application/x-www-form-urlencoded parser and serializer, live iteration,
// and the link with URL.search.
const test = require('node:test');
const assert = require('node:assert');
const { inspect } = require('node:util');

test('constructor from a string (leading ? dropped, + is a space, escapes decoded)', () => {
  const params = new URLSearchParams('?a=1&b=x+y&c=%41%zz&d&=e&&f=g=h');
  assert.deepStrictEqual([...params], [['a', '1'], ['b', 'x y'], ['c', 'A%zz'], ['d', ''], ['', 'e'], ['f', 'g=h']]);
  assert.deepStrictEqual([...new URLSearchParams('??a=1')], [['?a', '1']]);
  assert.deepStrictEqual([...new URLSearchParams('%E4%B8%AD=%FF')], [['中', '\ufffd']]);
  assert.deepStrictEqual([...new URLSearchParams('a=%F0%9F')], [['a', '\ufffd']]);
  assert.strictEqual(new URLSearchParams().toString(), '');
  assert.strictEqual(new URLSearchParams(undefined).size, 0);
  assert.strictEqual(new URLSearchParams(null).size, 0);
  assert.strictEqual(new URLSearchParams(12).toString(), '12=');
});

test('constructor from a sequence of pairs', () => {
  assert.deepStrictEqual([...new URLSearchParams([['a', 1], ['b', true], ['a', 'x']])], [['a', '1'], ['b', 'true'], ['a', 'x']]);
  assert.deepStrictEqual([...new URLSearchParams(new Map([['k', 'v']]))], [['k', 'v']]);
  assert.deepStrictEqual([...new URLSearchParams([new Set(['x', 'y'])])], [['x', 'y']]);
  assert.throws(() => new URLSearchParams([['a']]), { name: 'TypeError', code: 'ERR_INVALID_TUPLE' });
  assert.throws(() => new URLSearchParams([['a', 'b', 'c']]), { code: 'ERR_INVALID_TUPLE' });
  assert.throws(() => new URLSearchParams([1]), { code: 'ERR_INVALID_TUPLE' });
  assert.throws(() => new URLSearchParams({ [Symbol.iterator]: 1 }), { code: 'ERR_ARG_NOT_ITERABLE' });
});

test('constructor from a record (own enumerable string keys)', () => {
  const record = Object.create({ inherited: 'no' });
  record.a = 1;
  record.b = 'two';
  Object.defineProperty(record, 'hidden', { value: 'no', enumerable: false });
  assert.deepStrictEqual([...new URLSearchParams(record)], [['a', '1'], ['b', 'two']]);
  assert.throws(() => new URLSearchParams({ [Symbol('s')]: 1 }), TypeError);
  // Keys that become equal after USVString conversion keep the first place.
  assert.deepStrictEqual([...new URLSearchParams({ '\ud800': 'x', '\ufffd': 'y' })], [['\ufffd', 'y']]);
});

test('copying another URLSearchParams', () => {
  const a = new URLSearchParams('x=1');
  const b = new URLSearchParams(a);
  b.append('y', '2');
  assert.strictEqual(a.toString(), 'x=1');
  assert.strictEqual(b.toString(), 'x=1&y=2');
});

test('append, get, getAll, has, set, delete, size', () => {
  const params = new URLSearchParams('a=1&b=2&a=3');
  assert.strictEqual(params.get('a'), '1');
  assert.strictEqual(params.get('zz'), null);
  assert.deepStrictEqual(params.getAll('a'), ['1', '3']);
  assert.deepStrictEqual(params.getAll('zz'), []);
  assert.strictEqual(params.has('b'), true);
  assert.strictEqual(params.has('a', '3'), true);
  assert.strictEqual(params.has('a', '2'), false);
  params.append('c', 'x');
  assert.strictEqual(params.size, 4);
  params.set('a', 'new');
  assert.strictEqual(params.toString(), 'a=new&b=2&c=x');
  params.set('d', '4');
  assert.strictEqual(params.toString(), 'a=new&b=2&c=x&d=4');
  params.append('b', '5');
  params.delete('b', '2');
  assert.strictEqual(params.toString(), 'a=new&c=x&d=4&b=5');
  params.delete('b');
  assert.strictEqual(params.toString(), 'a=new&c=x&d=4');
  params.delete('b', undefined);
  assert.strictEqual(params.size, 3);
});

test('argument counts and receivers are checked', () => {
  const params = new URLSearchParams();
  assert.throws(() => params.append('a'), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => params.set('a'), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => params.get(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => params.getAll(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => params.has(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => params.delete(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => params.forEach(), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => URLSearchParams.prototype.get.call({}, 'a'), { code: 'ERR_INVALID_THIS' });
  assert.throws(() => URLSearchParams.prototype.toString.call(new URL('http://x')), { code: 'ERR_INVALID_THIS' });
  assert.throws(() => URLSearchParams(), TypeError);
});

test('sort is stable and compares code units', () => {
  const params = new URLSearchParams('z=1&a=2&z=0&\ufb03=3&\ud83c\udf08=4&a=1');
  params.sort();
  assert.deepStrictEqual([...params.keys()], ['a', 'a', 'z', 'z', '\ud83c\udf08', '\ufb03']);
  assert.deepStrictEqual(params.getAll('a'), ['2', '1']);
  assert.deepStrictEqual(params.getAll('z'), ['1', '0']);
});

test('toString uses the form-urlencoded serializer', () => {
  const params = new URLSearchParams();
  params.append('a b', "c+d&e=f!'()~*-._");
  params.append('é', '\u{1F600}');
  params.append('lone', '\ud800');
  assert.strictEqual(params.toString(), "a+b=c%2Bd%26e%3Df%21%27%28%29%7E*-._&%C3%A9=%F0%9F%98%80&lone=%EF%BF%BD");
  assert.strictEqual(String(params), params.toString());
});

test('iterators are live and report their kind', () => {
  const params = new URLSearchParams('a=1&b=2');
  const entries = params.entries();
  assert.deepStrictEqual(entries.next(), { value: ['a', '1'], done: false });
  params.append('c', '3');
  assert.deepStrictEqual([...entries], [['b', '2'], ['c', '3']]);
  assert.deepStrictEqual(entries.next(), { value: undefined, done: true });
  assert.deepStrictEqual([...params.keys()], ['a', 'b', 'c']);
  assert.deepStrictEqual([...params.values()], ['1', '2', '3']);
  assert.strictEqual(params[Symbol.iterator], params.entries);
  const iterProto = Object.getPrototypeOf(params.keys());
  assert.strictEqual(Object.prototype.toString.call(params.keys()), '[object URLSearchParams Iterator]');
  assert.strictEqual(Object.getPrototypeOf(iterProto), Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
  assert.throws(() => iterProto.next.call({}), { code: 'ERR_INVALID_THIS' });
});

test('forEach sees changes made by the callback', () => {
  const params = new URLSearchParams('a=1&b=2');
  const seen = [];
  const self = {};
  params.forEach(function(value, name, object) {
    seen.push([name, value]);
    assert.strictEqual(this, self);
    assert.strictEqual(object, params);
    if (name === 'a') params.append('c', '3');
  }, self);
  assert.deepStrictEqual(seen, [['a', '1'], ['b', '2'], ['c', '3']]);
});

test('a URL and its searchParams stay in sync', () => {
  const url = new URL('http://h/p?x=1#frag');
  const params = url.searchParams;
  assert.strictEqual(params.get('x'), '1');
  params.append('y', 'a b');
  assert.strictEqual(url.href, 'http://h/p?x=1&y=a+b#frag');
  params.delete('x');
  params.delete('y');
  assert.strictEqual(url.href, 'http://h/p#frag');
  assert.strictEqual(url.search, '');
  url.search = '?k=v';
  assert.deepStrictEqual([...params], [['k', 'v']]);
  url.href = 'http://other/?n=2';
  assert.deepStrictEqual([...params], [['n', '2']]);
  assert.strictEqual(url.searchParams, params);
  // Serializing through searchParams re-encodes the query.
  const raw = new URL('http://h/?a=b c');
  raw.searchParams.sort();
  assert.strictEqual(raw.search, '?a=b+c');
});

test('descriptors follow WebIDL', () => {
  const proto = URLSearchParams.prototype;
  for (const key of ['append', 'delete', 'get', 'getAll', 'has', 'set', 'sort', 'entries', 'forEach', 'keys', 'values', 'toString']) {
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    assert.strictEqual(desc.enumerable, true, key);
    assert.strictEqual(typeof desc.value, 'function');
  }
  assert.strictEqual(typeof Object.getOwnPropertyDescriptor(proto, 'size').get, 'function');
  assert.strictEqual(proto[Symbol.toStringTag], 'URLSearchParams');
  assert.strictEqual(Object.prototype.toString.call(new URLSearchParams()), '[object URLSearchParams]');
});

test('inspect output', () => {
  assert.strictEqual(inspect(new URLSearchParams()), 'URLSearchParams {}');
  assert.strictEqual(inspect(new URLSearchParams('a=1&b=2')), "URLSearchParams { 'a' => '1', 'b' => '2' }");
  const long = new URLSearchParams({ aaaaaaaaaaaaaaaaaaaa: '1', bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: '2', cccccccccccccccccccc: '3' });
  assert.strictEqual(inspect(long), "URLSearchParams {\n  'aaaaaaaaaaaaaaaaaaaa' => '1',\n  'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' => '2',\n  'cccccccccccccccccccc' => '3' }");
  const params = new URLSearchParams('a=1&b=2');
  assert.strictEqual(inspect(params.entries()), "URLSearchParams Iterator { [ 'a', '1' ], [ 'b', '2' ] }");
  const keys = params.keys();
  keys.next();
  assert.strictEqual(inspect(keys), "URLSearchParams Iterator { 'b' }");
  assert.strictEqual(inspect({ p: { q: params } }, { depth: 0 }), '{ p: [Object] }');
});
