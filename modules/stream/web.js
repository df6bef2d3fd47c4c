'use strict';
// node:stream/web: the WHATWG streams (internal/webstreams/*), the queuing
// strategies, and the encoding and compression transform streams.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_THIS },
} = require('internal/errors');
const {
  ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamBYOBRequest,
  ReadableByteStreamController, ReadableStreamDefaultController,
} = require('internal/webstreams/readablestream');
const {
  WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController,
} = require('internal/webstreams/writablestream');
const { TransformStream, TransformStreamDefaultController } = require('internal/webstreams/transformstream');
const { customInspect } = require('internal/webstreams/util');

// ---- queuing strategies ----

const kHWM = Symbol('kHighWaterMark');

function strategyInit(self, init) {
  if (init === null || typeof init !== 'object') throw new ERR_INVALID_ARG_TYPE('init', 'Object', init);
  if (init.highWaterMark === undefined) {
    throw new ERR_INVALID_ARG_VALUE('init.highWaterMark', undefined, 'is required');
  }
  self[kHWM] = +init.highWaterMark;
}

// The size functions are one function each, the same for every instance.
const byteLengthSize = { size(chunk) { return chunk.byteLength; } }.size;
const countSize = { size() { return 1; } }.size;

class ByteLengthQueuingStrategy {
  constructor(init) {
    strategyInit(this, init);
  }

  get highWaterMark() {
    if (!(kHWM in Object(this))) throw new ERR_INVALID_THIS('ByteLengthQueuingStrategy');
    return this[kHWM];
  }

  get size() {
    if (!(kHWM in Object(this))) throw new ERR_INVALID_THIS('ByteLengthQueuingStrategy');
    return byteLengthSize;
  }

  [customInspect](depth, options, inspect) {
    return `ByteLengthQueuingStrategy ${inspect({ highWaterMark: this[kHWM] }, options)}`;
  }
}
Object.defineProperty(ByteLengthQueuingStrategy.prototype, Symbol.toStringTag, {
  value: 'ByteLengthQueuingStrategy', configurable: true,
});

class CountQueuingStrategy {
  constructor(init) {
    strategyInit(this, init);
  }

  get highWaterMark() {
    if (!(kHWM in Object(this))) throw new ERR_INVALID_THIS('CountQueuingStrategy');
    return this[kHWM];
  }

  get size() {
    if (!(kHWM in Object(this))) throw new ERR_INVALID_THIS('CountQueuingStrategy');
    return countSize;
  }

  [customInspect](depth, options, inspect) {
    return `CountQueuingStrategy ${inspect({ highWaterMark: this[kHWM] }, options)}`;
  }
}
Object.defineProperty(CountQueuingStrategy.prototype, Symbol.toStringTag, {
  value: 'CountQueuingStrategy', configurable: true,
});

// ---- TextEncoderStream and TextDecoderStream ----

const kTransform = Symbol('kTransform');
const kCodec = Symbol('kCodec');

class TextEncoderStream {
  constructor() {
    const encoder = new TextEncoder();
    // A lone high surrogate at the end of a chunk waits for the next one.
    let pending = '';
    this[kCodec] = encoder;
    this[kTransform] = new TransformStream({
      transform(chunk, controller) {
        let text = pending + String(chunk);
        pending = '';
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pending = text[text.length - 1];
          text = text.slice(0, -1);
        }
        if (text !== '') controller.enqueue(encoder.encode(text));
      },
      flush(controller) {
        if (pending !== '') controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
      },
    });
  }

  get encoding() {
    return 'utf-8';
  }

  get readable() {
    return this[kTransform].readable;
  }

  get writable() {
    return this[kTransform].writable;
  }
}
Object.defineProperty(TextEncoderStream.prototype, Symbol.toStringTag, {
  value: 'TextEncoderStream', configurable: true,
});

