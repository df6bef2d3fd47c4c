'use strict';
// What node:buffer builds on: FastBuffer (the Uint8Array subclass every
// Buffer is made from), the encodings table, and the integer/float read and
// write methods of Buffer.prototype. The reads and writes are plain JS on
// the typed array: V8 inlines them, where a call into C++ would cost more
// than the work.

const {
  codes: {
    ERR_BUFFER_OUT_OF_BOUNDS,
    ERR_INVALID_ARG_TYPE,
    ERR_OUT_OF_RANGE,
  },
} = require('internal/errors');
const { validateNumber } = require('internal/validators');

const binding = internalBinding('buffer');

// Every Buffer is a FastBuffer: a plain Uint8Array subclass whose prototype
// node:buffer makes Buffer.prototype. The explicit constructor keeps
// construction off Array.prototype[Symbol.iterator], which users can patch.
class FastBuffer extends Uint8Array {
  // eslint-disable-next-line no-useless-constructor
  constructor(bufferOrLength, byteOffset, length) {
    super(bufferOrLength, byteOffset, length);
  }
}

// ---- encodings ----

// The numbers io/encoding.h uses for each encoding.
const encodingsMap = {
  __proto__: null,
  utf8: 0,
  utf16le: 1,
  latin1: 2,
  ascii: 3,
  base64: 4,
  base64url: 5,
  hex: 6,
};

// Node's normalization: the known spellings in any case, or undefined.
// (null, '' and other values are unknown here; callers that default to
// utf8 check for undefined first.)
function normalizeEncodingStrict(encoding) {
  encoding = `${encoding}`;
  switch (encoding.length) {
    case 3:
      if (encoding === 'hex' || encoding.toLowerCase() === 'hex') return 'hex';
      break;
    case 4:
      if (encoding === 'utf8') return 'utf8';
      if (encoding === 'ucs2') return 'utf16le';
      encoding = encoding.toLowerCase();
      if (encoding === 'utf8') return 'utf8';
      if (encoding === 'ucs2') return 'utf16le';
      break;
    case 5:
      if (encoding === 'utf-8') return 'utf8';
      if (encoding === 'ascii') return 'ascii';
      if (encoding === 'ucs-2') return 'utf16le';
      encoding = encoding.toLowerCase();
      if (encoding === 'utf-8') return 'utf8';
      if (encoding === 'ascii') return 'ascii';
      if (encoding === 'ucs-2') return 'utf16le';
      break;
    case 6:
      if (encoding === 'latin1' || encoding === 'binary') return 'latin1';
      if (encoding === 'base64') return 'base64';
      encoding = encoding.toLowerCase();
      if (encoding === 'latin1' || encoding === 'binary') return 'latin1';
      if (encoding === 'base64') return 'base64';
      break;
    case 7:
      if (encoding === 'utf16le' || encoding.toLowerCase() === 'utf16le') return 'utf16le';
      break;
    case 8:
      if (encoding === 'utf-16le' || encoding.toLowerCase() === 'utf-16le') return 'utf16le';
      break;
    case 9:
      if (encoding === 'base64url' || encoding.toLowerCase() === 'base64url') return 'base64url';
      break;
  }
  return undefined;
}

// Buffer.byteLength for base64: drop up to two '=' at the end, then 3/4.
function base64ByteLength(str, bytes) {
  if (bytes > 0 && str.charCodeAt(bytes - 1) === 0x3D) bytes--;
  if (bytes > 1 && str.charCodeAt(bytes - 1) === 0x3D) bytes--;
  return (bytes * 3) >>> 2;
}

// ---- bounds errors, as Node words them ----

function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type);
    throw new ERR_OUT_OF_RANGE(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS();
  throw new ERR_OUT_OF_RANGE(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
}

// byteLength here is the width less one (the last index read or written).
function checkBounds(buf, offset, byteLength) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + byteLength] === undefined) {
    boundsError(offset, buf.length - (byteLength + 1));
  }
}

