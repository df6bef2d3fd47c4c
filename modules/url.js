'use strict';
// node:url: the WHATWG API (internal/url) and Node's legacy url.parse(),
// url.format() and url.resolve(). The legacy parser is not a standard: it
// is reproduced quirk for quirk because programs depend on its results
// (backslashes before the query become slashes, `user@host` with no scheme
// is a host only when slashesDenoteHost or `//` says so, an invalid port
// moves into the path with a DEP0170 warning, javascript: has no host...).

const {
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  fileURLToPath,
  pathToFileURL,
  urlToHttpOptions,
  formatURL,
  isURLInstance,
} = require('internal/url');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_URL, ERR_INVALID_URI },
} = require('internal/errors');
const { validateString, validateObject } = require('internal/validators');

let lazyQuerystring;
function querystring() {
  lazyQuerystring ??= require('querystring');
  return lazyQuerystring;
}

let lazyIdna;
function toASCII(hostname) {
  lazyIdna ??= require('internal/idna');
  return lazyIdna.toASCII(hostname) ?? '';
}

const kProtocolPattern = /^[a-z0-9.+-]+:/i;
const kPortPattern = /:[0-9]*$/;
const kHostPattern = /^\/\/[^@/]+@[^@/]+/;
// A relative reference with only a path and maybe a query: no parsing needed.
const kSimplePathPattern = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const kHostnameMaxLength = 255;
const kUnsafeProtocols = new Set(['javascript', 'javascript:']);
const kHostlessProtocols = new Set(['javascript', 'javascript:']);
const kSlashedProtocols = new Set([
  'http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:',
  'file', 'file:', 'ws', 'ws:', 'wss', 'wss:',
]);
const kForbiddenHostChars = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const kForbiddenHostCharsIPv6 = /[\0\t\n\r #%/<>?@\\^|]/;

// Characters that always get escaped in what follows the host, whatever
// encodeURIComponent would do.
const kAutoEscape = {
  __proto__: null,
  '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', '\'': '%27',
  '<': '%3C', '>': '%3E', '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B',
  '|': '%7C', '}': '%7D',
};
const kAutoEscapePattern = /[\t\n\r "'<>\\^`{|}]/g;

function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) return url;
  const urlObject = new Url();
  urlObject.parse(url, parseQueryString, slashesDenoteHost);
  return urlObject;
}

function isWhitespace(code) {
  return code < 33 || code === 0xa0 || code === 0xfeff;
}

function isIPv6Hostname(hostname) {
  return hostname.charCodeAt(0) === 0x5b && hostname.charCodeAt(hostname.length - 1) === 0x5d;
}

let warnedInvalidPort = false;

