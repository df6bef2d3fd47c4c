'use strict';
// run() of node:test: runs test files and returns the stream of their test
// events. As `shard --test` does, the files run in this process one after
// another, so run() must be called before any test of its own process.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_STATE },
} = require('internal/errors');
const {
  validateArray,
  validateBoolean,
  validateFunction,
  validateObject,
  validateAbortSignal,
} = require('internal/validators');
const { convertStringToRegExp, kDefaultPattern } = require('internal/test_runner/utils');
const { getRoot } = require('internal/test_runner/harness');

function toPatterns(value, name) {
  if (value == null) return null;
  const list = Array.isArray(value) ? value : [value];
  return list.map((p, i) => {
    if (p instanceof RegExp) return p;
    if (typeof p === 'string') return convertStringToRegExp(p, name);
    throw new ERR_INVALID_ARG_TYPE(`${name}[${i}]`, ['string', 'RegExp'], p);
  });
}

// A TestsStream that can also be composed with a reporter (an async
// generator function) and piped to a writable, the usual ways of showing
// run()'s results.
function addStreamHelpers(stream) {
  stream.compose = function compose(reporter) {
    const output = reporter(stream);
    return {
      [Symbol.asyncIterator]() {
        return output[Symbol.asyncIterator]();
      },
      pipe(destination) {
        (async () => {
          for await (const chunk of output) destination.write(chunk);
        })();
        return destination;
      },
    };
  };
  return stream;
}

function run(options = {}) {
  validateObject(options, 'options');
  const {
    files,
    only = false,
    timeout = Infinity,
    signal,
    setup,
    testNamePatterns,
    testSkipPatterns,
    globPatterns,
    cwd = process.cwd(),
  } = options;
  if (files !== undefined) validateArray(files, 'options.files');
  if (globPatterns !== undefined) validateArray(globPatterns, 'options.globPatterns');
  validateBoolean(only, 'options.only');
  validateAbortSignal(signal, 'options.signal');
  if (setup !== undefined) validateFunction(setup, 'options.setup');
  if (getRoot() !== undefined) {
    throw new ERR_INVALID_STATE('run() cannot start while tests of this process are running in shard');
  }
  const { Runner, createTestFileList } = require('internal/test_runner/cli');
  const config = {
    __proto__: null,
    isTestRunner: true,
    concurrency: 1,
    cwd,
    destinations: [],
    forceExit: false,
    only,
    reporters: [],
    testNamePatterns: toPatterns(testNamePatterns, 'options.testNamePatterns'),
    testSkipPatterns: toPatterns(testSkipPatterns, 'options.testSkipPatterns'),
    timeout,
    updateSnapshots: false,
  };
  const list = files ?? createTestFileList(globPatterns ?? [kDefaultPattern], cwd);
  const runner = new Runner(list, config, true);
  const stream = addStreamHelpers(runner.harness.reporter);
  if (signal?.aborted) runner.aborted = true;
  signal?.addEventListener('abort', () => runner.abort(signal.reason));
  // After the caller has attached its listeners.
  process.nextTick(async () => {
    try {
      if (setup) await setup(stream);
      await runner.run();
    } catch (err) {
      process.nextTick(() => {
        throw err;
      });
    }
  });
  return stream;
}

module.exports = { run };
