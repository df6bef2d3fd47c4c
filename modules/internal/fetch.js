'use strict';
// fetch() and its classes (Headers, Request, Response, FormData) as Node's
// built-in fetch has them, on shard's own http and https clients: bodies
// are web ReadableStreams, responses are decompressed, redirects followed.

const { kState } = require('internal/webstreams/util');

let web;
function streams() {
  web ??= require('internal/webstreams/readablestream');
  return web;
}

const kHeaders = Symbol('kHeaders');
const kGuard = Symbol('kGuard');
const kBody = Symbol('kBody');
const kInternals = Symbol('kInternals');

function webidlError(context, message) {
  return new TypeError(`${context}: ${message}`);
}

// ====================================================================
// Headers
// ====================================================================

const tokenRe = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// eslint-disable-next-line no-control-regex
const invalidValueRe = /[\0\r\n]/;

function normalizeValue(value) {
  return String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

function checkName(context, name) {
  if (!tokenRe.test(name)) throw webidlError(context, `"${name}" is an invalid header name.`);
}

function checkValue(context, name, value) {
  if (invalidValueRe.test(value)) {
    throw webidlError(context, `${JSON.stringify(value)} is an invalid header value.`);
  }
  void name;
}

class Headers {
  constructor(init = undefined) {
    // name (lower case) -> { name: as first given, values: [...] }
    this[kHeaders] = new Map();
    this[kGuard] = 'none';
    if (init === undefined || init === null) {
      if (init === null) throw webidlError('Headers constructor', 'Expected init to be an object');
      return;
    }
    fillHeaders(this, init, 'Headers constructor');
  }

  append(name, value) {
    assertHeaders(this, 'Headers.append');
    if (arguments.length < 2) throw webidlError('Headers.append', '2 arguments required');
    appendHeader(this, String(name), normalizeValue(value), 'Headers.append');
  }

  delete(name) {
    assertHeaders(this, 'Headers.delete');
    name = String(name);
    checkName('Headers.delete', name);
    if (this[kGuard] === 'immutable') throw webidlError('Headers.delete', 'immutable');
    this[kHeaders].delete(name.toLowerCase());
  }

  get(name) {
    assertHeaders(this, 'Headers.get');
    name = String(name);
    checkName('Headers.get', name);
    const entry = this[kHeaders].get(name.toLowerCase());
    if (entry === undefined) return null;
    return name.toLowerCase() === 'set-cookie' ? entry.values.join(', ') : entry.values.join(', ');
  }

  getSetCookie() {
    assertHeaders(this, 'Headers.getSetCookie');
    return this[kHeaders].get('set-cookie')?.values.slice() ?? [];
  }

  has(name) {
    assertHeaders(this, 'Headers.has');
    name = String(name);
    checkName('Headers.has', name);
    return this[kHeaders].has(name.toLowerCase());
  }

  set(name, value) {
    assertHeaders(this, 'Headers.set');
    if (arguments.length < 2) throw webidlError('Headers.set', '2 arguments required');
    name = String(name);
    value = normalizeValue(value);
    checkName('Headers.set', name);
    checkValue('Headers.set', name, value);
    if (this[kGuard] === 'immutable') throw webidlError('Headers.set', 'immutable');
    this[kHeaders].set(name.toLowerCase(), { name, values: [value] });
  }

  forEach(callback, thisArg = undefined) {
    assertHeaders(this, 'Headers.forEach');
    if (typeof callback !== 'function') {
      throw webidlError('Headers.forEach', "Value of 'callback' is not a function.");
    }
    for (const [name, value] of this) Reflect.apply(callback, thisArg, [value, name, this]);
  }

  *entries() {
    assertHeaders(this, 'Headers.entries');
    const names = [...this[kHeaders].keys()].sort();
    for (const name of names) {
      const entry = this[kHeaders].get(name);
      if (entry === undefined) continue;
      if (name === 'set-cookie') {
        for (const value of entry.values) yield [name, value];
      } else {
        yield [name, entry.values.join(', ')];
      }
    }
  }

  *keys() {
    for (const [name] of this.entries()) yield name;
  }

  *values() {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    const shown = {};
    for (const [name, value] of this) shown[name] = value;
    return `Headers ${inspect(shown, options)}`;
  }
}
Headers.prototype[Symbol.iterator] = Headers.prototype.entries;
Object.defineProperty(Headers.prototype, Symbol.toStringTag, { value: 'Headers', configurable: true });

function assertHeaders(value, context) {
  if (!(value instanceof Headers) || value[kHeaders] === undefined) {
    throw webidlError(context, 'Illegal invocation');
  }
}

function appendHeader(headers, name, value, context) {
  checkName(context, name);
  checkValue(context, name, value);
  if (headers[kGuard] === 'immutable') throw webidlError(context, 'immutable');
  const key = name.toLowerCase();
  const entry = headers[kHeaders].get(key);
  if (entry === undefined) headers[kHeaders].set(key, { name, values: [value] });
  else entry.values.push(value);
}

function fillHeaders(headers, init, context) {
  if (typeof init !== 'object' && typeof init !== 'function') {
    throw webidlError(context, 'Expected init to be an object');
  }
  if (init instanceof Headers) {
    for (const [key, entry] of init[kHeaders]) headers[kHeaders].set(key, { name: entry.name, values: entry.values.slice() });
    return;
  }
  if (typeof init[Symbol.iterator] === 'function') {
    for (const pair of init) {
      if (typeof pair === 'string' || typeof pair?.[Symbol.iterator] !== 'function') {
        throw webidlError(context, 'Sequence<sequence<ByteString>> expected');
      }
      const list = [...pair];
      if (list.length !== 2) throw webidlError(context, 'expected name/value pair to be length 2, found ' + list.length + '.');
      appendHeader(headers, String(list[0]), normalizeValue(list[1]), context);
    }
    return;
  }
  for (const key of Reflect.ownKeys(init)) {
    const desc = Reflect.getOwnPropertyDescriptor(init, key);
    if (desc === undefined || !desc.enumerable) continue;
    if (typeof key === 'symbol') throw webidlError(context, 'Key is a symbol, which cannot be converted to a ByteString.');
    appendHeader(headers, key, normalizeValue(init[key]), context);
  }
}

function headersFromRaw(rawHeaders, guard) {
  const headers = new Headers();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    const key = name.toLowerCase();
    const entry = headers[kHeaders].get(key);
    if (entry === undefined) headers[kHeaders].set(key, { name, values: [rawHeaders[i + 1]] });
    else entry.values.push(rawHeaders[i + 1]);
  }
  headers[kGuard] = guard;
  return headers;
}

