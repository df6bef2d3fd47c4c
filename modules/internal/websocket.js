'use strict';
// The WebSocket global (WHATWG WebSockets, RFC 6455 client): the opening
// handshake is an HTTP/1.1 GET with Upgrade on shard's http/https clients;
// after the 101, frames are read and written on the upgraded socket here
// (client frames masked, fragmented messages reassembled, pings answered,
// the closing handshake, UTF-8 checked). No extensions are offered.

const { Event, EventTarget, defineEventHandler } = require('internal/event_target');
const { codes: { ERR_MISSING_ARGS } } = require('internal/errors');

const kGUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

const kState = Symbol('kState');

let DOMException;
function domException(message, name) {
  DOMException ??= require('internal/per_context/domexception').DOMException;
  return new DOMException(message, name);
}

let MessageEvent;
function messageEvent(data, origin) {
  MessageEvent ??= require('internal/worker/messaging').MessageEvent;
  return new MessageEvent('message', { data, origin });
}

class CloseEvent extends Event {
  #wasClean;
  #code;
  #reason;

  constructor(type, options = {}) {
    super(type, options);
    this.#wasClean = !!options?.wasClean;
    this.#code = options?.code ?? 0;
    this.#reason = `${options?.reason ?? ''}`;
  }

  get wasClean() {
    return this.#wasClean;
  }

  get code() {
    return this.#code;
  }

  get reason() {
    return this.#reason;
  }
}

class ErrorEvent extends Event {
  #message;
  #error;

  constructor(type, options = {}) {
    super(type, options);
    this.#message = `${options?.message ?? ''}`;
    this.#error = options?.error;
  }

  get message() {
    return this.#message;
  }

  get error() {
    return this.#error;
  }

  get filename() {
    return '';
  }

  get lineno() {
    return 0;
  }

  get colno() {
    return 0;
  }
}

// Token characters allowed in a subprotocol name (RFC 7230 tchar).
const kToken = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function parseUrl(url) {
  const { URL } = require('internal/url');
  let parsed;
  try {
    parsed = new URL(`${url}`);
  } catch (err) {
    throw domException(`${err}`, 'SyntaxError');
  }
  if (parsed.protocol === 'http:') parsed.protocol = 'ws:';
  else if (parsed.protocol === 'https:') parsed.protocol = 'wss:';
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw domException(`Expected a ws: or wss: protocol, got ${parsed.protocol}`, 'SyntaxError');
  }
  if (parsed.hash !== '' || parsed.href.endsWith('#')) throw domException('Got fragment', 'SyntaxError');
  return parsed;
}

class WebSocket extends EventTarget {
  constructor(url, protocols = []) {
    super();
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    let options;
    if (protocols !== null && typeof protocols === 'object' && !Array.isArray(protocols) &&
        typeof protocols[Symbol.iterator] !== 'function') {
      // undici's extension: new WebSocket(url, { protocols, headers }).
      options = protocols;
      protocols = options.protocols ?? [];
    }
    const parsed = parseUrl(url);
    if (typeof protocols === 'string') protocols = [protocols];
    protocols = [...protocols].map((p) => `${p}`);
    if (new Set(protocols.map((p) => p.toLowerCase())).size !== protocols.length ||
        protocols.some((p) => !kToken.test(p))) {
      throw domException('Invalid Sec-WebSocket-Protocol value', 'SyntaxError');
    }
    this[kState] = {
      url: parsed.href,
      readyState: CONNECTING,
      binaryType: 'blob',
      protocol: '',
      extensions: '',
      bufferedAmount: 0,
      socket: null,
      request: null,
      // Receive side: bytes not yet parsed, and the message being assembled.
      pending: [],
      pendingLength: 0,
      fragments: [],
      fragmentOpcode: 0,
      closeSent: false,
      closeReceived: false,
      closeCode: 1005,
      closeReason: '',
      closedFired: false,
    };
    connect(this, parsed, protocols, options);
  }

  get readyState() {
    return this[kState].readyState;
  }

  get bufferedAmount() {
    return this[kState].bufferedAmount;
  }

  get url() {
    return this[kState].url;
  }

  get extensions() {
    return this[kState].extensions;
  }

  get protocol() {
    return this[kState].protocol;
  }

  get binaryType() {
    return this[kState].binaryType;
  }

  set binaryType(type) {
    // As Node (undici): anything but 'arraybuffer' means 'blob'.
    this[kState].binaryType = type === 'arraybuffer' ? 'arraybuffer' : 'blob';
  }

