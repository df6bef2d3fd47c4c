'use strict';
// node:buffer. Buffer is a Uint8Array subclass (every Buffer is a
// FastBuffer, whose prototype is Buffer.prototype); the encodings are
// native (js/bind_buffer.cc over io/encoding.c). Small allocations come
// from a shared pool, as in Node: Buffer.allocUnsafe(n) and short strings
// take a slice of one 8 KiB ArrayBuffer instead of an allocation each.

const {
  codes: {
    ERR_BUFFER_OUT_OF_BOUNDS,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_BUFFER_SIZE,
    ERR_MISSING_ARGS,
    ERR_OUT_OF_RANGE,
    ERR_UNKNOWN_ENCODING,
  },
} = require('internal/errors');
const {
  validateArray,
  validateBuffer,
  validateInteger,
  validateNumber,
  validateString,
} = require('internal/validators');
const {
  FastBuffer,
  addBufferPrototypeMethods,
  createUnsafeBuffer,
  markAsUntransferable,
  encodingsMap,
  normalizeEncodingStrict,
  base64ByteLength,
  kShortString,
  utf8WriteShort,
  utf8LengthShort,
} = require('internal/buffer');

const binding = internalBinding('buffer');
const {
  byteLengthUtf8,
  compare: _compare,
  compareOffset,
  copy: _copy,
  fill: bindingFill,
  indexOfBuffer,
  indexOfNumber,
  indexOfString,
  swap16: _swap16,
  swap32: _swap32,
  swap64: _swap64,
  kMaxLength,
  kStringMaxLength,
} = binding;

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const getTypedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
const TypedArrayFill = TypedArrayPrototype.fill;
const TypedArraySet = TypedArrayPrototype.set;
const TypedArraySlice = TypedArrayPrototype.slice;
const TypedArraySubarray = TypedArrayPrototype.subarray;
const getByteLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'byteLength').get;
const getLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'length').get;
const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

function isUint8Array(value) {
  return getTypedArrayTag.call(value) === 'Uint8Array';
}
function isTypedArray(value) {
  return getTypedArrayTag.call(value) !== undefined;
}
const { isAnyArrayBuffer } = internalBinding('types');

const constants = Object.defineProperties({}, {
  MAX_LENGTH: { value: kMaxLength, writable: false, enumerable: true, configurable: false },
  MAX_STRING_LENGTH: { value: kStringMaxLength, writable: false, enumerable: true, configurable: false },
});

let INSPECT_MAX_BYTES = 50;

// ---- the pool ----

let poolSize;
let poolOffset;
let allocPool;
let allocPoolBytes; // a Uint8Array over all of allocPool

function createPool() {
  poolSize = Buffer.poolSize;
  allocPoolBytes = createUnsafeBuffer(poolSize);
  allocPool = allocPoolBytes.buffer;
  markAsUntransferable(allocPool);
  poolOffset = 0;
}

// Keeps every pooled Buffer 8-byte aligned.
function alignPool() {
  if (poolOffset & 0x7) {
    poolOffset |= 0x7;
    poolOffset++;
  }
}

// ---- encoding operations, by normalized name ----

function makeOps(name, byteLength, write, slice, indexOf) {
  return { encoding: name, encodingVal: encodingsMap[name], byteLength, write, slice, indexOf };
}

