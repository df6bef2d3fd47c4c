'use strict';
// `shard --test [paths or globs]`. Node runs each test file in a child
// process; shard has no child processes to spare for this, so the files run
// one after another in this process, each with a fresh module cache, as if
// it were the main module. A file counts as done (its child would have
// exited) once its tests have reported and the event loop has drained.
// Output the files write to stdout and stderr becomes test:stdout and
// test:stderr events, as a child's output does in Node.

const path = require('path');
const { codes: { ERR_TEST_FAILURE } } = require('internal/errors');
const { createTestTree } = require('internal/test_runner/harness');
const { Test, kCancelledByParent, kTestCodeFailure, kTestTimeoutFailure } = require('internal/test_runner/test');
const { kDefaultPattern, parseCommandLine } = require('internal/test_runner/utils');
const { globSync, hasMagic } = require('internal/test_runner/glob');

const kGenericUserError = 1;

function createTestFileList(patterns, cwd) {
  const userSupplied = patterns.length > 0;
  const results = globSync(userSupplied ? patterns : [kDefaultPattern], cwd);
  if (userSupplied) {
    // Named files that do not exist are an error, as in Node.
    const missing = patterns.filter((p) => !hasMagic(p) && !exists(path.resolve(cwd, p)));
    const matchedByGlob = results.some((r) => !patterns.includes(r));
    if (missing.length === patterns.length && !matchedByGlob) {
      process.stderr.write(`Could not find '${patterns.join(', ')}'\n`);
      process.exit(kGenericUserError);
    }
    return results.filter((r) => hasMagic(r) || !missing.includes(r));
  }
  return results;
}

function exists(file) {
  return internalBinding('module_fs').internalModuleStat(file) >= 0;
}

function toText(chunk, encoding) {
  if (typeof chunk === 'string') return chunk;
  if (typeof Buffer === 'function' && Buffer.isBuffer(chunk)) {
    return chunk.toString(typeof encoding === 'string' ? encoding : 'utf8');
  }
  if (ArrayBuffer.isView(chunk)) {
    return new TextDecoder().decode(chunk);
  }
  return String(chunk);
}

// Sends what the program writes to a stdio stream into the event stream;
// returns the function that undoes it.
function captureStream(stream, emit) {
  const original = Object.getOwnPropertyDescriptor(stream, 'write');
  stream.write = function write(chunk, encoding, cb) {
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = undefined;
    }
    emit(toText(chunk, encoding));
    if (typeof cb === 'function') process.nextTick(cb);
    return true;
  };
  return () => {
    if (original) Object.defineProperty(stream, 'write', original);
    else delete stream.write;
  };
}

// What Node's child prints for an uncaught exception at load time.
function describeLoadError(err) {
  let text = '';
  const stack = err !== null && typeof err === 'object' && typeof err.stack === 'string' ? err.stack : null;
  if (stack !== null) {
    const frame = /\(?((?:\/|file:\/\/)[^():]+):(\d+):(\d+)\)?$/m.exec(stack);
    if (frame !== null) {
      try {
        const file = frame[1].startsWith('file://') ? require('internal/url').fileURLToPath(frame[1]) : frame[1];
        const line = internalBinding('module_fs').readFileUtf8(file).split(/\r?\n/)[frame[2] - 1];
        if (line !== undefined) {
          // Node's caret marks the throw statement when there is one.
          let column = frame[3] - 1;
          const throwAt = line.lastIndexOf('throw', column);
          if (throwAt !== -1) column = throwAt;
          text += `${frame[1]}:${frame[2]}\n${line}\n${' '.repeat(Math.max(0, column))}^\n\n`;
        }
      } catch {
        // No source to show.
      }
    }
    text += stack;
  } else {
    text += `Uncaught ${require('internal/util/inspect').inspect(err)}`;
  }
  return `${text}\n\nNode.js ${process.version}\n`;
}

async function loadFile(file) {
  const Module = require('internal/modules/cjs/loader');
  const importFile = async () => {
    const url = require('internal/url').pathToFileURL(file).href;
    return require('internal/modules/esm/loader').importModule(url);
  };
  if (file.endsWith('.mjs')) return importFile();
  try {
    Module._load(file, null, true);
  } catch (err) {
    if (err?.code === 'ERR_REQUIRE_ESM' || err?.code === 'ERR_REQUIRE_ASYNC_MODULE') return importFile();
    throw err;
  }
}

