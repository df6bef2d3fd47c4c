'use strict';
// tls.TLSSocket, tls.Server and tls.connect. TLS runs in C under the
// socket (io/tls.c, through internalBinding('tls')): a TLSSocket is a
// net.Socket whose bytes are plaintext, with the same handle; what the
// handshake has to say arrives as completion records for that handle,
// routed here by net (its kTls hook).

const net = require('net');
const stream = require('stream');
const tlsBinding = internalBinding('tls');
const { completionValues } = internalBinding('loop');
const loop = require('internal/loop');
const common = require('_tls_common');
const {
  kHandle, kTls, kReading, newSocketId, binding: tcpBinding, onSocketEvent,
} = net._internal;
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_MULTIPLE_CALLBACK, ERR_SOCKET_CLOSED,
    ERR_TLS_HANDSHAKE_TIMEOUT, ERR_TLS_RENEGOTIATION_DISABLED, ERR_TLS_REQUIRED_SERVER_NAME,
    ERR_TLS_SNI_FROM_SERVER, ERR_TLS_INVALID_CONTEXT, ERR_TLS_ALPN_CALLBACK_INVALID_RESULT,
    ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS, ERR_TLS_INVALID_STATE, ERR_OUT_OF_RANGE,
  },
  errnoException,
} = require('internal/errors');
const {
  validateFunction, validateNumber, validateString, validateObject, validateBuffer, validateInt32,
} = require('internal/validators');

const kSecure = 32;
const kHandshakeError = 33;
const kTlsError = 34;
const kHello = 35;
const kSession = 36;
const kKeylog = 37;

const ETIMEDOUT = -110;
const ECONNRESET = -104;

const kConnectOptions = Symbol('connect-options');
const kErrorEmitted = Symbol('error-emitted');
const kPendingSession = Symbol('pendingSession');
const kIsVerified = Symbol('verified');
const kAttached = Symbol('attached');
const kFlags = Symbol('flags');
const kServername = Symbol('servername');
const kSession_ = Symbol('session');
const kPlainOut = Symbol('plainOut');
const kHandshakeTimeout = Symbol('handshake-timeout');
const kSNICallback = Symbol('snicallback');
const kALPNCallback = Symbol('alpncallback');
const kEnableKeylog = Symbol('enableKeylog');
const kDisableRenegotiation = Symbol('disable-renegotiation');
const kServerOptions = Symbol('serverSocketOptions');

const plainScratch = new Float64Array(2);
let ipServernameWarned = false;

// ALPN protocols (array of strings/buffers, or a buffer) to the wire format.
function convertALPNProtocols(protocols, out) {
  if (Array.isArray(protocols)) {
    const parts = [];
    for (const p of protocols) {
      const b = typeof p === 'string' ? Buffer.from(p) : Buffer.from(p.buffer, p.byteOffset, p.byteLength);
      if (b.length > 255) throw new ERR_OUT_OF_RANGE('The byte length of the protocol at index ' + parts.length, '<= 255', b.length);
      parts.push(Buffer.from([b.length]), b);
    }
    out.ALPNProtocols = Buffer.concat(parts);
  } else if (ArrayBuffer.isView(protocols)) {
    out.ALPNProtocols = Buffer.from(protocols.buffer.slice(protocols.byteOffset, protocols.byteOffset + protocols.byteLength));
  }
}

function connResetError(message) {
  const err = new Error(message);
  err.code = 'ECONNRESET';
  return err;
}

// ---- TLSSocket ----

