'use strict';
// tls: a client and a server exchange data both ways, with the events,
// properties and byte counts Node gives, and a large payload arrives whole.
const test = require('node:test');
const assert = require('node:assert');
const tls = require('node:tls');
const { once } = require('node:events');
const fixtures = require('./fixtures');

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

test('client and server exchange data, events in order', async () => {
  const serverEvents = [];
  const server = tls.createServer(fixtures.server(), (s) => {
    serverEvents.push('secureConnection');
    assert.strictEqual(s.encrypted, true);
    assert.strictEqual(s.authorized, false); // no client certificate asked for
    assert.strictEqual(s.getProtocol(), 'TLSv1.3');
    assert.strictEqual(s.alpnProtocol, false);
    assert.strictEqual(s.servername, 'localhost');
    s.on('data', (d) => {
      serverEvents.push(`data:${d}`);
      s.end('world!');
    });
    s.on('end', () => serverEvents.push('end'));
  });
  const port = await listen(server);
  const events = [];
  const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca() });
  for (const e of ['connect', 'secureConnect', 'end', 'finish', 'close']) c.on(e, () => events.push(e));
  c.on('data', (d) => events.push(`data:${d}`));
  c.on('end', () => c.end());
  await once(c, 'secureConnect');
  assert.strictEqual(c.authorized, true);
  assert.strictEqual(c.authorizationError, null);
  assert.strictEqual(c.encrypted, true);
  assert.strictEqual(c.getProtocol(), 'TLSv1.3');
  const cipher = c.getCipher();
  assert.strictEqual(cipher.version, 'TLSv1.3');
  assert.match(cipher.name, /^TLS_/);
  assert.strictEqual(cipher.standardName, cipher.name);
  c.write('hello');
  await once(c, 'close');
  assert.deepStrictEqual(events, ['connect', 'secureConnect', 'data:world!', 'end', 'finish', 'close']);
  // Byte counts are the plaintext's.
  assert.strictEqual(c.bytesWritten, 5);
  assert.strictEqual(c.bytesRead, 6);
  server.close();
  await once(server, 'close');
  assert.deepStrictEqual(serverEvents, ['secureConnection', 'data:hello', 'end']);
});

test('the connect callback is the secureConnect listener', async () => {
  const server = tls.createServer(fixtures.server(), (s) => s.end('x'));
  const port = await listen(server);
  let connected = false;
  const c = tls.connect(port, '127.0.0.1', { ca: fixtures.ca(), servername: 'localhost' }, () => {
    connected = true;
    assert.strictEqual(c.authorized, true);
  });
  c.resume();
  await once(c, 'close');
  assert.strictEqual(connected, true);
  server.close();
});

test('writes made before the handshake ends go out after it, in order', async () => {
  let got = '';
  const server = tls.createServer(fixtures.server(), (s) => {
    s.setEncoding('utf8');
    s.on('data', (d) => { got += d; });
    s.on('end', () => s.end());
  });
  const port = await listen(server);
  const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca() });
  c.write('one ');
  c.write(Buffer.from('two '));
  c.end('three');
  c.resume();
  await once(c, 'close');
  assert.strictEqual(got, 'one two three');
  server.close();
});

test('large payloads both ways arrive intact', async () => {
  const size = 6 * 1024 * 1024 + 123;
  const payload = Buffer.alloc(size);
  for (let i = 0; i < size; i++) payload[i] = (i * 31 + (i >> 12)) & 0xff;
  const server = tls.createServer(fixtures.server(), (s) => {
    // Echo everything back.
    s.pipe(s);
  });
  const port = await listen(server);
  const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca() });
  const chunks = [];
  let n = 0;
  c.on('data', (d) => {
    chunks.push(d);
    n += d.length;
    if (n === size) c.end();
  });
  await once(c, 'secureConnect');
  // Write in uneven pieces: strings, Buffers, one large Buffer.
  c.write(payload.subarray(0, 1000));
  c.write(payload.subarray(1000, 70000).toString('latin1'), 'latin1');
  c.write(payload.subarray(70000));
  await once(c, 'close');
  const back = Buffer.concat(chunks);
  assert.strictEqual(back.length, size);
  assert.ok(back.equals(payload));
  server.close();
});

test('a UTF-8 string payload survives the trip', async () => {
  const text = 'héllo wörld ✓ '.repeat(5000);
  const server = tls.createServer(fixtures.server(), (s) => {
    let got = '';
    s.setEncoding('utf8');
    s.on('data', (d) => { got += d; });
    s.on('end', () => s.end(String(got === text)));
  });
  const port = await listen(server);
  const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca() });
  c.end(text);
  let answer = '';
  c.on('data', (d) => { answer += d; });
  await once(c, 'close');
  assert.strictEqual(answer, 'true');
  server.close();
});

test('TLS 1.2 only, and the cipher it agrees on', async () => {
  const server = tls.createServer({ ...fixtures.server(), maxVersion: 'TLSv1.2' }, (s) => s.end('ok'));
  const port = await listen(server);
  const c = tls.connect({
    port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca(),
    ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  });
  await once(c, 'secureConnect');
  assert.strictEqual(c.getProtocol(), 'TLSv1.2');
  assert.deepStrictEqual(c.getCipher(), {
    name: 'ECDHE-ECDSA-AES128-GCM-SHA256',
    standardName: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
    version: 'TLSv1.2',
  });
  c.resume();
  await once(c, 'close');
  server.close();
});

test('destroy() on both sides ends the connection', async () => {
  let serverSocket;
  const server = tls.createServer(fixtures.server(), (s) => {
    serverSocket = s;
    // The peer may reset rather than end (unread tickets): either is fine.
    s.on('error', () => {});
  });
  const port = await listen(server);
  const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca() });
  await Promise.all([once(server, 'secureConnection'), once(c, 'secureConnect')]);
  const closed = new Promise((resolve) => serverSocket.on('close', resolve));
  c.destroy();
  await once(c, 'close');
  await closed;
  server.close();
  await once(server, 'close');
});
