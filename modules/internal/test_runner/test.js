'use strict';
// The test tree of node:test: Test (a test() or t.test()), Suite (a
// describe()), TestHook (before/after/beforeEach/afterEach), and the
// contexts their functions receive.
//
// A test runs its function, then waits for its subtests; subtests run one
// at a time unless `concurrency` allows more. Results are reported in the
// order tests were declared, whatever order they finish in: a finished test
// waits in its parent's ready set until every earlier sibling has reported
// and the parent itself is the one being reported.

const {
  AbortError,
  codes: { ERR_INVALID_ARG_TYPE, ERR_TEST_FAILURE },
} = require('internal/errors');
const {
  validateAbortSignal,
  validateFunction,
  validateNumber,
  validateObject,
  validateOneOf,
  validateUint32,
} = require('internal/validators');
const { createDeferredCallback, countCompletedTest, isTestFailureError } = require('internal/test_runner/utils');
const { TestsStream } = require('internal/test_runner/tests_stream');
const { createDeferredPromise } = require('internal/util');
const context = require('internal/test_runner/context');

const kCallbackAndPromisePresent = 'callbackAndPromisePresent';
const kCancelledByParent = 'cancelledByParent';
const kAborted = 'testAborted';
const kParentAlreadyFinished = 'parentAlreadyFinished';
const kSubtestsFailed = 'subtestsFailed';
const kTestCodeFailure = 'testCodeFailure';
const kTestTimeoutFailure = 'testTimeoutFailure';
const kHookFailure = 'hookFailed';
const kHookNames = ['before', 'after', 'beforeEach', 'afterEach'];
// Failures whose cause is the user's own error, shown instead of the wrapper.
const kUnwrapErrors = new Set([kTestCodeFailure, kHookFailure, 'uncaughtException', 'unhandledRejection']);
const kTimeoutMax = 2 ** 31 - 1;

// Nameless, like Node's default test function.
const noop = Function.prototype;
const hrtime = () => process.hrtime.bigint();

let assertMap;
let noopTestStream;
let MockTracker;

function lazyAbortController() {
  return new AbortController();
}