class Runner {
  // With `forRunApi`, no reporters are attached and the program's output is
  // left alone: the caller of run() reads the event stream.
  constructor(files, config, forRunApi = false) {
    this.files = files;
    this.config = config;
    this.cwd = config.cwd ?? process.cwd();
    this.root = createTestTree({ __proto__: null, entryFile: undefined, loc: undefined }, config, undefined,
      !forRunApi);
    this.harness = this.root.harness;
    this.forRunApi = forRunApi;
    this.harness.bootstrapping = false;
    this.current = null; // the file running now
    this.finished = false;
    this.aborted = false;
    this.harness.beforeExitHook = () => this.onBeforeExit();
    // The root runs (its after() hooks) when a file's last top-level test
    // has reported: the file is not done until that has finished.
    const root = this.root;
    const runRoot = root.run;
    root.run = async () => {
      const file = this.current;
      if (file !== null) file.rootRunning++;
      try {
        await Reflect.apply(runRoot, root, []);
      } finally {
        if (file !== null) file.rootRunning--;
      }
    };
    const reporter = this.harness.reporter;
    if (forRunApi) return;
    const restoreOut = captureStream(process.stdout, (text) => reporter.stdout(this.current?.name, text));
    const restoreErr = captureStream(process.stderr, (text) => reporter.stderr(this.current?.name, text));
    reporter.on('test:summary', (data) => {
      // The run's own summary (the files' summaries name their file).
      if (data.file !== undefined) return;
      restoreOut();
      restoreErr();
    });
  }

  // All tests of the current file have reported and its root after()
  // hooks have run.
  testsDone(file) {
    const { root } = this;
    if (file.rootRunning > 0 || root.activeSubtests > 0 || root.pendingSubtests.length > 0) return false;
    for (let i = file.firstTest; i < root.subtests.length; i++) {
      if (!root.subtests[i].finished) return false;
    }
    return true;
  }

  onBeforeExit() {
    if (this.finished) return false;
    const file = this.current;
    if (file === null) return true;
    // Another turn of the loop, so there is another beforeExit after what
    // happens now has settled.
    setImmediate(() => {});
    if (!this.testsDone(file)) {
      this.cancelPending(file, new ERR_TEST_FAILURE(
        'Promise resolution is still pending but the event loop has already resolved', kCancelledByParent));
      return true;
    }
    const { root } = this;
    if (root.subtests.length === file.firstTest && !file.ranRootHooks &&
        (root.hooks.before.length > 0 || root.hooks.after.length > 0)) {
      // A file with hooks and no tests: its hooks still run.
      file.ranRootHooks = true;
      root.run();
      return true;
    }
    file.settle();
    return true;
  }

  // Settles the file as soon as its tests are done, without waiting for the
  // event loop to empty.
  settleWhenDone(file) {
    if (this.current !== file) return;
    if (this.testsDone(file)) {
      file.settle();
      return;
    }
    setImmediate(() => this.settleWhenDone(file));
  }

  // Cancels the current file's tests that have not finished, as Node's
  // child does when its event loop empties (or its time is up).
  cancelPending(file, error) {
    const { root } = this;
    root.pendingSubtests = root.pendingSubtests.filter((deferred) => {
      if (root.subtests.indexOf(deferred.test) >= file.firstTest) {
        deferred.resolve();
        return false;
      }
      return true;
    });
    for (let i = file.firstTest; i < root.subtests.length; i++) {
      const subtest = root.subtests[i];
      if (!subtest.finished && !subtest.postRunDone) {
        subtest.cancel(error);
        subtest.postRun(error);
      }
    }
  }

  resetRootForFile(file) {
    const { root, harness, config } = this;
    root.hooks = { before: [], after: [], beforeEach: [], afterEach: [], ownAfterEachCount: 0 };
    root.runOnlySubtests = config.only;
    root.hasOnlyTests = false;
    root.entryFile = file.absolute;
    harness.startBuildPhase();
  }

  // Tests the file declared before it threw never ran in Node (the child
  // died first): drop them.
  discardTestsSince(index) {
    const { root } = this;
    const dropped = root.subtests.splice(index);
    for (const test of dropped) test.discarded = true;
    root.pendingSubtests = root.pendingSubtests.filter((d) => !dropped.includes(d.test));
    if (dropped.length > 0) root.waitingOn = root.subtests.length + 1;
  }

  // Node numbers a failing file's own entry by the file's position in the
  // run (its tests are numbered in one sequence across files).
  reportFileFailure(file, exitCode, message = 'test failed', failureType = kTestCodeFailure) {
    const error = new ERR_TEST_FAILURE(message, failureType);
    Object.assign(error, { exitCode, signal: null, stack: undefined });
    const test = this.root.createSubtest(Test, file.name, {}, () => {
      throw error;
    }, { loc: [1, 1, file.absolute] });
    // Nothing else of this file is declared: no build phase to wait for.
    this.harness.buildPromise = null;
    const count = this.root.outputSubtestCount;
    this.root.outputSubtestCount = file.index;
    test.start();
    this.root.outputSubtestCount = count;
  }