  send(data) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('data');
    const state = this[kState];
    if (state.readyState === CONNECTING) throw domException('Sent before connected.', 'InvalidStateError');
    let opcode;
    let payload;
    if (typeof data === 'string') {
      opcode = 1;
      payload = Buffer.from(data, 'utf8');
    } else if (data instanceof ArrayBuffer) {
      opcode = 2;
      payload = Buffer.from(new Uint8Array(data).slice());
    } else if (ArrayBuffer.isView(data)) {
      opcode = 2;
      payload = Buffer.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice());
    } else if (isBlob(data)) {
      // A Blob's bytes are read first; frames leave in the order sent.
      const size = data.size;
      state.bufferedAmount += size;
      const previous = state.sendChain ?? Promise.resolve();
      state.sendChain = previous.then(() => data.arrayBuffer()).then((ab) => {
        state.bufferedAmount -= size;
        if (state.readyState === OPEN) sendFrame(this, 2, Buffer.from(ab));
      });
      return;
    } else {
      opcode = 1;
      payload = Buffer.from(`${data}`, 'utf8');
    }
    if (state.readyState !== OPEN) {
      // CLOSING or CLOSED: the bytes count as buffered, and are dropped.
      state.bufferedAmount += payload.length;
      return;
    }
    if (state.sendChain !== undefined) {
      const bytes = payload;
      state.bufferedAmount += bytes.length;
      state.sendChain = state.sendChain.then(() => {
        state.bufferedAmount -= bytes.length;
        if (state.readyState === OPEN) sendFrame(this, opcode, bytes);
      });
      return;
    }
    sendFrame(this, opcode, payload);
  }

  close(code = undefined, reason = undefined) {
    if (code !== undefined) {
      code = Number(code);
      if (code !== 1000 && !(code >= 3000 && code <= 4999)) throw domException('invalid code', 'InvalidAccessError');
    }
    let reasonBytes = Buffer.alloc(0);
    if (reason !== undefined) {
      reasonBytes = Buffer.from(`${reason}`, 'utf8');
      if (reasonBytes.length > 123) {
        throw domException(`Reason must be less than 123 bytes; received ${reasonBytes.length}`, 'SyntaxError');
      }
    }
    const state = this[kState];
    if (state.readyState === CLOSING || state.readyState === CLOSED) return;
    if (state.readyState === CONNECTING) {
      // Fail the connection: the handshake never completes.
      // The events come later, as tasks.
      state.readyState = CLOSING;
      if (state.request !== null) {
        state.request.destroy();
        state.request = null;
      }
      setImmediate(failConnection, this, 1006, '',
        new Error('WebSocket was closed before the connection was established'));
      return;
    }
    state.readyState = CLOSING;
    sendClose(this, code, reasonBytes);
  }
}

const constants = {
  CONNECTING: { value: CONNECTING, enumerable: true },
  OPEN: { value: OPEN, enumerable: true },
  CLOSING: { value: CLOSING, enumerable: true },
  CLOSED: { value: CLOSED, enumerable: true },
};
Object.defineProperties(WebSocket, constants);
Object.defineProperties(WebSocket.prototype, {
  ...constants,
  close: { enumerable: true },
  send: { enumerable: true },
  readyState: { enumerable: true },
  bufferedAmount: { enumerable: true },
  url: { enumerable: true },
  extensions: { enumerable: true },
  protocol: { enumerable: true },
  binaryType: { enumerable: true },
  [Symbol.toStringTag]: { configurable: true, value: 'WebSocket' },
});
for (const name of ['open', 'error', 'close', 'message']) defineEventHandler(WebSocket.prototype, name);

function isBlob(value) {
  const { isBlob: check } = require('internal/blob');
  return check(value);
}

// ---- handshake ----

