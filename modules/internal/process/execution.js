'use strict';
// What happens to an exception nobody caught: 'uncaughtExceptionMonitor',
// the capture callback, 'uncaughtException' listeners, else print it the
// way Node does and exit with code 1.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const { writeStdio } = internalBinding('process');

let captureFn = null;

function setUncaughtExceptionCaptureCallback(fn) {
  if (fn === null) {
    captureFn = null;
    return;
  }
  if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE('fn', ['Function', 'null'], fn);
  if (captureFn !== null) {
    const err = new Error('`process.setupUncaughtExceptionCapture()` was called while a capture callback was already active');
    err.code = 'ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET';
    throw err;
  }
  captureFn = fn;
}

function hasUncaughtExceptionCaptureCallback() {
  return captureFn !== null;
}

// node:domain, once loaded, sees each uncaught exception first (true: a
// domain's 'error' listener took it).
let domainHandler = null;
function setDomainErrorHandler(fn) {
  domainHandler = fn;
}

// The report Node prints for an uncaught value: for errors the source arrow,
// a blank line and inspect(error) (so extra properties show); for other
// objects inspect(value) right under the arrow; primitives as strings, with
// a hint about --trace-uncaught.
function report(er, arrow) {
  // node:vm already put the arrow at the top of the stack (displayErrors).
  try {
    if (arrow && typeof er?.stack === 'string' && er.stack.startsWith(arrow)) arrow = '';
  } catch {
    // A throwing `stack` getter: keep the arrow.
  }
  const { inspect } = require('internal/util/inspect');
  const isError = er instanceof Error || require('internal/util/types').isNativeError(er);
  try {
    if (isError) return `${arrow ? `${arrow}\n` : ''}${inspect(er, { colors: false })}`;
    if (er !== null && (typeof er === 'object' || typeof er === 'function')) {
      return `\n${arrow}${inspect(er, { colors: false })}`;
    }
    return `\n${arrow}${String(er)}\n(Use \`shard --trace-uncaught ...\` to show where the exception was thrown)`;
  } catch {
    return `${arrow}<the error could not be formatted>`;
  }
}

// Called by C++ with (error, fromPromise, arrow). Returns true when a
// listener handled it; otherwise prints, exits, and does not return.
function fatalException(er, fromPromise, arrow) {
  const type = fromPromise ? 'unhandledRejection' : 'uncaughtException';
  process.emit('uncaughtExceptionMonitor', er, type);
  if (domainHandler !== null && !fromPromise && domainHandler(er)) return true;
  if (captureFn !== null) {
    captureFn(er);
    return true;
  }
  if (process.emit('uncaughtException', er, type)) return true;
  const text = `${report(er, arrow)}\n\nNode.js ${process.version} (shard ${process.versions.shard})\n`;
  writeStdio(2, text);
  try {
    if (!process._exiting) {
      process._exiting = true;
      process.exitCode = 1;
      process.emit('exit', 1);
    }
  } catch {
    // An exception in an 'exit' listener while dying: exit anyway.
  }
  process.reallyExit(process.exitCode === 1 || !process.exitCode ? 1 : process.exitCode);
  return false;
}

module.exports = {
  fatalException, setUncaughtExceptionCaptureCallback, hasUncaughtExceptionCaptureCallback, setDomainErrorHandler,
};