// A promise that settles when the test is aborted (resolves) or its timeout
// passes (rejects with a timeout failure), with dispose() to stop waiting.
function stopTest(timeout, test) {
  let timer;
  const { promise, resolve, reject } = createDeferredPromise();
  const onAbort = () => resolve();
  test.abortWaiters.add(onAbort);
  if (timeout !== null) {
    timer = setTimeout(() => {
      reject(new ERR_TEST_FAILURE(`test timed out after ${timeout}ms`, kTestTimeoutFailure));
    }, timeout);
    timer.unref?.();
  }
  // Nobody may be left waiting on it: never report it as unhandled.
  promise.catch(noop);
  return {
    promise,
    dispose() {
      test.abortWaiters.delete(onAbort);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

function testMatchesPattern(test, patterns) {
  const byNameOrParent = patterns.some((re) => re.exec(test.name) !== null) ||
    (test.parent !== null && testMatchesPattern(test.parent, patterns));
  if (byNameOrParent) return true;
  const fullName = test.getTestNameWithAncestors().trim();
  return patterns.some((re) => re.exec(fullName) !== null);
}

// t.plan(count, { wait }): the number of assertions and subtests a test
// must make; with `wait`, the test waits for late ones (forever, or up to
// `wait` milliseconds).
class TestPlan {
  #waitForever = false;
  #pending = null;
  #timer = null;

  constructor(count, options = {}) {
    validateUint32(count, 'count');
    validateObject(options, 'options');
    this.expected = count;
    this.actual = 0;
    const { wait } = options;
    if (typeof wait === 'boolean') {
      this.wait = wait;
      this.#waitForever = wait;
    } else if (typeof wait === 'number') {
      validateNumber(wait, 'options.wait', 0, kTimeoutMax);
      this.wait = wait;
    } else if (wait !== undefined) {
      throw new ERR_INVALID_ARG_TYPE('options.wait', ['boolean', 'number'], wait);
    }
  }

  #shouldWait() {
    return this.wait !== undefined && this.wait !== false;
  }

  check() {
    if (this.actual === this.expected) {
      if (this.#timer !== null) {
        clearTimeout(this.#timer);
        this.#timer = null;
      }
      if (this.#pending !== null) {
        this.#pending.resolve();
        this.#pending = null;
      }
      return undefined;
    }
    if (!this.#shouldWait()) {
      throw new ERR_TEST_FAILURE(`plan expected ${this.expected} assertions but received ${this.actual}`,
        kTestCodeFailure);
    }
    if (this.#pending === null) {
      const pending = {};
      pending.promise = new Promise((resolve, reject) => {
        pending.resolve = resolve;
        pending.reject = reject;
      });
      this.#pending = pending;
      if (!this.#waitForever) {
        this.#timer = setTimeout(() => {
          pending.reject(new ERR_TEST_FAILURE(
            `plan timed out after ${this.wait}ms with ${this.actual} assertions when expecting ${this.expected}`,
            kTestTimeoutFailure));
        }, this.wait);
      }
    }
    return this.#pending.promise;
  }

  count() {
    this.actual++;
    if (this.#pending !== null) this.check();
  }
}

function getAssertionMap() {
  assertMap ??= require('internal/test_runner/assert').getAssertionMap();
  return assertMap;
}

class TestContext {
  #test;
  #assert;

  constructor(test) {
    this.#test = test;
  }

  get signal() {
    return this.#test.signal;
  }

  get name() {
    return this.#test.name;
  }

  get filePath() {
    return this.#test.entryFile;
  }

  get fullName() {
    return getFullName(this.#test);
  }

  get error() {
    return this.#test.error;
  }

  get passed() {
    return this.#test.passed;
  }

  diagnostic(message) {
    this.#test.diagnostic(message);
  }

  plan(count, options = {}) {
    if (this.#test.plan !== null) {
      throw new ERR_TEST_FAILURE('cannot set plan more than once', kTestCodeFailure);
    }
    this.#test.plan = new TestPlan(count, options);
  }

  // t.assert: node:assert's functions (and registered ones), each counting
  // towards the plan.
  get assert() {
    if (this.#assert === undefined) {
      const { plan } = this.#test;
      const assert = { __proto__: null };
      for (const [name, method] of getAssertionMap()) {
        assert[name] = (...args) => {
          if (plan !== null) plan.count();
          return Reflect.apply(method, this, args);
        };
      }
      const { innerOk } = require('internal/assert/utils');
      // A named function of its own, so a failing t.assert.ok(x) quotes
      // its own call.
      function ok(...args) {
        if (plan !== null) plan.count();
        innerOk(ok, args.length, ...args);
      }
      assert.ok = ok;
      this.#assert = assert;
    }
    return this.#assert;
  }

  get mock() {
    MockTracker ??= require('internal/test_runner/mock/mock').MockTracker;
    this.#test.mock ??= new MockTracker();
    return this.#test.mock;
  }

  runOnly(value) {
    this.#test.runOnlySubtests = !!value;
  }

  skip(message) {
    this.#test.skip(message);
  }

  todo(message) {
    this.#test.todo(message);
  }

  test(name, options, fn) {
    const loc = context.getCallerLocation(TestContext.prototype.test);
    const { plan } = this.#test;
    if (plan !== null) plan.count();
    // eslint-disable-next-line no-use-before-define
    const subtest = this.#test.createSubtest(Test, name, options, fn, { loc });
    return subtest.start();
  }

  before(fn, options) {
    this.#hook('before', fn, options, TestContext.prototype.before);
  }

  after(fn, options) {
    this.#hook('after', fn, options, TestContext.prototype.after);
  }

  beforeEach(fn, options) {
    this.#hook('beforeEach', fn, options, TestContext.prototype.beforeEach);
  }

  afterEach(fn, options) {
    this.#hook('afterEach', fn, options, TestContext.prototype.afterEach);
  }

  #hook(hookType, fn, options, caller) {
    this.#test.createHook(hookType, fn, {
      __proto__: null,
      ...options,
      parent: this.#test,
      hookType,
      loc: context.getCallerLocation(caller),
    });
  }

  // Polls `condition` every `interval` ms until it returns (or resolves)
  // without throwing, for at most `timeout` ms.
  waitFor(condition, options = {}) {
    validateFunction(condition, 'condition');
    validateObject(options, 'options');
    const { interval = 50, timeout = 1000 } = options;
    validateNumber(interval, 'options.interval', 0, kTimeoutMax);
    validateNumber(timeout, 'options.timeout', 0, kTimeoutMax);
    return new Promise((resolve, reject) => {
      const noError = Symbol('noError');
      let cause = noError;
      let pollTimer;
      const done = (err, result) => {
        clearTimeout(pollTimer);
        clearTimeout(deadline);
        if (err === noError) resolve(result);
        else reject(err);
      };
      const deadline = setTimeout(() => {
        // eslint-disable-next-line no-restricted-syntax
        const err = new Error('waitFor() timed out');
        if (cause !== noError) err.cause = cause;
        done(err);
      }, timeout);
      const poll = async () => {
        try {
          done(noError, await condition());
        } catch (err) {
          cause = err;
          pollTimer = setTimeout(poll, interval);
        }
      };
      poll();
    });
  }
}

