'use strict';
// https: a server and the client side (request, get, Agent keep-alive and
// session reuse) with http's request and response objects.
const test = require('node:test');
const assert = require('node:assert');
const https = require('node:https');
const http = require('node:http');
const tls = require('node:tls');
const { once } = require('node:events');
const fixtures = require('./fixtures');

async function serve(handler, options = {}) {
  const server = https.createServer({ ...fixtures.server(), ...options }, handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function get(url, options = {}) {
  return new Promise((resolve, reject) => {
    https.get(url, { ca: fixtures.ca(), ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ res, body }));
    }).on('error', reject);
  });
}

test('https.get against https.createServer', async () => {
  const server = await serve((req, res) => {
    assert.ok(req instanceof http.IncomingMessage);
    assert.ok(res instanceof http.ServerResponse);
    assert.strictEqual(req.socket.encrypted, true);
    // https.get offers no ALPN.
    assert.strictEqual(req.socket.alpnProtocol, false);
    res.setHeader('content-type', 'text/plain');
    res.end(`${req.method} ${req.url} ${req.headers.host}`);
  });
  const { port } = server.address();
  const { res, body } = await get(`https://localhost:${port}/path?q=1`, { agent: false });
  assert.strictEqual(res.statusCode, 200);
  assert.strictEqual(res.headers['content-type'], 'text/plain');
  assert.strictEqual(body, `GET /path?q=1 localhost:${port}`);
  assert.strictEqual(res.socket.authorized, true);
  server.close();
});

test('POST bodies, chunked and with content-length, both ways', async () => {
  const server = await serve((req, res) => {
    const chunks = [];
    req.on('data', (d) => chunks.push(d));
    req.on('end', () => {
      const got = Buffer.concat(chunks);
      res.writeHead(200, { 'x-len': String(got.length) });
      // Echo it in pieces.
      for (let i = 0; i < got.length; i += 100000) res.write(got.subarray(i, i + 100000));
      res.end();
    });
  });
  const { port } = server.address();
  const payload = Buffer.alloc(1024 * 1024 + 7, 'abc');
  const res = await new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, method: 'POST', path: '/', servername: 'localhost', ca: fixtures.ca() }, resolve);
    req.on('error', reject);
    req.write(payload.subarray(0, 1000));
    req.end(payload.subarray(1000));
  });
  assert.strictEqual(res.headers['x-len'], String(payload.length));
  const chunks = [];
  for await (const d of res) chunks.push(d);
  assert.ok(Buffer.concat(chunks).equals(payload));
  server.close();
});

test('a keep-alive agent sends requests over one connection', async () => {
  let connections = 0;
  const server = await serve((req, res) => res.end(req.url));
  server.on('secureConnection', () => connections++);
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
  const { port } = server.address();
  for (let i = 0; i < 5; i++) {
    const { body, res } = await get(`https://localhost:${port}/${i}`, { agent });
    assert.strictEqual(body, `/${i}`);
    assert.strictEqual(res.req.reusedSocket, i > 0);
  }
  assert.strictEqual(connections, 1);
  agent.destroy();
  server.close();
});

test('a new connection of an agent resumes the session of the last one', async () => {
  const server = await serve((req, res) => res.end('x'));
  const resumed = [];
  server.on('secureConnection', (s) => resumed.push(s.isSessionReused()));
  const agent = new https.Agent({ keepAlive: false, maxCachedSessions: 10 });
  const { port } = server.address();
  for (let i = 0; i < 3; i++) {
    // A fresh connection each time (Connection: close).
    await get(`https://localhost:${port}/`, { agent, headers: { connection: 'close' } });
  }
  assert.deepStrictEqual(resumed, [false, true, true]);
  server.close();
});

test('the client refuses a server it cannot verify', async () => {
  const server = await serve((req, res) => res.end('x'));
  const { port } = server.address();
  await assert.rejects(get(`https://localhost:${port}/`, { ca: undefined, agent: false }),
                       { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  await assert.rejects(get(`https://127.0.0.1:${port}/`, { servername: 'example.org', agent: false }),
                       { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  const { body } = await get(`https://localhost:${port}/`, { ca: undefined, rejectUnauthorized: false, agent: false });
  assert.strictEqual(body, 'x');
  server.close();
});

test('tlsClientError becomes clientError on an https server', async () => {
  const server = await serve(() => assert.fail('no request'));
  const errors = [];
  server.on('clientError', (err, socket) => {
    errors.push(err.code);
    socket.destroy();
  });
  const net = require('node:net');
  const s = net.connect(server.address().port, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\n\r\n'));
  s.on('error', () => {});
  s.resume();
  await new Promise((resolve) => s.on('close', resolve));
  assert.deepStrictEqual(errors, ['ERR_SSL_HTTP_REQUEST']);
  server.close();
});

test('https.globalAgent and the Agent defaults', () => {
  assert.ok(https.globalAgent instanceof https.Agent);
  assert.ok(https.globalAgent instanceof http.Agent);
  assert.strictEqual(https.globalAgent.defaultPort, 443);
  assert.strictEqual(https.globalAgent.protocol, 'https:');
  const agent = new https.Agent();
  assert.strictEqual(agent.maxCachedSessions, 100);
  assert.ok(https.createServer(fixtures.server()) instanceof tls.Server);
  assert.throws(() => https.request('http://localhost/'), { code: 'ERR_INVALID_PROTOCOL' });
});

test('an HTTP/1.0 style close-delimited response and 204/304 over TLS', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/204') {
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(200, { connection: 'close' });
      res.end('bye');
    }
  });
  const { port } = server.address();
  const a = await get(`https://localhost:${port}/204`, { agent: false });
  assert.strictEqual(a.res.statusCode, 204);
  assert.strictEqual(a.body, '');
  const b = await get(`https://localhost:${port}/x`, { agent: false });
  assert.strictEqual(b.body, 'bye');
  server.close();
});
void once;
