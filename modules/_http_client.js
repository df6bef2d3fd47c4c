'use strict';
// http.ClientRequest. Requests go out through the socket's send queue; the
// response is parsed in C (the connection is in HTTP client mode) and
// arrives as a head, body chunks and the end of the message.

const net = require('net');
const { OutgoingMessage, kSocketHttp } = require('_http_outgoing');
const { IncomingMessage, kTrailerBlock, setHeaderBlock } = require('_http_incoming');
const { checkIsHttpToken, validateHeaderName } = require('_http_common');
const { Agent, globalAgent } = require('_http_agent');
const { completionValues } = internalBinding('loop');
const {
  codes: {
    ERR_HTTP_HEADERS_SENT, ERR_INVALID_ARG_TYPE, ERR_INVALID_HTTP_TOKEN, ERR_INVALID_PROTOCOL,
    ERR_UNESCAPED_CHARACTERS, ERR_INVALID_ARG_VALUE,
  },
  AbortError,
} = require('internal/errors');
const { validateInteger, validateBoolean, validateAbortSignal, validateFunction } = require('internal/validators');
const { kHandle, kHttp, viewOf, binding } = net._internal;

const kHead = 16;
const kBody = 17;
const kMessageEnd = 18;
const kParseError = 19;
const kUpgrade = 20;
const kError = Symbol('kError');

const INVALID_PATH_REGEX = /[^\u0021-\u00ff]/;

function validateHost(host, name) {
  if (host !== null && host !== undefined && typeof host !== 'string') {
    throw new ERR_INVALID_ARG_TYPE(`options.${name}`, ['string', 'undefined', 'null'], host);
  }
  return host;
}