function TLSSocket(socket, opts) {
  const tlsOptions = { ...opts };
  if (tlsOptions.ALPNProtocols) convertALPNProtocols(tlsOptions.ALPNProtocols, tlsOptions);
  this._tlsOptions = tlsOptions;
  this._secureEstablished = false;
  this._securePending = false;
  this._newSessionPending = false;
  this._controlReleased = false;
  this.secureConnecting = true;
  this._SNICallback = null;
  this.servername = null;
  this.alpnProtocol = null;
  this.authorized = false;
  this.authorizationError = null;
  this[kIsVerified] = false;
  this[kPendingSession] = null;
  this[kAttached] = false;
  this[kFlags] = 0;
  this[kServername] = null;
  this[kSession_] = null;
  this[kPlainOut] = 0;
  this[kErrorEmitted] = false;
  this[kDisableRenegotiation] = false;

  if (socket != null && !(socket instanceof net.Socket)) {
    throw new ERR_INVALID_ARG_TYPE('socket', 'net.Socket', socket);
  }
  // Just a documented property to tell secure sockets from plain ones.
  this.encrypted = true;

  net.Socket.call(this, {
    allowHalfOpen: socket ? socket.allowHalfOpen : tlsOptions.allowHalfOpen,
    pauseOnCreate: tlsOptions.pauseOnConnect,
    readableHighWaterMark: tlsOptions.highWaterMark,
    writableHighWaterMark: tlsOptions.highWaterMark,
    signal: tlsOptions.signal,
    onread: tlsOptions.onread,
  });
  this.ssl = null;
  this.on('error', this._tlsError);
  this._init(socket);
}
Object.setPrototypeOf(TLSSocket.prototype, net.Socket.prototype);
Object.setPrototypeOf(TLSSocket, net.Socket);

TLSSocket.prototype._init = function _init(socket) {
  const options = this._tlsOptions;
  this.server = options.server ?? null;
  // Clients always check the server; servers only when asked.
  this._requestCert = Boolean(options.requestCert) || !options.isServer;
  this._rejectUnauthorized = Boolean(options.rejectUnauthorized);
  if (options.isServer) {
    if (options.SNICallback && (options.SNICallback !== SNICallback || (this.server && this.server._contexts.length))) {
      this._SNICallback = options.SNICallback;
    }
    if (this.server?.[kEnableKeylog]) this[kFlags] |= tlsBinding.kWantKeylog;
  } else if (options.session) {
    this[kSession_] = options.session;
  }
  if (socket != null) {
    // Wrapping a connected (or connecting) socket: its handle becomes ours.
    this._parent = socket;
    if (socket.connecting || !socket[kHandle]) {
      this.connecting = true;
      socket.once('connect', () => {
        this.connecting = false;
        takeOver(this, socket);
        this.emit('connect');
      });
    } else {
      takeOver(this, socket);
    }
  }
  this.on('newListener', keylogNewListener);
};

function keylogNewListener(event) {
  if (event === 'keylog') {
    this.removeListener('newListener', keylogNewListener);
    this[kFlags] |= tlsBinding.kWantKeylog;
    if (this[kAttached]) tlsBinding.setFlag(this[kHandle], tlsBinding.kWantKeylog, true);
  } else if (event === 'session') {
    this[kFlags] |= tlsBinding.kWantSession;
    if (this[kAttached]) tlsBinding.setFlag(this[kHandle], tlsBinding.kWantSession, true);
  }
}

// The handle of a plain socket becomes this TLSSocket's: its events come
// here from now on, and the plain socket closes with us.
function takeOver(tlssock, socket) {
  const id = socket[kHandle];
  if (!id) return;
  loop.replace(id, (res, aux, flags, extra) => onSocketEvent(tlssock, res, aux, flags, extra));
  tlssock[kHandle] = id;
  socket[kHandle] = 0;
  socket[kReading] = false;
  tlssock.once('close', () => socket.destroy());
  if (tlssock._tlsOptions.isServer) tlssock._attach();
}

TLSSocket.prototype._attach = function _attach() {
  if (this[kAttached] || !this[kHandle]) return;
  const options = this._tlsOptions;
  const context = options.secureContext || options.credentials || common.createSecureContext(options);
  options.secureContext = context;
  let flags = this[kFlags];
  if (options.isServer) {
    flags |= tlsBinding.kServer;
    if (this._requestCert) flags |= tlsBinding.kRequestCert;
    if (this._requestCert && this._rejectUnauthorized) flags |= tlsBinding.kRejectNoCert;
  } else if (this.listenerCount('session') > 0) {
    flags |= tlsBinding.kWantSession;
  }
  const id = this[kHandle];
  const err = tlsBinding.attach(id, context.context, flags, options.isServer ? options.handshakeTimeout || 0 : 0);
  if (err < 0) {
    this.destroy(errnoException(err, 'tls'));
    return;
  }
  this[kAttached] = true;
  if (!options.isServer) {
    if (this[kServername] !== null) tlsBinding.setServername(id, this[kServername]);
    if (options.ALPNProtocols) tlsBinding.setALPNProtocols(id, options.ALPNProtocols);
    if (this[kSession_] !== null) {
      try {
        tlsBinding.setSession(id, this[kSession_]);
      } catch (err) {
        this.destroy(err);
      }
    }
  }
};

