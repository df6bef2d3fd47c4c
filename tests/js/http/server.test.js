'use strict';
// http server and client over loopback: heads, bodies, keep-alive reuse,
// pipelining order, HEAD, chunked bodies, header rules and errors.
const test = require('node:test');
const assert = require('node:assert');
const http = require('node:http');
const net = require('node:net');
const { once } = require('node:events');

async function serve(handler, options = {}) {
  const server = http.createServer(options, handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function get(port, path, options = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, host: '127.0.0.1', path, ...options }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks).toString(), req }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

// Sends raw bytes and collects everything until the server closes (the
// payload must make it close: Connection: close, or an error). A client
// that half-closes gets nothing from Node's server, so this one does not.
function raw(port, payload) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(payload));
    let out = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => { out += d; });
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
}

test('request line, headers and body reach the handler', async () => {
  const server = await serve((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({
        method: req.method, url: req.url, version: req.httpVersion, body,
        custom: req.headers['x-custom'], raw: req.rawHeaders.includes('X-Custom'),
      }));
    });
  });
  const { port } = server.address();
  const { res, body } = await get(port, '/path?q=1', { method: 'POST', headers: { 'X-Custom': 'yes' }, body: 'héllo' });
  assert.strictEqual(res.statusCode, 200);
  assert.strictEqual(res.headers['content-type'], 'application/json');
  assert.deepStrictEqual(JSON.parse(body), {
    method: 'POST', url: '/path?q=1', version: '1.1', body: 'héllo', custom: 'yes', raw: true,
  });
  server.close();
});

test('duplicate headers follow Node rules', async () => {
  const server = await serve((req, res) => res.end(JSON.stringify(req.headers)));
  const { port } = server.address();
  const out = await raw(port, 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nAccept: x\r\nAccept: y\r\n' +
    'Cookie: a=1\r\nCookie: b=2\r\nSet-Cookie: s1\r\nSet-Cookie: s2\r\nConnection: close\r\n\r\n');
  const json = JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4));
  assert.strictEqual(json.host, 'a');
  assert.strictEqual(json.accept, 'x, y');
  assert.strictEqual(json.cookie, 'a=1; b=2');
  assert.deepStrictEqual(json['set-cookie'], ['s1', 's2']);
  server.close();
});

test('pipelined requests are answered in order', async () => {
  let n = 0;
  const server = await serve((req, res) => {
    const delay = req.url === '/slow' ? 30 : 0;
    const i = n++;
    setTimeout(() => res.end(`${req.url}:${i}`), delay);
  });
  const { port } = server.address();
  const out = await raw(port, 'GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n' +
    'GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  const bodies = out.split('\r\n\r\n').slice(1).map((s) => s.split('HTTP/1.1')[0]);
  assert.deepStrictEqual(bodies, ['/slow:0', '/fast:1', '/last:2']);
  server.close();
});

test('keep-alive: the agent reuses one connection', async () => {
  let connections = 0;
  const server = await serve((req, res) => res.end('ok'));
  server.on('connection', () => connections++);
  const { port } = server.address();
  const agent = new http.Agent({ keepAlive: true });
  for (let i = 0; i < 5; i++) {
    const { body, req } = await get(port, `/${i}`, { agent });
    assert.strictEqual(body, 'ok');
    assert.strictEqual(req.reusedSocket, i > 0);
  }
  assert.strictEqual(connections, 1);
  agent.destroy();
  server.close();
});

test('HEAD gets headers only; 204 has no body', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/none') {
      res.statusCode = 204;
      res.end();
    } else {
      res.end('body that HEAD must not see');
    }
  });
  const { port } = server.address();
  const head = await get(port, '/', { method: 'HEAD' });
  assert.strictEqual(head.res.statusCode, 200);
  // A body given to end() of a HEAD response sends no Content-Length.
  assert.strictEqual(head.res.headers['content-length'], undefined);
  assert.strictEqual(head.body, '');
  const none = await get(port, '/none');
  assert.strictEqual(none.res.statusCode, 204);
  assert.strictEqual(none.body, '');
  server.close();
});

test('chunked responses and chunked uploads', async () => {
  const server = await serve((req, res) => {
    let total = 0;
    req.on('data', (d) => { total += d.length; });
    req.on('end', () => {
      res.write('a');
      res.write(Buffer.from('b'));
      res.end(`:${total}`);
    });
  });
  const { port } = server.address();
  const { res, body } = await new Promise((resolve) => {
    const req = http.request({ port, host: '127.0.0.1', method: 'PUT' }, (r) => {
      let b = '';
      r.on('data', (d) => { b += d; });
      r.on('end', () => resolve({ res: r, body: b }));
    });
    req.write('x'.repeat(100000));
    req.write('y'.repeat(5));
    req.end();
  });
  assert.strictEqual(res.headers['transfer-encoding'], 'chunked');
  assert.strictEqual(body, 'ab:100005');
  server.close();
});

test('writeHead variants and status messages', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/a') res.writeHead(201, 'Made It', { 'X-A': '1' });
    else if (req.url === '/b') res.writeHead(404, [['X-B', '2'], ['X-B', '3']]);
    else res.writeHead(418);
    res.end();
  });
  const { port } = server.address();
  const a = await get(port, '/a');
  assert.strictEqual(a.res.statusCode, 201);
  assert.strictEqual(a.res.statusMessage, 'Made It');
  assert.strictEqual(a.res.headers['x-a'], '1');
  const b = await get(port, '/b');
  assert.strictEqual(b.res.statusMessage, 'Not Found');
  assert.strictEqual(b.res.headers['x-b'], '2, 3');
  const c = await get(port, '/c');
  assert.strictEqual(c.res.statusMessage, "I'm a Teapot");
  server.close();
});

