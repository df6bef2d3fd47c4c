'use strict';
// tls: peers that misbehave get Node's errors and a closed connection, and
// the server goes on serving: garbage before the ClientHello, a client
// that stops mid-handshake, one that offers only old protocols, one that
// leaves in the middle of a record.
const test = require('node:test');
const assert = require('node:assert');
const tls = require('node:tls');
const net = require('node:net');
const { once } = require('node:events');
const fixtures = require('./fixtures');

async function badServer(options = {}) {
  const errors = [];
  const server = tls.createServer({ ...fixtures.server(), ...options }, (s) => {
    s.on('data', () => {});
    s.on('error', () => {});
    s.end('ok');
  });
  server.on('tlsClientError', (err, socket) => {
    errors.push({ code: err.code, library: err.library, encrypted: socket.encrypted });
    socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, errors, port: server.address().port };
}

// A raw TCP peer: writes what it is given, resolves with what it read once
// the server closes.
function rawPeer(port, write, { end = false } = {}) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      if (end) s.end(write);
      else s.write(write);
    });
    const got = [];
    s.on('data', (d) => got.push(d));
    s.on('error', () => {});
    s.on('close', () => resolve(Buffer.concat(got)));
  });
}

// The server still serves a good client.
async function stillServes(port) {
  const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca() });
  let data = '';
  c.on('data', (d) => { data += d; });
  await new Promise((resolve) => c.on('close', resolve));
  assert.strictEqual(data, 'ok');
}

test('an HTTP request instead of a ClientHello: ERR_SSL_HTTP_REQUEST, closed', async () => {
  const { server, errors, port } = await badServer();
  await rawPeer(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.deepStrictEqual(errors, [{ code: 'ERR_SSL_HTTP_REQUEST', library: 'SSL routines', encrypted: true }]);
  await stillServes(port);
  server.close();
});

test('random bytes: ERR_SSL_WRONG_VERSION_NUMBER or a record error, closed', async () => {
  const { server, errors, port } = await badServer();
  const junk = Buffer.alloc(300);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 97 + 13) & 0xff;
  junk[0] = 0x16; // looks like a handshake record...
  junk[1] = 0x77; // ...of no version at all
  await rawPeer(port, junk);
  assert.strictEqual(errors.length, 1);
  assert.strictEqual(errors[0].library, 'SSL routines');
  assert.match(errors[0].code, /^ERR_SSL_/);
  await stillServes(port);
  server.close();
});

test('a client that stops mid-handshake: ERR_TLS_HANDSHAKE_TIMEOUT', async () => {
  const { server, errors, port } = await badServer({ handshakeTimeout: 100 });
  // The start of a ClientHello, then nothing.
  await rawPeer(port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xc8, 0x01, 0x00, 0x00, 0xc4, 0x03, 0x03]));
  assert.deepStrictEqual(errors, [{ code: 'ERR_TLS_HANDSHAKE_TIMEOUT', library: undefined, encrypted: true }]);
  await stillServes(port);
  server.close();
});

test('a client that leaves mid-handshake: ECONNRESET "socket hang up"', async () => {
  const { server, errors, port } = await badServer();
  await rawPeer(port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xc8, 0x01, 0x00]), { end: true });
  assert.deepStrictEqual(errors, [{ code: 'ECONNRESET', library: undefined, encrypted: true }]);
  await stillServes(port);
  server.close();
});

// A ClientHello that offers TLS 1.1 at most (no supported_versions).
function oldClientHello() {
  const body = Buffer.concat([
    Buffer.from([0x03, 0x02]), // TLS 1.1
    Buffer.alloc(32, 1), // random
    Buffer.from([0x00]), // no session id
    Buffer.from([0x00, 0x04, 0xc0, 0x09, 0x00, 0x2f]), // two CBC suites
    Buffer.from([0x01, 0x00]), // null compression
  ]);
  const hs = Buffer.concat([Buffer.from([0x01, 0x00, body.length >> 8, body.length & 0xff]), body]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01, hs.length >> 8, hs.length & 0xff]), hs]);
}

test('a client that offers only TLS 1.1: ERR_SSL_UNSUPPORTED_PROTOCOL, and an alert', async () => {
  const { server, errors, port } = await badServer();
  const answer = await rawPeer(port, oldClientHello());
  // A protocol_version alert record.
  assert.strictEqual(answer[0], 0x15);
  assert.strictEqual(answer[answer.length - 1], 70);
  assert.deepStrictEqual(errors, [{ code: 'ERR_SSL_UNSUPPORTED_PROTOCOL', library: 'SSL routines', encrypted: true }]);
  await stillServes(port);
  server.close();
});

test('a client that leaves in the middle of a record: the server socket closes', async () => {
  // A proxy between a real client and the server cuts the connection after
  // half of the client's first application record.
  let serverSocket;
  const server = tls.createServer(fixtures.server(), (s) => {
    serverSocket ??= s;
    s.on('error', () => {});
    s.resume();
    s.end('ok');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy = net.createServer((inbound) => {
    const outbound = net.connect(server.address().port, '127.0.0.1');
    outbound.on('error', () => {});
    inbound.on('error', () => {});
    outbound.pipe(inbound);
    let cut = false;
    inbound.on('data', (d) => {
      if (cut) return;
      // The first record with a large payload: forward half of it and go.
      if (d.length > 4000) {
        cut = true;
        outbound.unpipe(inbound);
        outbound.resume();
        outbound.end(d.subarray(0, d.length >> 1));
        inbound.destroy();
      } else {
        outbound.write(d);
      }
    });
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const c = tls.connect({ port: proxy.address().port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca() });
  c.on('error', () => {});
  await once(c, 'secureConnect');
  c.write(Buffer.alloc(10000, 1));
  await new Promise((resolve) => c.on('close', resolve));
  // The server never sees the half record as data, and its socket closes.
  while (!serverSocket) await new Promise((resolve) => setImmediate(resolve));
  if (!serverSocket.destroyed) await new Promise((resolve) => serverSocket.on('close', resolve));
  assert.strictEqual(serverSocket.bytesRead, 0);
  await stillServes(server.address().port);
  proxy.close();
  server.close();
});