function checkInt(value, min, max, buf, offset, byteLength) {
  if (value > max || value < min) {
    const n = typeof min === 'bigint' ? 'n' : '';
    let range;
    if (byteLength > 3) {
      const bits = (byteLength + 1) * 8;
      if (min === 0 || min === 0n) {
        range = `>= 0${n} and < 2${n} ** ${bits}${n}`;
      } else {
        range = `>= -(2${n} ** ${bits - 1}${n}) and < 2${n} ** ${bits - 1}${n}`;
      }
    } else {
      range = `>= ${min}${n} and <= ${max}${n}`;
    }
    throw new ERR_OUT_OF_RANGE('value', range, value);
  }
  checkBounds(buf, offset, byteLength);
}

function validateByteLengthArg(offset, byteLength) {
  if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
  void byteLength;
}

// ---- reads ----

function readUInt48LE(buf, offset = 0) {
  validateNumber(offset, 'offset');
  const first = buf[offset];
  const last = buf[offset + 5];
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 6);
  return first + buf[++offset] * 2 ** 8 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 24 +
    (buf[++offset] + last * 2 ** 8) * 2 ** 32;
}

function readUInt40LE(buf, offset = 0) {
  validateNumber(offset, 'offset');
  const first = buf[offset];
  const last = buf[offset + 4];
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 5);
  return first + buf[++offset] * 2 ** 8 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 24 +
    last * 2 ** 32;
}

function readUInt24LE(buf, offset = 0) {
  validateNumber(offset, 'offset');
  const first = buf[offset];
  const last = buf[offset + 2];
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 3);
  return first + buf[++offset] * 2 ** 8 + last * 2 ** 16;
}

function readUInt32LE(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 3];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 4);
  return first + this[++offset] * 2 ** 8 + this[++offset] * 2 ** 16 + last * 2 ** 24;
}

function readUInt16LE(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 1];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 2);
  return first + last * 2 ** 8;
}

function readUInt8(offset = 0) {
  validateNumber(offset, 'offset');
  const val = this[offset];
  if (val === undefined) boundsError(offset, this.length - 1);
  return val;
}

function readUIntLE(offset, byteLength) {
  validateByteLengthArg(offset);
  if (byteLength === 6) return readUInt48LE(this, offset);
  if (byteLength === 5) return readUInt40LE(this, offset);
  if (byteLength === 3) return readUInt24LE(this, offset);
  if (byteLength === 4) return this.readUInt32LE(offset);
  if (byteLength === 2) return this.readUInt16LE(offset);
  if (byteLength === 1) return this.readUInt8(offset);
  boundsError(byteLength, 6, 'byteLength');
}

function readUInt48BE(buf, offset = 0) {
  validateNumber(offset, 'offset');
  const first = buf[offset];
  const last = buf[offset + 5];
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 6);
  return (first * 2 ** 8 + buf[++offset]) * 2 ** 32 + buf[++offset] * 2 ** 24 +
    buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 8 + last;
}

function readUInt40BE(buf, offset = 0) {
  validateNumber(offset, 'offset');
  const first = buf[offset];
  const last = buf[offset + 4];
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 5);
  return first * 2 ** 32 + buf[++offset] * 2 ** 24 + buf[++offset] * 2 ** 16 +
    buf[++offset] * 2 ** 8 + last;
}

function readUInt24BE(buf, offset = 0) {
  validateNumber(offset, 'offset');
  const first = buf[offset];
  const last = buf[offset + 2];
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 3);
  return first * 2 ** 16 + buf[++offset] * 2 ** 8 + last;
}

function readUInt32BE(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 3];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 4);
  return first * 2 ** 24 + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 8 + last;
}

function readUInt16BE(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 1];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 2);
  return first * 2 ** 8 + last;
}

function readUIntBE(offset, byteLength) {
  validateByteLengthArg(offset);
  if (byteLength === 6) return readUInt48BE(this, offset);
  if (byteLength === 5) return readUInt40BE(this, offset);
  if (byteLength === 3) return readUInt24BE(this, offset);
  if (byteLength === 4) return this.readUInt32BE(offset);
  if (byteLength === 2) return this.readUInt16BE(offset);
  if (byteLength === 1) return this.readUInt8(offset);
  boundsError(byteLength, 6, 'byteLength');
}

