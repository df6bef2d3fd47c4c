'use strict';
// tls: secure contexts (keys with passphrases, PKCS#12, bad input and the
// errors Node gives), the module's constants, getCiphers, rootCertificates,
// certificates as getPeerCertificate shows them, and key logging.
const test = require('node:test');
const assert = require('node:assert');
const tls = require('node:tls');
const fixtures = require('./fixtures');
const { read } = fixtures;

test('constants and lists', () => {
  assert.strictEqual(tls.DEFAULT_MIN_VERSION, 'TLSv1.2');
  assert.strictEqual(tls.DEFAULT_MAX_VERSION, 'TLSv1.3');
  assert.strictEqual(tls.DEFAULT_ECDH_CURVE, 'auto');
  assert.strictEqual(typeof tls.DEFAULT_CIPHERS, 'string');
  assert.ok(tls.DEFAULT_CIPHERS.startsWith('TLS_AES_256_GCM_SHA384:'));
  const ciphers = tls.getCiphers();
  assert.ok(ciphers.includes('tls_aes_256_gcm_sha384'));
  assert.ok(ciphers.includes('ecdhe-rsa-aes128-gcm-sha256'));
  assert.deepStrictEqual(ciphers, [...ciphers].sort());
  const roots = tls.rootCertificates;
  assert.ok(Array.isArray(roots) && Object.isFrozen(roots));
  assert.strictEqual(tls.rootCertificates, roots);
  for (const pem of roots.slice(0, 5)) assert.match(pem, /^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----$/);
  assert.strictEqual(tls.CLIENT_RENEG_LIMIT, 3);
  assert.strictEqual(tls.CLIENT_RENEG_WINDOW, 600);
});

