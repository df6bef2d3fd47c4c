'use strict';
// A thread that never waits (a chain of setImmediate keeps its loop turning)
// still takes its messages at once: senders wake only sleeping loops, so a
// busy loop must look at its inbox on every turn. Each side counts the turns
// of its chain between the sender's flag (set in shared memory right after
// postMessage returned) and the message: a message left in the inbox shows
// as thousands of turns.
const { test } = require('node:test');
const assert = require('node:assert');
const { Worker } = require('node:worker_threads');
const { once } = require('node:events');

const kMaxTurns = 50;

// Runs a setImmediate chain until the message comes; resolves with the turns
// between the flag (flags[index] === 1) and the message, -1 when the message
// came before the flag was seen.
const spinUntilMessage = `
function spinUntilMessage(target, flags, index, onSpinning) {
  return new Promise((resolve) => {
    let turns = 0;
    let seenAt = -1;
    let got = false;
    target.once('message', () => {
      got = true;
      resolve(seenAt < 0 ? -1 : turns - seenAt);
    });
    (function turn() {
      turns++;
      if (turns === 20) onSpinning();
      if (seenAt < 0 && Atomics.load(flags, index) === 1) seenAt = turns;
      if (!got) setImmediate(turn);
    })();
  });
}
`;

test('a worker busy with setImmediate receives a message within a few turns', async () => {
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(`${spinUntilMessage}
    const { parentPort, workerData: flags } = require('node:worker_threads');
    spinUntilMessage(parentPort, flags, 0, () => parentPort.postMessage('spinning'))
      .then((turns) => parentPort.postMessage(turns));
  `, { eval: true, workerData: flags });
  const [ready] = await once(worker, 'message');
  assert.strictEqual(ready, 'spinning');
  worker.postMessage('hello');
  Atomics.store(flags, 0, 1);
  const [turns] = await once(worker, 'message');
  assert.ok(turns <= kMaxTurns, `the message came ${turns} turns after it was sent`);
  await once(worker, 'exit');
});

test('a main thread busy with setImmediate receives a worker\'s message within a few turns', async () => {
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(`
    const { parentPort, workerData: flags } = require('node:worker_threads');
    parentPort.once('message', () => {
      parentPort.postMessage('hello');
      Atomics.store(flags, 1, 1);
    });
  `, { eval: true, workerData: flags });
  await once(worker, 'online');
  const fn = new Function(`${spinUntilMessage}; return spinUntilMessage;`)();
  const turns = await fn(worker, flags, 1, () => worker.postMessage('go'));
  assert.ok(turns <= kMaxTurns, `the message came ${turns} turns after it was sent`);
  await once(worker, 'exit');
});