class SuiteContext {
  #suite;

  constructor(suite) {
    this.#suite = suite;
  }

  get signal() {
    return this.#suite.signal;
  }

  get name() {
    return this.#suite.name;
  }

  get filePath() {
    return this.#suite.entryFile;
  }

  get fullName() {
    return getFullName(this.#suite);
  }
}

class Test {
  reportedType = 'test';

  constructor(options) {
    let { fn, name, parent } = options;
    const { concurrency, entryFile, loc, only, timeout, todo, skip, signal, plan } = options;

    if (typeof fn !== 'function') fn = noop;
    if (typeof name !== 'string' || name === '') name = fn.name || '<anonymous>';
    if (!(parent instanceof Test)) parent = null;

    this.name = name;
    this.parent = parent;
    this.testNumber = 0;
    this.outputSubtestCount = 0;
    this.diagnostics = [];
    this.filtered = false;
    this.filteredByName = false;
    this.hasOnlyTests = false;
    this.reportedStart = false;
    this.postRunDone = false;
    this.abortWaiters = new Set();

    if (parent === null) {
      this.root = this;
      this.harness = options.harness;
      this.config = this.harness.config;
      this.concurrency = 1;
      this.nesting = 0;
      this.only = this.config.only;
      this.reporter = this.harness.reporter ?? new TestsStream();
      this.runOnlySubtests = this.only;
      this.childNumber = 0;
      this.timeout = null;
      this.entryFile = entryFile;
    } else {
      const { config, isFilteringByName, isFilteringByOnly } = parent.root.harness;
      this.root = parent.root;
      this.harness = null;
      this.config = config;
      this.concurrency = parent.concurrency;
      this.nesting = parent.parent === null ? parent.nesting : parent.nesting + 1;
      this.only = only;
      this.reporter = parent.reporter;
      this.runOnlySubtests = false;
      this.childNumber = parent.subtests.length + 1;
      this.timeout = parent.timeout;
      this.entryFile = parent.entryFile;

      if (isFilteringByName) {
        this.filteredByName = this.willBeFilteredByName();
        if (!this.filteredByName) {
          for (let t = this.parent; t !== null && t.filteredByName; t = t.parent) t.filteredByName = false;
        }
      }

      if (isFilteringByOnly) {
        if (this.only) {
          // A suite with an `only` child runs only those children.
          this.parent.runOnlySubtests = true;
          if (this.parent === this.root || this.parent.startTime === null) {
            for (let t = this.parent; t !== null && !t.hasOnlyTests; t = t.parent) t.hasOnlyTests = true;
          }
        } else if (this.only === false) {
          fn = noop;
        }
      } else if (only || this.parent.runOnlySubtests) {
        this.diagnostic("'only' and 'runOnly' require the --test-only command-line option.");
      }
    }

    switch (typeof concurrency) {
      case 'number':
        validateUint32(concurrency, 'options.concurrency', true);
        this.concurrency = concurrency;
        break;
      case 'boolean':
        this.concurrency = concurrency ? (parent === null ? 1 : Infinity) : 1;
        break;
      default:
        if (concurrency != null) {
          throw new ERR_INVALID_ARG_TYPE('options.concurrency', ['boolean', 'number'], concurrency);
        }
    }

    if (timeout != null && timeout !== Infinity) {
      validateNumber(timeout, 'options.timeout', 0, kTimeoutMax);
      this.timeout = timeout;
    }

    if (skip) fn = noop;

    validateAbortSignal(signal, 'options.signal');
    this.abortController = lazyAbortController();
    this.signal = this.abortController.signal;
    this.outerSignal = signal;
    this.abortHandler = () => {
      const error = this.outerSignal?.reason || new AbortError('The test was aborted');
      error.failureType = kAborted;
      this.cancel(error);
    };
    this.outerSignal?.addEventListener('abort', this.abortHandler);

    this.fn = fn;
    this.mock = null;
    this.plan = null;
    this.expectedAssertions = plan;
    this.cancelled = false;
    this.skipped = skip !== undefined && skip !== false;
    this.isTodo = (todo !== undefined && todo !== false) || this.parent?.isTodo;
    this.startTime = null;
    this.endTime = null;
    this.passed = false;
    this.error = null;
    this.message = typeof skip === 'string' ? skip : typeof todo === 'string' ? todo : null;
    this.activeSubtests = 0;
    this.pendingSubtests = [];
    this.readySubtests = new Map();
    this.subtests = [];
    this.waitingOn = 0;
    this.finished = false;
    this.hooks = { before: [], after: [], beforeEach: [], afterEach: [], ownAfterEachCount: 0 };

    this.loc = loc === undefined ? undefined : { __proto__: null, line: loc[0], column: loc[1], file: loc[2] };
    if (this.loc !== undefined && typeof this.loc.file === 'string' && this.loc.file.startsWith('file://')) {
      this.loc.file = require('internal/url').fileURLToPath(this.loc.file);
    }
  }

