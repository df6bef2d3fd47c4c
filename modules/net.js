'use strict';
// node:net on shard's TCP engine (internalBinding('tcp')): sockets are
// Duplex streams whose bytes arrive as Buffer views of the core's receive
// slabs; writes are copied (or, when large, pinned) into the socket's send
// queue and leave once per loop turn.

const EventEmitter = require('events');
const stream = require('stream');
const binding = internalBinding('tcp');
const { register, unregister } = require('internal/loop');
const { completionValues } = internalBinding('loop');
const { isIP, isIPv4, isIPv6, isLegalPort } = require('internal/net');
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS, ERR_SERVER_ALREADY_LISTEN,
    ERR_SERVER_NOT_RUNNING, ERR_SOCKET_CLOSED, ERR_SOCKET_CLOSED_BEFORE_CONNECTION,
    ERR_INVALID_FD_TYPE, ERR_SOCKET_BAD_PORT, ERR_INVALID_IP_ADDRESS, ERR_SOCKET_CONNECTION_TIMEOUT,
    ERR_INVALID_ADDRESS_FAMILY,
  },
  errnoException,
  exceptionWithHostPort,
  uvException,
  AbortError,
} = require('internal/errors');
const {
  validateFunction, validateInt32, validateNumber, validateObject, validatePort, validateString,
  validateAbortSignal, validateBoolean,
} = require('internal/validators');
const { setUnrefTimeout, getTimerDuration } = require('internal/net/timers');
const { getErrorInfo } = internalBinding('errno');

// The addresses still to try when a name has several (happy eyeballs).
const kConnectAttempts = Symbol('kConnectAttempts');

const kData = 1;
const kEof = 2;
const kReadError = 3;
const kWrite = 4;
const kConnect = 5;
const kShutdown = 6;
const kClose = 7;
const kConnection = 8;
const kServerClose = 9;

const kRaw = 0;
const kHttpServer = 1;

const kSlabShift = binding.kSlabShift;
const slabs = binding.slabs;
// A socket's write callbacks wait only when more than this is queued.
const kWriteQueueLimit = 64 * 1024;

const kHandle = Symbol('kHandle');
const kOnEvent = Symbol('kOnEvent');
const kHttp = Symbol('kHttp');
const kTls = Symbol('kTls');
const kPendingWrites = Symbol('kPendingWrites');
const kQueued = Symbol('kQueued');
const kTimeout = Symbol('kTimeout');
const kBuffer = Symbol('kBuffer');
const kSetNoDelay = Symbol('kSetNoDelay');
const kSetKeepAlive = Symbol('kSetKeepAlive');
const kSetKeepAliveInitialDelay = Symbol('kSetKeepAliveInitialDelay');
const kLastWriteQueueSize = Symbol('lastWriteQueueSize');
const kFinalCallback = Symbol('kFinalCallback');
const kReading = Symbol('kReading');
const kServerConnections = Symbol('kServerConnections');

let FastBuffer;
function viewOf(ref, len) {
  // node:buffer completes FastBuffer's prototype (toString...): load it too.
  if (FastBuffer === undefined) {
    require('buffer');
    FastBuffer = require('internal/buffer').FastBuffer;
  }
  const slab = Math.floor(ref / kSlabShift);
  return new FastBuffer(slabs[slab], ref - slab * kSlabShift, len);
}

const addressScratch = [];

function isPipeName(s) {
  return typeof s === 'string' && toNumber(s) === false;
}

function toNumber(x) {
  return (x = Number(x)) >= 0 ? x : false;
}

// ---- Socket ----

function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (typeof options === 'number') options = { fd: options };
  else options = { ...options };

  this.connecting = false;
  this._hadError = false;
  this[kHandle] = 0;
  this._parent = null;
  this._host = null;
  this[kLastWriteQueueSize] = 0;
  this[kTimeout] = null;
  this[kBuffer] = null;
  this[kPendingWrites] = null;
  this[kQueued] = 0;
  this[kReading] = false;
  this[kHttp] = null;
  this[kFinalCallback] = null;
  this[kSetNoDelay] = Boolean(options.noDelay);
  this[kSetKeepAlive] = Boolean(options.keepAlive);
  this[kSetKeepAliveInitialDelay] = ~~(options.keepAliveInitialDelay / 1000);
  this.server = null;
  this._server = null;

  options.allowHalfOpen = Boolean(options.allowHalfOpen);
  // 'close' comes from the handle closing, not from the stream machinery.
  options.emitClose = false;
  options.autoDestroy = true;
  options.decodeStrings = false;
  stream.Duplex.call(this, options);

  this._bytesWritten = 0; // the end of the stream's queue: bytes written or queued
  this._bytesRead = 0;
  this._wantAcks = false;
  this._httpNeedsAcks = false;
  this[kOnEvent] = null;

  if (options.fd !== undefined) {
    throw new ERR_INVALID_FD_TYPE('sockets from descriptors (options.fd) are not supported yet');
  }
  if (options.signal) addClientAbortSignalOption(this, options);
  this.on('end', onReadableStreamEnd);
}
Object.setPrototypeOf(Socket.prototype, stream.Duplex.prototype);
Object.setPrototypeOf(Socket, stream.Duplex);

