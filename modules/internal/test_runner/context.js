'use strict';
// Which test is "current": test(), describe() and the hook functions called
// inside a test or suite attach to it, and an uncaught exception is blamed
// on it. Node finds it through async_hooks; here it is an AsyncLocalStorage
// store (so it follows awaits and timers), with the synchronously running
// test as the fallback.

let storage;
// The async context frame of the callback that returned (or threw) last:
// an uncaught exception reaches the 'uncaughtException' listeners after the
// loop has left the frame of the callback that threw it.
let lastExitedFrame;

function getStorage() {
  if (storage === undefined) {
    const { AsyncLocalStorage } = require('async_hooks');
    storage = new AsyncLocalStorage();
    watchFrames();
  }
  return storage;
}

function watchFrames() {
  const asyncContext = require('internal/async_context');
  const { enter, exit } = asyncContext;
  asyncContext.enter = function(next) {
    lastExitedFrame = undefined;
    return enter(next);
  };
  asyncContext.exit = function(prev) {
    lastExitedFrame = asyncContext.current();
    return exit(prev);
  };
}

let syncCurrent = null;

// Calls fn with `thisArg` and `args`, with `test` as the current test.
function runInTest(test, fn, thisArg, args) {
  const prev = syncCurrent;
  syncCurrent = test;
  try {
    return getStorage().run(test, Reflect.apply, fn, thisArg, args);
  } finally {
    syncCurrent = prev;
  }
}

function currentTest() {
  if (syncCurrent !== null) return syncCurrent;
  return getStorage().getStore() ?? null;
}

// Tests whose function (or hook) is running now, most recent last.
const running = [];

function enterRunning(test) {
  running.push(test);
}

function leaveRunning(test) {
  const i = running.lastIndexOf(test);
  if (i !== -1) running.splice(i, 1);
}

// The test an uncaught exception most likely came from.
function blamedTest() {
  const als = getStorage();
  const test = als.getStore() ?? lastExitedFrame?.get?.(als);
  if (test !== undefined && test !== null) return test;
  return running.length > 0 ? running[running.length - 1] : null;
}

// [line, column, file] of the call to `fn`, as Node reports a test's
// location.
function getCallerLocation(fn) {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  const holder = {};
  try {
    Error.prepareStackTrace = (err, frames) => frames;
    Error.stackTraceLimit = 1;
    Error.captureStackTrace(holder, fn);
    const frame = Array.isArray(holder.stack) ? holder.stack[0] : undefined;
    if (frame === undefined) return undefined;
    const file = frame.getFileName();
    if (typeof file !== 'string') return undefined;
    return [frame.getLineNumber(), frame.getColumnNumber(), file];
  } catch {
    return undefined;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

module.exports = { blamedTest, currentTest, enterRunning, getCallerLocation, leaveRunning, runInTest };
