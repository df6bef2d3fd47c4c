'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const {
  Worker, isMainThread, threadId, parentPort, workerData, SHARE_ENV, MessageChannel,
  getEnvironmentData, setEnvironmentData, resourceLimits,
} = require('node:worker_threads');
const { once } = require('node:events');

const echo = path.join(__dirname, 'fixtures', 'echo.js');

// A worker's last message and its 'exit' can come in the same turn: listen
// for both from the start.
function start(filename, options) {
  const w = new Worker(filename, options);
  w.exited = once(w, 'exit');
  return w;
}

test('the main thread', () => {
  assert.strictEqual(isMainThread, true);
  assert.strictEqual(threadId, 0);
  assert.strictEqual(parentPort, null);
  assert.strictEqual(workerData, null);
  assert.deepStrictEqual(resourceLimits, {});
});

test('a worker from a file: online, messages both ways, exit 0', async () => {
  const events = [];
  const w = new Worker(echo, { workerData: { n: 1 }, argv: ['a', 2] });
  assert.ok(w.threadId > 0);
  const id = w.threadId;
  w.on('online', () => events.push('online'));
  w.postMessage('hi');
  const [reply] = await once(w, 'message');
  assert.deepStrictEqual(reply, {
    m: 'hi', workerData: { n: 1 }, threadId: id, isMainThread: false, argv: ['a', '2'], file: echo,
  });
  assert.deepStrictEqual(events, ['online']);
  w.postMessage('close');
  const [code] = await once(w, 'exit');
  assert.strictEqual(code, 0);
  assert.strictEqual(w.threadId, -1);
});

test('a worker from a relative path, a file: URL and eval; thread ids grow', async () => {
  const rel = './' + path.relative(process.cwd(), echo);
  const ids = [];
  for (const [filename, options] of [[rel, {}], [pathToFileURL(echo), {}], [`
      require('node:worker_threads').parentPort.postMessage({ file: __filename, argv: process.argv.slice(1) });
    `, { eval: true, argv: ['x'] }]]) {
    const w = new Worker(filename, options);
    ids.push(w.threadId);
    if (!options.eval) w.postMessage('hi');
    const [reply] = await once(w, 'message');
    if (options.eval) {
      assert.deepStrictEqual(reply, { file: '[worker eval]', argv: ['[worker eval]', 'x'] });
    } else {
      assert.strictEqual(reply.file, echo);
    }
    await w.terminate();
  }
  assert.ok(ids[0] < ids[1] && ids[1] < ids[2]);
});

test('an ES module worker', async () => {
  const w = start(path.join(__dirname, 'fixtures', 'module.mjs'), { workerData: 'esm' });
  const [reply] = await once(w, 'message');
  assert.deepStrictEqual(reply, { esm: true, workerData: 'esm', url: true });
  await w.exited;
});

test('a data: URL is run as an ES module', async () => {
  const src = 'import { parentPort, workerData } from "node:worker_threads"; parentPort.postMessage(workerData + 1);';
  const w = start(new URL(`data:text/javascript,${encodeURIComponent(src)}`), { workerData: 41 });
  const [reply] = await once(w, 'message');
  assert.strictEqual(reply, 42);
  assert.deepStrictEqual(await w.exited, [0]);
});

test("a worker's signal listener does not change what signals do to the process", () => {
  const { spawnSync } = require('node:child_process');
  const r = spawnSync(process.execPath, ['-e', `
    const { Worker } = require('worker_threads');
    const w = new Worker("process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); require('worker_threads').parentPort.postMessage(1)", { eval: true });
    w.on('message', () => process.kill(process.pid, 'SIGTERM'));
  `], { timeout: 20000 });
  assert.strictEqual(r.signal, 'SIGTERM');
});