function addClientAbortSignalOption(self, options) {
  validateAbortSignal(options.signal, 'options.signal');
  const { signal } = options;
  function onAbort() {
    signal.removeEventListener('abort', onAbort);
    self._aborted = true;
    self.destroy(new AbortError(undefined, { cause: signal.reason }));
  }
  if (signal.aborted) process.nextTick(onAbort);
  else {
    signal.addEventListener('abort', onAbort);
    self.once('close', () => signal.removeEventListener('abort', onAbort));
  }
}

// Attaches a binding socket id to this Socket and routes its events here.
function attach(socket, id) {
  socket[kHandle] = id;
  socket[kOnEvent] = (res, aux, flags, extra) => onSocketEvent(socket, res, aux, flags, extra);
  return socket[kOnEvent];
}

function newSocketId(socket) {
  let id = 0;
  const handler = (res, aux, flags, extra) => {
    // An earlier handle of this socket (a failed connect attempt) closing.
    if (id !== socket[kHandle]) {
      if ((flags & 0xff) === kClose) unregister(id);
      return;
    }
    onSocketEvent(socket, res, aux, flags, extra);
  };
  id = register(handler, true);
  socket[kHandle] = id;
  return id;
}

function onSocketEvent(socket, res, aux, flags, extra) {
  const kind = flags & 0xff;
  switch (kind) {
    case kData:
      socket._bytesRead += res;
      socket._unrefTimer();
      if (!socket.push(viewOf(aux, res)) && socket[kReading]) {
        socket[kReading] = false;
        binding.readStop(socket[kHandle]);
      }
      return;
    case kWrite:
      onWrite(socket, res, aux);
      return;
    case kEof:
      socket[kReading] = false;
      socket.push(null);
      socket.read(0);
      return;
    case kReadError:
      socket[kReading] = false;
      socket.destroy(errnoException(res, 'read'));
      return;
    case kConnect:
      afterConnect(socket, res);
      return;
    case kShutdown: {
      const cb = socket[kFinalCallback];
      socket[kFinalCallback] = null;
      if (cb) cb(res < 0 && res !== -107 /* ENOTCONN */ ? errnoException(res, 'shutdown') : undefined);
      return;
    }
    case kClose:
      onHandleClose(socket);
      return;
    default:
      // Kinds 32 and up come from TLS under this socket (_tls_wrap).
      if (kind >= 32) socket[kTls]?.(kind, res, aux);
      else if (socket[kHttp] !== null) socket[kHttp](kind, res, aux, flags >> 8, extra);
  }
}

// A send completed (reported only while someone waits: see queueWrite):
// res is the bytes sent or -errno, queued what is left.
function onWrite(socket, res, queued) {
  if (res < 0) {
    const err = errnoException(res, 'write');
    const pending = socket[kPendingWrites];
    socket[kPendingWrites] = null;
    if (pending) for (const p of pending) p.cb(err, p.arg);
    socket.destroy(err);
    return;
  }
  socket._unrefTimer();
  socket[kQueued] = queued;
  const pending = socket[kPendingWrites];
  if (pending !== null && queued <= kWriteQueueLimit) {
    socket[kPendingWrites] = null;
    for (let i = 0; i < pending.length; i++) pending[i].cb(undefined, pending[i].arg);
  }
  if (socket[kHttp] !== null && socket._httpOnWrite) socket._httpOnWrite(res);
  updateAcks(socket);
}

// Completed sends are reported by the binding only while a callback or a
// drain waits for the queue to shrink.
function updateAcks(socket) {
  const wanted = socket[kPendingWrites] !== null || socket._httpNeedsAcks === true;
  if (wanted !== socket._wantAcks && socket[kHandle]) {
    socket._wantAcks = wanted;
    binding.wantAcks(socket[kHandle], wanted);
  }
}

function onHandleClose(socket) {
  const id = socket[kHandle];
  unregister(id);
  socket[kHandle] = 0;
  const pending = socket[kPendingWrites];
  socket[kPendingWrites] = null;
  if (pending) {
    const err = new ERR_SOCKET_CLOSED();
    for (const p of pending) p.cb(err, p.arg);
  }
  const cb = socket[kFinalCallback];
  socket[kFinalCallback] = null;
  if (cb) cb();
  socket.emit('close', socket._hadError);
  const server = socket.server ?? socket._server;
  if (server) server._connectionClosed(socket);
}

function onReadableStreamEnd() {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFIN;
  }
}

function writeAfterFIN(chunk, encoding, cb) {
  if (!this.writableEnded) {
    return stream.Duplex.prototype.write.call(this, chunk, encoding, cb);
  }
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  const er = new Error('This socket has been ended by the other party');
  er.code = 'EPIPE';
  if (typeof cb === 'function') process.nextTick(cb, er);
  this.destroy(er);
  return false;
}

Socket.prototype._unrefTimer = function _unrefTimer() {
  for (let s = this; s !== null; s = s._parent) {
    if (s[kTimeout]) s[kTimeout].refresh();
  }
};

Socket.prototype.setTimeout = function(msecs, callback) {
  if (this.destroyed) return this;
  this.timeout = msecs;
  msecs = getTimerDuration(msecs, 'msecs');
  clearTimeout(this[kTimeout]);
  this[kTimeout] = null;
  if (msecs === 0) {
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.removeListener('timeout', callback);
    }
  } else {
    this[kTimeout] = setUnrefTimeout(this._onTimeout.bind(this), msecs);
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.once('timeout', callback);
    }
  }
  return this;
};

Socket.prototype._onTimeout = function() {
  this.emit('timeout');
};

