'use strict';
// assert.throws / rejects / doesNotThrow / doesNotReject with each form of
// `error`: a class, a RegExp, a validation object, a validation function.
const { test } = require('node:test');
const assert = require('node:assert');

class MyError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'MyError';
    this.code = code;
  }
}

test('throws returns nothing and passes for any throw without `error`', () => {
  assert.strictEqual(assert.throws(() => { throw new Error('x'); }), undefined);
  assert.throws(() => { throw 'not an error'; });
  assert.throws(() => { throw undefined; });
});

test('throws with a class checks instanceof', () => {
  assert.throws(() => { throw new MyError('m'); }, MyError);
  assert.throws(() => { throw new MyError('m'); }, Error);
  assert.throws(
    () => assert.throws(() => { throw new TypeError('t'); }, MyError),
    (err) => err.code === 'ERR_ASSERTION' && err.operator === 'throws' && err.actual.name === 'TypeError',
  );
});

test('throws with a RegExp tests the string form of the error', () => {
  assert.throws(() => { throw new Error('disk full'); }, /^Error: disk/);
  assert.throws(() => { throw 'plain string'; }, /plain/);
  assert.throws(() => assert.throws(() => { throw new Error('a'); }, /b/), /did not match/);
});

test('throws with a validation object compares each key', () => {
  const fn = () => { throw new MyError('no such file', 'ENOENT'); };
  assert.throws(fn, { name: 'MyError', message: 'no such file', code: 'ENOENT' });
  assert.throws(fn, { message: /such/, code: /^EN/ });
  // Nested values compare deeply and strictly.
  assert.throws(() => { throw Object.assign(new Error('e'), { info: { a: [1] } }); }, { info: { a: [1] } });
  assert.throws(() => assert.throws(() => { throw Object.assign(new Error('e'), { info: { a: [1] } }); },
    { info: { a: ['1'] } }), { code: 'ERR_ASSERTION', operator: 'throws' });
  // A key missing from the error fails even if expected says undefined.
  assert.throws(() => assert.throws(fn, { extra: undefined }), { code: 'ERR_ASSERTION' });
});

test('throws with an Error instance also compares name and message', () => {
  assert.throws(() => { throw new TypeError('bad'); }, new TypeError('bad'));
  assert.throws(() => assert.throws(() => { throw new RangeError('bad'); }, new TypeError('bad')),
    { code: 'ERR_ASSERTION' });
});

test('throws with a validation function needs it to return true', () => {
  assert.throws(() => { throw new Error('e'); }, (err) => err instanceof Error && err.message === 'e');
  let seen;
  assert.throws(() => assert.throws(() => { throw new Error('e'); }, (err) => { seen = err; return 'yes'; }),
    /validation function is expected to return "true". Received 'yes'/);
  assert.strictEqual(seen.message, 'e');
  // An error thrown by the validation function propagates as it is.
  assert.throws(() => assert.throws(() => { throw new Error('e'); }, () => { throw new SyntaxError('inner'); }),
    SyntaxError);
});

test('throws fails when nothing is thrown', () => {
  assert.throws(() => assert.throws(() => {}), {
    code: 'ERR_ASSERTION',
    message: 'Missing expected exception.',
    operator: 'throws',
    actual: undefined,
  });
  assert.throws(() => assert.throws(() => {}, MyError, 'why'), {
    message: 'Missing expected exception (MyError): why',
    expected: MyError,
  });
});

test('throws validates its arguments', () => {
  assert.throws(() => assert.throws('not a function'), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
  assert.throws(() => assert.throws(() => { throw new Error('e'); }, 5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => assert.throws(() => { throw new Error('e'); }, {}), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => assert.throws(() => { throw new Error('msg'); }, 'msg'), { code: 'ERR_AMBIGUOUS_ARGUMENT' });
  assert.throws(() => assert.throws(() => { throw new Error('e'); }, 'a', 'b'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('doesNotThrow rethrows errors that do not match `error`', () => {
  assert.doesNotThrow(() => {});
  assert.throws(() => assert.doesNotThrow(() => { throw new MyError('x'); }, TypeError), MyError);
  assert.throws(() => assert.doesNotThrow(() => { throw new MyError('x'); }, MyError),
    { code: 'ERR_ASSERTION', operator: 'doesNotThrow', message: 'Got unwanted exception.\nActual message: "x"' });
  assert.throws(() => assert.doesNotThrow(() => { throw new MyError('x'); }, /x/, 'ctx'),
    { message: 'Got unwanted exception: ctx\nActual message: "x"' });
});

test('rejects accepts a promise or a function returning one', async () => {
  await assert.rejects(Promise.reject(new MyError('r')), MyError);
  await assert.rejects(async () => { throw new MyError('r', 'E1'); }, { code: 'E1' });
  await assert.rejects(() => Promise.reject(new Error('boom')), /boom/);
  await assert.rejects(assert.rejects(Promise.resolve('fine')), {
    code: 'ERR_ASSERTION',
    message: 'Missing expected rejection.',
    operator: 'rejects',
  });
  await assert.rejects(assert.rejects(Promise.reject(new TypeError('t')), MyError), { code: 'ERR_ASSERTION' });
});

test('rejects validates what it is given', async () => {
  await assert.rejects(assert.rejects(5), { code: 'ERR_INVALID_ARG_TYPE' });
  await assert.rejects(assert.rejects(() => 5), {
    code: 'ERR_INVALID_RETURN_VALUE',
    message: 'Expected instance of Promise to be returned from the "promiseFn" function but got type number (5).',
  });
  // An error the function throws synchronously rejects rejects() itself.
  await assert.rejects(assert.rejects(() => { throw new Error('sync'); }, /other/), /sync/);
  // Thenables with catch() count as promises.
  const thenable = { then(ok, fail) { fail(new Error('thenable')); }, catch() {} };
  await assert.rejects(thenable, /thenable/);
});

test('doesNotReject', async () => {
  await assert.doesNotReject(Promise.resolve(1));
  await assert.doesNotReject(async () => 2);
  await assert.rejects(assert.doesNotReject(Promise.reject(new Error('no'))), {
    code: 'ERR_ASSERTION',
    operator: 'doesNotReject',
    message: 'Got unwanted rejection.\nActual message: "no"',
  });
  await assert.rejects(assert.doesNotReject(Promise.reject(new MyError('no')), TypeError), MyError);
});
