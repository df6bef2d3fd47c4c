'use strict';
// node:stream <-> web streams: Readable/Writable/Duplex.toWeb and fromWeb,
// backpressure across the bridge, errors and cancels in both directions,
// Blob.stream(), and pipeline()/finished() over web streams.
const { test } = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, Duplex, PassThrough } = require('node:stream');
const { pipeline, finished } = require('node:stream/promises');
const { ReadableStream, WritableStream, TransformStream } = require('node:stream/web');

async function collect(stream) {
  const out = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

test('Readable.toWeb gives Uint8Array chunks (or objects in object mode)', async () => {
  const bytes = Readable.toWeb(Readable.from([Buffer.from('ab'), Buffer.from('cd')], { objectMode: false }));
  assert.ok(bytes instanceof ReadableStream);
  const chunks = await collect(bytes);
  assert.deepStrictEqual(chunks.map((c) => c.constructor.name), ['Uint8Array', 'Uint8Array']);
  assert.strictEqual(Buffer.concat(chunks).toString(), 'abcd');
  const objects = await collect(Readable.toWeb(Readable.from(['x', { a: 1 }, 3])));
  assert.deepStrictEqual(objects, ['x', { a: 1 }, 3]);
});

test('Readable.toWeb pulls only as the reader asks (backpressure)', async () => {
  let reads = 0;
  const source = new Readable({
    highWaterMark: 4,
    read() {
      reads++;
      this.push(Buffer.alloc(4, reads));
      if (reads === 100) this.push(null);
    },
  });
  const web = Readable.toWeb(source, { strategy: { highWaterMark: 1 } });
  const reader = web.getReader();
  await reader.read();
  await new Promise((resolve) => setTimeout(resolve, 20));
  // Without backpressure all 100 chunks would have been read by now.
  assert.ok(reads < 20, `read ${reads} chunks ahead`);
  await reader.cancel();
  assert.ok(source.destroyed);
});

test('an error in the Readable errors the web stream', async () => {
  const source = new Readable({ read() {} });
  const web = Readable.toWeb(source);
  const reader = web.getReader();
  const err = new Error('boom');
  source.destroy(err);
  await assert.rejects(reader.read(), err);
});

test('Readable.fromWeb reads a ReadableStream, with encoding or in object mode', async () => {
  const web = new ReadableStream({
    start(c) {
      c.enqueue(new Uint8Array([104, 105]));
      c.enqueue(new Uint8Array([33]));
      c.close();
    },
  });
  const readable = Readable.fromWeb(web, { encoding: 'utf8' });
  assert.ok(readable instanceof Readable);
  assert.strictEqual((await collect(readable)).join(''), 'hi!');
  const objects = Readable.fromWeb(ReadableStream.from([{ a: 1 }, 'b']), { objectMode: true });
  assert.deepStrictEqual(await collect(objects), [{ a: 1 }, 'b']);
});

test('destroying the Readable from fromWeb cancels the web stream', async () => {
  let cancelled;
  const web = new ReadableStream({
    pull(c) {
      c.enqueue(new Uint8Array(1));
    },
    cancel(reason) {
      cancelled = reason;
    },
  });
  const readable = Readable.fromWeb(web);
  await new Promise((resolve) => readable.once('data', resolve));
  const err = new Error('stop');
  readable.on('error', () => {});
  readable.destroy(err);
  await new Promise((resolve) => readable.once('close', resolve));
  assert.strictEqual(cancelled, err);
});

test('Writable.toWeb writes through and waits for drain', async () => {
  const written = [];
  let pending;
  const sink = new Writable({
    highWaterMark: 2,
    write(chunk, encoding, cb) {
      written.push(chunk.toString());
      pending = cb;
    },
  });
  const web = Writable.toWeb(sink);
  assert.ok(web instanceof WritableStream);
  const writer = web.getWriter();
  const first = writer.write(new Uint8Array([65, 66]));
  let firstDone = false;
  first.then(() => {
    firstDone = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepStrictEqual(written, ['AB']);
  assert.strictEqual(firstDone, false, 'the write waits for the sink (it needs a drain)');
  pending();
  await first;
  const second = writer.write('C');
  await new Promise((resolve) => setImmediate(resolve));
  pending();
  await second;
  const closed = writer.close();
  await closed;
  assert.deepStrictEqual(written, ['AB', 'C']);
  assert.ok(sink.writableFinished);
});

test('aborting the web side destroys the Writable', async () => {
  const sink = new Writable({ write(c, e, cb) { cb(); } });
  sink.on('error', () => {});
  const web = Writable.toWeb(sink);
  const err = new Error('abort!');
  await web.abort(err);
  assert.ok(sink.destroyed);
});

test('Writable.fromWeb writes into a WritableStream; end closes it', async () => {
  const chunks = [];
  let closed = false;
  const web = new WritableStream({
    write(chunk) {
      chunks.push(Buffer.from(chunk).toString());
    },
    close() {
      closed = true;
    },
  });
  const writable = Writable.fromWeb(web);
  assert.ok(writable instanceof Writable);
  writable.write('one');
  writable.write(Buffer.from('two'));
  writable.end('three');
  await finished(writable);
  assert.deepStrictEqual(chunks, ['one', 'two', 'three']);
  assert.strictEqual(closed, true);
});

test('an erroring WritableStream errors the Writable', async () => {
  const err = new Error('sink failed');
  const web = new WritableStream({
    write() {
      throw err;
    },
  });
  const writable = Writable.fromWeb(web);
  writable.write('x');
  const [got] = await new Promise((resolve) => writable.once('error', (...a) => resolve(a)));
  assert.strictEqual(got, err);
});

test('Duplex.toWeb and Duplex.fromWeb', async () => {
  const pass = new PassThrough();
  const { readable, writable } = Duplex.toWeb(pass);
  assert.ok(readable instanceof ReadableStream);
  assert.ok(writable instanceof WritableStream);
  const writer = writable.getWriter();
  await writer.write(new TextEncoder().encode('echo'));
  await writer.close();
  const out = await collect(readable);
  assert.strictEqual(Buffer.concat(out).toString(), 'echo');

  const upper = new TransformStream({
    transform(chunk, c) {
      c.enqueue(new TextEncoder().encode(new TextDecoder().decode(chunk).toUpperCase()));
    },
  });
  const duplex = Duplex.fromWeb(upper, { encoding: 'utf8' });
  assert.ok(duplex instanceof Duplex);
  duplex.end('shout');
  assert.strictEqual((await collect(duplex)).join(''), 'SHOUT');
});

test('bad arguments', () => {
  assert.throws(() => Readable.toWeb(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => Readable.fromWeb(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => Writable.toWeb(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => Writable.fromWeb(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => Duplex.toWeb(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => Duplex.fromWeb(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => Readable.fromWeb(new ReadableStream(), { objectMode: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('Blob.stream() is a ReadableStream of the bytes', async () => {
  const blob = new Blob(['hello ', new Uint8Array([119, 111]), 'rld']);
  const stream = blob.stream();
  assert.ok(stream instanceof ReadableStream);
  const chunks = await collect(stream);
  assert.strictEqual(Buffer.concat(chunks).toString(), 'hello world');
  const big = new Blob([new Uint8Array(300000).fill(9)]);
  let total = 0;
  for await (const chunk of big.stream()) {
    assert.ok(chunk instanceof Uint8Array);
    total += chunk.byteLength;
  }
  assert.strictEqual(total, 300000);
});

test('pipeline() from a ReadableStream through a TransformStream into a Writable', async () => {
  const out = [];
  await pipeline(
    ReadableStream.from(['a', 'b', 'c']),
    new TransformStream({
      transform(chunk, c) {
        c.enqueue(chunk.toUpperCase());
      },
    }),
    new Writable({
      objectMode: true,
      write(chunk, e, cb) {
        out.push(chunk);
        cb();
      },
    }),
  );
  assert.deepStrictEqual(out, ['A', 'B', 'C']);
});

test('finished() on web streams', async () => {
  const rs = ReadableStream.from(['x']);
  const done = finished(rs);
  await collect(rs);
  await done;
  const ws = new WritableStream();
  const wdone = finished(ws);
  await ws.getWriter().close();
  await wdone;
});