Socket.prototype.setNoDelay = function(enable) {
  enable = enable === undefined ? true : Boolean(enable);
  if (!this[kHandle]) {
    this[kSetNoDelay] = enable;
    return this;
  }
  if (this[kSetNoDelay] !== enable) {
    this[kSetNoDelay] = enable;
    binding.setNoDelay(this[kHandle], enable);
  }
  return this;
};

Socket.prototype.setKeepAlive = function(enable, initialDelayMsecs) {
  enable = Boolean(enable);
  const initialDelay = ~~(initialDelayMsecs / 1000);
  if (!this[kHandle]) {
    this[kSetKeepAlive] = enable;
    this[kSetKeepAliveInitialDelay] = initialDelay;
    return this;
  }
  if (this[kSetKeepAlive] !== enable || (enable && this[kSetKeepAliveInitialDelay] !== initialDelay)) {
    this[kSetKeepAlive] = enable;
    this[kSetKeepAliveInitialDelay] = initialDelay;
    binding.setKeepAlive(this[kHandle], enable, initialDelay);
  }
  return this;
};

Socket.prototype.address = function() {
  if (!this[kHandle]) return {};
  const out = addressScratch;
  if (binding.address(this[kHandle], false, out, false) !== 0) return {};
  return { address: out[0], family: out[1], port: out[2] };
};

Object.defineProperty(Socket.prototype, '_connecting', {
  get() { return this.connecting; },
});

Object.defineProperty(Socket.prototype, 'pending', {
  get() { return !this[kHandle] || this.connecting; },
  configurable: true,
});

Object.defineProperty(Socket.prototype, 'readyState', {
  get() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  },
});

Object.defineProperty(Socket.prototype, 'bufferSize', {
  get() {
    if (this[kHandle]) return this.writableLength + this[kQueued];
  },
});

Object.defineProperty(Socket.prototype, '_handle', {
  get() { return this[kHandle] ? { fd: -1, id: this[kHandle] } : null; },
  set(v) {
    if (v === null && this[kHandle]) binding.close(this[kHandle]);
  },
  configurable: true,
});

Object.defineProperty(Socket.prototype, 'bytesRead', {
  get() { return this._bytesRead; },
});

Object.defineProperty(Socket.prototype, 'bytesWritten', {
  get() {
    let bytes = this._bytesWritten;
    const state = this._writableState;
    if (state?.buffered) {
      for (const el of state.buffered) {
        bytes += el.chunk instanceof Uint8Array ? el.chunk.length : Buffer.byteLength(el.chunk, el.encoding);
      }
    }
    return bytes;
  },
});

Object.defineProperty(Socket.prototype, 'writableLength', {
  get() {
    return (this._writableState?.length ?? 0);
  },
  configurable: true,
});

function cacheAddress(socket, peer) {
  if (!socket[kHandle]) return null;
  const out = [];
  if (binding.address(socket[kHandle], peer, out, false) !== 0) return null;
  return { address: out[0], family: out[1], port: out[2] };
}

function peerName(socket) {
  if (socket._peername === undefined || socket._peername === null) {
    socket._peername = cacheAddress(socket, true);
  }
  return socket._peername ?? {};
}

function sockName(socket) {
  if (socket._sockname === undefined || socket._sockname === null) {
    socket._sockname = cacheAddress(socket, false);
  }
  return socket._sockname ?? {};
}

Object.defineProperty(Socket.prototype, 'remoteAddress', { get() { return peerName(this).address; }, configurable: true });
Object.defineProperty(Socket.prototype, 'remoteFamily', { get() { return peerName(this).family; }, configurable: true });
Object.defineProperty(Socket.prototype, 'remotePort', { get() { return peerName(this).port; }, configurable: true });
Object.defineProperty(Socket.prototype, 'localAddress', { get() { return sockName(this).address; }, configurable: true });
Object.defineProperty(Socket.prototype, 'localFamily', { get() { return sockName(this).family; }, configurable: true });
Object.defineProperty(Socket.prototype, 'localPort', { get() { return sockName(this).port; }, configurable: true });
Socket.prototype._getpeername = function() { return peerName(this); };
Socket.prototype._getsockname = function() { return sockName(this); };

Socket.prototype._read = function(n) {
  if (this.connecting || !this[kHandle]) {
    this.once('connect', () => this._read(n));
    return;
  }
  if (!this[kReading]) {
    this[kReading] = true;
    const err = binding.readStart(this[kHandle]);
    if (err < 0) this.destroy(errnoException(err, 'read'));
  }
};

Socket.prototype.pause = function() {
  if (this[kHandle] && !this.connecting && this[kReading] && this[kHttp] === null) {
    this[kReading] = false;
    binding.readStop(this[kHandle]);
  }
  return stream.Duplex.prototype.pause.call(this);
};

Socket.prototype.resume = function() {
  if (this[kHandle] && !this.connecting && !this[kReading] && this[kHttp] === null) {
    this._read();
  }
  return stream.Duplex.prototype.resume.call(this);
};

Socket.prototype.read = function(n) {
  if (this[kHandle] && !this.connecting && !this[kReading] && this[kHttp] === null && !this.readableEnded) {
    this._read();
  }
  return stream.Duplex.prototype.read.call(this, n);
};

const writeInfo = binding.writeInfo;

