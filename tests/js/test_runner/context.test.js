'use strict';
// What a test's context offers beyond subtests: signal, plan, assert,
// diagnostic, waitFor; and node:test's exports.
const nodeTest = require('node:test');
const { test, describe, it, suite, before, after, beforeEach, afterEach, mock, run } = nodeTest;
const assert = require('node:assert');

test('exports', () => {
  assert.strictEqual(nodeTest, test);
  assert.strictEqual(nodeTest.test, test);
  assert.strictEqual(it, test);
  assert.strictEqual(describe, suite);
  for (const fn of [test.skip, test.todo, test.only, describe.skip, describe.todo, describe.only,
    before, after, beforeEach, afterEach, run]) {
    assert.strictEqual(typeof fn, 'function');
  }
  assert.strictEqual(typeof mock.fn, 'function');
  assert.strictEqual(mock, nodeTest.mock);
  const reporters = require('node:test/reporters');
  for (const name of ['spec', 'tap', 'dot']) assert.strictEqual(typeof reporters[name], 'function', name);
  assert.throws(() => require('test'), { code: 'MODULE_NOT_FOUND' });
});

test('the signal aborts when the test ends', async (t) => {
  let signal;
  await t.test('sub', (t2) => {
    signal = t2.signal;
    assert.strictEqual(signal.aborted, false);
  });
  assert.strictEqual(signal.aborted, true);
  assert.strictEqual(t.signal.aborted, false);
});

test('t.plan counts assertions and subtests', async (t) => {
  t.plan(3);
  t.assert.ok(true);
  t.assert.strictEqual(1, 1);
  await t.test('counts as one', () => {});
});

test('t.plan can wait for late assertions', (t) => {
  t.plan(2, { wait: 1000 });
  t.assert.ok(true);
  setTimeout(() => t.assert.ok(true), 5);
});

test('t.plan cannot be set twice', (t) => {
  t.plan(1);
  assert.throws(() => t.plan(1), { code: 'ERR_TEST_FAILURE' });
  t.assert.ok(true);
});

test('plan option', { plan: 1 }, (t) => {
  t.assert.deepStrictEqual([1], [1]);
});

test('t.assert has node:assert functions', (t) => {
  for (const name of ['ok', 'equal', 'strictEqual', 'deepStrictEqual', 'throws', 'rejects', 'match', 'fail']) {
    assert.strictEqual(typeof t.assert[name], 'function', name);
  }
  assert.throws(() => t.assert.ok(false), {
    code: 'ERR_ASSERTION',
    message: 'The expression evaluated to a falsy value:\n\n  t.assert.ok(false)\n',
  });
});

test('custom assertions can be registered', (t) => {
  nodeTest.assert.register('isEven', (n) => {
    if (n % 2 !== 0) throw new assert.AssertionError({ message: `${n} is odd` });
  });
  t.assert.isEven(2);
  assert.throws(() => t.assert.isEven(3), { message: '3 is odd' });
});

test('diagnostic does not throw', (t) => {
  t.diagnostic('a note for the report');
});

test('waitFor polls until the condition holds', async (t) => {
  let ready = false;
  setTimeout(() => {
    ready = true;
  }, 20);
  const value = await t.waitFor(() => {
    if (!ready) throw new Error('not yet');
    return 'ready';
  }, { interval: 5, timeout: 1000 });
  assert.strictEqual(value, 'ready');
  await assert.rejects(t.waitFor(() => {
    throw new Error('never');
  }, { interval: 5, timeout: 20 }), (err) => err.message === 'waitFor() timed out' && err.cause.message === 'never');
});

test('test options are validated', async () => {
  await assert.rejects(async () => test('bad', { timeout: -1 }, () => {}), { code: 'ERR_OUT_OF_RANGE' });
  await assert.rejects(async () => test('bad', { concurrency: 'x' }, () => {}), { code: 'ERR_INVALID_ARG_TYPE' });
  await assert.rejects(async () => test('bad', { signal: {} }, () => {}), { code: 'ERR_INVALID_ARG_TYPE' });
});

describe('suite context', () => {
  it('has a name', () => {});
});