// ====================================================================
// FormData
// ====================================================================

class FormData {
  constructor(form = undefined) {
    if (form !== undefined) throw webidlError('FormData constructor', 'Argument 1 is not of type HTMLFormElement');
    this[kInternals] = [];
  }

  append(name, value, filename = undefined) {
    if (arguments.length < 2) throw webidlError('FormData.append', '2 arguments required');
    this[kInternals].push(formEntry(name, value, filename, arguments.length > 2));
  }

  delete(name) {
    name = String(name);
    this[kInternals] = this[kInternals].filter((e) => e.name !== name);
  }

  get(name) {
    name = String(name);
    return this[kInternals].find((e) => e.name === name)?.value ?? null;
  }

  getAll(name) {
    name = String(name);
    return this[kInternals].filter((e) => e.name === name).map((e) => e.value);
  }

  has(name) {
    name = String(name);
    return this[kInternals].some((e) => e.name === name);
  }

  set(name, value, filename = undefined) {
    if (arguments.length < 2) throw webidlError('FormData.set', '2 arguments required');
    const entry = formEntry(name, value, filename, arguments.length > 2);
    const list = this[kInternals];
    const i = list.findIndex((e) => e.name === entry.name);
    if (i === -1) {
      list.push(entry);
    } else {
      list[i] = entry;
      this[kInternals] = list.filter((e, k) => k <= i || e.name !== entry.name);
    }
  }

  *entries() {
    for (const { name, value } of this[kInternals]) yield [name, value];
  }

  *keys() {
    for (const { name } of this[kInternals]) yield name;
  }