// After a write into the binding: result is the bytes queued on the socket
// or -errno. A write that fit under the queue limit is done (its bytes were
// copied, or are pinned, and leave at the end of this turn); otherwise its
// callback waits until sends bring the queue back under the limit.
function queueWrite(socket, result, cb, arg) {
  if (result < 0) {
    cb(errnoException(result, 'write'), arg);
    return;
  }
  socket[kQueued] = result;
  socket._bytesWritten = writeInfo[0];
  socket._unrefTimer();
  if (result <= kWriteQueueLimit) {
    cb(undefined, arg);
  } else {
    (socket[kPendingWrites] ??= []).push({ cb, arg });
    updateAcks(socket);
  }
}

Socket.prototype._writeGeneric = function(writev, data, encoding, cb) {
  if (this.connecting) {
    this._pendingData = data;
    this._pendingEncoding = encoding;
    this.once('connect', function connect() {
      this.off('close', onClose);
      this._writeGeneric(writev, data, encoding, cb);
    });
    function onClose() {
      cb(new ERR_SOCKET_CLOSED_BEFORE_CONNECTION());
    }
    this.once('close', onClose);
    return;
  }
  this._pendingData = null;
  this._pendingEncoding = '';
  if (!this[kHandle]) {
    cb(new ERR_SOCKET_CLOSED());
    return false;
  }
  let result;
  if (writev) {
    const chunks = new Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const { chunk, encoding: enc } = data[i];
      chunks[i] = typeof chunk === 'string' && enc !== 'utf8' && enc !== 'utf-8' ? Buffer.from(chunk, enc) : chunk;
    }
    result = binding.writev(this[kHandle], chunks);
  } else if (typeof data === 'string') {
    if (encoding === 'latin1' || encoding === 'binary') {
      result = binding.write(this[kHandle], data, true);
    } else if (encoding === 'utf8' || encoding === 'utf-8' || encoding === undefined || encoding === 'buffer') {
      result = binding.write(this[kHandle], data, false);
    } else {
      result = binding.write(this[kHandle], Buffer.from(data, encoding), false);
    }
  } else {
    result = binding.write(this[kHandle], data, false);
  }
  queueWrite(this, result, cb);
};

Socket.prototype._writev = function(chunks, cb) {
  this._writeGeneric(true, chunks, '', cb);
};

Socket.prototype._write = function(data, encoding, cb) {
  this._writeGeneric(false, data, encoding, cb);
};

Socket.prototype._final = function(cb) {
  if (this.pending) {
    return this.once('connect', () => this._final(cb));
  }
  if (!this[kHandle]) return cb();
  this[kFinalCallback] = cb;
  const err = binding.shutdown(this[kHandle]);
  if (err < 0) {
    this[kFinalCallback] = null;
    cb(errnoException(err, 'shutdown'));
  }
};

Socket.prototype.end = function(data, encoding, callback) {
  stream.Duplex.prototype.end.call(this, data, encoding, callback);
  return this;
};

Socket.prototype.destroySoon = function() {
  if (this.writable) this.end();
  if (this.writableFinished) this.destroy();
  else this.once('finish', this.destroy);
};

Socket.prototype._destroy = function(exception, cb) {
  this.connecting = false;
  for (let s = this; s !== null; s = s._parent) {
    clearTimeout(s[kTimeout]);
  }
  if (this[kHandle]) {
    this._hadError = Boolean(exception);
    this[kReading] = false;
    binding.close(this[kHandle]);
    // 'close' is emitted when the handle has closed (onHandleClose).
    cb(exception);
  } else {
    cb(exception);
    process.nextTick(emitCloseNT, this);
  }
  if (this._server) {
    this._server._connections--;
    if (this._server._emitCloseIfDrained) this._server._emitCloseIfDrained();
  }
};

function emitCloseNT(self) {
  self.emit('close', self._hadError);
}

Socket.prototype.resetAndDestroy = function() {
  if (this[kHandle]) {
    // SO_LINGER 0 would send RST; closing is the best the engine offers here.
    this.destroy(undefined);
  } else {
    this.destroy(new ERR_SOCKET_CLOSED());
  }
  return this;
};

Socket.prototype.ref = function() {
  if (this[kHandle]) binding.ref(this[kHandle], true);
  else this.once('connect', this.ref);
  return this;
};

Socket.prototype.unref = function() {
  if (this[kHandle]) binding.ref(this[kHandle], false);
  else this.once('connect', this.unref);
  return this;
};

// ---- connect ----

function normalizeArgs(args) {
  let arr;
  if (args.length === 0) {
    arr = [{}, null];
    return arr;
  }
  const arg0 = args[0];
  let options = {};
  if (typeof arg0 === 'object' && arg0 !== null) {
    options = arg0;
  } else if (isPipeName(arg0)) {
    options.path = arg0;
  } else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  if (typeof cb !== 'function') arr = [options, null];
  else arr = [options, cb];
  return arr;
}

Socket.prototype.connect = function(...args) {
  let normalized;
  if (Array.isArray(args[0]) && args[0].length === 2 && typeof args[0][0] === 'object') {
    normalized = args[0];
  } else {
    normalized = normalizeArgs(args);
  }
  const options = normalized[0];
  const cb = normalized[1];
  if (cb !== null) this.once('connect', cb);
  if (this.write !== Socket.prototype.write) this.write = Socket.prototype.write;
  if (this.destroyed) {
    this._handle = null;
    this._peername = null;
    this._sockname = null;
    this._undestroy();
  }
  const { path } = options;
  if (path) {
    validateString(path, 'options.path');
    this.connecting = true;
    process.nextTick(() => internalConnect(this, path, 0, 0));
    return this;
  }
  lookupAndConnect(this, options);
  return this;
};

