'use strict';
// 64 MiB through pipes with backpressure: into cat's stdin and back out of
// its stdout, write() reporting a full queue and 'drain' following, the
// reader pausing and resuming, every byte arriving in order.
const test = require('node:test');
const assert = require('node:assert');
const cp = require('node:child_process');
const crypto = require('node:crypto');
const { once } = require('node:events');

const kTotal = 64 * 1024 * 1024;
const kChunk = 256 * 1024;

function pattern(index) {
  // A chunk whose bytes depend on its index, so reordering shows.
  const buf = Buffer.allocUnsafe(kChunk);
  for (let i = 0; i < kChunk; i += 4) buf.writeUInt32LE((index * kChunk + i) >>> 0, i);
  return buf;
}

test('64 MiB into cat and back out, with backpressure both ways', async () => {
  const child = cp.spawn('cat');
  const sent = crypto.createHash('sha256');
  const got = crypto.createHash('sha256');
  let received = 0;
  let pauses = 0;
  let fullWrites = 0;
  child.stdout.on('data', (chunk) => {
    received += chunk.length;
    got.update(chunk);
    // Now and then stop reading for a moment: cat must block, not lose.
    if (received % (8 * 1024 * 1024) < chunk.length) {
      pauses++;
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 20);
    }
  });
  const ended = once(child.stdout, 'end');
  for (let i = 0; i < kTotal / kChunk; i++) {
    const buf = pattern(i);
    sent.update(buf);
    if (!child.stdin.write(buf)) {
      fullWrites++;
      await once(child.stdin, 'drain');
    }
  }
  child.stdin.end();
  await ended;
  assert.strictEqual(received, kTotal);
  assert.strictEqual(got.digest('hex'), sent.digest('hex'));
  assert.ok(fullWrites > 0, 'write() never reported a full queue');
  assert.ok(pauses > 0);
  const [code] = await once(child, 'close');
  assert.strictEqual(code, 0);
});

test('64 MiB out of a child that writes as fast as it can', async () => {
  const child = cp.spawn('head', ['-c', String(kTotal), '/dev/zero']);
  let received = 0;
  let nonZero = false;
  for await (const chunk of child.stdout) {
    received += chunk.length;
    if (!nonZero && chunk.some((b) => b !== 0)) nonZero = true;
  }
  assert.strictEqual(received, kTotal);
  assert.strictEqual(nonZero, false);
  const [code] = await once(child, 'close');
  assert.strictEqual(code, 0);
});