const encodingOps = {
  utf8: makeOps('utf8', byteLengthUtf8,
    (buf, string, offset, len) => buf.utf8Write(string, offset, len),
    (buf, start, end) => buf.utf8Slice(start, end),
    (buf, val, byteOffset, dir) => indexOfString(buf, val, byteOffset, encodingsMap.utf8, dir)),
  ucs2: makeOps('utf16le', (string) => string.length * 2,
    (buf, string, offset, len) => buf.ucs2Write(string, offset, len),
    (buf, start, end) => buf.ucs2Slice(start, end),
    (buf, val, byteOffset, dir) => indexOfString(buf, val, byteOffset, encodingsMap.utf16le, dir)),
  latin1: makeOps('latin1', (string) => string.length,
    (buf, string, offset, len) => buf.latin1Write(string, offset, len),
    (buf, start, end) => buf.latin1Slice(start, end),
    (buf, val, byteOffset, dir) => indexOfString(buf, val, byteOffset, encodingsMap.latin1, dir)),
  ascii: makeOps('ascii', (string) => string.length,
    (buf, string, offset, len) => buf.asciiWrite(string, offset, len),
    (buf, start, end) => buf.asciiSlice(start, end),
    (buf, val, byteOffset, dir) =>
      indexOfBuffer(buf, fromStringFast(val, encodingOps.ascii), byteOffset, encodingsMap.ascii, dir)),
  base64: makeOps('base64', (string) => base64ByteLength(string, string.length),
    (buf, string, offset, len) => buf.base64Write(string, offset, len),
    (buf, start, end) => buf.base64Slice(start, end),
    (buf, val, byteOffset, dir) =>
      indexOfBuffer(buf, fromStringFast(val, encodingOps.base64), byteOffset, encodingsMap.base64, dir)),
  base64url: makeOps('base64url', (string) => base64ByteLength(string, string.length),
    (buf, string, offset, len) => buf.base64urlWrite(string, offset, len),
    (buf, start, end) => buf.base64urlSlice(start, end),
    (buf, val, byteOffset, dir) =>
      indexOfBuffer(buf, fromStringFast(val, encodingOps.base64url), byteOffset,
                    encodingsMap.base64url, dir)),
  hex: makeOps('hex', (string) => string.length >>> 1,
    (buf, string, offset, len) => buf.hexWrite(string, offset, len),
    (buf, start, end) => buf.hexSlice(start, end),
    (buf, val, byteOffset, dir) =>
      indexOfBuffer(buf, fromStringFast(val, encodingOps.hex), byteOffset, encodingsMap.hex, dir)),
};

// The operations of an encoding name, or undefined (also for null and '').
function getEncodingOps(encoding) {
  switch (normalizeEncodingStrict(encoding)) {
    case 'utf8': return encodingOps.utf8;
    case 'utf16le': return encodingOps.ucs2;
    case 'latin1': return encodingOps.latin1;
    case 'ascii': return encodingOps.ascii;
    case 'base64': return encodingOps.base64;
    case 'base64url': return encodingOps.base64url;
    case 'hex': return encodingOps.hex;
  }
  return undefined;
}

// ---- Buffer ----

let bufferWarningShown = false;
function showFlaggedDeprecation() {
  if (bufferWarningShown || process.noDeprecation) return;
  // As Node: only code outside node_modules is told.
  if (isInsideNodeModules()) return;
  bufferWarningShown = true;
  process.emitWarning(
    'Buffer() is deprecated due to security and usability issues. Please use the ' +
    'Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.',
    'DeprecationWarning', 'DEP0005');
}