// Cuts the hostname at the first character that cannot be in one; what
// follows becomes the start of the path.
function splitHostname(self, rest, hostname, url) {
  for (let i = 0; i < hostname.length; i++) {
    const c = hostname[i];
    if (c === '/' || c === '\\' || c === '#' || c === '?' || c === ':') {
      if (c === ':' && !warnedInvalidPort) {
        // Whatever follows the colon is not a valid port.
        warnedInvalidPort = true;
        process.emitWarning(`The URL ${url} is invalid. Future versions of Node.js will throw an error.`,
                            'DeprecationWarning', 'DEP0170');
      }
      self.hostname = hostname.slice(0, i);
      return `/${hostname.slice(i)}${rest}`;
    }
  }
  return rest;
}

Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  validateString(url, 'url');

  // Trim whitespace at both ends, and turn backslashes into slashes up to
  // the first ? or # (as browsers do).
  let start = 0;
  let end = url.length;
  while (start < end && isWhitespace(url.charCodeAt(start))) start++;
  while (end > start && isWhitespace(url.charCodeAt(end - 1))) end--;
  let rest = url.slice(start, end);
  let split = rest.length;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 0x23 || c === 0x3f) {
      split = i;
      break;
    }
  }
  const hasHash = rest.includes('#');
  const hasAt = rest.lastIndexOf('@', split - 1) !== -1;
  if (rest.lastIndexOf('\\', split - 1) !== -1) {
    rest = rest.slice(0, split).replace(/\\/g, '/') + rest.slice(split);
  }

  if (!slashesDenoteHost && !hasHash && !hasAt) {
    const simplePath = kSimplePathPattern.exec(rest);
    if (simplePath) {
      this.path = rest;
      this.href = rest;
      this.pathname = simplePath[1];
      if (simplePath[2]) {
        this.search = simplePath[2];
        this.query = parseQueryString ? querystring().parse(this.search.slice(1)) : this.search.slice(1);
      } else if (parseQueryString) {
        this.search = null;
        this.query = { __proto__: null };
      }
      return this;
    }
  }

  let proto = kProtocolPattern.exec(rest);
  let lowerProto;
  if (proto) {
    proto = proto[0];
    lowerProto = proto.toLowerCase();
    this.protocol = lowerProto;
    rest = rest.slice(proto.length);
  }

  // `user@server` is always a host, and `//foo/bar` makes foo the host
  // when slashes denote one (as url.resolve() wants).
  let slashes;
  if (slashesDenoteHost || proto || kHostPattern.test(rest)) {
    slashes = rest.charCodeAt(0) === 0x2f && rest.charCodeAt(1) === 0x2f;
    if (slashes && !(proto && kHostlessProtocols.has(lowerProto))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  // The original-case scheme decides here (HTTP: is not a slashed protocol).
  if (!kHostlessProtocols.has(lowerProto) && (slashes || (proto && !kSlashedProtocols.has(proto)))) {
    rest = parseAuthorityInto(this, rest, url);
  }

  if (!kUnsafeProtocols.has(lowerProto)) {
    rest = rest.replace(kAutoEscapePattern, (c) => kAutoEscape[c]);
  }

  let questionIdx = -1;
  let hashIdx = -1;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 0x23) {
      this.hash = rest.slice(i);
      hashIdx = i;
      break;
    } else if (c === 0x3f && questionIdx === -1) {
      questionIdx = i;
    }
  }

  if (questionIdx !== -1) {
    const queryEnd = hashIdx === -1 ? rest.length : hashIdx;
    this.search = rest.slice(questionIdx, queryEnd);
    this.query = rest.slice(questionIdx + 1, queryEnd);
    if (parseQueryString) this.query = querystring().parse(this.query);
  } else if (parseQueryString) {
    this.search = null;
    this.query = { __proto__: null };
  }

  const pathEnd = questionIdx !== -1 && (hashIdx === -1 || questionIdx < hashIdx) ? questionIdx : hashIdx;
  if (pathEnd === -1) {
    if (rest.length > 0) this.pathname = rest;
  } else if (pathEnd > 0) {
    this.pathname = rest.slice(0, pathEnd);
  }
  if (kSlashedProtocols.has(lowerProto) && this.hostname && !this.pathname) this.pathname = '/';

  // What http.request() takes as `path`.
  if (this.pathname || this.search) this.path = (this.pathname || '') + (this.search || '');

  this.href = this.format();
  return this;
};

// Takes auth, host, port and hostname from the front of `rest`; returns
// what is left (the path and beyond).
function parseAuthorityInto(self, rest, url) {
  // The host ends at the first /, ? or #. Characters RFC 2396 never allows
  // in a host also end it, unless an @ follows them (then they were auth).
  let hostEnd = -1;
  let atSign = -1;
  let nonHost = -1;
  for (let i = 0; i < rest.length && hostEnd === -1; i++) {
    switch (rest[i]) {
      case '\t': case '\n': case '\r':
        // Removed, as the WHATWG parser does, up to the end of the host.
        rest = rest.slice(0, i) + rest.slice(i + 1);
        i--;
        break;
      case ' ': case '"': case '%': case '\'': case ';':
      case '<': case '>': case '\\': case '^': case '`': case '{': case '|': case '}':
        if (nonHost === -1) nonHost = i;
        break;
      case '#': case '/': case '?':
        if (nonHost === -1) nonHost = i;
        hostEnd = i;
        break;
      case '@':
        atSign = i;
        nonHost = -1;
        break;
    }
  }
  let hostStart = 0;
  if (atSign !== -1) {
    self.auth = decodeURIComponent(rest.slice(0, atSign));
    hostStart = atSign + 1;
  }
  if (nonHost === -1) {
    self.host = rest.slice(hostStart);
    rest = '';
  } else {
    self.host = rest.slice(hostStart, nonHost);
    rest = rest.slice(nonHost);
  }

  self.parseHost();
  // There is a host, so hostname is a string even when empty.
  if (typeof self.hostname !== 'string') self.hostname = '';
  const hostname = self.hostname;
  const ipv6 = isIPv6Hostname(hostname);
  if (!ipv6) rest = splitHostname(self, rest, hostname, url);

  if (self.hostname.length > kHostnameMaxLength) self.hostname = '';
  else self.hostname = self.hostname.toLowerCase();

  if (self.hostname !== '') {
    if (ipv6) {
      if (kForbiddenHostCharsIPv6.test(self.hostname)) throw new ERR_INVALID_URL(url);
    } else {
      self.hostname = toASCII(self.hostname);
      // splitHostname removed every forbidden character, so any left (or an
      // empty result) came from IDNA mapping: a spoofing attempt.
      if (self.hostname === '' || kForbiddenHostChars.test(self.hostname)) throw new ERR_INVALID_URL(url);
    }
  }

  self.host = (self.hostname || '') + (self.port ? `:${self.port}` : '');

  if (ipv6) {
    self.hostname = self.hostname.slice(1, -1);
    if (rest[0] !== '/') rest = `/${rest}`;
  }
  return rest;
}

