'use strict';
// The Console class (require('console').Console) and the methods the global
// console shares with it. Output is formatted by util.formatWithOptions, so
// it is byte for byte what Node writes; write errors on the streams are
// swallowed (unless ignoreErrors is false), as a logging call must not throw.

const { inspect, formatWithOptions } = require('internal/util/inspect');
const {
  codes: { ERR_CONSOLE_WRITABLE_STREAM, ERR_INCOMPATIBLE_OPTION_PAIR },
  isStackOverflowError,
} = require('internal/errors');
const {
  validateArray, validateInteger, validateObject, validateOneOf,
} = require('internal/validators');
const { time, timeLog, timeEnd } = require('internal/util/debuglog');

const kCounts = Symbol('counts');
const kGroupIndentationWidth = Symbol('kGroupIndentWidth');
const kFormatForStderr = Symbol('kFormatForStderr');
const kFormatForStdout = Symbol('kFormatForStdout');
const kGetInspectOptions = Symbol('kGetInspectOptions');
const kColorMode = Symbol('kColorMode');
const kIsConsole = Symbol('kIsConsole');
const kWriteToConsole = Symbol('kWriteToConsole');
const kBindProperties = Symbol('kBindProperties');
const kBindStreamsEager = Symbol('kBindStreamsEager');
const kBindStreamsLazy = Symbol('kBindStreamsLazy');
const kUseStdout = Symbol('kUseStdout');
const kUseStderr = Symbol('kUseStderr');

const kMaxGroupIndentation = 1000;

// console._times is a Map subclass named as Node's internal one, so even
// inspecting it prints what Node prints.
class SafeMap extends Map {}

// Per-console state that must not show up as properties.
const optionsMap = new WeakMap();
const indentationMap = new WeakMap();

let cliTable;
let colors;
function lazyColors() {
  colors ??= require('internal/util/colors');
  return colors;
}

// diagnostics_channel's console.* channels, made on first use.
let channels;
function getChannels() {
  if (channels === undefined) {
    const { channel } = require('diagnostics_channel');
    channels = {
      log: channel('console.log'),
      info: channel('console.info'),
      debug: channel('console.debug'),
      warn: channel('console.warn'),
      error: channel('console.error'),
    };
  }
  return channels;
}

function publish(name, args) {
  const c = getChannels()[name];
  if (c.hasSubscribers) c.publish(args);
}

// new Console(options) or the older new Console(stdout[, stderr[, ignoreErrors]]).
function Console(options /* or: stdout, stderr, ignoreErrors = true */) {
  // Callable without `new`, as in Node.
  if (new.target === undefined) return Reflect.construct(Console, arguments);

  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr: arguments[1], ignoreErrors: arguments[2] };
  }
  const {
    stdout,
    stderr = stdout,
    ignoreErrors = true,
    colorMode = 'auto',
    inspectOptions,
    groupIndentation,
  } = options;

  if (!stdout || typeof stdout.write !== 'function') throw new ERR_CONSOLE_WRITABLE_STREAM('stdout');
  if (!stderr || typeof stderr.write !== 'function') throw new ERR_CONSOLE_WRITABLE_STREAM('stderr');
  validateOneOf(colorMode, 'colorMode', ['auto', true, false]);
  if (groupIndentation !== undefined) {
    validateInteger(groupIndentation, 'groupIndentation', 0, kMaxGroupIndentation);
  }
  if (inspectOptions !== undefined) {
    validateObject(inspectOptions, 'options.inspectOptions');
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw new ERR_INCOMPATIBLE_OPTION_PAIR('options.inspectOptions.color', 'colorMode');
    }
    optionsMap.set(this, inspectOptions);
  }

  // Every method bound to this console, so `const { log } = console` works.
  // Taken from the instance, so a subclass's overrides are the ones bound.
  for (const key of Object.keys(Console.prototype)) {
    this[key] = this[key].bind(this);
    Object.defineProperty(this[key], 'name', { value: key });
  }

  this[kBindStreamsEager](stdout, stderr);
  this[kBindProperties](ignoreErrors, colorMode, groupIndentation);
}