  *values() {
    for (const { value } of this[kInternals]) yield value;
  }

  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') {
      throw webidlError('FormData.forEach', "Value of 'callback' is not a function.");
    }
    for (const [name, value] of this) Reflect.apply(callback, thisArg, [value, name, this]);
  }
}
FormData.prototype[Symbol.iterator] = FormData.prototype.entries;
Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: 'FormData', configurable: true });

function formEntry(name, value, filename, hasFilename) {
  name = String(name);
  if (value instanceof Blob) {
    const { File } = require('buffer');
    if (!(value instanceof File) || hasFilename) {
      const fname = hasFilename ? String(filename) : (value instanceof File ? value.name : 'blob');
      value = new File([value], fname, { type: value.type, lastModified: value.lastModified });
    }
    return { name, value };
  }
  return { name, value: String(value) };
}

function escapeFormName(name) {
  return name.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
}

// multipart/form-data: the body's parts (strings and Blobs) and its boundary.
function serializeFormData(form) {
  const boundary = `----formdata-shard-${String(Math.random()).slice(2, 13).padStart(11, '0')}`;
  const parts = [];
  let length = 0;
  const enc = new TextEncoder();
  for (const { name, value } of form[kInternals]) {
    if (typeof value === 'string') {
      const chunk = enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeFormName(name)}"` +
        `\r\n\r\n${value.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n')}\r\n`);
      parts.push(chunk);
      length += chunk.byteLength;
    } else {
      const head = enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeFormName(name)}"` +
        `; filename="${escapeFormName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`);
      parts.push(head, value, enc.encode('\r\n'));
      length += head.byteLength + value.size + 2;
    }
  }
  const end = enc.encode(`--${boundary}--\r\n`);
  parts.push(end);
  length += end.byteLength;
  return { boundary, parts, length };
}

// ====================================================================
// Body mixin
// ====================================================================

// Turns a body init into { stream or source, length, type }.
function extractBody(init, keepalive = false) {
  void keepalive;
  if (typeof init === 'string') {
    const bytes = Buffer.from(init, 'utf8');
    return { source: bytes, length: bytes.length, type: 'text/plain;charset=UTF-8' };
  }
  if (init instanceof URLSearchParams) {
    const bytes = Buffer.from(init.toString(), 'utf8');
    return { source: bytes, length: bytes.length, type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  if (init instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && init instanceof SharedArrayBuffer)) {
    const bytes = Buffer.from(new Uint8Array(init).slice());
    return { source: bytes, length: bytes.length, type: null };
  }
  if (ArrayBuffer.isView(init)) {
    const bytes = Buffer.from(new Uint8Array(init.buffer, init.byteOffset, init.byteLength).slice());
    return { source: bytes, length: bytes.length, type: null };
  }
  if (init instanceof Blob) {
    return { source: init, length: init.size, type: init.type || null };
  }
  if (init instanceof FormData) {
    const { boundary, parts, length } = serializeFormData(init);
    return { source: new Blob(parts), length, type: `multipart/form-data; boundary=${boundary}` };
  }
  const R = streams();
  if (R.isReadableStream(init)) {
    if (init.locked || init[kState].disturbed) throw new TypeError('Response body object should not be disturbed or locked');
    return { stream: init, length: null, type: null };
  }
  if (init !== null && typeof init === 'object' && typeof init[Symbol.asyncIterator] === 'function') {
    return { stream: R.ReadableStream.from(init), length: null, type: null };
  }
  const bytes = Buffer.from(String(init), 'utf8');
  return { source: bytes, length: bytes.length, type: 'text/plain;charset=UTF-8' };
}

// The body's ReadableStream, made on first need.
function bodyStream(body) {
  if (body.stream === undefined) {
    const source = body.source;
    if (source instanceof Blob) {
      body.stream = source.stream();
    } else {
      const bytes = source;
      body.stream = new (streams().ReadableStream)({
        type: 'bytes',
        start(c) {
          if (bytes.length > 0) c.enqueue(new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)));
          c.close();
        },
      });
    }
  }
  return body.stream;
}

function bodyUnusable(body) {
  if (body === null) return false;
  const stream = body.stream;
  if (stream === undefined) return body.used === true;
  return stream.locked || stream[kState].disturbed;
}

