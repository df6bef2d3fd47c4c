'use strict';
// What the parts of node:crypto share: the binding, byte-argument checks,
// the algorithm lists, errors thrown the way Node's C++ throws them, and
// jobs that run on the core's blocking pool.

const binding = internalBinding('crypto');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_CRYPTO_ENGINE_UNKNOWN },
} = require('internal/errors');
const { validateString } = require('internal/validators');
const { normalizeEncoding } = require('internal/util');

const kHandle = Symbol('kHandle');
const kKeyObject = Symbol('kKeyObject');

const { isAnyArrayBuffer } = internalBinding('types');

// A string becomes a Buffer in the given encoding; bytes pass through.
function getArrayBufferOrView(buffer, name, encoding) {
  if (ArrayBuffer.isView(buffer) || isAnyArrayBuffer(buffer)) return buffer;
  if (typeof buffer === 'string') {
    if (encoding === 'buffer') encoding = 'utf8';
    return Buffer.from(buffer, encoding);
  }
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], buffer);
}

function toBuf(val, encoding) {
  if (typeof val === 'string') {
    if (encoding === 'buffer') encoding = 'utf8';
    return Buffer.from(val, encoding);
  }
  return val;
}

// Node's C++ layer throws plain errors whose `code` is set but whose stack
// says "TypeError: message" (no [CODE] in the name).
function cryptoError(Ctor, code, message) {
  const err = new Ctor(message);
  if (code !== undefined) err.code = code;
  return err;
}

// Drops names that differ only in letter case and sorts what is left, as
// Node does for getHashes/getCiphers/getCurves.
function filterDuplicateStrings(items, low) {
  const map = new Map();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const key = item.toLowerCase();
    map.set(key, low ? key : item);
  }
  return [...map.values()].sort();
}

function cachedResult(fn) {
  let result;
  return () => {
    if (result === undefined) result = fn();
    return result.slice();
  };
}

const getHashes = cachedResult(() => filterDuplicateStrings(binding.getHashes()));
const getCiphers = cachedResult(() => filterDuplicateStrings(binding.getCiphers()));
const getCurves = cachedResult(() => filterDuplicateStrings(binding.getCurves()));

let DOMExceptionCtor;
function lazyDOMException(message, name) {
  DOMExceptionCtor ??= require('internal/per_context/domexception').DOMException;
  return new DOMExceptionCtor(message, name);
}

// ---- jobs on the pool ----
let loop;
let completionValues;
// Starts a pool job: start(id) hands id to the binding, and done(err,
// value) runs from the completion batch. A binding that throws before
// queueing leaves nothing registered.
function runJob(start, done) {
  loop ??= require('internal/loop');
  completionValues ??= internalBinding('loop').completionValues;
  const id = loop.register((result, aux) => {
    const value = completionValues[aux];
    if (result < 0) done(value);
    else done(null, value);
  });
  try {
    start(id);
  } catch (err) {
    loop.unregister(id);
    throw err;
  }
}

// The same as a promise (Web Crypto).
function jobPromise(start) {
  return new Promise((resolve, reject) => {
    runJob(start, (err, value) => (err ? reject(err) : resolve(value)));
  });
}

// Output encodings the binding can produce itself (no Buffer in between).
const kOutBuffer = 0;
const kOutKinds = { __proto__: null, hex: 1, base64: 2, base64url: 3, latin1: 4 };

function encodeOutput(buf, encoding) {
  if (encoding && encoding !== 'buffer') return buf.toString(encoding);
  return buf;
}

function setEngine(id, flags) {
  validateString(id, 'id');
  if (flags !== undefined && typeof flags !== 'number') throw new ERR_INVALID_ARG_TYPE('flags', 'number', flags);
  // No engines are loaded in this build; OpenSSL 3 uses providers.
  throw new ERR_CRYPTO_ENGINE_UNKNOWN(id);
}

function secureHeapUsed() {
  const { used } = binding.secureHeapUsed();
  return { total: 0, min: 0, used, utilization: 0 };
}

function getDefaultEncoding() {
  return 'buffer';
}

// For Web Crypto and the JWK helpers: OpenSSL's names for SHA digests.
function normalizeHashName(name) {
  switch (`${name}`.toUpperCase()) {
    case 'SHA-1': case 'SHA1': return 'sha1';
    case 'SHA-256': case 'SHA256': return 'sha256';
    case 'SHA-384': case 'SHA384': return 'sha384';
    case 'SHA-512': case 'SHA512': return 'sha512';
    default: return name;
  }
}

module.exports = {
  binding,
  kHandle,
  kKeyObject,
  isAnyArrayBuffer,
  getArrayBufferOrView,
  toBuf,
  cryptoError,
  getHashes,
  getCiphers,
  getCurves,
  lazyDOMException,
  runJob,
  jobPromise,
  kOutBuffer,
  kOutKinds,
  encodeOutput,
  normalizeEncoding,
  setEngine,
  secureHeapUsed,
  getDefaultEncoding,
  normalizeHashName,
};
