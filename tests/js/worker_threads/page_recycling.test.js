'use strict';
// Workers started one after another reuse the heap chunks and code ranges
// of the ones before (js/page_allocator.h): each must find its memory as a
// fresh mapping would give it. Every Worker here fills its heap (objects,
// strings, typed arrays, closures, so code too), collects it, and hashes
// what survives; every hash must equal the one computed in this thread.
const { test } = require('node:test');
const assert = require('node:assert');
const { Worker } = require('node:worker_threads');
const { once } = require('node:events');

const work = `
function run(seed) {
  let h = 2166136261 >>> 0;
  const mix = (v) => { h = Math.imul(h ^ v, 16777619) >>> 0; };
  const keep = [];
  for (let round = 0; round < 40; round++) {
    const objects = [];
    for (let i = 0; i < 2000; i++) {
      objects.push({ i, s: 'v' + ((i * 31 + seed + round) % 997), a: [i, i * 2, i * 3] });
    }
    const bytes = new Uint8Array(4096 + round);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i + seed) & 0xff;
    // A new function each round: code pages are written too.
    const f = new Function('x', 'return x * ' + (round + 1) + ' + ' + seed + ';');
    keep.push(objects[round * 7 % objects.length], bytes.slice(0, 8), f(round));
  }
  for (const value of keep) {
    if (typeof value === 'number') mix(value);
    else if (value instanceof Uint8Array) for (const b of value) mix(b);
    else { mix(value.i); for (const c of value.s) mix(c.charCodeAt(0)); for (const x of value.a) mix(x); }
  }
  return h;
}
`;

test('each Worker in turn computes the same heap contents', async () => {
  const expected = new Function(`${work}; return run;`)()(7);
  for (let i = 0; i < 12; i++) {
    const worker = new Worker(`${work}
      require('node:worker_threads').parentPort.postMessage(run(7));`, { eval: true });
    const [hash] = await once(worker, 'message');
    assert.strictEqual(hash, expected, `worker ${i}`);
    await once(worker, 'exit');
  }
});
