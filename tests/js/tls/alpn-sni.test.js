'use strict';
// tls: ALPN (server order, no overlap, ALPNCallback) and SNI choosing a
// certificate (SNICallback, addContext), as Node does them.
const test = require('node:test');
const assert = require('node:assert');
const tls = require('node:tls');
const { once } = require('node:events');
const fixtures = require('./fixtures');
const { read } = fixtures;

function listen(server) {
  server.on('tlsClientError', () => {});
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

function closed(socket) {
  return new Promise((resolve) => socket.on('close', resolve));
}

async function negotiate(serverOptions, clientProtocols) {
  let serverSide;
  const server = tls.createServer({ ...fixtures.server(), ...serverOptions }, (s) => {
    serverSide = s.alpnProtocol;
    s.end();
  });
  const port = await listen(server);
  const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca(), ALPNProtocols: clientProtocols });
  let error = null;
  let clientSide;
  c.on('secureConnect', () => { clientSide = c.alpnProtocol; });
  c.on('error', (e) => { error = e; });
  c.resume();
  await closed(c);
  server.close();
  return { clientSide, serverSide, error };
}

test('ALPN: the server picks its first protocol the client offers', async () => {
  let r = await negotiate({ ALPNProtocols: ['h2', 'http/1.1'] }, ['http/1.1', 'h2']);
  assert.deepStrictEqual([r.clientSide, r.serverSide], ['h2', 'h2']);
  r = await negotiate({ ALPNProtocols: ['h2', 'http/1.1'] }, ['http/1.1']);
  assert.deepStrictEqual([r.clientSide, r.serverSide], ['http/1.1', 'http/1.1']);
  // A buffer in wire format works too.
  r = await negotiate({ ALPNProtocols: Buffer.from('\x08http/1.1') }, ['http/1.1']);
  assert.strictEqual(r.clientSide, 'http/1.1');
});

test('ALPN: nothing offered or nothing configured means false', async () => {
  let r = await negotiate({ ALPNProtocols: ['h2'] }, undefined);
  assert.deepStrictEqual([r.clientSide, r.serverSide], [false, false]);
  r = await negotiate({}, ['h2']);
  assert.deepStrictEqual([r.clientSide, r.serverSide], [false, false]);
});

test('ALPN: no protocol in common is a fatal no_application_protocol alert', async () => {
  const server = tls.createServer({ ...fixtures.server(), ALPNProtocols: ['h2'] }, () => assert.fail('no connection'));
  const errors = [];
  server.on('tlsClientError', (e) => errors.push(e.code));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const c = tls.connect({ port: server.address().port, host: '127.0.0.1', ca: fixtures.ca(), ALPNProtocols: ['x-other'] });
  let error = null;
  c.on('error', (e) => { error = e; });
  await closed(c);
  assert.strictEqual(error.code, 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL');
  assert.strictEqual(error.library, 'SSL routines');
  assert.strictEqual(error.reason, 'tlsv1 alert no application protocol');
  assert.deepStrictEqual(errors, ['ERR_SSL_NO_APPLICATION_PROTOCOL']);
  server.close();
});

test('ALPNCallback chooses, and cannot be combined with ALPNProtocols', async () => {
  const seen = [];
  const r = await negotiate({
    ALPNCallback({ servername, protocols }) {
      seen.push(servername, protocols);
      return protocols[1];
    },
  }, ['a', 'b', 'c']);
  assert.deepStrictEqual(seen, ['localhost', ['a', 'b', 'c']]);
  assert.deepStrictEqual([r.clientSide, r.serverSide], ['b', 'b']);
  assert.throws(() => tls.createServer({ ALPNCallback() {}, ALPNProtocols: ['h2'] }),
                { code: 'ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS' });
});

test('ALPNCallback returning undefined refuses the connection', async () => {
  const r = await negotiate({ ALPNCallback: () => undefined }, ['a']);
  assert.strictEqual(r.error.code, 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL');
});

async function serverName(server, servername) {
  const c = tls.connect({ port: server.address().port, host: '127.0.0.1', servername, ca: fixtures.ca() });
  let error = null;
  let cn;
  c.on('secureConnect', () => { cn = c.getPeerCertificate().subject.CN; });
  c.on('error', (e) => { error = e; });
  c.resume();
  await closed(c);
  return error ? error.code : cn;
}

test('SNICallback chooses the certificate by the name the client asks for', async () => {
  const other = tls.createSecureContext({ key: read('other.key'), cert: read('other.pem') });
  const names = [];
  const server = tls.createServer({
    ...fixtures.server(),
    SNICallback(name, cb) {
      names.push(name);
      // Answered later: the handshake waits.
      setTimeout(() => cb(null, name === 'other.test' ? other : undefined), 5);
    },
  }, (s) => {
    assert.ok(['other.test', 'localhost'].includes(s.servername));
    s.end();
  });
  await listen(server);
  assert.strictEqual(await serverName(server, 'other.test'), 'other.test');
  assert.strictEqual(await serverName(server, 'localhost'), 'localhost');
  assert.deepStrictEqual(names, ['other.test', 'localhost']);
  server.close();
});

test('SNICallback errors destroy the connection', async () => {
  const server = tls.createServer({ ...fixtures.server(), SNICallback: (name, cb) => cb(new Error('no such name')) });
  const errors = [];
  server.on('tlsClientError', (e) => errors.push(e.message));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const code = await serverName(server, 'localhost');
  assert.strictEqual(typeof code, 'string');
  assert.notStrictEqual(code, 'localhost');
  assert.deepStrictEqual(errors, ['no such name']);
  server.close();
});

test('addContext: wildcard names, the default certificate otherwise', async () => {
  const server = tls.createServer(fixtures.server(), (s) => s.end());
  server.addContext('*.test', { key: read('other.key'), cert: read('other.pem') });
  await listen(server);
  assert.strictEqual(await serverName(server, 'other.test'), 'other.test');
  assert.strictEqual(await serverName(server, 'localhost'), 'localhost');
  // The other certificate does not name a.test: the client says so.
  assert.strictEqual(await serverName(server, 'a.test'), 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.throws(() => server.addContext('', {}), { code: 'ERR_TLS_REQUIRED_SERVER_NAME' });
  server.close();
});