class TextDecoderStream {
  constructor(encoding = 'utf-8', options = {}) {
    const decoder = new TextDecoder(encoding, options);
    this[kCodec] = decoder;
    this[kTransform] = new TransformStream({
      transform(chunk, controller) {
        if (!ArrayBuffer.isView(chunk) && !(chunk instanceof ArrayBuffer) &&
            !(chunk instanceof SharedArrayBuffer)) {
          throw new ERR_INVALID_ARG_TYPE('chunk', ['ArrayBuffer', 'ArrayBufferView'], chunk);
        }
        const text = decoder.decode(chunk, { stream: true });
        if (text !== '') controller.enqueue(text);
      },
      flush(controller) {
        const text = decoder.decode();
        if (text !== '') controller.enqueue(text);
      },
    });
  }

  get encoding() {
    return this[kCodec].encoding;
  }

  get fatal() {
    return this[kCodec].fatal;
  }

  get ignoreBOM() {
    return this[kCodec].ignoreBOM;
  }

  get readable() {
    return this[kTransform].readable;
  }

  get writable() {
    return this[kTransform].writable;
  }
}
Object.defineProperty(TextDecoderStream.prototype, Symbol.toStringTag, {
  value: 'TextDecoderStream', configurable: true,
});

// ---- CompressionStream and DecompressionStream (on node:zlib) ----

const formats = ['deflate', 'deflate-raw', 'gzip'];

// A transform stream over a zlib stream: chunks go in as they are written,
// what zlib gives back is enqueued; the end flushes zlib.
function zlibTransform(zstream) {
  let controllerRef;
  let failed = null;
  zstream.on('data', (chunk) => controllerRef?.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
  zstream.on('error', (err) => {
    failed = err;
    // Node's error here is a TypeError that keeps zlib's code.
    const error = new TypeError(err.message, { cause: err });
    if (err.code !== undefined) error.code = err.code;
    controllerRef?.error(error);
  });
  return new TransformStream({
    start(controller) {
      controllerRef = controller;
    },
    transform(chunk) {
      if (failed) throw failed;
      if (!ArrayBuffer.isView(chunk) && !(chunk instanceof ArrayBuffer)) {
        throw new ERR_INVALID_ARG_TYPE('chunk', ['ArrayBuffer', 'ArrayBufferView'], chunk);
      }
      const bytes = chunk instanceof ArrayBuffer ? Buffer.from(chunk) :
        Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      return new Promise((resolve, reject) => {
        zstream.write(bytes, (err) => (err ? reject(err) : resolve()));
      });
    },
    flush() {
      if (failed) throw failed;
      return new Promise((resolve, reject) => {
        zstream.once('end', resolve);
        zstream.once('error', reject);
        zstream.end();
      });
    },
    cancel() {
      zstream.destroy();
    },
  });
}

function checkFormat(format) {
  if (!formats.includes(format)) throw new ERR_INVALID_ARG_VALUE('format', format);
}

class CompressionStream {
  constructor(format) {
    checkFormat(format);
    const zlib = require('zlib');
    const z = format === 'gzip' ? zlib.createGzip() : format === 'deflate' ? zlib.createDeflate() :
      zlib.createDeflateRaw();
    this[kTransform] = zlibTransform(z);
  }

  get readable() {
    return this[kTransform].readable;
  }

  get writable() {
    return this[kTransform].writable;
  }
}
Object.defineProperty(CompressionStream.prototype, Symbol.toStringTag, {
  value: 'CompressionStream', configurable: true,
});

class DecompressionStream {
  constructor(format) {
    checkFormat(format);
    const zlib = require('zlib');
    // As Node: trailing garbage and a truncated input are errors.
    const options = { rejectGarbageAfterEnd: true };
    const z = format === 'gzip' ? zlib.createGunzip(options) : format === 'deflate' ?
      zlib.createInflate(options) : zlib.createInflateRaw(options);
    this[kTransform] = zlibTransform(z);
  }

  get readable() {
    return this[kTransform].readable;
  }

  get writable() {
    return this[kTransform].writable;
  }
}
Object.defineProperty(DecompressionStream.prototype, Symbol.toStringTag, {
  value: 'DecompressionStream', configurable: true,
});

module.exports = {
  ReadableStream,
  ReadableStreamDefaultReader,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableByteStreamController,
  ReadableStreamDefaultController,
  TransformStream,
  TransformStreamDefaultController,
  WritableStream,
  WritableStreamDefaultWriter,
  WritableStreamDefaultController,
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
  TextEncoderStream,
  TextDecoderStream,
  CompressionStream,
  DecompressionStream,
};
