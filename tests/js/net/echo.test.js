'use strict';
// net: a TCP echo over loopback, half-open ends, addresses, byte counts,
// backpressure with a large payload, and the errors Node gives.
const test = require('node:test');
const assert = require('node:assert');
const net = require('node:net');
const { once } = require('node:events');

function listen(server, ...args) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(...args, () => resolve(server.address()));
  });
}

test('echo server and client exchange data and close in order', async () => {
  const events = [];
  const server = net.createServer((sock) => {
    sock.on('data', (d) => sock.write(d));
    sock.on('end', () => { events.push('server end'); sock.end(); });
    sock.on('close', () => events.push('server close'));
  });
  const { port, address, family } = await listen(server, 0, '127.0.0.1');
  assert.strictEqual(address, '127.0.0.1');
  assert.strictEqual(family, 'IPv4');
  assert.ok(port > 0);
  const client = net.connect(port, '127.0.0.1');
  await once(client, 'connect');
  assert.strictEqual(client.remotePort, port);
  assert.strictEqual(client.remoteAddress, '127.0.0.1');
  assert.strictEqual(client.remoteFamily, 'IPv4');
  assert.strictEqual(typeof client.localPort, 'number');
  client.write('hello ');
  client.end('world');
  const chunks = [];
  client.on('data', (d) => chunks.push(d));
  await once(client, 'end');
  events.push('client end');
  const [hadError] = await once(client, 'close');
  assert.strictEqual(hadError, false);
  assert.strictEqual(Buffer.concat(chunks).toString(), 'hello world');
  assert.strictEqual(client.bytesWritten, 11);
  assert.strictEqual(client.bytesRead, 11);
  server.close();
  await once(server, 'close');
  assert.ok(events.includes('server end'));
});

test('large payload with backpressure arrives intact', async () => {
  const size = 8 * 1024 * 1024;
  const payload = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4096) payload[i] = (i / 4096) & 0xff;
  const server = net.createServer((sock) => {
    // The server answers with the byte count and a checksum.
    let n = 0;
    let sum = 0;
    sock.on('data', (d) => {
      n += d.length;
      for (let i = 0; i < d.length; i += 997) sum = (sum + d[i]) >>> 0;
    });
    sock.on('end', () => sock.end(JSON.stringify({ n })));
  });
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.connect(port, '127.0.0.1');
  let drains = 0;
  let offset = 0;
  const chunk = 64 * 1024;
  await once(client, 'connect');
  await new Promise((resolve) => {
    function write() {
      while (offset < size) {
        const ok = client.write(payload.subarray(offset, offset + chunk));
        offset += chunk;
        if (!ok) {
          drains++;
          client.once('drain', write);
          return;
        }
      }
      client.end();
      resolve();
    }
    write();
  });
  let reply = '';
  client.setEncoding('utf8');
  client.on('data', (d) => { reply += d; });
  await once(client, 'close');
  assert.deepStrictEqual(JSON.parse(reply), { n: size });
  assert.ok(drains > 0, 'write() returned false at least once');
  server.close();
});

test('connecting to a closed port fails with ECONNREFUSED', async () => {
  const server = net.createServer();
  const { port } = await listen(server, 0, '127.0.0.1');
  await new Promise((r) => server.close(r));
  const client = net.connect(port, '127.0.0.1');
  const [err] = await once(client, 'error');
  assert.strictEqual(err.code, 'ECONNREFUSED');
  assert.strictEqual(err.syscall, 'connect');
  assert.strictEqual(err.address, '127.0.0.1');
  assert.strictEqual(err.port, port);
  assert.strictEqual(err.message, `connect ECONNREFUSED 127.0.0.1:${port}`);
});

test('listening twice on one port gives EADDRINUSE', async () => {
  const a = net.createServer();
  const { port } = await listen(a, 0, '127.0.0.1');
  const b = net.createServer();
  await assert.rejects(listen(b, port, '127.0.0.1'), (err) => {
    assert.strictEqual(err.code, 'EADDRINUSE');
    assert.strictEqual(err.syscall, 'listen');
    assert.strictEqual(err.message, `listen EADDRINUSE: address already in use 127.0.0.1:${port}`);
    return true;
  });
  a.close();
});

test('unix socket server and client', async () => {
  const path = require('node:path').join(require('node:os').tmpdir(), `shard-net-${process.pid}.sock`);
  const server = net.createServer((sock) => sock.end('over unix'));
  await listen(server, path);
  assert.strictEqual(server.address(), path);
  const client = net.connect(path);
  let got = '';
  client.on('data', (d) => { got += d; });
  await once(client, 'end');
  assert.strictEqual(got, 'over unix');
  server.close();
  await once(server, 'close');
});

test('socket timeout fires on an idle connection', async () => {
  const server = net.createServer(() => {});
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.connect(port, '127.0.0.1');
  client.setTimeout(50);
  await once(client, 'timeout');
  client.destroy();
  server.close();
});

test('net.isIP and friends', () => {
  assert.strictEqual(net.isIP('127.0.0.1'), 4);
  assert.strictEqual(net.isIP('::1'), 6);
  assert.strictEqual(net.isIP('fe80::1%eth0'), 6);
  assert.strictEqual(net.isIP('1.2.3'), 0);
  assert.strictEqual(net.isIPv4('255.255.255.255'), true);
  assert.strictEqual(net.isIPv6('1:2:3:4:5:6:7:8'), true);
  assert.strictEqual(net.isIPv6('1:2:3:4:5:6:7:8:9'), false);
});

test('bad arguments throw Node errors', () => {
  assert.throws(() => net.connect({ port: -1 }), { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(() => net.createServer().listen({ port: 70000 }), { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(() => new net.Socket().setTimeout('x'), { code: 'ERR_INVALID_ARG_TYPE' });
});
