'use strict';
// OutgoingMessage: the common part of ServerResponse and ClientRequest.
// Headers are kept as { lowercase: [name, value] } and serialised once; the
// head and the first body chunk leave in one call into the socket's send
// queue, which goes out once per loop turn.

const Stream = require('stream');
const {
  validateHeaderName, validateHeaderValue, checkIsHttpToken, checkInvalidHeaderChar, utcDate,
} = require('_http_common');
const {
  codes: {
    ERR_HTTP_HEADERS_SENT, ERR_HTTP_INVALID_HEADER_VALUE, ERR_HTTP_TRAILER_INVALID,
    ERR_INVALID_ARG_TYPE, ERR_INVALID_CHAR, ERR_INVALID_HTTP_TOKEN, ERR_METHOD_NOT_IMPLEMENTED,
    ERR_STREAM_CANNOT_PIPE, ERR_STREAM_ALREADY_FINISHED, ERR_STREAM_WRITE_AFTER_END,
    ERR_STREAM_NULL_VALUES, ERR_STREAM_DESTROYED, ERR_HTTP_CONTENT_LENGTH_MISMATCH,
    ERR_HTTP_BODY_NOT_ALLOWED, ERR_INVALID_ARG_VALUE,
  },
} = require('internal/errors');
const { validateString } = require('internal/validators');
const net = require('net');

const { kHandle, binding, kWriteQueueLimit } = net._internal;

const kOutHeaders = Symbol('kOutHeaders');
const kNeedDrain = Symbol('kNeedDrain');
const kCorked = Symbol('corked');
const kChunkedBuffer = Symbol('kChunkedBuffer');
const kChunkedLength = Symbol('kChunkedLength');
const kBytesWritten = Symbol('kBytesWritten');
const kErrored = Symbol('errored');
const kHighWaterMark = Symbol('kHighWaterMark');
const kRejectNonStandardBodyWrites = Symbol('kRejectNonStandardBodyWrites');
const kUniqueHeaders = Symbol('kUniqueHeaders');
const kWriteCallbacks = Symbol('kWriteCallbacks');
const kSocketHttp = Symbol('kSocketHttp');

const nop = () => {};
const RE_CONN_CLOSE = /(?:^|\W)close(?:$|\W)/i;

function OutgoingMessage(options) {
  Stream.call(this);
  this.outputData = [];
  this.outputSize = 0;
  this.writable = true;
  this.destroyed = false;
  this._last = false;
  this.chunkedEncoding = false;
  this.shouldKeepAlive = true;
  this.maxRequestsOnConnectionReached = false;
  this._defaultKeepAlive = true;
  this.useChunkedEncodingByDefault = true;
  this.sendDate = false;
  this._removedConnection = false;
  this._removedContLen = false;
  this._removedTE = false;
  this.strictContentLength = false;
  this[kBytesWritten] = 0;
  this._contentLength = null;
  this._hasBody = true;
  this._trailer = '';
  this[kNeedDrain] = false;
  this.finished = false;
  this._headerSent = false;
  this[kCorked] = 0;
  this[kChunkedBuffer] = null; // made when a corked chunked write needs it
  this[kChunkedLength] = 0;
  this._closed = false;
  this.socket = null;
  this._header = null;
  this[kOutHeaders] = null;
  this._keepAliveTimeout = 0;
  this._onPendingData = nop;
  this[kErrored] = null;
  this[kHighWaterMark] = options?.highWaterMark ?? Stream.getDefaultHighWaterMark?.() ?? 65536;
  this[kRejectNonStandardBodyWrites] = options?.rejectNonStandardBodyWrites ?? false;
  this[kWriteCallbacks] = null;
}
Object.setPrototypeOf(OutgoingMessage.prototype, Stream.prototype);
Object.setPrototypeOf(OutgoingMessage, Stream);