Url.prototype.parseHost = function parseHost() {
  let host = this.host;
  const port = kPortPattern.exec(host);
  if (port) {
    if (port[0] !== ':') this.port = port[0].slice(1);
    host = host.slice(0, host.length - port[0].length);
  }
  if (host) this.hostname = host;
};

// Percent-encodes auth for format(): what encodeURIComponent escapes, except
// the ':' between user and password.
function encodeAuth(auth) {
  let encoded;
  try {
    encoded = encodeURIComponent(auth);
  } catch {
    throw new ERR_INVALID_URI();
  }
  return encoded.replace(/%3A/g, ':');
}

Url.prototype.format = function format() {
  let auth = this.auth || '';
  if (auth) auth = `${encodeAuth(auth)}@`;

  let protocol = this.protocol || '';
  let pathname = this.pathname || '';
  let hash = this.hash || '';
  let host = '';
  let query = '';

  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    const hostname = this.hostname;
    host = auth + (hostname.includes(':') && !isIPv6Hostname(hostname) ? `[${hostname}]` : hostname);
    if (this.port) host += `:${this.port}`;
  }

  if (this.query !== null && typeof this.query === 'object') query = querystring().stringify(this.query);

  let search = this.search || (query && `?${query}`) || '';

  if (protocol && protocol.charCodeAt(protocol.length - 1) !== 0x3a) protocol += ':';

  // # and ? in the path would start the fragment or query.
  if (pathname.includes('#') || pathname.includes('?')) {
    pathname = pathname.replace(/[#?]/g, (c) => (c === '#' ? '%23' : '%3F'));
  }

  // Only the slashed protocols get // (mailto: and the like do not),
  // unless the URL had them to begin with.
  if (this.slashes || kSlashedProtocols.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname.charCodeAt(0) !== 0x2f) pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol.length >= 4 && protocol.startsWith('file')) {
      host = '//';
    }
  }

  search = search.replace(/#/g, '%23');
  if (hash && hash.charCodeAt(0) !== 0x23) hash = `#${hash}`;
  if (search && search.charCodeAt(0) !== 0x3f) search = `?${search}`;

  return protocol + host + pathname + search + hash;
};

function urlFormat(urlObject, options) {
  if (typeof urlObject === 'string') {
    urlObject = urlParse(urlObject);
  } else if (typeof urlObject !== 'object' || urlObject === null) {
    throw new ERR_INVALID_ARG_TYPE('urlObject', ['Object', 'string'], urlObject);
  } else if (isURLInstance(urlObject)) {
    let fragment = true;
    let unicode = false;
    let search = true;
    let auth = true;
    if (options) {
      validateObject(options, 'options');
      if (options.fragment != null) fragment = Boolean(options.fragment);
      if (options.unicode != null) unicode = Boolean(options.unicode);
      if (options.search != null) search = Boolean(options.search);
      if (options.auth != null) auth = Boolean(options.auth);
    }
    return formatURL(urlObject, fragment, unicode, search, auth);
  }
  return Reflect.apply(Url.prototype.format, urlObject, []);
}

function urlResolve(source, relative) {
  return urlParse(source, false, true).resolve(relative);
}

