'use strict';
// tls: the client's verdict on the server's certificate, with Node's codes
// and messages: unknown CA, self-signed, expired, wrong host name; and
// rejectUnauthorized: false letting the connection through, marked.
const test = require('node:test');
const assert = require('node:assert');
const tls = require('node:tls');
const { once } = require('node:events');
const fixtures = require('./fixtures');
const { read } = fixtures;

async function serve(name, options = {}) {
  const server = tls.createServer({ key: read(`${name}.key`), cert: read(`${name}.pem`), ...options }, (s) => s.end('hi'));
  server.on('tlsClientError', () => {});
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

// Connects and returns the error the client gets, or null.
async function clientError(server, options) {
  const c = tls.connect({ port: server.address().port, host: '127.0.0.1', ...options });
  let error = null;
  c.on('error', (e) => { error = e; });
  c.resume();
  await new Promise((resolve) => c.on('close', resolve));
  return error;
}

test('a server whose CA the client does not know: UNABLE_TO_VERIFY_LEAF_SIGNATURE', async () => {
  const server = await serve('server');
  const err = await clientError(server, { servername: 'localhost' });
  assert.strictEqual(err.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  assert.strictEqual(err.message, 'unable to verify the first certificate');
  const err2 = await clientError(server, { servername: 'localhost', ca: read('ca2.pem') });
  assert.strictEqual(err2.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  server.close();
});

test('a chain that ends in an unknown root: SELF_SIGNED_CERT_IN_CHAIN', async () => {
  const chain = Buffer.concat([read('server.pem'), read('ca.pem')]);
  const server = tls.createServer({ key: read('server.key'), cert: chain }, (s) => s.end());
  server.on('tlsClientError', () => {});
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const err = await clientError(server, { servername: 'localhost', ca: read('ca2.pem') });
  assert.strictEqual(err.code, 'SELF_SIGNED_CERT_IN_CHAIN');
  assert.strictEqual(err.message, 'self-signed certificate in certificate chain');
  // The same chain with the root trusted is fine.
  assert.strictEqual(await clientError(server, { servername: 'localhost', ca: read('ca.pem') }), null);
  server.close();
});

test('a self-signed server certificate: DEPTH_ZERO_SELF_SIGNED_CERT', async () => {
  const server = await serve('self');
  const err = await clientError(server, { servername: 'localhost' });
  assert.strictEqual(err.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  assert.strictEqual(err.message, 'self-signed certificate');
  // Trusting that very certificate makes it fine.
  assert.strictEqual(await clientError(server, { servername: 'localhost', ca: read('self.pem') }), null);
  server.close();
});

test('an expired certificate: CERT_HAS_EXPIRED', async () => {
  const server = await serve('expired');
  const err = await clientError(server, { servername: 'localhost', ca: read('ca.pem') });
  assert.strictEqual(err.code, 'CERT_HAS_EXPIRED');
  assert.strictEqual(err.message, 'certificate has expired');
  server.close();
});

test('the wrong host name: ERR_TLS_CERT_ALTNAME_INVALID', async () => {
  const server = await serve('server');
  const err = await clientError(server, { servername: 'example.org', ca: read('ca.pem') });
  assert.strictEqual(err.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.strictEqual(err.host, 'example.org');
  assert.match(err.reason, /^Host: example\.org\. is not in the cert's altnames: DNS:localhost, DNS:\*\.shard\.test/);
  assert.strictEqual(typeof err.cert, 'object');
  // A name the wildcard covers, and the IP address, are fine.
  assert.strictEqual(await clientError(server, { servername: 'a.shard.test', ca: read('ca.pem') }), null);
  assert.strictEqual(await clientError(server, { ca: read('ca.pem') }), null);
  const ipErr = await clientError(server, { host: '127.0.0.1', checkServerIdentity: () => undefined, ca: read('ca.pem') });
  assert.strictEqual(ipErr, null);
  server.close();
});

test('rejectUnauthorized: false lets the connection through, marked unauthorized', async () => {
  const server = await serve('self');
  const c = tls.connect({ port: server.address().port, host: '127.0.0.1', rejectUnauthorized: false });
  await once(c, 'secureConnect');
  assert.strictEqual(c.authorized, false);
  assert.strictEqual(c.authorizationError, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  let data = '';
  c.on('data', (d) => { data += d; });
  await once(c, 'end');
  assert.strictEqual(data, 'hi');
  c.destroy();
  server.close();
});

test('a custom checkServerIdentity is called with the host and the certificate', async () => {
  const server = await serve('server');
  const seen = [];
  const err = await clientError(server, {
    servername: 'localhost',
    ca: read('ca.pem'),
    checkServerIdentity(host, cert) {
      seen.push(host, cert.subject.CN);
      return new Error('not today');
    },
  });
  assert.deepStrictEqual(seen, ['localhost', 'localhost']);
  assert.strictEqual(err.message, 'not today');
  server.close();
});

test('tls.checkServerIdentity', () => {
  const cert = { subject: { CN: 'ignored.example' }, subjectaltname: 'DNS:*.example.com, DNS:example.com, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1' };
  assert.strictEqual(tls.checkServerIdentity('example.com', cert), undefined);
  assert.strictEqual(tls.checkServerIdentity('a.example.com', cert), undefined);
  assert.strictEqual(tls.checkServerIdentity('A.EXAMPLE.COM.', cert), undefined);
  assert.strictEqual(tls.checkServerIdentity('10.0.0.1', cert), undefined);
  // (Node 22 takes an IPv6 host for a name.)
  assert.strictEqual(tls.checkServerIdentity('::1', cert).code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  let e = tls.checkServerIdentity('a.b.example.com', cert);
  assert.strictEqual(e.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  e = tls.checkServerIdentity('10.0.0.2', cert);
  assert.strictEqual(e.reason, "IP: 10.0.0.2 is not in the cert's list: 10.0.0.1, ::1");
  // The CN counts only without altnames; wildcards never match a bare tld.
  assert.strictEqual(tls.checkServerIdentity('cn.example', { subject: { CN: 'cn.example' } }), undefined);
  e = tls.checkServerIdentity('x.cn.example', { subject: { CN: 'cn.example' } });
  assert.strictEqual(e.reason, "Host: x.cn.example. is not cert's CN: cn.example");
  e = tls.checkServerIdentity('a.com', { subjectaltname: 'DNS:*.com' });
  assert.strictEqual(e.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.strictEqual(tls.checkServerIdentity('foobar.example.com', { subjectaltname: 'DNS:foo*.example.com' }), undefined);
  e = tls.checkServerIdentity('x.example', { subject: {} });
  assert.strictEqual(e.reason, 'Cert does not contain a DNS name');
});