// Whether the first caller outside the built-ins lives under node_modules.
function isInsideNodeModules() {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  let frames;
  try {
    Error.stackTraceLimit = 20;
    Error.prepareStackTrace = (err, trace) => trace;
    const holder = {};
    Error.captureStackTrace(holder, isInsideNodeModules);
    frames = holder.stack;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
  if (!Array.isArray(frames)) return false;
  for (const frame of frames) {
    const name = frame.getFileName();
    if (!name || name.startsWith('node:')) continue;
    return /[\\/]node_modules[\\/]/.test(name);
  }
  return false;
}

/**
 * Buffer(arg, encodingOrOffset, length): deprecated (DEP0005), kept working.
 * A plain call and `new` give the same result.
 */
function Buffer(arg, encodingOrOffset, length) {
  showFlaggedDeprecation();
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw new ERR_INVALID_ARG_TYPE('string', 'string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}

Object.defineProperty(Buffer, Symbol.species, {
  __proto__: null, enumerable: false, configurable: true, get() { return FastBuffer; },
});

function fromStringFast(string, ops) {
  if (ops === encodingOps.utf8 && string.length <= kShortString) {
    // Encoded in JS straight into the pool: one Buffer, no native call.
    if (string.length * 3 > poolSize - poolOffset) createPool();
    const actual = utf8WriteShort(allocPoolBytes, string, poolOffset, poolSize);
    const b = new FastBuffer(allocPool, poolOffset, actual);
    poolOffset += actual;
    alignPool();
    return b;
  }
  const maxLength = Buffer.poolSize >>> 1;
  let length = string.length; // at least one byte per character...
  if (length >= maxLength) return binding.createFromString(string, ops.encodingVal);
  length *= 4; // ...and at most four
  if (length >= maxLength) length = ops.byteLength(string);
  if (length >= maxLength) return binding.createFromString(string, ops.encodingVal);
  if (length > (poolSize - poolOffset)) createPool();
  let b = new FastBuffer(allocPool, poolOffset, length);
  const actual = ops.write(b, string, 0, length);
  if (actual !== length) {
    // The estimate was high (multi-byte text, or base64 with whitespace).
    b = new FastBuffer(allocPool, poolOffset, actual);
  }
  poolOffset += actual;
  alignPool();
  return b;
}

function fromString(string, encoding) {
  let ops;
  if (typeof encoding !== 'string' || encoding.length === 0) {
    if (string.length === 0) return new FastBuffer();
    ops = encodingOps.utf8;
  } else {
    ops = getEncodingOps(encoding);
    if (ops === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    if (string.length === 0) return new FastBuffer();
  }
  return fromStringFast(string, ops);
}

function fromArrayBuffer(obj, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = 0;
  }
  const maxLength = obj.byteLength - byteOffset;
  if (maxLength < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
  if (length === undefined) {
    length = maxLength;
  } else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
    } else {
      length = 0;
    }
  }
  return new FastBuffer(obj, byteOffset, length);
}

function fromArrayLike(obj) {
  if (obj.length <= 0) return new FastBuffer();
  if (obj.length < (Buffer.poolSize >>> 1)) {
    if (obj.length > (poolSize - poolOffset)) createPool();
    const b = new FastBuffer(allocPool, poolOffset, obj.length);
    TypedArraySet.call(b, obj, 0);
    poolOffset += obj.length;
    alignPool();
    return b;
  }
  return new FastBuffer(obj);
}

function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return new FastBuffer();
    return fromArrayLike(obj);
  }
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data);
}

/**
 * Buffer.from(value[, encodingOrOffset[, length]]): a string in an
 * encoding, an array(-like), a Buffer (copied), an ArrayBuffer (shared), or
 * an object whose valueOf() or Symbol.toPrimitive gives one of these.
 */
Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);
  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value &&
        (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return from(valueOf, encodingOrOffset, length);
    }
    const b = fromObject(value);
    if (b) return b;
    if (typeof value[Symbol.toPrimitive] === 'function') {
      const primitive = value[Symbol.toPrimitive]('string');
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
    }
  }
  throw new ERR_INVALID_ARG_TYPE(
    'first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
};

/**
 * Buffer.copyBytesFrom(view[, offset[, length]]): a copy of part of a
 * TypedArray, offset and length counted in elements.
 */
Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!isTypedArray(view)) throw new ERR_INVALID_ARG_TYPE('view', ['TypedArray'], view);
  const viewLength = getLength.call(view);
  if (viewLength === 0) return Buffer.alloc(0);
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, 'offset', 0);
      if (offset >= viewLength) return Buffer.alloc(0);
    } else {
      offset = 0;
    }
    let end;
    if (length !== undefined) {
      validateInteger(length, 'length', 0);
      end = offset + length;
    } else {
      end = viewLength;
    }
    view = TypedArraySlice.call(view, offset, end);
  }
  return fromArrayLike(new Uint8Array(view.buffer, view.byteOffset, getByteLength.call(view)));
};