function urlResolveObject(source, relative) {
  if (!source) return relative;
  return urlParse(source, false, true).resolveObject(relative);
}

Url.prototype.resolve = function resolve(relative) {
  return this.resolveObject(urlParse(relative, false, true)).format();
};

function copyKeys(target, source, except = null) {
  for (const key of Object.keys(source)) {
    if (key !== except) target[key] = source[key];
  }
}

function finish(result) {
  result.href = result.format();
  return result;
}

Url.prototype.resolveObject = function resolveObject(relative) {
  if (typeof relative === 'string') {
    const parsed = new Url();
    parsed.parse(relative, false, true);
    relative = parsed;
  }

  const result = new Url();
  copyKeys(result, this);

  // The fragment always comes from the reference, even an empty one.
  result.hash = relative.hash;

  if (relative.href === '') return finish(result);

  // A network-path reference (//host/path) keeps only the scheme.
  if (relative.slashes && !relative.protocol) {
    copyKeys(result, relative, 'protocol');
    if (kSlashedProtocols.has(result.protocol) && result.hostname && !result.pathname) {
      result.path = result.pathname = '/';
    }
    return finish(result);
  }

  if (relative.protocol && relative.protocol !== result.protocol) {
    return finish(resolveOtherScheme(result, relative));
  }

  const isSourceAbs = result.pathname && result.pathname.charAt(0) === '/';
  const isRelAbs = relative.host || (relative.pathname && relative.pathname.charAt(0) === '/');
  let mustEndAbs = isRelAbs || isSourceAbs || (result.host && relative.pathname);
  const removeAllDots = mustEndAbs;
  let srcPath = (result.pathname && result.pathname.split('/')) || [];
  const relPath = (relative.pathname && relative.pathname.split('/')) || [];
  const noLeadingSlashes = result.protocol && !kSlashedProtocols.has(result.protocol);

  // Without leading slashes (mailto: and the like) the host is the first
  // path segment, so ../ can climb into it: move it there for now.
  if (noLeadingSlashes) {
    result.hostname = '';
    result.port = null;
    if (result.host) {
      if (srcPath[0] === '') srcPath[0] = result.host;
      else srcPath.unshift(result.host);
    }
    result.host = '';
    if (relative.protocol) {
      relative.hostname = null;
      relative.port = null;
      if (relative.host) {
        if (relPath[0] === '') relPath[0] = relative.host;
        else relPath.unshift(relative.host);
      }
      relative.host = null;
    }
    mustEndAbs = mustEndAbs && (relPath[0] === '' || srcPath[0] === '');
  }

  if (isRelAbs) {
    if (relative.host || relative.host === '') {
      if (result.host !== relative.host) result.auth = null;
      result.host = relative.host;
      result.port = relative.port;
    }
    if (relative.hostname || relative.hostname === '') {
      if (result.hostname !== relative.hostname) result.auth = null;
      result.hostname = relative.hostname;
    }
    result.search = relative.search;
    result.query = relative.query;
    srcPath = relPath;
  } else if (relPath.length) {
    // Relative path: replace the last segment of the source.
    srcPath.pop();
    srcPath = srcPath.concat(relPath);
    result.search = relative.search;
    result.query = relative.query;
  } else if (relative.search !== null && relative.search !== undefined) {
    // Only a query.
    if (noLeadingSlashes) {
      result.hostname = result.host = srcPath.shift();
      takeAuthFromHost(result);
    }
    result.search = relative.search;
    result.query = relative.query;
    if (result.pathname !== null || result.search !== null) {
      result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
    }
    return finish(result);
  }

  if (!srcPath.length) {
    result.pathname = null;
    result.path = result.search ? `/${result.search}` : null;
    return finish(result);
  }

  // A path ending in . or .. gets a trailing slash; other endings do not.
  let last = srcPath.slice(-1)[0];
  const hasTrailingSlash =
    ((result.host || relative.host || srcPath.length > 1) && (last === '.' || last === '..')) || last === '';

  // Drop . segments and let .. remove its parent; `up` counts the .. that
  // climbed above the start.
  let up = 0;
  for (let i = srcPath.length - 1; i >= 0; i--) {
    last = srcPath[i];
    if (last === '.') {
      srcPath.splice(i, 1);
    } else if (last === '..') {
      srcPath.splice(i, 1);
      up++;
    } else if (up) {
      srcPath.splice(i, 1);
      up--;
    }
  }

  if (!mustEndAbs && !removeAllDots) {
    while (up--) srcPath.unshift('..');
  }

  if (mustEndAbs && srcPath[0] !== '' && (!srcPath[0] || srcPath[0].charAt(0) !== '/')) srcPath.unshift('');

  if (hasTrailingSlash && srcPath.join('/').slice(-1) !== '/') srcPath.push('');

  const isAbsolute = srcPath[0] === '' || (srcPath[0] && srcPath[0].charAt(0) === '/');

  // Put the host back for the protocols without leading slashes.
  if (noLeadingSlashes) {
    result.hostname = result.host = isAbsolute ? '' : srcPath.length ? srcPath.shift() : '';
    takeAuthFromHost(result);
  }

  mustEndAbs = mustEndAbs || (result.host && srcPath.length);
  if (mustEndAbs && !isAbsolute) srcPath.unshift('');

  if (srcPath.length > 0) {
    result.pathname = srcPath.join('/');
  } else {
    result.pathname = null;
    result.path = null;
  }

  if (result.pathname !== null || result.search !== null) {
    result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
  }
  result.auth = relative.auth || result.auth;
  result.slashes = result.slashes || relative.slashes;
  return finish(result);
};

