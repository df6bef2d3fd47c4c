'use strict';
// The URL class: constructor arguments and errors, statics, property
// descriptors, serialization, inspect output, and the global.
const test = require('node:test');
const assert = require('node:assert');
const { inspect } = require('node:util');
const url = require('node:url');

test('URL and URLSearchParams are the globals and node:url exports', () => {
  assert.strictEqual(url.URL, URL);
  assert.strictEqual(url.URLSearchParams, URLSearchParams);
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'URL');
  assert.strictEqual(desc.enumerable, false);
  assert.strictEqual(desc.writable, true);
});

test('constructor errors carry input and base', () => {
  assert.throws(() => new URL(), { name: 'TypeError', code: 'ERR_MISSING_ARGS', message: 'The "url" argument must be specified' });
  let error;
  try { new URL('nope'); } catch (e) { error = e; }
  assert.strictEqual(error.code, 'ERR_INVALID_URL');
  assert.strictEqual(error.message, 'Invalid URL');
  assert.strictEqual(error.input, 'nope');
  assert.strictEqual('base' in error, false);
  try { new URL('/x', 'bad base'); } catch (e) { error = e; }
  assert.strictEqual(error.input, '/x');
  assert.strictEqual(error.base, 'bad base');
  assert.throws(() => new URL(undefined), { code: 'ERR_INVALID_URL' });
  assert.throws(() => URL('http://x'), TypeError);
});

test('arguments are converted to strings, lone surrogates to U+FFFD', () => {
  assert.strictEqual(new URL({ toString() { return 'http://obj/'; } }).href, 'http://obj/');
  assert.strictEqual(new URL('x', { toString() { return 'http://base/a/'; } }).href, 'http://base/a/x');
  assert.strictEqual(new URL('http://h/\ud800').pathname, '/%EF%BF%BD');
  assert.strictEqual(new URL(new URL('http://copy/')).href, 'http://copy/');
});

test('URL.canParse and URL.parse', () => {
  assert.strictEqual(URL.canParse('http://x'), true);
  assert.strictEqual(URL.canParse('x'), false);
  assert.strictEqual(URL.canParse('x', 'http://b/'), true);
  assert.strictEqual(URL.canParse('x', 'bad'), false);
  assert.throws(() => URL.canParse(), { code: 'ERR_MISSING_ARGS' });
  const parsed = URL.parse('/p?q', 'https://host');
  assert.ok(parsed instanceof URL);
  assert.strictEqual(parsed.href, 'https://host/p?q');
  assert.strictEqual(parsed.searchParams.get('q'), '');
  assert.strictEqual(URL.parse('nope'), null);
});

test('href, toString, toJSON and JSON.stringify agree', () => {
  const u = new URL('HTTPS://Example.COM:443/a/../b?c#d');
  assert.strictEqual(u.href, 'https://example.com/b?c#d');
  assert.strictEqual(u.toString(), u.href);
  assert.strictEqual(u.toJSON(), u.href);
  assert.strictEqual(JSON.stringify({ u }), '{"u":"https://example.com/b?c#d"}');
  assert.strictEqual(`${u}`, u.href);
});

test('origin', () => {
  assert.strictEqual(new URL('https://a.b:8443/x').origin, 'https://a.b:8443');
  assert.strictEqual(new URL('http://[::1]:80/').origin, 'http://[::1]');
  assert.strictEqual(new URL('ws://h/').origin, 'ws://h');
  assert.strictEqual(new URL('ftp://h:21/').origin, 'ftp://h');
  assert.strictEqual(new URL('file:///x').origin, 'null');
  assert.strictEqual(new URL('sc://h/').origin, 'null');
  assert.strictEqual(new URL('blob:https://h:1/uuid').origin, 'https://h:1');
  assert.strictEqual(new URL('blob:file:///x').origin, 'null');
});

