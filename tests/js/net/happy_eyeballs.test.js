'use strict';
// net.connect with autoSelectFamily (happy eyeballs): a name's addresses are
// tried in turn, families alternating, until one connects; the events and
// the AggregateError of Node 20+.
const { test } = require('node:test');
const assert = require('node:assert');
const net = require('node:net');
const dns = require('node:dns');
const { spawn, spawnSync } = require('node:child_process');

function listen(host) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((c) => c.end('hi'));
    server.on('error', reject);
    server.listen(0, host, () => resolve(server));
  });
}

async function closedPort() {
  const s = await listen('127.0.0.1');
  const port = s.address().port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

// A lookup that answers later with a fixed list, as a resolver would.
function lookupOf(list) {
  return (host, opts, cb) => setImmediate(() => {
    if (opts.all) cb(null, list);
    else cb(null, list[0].address, list[0].family);
  });
}

const v4 = { address: '127.0.0.1', family: 4 };
const v6 = { address: '::1', family: 6 };

// Connects and records the events; resolves with { events, socket, error }.
function trace(options) {
  return new Promise((resolve) => {
    const events = [];
    const socket = net.connect(options);
    const port = String(options.port);
    const text = (a) => String(a).replace(port, 'P');
    socket.on('lookup', (err, address, family) => events.push(`lookup ${address} ${family}`));
    socket.on('connectionAttempt', (address, p, family) => events.push(`attempt ${address} ${text(p)} ${family}`));
    socket.on('connectionAttemptFailed', (address, p, family, err) => events.push(`failed ${address} ${family} ${err.code}`));
    socket.on('connectionAttemptTimeout', (address, p, family) => events.push(`timeout ${address} ${family}`));
    socket.on('connect', () => {
      events.push('connect');
      socket.resume();
      socket.end();
    });
    let error = null;
    socket.on('error', (err) => {
      error = err;
      events.push(`error ${err.name} ${err.code}`);
    });
    socket.on('close', () => resolve({ events, socket, error }));
  });
}

const hasIPv6 = (() => {
  try {
    return require('node:os').networkInterfaces().lo?.some((a) => a.family === 'IPv6') ?? false;
  } catch {
    return false;
  }
})();

test('the defaults', () => {
  assert.strictEqual(net.getDefaultAutoSelectFamily(), true);
  assert.strictEqual(net.getDefaultAutoSelectFamilyAttemptTimeout(), 250);
  assert.throws(() => net.connect({ port: 1, autoSelectFamily: 'yes' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => net.connect({ port: 1, autoSelectFamilyAttemptTimeout: 0 }), { code: 'ERR_OUT_OF_RANGE' });
});

test('an IPv6 address that refuses, then IPv4 that listens', { skip: !hasIPv6 }, async () => {
  const server = await listen('127.0.0.1');
  const port = server.address().port;
  const { events, socket, error } = await trace({ host: 'both.test', port, lookup: lookupOf([v6, v4]) });
  server.close();
  assert.strictEqual(error, null);
  assert.deepStrictEqual(events, [
    'lookup ::1 6', 'lookup 127.0.0.1 4',
    'attempt ::1 P 6', 'failed ::1 6 ECONNREFUSED',
    'attempt 127.0.0.1 P 4', 'connect',
  ]);
  assert.deepStrictEqual(socket.autoSelectFamilyAttemptedAddresses, [`::1:${port}`, `127.0.0.1:${port}`]);
});

test('"localhost" works whether it is 127.0.0.1 or ::1 first', { skip: !hasIPv6 }, async () => {
  for (const [listenOn, order] of [['::1', [v4, v6]], ['127.0.0.1', [v6, v4]], ['::1', [v6, v4]], ['127.0.0.1', [v4, v6]]]) {
    const server = await listen(listenOn);
    const got = await new Promise((resolve, reject) => {
      const socket = net.connect({ host: 'localhost', port: server.address().port, lookup: lookupOf(order) });
      let data = '';
      socket.on('data', (c) => { data += c; });
      socket.on('end', () => resolve([data, socket.remoteAddress]));
      socket.on('error', reject);
    });
    server.close();
    assert.deepStrictEqual(got, ['hi', listenOn]);
  }
});

test('"localhost" through the system resolver', async () => {
  const { address } = await dns.promises.lookup('localhost');
  const server = await listen(address);
  const data = await new Promise((resolve, reject) => {
    const socket = net.connect({ host: 'localhost', port: server.address().port });
    let text = '';
    socket.on('data', (c) => { text += c; });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  server.close();
  assert.strictEqual(data, 'hi');
});

test('families alternate, each address once; all failing gives an AggregateError', async () => {
  const port = await closedPort();
  const list = [v4, { address: '127.0.0.2', family: 4 }, v6, v6];
  const { events, socket, error } = await trace({ host: 'many.test', port, lookup: lookupOf(list) });
  const attempts = events.filter((e) => e.startsWith('attempt')).map((e) => e.split(' ')[1]);
  assert.deepStrictEqual(attempts, ['127.0.0.1', '::1', '127.0.0.2']);
  assert.strictEqual(events.filter((e) => e.startsWith('lookup')).length, 4);
  assert.ok(error instanceof AggregateError);
  assert.strictEqual(error.code, 'ECONNREFUSED');
  assert.deepStrictEqual(error.errors.map((e) => [e.code, e.address, e.port]),
    [['ECONNREFUSED', '127.0.0.1', port], ['ECONNREFUSED', '::1', port], ['ECONNREFUSED', '127.0.0.2', port]]);
  assert.strictEqual(events.at(-1), 'error AggregateError ECONNREFUSED');
  assert.strictEqual(socket.autoSelectFamilyAttemptedAddresses.length, 3);
});

test('autoSelectFamily: false tries only the first address', async () => {
  const server = await listen('127.0.0.1');
  const port = server.address().port;
  const { events, error } = await trace({ host: 'x.test', port, autoSelectFamily: false, lookup: lookupOf([v6, v4]) });
  server.close();
  assert.strictEqual(error.code, 'ECONNREFUSED');
  assert.strictEqual(error.address, '::1');
  assert.deepStrictEqual(events, ['lookup ::1 6', 'attempt ::1 P 6', 'failed ::1 6 ECONNREFUSED', 'error Error ECONNREFUSED']);
});

test('one address, a forced family, an IP literal: a plain connect', async () => {
  const server = await listen('127.0.0.1');
  const port = server.address().port;
  const one = await trace({ host: 'x.test', port, lookup: lookupOf([v4]) });
  assert.deepStrictEqual(one.events, ['lookup 127.0.0.1 4', 'attempt 127.0.0.1 P 4', 'connect']);
  assert.strictEqual(one.socket.autoSelectFamilyAttemptedAddresses, undefined);
  const forced = await trace({ host: 'x.test', port, family: 4, lookup: lookupOf([v4, v6]) });
  assert.deepStrictEqual(forced.events, ['lookup 127.0.0.1 4', 'attempt 127.0.0.1 P 4', 'connect']);
  const literal = await trace({ host: '127.0.0.1', port });
  assert.deepStrictEqual(literal.events, ['attempt 127.0.0.1 P 4', 'connect']);
  server.close();
});

// A listener that never accepts, its one-slot backlog full: connects to it
// hang, which is what an unreachable address does.
const python = spawnSync('python3', ['-c', 'pass']).status === 0;
test('an attempt that hangs times out and the next address wins', { skip: !python && 'needs python3' }, async () => {
  const child = spawn('python3', ['-c', [
    'import socket, sys, time',
    's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(0)',
    'print(s.getsockname()[1], flush=True)',
    'time.sleep(60)',
  ].join('\n')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const hangPort = Number(await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d)))));
  // Fill the backlog.
  const fillers = [];
  for (let i = 0; i < 3; i++) fillers.push(net.connect(hangPort, '127.0.0.1').on('error', () => {}));
  await new Promise((resolve) => setTimeout(resolve, 200));
  // Forward the good address's connections: a server on another port.
  const server = await listen('127.0.0.1');
  try {
    const lookup = (host, opts, cb) => setImmediate(() => cb(null, [
      { address: '127.0.0.1', family: 4 }, { address: '127.0.0.2', family: 4 }]));
    // Both addresses share the port: 127.0.0.1 hangs (the full listener),
    // 127.0.0.2 answers through a listener of its own on the same port.
    const good = await new Promise((resolve, reject) => {
      const s = net.createServer((c) => c.end('hi'));
      s.on('error', reject);
      s.listen(hangPort, '127.0.0.2', () => resolve(s));
    });
    const { events, error, socket } = await trace({ host: 'slow.test', port: hangPort, lookup, autoSelectFamilyAttemptTimeout: 100 });
    good.close();
    assert.strictEqual(error, null);
    assert.deepStrictEqual(events, ['lookup 127.0.0.1 4', 'lookup 127.0.0.2 4',
      'attempt 127.0.0.1 P 4', 'timeout 127.0.0.1 4', 'attempt 127.0.0.2 P 4', 'connect']);
    assert.deepStrictEqual(socket.autoSelectFamilyAttemptedAddresses,
      [`127.0.0.1:${hangPort}`, `127.0.0.2:${hangPort}`]);
  } finally {
    server.close();
    for (const f of fillers) f.destroy();
    child.kill();
  }
});