// The reference has another scheme. Non-slashed schemes are absolute as
// they are; for slashed ones a host is required (the first path segment
// becomes it) except for file:, which has none.
function resolveOtherScheme(result, relative) {
  if (!kSlashedProtocols.has(relative.protocol)) {
    copyKeys(result, relative);
    return result;
  }
  result.protocol = relative.protocol;
  if (!relative.host && !/^file:?$/.test(relative.protocol) && !kHostlessProtocols.has(relative.protocol)) {
    const relPath = (relative.pathname || '').split('/');
    while (relPath.length && !(relative.host = relPath.shift()));
    if (!relative.host) relative.host = '';
    if (!relative.hostname) relative.hostname = '';
    if (relPath[0] !== '') relPath.unshift('');
    if (relPath.length < 2) relPath.unshift('');
    result.pathname = relPath.join('/');
  } else {
    result.pathname = relative.pathname;
  }
  result.search = relative.search;
  result.query = relative.query;
  result.host = relative.host || '';
  result.auth = relative.auth;
  result.hostname = relative.hostname || relative.host;
  result.port = relative.port;
  if (result.pathname || result.search) result.path = (result.pathname || '') + (result.search || '');
  result.slashes = result.slashes || relative.slashes;
  return result;
}

// mailto:local@domain resolutions can leave the auth inside the host.
function takeAuthFromHost(result) {
  const parts = result.host && result.host.indexOf('@') > 0 ? result.host.split('@') : false;
  if (parts) {
    result.auth = parts.shift();
    result.host = result.hostname = parts.shift();
  }
}

// fileURLToPath, but the path's bytes as they were percent-encoded (for
// file names that are not UTF-8).
function fileURLToPathBuffer(url, options = undefined) {
  const path = fileURLToPath(url, options);
  const { Buffer } = require('buffer');
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (options?.windows || !parsed.pathname.includes('%')) return Buffer.from(path);
  const { pathname } = parsed;
  const bytes = [];
  for (let i = 0; i < pathname.length; i++) {
    const c = pathname.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(pathname.slice(i + 1, i + 3))) {
      bytes.push(parseInt(pathname.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(pathname[i])) bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

module.exports = {
  // Legacy API.
  Url,
  parse: urlParse,
  resolve: urlResolve,
  resolveObject: urlResolveObject,
  format: urlFormat,

  // WHATWG API.
  URL,
  URLSearchParams,
  domainToASCII(domain) {
    if (arguments.length < 1) {
      const { codes: { ERR_MISSING_ARGS } } = require('internal/errors');
      throw new ERR_MISSING_ARGS('domain');
    }
    return domainToASCII(domain);
  },
  domainToUnicode(domain) {
    if (arguments.length < 1) {
      const { codes: { ERR_MISSING_ARGS } } = require('internal/errors');
      throw new ERR_MISSING_ARGS('domain');
    }
    return domainToUnicode(domain);
  },

  // Utilities.
  pathToFileURL,
  fileURLToPath,
  fileURLToPathBuffer,
  urlToHttpOptions,
};