test('constructor arguments are checked', () => {
  assert.throws(() => new Worker('echo.js'), { code: 'ERR_WORKER_PATH' });
  assert.throws(() => new Worker(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new Worker(new URL('http://example.com/a.js')), { code: 'ERR_INVALID_URL_SCHEME' });
  assert.throws(() => new Worker({}, { eval: true }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => new Worker(echo, { argv: 5 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new Worker(echo, { execArgv: 5 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new Worker(echo, { env: 5 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new Worker(echo, { workerData: () => {} }), { name: 'DataCloneError' });
});

test('env: a copy by default, an object, or SHARE_ENV', async () => {
  const run = async (src, options) => {
    const w = start(src, { eval: true, ...options });
    const [reply] = await once(w, 'message');
    await w.exited;
    return reply;
  };
  process.env.WORKER_TEST_COPY = 'parent';
  const copy = await run(`
    const { parentPort } = require('worker_threads');
    const seen = process.env.WORKER_TEST_COPY;
    process.env.WORKER_TEST_COPY = 'changed in worker';
    parentPort.postMessage(seen);
  `);
  assert.strictEqual(copy, 'parent');
  assert.strictEqual(process.env.WORKER_TEST_COPY, 'parent');
  const own = await run(`require('worker_threads').parentPort.postMessage(
    [process.env.ONLY, process.env.WORKER_TEST_COPY, typeof process.env.NUM])`, { env: { ONLY: 'yes', NUM: 1 } });
  assert.deepStrictEqual(own, ['yes', undefined, 'string']);
  const shared = await run(`
    process.env.WORKER_TEST_SHARED = 'from worker';
    require('worker_threads').parentPort.postMessage(process.env.WORKER_TEST_COPY);
  `, { env: SHARE_ENV });
  assert.strictEqual(shared, 'parent');
  assert.strictEqual(process.env.WORKER_TEST_SHARED, 'from worker');
});

test('transferList in the options moves ports and buffers into workerData', async () => {
  const { port1, port2 } = new MessageChannel();
  const ab = new ArrayBuffer(16);
  const w = start(`
    const { workerData } = require('worker_threads');
    workerData.port.postMessage(workerData.ab.byteLength);
    workerData.port.close();
  `, { eval: true, workerData: { port: port2, ab }, transferList: [port2, ab] });
  assert.strictEqual(ab.byteLength, 0);
  const [len] = await once(port1, 'message');
  assert.strictEqual(len, 16);
  port1.close();
  await w.exited;
});

test('environment data is cloned into new workers', async () => {
  setEnvironmentData('shard-test-key', { v: 1 });
  assert.deepStrictEqual(getEnvironmentData('shard-test-key'), { v: 1 });
  const w = start(`
    const { getEnvironmentData, parentPort } = require('worker_threads');
    parentPort.postMessage(getEnvironmentData('shard-test-key'));
  `, { eval: true });
  setEnvironmentData('shard-test-key', undefined);
  assert.strictEqual(getEnvironmentData('shard-test-key'), undefined);
  const [reply] = await once(w, 'message');
  assert.deepStrictEqual(reply, { v: 1 });
  await w.exited;
});

test('stdout and stderr: piped to the parent, or readable with stdout: true', async () => {
  const w = new Worker(`
    console.log('line one');
    process.stdout.write('two');
    console.error('to stderr');
  `, { eval: true, stdout: true, stderr: true });
  let out = '';
  let err = '';
  w.stdout.setEncoding('utf8').on('data', (c) => { out += c; });
  w.stderr.setEncoding('utf8').on('data', (c) => { err += c; });
  await once(w, 'exit');
  await new Promise((resolve) => setImmediate(resolve));
  assert.strictEqual(out, 'line one\ntwo');
  assert.strictEqual(err, 'to stderr\n');
});

test('stdin: true gives the worker a process.stdin fed by worker.stdin', async () => {
  const w = start(`
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => { data += c; });
    process.stdin.on('end', () => require('worker_threads').parentPort.postMessage(data));
  `, { eval: true, stdin: true });
  w.stdin.write('hello ');
  w.stdin.end('world');
  const [reply] = await once(w, 'message');
  assert.strictEqual(reply, 'hello world');
  await w.exited;
});

test('unref lets the process end while a worker runs; ref keeps it', async () => {
  const { spawnSync } = require('node:child_process');
  const script = (ref) => `
    const { Worker } = require('worker_threads');
    const w = new Worker('setInterval(() => {}, 1000)', { eval: true });
    w.unref();
    ${ref ? 'w.ref(); setTimeout(() => { console.log("terminating"); w.terminate(); }, 200);' : ''}
    console.log('main done');
  `;
  const un = spawnSync(process.execPath, ['-e', script(false)], { encoding: 'utf8', timeout: 20000 });
  assert.strictEqual(un.status, 0);
  assert.strictEqual(un.stdout, 'main done\n');
  const re = spawnSync(process.execPath, ['-e', script(true)], { encoding: 'utf8', timeout: 20000 });
  assert.strictEqual(re.status, 0);
  assert.strictEqual(re.stdout, 'main done\nterminating\n');
});

test('resourceLimits are reported', async () => {
  const w = start(`require('worker_threads').parentPort.postMessage(require('worker_threads').resourceLimits)`, {
    eval: true, resourceLimits: { maxOldGenerationSizeMb: 64, stackSizeMb: 2 },
  });
  assert.strictEqual(w.resourceLimits.maxOldGenerationSizeMb, 64);
  assert.strictEqual(w.resourceLimits.stackSizeMb, 2);
  const [inside] = await once(w, 'message');
  assert.strictEqual(inside.maxOldGenerationSizeMb, 64);
  await w.exited;
  assert.deepStrictEqual(w.resourceLimits, {});
});
