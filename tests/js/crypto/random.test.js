'use strict';
// randomBytes, randomFill(Sync), randomInt, randomUUID, getRandomValues,
// timingSafeEqual, checkPrime and generatePrime.
const { test } = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');
const { promisify } = require('node:util');

test('randomBytes: sizes, sync and callback', async () => {
  for (const n of [0, 1, 16, 1000, 100000]) {
    const b = crypto.randomBytes(n);
    assert.ok(Buffer.isBuffer(b));
    assert.strictEqual(b.length, n);
  }
  // Two draws of 32 bytes are not the same.
  assert.notDeepStrictEqual(crypto.randomBytes(32), crypto.randomBytes(32));
  const b = await promisify(crypto.randomBytes)(64);
  assert.strictEqual(b.length, 64);
  // All byte values turn up in a large draw.
  const seen = new Set(crypto.randomBytes(1 << 16));
  assert.strictEqual(seen.size, 256);
  assert.throws(() => crypto.randomBytes(-1), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.randomBytes(2 ** 31), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.randomBytes('1'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.randomBytes(1, 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('randomFillSync and randomFill', async () => {
  const buf = Buffer.alloc(32);
  crypto.randomFillSync(buf, 8, 8);
  assert.ok(buf.subarray(0, 8).equals(Buffer.alloc(8)));
  assert.ok(buf.subarray(16).equals(Buffer.alloc(16)));
  assert.ok(!buf.subarray(8, 16).equals(Buffer.alloc(8)));
  // Offsets and sizes count elements of typed arrays.
  const u32 = new Uint32Array(4);
  crypto.randomFillSync(u32, 1, 2);
  assert.strictEqual(u32[0], 0);
  assert.strictEqual(u32[3], 0);
  const ab = new ArrayBuffer(16);
  assert.strictEqual(crypto.randomFillSync(ab), ab);
  assert.ok(new Uint8Array(ab).some((x) => x !== 0));
  const dv = new DataView(new ArrayBuffer(8));
  crypto.randomFillSync(dv);
  assert.throws(() => crypto.randomFillSync(Buffer.alloc(4), 5), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.randomFillSync(Buffer.alloc(4), 1, 4), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.randomFillSync('x'), { code: 'ERR_INVALID_ARG_TYPE' });
  const filled = await new Promise((resolve, reject) => {
    crypto.randomFill(Buffer.alloc(64), 32, (err, b) => (err ? reject(err) : resolve(b)));
  });
  assert.ok(filled.subarray(0, 32).equals(Buffer.alloc(32)));
  assert.ok(!filled.subarray(32).equals(Buffer.alloc(32)));
  assert.throws(() => crypto.randomFill(Buffer.alloc(4)), { code: 'ERR_INVALID_ARG_TYPE' });
  // Size 0 calls back at once.
  let called = false;
  crypto.randomFill(Buffer.alloc(4), 4, () => { called = true; });
  assert.ok(called);
});

test('randomInt', async () => {
  const counts = new Array(10).fill(0);
  for (let i = 0; i < 5000; i++) counts[crypto.randomInt(10)]++;
  assert.ok(counts.every((c) => c > 300), `${counts}`);
  for (let i = 0; i < 1000; i++) {
    const n = crypto.randomInt(-5, 5);
    assert.ok(n >= -5 && n < 5 && Number.isInteger(n));
  }
  const big = crypto.randomInt(2 ** 48 - 1);
  assert.ok(big >= 0 && big < 2 ** 48 - 1);
  const n = await new Promise((resolve) => crypto.randomInt(3, 4, (err, v) => resolve(v)));
  assert.strictEqual(n, 3);
  // Many async calls while the cache refills all get an answer.
  const all = await Promise.all(Array.from({ length: 3000 }, () => promisify(crypto.randomInt)(100)));
  assert.ok(all.every((v) => v >= 0 && v < 100));
  assert.throws(() => crypto.randomInt(10, 5), { code: 'ERR_OUT_OF_RANGE', message: /greater than the value of "min" \(10\)/ });
  assert.throws(() => crypto.randomInt(2 ** 48), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.randomInt(1.5), { code: 'ERR_INVALID_ARG_TYPE', message: /must be a safe integer/ });
  assert.throws(() => crypto.randomInt(1, 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('randomUUID', () => {
  const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const seen = new Set();
  for (let i = 0; i < 1000; i++) {
    const id = crypto.randomUUID();
    assert.match(id, re);
    seen.add(id);
  }
  assert.strictEqual(seen.size, 1000);
  assert.match(crypto.randomUUID({ disableEntropyCache: true }), re);
  assert.match(globalThis.crypto.randomUUID(), re);
  assert.throws(() => crypto.randomUUID(1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.randomUUID({ disableEntropyCache: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('getRandomValues', () => {
  const a = new Uint32Array(8);
  assert.strictEqual(crypto.getRandomValues(a), a);
  assert.ok(a.some((x) => x !== 0));
  assert.strictEqual(globalThis.crypto.getRandomValues(new BigInt64Array(2)).length, 2);
  assert.strictEqual(globalThis.crypto.getRandomValues(new Uint8Array(65536)).length, 65536);
  assert.throws(() => globalThis.crypto.getRandomValues(new Float32Array(2)), { name: 'TypeMismatchError' });
  assert.throws(() => globalThis.crypto.getRandomValues(new Uint8Array(65537)), { name: 'QuotaExceededError' });
  const { getRandomValues } = globalThis.crypto;
  assert.throws(() => getRandomValues(new Uint8Array(1)), { code: 'ERR_INVALID_THIS' });
  // node:crypto's is bound.
  const bound = crypto.getRandomValues;
  assert.strictEqual(bound(new Uint8Array(4)).length, 4);
});

test('timingSafeEqual', () => {
  assert.strictEqual(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), true);
  assert.strictEqual(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')), false);
  assert.strictEqual(crypto.timingSafeEqual(new Uint16Array([1, 2]), new Uint8Array([1, 0, 2, 0])), true);
  assert.strictEqual(crypto.timingSafeEqual(new ArrayBuffer(4), new Uint32Array(1)), true);
  assert.throws(() => crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')),
                { code: 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', name: 'RangeError' });
  assert.throws(() => crypto.timingSafeEqual('a', Buffer.from('a')), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('checkPrime and generatePrime', async () => {
  assert.strictEqual(crypto.checkPrimeSync(7n), true);
  assert.strictEqual(crypto.checkPrimeSync(2n ** 127n - 1n), true);
  assert.strictEqual(crypto.checkPrimeSync(2n ** 128n + 1n), false);
  assert.strictEqual(crypto.checkPrimeSync(Buffer.from([0x0d])), true);
  assert.strictEqual(await promisify(crypto.checkPrime)(15n), false);
  const p = crypto.generatePrimeSync(64, { bigint: true });
  assert.strictEqual(typeof p, 'bigint');
  assert.ok(p >= 2n ** 63n && p < 2n ** 64n);
  assert.ok(crypto.checkPrimeSync(p));
  const safe = crypto.generatePrimeSync(32, { safe: true, bigint: true });
  assert.ok(crypto.checkPrimeSync((safe - 1n) / 2n));
  const ab = await promisify(crypto.generatePrime)(48);
  assert.ok(ab instanceof ArrayBuffer);
  assert.strictEqual(ab.byteLength, 6);
  const withRem = crypto.generatePrimeSync(32, { add: 12n, rem: 11n, bigint: true });
  assert.strictEqual(withRem % 12n, 11n);
  assert.throws(() => crypto.checkPrimeSync('7'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.generatePrimeSync(0), { code: 'ERR_OUT_OF_RANGE' });
});
