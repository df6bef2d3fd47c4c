'use strict';
// node:http2. shard has no HTTP/2 engine yet: programs that load the module
// (fastify does at start-up, to offer `http2: true`) get its constants and
// helpers, and only creating a session or server says it is missing.

const { codes: { ERR_NOT_IMPLEMENTED } } = require('internal/errors');

let constants;
function buildConstants() {
  const c = {
    NGHTTP2_SESSION_SERVER: 0, NGHTTP2_SESSION_CLIENT: 1,
    NGHTTP2_NO_ERROR: 0, NGHTTP2_PROTOCOL_ERROR: 1, NGHTTP2_INTERNAL_ERROR: 2,
    NGHTTP2_FLOW_CONTROL_ERROR: 3, NGHTTP2_SETTINGS_TIMEOUT: 4, NGHTTP2_STREAM_CLOSED: 5,
    NGHTTP2_FRAME_SIZE_ERROR: 6, NGHTTP2_REFUSED_STREAM: 7, NGHTTP2_CANCEL: 8,
    NGHTTP2_COMPRESSION_ERROR: 9, NGHTTP2_CONNECT_ERROR: 10, NGHTTP2_ENHANCE_YOUR_CALM: 11,
    NGHTTP2_INADEQUATE_SECURITY: 12, NGHTTP2_HTTP_1_1_REQUIRED: 13,
    NGHTTP2_DEFAULT_WEIGHT: 16,
    HTTP2_HEADER_STATUS: ':status', HTTP2_HEADER_METHOD: ':method', HTTP2_HEADER_AUTHORITY: ':authority',
    HTTP2_HEADER_SCHEME: ':scheme', HTTP2_HEADER_PATH: ':path', HTTP2_HEADER_PROTOCOL: ':protocol',
  };
  // Plain header names: HTTP2_HEADER_CONTENT_TYPE = 'content-type' and so on.
  for (const name of ['accept', 'accept-encoding', 'accept-language', 'accept-ranges', 'age', 'allow',
    'authorization', 'cache-control', 'connection', 'content-disposition', 'content-encoding',
    'content-language', 'content-length', 'content-location', 'content-range', 'content-type', 'cookie',
    'date', 'etag', 'expect', 'expires', 'host', 'if-match', 'if-modified-since', 'if-none-match',
    'if-range', 'if-unmodified-since', 'last-modified', 'location', 'origin', 'range', 'referer',
    'retry-after', 'server', 'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade',
    'user-agent', 'vary', 'via', 'www-authenticate', 'keep-alive', 'proxy-connection',
    'x-content-type-options', 'x-forwarded-for', 'x-frame-options', 'strict-transport-security']) {
    c['HTTP2_HEADER_' + name.toUpperCase().replace(/-/g, '_')] = name;
  }
  for (const m of ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE']) {
    c['HTTP2_METHOD_' + m] = m;
  }
  const { STATUS_CODES } = require('_http_common');
  for (const code of Object.keys(STATUS_CODES)) {
    const name = STATUS_CODES[code].toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/_$/, '');
    c['HTTP_STATUS_' + name] = Number(code);
  }
  // The one name Node spells differently from its status text.
  delete c.HTTP_STATUS_I_M_A_TEAPOT;
  c.HTTP_STATUS_TEAPOT = 418;
  return c;
}

const defaultSettings = {
  headerTableSize: 4096, enablePush: true, initialWindowSize: 65535, maxFrameSize: 16384,
  maxConcurrentStreams: 4294967295, maxHeaderListSize: 65535, maxHeaderSize: 65535,
  enableConnectProtocol: false,
};

function missing(name) {
  return function() {
    throw new ERR_NOT_IMPLEMENTED(`http2.${name}()`);
  };
}

module.exports = {
  get constants() {
    constants ??= buildConstants();
    return constants;
  },
  sensitiveHeaders: Symbol('nodejs.http2.sensitiveHeaders'),
  getDefaultSettings() { return { ...defaultSettings }; },
  createServer: missing('createServer'),
  createSecureServer: missing('createSecureServer'),
  connect: missing('connect'),
  getPackedSettings: missing('getPackedSettings'),
  getUnpackedSettings: missing('getUnpackedSettings'),
  performServerHandshake: missing('performServerHandshake'),
};
