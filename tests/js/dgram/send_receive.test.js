'use strict';
// node:dgram over loopback: datagrams both ways, lists of buffers, offsets,
// connected sockets, IPv6, the send queue before bind, and the close.
const { test } = require('node:test');
const assert = require('node:assert');
const dgram = require('node:dgram');
const { once } = require('node:events');

async function bound(type = 'udp4', address = type === 'udp4' ? '127.0.0.1' : '::1') {
  const socket = dgram.createSocket(type);
  socket.bind(0, address);
  await once(socket, 'listening');
  return socket;
}

function close(socket) {
  return new Promise((resolve) => socket.close(resolve));
}

test('a datagram each way, with rinfo and byte counts', async () => {
  const server = await bound();
  const client = dgram.createSocket('udp4');
  const { port } = server.address();
  const got = once(server, 'message');
  const sent = await new Promise((resolve, reject) => {
    client.send('ping', port, '127.0.0.1', (err, bytes) => (err ? reject(err) : resolve(bytes)));
  });
  assert.strictEqual(sent, 4);
  const [msg, rinfo] = await got;
  assert.ok(Buffer.isBuffer(msg));
  assert.strictEqual(msg.toString(), 'ping');
  assert.strictEqual(rinfo.address, '127.0.0.1');
  assert.strictEqual(rinfo.family, 'IPv4');
  assert.strictEqual(rinfo.size, 4);
  assert.strictEqual(rinfo.port, client.address().port);
  const back = once(client, 'message');
  server.send(Buffer.from('pong'), rinfo.port, rinfo.address);
  const [reply, from] = await back;
  assert.strictEqual(reply.toString(), 'pong');
  assert.strictEqual(from.port, port);
  await Promise.all([close(client), close(server)]);
});

test('lists of buffers, typed arrays, strings, offset and length', async () => {
  const server = await bound();
  const client = dgram.createSocket('udp4');
  const { port } = server.address();
  const messages = [];
  server.on('message', (msg) => messages.push(msg.toString('latin1')));
  const send = (...args) => new Promise((resolve, reject) => {
    client.send(...args, (err, n) => (err ? reject(err) : resolve(n)));
  });
  assert.strictEqual(await send(['ab', Buffer.from('cd'), new Uint8Array([101, 102])], port, '127.0.0.1'), 6);
  assert.strictEqual(await send(Buffer.from('0123456789'), 2, 3, port, '127.0.0.1'), 3);
  assert.strictEqual(await send(new DataView(new Uint8Array([120, 121]).buffer), port, '127.0.0.1'), 2);
  assert.strictEqual(await send(Buffer.alloc(0), port, '127.0.0.1'), 0);
  const big = Buffer.alloc(60000, 'z');
  assert.strictEqual(await send(big, port, '127.0.0.1'), 60000);
  while (messages.length < 5) await once(server, 'message');
  assert.deepStrictEqual(messages.slice(0, 4), ['abcdef', '234', 'xy', '']);
  assert.strictEqual(messages[4], 'z'.repeat(60000));
  await Promise.all([close(client), close(server)]);
});

test('sends before bind wait for the implicit bind', async () => {
  const server = await bound();
  const client = dgram.createSocket('udp4');
  const { port } = server.address();
  const messages = [];
  const done = new Promise((resolve) => {
    server.on('message', (msg) => {
      messages.push(msg.toString());
      if (messages.length === 3) resolve();
    });
  });
  const listening = once(client, 'listening');
  client.send('one', port, '127.0.0.1');
  client.send('two', port, 'localhost');
  client.send('three', port);
  await listening;
  await done;
  // A name to look up ('localhost') can let a later send overtake it, as in Node.
  assert.deepStrictEqual(messages.sort(), ['one', 'three', 'two']);
  assert.strictEqual(client.address().address, '0.0.0.0');
  await Promise.all([close(client), close(server)]);
});

test('connect, remoteAddress, send without an address, disconnect', async () => {
  const server = await bound();
  const { port } = server.address();
  const client = dgram.createSocket('udp4');
  await new Promise((resolve) => client.connect(port, '127.0.0.1', resolve));
  assert.deepStrictEqual(client.remoteAddress(), { address: '127.0.0.1', family: 'IPv4', port });
  assert.throws(() => client.connect(port), { code: 'ERR_SOCKET_DGRAM_IS_CONNECTED' });
  assert.throws(() => client.send('x', 0, 1, port, '127.0.0.1'), { code: 'ERR_SOCKET_DGRAM_IS_CONNECTED' });
  const got = once(server, 'message');
  client.send('connected');
  const [msg] = await got;
  assert.strictEqual(msg.toString(), 'connected');
  client.disconnect();
  assert.throws(() => client.remoteAddress(), { code: 'ERR_SOCKET_DGRAM_NOT_CONNECTED' });
  assert.throws(() => client.disconnect(), { code: 'ERR_SOCKET_DGRAM_NOT_CONNECTED' });
  const again = once(server, 'message');
  client.send('after', port, '127.0.0.1');
  assert.strictEqual((await again)[0].toString(), 'after');
  await Promise.all([close(client), close(server)]);
});

test('a connected socket only hears its peer', async () => {
  const server = await bound();
  const other = await bound();
  const client = await bound();
  client.connect(server.address().port, '127.0.0.1');
  await once(client, 'connect');
  const messages = [];
  client.on('message', (msg) => messages.push(msg.toString()));
  other.send('stranger', client.address().port, '127.0.0.1');
  server.send('peer', client.address().port, '127.0.0.1');
  await once(client, 'message');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepStrictEqual(messages, ['peer']);
  await Promise.all([close(client), close(server), close(other)]);
});

test('IPv6 over ::1', async (t) => {
  let server;
  try {
    server = await bound('udp6');
  } catch (err) {
    t.skip(`no IPv6 loopback: ${err.code}`);
    return;
  }
  const client = dgram.createSocket('udp6');
  const got = once(server, 'message');
  client.send('six', server.address().port, '::1');
  const [msg, rinfo] = await got;
  assert.strictEqual(msg.toString(), 'six');
  assert.strictEqual(rinfo.family, 'IPv6');
  assert.strictEqual(rinfo.address, '::1');
  assert.strictEqual(server.address().family, 'IPv6');
  await Promise.all([close(client), close(server)]);
});

test('bind with an options object and a callback', async () => {
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise((resolve) => socket.bind({ port: 0, address: '127.0.0.1' }, resolve));
  const { address, family, port } = socket.address();
  assert.strictEqual(address, '127.0.0.1');
  assert.strictEqual(family, 'IPv4');
  assert.ok(port > 0);
  // reuseAddr lets a second socket share the port.
  const twin = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise((resolve) => twin.bind(port, '127.0.0.1', resolve));
  assert.strictEqual(twin.address().port, port);
  await Promise.all([close(socket), close(twin)]);
});

test('createSocket(type, listener) listens for messages; close emits close once', async () => {
  const messages = [];
  const server = dgram.createSocket('udp4', (msg) => messages.push(msg.toString()));
  server.bind(0, '127.0.0.1');
  await once(server, 'listening');
  const client = dgram.createSocket('udp4');
  client.send('hi', server.address().port, '127.0.0.1');
  await once(server, 'message');
  assert.deepStrictEqual(messages, ['hi']);
  let closes = 0;
  server.on('close', () => closes++);
  server.close();
  assert.throws(() => server.close(), { code: 'ERR_SOCKET_DGRAM_NOT_RUNNING' });
  await once(server, 'close');
  assert.strictEqual(closes, 1);
  await close(client);
});