Object.defineProperty(OutgoingMessage.prototype, 'errored', { get() { return this[kErrored]; } });
Object.defineProperty(OutgoingMessage.prototype, 'closed', { get() { return this._closed; } });
Object.defineProperty(OutgoingMessage.prototype, 'writableFinished', {
  get() { return this.finished && this.outputSize === 0 && (!this.socket || this.socket.writableLength === 0); },
});
Object.defineProperty(OutgoingMessage.prototype, 'writableObjectMode', { get() { return false; } });
Object.defineProperty(OutgoingMessage.prototype, 'writableLength', {
  get() { return this.outputSize + this[kChunkedLength] + (this.socket ? this.socket.writableLength : 0); },
});
Object.defineProperty(OutgoingMessage.prototype, 'writableHighWaterMark', {
  get() { return this.socket ? this.socket.writableHighWaterMark : this[kHighWaterMark]; },
});
Object.defineProperty(OutgoingMessage.prototype, 'writableCorked', {
  get() { return this[kCorked]; },
});
Object.defineProperty(OutgoingMessage.prototype, 'writableEnded', {
  get() { return this.finished; },
});
Object.defineProperty(OutgoingMessage.prototype, 'writableNeedDrain', {
  get() { return !this.destroyed && !this.finished && this[kNeedDrain]; },
});
Object.defineProperty(OutgoingMessage.prototype, 'connection', {
  get() { return this.socket; },
  set(val) { this.socket = val; },
});
Object.defineProperty(OutgoingMessage.prototype, 'headersSent', {
  configurable: true,
  enumerable: true,
  get() { return !!this._header; },
});

OutgoingMessage.prototype.cork = function() {
  if (this.socket) this.socket.cork();
  else this[kCorked]++;
};

OutgoingMessage.prototype.uncork = function() {
  if (this.socket) this.socket.uncork();
  else if (this[kCorked]) this[kCorked]--;
  const buffered = this[kChunkedBuffer];
  if (this[kCorked] || buffered === null || buffered.length === 0) return;
  // Chunks written while corked leave as one chunk of the chunked encoding.
  this[kChunkedBuffer] = null;
  const len = this[kChunkedLength];
  this[kChunkedLength] = 0;
  this._send(len.toString(16) + '\r\n', 'latin1', null);
  for (let i = 0; i < buffered.length; i++) {
    const { data, encoding, callback } = buffered[i];
    this._send(data, encoding, callback);
  }
  this._send('\r\n', 'latin1', null);
};

OutgoingMessage.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  if (!this.socket) {
    this.once('socket', function socketSetTimeoutOnConnect(socket) {
      socket.setTimeout(msecs);
    });
  } else {
    this.socket.setTimeout(msecs);
  }
  return this;
};

OutgoingMessage.prototype.destroy = function destroy(error) {
  if (this.destroyed) return this;
  this.destroyed = true;
  this.errored = error;
  if (this.socket) {
    this.socket.destroy(error);
  } else {
    this.once('socket', function socketDestroyOnConnect(socket) {
      socket.destroy(error);
    });
  }
  return this;
};

// ---- headers ----

OutgoingMessage.prototype.setHeader = function setHeader(name, value) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('set');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  let headers = this[kOutHeaders];
  if (headers === null) this[kOutHeaders] = headers = { __proto__: null };
  headers[name.toLowerCase()] = [name, value];
  return this;
};

OutgoingMessage.prototype.setHeaders = function setHeaders(headers) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('set');
  if (!headers || Array.isArray(headers) || typeof headers.keys !== 'function' || typeof headers.get !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('headers', ['Headers', 'Map'], headers);
  }
  const cookies = [];
  for (const { 0: key, 1: value } of headers) {
    if (key === 'set-cookie') {
      if (Array.isArray(value)) cookies.push(...value);
      else cookies.push(value);
      continue;
    }
    this.setHeader(key, value);
  }
  if (cookies.length) this.setHeader('set-cookie', cookies);
  return this;
};

OutgoingMessage.prototype.appendHeader = function appendHeader(name, value) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('append');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  const field = name.toLowerCase();
  let headers = this[kOutHeaders];
  if (headers === null) this[kOutHeaders] = headers = { __proto__: null };
  if (headers[field] === undefined) {
    headers[field] = [name, value];
    return this;
  }
  const existing = headers[field][1];
  if (!Array.isArray(existing)) headers[field][1] = [existing];
  const list = headers[field][1];
  if (Array.isArray(value)) list.push(...value);
  else list.push(value);
  return this;
};

