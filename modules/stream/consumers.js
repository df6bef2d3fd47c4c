'use strict';
// node:stream/consumers: read a whole stream (Node or web, or any async
// iterable) into a Buffer, string, JSON value, ArrayBuffer or Blob.

async function blob(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  const { Blob } = require('buffer');
  return new Blob(chunks);
}

// Bytes of every chunk (strings as UTF-8), joined.
async function collect(stream) {
  const { Buffer } = require('buffer');
  const chunks = [];
  let length = 0;
  for await (const chunk of stream) {
    let buf;
    if (typeof chunk === 'string') {
      buf = Buffer.from(chunk);
    } else if (ArrayBuffer.isView(chunk)) {
      buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    } else if (chunk instanceof ArrayBuffer || chunk instanceof SharedArrayBuffer) {
      buf = Buffer.from(chunk);
    } else {
      // As a Blob part: anything else is its string form.
      buf = Buffer.from(String(chunk));
    }
    chunks.push(buf);
    length += buf.length;
  }
  return Buffer.concat(chunks, length);
}

async function arrayBuffer(stream) {
  const buf = await collect(stream);
  // A fresh ArrayBuffer holding exactly these bytes.
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

async function buffer(stream) {
  return collect(stream);
}

async function text(stream) {
  const dec = new TextDecoder();
  let str = '';
  for await (const chunk of stream) {
    if (typeof chunk === 'string') str += chunk;
    else str += dec.decode(chunk, { stream: true });
  }
  str += dec.decode(undefined, { stream: false });
  return str;
}

async function json(stream) {
  return JSON.parse(await text(stream));
}

module.exports = { arrayBuffer, blob, buffer, text, json };