// Client: sends the ClientHello once connected.
TLSSocket.prototype._start = function _start() {
  if (this.connecting) {
    this.once('connect', this._start);
    return;
  }
  if (!this[kHandle] || this.destroyed) return;
  this._attach();
  if (this[kAttached]) tlsBinding.start(this[kHandle]);
};

TLSSocket.prototype[kTls] = function onTlsEvent(kind, res, aux) {
  switch (kind) {
    case kSecure: return onSecure(this);
    case kHandshakeError: return onHandshakeError(this, res, aux);
    case kTlsError: return this.destroy(tlsErrorOf(this, res, aux));
    case kHello: return onHello(this, completionValues[aux], completionValues[aux + 1]);
    case kSession: return onSession(this, completionValues[aux]);
    case kKeylog: return onKeylog(this, completionValues[aux]);
  }
};

function tlsErrorOf(socket, res, aux) {
  if (aux >= 0) return completionValues[aux];
  if (res === ETIMEDOUT) return new ERR_TLS_HANDSHAKE_TIMEOUT();
  if (res === ECONNRESET) {
    if (socket._tlsOptions.isServer) return connResetError('socket hang up');
    const options = socket[kConnectOptions] ?? {};
    const err = connResetError('Client network socket disconnected before secure TLS connection was established');
    err.path = options.path;
    err.host = options.host;
    err.port = options.port;
    err.localAddress = options.localAddress;
    return err;
  }
  return errnoException(res, 'read');
}

function onHandshakeError(socket, res, aux) {
  const err = tlsErrorOf(socket, res, aux);
  socket.secureConnecting = false;
  if (res === ETIMEDOUT) {
    // As Node: the error goes to tlsClientError (server) or 'error'; a
    // server socket nobody handles is closed rather than left open.
    socket._emitTLSError(err);
    if (socket._tlsOptions.isServer && socket.server?.listenerCount('tlsClientError') === 0 && !socket.destroyed) {
      socket.destroy();
    }
    return;
  }
  // A server socket's 'error' goes on to tlsClientError (_tlsError) while
  // the server still holds it, as Node routes it.
  socket.destroy(err);
}

function finishInit(socket) {
  const id = socket[kHandle];
  socket.alpnProtocol = tlsBinding.getALPN(id);
  socket.servername = tlsBinding.getServername(id);
  socket._secureEstablished = true;
  // C reads for the handshake regardless of the stream: from here the
  // stream's flow control drives it.
  socket[kReading] = true;
}

function verifyErrorOf(socket) {
  const v = tlsBinding.verifyError(socket[kHandle]);
  if (v === null || v === undefined) return null;
  const err = new Error(v[1]);
  err.code = v[0];
  return err;
}