  async runFile(name, index) {
    const { root, harness } = this;
    const absolute = path.resolve(this.cwd, name);
    let settle;
    const settled = new Promise((resolve) => { settle = resolve; });
    const file = {
      name,
      index,
      absolute,
      firstTest: root.subtests.length,
      exited: false,
      rootRunning: 0,
      ranRootHooks: false,
      counters: { ...harness.counters },
      startTime: process.hrtime.bigint(),
      settle: () => settle(),
    };
    this.current = file;
    this.resetRootForFile(file);

    // A fresh module scope: nothing the previous files loaded is reused.
    const Module = require('internal/modules/cjs/loader');
    for (const key of Object.keys(Module._cache)) delete Module._cache[key];
    const previousExitCode = process.exitCode;
    process.exitCode = undefined;
    const argv1 = process.argv[1];
    process.argv[1] = absolute;
    // process.exit() ends only this file, as it ends only Node's child
    // process: what has not finished is cancelled.
    const exit = process.exit;
    process.exit = (code) => {
      if (code !== undefined) process.exitCode = code;
      if (file.exited) return;
      file.exited = true;
      this.cancelPending(file, new ERR_TEST_FAILURE('test did not finish before process.exit() was called',
        kCancelledByParent));
      this.settleWhenDone(file);
    };

    let timer;
    if (this.config.timeout !== Infinity) {
      timer = setTimeout(() => {
        this.cancelPending(file, new ERR_TEST_FAILURE(`test timed out after ${this.config.timeout}ms`,
          kTestTimeoutFailure));
        // Node kills the file's process here: do not wait for what the
        // file left running.
        this.settleWhenDone(file);
      }, this.config.timeout);
      timer.unref();
    }

    try {
      await loadFile(absolute);
    } catch (err) {
      const declared = root.subtests.length > file.firstTest;
      this.discardTestsSince(file.firstTest);
      harness.reporter.stderr(name, describeLoadError(err));
      // With tests declared, Node's error comes from the runner's own
      // uncaughtException handler rethrowing: exit code 7.
      this.reportFileFailure(file, declared ? 7 : kGenericUserError);
    }

    await settled;
    if (timer !== undefined) clearTimeout(timer);
    process.exit = exit;
    process.argv[1] = argv1;
    const exitCode = process.exitCode;
    process.exitCode = previousExitCode;
    if (exitCode !== undefined && exitCode !== 0 && !this.fileFailed(file)) {
      // The file set a failing exit code without a failing test.
      this.reportFileFailure(file, exitCode);
      await new Promise((resolve) => {
        file.settle = resolve;
      });
    }
    this.reportFileSummary(file);
    this.current = null;
    // The next file starts with no root hooks.
    root.hooks = { before: [], after: [], beforeEach: [], afterEach: [], ownAfterEachCount: 0 };
  }

  // A summary of one file's results, as Node's runner emits for each child.
  reportFileSummary(file) {
    const now = this.harness.counters;
    const counts = { __proto__: null };
    for (const key of Object.keys(now)) counts[key] = now[key] - (file.counters[key] ?? 0);
    const duration = Number(process.hrtime.bigint() - file.startTime) / 1e6;
    const success = counts.failed === 0 && counts.cancelled === 0;
    this.harness.reporter.summary(0, file.absolute, success, counts, duration);
  }

  fileFailed(file) {
    const { root } = this;
    for (let i = file.firstTest; i < root.subtests.length; i++) {
      const t = root.subtests[i];
      if (!t.passed && !t.isTodo && !t.skipped) return true;
    }
    return false;
  }

  // run({ signal }) aborted: the running file's tests are cancelled and no
  // further file starts.
  abort(reason) {
    this.aborted = true;
    const file = this.current;
    if (file === null) return;
    const { AbortError } = require('internal/errors');
    const error = reason instanceof Error ? reason : new AbortError('The test was aborted');
    error.failureType ??= 'testAborted';
    this.cancelPending(file, error);
    this.settleWhenDone(file);
  }

  async run() {
    for (let i = 0; i < this.files.length && !this.aborted; i++) await this.runFile(this.files[i], i);
    this.finished = true;
    this.harness.beforeExitHook = null;
    await this.harness.teardown();
    if (!this.forRunApi) {
      // Like Node's runner once its child processes are gone: nothing the
      // files left behind (a timed-out test's timers) keeps it alive.
      await this.harness.reportersDone;
      process.exit();
    }
  }
}

function run(args) {
  const config = parseCommandLine();
  const files = createTestFileList(args, process.cwd());
  const runner = new Runner(files, config);
  runner.run().catch((err) => {
    process.nextTick(() => {
      throw err;
    });
  });
}

module.exports = { createTestFileList, run, Runner };
