'use strict';
// randomBytes, randomFill(Sync), randomInt, randomUUID, getRandomValues,
// checkPrime and generatePrime, over OpenSSL's CSPRNG. Callback forms fill
// on the core's blocking pool.

const { randomFill: _randomFill, checkPrime: _checkPrime, generatePrime: _generatePrime } = internalBinding('crypto');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_MISSING_ARGS },
} = require('internal/errors');
const {
  validateBoolean,
  validateFunction,
  validateInt32,
  validateNumber,
  validateObject,
} = require('internal/validators');
const { isAnyArrayBuffer, runJob, lazyDOMException } = require('internal/crypto/util');

const kMaxInt32 = 2 ** 31 - 1;
const kMaxPossibleLength = Math.min(require('buffer').kMaxLength, kMaxInt32);

function assertOffset(offset, elementSize, length) {
  validateNumber(offset, 'offset');
  offset *= elementSize;
  const maxLength = Math.min(length, kMaxPossibleLength);
  if (Number.isNaN(offset) || offset > maxLength || offset < 0) {
    throw new ERR_OUT_OF_RANGE('offset', `>= 0 && <= ${maxLength}`, offset);
  }
  return offset >>> 0;
}

function assertSize(size, elementSize, offset, length) {
  validateNumber(size, 'size');
  size *= elementSize;
  if (Number.isNaN(size) || size > kMaxPossibleLength || size < 0) {
    throw new ERR_OUT_OF_RANGE('size', `>= 0 && <= ${kMaxPossibleLength}`, size);
  }
  if (size + offset > length) throw new ERR_OUT_OF_RANGE('size + offset', `<= ${length}`, size + offset);
  return size >>> 0;
}

function randomBytes(size, callback) {
  size = assertSize(size, 1, 0, Infinity);
  if (callback !== undefined) validateFunction(callback, 'callback');
  // Its own memory (not the Buffer pool): the bytes are secret.
  const buf = Buffer.alloc(size);
  if (callback === undefined) {
    if (size > 0) _randomFill(buf, 0, size, -1);
    return buf;
  }
  runJob((id) => _randomFill(buf, 0, size, id), (err) => {
    if (err) callback(err);
    else callback(null, buf);
  });
}

