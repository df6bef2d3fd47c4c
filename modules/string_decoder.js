'use strict';
// node:string_decoder: decodes a stream of Buffers into strings without
// splitting a character across two of them. Node's decoder has its own rules
// for what it keeps back (they differ from TextDecoder's), reproduced here:
// - utf8: the last character of a chunk is kept when its lead byte says more
//   bytes follow; a later byte that is not a continuation ends it early
//   (it then decodes to U+FFFD).
// - utf16le: an odd byte, or a high surrogate at the end, is kept.
// - base64/base64url: bytes past the last multiple of 3 are kept, so that
//   the text of the chunks joins into one valid base64 string.
// - latin1, ascii, hex: nothing is ever kept.
// The state lives in a 7-byte Buffer as in Node (lastChar is a view of its
// first four bytes).

const { Buffer } = require('buffer');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS, ERR_UNKNOWN_ENCODING },
} = require('internal/errors');
const { normalizeEncoding } = require('internal/util');
const { encodingsMap } = require('internal/buffer');

const binding = internalBinding('buffer');

const kIncompleteCharactersStart = 0;
const kIncompleteCharactersEnd = 4;
const kMissingBytes = 4;
const kBufferedBytes = 5;
const kEncodingField = 6;
const kSize = 7;

const kNativeDecoder = Symbol('kNativeDecoder');

const kUtf8 = encodingsMap.utf8;
const kUcs2 = encodingsMap.utf16le;
const kBase64 = encodingsMap.base64;
const kBase64Url = encodingsMap.base64url;

// The encoding's normalized name, or an error; a Buffer.isEncoding that
// user code replaced may admit more names (as in Node).
const originalIsEncoding = Buffer.isEncoding;
function normalize(enc) {
  const nenc = normalizeEncoding(enc);
  if (nenc === undefined) {
    if (Buffer.isEncoding === originalIsEncoding || !Buffer.isEncoding(enc)) {
      throw new ERR_UNKNOWN_ENCODING(enc);
    }
    return enc;
  }
  return nenc;
}

function decodeBytes(bytes, start, end, enc) {
  return end > start ? binding.decode(bytes, enc, start, end) : '';
}

function bytesOf(buf) {
  return buf instanceof Uint8Array ? buf : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

// Decodes one chunk, keeping back the bytes of a character it cuts.
function decodeChunk(state, buf) {
  const enc = state[kEncodingField];
  const data = bytesOf(buf);
  let start = 0;
  const end = data.length;
  if (enc !== kUtf8 && enc !== kUcs2 && enc !== kBase64 && enc !== kBase64Url) {
    return decodeBytes(data, 0, end, enc);
  }
  let prepend = '';
  if (state[kMissingBytes] > 0) {
    if (enc === kUtf8) {
      // A byte that is not a continuation ends the kept character here;
      // the continuation bytes before it still belong to it.
      for (let i = 0; i < end && i < state[kMissingBytes]; i++) {
        if ((data[i] & 0xC0) !== 0x80) {
          state[kMissingBytes] = 0;
          state.set(data.subarray(0, i), state[kBufferedBytes]);
          state[kBufferedBytes] += i;
          start = i;
          break;
        }
      }
    }
    const found = Math.min(end - start, state[kMissingBytes]);
    state.set(data.subarray(start, start + found), state[kBufferedBytes]);
    start += found;
    state[kMissingBytes] -= found;
    state[kBufferedBytes] += found;
    if (state[kMissingBytes] === 0) {
      prepend = decodeBytes(state, kIncompleteCharactersStart, state[kBufferedBytes], enc);
      state[kBufferedBytes] = 0;
    }
  }
  if (start === end) return prepend;

  // Whether the chunk ends inside a character to finish next time.
  let keep = 0;
  if (enc === kUtf8) {
    if (data[end - 1] & 0x80) {
      for (let i = end - 1; ; i--) {
        keep++;
        if ((data[i] & 0xC0) === 0x80) {
          if (keep >= 4 || i === start) {
            keep = 0; // no lead byte in reach: nothing to keep
            break;
          }
          continue;
        }
        let need;
        if ((data[i] & 0xE0) === 0xC0) need = 2;
        else if ((data[i] & 0xF0) === 0xE0) need = 3;
        else if ((data[i] & 0xF8) === 0xF0) need = 4;
        else {
          keep = 0; // not a lead byte of any length
          break;
        }
        if (keep >= need) {
          keep = 0; // complete (or already invalid)
          break;
        }
        state[kMissingBytes] = need - keep;
        break;
      }
    }
  } else if (enc === kUcs2) {
    if ((end - start) % 2 === 1) {
      keep = 1;
      state[kMissingBytes] = 1;
    } else if ((data[end - 1] & 0xFC) === 0xD8) {
      keep = 2;
      state[kMissingBytes] = 2;
    }
  } else {
    keep = (end - start) % 3;
    if (keep > 0) state[kMissingBytes] = 3 - keep;
  }
  if (keep > 0) {
    state.set(data.subarray(end - keep, end), kIncompleteCharactersStart);
    state[kBufferedBytes] = keep;
  }
  const body = decodeBytes(data, start, end - keep, enc);
  return prepend + body;
}

// What end() adds: the kept bytes decoded as they are.
function flush(state) {
  const enc = state[kEncodingField];
  if (enc === kUcs2 && state[kBufferedBytes] % 2 === 1) {
    // A lone trailing byte is dropped.
    state[kMissingBytes]--;
    state[kBufferedBytes]--;
  }
  if (state[kBufferedBytes] === 0) return '';
  const ret = decodeBytes(state, kIncompleteCharactersStart, state[kBufferedBytes], enc);
  state[kMissingBytes] = 0;
  state[kBufferedBytes] = 0;
  return ret;
}

/**
 * StringDecoder([encoding]): a decoder for a stream of Buffers; encoding is
 * any Buffer encoding (default 'utf8').
 */
function StringDecoder(encoding) {
  this.encoding = normalize(encoding);
  const state = Buffer.alloc(kSize);
  const enc = encodingsMap[this.encoding];
  state[kEncodingField] = enc === undefined ? kUtf8 : enc;
  this[kNativeDecoder] = state;
}

function validateDecoder(self) {
  if (self == null || !(self[kNativeDecoder] instanceof Uint8Array)) {
    throw new ERR_INVALID_THIS('StringDecoder');
  }
}

/** write(buf): the complete characters decoded so far. */
StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') return buf;
  if (!ArrayBuffer.isView(buf)) {
    throw new ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
  }
  validateDecoder(this);
  return decodeChunk(this[kNativeDecoder], buf);
};

/** end([buf]): the rest, with any incomplete character as U+FFFD. */
StringDecoder.prototype.end = function end(buf) {
  let ret = '';
  if (buf !== undefined) ret = this.write(buf);
  if (this[kNativeDecoder][kBufferedBytes] > 0) ret += flush(this[kNativeDecoder]);
  return ret;
};

/** text(buf, offset): decodes buf from offset, forgetting kept bytes. */
StringDecoder.prototype.text = function text(buf, offset) {
  validateDecoder(this);
  this[kNativeDecoder][kMissingBytes] = 0;
  this[kNativeDecoder][kBufferedBytes] = 0;
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder].subarray(kIncompleteCharactersStart, kIncompleteCharactersEnd);
    },
  },
  lastNeed: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder][kMissingBytes];
    },
  },
  lastTotal: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder][kBufferedBytes] + this[kNativeDecoder][kMissingBytes];
    },
  },
});

module.exports = { StringDecoder };