function connect(ws, url, protocols, options) {
  const state = ws[kState];
  const crypto = require('crypto');
  const key = crypto.randomBytes(16).toString('base64');
  const secure = url.protocol === 'wss:';
  const http = secure ? require('https') : require('http');
  const headers = {
    ...(options?.headers ?? {}),
    'Upgrade': 'websocket',
    'Connection': 'Upgrade',
    'Sec-WebSocket-Key': key,
    'Sec-WebSocket-Version': '13',
  };
  if (protocols.length > 0) headers['Sec-WebSocket-Protocol'] = protocols.join(', ');
  let request;
  try {
    request = http.request({
      protocol: secure ? 'https:' : 'http:',
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers,
      agent: false,
    });
  } catch (err) {
    process.nextTick(failConnection, ws, 1006, '', err);
    return;
  }
  state.request = request;
  request.on('error', (err) => {
    if (state.request === request) failConnection(ws, 1006, '', err);
  });
  request.on('response', (res) => {
    res.resume();
    failConnection(ws, 1006, '', new Error(`Received network error or non-101 status code (${res.statusCode}).`));
  });
  request.on('upgrade', (res, socket, head) => {
    state.request = null;
    const fail = (message) => {
      socket.destroy();
      failConnection(ws, 1006, '', new Error(message));
    };
    if (state.readyState !== CONNECTING) {
      socket.destroy();
      return;
    }
    if (res.statusCode !== 101) return fail('Received network error or non-101 status code.');
    if (`${res.headers.upgrade}`.toLowerCase() !== 'websocket') return fail('Server did not set Upgrade to websocket.');
    if (!`${res.headers.connection}`.toLowerCase().split(/\s*,\s*/).includes('upgrade')) {
      return fail('Server did not set Connection to upgrade.');
    }
    const expected = crypto.createHash('sha1').update(key + kGUID).digest('base64');
    if (res.headers['sec-websocket-accept'] !== expected) return fail('Incorrect hash received in Sec-WebSocket-Accept header');
    if (res.headers['sec-websocket-extensions'] !== undefined) return fail('Received unexpected Sec-WebSocket-Extensions');
    const protocol = res.headers['sec-websocket-protocol'];
    if (protocol !== undefined && !protocols.includes(protocol)) return fail('Protocol was not set in the opening handshake.');
    state.protocol = protocol ?? '';
    state.socket = socket;
    state.readyState = OPEN;
    socket.setNoDelay?.(true);
    socket.on('data', (chunk) => onData(ws, chunk));
    socket.on('close', () => onSocketClose(ws));
    socket.on('error', () => {});
    socket.on('end', () => socket.end());
    ws.dispatchEvent(new Event('open'));
    if (head && head.length > 0) onData(ws, head);
  });
  request.end();
}

function failConnection(ws, code, reason, error) {
  const state = ws[kState];
  if (state.closedFired) return;
  if (state.request !== null) {
    state.request.destroy();
    state.request = null;
  }
  const wasOpen = state.readyState === OPEN || state.readyState === CLOSING;
  state.readyState = CLOSED;
  if (state.socket !== null) state.socket.destroy();
  state.closedFired = true;
  if (error !== undefined) {
    const message = error?.message ?? 'Received network error or non-101 status code.';
    ws.dispatchEvent(new ErrorEvent('error', { message, error }));
  }
  void wasOpen;
  ws.dispatchEvent(new CloseEvent('close', { wasClean: false, code, reason }));
}

// ---- frames out ----

function sendFrame(ws, opcode, payload) {
  const state = ws[kState];
  const socket = state.socket;
  const len = payload.length;
  let headerLen = 2;
  if (len >= 65536) headerLen += 8;
  else if (len >= 126) headerLen += 2;
  const frame = Buffer.allocUnsafe(headerLen + 4 + len);
  frame[0] = 0x80 | opcode;
  if (len >= 65536) {
    frame[1] = 0x80 | 127;
    frame.writeUInt32BE(Math.floor(len / 2 ** 32), 2);
    frame.writeUInt32BE(len >>> 0, 6);
  } else if (len >= 126) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(len, 2);
  } else {
    frame[1] = 0x80 | len;
  }
  const mask = require('crypto').randomBytes(4);
  mask.copy(frame, headerLen);
  const body = headerLen + 4;
  for (let i = 0; i < len; i++) frame[body + i] = payload[i] ^ mask[i & 3];
  state.bufferedAmount += len;
  socket.write(frame, () => {
    state.bufferedAmount -= len;
  });
}

function sendClose(ws, code, reasonBytes) {
  const state = ws[kState];
  if (state.closeSent || state.socket === null) return;
  state.closeSent = true;
  let payload = Buffer.alloc(0);
  if (code !== undefined) {
    payload = Buffer.allocUnsafe(2 + reasonBytes.length);
    payload.writeUInt16BE(code, 0);
    reasonBytes.copy(payload, 2);
  }
  sendFrame(ws, 8, payload);
  // The server closes the TCP connection after its close frame; if it never
  // does, give up after a while.
  const timer = setTimeout(() => state.socket?.destroy(), 30000);
  timer.unref();
}

// ---- frames in ----

