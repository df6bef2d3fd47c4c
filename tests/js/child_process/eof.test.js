'use strict';
// The end of a child's output, and of a Unix socket's, always arrives: a
// multishot receive on an AF_UNIX socket could miss the peer's close now and
// then (a child's stdout stalled after its last bytes, once in 10-40 runs),
// so these repeat the exchange many times. A stall fails by the timeout.
const { test } = require('node:test');
const assert = require('node:assert');
const cp = require('node:child_process');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { once } = require('node:events');

test('stdout of 60 children, each read to its end', { timeout: 60000 }, async () => {
  for (let i = 0; i < 60; i++) {
    const child = cp.spawn('head', ['-c', String(1 << 20), '/dev/zero']);
    const closed = once(child, 'close');
    let received = 0;
    for await (const chunk of child.stdout) received += chunk.length;
    assert.strictEqual(received, 1 << 20);
    const [code] = await closed;
    assert.strictEqual(code, 0);
  }
});

test('200 Unix socket connections, each read to its end', { timeout: 60000 }, async () => {
  const file = path.join(process.env.TEST_WORK || os.tmpdir(), `eof-${process.pid}.sock`);
  const payload = Buffer.alloc(100000, 7);
  const server = net.createServer((socket) => socket.end(payload));
  server.listen(file);
  await once(server, 'listening');
  try {
    for (let i = 0; i < 200; i++) {
      const socket = net.connect(file);
      let received = 0;
      for await (const chunk of socket) received += chunk.length;
      assert.strictEqual(received, payload.length);
    }
  } finally {
    server.close();
  }
});
