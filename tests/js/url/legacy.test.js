'use strict';
// The legacy url.parse(), url.format() and url.resolve(): Node's own,
// non-standard algorithms, with their quirks (backslashes before the query
// become slashes, user@host without a scheme is a path unless
// slashesDenoteHost, hostless javascript:, auto-escaped characters, an
// invalid port moved into the path, IDNA hostnames, null-prototype query
// objects). Expected values are what Node 22 returns.
const test = require('node:test');
const assert = require('node:assert');
const url = require('node:url');

const keys = ['protocol', 'slashes', 'auth', 'host', 'port', 'hostname', 'hash', 'search', 'query', 'pathname', 'path', 'href'];

const parseCases = [
  ["http://user:pass@Host.COM:8080/p/a/t/h?query=string#hash", false, false, {"protocol":"http:","slashes":true,"auth":"user:pass","host":"host.com:8080","port":"8080","hostname":"host.com","hash":"#hash","search":"?query=string","query":"query=string","pathname":"/p/a/t/h","path":"/p/a/t/h?query=string","href":"http://user:pass@host.com:8080/p/a/t/h?query=string#hash"}],
  ["HTTP://X.COM", false, false, {"protocol":"http:","slashes":true,"auth":null,"host":"x.com","port":null,"hostname":"x.com","hash":null,"search":null,"query":null,"pathname":"/","path":"/","href":"http://x.com/"}],
  ["//foo/bar", false, false, {"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":"//foo/bar","path":"//foo/bar","href":"//foo/bar"}],
  ["//foo/bar", false, true, {"protocol":null,"slashes":true,"auth":null,"host":"foo","port":null,"hostname":"foo","hash":null,"search":null,"query":null,"pathname":"/bar","path":"/bar","href":"//foo/bar"}],
  ["foo/bar", false, false, {"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":"foo/bar","path":"foo/bar","href":"foo/bar"}],
  ["/p?x=1&y", false, false, {"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":"?x=1&y","query":"x=1&y","pathname":"/p","path":"/p?x=1&y","href":"/p?x=1&y"}],
  ["/p?x=1&y", true, false, {"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":"?x=1&y","query":{"x":"1","y":""},"pathname":"/p","path":"/p?x=1&y","href":"/p?x=1&y"}],
  ["mailto:user@example.com", false, false, {"protocol":"mailto:","slashes":null,"auth":"user","host":"example.com","port":null,"hostname":"example.com","hash":null,"search":null,"query":null,"pathname":null,"path":null,"href":"mailto:user@example.com"}],
  ["xmpp:user@host/resource", false, false, {"protocol":"xmpp:","slashes":null,"auth":"user","host":"host","port":null,"hostname":"host","hash":null,"search":null,"query":null,"pathname":"/resource","path":"/resource","href":"xmpp:user@host/resource"}],
  ["javascript:alert(\"hi\")", false, false, {"protocol":"javascript:","slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":"alert(\"hi\")","path":"alert(\"hi\")","href":"javascript:alert(\"hi\")"}],
  ["javascript://x/y", false, false, {"protocol":"javascript:","slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":"//x/y","path":"//x/y","href":"javascript://x/y"}],
  ["http://a\\b\\c?d\\e#f\\g", false, false, {"protocol":"http:","slashes":true,"auth":null,"host":"a","port":null,"hostname":"a","hash":"#f%5Cg","search":"?d%5Ce","query":"d%5Ce","pathname":"/b/c","path":"/b/c?d%5Ce","href":"http://a/b/c?d%5Ce#f%5Cg"}],
  ["http://a b.com/x y?q r#h i", false, false, {"protocol":"http:","slashes":true,"auth":null,"host":"a","port":null,"hostname":"a","hash":"#h%20i","search":"?q%20r","query":"q%20r","pathname":"%20b.com/x%20y","path":"%20b.com/x%20y?q%20r","href":"http://a/%20b.com/x%20y?q%20r#h%20i"}],
  ["http://a@b@c/", false, false, {"protocol":"http:","slashes":true,"auth":"a@b","host":"c","port":null,"hostname":"c","hash":null,"search":null,"query":null,"pathname":"/","path":"/","href":"http://a%40b@c/"}],
  ["http://a@b?@c", false, false, {"protocol":"http:","slashes":true,"auth":"a","host":"b","port":null,"hostname":"b","hash":null,"search":"?@c","query":"@c","pathname":"/","path":"/?@c","href":"http://a@b/?@c"}],
  ["http://%41:%42@host/", false, false, {"protocol":"http:","slashes":true,"auth":"A:B","host":"host","port":null,"hostname":"host","hash":null,"search":null,"query":null,"pathname":"/","path":"/","href":"http://A:B@host/"}],
  ["http://[::1]:8080/p", false, false, {"protocol":"http:","slashes":true,"auth":null,"host":"[::1]:8080","port":"8080","hostname":"::1","hash":null,"search":null,"query":null,"pathname":"/p","path":"/p","href":"http://[::1]:8080/p"}],
  ["http://[fe80::1%25eth0]/", false, false, {"error":"ERR_INVALID_URL"}],
  ["http://ex\tample.com/", false, false, {"protocol":"http:","slashes":true,"auth":null,"host":"example.com","port":null,"hostname":"example.com","hash":null,"search":null,"query":null,"pathname":"/","path":"/","href":"http://example.com/"}],
  ["http://example.com:8080abc/", false, false, {"protocol":"http:","slashes":true,"auth":null,"host":"example.com","port":null,"hostname":"example.com","hash":null,"search":null,"query":null,"pathname":"/:8080abc/","path":"/:8080abc/","href":"http://example.com/:8080abc/"}],
  ["http://ExAmPlE.CoM./a", false, false, {"protocol":"http:","slashes":true,"auth":null,"host":"example.com.","port":null,"hostname":"example.com.","hash":null,"search":null,"query":null,"pathname":"/a","path":"/a","href":"http://example.com./a"}],
  ["http://español.com/", false, false, {"protocol":"http:","slashes":true,"auth":null,"host":"xn--espaol-zwa.com","port":null,"hostname":"xn--espaol-zwa.com","hash":null,"search":null,"query":null,"pathname":"/","path":"/","href":"http://xn--espaol-zwa.com/"}],
  ["http://x.com/a\"b'c<d>e^f`g{h|i}j", false, false, {"protocol":"http:","slashes":true,"auth":null,"host":"x.com","port":null,"hostname":"x.com","hash":null,"search":null,"query":null,"pathname":"/a%22b%27c%3Cd%3Ee%5Ef%60g%7Bh%7Ci%7Dj","path":"/a%22b%27c%3Cd%3Ee%5Ef%60g%7Bh%7Ci%7Dj","href":"http://x.com/a%22b%27c%3Cd%3Ee%5Ef%60g%7Bh%7Ci%7Dj"}],
  ["  http://trim.me/  ", false, false, {"protocol":"http:","slashes":true,"auth":null,"host":"trim.me","port":null,"hostname":"trim.me","hash":null,"search":null,"query":null,"pathname":"/","path":"/","href":"http://trim.me/"}],
  ["http:x", false, false, {"protocol":"http:","slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":"x","path":"x","href":"http:x"}],
  ["http:/x", false, false, {"protocol":"http:","slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":"/x","path":"/x","href":"http:/x"}],
  ["?only=query", false, false, {"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":"?only=query","query":"only=query","pathname":null,"path":"?only=query","href":"?only=query"}],
  ["#only", false, false, {"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":"#only","search":null,"query":null,"pathname":null,"path":null,"href":"#only"}],
  ["", false, false, {"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":null,"path":null,"href":""}],
  ["file:///etc/passwd", false, false, {"protocol":"file:","slashes":true,"auth":null,"host":"","port":null,"hostname":"","hash":null,"search":null,"query":null,"pathname":"/etc/passwd","path":"/etc/passwd","href":"file:///etc/passwd"}],
  ["file://C:/x", false, false, {"protocol":"file:","slashes":true,"auth":null,"host":"c","port":null,"hostname":"c","hash":null,"search":null,"query":null,"pathname":"/x","path":"/x","href":"file://c/x"}],
  ["https://[::1", false, false, {"error":"ERR_INVALID_URL"}],
  ["http://a.com?x", true, false, {"protocol":"http:","slashes":true,"auth":null,"host":"a.com","port":null,"hostname":"a.com","hash":null,"search":"?x","query":{"x":""},"pathname":"/","path":"/?x","href":"http://a.com/?x"}],
  ["http://a.com", true, false, {"protocol":"http:","slashes":true,"auth":null,"host":"a.com","port":null,"hostname":"a.com","hash":null,"search":null,"query":{},"pathname":"/","path":"/","href":"http://a.com/"}],
  ["http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x", false, false, {"protocol":"http:","slashes":true,"auth":null,"host":"","port":null,"hostname":"","hash":null,"search":null,"query":null,"pathname":"/x","path":"/x","href":"http:///x"}],
  ["sc://opaque?x#y", false, false, {"protocol":"sc:","slashes":true,"auth":null,"host":"opaque","port":null,"hostname":"opaque","hash":"#y","search":"?x","query":"x","pathname":null,"path":"?x","href":"sc://opaque?x#y"}],
  ["git+ssh://git@github.com:user/repo.git", false, false, {"protocol":"git+ssh:","slashes":true,"auth":"git","host":"github.com","port":null,"hostname":"github.com","hash":null,"search":null,"query":null,"pathname":"/:user/repo.git","path":"/:user/repo.git","href":"git+ssh://git@github.com/:user/repo.git"}],
  ["user@host.com", false, false, {"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":"user@host.com","path":"user@host.com","href":"user@host.com"}],
  ["//user@host.com/x", false, false, {"protocol":null,"slashes":true,"auth":"user","host":"host.com","port":null,"hostname":"host.com","hash":null,"search":null,"query":null,"pathname":"/x","path":"/x","href":"//user@host.com/x"}],
];
const resolveCases = [
  ["http://a/b/c/d;p?q", "g:h", "g:h"],
  ["http://a/b/c/d;p?q", "g", "http://a/b/c/g"],
  ["http://a/b/c/d;p?q", "./g", "http://a/b/c/g"],
  ["http://a/b/c/d;p?q", "g/", "http://a/b/c/g/"],
  ["http://a/b/c/d;p?q", "/g", "http://a/g"],
  ["http://a/b/c/d;p?q", "//g", "http://g/"],
  ["http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y"],
  ["http://a/b/c/d;p?q", "g?y", "http://a/b/c/g?y"],
  ["http://a/b/c/d;p?q", "#s", "http://a/b/c/d;p?q#s"],
  ["http://a/b/c/d;p?q", "g#s", "http://a/b/c/g#s"],
  ["http://a/b/c/d;p?q", "g?y#s", "http://a/b/c/g?y#s"],
  ["http://a/b/c/d;p?q", ";x", "http://a/b/c/;x"],
  ["http://a/b/c/d;p?q", "g;x", "http://a/b/c/g;x"],
  ["http://a/b/c/d;p?q", "", "http://a/b/c/d;p?q"],
  ["http://a/b/c/d;p?q", ".", "http://a/b/c/"],
  ["http://a/b/c/d;p?q", "./", "http://a/b/c/"],
  ["http://a/b/c/d;p?q", "..", "http://a/b/"],
  ["http://a/b/c/d;p?q", "../", "http://a/b/"],
  ["http://a/b/c/d;p?q", "../g", "http://a/b/g"],
  ["http://a/b/c/d;p?q", "../..", "http://a/"],
  ["http://a/b/c/d;p?q", "../../", "http://a/"],
  ["http://a/b/c/d;p?q", "../../g", "http://a/g"],
  ["http://a/b/c/d;p?q", "../../../g", "http://a/g"],
  ["http://a/b/c/d;p?q", "/./g", "http://a/g"],
  ["http://a/b/c/d;p?q", "/../g", "http://a/g"],
  ["http://a/b/c/d;p?q", "g.", "http://a/b/c/g."],
  ["http://a/b/c/d;p?q", ".g", "http://a/b/c/.g"],
  ["http://a/b/c/d;p?q", "g..", "http://a/b/c/g.."],
  ["http://a/b/c/d;p?q", "..g", "http://a/b/c/..g"],
  ["http://a/b/c/d;p?q", "./../g", "http://a/b/g"],
  ["http://a/b/c/d;p?q", "./g/.", "http://a/b/c/g/"],
  ["http://a/b/c/d;p?q", "g/./h", "http://a/b/c/g/h"],
  ["http://a/b/c/d;p?q", "g/../h", "http://a/b/c/h"],
  ["http://a/b/c/d;p?q", "g;x=1/./y", "http://a/b/c/g;x=1/y"],
  ["http://a/b/c/d;p?q", "g;x=1/../y", "http://a/b/c/y"],
  ["http://a/b/c/d;p?q", "http:g", "http://a/b/c/g"],
  ["/one/two/three", "four", "/one/two/four"],
  ["/one/two/three", "../four", "/one/four"],
  ["/one/two/three", "/four", "/four"],
  ["http://example.com/", "/one", "http://example.com/one"],
  ["http://example.com/one", "/two", "http://example.com/two"],
  ["http://example.com/one", "two", "http://example.com/two"],
  ["http://example.com/one", "../two", "http://example.com/two"],
  ["mailto:local1@domain1", "local2@domain2", "mailto:local2@domain2"],
  ["http://u:p@h:8/x?y#z", "//other", "http://other/"],
  ["http://u:p@h:8/x?y#z", "?q", "http://u:p@h:8/x?q"],
  ["http://u:p@h:8/x?y#z", "#f", "http://u:p@h:8/x?y#f"],
  ["http://u:p@h:8/x?y#z", "file:z", "file:///z"],
  ["http://u:p@h:8/x?y#z", "https:/q", "https://q/"],
  ["http://u:p@h:8/x?y#z", "ftp:rel", "ftp://rel/"],
  ["foo:bar", "baz", "foo:baz"],
  ["file:///a/b", "c", "file:///a/c"],
  ["file:///a/b", "../../../x", "file:///x"],
  ["file:///a/b", "file:other", "file:///a/other"],
  ["one/two", "../../..", "../../"],
  ["one/two", "x", "one/x"],
];
const formatCases = [
  [{}, ""],
  [{"protocol":"http","host":"a.com","pathname":"/x"}, "http://a.com/x"],
  [{"protocol":"http:","hostname":"a.com","port":8080,"pathname":"x"}, "http://a.com:8080/x"],
  [{"protocol":"mailto","auth":"a","hostname":"b.c"}, "mailto:a@b.c"],
  [{"protocol":"file","pathname":"/etc"}, "file:///etc"],
  [{"hostname":"::1","port":80}, "[::1]:80"],
  [{"auth":"u:p@x y!'()*~","host":"h"}, "u:p%40x%20y!'()*~@h"],
  [{"protocol":"x","slashes":true,"host":"h","pathname":"p"}, "x://h/p"],
  [{"pathname":"a#b?c","search":"q#x","hash":"h"}, "a%23b%3Fc?q%23x#h"],
  [{"query":{"a":1,"b":[2,3],"c":"x y"}}, "?a=1&b=2&b=3&c=x%20y"],
  [{"search":"?s","query":{"q":1}}, "?s"],
  [{"protocol":"https","host":"x","path":"/ignored","href":"http://ignored"}, "https://x"],
];

