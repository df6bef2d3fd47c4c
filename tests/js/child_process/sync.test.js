'use strict';
// spawnSync, execSync and execFileSync: results, input, errors, timeout and
// maxBuffer, as Node reports them.
const test = require('node:test');
const assert = require('node:assert');
const cp = require('node:child_process');

test('spawnSync gives status, signal, output, pid, stdout and stderr', () => {
  const r = cp.spawnSync('sh', ['-c', 'echo hi; echo e >&2; exit 3']);
  assert.deepStrictEqual(Object.keys(r), ['status', 'signal', 'output', 'pid', 'stdout', 'stderr']);
  assert.strictEqual(r.status, 3);
  assert.strictEqual(r.signal, null);
  assert.strictEqual(r.output[0], null);
  assert.ok(Buffer.isBuffer(r.stdout));
  assert.strictEqual(r.stdout.toString(), 'hi\n');
  assert.strictEqual(r.stderr.toString(), 'e\n');
  assert.ok(r.pid > 0);
});

test('spawnSync of a missing command reports ENOENT without throwing', () => {
  const r = cp.spawnSync('no-such-command-shard-test', ['a']);
  assert.strictEqual(r.error.code, 'ENOENT');
  assert.strictEqual(r.error.syscall, 'spawnSync no-such-command-shard-test');
  assert.deepStrictEqual(r.error.spawnargs, ['a']);
  assert.strictEqual(r.status, null);
  assert.strictEqual(r.output, null);
  assert.strictEqual(r.pid, 0);
});

test('input feeds stdin; encoding decodes the output', () => {
  const r = cp.spawnSync('cat', { input: 'fed through stdin', encoding: 'utf8' });
  assert.strictEqual(r.stdout, 'fed through stdin');
  assert.strictEqual(cp.execFileSync('cat', { input: Buffer.from('buf') }).toString(), 'buf');
});

test('a large input and output pass through without deadlock', () => {
  const big = Buffer.alloc(4 * 1024 * 1024, 'x');
  const r = cp.spawnSync('cat', { input: big, maxBuffer: 16 * 1024 * 1024 });
  assert.strictEqual(r.status, 0);
  assert.strictEqual(r.stdout.length, big.length);
});

test('timeout kills the child: ETIMEDOUT and the signal', () => {
  const r = cp.spawnSync('sleep', ['30'], { timeout: 50 });
  assert.strictEqual(r.error.code, 'ETIMEDOUT');
  assert.strictEqual(r.signal, 'SIGTERM');
  assert.strictEqual(r.status, null);
});

test('maxBuffer exceeded: ENOBUFS', () => {
  const r = cp.spawnSync('sh', ['-c', 'yes | head -c 1000000'], { maxBuffer: 10 });
  assert.strictEqual(r.error.code, 'ENOBUFS');
});

test('execSync returns stdout and throws on failure with status and stderr', () => {
  assert.strictEqual(cp.execSync('echo sync').toString(), 'sync\n');
  assert.strictEqual(cp.execSync('echo utf', { encoding: 'utf8' }), 'utf\n');
  assert.throws(() => cp.execSync('echo why >&2; exit 3', { stdio: 'pipe' }), (err) => {
    assert.strictEqual(err.status, 3);
    assert.strictEqual(err.message, 'Command failed: echo why >&2; exit 3\nwhy\n');
    assert.strictEqual(err.stderr.toString(), 'why\n');
    return true;
  });
});

test('execFileSync throws the spawn error for a missing file', () => {
  assert.throws(() => cp.execFileSync('no-such-command-shard-test'), { code: 'ENOENT' });
});

test('sync forms cannot have an IPC channel', () => {
  assert.throws(() => cp.spawnSync('sh', { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] }), { code: 'ERR_IPC_SYNC_FORK' });
});
