'use strict';
// The WebSocket global against a small RFC 6455 server written here on
// node:http's 'upgrade' (so the test needs no package): handshake and
// subprotocols, text and binary both ways, fragmented and large messages,
// ping, the closing handshake from either side, and the errors the
// constructor and send() throw.
const { test } = require('node:test');
const assert = require('node:assert');
const http = require('node:http');
const crypto = require('node:crypto');
const { once } = require('node:events');

const major = Number(process.versions.node.split('.')[0]);
const skip = major < 22 && 'WebSocket is a Node 22 global';

// A server frame (never masked).
function frame(opcode, payload, fin = true) {
  const len = payload.length;
  const head = [(fin ? 0x80 : 0) | opcode];
  if (len < 126) head.push(len);
  else if (len < 65536) head.push(126, len >> 8, len & 255);
  else {
    head.push(127, 0, 0, 0, 0);
    head.push((len >>> 24) & 255, (len >>> 16) & 255, (len >>> 8) & 255, len & 255);
  }
  return Buffer.concat([Buffer.from(head), payload]);
}

// Parses the client's masked frames; calls onFrame(fin, opcode, payload).
function frameReader(onFrame) {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (buf.length < 2) return;
      let len = buf[1] & 0x7f;
      let off = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        len = buf.readUInt32BE(6);
        off = 10;
      }
      assert.ok(buf[1] & 0x80, 'client frames are masked');
      if (buf.length < off + 4 + len) return;
      const mask = buf.subarray(off, off + 4);
      const payload = Buffer.from(buf.subarray(off + 4, off + 4 + len));
      for (let i = 0; i < len; i++) payload[i] ^= mask[i & 3];
      const fin = (buf[0] & 0x80) !== 0;
      const opcode = buf[0] & 0x0f;
      buf = buf.subarray(off + 4 + len);
      onFrame(fin, opcode, payload);
    }
  };
}

// A server whose per-connection behaviour is handler(socket, req, send).
async function server(handler, { protocol } = {}) {
  const srv = http.createServer((req, res) => {
    res.writeHead(404);
    res.end();
  });
  srv.on('upgrade', (req, socket) => {
    const accept = crypto.createHash('sha1')
      .update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    const lines = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade',
      `Sec-WebSocket-Accept: ${accept}`];
    const chosen = protocol?.(req.headers['sec-websocket-protocol']);
    if (chosen) lines.push(`Sec-WebSocket-Protocol: ${chosen}`);
    socket.write(lines.join('\r\n') + '\r\n\r\n');
    handler(socket, req);
  });
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  return { srv, url: `ws://127.0.0.1:${srv.address().port}/path?q=1` };
}

// An echo handler: text and binary come back; a close is echoed and ends.
function echo(socket) {
  let parts = [];
  let type = 0;
  socket.on('data', frameReader((fin, opcode, payload) => {
    if (opcode === 8) {
      socket.write(frame(8, payload));
      socket.end();
      return;
    }
    if (opcode === 9) {
      socket.write(frame(10, payload));
      return;
    }
    if (opcode !== 0) type = opcode;
    parts.push(payload);
    if (fin) {
      socket.write(frame(type, Buffer.concat(parts)));
      parts = [];
    }
  }));
  socket.on('error', () => {});
}

test('text and binary echo, then a clean close from the client', { skip }, async () => {
  const { srv, url } = await server(echo);
  const ws = new WebSocket(url);
  assert.strictEqual(ws.readyState, WebSocket.CONNECTING);
  assert.strictEqual(ws.url, url);
  assert.strictEqual(ws.binaryType, 'blob');
  await once(ws, 'open');
  assert.strictEqual(ws.readyState, WebSocket.OPEN);
  assert.strictEqual(ws.protocol, '');
  assert.strictEqual(ws.extensions, '');
  const messages = [];
  ws.onmessage = (e) => messages.push(e.data);
  ws.send('héllo');
  ws.send(new Uint8Array([1, 2, 3]));
  ws.send(new Uint16Array([0x0201]).buffer);
  ws.send(new Blob(['blob!']));
  while (messages.length < 4) await once(ws, 'message');
  assert.strictEqual(messages[0], 'héllo');
  assert.ok(messages[1] instanceof Blob);
  assert.deepStrictEqual([...new Uint8Array(await messages[1].arrayBuffer())], [1, 2, 3]);
  assert.deepStrictEqual([...new Uint8Array(await messages[2].arrayBuffer())], [1, 2]);
  assert.strictEqual(await messages[3].text(), 'blob!');
  ws.binaryType = 'arraybuffer';
  assert.strictEqual(ws.binaryType, 'arraybuffer');
  ws.send(Buffer.from('ab'));
  const [ev] = await once(ws, 'message');
  assert.ok(ev.data instanceof ArrayBuffer);
  assert.strictEqual(Buffer.from(ev.data).toString(), 'ab');
  assert.strictEqual(ev.origin, new URL(url).origin);
  ws.close(1000, 'done');
  assert.strictEqual(ws.readyState, WebSocket.CLOSING);
  const [close] = await once(ws, 'close');
  assert.strictEqual(close.code, 1000);
  assert.strictEqual(close.reason, 'done');
  assert.strictEqual(close.wasClean, true);
  assert.strictEqual(ws.readyState, WebSocket.CLOSED);
  srv.close();
  srv.closeAllConnections();
});

