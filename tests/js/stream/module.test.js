'use strict';
// The node:stream module surface, the legacy _stream_* ids, and
// node:stream/consumers.

const { test } = require('node:test');
const assert = require('node:assert');
const stream = require('node:stream');
const consumers = require('node:stream/consumers');

test('exports', () => {
  for (const name of ['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough', 'Stream']) {
    assert.strictEqual(typeof stream[name], 'function', name);
  }
  for (const name of ['pipeline', 'finished', 'compose', 'addAbortSignal', 'destroy', 'duplexPair',
                      'isReadable', 'isWritable', 'isErrored', 'isDisturbed', 'isDestroyed',
                      'getDefaultHighWaterMark', 'setDefaultHighWaterMark']) {
    assert.strictEqual(typeof stream[name], 'function', name);
  }
  assert.strictEqual(stream.Stream, stream);
  assert.ok(new stream.Readable() instanceof stream.Stream);
  assert.ok(new stream.Readable() instanceof require('node:events'));
  assert.strictEqual(require('stream'), stream);
  assert.strictEqual(require('_stream_readable'), stream.Readable);
  assert.strictEqual(require('_stream_writable'), stream.Writable);
  assert.strictEqual(require('_stream_duplex'), stream.Duplex);
  assert.strictEqual(require('_stream_transform'), stream.Transform);
  assert.strictEqual(require('_stream_passthrough'), stream.PassThrough);
  assert.strictEqual(typeof require('node:stream/promises').pipeline, 'function');
});

test('isReadable, isWritable, isErrored, isDisturbed, isDestroyed', async () => {
  const r = new stream.Readable({ read() {} });
  const w = new stream.Writable({ write(c, e, cb) { cb(); } });
  assert.strictEqual(stream.isReadable(r), true);
  assert.strictEqual(stream.isWritable(w), true);
  assert.strictEqual(stream.isDisturbed(r), false);
  r.push('x');
  r.read();
  assert.strictEqual(stream.isDisturbed(r), true);
  assert.strictEqual(stream.isErrored(w), false);
  w.on('error', () => {});
  w.destroy(new Error('e'));
  // isErrored() turns true once 'error' has been emitted.
  await new Promise((resolve) => w.on('close', resolve));
  assert.strictEqual(stream.isErrored(w), true);
  assert.strictEqual(stream.isDestroyed(w), true);
  assert.strictEqual(stream.isWritable(w), false);
  assert.strictEqual(stream.isReadable({}), null);
});

test('Stream.prototype.pipe for legacy streams', async () => {
  const src = new stream.Stream();
  src.readable = true;
  const got = [];
  const dst = new stream.Writable({
    write(chunk, e, cb) {
      got.push(String(chunk));
      cb();
    },
  });
  src.pipe(dst);
  src.emit('data', 'a');
  src.emit('data', 'b');
  src.emit('end');
  await new Promise((resolve) => dst.on('finish', resolve));
  assert.deepStrictEqual(got, ['a', 'b']);
});

test('stream/consumers', async () => {
  const { Readable } = stream;
  assert.strictEqual(await consumers.text(Readable.from(['a', Buffer.from('é')])), 'aé');
  assert.deepStrictEqual(await consumers.json(Readable.from(['{"a":', '[1]}'])), { a: [1] });
  const buf = await consumers.buffer(Readable.from([Buffer.from('ab'), 'c', new Uint8Array([100])]));
  assert.ok(Buffer.isBuffer(buf));
  assert.strictEqual(buf.toString(), 'abcd');
  const ab = await consumers.arrayBuffer(Readable.from(['xyz']));
  assert.ok(ab instanceof ArrayBuffer);
  assert.strictEqual(ab.byteLength, 3);
  // Any async iterable works.
  async function* gen() {
    yield 'p';
    yield 'q';
  }
  assert.strictEqual(await consumers.text(gen()), 'pq');
});
