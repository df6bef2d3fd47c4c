'use strict';
// node:stream/web and the web stream globals: readable (default and byte
// streams, BYOB reads, tee, async iteration, from), writable (backpressure,
// errors, abort), transform, pipeTo/pipeThrough with an AbortSignal, the
// queuing strategies, the encoding and compression streams.
const { test } = require('node:test');
const assert = require('node:assert');
const web = require('node:stream/web');
const { Readable } = require('node:stream');

async function collect(stream) {
  const out = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

test('the globals are the module\'s classes', () => {
  for (const name of ['ReadableStream', 'WritableStream', 'TransformStream', 'ByteLengthQueuingStrategy',
    'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream',
    'ReadableStreamDefaultReader']) {
    assert.strictEqual(globalThis[name], web[name], name);
  }
  assert.strictEqual(Object.prototype.toString.call(new ReadableStream()), '[object ReadableStream]');
  assert.throws(() => new web.ReadableStreamDefaultController(), TypeError);
});

test('start, pull, close and async iteration', async () => {
  let pulls = 0;
  const rs = new ReadableStream({
    start(c) {
      c.enqueue('a');
      c.enqueue('b');
    },
    pull(c) {
      pulls++;
      c.enqueue('c');
      c.close();
    },
  });
  assert.deepStrictEqual(await collect(rs), ['a', 'b', 'c']);
  assert.strictEqual(pulls, 1);
  assert.strictEqual(rs.locked, false);
});

test('a reader locks the stream; read after close says done', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.close(); } });
  const reader = rs.getReader();
  assert.strictEqual(rs.locked, true);
  assert.throws(() => rs.getReader(), { code: 'ERR_INVALID_STATE' });
  assert.deepStrictEqual(await reader.read(), { value: 1, done: false });
  assert.deepStrictEqual(await reader.read(), { value: undefined, done: true });
  await reader.closed;
  reader.releaseLock();
  assert.strictEqual(rs.locked, false);
});

test('errors reach readers, writers and closed promises', async () => {
  const boom = new Error('boom');
  const rs = new ReadableStream({ start(c) { c.error(boom); } });
  await assert.rejects(rs.getReader().read(), boom);
  const ws = new WritableStream({ write() { throw new Error('sink fail'); } });
  const writer = ws.getWriter();
  await assert.rejects(writer.write('x'), /sink fail/);
  await assert.rejects(writer.closed, /sink fail/);
  await assert.rejects(new ReadableStream({ pull() { throw boom; } }).getReader().read(), boom);
});

test('tee gives both branches every chunk', async () => {
  const [a, b] = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } }).tee();
  assert.deepStrictEqual(await Promise.all([collect(a), collect(b)]), [[1, 2], [1, 2]]);
});