async function consumeBody(self, context) {
  const body = self[kBody];
  if (bodyUnusable(body)) throw new TypeError('Body is unusable: Body has already been read');
  if (body === null) return Buffer.alloc(0);
  if (body.stream === undefined && body.source !== undefined) {
    body.used = true;
    if (body.source instanceof Blob) return Buffer.from(await body.source.arrayBuffer());
    return body.source;
  }
  const chunks = [];
  const reader = body.stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) {
      throw new TypeError(`${context}: Received non-Uint8Array chunk`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function mimeOf(self) {
  return self.headers.get('content-type') ?? '';
}

function addBodyMethods(klass, name) {
  Object.defineProperties(klass.prototype, {
    body: {
      get() {
        const body = this[kBody];
        return body === null ? null : bodyStream(body);
      },
      configurable: true, enumerable: true,
    },
    bodyUsed: {
      get() {
        const body = this[kBody];
        return body !== null && (body.used === true || (body.stream !== undefined && body.stream[kState].disturbed));
      },
      configurable: true, enumerable: true,
    },
  });
  klass.prototype.arrayBuffer = async function arrayBuffer() {
    const bytes = await consumeBody(this, `${name}.arrayBuffer`);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  };
  klass.prototype.bytes = async function bytes() {
    const b = await consumeBody(this, `${name}.bytes`);
    return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  klass.prototype.blob = async function blob() {
    const bytes = await consumeBody(this, `${name}.blob`);
    return new Blob([bytes], { type: mimeOf(this) });
  };
  klass.prototype.text = async function text() {
    const bytes = await consumeBody(this, `${name}.text`);
    return new TextDecoder().decode(bytes);
  };
  klass.prototype.json = async function json() {
    const bytes = await consumeBody(this, `${name}.json`);
    return JSON.parse(new TextDecoder().decode(bytes));
  };
  klass.prototype.formData = async function formData() {
    const type = mimeOf(this);
    const bytes = await consumeBody(this, `${name}.formData`);
    return parseFormData(type, bytes);
  };
}

function parseFormData(type, bytes) {
  const form = new FormData();
  if (/^application\/x-www-form-urlencoded/i.test(type)) {
    for (const [k, v] of new URLSearchParams(bytes.toString('utf8'))) form.append(k, v);
    return form;
  }
  const m = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
  if (!m) throw new TypeError('Response.formData: Could not parse content as FormData.');
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  let pos = bytes.indexOf(boundary);
  while (pos !== -1) {
    pos += boundary.length;
    if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) break;
    pos += 2; // CRLF
    const headEnd = bytes.indexOf('\r\n\r\n', pos);
    if (headEnd === -1) break;
    const head = bytes.subarray(pos, headEnd).toString('utf8');
    const next = bytes.indexOf(boundary, headEnd + 4);
    if (next === -1) break;
    const content = bytes.subarray(headEnd + 4, next - 2);
    const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    if (filename !== undefined) {
      const ctype = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '';
      const { File } = require('buffer');
      form.append(name, new File([content], filename, { type: ctype }));
    } else {
      form.append(name, content.toString('utf8'));
    }
    pos = next;
  }
  return form;
}

function cloneBody(body) {
  if (body === null) return null;
  if (bodyUnusable(body)) throw new TypeError('Response.clone: Body has already been consumed.');
  if (body.stream === undefined) return { ...body };
  const [a, b] = body.stream.tee();
  body.stream = a;
  return { stream: b, length: body.length, type: body.type };
}

// ====================================================================
// Response
// ====================================================================

const nullBodyStatus = new Set([101, 103, 204, 205, 304]);
const redirectStatus = new Set([301, 302, 303, 307, 308]);

class Response {
  constructor(body = null, init = {}) {
    if (init !== null && typeof init !== 'object') throw webidlError('Response constructor', 'init must be an object');
    const status = init?.status ?? 200;
    if (!Number.isInteger(Number(status)) || status < 200 || status > 599) {
      throw new RangeError(`init["status"] must be in the range of 200 to 599, inclusive.`);
    }
    const statusText = init?.statusText ?? '';
    if (/[^\t\x20-\x7e\x80-\xff]/.test(statusText)) throw new TypeError('Invalid statusText');
    this[kInternals] = { type: 'default', url: null, urlList: [], status: Number(status), statusText: String(statusText) };
    this[kHeaders] = new Headers(init?.headers);
    this[kHeaders][kGuard] = 'response';
    this[kBody] = null;
    if (body !== null && body !== undefined) {
      if (nullBodyStatus.has(this[kInternals].status)) {
        throw new TypeError('Response constructor: Invalid response status code ' + this[kInternals].status);
      }
      const extracted = extractBody(body);
      this[kBody] = extracted;
      if (extracted.type && !this[kHeaders].has('content-type')) this[kHeaders].set('content-type', extracted.type);
    }
  }

  static error() {
    const r = new Response(null, { status: 200 });
    r[kInternals].type = 'error';
    r[kInternals].status = 0;
    r[kHeaders][kGuard] = 'immutable';
    return r;
  }

  static json(data, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const headers = new Headers(init?.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new Response(text, { ...init, headers });
  }

  static redirect(url, status = 302) {
    const parsed = new URL(String(url));
    if (!redirectStatus.has(status)) throw new RangeError(`Invalid status code ${status}`);
    const r = new Response(null, { status });
    r[kHeaders].set('location', parsed.href);
    r[kHeaders][kGuard] = 'immutable';
    return r;
  }

  get type() { return this[kInternals].type; }
  get url() { return this[kInternals].urlList.at(-1)?.toString() ?? ''; }
  get redirected() { return this[kInternals].urlList.length > 1; }
  get status() { return this[kInternals].status; }
  get ok() { return this[kInternals].status >= 200 && this[kInternals].status <= 299; }
  get statusText() { return this[kInternals].statusText; }
  get headers() { return this[kHeaders]; }

  clone() {
    const r = Object.create(Response.prototype);
    r[kInternals] = { ...this[kInternals], urlList: this[kInternals].urlList.slice() };
    r[kHeaders] = new Headers(this[kHeaders]);
    r[kHeaders][kGuard] = this[kHeaders][kGuard];
    r[kBody] = cloneBody(this[kBody]);
    return r;
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    const shown = {
      status: this.status, statusText: this.statusText, headers: this.headers, body: this.body,
      bodyUsed: this.bodyUsed, ok: this.ok, redirected: this.redirected, type: this.type, url: this.url,
    };
    return `Response ${inspect(shown, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
addBodyMethods(Response, 'Response');
Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: 'Response', configurable: true });

// ====================================================================
// Request
// ====================================================================

const forbiddenMethods = new Set(['CONNECT', 'TRACE', 'TRACK']);
const normalizedMethods = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

class Request {
  constructor(input, init = {}) {
    if (arguments.length < 1) throw webidlError('Request constructor', '1 argument required, but only 0 present.');
    if (init !== null && init !== undefined && typeof init !== 'object') {
      throw webidlError('Request constructor', 'init must be an object');
    }
    init ??= {};
    let base;
    if (input instanceof Request) {
      base = input;
    } else {
      let url;
      try {
        url = new URL(String(input));
      } catch (err) {
        throw new TypeError('Failed to parse URL from ' + String(input), { cause: err });
      }
      if (url.username || url.password) {
        throw new TypeError('Request cannot be constructed from a URL that includes credentials: ' + String(input));
      }
      base = null;
      this[kInternals] = { url };
    }
    const internals = {
      url: base ? base[kInternals].url : this[kInternals].url,
      method: base ? base[kInternals].method : 'GET',
      redirect: base ? base[kInternals].redirect : 'follow',
      mode: base ? base[kInternals].mode : 'cors',
      credentials: base ? base[kInternals].credentials : 'same-origin',
      cache: base ? base[kInternals].cache : 'default',
      referrer: base ? base[kInternals].referrer : 'about:client',
      referrerPolicy: base ? base[kInternals].referrerPolicy : '',
      integrity: base ? base[kInternals].integrity : '',
      keepalive: base ? base[kInternals].keepalive : false,
      duplex: 'half',
      signal: base ? base[kInternals].signal : undefined,
    };
    if (init.method !== undefined) {
      let m = String(init.method);
      if (!tokenRe.test(m)) throw new TypeError(`'${m}' is not a valid HTTP method.`);
      const upper = m.toUpperCase();
      if (forbiddenMethods.has(upper)) throw new TypeError(`'${m}' HTTP method is unsupported.`);
      if (normalizedMethods.has(upper)) m = upper;
      internals.method = m;
    }
    if (init.redirect !== undefined) {
      if (!['follow', 'error', 'manual'].includes(init.redirect)) {
        throw new TypeError(`Request constructor: ${init.redirect} is not an accepted type. Expected one of follow, error, manual.`);
      }
      internals.redirect = init.redirect;
    }
    for (const key of ['mode', 'credentials', 'cache', 'referrerPolicy', 'integrity']) {
      if (init[key] !== undefined) internals[key] = String(init[key]);
    }
    if (init.referrer !== undefined) internals.referrer = init.referrer === '' ? '' : String(init.referrer);
    if (init.keepalive !== undefined) internals.keepalive = Boolean(init.keepalive);
    if (init.signal !== undefined && init.signal !== null) {
      if (!(init.signal instanceof AbortSignal)) {
        throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      }
      internals.signal = init.signal;
    }
    // The request's own signal follows the given one.
    const ac = new AbortController();
    if (internals.signal) {
      if (internals.signal.aborted) ac.abort(internals.signal.reason);
      else internals.signal.addEventListener('abort', () => ac.abort(internals.signal.reason), { once: true });
    }
    internals.ownSignal = ac.signal;
    this[kInternals] = internals;
    this[kHeaders] = new Headers(init.headers !== undefined ? init.headers : base?.[kHeaders]);
    this[kHeaders][kGuard] = 'request';
    let body = null;
    const initBody = init.body;
    if (initBody !== undefined && initBody !== null) {
      if (internals.method === 'GET' || internals.method === 'HEAD') {
        throw new TypeError('Request with GET/HEAD method cannot have body.');
      }
      body = extractBody(initBody, internals.keepalive);
      if (body.stream !== undefined && init.duplex !== 'half') {
        throw new TypeError('RequestInit: duplex option is required when sending a body.');
      }
      if (body.type && !this[kHeaders].has('content-type')) this[kHeaders].set('content-type', body.type);
    } else if (base && (initBody === undefined)) {
      const inputBody = base[kBody];
      if (inputBody !== null && bodyUnusable(inputBody)) {
        throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
      }
      body = inputBody;
      if (inputBody !== null && inputBody.stream !== undefined) inputBody.stream[kState].disturbed = true;
    }
    this[kBody] = body;
  }

  get method() { return this[kInternals].method; }
  get url() { return this[kInternals].url.href; }
  get headers() { return this[kHeaders]; }
  get destination() { return ''; }
  get referrer() {
    const r = this[kInternals].referrer;
    return r === 'about:client' ? 'about:client' : r;
  }
  get referrerPolicy() { return this[kInternals].referrerPolicy; }
  get mode() { return this[kInternals].mode; }
  get credentials() { return this[kInternals].credentials; }
  get cache() { return this[kInternals].cache; }
  get redirect() { return this[kInternals].redirect; }
  get integrity() { return this[kInternals].integrity; }
  get keepalive() { return this[kInternals].keepalive; }
  get isReloadNavigation() { return false; }
  get isHistoryNavigation() { return false; }
  get signal() { return this[kInternals].ownSignal; }
  get duplex() { return 'half'; }

  clone() {
    if (bodyUnusable(this[kBody])) throw new TypeError('Request.clone: Body has already been consumed.');
    const r = Object.create(Request.prototype);
    r[kInternals] = { ...this[kInternals] };
    r[kHeaders] = new Headers(this[kHeaders]);
    r[kHeaders][kGuard] = 'request';
    r[kBody] = cloneBody(this[kBody]);
    return r;
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    const shown = {
      method: this.method, url: this.url, headers: this.headers, destination: this.destination,
      referrer: this.referrer, referrerPolicy: this.referrerPolicy, mode: this.mode,
      credentials: this.credentials, cache: this.cache, redirect: this.redirect, integrity: this.integrity,
      keepalive: this.keepalive, isReloadNavigation: false, isHistoryNavigation: false, signal: this.signal,
    };
    return `Request ${inspect(shown, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
addBodyMethods(Request, 'Request');
Object.defineProperty(Request.prototype, Symbol.toStringTag, { value: 'Request', configurable: true });

// ====================================================================
// fetch
// ====================================================================

let agents;
function agentFor(protocol) {
  agents ??= {};
  if (!agents[protocol]) {
    const mod = protocol === 'https:' ? require('https') : require('http');
    agents[protocol] = new mod.Agent({ keepAlive: true });
  }
  return agents[protocol];
}

function fetchFailed(cause) {
  return new TypeError('fetch failed', { cause });
}

function abortReason(signal) {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function fetch(input, init = undefined) {
  let request;
  try {
    request = new Request(input, init);
  } catch (err) {
    return Promise.reject(err);
  }
  const signal = request.signal;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  const url = request[kInternals].url;
  if (url.protocol === 'data:') return fetchData(url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(fetchFailed(new TypeError('unknown scheme')));
  }
  if (isBadPort(url)) return Promise.reject(fetchFailed(new Error('bad port')));
  return httpFetch(request, url, request.method, request[kHeaders], request[kBody], [url], 0);
}

// The Fetch Standard's blocked ports.
const badPorts = new Set([1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95,
  101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512,
  513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723,
  2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);
function isBadPort(url) {
  return url.port !== '' && badPorts.has(Number(url.port));
}

function fetchData(url) {
  return new Promise((resolve, reject) => {
    const m = /^data:([^,]*?)(;base64)?,(.*)$/s.exec(url.href);
    if (!m) {
      reject(fetchFailed(new TypeError('invalid data: URL')));
      return;
    }
    const type = m[1] || 'text/plain;charset=US-ASCII';
    const bytes = m[2] ? Buffer.from(decodeURIComponent(m[3]), 'base64') : Buffer.from(decodeURIComponent(m[3]), 'latin1');
    const response = new Response(bytes, { status: 200, statusText: 'OK', headers: { 'content-type': type } });
    response[kInternals].urlList = [url];
    resolve(response);
  });
}

function httpFetch(request, url, method, headers, body, urlList, redirects) {
  return new Promise((resolve, reject) => {
    const signal = request.signal;
    const mod = url.protocol === 'https:' ? require('https') : require('http');
    const outHeaders = {};
    for (const [name, value] of headers) {
      if (name === 'set-cookie') continue;
      if (outHeaders[name] === undefined) outHeaders[name] = value;
      else outHeaders[name] = [].concat(outHeaders[name], value);
    }
    outHeaders.accept ??= '*/*';
    outHeaders['accept-language'] ??= '*';
    outHeaders['sec-fetch-mode'] ??= 'cors';
    outHeaders['user-agent'] ??= 'node';
    outHeaders['accept-encoding'] ??= 'gzip, deflate';
    if (body !== null && body.length !== null && body.length !== undefined) {
      outHeaders['content-length'] = String(body.length);
    } else if (body === null && (method === 'POST' || method === 'PUT')) {
      outHeaders['content-length'] = '0';
    }
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(abortReason(signal));
    };
    const req = mod.request({
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port || undefined,
      path: url.pathname + url.search,
      method,
      headers: outHeaders,
      agent: agentFor(url.protocol),
    }, (res) => {
      signal.removeEventListener('abort', onAbort);
      const status = res.statusCode;
      const location = res.headers.location;
      if (redirectStatus.has(status) && location !== undefined && request.redirect !== 'manual') {
        res.resume();
        if (request.redirect === 'error') {
          settled = true;
          reject(fetchFailed(new Error('unexpected redirect')));
          return;
        }
        if (redirects >= 20) {
          settled = true;
          reject(fetchFailed(new Error('redirect count exceeded')));
          return;
        }
        let next;
        try {
          next = new URL(location, url);
        } catch (err) {
          settled = true;
          reject(fetchFailed(err));
          return;
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          settled = true;
          reject(fetchFailed(new TypeError('URL scheme must be a HTTP(S) scheme')));
          return;
        }
        if (isBadPort(next)) {
          settled = true;
          reject(fetchFailed(new Error('bad port')));
          return;
        }
        let nextMethod = method;
        let nextBody = body;
        const nextHeaders = new Headers(headers);
        if (((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD')) {
          nextMethod = 'GET';
          nextBody = null;
          for (const h of ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length']) {
            nextHeaders.delete(h);
          }
        } else if (nextBody !== null && nextBody.source === undefined) {
          // A streamed body cannot be sent twice.
          settled = true;
          reject(fetchFailed(new TypeError('Cannot follow redirect with a streamed body')));
          return;
        }
        if (next.origin !== url.origin) {
          nextHeaders.delete('authorization');
          nextHeaders.delete('cookie');
          nextHeaders.delete('proxy-authorization');
          nextHeaders.delete('host');
        }
        settled = true;
        resolve(httpFetch(request, next, nextMethod, nextHeaders, nextBody, [...urlList, next], redirects + 1));
        return;
      }
      settled = true;
      resolve(makeResponse(res, method, urlList, signal));
    });
    req.on('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      if (settled) return;
      settled = true;
      reject(fetchFailed(err));
    });
    signal.addEventListener('abort', onAbort, { once: true });
    sendBody(req, body).catch((err) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(fetchFailed(err));
    });
  });
}

async function sendBody(req, body) {
  if (body === null) {
    req.end();
    return;
  }
  if (body.stream === undefined && body.source !== undefined) {
    if (body.source instanceof Blob) req.end(Buffer.from(await body.source.arrayBuffer()));
    else req.end(body.source);
    return;
  }
  const reader = body.stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!req.write(value)) await new Promise((resolve) => req.once('drain', resolve));
  }
  req.end();
}

function makeResponse(res, method, urlList, signal) {
  const status = res.statusCode;
  const headers = headersFromRaw(res.rawHeaders, 'immutable');
  const response = Object.create(Response.prototype);
  response[kInternals] = { type: 'basic', url: null, urlList, status, statusText: res.statusMessage ?? '' };
  response[kHeaders] = headers;
  if (method === 'HEAD' || nullBodyStatus.has(status)) {
    res.resume();
    response[kBody] = null;
    return response;
  }
  // Content codings, undone in the order they were applied.
  let source = res;
  const codings = (res.headers['content-encoding'] ?? '').toLowerCase().split(',').map((s) => s.trim()).filter(Boolean);
  if (codings.length > 0 && codings.length <= 5) {
    const zlib = require('zlib');
    for (const coding of codings.reverse()) {
      let decoder;
      if (coding === 'gzip' || coding === 'x-gzip') {
        decoder = zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
      } else if (coding === 'deflate') {
        decoder = zlib.createInflate();
      } else if (coding === 'br') {
        decoder = zlib.createBrotliDecompress();
      } else {
        break;
      }
      source.on('error', (err) => decoder.destroy(err));
      source = source.pipe(decoder);
    }
  }
  const R = streams();
  let paused = false;
  const stream = new R.ReadableStream({
    type: 'bytes',
    start(controller) {
      source.on('data', (chunk) => {
        if (chunk.length === 0) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
        if (controller.desiredSize <= 0 && !paused) {
          paused = true;
          source.pause();
        }
      });
      source.on('end', () => {
        try {
          controller.close();
          controller.byobRequest?.respond(0);
        } catch {
          // Already closed or cancelled.
        }
      });
      source.on('error', (err) => {
        try {
          controller.error(new TypeError('terminated', { cause: err }));
        } catch {
          // Already errored.
        }
      });
      res.on('aborted', () => {
        try {
          controller.error(new TypeError('terminated', { cause: new Error('other side closed') }));
        } catch {
          // Already errored.
        }
      });
      signal.addEventListener('abort', () => {
        try {
          controller.error(abortReason(signal));
        } catch {
          // Already closed.
        }
        res.destroy();
      }, { once: true });
    },
    pull() {
      if (paused) {
        paused = false;
        source.resume();
      }
    },
    cancel() {
      res.destroy();
    },
  }, { highWaterMark: 65536 });
  response[kBody] = { stream, length: null, type: null };
  return response;
}

Object.defineProperty(fetch, 'name', { value: 'fetch' });

module.exports = { fetch, Headers, Request, Response, FormData };