function onSecure(socket) {
  if (socket.destroyed) return;
  finishInit(socket);
  if (socket._tlsOptions.isServer) {
    socket.emit('secure');
    if (socket.destroyed) return;
    if (socket._requestCert) {
      const verifyError = verifyErrorOf(socket);
      if (verifyError) {
        socket.authorizationError = verifyError.code;
        if (socket._rejectUnauthorized) {
          socket.destroy();
          return;
        }
      } else {
        socket.authorized = true;
      }
    }
    socket.secureConnecting = false;
    if (!socket.destroyed && socket._releaseControl() && socket.server) {
      socket.server.emit('secureConnection', socket);
    }
    return;
  }
  const options = socket[kConnectOptions];
  if (options !== undefined) {
    let verifyError = verifyErrorOf(socket);
    if (!verifyError && !socket.isSessionReused()) {
      const hostname = options.servername || options.host || options.socket?._host || 'localhost';
      const cert = socket.getPeerCertificate(true);
      verifyError = options.checkServerIdentity(hostname, cert);
    }
    if (verifyError) {
      socket.authorized = false;
      socket.authorizationError = verifyError.code || verifyError.message;
      if (options.rejectUnauthorized) {
        socket.destroy(verifyError);
        return;
      }
    } else {
      socket.authorized = true;
    }
    socket.secureConnecting = false;
    socket.emit('secureConnect');
    socket[kIsVerified] = true;
    const session = socket[kPendingSession];
    socket[kPendingSession] = null;
    if (session) socket.emit('session', session);
  } else {
    socket.secureConnecting = false;
    const verifyError = verifyErrorOf(socket);
    if (verifyError) socket.authorizationError = verifyError.code;
    else socket.authorized = true;
    socket[kIsVerified] = true;
  }
  if (!socket.destroyed) socket.emit('secure');
}

function onSession(socket, session) {
  if (socket[kIsVerified] || socket[kConnectOptions] === undefined) socket.emit('session', session);
  else socket[kPendingSession] = session;
}

function onKeylog(socket, line) {
  if (socket._tlsOptions.isServer) socket.server?.emit('keylog', line, socket);
  else socket.emit('keylog', line);
}

// The ClientHello, paused for the SNI and ALPN callbacks.
function onHello(socket, servername, protocols) {
  const id = socket[kHandle];
  const server = socket.server;
  let alpn = null;
  let alert = 0;
  const alpnCallback = server?.[kALPNCallback];
  if (alpnCallback && protocols !== undefined) {
    let selected;
    try {
      selected = alpnCallback({ servername: servername || undefined, protocols });
    } catch (err) {
      socket.destroy(err);
      return;
    }
    if (selected === undefined) {
      alert = 120; // no_application_protocol
    } else if (!protocols.includes(selected)) {
      socket.destroy(new ERR_TLS_ALPN_CALLBACK_INVALID_RESULT(selected, protocols));
      return;
    } else {
      alpn = selected;
    }
  }
  const sni = socket._SNICallback;
  if (!sni || !servername || alert) {
    tlsBinding.helloDone(id, null, alpn, alert);
    return;
  }
  let once = false;
  sni.call(socket, servername, (err, context) => {
    if (once) return socket.destroy(new ERR_MULTIPLE_CALLBACK());
    once = true;
    if (err) return socket.destroy(err);
    if (!socket[kHandle]) return socket.destroy(new ERR_SOCKET_CLOSED());
    let native = null;
    if (context) {
      native = context.context || context;
      if (!(native instanceof tlsBinding.SecureContext)) {
        return socket.destroy(new ERR_TLS_INVALID_CONTEXT('context'));
      }
    }
    tlsBinding.helloDone(socket[kHandle], native, alpn, 0);
  });
}

TLSSocket.prototype._tlsError = function _tlsError(err) {
  this.emit('_tlsError', err);
  if (this._tlsOptions.isServer && !this._controlReleased && !this[kErrorEmitted] && this.server) {
    this[kErrorEmitted] = true;
    this.server.emit('tlsClientError', err, this);
  }
  if (this._controlReleased) return err;
  return null;
};

TLSSocket.prototype._emitTLSError = function _emitTLSError(err) {
  const e = this._tlsError(err);
  if (e) this.emit('error', e);
};

TLSSocket.prototype._releaseControl = function _releaseControl() {
  if (this._controlReleased) return false;
  this._controlReleased = true;
  this.removeListener('error', this._tlsError);
  return true;
};

TLSSocket.prototype._finishInit = function _finishInit() {
  finishInit(this);
};

TLSSocket.prototype._handleTimeout = function _handleTimeout() {
  this._emitTLSError(new ERR_TLS_HANDSHAKE_TIMEOUT());
};

