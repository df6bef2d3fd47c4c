'use strict';
// TextEncoder and TextDecoder (WHATWG Encoding). The decoder knows utf-8,
// utf-16le, utf-16be and windows-1252 (which the latin1, ascii and
// iso-8859-1 labels name), with fatal, ignoreBOM and {stream: true}. The
// bytes are decoded natively (js/bind_buffer.cc); what is kept between
// streamed chunks is at most a few bytes of a character cut in two.

const {
  codes: {
    ERR_ENCODING_INVALID_ENCODED_DATA,
    ERR_ENCODING_NOT_SUPPORTED,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_THIS,
  },
} = require('internal/errors');
const { validateObject, kValidateObjectAllowObjectsAndNull } = require('internal/validators');

const binding = internalBinding('buffer');
const { isAnyArrayBuffer } = internalBinding('types');

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const kUtf8 = 0;
const kUcs2 = 1;

// ---- labels (WHATWG Encoding, the encodings this decoder has) ----

const encodings = new Map();
function addLabels(name, labels) {
  for (const label of labels) encodings.set(label, name);
}
addLabels('utf-8', [
  'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8',
]);
addLabels('utf-16le', [
  'csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le',
]);
addLabels('utf-16be', ['unicodefffe', 'utf-16be']);
addLabels('windows-1252', [
  'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1',
  'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1',
  'us-ascii', 'windows-1252', 'x-cp1252',
]);

// ASCII whitespace trimmed, ASCII case folded, as the spec's "get an
// encoding".
function getEncodingFromLabel(label) {
  const name = encodings.get(label);
  if (name !== undefined) return name;
  return encodings.get(`${label}`.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase());
}

// ---- TextEncoder ----

const encodeIntoResults = new Uint32Array(2);

class TextEncoder {
  #brand = true;

  get encoding() {
    validateEncoder(this);
    return 'utf-8';
  }

  /** encode(input = ''): the UTF-8 bytes of input as a new Uint8Array. */
  encode(input = '') {
    validateEncoder(this);
    return binding.createFromString(`${input}`, kUtf8, true);
  }

  /** encodeInto(src, dest): whole characters of src into dest; {read, written}. */
  encodeInto(src, dest) {
    validateEncoder(this);
    if (typeof src !== 'string') src = `${src}`;
    if (Object.prototype.toString.call(dest) !== '[object Uint8Array]') {
      throw new ERR_INVALID_ARG_TYPE('dest', 'Uint8Array', dest);
    }
    binding.encodeInto(src, dest, encodeIntoResults);
    return { read: encodeIntoResults[0], written: encodeIntoResults[1] };
  }

  [customInspectSymbol](depth, opts) {
    validateEncoder(this);
    if (typeof depth === 'number' && depth < 0) return this;
    const { inspect } = require('internal/util/inspect');
    return inspect({ encoding: this.encoding }, opts);
  }

  static isEncoder(value) {
    try {
      return #brand in value;
    } catch {
      return false;
    }
  }
}

function validateEncoder(obj) {
  if (obj == null || typeof obj !== 'object' || !isEncoder(obj)) {
    throw new ERR_INVALID_THIS('TextEncoder');
  }
}

const isEncoder = TextEncoder.isEncoder;
delete TextEncoder.isEncoder;

Object.defineProperties(TextEncoder.prototype, {
  encode: { enumerable: true },
  encodeInto: { enumerable: true },
  encoding: { enumerable: true },
  [Symbol.toStringTag]: { value: 'TextEncoder', configurable: true },
});

// ---- TextDecoder ----