function lookupAndConnect(self, options) {
  const { localAddress, localPort } = options;
  const host = options.host || 'localhost';
  let { port, autoSelectFamilyAttemptTimeout, autoSelectFamily } = options;
  if (localAddress && !isIP(localAddress)) {
    throw new ERR_INVALID_IP_ADDRESS(localAddress);
  }
  if (localPort) validateNumber(localPort, 'options.localPort');
  if (typeof port !== 'undefined') {
    if (typeof port !== 'number' && typeof port !== 'string') {
      throw new ERR_INVALID_ARG_TYPE('options.port', ['number', 'string'], port);
    }
    validatePort(port);
  }
  port |= 0;
  if (options.timeout) self.setTimeout(options.timeout);
  if (autoSelectFamily != null) {
    validateBoolean(autoSelectFamily, 'options.autoSelectFamily');
  } else {
    autoSelectFamily = autoSelectFamilyDefault;
  }
  if (autoSelectFamilyAttemptTimeout != null) {
    validateInt32(autoSelectFamilyAttemptTimeout, 'options.autoSelectFamilyAttemptTimeout', 1);
    if (autoSelectFamilyAttemptTimeout < 10) autoSelectFamilyAttemptTimeout = 10;
  } else {
    autoSelectFamilyAttemptTimeout = autoSelectFamilyAttemptTimeoutDefault;
  }
  self.connecting = true;

  const addressType = isIP(host);
  if (addressType) {
    process.nextTick(() => {
      if (self.connecting) internalConnect(self, host, port, addressType);
    });
    return;
  }
  const dns = require('dns');
  const lookup = options.lookup ?? dns.lookup;
  if (typeof lookup !== 'function') throw new ERR_INVALID_ARG_TYPE('options.lookup', 'Function', lookup);
  const dnsopts = { family: options.family ?? 0, hints: options.hints ?? 0 };
  self._host = host;
  // Happy eyeballs (RFC 8305 section 5, as Node does it): with no family
  // asked for, every address is tried in turn, the two families
  // alternating, each attempt but the last given attemptTimeout ms.
  if (dnsopts.family !== 4 && dnsopts.family !== 6 && !localAddress && autoSelectFamily) {
    dnsopts.all = true;
    lookup(host, dnsopts, function emitLookup(err, addresses) {
      if (!self.connecting) return;
      if (err) {
        self.emit('lookup', err, undefined, undefined, host);
        process.nextTick(connectErrorNT, self, err);
        return;
      }
      connectMultiple(self, host, addresses, port, autoSelectFamilyAttemptTimeout, options);
    });
    return;
  }
  lookup(host, dnsopts, function emitLookup(err, ip, family) {
    if (!self.connecting) return;
    self.emit('lookup', err, ip, family, host);
    if (err) {
      process.nextTick(connectErrorNT, self, err);
      return;
    }
    if (!isIP(ip)) {
      process.nextTick(connectErrorNT, self, new ERR_INVALID_IP_ADDRESS(ip));
      return;
    }
    if (family !== 4 && family !== 6) {
      process.nextTick(connectErrorNT, self, new ERR_INVALID_ADDRESS_FAMILY(family, options.host, options.port));
      return;
    }
    internalConnect(self, ip, port, family);
  });
}

// The addresses of one name, tried in turn (lookupAndConnect).
function connectMultiple(self, host, addresses, port, attemptTimeout, options) {
  // Both families' addresses, each once; the first address's family first.
  const byFamily = [[], []];
  let firstFamily = 0;
  for (const entry of addresses) {
    const { address, family } = entry;
    self.emit('lookup', null, address, family, host);
    if (!self.connecting) return;
    if (!isIP(address) || (family !== 4 && family !== 6)) continue;
    firstFamily ||= family;
    const list = byFamily[family === firstFamily ? 0 : 1];
    if (!list.some((e) => e.address === address)) list.push(entry);
  }
  if (byFamily[0].length === 0) {
    const first = addresses[0];
    let err;
    if (first === undefined) err = require('internal/errors').dnsException('ENOTFOUND', 'getaddrinfo', host);
    else if (!isIP(first.address)) err = new ERR_INVALID_IP_ADDRESS(first.address);
    else err = new ERR_INVALID_ADDRESS_FAMILY(first.family, options.host, options.port);
    process.nextTick(connectErrorNT, self, err);
    return;
  }
  const order = [];
  for (let i = 0; i < Math.max(byFamily[0].length, byFamily[1].length); i++) {
    if (i < byFamily[0].length) order.push(byFamily[0][i]);
    if (i < byFamily[1].length) order.push(byFamily[1][i]);
  }
  if (order.length === 1) {
    process.nextTick(internalConnect, self, order[0].address, port, order[0].family);
    return;
  }
  self.autoSelectFamilyAttemptedAddresses = [];
  self[kConnectAttempts] = { addresses: order, next: 0, port, attemptTimeout, timer: null, errors: [] };
  process.nextTick(nextConnectAttempt, self);
}

