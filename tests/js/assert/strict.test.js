'use strict';
// node:assert/strict and assert.strict: the loose functions are the strict
// ones; new assert.Assert() keeps its own options.
const { test } = require('node:test');
const assert = require('node:assert');
const strict = require('node:assert/strict');

test('assert/strict is assert.strict', () => {
  assert.strictEqual(strict, assert.strict);
  assert.strictEqual(strict.strict, strict);
  assert.strictEqual(require('assert/strict'), strict);
});

test('strict mode maps the loose functions to strict ones', () => {
  assert.strictEqual(strict.equal, assert.strictEqual);
  assert.strictEqual(strict.deepEqual, assert.deepStrictEqual);
  assert.strictEqual(strict.notEqual, assert.notStrictEqual);
  assert.strictEqual(strict.notDeepEqual, assert.notDeepStrictEqual);
  assert.throws(() => strict.equal(1, '1'), { operator: 'strictEqual' });
  assert.throws(() => strict.deepEqual({ a: 1 }, { a: '1' }), { operator: 'deepStrictEqual' });
  strict.notDeepEqual({ a: 1 }, { a: '1' });
});

test('strict is itself ok()', () => {
  strict(true);
  assert.throws(() => strict(false), { operator: '==' });
  assert.strictEqual(typeof strict.ok, 'function');
});

test('the other functions are the same in both', () => {
  for (const name of ['fail', 'throws', 'rejects', 'doesNotThrow', 'doesNotReject', 'ifError', 'match',
    'doesNotMatch', 'strictEqual', 'deepStrictEqual', 'AssertionError']) {
    assert.strictEqual(strict[name], assert[name], name);
  }
});

test('assert.ok is assert', () => {
  assert.strictEqual(assert.ok, assert);
});
