'use strict';
// The root of the test tree and the functions node:test exports (test,
// describe, hooks). The root is made on first use; its results go to the
// reporters named by --test-reporter, and when the event loop empties
// (beforeExit) it cancels what is still pending and prints the summary.

const { codes: { ERR_TEST_FAILURE } } = require('internal/errors');
const { kCancelledByParent, Test, Suite } = require('internal/test_runner/test');
const { TestsStream } = require('internal/test_runner/tests_stream');
const { parseCommandLine } = require('internal/test_runner/utils');
const context = require('internal/test_runner/context');

const hrtime = () => process.hrtime.bigint();
const kGenericUserError = 1;

let globalRoot;

function createHarness(config) {
  const harness = {
    __proto__: null,
    config,
    reporter: new TestsStream(),
    // Set while the tests declared by the file being loaded wait for every
    // describe() body to finish (Node's build phase).
    buildPromise: null,
    buildSuites: [],
    isWaitingForBuildPhase: false,
    counters: null,
    success: true,
    isFilteringByName: Boolean(config.testNamePatterns || config.testSkipPatterns),
    isFilteringByOnly: Boolean(config.only),
    reported: false,
    reporters: null,
    resetCounters() {
      harness.counters = {
        __proto__: null, tests: 0, failed: 0, passed: 0, cancelled: 0, skipped: 0, todo: 0, topLevel: 0, suites: 0,
      };
    },
    // Starts a build phase: top-level tests wait until the describe()
    // bodies declared with them have run.
    startBuildPhase() {
      let resolve;
      harness.buildPromise = new Promise((res) => { resolve = res; });
      harness.resolveBuildPhase = resolve;
      harness.buildSuites = [];
      harness.isWaitingForBuildPhase = false;
    },
    async waitForBuildPhase() {
      if (harness.buildSuites.length > 0) await Promise.all(harness.buildSuites);
      harness.resolveBuildPhase();
    },
    // The root's closing report: the plan, its diagnostics and the summary.
    finish(root) {
      if (harness.reported) return;
      harness.reported = true;
      const { reporter } = harness;
      reporter.plan(root.nesting, root.loc, harness.counters.topLevel);
      for (let i = 0; i < root.diagnostics.length; i++) {
        reporter.diagnostic(root.nesting, root.loc, root.diagnostics[i]);
      }
      const duration = root.duration();
      const c = harness.counters;
      reporter.diagnostic(root.nesting, root.loc, `tests ${c.tests}`);
      reporter.diagnostic(root.nesting, root.loc, `suites ${c.suites}`);
      reporter.diagnostic(root.nesting, root.loc, `pass ${c.passed}`);
      reporter.diagnostic(root.nesting, root.loc, `fail ${c.failed}`);
      reporter.diagnostic(root.nesting, root.loc, `cancelled ${c.cancelled}`);
      reporter.diagnostic(root.nesting, root.loc, `skipped ${c.skipped}`);
      reporter.diagnostic(root.nesting, root.loc, `todo ${c.todo}`);
      reporter.diagnostic(root.nesting, root.loc, `duration_ms ${duration}`);
      reporter.summary(root.nesting, root.loc?.file, harness.success, harness.counters, duration);
      if (harness.setsExitCode && !harness.success) process.exitCode = kGenericUserError;
      reporter.end();
      if (config.forceExit && !config.isTestRunner) {
        // --test-force-exit: do not wait for handles the tests left open.
        harness.reportersDone.then(() => process.exit());
      }
    },
  };
  harness.resetCounters();
  harness.startBuildPhase();
  return harness;
}

// Attaches the reporters to the root's event stream: each one is an async
// generator over the events whose chunks go to its destination.
function setupReporters(harness, write) {
  const { reporters, destinations } = harness.config;
  const { loadReporter } = require('internal/test_runner/utils');
  const done = [];
  for (let i = 0; i < reporters.length; i++) {
    const reporter = loadReporter(reporters[i]);
    const sink = destinationWriter(destinations[i], write);
    const source = harness.reporter[Symbol.asyncIterator]();
    done.push((async () => {
      for await (const chunk of reporterOutput(reporter, source)) sink.write(chunk);
      sink.end();
    })());
  }
  harness.reportersDone = Promise.all(done);
}