function readInt48LE(buf, offset = 0) {
  validateNumber(offset, 'offset');
  const first = buf[offset];
  const last = buf[offset + 5];
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 6);
  const val = buf[offset + 4] + last * 2 ** 8;
  return (val | (val & 2 ** 15) * 0x1fffe) * 2 ** 32 +
    first + buf[++offset] * 2 ** 8 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 24;
}

function readInt40LE(buf, offset = 0) {
  validateNumber(offset, 'offset');
  const first = buf[offset];
  const last = buf[offset + 4];
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 5);
  return (last | (last & 2 ** 7) * 0x1fffffe) * 2 ** 32 +
    first + buf[++offset] * 2 ** 8 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 24;
}

function readInt24LE(buf, offset = 0) {
  validateNumber(offset, 'offset');
  const first = buf[offset];
  const last = buf[offset + 2];
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 3);
  const val = first + buf[++offset] * 2 ** 8 + last * 2 ** 16;
  return val | (val & 2 ** 23) * 0x1fe;
}

function readInt32LE(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 3];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 4);
  return first + this[++offset] * 2 ** 8 + this[++offset] * 2 ** 16 + (last << 24);
}

function readInt16LE(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 1];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 2);
  const val = first + last * 2 ** 8;
  return val | (val & 2 ** 15) * 0x1fffe;
}

function readInt8(offset = 0) {
  validateNumber(offset, 'offset');
  const val = this[offset];
  if (val === undefined) boundsError(offset, this.length - 1);
  return val | (val & 2 ** 7) * 0x1fffffe;
}

function readIntLE(offset, byteLength) {
  validateByteLengthArg(offset);
  if (byteLength === 6) return readInt48LE(this, offset);
  if (byteLength === 5) return readInt40LE(this, offset);
  if (byteLength === 3) return readInt24LE(this, offset);
  if (byteLength === 4) return this.readInt32LE(offset);
  if (byteLength === 2) return this.readInt16LE(offset);
  if (byteLength === 1) return this.readInt8(offset);
  boundsError(byteLength, 6, 'byteLength');
}

function readInt48BE(buf, offset = 0) {
  validateNumber(offset, 'offset');
  const first = buf[offset];
  const last = buf[offset + 5];
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 6);
  const val = buf[++offset] + first * 2 ** 8;
  return (val | (val & 2 ** 15) * 0x1fffe) * 2 ** 32 +
    buf[++offset] * 2 ** 24 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 8 + last;
}

function readInt40BE(buf, offset = 0) {
  validateNumber(offset, 'offset');
  const first = buf[offset];
  const last = buf[offset + 4];
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 5);
  return (first | (first & 2 ** 7) * 0x1fffffe) * 2 ** 32 +
    buf[++offset] * 2 ** 24 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 8 + last;
}

function readInt24BE(buf, offset = 0) {
  validateNumber(offset, 'offset');
  const first = buf[offset];
  const last = buf[offset + 2];
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 3);
  const val = first * 2 ** 16 + buf[++offset] * 2 ** 8 + last;
  return val | (val & 2 ** 23) * 0x1fe;
}

function readInt32BE(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 3];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 4);
  return (first << 24) + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 8 + last;
}

function readInt16BE(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 1];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 2);
  const val = first * 2 ** 8 + last;
  return val | (val & 2 ** 15) * 0x1fffe;
}

function readIntBE(offset, byteLength) {
  validateByteLengthArg(offset);
  if (byteLength === 6) return readInt48BE(this, offset);
  if (byteLength === 5) return readInt40BE(this, offset);
  if (byteLength === 3) return readInt24BE(this, offset);
  if (byteLength === 4) return this.readInt32BE(offset);
  if (byteLength === 2) return this.readInt16BE(offset);
  if (byteLength === 1) return this.readInt8(offset);
  boundsError(byteLength, 6, 'byteLength');
}

// ---- BigInt reads ----

function readBigUInt64LE(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 7];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 8);
  const lo = first + this[++offset] * 2 ** 8 + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 24;
  const hi = this[++offset] + this[++offset] * 2 ** 8 + this[++offset] * 2 ** 16 + last * 2 ** 24;
  return BigInt(lo) + (BigInt(hi) << 32n);
}

function readBigUInt64BE(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 7];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 8);
  const hi = first * 2 ** 24 + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 8 + this[++offset];
  const lo = this[++offset] * 2 ** 24 + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 8 + last;
  return (BigInt(hi) << 32n) + BigInt(lo);
}

