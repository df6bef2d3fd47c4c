'use strict';
// AssertionError's properties, assert.fail, assert.ifError, match, and the
// argument errors of the assert functions.
const { test } = require('node:test');
const assert = require('node:assert');

test('AssertionError carries actual, expected, operator and code', () => {
  const err = new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
  assert.ok(err instanceof Error);
  assert.strictEqual(err.name, 'AssertionError');
  assert.strictEqual(err.code, 'ERR_ASSERTION');
  assert.strictEqual(err.actual, 1);
  assert.strictEqual(err.expected, 2);
  assert.strictEqual(err.operator, 'strictEqual');
  assert.strictEqual(err.generatedMessage, true);
  assert.strictEqual(err.toString(), 'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n1 !== 2\n');
  assert.match(err.stack, /^AssertionError \[ERR_ASSERTION\]: Expected values/);
  assert.deepStrictEqual(Object.keys(err).sort(), ['actual', 'code', 'diff', 'expected', 'generatedMessage', 'operator']);
  assert.strictEqual(Object.prototype.propertyIsEnumerable.call(err, 'name'), false);
});

test('AssertionError requires an options object', () => {
  assert.throws(() => new assert.AssertionError(), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new assert.AssertionError('message'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('failed assertions are AssertionErrors with the given message', () => {
  try {
    assert.strictEqual(1, 2, 'custom text');
    assert.fail('unreachable');
  } catch (err) {
    assert.ok(err instanceof assert.AssertionError);
    // The strict comparisons add their diff to a custom message.
    assert.strictEqual(err.message, 'custom text\n\n1 !== 2\n');
    assert.strictEqual(err.generatedMessage, false);
    assert.strictEqual(err.actual, 1);
    assert.strictEqual(err.expected, 2);
  }
  // An Error as the message is thrown instead.
  const own = new RangeError('mine');
  assert.throws(() => assert.equal(1, 2, own), (err) => err === own);
  assert.throws(() => assert.ok(false, own), (err) => err === own);
});

test('the stack starts at the caller, not inside assert', () => {
  function callSite() {
    assert.strictEqual(1, 2);
  }
  try {
    callSite();
  } catch (err) {
    const frames = err.stack.split('\n').filter((l) => l.startsWith('    at '));
    assert.match(frames[0], /callSite/);
  }
});

test('assert.fail', () => {
  assert.throws(() => assert.fail(), { message: 'Failed', generatedMessage: true, operator: 'fail' });
  assert.throws(() => assert.fail('boom'), { message: 'boom', generatedMessage: false, actual: undefined });
  assert.throws(() => assert.fail(new TypeError('t')), TypeError);
});

test('assert.ifError', () => {
  assert.ifError(null);
  assert.ifError(undefined);
  const cause = new Error('failed to open');
  assert.throws(() => assert.ifError(cause), (err) => {
    assert.strictEqual(err.message, 'ifError got unwanted exception: failed to open');
    assert.strictEqual(err.actual, cause);
    assert.strictEqual(err.expected, null);
    assert.strictEqual(err.operator, 'ifError');
    return true;
  });
  assert.throws(() => assert.ifError(0), { message: 'ifError got unwanted exception: 0' });
  assert.throws(() => assert.ifError(false), { message: 'ifError got unwanted exception: false' });
});

test('match and doesNotMatch', () => {
  assert.match('I will pass', /pass/);
  assert.doesNotMatch('I will pass', /fail/);
  assert.throws(() => assert.match('abc', /^b/), { operator: 'match', actual: 'abc', expected: /^b/ });
  assert.throws(() => assert.doesNotMatch('abc', /b/), { operator: 'doesNotMatch' });
  assert.throws(() => assert.match('abc', 'b'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => assert.match(null, /x/), { code: 'ERR_ASSERTION' });
});

test('missing arguments', () => {
  for (const name of ['equal', 'notEqual', 'deepEqual', 'notDeepEqual', 'deepStrictEqual',
    'notDeepStrictEqual', 'strictEqual', 'notStrictEqual']) {
    assert.throws(() => assert[name](1), {
      code: 'ERR_MISSING_ARGS',
      name: 'TypeError',
      message: 'The "actual" and "expected" arguments must be specified',
    }, name);
  }
});

test('equal and notEqual use == (and NaN equals NaN)', () => {
  assert.equal(1, '1');
  assert.equal(null, undefined);
  assert.equal(NaN, NaN);
  assert.notEqual(1, 2);
  assert.throws(() => assert.notEqual(NaN, NaN), { operator: '!=' });
  assert.throws(() => assert.equal(0, 1), { operator: '==', message: '0 == 1' });
});

test('strictEqual uses Object.is', () => {
  assert.strictEqual(NaN, NaN);
  assert.throws(() => assert.strictEqual(0, -0));
  assert.notStrictEqual(0, -0);
  assert.throws(() => assert.notStrictEqual(NaN, NaN));
});

test('ok without a message quotes the failing call', () => {
  const value = 0;
  assert.throws(() => assert.ok(value), {
    message: 'The expression evaluated to a falsy value:\n\n  assert.ok(value)\n',
    generatedMessage: true,
    actual: 0,
    expected: true,
    operator: '==',
  });
  assert.throws(() => assert(value === 1), {
    message: 'The expression evaluated to a falsy value:\n\n  assert(value === 1)\n',
  });
  assert.throws(() => assert.ok(), { message: 'No value argument passed to `assert.ok()`' });
  assert.ok(1);
  assert('non-empty');
});

test('CallTracker counts calls', () => {
  const tracker = new assert.CallTracker();
  const noop = tracker.calls(2);
  noop();
  assert.strictEqual(tracker.report().length, 1);
  assert.strictEqual(tracker.report()[0].message,
    'Expected the calls function to be executed 2 time(s) but was executed 1 time(s).');
  assert.throws(() => tracker.verify(), { code: 'ERR_ASSERTION' });
  noop();
  tracker.verify();
  const sum = tracker.calls((a, b) => a + b);
  assert.strictEqual(sum(1, 2), 3);
  assert.deepStrictEqual(tracker.getCalls(sum).map((c) => c.arguments), [[1, 2]]);
  tracker.reset(sum);
  assert.strictEqual(tracker.getCalls(sum).length, 0);
});
