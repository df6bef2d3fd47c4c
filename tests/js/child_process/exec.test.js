'use strict';
// child_process.exec and execFile: output, failures, maxBuffer exceeded,
// timeout killing the child, encodings and util.promisify.
const test = require('node:test');
const assert = require('node:assert');
const cp = require('node:child_process');
const util = require('node:util');

function run(fn, ...args) {
  return new Promise((resolve) => {
    const child = fn(...args, (err, stdout, stderr) => resolve({ err, stdout, stderr, child }));
  });
}

test('exec runs a command line and hands back stdout and stderr', async () => {
  const { err, stdout, stderr } = await run(cp.exec, 'echo hello; echo oops >&2');
  assert.strictEqual(err, null);
  assert.strictEqual(stdout, 'hello\n');
  assert.strictEqual(stderr, 'oops\n');
});

test('a failing command gives an error with code, killed, signal and cmd', async () => {
  const { err, stderr } = await run(cp.exec, 'echo bad >&2; exit 4');
  assert.strictEqual(err.code, 4);
  assert.strictEqual(err.killed, false);
  assert.strictEqual(err.signal, null);
  assert.strictEqual(err.cmd, 'echo bad >&2; exit 4');
  assert.strictEqual(err.message, 'Command failed: echo bad >&2; exit 4\nbad\n');
  assert.strictEqual(stderr, 'bad\n');
});

test('execFile with arguments, and a missing file', async () => {
  const ok = await run(cp.execFile, 'printf', ['%s-%s', 'a', 'b']);
  assert.strictEqual(ok.err, null);
  assert.strictEqual(ok.stdout, 'a-b');
  const missing = await run(cp.execFile, 'no-such-command-shard-test', ['x']);
  assert.strictEqual(missing.err.code, 'ENOENT');
  assert.strictEqual(missing.err.cmd, 'no-such-command-shard-test x');
});

test('maxBuffer exceeded kills the child and says so', async () => {
  const { err, stdout, child } = await run(cp.exec, 'yes | head -c 1000000', { maxBuffer: 1000 });
  assert.strictEqual(err.code, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER');
  assert.strictEqual(err.message, 'stdout maxBuffer length exceeded');
  assert.strictEqual(stdout.length, 1000);
  assert.strictEqual(child.killed, true);
});

test('maxBuffer applies to stderr too', async () => {
  const { err, stderr } = await run(cp.exec, 'yes >&2', { maxBuffer: 10 });
  assert.strictEqual(err.code, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER');
  assert.strictEqual(err.message, 'stderr maxBuffer length exceeded');
  assert.strictEqual(stderr.length, 10);
});

test('timeout kills the child with killSignal', async () => {
  const a = await run(cp.exec, 'sleep 30', { timeout: 50 });
  assert.strictEqual(a.err.killed, true);
  assert.strictEqual(a.err.signal, 'SIGTERM');
  assert.strictEqual(a.err.code, null);
  const b = await run(cp.execFile, 'sleep', ['30'], { timeout: 50, killSignal: 'SIGKILL' });
  assert.strictEqual(b.err.signal, 'SIGKILL');
});

test('encoding buffer gives Buffers', async () => {
  const { stdout, stderr } = await run(cp.exec, 'printf abc', { encoding: 'buffer' });
  assert.ok(Buffer.isBuffer(stdout));
  assert.ok(Buffer.isBuffer(stderr));
  assert.strictEqual(stdout.toString(), 'abc');
});

test('util.promisify(exec) resolves { stdout, stderr } and carries the child', async () => {
  const p = util.promisify(cp.exec)('echo promised');
  assert.ok(p.child instanceof cp.ChildProcess);
  assert.deepStrictEqual(await p, { stdout: 'promised\n', stderr: '' });
  await assert.rejects(util.promisify(cp.execFile)('sh', ['-c', 'echo o; exit 2']), (err) => {
    assert.strictEqual(err.code, 2);
    assert.strictEqual(err.stdout, 'o\n');
    return true;
  });
});

test('an aborted signal kills the child with an AbortError', async () => {
  const ac = new AbortController();
  const { err } = await new Promise((resolve) => {
    cp.exec('sleep 30', { signal: ac.signal }, (e) => resolve({ err: e }));
    setTimeout(() => ac.abort(), 20);
  });
  assert.strictEqual(err.name, 'AbortError');
  assert.strictEqual(err.code, 'ABORT_ERR');
});