// As in Node: a function with a prototype of its own (a class or a plain
// function) is a stream constructor; others (async generator functions,
// arrow functions) are called with the event source.
function reporterOutput(reporter, source) {
  if (reporter.prototype && Object.getOwnPropertyDescriptor(reporter.prototype, 'constructor')) {
    return runClassReporter(reporter, source);
  }
  return reporter(source);
}

// A reporter written as a class with a transform(event) method returning a
// string (or a Transform stream class): adapted to an async generator.
async function* runClassReporter(Reporter, source) {
  const instance = new Reporter();
  if (typeof instance._transform === 'function') {
    for await (const event of source) {
      const chunk = await new Promise((resolve, reject) => {
        instance._transform(event, 'utf8', (err, data) => (err ? reject(err) : resolve(data)));
      });
      if (chunk != null) yield chunk;
    }
    if (typeof instance._flush === 'function') {
      const chunk = await new Promise((resolve, reject) => {
        instance._flush((err, data) => (err ? reject(err) : resolve(data)));
      });
      if (chunk != null) yield chunk;
    }
    return;
  }
  throw new TypeError('Reporter classes must be Transform streams');
}

function destinationWriter(destination, write) {
  if (destination === 'stdout' || destination === 'stderr') {
    const fd = destination === 'stdout' ? 1 : 2;
    return { write: (chunk) => write(fd, chunk), end() {} };
  }
  // A file: written at once when the run ends.
  let text = '';
  return {
    write(chunk) {
      text += chunk;
    },
    end() {
      const fs = require('fs');
      fs.writeFileSync(destination, text);
    },
  };
}

// Writes reporter output straight to the descriptor: under --test the
// process's stdout is redirected into the event stream.
function writeStdio(fd, chunk) {
  const { writeStdio: write } = internalBinding('process');
  write(fd, typeof chunk === 'string' ? chunk : String(chunk));
}

function createProcessEventHandler(eventName, root) {
  return (err) => {
    if (root.harness.bootstrapping) {
      // The runner is not set up yet (the error came from the code that
      // declares the tests): behave as if it were not there.
      throw err;
    }
    const test = context.blamedTest();
    if (test === null || test.finished || test.hookType || test.postRunDone || test.parent === null) {
      let msg;
      if (test && test.parent !== null && !test.hookType) {
        let locInfo = '';
        if (test.loc) {
          const relPath = require('path').relative(process.cwd(), test.loc.file);
          locInfo = ` at ${relPath}:${test.loc.line}:${test.loc.column}`;
        }
        msg = `Error: Test "${test.name}"${locInfo} generated asynchronous activity after the test ended. ` +
          `This activity created the error "${err}" and would have caused the test to fail, but instead ` +
          `triggered an ${eventName} event.`;
      } else if (test && test.hookType) {
        let locInfo = '';
        if (test.loc) {
          const relPath = require('path').relative(process.cwd(), test.loc.file);
          locInfo = ` at ${relPath}:${test.loc.line}:${test.loc.column}`;
        }
        msg = `Error: Test hook "${test.hookType}"${locInfo} generated asynchronous activity after the test ` +
          `ended. This activity created the error "${err}" and would have caused the test to fail, but ` +
          `instead triggered an ${eventName} event.`;
      } else {
        msg = 'Error: A resource generated asynchronous activity after the test ended. This activity created ' +
          `the error "${err}" which triggered an ${eventName} event, caught by the test runner.`;
      }
      root.diagnostic(msg);
      root.harness.success = false;
      process.exitCode = kGenericUserError;
      return;
    }
    test.fail(new ERR_TEST_FAILURE(err, eventName));
    test.abort();
  };
}

