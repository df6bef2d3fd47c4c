'use strict';
// Unhandled promise rejections, as Node tracks them: V8 reports a rejection
// without a handler (and a handler added later); after the tick queue
// drains, rejections still unhandled are reported according to
// --unhandled-rejections (default 'throw': an uncaught exception).

const { tickInfo, triggerUncaughtException } = internalBinding('loop');

const kHasRejectionToWarn = 1;
const kPromiseRejectWithNoHandler = 0;
const kPromiseHandlerAddedAfterReject = 1;

const maybeUnhandledPromises = new WeakMap();
const pendingUnhandledRejections = [];
const asyncHandledRejections = [];
let lastPromiseId = 0;

const kThrowUnhandledRejections = 0;
const kStrictUnhandledRejections = 1;
const kWarnUnhandledRejections = 2;
const kIgnoreUnhandledRejections = 3;
let mode = kThrowUnhandledRejections;

function setUnhandledRejectionsMode(value) {
  switch (value) {
    case 'strict': mode = kStrictUnhandledRejections; break;
    case 'warn': mode = kWarnUnhandledRejections; break;
    case 'none': mode = kIgnoreUnhandledRejections; break;
    default: mode = kThrowUnhandledRejections;
  }
}

function hasRejectionToWarn() {
  return tickInfo[kHasRejectionToWarn] === 1;
}

function setHasRejectionToWarn(value) {
  tickInfo[kHasRejectionToWarn] = value ? 1 : 0;
}

function promiseRejectHandler(type, promise, reason) {
  if (type === kPromiseRejectWithNoHandler) {
    maybeUnhandledPromises.set(promise, { reason, uid: ++lastPromiseId, warned: false });
    pendingUnhandledRejections.push(promise);
    setHasRejectionToWarn(true);
  } else if (type === kPromiseHandlerAddedAfterReject) {
    const promiseInfo = maybeUnhandledPromises.get(promise);
    if (promiseInfo === undefined) return;
    maybeUnhandledPromises.delete(promise);
    if (promiseInfo.warned) {
      const warning = new Error(`Promise rejection was handled asynchronously (rejection id: ${promiseInfo.uid})`);
      warning.name = 'PromiseRejectionHandledWarning';
      warning.id = promiseInfo.uid;
      asyncHandledRejections.push({ promise, warning });
      setHasRejectionToWarn(true);
    }
  }
}

function unhandledRejectionError(reason) {
  const message = 'This error originated either by throwing inside of an async function without a catch block, ' +
    'or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason ' +
    `"${require('internal/util/inspect').inspect(reason)}".`;
  const err = new Error(message);
  err.name = 'UnhandledPromiseRejection';
  err.code = 'ERR_UNHANDLED_REJECTION';
  Error.captureStackTrace(err, unhandledRejectionError);
  // Node shows it as [UnhandledPromiseRejection: ...] with no stack.
  Object.defineProperty(err, 'stack', { value: `${err.name}: ${message}`, configurable: true, writable: true });
  return err;
}

function emitUnhandledRejectionWarning(uid, reason) {
  const warning = new Error('Unhandled promise rejection. This error originated either by ' +
    'throwing inside of an async function without a catch block, ' +
    'or by rejecting a promise which was not handled with .catch(). ' +
    'To terminate the node process on unhandled promise ' +
    'rejection, use the CLI flag `--unhandled-rejections=strict` (see ' +
    'https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). ' +
    `(rejection id: ${uid})`);
  warning.name = 'UnhandledPromiseRejectionWarning';
  try {
    if (reason instanceof Error) warning.stack = reason.stack;
  } catch {}
  process.emitWarning(warning);
}

// Returns true when something ran that may have queued more ticks.
function processPromiseRejections() {
  let maybeScheduledTicksOrMicrotasks = asyncHandledRejections.length > 0;
  while (asyncHandledRejections.length > 0) {
    const { promise, warning } = asyncHandledRejections.shift();
    if (!process.emit('rejectionHandled', promise)) process.emitWarning(warning);
  }
  let len = pendingUnhandledRejections.length;
  while (len--) {
    const promise = pendingUnhandledRejections.shift();
    const promiseInfo = maybeUnhandledPromises.get(promise);
    if (promiseInfo === undefined) continue;
    promiseInfo.warned = true;
    const { reason, uid } = promiseInfo;
    switch (mode) {
      case kStrictUnhandledRejections: {
        const err = reason instanceof Error ? reason : unhandledRejectionError(reason);
        triggerUncaughtException(err, true);
        const handled = process.emit('unhandledRejection', reason, promise);
        if (!handled) emitUnhandledRejectionWarning(uid, reason);
        break;
      }
      case kIgnoreUnhandledRejections:
        process.emit('unhandledRejection', reason, promise);
        break;
      case kWarnUnhandledRejections: {
        const handled = process.emit('unhandledRejection', reason, promise);
        if (!handled) emitUnhandledRejectionWarning(uid, reason);
        break;
      }
      default: {
        const handled = process.emit('unhandledRejection', reason, promise);
        if (!handled) {
          const err = reason instanceof Error ? reason : unhandledRejectionError(reason);
          triggerUncaughtException(err, true);
        }
      }
    }
    maybeScheduledTicksOrMicrotasks = true;
  }
  return maybeScheduledTicksOrMicrotasks || pendingUnhandledRejections.length !== 0;
}

module.exports = {
  promiseRejectHandler,
  processPromiseRejections,
  hasRejectionToWarn,
  setHasRejectionToWarn,
  setUnhandledRejectionsMode,
};
