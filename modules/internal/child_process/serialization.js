'use strict';
// The IPC channel's wire formats, as Node writes them, so a shard parent
// and a Node child (or the reverse) understand each other:
// - 'json': one JSON text per message, ended by '\n';
// - 'advanced': a 4-byte big-endian length, then the value as the V8
//   serializer writes it (Buffers and typed arrays as Node's host objects).
//
// A parser is fed the channel's chunks in order and returns the messages
// that are complete.

class JsonParser {
  constructor() {
    this.pending = '';
    this.decoder = null;
  }

  get buffering() {
    return this.pending.length > 0;
  }

  push(chunk, out) {
    if (this.decoder === null) {
      const { StringDecoder } = require('string_decoder');
      this.decoder = new StringDecoder('utf8');
    }
    const text = this.decoder.write(chunk);
    let start = 0;
    let nl = text.indexOf('\n');
    if (nl === -1) {
      this.pending += text;
      return;
    }
    let line = this.pending + text.slice(0, nl);
    this.pending = '';
    for (;;) {
      out.push(JSON.parse(line));
      start = nl + 1;
      nl = text.indexOf('\n', start);
      if (nl === -1) break;
      line = text.slice(start, nl);
    }
    this.pending = text.slice(start);
  }
}

function writeJson(message) {
  return `${JSON.stringify(message)}\n`;
}

class AdvancedParser {
  constructor() {
    this.chunks = [];
    this.length = 0;
  }

  get buffering() {
    return this.length > 0;
  }

  push(chunk, out) {
    this.chunks.push(chunk);
    this.length += chunk.length;
    while (this.length >= 4) {
      let head = this.chunks[0];
      if (head.length < 4) {
        head = Buffer.concat(this.chunks);
        this.chunks = [head];
      }
      const size = head.readUInt32BE(0);
      if (this.length < 4 + size) return;
      if (head.length < 4 + size) {
        head = Buffer.concat(this.chunks);
        this.chunks = [head];
      }
      const body = head.subarray(4, 4 + size);
      const rest = head.subarray(4 + size);
      this.chunks[0] = rest;
      if (rest.length === 0) this.chunks.shift();
      this.length -= 4 + size;
      const { DefaultDeserializer } = require('v8');
      const der = new DefaultDeserializer(body);
      der.readHeader();
      out.push(der.readValue());
    }
  }
}

function writeAdvanced(message) {
  const { DefaultSerializer } = require('v8');
  const ser = new DefaultSerializer();
  ser.writeHeader();
  ser.writeValue(message);
  const body = ser.releaseBuffer();
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

function getSerialization(mode) {
  if (mode === 'advanced') return { Parser: AdvancedParser, write: writeAdvanced };
  return { Parser: JsonParser, write: writeJson };
}

module.exports = { getSerialization };
