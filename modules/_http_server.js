'use strict';
// http.Server and ServerResponse. Connections of an http.Server are parsed
// in C (llhttp over the receive buffers); each connection's events arrive
// here in order: a request head, body chunks, the end of the message, a
// parse error, or an upgrade. Responses to pipelined requests go out in
// request order.

const net = require('net');
const { OutgoingMessage, kOutHeaders, kSocketHttp, kNeedDrain, kHighWaterMark } = require('_http_outgoing');
const { IncomingMessage, kTrailerBlock, kMaxHeadersCount, setHeaderBlock } = require('_http_incoming');
const { STATUS_CODES, methodTable, continueExpression } = require('_http_common');
const { completionValues } = internalBinding('loop');
const {
  codes: {
    ERR_HTTP_HEADERS_SENT, ERR_HTTP_INVALID_STATUS_CODE, ERR_HTTP_SOCKET_ASSIGNED,
    ERR_INVALID_ARG_VALUE, ERR_INVALID_CHAR, ERR_OUT_OF_RANGE, ERR_HTTP_REQUEST_TIMEOUT,
  },
} = require('internal/errors');
const { validateInteger, validateBoolean, validateObject, validateLinkHeaderValue } = require('internal/validators');
const { checkInvalidHeaderChar } = require('_http_common');

const { kHandle, kHttp, kHttpServer, viewOf } = net._internal;
const { setUnrefTimeout } = require('internal/net/timers');
// The loop's clock (milliseconds), cached per turn: timeouts here need no
// finer time and Date.now() costs a clock read per call.
const { getLoopNowCached: loopNow } = internalBinding('loop');

const kHead = 16;
const kBody = 17;
const kMessageEnd = 18;
const kParseError = 19;
const kUpgrade = 20;

const kIncomingMessage = Symbol('IncomingMessage');
const kServerResponse = Symbol('ServerResponse');
const kConnections = Symbol('http.server.connections');
const kResponseOptions = Symbol('kResponseOptions');
const kConnectionsCheckingInterval = Symbol('http.server.connectionsCheckingInterval');

const badRequestResponse = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';
const requestTimeoutResponse = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n';
const requestHeaderFieldsTooLargeResponse = 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n';
const requestChunkExtensionsTooLargeResponse = 'HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n';

// ---- ServerResponse ----

function ServerResponse(req, options) {
  OutgoingMessage.call(this, options);
  if (req.method === 'HEAD') this._hasBody = false;
  this.req = req;
  this.sendDate = true;
  this._sent100 = false;
  this._expect_continue = false;
  this.statusCode = 200;
  this.statusMessage = undefined;
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = /(?:^|\W)chunked(?:$|\W)/i.test(req.headers.te);
    this.shouldKeepAlive = false;
  }
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

ServerResponse.prototype._finish = function _finish() {
  OutgoingMessage.prototype._finish.call(this);
};

// After 'finish': 'close' on the next tick, and on the request once done.
ServerResponse.prototype._afterFinish = function _afterFinish() {
  // 'close' follows on the next tick; without listeners there is nothing to
  // wait for (the common case: no tick per response).
  if (this.listenerCount('close') > 0) process.nextTick(emitCloseNT, this);
  else this._closed = true;
  const req = this.req;
  // As Node: a body nobody read is discarded once the response is done.
  if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
  if (!req.destroyed && req.complete && req.listenerCount('close') > 0) req.emit('close');
};

ServerResponse.prototype.assignSocket = function assignSocket(socket) {
  if (socket._httpMessage) throw new ERR_HTTP_SOCKET_ASSIGNED();
  socket._httpMessage = this;
  this.socket = socket;
  this.emit('socket', socket);
  this._flush();
  // A pipelined response that ended while it waited for its turn is done
  // as soon as its bytes are queued: the next one may go.
  const state = socket[kSocketHttp];
  if (state && this.finished && !this._httpDone) {
    this._httpDone = true;
    state.responseEnded(this);
  }
};

