'use strict';
// process.nextTick and queueMicrotask, and the tick processor that runs
// after every callback from the loop: the nextTick queue, then microtasks,
// repeated until both are empty, then unhandled rejections.

const { tickInfo, runMicrotasks, enqueueMicrotask, triggerUncaughtException } = internalBinding('loop');
const FixedQueue = require('internal/fixed_queue');
const { validateFunction } = require('internal/validators');
const { processPromiseRejections, setHasRejectionToWarn, hasRejectionToWarn } =
  require('internal/process/promises');
const asyncContext = require('internal/async_context');

const kHasTickScheduled = 0;

const queue = new FixedQueue();

function hasTickScheduled() {
  return tickInfo[kHasTickScheduled] === 1;
}

function setHasTickScheduled(value) {
  tickInfo[kHasTickScheduled] = value ? 1 : 0;
}

function runNextTicks() {
  if (!hasTickScheduled() && !hasRejectionToWarn()) runMicrotasks();
  if (!hasTickScheduled() && !hasRejectionToWarn()) return;
  processTicksAndRejections();
}

function processTicksAndRejections() {
  let tock;
  do {
    while ((tock = queue.shift()) !== null) {
      const prev = asyncContext.enter(tock.frame);
      try {
        const callback = tock.callback;
        if (tock.args === undefined) {
          callback();
        } else {
          const args = tock.args;
          switch (args.length) {
            case 1: callback(args[0]); break;
            case 2: callback(args[0], args[1]); break;
            case 3: callback(args[0], args[1], args[2]); break;
            case 4: callback(args[0], args[1], args[2], args[3]); break;
            default: callback(...args);
          }
        }
      } finally {
        asyncContext.exit(prev);
      }
    }
    runMicrotasks();
  } while (!queue.isEmpty() || processPromiseRejections());
  setHasTickScheduled(false);
  setHasRejectionToWarn(false);
}

function nextTick(callback) {
  validateFunction(callback, 'callback');
  if (process._exiting) return;
  let args;
  switch (arguments.length) {
    case 1: break;
    case 2: args = [arguments[1]]; break;
    case 3: args = [arguments[1], arguments[2]]; break;
    case 4: args = [arguments[1], arguments[2], arguments[3]]; break;
    default:
      args = new Array(arguments.length - 1);
      for (let i = 1; i < arguments.length; i++) args[i - 1] = arguments[i];
  }
  if (queue.isEmpty()) setHasTickScheduled(true);
  queue.push({ callback, args, frame: asyncContext.current() });
}

function queueMicrotask(callback) {
  validateFunction(callback, 'callback');
  const frame = asyncContext.current();
  enqueueMicrotask(() => {
    const prev = asyncContext.enter(frame);
    try {
      callback();
    } catch (error) {
      // A throwing microtask is an uncaught exception, as in Node.
      triggerUncaughtException(error, false);
    } finally {
      asyncContext.exit(prev);
    }
  });
}

module.exports = {
  nextTick,
  queueMicrotask,
  runNextTicks,
  processTicksAndRejections,
  hasTickScheduled,
};
