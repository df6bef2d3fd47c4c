'use strict';
// Writable: backpressure (write() false at the highWaterMark, 'drain'),
// callback and event order, cork/uncork and _writev, _final, end().

const { test } = require('node:test');
const assert = require('node:assert');
const { Writable } = require('node:stream');
const { once } = require('node:events');

const immediate = () => new Promise((resolve) => setImmediate(resolve));
// events.once() would reject on 'error'; these tests expect errors.
const closed = (stream) => new Promise((resolve) => stream.on('close', resolve));

test('write() returns false once the highWaterMark is reached, then drain', async () => {
  const pending = [];
  const w = new Writable({
    highWaterMark: 3,
    write(chunk, encoding, cb) {
      pending.push(cb);
    },
  });
  assert.strictEqual(w.write('aa'), true);
  assert.strictEqual(w.writableLength, 2);
  assert.strictEqual(w.write('bb'), false);
  assert.strictEqual(w.writableLength, 4);
  assert.strictEqual(w.writableNeedDrain, true);
  assert.strictEqual(w.write('c'), false);

  let drained = false;
  w.on('drain', () => { drained = true; });
  // Complete the writes one by one; drain only when all are done.
  while (pending.length) {
    assert.strictEqual(drained, false);
    pending.shift()();
    await immediate();
  }
  assert.strictEqual(drained, true);
  assert.strictEqual(w.writableLength, 0);
  assert.strictEqual(w.writableNeedDrain, false);
});

test('object mode counts objects against the highWaterMark (16)', () => {
  const w = new Writable({ objectMode: true, write(chunk, encoding, cb) {} });
  const results = [];
  for (let i = 0; i < 17; i++) results.push(w.write({ i }));
  assert.strictEqual(w.writableHighWaterMark, 16);
  assert.deepStrictEqual(results, [...Array(15).fill(true), false, false]);
});

test('synchronous writes: callbacks on the next tick, then finish and close', async () => {
  const log = [];
  const w = new Writable({
    write(chunk, encoding, cb) {
      log.push(`_write:${chunk}:${encoding}`);
      cb();
    },
  });
  for (const e of ['prefinish', 'finish', 'close']) w.on(e, () => log.push(e));
  assert.strictEqual(w.write('a', () => log.push('cb a')), true);
  w.write('b');
  w.end('c', () => log.push('end cb'));
  log.push('sync');
  await once(w, 'close');
  assert.deepStrictEqual(log, [
    '_write:a:buffer', '_write:b:buffer', '_write:c:buffer', 'prefinish', 'sync',
    'cb a', 'end cb', 'finish', 'close',
  ]);
  assert.strictEqual(w.writableFinished, true);
  assert.strictEqual(w.writableEnded, true);
  assert.strictEqual(w.destroyed, true);
});

test('asynchronous writes are queued and written one at a time', async () => {
  const log = [];
  const w = new Writable({
    write(chunk, encoding, cb) {
      log.push(`start:${chunk}`);
      setImmediate(() => {
        log.push(`done:${chunk}`);
        cb();
      });
    },
  });
  w.write('1');
  w.write('2');
  w.write('3');
  assert.strictEqual(w.writableBuffer.length, 2);
  w.end();
  await once(w, 'finish');
  assert.deepStrictEqual(log, ['start:1', 'done:1', 'start:2', 'done:2', 'start:3', 'done:3']);
});

test('cork() buffers writes; uncork() hands them to _writev at once', async () => {
  const log = [];
  const w = new Writable({
    write(chunk, encoding, cb) {
      log.push(`_write:${chunk}`);
      cb();
    },
    writev(chunks, cb) {
      log.push(`_writev:${chunks.map((c) => c.chunk).join('|')}:${chunks.allBuffers}`);
      cb();
    },
  });
  w.cork();
  w.write('a');
  w.write('b', () => log.push('cb b'));
  w.write('c');
  assert.strictEqual(w.writableCorked, 1);
  assert.strictEqual(w.writableLength, 3);
  process.nextTick(() => w.uncork());
  await immediate();
  assert.deepStrictEqual(log, ['_writev:a|b|c:true', 'cb b']);
  assert.strictEqual(w.writableCorked, 0);
});

