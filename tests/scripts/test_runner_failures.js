'use strict';
// How node:test reports each kind of failure: thrown and rejected errors,
// done(err), timeouts, plans, hooks, suites, uncaught exceptions, and tests
// left pending when the event loop empties.
const { test, describe, it, before, beforeEach, after, afterEach } = require('node:test');
const assert = require('node:assert');

test('sync throw', () => {
  throw new Error('sync');
});
test('async reject', async () => {
  throw new TypeError('async');
});
test('throws a string', () => {
  throw 'a string';
});
test('done with an error', (t, done) => {
  done(new Error('via done'));
});
test('done called twice', (t, done) => {
  done();
  done();
});
test('callback and promise', async (t, done) => {
  done();
});
test('timeout', { timeout: 20 }, () => new Promise((resolve) => setTimeout(resolve, 200)));
test('plan not met', (t) => {
  t.plan(2);
  t.assert.ok(true);
});
test('plan met', (t) => {
  t.plan(1);
  t.assert.ok(true);
});
test('assertion', () => {
  assert.strictEqual(1, 2);
});
test('todo that fails', { todo: 'later' }, () => {
  throw new Error('not yet');
});
test('nested failure', async (t) => {
  await t.test('inner pass', () => {});
  await t.test('inner fail', () => {
    throw new Error('inner');
  });
});
test('subtest not awaited', (t) => {
  t.test('late', () => new Promise((resolve) => setTimeout(resolve, 50)));
});
describe('before hook fails', () => {
  before(() => {
    throw new Error('before');
  });
  it('x1', () => {});
  it('x2', () => {});
});
describe('beforeEach hook fails', () => {
  beforeEach(() => {
    throw new Error('beforeEach');
  });
  it('y1', () => {});
});
describe('afterEach hook fails', () => {
  afterEach(() => {
    throw new Error('afterEach');
  });
  it('z1', () => {});
});
describe('after hook fails', () => {
  after(() => {
    throw new Error('after');
  });
  it('w1', () => {});
});
describe('suite body throws', () => {
  throw new Error('suite body');
});
test('uncaught exception in a timer', () => new Promise((resolve) => {
  setTimeout(() => {
    throw new Error('timer');
  }, 5);
  setTimeout(resolve, 50);
}));
test('unhandled rejection', async () => {
  Promise.reject(new Error('rejected'));
  await new Promise((resolve) => setTimeout(resolve, 20));
});
test('error after the test ended', () => {
  setTimeout(() => {
    throw new Error('late');
  }, 10);
});
test('keeps running while the late error happens', () => new Promise((resolve) => setTimeout(resolve, 40)));
test('aborted by its signal option', { signal: AbortSignal.abort(new Error('stop')) }, () => {});
test('never settles', () => new Promise(() => {}));
