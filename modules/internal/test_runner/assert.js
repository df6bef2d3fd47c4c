'use strict';
// The functions t.assert offers: node:assert's, plus any registered with
// require('node:test').assert.register(name, fn).

const { validateFunction, validateString } = require('internal/validators');

const kMethods = [
  'deepEqual', 'deepStrictEqual', 'doesNotMatch', 'doesNotReject', 'doesNotThrow', 'equal', 'fail',
  'ifError', 'match', 'notDeepEqual', 'notDeepStrictEqual', 'notEqual', 'notStrictEqual',
  'partialDeepStrictEqual', 'rejects', 'strictEqual', 'throws',
];

let assertMap;

function getAssertionMap() {
  if (assertMap === undefined) {
    const assert = require('assert');
    assertMap = new Map();
    for (const name of kMethods) assertMap.set(name, assert[name]);
  }
  return assertMap;
}

function register(name, fn) {
  validateString(name, 'name');
  validateFunction(fn, 'fn');
  getAssertionMap().set(name, fn);
}

module.exports = { getAssertionMap, register };
