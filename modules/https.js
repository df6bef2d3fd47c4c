'use strict';
// node:https: HTTP over tls. Requests and responses are http's own; the
// bytes are decrypted in C under the socket, so an https server still
// parses HTTP in C, and the client parses responses there too.

const tls = require('tls');
const net = require('net');
const { Agent: HttpAgent } = require('_http_agent');
const { ClientRequest } = require('_http_client');
const {
  Server: HttpServer, storeHTTPOptions, _connectionListener, setupConnectionsTracking, kConnections,
} = require('_http_server');
const { kHttp, kHttpServer } = net._internal;
const { validateObject } = require('internal/validators');

// ---- Server ----

function Server(opts, requestListener) {
  if (!(this instanceof Server)) return new Server(opts, requestListener);
  if (typeof opts === 'function') {
    requestListener = opts;
    opts = {};
  } else if (opts == null) {
    opts = {};
  } else {
    validateObject(opts, 'options');
  }
  opts = { ...opts };
  if (!opts.ALPNProtocols && !opts.ALPNCallback) opts.ALPNProtocols = ['http/1.1'];
  storeHTTPOptions.call(this, opts);
  tls.Server.call(this, { noDelay: true, pauseOnConnect: true, ...opts }, _connectionListener);
  // Requests are parsed in C from the first plaintext byte on.
  this._connectionMode = kHttpServer;
  this.httpAllowHalfOpen = false;
  if (requestListener) this.addListener('request', requestListener);
  this.addListener('tlsClientError', function onTlsClientError(err, conn) {
    if (!this.emit('clientError', err, conn)) conn.destroy(err);
  });
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.maxRequestsPerSocket = 0;
  // http.Server's per-server state, which its connection listener uses.
  this[kConnections] = new Set();
  this.connectionsCheckingInterval = opts.connectionsCheckingInterval ?? 30_000;
  this.on('listening', setupConnectionsTracking);
}
Object.setPrototypeOf(Server.prototype, tls.Server.prototype);
Object.setPrototypeOf(Server, tls.Server);

for (const name of ['closeAllConnections', 'closeIdleConnections', 'setTimeout', 'close']) {
  Server.prototype[name] = HttpServer.prototype[name];
}
const kAsyncDispose = Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose');
Server.prototype[kAsyncDispose] = HttpServer.prototype[kAsyncDispose];

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

// ---- Agent ----

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  HttpAgent.call(this, options);
  this.defaultPort = 443;
  this.protocol = 'https:';
  this.maxCachedSessions = this.options.maxCachedSessions;
  if (this.maxCachedSessions === undefined) this.maxCachedSessions = 100;
  this._sessionCache = { map: {}, list: [] };
}
Object.setPrototypeOf(Agent.prototype, HttpAgent.prototype);
Object.setPrototypeOf(Agent, HttpAgent);

Agent.prototype.createConnection = function createConnection(port, host, options) {
  if (port !== null && typeof port === 'object') {
    options = port;
  } else if (host !== null && typeof host === 'object') {
    options = { ...host };
  } else if (options === null || typeof options !== 'object') {
    options = {};
  } else {
    options = { ...options };
  }
  if (typeof port === 'number') options.port = port;
  if (typeof host === 'string') options.host = host;
  if (options._agentKey) {
    const session = this._getSession(options._agentKey);
    if (session) options = { session, ...options };
  }
  const socket = tls.connect(options);
  // The response parser runs in C: the connection starts in client mode.
  socket[kHttp] = () => {};
  if (options._agentKey) {
    // Keep the sessions the server gives, for the next connection.
    socket.on('session', (session) => this._cacheSession(options._agentKey, session));
    socket.once('close', (err) => {
      if (err) this._evictSession(options._agentKey);
    });
  }
  return socket;
};

Agent.prototype.getName = function getName(options = {}) {
  let name = HttpAgent.prototype.getName.call(this, options);
  name += ':';
  if (options.ca) name += options.ca;
  name += ':';
  if (options.cert) name += options.cert;
  name += ':';
  if (options.clientCertEngine) name += options.clientCertEngine;
  name += ':';
  if (options.ciphers) name += options.ciphers;
  name += ':';
  if (options.key) name += options.key;
  name += ':';
  if (options.pfx) name += options.pfx;
  name += ':';
  if (options.rejectUnauthorized !== undefined) name += options.rejectUnauthorized;
  name += ':';
  if (options.servername && options.servername !== options.host) name += options.servername;
  name += ':';
  if (options.minVersion) name += options.minVersion;
  name += ':';
  if (options.maxVersion) name += options.maxVersion;
  name += ':';
  if (options.secureProtocol) name += options.secureProtocol;
  name += ':';
  if (options.crl) name += options.crl;
  name += ':';
  if (options.honorCipherOrder !== undefined) name += options.honorCipherOrder;
  name += ':';
  if (options.ecdhCurve) name += options.ecdhCurve;
  name += ':';
  if (options.dhparam) name += options.dhparam;
  name += ':';
  if (options.secureOptions !== undefined) name += options.secureOptions;
  name += ':';
  if (options.sessionIdContext) name += options.sessionIdContext;
  name += ':';
  if (options.sigalgs) name += JSON.stringify(options.sigalgs);
  name += ':';
  if (options.privateKeyIdentifier) name += options.privateKeyIdentifier;
  name += ':';
  if (options.privateKeyEngine) name += options.privateKeyEngine;
  return name;
};

Agent.prototype._getSession = function _getSession(key) {
  return this._sessionCache.map[key];
};

Agent.prototype._cacheSession = function _cacheSession(key, session) {
  if (this.maxCachedSessions === 0) return;
  if (this._sessionCache.map[key]) {
    this._sessionCache.map[key] = session;
    return;
  }
  if (this._sessionCache.list.length >= this.maxCachedSessions) {
    const old = this._sessionCache.list.shift();
    delete this._sessionCache.map[old];
  }
  this._sessionCache.list.push(key);
  this._sessionCache.map[key] = session;
};

Agent.prototype._evictSession = function _evictSession(key) {
  const index = this._sessionCache.list.indexOf(key);
  if (index === -1) return;
  this._sessionCache.list.splice(index, 1);
  delete this._sessionCache.map[key];
};

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

// ---- requests ----

function request(...args) {
  let options = {};
  if (typeof args[0] === 'string') {
    const { URL } = require('internal/url');
    const { urlToHttpOptions } = require('_http_client');
    const url = new URL(args.shift());
    options = urlToHttpOptions(url);
  } else if (args[0] && typeof args[0] === 'object' && typeof args[0].href === 'string' &&
             typeof args[0].protocol === 'string' && args[0].path === undefined) {
    const { urlToHttpOptions } = require('_http_client');
    options = urlToHttpOptions(args.shift());
  }
  if (args[0] && typeof args[0] !== 'function') {
    Object.assign(options, args.shift());
  }
  options._defaultAgent = module.exports.globalAgent;
  args.unshift(options);
  return Reflect.construct(ClientRequest, args);
}

function get(input, options, cb) {
  const req = request(input, options, cb);
  req.end();
  return req;
}

module.exports = { Agent, globalAgent, Server, createServer, get, request };
