'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { createHistogram, monitorEventLoopDelay } = require('node:perf_hooks');

test('an empty histogram', () => {
  const h = createHistogram();
  assert.strictEqual(h.count, 0);
  assert.strictEqual(h.min, 9223372036854776000);
  assert.strictEqual(h.minBigInt, 9223372036854775807n);
  assert.strictEqual(h.max, 0);
  assert.ok(Number.isNaN(h.mean));
  assert.ok(Number.isNaN(h.stddev));
  assert.strictEqual(h.exceeds, 0);
  assert.deepStrictEqual([...h.percentiles], [[100, 0]]);
  assert.strictEqual(h.percentile(50), 0);
});

test('recorded values are reported with HdrHistogram precision', () => {
  const h = createHistogram();
  for (const v of [1, 2, 3, 100, 1000, 12345]) h.record(v);
  assert.strictEqual(h.count, 6);
  assert.strictEqual(h.min, 1);
  // 12345 falls in a bucket of width 8 at 3 significant digits: [12344, 12351].
  assert.strictEqual(h.max, 12351);
  assert.strictEqual(h.mean, 13454 / 6);
  assert.ok(Math.abs(h.stddev - 4533.48220343798) < 1e-9);
  assert.strictEqual(h.percentile(50), 3);
  assert.strictEqual(h.percentile(99), 12351);
  assert.strictEqual(h.percentileBigInt(50), 3n);
  assert.deepStrictEqual([...h.percentiles], [[0, 1], [50, 3], [75, 1000], [87.5, 12344], [100, 12344]]);
  assert.deepStrictEqual(h.toJSON(), {
    count: 6, min: 1, max: 12351, mean: 13454 / 6, exceeds: 0, stddev: h.stddev,
    percentiles: { 0: 1, 50: 3, 75: 1000, 87.5: 12344, 100: 12344 },
  });
  h.record(5n);
  assert.strictEqual(h.count, 7);
  h.reset();
  assert.strictEqual(h.count, 0);
  assert.strictEqual(h.max, 0);
});

test('many equal values', () => {
  const h = createHistogram();
  for (let i = 0; i < 1000; i++) h.record(42);
  assert.strictEqual(h.min, 42);
  assert.strictEqual(h.max, 42);
  assert.strictEqual(h.mean, 42);
  assert.strictEqual(h.stddev, 0);
  assert.strictEqual(h.percentile(1), 42);
  assert.deepStrictEqual([...h.percentiles], [[0, 42], [100, 42]]);
});

test('add merges two histograms; values past highest are exceeds', () => {
  const a = createHistogram();
  const b = createHistogram();
  a.record(10);
  b.record(20);
  b.record(30);
  a.add(b);
  assert.strictEqual(a.count, 3);
  assert.strictEqual(a.max, 30);
  const small = createHistogram({ lowest: 1, highest: 100, figures: 2 });
  small.record(50);
  small.record(100000);
  assert.strictEqual(small.count, 1);
  assert.strictEqual(small.exceeds, 1);
  assert.throws(() => a.add({}), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('argument validation', () => {
  const h = createHistogram();
  assert.throws(() => h.record(0), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => h.record(1.5), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => h.record('1'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => h.percentile(0), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => h.percentile(101), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => createHistogram({ lowest: 0 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => createHistogram({ figures: 6 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => monitorEventLoopDelay({ resolution: 0 }), { code: 'ERR_OUT_OF_RANGE' });
});

test('recordDelta records the time between calls', async () => {
  const h = createHistogram();
  h.recordDelta();
  await new Promise((resolve) => setTimeout(resolve, 5));
  h.recordDelta();
  assert.strictEqual(h.count, 1);
  assert.ok(h.min > 0);
});

test('monitorEventLoopDelay samples the loop', async () => {
  const h = monitorEventLoopDelay({ resolution: 2 });
  assert.strictEqual(h.enable(), true);
  assert.strictEqual(h.enable(), false);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.strictEqual(h.disable(), true);
  assert.strictEqual(h.disable(), false);
  assert.ok(h.count > 0);
  // Each sample is the interval between two ticks, in nanoseconds.
  assert.ok(h.min > 0);
  assert.ok(h.max >= h.min);
  const count = h.count;
  // Wait a while longer (turning the loop with immediates): no new samples.
  const until = performance.now() + 10;
  while (performance.now() < until) await new Promise((resolve) => setImmediate(resolve));
  assert.strictEqual(h.count, count);
});