function readBigInt64LE(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 7];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 8);
  // The high word as a signed 32-bit value.
  const val = this[offset + 4] + this[offset + 5] * 2 ** 8 + this[offset + 6] * 2 ** 16 + (last << 24);
  return (BigInt(val) << 32n) +
    BigInt(first + this[++offset] * 2 ** 8 + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 24);
}

function readBigInt64BE(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 7];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 8);
  const val = (first << 24) + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 8 + this[++offset];
  return (BigInt(val) << 32n) +
    BigInt(this[++offset] * 2 ** 24 + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 8 + last);
}

// ---- floats: through a shared Float32Array/Float64Array ----

const float32Array = new Float32Array(1);
const uInt8Float32Array = new Uint8Array(float32Array.buffer);
const float64Array = new Float64Array(1);
const uInt8Float64Array = new Uint8Array(float64Array.buffer);

// Whether this machine stores floats little-endian (it decides which of
// the LE/BE methods copies bytes in order).
float32Array[0] = -1;
const bigEndian = uInt8Float32Array[3] === 0;

function readFloatBackwards(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 3];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 4);
  uInt8Float32Array[3] = first;
  uInt8Float32Array[2] = this[++offset];
  uInt8Float32Array[1] = this[++offset];
  uInt8Float32Array[0] = last;
  return float32Array[0];
}

function readFloatForwards(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 3];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 4);
  uInt8Float32Array[0] = first;
  uInt8Float32Array[1] = this[++offset];
  uInt8Float32Array[2] = this[++offset];
  uInt8Float32Array[3] = last;
  return float32Array[0];
}

function readDoubleBackwards(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 7];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 8);
  uInt8Float64Array[7] = first;
  uInt8Float64Array[6] = this[++offset];
  uInt8Float64Array[5] = this[++offset];
  uInt8Float64Array[4] = this[++offset];
  uInt8Float64Array[3] = this[++offset];
  uInt8Float64Array[2] = this[++offset];
  uInt8Float64Array[1] = this[++offset];
  uInt8Float64Array[0] = last;
  return float64Array[0];
}

function readDoubleForwards(offset = 0) {
  validateNumber(offset, 'offset');
  const first = this[offset];
  const last = this[offset + 7];
  if (first === undefined || last === undefined) boundsError(offset, this.length - 8);
  uInt8Float64Array[0] = first;
  uInt8Float64Array[1] = this[++offset];
  uInt8Float64Array[2] = this[++offset];
  uInt8Float64Array[3] = this[++offset];
  uInt8Float64Array[4] = this[++offset];
  uInt8Float64Array[5] = this[++offset];
  uInt8Float64Array[6] = this[++offset];
  uInt8Float64Array[7] = last;
  return float64Array[0];
}

// ---- writes ----

function writeBigU_Int64LE(buf, value, offset, min, max) {
  checkInt(value, min, max, buf, offset, 7);
  let lo = Number(value & 0xffffffffn);
  buf[offset++] = lo;
  lo = lo >> 8;
  buf[offset++] = lo;
  lo = lo >> 8;
  buf[offset++] = lo;
  lo = lo >> 8;
  buf[offset++] = lo;
  let hi = Number((value >> 32n) & 0xffffffffn);
  buf[offset++] = hi;
  hi = hi >> 8;
  buf[offset++] = hi;
  hi = hi >> 8;
  buf[offset++] = hi;
  hi = hi >> 8;
  buf[offset++] = hi;
  return offset;
}

function writeBigU_Int64BE(buf, value, offset, min, max) {
  checkInt(value, min, max, buf, offset, 7);
  let lo = Number(value & 0xffffffffn);
  buf[offset + 7] = lo;
  lo = lo >> 8;
  buf[offset + 6] = lo;
  lo = lo >> 8;
  buf[offset + 5] = lo;
  lo = lo >> 8;
  buf[offset + 4] = lo;
  let hi = Number((value >> 32n) & 0xffffffffn);
  buf[offset + 3] = hi;
  hi = hi >> 8;
  buf[offset + 2] = hi;
  hi = hi >> 8;
  buf[offset + 1] = hi;
  hi = hi >> 8;
  buf[offset] = hi;
  return offset + 8;
}

