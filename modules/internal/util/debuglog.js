'use strict';
// util.debuglog / util.debug (sections switched on by NODE_DEBUG) and the
// timer bookkeeping that console.time* shares with it.

const { inspect, format, formatWithOptions } = require('internal/util/inspect');

// NODE_DEBUG as the process started (later changes to process.env do not
// count, as in Node): a comma-separated list of section names, '*'
// matching anything, case-insensitive.
let testEnabled;
function initializeDebugEnv(debugEnv) {
  if (debugEnv) {
    const pattern = debugEnv.replace(/[|\\{}()[\]^$+?.]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll(',', '$|^');
    const regExp = new RegExp(`^${pattern}$`, 'i');
    testEnabled = (section) => regExp.test(section);
  } else {
    testEnabled = () => false;
  }
}
initializeDebugEnv(internalBinding('util').getStartupEnv('NODE_DEBUG'));

const debugImpls = { __proto__: null };

function emitWarningIfNeeded(section) {
  if (section === 'HTTP' || section === 'HTTP2') {
    process.emitWarning('Setting the NODE_DEBUG environment variable ' +
      `to '${section.toLowerCase()}' can expose sensitive ` +
      'data (such as passwords, tokens and authentication headers) ' +
      'in the resulting log.');
  }
}

function noop() {}

function debuglogImpl(enabled, section) {
  if (debugImpls[section] === undefined) {
    if (enabled) {
      const pid = process.pid;
      emitWarningIfNeeded(section);
      debugImpls[section] = function debug(...args) {
        const colors = require('internal/util/colors').shouldColorize(process.stderr);
        const msg = formatWithOptions({ colors }, ...args);
        const coloredPID = inspect(pid, { colors });
        process.stderr.write(format('%s %s: %s\n', section, coloredPID, msg));
      };
    } else {
      debugImpls[section] = noop;
    }
  }
  return debugImpls[section];
}

// Returns a logger for `section`. Whether the section is enabled is decided
// on first use, so modules may create loggers before process.env exists.
// `cb`, if given, receives the real logger (a no-op when disabled) on the
// first call.
function debuglog(section, cb) {
  let enabled;
  function init() {
    section = section.toUpperCase();
    enabled = testEnabled(section);
  }
  let debug = (...args) => {
    init();
    debug = debuglogImpl(enabled, section);
    if (typeof cb === 'function') cb(debug);
    return debug(...args);
  };
  let test = () => {
    init();
    test = () => enabled;
    return enabled;
  };
  const logger = (...args) => debug(...args);
  Object.defineProperty(logger, 'enabled', {
    get() { return test(); },
    configurable: true,
    enumerable: true,
  });
  return logger;
}

// ---- console.time and friends ----

const kSecond = 1000;
const kMinute = 60 * kSecond;
const kHour = 60 * kMinute;

function pad(value) {
  return `${value}`.padStart(2, '0');
}

// "1.234ms", "1.234s", "1:02.345 (m:ss.mmm)", "1:02:03.456 (h:mm:ss.mmm)".
function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= kSecond) {
    if (ms >= kMinute) {
      if (ms >= kHour) {
        hours = Math.floor(ms / kHour);
        ms %= kHour;
      }
      minutes = Math.floor(ms / kMinute);
      ms %= kMinute;
    }
    seconds = ms / kSecond;
  }
  if (hours !== 0 || minutes !== 0) {
    ({ 0: seconds, 1: ms } = seconds.toFixed(3).split('.', 2));
    const res = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
    return `${res}:${pad(seconds)}.${ms} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

// Starts timer `label` in `store`; `implementation` names the API in the
// warning for a label already running.
function time(store, implementation, label = 'default') {
  label = `${label}`;
  if (store.has(label)) {
    process.emitWarning(`Label '${label}' already exists for ${implementation}`);
    return;
  }
  store.set(label, process.hrtime());
}

function timeLogImpl(store, implementation, logImpl, label, args) {
  const start = store.get(label);
  if (start === undefined) {
    process.emitWarning(`No such label '${label}' for ${implementation}`);
    return;
  }
  const duration = process.hrtime(start);
  const ms = duration[0] * 1000 + duration[1] / 1e6;
  logImpl(label, formatTime(ms), args);
}

function timeLog(store, implementation, logImpl, label = 'default', args) {
  label = `${label}`;
  timeLogImpl(store, implementation, logImpl, label, args);
}

function timeEnd(store, implementation, logImpl, label = 'default') {
  label = `${label}`;
  timeLogImpl(store, implementation, logImpl, label);
  store.delete(label);
}

module.exports = {
  debuglog,
  initializeDebugEnv,
  formatTime,
  time,
  timeLog,
  timeEnd,
};