/** Buffer.of(...items): as Uint8Array.of, giving a Buffer. */
function of(...items) {
  const b = createUnsafeBuffer(items.length);
  for (let k = 0; k < items.length; k++) b[k] = items[k];
  return b;
}
Buffer.of = of;

Object.setPrototypeOf(Buffer, Uint8Array);

/** Buffer.alloc(size[, fill[, encoding]]): zero-filled, or filled with fill. */
Buffer.alloc = function alloc(size, fill, encoding) {
  validateNumber(size, 'size', 0, kMaxLength);
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = createUnsafeBuffer(size);
    return _fill(buf, fill, 0, buf.length, encoding);
  }
  return new FastBuffer(size);
};

/** Buffer.allocUnsafe(size): not zeroed; small sizes come from the pool. */
Buffer.allocUnsafe = function allocUnsafe(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return allocate(size);
};

/** Buffer.allocUnsafeSlow(size): not zeroed, never from the pool. */
Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return createUnsafeBuffer(size);
};

function SlowBuffer(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return createUnsafeBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

function allocate(size) {
  if (size <= 0) return new FastBuffer();
  if (size < (Buffer.poolSize >>> 1)) {
    if (size > (poolSize - poolOffset)) createPool();
    const b = new FastBuffer(allocPool, poolOffset, size);
    poolOffset += size;
    alignPool();
    return b;
  }
  return createUnsafeBuffer(size);
}

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw new ERR_INVALID_ARG_TYPE('buf1', ['Buffer', 'Uint8Array'], buf1);
  if (!isUint8Array(buf2)) throw new ERR_INVALID_ARG_TYPE('buf2', ['Buffer', 'Uint8Array'], buf2);
  if (buf1 === buf2) return 0;
  return _compare(buf1, buf2);
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 &&
    normalizeEncodingStrict(encoding) !== undefined;
};

/**
 * Buffer.concat(list[, totalLength]): one Buffer with the bytes of each
 * Buffer or Uint8Array in list; zero-filled past the data when totalLength
 * is larger, cut when it is smaller.
 */
Buffer.concat = function concat(list, length) {
  validateArray(list, 'list');
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateOffset(length, 'length');
  }
  const buffer = Buffer.allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) {
      throw new ERR_INVALID_ARG_TYPE(`list[${i}]`, ['Buffer', 'Uint8Array'], list[i]);
    }
    // set() copies as memmove; a Buffer longer than what is left is cut.
    const n = buf.length;
    if (n === 0) continue; // also a detached one, which set() would reject
    if (n <= length - pos) {
      TypedArraySet.call(buffer, buf, pos);
      pos += n;
    } else if (pos < length) {
      TypedArraySet.call(buffer, TypedArraySubarray.call(buf, 0, length - pos), pos);
      pos = length;
    }
  }
  // The pool is not zeroed: clear what totalLength asked for beyond the data.
  if (pos < length) TypedArrayFill.call(buffer, 0, pos, length);
  return buffer;
};

/**
 * Buffer.byteLength(string[, encoding]): bytes of string in encoding (an
 * unknown encoding counts as utf8), or the byteLength of a buffer.
 */
function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw new ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  const len = string.length;
  if (len === 0) return 0;
  if (!encoding || encoding === 'utf8') {
    return len <= kShortString ? utf8LengthShort(string) : byteLengthUtf8(string);
  }
  if (encoding === 'ascii') return len;
  const ops = getEncodingOps(encoding);
  if (ops === undefined) return byteLengthUtf8(string);
  return ops.byteLength(string);
}
Buffer.byteLength = byteLength;

Buffer.poolSize = 8 * 1024;

// Buffer.prototype is FastBuffer.prototype: every FastBuffer is a Buffer.
Buffer.prototype = FastBuffer.prototype;
Object.defineProperty(FastBuffer.prototype, 'constructor', {
  value: Buffer, writable: true, enumerable: false, configurable: true,
});
addBufferPrototypeMethods(Buffer.prototype);