OutgoingMessage.prototype.getHeader = function getHeader(name) {
  validateString(name, 'name');
  const headers = this[kOutHeaders];
  if (headers === null) return;
  const entry = headers[name.toLowerCase()];
  return entry && entry[1];
};

OutgoingMessage.prototype.getHeaderNames = function getHeaderNames() {
  return this[kOutHeaders] !== null ? Object.keys(this[kOutHeaders]) : [];
};

OutgoingMessage.prototype.getRawHeaderNames = function getRawHeaderNames() {
  const headersMap = this[kOutHeaders];
  if (headersMap === null) return [];
  return Object.values(headersMap).map((entry) => entry[0]);
};

OutgoingMessage.prototype.getHeaders = function getHeaders() {
  const headers = this[kOutHeaders];
  const ret = { __proto__: null };
  if (headers) {
    for (const key of Object.keys(headers)) ret[key] = headers[key][1];
  }
  return ret;
};

OutgoingMessage.prototype.hasHeader = function hasHeader(name) {
  validateString(name, 'name');
  return this[kOutHeaders] !== null && !!this[kOutHeaders][name.toLowerCase()];
};

OutgoingMessage.prototype.removeHeader = function removeHeader(name) {
  validateString(name, 'name');
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('remove');
  const key = name.toLowerCase();
  switch (key) {
    case 'connection': this._removedConnection = true; break;
    case 'content-length': this._removedContLen = true; break;
    case 'transfer-encoding': this._removedTE = true; break;
    case 'date': this.sendDate = false; break;
  }
  if (this[kOutHeaders] !== null) delete this[kOutHeaders][key];
};

// Legacy accessors that packages still read.
Object.defineProperty(OutgoingMessage.prototype, '_headers', {
  get() { return this.getHeaders(); },
  set(val) {
    if (val == null) {
      this[kOutHeaders] = null;
    } else if (typeof val === 'object') {
      const headers = this[kOutHeaders] = { __proto__: null };
      for (const name of Object.keys(val)) headers[name.toLowerCase()] = [name, val[name]];
    }
  },
});

Object.defineProperty(OutgoingMessage.prototype, '_headerNames', {
  get() {
    const headers = this[kOutHeaders];
    if (headers === null) return null;
    const out = { __proto__: null };
    for (const key of Object.keys(headers)) out[key] = headers[key][0];
    return out;
  },
});

OutgoingMessage.prototype._renderHeaders = function _renderHeaders() {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
  const headersMap = this[kOutHeaders];
  const headers = {};
  if (headersMap !== null) {
    for (const key of Object.keys(headersMap)) headers[headersMap[key][0]] = headersMap[key][1];
  }
  return headers;
};

// ---- serialising the head ----

function processHeader(self, state, key, value, validate) {
  if (validate) validateHeaderName(key);
  if (Array.isArray(value)) {
    if ((value.length < 2 || !isCookieField(key)) && (!self[kUniqueHeaders] || !self[kUniqueHeaders].has(key.toLowerCase()))) {
      for (let i = 0; i < value.length; i++) storeHeader(self, state, key, value[i], validate);
      return;
    }
    value = value.join('; ');
  }
  storeHeader(self, state, key, value, validate);
}

function isCookieField(s) {
  return s.length === 6 && s.toLowerCase() === 'cookie';
}

function storeHeader(self, state, key, value, validate) {
  if (validate) validateHeaderValue(key, value);
  state.header += key + ': ' + value + '\r\n';
  matchHeader(self, state, key, value);
}

// Lower-case forms of the header names seen, so the common ones are not
// lower-cased again for every message (bounded: names are few in practice).
const lowerNames = new Map();
function lowerName(field) {
  let lower = lowerNames.get(field);
  if (lower === undefined) {
    lower = field.toLowerCase();
    if (lowerNames.size < 1024) lowerNames.set(field, lower);
  }
  return lower;
}

function matchHeader(self, state, field, value) {
  if (field.length < 4 || field.length > 17) return;
  field = lowerName(field);
  switch (field) {
    case 'connection':
      state.connection = true;
      self._removedConnection = false;
      if (RE_CONN_CLOSE.test(value)) self._last = true;
      else self.shouldKeepAlive = true;
      break;
    case 'transfer-encoding':
      state.te = true;
      self._removedTE = false;
      if (/(?:^|\W)chunked(?:$|\W)/i.test(value)) self.chunkedEncoding = true;
      break;
    case 'content-length':
      state.contLen = true;
      self._contentLength = +value;
      self._removedContLen = false;
      break;
    case 'date':
    case 'expect':
    case 'trailer':
      state[field] = true;
      break;
    case 'keep-alive':
      self._defaultKeepAlive = false;
      break;
  }
}