  applyFilters() {
    if (this.error) return; // errors are never filtered out
    if (this.filteredByName) {
      this.filtered = true;
      return;
    }
    if (this.root.harness.isFilteringByOnly && !this.only && !this.hasOnlyTests) {
      if (this.parent.runOnlySubtests || this.parent.hasOnlyTests || this.only === false) {
        this.filtered = true;
      }
    }
  }

  willBeFilteredByName() {
    const { testNamePatterns, testSkipPatterns } = this.config;
    if (testNamePatterns && !testMatchesPattern(this, testNamePatterns)) return true;
    if (testSkipPatterns && testMatchesPattern(this, testSkipPatterns)) return true;
    return false;
  }

  // "grandparent parent test": lets a pattern pick one of several tests
  // with the same name.
  getTestNameWithAncestors() {
    if (!this.parent) return '';
    return `${this.parent.getTestNameWithAncestors()} ${this.name}`;
  }

  hasConcurrency() {
    return this.concurrency > this.activeSubtests;
  }

  addPendingSubtest(deferred) {
    this.pendingSubtests.push(deferred);
  }

  async processPendingSubtests() {
    while (this.pendingSubtests.length > 0 && this.hasConcurrency()) {
      const deferred = this.pendingSubtests.shift();
      const test = deferred.test;
      test.reporter.dequeue(test.nesting, test.loc, test.name, this.reportedType);
      await test.run();
      deferred.resolve();
    }
  }