ServerResponse.prototype.detachSocket = function detachSocket(socket) {
  socket._httpMessage = null;
  this.socket = null;
};

ServerResponse.prototype.writeContinue = function writeContinue(cb) {
  this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'latin1', cb);
  this._sent100 = true;
};

ServerResponse.prototype.writeProcessing = function writeProcessing(cb) {
  this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', 'latin1', cb);
};

ServerResponse.prototype.writeEarlyHints = function writeEarlyHints(hints, cb) {
  let head = 'HTTP/1.1 103 Early Hints\r\n';
  validateObject(hints, 'hints');
  if (hints.link === null || hints.link === undefined) return;
  const link = Array.isArray(hints.link) ? hints.link.join(', ') : hints.link;
  if (checkInvalidHeaderChar(link)) throw new ERR_INVALID_CHAR('header content', 'Link');
  head += 'Link: ' + link + '\r\n';
  for (const key of Object.keys(hints)) {
    if (key !== 'link') head += key + ': ' + hints[key] + '\r\n';
  }
  head += '\r\n';
  this._writeRaw(head, 'latin1', cb);
};

ServerResponse.prototype._implicitHeader = function _implicitHeader() {
  this.writeHead(this.statusCode);
};

// "HTTP/1.1 200 OK\r\n" and friends, made once per status and message.
const statusLines = new Map();
function statusLineOf(code, message) {
  const cached = statusLines.get(code);
  if (cached !== undefined && cached[0] === message) return cached[1];
  const line = `HTTP/1.1 ${code} ${message}\r\n`;
  if (statusLines.size < 512) statusLines.set(code, [message, line]);
  return line;
}

ServerResponse.prototype.writeHead = function writeHead(statusCode, reason, obj) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('write');
  const originalStatusCode = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) throw new ERR_HTTP_INVALID_STATUS_CODE(originalStatusCode);
  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    this.statusMessage ||= STATUS_CODES[statusCode] || 'unknown';
    obj ??= reason;
  }
  this.statusCode = statusCode;
  let headers;
  if (this[kOutHeaders]) {
    if (obj) {
      if (Array.isArray(obj)) {
        if (obj.length && Array.isArray(obj[0])) {
          for (const [k, v] of obj) this.appendHeader(k, v);
        } else {
          if (obj.length % 2 !== 0) throw new ERR_INVALID_ARG_VALUE('headers', obj);
          for (let n = 0; n < obj.length; n += 2) this.appendHeader(obj[n], obj[n + 1]);
        }
      } else {
        for (const k of Object.keys(obj)) {
          if (k) this.setHeader(k, obj[k]);
        }
      }
    }
    headers = this[kOutHeaders];
  } else {
    headers = obj;
  }
  if (checkInvalidHeaderChar(this.statusMessage)) throw new ERR_INVALID_CHAR('statusMessage');
  const statusLine = statusLineOf(statusCode, this.statusMessage);
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) {
    this._hasBody = false;
  }
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  this._storeHeader(statusLine, headers);
  return this;
};
ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

ServerResponse.prototype.end = function end(chunk, encoding, callback) {
  OutgoingMessage.prototype.end.call(this, chunk, encoding, callback);
  const socket = this.socket;
  const state = socket?.[kSocketHttp];
  if (state && this.finished && !this._httpDone) {
    this._httpDone = true;
    state.responseEnded(this);
  }
  return this;
};

// ---- per-connection state ----

class Connection {
  constructor(server, socket) {
    this.server = server;
    this.socket = socket;
    this.incoming = [];     // requests whose responses have not ended, in order
    this.outgoing = [];     // responses waiting for the socket
    this.parsing = null;    // the request whose body is still arriving
    this.upgradeReq = null;
    this.requests = 0;
    this.needDrain = null;
    this.idleSince = loopNow(); // waiting for a request head since
    this.requestStart = 0;
    this.keepAliveTimer = false; // idle between requests, under keepAliveTimeout
    this.kaTimer = null;
  }