function checkBuffer(buf) {
  if (!isAnyArrayBuffer(buf) && !ArrayBuffer.isView(buf)) {
    throw new ERR_INVALID_ARG_TYPE('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
  }
}

function randomFillSync(buf, offset = 0, size) {
  checkBuffer(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  offset = assertOffset(offset, elementSize, buf.byteLength);
  if (size === undefined) size = buf.byteLength - offset;
  else size = assertSize(size, elementSize, offset, buf.byteLength);
  if (size === 0) return buf;
  _randomFill(buf, offset, size, -1);
  return buf;
}

function randomFill(buf, offset, size, callback) {
  checkBuffer(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = buf.byteLength;
  } else if (typeof size === 'function') {
    callback = size;
    offset = assertOffset(offset, elementSize, buf.byteLength);
    size = buf.byteLength - offset;
  } else {
    validateFunction(callback, 'callback');
    offset = assertOffset(offset, elementSize, buf.byteLength);
    if (size === undefined) size = buf.byteLength - offset;
    else size = assertSize(size, elementSize, offset, buf.byteLength);
  }
  if (size === 0) {
    callback(null, buf);
    return;
  }
  runJob((id) => _randomFill(buf, offset, size, id), (err) => {
    if (err) callback(err);
    else callback(null, buf);
  });
}

// ---- randomInt ----
// Integers come from 48-bit values drawn from a cache of random bytes;
// values at or above the largest multiple of the range are redrawn so the
// result is unbiased.
const RAND_MAX = 0xFFFF_FFFF_FFFF;
const randomCache = Buffer.alloc(6 * 1024);
let randomCacheOffset = randomCache.length;
let asyncCacheFillInProgress = false;
const asyncCachePendingTasks = [];

function randomInt(min, max, callback) {
  const minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === 'undefined';
  if (!isSync) validateFunction(callback, 'callback');
  if (!Number.isSafeInteger(min)) throw new ERR_INVALID_ARG_TYPE('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw new ERR_INVALID_ARG_TYPE('max', 'a safe integer', max);
  if (max <= min) throw new ERR_OUT_OF_RANGE('max', `greater than the value of "min" (${min})`, max);
  const range = max - min;
  if (!(range <= RAND_MAX)) {
    throw new ERR_OUT_OF_RANGE(`max${minNotSpecified ? '' : ' - min'}`, `<= ${RAND_MAX}`, range);
  }
  const randLimit = RAND_MAX - (RAND_MAX % range);
  // Synchronous while the cache has bytes (or in sync mode, refilling it).
  while (isSync || randomCacheOffset < randomCache.length) {
    if (randomCacheOffset === randomCache.length) {
      randomFillSync(randomCache);
      randomCacheOffset = 0;
    }
    const x = randomCache.readUIntBE(randomCacheOffset, 6);
    randomCacheOffset += 6;
    if (x < randLimit) {
      const n = (x % range) + min;
      if (isSync) return n;
      process.nextTick(callback, undefined, n);
      return;
    }
  }
  // Async with an empty cache: wait for the refill another call may have
  // started already.
  asyncCachePendingTasks.push({ min, max, callback });
  asyncRefillRandomIntCache();
}

function asyncRefillRandomIntCache() {
  if (asyncCacheFillInProgress) return;
  asyncCacheFillInProgress = true;
  randomFill(randomCache, (err) => {
    asyncCacheFillInProgress = false;
    const tasks = asyncCachePendingTasks;
    const errorReceiver = err && tasks.shift();
    if (!err) randomCacheOffset = 0;
    // Run the queued calls; those left waiting start the next refill.
    tasks.splice(0).forEach((task) => {
      randomInt(task.min, task.max, task.callback);
    });
    if (errorReceiver) errorReceiver.callback(err);
  });
}

// ---- randomUUID ----
const kHexBytes = [];
for (let i = 0; i < 256; i++) kHexBytes[i] = i.toString(16).padStart(2, '0');

const kBatchSize = 128;
let uuidData;
let uuidNotBuffered;
let uuidBatch = 0;

function getBufferedUUID() {
  uuidData ??= Buffer.alloc(16 * kBatchSize);
  if (uuidBatch === 0) randomFillSync(uuidData);
  uuidBatch = (uuidBatch + 1) % kBatchSize;
  return serializeUUID(uuidData, uuidBatch * 16);
}

function getUnbufferedUUID() {
  uuidNotBuffered ??= Buffer.alloc(16);
  randomFillSync(uuidNotBuffered);
  return serializeUUID(uuidNotBuffered);
}

function serializeUUID(buf, offset = 0) {
  const kHex = kHexBytes;
  // Version 4 (random) and the RFC 4122 variant.
  return kHex[buf[offset]] + kHex[buf[offset + 1]] + kHex[buf[offset + 2]] + kHex[buf[offset + 3]] + '-' +
    kHex[buf[offset + 4]] + kHex[buf[offset + 5]] + '-' +
    kHex[(buf[offset + 6] & 0x0f) | 0x40] + kHex[buf[offset + 7]] + '-' +
    kHex[(buf[offset + 8] & 0x3f) | 0x80] + kHex[buf[offset + 9]] + '-' +
    kHex[buf[offset + 10]] + kHex[buf[offset + 11]] + kHex[buf[offset + 12]] +
    kHex[buf[offset + 13]] + kHex[buf[offset + 14]] + kHex[buf[offset + 15]];
}

function randomUUID(options) {
  if (options !== undefined) validateObject(options, 'options');
  const { disableEntropyCache = false } = options || {};
  validateBoolean(disableEntropyCache, 'options.disableEntropyCache');
  return disableEntropyCache ? getUnbufferedUUID() : getBufferedUUID();
}

// ---- getRandomValues (Web Crypto) ----
function isIntegerTypedArray(data) {
  switch (Object.prototype.toString.call(data)) {
    case '[object Int8Array]':
    case '[object Uint8Array]':
    case '[object Uint8ClampedArray]':
    case '[object Int16Array]':
    case '[object Uint16Array]':
    case '[object Int32Array]':
    case '[object Uint32Array]':
    case '[object BigInt64Array]':
    case '[object BigUint64Array]':
      return true;
    default:
      return false;
  }
}

function getRandomValues(data) {
  if (arguments.length < 1) throw new ERR_MISSING_ARGS('typedArray');
  if (!isIntegerTypedArray(data)) {
    throw lazyDOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (data.byteLength > 65536) {
    throw lazyDOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
  }
  randomFillSync(data, 0);
  return data;
}

// ---- primes ----
function bigintToBytes(n) {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

function toCandidate(candidate) {
  if (typeof candidate === 'bigint') {
    if (candidate < 0n) throw new ERR_OUT_OF_RANGE('candidate', '>= 0', candidate);
    return bigintToBytes(candidate);
  }
  if (!isAnyArrayBuffer(candidate) && !ArrayBuffer.isView(candidate)) {
    throw new ERR_INVALID_ARG_TYPE('candidate', ['ArrayBuffer', 'TypedArray', 'Buffer', 'DataView', 'bigint'], candidate);
  }
  return candidate;
}

function checkPrimeOptions(options) {
  validateObject(options, 'options');
  const { checks = 0 } = options;
  validateInt32(checks, 'options.checks', 0);
  return checks;
}

function checkPrime(candidate, options = {}, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  candidate = toCandidate(candidate);
  const checks = checkPrimeOptions(options);
  validateFunction(callback, 'callback');
  runJob((id) => _checkPrime(candidate, checks, id), (err, result) => {
    if (err) callback(err);
    else callback(undefined, result);
  });
}

function checkPrimeSync(candidate, options = {}) {
  candidate = toCandidate(candidate);
  return _checkPrime(candidate, checkPrimeOptions(options), -1);
}

function primeOptions(size, options) {
  validateInt32(size, 'size', 1);
  validateObject(options, 'options');
  const { safe = false, bigint = false } = options;
  let { add, rem } = options;
  validateBoolean(safe, 'options.safe');
  validateBoolean(bigint, 'options.bigint');
  if (add !== undefined) {
    if (typeof add === 'bigint') add = bigintToBytes(add);
    else if (!isAnyArrayBuffer(add) && !ArrayBuffer.isView(add)) {
      throw new ERR_INVALID_ARG_TYPE('options.add', ['ArrayBuffer', 'TypedArray', 'Buffer', 'DataView', 'bigint'], add);
    }
  }
  if (rem !== undefined) {
    if (typeof rem === 'bigint') rem = bigintToBytes(rem);
    else if (!isAnyArrayBuffer(rem) && !ArrayBuffer.isView(rem)) {
      throw new ERR_INVALID_ARG_TYPE('options.rem', ['ArrayBuffer', 'TypedArray', 'Buffer', 'DataView', 'bigint'], rem);
    }
  }
  return { safe, bigint, add, rem };
}

function primeResult(bigint, ab) {
  if (!bigint) return ab;
  const hex = Buffer.from(ab).toString('hex');
  return BigInt(`0x${hex || '0'}`);
}

function generatePrime(size, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  validateFunction(callback, 'callback');
  const { safe, bigint, add, rem } = primeOptions(size, options);
  runJob((id) => _generatePrime(size, safe, add, rem, id), (err, ab) => {
    if (err) callback(err);
    else callback(undefined, primeResult(bigint, ab));
  });
}

function generatePrimeSync(size, options = {}) {
  const { safe, bigint, add, rem } = primeOptions(size, options);
  return primeResult(bigint, _generatePrime(size, safe, add, rem, -1));
}

module.exports = {
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  getRandomValues,
  checkPrime,
  checkPrimeSync,
  generatePrime,
  generatePrimeSync,
};
