'use strict';
// node:querystring: Node's own query-string format (not WHATWG's
// application/x-www-form-urlencoded): '+' decodes to a space, malformed
// escapes fall back to a byte-wise decode, repeated keys become arrays and
// the parsed object has no prototype.

const { codes: { ERR_INVALID_URI } } = require('internal/errors');

function isHex(c) {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function hexValue(c) {
  return c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10;
}

// Decodes %XX escapes into bytes (anything else is kept as its UTF-8
// bytes), with '+' as a space when decodeSpaces. Returns a Buffer.
function unescapeBuffer(s, decodeSpaces) {
  const { Buffer } = require('buffer');
  s = `${s}`;
  const bytes = Buffer.from(s);
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out[n++] = (hexValue(bytes[i + 1]) << 4) | hexValue(bytes[i + 2]);
      i += 2;
    } else if (decodeSpaces && b === 0x2b) {
      out[n++] = 0x20;
    } else {
      out[n++] = b;
    }
  }
  return out.subarray(0, n);
}

function unescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return QueryString.unescapeBuffer(s, decodeSpaces).toString();
  }
}

// The characters encodeURIComponent leaves alone are exactly the ones this
// format leaves alone; only the error differs (a Node URIError with a code).
function escape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  try {
    return encodeURIComponent(str);
  } catch {
    throw new ERR_INVALID_URI();
  }
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return `${v}`;
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

// With the default encoder numbers below 1e21 need no escaping; larger ones
// print with a '+' that must be escaped.
function encodeDefault(v, encode) {
  if (typeof v === 'string') return v.length ? encode(v) : '';
  if (typeof v === 'number' && Number.isFinite(v)) return Math.abs(v) < 1e21 ? `${v}` : encode(`${v}`);
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function encodeCustom(v, encode) {
  return encode(stringifyPrimitive(v));
}

function stringify(obj, sep, eq, options) {
  sep ||= '&';
  eq ||= '=';
  let encode = QueryString.escape;
  if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent;
  const convert = encode === escape ? encodeDefault : encodeCustom;
  if (obj === null || typeof obj !== 'object') return '';
  let fields = '';
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const ks = `${convert(k, encode)}${eq}`;
    if (Array.isArray(v)) {
      if (v.length === 0) continue;
      for (let j = 0; j < v.length; j++) {
        if (fields) fields += sep;
        fields += ks + convert(v[j], encode);
      }
    } else {
      if (fields) fields += sep;
      fields += ks + convert(v, encode);
    }
  }
  return fields;
}

function decodeComponent(s, decode) {
  if (s === '') return s;
  if (s.includes('+')) s = s.replace(/\+/g, '%20');
  if (decode === unescape && !s.includes('%')) return s;
  try {
    return decode(s);
  } catch {
    return QueryString.unescape(s, true);
  }
}

function parse(qs, sep, eq, options) {
  const obj = { __proto__: null };
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  sep = sep ? String(sep) : '&';
  eq = eq ? String(eq) : '=';
  // Every separated piece counts against maxKeys, empty ones included.
  let pairs = 1000;
  if (options && typeof options.maxKeys === 'number') pairs = options.maxKeys > 0 ? options.maxKeys : Infinity;
  let decode = QueryString.unescape;
  if (options && typeof options.decodeURIComponent === 'function') decode = options.decodeURIComponent;

  let start = 0;
  while (start <= qs.length && pairs > 0) {
    let end = qs.indexOf(sep, start);
    if (end === -1) end = qs.length;
    pairs--;
    if (end > start) {
      const eqAt = qs.indexOf(eq, start);
      let key;
      let value;
      if (eqAt === -1 || eqAt >= end) {
        key = qs.slice(start, end);
        value = '';
      } else {
        key = qs.slice(start, eqAt);
        value = qs.slice(eqAt + eq.length, end);
      }
      key = decodeComponent(key, decode);
      value = decodeComponent(value, decode);
      const existing = obj[key];
      if (existing === undefined) obj[key] = value;
      else if (typeof existing === 'string') obj[key] = [existing, value];
      else existing.push(value);
    }
    if (end === qs.length) break;
    start = end + sep.length;
  }
  return obj;
}

const QueryString = module.exports = {
  unescapeBuffer,
  unescape,
  escape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
};