function urlToHttpOptions(url) {
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const options = {
    __proto__: null,
    protocol: url.protocol,
    hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) {
    options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  return options;
}

function isURL(value) {
  return value !== null && typeof value === 'object' && typeof value.href === 'string' &&
    typeof value.protocol === 'string' && value.auth === undefined && value.path === undefined;
}

function ClientRequest(input, options, cb) {
  OutgoingMessage.call(this);
  if (typeof input === 'string') {
    const { URL } = require('internal/url');
    input = urlToHttpOptions(new URL(input));
  } else if (isURL(input)) {
    input = urlToHttpOptions(input);
  } else {
    cb = options;
    options = input;
    input = null;
  }
  if (typeof options === 'function') {
    cb = options;
    options = input || {};
  } else {
    options = { ...input, ...options };
  }

  let agent = options.agent;
  const defaultAgent = options._defaultAgent || globalAgent;
  if (agent === false) {
    agent = new defaultAgent.constructor();
  } else if (agent === null || agent === undefined) {
    if (typeof options.createConnection !== 'function') agent = defaultAgent;
    options.agent = agent;
  } else if (typeof agent.addRequest !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('options.agent', ['Agent-like Object', 'undefined', 'false'], agent);
  }
  this.agent = agent;

  const protocol = options.protocol || defaultAgent.protocol;
  let expectedProtocol = defaultAgent.protocol;
  if (this.agent?.protocol) expectedProtocol = this.agent.protocol;
  if (options.path) {
    const path = String(options.path);
    if (INVALID_PATH_REGEX.test(path)) throw new ERR_UNESCAPED_CHARACTERS('Request path');
  }
  if (protocol !== expectedProtocol) throw new ERR_INVALID_PROTOCOL(protocol, expectedProtocol);

  const defaultPort = options.defaultPort || (this.agent?.defaultPort);
  const optsWithoutSignal = { __proto__: null, ...options };
  const port = optsWithoutSignal.port = options.port || defaultPort || 80;
  const host = optsWithoutSignal.host = validateHost(options.hostname, 'hostname') ||
    validateHost(options.host, 'host') || 'localhost';
  const setHost = options.setHost === undefined || Boolean(options.setHost);
  this.socketPath = options.socketPath;
  if (options.timeout !== undefined) this.timeout = validateInteger(options.timeout, 'timeout', 0) ?? options.timeout;

  const signal = options.signal;
  if (signal) {
    validateAbortSignal(signal, 'options.signal');
    const onAbort = () => this.destroy(new AbortError(undefined, { cause: signal.reason }));
    if (signal.aborted) process.nextTick(onAbort);
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      this.once('close', () => signal.removeEventListener('abort', onAbort));
    }
  }

  let method = options.method;
  const methodIsString = typeof method === 'string';
  if (method !== null && method !== undefined && !methodIsString) {
    throw new ERR_INVALID_ARG_TYPE('options.method', 'string', method);
  }
  if (methodIsString && method) {
    if (!checkIsHttpToken(method)) throw new ERR_INVALID_HTTP_TOKEN('Method', method);
    method = this.method = method.toUpperCase();
  } else {
    method = this.method = 'GET';
  }
  const maxHeaderSize = options.maxHeaderSize;
  if (maxHeaderSize !== undefined) validateInteger(maxHeaderSize, 'maxHeaderSize', 0);
  this.maxHeaderSize = maxHeaderSize;
  if (options.insecureHTTPParser !== undefined) validateBoolean(options.insecureHTTPParser, 'options.insecureHTTPParser');
  this.insecureHTTPParser = options.insecureHTTPParser;
  if (options.joinDuplicateHeaders !== undefined) validateBoolean(options.joinDuplicateHeaders, 'options.joinDuplicateHeaders');
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;

  this.path = options.path || '/';
  if (cb) this.once('response', cb);

  if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS' ||
      method === 'TRACE' || method === 'CONNECT') {
    this.useChunkedEncodingByDefault = false;
  } else {
    this.useChunkedEncodingByDefault = true;
  }
  this._ended = false;
  this.res = null;
  this.aborted = false;
  this.timeoutCb = null;
  this.upgradeOrConnect = false;
  this.parser = null;
  this.maxHeadersCount = null;
  this.reusedSocket = false;
  this.host = host;
  this.protocol = protocol;

  if (this.agent) {
    if (!this.agent.keepAlive && !Number.isFinite(this.agent.maxSockets)) {
      this._last = true;
      this.shouldKeepAlive = false;
    } else {
      this._last = false;
      this.shouldKeepAlive = true;
    }
  }

  const headersArray = Array.isArray(options.headers);
  if (!headersArray) {
    if (options.headers) {
      for (const key of Object.keys(options.headers)) this.setHeader(key, options.headers[key]);
    }
    if (host && !this.getHeader('host') && setHost) {
      let hostHeader = host;
      const posColon = hostHeader.indexOf(':');
      if (posColon !== -1 && hostHeader.includes(':', posColon + 1) && hostHeader.charCodeAt(0) !== 91) {
        hostHeader = `[${hostHeader}]`;
      }
      if (port && +port !== defaultPort) hostHeader += ':' + port;
      this.setHeader('Host', hostHeader);
    }
    if (options.auth && !this.getHeader('Authorization')) {
      this.setHeader('Authorization', 'Basic ' + Buffer.from(options.auth).toString('base64'));
    }
    if (this.getHeader('expect')) {
      if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
      this._storeHeader(this.method + ' ' + this.path + ' HTTP/1.1\r\n', this[require('_http_outgoing').kOutHeaders]);
    }
  } else {
    this._storeHeader(this.method + ' ' + this.path + ' HTTP/1.1\r\n', options.headers);
  }

  const oncreate = (err, socket) => {
    if (called) return;
    called = true;
    if (err) {
      process.nextTick(() => this.emit('error', err));
      return;
    }
    this.onSocket(socket);
  };
  let called = false;

  if (this.agent) {
    this.agent.addRequest(this, optsWithoutSignal);
  } else {
    this._last = true;
    this.shouldKeepAlive = false;
    let opts = optsWithoutSignal;
    if (this.socketPath) opts = { ...opts, path: this.socketPath };
    if (typeof options.createConnection === 'function') {
      const socket = options.createConnection(opts, oncreate);
      if (socket) oncreate(null, socket);
    } else {
      const socket = new net.Socket(opts);
      socket[kHttp] = () => {};
      socket.connect(opts);
      oncreate(null, socket);
    }
  }
}
Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ClientRequest, OutgoingMessage);

ClientRequest.prototype._finish = function _finish() {
  OutgoingMessage.prototype._finish.call(this);
};

ClientRequest.prototype._implicitHeader = function _implicitHeader() {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
  this._storeHeader(this.method + ' ' + this.path + ' HTTP/1.1\r\n', this[require('_http_outgoing').kOutHeaders]);
};

ClientRequest.prototype.abort = function abort() {
  if (this.aborted) return;
  this.aborted = true;
  process.nextTick(emitAbortNT, this);
  this.destroy();
};

function emitAbortNT(req) {
  req.emit('abort');
}

ClientRequest.prototype.destroy = function destroy(err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.res) this.res._dump();
  this[kError] = err;
  this.socket?.destroy(err);
  if (!this.socket) process.nextTick(emitCloseOnce, this, err);
  return this;
};

function emitCloseOnce(req, err) {
  if (req._closeEmitted) return;
  req._closeEmitted = true;
  if (err && !req._errorEmitted) {
    req._errorEmitted = true;
    req.emit('error', err);
  }
  req.emit('close');
}

