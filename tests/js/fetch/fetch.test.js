'use strict';
// fetch() against a local http server, and Headers, Request, Response and
// FormData on their own.
const { test, before, after } = require('node:test');
const assert = require('node:assert');
const http = require('node:http');
const net = require('node:net');
const zlib = require('node:zlib');

let server;
let base;

before(async () => {
  server = http.createServer((req, res) => {
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts).toString();
      switch (req.url) {
        case '/redirect': res.writeHead(302, { location: '/json' }); return res.end();
        case '/post303': res.writeHead(303, { location: '/echo' }); return res.end();
        case '/loop': res.writeHead(302, { location: '/loop' }); return res.end();
        case '/gzip':
          res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
          return res.end(zlib.gzipSync('zipped text'));
        case '/br':
          res.writeHead(200, { 'content-encoding': 'br' });
          return res.end(zlib.brotliCompressSync('brotli text'));
        case '/json':
          res.setHeader('content-type', 'application/json');
          res.setHeader('set-cookie', ['a=1', 'b=2']);
          return res.end(JSON.stringify({ ok: true }));
        case '/slow': setTimeout(() => res.end('late'), 1000); return undefined;
        case '/big': return res.end(Buffer.alloc(1 << 20, 'b'));
        default:
          res.setHeader('content-type', 'application/json');
          return res.end(JSON.stringify({
            method: req.method, url: req.url, body, type: req.headers['content-type'] ?? null,
            length: req.headers['content-length'] ?? null, te: req.headers['transfer-encoding'] ?? null,
            x: req.headers['x-test'] ?? null,
          }));
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => server.close());

test('GET: status, headers, json', async () => {
  const r = await fetch(`${base}/echo?q=1`);
  assert.strictEqual(r.status, 200);
  assert.strictEqual(r.ok, true);
  assert.strictEqual(r.statusText, 'OK');
  assert.strictEqual(r.type, 'basic');
  assert.strictEqual(r.url, `${base}/echo?q=1`);
  assert.strictEqual(r.redirected, false);
  assert.strictEqual(r.headers.get('content-type'), 'application/json');
  const j = await r.json();
  assert.deepStrictEqual([j.method, j.url, j.body], ['GET', '/echo?q=1', '']);
  assert.strictEqual(r.bodyUsed, true);
  await assert.rejects(r.text(), TypeError);
});

test('redirects: followed, 303 turns POST into GET, manual, error, loops', async () => {
  let r = await fetch(`${base}/redirect`);
  assert.strictEqual(r.redirected, true);
  assert.strictEqual(r.url, `${base}/json`);
  assert.deepStrictEqual(r.headers.getSetCookie(), ['a=1', 'b=2']);
  assert.deepStrictEqual(await r.json(), { ok: true });
  r = await fetch(`${base}/post303`, { method: 'POST', body: 'data' });
  assert.strictEqual((await r.json()).method, 'GET');
  r = await fetch(`${base}/redirect`, { redirect: 'manual' });
  assert.strictEqual(r.status, 302);
  assert.strictEqual(r.headers.get('location'), '/json');
  await assert.rejects(fetch(`${base}/redirect`, { redirect: 'error' }), { name: 'TypeError', message: 'fetch failed' });
  await assert.rejects(fetch(`${base}/loop`), { name: 'TypeError', message: 'fetch failed' });
});

test('request bodies: string, JSON with headers, URLSearchParams, FormData, stream', async () => {
  let j = await (await fetch(`${base}/echo`, { method: 'POST', body: 'plain' })).json();
  assert.deepStrictEqual([j.body, j.type, j.length], ['plain', 'text/plain;charset=UTF-8', '5']);
  j = await (await fetch(`${base}/echo`, {
    method: 'POST', body: JSON.stringify({ a: 1 }), headers: { 'content-type': 'application/json', 'X-Test': 'yes' },
  })).json();
  assert.deepStrictEqual([j.body, j.type, j.x], ['{"a":1}', 'application/json', 'yes']);
  j = await (await fetch(`${base}/echo`, { method: 'POST', body: new URLSearchParams({ q: 'a b' }) })).json();
  assert.deepStrictEqual([j.body, j.type], ['q=a+b', 'application/x-www-form-urlencoded;charset=UTF-8']);
  const form = new FormData();
  form.append('field', 'value');
  form.append('file', new Blob(['filedata'], { type: 'text/plain' }), 'f.txt');
  j = await (await fetch(`${base}/echo`, { method: 'PUT', body: form })).json();
  assert.match(j.type, /^multipart\/form-data; boundary=/);
  assert.match(j.body, /name="field"\r\n\r\nvalue\r\n/);
  assert.match(j.body, /name="file"; filename="f.txt"\r\nContent-Type: text\/plain\r\n\r\nfiledata\r\n/);
  j = await (await fetch(`${base}/echo`, { method: 'POST', body: ReadableStream.from(['st', 'ream']), duplex: 'half' })).json();
  assert.deepStrictEqual([j.body, j.te], ['stream', 'chunked']);
  await assert.rejects(fetch(`${base}/echo`, { method: 'POST', body: ReadableStream.from(['x']) }), TypeError);
  await assert.rejects(fetch(base, { body: 'x' }), TypeError);
});

test('compressed responses are decoded; a large body streams', async () => {
  assert.strictEqual(await (await fetch(`${base}/gzip`)).text(), 'zipped text');
  assert.strictEqual(await (await fetch(`${base}/br`)).text(), 'brotli text');
  const r = await fetch(`${base}/big`);
  let n = 0;
  for await (const chunk of r.body) n += chunk.length;
  assert.strictEqual(n, 1 << 20);
  const head = await fetch(`${base}/json`, { method: 'HEAD' });
  assert.strictEqual(head.body, null);
});

test('abort, refused, bad port, bad URL', async () => {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50);
  await assert.rejects(fetch(`${base}/slow`, { signal: ac.signal }), { name: 'AbortError' });
  await assert.rejects(fetch(base, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  await assert.rejects(fetch(`http://127.0.0.1:${port}/`),
    (e) => e.name === 'TypeError' && e.message === 'fetch failed' && e.cause.code === 'ECONNREFUSED');
  await assert.rejects(fetch('http://127.0.0.1:1/'), (e) => e.cause.message === 'bad port');
  await assert.rejects(fetch('/relative'), { name: 'TypeError' });
  const data = await fetch('data:text/plain;base64,aGVsbG8=');
  assert.strictEqual(await data.text(), 'hello');
});

test('Headers', () => {
  const h = new Headers({ B: '2', a: ' 1 ' });
  h.append('a', '3');
  h.append('Set-Cookie', 'x=1');
  h.append('set-cookie', 'y=2');
  assert.deepStrictEqual([...h], [['a', '1, 3'], ['b', '2'], ['set-cookie', 'x=1'], ['set-cookie', 'y=2']]);
  assert.strictEqual(h.get('A'), '1, 3');
  assert.strictEqual(h.get('missing'), null);
  assert.deepStrictEqual(h.getSetCookie(), ['x=1', 'y=2']);
  h.set('b', 'new');
  h.delete('a');
  assert.deepStrictEqual([...h.keys()], ['b', 'set-cookie', 'set-cookie']);
  assert.throws(() => h.append('bad name', 'x'), TypeError);
  assert.throws(() => h.set('x', 'a\nb'), TypeError);
  assert.deepStrictEqual([...new Headers([['k', 'v']])], [['k', 'v']]);
});

test('Response and Request', async () => {
  const r = new Response('body text', { status: 201, headers: { 'x-a': '1' } });
  assert.strictEqual(r.headers.get('content-type'), 'text/plain;charset=UTF-8');
  assert.strictEqual(await r.clone().text(), 'body text');
  assert.strictEqual(await r.text(), 'body text');
  await assert.rejects(r.text(), TypeError);
  assert.deepStrictEqual(await Response.json({ z: 1 }).json(), { z: 1 });
  assert.strictEqual(Response.error().type, 'error');
  assert.strictEqual(Response.error().status, 0);
  assert.strictEqual(Response.redirect('http://x.test/', 301).headers.get('location'), 'http://x.test/');
  assert.throws(() => new Response('x', { status: 99 }), RangeError);
  assert.throws(() => new Response('x', { status: 204 }), TypeError);
  const bytes = await new Response(new Uint8Array([1, 2, 3])).arrayBuffer();
  assert.deepStrictEqual([...new Uint8Array(bytes)], [1, 2, 3]);
  const form = await new Response(new URLSearchParams('a=1&b=2')).formData();
  assert.deepStrictEqual([...form], [['a', '1'], ['b', '2']]);
  const req = new Request('http://x.test/p', { method: 'post', body: 'hi' });
  assert.strictEqual(req.method, 'POST');
  assert.strictEqual(req.url, 'http://x.test/p');
  assert.strictEqual(await req.clone().text(), 'hi');
  assert.strictEqual(await req.text(), 'hi');
  assert.throws(() => new Request('http://x.test/', { method: 'CONNECT' }), TypeError);
  assert.throws(() => new Request('http://u:p@x.test/'), TypeError);
  assert.strictEqual(new Request('http://x.test/').signal.aborted, false);
});

test('FormData', async () => {
  const f = new FormData();
  f.append('a', '1');
  f.append('a', '2');
  f.set('b', new Blob(['x']), 'x.bin');
  assert.deepStrictEqual(f.getAll('a'), ['1', '2']);
  assert.strictEqual(f.get('b').name, 'x.bin');
  f.set('a', '3');
  assert.deepStrictEqual([...f.keys()], ['a', 'b']);
  f.delete('b');
  assert.strictEqual(f.has('b'), false);
  const round = await new Response(f).formData();
  assert.deepStrictEqual([...round], [['a', '3']]);
});
