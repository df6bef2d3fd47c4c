'use strict';
// TextEncoderStream and TextDecoderStream: TransformStreams of strings to
// UTF-8 bytes and of bytes to strings, streaming (a character split across
// chunks is put back together).

const { codes: { ERR_INVALID_THIS } } = require('internal/errors');
const { kState, customInspect, customInspectFn } = require('internal/webstreams/util');
const { TransformStream } = require('internal/webstreams/transformstream');

class TextEncoderStream {
  constructor() {
    const { TextEncoder } = require('internal/encoding');
    const encoder = new TextEncoder();
    // A high surrogate at the end of a chunk waits for the next one.
    let pending = '';
    const transform = new TransformStream({
      transform(chunk, controller) {
        let text = pending + String(chunk);
        pending = '';
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pending = text[text.length - 1];
          text = text.slice(0, -1);
        }
        if (text.length > 0) controller.enqueue(encoder.encode(text));
      },
      flush(controller) {
        // A lone high surrogate encodes as U+FFFD.
        if (pending !== '') controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
      },
    });
    this[kState] = { transform };
  }

  get encoding() {
    if (!(this instanceof TextEncoderStream)) throw new ERR_INVALID_THIS('TextEncoderStream');
    return 'utf-8';
  }

  get readable() {
    if (!(this instanceof TextEncoderStream)) throw new ERR_INVALID_THIS('TextEncoderStream');
    return this[kState].transform.readable;
  }

  get writable() {
    if (!(this instanceof TextEncoderStream)) throw new ERR_INVALID_THIS('TextEncoderStream');
    return this[kState].transform.writable;
  }
}

class TextDecoderStream {
  constructor(encoding = 'utf-8', options = {}) {
    const { TextDecoder } = require('internal/encoding');
    const decoder = new TextDecoder(encoding, options);
    const transform = new TransformStream({
      transform(chunk, controller) {
        const text = decoder.decode(chunk, { stream: true });
        if (text) controller.enqueue(text);
      },
      flush(controller) {
        const text = decoder.decode();
        if (text) controller.enqueue(text);
      },
    });
    this[kState] = { transform, decoder };
  }

  get encoding() {
    if (!(this instanceof TextDecoderStream)) throw new ERR_INVALID_THIS('TextDecoderStream');
    return this[kState].decoder.encoding;
  }

  get fatal() {
    if (!(this instanceof TextDecoderStream)) throw new ERR_INVALID_THIS('TextDecoderStream');
    return this[kState].decoder.fatal;
  }

  get ignoreBOM() {
    if (!(this instanceof TextDecoderStream)) throw new ERR_INVALID_THIS('TextDecoderStream');
    return this[kState].decoder.ignoreBOM;
  }

  get readable() {
    if (!(this instanceof TextDecoderStream)) throw new ERR_INVALID_THIS('TextDecoderStream');
    return this[kState].transform.readable;
  }

  get writable() {
    if (!(this instanceof TextDecoderStream)) throw new ERR_INVALID_THIS('TextDecoderStream');
    return this[kState].transform.writable;
  }
}

Object.defineProperties(TextEncoderStream.prototype, {
  encoding: { enumerable: true },
  readable: { enumerable: true },
  writable: { enumerable: true },
  [Symbol.toStringTag]: { configurable: true, value: 'TextEncoderStream' },
  [customInspect]: {
    value: customInspectFn('TextEncoderStream', function() {
      return { encoding: this.encoding, readable: this.readable, writable: this.writable };
    }),
  },
});

Object.defineProperties(TextDecoderStream.prototype, {
  encoding: { enumerable: true },
  fatal: { enumerable: true },
  ignoreBOM: { enumerable: true },
  readable: { enumerable: true },
  writable: { enumerable: true },
  [Symbol.toStringTag]: { configurable: true, value: 'TextDecoderStream' },
  [customInspect]: {
    value: customInspectFn('TextDecoderStream', function() {
      return {
        encoding: this.encoding,
        fatal: this.fatal,
        ignoreBOM: this.ignoreBOM,
        readable: this.readable,
        writable: this.writable,
      };
    }),
  },
});

module.exports = { TextEncoderStream, TextDecoderStream };