function writeBigUInt64LE(value, offset = 0) {
  return writeBigU_Int64LE(this, value, offset, 0n, 0xffffffffffffffffn);
}
function writeBigUInt64BE(value, offset = 0) {
  return writeBigU_Int64BE(this, value, offset, 0n, 0xffffffffffffffffn);
}
function writeBigInt64LE(value, offset = 0) {
  return writeBigU_Int64LE(this, value, offset, -0x8000000000000000n, 0x7fffffffffffffffn);
}
function writeBigInt64BE(value, offset = 0) {
  return writeBigU_Int64BE(this, value, offset, -0x8000000000000000n, 0x7fffffffffffffffn);
}

function writeU_Int48LE(buf, value, offset, min, max) {
  value = +value;
  checkInt(value, min, max, buf, offset, 5);
  const newVal = Math.floor(value * 2 ** -32);
  buf[offset++] = value;
  value = value >>> 8;
  buf[offset++] = value;
  value = value >>> 8;
  buf[offset++] = value;
  value = value >>> 8;
  buf[offset++] = value;
  buf[offset++] = newVal;
  buf[offset++] = (newVal >>> 8);
  return offset;
}

function writeU_Int40LE(buf, value, offset, min, max) {
  value = +value;
  checkInt(value, min, max, buf, offset, 4);
  const newVal = value;
  buf[offset++] = value;
  value = value >>> 8;
  buf[offset++] = value;
  value = value >>> 8;
  buf[offset++] = value;
  value = value >>> 8;
  buf[offset++] = value;
  buf[offset++] = Math.floor(newVal * 2 ** -32);
  return offset;
}

function writeU_Int32LE(buf, value, offset, min, max) {
  value = +value;
  checkInt(value, min, max, buf, offset, 3);
  buf[offset++] = value;
  value = value >>> 8;
  buf[offset++] = value;
  value = value >>> 8;
  buf[offset++] = value;
  value = value >>> 8;
  buf[offset++] = value;
  return offset;
}

function writeU_Int24LE(buf, value, offset, min, max) {
  value = +value;
  checkInt(value, min, max, buf, offset, 2);
  buf[offset++] = value;
  value = value >>> 8;
  buf[offset++] = value;
  value = value >>> 8;
  buf[offset++] = value;
  return offset;
}

function writeU_Int16LE(buf, value, offset, min, max) {
  value = +value;
  checkInt(value, min, max, buf, offset, 1);
  buf[offset++] = value;
  buf[offset++] = (value >>> 8);
  return offset;
}

function writeU_Int8(buf, value, offset, min, max) {
  value = +value;
  // checkInt() would look at two bytes: one is enough here.
  validateNumber(offset, 'offset');
  if (value > max || value < min) {
    throw new ERR_OUT_OF_RANGE('value', `>= ${min} and <= ${max}`, value);
  }
  if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
  buf[offset] = value;
  return offset + 1;
}

function writeU_Int48BE(buf, value, offset, min, max) {
  value = +value;
  checkInt(value, min, max, buf, offset, 5);
  const newVal = Math.floor(value * 2 ** -32);
  buf[offset++] = (newVal >>> 8);
  buf[offset++] = newVal;
  buf[offset + 3] = value;
  value = value >>> 8;
  buf[offset + 2] = value;
  value = value >>> 8;
  buf[offset + 1] = value;
  value = value >>> 8;
  buf[offset] = value;
  return offset + 4;
}

function writeU_Int40BE(buf, value, offset, min, max) {
  value = +value;
  checkInt(value, min, max, buf, offset, 4);
  buf[offset++] = Math.floor(value * 2 ** -32);
  buf[offset + 3] = value;
  value = value >>> 8;
  buf[offset + 2] = value;
  value = value >>> 8;
  buf[offset + 1] = value;
  value = value >>> 8;
  buf[offset] = value;
  return offset + 4;
}

function writeU_Int32BE(buf, value, offset, min, max) {
  value = +value;
  checkInt(value, min, max, buf, offset, 3);
  buf[offset + 3] = value;
  value = value >>> 8;
  buf[offset + 2] = value;
  value = value >>> 8;
  buf[offset + 1] = value;
  value = value >>> 8;
  buf[offset] = value;
  return offset + 4;
}