  addReadySubtest(subtest) {
    this.readySubtests.set(subtest.childNumber, subtest);
  }

  // Reports the finished subtests that are next in declaration order, as
  // long as this test is itself the one being reported.
  processReadySubtestRange(canSend) {
    const start = this.waitingOn;
    const end = start + this.readySubtests.size;
    for (let i = start; i < end; i++) {
      const subtest = this.readySubtests.get(i);
      if (subtest === undefined) return;
      canSend ||= this.isClearToSend();
      if (!canSend) return;
      subtest.finalize();
      this.readySubtests.delete(i);
    }
  }

  createSubtest(Factory, name, options, fn, overrides) {
    if (typeof name === 'function') {
      fn = name;
    } else if (name !== null && typeof name === 'object') {
      fn = options;
      options = name;
    } else if (typeof options === 'function') {
      fn = options;
    }
    if (options === null || typeof options !== 'object') options = {};

    let parent = this;
    // A test made after its parent ended is attached to the root so its
    // failure gets reported.
    const parentGone = this.finished || this.buildPhaseFinished;
    if (parentGone) {
      while (parent.parent !== null) parent = parent.parent;
    }
    const test = new Factory({ __proto__: null, fn, name, parent, ...options, ...overrides });
    if (parent.waitingOn === 0) parent.waitingOn = test.childNumber;
    if (parentGone) {
      test.fail(new ERR_TEST_FAILURE('test could not be started because its parent finished',
        kParentAlreadyFinished));
    }
    parent.subtests.push(test);
    return test;
  }

  cancel(error) {
    if (this.endTime !== null || this.error !== null) return;
    this.fail(error ||
      new ERR_TEST_FAILURE('test did not finish before its parent and was cancelled', kCancelledByParent));
    this.cancelled = true;
    this.abort();
  }

  abort() {
    for (const wake of this.abortWaiters) wake();
    if (!this.signal.aborted) this.abortController.abort();
  }

  // beforeEach hooks run from the outermost suite in; afterEach hooks from
  // the innermost out.
  computeInheritedHooks() {
    if (this.parent.hooks.beforeEach.length > 0) this.hooks.beforeEach.unshift(...this.parent.hooks.beforeEach);
    if (this.parent.hooks.afterEach.length > 0) this.hooks.afterEach.push(...this.parent.hooks.afterEach);
  }

  createHook(name, fn, options) {
    validateOneOf(name, 'hook name', kHookNames);
    // eslint-disable-next-line no-use-before-define
    const hook = new TestHook(fn, options);
    if (name === 'before' || name === 'after') {
      const run = hook.run;
      let ran = null;
      hook.run = function(args) {
        ran ??= Reflect.apply(run, this, [args]);
        return ran;
      };
    }
    if (name === 'before' && this.startTime !== null) {
      // The test already started: run the hook now.
      hook.run(this.getRunArgs()).then(() => {
        if (hook.error != null) this.fail(hook.error);
      });
    }
    if (name === 'afterEach') {
      // A test's own afterEach hooks run in creation order, before the ones
      // it inherited.
      this.hooks.afterEach.splice(this.hooks.ownAfterEachCount, 0, hook);
      this.hooks.ownAfterEachCount++;
    } else {
      this.hooks[name].push(hook);
    }
  }

  fail(err) {
    if (this.error !== null) return;
    this.passed = false;
    this.error = err;
  }

  pass() {
    if (this.error !== null) return;
    this.passed = true;
  }

  skip(message) {
    this.skipped = true;
    this.message = message;
  }

  todo(message) {
    this.isTodo = true;
    this.message = message;
  }

  diagnostic(message) {
    this.diagnostics.push(message);
  }