const consolePropAttributes = { writable: true, enumerable: false, configurable: true };

// The global console is not made by `new Console`, yet is one.
Object.defineProperty(Console, Symbol.hasInstance, {
  value(instance) {
    return instance != null && instance[kIsConsole] === true;
  },
});

const kColorInspectOptions = { colors: true };
const kNoColorInspectOptions = {};

Object.defineProperties(Console.prototype, {
  [kBindStreamsEager]: {
    ...consolePropAttributes,
    value: function(stdout, stderr) {
      Object.defineProperties(this, {
        _stdout: { ...consolePropAttributes, value: stdout },
        _stderr: { ...consolePropAttributes, value: stderr },
      });
    },
  },
  [kBindStreamsLazy]: {
    ...consolePropAttributes,
    // The global console reads process.stdout/stderr on first use, so a
    // program that never logs never creates them.
    value: function(object) {
      let stdout;
      let stderr;
      Object.defineProperties(this, {
        _stdout: {
          enumerable: false,
          configurable: true,
          get() { return stdout ||= object.stdout; },
          set(value) { stdout = value; },
        },
        _stderr: {
          enumerable: false,
          configurable: true,
          get() { return stderr ||= object.stderr; },
          set(value) { stderr = value; },
        },
      });
    },
  },
  [kBindProperties]: {
    ...consolePropAttributes,
    value: function(ignoreErrors, colorMode, groupIndentation = 2) {
      Object.defineProperties(this, {
        _stdoutErrorHandler: { ...consolePropAttributes, value: createWriteErrorHandler(this, kUseStdout) },
        _stderrErrorHandler: { ...consolePropAttributes, value: createWriteErrorHandler(this, kUseStderr) },
        _ignoreErrors: { ...consolePropAttributes, value: Boolean(ignoreErrors) },
        _times: { ...consolePropAttributes, value: new SafeMap() },
        [kCounts]: { ...consolePropAttributes, value: new Map() },
        [kColorMode]: { ...consolePropAttributes, value: colorMode },
        [kIsConsole]: { ...consolePropAttributes, value: true },
        [kGroupIndentationWidth]: { ...consolePropAttributes, value: groupIndentation },
        [Symbol.toStringTag]: { writable: false, enumerable: false, configurable: true, value: 'console' },
      });
    },
  },
  [kWriteToConsole]: {
    ...consolePropAttributes,
    value: function(streamSymbol, string) {
      const ignoreErrors = this._ignoreErrors;
      const groupIndent = indentationMap.get(this) || '';
      const useStdout = streamSymbol === kUseStdout;
      const stream = useStdout ? this._stdout : this._stderr;
      const errorHandler = useStdout ? this._stdoutErrorHandler : this._stderrErrorHandler;

      if (groupIndent.length !== 0) {
        if (string.includes('\n')) string = string.replace(/\n/g, `\n${groupIndent}`);
        string = groupIndent + string;
      }
      string += '\n';

      if (ignoreErrors === false) return stream.write(string);

      // A write error may come synchronously (files, TTYs) or as an 'error'
      // event later (pipes): a no-op listener covers the first, the write
      // callback the second.
      const canListen = typeof stream.listenerCount === 'function' && typeof stream.once === 'function';
      try {
        if (canListen && stream.listenerCount('error') === 0) stream.once('error', noop);
        stream.write(string, errorHandler);
      } catch (e) {
        // Running out of stack is the program's problem, not the stream's.
        if (isStackOverflowError(e)) throw e;
      } finally {
        if (canListen && typeof stream.removeListener === 'function') stream.removeListener('error', noop);
      }
    },
  },
  [kGetInspectOptions]: {
    ...consolePropAttributes,
    value: function(stream) {
      let color = this[kColorMode];
      if (color === 'auto') color = lazyColors().shouldColorize(stream);
      const options = optionsMap.get(this);
      if (options) {
        if (options.colors === undefined) options.colors = color;
        return options;
      }
      return color ? kColorInspectOptions : kNoColorInspectOptions;
    },
  },
  [kFormatForStdout]: {
    ...consolePropAttributes,
    value: function(args) {
      return formatWithOptions(this[kGetInspectOptions](this._stdout), ...args);
    },
  },
  [kFormatForStderr]: {
    ...consolePropAttributes,
    value: function(args) {
      return formatWithOptions(this[kGetInspectOptions](this._stderr), ...args);
    },
  },
});

