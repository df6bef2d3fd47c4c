'use strict';
// IncomingMessage: a request (server side) or a response (client side).
// The C parser hands over the head as one header-block string; `headers`,
// `rawHeaders` and friends are built from it only when first read, so a
// handler that never looks at headers never pays for them.

const { Readable, finished } = require('stream');
const { splitHeaderBlock, headersFromRaw, headersDistinctFromRaw } = require('_http_common');
const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

const kHeaderBlock = Symbol('kHeaderBlock');
// Where the C parser left the header block when it was not made a string:
// [slab ArrayBuffer, offset, length] (the reference keeps the slab alive).
const kBlockSlab = Symbol('kBlockSlab');
const kBlockOffset = Symbol('kBlockOffset');
const kBlockLength = Symbol('kBlockLength');
const kHeaders = Symbol('kHeaders');
const kHeadersDistinct = Symbol('kHeadersDistinct');
const kRawHeaders = Symbol('kRawHeaders');
const kTrailerBlock = Symbol('kTrailerBlock');
const kTrailers = Symbol('kTrailers');
const kTrailersDistinct = Symbol('kTrailersDistinct');
const kRawTrailers = Symbol('kRawTrailers');
const kMaxHeadersCount = Symbol('kMaxHeadersCount');

// Options per socket, made once: a request does not allocate its own.
const kStreamOptions = Symbol('kStreamOptions');

function IncomingMessage(socket) {
  let streamOptions;
  if (socket) {
    streamOptions = socket[kStreamOptions];
    if (streamOptions === undefined) {
      streamOptions = socket[kStreamOptions] = { highWaterMark: socket.readableHighWaterMark };
    }
  }
  Readable.call(this, streamOptions);
  this._readableState.readingMore = true;
  this.socket = socket;
  this[kHeaderBlock] = '';
  this[kBlockSlab] = null;
  this[kBlockOffset] = 0;
  this[kBlockLength] = 0;
  this[kHeaders] = null;
  this[kHeadersDistinct] = null;
  this[kRawHeaders] = null;
  this[kTrailerBlock] = '';
  this[kTrailers] = null;
  this[kTrailersDistinct] = null;
  this[kRawTrailers] = null;
  this[kMaxHeadersCount] = 0;
  this.joinDuplicateHeaders = false;
  this.aborted = false;
  this.upgrade = null;
  this.url = '';
  this.method = null;
  this.statusCode = null;
  this.statusMessage = null;
  this.client = socket;
  this.httpVersionMajor = null;
  this.httpVersionMinor = null;
  this.httpVersion = null;
  this.complete = false;
  this._consuming = false;
  this._dumped = false;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

Object.defineProperty(IncomingMessage.prototype, 'connection', {
  get() { return this.socket; },
  set(val) { this.socket = val; },
  configurable: true,
});

// The C parser's header block stays in its copy slab until headers are read
// (ref: the slab reference of the binding, slab id * 2^21 + offset).
const { slabs, kSlabShift } = internalBinding('tcp');
function setHeaderBlock(msg, ref, length) {
  if (length === 0) return;
  const slab = Math.floor(ref / kSlabShift);
  msg[kBlockSlab] = slabs[slab];
  msg[kBlockOffset] = ref - slab * kSlabShift;
  msg[kBlockLength] = length;
}

let FastBuffer;
function headerBlock(msg) {
  const slab = msg[kBlockSlab];
  if (slab === null) return msg[kHeaderBlock];
  // node:buffer puts latin1Slice on the prototype: load it, not just FastBuffer.
  FastBuffer ??= require('buffer').Buffer;
  const len = msg[kBlockLength];
  msg[kBlockSlab] = null;
  return (msg[kHeaderBlock] = FastBuffer.from(slab, msg[kBlockOffset], len).latin1Slice(0, len));
}

Object.defineProperty(IncomingMessage.prototype, 'rawHeaders', {
  get() {
    if (this[kRawHeaders] === null) this[kRawHeaders] = splitHeaderBlock(headerBlock(this));
    return this[kRawHeaders];
  },
  set(val) { this[kRawHeaders] = val; },
  configurable: true,
  enumerable: true,
});

Object.defineProperty(IncomingMessage.prototype, 'headers', {
  get() {
    if (this[kHeaders] === null) {
      this[kHeaders] = headersFromRaw(this.rawHeaders, this[kMaxHeadersCount], this.joinDuplicateHeaders);
    }
    return this[kHeaders];
  },
  set(val) { this[kHeaders] = val; },
  configurable: true,
  enumerable: true,
});

Object.defineProperty(IncomingMessage.prototype, 'headersDistinct', {
  get() {
    if (this[kHeadersDistinct] === null) this[kHeadersDistinct] = headersDistinctFromRaw(this.rawHeaders);
    return this[kHeadersDistinct];
  },
  set(val) { this[kHeadersDistinct] = val; },
  configurable: true,
  enumerable: true,
});

Object.defineProperty(IncomingMessage.prototype, 'rawTrailers', {
  get() {
    if (this[kRawTrailers] === null) this[kRawTrailers] = splitHeaderBlock(this[kTrailerBlock]);
    return this[kRawTrailers];
  },
  set(val) { this[kRawTrailers] = val; },
  configurable: true,
  enumerable: true,
});

Object.defineProperty(IncomingMessage.prototype, 'trailers', {
  get() {
    if (this[kTrailers] === null) this[kTrailers] = headersFromRaw(this.rawTrailers, 0, this.joinDuplicateHeaders);
    return this[kTrailers];
  },
  set(val) { this[kTrailers] = val; },
  configurable: true,
  enumerable: true,
});

Object.defineProperty(IncomingMessage.prototype, 'trailersDistinct', {
  get() {
    if (this[kTrailersDistinct] === null) this[kTrailersDistinct] = headersDistinctFromRaw(this.rawTrailers);
    return this[kTrailersDistinct];
  },
  set(val) { this[kTrailersDistinct] = val; },
  configurable: true,
  enumerable: true,
});

IncomingMessage.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  this.socket.setTimeout(msecs);
  return this;
};

