'use strict';
// pipeline() and finished(): callback and promise forms, error
// propagation, generators and async functions as stages, AbortSignal.

const { test } = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, Transform, PassThrough, pipeline, finished } = require('node:stream');
const promises = require('node:stream/promises');
const { promisify } = require('node:util');

const immediate = () => new Promise((resolve) => setImmediate(resolve));
const closed = (stream) => new Promise((resolve) => stream.on('close', resolve));

function collector(objectMode = false) {
  const chunks = [];
  const w = new Writable({
    objectMode,
    write(chunk, encoding, cb) {
      chunks.push(objectMode ? chunk : String(chunk));
      cb();
    },
  });
  w.chunks = chunks;
  return w;
}

test('pipeline moves everything and calls back once all are finished', async () => {
  const src = Readable.from(['a', 'b', 'c']);
  const upper = new Transform({ transform(c, e, cb) { cb(null, String(c) + '!'); } });
  const dst = collector();
  const log = [];
  dst.on('finish', () => log.push('finish'));
  const err = await new Promise((resolve) => {
    const ret = pipeline(src, upper, dst, (e) => {
      log.push('callback');
      resolve(e);
    });
    assert.strictEqual(ret, dst);
  });
  assert.strictEqual(err, undefined);
  assert.deepStrictEqual(dst.chunks, ['a!', 'b!', 'c!']);
  assert.deepStrictEqual(log, ['finish', 'callback']);
});

test('pipeline: an error anywhere destroys every stream', async () => {
  const src = new Readable({ read() {} });
  const mid = new PassThrough();
  const dst = collector();
  const done = new Promise((resolve) => pipeline(src, mid, dst, resolve));
  src.push('a');
  await immediate();
  mid.destroy(new Error('mid'));
  const err = await done;
  assert.strictEqual(err.message, 'mid');
  assert.strictEqual(src.destroyed, true);
  assert.strictEqual(mid.destroyed, true);
  assert.strictEqual(dst.destroyed, true);
});

test('pipeline: a source destroyed early is a premature close', async () => {
  const src = new Readable({ read() {} });
  const done = new Promise((resolve) => pipeline(src, collector(), resolve));
  setImmediate(() => src.destroy());
  const err = await done;
  assert.strictEqual(err.code, 'ERR_STREAM_PREMATURE_CLOSE');
});

test('pipeline: the first error wins over later ones', async () => {
  const src = new Readable({ read() {} });
  const dst = new Writable({ write(c, e, cb) { cb(new Error('write failed')); } });
  const done = new Promise((resolve) => pipeline(src, dst, resolve));
  src.push('x');
  const err = await done;
  assert.strictEqual(err.message, 'write failed');
  assert.strictEqual(src.destroyed, true);
});

test('pipeline with generators and an async function as the last stage', async () => {
  const result = await new Promise((resolve, reject) => {
    pipeline(
      function* () {
        yield 'a';
        yield 'b';
      },
      async function* (source) {
        for await (const chunk of source) yield chunk.toUpperCase();
      },
      async function (source) {
        let s = '';
        for await (const chunk of source) s += chunk;
        return s;
      },
      (err, value) => (err ? reject(err) : resolve(value)));
  });
  assert.strictEqual(result, 'AB');
});

test('pipeline: an iterable source and an error thrown in a generator', async () => {
  const dst = collector();
  const err = await new Promise((resolve) => {
    pipeline([1, 2, 3], async function* (source) {
      for await (const x of source) {
        if (x === 3) throw new Error('gen');
        yield String(x * 2);
      }
    }, dst, resolve);
  });
  assert.strictEqual(err.message, 'gen');
  assert.deepStrictEqual(dst.chunks, ['2', '4']);
});

test('stream/promises pipeline, with an AbortSignal', async () => {
  const dst = collector(true);
  await promises.pipeline(Readable.from([1, 2, 3]), dst);
  assert.deepStrictEqual(dst.chunks, [1, 2, 3]);

  const ac = new AbortController();
  const src = new Readable({ read() {} });
  const p = promises.pipeline(src, collector(), { signal: ac.signal });
  setImmediate(() => ac.abort());
  await assert.rejects(p, { name: 'AbortError', code: 'ABORT_ERR' });
  assert.strictEqual(src.destroyed, true);
});

test('promisify(pipeline) and promisify(finished) are the promise versions', () => {
  assert.strictEqual(promisify(pipeline), promises.pipeline);
  assert.strictEqual(promisify(finished), promises.finished);
  assert.strictEqual(require('node:stream').promises, promises);
});

test('pipeline argument checks', () => {
  assert.throws(() => pipeline(new Readable()), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => pipeline(new Readable(), () => {}), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => pipeline(() => 5, collector(), () => {}), { code: 'ERR_INVALID_RETURN_VALUE' });
});

test('finished: readable, writable and duplex streams', async () => {
  const log = [];
  const r = new Readable({ read() {} });
  finished(r, (err) => log.push(`r:${err}`));
  const w = new Writable({ write(c, e, cb) { cb(); } });
  finished(w, (err) => log.push(`w:${err}`));
  const w2 = new Writable({ write(c, e, cb) { cb(); } });
  finished(w2, (err) => log.push(`w2:${err && err.code}`));
  r.push(null);
  r.resume();
  w.end();
  w2.destroy();
  await Promise.all([closed(r), closed(w), closed(w2)]);
  await immediate();
  assert.deepStrictEqual(log.sort(), ['r:undefined', 'w2:ERR_STREAM_PREMATURE_CLOSE', 'w:undefined']);
});

test('finished on an already finished stream calls back on a later tick', async () => {
  const r = new Readable({ read() {} });
  r.push(null);
  r.resume();
  await closed(r);
  let called = false;
  const p = new Promise((resolve) => finished(r, (err) => {
    called = true;
    resolve(err);
  }));
  assert.strictEqual(called, false);
  assert.strictEqual(await p, undefined);
});

test('finished reports the error, and the cleanup function removes its listeners', async () => {
  const r = new Readable({ read() {} });
  const before = r.listenerCount('close');
  const cleanup = finished(r, () => {});
  assert.ok(r.listenerCount('close') > before);
  cleanup();
  assert.strictEqual(r.listenerCount('close'), before);

  const r2 = new Readable({ read() {} });
  const p = promises.finished(r2);
  r2.destroy(new Error('boom'));
  await assert.rejects(p, { message: 'boom' });
});

test('finished with { readable: false } waits only for the writable side', async () => {
  const { Duplex } = require('node:stream');
  const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
  const log = [];
  finished(d, { readable: false }, () => log.push('writable side'));
  finished(d, () => log.push('both'));
  d.end();
  await new Promise((resolve) => d.on('finish', resolve));
  await immediate();
  assert.deepStrictEqual(log, ['writable side']);
  d.push(null);
  d.resume();
  await closed(d);
  await immediate();
  assert.deepStrictEqual(log, ['writable side', 'both']);
});

test('finished with an AbortSignal', async () => {
  const ac = new AbortController();
  const r = new Readable({ read() {} });
  const p = new Promise((resolve) => finished(r, { signal: ac.signal }, resolve));
  ac.abort();
  const err = await p;
  assert.strictEqual(err.name, 'AbortError');
  assert.throws(() => finished(1, () => {}), { code: 'ERR_INVALID_ARG_TYPE' });
});