Object.defineProperty(Buffer.prototype, 'parent', {
  __proto__: null,
  enumerable: true,
  configurable: true,
  get() {
    if (!(this instanceof Buffer)) return undefined;
    return this.buffer;
  },
});
Object.defineProperty(Buffer.prototype, 'offset', {
  __proto__: null,
  enumerable: true,
  configurable: true,
  get() {
    if (!(this instanceof Buffer)) return undefined;
    return this.byteOffset;
  },
});

function validateOffset(value, name, min = 0, max = kMaxLength) {
  validateInteger(value, name, min, max);
}

function toInteger(n, defaultVal) {
  n = +n;
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
    return (n % 1) === 0 ? n : Math.floor(n);
  }
  return defaultVal;
}

function _copyActual(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.byteLength - targetStart) {
    sourceEnd = sourceStart + target.byteLength - targetStart;
  }
  let nb = sourceEnd - sourceStart;
  const sourceLen = source.byteLength - sourceStart;
  if (nb > sourceLen) nb = sourceLen;
  if (nb <= 0) return 0;
  if (sourceStart === 0 && nb === source.length && isUint8Array(source) && isUint8Array(target)) {
    // All of source: set() copies as memmove, without a call into C++.
    TypedArraySet.call(target, source, targetStart);
    return nb;
  }
  _copy(source, target, targetStart, sourceStart, nb);
  return nb;
}

function copyImpl(source, target, targetStart, sourceStart, sourceEnd) {
  if (!ArrayBuffer.isView(source)) {
    throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  }
  if (!ArrayBuffer.isView(target)) {
    throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  }
  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = Number.isInteger(targetStart) ? targetStart : toInteger(targetStart, 0);
    if (targetStart < 0) throw new ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart);
  }
  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = Number.isInteger(sourceStart) ? sourceStart : toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > source.byteLength) {
      throw new ERR_OUT_OF_RANGE('sourceStart', `>= 0 && <= ${source.byteLength}`, sourceStart);
    }
  }
  if (sourceEnd === undefined) {
    sourceEnd = source.byteLength;
  } else {
    sourceEnd = Number.isInteger(sourceEnd) ? sourceEnd : toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw new ERR_OUT_OF_RANGE('sourceEnd', '>= 0', sourceEnd);
  }
  if (targetStart >= target.byteLength || sourceStart >= sourceEnd) return 0;
  return _copyActual(source, target, targetStart, sourceStart, sourceEnd);
}

Buffer.prototype.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  return copyImpl(this, target, targetStart, sourceStart, sourceEnd);
};

/**
 * buf.toString([encoding[, start[, end]]]): undefined encoding is utf8;
 * any other unknown one (null and '' too) throws ERR_UNKNOWN_ENCODING.
 */
Buffer.prototype.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return this.utf8Slice(0, this.length);
  const len = this.length;
  if (start <= 0) {
    start = 0;
  } else if (start >= len) {
    return '';
  } else {
    start = Math.trunc(start) || 0;
  }
  if (end === undefined || end > len) {
    end = len;
  } else {
    end = Math.trunc(end) || 0;
  }
  if (end <= start) return '';
  if (encoding === undefined) return this.utf8Slice(start, end);
  const ops = getEncodingOps(encoding);
  if (ops === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  return ops.slice(this, start, end);
};

Buffer.prototype.equals = function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
  }
  if (this === otherBuffer) return true;
  const len = getByteLength.call(this);
  if (len !== getByteLength.call(otherBuffer)) return false;
  return len === 0 || _compare(this, otherBuffer) === 0;
};

let utilInspect;
let getOwnNonIndexProperties;