  start() {
    if (this.discarded) return Promise.resolve();
    this.applyFilters();
    if (this.filtered) {
      noopTestStream ??= new TestsStream();
      this.reporter = noopTestStream;
      this.run = this.filteredRun;
    } else {
      this.testNumber = ++this.parent.outputSubtestCount;
    }
    this.reporter.enqueue(this.nesting, this.loc, this.name, this.reportedType);
    if (this.root.harness.buildPromise || !this.parent.hasConcurrency()) {
      const deferred = { test: this };
      deferred.promise = new Promise((resolve) => { deferred.resolve = resolve; });
      this.parent.addPendingSubtest(deferred);
      return deferred.promise;
    }
    this.reporter.dequeue(this.nesting, this.loc, this.name, this.reportedType);
    return this.run();
  }

  shouldAbort() {
    if (this.signal.aborted || this.outerSignal?.aborted) {
      this.abortHandler();
      return true;
    }
    return false;
  }

  getRunArgs() {
    const ctx = new TestContext(this);
    return { __proto__: null, ctx, args: [ctx] };
  }

  async runHook(hook, args) {
    validateOneOf(hook, 'hook name', kHookNames);
    try {
      const hooks = this.hooks[hook];
      for (let i = 0; i < hooks.length; ++i) {
        const h = hooks[i];
        await h.run(args);
        if (h.error) throw h.error;
      }
    } catch (err) {
      const error = new ERR_TEST_FAILURE(`failed running ${hook} hook`, kHookFailure);
      error.cause = isTestFailureError(err) ? err.cause : err;
      throw error;
    }
  }

  async filteredRun() {
    this.pass();
    this.subtests = [];
    this.report = noop;
    queueMicrotask(() => this.postRun());
  }

  async run() {
    if (this.parent !== null) {
      this.parent.activeSubtests++;
      this.computeInheritedHooks();
    }
    this.startTime ??= hrtime();
    if (this.shouldAbort()) {
      this.postRun();
      return;
    }

    const hookArgs = this.getRunArgs();
    const { args, ctx } = hookArgs;
    if (this.plan === null && this.expectedAssertions) ctx.plan(this.expectedAssertions);

    const after = async () => {
      if (this.hooks.after.length > 0) await this.runHook('after', hookArgs);
    };
    let afterEachRan = null;
    const afterEach = () => {
      afterEachRan ??= (async () => {
        if (this.parent?.hooks.afterEach.length > 0 && !this.skipped) {
          await this.parent.runHook('afterEach', hookArgs);
        }
      })();
      return afterEachRan;
    };

    let stop;
    context.enterRunning(this);
    try {
      if (this.parent?.hooks.before.length > 0) {
        await this.parent.runHook('before', this.parent.getRunArgs());
      }
      if (this.parent?.hooks.beforeEach.length > 0 && !this.skipped) {
        await this.parent.runHook('beforeEach', hookArgs);
      }
      stop = stopTest(this.timeout, this);
      const promises = [];
      if (this.fn.length === args.length + 1) {
        // An error-first callback test: done(err).
        const { promise, cb } = createDeferredCallback();
        const ret = context.runInTest(this, this.fn, ctx, [...args, cb]);
        if (ret !== null && typeof ret === 'object' && typeof ret.then === 'function') {
          this.fail(new ERR_TEST_FAILURE('passed a callback but also returned a Promise', kCallbackAndPromisePresent));
          promises.push(ret);
        } else {
          promises.push(promise);
        }
      } else {
        promises.push(Promise.resolve(context.runInTest(this, this.fn, ctx, args)));
      }
      promises.push(stop.promise);
      await Promise.race(promises);

      this.shouldAbort();
      if (this.plan !== null) {
        const planPromise = this.plan.check();
        // The plan waits for late assertions.
        if (planPromise) await Promise.race([planPromise, stop.promise]);
      }
      this.pass();
      await afterEach();
      await after();
    } catch (err) {
      if (isTestFailureError(err)) {
        if (err.failureType === kTestTimeoutFailure) {
          this.cancel(err);
        } else {
          this.fail(err);
        }
      } else {
        this.fail(new ERR_TEST_FAILURE(err, kTestCodeFailure));
      }
      try {
        await afterEach();
      } catch {
        // Already failing.
      }
      try {
        await after();
      } catch {
        // Already failing.
      }
    } finally {
      stop?.dispose();
      context.leaveRunning(this);
      // Hooks are shared between the tests of a suite: never abort them.
      if (this.parent !== null) this.abort();
    }

    // The root reports at the end of the run (harness.finish), not here.
    if (this.parent !== null || typeof this.hookType === 'string') this.postRun();
  }

