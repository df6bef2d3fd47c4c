'use strict';
// node:test: test/it, describe/suite, the hooks, mock, run().

const { test, suite, before, after, beforeEach, afterEach } = require('internal/test_runner/harness');

module.exports = test;
Object.assign(module.exports, {
  after,
  afterEach,
  before,
  beforeEach,
  describe: suite,
  it: test,
  run(...args) {
    return require('internal/test_runner/runner').run(...args);
  },
  suite,
  test,
});

let mock;
Object.defineProperty(module.exports, 'mock', {
  configurable: true,
  enumerable: true,
  get() {
    if (mock === undefined) {
      const { MockTracker } = require('internal/test_runner/mock/mock');
      mock = new MockTracker();
    }
    return mock;
  },
});

Object.defineProperty(module.exports, 'assert', {
  configurable: true,
  enumerable: true,
  get() {
    const { register } = require('internal/test_runner/assert');
    const assert = { __proto__: null, register };
    Object.defineProperty(module.exports, 'assert', { value: assert, configurable: true, enumerable: true });
    return assert;
  },
});
