'use strict';
// The Console class behind the global console.

const { inspect, formatWithOptions } = require('internal/util/inspect');
const {
  codes: { ERR_CONSOLE_WRITABLE_STREAM, ERR_INVALID_ARG_TYPE, ERR_INCOMPATIBLE_OPTION_PAIR },
} = require('internal/errors');
const { validateInteger, validateObject } = require('internal/validators');

const kCounts = Symbol('counts');
const kTimers = Symbol('timers');
const kGroupIndent = Symbol('kGroupIndent');
const kGroupIndentationWidth = Symbol('kGroupIndentWidth');
const kWriteToConsole = Symbol('kWriteToConsole');
const kColorMode = Symbol('kColorMode');
const kInspectOptions = Symbol('kInspectOptions');
const kUseStdout = 'stdout';
const kUseStderr = 'stderr';

function Console(options, stderr, ignoreErrors) {
  if (!new.target) return Reflect.construct(Console, arguments);
  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr, ignoreErrors };
  }
  const {
    stdout,
    stderr: errStream = stdout,
    ignoreErrors: ignore = true,
    colorMode = 'auto',
    inspectOptions,
    groupIndentation,
  } = options;
  if (!stdout || typeof stdout.write !== 'function') throw new ERR_CONSOLE_WRITABLE_STREAM('stdout');
  if (!errStream || typeof errStream.write !== 'function') throw new ERR_CONSOLE_WRITABLE_STREAM('stderr');
  if (typeof colorMode !== 'boolean' && colorMode !== 'auto') {
    throw new ERR_INVALID_ARG_TYPE('colorMode', ['boolean', "'auto'"], colorMode);
  }
  if (groupIndentation !== undefined) validateInteger(groupIndentation, 'groupIndentation', 0, 1000);
  if (inspectOptions !== undefined) {
    validateObject(inspectOptions, 'options.inspectOptions');
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw new ERR_INCOMPATIBLE_OPTION_PAIR('options.inspectOptions.color', 'colorMode');
    }
  }
  defineHidden(this, '_stdout', stdout);
  defineHidden(this, '_stderr', errStream);
  defineHidden(this, '_ignoreErrors', ignore);
  defineHidden(this, kColorMode, colorMode);
  defineHidden(this, kInspectOptions, inspectOptions);
  defineHidden(this, kCounts, new Map());
  defineHidden(this, kTimers, new Map());
  defineHidden(this, kGroupIndent, '');
  defineHidden(this, kGroupIndentationWidth, groupIndentation ?? 2);
  // Methods are bound so `const { log } = console` works, as in Node.
  for (const key of Object.keys(consoleMethods)) {
    const bound = Console.prototype[key].bind(this);
    Object.defineProperty(bound, 'name', { value: key });
    this[key] = bound;
  }
  for (const [alias, target] of aliases) {
    this[alias] = this[target];
  }
}

function defineHidden(obj, key, value) {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: false, configurable: true });
}

Console.prototype[kWriteToConsole] = function(streamSymbol, string) {
  const groupIndent = this[kGroupIndent];
  const stream = streamSymbol === kUseStdout ? this._stdout : this._stderr;
  if (groupIndent.length !== 0) {
    if (string.includes('\n')) string = string.replace(/\n/g, `\n${groupIndent}`);
    string = groupIndent + string;
  }
  string += '\n';
  if (!this._ignoreErrors) {
    stream.write(string);
    return;
  }
  try {
    stream.write(string, noop);
  } catch {
    // As Node: a console write error is not the program's error.
  }
};

function noop() {}

const kColorInspectOptions = { colors: true };
const kNoColorInspectOptions = {};

Console.prototype._getInspectOptions = function() {
  let color = this[kColorMode];
  if (color === 'auto') {
    color = Boolean(this._stdout.isTTY) && (typeof this._stdout.getColorDepth === 'function' ?
      this._stdout.getColorDepth() > 2 : true);
  }
  const options = this[kInspectOptions];
  if (options) {
    if (options.colors === undefined) return { ...options, colors: color };
    return options;
  }
  return color ? kColorInspectOptions : kNoColorInspectOptions;
};