IncomingMessage.prototype._read = function _read(n) {
  if (!this._consuming) {
    this._readableState.readingMore = false;
    this._consuming = true;
  }
  // The connection keeps reading in C; backpressure applies per socket.
  const socket = this.socket;
  if (socket && socket._httpResume) socket._httpResume();
};

IncomingMessage.prototype._destroy = function _destroy(err, cb) {
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
    this.emit('aborted');
  }
  // As Node: destroying an incomplete request ends its connection.
  if (this.socket && !this.socket.destroyed && this.aborted) {
    this.socket.destroy(err);
    const cleanup = finished(this.socket, (e) => {
      if (e?.code === 'ERR_STREAM_PREMATURE_CLOSE') e = null;
      cleanup();
      process.nextTick(onError, this, e || err, cb);
    });
  } else if (err) {
    process.nextTick(onError, this, err, cb);
  } else {
    // The common end of every request: nothing to report, no extra tick.
    cb();
  }
};

function onError(self, error, cb) {
  if (self.listenerCount('error') === 0) {
    cb();
  } else {
    cb(error);
  }
}

IncomingMessage.prototype._addHeaderLines = function _addHeaderLines(headers, n) {
  if (!Array.isArray(headers)) throw new ERR_INVALID_ARG_TYPE('headers', 'Array', headers);
  const raw = this.rawHeaders;
  for (let i = 0; i < n; i += 2) raw.push(headers[i], headers[i + 1]);
  this[kHeaders] = null;
};

IncomingMessage.prototype._addHeaderLine = function _addHeaderLine(field, value, dest) {
  require('_http_common').addHeaderLine(field, value, dest, this.joinDuplicateHeaders);
};

IncomingMessage.prototype._dump = function _dump() {
  if (!this._dumped) {
    this._dumped = true;
    this.removeAllListeners('data');
    if (this.complete && this.readableLength === 0 && !this.readableFlowing) {
      // Nothing left to discard: reading ends the stream ('end', then
      // 'close') without the flowing machinery.
      this.read(0);
    } else {
      this.resume();
    }
  }
};

module.exports = {
  IncomingMessage,
  setHeaderBlock,
  kHeaderBlock,
  kBlockSlab,
  kBlockOffset,
  kBlockLength,
  kTrailerBlock,
  kMaxHeadersCount,
  readStart() {},
  readStop() {},
};