// url.parse() warns once (DEP0170) about a port that is not a number.
process.on('warning', () => {});

for (const [input, parseQueryString, slashesDenoteHost, expected] of parseCases) {
  test(`parse(${JSON.stringify(input).slice(0, 60)}, ${parseQueryString}, ${slashesDenoteHost})`, () => {
    if (expected.error) {
      assert.throws(() => url.parse(input, parseQueryString, slashesDenoteHost), { code: expected.error });
      return;
    }
    const parsed = url.parse(input, parseQueryString, slashesDenoteHost);
    assert.ok(parsed instanceof url.Url);
    for (const key of keys) {
      if (parseQueryString && key === 'query') {
        assert.strictEqual(Object.getPrototypeOf(parsed.query), null);
        assert.deepStrictEqual({ ...parsed.query }, expected.query);
      } else {
        assert.strictEqual(parsed[key], expected[key], key);
      }
    }
  });
}

for (const [from, to, expected] of resolveCases) {
  test(`resolve(${JSON.stringify(from)}, ${JSON.stringify(to)})`, () => {
    assert.strictEqual(url.resolve(from, to), expected);
  });
}

for (const [object, expected] of formatCases) {
  test(`format(${JSON.stringify(object)})`, () => {
    assert.strictEqual(url.format(object), expected);
  });
}