  onKeepAliveTimeout() {
    if (this.keepAliveTimer && !this.socket.destroyed) this.socket.destroy();
  }

  // Sends completed while a response waits for its queue to drain.
  onAck() {
    const drain = this.needDrain;
    if (drain !== null && this.socket[net._internal.kQueued] <= net._internal.kWriteQueueLimit) {
      this.needDrain = null;
      this.socket._httpNeedsAcks = false;
      drain[kNeedDrain] = false;
      drain.emit('drain');
    }
  }

  // A response ended: the next one may write, or the connection idles.
  responseEnded(res) {
    const socket = this.socket;
    const req = res.req;
    if (this.incoming[0] === req) {
      this.incoming.shift();
    } else {
      const i = this.incoming.indexOf(req);
      if (i !== -1) this.incoming.splice(i, 1);
    }
    res.detachSocket(socket);
    res.socket = socket; // keeps res.socket readable after end, as in Node
    if (res._last) {
      socket.destroySoon();
    } else if (this.outgoing.length > 0) {
      this.outgoing.shift().assignSocket(socket);
    } else if (this.incoming.length === 0) {
      this.idleSince = loopNow();
      const server = this.server;
      if (server.keepAliveTimeout && !socket.destroyed) {
        // One timer per connection, re-armed for each idle period (cheaper
        // than a new socket timeout per request).
        this.keepAliveTimer = true;
        if (this.kaTimer === null) {
          this.kaTimer = setUnrefTimeout(() => this.onKeepAliveTimeout(), server.keepAliveTimeout);
        } else {
          this.kaTimer.refresh();
        }
      }
    }
    // 'finish' follows once the bytes are written, then 'close' (see
    // ServerResponse.prototype._afterFinish).
  }

  onEvent(kind, res, aux, bits, extra) {
    switch (kind) {
      case kHead: return this.onHead(res, aux, bits, extra);
      case kBody: {
        const req = this.parsing;
        if (req !== null && !req._dumped) req.push(viewOf(aux, res));
        return;
      }
      case kMessageEnd: {
        const req = this.parsing;
        if (req !== null) this.messageEnd(req, aux);
        return;
      }
      case kParseError: return this.onParseError(res, aux);
      case kUpgrade: return this.onUpgrade(res, aux);
    }
  }

  onHead(code, aux, bits, blockRef) {
    const server = this.server;
    const socket = this.socket;
    const req = new server[kIncomingMessage](socket);
    req.method = methodTable[code % 1024];
    req.url = completionValues[aux];
    setHeaderBlock(req, blockRef, (code - code % 1024) / 1024);
    req[kMaxHeadersCount] = server.maxHeadersCount ?? 2000;
    req.joinDuplicateHeaders = server.joinDuplicateHeaders;
    const major = (bits >> 4) & 0xf;
    const minor = (bits >> 8) & 0xf;
    req.httpVersionMajor = major;
    req.httpVersionMinor = minor;
    req.httpVersion = major === 1 && minor === 1 ? '1.1' : `${major}.${minor}`;
    this.parsing = req;
    this.requestStart = loopNow();
    this.keepAliveTimer = false;
    if (bits & 2) {
      req.upgrade = true;
      this.upgradeReq = req;
      return;
    }
    const complete = (bits & 4096) !== 0;
    this.requests++;
    this.incoming.push(req);
    const res = new server[kServerResponse](req, server[kResponseOptions]);
    res._keepAliveTimeout = server.keepAliveTimeout;
    res._maxRequestsPerSocket = server.maxRequestsPerSocket;
    res.shouldKeepAlive = (bits & 1) !== 0 && res.shouldKeepAlive;
    if (server.maxRequestsPerSocket > 0 && this.requests >= server.maxRequestsPerSocket) {
      res.maxRequestsOnConnectionReached = true;
      res.shouldKeepAlive = false;
    }
    if (socket._httpMessage) this.outgoing.push(res);
    else res.assignSocket(socket);

    if ((bits & 4) && req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
      const expect = req.headers.expect;
      if (expect !== undefined) {
        if (continueExpression.test(expect)) {
          res._expect_continue = true;
          if (server.listenerCount('checkContinue') > 0) {
            server.emit('checkContinue', req, res);
          } else {
            res.writeContinue();
            server.emit('request', req, res);
          }
        } else if (server.listenerCount('checkExpectation') > 0) {
          server.emit('checkExpectation', req, res);
        } else {
          res.writeHead(417);
          res.end();
        }
        return;
      }
    }
    server.emit('request', req, res);
    if (complete) this.messageEnd(req, -1);
  }

