'use strict';
// Blob and File (the web APIs, as node:buffer exports them). A Blob's bytes
// are copied once, when it is made, into one Uint8Array; slices share it.
// resolveObjectURL finds Blobs registered with createObjectURL (which
// URL.createObjectURL uses) under 'blob:nodedata:<id>'.

const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_THIS,
    ERR_MISSING_ARGS,
  },
} = require('internal/errors');
const { validateDictionary } = require('internal/validators');

const binding = internalBinding('buffer');
const { isAnyArrayBuffer } = internalBinding('types');
const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

const kBytes = Symbol('kBytes');
const kType = Symbol('kType');
const encoder = { encode: null };

// Characters allowed in a type: printable ASCII (else the type is '').
const disallowedTypeCharacters = /[^\u0020-\u007E]/;

function isBlob(value) {
  return value != null && typeof value === 'object' && value[kBytes] !== undefined;
}

function utf8Bytes(string) {
  encoder.encode ??= (s) => binding.createFromString(s, 0, true);
  return encoder.encode(string);
}

// One source part as bytes (copied later into the Blob).
function partBytes(source, endings) {
  if (isAnyArrayBuffer(source)) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) {
    return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  }
  if (isBlob(source)) return source[kBytes];
  let text = `${source}`;
  if (endings === 'native') text = text.replace(/\r\n|\r/g, '\n');
  return utf8Bytes(text);
}

function normalizeType(type) {
  type = `${type}`;
  return disallowedTypeCharacters.test(type) ? '' : type.toLowerCase();
}

class Blob {
  /**
   * new Blob([sources[, options]]): sources a sequence of strings,
   * ArrayBuffers, views and Blobs; options.type and options.endings.
   */
  constructor(sources = [], options) {
    if (sources === null || typeof sources[Symbol.iterator] !== 'function' ||
        typeof sources === 'string') {
      throw new ERR_INVALID_ARG_TYPE('sources', 'a sequence', sources);
    }
    validateDictionary(options, 'options');
    let { type = '', endings = 'transparent' } = options ?? {};
    endings = `${endings}`;
    if (endings !== 'transparent' && endings !== 'native') {
      throw new ERR_INVALID_ARG_VALUE('options.endings', endings);
    }
    const parts = [];
    let length = 0;
    for (const source of sources) {
      const bytes = partBytes(source, endings);
      parts.push(bytes);
      length += bytes.byteLength;
    }
    const all = new Uint8Array(length);
    let offset = 0;
    for (const part of parts) {
      all.set(part, offset);
      offset += part.byteLength;
    }
    this[kBytes] = all;
    this[kType] = normalizeType(type);
  }

  get type() {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    return this[kType];
  }

  get size() {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    return this[kBytes].byteLength;
  }

  /** slice([start[, end[, contentType]]]): negative offsets count from the end. */
  slice(start = 0, end = this[kBytes]?.byteLength, contentType = '') {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    const size = this[kBytes].byteLength;
    const clamp = (value) => {
      value = Math.trunc(+value) || 0;
      if (value < 0) return Math.max(size + value, 0);
      return Math.min(value, size);
    };
    const from = clamp(start);
    const to = clamp(end);
    const blob = Object.create(Blob.prototype);
    blob[kBytes] = this[kBytes].subarray(from, Math.max(from, to));
    blob[kType] = normalizeType(contentType);
    return blob;
  }

  /** arrayBuffer(): a Promise of a copy of the bytes. */
  arrayBuffer() {
    if (!isBlob(this)) return Promise.reject(new ERR_INVALID_THIS('Blob'));
    const bytes = this[kBytes];
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }

  /** text(): a Promise of the bytes decoded as UTF-8 (a BOM dropped). */
  text() {
    if (!isBlob(this)) return Promise.reject(new ERR_INVALID_THIS('Blob'));
    const { TextDecoder } = require('internal/encoding');
    return Promise.resolve(new TextDecoder().decode(this[kBytes]));
  }

  /** bytes(): a Promise of a Uint8Array copy of the bytes. */
  bytes() {
    if (!isBlob(this)) return Promise.reject(new ERR_INVALID_THIS('Blob'));
    return Promise.resolve(this[kBytes].slice());
  }