TLSSocket.prototype._destroy = function _destroy(exception, cb) {
  if (this[kAttached] && this[kHandle]) {
    tlsBinding.plainBytes(this[kHandle], plainScratch);
    this[kPlainOut] = plainScratch[1];
  }
  if (this._tlsOptions.isServer && !this._controlReleased && !this[kErrorEmitted] && !exception && this.server) {
    // Closed before the handshake finished: Node's "socket hang up".
    this[kErrorEmitted] = true;
    const server = this.server;
    process.nextTick(() => server.emit('tlsClientError', connResetError('socket hang up'), this));
  }
  net.Socket.prototype._destroy.call(this, exception, cb);
};

// Reading must go on during the handshake whatever the stream wants.
TLSSocket.prototype.pause = function pause() {
  if (!this._secureEstablished) return stream.Duplex.prototype.pause.call(this);
  return net.Socket.prototype.pause.call(this);
};

Object.defineProperty(TLSSocket.prototype, 'bytesWritten', {
  get() {
    let bytes = this[kPlainOut];
    if (this[kAttached] && this[kHandle]) {
      tlsBinding.plainBytes(this[kHandle], plainScratch);
      bytes = plainScratch[1];
    }
    const state = this._writableState;
    if (state?.buffered) {
      for (const el of state.buffered) {
        bytes += el.chunk instanceof Uint8Array ? el.chunk.length : Buffer.byteLength(el.chunk, el.encoding);
      }
    }
    return bytes;
  },
  configurable: true,
});

// Whether the kernel encrypts this connection's sends (kTLS).
Object.defineProperty(TLSSocket.prototype, 'kernelTLS', {
  get() { return this[kAttached] && this[kHandle] ? tlsBinding.kernelTLS(this[kHandle], false) : false; },
  configurable: true,
});
// What seals the sends once the handshake is done: 'kernel', 'emulated'
// (SHARD_KTLS=emulate, for tests) or false (OpenSSL).
Object.defineProperty(TLSSocket.prototype, '_kernelTLSMode', {
  get() { return this[kAttached] && this[kHandle] ? tlsBinding.kernelTLS(this[kHandle], true) : false; },
  configurable: true,
});

function handleOf(socket) {
  return socket[kAttached] ? socket[kHandle] : 0;
}

TLSSocket.prototype.disableRenegotiation = function disableRenegotiation() {
  this[kDisableRenegotiation] = true;
};

TLSSocket.prototype.renegotiate = function renegotiate(options, callback) {
  validateObject(options, 'options');
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (this.destroyed) return;
  if (this[kDisableRenegotiation]) {
    if (callback) process.nextTick(callback, new ERR_TLS_RENEGOTIATION_DISABLED());
    return false;
  }
  try {
    tlsBinding.renegotiate(handleOf(this));
  } catch (err) {
    if (callback) process.nextTick(callback, err);
    return false;
  }
  if (callback) this.once('secure', () => callback(null));
  return true;
};

TLSSocket.prototype.exportKeyingMaterial = function exportKeyingMaterial(length, label, context) {
  validateInt32(length, 'length', 1);
  validateString(label, 'label');
  if (context !== undefined) validateBuffer(context, 'context');
  if (!this._secureEstablished) throw new ERR_TLS_INVALID_STATE();
  return tlsBinding.exportKeyingMaterial(handleOf(this), length, label, context);
};

TLSSocket.prototype.setMaxSendFragment = function setMaxSendFragment(size) {
  validateInt32(size, 'size');
  return tlsBinding.setMaxSendFragment(handleOf(this), size);
};

TLSSocket.prototype.setServername = function setServername(name) {
  validateString(name, 'name');
  if (this._tlsOptions.isServer) throw new ERR_TLS_SNI_FROM_SERVER();
  this[kServername] = name;
  if (this[kAttached]) tlsBinding.setServername(this[kHandle], name);
};

TLSSocket.prototype.setSession = function setSession(session) {
  if (typeof session === 'string') session = Buffer.from(session, 'latin1');
  this[kSession_] = session;
  if (this[kAttached]) tlsBinding.setSession(this[kHandle], session);
};

