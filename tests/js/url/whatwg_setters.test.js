'use strict';
// The setters of URL: each runs the basic URL parser with a state override
// on the URL it changes. Cases: [starting href, attribute, new value,
// resulting href (or the error a throwing setter gives)].
const test = require('node:test');
const assert = require('node:assert');

const cases = [
  ["http://example.net/", "protocol", "https", "https://example.net/"],
  ["http://example.net/", "protocol", "HTTPS:", "https://example.net/"],
  ["http://example.net/", "protocol", "https:foo : bar", "https://example.net/"],
  ["http://example.net/", "protocol", "ftp", "ftp://example.net/"],
  ["http://example.net/", "protocol", "sc", "http://example.net/"],
  ["sc://x/", "protocol", "http", "sc://x/"],
  ["sc://x/", "protocol", "other", "other://x/"],
  ["http://example.net:443/", "protocol", "https", "https://example.net/"],
  ["https://example.net:8080/", "protocol", "http", "http://example.net:8080/"],
  ["http://u@example.net/", "protocol", "file", "http://u@example.net/"],
  ["file:///x", "protocol", "http", "file:///x"],
  ["file://host/x", "protocol", "http", "http://host/x"],
  ["http://x/", "protocol", "", "http://x/"],
  ["http://x/", "protocol", "0x", "http://x/"],
  ["http://x/", "protocol", "b,c", "http://x/"],
  ["http://x/", "protocol", "é", "http://x/"],
  ["data:text/plain,x", "protocol", "view-source+data", "view-source+data:text/plain,x"],
  ["mailto:a@b", "protocol", "http", "mailto:a@b"],
  ["http://example.net/", "username", "me", "http://me@example.net/"],
  ["http://me@example.net/", "username", "", "http://example.net/"],
  ["http://me:pw@example.net/", "username", "", "http://:pw@example.net/"],
  ["http://example.net/", "username", "a b:c@d/é%", "http://a%20b%3Ac%40d%2F%C3%A9%@example.net/"],
  ["file:///x", "username", "me", "file:///x"],
  ["sc:opaque", "username", "me", "sc:opaque"],
  ["sc:///", "username", "me", "sc:///"],
  ["http://example.net/", "username", "%c3%89t", "http://%c3%89t@example.net/"],
  ["http://example.net/", "password", "pw", "http://:pw@example.net/"],
  ["http://me:pw@example.net/", "password", "", "http://me@example.net/"],
  ["http://:pw@example.net/", "password", "", "http://example.net/"],
  ["http://example.net/", "password", "a b:c@d/é", "http://:a%20b%3Ac%40d%2F%C3%A9@example.net/"],
  ["file:///x", "password", "pw", "file:///x"],
  ["sc://h/", "password", "x:y", "sc://:x%3Ay@h/"],
  ["http://example.net/p", "host", "example.com:8080", "http://example.com:8080/p"],
  ["http://example.net:8080/p", "host", "example.com", "http://example.com:8080/p"],
  ["http://example.net:8080/p", "host", "example.com:", "http://example.com:8080/p"],
  ["http://example.net/p", "host", "example.com:80", "http://example.com/p"],
  ["https://example.net/p", "host", "example.com:80", "https://example.com:80/p"],
  ["http://example.net/p", "host", "", "http://example.net/p"],
  ["sc://example.net/p", "host", "", "sc:///p"],
  ["sc://u@example.net/p", "host", "", "sc://u@example.net/p"],
  ["sc://example.net:12/p", "host", "", "sc://example.net:12/p"],
  ["http://example.net/p", "host", "ex ample", "http://example.net/p"],
  ["http://example.net/p", "host", "example.com/stuff", "http://example.com/p"],
  ["http://example.net/p", "host", "example.com?x", "http://example.com/p"],
  ["http://example.net/p", "host", "example.com#x", "http://example.com/p"],
  ["http://example.net/p", "host", "example.com\\x", "http://example.com/p"],
  ["sc://example.net/p", "host", "example.com\\x", "sc://example.net/p"],
  ["http://example.net/p", "host", "example.com:8080stuff", "http://example.com:8080/p"],
  ["http://example.net/p", "host", "example.com:65536", "http://example.com/p"],
  ["http://example.net/p", "host", "0x7F000001:8080", "http://127.0.0.1:8080/p"],
  ["http://example.net/p", "host", "[::0:01]:2", "http://[::1]:2/p"],
  ["http://example.net/p", "host", "[google.com]", "http://example.net/p"],
  ["data:text/plain,x", "host", "example.com", "data:text/plain,x"],
  ["file:///x", "host", "host", "file://host/x"],
  ["file://host/x", "host", "", "file:///x"],
  ["file://host/x", "host", "localhost", "file:///x"],
  ["file:///x", "host", "h:80", "file:///x"],
  ["sc://x/", "host", "\t", "sc:///"],
  ["sc://x/", "host", " ", "sc://x/"],
  ["http://example.net/", "host", "ß", "http://xn--zca/"],
  ["sc://x/", "host", "ß", "sc://%C3%9F/"],
  ["sc:/.//p", "host", "h", "sc://h//p"],
  ["http://example.net:8080/p", "hostname", "example.com", "http://example.com:8080/p"],
  ["http://example.net/p", "hostname", "example.com:8080", "http://example.net/p"],
  ["http://example.net/p", "hostname", "", "http://example.net/p"],
  ["sc://example.net/p", "hostname", "", "sc:///p"],
  ["http://example.net/p", "hostname", "0x7F000001", "http://127.0.0.1/p"],
  ["http://example.net/p", "hostname", "[::1]", "http://[::1]/p"],
  ["http://example.net/p", "hostname", "a/b", "http://a/p"],
  ["file://host/x", "hostname", "localhost", "file:///x"],
  ["data:text/plain,x", "hostname", "example.com", "data:text/plain,x"],
  ["sc://x/", "hostname", "#", "sc:///"],
  ["sc://x/", "hostname", "@", "sc://x/"],
  ["http://example.net/", "port", "8080", "http://example.net:8080/"],
  ["http://example.net:8080/", "port", "", "http://example.net/"],
  ["http://example.net:8080/", "port", "80", "http://example.net/"],
  ["https://example.net/", "port", "80", "https://example.net:80/"],
  ["http://example.net/p", "port", "8080/stuff", "http://example.net:8080/p"],
  ["http://example.net/p", "port", "8080?x", "http://example.net:8080/p"],
  ["http://example.net/p", "port", "8080stuff", "http://example.net:8080/p"],
  ["http://example.net:1/p", "port", "65536", "http://example.net:1/p"],
  ["http://example.net/p", "port", "65535", "http://example.net:65535/p"],
  ["sc://x/", "port", "12", "sc://x:12/"],
  ["sc:///", "port", "12", "sc:///"],
  ["file:///x", "port", "12", "file:///x"],
  ["sc:opaque", "port", "12", "sc:opaque"],
  ["http://example.net:1/", "port", "00080", "http://example.net/"],
  ["foo://host/some/path", "pathname", "", "foo://host"],
  ["foo:///some/path", "pathname", "", "foo://"],
  ["foo:/some/path", "pathname", "", "foo:/"],
  ["foo:/some/path", "pathname", "test", "foo:/test"],
  ["unix:/run/foo.socket?t=10", "pathname", "/var/log/../run/bar.socket", "unix:/var/run/bar.socket?t=10"],
  ["https://example.net#nav", "pathname", "home", "https://example.net/home#nav"],
  ["https://example.net#nav", "pathname", "../home", "https://example.net/home#nav"],
  ["http://example.net/home?l=fr#nav", "pathname", "\\a\\%2E\\b\\%2e.\\c", "http://example.net/a/c?l=fr#nav"],
  ["sc://example.net/home", "pathname", "\\a\\%2E\\b\\%2e.\\c", "sc://example.net/\\a\\%2E\\b\\%2e.\\c"],
  ["http://example.net", "pathname", "?", "http://example.net/%3F"],
  ["http://example.net", "pathname", "#", "http://example.net/%23"],
  ["sc://example.net", "pathname", "?", "sc://example.net/%3F"],
  ["http://example.net", "pathname", "/?é", "http://example.net/%3F%C3%A9"],
  ["non-spec:/", "pathname", "/.//p", "non-spec:/.//p"],
  ["non-spec:/", "pathname", "//p", "non-spec:/.//p"],
  ["non-spec:/.//", "pathname", "p", "non-spec:/p"],
  ["data:text/plain,x", "pathname", "/y", "data:text/plain,x"],
  ["file:///C:/a", "pathname", "/b", "file:///b"],
  ["file:///C:/a", "pathname", "C|/b", "file:///C:/b"],
  ["http://example.net", "pathname", "a b\"<>`{}|^", "http://example.net/a%20b%22%3C%3E%60%7B%7D|^"],
  ["http://example.net/", "pathname", "%2e%2E%c3%89té", "http://example.net/%2e%2E%c3%89t%C3%A9"],
  ["https://example.net#nav", "search", "lang=fr", "https://example.net/?lang=fr#nav"],
  ["https://example.net?lang=en#nav", "search", "?lang=fr", "https://example.net/?lang=fr#nav"],
  ["https://example.net?lang=en#nav", "search", "??lang=fr", "https://example.net/??lang=fr#nav"],
  ["https://example.net?lang=en#nav", "search", "?", "https://example.net/?#nav"],
  ["https://example.net?lang=en#nav", "search", "", "https://example.net/#nav"],
  ["http://example.net/", "search", "a b#c\"<>'", "http://example.net/?a%20b%23c%22%3C%3E%27"],
  ["sc://h/", "search", "a b#c\"<>'", "sc://h/?a%20b%23c%22%3C%3E'"],
  ["sc:opaque ?q", "search", "", "sc:opaque"],
  ["sc:opaque ?q#f", "search", "", "sc:opaque #f"],
  ["http://example.net/", "search", "%c3%89té", "http://example.net/?%c3%89t%C3%A9"],
  ["https://example.net", "hash", "main", "https://example.net/#main"],
  ["https://example.net#nav", "hash", "#main", "https://example.net/#main"],
  ["https://example.net?l=en", "hash", "##nav", "https://example.net/?l=en##nav"],
  ["https://example.net#nav", "hash", "#", "https://example.net/#"],
  ["https://example.net#nav", "hash", "", "https://example.net/"],
  ["http://example.net", "hash", "a b\"<>`#", "http://example.net/#a%20b%22%3C%3E%60#"],
  ["sc:opaque #f", "hash", "", "sc:opaque"],
  ["sc:opaque ?q#f", "hash", "", "sc:opaque ?q"],
  ["http://example.net", "hash", "a\u0000b", "http://example.net/#a%00b"],
  ["javascript:alert(1)", "hash", "x", "javascript:alert(1)#x"],
  ["http://example.net/", "href", "https://other/x?y#z", "https://other/x?y#z"],
  ["http://example.net/", "href", "relative", "throws ERR_INVALID_URL"],
  ["http://example.net/", "href", "", "throws ERR_INVALID_URL"],
];