// <Buffer 68 65 6c 6c 6f ... 45 more bytes, extra: 1>
Buffer.prototype[customInspectSymbol] = function inspect(recurseTimes, ctx) {
  const max = INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = this.hexSlice(0, actualMax).replace(/(.{2})/g, '$1 ').trim();
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  // Own non-index properties too, as util.inspect would show them.
  if (ctx) {
    getOwnNonIndexProperties ??= internalBinding('util').getOwnNonIndexProperties;
    // ALL_PROPERTIES is 0 and ONLY_ENUMERABLE 2 in V8's PropertyFilter.
    const keys = getOwnNonIndexProperties(this, ctx.showHidden ? 0 : 2) || [];
    if (keys.length > 0) {
      const obj = { __proto__: null };
      for (const key of keys) obj[key] = this[key];
      utilInspect ??= require('internal/util/inspect').inspect;
      if (this.length !== 0) str += ', ';
      // Drops '[Object: null prototype] {' and ' }'.
      str += utilInspect(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
};
Buffer.prototype.inspect = Buffer.prototype[customInspectSymbol];

/**
 * buf.compare(target[, targetStart[, targetEnd[, sourceStart[, sourceEnd]]]])
 */
Buffer.prototype.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) {
    throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  }
  if (arguments.length === 1) return _compare(this, target);
  if (targetStart === undefined) targetStart = 0;
  else validateOffset(targetStart, 'targetStart');
  if (targetEnd === undefined) targetEnd = target.length;
  else validateOffset(targetEnd, 'targetEnd', 0, target.length);
  if (sourceStart === undefined) sourceStart = 0;
  else validateOffset(sourceStart, 'sourceStart');
  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
  if (sourceStart >= sourceEnd) return (targetStart >= targetEnd ? 0 : -1);
  if (targetStart >= targetEnd) return 1;
  return compareOffset(this, target, targetStart, sourceStart, targetEnd, sourceEnd);
};

// indexOf/lastIndexOf/includes: val a string (in encoding), a number (a
// byte) or a Buffer/Uint8Array; byteOffset counts from the end if negative.
function bidirectionalIndexOf(buffer, val, byteOffset, encoding, dir) {
  validateBuffer(buffer);
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  // Values like null and [] become 0; undefined, {} and 'x' search it all.
  byteOffset = +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = dir ? 0 : (buffer.length || buffer.byteLength);
  dir = !!dir;
  if (typeof val === 'number') return indexOfNumber(buffer, val >>> 0, byteOffset, dir);
  let ops;
  if (encoding === undefined) ops = encodingOps.utf8;
  else ops = getEncodingOps(encoding);
  if (typeof val === 'string') {
    if (ops === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    return ops.indexOf(buffer, val, byteOffset, dir);
  }
  if (isUint8Array(val)) {
    const encodingVal = ops === undefined ? encodingsMap.utf8 : ops.encodingVal;
    return indexOfBuffer(buffer, val, byteOffset, encodingVal, dir);
  }
  throw new ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
}

Buffer.prototype.indexOf = function indexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, true);
};

Buffer.prototype.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, false);
};

Buffer.prototype.includes = function includes(val, byteOffset, encoding) {
  return this.indexOf(val, byteOffset, encoding) !== -1;
};

/**
 * buf.fill(value[, offset[, end]][, encoding]): value a string, a number
 * (& 255), a Buffer/Uint8Array, or anything else as a number.
 */
Buffer.prototype.fill = function fill(value, offset, end, encoding) {
  return _fill(this, value, offset, end, encoding);
};

