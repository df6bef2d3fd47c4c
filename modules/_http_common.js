'use strict';
// What the http modules share: methods, status codes, header validation and
// the lazy parsing of the header blocks the C parser hands over.

const { methods: methodTable } = internalBinding('tcp');
const {
  codes: { ERR_INVALID_HTTP_TOKEN, ERR_HTTP_INVALID_HEADER_VALUE, ERR_INVALID_CHAR },
} = require('internal/errors');

const methods = methodTable.filter((m) => m !== undefined).sort();

const STATUS_CODES = {
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  103: 'Early Hints',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  208: 'Already Reported',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a Teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  509: 'Bandwidth Limit Exceeded',
  510: 'Not Extended',
  511: 'Network Authentication Required',
};

// Byte classes for header checks: 1 = a token character (RFC 9110), 2 = a
// character allowed in a field value (tab, visible ASCII, obs-text).
const kCharClass = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const token = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
    "!#$%&'*+-.^_`|~".includes(String.fromCharCode(c));
  const value = c === 0x09 || (c >= 0x20 && c <= 0x7e) || c >= 0x80;
  kCharClass[c] = (token ? 1 : 0) | (value ? 2 : 0);
}

// A loop over a table beats a RegExp call for the short strings headers are.
function checkIsHttpToken(val) {
  const n = val.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = val.charCodeAt(i);
    if (c > 255 || (kCharClass[c] & 1) === 0) return false;
  }
  return true;
}

function checkInvalidHeaderChar(val) {
  if (typeof val !== 'string') val = `${val}`;
  for (let i = 0; i < val.length; i++) {
    const c = val.charCodeAt(i);
    if (c > 255 || (kCharClass[c] & 2) === 0) return true;
  }
  return false;
}

function validateHeaderName(name, label = 'Header name') {
  if (typeof name !== 'string' || !name || !checkIsHttpToken(name)) {
    throw new ERR_INVALID_HTTP_TOKEN(label, name);
  }
}

function validateHeaderValue(name, value) {
  if (value === undefined) {
    throw new ERR_HTTP_INVALID_HEADER_VALUE(value, name);
  }
  if (checkInvalidHeaderChar(value)) {
    throw new ERR_INVALID_CHAR('header content', name);
  }
}

// Headers whose duplicates Node drops (the first one wins).
const dropDuplicates = new Set([
  'content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization',
  'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location',
  'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires',
]);

// Adds one header line to a headers object with Node's rules for duplicates.
function addHeaderLine(field, value, dest, joinDuplicates) {
  const lower = field.length < 32 && isLowerCase(field) ? field : field.toLowerCase();
  const existing = dest[lower];
  if (existing === undefined) {
    dest[lower] = lower === 'set-cookie' ? [value] : value;
    return;
  }
  if (lower === 'set-cookie') {
    existing.push(value);
  } else if (lower === 'cookie') {
    dest[lower] = `${existing}; ${value}`;
  } else if (joinDuplicates || !dropDuplicates.has(lower)) {
    dest[lower] = `${existing}, ${value}`;
  }
}

function isLowerCase(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return false;
  }
  return true;
}

// The C parser's header block ("name\0value\0name\0value") as rawHeaders.
function splitHeaderBlock(block) {
  if (block === '') return [];
  return block.split('\0');
}

function headersFromRaw(raw, maxCount, joinDuplicates) {
  const dest = {};
  const n = maxCount > 0 ? Math.min(raw.length, maxCount * 2) : raw.length;
  for (let i = 0; i < n; i += 2) addHeaderLine(raw[i], raw[i + 1], dest, joinDuplicates);
  return dest;
}

function headersDistinctFromRaw(raw) {
  const dest = {};
  for (let i = 0; i < raw.length; i += 2) {
    const lower = raw[i].toLowerCase();
    (dest[lower] ??= []).push(raw[i + 1]);
  }
  return dest;
}

// Cached Date header, refreshed once a second (Node does the same).
let dateCache;
let dateTimer;
function utcDate() {
  if (dateCache === undefined) {
    dateCache = new Date().toUTCString();
    const { setUnrefTimeout } = require('internal/net/timers');
    dateTimer = setUnrefTimeout(() => {
      dateCache = undefined;
      dateTimer = undefined;
    }, 1000 - new Date().getMilliseconds());
  }
  return dateCache;
}
void dateTimer;

module.exports = {
  methods,
  methodTable,
  STATUS_CODES,
  checkIsHttpToken,
  checkInvalidHeaderChar,
  validateHeaderName,
  validateHeaderValue,
  addHeaderLine,
  splitHeaderBlock,
  headersFromRaw,
  headersDistinctFromRaw,
  utcDate,
  CRLF: '\r\n',
  chunkExpression: /(?:^|\W)chunked(?:$|\W)/i,
  continueExpression: /(?:^|\W)100-continue(?:$|\W)/i,
};
