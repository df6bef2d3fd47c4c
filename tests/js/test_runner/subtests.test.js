'use strict';
// Tests and subtests: names, contexts, async and callback styles, nesting,
// concurrency, and the order results come in.
const { test, describe, it, suite } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');

test('a synchronous test', () => {
  assert.strictEqual(1 + 1, 2);
});

test('an async test', async () => {
  await new Promise((resolve) => setTimeout(resolve, 1));
});

test('a callback test finishes when done() is called', (t, done) => {
  setTimeout(() => done(), 1);
});

test('a test returning a promise', () => new Promise((resolve) => setImmediate(resolve)));

test('test() returns a promise', async () => {
  const result = test('created from a test', () => {});
  assert.ok(result instanceof Promise);
  assert.strictEqual(await result, undefined);
});

test('the context describes the test', async (t) => {
  assert.strictEqual(t.name, 'the context describes the test');
  assert.strictEqual(t.fullName, 'the context describes the test');
  assert.strictEqual(t.filePath, __filename);
  assert.strictEqual(path.basename(t.filePath), 'subtests.test.js');
  await t.test('child', async (t2) => {
    assert.strictEqual(t2.name, 'child');
    assert.strictEqual(t2.fullName, 'the context describes the test > child');
    await t2.test('grandchild', (t3) => {
      assert.strictEqual(t3.fullName, 'the context describes the test > child > grandchild');
    });
  });
});

test('this is the test context', function () {
  assert.strictEqual(typeof this.diagnostic, 'function');
  assert.strictEqual(this.name, 'this is the test context');
});

test('t.test returns a promise of undefined', async (t) => {
  const p = t.test('sub', () => 42);
  assert.ok(p instanceof Promise);
  assert.strictEqual(await p, undefined);
});

test('names default to the function name', async (t) => {
  let seen;
  await t.test(function namedSubtest(t2) {
    seen = t2.name;
  });
  assert.strictEqual(seen, 'namedSubtest');
  await t.test((t2) => {
    seen = t2.name;
  });
  assert.strictEqual(seen, '<anonymous>');
  await t.test({}, (t2) => {
    seen = t2.name;
  });
  assert.strictEqual(seen, '<anonymous>');
});

test('subtests run one at a time by default', async (t) => {
  const order = [];
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  await Promise.all([
    t.test('slow', async () => { await wait(20); order.push('slow'); }),
    t.test('fast', async () => { await wait(1); order.push('fast'); }),
  ]);
  assert.deepStrictEqual(order, ['slow', 'fast']);
});

test('concurrency lets subtests overlap', { concurrency: 2 }, async (t) => {
  const order = [];
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  await Promise.all([
    t.test('slow', async () => { await wait(30); order.push('slow'); }),
    t.test('fast', async () => { await wait(1); order.push('fast'); }),
  ]);
  assert.deepStrictEqual(order, ['fast', 'slow']);
});

describe('a suite', () => {
  const order = [];
  it('runs its tests in order', () => order.push(1));
  it('second', () => order.push(2));
  describe('nested suite', () => {
    it('nested test', () => order.push(3));
  });
  it('last', () => {
    order.push(4);
    assert.deepStrictEqual(order, [1, 2, 3, 4]);
  });
});

suite('suite is describe', (s) => {
  it('gets a suite context', () => {
    assert.strictEqual(s.name, 'suite is describe');
    assert.strictEqual(typeof s.signal, 'object');
  });
});

describe('an async describe body', async () => {
  await null;
  it('declares tests after an await', () => {});
});

test('a test inside a test via the global test()', async () => {
  let ran = false;
  await test('inner global', () => {
    ran = true;
  });
  assert.strictEqual(ran, true);
});