  // The request's body ended (or it had none: then its head said so).
  messageEnd(req, trailers) {
    this.parsing = null;
    if (trailers >= 0) req[kTrailerBlock] = completionValues[trailers];
    req.complete = true;
    req.push(null);
  }

  onParseError(bytesParsed, aux) {
    const code = completionValues[aux];
    const reason = completionValues[aux + 1];
    const err = new Error(`Parse Error: ${reason}`);
    err.code = code;
    err.bytesParsed = bytesParsed;
    err.rawPacket = undefined;
    socketOnError(this, err);
  }

  onUpgrade(len, aux) {
    const req = this.upgradeReq;
    this.upgradeReq = null;
    this.parsing = null;
    const socket = this.socket;
    const server = this.server;
    const head = len > 0 ? viewOf(aux, len) : Buffer.alloc(0);
    const eventName = req.method === 'CONNECT' ? 'connect' : 'upgrade';
    // From here on the connection's bytes flow through the socket itself.
    socket[kHttp] = null;
    socket[kSocketHttp] = null;
    server[kConnections].delete(this);
    socket.setTimeout(0);
    if (server.listenerCount(eventName) > 0) {
      req.complete = true;
      req.push(null);
      server.emit(eventName, req, socket, head);
    } else {
      // Nobody speaks the new protocol: the connection is closed, as Node
      // closes a CONNECT nobody handles.
      socket.destroy();
    }
  }
}

function emitCloseNT(self) {
  if (!self._closed) {
    self._closed = true;
    self.emit('close');
  }
}

function socketOnError(conn, err) {
  const server = conn.server;
  const socket = conn.socket;
  if (server.listenerCount('clientError') > 0) {
    server.emit('clientError', err, socket);
    return;
  }
  if (socket.writable && (!socket._httpMessage || !socket._httpMessage._headerSent)) {
    let response;
    switch (err.code) {
      case 'HPE_HEADER_OVERFLOW': response = requestHeaderFieldsTooLargeResponse; break;
      case 'HPE_CHUNK_EXTENSIONS_OVERFLOW': response = requestChunkExtensionsTooLargeResponse; break;
      case 'ERR_HTTP_REQUEST_TIMEOUT': response = requestTimeoutResponse; break;
      default: response = badRequestResponse;
    }
    // The answer leaves before the connection closes.
    socket.end(response);
    socket.once('finish', () => socket.destroy());
    setTimeout(() => socket.destroy(), 1000).unref();
    return;
  }
  socket.destroy(err);
}

function connectionListener(socket) {
  const server = this;
  const conn = new Connection(server, socket);
  socket[kSocketHttp] = conn;
  socket[kHttp] = (kind, res, aux, bits, extra) => conn.onEvent(kind, res, aux, bits, extra);
  socket._httpOnWrite = () => conn.onAck();
  server[kConnections].add(conn);
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  socket.on('timeout', socketOnTimeout);
  socket.on('end', socketOnEnd);
  socket.on('close', () => onConnectionClose(conn));
  socket.on('error', socketErrorListener);
}

function abortError() {
  const e = new Error('aborted');
  e.code = 'ECONNRESET';
  return e;
}

