'use strict';
// tls: sessions resume by ticket (TLS 1.3 and 1.2), 'session' events come
// after the handshake, ticket keys can be read, shared and changed.
const test = require('node:test');
const assert = require('node:assert');
const tls = require('node:tls');
const fixtures = require('./fixtures');

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

function serve(options = {}) {
  // The server answers after the client has written: by then the client
  // has its tickets.
  return tls.createServer({ ...fixtures.server(), ...options }, (s) => {
    s.on('data', () => s.end('bye'));
  });
}

async function roundTrip(port, options) {
  return new Promise((resolve, reject) => {
    const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca(), ...options });
    let session = null;
    let reused = null;
    c.on('secureConnect', () => {
      reused = c.isSessionReused();
      c.write('hi');
    });
    c.on('session', (s) => { session = s; });
    c.on('error', reject);
    c.resume();
    c.on('close', () => resolve({ reused, session }));
  });
}

test('TLS 1.3: a session from one connection resumes the next', async () => {
  const server = serve();
  const port = await listen(server);
  const first = await roundTrip(port);
  assert.strictEqual(first.reused, false);
  assert.ok(Buffer.isBuffer(first.session) && first.session.length > 0);
  const second = await roundTrip(port, { session: first.session });
  assert.strictEqual(second.reused, true);
  server.close();
});

test("'session' comes after 'secureConnect'", async () => {
  const server = serve();
  const port = await listen(server);
  const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca() });
  const order = [];
  c.on('secureConnect', () => {
    order.push('secureConnect');
    c.write('x');
  });
  c.on('session', () => order.push('session'));
  c.resume();
  await new Promise((resolve) => c.on('close', resolve));
  assert.strictEqual(order[0], 'secureConnect');
  assert.ok(order.length >= 2 && order.slice(1).every((e) => e === 'session'));
  server.close();
});

test('TLS 1.2: resumption by ticket, getSession and getTLSTicket', async () => {
  const server = serve({ maxVersion: 'TLSv1.2' });
  const port = await listen(server);
  const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca() });
  await new Promise((resolve) => c.on('secureConnect', resolve));
  const session = c.getSession();
  const ticket = c.getTLSTicket();
  assert.ok(Buffer.isBuffer(session));
  assert.ok(Buffer.isBuffer(ticket) && ticket.length > 0);
  c.end();
  c.resume();
  await new Promise((resolve) => c.on('close', resolve));
  const again = await roundTrip(port, { session });
  assert.strictEqual(again.reused, true);
  server.close();
});

test('servers sharing ticket keys resume each other\'s sessions; others do not', async () => {
  const keys = Buffer.alloc(48, 7);
  const a = serve({ ticketKeys: keys });
  const b = serve();
  const portA = await listen(a);
  const portB = await listen(b);
  b.setTicketKeys(keys);
  assert.ok(b.getTicketKeys().equals(keys));
  const first = await roundTrip(portA);
  assert.strictEqual((await roundTrip(portB, { session: first.session })).reused, true);
  // New keys on b: a's tickets no longer open there.
  b.setTicketKeys(Buffer.alloc(48, 9));
  assert.strictEqual((await roundTrip(portB, { session: first.session })).reused, false);
  assert.throws(() => b.setTicketKeys(Buffer.alloc(10)));
  a.close();
  b.close();
});