function _fill(buf, value, offset, end, encoding) {
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }
    const normalizedEncoding = encoding === undefined || encoding === null || encoding === '' ?
      'utf8' : normalizeEncodingStrict(encoding);
    if (normalizedEncoding === undefined) {
      validateString(encoding, 'encoding');
      throw new ERR_UNKNOWN_ENCODING(encoding);
    }
    encoding = normalizedEncoding;
    if (value.length === 0) {
      value = 0; // an empty string fills with zeros
    } else if (value.length === 1) {
      // One byte: fill with it as a number.
      if (normalizedEncoding === 'utf8') {
        const code = value.charCodeAt(0);
        if (code < 128) value = code;
      } else if (normalizedEncoding === 'latin1') {
        value = value.charCodeAt(0);
      }
    }
  } else {
    encoding = undefined;
  }

  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, 'offset');
    if (end === undefined) end = buf.length;
    else validateOffset(end, 'end', 0, buf.length);
    if (offset >= end) return buf;
  }

  if (typeof value === 'number') {
    const byteLen = getByteLength.call(buf);
    const fillLength = end - offset;
    if (offset > end || fillLength + offset > byteLen) throw new ERR_BUFFER_OUT_OF_BOUNDS();
    TypedArrayFill.call(buf, value, offset, end);
  } else {
    const res = bindingFill(buf, value, offset, end,
                            encoding === undefined ? 0 : encodingsMap[encoding]);
    if (res < 0) {
      if (res === -1) throw new ERR_INVALID_ARG_VALUE('value', value);
      throw new ERR_BUFFER_OUT_OF_BOUNDS();
    }
  }
  return buf;
}

/**
 * buf.write(string[, offset[, length]][, encoding]): bytes written; only
 * whole characters in utf8 and ucs2.
 */