TLSSocket.prototype.getPeerCertificate = function getPeerCertificate(detailed) {
  if (!this[kHandle]) return null;
  return common.translatePeerCertificate(tlsBinding.getPeerCertificate(handleOf(this), Boolean(detailed))) || {};
};

TLSSocket.prototype.getCertificate = function getCertificate() {
  if (!this[kHandle]) return null;
  return common.translatePeerCertificate(tlsBinding.getCertificate(handleOf(this))) || {};
};

TLSSocket.prototype.getPeerX509Certificate = function getPeerX509Certificate() {
  const cert = this.getPeerCertificate();
  if (!cert?.raw) return undefined;
  const { X509Certificate } = require('crypto');
  return new X509Certificate(cert.raw);
};

TLSSocket.prototype.getX509Certificate = function getX509Certificate() {
  const cert = this.getCertificate();
  if (!cert?.raw) return undefined;
  const { X509Certificate } = require('crypto');
  return new X509Certificate(cert.raw);
};

function proxy(name, binding, missing = null) {
  TLSSocket.prototype[name] = function(...args) {
    if (!this[kHandle] || !this[kAttached]) return missing;
    const r = binding(this[kHandle], ...args);
    return r === undefined ? missing : r;
  };
}
proxy('getProtocol', tlsBinding.getProtocol);
proxy('getCipher', tlsBinding.getCipher);
proxy('getSession', tlsBinding.getSession, undefined);
proxy('getTLSTicket', tlsBinding.getTLSTicket, undefined);
proxy('isSessionReused', tlsBinding.isSessionReused, false);
proxy('getEphemeralKeyInfo', tlsBinding.getEphemeralKeyInfo);
proxy('getSharedSigalgs', tlsBinding.getSharedSigalgs);
TLSSocket.prototype.getFinished = function getFinished() {
  return handleOf(this) ? tlsBinding.getFinished(this[kHandle], false) : undefined;
};
TLSSocket.prototype.getPeerFinished = function getPeerFinished() {
  return handleOf(this) ? tlsBinding.getFinished(this[kHandle], true) : undefined;
};
TLSSocket.prototype.enableTrace = function enableTrace() {};
TLSSocket.prototype.setVerifyMode = function setVerifyMode() {};

// ---- Server ----

// Node's default SNICallback: the contexts added with addContext, in order.
function SNICallback(servername, callback) {
  const contexts = this.server._contexts;
  for (const [re, ctx] of contexts) {
    if (re.test(servername)) {
      callback(null, ctx);
      return;
    }
  }
  callback(null, undefined);
}