// Node's wording for a decode() argument that is not a buffer: its utf-8
// fast path (a decoder that never streamed) names it "list".
function invalidInput(name) {
  const err = new TypeError(
    `The "${name}" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

// The bytes of decode()'s input as a Uint8Array over the same memory.
function toBytes(input, name) {
  if (ArrayBuffer.isView(input)) {
    if (input instanceof Uint8Array && Object.getPrototypeOf(input) === Uint8Array.prototype) return input;
    // (A view of a detached buffer is empty; a new view of it would throw.)
    if (input.byteLength === 0) return emptyBytes;
    return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  }
  if (isAnyArrayBuffer(input)) return input.byteLength === 0 ? emptyBytes : new Uint8Array(input);
  throw invalidInput(name);
}

function concatBytes(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const emptyBytes = new Uint8Array(0);

class TextDecoder {
  #encoding;
  #fatal;
  #ignoreBOM;
  #bomSeen = false;
  #pending = null; // bytes of a character cut by the end of a streamed chunk
  #streamed = false;

  constructor(encoding = 'utf-8', options = {}) {
    validateObject(options, 'options', kValidateObjectAllowObjectsAndNull);
    const enc = getEncodingFromLabel(encoding);
    if (enc === undefined) throw new ERR_ENCODING_NOT_SUPPORTED(`${encoding}`);
    this.#encoding = enc;
    this.#fatal = Boolean(options?.fatal);
    this.#ignoreBOM = Boolean(options?.ignoreBOM);
  }

  get encoding() {
    validateDecoder(this);
    return this.#encoding;
  }

  get fatal() {
    validateDecoder(this);
    return this.#fatal;
  }

  get ignoreBOM() {
    validateDecoder(this);
    return this.#ignoreBOM;
  }

  /**
   * decode([input[, options]]): the text of input; with {stream: true} a
   * character cut at the end is kept for the next call.
   */
  decode(input = emptyBytes, options = {}) {
    validateDecoder(this);
    const stream = Boolean(options?.stream);
    this.#streamed ||= stream;
    let bytes = toBytes(input, this.#encoding === 'utf-8' && !this.#streamed ? 'list' : 'input');
    validateObject(options, 'options', kValidateObjectAllowObjectsAndNull);
    if (this.#pending !== null) {
      bytes = concatBytes(this.#pending, bytes);
      this.#pending = null;
    }
    let result;
    switch (this.#encoding) {
      case 'utf-8':
        result = this.#decodeUtf8(bytes, stream);
        break;
      case 'utf-16le':
        result = this.#decodeUtf16(bytes, stream, false);
        break;
      case 'utf-16be':
        result = this.#decodeUtf16(bytes, stream, true);
        break;
      default:
        result = binding.decodeWindows1252(bytes, 0, bytes.length);
        break;
    }
    if (!stream) this.#bomSeen = false;
    return result;
  }

  #decodeUtf8(bytes, stream) {
    let start = 0;
    let end = bytes.length;
    if (stream) {
      const tail = binding.utf8IncompleteTail(bytes, 0, end);
      if (tail > 0) {
        end -= tail;
        this.#pending = bytes.slice(end);
      }
    }
    if (!this.#bomSeen && end > 0) {
      if (!this.#ignoreBOM && end >= 3 && bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF) {
        start = 3;
      }
      this.#bomSeen = true;
    }
    if (this.#fatal && !binding.isUtf8Range(bytes, start, end)) {
      this.#reset();
      throw new ERR_ENCODING_INVALID_ENCODED_DATA('utf-8');
    }
    return binding.decode(bytes, kUtf8, start, end);
  }

  #decodeUtf16(bytes, stream, bigEndian) {
    let end = bytes.length;
    let odd = false;
    if (end & 1) {
      end--;
      if (stream) this.#pending = bytes.slice(end);
      else odd = true;
    }
    if (stream && end >= 2) {
      // A high surrogate last waits for its pair.
      const hi = bigEndian ? bytes[end - 2] : bytes[end - 1];
      if ((hi & 0xFC) === 0xD8) {
        this.#pending = this.#pending === null ? bytes.slice(end - 2, end) :
          bytes.slice(end - 2);
        end -= 2;
      }
    }
    let start = 0;
    if (bigEndian && end > 0) {
      // Swapped copy: the input is never changed.
      const swapped = bytes.slice(0, end);
      for (let i = 0; i < end; i += 2) {
        const t = swapped[i];
        swapped[i] = swapped[i + 1];
        swapped[i + 1] = t;
      }
      bytes = swapped;
    }
    if (!this.#bomSeen && end > 0) {
      if (!this.#ignoreBOM && end >= 2 && bytes[0] === 0xFF && bytes[1] === 0xFE) start = 2;
      this.#bomSeen = true;
    }
    let text = binding.decode(bytes, kUcs2, start, end);
    // Unpaired surrogates are errors: U+FFFD, or a TypeError when fatal.
    if (!text.isWellFormed()) {
      if (this.#fatal) {
        this.#reset();
        throw new ERR_ENCODING_INVALID_ENCODED_DATA(this.#encoding);
      }
      text = text.toWellFormed();
    }
    if (odd) {
      if (this.#fatal) {
        this.#reset();
        throw new ERR_ENCODING_INVALID_ENCODED_DATA(this.#encoding);
      }
      text += '\ufffd';
    }
    return text;
  }

  #reset() {
    this.#pending = null;
    this.#bomSeen = false;
  }

  [customInspectSymbol](depth, opts) {
    validateDecoder(this);
    if (typeof depth === 'number' && depth < 0) return this;
    const { inspect } = require('internal/util/inspect');
    const obj = { encoding: this.encoding, fatal: this.fatal, ignoreBOM: this.ignoreBOM };
    return `${this.constructor?.name || 'TextDecoder'} ${inspect(obj)}`;
  }

  static isDecoder(value) {
    try {
      return #encoding in value;
    } catch {
      return false;
    }
  }
}

const isDecoder = TextDecoder.isDecoder;
delete TextDecoder.isDecoder;

function validateDecoder(obj) {
  if (obj == null || typeof obj !== 'object' || !isDecoder(obj)) {
    throw new ERR_INVALID_THIS('TextDecoder');
  }
}

Object.defineProperties(TextDecoder.prototype, {
  decode: { enumerable: true },
  encoding: { enumerable: true },
  fatal: { enumerable: true },
  ignoreBOM: { enumerable: true },
  [Symbol.toStringTag]: { value: 'TextDecoder', configurable: true },
});

module.exports = {
  TextEncoder,
  TextDecoder,
  getEncodingFromLabel,
  isEncoder,
  isDecoder,
};
