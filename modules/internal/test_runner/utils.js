'use strict';
// Shared pieces of the test runner: the options read from the command line,
// the counters of the closing summary, error helpers, and reporter loading.

const {
  codes: { ERR_INVALID_ARG_VALUE, ERR_TEST_FAILURE },
  kIsNodeError,
} = require('internal/errors');
const { createDeferredPromise } = require('internal/util');

const kMultipleCallbackInvocations = 'multipleCallbackInvocations';
const kRegExpPattern = /^\/(.*)\/([a-z]*)$/;

// What `--test` runs when given no paths (Node 22's default glob).
const kDefaultPattern = '**/{test,test/**/*,test-*,*[._-]test}.{js,mjs,cjs}';

// A callback for tests that take `done`: a promise settled by the first
// call, and an error on the second.
function createDeferredCallback() {
  let calls = 0;
  const { promise, resolve, reject } = createDeferredPromise();
  const cb = (err) => {
    calls++;
    if (calls > 1) {
      if (calls === 2) {
        throw new ERR_TEST_FAILURE('callback invoked multiple times', kMultipleCallbackInvocations);
      }
      return;
    }
    if (err) {
      reject(err);
      return;
    }
    resolve();
  };
  return { promise, cb };
}

function isTestFailureError(err) {
  return err?.code === 'ERR_TEST_FAILURE' && kIsNodeError in err;
}

// "/re/flags" is a RegExp literal; anything else is a pattern as is.
function convertStringToRegExp(str, name) {
  const match = kRegExpPattern.exec(str);
  const pattern = match?.[1] ?? str;
  const flags = match?.[2] || '';
  try {
    return new RegExp(pattern, flags);
  } catch (err) {
    const msg = err?.message;
    throw new ERR_INVALID_ARG_VALUE(name, str, `is an invalid regular expression.${msg ? ` ${msg}` : ''}`);
  }
}

// All values of a --name / --name=value option in process.execArgv.
function optionValues(argv, name) {
  const values = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === name) {
      if (i + 1 < argv.length) values.push(argv[++i]);
    } else if (arg.startsWith(`${name}=`)) {
      values.push(arg.slice(name.length + 1));
    }
  }
  return values;
}

function hasFlag(argv, name) {
  return argv.includes(name);
}

let globalOptions;

// The runner's options, from process.execArgv: the same ones whether the
// tests run under `--test` or from a file run directly (every file runs as
// Node's child process of `--test` would).
function parseCommandLine() {
  if (globalOptions !== undefined) return globalOptions;
  const argv = process.execArgv;
  const isTestRunner = hasFlag(argv, '--test');
  let reporters = optionValues(argv, '--test-reporter');
  let destinations = optionValues(argv, '--test-reporter-destination');
  if (reporters.length === 0 && destinations.length === 0) {
    reporters = [process.stdout.isTTY ? 'spec' : 'tap'];
  }
  if (reporters.length === 1 && destinations.length === 0) destinations = ['stdout'];
  if (destinations.length !== reporters.length) {
    throw new ERR_INVALID_ARG_VALUE('--test-reporter', reporters,
      'must match the number of specified \'--test-reporter-destination\'');
  }
  const patterns = (flag) => {
    const values = optionValues(argv, flag);
    return values.length > 0 ? values.map((re) => convertStringToRegExp(re, flag)) : null;
  };
  let timeout = Infinity;
  const timeoutValue = optionValues(argv, '--test-timeout').pop();
  if (timeoutValue !== undefined && Number(timeoutValue) > 0) timeout = Number(timeoutValue);
  globalOptions = {
    __proto__: null,
    isTestRunner,
    concurrency: 1,
    destinations,
    forceExit: hasFlag(argv, '--test-force-exit'),
    only: hasFlag(argv, '--test-only'),
    reporters,
    testNamePatterns: patterns('--test-name-pattern'),
    testSkipPatterns: patterns('--test-skip-pattern'),
    timeout,
    updateSnapshots: hasFlag(argv, '--test-update-snapshots'),
  };
  return globalOptions;
}

function countCompletedTest(test, harness = test.root.harness) {
  if (test.nesting === 0) harness.counters.topLevel++;
  if (test.reportedType === 'suite') {
    harness.counters.suites++;
    return;
  }
  // Skipped and todo tests never count as failures.
  if (test.skipped) {
    harness.counters.skipped++;
  } else if (test.isTodo) {
    harness.counters.todo++;
  } else if (test.cancelled) {
    harness.counters.cancelled++;
    harness.success = false;
  } else if (!test.passed) {
    harness.counters.failed++;
    harness.success = false;
  } else {
    harness.counters.passed++;
  }
  harness.counters.tests++;
}

const kBuiltinReporters = new Map([
  ['spec', 'internal/test_runner/reporter/spec'],
  ['dot', 'internal/test_runner/reporter/dot'],
  ['tap', 'internal/test_runner/reporter/tap'],
]);

// A reporter by name: a built-in one, or a module (path or package) whose
// export (or default export) is an async generator function taking the
// event source, or a class with such a `transform`-like interface.
function loadReporter(name) {
  const builtin = kBuiltinReporters.get(name);
  if (builtin !== undefined) return require(builtin);
  const Module = require('internal/modules/cjs/loader');
  const path = require('path');
  const parent = new Module(path.join(process.cwd(), '[test-reporter]'));
  parent.filename = parent.id;
  parent.paths = Module._nodeModulePaths(process.cwd());
  let request = name;
  if (name.startsWith('file://')) request = require('internal/url').fileURLToPath(name);
  let reporter = Module._load(request, parent, false);
  if (reporter?.default) reporter = reporter.default;
  if (typeof reporter !== 'function') {
    throw new ERR_INVALID_ARG_VALUE('Reporter', name, 'is not a valid reporter');
  }
  return reporter;
}

module.exports = {
  convertStringToRegExp,
  countCompletedTest,
  createDeferredCallback,
  isTestFailureError,
  kDefaultPattern,
  loadReporter,
  parseCommandLine,
};