  /** stream(): a ReadableStream of the bytes. */
  stream() {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    const { ReadableStream } = require('stream/web');
    const bytes = this[kBytes];
    const chunk = 65536;
    let offset = 0;
    return new ReadableStream({
      type: 'bytes',
      pull(controller) {
        if (offset >= bytes.byteLength) {
          controller.close();
          return;
        }
        const end = Math.min(offset + chunk, bytes.byteLength);
        controller.enqueue(bytes.slice(offset, end));
        offset = end;
      },
    });
  }

  [customInspectSymbol](depth, options) {
    if (depth < 0) return this;
    const { inspect } = require('internal/util/inspect');
    const opts = { ...options, depth: options?.depth == null ? null : options.depth - 1 };
    return `Blob ${inspect({ size: this.size, type: this.type }, opts)}`;
  }
}

Object.defineProperties(Blob.prototype, {
  size: { enumerable: true },
  type: { enumerable: true },
  slice: { enumerable: true },
  stream: { enumerable: true },
  text: { enumerable: true },
  arrayBuffer: { enumerable: true },
  bytes: { enumerable: true },
  [Symbol.toStringTag]: { value: 'Blob', configurable: true },
});

const kName = Symbol('kName');
const kLastModified = Symbol('kLastModified');

class File extends Blob {
  /** new File(fileBits, fileName[, options]): a named Blob. */
  constructor(fileBits, fileName, options = {}) {
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('fileBits', 'fileName');
    super(fileBits, options);
    const { lastModified } = options ?? {};
    let modified;
    if (lastModified !== undefined) {
      modified = +lastModified;
      if (Number.isNaN(modified)) modified = 0;
    } else {
      modified = Date.now();
    }
    this[kName] = `${fileName}`;
    this[kLastModified] = modified;
  }

  get name() {
    if (!(kName in this)) throw new ERR_INVALID_THIS('File');
    return this[kName];
  }

  get lastModified() {
    if (!(kName in this)) throw new ERR_INVALID_THIS('File');
    return this[kLastModified];
  }

  [customInspectSymbol](depth, options) {
    if (depth < 0) return this;
    const { inspect } = require('internal/util/inspect');
    const opts = { ...options, depth: options?.depth == null ? null : options.depth - 1 };
    return `File ${inspect({
      size: this.size, type: this.type, name: this[kName], lastModified: this[kLastModified],
    }, opts)}`;
  }
}

Object.defineProperties(File.prototype, {
  name: { enumerable: true },
  lastModified: { enumerable: true },
  [Symbol.toStringTag]: { value: 'File', configurable: true },
});

// ---- object URLs ----

const registry = new Map();

function randomId() {
  // A UUID v4 from Math.random: ids only need to be unique in this process.
  const hex = [];
  for (let i = 0; i < 16; i++) hex.push(Math.floor(Math.random() * 256));
  hex[6] = (hex[6] & 0x0f) | 0x40;
  hex[8] = (hex[8] & 0x3f) | 0x80;
  const s = hex.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** createObjectURL(blob): 'blob:nodedata:<id>' (for URL.createObjectURL). */
function createObjectURL(blob) {
  if (!isBlob(blob)) throw new ERR_INVALID_ARG_TYPE('obj', 'Blob', blob);
  const id = randomId();
  registry.set(id, blob);
  return `blob:nodedata:${id}`;
}

function parseObjectURL(url) {
  url = `${url}`;
  if (!url.startsWith('blob:nodedata:')) return undefined;
  let id = url.slice('blob:nodedata:'.length);
  const cut = id.search(/[?#]/);
  if (cut !== -1) id = id.slice(0, cut);
  return id;
}

/** revokeObjectURL(url): forgets a registered Blob. */
function revokeObjectURL(url) {
  const id = parseObjectURL(url);
  if (id !== undefined) registry.delete(id);
}

/** resolveObjectURL(id): the Blob registered under a blob:nodedata: URL, or undefined. */
function resolveObjectURL(url) {
  const id = parseObjectURL(url);
  if (id === undefined) return undefined;
  const blob = registry.get(id);
  if (blob === undefined) return undefined;
  return blob.slice(0, blob.size, blob.type);
}

module.exports = {
  Blob,
  File,
  isBlob,
  createObjectURL,
  revokeObjectURL,
  resolveObjectURL,
};