test('header API errors are Node errors', async () => {
  const server = await serve((req, res) => {
    assert.throws(() => res.setHeader('bad name', 'x'), { code: 'ERR_INVALID_HTTP_TOKEN' });
    assert.throws(() => res.setHeader('x-bad', 'a\nb'), { code: 'ERR_INVALID_CHAR' });
    assert.throws(() => res.setHeader('x-undef', undefined), { code: 'ERR_HTTP_INVALID_HEADER_VALUE' });
    assert.throws(() => res.writeHead(99), { code: 'ERR_HTTP_INVALID_STATUS_CODE' });
    res.setHeader('X-Ok', ['1', '2']);
    assert.deepStrictEqual(res.getHeader('x-ok'), ['1', '2']);
    assert.deepStrictEqual(res.getHeaderNames(), ['x-ok']);
    assert.strictEqual(res.hasHeader('X-OK'), true);
    res.removeHeader('x-ok');
    assert.strictEqual(res.hasHeader('x-ok'), false);
    res.end('done');
    assert.throws(() => res.setHeader('x-late', '1'), { code: 'ERR_HTTP_HEADERS_SENT' });
    assert.strictEqual(res.headersSent, true);
  });
  const { port } = server.address();
  const { body } = await get(port, '/');
  assert.strictEqual(body, 'done');
  server.close();
});

test("'finish' and 'close' fire on the response", async () => {
  const events = [];
  const server = await serve((req, res) => {
    res.on('finish', () => events.push('finish'));
    res.on('close', () => events.push('close'));
    res.end('x');
  });
  const { port } = server.address();
  await get(port, '/');
  await new Promise((r) => setTimeout(r, 20));
  assert.deepStrictEqual(events, ['finish', 'close']);
  server.close();
});

test('malformed requests get 400 and oversized heads 431', async () => {
  const server = await serve((req, res) => res.end('fine'));
  const { port } = server.address();
  assert.strictEqual(await raw(port, 'NOT HTTP AT ALL\r\n\r\n'), 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  const big = 'x'.repeat(20000);
  assert.strictEqual(await raw(port, `GET / HTTP/1.1\r\nX-Big: ${big}\r\n\r\n`),
    'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n');
  // The server is still serving everyone else.
  const { body } = await get(port, '/');
  assert.strictEqual(body, 'fine');
  server.close();
});

test('a slow client is dropped after headersTimeout with 408', async () => {
  const server = await serve((req, res) => res.end('late'), { headersTimeout: 200, requestTimeout: 400, connectionsCheckingInterval: 50 });
  const { port } = server.address();
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write('GET / HTTP/1.1\r\n');
  let out = '';
  socket.on('data', (d) => { out += d; });
  const timer = setInterval(() => socket.write('X-Slow: 1\r\n'), 60);
  await once(socket, 'close');
  clearInterval(timer);
  assert.strictEqual(out, 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
  server.close();
});

test('a client that resets mid-body aborts the request only', async () => {
  let aborted;
  const gotAbort = new Promise((resolve) => { aborted = resolve; });
  const server = await serve((req, res) => {
    req.on('aborted', () => aborted('aborted'));
    req.on('error', () => {});
    req.resume();
  });
  const { port } = server.address();
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\npartial');
  setTimeout(() => socket.destroy(), 20);
  assert.strictEqual(await gotAbort, 'aborted');
  const ok = await serve((req, res) => res.end('still up'));
  assert.strictEqual((await get(ok.address().port, '/')).body, 'still up');
  ok.close();
  server.close();
});

test('Expect: 100-continue and checkContinue', async () => {
  const server = await serve((req, res) => {
    let n = 0;
    req.on('data', (d) => { n += d.length; });
    req.on('end', () => res.end(String(n)));
  });
  const { port } = server.address();
  const result = await new Promise((resolve) => {
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', headers: { Expect: '100-continue' } }, (res) => {
      let b = '';
      res.on('data', (d) => { b += d; });
      res.on('end', () => resolve(b));
    });
    req.on('continue', () => req.end('0123456789'));
  });
  assert.strictEqual(result, '10');
  server.close();
});

test('upgrade hands over the raw socket with the head bytes', async () => {
  const server = await serve((req, res) => res.end('not upgraded'));
  server.on('upgrade', (req, socket, head) => {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
    socket.write(head);
    socket.on('data', (d) => socket.write(d));
    socket.on('end', () => socket.end());
  });
  const { port } = server.address();
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write('GET / HTTP/1.1\r\nHost: x\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\nfirst-bytes');
  let out = '';
  socket.setEncoding('latin1');
  socket.on('data', (d) => {
    out += d;
    if (out.endsWith('first-bytes') && !out.includes('more')) socket.end('more');
  });
  await once(socket, 'close');
  assert.ok(out.startsWith('HTTP/1.1 101 Switching Protocols\r\n'), out);
  assert.ok(out.endsWith('\r\n\r\nfirst-bytesmore'), out);
  server.close();
});

test('http.STATUS_CODES, METHODS and validators', () => {
  assert.strictEqual(http.STATUS_CODES[404], 'Not Found');
  assert.ok(http.METHODS.includes('PATCH'));
  assert.deepStrictEqual(http.METHODS, [...http.METHODS].sort());
  assert.throws(() => http.validateHeaderName('a b'), { code: 'ERR_INVALID_HTTP_TOKEN' });
  assert.throws(() => http.validateHeaderValue('x', 'a\r\nb'), { code: 'ERR_INVALID_CHAR' });
  assert.strictEqual(http.maxHeaderSize, 16384);
});