function setupProcessState(root) {
  const harness = root.harness;
  const exceptionHandler = createProcessEventHandler('uncaughtException', root);
  const rejectionHandler = createProcessEventHandler('unhandledRejection', root);
  const exitHandler = async () => {
    if (harness.beforeExitHook && harness.beforeExitHook() === true) {
      // The command-line runner still has files to run.
      return;
    }
    if (root.subtests.length === 0 && (root.hooks.before.length > 0 || root.hooks.after.length > 0)) {
      // Global hooks run even when there are no tests.
      await root.run();
    }
    root.postRun(new ERR_TEST_FAILURE(
      'Promise resolution is still pending but the event loop has already resolved', kCancelledByParent));
    process.removeListener('uncaughtException', exceptionHandler);
    process.removeListener('unhandledRejection', rejectionHandler);
    process.removeListener('beforeExit', exitHandler);
  };
  process.on('uncaughtException', exceptionHandler);
  process.on('unhandledRejection', rejectionHandler);
  process.on('beforeExit', exitHandler);
  harness.teardown = exitHandler;
}



// `withReporters` false: the caller reads the event stream itself (run()).
function createTestTree(rootOptions, config, write = writeStdio, withReporters = true) {
  const harness = createHarness(config);
  globalRoot = new Test({ __proto__: null, ...rootOptions, harness, name: '<root>' });
  globalRoot.startTime = hrtime();
  harness.root = globalRoot;
  // Until the first tests start, an error belongs to the program, not to a
  // test.
  harness.bootstrapping = true;
  setupProcessState(globalRoot);
  if (withReporters) {
    setupReporters(harness, write);
    // The run's exit code follows its result (not for run(), whose caller
    // decides).
    harness.setsExitCode = true;
  }
  return globalRoot;
}

// The root for node:test used by a program run directly.
function lazyBootstrapRoot() {
  if (globalRoot === undefined) {
    const entryFile = process.argv?.[1];
    createTestTree({
      __proto__: null,
      entryFile,
      loc: entryFile ? [1, 1, entryFile] : undefined,
    }, parseCommandLine());
  }
  return globalRoot;
}

function getRoot() {
  return globalRoot;
}

async function startSubtestAfterBootstrap(subtest) {
  const harness = subtest.root.harness;
  if (harness.buildPromise) {
    const buildPromise = harness.buildPromise;
    if (subtest.buildSuite) harness.buildSuites.push(subtest.buildSuite);
    if (!harness.isWaitingForBuildPhase) {
      harness.isWaitingForBuildPhase = true;
      // After the code declaring the tests has run to its end.
      queueMicrotask(() => {
        harness.bootstrapping = false;
        harness.waitForBuildPhase();
      });
    }
    await buildPromise;
    if (harness.buildPromise === buildPromise) harness.buildPromise = null;
  }
  await subtest.start();
}

function parentForNewTest() {
  let current = context.currentTest();
  if (current !== null && current.hookType !== undefined) current = current.parentTest;
  return current ?? lazyBootstrapRoot();
}

function runInParentContext(Factory) {
  function run(name, options, fn, overrides) {
    const parent = parentForNewTest();
    const subtest = parent.createSubtest(Factory, name, options, fn, overrides);
    if (parent instanceof Suite) return Promise.resolve();
    return startSubtestAfterBootstrap(subtest);
  }
  const test = function test(name, options, fn) {
    return run(name, options, fn, { __proto__: null, loc: context.getCallerLocation(test) });
  };
  for (const keyword of ['skip', 'todo', 'only']) {
    const variant = function(name, options, fn) {
      return run(name, options, fn, { __proto__: null, [keyword]: true, loc: context.getCallerLocation(variant) });
    };
    Object.defineProperty(variant, 'name', { value: keyword });
    test[keyword] = variant;
  }
  return test;
}

function hook(hookType) {
  const fn = function(hookFn, options) {
    const parent = parentForNewTest();
    parent.createHook(hookType, hookFn, {
      __proto__: null,
      ...options,
      parent,
      hookType,
      loc: context.getCallerLocation(fn),
    });
  };
  Object.defineProperty(fn, 'name', { value: hookType });
  return fn;
}

const test = runInParentContext(Test);
const suite = runInParentContext(Suite);

module.exports = {
  after: hook('after'),
  afterEach: hook('afterEach'),
  before: hook('before'),
  beforeEach: hook('beforeEach'),
  createTestTree,
  getRoot,
  lazyBootstrapRoot,
  startSubtestAfterBootstrap,
  suite,
  test,
};