function socketCloseListener() {
  const socket = this;
  const req = socket._httpMessage;
  if (!req || req.socket !== socket) return;
  const res = req.res;
  req.destroyed = true;
  if (res) {
    if (!res.complete) {
      res.destroy(connResetException('aborted'));
    }
    req._closeEmitted = true;
    req.emit('close');
    if (!res.aborted && res.readable) {
      res.push(null);
    }
  } else {
    if (!req.socket._hadError && !req._errorEmitted) {
      req.socket._hadError = true;
      req._errorEmitted = true;
      req.emit('error', req[kError] ?? connResetException('socket hang up'));
    }
    req._closeEmitted = true;
    req.emit('close');
  }
}

function connResetException(msg) {
  const ex = new Error(msg);
  ex.code = 'ECONNRESET';
  return ex;
}

function socketErrorListener(err) {
  const socket = this;
  const req = socket._httpMessage;
  if (req) {
    if (!req._errorEmitted) {
      req._errorEmitted = true;
      req.socket._hadError = true;
      req.emit('error', err);
    }
  }
}

function socketOnEnd() {
  const socket = this;
  const req = this._httpMessage;
  if (req && !req.res && !req.socket._hadError) {
    req.socket._hadError = true;
    req._errorEmitted = true;
    req.emit('error', connResetException('socket hang up'));
  }
  socket.destroy();
}

// The response events of a client connection, routed by net.
function clientOnEvent(socket, kind, res, aux, bits, extra) {
  const req = socket._httpMessage;
  switch (kind) {
    case kHead: {
      if (!req) return;
      const status = res % 1024;
      const msg = new IncomingMessage(socket);
      msg.statusCode = status;
      msg.statusMessage = completionValues[aux];
      setHeaderBlock(msg, extra, (res - status) / 1024);
      msg.joinDuplicateHeaders = req.joinDuplicateHeaders;
      const major = (bits >> 4) & 0xf;
      const minor = (bits >> 8) & 0xf;
      msg.httpVersionMajor = major;
      msg.httpVersionMinor = minor;
      msg.httpVersion = `${major}.${minor}`;
      if (status === 101 || (req.method === 'CONNECT' && status >= 200 && status < 300)) {
        req.upgradeOrConnect = true;
        req._pendingUpgrade = msg;
        return;
      }
      if (status < 200) {
        // 1xx: informational; the real response follows.
        if (status === 100) req.emit('continue');
        req.emit('information', {
          statusCode: status, statusMessage: msg.statusMessage, httpVersion: msg.httpVersion,
          httpVersionMajor: major, httpVersionMinor: minor, headers: msg.headers, rawHeaders: msg.rawHeaders,
        });
        return;
      }
      req.res = msg;
      msg.req = req;
      socket._httpParsing = msg;
      if (req.method === 'HEAD') msg.complete = false;
      msg.shouldKeepAlive = (bits & 1) !== 0;
      req.shouldKeepAlive = req.shouldKeepAlive && msg.shouldKeepAlive;
      if (req.aborted || !req.emit('response', msg)) msg._dump();
      return;
    }
    case kBody: {
      const msg = socket._httpParsing;
      if (msg && !msg._dumped) msg.push(viewOf(aux, res));
      return;
    }
    case kMessageEnd: {
      const msg = socket._httpParsing;
      if (!msg) return;
      socket._httpParsing = null;
      if (aux >= 0) msg[kTrailerBlock] = completionValues[aux];
      msg.complete = true;
      msg.push(null);
      responseOnEnd(req, socket);
      return;
    }
    case kParseError: {
      const err = new Error(`Parse Error: ${completionValues[aux + 1]}`);
      err.code = completionValues[aux];
      err.bytesParsed = res;
      if (req && !req._errorEmitted) {
        req._errorEmitted = true;
        req.emit('error', err);
      }
      socket.destroy();
      return;
    }
    case kUpgrade: {
      const msg = req?._pendingUpgrade;
      socket[kHttp] = null;
      const head = res > 0 ? viewOf(aux, res) : Buffer.alloc(0);
      const eventName = req?.method === 'CONNECT' ? 'connect' : 'upgrade';
      if (req && req.listenerCount(eventName) > 0) {
        socket.removeListener('close', socketCloseListener);
        socket.removeListener('error', socketErrorListener);
        socket.removeListener('end', socketOnEnd);
        req.res = msg;
        msg.req = req;
        socket._httpMessage = null;
        msg.complete = true;
        msg.push(null);
        req.emit(eventName, msg, socket, head);
        req.destroyed = true;
        req._closeEmitted = true;
        req.emit('close');
      } else {
        socket.destroy();
      }
    }
  }
}