function Server(options, listener) {
  if (!(this instanceof Server)) return new Server(options, listener);
  if (typeof options === 'function') {
    listener = options;
    options = {};
  } else if (options == null || typeof options === 'object') {
    options ??= {};
  } else {
    throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  this._contexts = [];
  this.requestCert = options.requestCert === true;
  this.rejectUnauthorized = options.rejectUnauthorized !== false;
  this.ALPNCallback = options.ALPNCallback;
  if (this.ALPNCallback !== undefined) {
    validateFunction(this.ALPNCallback, 'options.ALPNCallback');
    if (options.ALPNProtocols) throw new ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS();
  }
  this[kALPNCallback] = this.ALPNCallback;
  if (options.sessionTimeout) this.sessionTimeout = options.sessionTimeout;
  if (options.ticketKeys) this.ticketKeys = options.ticketKeys;
  if (options.ALPNProtocols) convertALPNProtocols(options.ALPNProtocols, this);
  this[kHandshakeTimeout] = options.handshakeTimeout || 120 * 1000;
  validateNumber(this[kHandshakeTimeout], 'options.handshakeTimeout');
  this[kSNICallback] = options.SNICallback;
  if (this[kSNICallback] !== undefined) validateFunction(this[kSNICallback], 'options.SNICallback');
  this.setSecureContext(options);
  net.Server.call(this, options);
  if (listener) this.on('secureConnection', listener);
  this[kEnableKeylog] = false;
  this.on('newListener', serverKeylogListener);
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

function serverKeylogListener(event) {
  if (event === 'keylog') {
    this.removeListener('newListener', serverKeylogListener);
    this[kEnableKeylog] = true;
  }
}

// The options every accepted connection's TLSSocket gets (shared, not copied).
function serverSocketOptions(server) {
  return server[kServerOptions] ??= {
    isServer: true,
    server,
    secureContext: server._sharedCreds,
    requestCert: server.requestCert,
    rejectUnauthorized: server.rejectUnauthorized,
    handshakeTimeout: server[kHandshakeTimeout],
    SNICallback: server[kSNICallback] || SNICallback,
    allowHalfOpen: server.allowHalfOpen,
    highWaterMark: server.highWaterMark,
  };
}

// Accepted connections become TLSSockets at once: TLS goes under the socket
// before any byte of it is read.
Server.prototype._onConnection = function _onConnection(fd) {
  const socket = new TLSSocket(null, serverSocketOptions(this));
  const id = newSocketId(socket);
  tcpBinding.adopt(fd, id, this._connectionMode);
  socket._attach();
  if (this.noDelay) socket.setNoDelay(true);
  if (this.keepAlive) socket.setKeepAlive(true, this.keepAliveInitialDelay * 1000);
  this._connections++;
  socket.server = this;
  socket._server = this;
  this.emit('connection', socket);
  if (this.pauseOnConnect) socket.pause();
};

function updateHelloWait(server) {
  const ctx = server._sharedCreds?.context;
  if (!ctx) return;
  ctx.setHelloWait(Boolean(server[kSNICallback] || server[kALPNCallback] || server._contexts.length > 0));
}

Server.prototype.setSecureContext = function setSecureContext(options) {
  validateObject(options, 'options');
  this.pfx = options.pfx || undefined;
  this.key = options.key || undefined;
  this.passphrase = options.passphrase || undefined;
  this.cert = options.cert || undefined;
  this.clientCertEngine = options.clientCertEngine || undefined;
  this.ca = options.ca || undefined;
  this.minVersion = options.minVersion || undefined;
  this.maxVersion = options.maxVersion || undefined;
  this.secureProtocol = options.secureProtocol || undefined;
  this.crl = options.crl || undefined;
  this.sigalgs = options.sigalgs || undefined;
  this.ciphers = options.ciphers || undefined;
  this.ecdhCurve = options.ecdhCurve;
  this.dhparam = options.dhparam || undefined;
  this.honorCipherOrder = options.honorCipherOrder !== undefined ? Boolean(options.honorCipherOrder) : true;
  this.secureOptions = options.secureOptions || undefined;
  this.sessionIdContext = options.sessionIdContext || undefined;
  this._sharedCreds = common.createSecureContext({
    pfx: this.pfx, key: this.key, passphrase: this.passphrase, cert: this.cert,
    clientCertEngine: this.clientCertEngine, ca: this.ca, ciphers: this.ciphers, sigalgs: this.sigalgs,
    ecdhCurve: this.ecdhCurve, dhparam: this.dhparam, minVersion: this.minVersion, maxVersion: this.maxVersion,
    secureProtocol: this.secureProtocol, secureOptions: this.secureOptions, honorCipherOrder: this.honorCipherOrder,
    crl: this.crl, sessionIdContext: this.sessionIdContext,
    ticketKeys: options.ticketKeys, sessionTimeout: options.sessionTimeout,
  });
  const ctx = this._sharedCreds.context;
  if (this.ALPNProtocols) ctx.setALPNProtocols(this.ALPNProtocols);
  this[kServerOptions] = undefined;
  updateHelloWait(this);
};

Server.prototype._getServerData = function _getServerData() {
  return { ticketKeys: this.getTicketKeys().toString('hex') };
};

Server.prototype._setServerData = function _setServerData(data) {
  this.setTicketKeys(Buffer.from(data.ticketKeys, 'hex'));
};

Server.prototype.getTicketKeys = function getTicketKeys() {
  return this._sharedCreds.context.getTicketKeys();
};

Server.prototype.setTicketKeys = function setTicketKeys(keys) {
  validateBuffer(keys);
  if (keys.byteLength !== 48) throw new ERR_INVALID_ARG_VALUE('keys', keys.byteLength, 'must be exactly 48 bytes');
  this._sharedCreds.context.setTicketKeys(keys);
};

Server.prototype.addContext = function addContext(servername, context) {
  if (!servername) throw new ERR_TLS_REQUIRED_SERVER_NAME();
  // A name pattern: '*' stands for one label.
  const re = new RegExp('^' + servername.replace(/([.^$+?\-\\[\]{}])/g, '\\$1').replace(/\*/g, '[^.]*') + '$');
  const secure = context instanceof common.SecureContext ? context : common.createSecureContext(context);
  this._contexts.push([re, secure.context]);
  this[kServerOptions] = undefined;
  updateHelloWait(this);
};

Server.prototype.setOptions = require('util').deprecate(function setOptions(options) {
  this.requestCert = options.requestCert === true;
  this.rejectUnauthorized = options.rejectUnauthorized !== false;
  this.setSecureContext({ ...this, ...options });
}, 'Server.prototype.setOptions() is deprecated', 'DEP0122');

// ---- connect ----

function normalizeConnectArgs(listArgs) {
  const args = net._normalizeArgs(listArgs);
  const options = args[0];
  const cb = args[1];
  // tls.connect(port[, host][, options][, cb]): the options object may
  // follow the port and host.
  if (listArgs[1] !== null && typeof listArgs[1] === 'object') {
    Object.assign(options, listArgs[1]);
  } else if (listArgs[2] !== null && typeof listArgs[2] === 'object') {
    Object.assign(options, listArgs[2]);
  }
  return cb ? [options, cb] : [options];
}

function onConnectEnd() {
  if (!this._hadError && !this._secureEstablished) {
    const options = this[kConnectOptions];
    this._hadError = true;
    const error = connResetError('Client network socket disconnected before secure TLS connection was established');
    error.path = options.path;
    error.host = options.host;
    error.port = options.port;
    error.localAddress = options.localAddress;
    this.destroy(error);
  }
}

function connect(...args) {
  args = normalizeConnectArgs(args);
  let options = args[0];
  const cb = args[1];
  const allowUnauthorized = process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0';
  const tls = require('tls');
  options = {
    rejectUnauthorized: !allowUnauthorized,
    ciphers: tls.DEFAULT_CIPHERS,
    checkServerIdentity: tls.checkServerIdentity,
    minDHSize: 1024,
    ...options,
  };
  if (!options.keepAlive) options.singleUse = true;
  validateFunction(options.checkServerIdentity, 'options.checkServerIdentity');
  validateNumber(options.minDHSize, 'options.minDHSize', 1);
  const context = options.secureContext || common.createSecureContext(options);
  const tlssock = new TLSSocket(options.socket, {
    allowHalfOpen: options.allowHalfOpen,
    pipe: Boolean(options.path),
    secureContext: context,
    isServer: false,
    requestCert: true,
    rejectUnauthorized: options.rejectUnauthorized !== false,
    session: options.session,
    ALPNProtocols: options.ALPNProtocols,
    requestOCSP: options.requestOCSP,
    highWaterMark: options.highWaterMark,
    onread: options.onread,
    signal: options.signal,
  });
  tlssock[kConnectOptions] = options;
  if (cb) tlssock.once('secureConnect', cb);
  if (!options.socket) {
    if (options.timeout) tlssock.setTimeout(options.timeout);
    tlssock.connect(options, tlssock._start);
  }
  tlssock._releaseControl();
  if (options.servername) {
    if (!ipServernameWarned && net.isIP(options.servername)) {
      process.emitWarning('Setting the TLS ServerName to an IP address is not permitted by RFC 6066. ' +
        'This will be ignored in a future version.', 'DeprecationWarning', 'DEP0123');
      ipServernameWarned = true;
    }
    tlssock.setServername(options.servername);
  }
  if (options.socket) tlssock._start();
  tlssock.prependListener('end', onConnectEnd);
  return tlssock;
}

module.exports = { TLSSocket, Server, createServer: (options, listener) => new Server(options, listener), connect, convertALPNProtocols };
void stream;
