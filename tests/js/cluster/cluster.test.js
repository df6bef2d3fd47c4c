'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const http = require('node:http');
const cluster = require('node:cluster');
const { once } = require('node:events');

cluster.setupPrimary({ exec: path.join(__dirname, 'fixtures', 'server.js'), silent: false });

function get(port) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

async function forkReady() {
  const worker = cluster.fork();
  const [msg] = await once(worker, 'message');
  assert.strictEqual(msg.ready, true);
  return { worker, port: msg.port, msg };
}

test('the primary', () => {
  assert.strictEqual(cluster.isPrimary, true);
  assert.strictEqual(cluster.isMaster, true);
  assert.strictEqual(cluster.isWorker, false);
  assert.strictEqual(typeof cluster.fork, 'function');
  assert.strictEqual(cluster.SCHED_RR, 2);
  assert.strictEqual(cluster.SCHED_NONE, 1);
});

test('forked workers share the port and both answer; messages go both ways', async () => {
  const events = [];
  const onFork = (w) => events.push(['fork', w.id]);
  const onOnline = (w) => events.push(['online', w.id]);
  cluster.on('fork', onFork);
  cluster.on('online', onOnline);
  const a = await forkReady();
  const b = await forkReady();
  assert.strictEqual(a.msg.isWorker, true);
  assert.strictEqual(a.msg.isPrimary, false);
  assert.strictEqual(a.port, b.port);
  assert.strictEqual(cluster.workers[a.worker.id], a.worker);
  assert.ok(events.some((e) => e[0] === 'fork' && e[1] === a.worker.id));
  assert.ok(events.some((e) => e[0] === 'online' && e[1] === b.worker.id));

  const seen = new Set();
  for (let i = 0; i < 200 && seen.size < 2; i++) seen.add(await get(a.port));
  assert.deepStrictEqual([...seen].sort(), [String(a.worker.id), String(b.worker.id)].sort());

  const viaCluster = once(cluster, 'message');
  a.worker.send({ cmd: 'echo', value: [1, { x: 2 }] });
  const [reply] = await once(a.worker, 'message');
  assert.deepStrictEqual(reply, { echo: [1, { x: 2 }], id: a.worker.id });
  const [w, m] = await viaCluster;
  assert.strictEqual(w, a.worker);
  assert.deepStrictEqual(m, reply);

  // A disconnect closes the worker's server and channel: it ends by itself.
  const disconnected = once(b.worker, 'disconnect');
  const exitedB = once(b.worker, 'exit');
  b.worker.disconnect();
  await disconnected;
  assert.deepStrictEqual(await exitedB, [0, null]);
  assert.strictEqual(b.worker.exitedAfterDisconnect, true);
  assert.strictEqual(b.worker.isDead(), true);
  assert.strictEqual(cluster.workers[b.worker.id], undefined);
  // The other copy still serves the port.
  assert.strictEqual(await get(a.port), String(a.worker.id));

  const exitedA = once(a.worker, 'exit');
  a.worker.send({ cmd: 'exit', code: 3 });
  assert.deepStrictEqual(await exitedA, [3, null]);
  assert.strictEqual(a.worker.exitedAfterDisconnect, false);
  cluster.off('fork', onFork);
  cluster.off('online', onOnline);
});

test('kill() ends a worker with SIGTERM; an uncaught error ends it with code 1', async () => {
  const a = await forkReady();
  const exitedA = once(cluster, 'exit');
  a.worker.kill();
  const [w, code, signal] = await exitedA;
  assert.strictEqual(w, a.worker);
  assert.strictEqual(code, null);
  assert.strictEqual(signal, 'SIGTERM');

  const b = await forkReady();
  const exitedB = once(b.worker, 'exit');
  b.worker.send({ cmd: 'throw' });
  assert.deepStrictEqual(await exitedB, [1, null]);

  // An 'uncaughtException' listener that throws: code 7, as a Node process.
  const c = await forkReady();
  const exitedC = once(c.worker, 'exit');
  c.worker.send({ cmd: 'throw-in-listener' });
  assert.deepStrictEqual(await exitedC, [7, null]);
});

test('a worker that disconnects itself', async () => {
  const a = await forkReady();
  const events = [];
  a.worker.on('disconnect', () => events.push('disconnect'));
  const exited = once(a.worker, 'exit');
  a.worker.send({ cmd: 'disconnect' });
  const [code] = await exited;
  events.push('exit');
  assert.strictEqual(code, 0);
  assert.deepStrictEqual(events, ['disconnect', 'exit']);
  assert.strictEqual(a.worker.exitedAfterDisconnect, true);
  assert.strictEqual(a.worker.send('late', (err) => assert.ok(err)), false);
});

test('cluster.disconnect() ends every worker', async () => {
  const workers = [await forkReady(), await forkReady()];
  const exits = workers.map(({ worker }) => once(worker, 'exit'));
  await new Promise((resolve) => cluster.disconnect(resolve));
  assert.deepStrictEqual(await Promise.all(exits), [[0, null], [0, null]]);
  assert.deepStrictEqual(Object.keys(cluster.workers), []);
});
