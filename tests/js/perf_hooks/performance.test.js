'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const {
  performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceObserver, Performance,
} = require('node:perf_hooks');

test('the global performance is perf_hooks.performance', () => {
  assert.strictEqual(globalThis.performance, performance);
  assert.ok(performance instanceof EventTarget);
  assert.ok(performance instanceof Performance);
  assert.throws(() => new Performance(), { code: 'ERR_ILLEGAL_CONSTRUCTOR' });
});

test('now() is monotonic and timeOrigin is the wall clock at 0', () => {
  const a = performance.now();
  const b = performance.now();
  assert.strictEqual(typeof a, 'number');
  assert.ok(a > 0 && b >= a);
  const origin = performance.timeOrigin;
  assert.ok(Math.abs(origin + performance.now() - Date.now()) < 1000);
  assert.strictEqual(performance.timeOrigin, origin);
});

// A duration is end - start of two times in milliseconds: (s + 5) - s need
// not be exactly 5 in floating point (Node computes it the same way).
function assertCloseTo(actual, expected) {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);
}

test('mark and measure', () => {
  performance.clearMarks();
  performance.clearMeasures();
  const start = performance.mark('start', { detail: { step: 1 } });
  assert.ok(start instanceof PerformanceMark);
  assert.ok(start instanceof PerformanceEntry);
  assert.strictEqual(start.name, 'start');
  assert.strictEqual(start.entryType, 'mark');
  assert.strictEqual(start.duration, 0);
  assert.deepStrictEqual(start.detail, { step: 1 });
  const end = performance.mark('end', { startTime: start.startTime + 5 });
  assert.strictEqual(end.startTime, start.startTime + 5);

  const m = performance.measure('span', 'start', 'end');
  assert.ok(m instanceof PerformanceMeasure);
  assert.strictEqual(m.entryType, 'measure');
  assert.strictEqual(m.startTime, start.startTime);
  assertCloseTo(m.duration, 5);
  assert.strictEqual(m.detail, null);

  const fromOrigin = performance.measure('all');
  assert.strictEqual(fromOrigin.startTime, 0);
  const withOptions = performance.measure('opts', { start: 'start', duration: 2, detail: 'd' });
  assertCloseTo(withOptions.duration, 2);
  assert.strictEqual(withOptions.detail, 'd');
  const byEnd = performance.measure('byEnd', { end: 'end', duration: 1 });
  assert.strictEqual(byEnd.startTime, end.startTime - 1);

  assert.deepStrictEqual(performance.getEntriesByType('mark').map((e) => e.name), ['start', 'end']);
  assert.deepStrictEqual(performance.getEntriesByName('span').map((e) => e.entryType), ['measure']);
  assert.deepStrictEqual(performance.getEntriesByName('span', 'mark'), []);
  const all = performance.getEntries();
  assert.strictEqual(all.length, 6);
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].startTime <= all[i].startTime);

  assert.deepStrictEqual(start.toJSON(), {
    name: 'start', entryType: 'mark', startTime: start.startTime, duration: 0, detail: { step: 1 },
  });
  performance.clearMarks('start');
  assert.deepStrictEqual(performance.getEntriesByType('mark').map((e) => e.name), ['end']);
  performance.clearMarks();
  performance.clearMeasures('span');
  assert.deepStrictEqual(performance.getEntriesByType('measure').map((e) => e.name), ['all', 'opts', 'byEnd']);
  performance.clearMeasures();
  assert.deepStrictEqual(performance.getEntries(), []);
});