// The callback given to stream.write(): an error the stream has not emitted
// yet would otherwise become an uncaught exception.
function createWriteErrorHandler(instance, streamSymbol) {
  return (err) => {
    const stream = streamSymbol === kUseStdout ? instance._stdout : instance._stderr;
    if (err !== null && err !== undefined && !stream._writableState?.errorEmitted) {
      if (typeof stream.listenerCount === 'function' && stream.listenerCount('error') === 0) {
        stream.once('error', noop);
      }
    }
  };
}

function noop() {}

function timeLogImpl(consoleRef, label, formatted, args) {
  if (args === undefined) consoleRef.log('%s: %s', label, formatted);
  else consoleRef.log('%s: %s', label, formatted, ...args);
}

const keyKey = 'Key';
const valuesKey = 'Values';
const indexKey = '(index)';
const iterKey = '(iteration index)';

function isArrayLike(v) {
  const { isTypedArray } = require('internal/util/types');
  return Array.isArray(v) || isTypedArray(v);
}

const consoleMethods = {
  log(...args) {
    publish('log', args);
    this[kWriteToConsole](kUseStdout, this[kFormatForStdout](args));
  },

  warn(...args) {
    publish('warn', args);
    this[kWriteToConsole](kUseStderr, this[kFormatForStderr](args));
  },

  dir(object, options) {
    this[kWriteToConsole](kUseStdout, inspect(object, {
      customInspect: false,
      ...this[kGetInspectOptions](this._stdout),
      ...options,
    }));
  },

  time(label = 'default') {
    time(this._times, 'console.time()', label);
  },

  timeEnd(label = 'default') {
    timeEnd(this._times, 'console.timeEnd()',
      (l, formatted, args) => timeLogImpl(this, l, formatted, args), label);
  },

  timeLog(label = 'default', ...data) {
    timeLog(this._times, 'console.timeLog()',
      (l, formatted, args) => timeLogImpl(this, l, formatted, args), label, data);
  },

  trace: function trace(...args) {
    // A plain object gets a V8 stack whose first line is "Trace: <message>".
    const err = { name: 'Trace', message: this[kFormatForStderr](args) };
    Error.captureStackTrace(err, trace);
    this.error(err.stack);
  },

  assert(expression, ...args) {
    if (!expression) {
      if (args.length && typeof args[0] === 'string') {
        args[0] = `Assertion failed: ${args[0]}`;
      } else {
        args.unshift('Assertion failed');
      }
      Reflect.apply(this.warn, this, args);
    }
  },

  // Only a terminal is cleared.
  clear() {
    if (this._stdout.isTTY && process.env.TERM !== 'dumb') {
      // Cursor to the top left, then erase down.
      this._stdout.write('\x1b[1;1H');
      this._stdout.write('\x1b[0J');
    }
  },

  count(label = 'default') {
    // Anything but a Symbol becomes a string label.
    label = `${label}`;
    const counts = this[kCounts];
    let count = counts.get(label);
    count = count === undefined ? 1 : count + 1;
    counts.set(label, count);
    this.log(`${label}: ${count}`);
  },

  countReset(label = 'default') {
    const counts = this[kCounts];
    if (!counts.has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    counts.delete(`${label}`);
  },

  group(...data) {
    if (data.length > 0) Reflect.apply(this.log, this, data);
    indentationMap.set(this, (indentationMap.get(this) || '') + ' '.repeat(this[kGroupIndentationWidth]));
  },

  groupEnd() {
    const current = indentationMap.get(this) || '';
    indentationMap.set(this, current.slice(0, current.length - this[kGroupIndentationWidth]));
  },

  // Rows are the entries of the data (the keys of an object or array, the
  // entries of a Map or Set), columns the keys of the rows that are objects
  // (or `properties`), plus a Values column for rows that are primitives.
  table(tabularData, properties) {
    if (properties !== undefined) validateArray(properties, 'properties');
    if (tabularData === null || typeof tabularData !== 'object') return this.log(tabularData);

    cliTable ??= require('internal/cli_table');
    const final = (k, v) => this.log(cliTable(k, v));
    const { isSet, isMap, isSetIterator, isMapIterator } = require('internal/util/types');
    const { previewEntries } = internalBinding('util');

    // Cells show objects with more than two keys collapsed, arrays cut at
    // three items, everything on one line.
    const _inspect = (v) => {
      const depth = v !== null && typeof v === 'object' && !isArrayLike(v) &&
        Object.keys(v).length > 2 ? -1 : 0;
      const opt = {
        depth,
        maxArrayLength: 3,
        breakLength: Infinity,
        ...this[kGetInspectOptions](this._stdout),
      };
      return inspect(v, opt);
    };
    const getIndexArray = (length) => Array.from({ length }, (_, i) => _inspect(i));

    const mapIter = isMapIterator(tabularData);
    let isKeyValue = false;
    let i = 0;
    if (mapIter) {
      const res = previewEntries(tabularData, true);
      tabularData = res[0];
      isKeyValue = res[1];
    }

    if (isKeyValue || isMap(tabularData)) {
      const keys = [];
      const values = [];
      let length = 0;
      if (mapIter) {
        for (; i < tabularData.length / 2; ++i) {
          keys.push(_inspect(tabularData[i * 2]));
          values.push(_inspect(tabularData[i * 2 + 1]));
          length++;
        }
      } else {
        for (const { 0: k, 1: v } of tabularData) {
          keys.push(_inspect(k));
          values.push(_inspect(v));
          length++;
        }
      }
      return final([iterKey, keyKey, valuesKey], [getIndexArray(length), keys, values]);
    }

    const setIter = isSetIterator(tabularData);
    if (setIter) tabularData = previewEntries(tabularData);

    if (setIter || mapIter || isSet(tabularData)) {
      const values = [];
      let length = 0;
      for (const v of tabularData) {
        values.push(_inspect(v));
        length++;
      }
      return final([iterKey, valuesKey], [getIndexArray(length), values]);
    }

    const map = { __proto__: null };
    let hasPrimitives = false;
    const valuesKeyArray = [];
    const indexKeyArray = Object.keys(tabularData);
    for (; i < indexKeyArray.length; i++) {
      const item = tabularData[indexKeyArray[i]];
      const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        valuesKeyArray[i] = _inspect(item);
      } else {
        const keys = properties || Object.keys(item);
        for (const key of keys) {
          map[key] ??= [];
          if ((primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key)) {
            map[key][i] = '';
          } else {
            map[key][i] = _inspect(item[key]);
          }
        }
      }
    }

    const keys = Object.keys(map);
    const values = Object.values(map);
    if (hasPrimitives) {
      keys.push(valuesKey);
      values.push(valuesKeyArray);
    }
    keys.unshift(indexKey);
    values.unshift(indexKeyArray);
    return final(keys, values);
  },
};

for (const method of Reflect.ownKeys(consoleMethods)) Console.prototype[method] = consoleMethods[method];

// Aliases, in Node's order (which shows in Object.keys(console)). debug,
// info and error publish to their own diagnostics channels.
Console.prototype.debug = function debug(...args) {
  publish('debug', args);
  this[kWriteToConsole](kUseStdout, this[kFormatForStdout](args));
};
Console.prototype.info = function info(...args) {
  publish('info', args);
  this[kWriteToConsole](kUseStdout, this[kFormatForStdout](args));
};
Console.prototype.dirxml = Console.prototype.log;
Console.prototype.error = function error(...args) {
  publish('error', args);
  this[kWriteToConsole](kUseStderr, this[kFormatForStderr](args));
};
Console.prototype.groupCollapsed = Console.prototype.group;

module.exports = {
  Console,
  kBindStreamsLazy,
  kBindProperties,
  kWriteToConsole,
};