function writeU_Int24BE(buf, value, offset, min, max) {
  value = +value;
  checkInt(value, min, max, buf, offset, 2);
  buf[offset + 2] = value;
  value = value >>> 8;
  buf[offset + 1] = value;
  value = value >>> 8;
  buf[offset] = value;
  return offset + 3;
}

function writeU_Int16BE(buf, value, offset, min, max) {
  value = +value;
  checkInt(value, min, max, buf, offset, 1);
  buf[offset++] = (value >>> 8);
  buf[offset++] = value;
  return offset;
}

function writeUIntLE(value, offset, byteLength) {
  if (byteLength === 6) return writeU_Int48LE(this, value, offset, 0, 0xffffffffffff);
  if (byteLength === 5) return writeU_Int40LE(this, value, offset, 0, 0xffffffffff);
  if (byteLength === 3) return writeU_Int24LE(this, value, offset, 0, 0xffffff);
  if (byteLength === 4) return writeU_Int32LE(this, value, offset, 0, 0xffffffff);
  if (byteLength === 2) return writeU_Int16LE(this, value, offset, 0, 0xffff);
  if (byteLength === 1) return writeU_Int8(this, value, offset, 0, 0xff);
  boundsError(byteLength, 6, 'byteLength');
}

function writeUInt32LE(value, offset = 0) {
  return writeU_Int32LE(this, value, offset, 0, 0xffffffff);
}
function writeUInt16LE(value, offset = 0) {
  return writeU_Int16LE(this, value, offset, 0, 0xffff);
}
function writeUInt8(value, offset = 0) {
  return writeU_Int8(this, value, offset, 0, 0xff);
}

function writeUIntBE(value, offset, byteLength) {
  if (byteLength === 6) return writeU_Int48BE(this, value, offset, 0, 0xffffffffffff);
  if (byteLength === 5) return writeU_Int40BE(this, value, offset, 0, 0xffffffffff);
  if (byteLength === 3) return writeU_Int24BE(this, value, offset, 0, 0xffffff);
  if (byteLength === 4) return writeU_Int32BE(this, value, offset, 0, 0xffffffff);
  if (byteLength === 2) return writeU_Int16BE(this, value, offset, 0, 0xffff);
  if (byteLength === 1) return writeU_Int8(this, value, offset, 0, 0xff);
  boundsError(byteLength, 6, 'byteLength');
}

function writeUInt32BE(value, offset = 0) {
  return writeU_Int32BE(this, value, offset, 0, 0xffffffff);
}
function writeUInt16BE(value, offset = 0) {
  return writeU_Int16BE(this, value, offset, 0, 0xffff);
}

function writeIntLE(value, offset, byteLength) {
  if (byteLength === 6) return writeU_Int48LE(this, value, offset, -0x800000000000, 0x7fffffffffff);
  if (byteLength === 5) return writeU_Int40LE(this, value, offset, -0x8000000000, 0x7fffffffff);
  if (byteLength === 3) return writeU_Int24LE(this, value, offset, -0x800000, 0x7fffff);
  if (byteLength === 4) return writeU_Int32LE(this, value, offset, -0x80000000, 0x7fffffff);
  if (byteLength === 2) return writeU_Int16LE(this, value, offset, -0x8000, 0x7fff);
  if (byteLength === 1) return writeU_Int8(this, value, offset, -0x80, 0x7f);
  boundsError(byteLength, 6, 'byteLength');
}

function writeInt32LE(value, offset = 0) {
  return writeU_Int32LE(this, value, offset, -0x80000000, 0x7fffffff);
}
function writeInt16LE(value, offset = 0) {
  return writeU_Int16LE(this, value, offset, -0x8000, 0x7fff);
}
function writeInt8(value, offset = 0) {
  return writeU_Int8(this, value, offset, -0x80, 0x7f);
}