let lastKeepAlive = '';
let lastKeepAliveTimeout = -1;
let lastKeepAliveMax = -1;
function keepAliveLine(timeout, max) {
  if (timeout !== lastKeepAliveTimeout || max !== lastKeepAliveMax) {
    lastKeepAliveTimeout = timeout;
    lastKeepAliveMax = max;
    lastKeepAlive = `Keep-Alive: timeout=${Math.floor(timeout / 1000)}${max > 0 ? `, max=${max}` : ''}\r\n`;
  }
  return lastKeepAlive;
}

OutgoingMessage.prototype._storeHeader = function _storeHeader(firstLine, headers) {
  const state = {
    connection: false,
    contLen: false,
    te: false,
    date: false,
    expect: false,
    trailer: false,
    header: firstLine,
  };
  if (headers) {
    if (headers === this[kOutHeaders]) {
      for (const key in headers) {
        const entry = headers[key];
        processHeader(this, state, entry[0], entry[1], false);
      }
    } else if (Array.isArray(headers)) {
      if (headers.length && Array.isArray(headers[0])) {
        for (let i = 0; i < headers.length; i++) {
          const entry = headers[i];
          processHeader(this, state, entry[0], entry[1], true);
        }
      } else {
        if (headers.length % 2 !== 0) throw new ERR_INVALID_ARG_VALUE('headers', headers);
        for (let n = 0; n < headers.length; n += 2) processHeader(this, state, headers[n], headers[n + 1], true);
      }
    } else {
      for (const key in headers) {
        if (Object.prototype.hasOwnProperty.call(headers, key)) processHeader(this, state, key, headers[key], true);
      }
    }
  }

  let { header } = state;
  if (this.sendDate && !state.date) header += 'Date: ' + utcDate() + '\r\n';

  if (this.chunkedEncoding && (this.statusCode === 204 || this.statusCode === 304)) {
    this.chunkedEncoding = false;
    this.shouldKeepAlive = false;
  }

  if (this._removedConnection) {
    this._last = !this.shouldKeepAlive;
  } else if (!state.connection) {
    const shouldSendKeepAlive = this.shouldKeepAlive &&
      (state.contLen || this.useChunkedEncodingByDefault || this.agent);
    if (shouldSendKeepAlive && this.maxRequestsOnConnectionReached) {
      header += 'Connection: close\r\n';
    } else if (shouldSendKeepAlive) {
      header += 'Connection: keep-alive\r\n';
      if (this._keepAliveTimeout && this._defaultKeepAlive) {
        header += keepAliveLine(this._keepAliveTimeout, ~~this._maxRequestsPerSocket);
      }
    } else {
      this._last = true;
      header += 'Connection: close\r\n';
    }
  }

  if (!state.contLen && !state.te) {
    if (!this._hasBody) {
      this.chunkedEncoding = false;
    } else if (!this.useChunkedEncodingByDefault) {
      this._last = true;
    } else if (!state.trailer && !this._removedContLen && typeof this._contentLength === 'number') {
      header += 'Content-Length: ' + this._contentLength + '\r\n';
    } else if (!this._removedTE) {
      header += 'Transfer-Encoding: chunked\r\n';
      this.chunkedEncoding = true;
    } else {
      this._last = true;
    }
  }

  if (this.chunkedEncoding !== true && state.trailer) throw new ERR_HTTP_TRAILER_INVALID();
  this._header = header + '\r\n';
  this._headerSent = false;
  if (state.expect) this._send('');
};

// ---- writing ----

function byteLength(chunk, encoding) {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
}

function isLatin1(encoding) {
  return encoding === 'latin1' || encoding === 'binary';
}

