'use strict';
// mock.timers: fake setTimeout/setInterval/setImmediate/Date driven by
// tick(), runAll() and setTime().
const { test } = require('node:test');
const assert = require('node:assert');
const timers = require('node:timers');
const timersPromises = require('node:timers/promises');

test('setTimeout fires when the clock passes it', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const fired = [];
  setTimeout(() => fired.push('b'), 20);
  setTimeout((x) => fired.push(x), 10, 'a');
  const cancelled = setTimeout(() => fired.push('never'), 15);
  clearTimeout(cancelled);
  t.mock.timers.tick(9);
  assert.deepStrictEqual(fired, []);
  t.mock.timers.tick(1);
  assert.deepStrictEqual(fired, ['a']);
  t.mock.timers.tick(100);
  assert.deepStrictEqual(fired, ['a', 'b']);
});

test('setInterval repeats for every period the clock passes', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  let count = 0;
  const id = setInterval(() => count++, 10);
  t.mock.timers.tick(35);
  assert.strictEqual(count, 3);
  clearInterval(id);
  t.mock.timers.tick(100);
  assert.strictEqual(count, 3);
});

test('node:timers functions are faked too', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
  const order = [];
  timers.setTimeout(() => order.push('timeout'), 0);
  timers.setImmediate(() => order.push('immediate'));
  t.mock.timers.tick(0);
  assert.deepStrictEqual(order, ['immediate', 'timeout']);
});

test('Date follows the fake clock', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1000 });
  assert.strictEqual(Date.now(), 1000);
  assert.strictEqual(new Date().getTime(), 1000);
  assert.strictEqual(new Date(5).getTime(), 5);
  assert.ok(new Date() instanceof Date);
  t.mock.timers.setTime(2000);
  assert.strictEqual(Date.now(), 2000);
  assert.strictEqual(typeof Date(), 'string');
});

test('enable accepts a Date as now', (t) => {
  t.mock.timers.enable({ apis: ['Date', 'setTimeout'], now: new Date(500) });
  assert.strictEqual(Date.now(), 500);
  let at;
  setTimeout(() => {
    at = Date.now();
  }, 50);
  t.mock.timers.tick(60);
  assert.strictEqual(at, 560);
});

test('runAll runs everything pending', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const fired = [];
  setTimeout(() => {
    fired.push(1);
    setTimeout(() => fired.push(3), 5);
  }, 100);
  setTimeout(() => fired.push(2), 200);
  t.mock.timers.runAll();
  // Timers made while running come after the clock's new time.
  assert.deepStrictEqual(fired, [1, 2]);
  t.mock.timers.tick(5);
  assert.deepStrictEqual(fired, [1, 2, 3]);
});

test('timers/promises setTimeout resolves on tick', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const p = timersPromises.setTimeout(50, 'done');
  t.mock.timers.tick(50);
  assert.strictEqual(await p, 'done');
});

test('reset restores the real functions', (t) => {
  const realSetTimeout = globalThis.setTimeout;
  const RealDate = Date;
  t.mock.timers.enable();
  assert.notStrictEqual(globalThis.setTimeout, realSetTimeout);
  assert.notStrictEqual(globalThis.Date, RealDate);
  t.mock.timers.reset();
  assert.strictEqual(globalThis.setTimeout, realSetTimeout);
  assert.strictEqual(globalThis.Date, RealDate);
});

test('timers are restored when the test ends', async (t) => {
  const realSetTimeout = globalThis.setTimeout;
  await t.test('enables', (t2) => {
    t2.mock.timers.enable({ apis: ['setTimeout'] });
  });
  assert.strictEqual(globalThis.setTimeout, realSetTimeout);
});

test('errors', (t) => {
  assert.throws(() => t.mock.timers.tick(1), { code: 'ERR_INVALID_STATE' });
  assert.throws(() => t.mock.timers.enable({ apis: ['setTimeout', 'nope'] }), { code: 'ERR_INVALID_ARG_VALUE' });
  t.mock.timers.enable({ apis: ['setTimeout'] });
  assert.throws(() => t.mock.timers.enable(), { code: 'ERR_INVALID_STATE' });
  assert.throws(() => t.mock.timers.tick(-1), { code: 'ERR_INVALID_ARG_VALUE' });
});
