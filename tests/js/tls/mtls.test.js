'use strict';
// tls: servers that ask for a client certificate (requestCert), accepting
// one signed by their CA and refusing the rest, or letting them through
// marked unauthorized.
const test = require('node:test');
const assert = require('node:assert');
const tls = require('node:tls');
const fixtures = require('./fixtures');
const { read } = fixtures;

async function mtlsServer(options) {
  const seen = [];
  const clientErrors = [];
  const server = tls.createServer({ ...fixtures.server(), ca: read('ca.pem'), requestCert: true, ...options }, (s) => {
    seen.push({
      authorized: s.authorized,
      authorizationError: s.authorizationError,
      cn: s.getPeerCertificate().subject?.CN,
    });
    s.end('welcome');
  });
  server.on('tlsClientError', (e) => clientErrors.push(e.code));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, seen, clientErrors };
}

function attempt(server, options) {
  return new Promise((resolve) => {
    const c = tls.connect({ port: server.address().port, host: '127.0.0.1', servername: 'localhost', ca: read('ca.pem'), ...options });
    let data = '';
    let error = null;
    c.on('data', (d) => { data += d; });
    c.on('error', (e) => { error = e; });
    c.on('close', () => resolve({ data, error }));
  });
}

test('a client certificate from the trusted CA is accepted', async () => {
  const { server, seen } = await mtlsServer({});
  const r = await attempt(server, { key: read('client.key'), cert: read('client.pem') });
  assert.strictEqual(r.data, 'welcome');
  assert.deepStrictEqual(seen, [{ authorized: true, authorizationError: null, cn: 'client' }]);
  server.close();
});

test('a PKCS#12 client bundle works as well', async () => {
  const { server, seen } = await mtlsServer({});
  const r = await attempt(server, { pfx: read('client.pfx'), passphrase: 'sesame' });
  assert.strictEqual(r.data, 'welcome');
  assert.strictEqual(seen[0].cn, 'client');
  server.close();
});

test('no client certificate: the handshake is refused', async () => {
  const { server, seen, clientErrors } = await mtlsServer({});
  const r = await attempt(server, {});
  assert.strictEqual(r.data, '');
  assert.ok(r.error, 'the client sees an error');
  assert.deepStrictEqual(seen, []);
  assert.deepStrictEqual(clientErrors, ['ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE']);
  server.close();
});

test('a certificate from another CA: the connection is closed', async () => {
  const { server, seen } = await mtlsServer({});
  const r = await attempt(server, { key: read('client2.key'), cert: read('client2.pem') });
  assert.strictEqual(r.data, '');
  assert.deepStrictEqual(seen, []);
  server.close();
});

test('rejectUnauthorized: false lets them in, marked', async () => {
  const { server, seen } = await mtlsServer({ rejectUnauthorized: false });
  assert.strictEqual((await attempt(server, { key: read('client2.key'), cert: read('client2.pem') })).data, 'welcome');
  assert.strictEqual((await attempt(server, {})).data, 'welcome');
  assert.deepStrictEqual(seen, [
    { authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', cn: 'intruder' },
    { authorized: false, authorizationError: 'UNABLE_TO_GET_ISSUER_CERT', cn: undefined },
  ]);
  server.close();
});