function onData(ws, chunk) {
  const state = ws[kState];
  state.pending.push(chunk);
  state.pendingLength += chunk.length;
  for (;;) {
    if (state.readyState === CLOSED) return;
    const buf = state.pending.length === 1 ? state.pending[0] : Buffer.concat(state.pending, state.pendingLength);
    state.pending = [buf];
    if (buf.length < 2) return;
    const fin = (buf[0] & 0x80) !== 0;
    const rsv = buf[0] & 0x70;
    const opcode = buf[0] & 0x0f;
    const masked = (buf[1] & 0x80) !== 0;
    let len = buf[1] & 0x7f;
    let offset = 2;
    if (len === 126) {
      if (buf.length < 4) return;
      len = buf.readUInt16BE(2);
      offset = 4;
    } else if (len === 127) {
      if (buf.length < 10) return;
      const high = buf.readUInt32BE(2);
      if (high > 0x1fffff) return protocolError(ws, 1009, 'Payload too large');
      len = high * 2 ** 32 + buf.readUInt32BE(6);
      offset = 10;
    }
    if (masked) offset += 4;
    if (buf.length < offset + len) return;
    let payload = buf.subarray(offset, offset + len);
    if (masked) {
      const mask = buf.subarray(offset - 4, offset);
      payload = Buffer.from(payload);
      for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
    }
    const rest = buf.subarray(offset + len);
    state.pending = rest.length > 0 ? [rest] : [];
    state.pendingLength = rest.length;
    // Servers must not mask, and no extension was agreed.
    if (masked) return protocolError(ws, 1002, 'Received masked frame');
    if (rsv !== 0) return protocolError(ws, 1002, 'Received a frame with RSV bits set');
    if (!handleFrame(ws, fin, opcode, payload)) return;
  }
}

function handleFrame(ws, fin, opcode, payload) {
  const state = ws[kState];
  if (opcode >= 8) {
    if (!fin || payload.length > 125) return protocolError(ws, 1002, 'Invalid control frame');
    if (opcode === 8) {
      onCloseFrame(ws, payload);
      return false;
    }
    if (opcode === 9) {
      if (state.readyState === OPEN) sendFrame(ws, 10, payload);
      return true;
    }
    if (opcode === 10) return true;
    return protocolError(ws, 1002, 'Unknown opcode');
  }
  if (opcode === 0) {
    if (state.fragmentOpcode === 0) return protocolError(ws, 1002, 'Unexpected continuation frame');
  } else if (opcode === 1 || opcode === 2) {
    if (state.fragmentOpcode !== 0) return protocolError(ws, 1002, 'Expected a continuation frame');
    state.fragmentOpcode = opcode;
  } else {
    return protocolError(ws, 1002, 'Unknown opcode');
  }
  state.fragments.push(payload);
  if (!fin) return true;
  const data = state.fragments.length === 1 ? state.fragments[0] : Buffer.concat(state.fragments);
  const type = state.fragmentOpcode;
  state.fragments = [];
  state.fragmentOpcode = 0;
  if (state.readyState !== OPEN) return true;
  let value;
  if (type === 1) {
    const { TextDecoder } = require('internal/encoding');
    try {
      value = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      return protocolError(ws, 1007, 'Invalid UTF-8 in a text frame');
    }
  } else if (state.binaryType === 'arraybuffer') {
    value = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  } else {
    const { Blob } = require('internal/blob');
    value = new Blob([data]);
  }
  const { origin } = new (require('internal/url').URL)(state.url);
  ws.dispatchEvent(messageEvent(value, origin));
  return true;
}

function onCloseFrame(ws, payload) {
  const state = ws[kState];
  state.closeReceived = true;
  let code = 1005;
  let reason = '';
  if (payload.length === 1) return protocolError(ws, 1002, 'Invalid close frame');
  if (payload.length >= 2) {
    code = payload.readUInt16BE(0);
    const { TextDecoder } = require('internal/encoding');
    try {
      reason = new TextDecoder('utf-8', { fatal: true }).decode(payload.subarray(2));
    } catch {
      return protocolError(ws, 1007, 'Invalid UTF-8 in the close reason');
    }
  }
  state.closeCode = code;
  state.closeReason = reason;
  if (state.readyState === OPEN) state.readyState = CLOSING;
  // Echo the close (with its code) unless we started the closing handshake.
  if (!state.closeSent) {
    const echo = code === 1005 ? undefined : code;
    sendClose(ws, echo, Buffer.alloc(0));
  }
  // The server ends the TCP connection; our side ends too.
  state.socket.end();
}

function protocolError(ws, code, message) {
  const state = ws[kState];
  if (!state.closeSent && state.socket !== null) sendClose(ws, code, Buffer.alloc(0));
  state.closeCode = 1006;
  state.socket?.destroy();
  failConnection(ws, 1006, '', new Error(message));
  return false;
}

function onSocketClose(ws) {
  const state = ws[kState];
  if (state.closedFired) return;
  state.readyState = CLOSED;
  state.closedFired = true;
  const wasClean = state.closeSent && state.closeReceived;
  const code = state.closeReceived ? state.closeCode : 1006;
  const reason = state.closeReceived ? state.closeReason : '';
  if (!wasClean && !state.closeReceived) {
    ws.dispatchEvent(new ErrorEvent('error', { message: 'The connection was closed abnormally.' }));
  }
  ws.dispatchEvent(new CloseEvent('close', { wasClean, code, reason }));
}

module.exports = { WebSocket, CloseEvent, ErrorEvent };