// The client closed its side. As Node (httpAllowHalfOpen false): requests
// still in progress are aborted and the connection ends.
function socketOnEnd() {
  const conn = this[kSocketHttp];
  if (!conn) return;
  if (!conn.server.httpAllowHalfOpen) {
    while (conn.incoming.length) conn.incoming.shift().destroy(abortError());
    if (conn.parsing !== null) {
      conn.parsing.destroy(abortError());
      conn.parsing = null;
    }
    if (this.writable) this.end();
  } else if (conn.outgoing.length) {
    conn.outgoing[conn.outgoing.length - 1]._last = true;
  } else if (this._httpMessage) {
    this._httpMessage._last = true;
  } else if (this.writable) {
    this.end();
  }
}

function socketErrorListener(err) {
  // Errors of a connection (a reset mid-request) end it quietly unless the
  // server listens for 'clientError'.
  const conn = this[kSocketHttp];
  if (conn && conn.server.listenerCount('clientError') > 0) {
    conn.server.emit('clientError', err, this);
  }
}

function socketOnTimeout() {
  const conn = this[kSocketHttp];
  const req = this.parser?.incoming;
  const reqTimeout = req && !req.complete && req.emit('timeout', this);
  const res = this._httpMessage;
  const resTimeout = res && res.emit('timeout', this);
  const serverTimeout = conn && conn.server.emit('timeout', this);
  if (!reqTimeout && !resTimeout && !serverTimeout) this.destroy();
}

function onConnectionClose(conn) {
  conn.server[kConnections].delete(conn);
  if (conn.kaTimer !== null) clearTimeout(conn.kaTimer);
  for (const req of conn.incoming) {
    if (!req.complete) {
      req.destroy(abortError());
    } else if (!req.destroyed && req.listenerCount('close') > 0) {
      req.emit('close');
    }
  }
  if (conn.parsing !== null && !conn.parsing.complete) conn.parsing.destroy(abortError());
  const res = conn.socket._httpMessage;
  if (res) {
    res.destroyed = true;
    emitCloseNT(res);
  }
  for (const r of conn.outgoing) emitCloseNT(r);
}

// ---- Server ----

function storeHTTPOptions(options) {
  this[kIncomingMessage] = options.IncomingMessage || IncomingMessage;
  this[kServerResponse] = options.ServerResponse || ServerResponse;
  const maxHeaderSize = options.maxHeaderSize;
  if (maxHeaderSize !== undefined) validateInteger(maxHeaderSize, 'maxHeaderSize', 0);
  this.maxHeaderSize = maxHeaderSize;
  const insecureHTTPParser = options.insecureHTTPParser;
  if (insecureHTTPParser !== undefined) validateBoolean(insecureHTTPParser, 'options.insecureHTTPParser');
  this.insecureHTTPParser = insecureHTTPParser;
  const requestTimeout = options.requestTimeout;
  if (requestTimeout !== undefined) {
    validateInteger(requestTimeout, 'requestTimeout', 0);
    this.requestTimeout = requestTimeout;
  } else {
    this.requestTimeout = 300_000;
  }
  const headersTimeout = options.headersTimeout;
  if (headersTimeout !== undefined) {
    validateInteger(headersTimeout, 'headersTimeout', 0);
    this.headersTimeout = headersTimeout;
  } else {
    this.headersTimeout = Math.min(60_000, this.requestTimeout);
  }
  if (this.requestTimeout > 0 && this.headersTimeout > 0 && this.headersTimeout > this.requestTimeout) {
    throw new ERR_OUT_OF_RANGE('headersTimeout', '<= requestTimeout', headersTimeout);
  }
  const keepAliveTimeout = options.keepAliveTimeout;
  if (keepAliveTimeout !== undefined) validateInteger(keepAliveTimeout, 'keepAliveTimeout', 0);
  this.keepAliveTimeout = keepAliveTimeout ?? 5000;
  const joinDuplicateHeaders = options.joinDuplicateHeaders;
  if (joinDuplicateHeaders !== undefined) validateBoolean(joinDuplicateHeaders, 'options.joinDuplicateHeaders');
  this.joinDuplicateHeaders = joinDuplicateHeaders;
  const rejectNonStandardBodyWrites = options.rejectNonStandardBodyWrites;
  if (rejectNonStandardBodyWrites !== undefined) validateBoolean(rejectNonStandardBodyWrites, 'options.rejectNonStandardBodyWrites');
  this.rejectNonStandardBodyWrites = rejectNonStandardBodyWrites ?? false;
  this.requireHostHeader = options.requireHostHeader ?? true;
  // Made once: every ServerResponse of this server gets the same options.
  this[kResponseOptions] = {
    highWaterMark: options.highWaterMark,
    rejectNonStandardBodyWrites: this.rejectNonStandardBodyWrites,
  };
}