test('Url objects: property order, parse of a Url, resolveObject', () => {
  assert.deepStrictEqual(Object.keys(new url.Url()), keys);
  const parsed = url.parse('http://a/b');
  assert.strictEqual(url.parse(parsed), parsed);
  const resolved = url.resolveObject('http://a/b/c', '../d?e');
  assert.ok(resolved instanceof url.Url);
  assert.strictEqual(resolved.href, 'http://a/d?e');
  assert.strictEqual(resolved.search, '?e');
  assert.strictEqual(url.parse('http://x/y').format(), 'http://x/y');
  assert.strictEqual(url.parse('http://x/y').resolve('z'), 'http://x/z');
});

test('format of a string parses it first; other types throw', () => {
  assert.strictEqual(url.format('HTTP://X.com/a b'), 'http://x.com/a%20b');
  assert.throws(() => url.format(null), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => url.format(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => url.parse(5), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('format of a WHATWG URL with options', () => {
  const u = new URL('http://user:pw@xn--espaol-zwa.com:81/p?q=1#h');
  assert.strictEqual(url.format(u), 'http://user:pw@xn--espaol-zwa.com:81/p?q=1#h');
  assert.strictEqual(url.format(u, { auth: false }), 'http://xn--espaol-zwa.com:81/p?q=1#h');
  assert.strictEqual(url.format(u, { fragment: false, search: false }), 'http://user:pw@xn--espaol-zwa.com:81/p');
  assert.strictEqual(url.format(u, { unicode: true }), 'http://user:pw@español.com:81/p?q=1#h');
  assert.strictEqual(url.format(u, { auth: 0, fragment: null, search: '', unicode: 'yes' }), 'http://español.com:81/p#h');
  assert.throws(() => url.format(u, 1), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('auth is percent-decoded by parse and encoded by format', () => {
  const parsed = url.parse('http://us%20er:p%40ss@host/');
  assert.strictEqual(parsed.auth, 'us er:p@ss');
  assert.strictEqual(parsed.href, 'http://us%20er:p%40ss@host/');
  assert.throws(() => url.parse('http://%E0%A4%A@host/'), URIError);
});