// Starts the next address's attempt, or fails with every attempt's error.
function nextConnectAttempt(self) {
  const ctx = self[kConnectAttempts];
  if (!ctx || !self.connecting || self.destroyed) return;
  clearTimeout(ctx.timer);
  ctx.timer = null;
  if (ctx.next === ctx.addresses.length) {
    self[kConnectAttempts] = null;
    if (ctx.errors.length === 0) {
      self.destroy(new ERR_SOCKET_CONNECTION_TIMEOUT());
      return;
    }
    const err = new AggregateError(ctx.errors);
    err.code = ctx.errors[0].code;
    self.destroy(err);
    return;
  }
  const { address, family } = ctx.addresses[ctx.next++];
  self.autoSelectFamilyAttemptedAddresses.push(`${address}:${ctx.port}`);
  if (self[kHandle]) {
    // The previous attempt's handle: its late events are ignored.
    const old = self[kHandle];
    self[kHandle] = 0;
    binding.close(old);
  }
  internalConnect(self, address, ctx.port, family);
  if (ctx.next < ctx.addresses.length && self.connecting && !self.destroyed) {
    ctx.timer = setTimeout(() => {
      if (self[kConnectAttempts] !== ctx || !self.connecting) return;
      self.emit('connectionAttemptTimeout', address, ctx.port, family);
      const { ETIMEDOUT } = require('os').constants.errno;
      ctx.errors.push(exceptionWithHostPort(-ETIMEDOUT, 'connect', address, ctx.port));
      nextConnectAttempt(self);
    }, ctx.attemptTimeout);
  }
}

function connectErrorNT(self, err) {
  self.destroy(err);
}

function internalConnect(self, address, port, addressType) {
  if (!self.connecting || self.destroyed) return;
  if (self[kHandle]) {
    unregister(self[kHandle]);
    self[kHandle] = 0;
  }
  const id = newSocketId(self);
  self._connectTarget = { address, port, addressType };
  if (addressType !== 0) self.emit('connectionAttempt', address, port, addressType);
  const err = binding.connect(id, address, port, addressType, self[kHttp] !== null ? 2 : kRaw);
  if (err < 0) {
    unregister(id);
    self[kHandle] = 0;
    const ex = addressType === 0 ? uvException({ errno: err, syscall: 'connect', address })
      : exceptionWithHostPort(err, 'connect', address, port);
    if (connectAttemptFailed(self, ex)) return;
    self.destroy(ex);
  }
}

// An attempt failed: 'connectionAttemptFailed', then the next address when
// several are being tried (returns true), else the caller fails.
function connectAttemptFailed(self, ex) {
  const { address, port, addressType } = self._connectTarget;
  if (addressType !== 0) self.emit('connectionAttemptFailed', address, port, addressType, ex);
  const ctx = self[kConnectAttempts];
  if (!ctx) return false;
  ctx.errors.push(ex);
  if (self.connecting) process.nextTick(nextConnectAttempt, self);
  return true;
}

function afterConnect(self, status) {
  if (self.destroyed) return;
  if (status < 0) {
    const { address, port } = self._connectTarget ?? {};
    const ex = port ? exceptionWithHostPort(status, 'connect', address, port)
      : uvException({ errno: status, syscall: 'connect', path: address });
    if (connectAttemptFailed(self, ex)) return;
    self.connecting = false;
    self.destroy(ex);
    return;
  }
  const attempts = self[kConnectAttempts];
  if (attempts) {
    clearTimeout(attempts.timer);
    self[kConnectAttempts] = null;
  }
  self.connecting = false;
  self._sockname = null;
  if (self[kSetNoDelay]) binding.setNoDelay(self[kHandle], true);
  if (self[kSetKeepAlive]) binding.setKeepAlive(self[kHandle], true, self[kSetKeepAliveInitialDelay]);
  self._unrefTimer();
  self.emit('connect');
  self.emit('ready');
  if (self.readable && !self.isPaused()) self.read(0);
  else if (self.readableFlowing !== false && self.readable) self._read();
}

function connect(...args) {
  const normalized = normalizeArgs(args);
  const [options] = normalized;
  if (options.timeout) {
    validateNumber(options.timeout, 'options.timeout');
  }
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(normalized);
}

// ---- Server ----