function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  if (typeof options === 'function') {
    requestListener = options;
    options = {};
  } else if (options == null) {
    options = {};
  } else {
    validateObject(options, 'options');
  }
  storeHTTPOptions.call(this, options);
  net.Server.call(this, {
    allowHalfOpen: true,
    noDelay: options.noDelay ?? true,
    keepAlive: options.keepAlive,
    keepAliveInitialDelay: options.keepAliveInitialDelay,
    highWaterMark: options.highWaterMark,
  });
  this._connectionMode = kHttpServer;
  if (requestListener) this.on('request', requestListener);
  this.httpAllowHalfOpen = false;
  this.on('connection', connectionListener);
  this.on('listening', setupConnectionsTracking);
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.maxRequestsPerSocket = 0;
  this[kConnections] = new Set();
  this[kConnectionsCheckingInterval] = null;
  this.connectionsCheckingInterval = options.connectionsCheckingInterval ?? 30_000;
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

function setupConnectionsTracking() {
  if (this[kConnectionsCheckingInterval]) clearInterval(this[kConnectionsCheckingInterval]);
  const interval = this.connectionsCheckingInterval;
  if (interval > 0 && (this.headersTimeout > 0 || this.requestTimeout > 0)) {
    this[kConnectionsCheckingInterval] = setInterval(checkConnections.bind(this), interval).unref();
  }
}

function checkConnections() {
  const now = loopNow();
  const { headersTimeout, requestTimeout } = this;
  for (const conn of this[kConnections]) {
    const socket = conn.socket;
    if (socket.destroyed || conn.keepAliveTimer) continue;
    let expired = false;
    if (conn.parsing === null && conn.incoming.length === 0) {
      expired = headersTimeout > 0 && now - conn.idleSince > headersTimeout;
    } else if (conn.parsing !== null && requestTimeout > 0) {
      expired = now - conn.requestStart > requestTimeout;
    }
    if (expired) socketOnError(conn, new ERR_HTTP_REQUEST_TIMEOUT());
  }
}

Server.prototype.close = function close(cb) {
  if (this[kConnectionsCheckingInterval]) {
    clearInterval(this[kConnectionsCheckingInterval]);
    this[kConnectionsCheckingInterval] = null;
  }
  this.closeIdleConnections();
  return net.Server.prototype.close.call(this, cb);
};

Server.prototype[Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose')] = function() {
  return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

Server.prototype.closeAllConnections = function closeAllConnections() {
  for (const conn of this[kConnections]) conn.socket.destroy();
};

Server.prototype.closeIdleConnections = function closeIdleConnections() {
  for (const conn of this[kConnections]) {
    if (conn.incoming.length === 0 && conn.parsing === null && !conn.socket._httpMessage) {
      conn.socket.destroy();
    }
  }
};

Server.prototype.setTimeout = function setTimeout(msecs, callback) {
  this.timeout = msecs;
  if (callback) this.on('timeout', callback);
  return this;
};

module.exports = {
  STATUS_CODES,
  Server,
  ServerResponse,
  setupConnectionsTracking,
  storeHTTPOptions,
  _connectionListener: connectionListener,
  kServerResponse,
  kIncomingMessage,
  kConnections,
};
void kHandle;
void kHighWaterMark;
void validateLinkHeaderValue;
