'use strict';
// node:util, with Node 22's exports in Node 22's order (programs print
// Object.keys(util)), the old is* helpers deprecated at run time as there.

const { inspect, format, formatWithOptions, stripVTControlCharacters } = require('internal/util/inspect');
const { deprecate, promisify, callbackify } = require('internal/util');
const types = require('internal/util/types');
const { validateNumber } = require('internal/validators');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE } } = require('internal/errors');

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw new ERR_INVALID_ARG_TYPE('ctor', 'Function', ctor);
  if (superCtor === undefined || superCtor === null) {
    throw new ERR_INVALID_ARG_TYPE('superCtor', 'Function', superCtor);
  }
  if (superCtor.prototype === undefined) {
    throw new ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object', superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

function isBoolean(arg) { return typeof arg === 'boolean'; }
function isNull(arg) { return arg === null; }
function isNullOrUndefined(arg) { return arg === null || arg === undefined; }
function isNumber(arg) { return typeof arg === 'number'; }
function isString(arg) { return typeof arg === 'string'; }
function isSymbol(arg) { return typeof arg === 'symbol'; }
function isUndefined(arg) { return arg === undefined; }
function isObject(arg) { return arg !== null && typeof arg === 'object'; }
function isError(arg) { return types.isNativeError(arg) || arg instanceof Error; }
function isFunction(arg) { return typeof arg === 'function'; }
function isPrimitive(arg) { return arg === null || (typeof arg !== 'object' && typeof arg !== 'function'); }
function isBuffer(arg) {
  return require('buffer').Buffer.isBuffer(arg);
}

function pad(n) { return `${n}`.padStart(2, '0'); }
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// "26 Feb 16:19:34"
function timestamp() {
  const d = new Date();
  const t = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(':');
  return `${d.getDate()} ${months[d.getMonth()]} ${t}`;
}
function log(...args) {
  require('console').log('%s - %s', timestamp(), format(...args));
}

function validateErrno(err) {
  validateNumber(err, 'err');
  if (err >= 0 || !Number.isSafeInteger(err)) throw new ERR_OUT_OF_RANGE('err', 'a negative integer', err);
}

function getSystemErrorName(err) {
  validateErrno(err);
  return internalBinding('errno').getErrorInfo(err)[0];
}

function getSystemErrorMessage(err) {
  validateErrno(err);
  return internalBinding('errno').getErrorInfo(err)[1];
}

function getSystemErrorMap() {
  const { codes, getErrorInfo } = internalBinding('errno');
  const map = new Map();
  for (const name of Object.keys(codes)) {
    const errno = -codes[name];
    map.set(errno, getErrorInfo(errno));
  }
  return map;
}

function _errnoException(...args) {
  const { errnoException } = require('internal/errors');
  return errnoException(...args);
}

function _exceptionWithHostPort(...args) {
  const { exceptionWithHostPort } = require('internal/errors');
  return exceptionWithHostPort(...args);
}

function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

// The frames above the caller: [{ functionName, scriptId, scriptName,
// lineNumber, columnNumber, column }] (column kept under both names, as
// Node 22 has it).
function getCallSites(frameCount = 10, options) {
  if (options === undefined && typeof frameCount === 'object' && frameCount !== null) {
    options = frameCount;
    frameCount = 10;
  }
  if (options !== undefined) {
    const { validateObject } = require('internal/validators');
    validateObject(options, 'options');
  }
  validateNumber(frameCount, 'frameCount', 1, 200);
  return internalBinding('util').getCallSites(frameCount);
}

function debuglog(set, cb) {
  return require('internal/util/debuglog').debuglog(set, cb);
}

function styleText(format, text, options) {
  return require('internal/util/colors').styleText(format, text, options);
}

function toUSVString(input) {
  const str = `${input}`;
  if (typeof str.toWellFormed === 'function') return str.toWellFormed();
  return str.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function lazyAbortController(name) {
  return require('internal/abort_controller')[name];
}

let internalDeepEqual;

module.exports = {
  _errnoException,
  _exceptionWithHostPort,
  _extend: deprecate(_extend,
    'The `util._extend` API is deprecated. Please use Object.assign() instead.', 'DEP0060'),
  callbackify,
  debug: debuglog,
  debuglog,
  deprecate,
  format,
  styleText,
  formatWithOptions,
  getCallSite: deprecate(getCallSites,
    'The `util.getCallSite` API has been renamed to `util.getCallSites()`.', 'ExperimentalWarning'),
  getCallSites,
  getSystemErrorMap,
  getSystemErrorName,
  getSystemErrorMessage,
  inherits,
  inspect,
  isArray: deprecate(Array.isArray,
    'The `util.isArray` API is deprecated. Please use `Array.isArray()` instead.', 'DEP0044'),
  isBoolean: deprecate(isBoolean,
    'The `util.isBoolean` API is deprecated.  Please use `typeof arg === "boolean"` instead.', 'DEP0045'),
  isBuffer: deprecate(isBuffer,
    'The `util.isBuffer` API is deprecated. Please use `Buffer.isBuffer()` instead.', 'DEP0046'),
  isDeepStrictEqual(a, b) {
    internalDeepEqual ??= require('internal/util/comparisons').isDeepStrictEqual;
    return internalDeepEqual(a, b);
  },
  isNull: deprecate(isNull,
    'The `util.isNull` API is deprecated. Please use `arg === null` instead.', 'DEP0050'),
  isNullOrUndefined: deprecate(isNullOrUndefined,
    'The `util.isNullOrUndefined` API is deprecated. ' +
    'Please use `arg === null || arg === undefined` instead.', 'DEP0051'),
  isNumber: deprecate(isNumber,
    'The `util.isNumber` API is deprecated. Please use `typeof arg === "number"` instead.', 'DEP0052'),
  isString: deprecate(isString,
    'The `util.isString` API is deprecated.  Please use `typeof arg === "string"` instead.', 'DEP0056'),
  isSymbol: deprecate(isSymbol,
    'The `util.isSymbol` API is deprecated.  Please use `arg === "symbol"` instead.', 'DEP0057'),
  isUndefined: deprecate(isUndefined,
    'The `util.isUndefined` API is deprecated. Please use `arg === undefined` instead.', 'DEP0058'),
  isRegExp: deprecate(types.isRegExp,
    'The `util.isRegExp` API is deprecated. Please use `arg instanceof RegExp` instead.', 'DEP0055'),
  isObject: deprecate(isObject,
    'The `util.isObject` API is deprecated. ' +
    'Please use `arg !== null && typeof arg === "object"` instead.', 'DEP0053'),
  isDate: deprecate(types.isDate,
    'The `util.isDate` API is deprecated.  Please use `arg instanceof Date` instead.', 'DEP0047'),
  isError: deprecate(isError,
    'The `util.isError` API is deprecated. ' +
    'Please use `ObjectPrototypeToString(e) === "[object Error]" || e instanceof Error` instead.',
    'DEP0048'),
  isFunction: deprecate(isFunction,
    'The `util.isFunction` API is deprecated.  Please use `typeof arg === "function"` instead.', 'DEP0049'),
  isPrimitive: deprecate(isPrimitive,
    'The `util.isPrimitive` API is deprecated. ' +
    'Please use `arg === null || (typeof arg !== "object" && typeof arg !== "function")` instead.',
    'DEP0054'),
  log: deprecate(log,
    'The `util.log API is deprecated. ' +
    'Please use console.log() with a custom formatter or a third-party logger instead.', 'DEP0059'),
  promisify,
  stripVTControlCharacters,
  toUSVString,
  get transferableAbortSignal() {
    return lazyAbortController('transferableAbortSignal');
  },
  get transferableAbortController() {
    return lazyAbortController('transferableAbortController');
  },
  get aborted() {
    return lazyAbortController('aborted');
  },
  types,
  parseEnv(content) {
    return require('internal/process/env_file').parseEnv(content);
  },
};

// Loaded on first access.
const lazy = [
  ['parseArgs', 'internal/util/parse_args'],
  ['TextDecoder', 'internal/encoding'],
  ['TextEncoder', 'internal/encoding'],
  ['MIMEType', 'internal/mime'],
  ['MIMEParams', 'internal/mime'],
];
for (const [name, id] of lazy) {
  let value;
  let loaded = false;
  Object.defineProperty(module.exports, name, {
    enumerable: true,
    configurable: true,
    get() {
      if (!loaded) {
        value = require(id)[name];
        loaded = true;
      }
      return value;
    },
    set(v) {
      value = v;
      loaded = true;
    },
  });
}