test('createSecureContext: keys, passphrases, PKCS#12', () => {
  const ctx = tls.createSecureContext(fixtures.server());
  assert.ok(ctx instanceof tls.SecureContext);
  assert.strictEqual(typeof ctx.context, 'object');
  tls.createSecureContext({ key: read('server-enc.key'), passphrase: 'sesame', cert: read('server.pem') });
  tls.createSecureContext({ key: [{ pem: read('server-enc.key'), passphrase: 'sesame' }], cert: read('server.pem') });
  tls.createSecureContext({ pfx: read('server.pfx'), passphrase: 'sesame' });
  assert.throws(() => tls.createSecureContext({ pfx: read('server.pfx'), passphrase: 'wrong' }),
                { message: 'mac verify failure' });
  assert.throws(() => tls.createSecureContext({ key: read('server-enc.key'), passphrase: 'wrong', cert: read('server.pem') }));
  // A key that does not match the certificate.
  assert.throws(() => tls.createSecureContext({ key: read('other.key'), cert: read('server.pem') }),
                { code: 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' });
  assert.throws(() => tls.createSecureContext({ cert: 'not a certificate' }), { code: 'ERR_OSSL_PEM_NO_START_LINE' });
});

test('createSecureContext: argument errors', () => {
  assert.throws(() => tls.createSecureContext({ key: 42 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => tls.createSecureContext({ ca: [{}] }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => tls.createSecureContext({ minVersion: 'TLSv0' }), { code: 'ERR_TLS_INVALID_PROTOCOL_VERSION' });
  assert.throws(() => tls.createSecureContext({ maxVersion: 'SSLv3' }), { code: 'ERR_TLS_INVALID_PROTOCOL_VERSION' });
  assert.throws(() => tls.createSecureContext({ secureProtocol: 'TLSv1_2_method', minVersion: 'TLSv1.2' }),
                { code: 'ERR_TLS_PROTOCOL_VERSION_CONFLICT' });
  assert.throws(() => tls.createSecureContext({ ciphers: 'NO-SUCH-CIPHER' }), { code: 'ERR_SSL_NO_CIPHER_MATCH' });
  assert.throws(() => tls.createSecureContext({ ciphers: ':' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => tls.createSecureContext({ ticketKeys: Buffer.alloc(10) }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => tls.connect({ port: 1, checkServerIdentity: 'no' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => tls.createServer({ handshakeTimeout: 'x' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => tls.createServer({ SNICallback: 'x' }), { code: 'ERR_INVALID_ARG_TYPE' });
});

function pair(serverOptions = {}, clientOptions = {}) {
  return new Promise((resolve) => {
    const server = tls.createServer({ ...fixtures.server(), ...serverOptions }, (s) => {
      // The client may go before the server's tickets arrive: a reset.
      s.on('error', () => {});
      resolve({ server, serverSocket: s, client });
    });
    let client;
    server.listen(0, '127.0.0.1', () => {
      client = tls.connect({ port: server.address().port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca(), ...clientOptions });
      client.on('error', () => {});
    });
  });
}

test('getPeerCertificate as Node shapes it', async () => {
  const { server, serverSocket, client } = await pair({ cert: read('server-chain.pem') });
  await new Promise((resolve) => (client.authorized ? resolve() : client.once('secureConnect', resolve)));
  const cert = client.getPeerCertificate();
  assert.strictEqual(Object.getPrototypeOf(cert.subject), null);
  assert.deepStrictEqual({ ...cert.subject }, { C: 'US', ST: 'CA', L: 'SF', O: 'shard', OU: 'tests', CN: 'localhost' });
  assert.deepStrictEqual({ ...cert.issuer }, { C: 'US', O: 'shard tests', CN: 'shard test ca' });
  assert.strictEqual(cert.subjectaltname, 'DNS:localhost, DNS:*.shard.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
  assert.strictEqual(cert.ca, false);
  assert.strictEqual(cert.bits, 256);
  assert.strictEqual(cert.asn1Curve, 'prime256v1');
  assert.strictEqual(cert.nistCurve, 'P-256');
  assert.ok(Buffer.isBuffer(cert.pubkey) && cert.pubkey.length === 65 && cert.pubkey[0] === 4);
  assert.match(cert.valid_from, /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT$/);
  assert.match(cert.fingerprint, /^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
  assert.match(cert.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.match(cert.fingerprint512, /^([0-9A-F]{2}:){63}[0-9A-F]{2}$/);
  assert.deepStrictEqual(cert.ext_key_usage, ['1.3.6.1.5.5.7.3.1']);
  assert.match(cert.serialNumber, /^[0-9A-F]+$/);
  assert.ok(Buffer.isBuffer(cert.raw));
  assert.strictEqual(cert.issuerCertificate, undefined);
  // Detailed: the chain, the self-signed root pointing at itself.
  const detailed = client.getPeerCertificate(true);
  assert.strictEqual(detailed.issuerCertificate.subject.CN, 'shard test ca');
  assert.strictEqual(detailed.issuerCertificate.ca, true);
  assert.strictEqual(detailed.issuerCertificate.issuerCertificate, detailed.issuerCertificate);
  // The server's own certificate, and no client certificate.
  assert.strictEqual(serverSocket.getCertificate().subject.CN, 'localhost');
  assert.deepStrictEqual(serverSocket.getPeerCertificate(), {});
  client.destroy();
  server.close();
});

test('an RSA certificate: modulus, exponent, bits', async () => {
  const { server, client } = await pair({ key: read('rsa-server.key'), cert: read('rsa-server.pem') });
  await new Promise((resolve) => (client.authorized ? resolve() : client.once('secureConnect', resolve)));
  const cert = client.getPeerCertificate();
  assert.strictEqual(cert.bits, 2048);
  assert.strictEqual(cert.exponent, '0x10001');
  assert.match(cert.modulus, /^[0-9A-F]{512}$/);
  assert.ok(Buffer.isBuffer(cert.pubkey));
  assert.strictEqual(client.getCipher().name, 'TLS_AES_256_GCM_SHA384');
  client.destroy();
  server.close();
});

test('keylog: lines on the server and on the client', async () => {
  const serverLines = [];
  const clientLines = [];
  const server = tls.createServer(fixtures.server(), (s) => s.end());
  server.on('keylog', (line, socket) => {
    assert.ok(socket instanceof tls.TLSSocket);
    serverLines.push(line.toString());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const c = tls.connect({ port: server.address().port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca() });
  c.on('keylog', (line) => clientLines.push(line.toString()));
  c.resume();
  await new Promise((resolve) => c.on('close', resolve));
  server.close();
  for (const lines of [serverLines, clientLines]) {
    const labels = lines.map((l) => l.split(' ')[0]).sort();
    assert.deepStrictEqual(labels, ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'EXPORTER_SECRET',
      'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_TRAFFIC_SECRET_0']);
    for (const l of lines) assert.match(l, /^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]+\n$/);
  }
  // Both sides log the same secrets.
  assert.deepStrictEqual([...serverLines].sort(), [...clientLines].sort());
});

test('exportKeyingMaterial matches on both sides; getFinished/getPeerFinished cross', async () => {
  const { server, serverSocket, client } = await pair();
  await new Promise((resolve) => (client.authorized ? resolve() : client.once('secureConnect', resolve)));
  const a = client.exportKeyingMaterial(32, 'EXPORTER-test', Buffer.from('ctx'));
  const b = serverSocket.exportKeyingMaterial(32, 'EXPORTER-test', Buffer.from('ctx'));
  assert.strictEqual(a.length, 32);
  assert.ok(a.equals(b));
  assert.ok(client.getFinished().equals(serverSocket.getPeerFinished()));
  assert.ok(client.getPeerFinished().equals(serverSocket.getFinished()));
  assert.strictEqual(typeof client.getEphemeralKeyInfo(), 'object');
  client.destroy();
  server.close();
});

test('renegotiate is refused under TLS 1.3', async () => {
  const { server, client } = await pair();
  await new Promise((resolve) => (client.authorized ? resolve() : client.once('secureConnect', resolve)));
  const err = await new Promise((resolve) => {
    const r = client.renegotiate({}, resolve);
    assert.strictEqual(r, false);
  });
  assert.ok(err instanceof Error);
  assert.match(err.code, /^ERR_SSL_/);
  client.destroy();
  server.close();
});