function responseOnEnd(req, socket) {
  req._ended = true;
  if (!req.shouldKeepAlive || !req.agent) {
    if (socket.writable) {
      if (typeof socket.destroySoon === 'function') socket.destroySoon();
      else socket.end();
    }
    return;
  }
  if (req.writableFinished) {
    responseKeepAlive(req, socket);
  } else {
    req.once('finish', () => responseKeepAlive(req, socket));
  }
}

function responseKeepAlive(req, socket) {
  req.destroyed = true;
  socket.removeListener('close', socketCloseListener);
  socket.removeListener('error', socketErrorListener);
  socket.removeListener('end', socketOnEnd);
  socket.removeListener('drain', ondrain);
  // As Node: the request's 'close' and then the socket's 'free' on the next
  // tick, after the response's 'end' listeners have run (a request made in
  // one of them waits for this socket rather than finding it free).
  process.nextTick(emitFreeNT, req, socket);
}

function emitFreeNT(req, socket) {
  if (req.res && !req._closeEmitted) {
    req._closeEmitted = true;
    req.emit('close');
  }
  socket.emit('free');
}

function ondrain() {
  const msg = this._httpMessage;
  if (msg && !msg.finished && msg[require('_http_outgoing').kNeedDrain]) {
    msg[require('_http_outgoing').kNeedDrain] = false;
    msg.emit('drain');
  }
}

ClientRequest.prototype.onSocket = function onSocket(socket, err) {
  process.nextTick(onSocketNT, this, socket, err);
};

function onSocketNT(req, socket, err) {
  if (req.destroyed || err) {
    req.destroyed = true;
    if (!err && req.agent && !socket.destroyed) socket.emit('free');
    else {
      err ??= req[kError];
      if (socket) socket.destroy(err);
      emitCloseOnce(req, err);
    }
    return;
  }
  tickOnSocket(req, socket);
  req._flush();
}

function tickOnSocket(req, socket) {
  req.socket = socket;
  socket._httpMessage = req;
  socket[kHttp] = (kind, res, aux, bits, extra) => clientOnEvent(socket, kind, res, aux, bits, extra);
  socket._httpOnWrite = () => {
    const state = socket[kSocketHttp];
    if (state) state.onAck();
  };
  socket[kSocketHttp] = clientConnectionState(socket);
  if (socket[kHandle]) {
    binding.setMode(socket[kHandle], 2);
    binding.expectResponse(socket[kHandle], req.method === 'HEAD');
  } else {
    socket.once('connect', () => {
      binding.setMode(socket[kHandle], 2);
      binding.expectResponse(socket[kHandle], req.method === 'HEAD');
    });
  }
  socket.on('error', socketErrorListener);
  socket.on('end', socketOnEnd);
  socket.on('close', socketCloseListener);
  socket.on('drain', ondrain);
  if (req.timeout !== undefined || (req.agent?.options?.timeout)) listenSocketTimeout(req);
  req.emit('socket', socket);
}

function clientConnectionState(socket) {
  return {
    needDrain: null,
    onAck() {
      const drain = this.needDrain;
      if (drain !== null && socket[net._internal.kQueued] <= net._internal.kWriteQueueLimit) {
        this.needDrain = null;
        socket._httpNeedsAcks = false;
        drain[require('_http_outgoing').kNeedDrain] = false;
        drain.emit('drain');
      }
    },
  };
}

function listenSocketTimeout(req) {
  if (req.timeoutCb) return;
  req.timeoutCb = () => req.emit('timeout');
  req.socket.once('timeout', req.timeoutCb);
  req.socket.once('close', () => req.socket?.removeListener('timeout', req.timeoutCb));
}

ClientRequest.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (this._ended) return this;
  validateInteger(msecs, 'msecs', 0);
  if (callback) {
    validateFunction(callback, 'callback');
    this.once('timeout', callback);
  }
  this.timeout = msecs;
  if (this.socket) {
    this.socket.setTimeout(msecs);
    listenSocketTimeout(this);
  } else {
    this.once('socket', (sock) => {
      sock.setTimeout(msecs);
      listenSocketTimeout(this);
    });
  }
  return this;
};

ClientRequest.prototype.setNoDelay = function setNoDelay(noDelay) {
  if (this.socket) this.socket.setNoDelay(noDelay);
  else this.once('socket', (sock) => sock.setNoDelay(noDelay));
};

ClientRequest.prototype.setSocketKeepAlive = function setSocketKeepAlive(enable, initialDelay) {
  if (this.socket) this.socket.setKeepAlive(enable, initialDelay);
  else this.once('socket', (sock) => sock.setKeepAlive(enable, initialDelay));
};

ClientRequest.prototype.clearTimeout = function clearTimeout(cb) {
  this.setTimeout(0, cb);
};

module.exports = { ClientRequest, urlToHttpOptions };
void validateHeaderName;
void ERR_INVALID_ARG_VALUE;
void Agent;
