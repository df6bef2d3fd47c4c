'use strict';
// tls: upgrading plain sockets (STARTTLS): the client with
// tls.connect({ socket }), the server with new tls.TLSSocket(socket,
// { isServer: true }); the plain sockets close with their TLS ones.
const test = require('node:test');
const assert = require('node:assert');
const net = require('node:net');
const tls = require('node:tls');
const fixtures = require('./fixtures');

test('STARTTLS on both sides', async () => {
  const events = [];
  let serverPlain;
  const server = net.createServer((sock) => {
    serverPlain = sock;
    sock.once('data', (d) => {
      assert.strictEqual(String(d), 'STARTTLS\n');
      sock.write('OK\n');
      const secure = new tls.TLSSocket(sock, {
        isServer: true,
        secureContext: tls.createSecureContext(fixtures.server()),
      });
      secure.on('secure', () => events.push('server secure'));
      secure.on('data', (data) => {
        events.push(`server got ${data}`);
        secure.end('secret reply');
      });
      secure.on('error', (e) => events.push(`server error ${e.code}`));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const plain = net.connect(server.address().port, '127.0.0.1');
  plain.write('STARTTLS\n');
  await new Promise((resolve) => plain.once('data', (d) => {
    assert.strictEqual(String(d), 'OK\n');
    resolve();
  }));
  const secure = tls.connect({ socket: plain, servername: 'localhost', ca: fixtures.ca() });
  await new Promise((resolve, reject) => {
    secure.on('secureConnect', resolve);
    secure.on('error', reject);
  });
  assert.strictEqual(secure.authorized, true);
  assert.strictEqual(secure.encrypted, true);
  secure.write('secret');
  let reply = '';
  secure.on('data', (d) => { reply += d; });
  const plainClosed = new Promise((resolve) => plain.on('close', resolve));
  await new Promise((resolve) => secure.on('end', resolve));
  secure.end();
  await new Promise((resolve) => secure.on('close', resolve));
  await plainClosed;
  assert.strictEqual(reply, 'secret reply');
  assert.deepStrictEqual(events, ['server secure', 'server got secret']);
  await new Promise((resolve) => (serverPlain.destroyed ? resolve() : serverPlain.on('close', resolve)));
  server.close();
});