function writeIntBE(value, offset, byteLength) {
  if (byteLength === 6) return writeU_Int48BE(this, value, offset, -0x800000000000, 0x7fffffffffff);
  if (byteLength === 5) return writeU_Int40BE(this, value, offset, -0x8000000000, 0x7fffffffff);
  if (byteLength === 3) return writeU_Int24BE(this, value, offset, -0x800000, 0x7fffff);
  if (byteLength === 4) return writeU_Int32BE(this, value, offset, -0x80000000, 0x7fffffff);
  if (byteLength === 2) return writeU_Int16BE(this, value, offset, -0x8000, 0x7fff);
  if (byteLength === 1) return writeU_Int8(this, value, offset, -0x80, 0x7f);
  boundsError(byteLength, 6, 'byteLength');
}

function writeInt32BE(value, offset = 0) {
  return writeU_Int32BE(this, value, offset, -0x80000000, 0x7fffffff);
}
function writeInt16BE(value, offset = 0) {
  return writeU_Int16BE(this, value, offset, -0x8000, 0x7fff);
}

function writeDoubleForwards(val, offset = 0) {
  val = +val;
  checkBounds(this, offset, 7);
  float64Array[0] = val;
  this[offset++] = uInt8Float64Array[0];
  this[offset++] = uInt8Float64Array[1];
  this[offset++] = uInt8Float64Array[2];
  this[offset++] = uInt8Float64Array[3];
  this[offset++] = uInt8Float64Array[4];
  this[offset++] = uInt8Float64Array[5];
  this[offset++] = uInt8Float64Array[6];
  this[offset++] = uInt8Float64Array[7];
  return offset;
}

function writeDoubleBackwards(val, offset = 0) {
  val = +val;
  checkBounds(this, offset, 7);
  float64Array[0] = val;
  this[offset++] = uInt8Float64Array[7];
  this[offset++] = uInt8Float64Array[6];
  this[offset++] = uInt8Float64Array[5];
  this[offset++] = uInt8Float64Array[4];
  this[offset++] = uInt8Float64Array[3];
  this[offset++] = uInt8Float64Array[2];
  this[offset++] = uInt8Float64Array[1];
  this[offset++] = uInt8Float64Array[0];
  return offset;
}

function writeFloatForwards(val, offset = 0) {
  val = +val;
  checkBounds(this, offset, 3);
  float32Array[0] = val;
  this[offset++] = uInt8Float32Array[0];
  this[offset++] = uInt8Float32Array[1];
  this[offset++] = uInt8Float32Array[2];
  this[offset++] = uInt8Float32Array[3];
  return offset;
}

function writeFloatBackwards(val, offset = 0) {
  val = +val;
  checkBounds(this, offset, 3);
  float32Array[0] = val;
  this[offset++] = uInt8Float32Array[3];
  this[offset++] = uInt8Float32Array[2];
  this[offset++] = uInt8Float32Array[1];
  this[offset++] = uInt8Float32Array[0];
  return offset;
}

// Puts the read/write methods on Buffer.prototype (the Uint aliases are the
// same function objects, as in Node) and registers the prototype with C++,
// which adds the native <encoding>Slice/<encoding>Write methods.
function addBufferPrototypeMethods(proto) {
  const methods = {
    readBigUInt64LE, readBigUInt64BE, readBigUint64LE: readBigUInt64LE, readBigUint64BE: readBigUInt64BE,
    readBigInt64LE, readBigInt64BE,
    writeBigUInt64LE, writeBigUInt64BE, writeBigUint64LE: writeBigUInt64LE, writeBigUint64BE: writeBigUInt64BE,
    writeBigInt64LE, writeBigInt64BE,
    readUIntLE, readUInt32LE, readUInt16LE, readUInt8, readUIntBE, readUInt32BE, readUInt16BE,
    readUintLE: readUIntLE, readUint32LE: readUInt32LE, readUint16LE: readUInt16LE, readUint8: readUInt8,
    readUintBE: readUIntBE, readUint32BE: readUInt32BE, readUint16BE: readUInt16BE,
    readIntLE, readInt32LE, readInt16LE, readInt8, readIntBE, readInt32BE, readInt16BE,
    writeUIntLE, writeUInt32LE, writeUInt16LE, writeUInt8, writeUIntBE, writeUInt32BE, writeUInt16BE,
    writeUintLE: writeUIntLE, writeUint32LE: writeUInt32LE, writeUint16LE: writeUInt16LE,
    writeUint8: writeUInt8, writeUintBE: writeUIntBE, writeUint32BE: writeUInt32BE,
    writeUint16BE: writeUInt16BE,
    writeIntLE, writeInt32LE, writeInt16LE, writeInt8, writeIntBE, writeInt32BE, writeInt16BE,
    readFloatLE: bigEndian ? readFloatBackwards : readFloatForwards,
    readFloatBE: bigEndian ? readFloatForwards : readFloatBackwards,
    readDoubleLE: bigEndian ? readDoubleBackwards : readDoubleForwards,
    readDoubleBE: bigEndian ? readDoubleForwards : readDoubleBackwards,
    writeFloatLE: bigEndian ? writeFloatBackwards : writeFloatForwards,
    writeFloatBE: bigEndian ? writeFloatForwards : writeFloatBackwards,
    writeDoubleLE: bigEndian ? writeDoubleBackwards : writeDoubleForwards,
    writeDoubleBE: bigEndian ? writeDoubleForwards : writeDoubleBackwards,
  };
  for (const name of Object.keys(methods)) {
    Object.defineProperty(proto, name, {
      value: methods[name], writable: true, enumerable: false, configurable: true,
    });
  }
  binding.setBufferPrototype(proto);
}

