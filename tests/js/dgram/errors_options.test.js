'use strict';
// node:dgram errors and socket options, as Node reports them.
const { test } = require('node:test');
const assert = require('node:assert');
const dgram = require('node:dgram');
const { once } = require('node:events');

function close(socket) {
  return new Promise((resolve) => socket.close(resolve));
}

test('bad arguments', () => {
  assert.throws(() => dgram.createSocket('udp5'), { code: 'ERR_SOCKET_BAD_TYPE', name: 'TypeError' });
  assert.throws(() => dgram.createSocket({ type: 'tcp' }), { code: 'ERR_SOCKET_BAD_TYPE' });
  const s = dgram.createSocket('udp4');
  assert.throws(() => s.send('x', 0, 'localhost'), { code: 'ERR_SOCKET_BAD_PORT', name: 'RangeError' });
  assert.throws(() => s.send('x', 70000), { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(() => s.send(5, 1234), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => s.send([5], 1234), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => s.addMembership(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => s.setTTL('x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => s.setRecvBufferSize(-1), { code: 'ERR_SOCKET_BAD_BUFFER_SIZE' });
  assert.throws(() => s.connect(0), { code: 'ERR_SOCKET_BAD_PORT' });
  s.close();
});

test('what needs a bound socket says so', () => {
  const s = dgram.createSocket('udp4');
  assert.throws(() => s.address(), { code: 'EBADF', syscall: 'getsockname' });
  assert.throws(() => s.remoteAddress(), { code: 'ERR_SOCKET_DGRAM_NOT_CONNECTED' });
  assert.throws(() => s.disconnect(), { code: 'ERR_SOCKET_DGRAM_NOT_CONNECTED' });
  assert.throws(() => s.setBroadcast(true), { code: 'EBADF', syscall: 'setBroadcast' });
  assert.throws(() => s.setTTL(1), { code: 'EBADF', syscall: 'setTTL' });
  assert.throws(() => s.getRecvBufferSize(), { code: 'ERR_SOCKET_BUFFER_SIZE', name: 'SystemError' });
  s.close();
  assert.throws(() => s.address(), { code: 'ERR_SOCKET_DGRAM_NOT_RUNNING' });
  assert.throws(() => s.send('x', 9), { code: 'ERR_SOCKET_DGRAM_NOT_RUNNING' });
  assert.throws(() => s.bind(0), { code: 'ERR_SOCKET_DGRAM_NOT_RUNNING' });
  assert.throws(() => s.close(), { code: 'ERR_SOCKET_DGRAM_NOT_RUNNING' });
});

test('options on a bound socket', async () => {
  const s = dgram.createSocket('udp4');
  await new Promise((resolve) => s.bind(0, '127.0.0.1', resolve));
  assert.throws(() => s.bind(0), { code: 'ERR_SOCKET_ALREADY_BOUND' });
  assert.strictEqual(s.setTTL(64), 64);
  assert.throws(() => s.setTTL(0), { code: 'EINVAL', syscall: 'setTTL' });
  assert.throws(() => s.setTTL(300), { code: 'EINVAL' });
  assert.strictEqual(s.setMulticastTTL(2), 2);
  assert.throws(() => s.setMulticastTTL(300), { code: 'EINVAL', syscall: 'setMulticastTTL' });
  assert.strictEqual(s.setBroadcast(true), undefined);
  assert.strictEqual(s.setMulticastLoopback(true), true);
  s.setRecvBufferSize(8192);
  // Linux doubles what it is given (room for its bookkeeping).
  assert.strictEqual(s.getRecvBufferSize(), 16384);
  s.setSendBufferSize(16384);
  assert.strictEqual(s.getSendBufferSize(), 32768);
  assert.throws(() => s.addMembership('1.2.3.4'), { code: 'EINVAL', syscall: 'addMembership' });
  assert.strictEqual(s.ref(), s);
  assert.strictEqual(s.unref(), s);
  assert.strictEqual(s.getSendQueueSize(), 0);
  assert.strictEqual(s.getSendQueueCount(), 0);
  await close(s);
});

test('multicast membership on the loopback interface', async (t) => {
  const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise((resolve) => s.bind(0, resolve));
  try {
    s.addMembership('224.0.0.114', '127.0.0.1');
  } catch (err) {
    await close(s);
    t.skip(`no multicast here: ${err.code}`);
    return;
  }
  s.setMulticastInterface('127.0.0.1');
  s.dropMembership('224.0.0.114', '127.0.0.1');
  assert.throws(() => s.dropMembership('224.0.0.114', '127.0.0.1'), { syscall: 'dropMembership' });
  await close(s);
});

test('a failed bind is an error event with the address', async () => {
  const s = dgram.createSocket('udp4');
  s.bind(0, '192.0.2.1'); // TEST-NET-1: no interface has it
  const [err] = await once(s, 'error');
  assert.strictEqual(err.code, 'EADDRNOTAVAIL');
  assert.strictEqual(err.syscall, 'bind');
  assert.strictEqual(err.address, '192.0.2.1');
  s.close();
});

test('a port taken without reuseAddr is EADDRINUSE', async () => {
  const a = dgram.createSocket('udp4');
  await new Promise((resolve) => a.bind(0, '127.0.0.1', resolve));
  const b = dgram.createSocket('udp4');
  b.bind(a.address().port, '127.0.0.1');
  const [err] = await once(b, 'error');
  assert.strictEqual(err.code, 'EADDRINUSE');
  b.close();
  await close(a);
});

test('a lookup failure goes to the send callback', async () => {
  const s = dgram.createSocket({
    type: 'udp4',
    lookup(host, options, cb) {
      if (host === 'nowhere.invalid') {
        const err = new Error('getaddrinfo ENOTFOUND nowhere.invalid');
        err.code = 'ENOTFOUND';
        process.nextTick(cb, err);
        return;
      }
      require('node:dns').lookup(host, options, cb);
    },
  });
  const err = await new Promise((resolve) => s.send('x', 9, 'nowhere.invalid', resolve));
  assert.strictEqual(err.code, 'ENOTFOUND');
  await close(s);
});

test('an unref\'d bound socket does not keep the process alive', async () => {
  const { spawnSync } = require('node:child_process');
  const script = `const s = require('dgram').createSocket('udp4');
    s.bind(0, '127.0.0.1', () => { s.unref(); console.log('bound'); });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20000 });
  assert.strictEqual(r.status, 0, r.stderr);
  assert.strictEqual(r.stdout.trim(), 'bound');
});

test('an AbortSignal closes the socket', async () => {
  const ac = new AbortController();
  const s = dgram.createSocket({ type: 'udp4', signal: ac.signal });
  await new Promise((resolve) => s.bind(0, '127.0.0.1', resolve));
  const closed = once(s, 'close');
  ac.abort();
  await closed;
  assert.throws(() => s.address(), { code: 'ERR_SOCKET_DGRAM_NOT_RUNNING' });
});

test('every core of --cores=2 binds the same port', { skip: !process.versions.shard && 'shard only' }, () => {
  const { spawnSync } = require('node:child_process');
  // A fixed port (a bind to 0 would give each core its own ephemeral one).
  const port = 40000 + (process.pid % 20000);
  const script = `const t = require('dgram').createSocket('udp4');
    t.bind(${port}, '127.0.0.1', () => {
      console.log('bound ' + t.address().port);
      t.close();
    });`;
  const r = spawnSync(process.execPath, ['--cores=2', '-e', script], { encoding: 'utf8', timeout: 20000 });
  assert.strictEqual(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').sort();
  assert.strictEqual(lines.length, 2, r.stdout + r.stderr);
  assert.strictEqual(lines[0], lines[1]);
});
