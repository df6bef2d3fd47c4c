'use strict';
// process.emitWarning and the default printing of 'warning' events.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const { validateString } = require('internal/validators');

let traceWarningHelperShown = false;
let printerInstalled = false;

function flag(name) {
  if (process.execArgv.includes(name)) return true;
  // Most programs have no NODE_OPTIONS: no RegExp to compile then.
  const nodeOptions = process.env.NODE_OPTIONS;
  return nodeOptions !== undefined && nodeOptions !== '' && nodeOptions.split(/\s+/).includes(name);
}

function onWarning(warning) {
  if (!(warning instanceof Error)) return;
  const isDeprecation = warning.name === 'DeprecationWarning';
  if (isDeprecation && process.noDeprecation) return;
  const trace = process.traceProcessWarnings || (isDeprecation && process.traceDeprecation);
  let msg = `(node:${process.pid}) `;
  if (warning.code) msg += `[${warning.code}] `;
  if (trace && warning.stack) {
    msg += `${warning.stack}`;
  } else {
    msg += typeof warning.toString === 'function' ? `${warning.toString()}` : Error.prototype.toString.call(warning);
  }
  if (typeof warning.detail === 'string') msg += `\n${warning.detail}`;
  if (!trace && !traceWarningHelperShown) {
    const argv0 = require('path').basename(process.argv0 || 'shard', '.exe');
    msg += `\n(Use \`${argv0} --trace-${isDeprecation ? 'deprecation' : 'warnings'} ...\` to show where the warning was created)`;
    traceWarningHelperShown = true;
  }
  internalBinding('process').writeStdio(2, `${msg}\n`);
}

function createWarningObject(warning, type, code, ctor, detail) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  warning = new Error(warning);
  Error.stackTraceLimit = limit;
  warning.name = String(type || 'Warning');
  if (code !== undefined) warning.code = code;
  if (detail !== undefined) warning.detail = detail;
  Error.captureStackTrace(warning, ctor || process.emitWarning);
  return warning;
}

function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor;
    code = type.code;
    if (typeof type.detail === 'string') detail = type.detail;
    type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type;
    code = undefined;
    type = 'Warning';
  }
  if (type !== undefined) validateString(type, 'type');
  if (typeof code === 'function') {
    ctor = code;
    code = undefined;
  } else if (code !== undefined) {
    validateString(code, 'code');
  }
  if (typeof warning === 'string') {
    warning = createWarningObject(warning, type, code, ctor, detail);
  } else if (!(warning instanceof Error)) {
    throw new ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'], warning);
  }
  if (warning.name === 'DeprecationWarning') {
    if (process.noDeprecation) return;
    if (process.throwDeprecation) throw warning;
  }
  if (!printerInstalled) {
    printerInstalled = true;
    if (!flag('--no-warnings') && !process.noProcessWarnings) process.on('warning', onWarning);
  }
  process.nextTick(() => process.emit('warning', warning));
}

// Read once at start-up by the bootstrap: a program may change these later
// (process.noDeprecation = true) and loading this module must not undo it.
function initWarningFlags() {
  process.noDeprecation = flag('--no-deprecation');
  process.throwDeprecation = flag('--throw-deprecation');
  process.traceDeprecation = flag('--trace-deprecation');
  process.traceProcessWarnings = flag('--trace-warnings');
}

module.exports = { emitWarning, onWarning, initWarningFlags };
