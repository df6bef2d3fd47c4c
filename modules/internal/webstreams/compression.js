'use strict';
// CompressionStream and DecompressionStream: node:zlib streams seen through
// the web streams adapters. Formats: deflate, deflate-raw, gzip.

const { codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_THIS } } = require('internal/errors');
const { kState, customInspect, customInspectFn } = require('internal/webstreams/util');

const formats = ['deflate', 'deflate-raw', 'gzip'];

function checkFormat(Class, format) {
  const value = `${format}`;
  if (!formats.includes(value)) {
    throw new ERR_INVALID_ARG_VALUE('format', format,
      `is not a valid enum value of type CompressionFormat (Failed to construct '${Class}')`);
  }
  return value;
}

function makePair(handle) {
  const { newReadableWritablePairFromDuplex } = require('internal/webstreams/adapters');
  return newReadableWritablePairFromDuplex(handle);
}

class CompressionStream {
  constructor(format) {
    const value = checkFormat('CompressionStream', format);
    const zlib = require('zlib');
    const handle = value === 'deflate' ? zlib.createDeflate() :
      value === 'deflate-raw' ? zlib.createDeflateRaw() : zlib.createGzip();
    this[kState] = { pair: makePair(handle) };
  }

  get readable() {
    if (!(this instanceof CompressionStream)) throw new ERR_INVALID_THIS('CompressionStream');
    return this[kState].pair.readable;
  }

  get writable() {
    if (!(this instanceof CompressionStream)) throw new ERR_INVALID_THIS('CompressionStream');
    return this[kState].pair.writable;
  }
}

class DecompressionStream {
  constructor(format) {
    const value = checkFormat('DecompressionStream', format);
    const zlib = require('zlib');
    const handle = value === 'deflate' ? zlib.createInflate() :
      value === 'deflate-raw' ? zlib.createInflateRaw() : zlib.createGunzip();
    this[kState] = { pair: makePair(handle) };
  }

  get readable() {
    if (!(this instanceof DecompressionStream)) throw new ERR_INVALID_THIS('DecompressionStream');
    return this[kState].pair.readable;
  }

  get writable() {
    if (!(this instanceof DecompressionStream)) throw new ERR_INVALID_THIS('DecompressionStream');
    return this[kState].pair.writable;
  }
}

for (const [Class, name] of [[CompressionStream, 'CompressionStream'], [DecompressionStream, 'DecompressionStream']]) {
  Object.defineProperties(Class.prototype, {
    readable: { enumerable: true },
    writable: { enumerable: true },
    [Symbol.toStringTag]: { configurable: true, value: name },
    [customInspect]: {
      value: customInspectFn(name, function() {
        return { readable: this.readable, writable: this.writable };
      }),
    },
  });
}

module.exports = { CompressionStream, DecompressionStream };
