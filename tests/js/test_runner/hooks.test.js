'use strict';
// The order hooks run in: before/after once per suite, beforeEach from the
// outermost suite in, afterEach from the innermost out, test-level hooks
// around subtests.
const { test, describe, it, before, after, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert');

const log = [];

describe('outer', () => {
  before(() => log.push('outer before'));
  after(() => log.push('outer after'));
  beforeEach((t) => log.push(`outer beforeEach ${t.name}`));
  afterEach((t) => log.push(`outer afterEach ${t.name}`));

  it('first', () => log.push('first'));

  describe('inner', () => {
    before(() => log.push('inner before'));
    after(() => log.push('inner after'));
    beforeEach(() => log.push('inner beforeEach'));
    afterEach(() => log.push('inner afterEach'));
    it('second', async () => {
      await null;
      log.push('second');
    });
    it('third', (t, done) => {
      log.push('third');
      setImmediate(done);
    });
  });

  // Hooks declared after a test still apply to it.
  afterEach(() => log.push('late afterEach'));
});

test('suite hooks ran in order', () => {
  assert.deepStrictEqual(log, [
    'outer before',
    'outer beforeEach first',
    'first',
    'outer afterEach first',
    'late afterEach',
    'inner before',
    'outer beforeEach second',
    'inner beforeEach',
    'second',
    'inner afterEach',
    'outer afterEach second',
    'late afterEach',
    'outer beforeEach third',
    'inner beforeEach',
    'third',
    'inner afterEach',
    'outer afterEach third',
    'late afterEach',
    'inner after',
    'outer after',
  ]);
});

test('test-level hooks wrap each subtest', async (t) => {
  const seen = [];
  t.before(() => seen.push('before'));
  t.beforeEach((ctx) => seen.push(`beforeEach ${ctx.name}`));
  t.afterEach((ctx) => seen.push(`afterEach ${ctx.name}`));
  t.after(() => seen.push('after'));
  await t.test('a', () => seen.push('a'));
  await t.test('b', async (t2) => {
    seen.push('b');
    await t2.test('b1', () => seen.push('b1'));
  });
  assert.deepStrictEqual(seen, [
    'before',
    'beforeEach a', 'a', 'afterEach a',
    'beforeEach b', 'b', 'beforeEach b1', 'b1', 'afterEach b1', 'afterEach b',
  ]);
  t.after(() => {
    // after() hooks run once the test function has returned.
    assert.strictEqual(seen.at(-1), 'after');
  });
});

test('hooks receive the test context and may be async', async (t) => {
  const names = [];
  t.beforeEach(async (ctx) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    names.push(ctx.name);
  });
  t.afterEach((ctx, done) => {
    names.push(`${ctx.name} done`);
    done();
  });
  await t.test('x', () => {});
  assert.deepStrictEqual(names, ['x', 'x done']);
});

describe('before runs once even for many tests', () => {
  let count = 0;
  before(() => { count++; });
  it('one', () => assert.strictEqual(count, 1));
  it('two', () => assert.strictEqual(count, 1));
});
