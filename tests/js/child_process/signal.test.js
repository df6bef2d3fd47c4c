'use strict';
// A child ended by a signal: from kill(), from the child itself, from a
// spawn timeout, and kill() after the end.
const test = require('node:test');
const assert = require('node:assert');
const cp = require('node:child_process');
const { once } = require('node:events');

test('kill() ends the child with SIGTERM by default', async () => {
  const child = cp.spawn('sleep', ['30']);
  await once(child, 'spawn');
  assert.strictEqual(child.kill(), true);
  assert.strictEqual(child.killed, true);
  const [code, signal] = await once(child, 'exit');
  assert.strictEqual(code, null);
  assert.strictEqual(signal, 'SIGTERM');
  assert.strictEqual(child.signalCode, 'SIGTERM');
  assert.strictEqual(child.exitCode, null);
  // Gone: nothing to signal any more.
  assert.strictEqual(child.kill('SIGKILL'), false);
});

test('kill() takes names and numbers; unknown names throw', async () => {
  const child = cp.spawn('sleep', ['30']);
  assert.throws(() => child.kill('SIGNOPE'), { code: 'ERR_UNKNOWN_SIGNAL' });
  assert.strictEqual(child.kill(0), true); // signal 0: only checks it is there
  assert.strictEqual(child.kill(9), true);
  const [, signal] = await once(child, 'exit');
  assert.strictEqual(signal, 'SIGKILL');
});

test('a child that kills itself reports its signal', async () => {
  const child = cp.spawn('sh', ['-c', 'kill -USR1 $$; sleep 5']);
  const [code, signal] = await once(child, 'close');
  assert.strictEqual(code, null);
  assert.strictEqual(signal, 'SIGUSR1');
});

test('children start with default signal handling (SIGPIPE, SIGINT)', async () => {
  // shard blocks and ignores signals in itself; a child must not inherit that.
  const child = cp.spawn('sh', ['-c', 'yes | head -c 10 >/dev/null; grep -E "^Sig(Blk|Ign)" /proc/self/status']);
  const chunks = [];
  child.stdout.on('data', (c) => chunks.push(c));
  await once(child, 'close');
  const lines = Buffer.concat(chunks).toString().trim().split('\n');
  const blocked = lines.find((l) => l.startsWith('SigBlk'));
  assert.match(blocked, /^SigBlk:\s+0+$/);
});

test('spawn timeout sends killSignal', async () => {
  const child = cp.spawn('sleep', ['30'], { timeout: 30, killSignal: 'SIGINT' });
  const [code, signal] = await once(child, 'exit');
  assert.strictEqual(code, null);
  assert.strictEqual(signal, 'SIGINT');
});

test('an AbortSignal kills the child and emits an AbortError', async () => {
  const ac = new AbortController();
  const child = cp.spawn('sleep', ['30'], { signal: ac.signal });
  const error = once(child, 'error');
  ac.abort();
  const [err] = await error;
  assert.strictEqual(err.name, 'AbortError');
  const [, signal] = await once(child, 'exit');
  assert.strictEqual(signal, 'SIGTERM');
});