// Hands bytes to the socket (or keeps them until the message has one).
OutgoingMessage.prototype._send = function _send(data, encoding, callback, byteLen) {
  if (!this._headerSent && this._header !== null) {
    const header = this._header;
    this._headerSent = true;
    if (typeof data === 'string' && (encoding === 'utf8' || encoding === 'latin1' || !encoding) && data.length <= 8192) {
      return this._writeRaw2(header, data, encoding, callback);
    }
    this._writeRawChunk(header, 'latin1', null);
  }
  return this._writeRaw(data, encoding, callback);
};

OutgoingMessage.prototype._writeRaw = function _writeRaw(data, encoding, callback) {
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  return this._writeRawChunk(data, encoding, callback);
};

OutgoingMessage.prototype._writeRawChunk = function _writeRawChunk(data, encoding, callback) {
  const conn = this.socket;
  if (conn?.destroyed) {
    return false;
  }
  if (conn && conn._httpMessage === this && conn[kHandle] && conn.writableLength === 0 && !conn.connecting) {
    // Even an empty write returns the stream position, so a callback (the
    // one that emits 'finish') runs once everything before it has left.
    const result = typeof data === 'string' && encoding && !isLatin1(encoding) && encoding !== 'utf8' && encoding !== 'utf-8'
      ? binding.write(conn[kHandle], Buffer.from(data, encoding), false)
      : binding.write(conn[kHandle], data, isLatin1(encoding));
    return afterSocketWrite(this, conn, result, callback);
  }
  if (conn && conn._httpMessage === this && conn.writable) {
    if (callback === kFinish) callback = () => process.nextTick(onFinish, this);
    return conn.write(data, encoding, callback);
  }
  this.outputData.push({ data, encoding, callback });
  this.outputSize += byteLength(data, encoding);
  this._onPendingData(byteLength(data, encoding));
  return this.outputSize < this[kHighWaterMark];
};

// The head and a small string body in one call into the send queue.
OutgoingMessage.prototype._writeRaw2 = function _writeRaw2(header, body, encoding, callback) {
  const conn = this.socket;
  if (conn?.destroyed) return false;
  if (conn && conn._httpMessage === this && conn[kHandle] && conn.writableLength === 0 && !conn.connecting) {
    const result = binding.write(conn[kHandle], header, true, body === '' ? undefined : body, isLatin1(encoding));
    return afterSocketWrite(this, conn, result, callback);
  }
  this._writeRawChunk(header, 'latin1', null);
  return this._writeRawChunk(body, encoding, callback);
};

// After bytes of msg went into its socket's send queue (result: the bytes
// queued, or -errno). A callback runs once the write is done, as a socket's
// write callback does (see net's queueWrite); a queue over the limit makes
// write() return false until it drains.
function afterSocketWrite(msg, conn, result, callback) {
  if (result < 0) {
    const err = require('internal/errors').errnoException(result, 'write');
    if (callback) process.nextTick(callback, err);
    conn.destroy(err);
    return false;
  }
  if (callback === kFinish) {
    net._internal.queueWrite(conn, result, finishWritten, msg);
  } else if (callback) {
    net._internal.queueWrite(conn, result, writeWritten, callback);
  } else {
    net._internal.queueWrite(conn, result, nop, undefined);
  }
  if (result > kWriteQueueLimit) {
    msg[kNeedDrain] = true;
    const http = conn[kSocketHttp];
    if (http) {
      http.needDrain = msg;
      conn._httpNeedsAcks = true;
      net._internal.updateAcks(conn);
    }
    return false;
  }
  return true;
}

// The end of a message was written: 'finish' follows on the next tick.
// Messages that end in the same tick share one tick (a pipelined batch
// ends many), each still finishing in the order it ended.
const kFinish = Symbol('kFinish');
let finishing = null;
function finishWritten(err, msg) {
  if (finishing === null) {
    finishing = [msg];
    process.nextTick(finishAll);
  } else {
    finishing.push(msg);
  }
}

function finishAll() {
  const list = finishing;
  finishing = null;
  for (let i = 0; i < list.length; i++) onFinish(list[i]);
}

function writeWritten(err, callback) {
  process.nextTick(callback, err);
}

