'use strict';
// fileURLToPath, pathToFileURL (POSIX and the windows option),
// urlToHttpOptions, domainToASCII and domainToUnicode.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const url = require('node:url');

test('fileURLToPath decodes the path of a file URL (POSIX)', () => {
  assert.strictEqual(url.fileURLToPath('file:///tmp/a%20b'), '/tmp/a b');
  assert.strictEqual(url.fileURLToPath(new URL('file:///%E4%B8%AD/x')), '/中/x');
  assert.strictEqual(url.fileURLToPath('file://localhost/etc'), '/etc');
  assert.strictEqual(url.fileURLToPath('file:///x/'), '/x/');
  assert.strictEqual(url.fileURLToPath('file:///a%5Cb'), '/a\\b');
});

test('fileURLToPath errors', () => {
  assert.throws(() => url.fileURLToPath('file://host/x'), {
    code: 'ERR_INVALID_FILE_URL_HOST', message: 'File URL host must be "localhost" or empty on linux',
  });
  assert.throws(() => url.fileURLToPath('file:///a%2Fb'), {
    code: 'ERR_INVALID_FILE_URL_PATH', message: 'File URL path must not include encoded / characters',
  });
  assert.throws(() => url.fileURLToPath('file:///a%2fb'), { code: 'ERR_INVALID_FILE_URL_PATH' });
  assert.throws(() => url.fileURLToPath('http://x/'), { code: 'ERR_INVALID_URL_SCHEME', message: 'The URL must be of scheme file' });
  assert.throws(() => url.fileURLToPath(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => url.fileURLToPath('not a url'), { code: 'ERR_INVALID_URL' });
  // A URL-like object (href and protocol) is accepted.
  assert.strictEqual(url.fileURLToPath({ href: 'file:///x', protocol: 'file:', pathname: '/x', hostname: '' }), '/x');
});

test('fileURLToPath with windows: true', () => {
  assert.strictEqual(url.fileURLToPath('file:///C:/a/b%20c', { windows: true }), 'C:\\a\\b c');
  assert.strictEqual(url.fileURLToPath('file://server/share/x', { windows: true }), '\\\\server\\share\\x');
  assert.strictEqual(url.fileURLToPath('file:///c|/x', { windows: true }), 'c:\\x');
  assert.throws(() => url.fileURLToPath('file:///a/b', { windows: true }), {
    code: 'ERR_INVALID_FILE_URL_PATH', message: 'File URL path must be absolute',
  });
  assert.throws(() => url.fileURLToPath('file:///C:/a%5Cb', { windows: true }), {
    message: 'File URL path must not include encoded \\ or / characters',
  });
});

test('pathToFileURL resolves and escapes (POSIX)', () => {
  assert.strictEqual(url.pathToFileURL('/tmp/a b#c?d%e\\f\n').href, 'file:///tmp/a%20b%23c%3Fd%25e%5Cf%0A');
  assert.strictEqual(url.pathToFileURL('/x/').href, 'file:///x/');
  assert.strictEqual(url.pathToFileURL('/ñ/😀').href, 'file:///%C3%B1/%F0%9F%98%80');
  assert.strictEqual(url.pathToFileURL('rel/x').href, new URL(`file://${path.resolve('rel/x')}`).href);
  assert.ok(url.pathToFileURL('rel/x/').href.endsWith('/rel/x/'));
  assert.ok(url.pathToFileURL('/x') instanceof URL);
  // Round trip.
  for (const p of ['/a b/c', '/%41', '/#?', '/tab\there']) {
    assert.strictEqual(url.fileURLToPath(url.pathToFileURL(p)), p);
  }
});

test('pathToFileURL with windows: true', () => {
  assert.strictEqual(url.pathToFileURL('C:\\a b\\c', { windows: true }).href, 'file:///C:/a%20b/c');
  assert.strictEqual(url.pathToFileURL('c:/x/y/', { windows: true }).href, 'file:///c:/x/y/');
  assert.strictEqual(url.pathToFileURL('C:\\a#b%c', { windows: true }).href, 'file:///C:/a%23b%25c');
  assert.strictEqual(url.pathToFileURL('\\\\server\\share\\x y', { windows: true }).href, 'file://server/share/x%20y');
  assert.strictEqual(url.pathToFileURL('\\\\?\\UNC\\server\\share\\f', { windows: true }).href, 'file://server/share/f');
  assert.throws(() => url.pathToFileURL('\\\\server', { windows: true }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => url.pathToFileURL('\\\\\\x', { windows: true }), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('urlToHttpOptions', () => {
  const options = url.urlToHttpOptions(new URL('https://a:b%20c@[::1]:99/p?q#h'));
  assert.strictEqual(Object.getPrototypeOf(options), null);
  assert.deepStrictEqual({ ...options }, {
    protocol: 'https:', hostname: '::1', hash: '#h', search: '?q', pathname: '/p', path: '/p?q',
    href: 'https://a:b%20c@[::1]:99/p?q#h', port: 99, auth: 'a:b c',
  });
  const plain = url.urlToHttpOptions(new URL('http://x'));
  assert.strictEqual('port' in plain, false);
  assert.strictEqual('auth' in plain, false);
  const extended = new URL('http://x/');
  extended.agent = 'mine';
  assert.strictEqual(url.urlToHttpOptions(extended).agent, 'mine');
});

test('domainToASCII and domainToUnicode', () => {
  assert.strictEqual(url.domainToASCII('español.com'), 'xn--espaol-zwa.com');
  assert.strictEqual(url.domainToASCII('EXAMPLE.com'), 'example.com');
  assert.strictEqual(url.domainToASCII('0x7f.1'), '127.0.0.1');
  assert.strictEqual(url.domainToASCII('xn--iñvalid.com'), '');
  assert.strictEqual(url.domainToASCII('a b'), '');
  assert.strictEqual(url.domainToASCII('a.b:80'), '');
  assert.strictEqual(url.domainToASCII('[::1]'), '[::1]');
  assert.strictEqual(url.domainToUnicode('xn--espaol-zwa.com'), 'español.com');
  assert.strictEqual(url.domainToUnicode('xn--ls8h.la'), '💩.la');
  assert.strictEqual(url.domainToUnicode('xn--iñvalid.com'), '');
  assert.throws(() => url.domainToASCII(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => url.domainToUnicode(), { code: 'ERR_MISSING_ARGS' });
});

test('IDNA mapping, validity and bidi rules in hosts', () => {
  const host = (h) => { try { return new URL(`http://${h}/`).host; } catch { return null; } };
  assert.strictEqual(host('ÖBB.at'), 'xn--bb-eka.at');
  assert.strictEqual(host('faß.de'), 'xn--fa-hia.de');
  assert.strictEqual(host('ΣΑΣ.gr'), 'xn--mxa9ab.gr');
  assert.strictEqual(host('ẞ.de'), 'ss.de');
  assert.strictEqual(host('ｇｏｏ.com'), 'goo.com');
  assert.strictEqual(host('a。b'), 'a.b');
  assert.strictEqual(host('a\u200bb.com'), 'ab.com');
  assert.strictEqual(host('xn--ZCA.de'), 'xn--zca.de');
  assert.strictEqual(host('xn--a.de'), null);
  assert.strictEqual(host('xn--'), null);
  assert.strictEqual(host('\u0301abc'), null);
  assert.strictEqual(host('a\u200db'), null);
  assert.strictEqual(host('\u05d0a'), null);
  assert.strictEqual(host('1.\u05d0'), '1.xn--4db');
  assert.strictEqual(host('a\u200eb'), null);
  assert.strictEqual(host('a\ufffdb'), null);
  assert.strictEqual(host('a\ue000'), null);
  assert.strictEqual(host('ab--cd'), 'ab--cd');
});