test('byte streams: BYOB reads fill the caller\'s view', async () => {
  const rs = new ReadableStream({
    type: 'bytes',
    start(c) {
      c.enqueue(new Uint8Array([1, 2, 3, 4, 5]));
      c.close();
    },
  });
  const reader = rs.getReader({ mode: 'byob' });
  const r1 = await reader.read(new Uint8Array(3));
  assert.deepStrictEqual([...r1.value], [1, 2, 3]);
  const r2 = await reader.read(new Uint8Array(3));
  assert.deepStrictEqual([...r2.value], [4, 5]);
  const r3 = await reader.read(new Uint8Array(3));
  assert.strictEqual(r3.done, true);
  // A pull that answers through byobRequest.
  const pulled = new ReadableStream({
    type: 'bytes',
    pull(c) {
      const view = c.byobRequest.view;
      view[0] = 42;
      c.byobRequest.respond(1);
      c.close();
    },
  });
  const got = await pulled.getReader({ mode: 'byob' }).read(new Uint8Array(4));
  assert.deepStrictEqual([...got.value], [42]);
  assert.throws(() => new ReadableStream().getReader({ mode: 'byob' }), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('pipeThrough and pipeTo carry chunks and close', async () => {
  const out = [];
  await ReadableStream.from(['x', 'y', Promise.resolve('z')])
    .pipeThrough(new TransformStream({ transform(chunk, c) { c.enqueue(chunk.toUpperCase()); } }))
    .pipeTo(new WritableStream({ write(chunk) { out.push(chunk); }, close() { out.push('closed'); } }));
  assert.deepStrictEqual(out, ['X', 'Y', 'Z', 'closed']);
});

test('pipeTo stops on an AbortSignal with an AbortError', async () => {
  const ac = new AbortController();
  let cancelled = null;
  const p = new ReadableStream({
    pull(c) {
      return new Promise((resolve) => setTimeout(() => {
        if (cancelled === null) c.enqueue('tick');
        resolve();
      }, 2));
    },
    cancel(reason) { cancelled = reason; },
  }).pipeTo(new WritableStream(), { signal: ac.signal });
  setTimeout(() => ac.abort(), 20);
  await assert.rejects(p, { name: 'AbortError' });
  assert.strictEqual(cancelled.name, 'AbortError');
});

test('writable backpressure: desiredSize and ready', async () => {
  const chunks = [];
  const ws = new WritableStream({
    write(c) {
      chunks.push(c);
      return new Promise((resolve) => setTimeout(resolve, 5));
    },
  }, { highWaterMark: 2 });
  const writer = ws.getWriter();
  assert.strictEqual(writer.desiredSize, 2);
  writer.write(1);
  writer.write(2);
  assert.strictEqual(writer.desiredSize, 0);
  await writer.ready;
  assert.ok(writer.desiredSize > 0);
  await writer.close();
  assert.deepStrictEqual(chunks, [1, 2]);
});

test('writable abort rejects pending writes and calls the sink', async () => {
  let aborted;
  const ws = new WritableStream({
    write() { return new Promise(() => {}); },
    abort(reason) { aborted = reason; },
  });
  const writer = ws.getWriter();
  const first = writer.write('a');
  const second = writer.write('b');
  first.catch(() => {});
  await writer.abort('why');
  await assert.rejects(second, (e) => e === 'why');
  assert.strictEqual(aborted, 'why');
});

test('queuing strategies', () => {
  const count = new CountQueuingStrategy({ highWaterMark: 3 });
  assert.strictEqual(count.highWaterMark, 3);
  assert.strictEqual(count.size(), 1);
  const bytes = new ByteLengthQueuingStrategy({ highWaterMark: 9 });
  assert.strictEqual(bytes.size(new Uint8Array(4)), 4);
  assert.strictEqual(bytes.size, new ByteLengthQueuingStrategy({ highWaterMark: 1 }).size);
  assert.throws(() => new CountQueuingStrategy(), TypeError);
});

test('text and compression streams', async () => {
  const text = await collect(ReadableStream.from(['héllo ', 'wörld'])
    .pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()));
  assert.strictEqual(text.join(''), 'héllo wörld');
  for (const format of ['gzip', 'deflate', 'deflate-raw']) {
    const input = new TextEncoder().encode('compress me '.repeat(100));
    const round = await collect(ReadableStream.from([input])
      .pipeThrough(new CompressionStream(format)).pipeThrough(new DecompressionStream(format))
      .pipeThrough(new TextDecoderStream()));
    assert.strictEqual(round.join(''), 'compress me '.repeat(100), format);
  }
  assert.throws(() => new CompressionStream('zip'), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('node streams read web streams; Blob.stream() is one', async () => {
  const chunks = await collect(Readable.from(ReadableStream.from(['p', 'q'])));
  assert.deepStrictEqual(chunks, ['p', 'q']);
  const blobChunks = await collect(new Blob(['abc']).stream());
  assert.deepStrictEqual(Buffer.concat(blobChunks).toString(), 'abc');
});