OutgoingMessage.prototype._flushOutput = function _flushOutput(socket) {
  while (this[kCorked]) {
    this[kCorked]--;
    socket.cork();
  }
  const outputLength = this.outputData.length;
  if (outputLength <= 0) return undefined;
  const outputData = this.outputData;
  this.outputData = [];
  this.outputSize = 0;
  let ret;
  for (let i = 0; i < outputLength; i++) {
    const { data, encoding, callback } = outputData[i];
    ret = this._writeRawChunk(data, encoding, callback);
  }
  return ret;
};

OutgoingMessage.prototype.flush = OutgoingMessage.prototype._flush = function _flush() {
  const socket = this.socket;
  if (socket && socket.writable) {
    const ret = this._flushOutput(socket);
    if (this.finished) {
      this._finish();
    } else if (ret && this[kNeedDrain]) {
      this[kNeedDrain] = false;
      this.emit('drain');
    }
  }
};

OutgoingMessage.prototype._implicitHeader = function _implicitHeader() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('_implicitHeader()');
};

function validChunk(msg, chunk) {
  if (chunk === null) throw new ERR_STREAM_NULL_VALUES();
  if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
    throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
  }
}

function onError(msg, err, callback) {
  if (msg.destroyed) return;
  process.nextTick(emitErrorNt, msg, err, callback);
}

function emitErrorNt(msg, err, callback) {
  callback(err);
  if (typeof msg.emit === 'function' && !msg.destroyed) msg.emit('error', err);
}

function strictContentLength(msg) {
  return msg.strictContentLength && msg._contentLength != null && msg._hasBody && !msg._removedContLen &&
    !msg.chunkedEncoding && !msg.hasHeader('transfer-encoding');
}

function write_(msg, chunk, encoding, callback, fromEnd) {
  if (typeof callback !== 'function') callback = nop;
  if (chunk === null) throw new ERR_STREAM_NULL_VALUES();
  else if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
    throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
  }
  let err;
  if (msg.finished) err = new ERR_STREAM_WRITE_AFTER_END();
  else if (msg.destroyed) err = new ERR_STREAM_DESTROYED('write');
  if (err) {
    if (!msg.destroyed) onError(msg, err, callback);
    else process.nextTick(callback, err);
    return false;
  }
  let len;
  if (msg.strictContentLength) {
    len ??= byteLength(chunk, encoding);
    if (strictContentLength(msg) && (fromEnd ? msg[kBytesWritten] + len !== msg._contentLength :
      msg[kBytesWritten] + len > msg._contentLength)) {
      throw new ERR_HTTP_CONTENT_LENGTH_MISMATCH(len + msg[kBytesWritten], msg._contentLength);
    }
    msg[kBytesWritten] += len;
  }
  if (!msg._header) {
    if (fromEnd) {
      len ??= byteLength(chunk, encoding);
      msg._contentLength = len;
    }
    msg._implicitHeader();
  }
  if (!msg._hasBody) {
    if (msg[kRejectNonStandardBodyWrites]) throw new ERR_HTTP_BODY_NOT_ALLOWED();
    process.nextTick(callback);
    return true;
  }
  if (!fromEnd && msg.socket && !msg.socket.writableCorked) msg.socket.cork();
  let ret;
  if (msg.chunkedEncoding && chunk.length !== 0) {
    len ??= byteLength(chunk, encoding);
    if (msg[kCorked] && msg._headerSent) {
      (msg[kChunkedBuffer] ??= []).push({ data: chunk, encoding, callback });
      msg[kChunkedLength] += len;
      ret = msg[kChunkedLength] < msg[kHighWaterMark];
    } else {
      msg._send(len.toString(16) + '\r\n', 'latin1', null);
      msg._send(chunk, encoding, null);
      ret = msg._send('\r\n', 'latin1', callback);
    }
  } else {
    ret = msg._send(chunk, encoding, callback, len);
  }
  if (!fromEnd && msg.socket && msg.socket.writableCorked) {
    process.nextTick(connectionCorkNT, msg.socket);
  }
  return ret;
}

function connectionCorkNT(conn) {
  conn.uncork();
}

OutgoingMessage.prototype.write = function write(chunk, encoding, callback) {
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  const ret = write_(this, chunk, encoding, callback, false);
  if (!ret) this[kNeedDrain] = true;
  return ret;
};