Buffer.prototype.write = function write(string, offset, length, encoding) {
  if (offset === undefined) {
    if (typeof string === 'string' && string.length <= kShortString) {
      return utf8WriteShort(this, string, 0, this.length);
    }
    return this.utf8Write(string, 0, this.length);
  }
  if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    validateOffset(offset, 'offset', 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  if (!encoding || encoding === 'utf8') {
    if (typeof string === 'string' && string.length <= kShortString) {
      return utf8WriteShort(this, string, offset, offset + length);
    }
    return this.utf8Write(string, offset, length);
  }
  if (encoding === 'ascii') return this.asciiWrite(string, offset, length);
  const ops = getEncodingOps(encoding);
  if (ops === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  return ops.write(this, string, offset, length);
};

Buffer.prototype.toJSON = function toJSON() {
  if (this.length > 0) {
    const data = new Array(this.length);
    for (let i = 0; i < this.length; ++i) data[i] = this[i];
    return { type: 'Buffer', data };
  }
  return { type: 'Buffer', data: [] };
};

function adjustOffset(offset, length) {
  // Math.trunc, not |0: offsets may exceed 32 bits.
  offset = Math.trunc(offset);
  if (offset === 0 || Number.isNaN(offset)) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  if (offset < length) return offset;
  return length;
}

/** buf.subarray([start[, end]]): a view of the same memory. */
Buffer.prototype.subarray = function subarray(start, end) {
  const srcLength = this.length;
  start = adjustOffset(start, srcLength);
  end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
  const newLength = end > start ? end - start : 0;
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
};

/** buf.slice([start[, end]]): the same as subarray (shares memory). */
Buffer.prototype.slice = function slice(start, end) {
  return this.subarray(start, end);
};

function swap(b, n, m) {
  const i = b[n];
  b[n] = b[m];
  b[m] = i;
}

// Short buffers swap in JS; long ones in C (the call costs more than a
// few swaps).
Buffer.prototype.swap16 = function swap16() {
  const len = this.length;
  if (len % 2 !== 0) throw new ERR_INVALID_BUFFER_SIZE('16-bits');
  if (len < 128) {
    for (let i = 0; i < len; i += 2) swap(this, i, i + 1);
    return this;
  }
  return _swap16(this);
};

Buffer.prototype.swap32 = function swap32() {
  const len = this.length;
  if (len % 4 !== 0) throw new ERR_INVALID_BUFFER_SIZE('32-bits');
  if (len < 192) {
    for (let i = 0; i < len; i += 4) {
      swap(this, i, i + 3);
      swap(this, i + 1, i + 2);
    }
    return this;
  }
  return _swap32(this);
};

Buffer.prototype.swap64 = function swap64() {
  const len = this.length;
  if (len % 8 !== 0) throw new ERR_INVALID_BUFFER_SIZE('64-bits');
  if (len < 192) {
    for (let i = 0; i < len; i += 8) {
      swap(this, i, i + 7);
      swap(this, i + 1, i + 6);
      swap(this, i + 2, i + 5);
      swap(this, i + 3, i + 4);
    }
    return this;
  }
  return _swap64(this);
};

Buffer.prototype.toLocaleString = Buffer.prototype.toString;

// ---- module functions ----

/**
 * transcode(source, fromEnc, toEnc): re-encodes between utf8, ucs2,
 * latin1 and ascii (the encodings Node's ICU transcoder accepts).
 */
function transcode(source, fromEncoding, toEncoding) {
  if (!isUint8Array(source)) {
    throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  }
  if (source.length === 0) return Buffer.alloc(0);
  const from = normalizeEncodingStrict(fromEncoding) || fromEncoding;
  const to = normalizeEncodingStrict(toEncoding) || toEncoding;
  const fromVal = encodingsMap[from];
  const toVal = encodingsMap[to];
  const result = fromVal === undefined || toVal === undefined ? -1 :
    binding.transcode(source, fromVal, toVal);
  if (typeof result !== 'number') return result;
  const code = result === -10 ? 'U_INVALID_CHAR_FOUND' : 'U_ILLEGAL_ARGUMENT_ERROR';
  const err = new Error(`Unable to transcode Buffer [${code}]`);
  err.code = code;
  err.errno = -result;
  throw err;
}

/** isUtf8(input): whether the bytes are well-formed UTF-8. */
function isUtf8(input) {
  if (ArrayBuffer.isView(input) || isAnyArrayBuffer(input)) return binding.isUtf8(input);
  throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

/** isAscii(input): whether every byte is below 0x80. */
function isAscii(input) {
  if (ArrayBuffer.isView(input) || isAnyArrayBuffer(input)) return binding.isAscii(input);
  throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

let DOMException;
function lazyDOMException(message, name) {
  DOMException ??= require('internal/per_context/domexception').DOMException;
  return new DOMException(message, name);
}

/** btoa(data): base64 of a string of Latin-1 characters (the web API). */
function btoa(input) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
  const result = binding.btoa(`${input}`);
  if (result === -1) throw lazyDOMException('Invalid character', 'InvalidCharacterError');
  return result;
}

/** atob(data): the forgiving-base64 decode of the web API, to Latin-1. */
function atob(input) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
  const result = binding.atob(`${input}`);
  if (result === -2) throw lazyDOMException('Invalid character', 'InvalidCharacterError');
  if (result === -1) {
    throw lazyDOMException('The string to be decoded is not correctly encoded.',
                           'InvalidCharacterError');
  }
  return result;
}

module.exports = {
  Buffer,
  SlowBuffer,
  transcode,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  btoa,
  atob,
  constants,
  INSPECT_MAX_BYTES: undefined,
  Blob: undefined,
  resolveObjectURL: undefined,
  File: undefined,
};

Object.defineProperty(module.exports, 'INSPECT_MAX_BYTES', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() { return INSPECT_MAX_BYTES; },
  set(val) {
    validateNumber(val, 'INSPECT_MAX_BYTES', 0);
    INSPECT_MAX_BYTES = val;
  },
});

// Blob and File load on first use: most programs never touch them.
for (const name of ['Blob', 'File', 'resolveObjectURL']) {
  Object.defineProperty(module.exports, name, {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      const value = require('internal/blob')[name];
      Object.defineProperty(module.exports, name, {
        __proto__: null, value, writable: true, enumerable: true, configurable: true,
      });
      return value;
    },
    set(value) {
      Object.defineProperty(module.exports, name, {
        __proto__: null, value, writable: true, enumerable: true, configurable: true,
      });
    },
  });
}

createPool();