  postRun(pendingSubtestsError) {
    if (this.postRunDone) return;
    this.postRunDone = this.parent !== null;
    // A test cancelled before it started has no times of its own.
    this.endTime ??= hrtime();
    this.startTime ??= this.endTime;

    // Subtests still running are cancelled; their failures fail this test.
    this.pendingSubtests = [];
    let failed = 0;
    for (let i = 0; i < this.subtests.length; i++) {
      const subtest = this.subtests[i];
      if (!subtest.finished && !subtest.postRunDone) {
        subtest.cancel(pendingSubtestsError);
        subtest.postRun(pendingSubtestsError);
      }
      if (!subtest.passed && !subtest.isTodo) failed++;
    }
    if ((this.passed || this.parent === null) && failed > 0) {
      this.fail(new ERR_TEST_FAILURE(`${failed} subtest${failed > 1 ? 's' : ''} failed`, kSubtestsFailed));
    }

    this.outerSignal?.removeEventListener('abort', this.abortHandler);
    this.mock?.reset();

    if (this.parent !== null) {
      if (!this.filtered) {
        const report = this.getReportDetails();
        report.details.passed = this.passed;
        this.testNumber ||= ++this.parent.outputSubtestCount;
        this.reporter.complete(this.nesting, this.loc, this.testNumber, this.name, report.details, report.directive);
        this.parent.activeSubtests--;
      }
      this.parent.addReadySubtest(this);
      this.parent.processReadySubtestRange(false);
      this.parent.processPendingSubtests();
    } else {
      this.root.harness.finish(this);
    }
  }

  isClearToSend() {
    return this.parent === null || (this.parent.waitingOn === this.childNumber && this.parent.isClearToSend());
  }

  finalize() {
    // This test and all its subtests are done, and it is its turn: report
    // the subtests not reported yet, then this test.
    this.processReadySubtestRange(true);
    this.report();
    this.parent.waitingOn++;
    this.finished = true;
    if (this.parent === this.root && this.root.waitingOn > this.root.subtests.length) {
      // Every top-level test has reported: run the root's after() hooks
      // (they may close handles that keep the process alive).
      this.root.run();
    }
  }

  duration() {
    return Number(this.endTime - this.startTime) / 1e6;
  }

  getReportDetails() {
    let directive;
    const details = { __proto__: null, duration_ms: this.duration() };
    if (this.skipped) {
      directive = this.reporter.getSkip(this.message);
    } else if (this.isTodo) {
      directive = this.reporter.getTodo(this.message);
    }
    if (this.reportedType) details.type = this.reportedType;
    if (!this.passed) details.error = this.error;
    return { __proto__: null, details, directive };
  }

  report() {
    countCompletedTest(this);
    if (this.outputSubtestCount > 0) {
      this.reporter.plan(this.subtests[0].nesting, this.loc, this.outputSubtestCount);
    } else {
      this.reportStarted();
    }
    const report = this.getReportDetails();
    if (this.passed) {
      this.reporter.ok(this.nesting, this.loc, this.testNumber, this.name, report.details, report.directive);
    } else {
      this.reporter.fail(this.nesting, this.loc, this.testNumber, this.name, report.details, report.directive);
    }
    for (let i = 0; i < this.diagnostics.length; i++) {
      this.reporter.diagnostic(this.nesting, this.loc, this.diagnostics[i]);
    }
  }

