'use strict';
// node:util

const { inspect, format, formatWithOptions, stripVTControlCharacters } = require('internal/util/inspect');
const {
  deprecate, promisify, callbackify, getSignalsToNamesMapping,
} = require('internal/util');
const types = require('internal/util/types');
const { validateNumber } = require('internal/validators');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE } } = require('internal/errors');
const { hasBuiltin } = internalBinding('builtins');

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw new ERR_INVALID_ARG_TYPE('ctor', 'Function', ctor);
  if (superCtor === undefined || superCtor === null) throw new ERR_INVALID_ARG_TYPE('superCtor', 'Function', superCtor);
  if (superCtor.prototype === undefined) {
    throw new ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object', superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

function isArray(arr) { return Array.isArray(arr); }
function isBoolean(arg) { return typeof arg === 'boolean'; }
function isNull(arg) { return arg === null; }
function isNullOrUndefined(arg) { return arg === null || arg === undefined; }
function isNumber(arg) { return typeof arg === 'number'; }
function isString(arg) { return typeof arg === 'string'; }
function isSymbol(arg) { return typeof arg === 'symbol'; }
function isUndefined(arg) { return arg === undefined; }
function isRegExp(arg) { return types.isRegExp(arg); }
function isObject(arg) { return arg !== null && typeof arg === 'object'; }
function isDate(arg) { return types.isDate(arg); }
function isError(arg) { return types.isNativeError(arg) || arg instanceof Error; }
function isFunction(arg) { return typeof arg === 'function'; }
function isPrimitive(arg) { return arg === null || (typeof arg !== 'object' && typeof arg !== 'function'); }

function pad(n) { return String(n).padStart(2, '0'); }
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function timestamp() {
  const d = new Date();
  const t = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(':');
  return `${d.getDate()} ${months[d.getMonth()]} ${t}`;
}
function log(...args) {
  console.log('%s - %s', timestamp(), format(...args));
}

function getSystemErrorName(err) {
  validateNumber(err, 'err');
  if (err >= 0 || !Number.isSafeInteger(err)) throw new ERR_OUT_OF_RANGE('err', 'a negative integer', err);
  return internalBinding('errno').getErrorInfo(err)[0];
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

function getSystemErrorMessage(err) {
  validateNumber(err, 'err');
  return internalBinding('errno').getErrorInfo(err)[1];
}

function toUSVString(input) {
  return `${input}`.toWellFormed ? `${input}`.toWellFormed() : `${input}`.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function isDeepStrictEqual(a, b) {
  return require('internal/util/comparisons').isDeepStrictEqual(a, b);
}

function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

function aborted(signal, resource) {
  const { validateAbortSignal } = require('internal/validators');
  if (signal === undefined) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
    throw new ERR_INVALID_ARG_TYPE('resource', 'Object', resource);
  }
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

module.exports = {
  _extend,
  callbackify,
  debug: (set) => require('internal/util/debuglog').debuglog(set),
  debuglog: (set, cb) => require('internal/util/debuglog').debuglog(set, cb),
  deprecate,
  format,
  formatWithOptions,
  getSystemErrorMap,
  getSystemErrorName,
  getSystemErrorMessage,
  inherits,
  inspect,
  isArray,
  isBoolean,
  isDeepStrictEqual,
  isNull,
  isNullOrUndefined,
  isNumber,
  isString,
  isSymbol,
  isUndefined,
  isRegExp,
  isObject,
  isDate,
  isError,
  isFunction,
  isPrimitive,
  log,
  promisify,
  stripVTControlCharacters,
  toUSVString,
  types,
  aborted,
  parseEnv: (content) => require('internal/process/env_file').parseEnv(content),
};
void getSignalsToNamesMapping;

const lazy = [
  ['TextEncoder', 'internal/encoding'],
  ['TextDecoder', 'internal/encoding'],
  ['MIMEType', 'internal/mime'],
  ['MIMEParams', 'internal/mime'],
  ['parseArgs', 'internal/util/parse_args'],
  ['styleText', 'internal/util/colors'],
  ['transferableAbortController', 'internal/abort_controller'],
  ['transferableAbortSignal', 'internal/abort_controller'],
  ['getCallSite', 'internal/util/call_site'],
];
for (const [name, id] of lazy) {
  if (!hasBuiltin(id)) continue;
  Object.defineProperty(module.exports, name, {
    enumerable: true,
    configurable: true,
    get() { return require(id)[name]; },
  });
}