test('end() uncorks fully', async () => {
  const chunks = [];
  const w = new Writable({
    write(chunk, encoding, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  w.cork();
  w.cork();
  w.write('x');
  w.end('y');
  await once(w, 'finish');
  assert.deepStrictEqual(chunks, ['x', 'y']);
});

test('_final runs before prefinish and finish', async () => {
  const log = [];
  const w = new Writable({
    write(chunk, encoding, cb) { cb(); },
    final(cb) {
      log.push('_final');
      setImmediate(cb);
    },
  });
  for (const e of ['prefinish', 'finish', 'close']) w.on(e, () => log.push(e));
  w.end('x');
  await once(w, 'close');
  assert.deepStrictEqual(log, ['_final', 'prefinish', 'finish', 'close']);
});

test('an error from _final fails end() and emits error', async () => {
  const log = [];
  const w = new Writable({
    write(chunk, encoding, cb) { cb(); },
    final(cb) { cb(new Error('fin')); },
  });
  w.on('error', (err) => log.push(`error:${err.message}`));
  w.on('finish', () => log.push('finish'));
  w.on('close', () => log.push('close'));
  w.end('x', (err) => log.push(`end cb:${err.message}`));
  await closed(w);
  await immediate();
  assert.deepStrictEqual(log, ['error:fin', 'close', 'end cb:fin']);
});

test('an error from _write goes to the callbacks, then error, then close', async () => {
  const log = [];
  const w = new Writable({
    write(chunk, encoding, cb) {
      setImmediate(() => cb(new Error('late')));
    },
  });
  w.on('error', (err) => log.push(`error:${err.message}`));
  w.on('close', () => log.push('close'));
  w.write('a', (err) => log.push(`cb a:${err.message}`));
  w.write('b', (err) => log.push(`cb b:${err.message}`));
  w.end((err) => log.push(`end:${err.message}`));
  await closed(w);
  assert.deepStrictEqual(log, ['cb a:late', 'cb b:late', 'end:late', 'error:late', 'close']);
  assert.strictEqual(w.errored.message, 'late');
  assert.strictEqual(w.writableAborted, true);
});

test('write after end', async () => {
  const w = new Writable({ write(chunk, encoding, cb) { cb(); } });
  w.end();
  let cbErr;
  assert.strictEqual(w.write('x', (err) => { cbErr = err; }), false);
  const [err] = await once(w, 'error');
  assert.strictEqual(err.code, 'ERR_STREAM_WRITE_AFTER_END');
  assert.strictEqual(cbErr, err);
});

test('end() twice: the second callback gets ERR_STREAM_ALREADY_FINISHED', async () => {
  const w = new Writable({ write(chunk, encoding, cb) { cb(); } });
  await new Promise((resolve) => w.end(resolve));
  const err = await new Promise((resolve) => w.end(resolve));
  assert.strictEqual(err.code, 'ERR_STREAM_ALREADY_FINISHED');
});

test('decodeStrings and encodings', () => {
  const seen = [];
  const raw = new Writable({
    decodeStrings: false,
    write(chunk, encoding, cb) {
      seen.push([typeof chunk, String(chunk), encoding]);
      cb();
    },
  });
  raw.write('ab', 'hex');
  raw.setDefaultEncoding('LATIN1');
  raw.write('x');
  raw.write(new Uint8Array([65]));
  assert.deepStrictEqual(seen, [
    ['string', 'ab', 'hex'], ['string', 'x', 'latin1'], ['object', 'A', 'buffer'],
  ]);

  const bytes = [];
  const decoded = new Writable({
    write(chunk, encoding, cb) {
      assert.ok(Buffer.isBuffer(chunk));
      bytes.push(chunk.toString('hex'));
      cb();
    },
  });
  decoded.write('ff00', 'hex');
  decoded.write(new Uint16Array([1]));
  decoded.write('é');
  assert.deepStrictEqual(bytes, ['ff00', '0100', 'c3a9']);
});

test('invalid arguments throw', () => {
  const w = new Writable({ write(chunk, encoding, cb) { cb(); } });
  assert.throws(() => w.write(null), { code: 'ERR_STREAM_NULL_VALUES', name: 'TypeError' });
  assert.throws(() => w.write(5), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
  assert.throws(() => w.write('x', 'nope'), { code: 'ERR_UNKNOWN_ENCODING' });
  assert.throws(() => w.setDefaultEncoding('nope'), { code: 'ERR_UNKNOWN_ENCODING' });
  assert.throws(() => new Writable().write('x'), { code: 'ERR_METHOD_NOT_IMPLEMENTED' });
});

test('highWaterMark 0: write() still returns true when the write completes at once', () => {
  const w = new Writable({ highWaterMark: 0, write(chunk, encoding, cb) { cb(); } });
  assert.strictEqual(w.write('a'), true);
  const slow = new Writable({ highWaterMark: 0, write(chunk, encoding, cb) {} });
  assert.strictEqual(slow.write('a'), false);
});

test('calling the write callback twice is an error', async () => {
  const w = new Writable({
    write(chunk, encoding, cb) {
      cb();
      cb();
    },
  });
  w.write('a');
  const [err] = await once(w, 'error');
  assert.strictEqual(err.code, 'ERR_MULTIPLE_CALLBACK');
});

test('instanceof Writable holds for Duplex streams', () => {
  const { Duplex, Transform } = require('node:stream');
  assert.ok(new Duplex() instanceof Writable);
  assert.ok(new Transform() instanceof Writable);
  assert.ok(!(({}) instanceof Writable));
  // Called without new.
  assert.ok(Writable() instanceof Writable);
});