function Server(options, connectionListener) {
  if (!(this instanceof Server)) return new Server(options, connectionListener);
  EventEmitter.call(this);
  if (typeof options === 'function') {
    connectionListener = options;
    options = {};
    this.on('connection', connectionListener);
  } else if (options == null || typeof options === 'object') {
    options = { ...options };
    if (typeof connectionListener === 'function') this.on('connection', connectionListener);
  } else {
    throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  this._connections = 0;
  this[kHandle] = 0;
  this._usingWorkers = false;
  this._workers = [];
  this._unref = false;
  this._listeningId = 1;
  this.allowHalfOpen = options.allowHalfOpen || false;
  this.pauseOnConnect = Boolean(options.pauseOnConnect);
  this.noDelay = Boolean(options.noDelay);
  this.keepAlive = Boolean(options.keepAlive);
  this.keepAliveInitialDelay = ~~(options.keepAliveInitialDelay / 1000);
  this.highWaterMark = options.highWaterMark;
  this._connectionMode = kRaw;
  this._pipeName = undefined;
  this._address = null;
  this._closingHandle = 0;
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);

Object.defineProperty(Server.prototype, 'listening', {
  get() { return Boolean(this[kHandle]); },
  configurable: true,
  enumerable: true,
});

Object.defineProperty(Server.prototype, '_handle', {
  get() { return this[kHandle] ? { id: this[kHandle] } : null; },
  configurable: true,
});

function toListenArgs(server, args) {
  const normalized = normalizeArgs(args);
  let options = normalized[0];
  const cb = normalized[1];
  if (typeof args[0] === 'object' && args[0] !== null) {
    options = args[0];
  } else {
    // listen(port, [host], [backlog], [cb]) and listen(path, [backlog], [cb])
    const rest = args.slice(1);
    if (typeof rest[0] === 'string' && options.path === undefined) options = { ...options, host: rest.shift() };
    if (typeof rest[0] === 'number') options = { ...options, backlog: rest[0] };
  }
  return { options, cb };
}

Server.prototype.listen = function(...args) {
  const { options, cb } = toListenArgs(this, args);
  if (cb !== null) this.once('listening', cb);
  if (this[kHandle]) throw new ERR_SERVER_ALREADY_LISTEN();
  const backlog = toNumber(options.backlog) || 511;
  if (options.signal) {
    validateAbortSignal(options.signal, 'options.signal');
    if (options.signal.aborted) {
      process.nextTick(() => this.close());
    } else {
      const onAbort = () => this.close();
      options.signal.addEventListener('abort', onAbort, { once: true });
      this.once('close', () => options.signal.removeEventListener('abort', onAbort));
    }
  }
  const exclusive = Boolean(options.exclusive);
  if (options.path !== undefined && options.path !== null) {
    if (typeof options.path !== 'string') throw new ERR_INVALID_ARG_TYPE('options.path', 'string', options.path);
    this._pipeName = options.path;
    listenIn(this, options.path, 0, 0, backlog, false, exclusive);
    return this;
  }
  let port = options.port;
  if (port === undefined || port === null) {
    if (!('port' in options) && options.host === undefined && typeof args[0] === 'object' && args[0] !== null &&
        !('path' in options)) {
      throw new ERR_INVALID_ARG_VALUE('options', options, 'must have the property "port" or "path"');
    }
    port = 0;
  }
  if (typeof port !== 'number' && typeof port !== 'string') throw new ERR_SOCKET_BAD_PORT('options.port', port);
  validatePort(port, 'options.port');
  port = +port;
  const host = options.host;
  const ipv6Only = Boolean(options.ipv6Only);
  if (host === undefined || host === null || host === '') {
    listenIn(this, '::', port, 6, backlog, ipv6Only, exclusive);
    return this;
  }
  const family = isIP(host);
  if (family) {
    listenIn(this, host, port, family, backlog, ipv6Only, exclusive);
    return this;
  }
  require('dns').lookup(host, (err, ip, addressType) => {
    if (err) {
      this.emit('error', err);
      return;
    }
    listenIn(this, ip, port, addressType, backlog, ipv6Only, exclusive);
  });
  return this;
};

const { getOptions } = internalBinding('process');
const kCores = getOptions().cores;
const kClusterCopy = internalBinding('worker').kind === 'cluster';

function listenIn(server, address, port, family, backlog, ipv6Only, exclusive) {
  const id = register((res, aux, flags) => onServerEvent(server, res, aux, flags), true);
  // Every core of a --cores program listens on the same address: each gets a
  // SO_REUSEPORT socket (unless exclusive, as Node's cluster option).
  const reuseport = kCores > 1 && !exclusive;
  let result = binding.listen(id, address, port, family, backlog, ipv6Only, reuseport);
  if (result < 0 && family === 6 && address === '::' && result === -97 /* EAFNOSUPPORT */) {
    result = binding.listen(id, '0.0.0.0', port, 4, backlog, false, reuseport);
    address = '0.0.0.0';
  }
  if (result < 0) {
    unregister(id);
    const ex = family === 0 ? uvException({ errno: result, syscall: 'listen', path: address })
      : uvExceptionWithHostPort(result, 'listen', address, port);
    process.nextTick(() => server.emit('error', ex));
    return;
  }
  server[kHandle] = id;
  server._address = family === 0 ? address : { address, family: family === 6 ? 'IPv6' : 'IPv4', port: result };
  if (server._unref) binding.refServer(id, false);
  process.nextTick(() => {
    if (server[kHandle] !== id) return;
    // A cluster copy tells its primary ('listening'), and closes the server on disconnect.
    if (kClusterCopy) require('internal/cluster/child')[Symbol.for('shard.cluster.serverListening')](server);
    server.emit('listening');
  });
}

function uvExceptionWithHostPort(err, syscall, address, port) {
  const [code, desc] = getErrorInfo(err);
  const details = port > 0 ? ` ${address}:${port}` : address ? ` ${address}` : '';
  const ex = new Error(`${syscall} ${code}: ${desc}${details}`);
  ex.code = code;
  ex.errno = err;
  ex.syscall = syscall;
  ex.address = address;
  if (port) ex.port = port;
  return ex;
}

function onServerEvent(server, res, aux, flags) {
  const kind = flags & 0xff;
  if (kind === kConnection) {
    if (res < 0) {
      server.emit('error', errnoException(res, 'accept'));
      return;
    }
    if (server.maxConnections !== undefined && server._connections >= server.maxConnections) {
      // Over the limit: the connection is dropped at once, as in Node.
      dropConnection(res);
      server.emit('drop', { localAddress: undefined, localPort: undefined, localFamily: undefined, remoteAddress: undefined, remotePort: undefined, remoteFamily: undefined });
      return;
    }
    server._onConnection(res);
  } else if (kind === kServerClose) {
    unregister(server._closingHandle);
    server._closingHandle = 0;
    server._emitCloseIfDrained();
  }
}

// A connection refused at once (maxConnections): adopt and close it.
function dropConnection(fd) {
  const id = register(() => {}, true);
  binding.adopt(fd, id, kRaw);
  binding.close(id);
  setImmediate(() => unregister(id));
}

Server.prototype._onConnection = function(fd) {
  const socket = new Socket({
    allowHalfOpen: this.allowHalfOpen,
    pauseOnCreate: this.pauseOnConnect,
    readable: true,
    writable: true,
    readableHighWaterMark: this.highWaterMark,
    writableHighWaterMark: this.highWaterMark,
  });
  const id = newSocketId(socket);
  binding.adopt(fd, id, this._connectionMode);
  if (this.noDelay) socket.setNoDelay(true);
  if (this.keepAlive) socket.setKeepAlive(true, this.keepAliveInitialDelay * 1000);
  this._connections++;
  socket.server = this;
  socket._server = this;
  // As Node: reading starts at once (so EOF and errors are seen even by a
  // socket nobody reads from), unless pauseOnConnect.
  if (this.pauseOnConnect) socket.pause();
  else if (this._connectionMode === kRaw) socket.read(0);
  this.emit('connection', socket);
};

Server.prototype._connectionClosed = function(socket) {
  // _destroy already decremented the count; 'close' may be due now.
  this._emitCloseIfDrained();
};

Server.prototype.address = function() {
  if (!this[kHandle]) return null;
  if (this._pipeName) return this._pipeName;
  const out = [];
  if (binding.address(this[kHandle], false, out, true) === 0) {
    return { address: out[0], family: out[1], port: out[2] };
  }
  return this._address;
};

Server.prototype.close = function(cb) {
  if (typeof cb === 'function') {
    if (!this[kHandle]) {
      this.once('close', function close() {
        cb(new ERR_SERVER_NOT_RUNNING());
      });
    } else {
      this.once('close', cb);
    }
  }
  if (this[kHandle]) {
    // 'close' waits until the listening socket is really closed, so a
    // connect right after it is refused rather than reset.
    this._closingHandle = this[kHandle];
    binding.closeServer(this[kHandle]);
    this[kHandle] = 0;
  }
  this._emitCloseIfDrained();
  return this;
};

Server.prototype[Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose')] = function() {
  if (!this[kHandle]) return Promise.resolve();
  return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

Server.prototype._emitCloseIfDrained = function() {
  if (this[kHandle] || this._closingHandle || this._connections > 0 || this._closeEmitting) return;
  this._closeEmitting = true;
  process.nextTick(() => {
    this._closeEmitting = false;
    if (this[kHandle] || this._closingHandle || this._connections > 0 || this._closeEmitted) return;
    this._closeEmitted = true;
    this.emit('close');
  });
};

Server.prototype.getConnections = function(cb) {
  const self = this;
  process.nextTick(() => cb(null, self._connections));
  return this;
};

Server.prototype.ref = function() {
  this._unref = false;
  if (this[kHandle]) binding.refServer(this[kHandle], true);
  return this;
};

Server.prototype.unref = function() {
  this._unref = true;
  if (this[kHandle]) binding.refServer(this[kHandle], false);
  return this;
};

function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

// ---- the rest of node:net ----

let autoSelectFamilyDefault = true;
let autoSelectFamilyAttemptTimeoutDefault = 250;

class SocketAddress {
  constructor(options = {}) {
    validateObject(options, 'options');
    const { family = 'ipv4', address = family === 'ipv4' ? '127.0.0.1' : '::', port = 0, flowlabel = 0 } = options;
    validatePort(port, 'options.port');
    validateInt32(flowlabel, 'options.flowlabel', 0);
    this.family = family.toLowerCase();
    this.address = address;
    this.port = port;
    this.flowlabel = flowlabel;
  }
}

module.exports = {
  _createServerHandle: undefined,
  _normalizeArgs: normalizeArgs,
  connect,
  createConnection: connect,
  createServer,
  isIP,
  isIPv4,
  isIPv6,
  Server,
  Socket,
  Stream: Socket,
  SocketAddress,
  getDefaultAutoSelectFamily: () => autoSelectFamilyDefault,
  setDefaultAutoSelectFamily: (v) => {
    validateBoolean(v, 'value');
    autoSelectFamilyDefault = v;
  },
  getDefaultAutoSelectFamilyAttemptTimeout: () => autoSelectFamilyAttemptTimeoutDefault,
  setDefaultAutoSelectFamilyAttemptTimeout: (v) => {
    validateInt32(v, 'value', 1);
    autoSelectFamilyAttemptTimeoutDefault = v < 10 ? 10 : v;
  },
};

// Internal hooks for http: which mode accepted connections start in, and
// the per-socket HTTP event route.
Object.defineProperty(module.exports, '_internal', {
  enumerable: false,
  value: {
    kHandle, kHttp, kHttpServer, viewOf, attach, newSocketId, binding, kQueued, kPendingWrites,
    queueWrite, kReading, kWriteQueueLimit, updateAcks, writeInfo, kTls, onSocketEvent,
  },
});
void ERR_MISSING_ARGS;
void ERR_SOCKET_CONNECTION_TIMEOUT;
void isLegalPort;
void kServerConnections;
void completionValues;
void validateFunction;