// ---- short strings in JS ----
// A call into C++ costs more than encoding a few characters here, so
// strings up to kShortString characters are handled by these loops; they
// follow the native code exactly (whole characters only, a lone surrogate
// as U+FFFD).
const kShortString = 16;

// Writes string as UTF-8 into buf[offset, end); returns the bytes written.
function utf8WriteShort(buf, string, offset, end) {
  let pos = offset;
  const len = string.length;
  for (let i = 0; i < len; i++) {
    let c = string.charCodeAt(i);
    if (c < 0x80) {
      if (pos >= end) break;
      buf[pos++] = c;
    } else if (c < 0x800) {
      if (pos + 2 > end) break;
      buf[pos++] = 0xc0 | (c >> 6);
      buf[pos++] = 0x80 | (c & 0x3f);
    } else {
      if ((c & 0xf800) === 0xd800) {
        if (c < 0xdc00 && i + 1 < len) {
          const d = string.charCodeAt(i + 1);
          if ((d & 0xfc00) === 0xdc00) {
            if (pos + 4 > end) break;
            c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            buf[pos++] = 0xf0 | (c >> 18);
            buf[pos++] = 0x80 | ((c >> 12) & 0x3f);
            buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
            buf[pos++] = 0x80 | (c & 0x3f);
            i++;
            continue;
          }
        }
        c = 0xfffd; // a lone surrogate
      }
      if (pos + 3 > end) break;
      buf[pos++] = 0xe0 | (c >> 12);
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
      buf[pos++] = 0x80 | (c & 0x3f);
    }
  }
  return pos - offset;
}

// The UTF-8 length of a short string.
function utf8LengthShort(string) {
  const len = string.length;
  let n = len;
  for (let i = 0; i < len; i++) {
    const c = string.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      n += 1;
    } else if ((c & 0xfc00) === 0xd800 && i + 1 < len &&
               (string.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a pair: 4 bytes for 2 units
      i++;
    } else {
      n += 2;
    }
  }
  return n;
}

// Buffers whose memory must be copied, not moved, when sent to a Worker:
// the pool (other Buffers share it).
const untransferable = new WeakSet();
function markAsUntransferable(obj) {
  if ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') untransferable.add(obj);
}
function isMarkedAsUntransferable(obj) {
  return obj != null && untransferable.has(obj);
}

// A Buffer over fresh memory that is not zeroed (the caller fills it).
function createUnsafeBuffer(size) {
  return new FastBuffer(binding.createUnsafeArrayBuffer(size));
}

module.exports = {
  kShortString,
  utf8WriteShort,
  utf8LengthShort,
  FastBuffer,
  addBufferPrototypeMethods,
  createUnsafeBuffer,
  markAsUntransferable,
  isMarkedAsUntransferable,
  encodingsMap,
  normalizeEncodingStrict,
  base64ByteLength,
  boundsError,
  checkBounds,
  checkInt,
};