Console.prototype._formatForStdout = function(args) {
  return formatWithOptions(this._getInspectOptions(), ...args);
};

Console.prototype._formatForStderr = function(args) {
  return formatWithOptions(this._getInspectOptions(), ...args);
};

function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms %= 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms %= 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    let frac;
    ({ 0: seconds, 1: frac } = seconds.toFixed(3).split('.'));
    const res = hours !== 0 ? `${hours}:${String(minutes).padStart(2, '0')}` : minutes;
    return `${res}:${String(seconds).padStart(2, '0')}.${frac} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

function timeLogImpl(self, name, label, data) {
  const time = self[kTimers].get(label);
  if (time === undefined) {
    process.emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const duration = Number(process.hrtime.bigint() - time) / 1e6;
  const formatted = formatTime(duration);
  if (data === undefined) {
    self.log('%s: %s', label, formatted);
  } else {
    self.log('%s: %s', label, formatted, ...data);
  }
  return true;
}

const consoleMethods = {
  log(...args) {
    this[kWriteToConsole](kUseStdout, this._formatForStdout(args));
  },
  warn(...args) {
    this[kWriteToConsole](kUseStderr, this._formatForStderr(args));
  },
  dir(object, options) {
    this[kWriteToConsole](kUseStdout,
      inspect(object, { customInspect: false, ...this._getInspectOptions(), ...options }));
  },
  time(label = 'default') {
    label = `${label}`;
    if (this[kTimers].has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this[kTimers].set(label, process.hrtime.bigint());
  },
  timeEnd(label = 'default') {
    label = `${label}`;
    if (timeLogImpl(this, 'timeEnd', label)) this[kTimers].delete(label);
  },
  timeLog(label = 'default', ...data) {
    label = `${label}`;
    timeLogImpl(this, 'timeLog', label, data);
  },
  trace: function trace(...args) {
    const err = { name: 'Trace', message: this._formatForStderr(args) };
    Error.captureStackTrace(err, trace);
    this.error(err.stack);
  },
  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      Reflect.apply(this.warn, this, args);
    }
  },
  clear() {
    if (this._stdout.isTTY && process.env.TERM !== 'dumb') {
      this._stdout.write('\x1b[1;1H\x1b[0J');
    }
  },
  count(label = 'default') {
    label = `${label}`;
    const counts = this[kCounts];
    const count = (counts.get(label) ?? 0) + 1;
    counts.set(label, count);
    this.log(`${label}: ${count}`);
  },
  countReset(label = 'default') {
    label = `${label}`;
    const counts = this[kCounts];
    if (!counts.has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    counts.delete(label);
  },
  group(...data) {
    if (data.length > 0) Reflect.apply(this.log, this, data);
    this[kGroupIndent] += ' '.repeat(this[kGroupIndentationWidth]);
  },
  groupEnd() {
    this[kGroupIndent] = this[kGroupIndent].slice(0,
      this[kGroupIndent].length - this[kGroupIndentationWidth]);
  },
  table(tabularData, properties) {
    if (properties !== undefined && !Array.isArray(properties)) {
      throw new ERR_INVALID_ARG_TYPE('properties', 'Array', properties);
    }
    if (tabularData === null || typeof tabularData !== 'object') return this.log(tabularData);
    const opts = { ...this._getInspectOptions(), maxArrayLength: 3, breakLength: Infinity, colors: false, depth: 1 };
    this.log(require('internal/cli_table').renderTable(tabularData, properties, (v) => inspect(v, opts)));
  },
};

const aliases = [
  ['debug', 'log'],
  ['info', 'log'],
  ['dirxml', 'log'],
  ['error', 'warn'],
  ['groupCollapsed', 'group'],
];

for (const [name, fn] of Object.entries(consoleMethods)) {
  Console.prototype[name] = fn;
}
for (const [alias, target] of aliases) {
  Console.prototype[alias] = Console.prototype[target];
}

Object.defineProperty(Console, Symbol.hasInstance, {
  value(instance) {
    return instance !== null && typeof instance === 'object' && instance[kCounts] !== undefined;
  },
});

module.exports = { Console, kWriteToConsole, formatTime };