test('measure and mark errors', () => {
  assert.throws(() => performance.measure('x', 'missing'), (err) => {
    assert.strictEqual(err.name, 'SyntaxError');
    assert.ok(err instanceof DOMException);
    assert.strictEqual(err.message, 'The "missing" performance mark has not been set');
    return true;
  });
  assert.throws(() => performance.mark(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => performance.mark('x', { startTime: -1 }), { code: 'ERR_PERFORMANCE_INVALID_TIMESTAMP' });
  assert.throws(() => performance.measure('x', { start: 1, end: 2, duration: 1 }),
                { code: 'ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS' });
  assert.throws(() => performance.measure('x', { start: -1 }), { code: 'ERR_PERFORMANCE_INVALID_TIMESTAMP' });
  // Empty options, or options without start or end, measure from 0 to now.
  assert.strictEqual(performance.measure('empty', {}).startTime, 0);
  assert.strictEqual(performance.measure('dur', { duration: 5 }).startTime, 0);
  // Only a mark name (a string) counts as a positional start.
  const numeric = performance.measure('num', 5, 6);
  assert.strictEqual(numeric.startTime, 0);
  assert.strictEqual(numeric.duration, 6);
  performance.clearMeasures();
  assert.throws(() => performance.measure('x', { start: 1 }, 'end'), { code: 'ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS' });
  assert.throws(() => new PerformanceEntry(), { code: 'ERR_ILLEGAL_CONSTRUCTOR' });
  assert.strictEqual(new PerformanceMark('standalone').name, 'standalone');
  assert.strictEqual(performance.getEntriesByName('standalone').length, 0);
});

test('PerformanceObserver receives marks in a batch', async () => {
  const got = await new Promise((resolve) => {
    const observer = new PerformanceObserver((list, obs) => {
      assert.strictEqual(obs, observer);
      obs.disconnect();
      resolve(list.getEntries().map((e) => [e.name, e.entryType]));
    });
    observer.observe({ entryTypes: ['mark', 'measure'] });
    performance.mark('o1');
    performance.mark('o2');
    performance.measure('o3', 'o1', 'o2');
  });
  // Sorted by start time: the measure starts where o1 does.
  assert.deepStrictEqual(got, [['o1', 'mark'], ['o3', 'measure'], ['o2', 'mark']]);
  performance.clearMarks();
  performance.clearMeasures();
  assert.ok(PerformanceObserver.supportedEntryTypes.includes('mark'));
  assert.throws(() => new PerformanceObserver(1), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('buffered observers see earlier entries', async () => {
  performance.mark('before-observe');
  const names = await new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      observer.disconnect();
      resolve(list.getEntriesByType('mark').map((e) => e.name));
    });
    observer.observe({ type: 'mark', buffered: true });
  });
  assert.ok(names.includes('before-observe'));
  performance.clearMarks();
});

test('timerify measures calls', async () => {
  function add(a, b) { return a + b; }
  const timed = performance.timerify(add);
  assert.strictEqual(timed.name, 'timerified add');
  assert.strictEqual(timed.length, 2);
  assert.notStrictEqual(performance.timerify(add), timed);
  const entries = await new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      observer.disconnect();
      resolve(list.getEntries());
    });
    observer.observe({ entryTypes: ['function'] });
    assert.strictEqual(timed(2, 3), 5);
  });
  assert.strictEqual(entries[0].name, 'add');
  assert.strictEqual(entries[0].entryType, 'function');
  assert.ok(entries[0].duration >= 0);
  class Point { constructor(x) { this.x = x; } }
  const TimedPoint = performance.timerify(Point);
  assert.strictEqual(new TimedPoint(4).x, 4);
  assert.throws(() => performance.timerify(1), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('eventLoopUtilization once the loop runs', async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const first = performance.eventLoopUtilization();
  assert.deepStrictEqual(Object.keys(first), ['idle', 'active', 'utilization']);
  assert.ok(first.idle >= 0 && first.active >= 0);
  assert.ok(first.utilization >= 0 && first.utilization <= 1);
  // Waiting on a timer is idle time.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const waited = performance.eventLoopUtilization(first);
  assert.ok(waited.idle > 0, `idle ${waited.idle}`);
  // Spinning is active time.
  const before = performance.eventLoopUtilization();
  const until = performance.now() + 20;
  while (performance.now() < until);
  const spun = performance.eventLoopUtilization(before);
  // The loop never waited while the code spun.
  assert.ok(spun.active >= 20 - 1e-6, `active ${spun.active}`);
  assert.strictEqual(spun.idle, 0);
  assert.strictEqual(spun.utilization, 1);
  const diff = performance.eventLoopUtilization(spun, before);
  assert.strictEqual(typeof diff.utilization, 'number');
  assert.ok(performance.nodeTiming.loopStart > 0);
  assert.ok(performance.nodeTiming.idleTime >= waited.idle);
  const json = performance.toJSON();
  assert.deepStrictEqual(Object.keys(json), ['nodeTiming', 'timeOrigin', 'eventLoopUtilization']);
});