test('large and fragmented messages, ping, and a close from the server', { skip }, async () => {
  const { srv, url } = await server((socket) => {
    const got = [];
    socket.on('data', frameReader((fin, opcode, payload) => {
      if (opcode === 10) {
        got.push(`pong:${payload}`);
        // Everything checked: say goodbye.
        socket.write(frame(1, Buffer.from(got.join('|'))));
        const body = Buffer.alloc(6);
        body.writeUInt16BE(4001, 0);
        body.write('bye', 2);
        socket.write(frame(8, body.subarray(0, 5)));
        return;
      }
      if (opcode === 8) {
        got.push(`close:${payload.length >= 2 ? payload.readUInt16BE(0) : 'none'}`);
        socket.end();
        return;
      }
      got.push(`${opcode}:${payload.length}`);
    }));
    socket.on('error', () => {});
    // A 200 KiB binary message in three fragments, a text message split in
    // the middle of a character, then a ping.
    const big = Buffer.alloc(200 * 1024, 7);
    socket.write(frame(2, big.subarray(0, 1000), false));
    socket.write(frame(0, big.subarray(1000, 150000), false));
    socket.write(frame(0, big.subarray(150000), true));
    const text = Buffer.from('añb');
    socket.write(frame(1, text.subarray(0, 2), false));
    socket.write(frame(9, Buffer.from('p1')));
    socket.write(frame(0, text.subarray(2), true));
  });
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const messages = [];
  ws.addEventListener('message', (e) => {
    messages.push(e.data);
    if (e.data instanceof ArrayBuffer) ws.send(new Uint8Array(e.data.byteLength));
  });
  const [close] = await once(ws, 'close');
  assert.strictEqual(messages.length, 3);
  assert.strictEqual(messages[0].byteLength, 200 * 1024);
  assert.ok(new Uint8Array(messages[0]).every((b) => b === 7));
  assert.strictEqual(messages[1], 'añb');
  assert.strictEqual(messages[2], `2:${200 * 1024}|pong:p1`);
  assert.strictEqual(close.code, 4001);
  assert.strictEqual(close.reason, 'bye');
  assert.strictEqual(close.wasClean, true);
  srv.close();
});

test('subprotocols', { skip }, async () => {
  const offered = [];
  const { srv, url } = await server(echo, {
    protocol(header) {
      offered.push(header);
      return 'chat';
    },
  });
  const ws = new WebSocket(url, ['superchat', 'chat']);
  await once(ws, 'open');
  assert.strictEqual(ws.protocol, 'chat');
  assert.deepStrictEqual(offered, ['superchat, chat']);
  ws.close();
  const [close] = await once(ws, 'close');
  assert.strictEqual(close.code, 1005);
  srv.close();
});

test('a refused handshake fires error and never opens', { skip }, async () => {
  const srv = http.createServer((req, res) => {
    res.writeHead(403);
    res.end('no');
  });
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const ws = new WebSocket(`ws://127.0.0.1:${srv.address().port}/`);
  const events = [];
  ws.onopen = () => events.push('open');
  const [err] = await once(ws, 'error');
  assert.strictEqual(err.type, 'error');
  assert.strictEqual(typeof err.message, 'string');
  assert.deepStrictEqual(events, []);
  assert.notStrictEqual(ws.readyState, WebSocket.OPEN);
  srv.close();
  srv.closeAllConnections();
});

test('constructor and method errors', { skip }, () => {
  assert.strictEqual(WebSocket.CONNECTING, 0);
  assert.strictEqual(WebSocket.OPEN, 1);
  assert.strictEqual(WebSocket.CLOSING, 2);
  assert.strictEqual(WebSocket.CLOSED, 3);
  assert.strictEqual(WebSocket.prototype.CLOSED, 3);
  assert.throws(() => new WebSocket('ftp://example.com'), { name: 'SyntaxError' });
  assert.throws(() => new WebSocket('ws://example.com/#frag'), { name: 'SyntaxError' });
  assert.throws(() => new WebSocket('not a url'), { name: 'SyntaxError' });
  assert.throws(() => new WebSocket('ws://127.0.0.1:1', ['a', 'a']), { name: 'SyntaxError' });
  assert.throws(() => new WebSocket('ws://127.0.0.1:1', ['bad proto']), { name: 'SyntaxError' });
  const ws = new WebSocket('ws://127.0.0.1:1');
  ws.onerror = () => {};
  assert.throws(() => ws.send('x'), { name: 'InvalidStateError' });
  assert.throws(() => ws.close(1001), { name: 'InvalidAccessError' });
  assert.throws(() => ws.close(1000, 'x'.repeat(124)), { name: 'SyntaxError' });
  ws.close();
  assert.strictEqual(ws.readyState, WebSocket.CLOSING);
  const http2 = new WebSocket('http://127.0.0.1:1/x');
  http2.onerror = () => {};
  assert.strictEqual(http2.url, 'ws://127.0.0.1:1/x');
  http2.close();
});