for (const [href, key, value, expected] of cases) {
  test(`${href}: ${key} = ${JSON.stringify(value)}`, () => {
    const url = new URL(href);
    if (expected.startsWith('throws ')) {
      assert.throws(() => { url[key] = value; }, { code: expected.slice(7) });
      assert.strictEqual(url.href, new URL(href).href);
      return;
    }
    url[key] = value;
    assert.strictEqual(url.href, expected);
    // The components agree with the new href.
    const reparsed = new URL(url.href);
    for (const part of ['protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']) {
      assert.strictEqual(url[part], reparsed[part], part);
    }
  });
}

test('setters convert their value to a string', () => {
  const url = new URL('http://example.net/');
  url.port = 8080;
  assert.strictEqual(url.port, '8080');
  url.pathname = { toString() { return '/obj'; } };
  assert.strictEqual(url.pathname, '/obj');
  url.hash = null;
  assert.strictEqual(url.hash, '#null');
  url.search = '\ud800';
  assert.strictEqual(url.search, '?%EF%BF%BD');
});

test('origin and searchParams are read-only', () => {
  const url = new URL('http://example.net/?a=1');
  const params = url.searchParams;
  assert.throws(() => { 'use strict'; url.origin = 'x'; }, TypeError);
  assert.throws(() => { 'use strict'; url.searchParams = new URLSearchParams(); }, TypeError);
  assert.strictEqual(url.searchParams, params);
});
