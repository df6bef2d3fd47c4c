'use strict';
// The small part of WHATWG URL handling module loading needs, on strings:
// turning paths into file: URLs and back, and resolving a specifier against
// a module's URL. Kept separate from internal/url so that loading a module
// never pays for the full URL parser; the results match Node's
// url.pathToFileURL(), url.fileURLToPath() and new URL(specifier, base).

const path = require('path');

// What url.pathToFileURL() percent-encodes in a path besides controls and
// non-ASCII: the WHATWG path set plus %, \ and the characters Node adds.
const kPathEncode = /[\x00-\x20\x7f-\uffff"#%<>?[\\\]^`{|}~]/;
// What the URL parser itself encodes in a path (it leaves % alone).
const kParserPathEncode = /[\x00-\x20\x7f-\uffff"#<>?`{}]/;

function percentEncode(str, re) {
  if (!re.test(str)) return str;
  let out = '';
  for (const ch of str) {
    if (ch.length === 1 && !re.test(ch)) {
      out += ch;
      continue;
    }
    let cp = ch.codePointAt(0);
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate
    const bytes = cp < 0x80 ? [cp] : utf8Bytes(cp);
    for (const b of bytes) out += (b < 16 ? '%0' : '%') + b.toString(16).toUpperCase();
  }
  return out;
}

function utf8Bytes(cp) {
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

// url.pathToFileURL(p).href
function pathToFileHref(p) {
  let resolved = path.resolve(p);
  if (p.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
  return 'file://' + percentEncode(resolved, kPathEncode);
}

// Splits "scheme:rest" URLs; null for a string without a scheme.
const kSchemeRe = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
function getScheme(str) {
  const m = kSchemeRe.exec(str);
  return m === null ? null : m[1].toLowerCase();
}

// Removes . and .. segments (and their %2e spellings) from a URL path.
function normalizeUrlPath(p) {
  const segments = p.split('/');
  const out = [];
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i];
    const lower = seg.length <= 6 ? seg.toLowerCase() : seg;
    const last = i === segments.length - 1;
    if (lower === '.' || lower === '%2e') {
      if (last) out.push('');
    } else if (lower === '..' || lower === '.%2e' || lower === '%2e.' || lower === '%2e%2e') {
      out.pop();
      if (last) out.push('');
    } else {
      out.push(seg);
    }
  }
  return '/' + out.join('/');
}

// Parses a file: URL string into its parts, or null when it is not one.
function parseFileUrl(href) {
  if (getScheme(href) !== 'file') return null;
  let rest = href.slice(5).replace(/\\/g, '/');
  let hash = '';
  let search = '';
  const h = rest.indexOf('#');
  if (h !== -1) {
    hash = rest.slice(h);
    rest = rest.slice(0, h);
  }
  const q = rest.indexOf('?');
  if (q !== -1) {
    search = rest.slice(q);
    rest = rest.slice(0, q);
  }
  let host = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    host = slash === -1 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash === -1 ? '/' : rest.slice(slash);
  }
  if (host.toLowerCase() === 'localhost') host = '';
  if (!rest.startsWith('/')) rest = '/' + rest;
  const pathname = percentEncode(normalizeUrlPath(rest), kParserPathEncode);
  return { host, pathname, search: search === '?' ? '' : search, hash: hash === '#' ? '' : hash };
}

function formatFileUrl({ host, pathname, search, hash }) {
  return `file://${host}${pathname}${search}${hash}`;
}

// Whether a string has nothing a URL parser or a path conversion would
// change: printable ASCII without % ? # \ and the characters URLs escape.
const kNotPlain = /[^\x21-\x7e]|[%?#\\"<>`{}]/;
function isPlain(str) {
  return !kNotPlain.test(str);
}

// A "." or ".." segment, which URL parsing would remove.
const kDotSegment = /\/\.\.?(?:\/|$)/;

// new URL(specifier, base).href for a relative or absolute specifier and a
// file: base; specifiers with their own scheme are parsed alone (file:) or
// returned as they are (node:, data:, ...).
function resolveUrl(specifier, baseHref) {
  // The common case, in path space: a plain relative specifier naming a
  // file (no empty segments, no trailing slash or dot) from a plain base.
  if (specifier[0] === '.' && baseHref.startsWith('file:///') && isPlain(specifier) && isPlain(baseHref) &&
      !specifier.includes('//') && !specifier.endsWith('/') && !specifier.endsWith('.') &&
      !kDotSegment.test(baseHref) && !baseHref.includes('//', 8)) {
    const baseDir = baseHref.slice(7, baseHref.lastIndexOf('/') + 1);
    return 'file://' + path.resolve(baseDir, specifier);
  }
  const scheme = getScheme(specifier);
  if (scheme !== null) {
    if (scheme !== 'file') return specifier;
    return formatFileUrl(parseFileUrl(specifier));
  }
  const base = parseFileUrl(baseHref);
  const spec = specifier.replace(/\\/g, '/');
  if (spec.startsWith('//')) return formatFileUrl(parseFileUrl('file:' + spec));
  if (spec.startsWith('#')) return formatFileUrl({ ...base, hash: spec.length > 1 ? spec : '' });
  if (spec.startsWith('?')) return formatFileUrl({ ...base, search: spec.length > 1 ? spec : '', hash: '' });
  let dir;
  if (spec.startsWith('/')) {
    dir = '';
  } else {
    dir = base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
  }
  return formatFileUrl(parseFileUrl(`file://${base.host}${dir}${spec}`));
}

function invalidHost(host) {
  const { codes: { ERR_INVALID_FILE_URL_HOST } } = require('internal/errors');
  return new ERR_INVALID_FILE_URL_HOST(`must be "localhost" or empty on ${process.platform}`);
}

// url.fileURLToPath(href) for a string.
function fileHrefToPath(href) {
  // The common case: a URL this module made from a plain path.
  if (href.startsWith('file:///') && isPlain(href) && !kDotSegment.test(href) && !href.includes('//', 8)) {
    return href.slice(7);
  }
  const url = parseFileUrl(href);
  if (url === null) {
    const { codes: { ERR_INVALID_URL_SCHEME } } = require('internal/errors');
    throw new ERR_INVALID_URL_SCHEME('file');
  }
  if (url.host !== '') throw invalidHost(url.host);
  const { pathname } = url;
  if (/%2f/i.test(pathname)) {
    const { codes: { ERR_INVALID_FILE_URL_PATH } } = require('internal/errors');
    throw new ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
  }
  return decodeURIComponent(pathname);
}

// A path or a file: URL (string or URL object) to a path, for the public
// functions that accept both.
function toPathIfFileURL(value) {
  if (value !== null && typeof value === 'object' && typeof value.href === 'string' &&
      typeof value.protocol === 'string') {
    return fileHrefToPath(value.href);
  }
  return value;
}

// The part of a file: URL that names a file (no query or fragment).
function stripSearchAndHash(href) {
  const q = href.indexOf('?');
  const h = href.indexOf('#');
  let end = href.length;
  if (q !== -1) end = q;
  if (h !== -1 && h < end) end = h;
  return href.slice(0, end);
}

module.exports = {
  isPlain,
  pathToFileHref,
  fileHrefToPath,
  resolveUrl,
  getScheme,
  toPathIfFileURL,
  stripSearchAndHash,
};