OutgoingMessage.prototype.addTrailers = function addTrailers(headers) {
  this._trailer = '';
  const keys = Object.keys(headers);
  const isArray = Array.isArray(headers);
  for (let i = 0, l = keys.length; i < l; i++) {
    let field, value;
    const key = keys[i];
    if (isArray) {
      field = headers[key][0];
      value = headers[key][1];
    } else {
      field = key;
      value = headers[key];
    }
    if (typeof field !== 'string' || !field || !checkIsHttpToken(field)) {
      throw new ERR_INVALID_HTTP_TOKEN('Trailer name', field);
    }
    if (Array.isArray(value) && value.length > 1 && (!this[kUniqueHeaders] || !this[kUniqueHeaders].has(field.toLowerCase()))) {
      for (let j = 0, l2 = value.length; j < l2; j++) {
        if (checkInvalidHeaderChar(value[j])) throw new ERR_INVALID_CHAR('trailer content', field);
        this._trailer += field + ': ' + value[j] + '\r\n';
      }
    } else {
      if (Array.isArray(value)) value = value.join('; ');
      if (checkInvalidHeaderChar(value)) throw new ERR_INVALID_CHAR('trailer content', field);
      this._trailer += field + ': ' + value + '\r\n';
    }
  }
};

function onFinish(outmsg) {
  if (outmsg && outmsg.socket && outmsg.socket._hadError) return;
  outmsg.emit('finish');
  if (outmsg._afterFinish !== undefined) outmsg._afterFinish();
}

OutgoingMessage.prototype.end = function end(chunk, encoding, callback) {
  if (typeof chunk === 'function') {
    callback = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (chunk) {
    if (this.finished) {
      onError(this, new ERR_STREAM_WRITE_AFTER_END(), typeof callback !== 'function' ? nop : callback);
      return this;
    }
    if (this.socket) this.socket.cork();
    write_(this, chunk, encoding, null, true);
  } else if (this.finished) {
    if (typeof callback === 'function') {
      if (!this.writableFinished) {
        this.on('finish', callback);
      } else {
        callback(new ERR_STREAM_ALREADY_FINISHED('end'));
      }
    }
    return this;
  } else if (!this._header) {
    if (this.socket) this.socket.cork();
    this._contentLength = 0;
    this._implicitHeader();
  }
  if (typeof callback === 'function') this.once('finish', callback);
  if (strictContentLength(this) && this[kBytesWritten] !== this._contentLength) {
    throw new ERR_HTTP_CONTENT_LENGTH_MISMATCH(this[kBytesWritten], this._contentLength);
  }
  // kFinish: 'finish' is emitted once these bytes are written (no closure
  // per message on this path).
  if (this._hasBody && this.chunkedEncoding) {
    this._send('0\r\n' + this._trailer + '\r\n', 'latin1', kFinish);
  } else if (!this._headerSent || this.writableLength || chunk) {
    this._send('', 'latin1', kFinish);
  } else {
    process.nextTick(onFinish, this);
  }
  if (this.socket) {
    this.socket._writableState.corked = 1;
    this.socket.uncork();
  }
  this[kCorked] = 1;
  this.uncork();
  this.finished = true;
  if (this.outputData.length === 0 && this.socket && this.socket._httpMessage === this) {
    this._finish();
  }
  return this;
};

OutgoingMessage.prototype._finish = function _finish() {
  this.emit('prefinish');
};

OutgoingMessage.prototype.flushHeaders = function flushHeaders() {
  if (!this._header) this._implicitHeader();
  this._send('');
};

OutgoingMessage.prototype.pipe = function pipe() {
  this.emit('error', new ERR_STREAM_CANNOT_PIPE());
};

OutgoingMessage.prototype[Symbol.for('nodejs.rejection')] = function(err, event) {
  this.destroy(err);
};

function validateHeaderNameExport(name, label) {
  validateHeaderName(name, label);
}

module.exports = {
  kHighWaterMark,
  kUniqueHeaders,
  kOutHeaders,
  kNeedDrain,
  kSocketHttp,
  validateHeaderName: validateHeaderNameExport,
  validateHeaderValue,
  OutgoingMessage,
  // fs streams piped into a response queue file ranges (internal/fs/streams).
  afterSocketWrite,
};
void ERR_HTTP_INVALID_HEADER_VALUE;
void validChunk;
