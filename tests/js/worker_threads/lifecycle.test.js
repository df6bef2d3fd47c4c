'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const { Worker } = require('node:worker_threads');
const { once } = require('node:events');

function openDescriptors() {
  return fs.readdirSync('/proc/self/fd').length;
}

test('1,000 workers started and ended in turn leak neither memory nor descriptors', async () => {
  const before = openDescriptors();
  let rssAt100 = 0;
  for (let i = 1; i <= 1000; i++) {
    const w = new Worker(`
      const { parentPort, workerData } = require('worker_threads');
      parentPort.postMessage(workerData * 2);
    `, { eval: true, workerData: i });
    const exited = once(w, 'exit');
    const [reply] = await once(w, 'message');
    assert.strictEqual(reply, i * 2);
    assert.deepStrictEqual(await exited, [0]);
    if (i === 100) rssAt100 = process.memoryUsage().rss;
  }
  const rssAt1000 = process.memoryUsage().rss;
  const grewMiB = (rssAt1000 - rssAt100) / (1024 * 1024);
  // AddressSanitizer holds freed memory in quarantine (256 MiB), so under
  // `make asan` the RSS bound says nothing (the descriptor count still does).
  if (!process.config.variables.asan) {
    assert.ok(grewMiB < 20, `RSS grew ${grewMiB.toFixed(1)} MiB between the 100th and the 1000th worker`);
  }
  assert.strictEqual(openDescriptors(), before);
});

test('workers started together all end', async () => {
  const workers = [];
  for (let i = 0; i < 16; i++) {
    workers.push(new Worker(`require('worker_threads').parentPort.postMessage(require('worker_threads').threadId)`, { eval: true }));
  }
  const ids = await Promise.all(workers.map((w) => once(w, 'message').then(([id]) => id)));
  assert.strictEqual(new Set(ids).size, 16);
  await Promise.all(workers.map((w) => w.terminate()));
});

test('a worker that starts workers ends them when it ends', async () => {
  const w = new Worker(`
    const { Worker, parentPort } = require('worker_threads');
    const inner = new Worker('setInterval(() => {}, 1000); require("worker_threads").parentPort.postMessage("up")', { eval: true });
    inner.on('message', () => parentPort.postMessage('inner up'));
  `, { eval: true });
  await once(w, 'message');
  // The inner worker keeps its parent alive until the parent is terminated.
  assert.strictEqual(await w.terminate(), 1);
});

test("a worker's sockets close when it ends, even those it left open", async () => {
  const net = require('node:net');
  const before = openDescriptors();
  const w = new Worker(`
    const net = require('net');
    const { parentPort } = require('worker_threads');
    const server = net.createServer(() => {}).listen(0, '127.0.0.1', () => {
      const client = net.connect(server.address().port, '127.0.0.1', () => {
        parentPort.postMessage(server.address().port);
        process.exit(0); // neither the server nor the connection is closed
      });
    });
  `, { eval: true });
  const exited = once(w, 'exit');
  const [port] = await once(w, 'message');
  assert.deepStrictEqual(await exited, [0]);
  let err = null;
  await new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1', () => c.destroy());
    c.on('error', (e) => { err = e; });
    c.on('close', resolve);
  });
  assert.strictEqual(err?.code, 'ECONNREFUSED');
  assert.strictEqual(openDescriptors(), before);
});