  reportStarted() {
    if (this.reportedStart || this.parent === null) return;
    this.reportedStart = true;
    this.parent.reportStarted();
    this.reporter.start(this.nesting, this.loc, this.name);
  }
}

class TestHook extends Test {
  reportedType = 'hook';
  #args;

  constructor(fn, options) {
    const { hookType, loc, parent, timeout, signal } = options;
    super({ __proto__: null, fn, loc, timeout, signal, harness: parent.root.harness });
    this.parentTest = parent;
    this.hookType = hookType;
  }

  run(args) {
    if (this.error && !this.outerSignal?.aborted) {
      // A hook that failed for one test runs afresh for the next.
      this.passed = false;
      this.error = null;
      this.abort();
      this.abortController = lazyAbortController();
      this.signal = this.abortController.signal;
    }
    this.#args = args;
    return super.run();
  }

  getRunArgs() {
    return this.#args;
  }

  willBeFilteredByName() {
    return false;
  }

  postRun() {
    const { error, loc, parentTest: parent } = this;
    // A failing after() hook of the root has no test to fail: report it as
    // a test of its own.
    if (error && parent === parent.root && this.hookType === 'after') {
      if (isTestFailureError(error)) error.failureType = kHookFailure;
      this.endTime ??= hrtime();
      parent.reporter.fail(0, loc, parent.subtests.length + 1, loc?.file, {
        __proto__: null,
        duration_ms: this.duration(),
        error,
      }, undefined);
    }
  }
}

class Suite extends Test {
  reportedType = 'suite';

  constructor(options) {
    super(options);
    if (this.config.testNamePatterns !== null && this.config.testSkipPatterns !== null && !options.skip) {
      this.fn = options.fn || this.fn;
      this.skipped = false;
    }
    this.buildSuite = this.createBuild();
    this.fn = noop;
  }

  // Runs the describe() function now, collecting its tests and hooks.
  async createBuild() {
    try {
      const { ctx, args } = this.getRunArgs();
      await context.runInTest(this, this.fn, ctx, args);
    } catch (err) {
      this.fail(new ERR_TEST_FAILURE(err, kTestCodeFailure));
    }
    this.buildPhaseFinished = true;
  }

  getRunArgs() {
    const ctx = new SuiteContext(this);
    return { __proto__: null, ctx, args: [ctx] };
  }

  async run() {
    this.computeInheritedHooks();
    const hookArgs = this.getRunArgs();
    let stop;
    let afterRan = null;
    const after = () => {
      afterRan ??= this.runHook('after', hookArgs);
      return afterRan;
    };
    try {
      this.parent.activeSubtests++;
      await this.buildSuite;
      this.startTime = hrtime();
      if (this.shouldAbort()) {
        this.subtests = [];
        this.postRun();
        return;
      }
      if (this.parent.hooks.before.length > 0) {
        await this.parent.runHook('before', this.parent.getRunArgs());
      }
      await this.runHook('before', hookArgs);
      stop = stopTest(this.timeout, this);
      const subtests = this.skipped || this.error ? [] : this.subtests;
      const promise = Promise.all(subtests.map((subtest) => subtest.start()));
      await Promise.race([promise, stop.promise]);
      await after();
      this.pass();
    } catch (err) {
      try {
        await after();
      } catch {
        // Already failing.
      }
      if (isTestFailureError(err)) {
        this.fail(err);
      } else {
        this.fail(new ERR_TEST_FAILURE(err, kTestCodeFailure));
      }
    } finally {
      stop?.dispose();
    }
    this.postRun();
  }
}

function getFullName(test) {
  if (test === test.root) return test.name;
  let fullName = test.name;
  for (let t = test.parent; t !== t.root; t = t.parent) fullName = `${t.name} > ${fullName}`;
  return fullName;
}

module.exports = {
  kAborted,
  kCancelledByParent,
  kHookFailure,
  kSubtestsFailed,
  kTestCodeFailure,
  kTestTimeoutFailure,
  kUnwrapErrors,
  Suite,
  Test,
  TestHook,
};