test('property descriptors follow WebIDL (enumerable accessors on the prototype)', () => {
  const proto = URL.prototype;
  for (const key of ['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']) {
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    assert.strictEqual(typeof desc.get, 'function', key);
    assert.strictEqual(typeof desc.set, 'function', key);
    assert.strictEqual(desc.enumerable, true, key);
    assert.strictEqual(desc.configurable, true, key);
  }
  for (const key of ['origin', 'searchParams']) {
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    assert.strictEqual(typeof desc.get, 'function', key);
    assert.strictEqual(desc.set, undefined, key);
    assert.strictEqual(desc.enumerable, true, key);
  }
  for (const key of ['toString', 'toJSON']) {
    assert.strictEqual(Object.getOwnPropertyDescriptor(proto, key).enumerable, true, key);
  }
  for (const key of ['canParse', 'parse', 'createObjectURL', 'revokeObjectURL']) {
    assert.strictEqual(typeof URL[key], 'function', key);
    assert.strictEqual(Object.getOwnPropertyDescriptor(URL, key).enumerable, true, key);
  }
  assert.strictEqual(proto[Symbol.toStringTag], 'URL');
  assert.strictEqual(Object.prototype.toString.call(new URL('http://x')), '[object URL]');
  assert.deepStrictEqual(Object.keys(new URL('http://x')), []);
});

test('getters on a non-URL throw TypeError', () => {
  const href = Object.getOwnPropertyDescriptor(URL.prototype, 'href').get;
  assert.throws(() => href.call({}), TypeError);
  assert.throws(() => URL.prototype.toString.call({}), TypeError);
});

test('subclasses keep their prototype', () => {
  class MyURL extends URL {
    get extra() { return this.hostname.toUpperCase(); }
  }
  const u = new MyURL('http://sub.example/');
  assert.strictEqual(u.extra, 'SUB.EXAMPLE');
  assert.ok(u instanceof URL);
  assert.match(inspect(u), /^MyURL \{/);
});

test('inspect output', () => {
  const u = new URL('https://user:pw@example.org:81/p?q=1#h');
  assert.strictEqual(inspect(u), [
    'URL {',
    "  href: 'https://user:pw@example.org:81/p?q=1#h',",
    "  origin: 'https://example.org:81',",
    "  protocol: 'https:',",
    "  username: 'user',",
    "  password: 'pw',",
    "  host: 'example.org:81',",
    "  hostname: 'example.org',",
    "  port: '81',",
    "  pathname: '/p',",
    "  search: '?q=1',",
    "  searchParams: URLSearchParams { 'q' => '1' },",
    "  hash: '#h'",
    '}',
  ].join('\n'));
  assert.strictEqual(inspect({ a: { b: new URL('http://x') } }, { depth: 0 }), '{ a: [Object] }');
  assert.strictEqual(inspect({ a: new URL('http://x') }, { depth: 0 }), '{ a: URL {} }');
});

test('revokeObjectURL ignores URLs it does not know', () => {
  assert.strictEqual(URL.revokeObjectURL('blob:nodedata:unknown'), undefined);
  assert.strictEqual(URL.revokeObjectURL('not a url'), undefined);
  assert.throws(() => URL.createObjectURL('x'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('createObjectURL registers a Blob that buffer.resolveObjectURL finds until revoked', async () => {
  const { Blob, resolveObjectURL } = require('node:buffer');
  const objectURL = URL.createObjectURL(new Blob(['hello'], { type: 'text/plain' }));
  assert.match(objectURL, /^blob:nodedata:[0-9a-f-]{36}$/);
  assert.strictEqual(new URL(objectURL).protocol, 'blob:');
  const found = resolveObjectURL(objectURL);
  assert.ok(found instanceof Blob);
  assert.strictEqual(await found.text(), 'hello');
  URL.revokeObjectURL(objectURL);
  assert.strictEqual(resolveObjectURL(objectURL), undefined);
  assert.throws(() => URL.revokeObjectURL(), { code: 'ERR_MISSING_ARGS' });
});
