'use strict';
// Duplex, Transform, PassThrough and duplexPair.

const { test } = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, Duplex, Transform, PassThrough, duplexPair } = require('node:stream');

const immediate = () => new Promise((resolve) => setImmediate(resolve));
const closed = (stream) => new Promise((resolve) => stream.on('close', resolve));

test('Duplex: both sides work independently; close after both end', async () => {
  const log = [];
  const written = [];
  const d = new Duplex({
    read() {},
    write(chunk, encoding, cb) {
      written.push(String(chunk));
      cb();
    },
  });
  for (const e of ['end', 'finish', 'close']) d.on(e, () => log.push(e));
  d.on('data', (c) => log.push(`data:${c}`));
  d.write('in');
  d.end();
  await new Promise((resolve) => d.on('finish', resolve));
  assert.strictEqual(d.destroyed, false);
  d.push('out');
  d.push(null);
  await closed(d);
  assert.deepStrictEqual(written, ['in']);
  assert.deepStrictEqual(log, ['finish', 'data:out', 'end', 'close']);
});

test('Duplex allowHalfOpen: false ends the writable side after end', async () => {
  const log = [];
  const d = new Duplex({ allowHalfOpen: false, read() {}, write(chunk, encoding, cb) { cb(); } });
  for (const e of ['end', 'finish', 'close']) d.on(e, () => log.push(e));
  d.push(null);
  d.resume();
  await closed(d);
  assert.deepStrictEqual(log, ['end', 'finish', 'close']);
});

test('Duplex with one side switched off', async () => {
  const d = new Duplex({ readable: false, write(chunk, encoding, cb) { cb(); } });
  assert.strictEqual(d.readable, false);
  assert.strictEqual(d.writable, true);
  assert.strictEqual(d.readableEnded, true);
  d.end('z');
  await closed(d);

  const r = new Duplex({ writable: false, read() {} });
  assert.strictEqual(r.writable, false);
  assert.strictEqual(r.writableFinished, true);
  r.push(null);
  r.resume();
  await closed(r);
});

test('Duplex object mode per side', () => {
  const d = new Duplex({ readableObjectMode: true, writableHighWaterMark: 5 });
  assert.strictEqual(d.readableObjectMode, true);
  assert.strictEqual(d.writableObjectMode, false);
  assert.strictEqual(d.readableHighWaterMark, 16);
  assert.strictEqual(d.writableHighWaterMark, 5);
  assert.throws(() => new Duplex({ readableHighWaterMark: 1.5 }), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The property 'options.readableHighWaterMark' is invalid. Received 1.5",
  });
});

test('Transform: transform and flush, in order', async () => {
  const log = [];
  const t = new Transform({
    transform(chunk, encoding, cb) {
      cb(null, String(chunk).toUpperCase());
    },
    flush(cb) {
      log.push('flush');
      cb(null, '!');
    },
  });
  for (const e of ['prefinish', 'finish', 'end', 'close']) t.on(e, () => log.push(e));
  t.on('data', (d) => log.push(`data:${d}`));
  t.write('ab');
  t.end('cd');
  await closed(t);
  assert.deepStrictEqual(log, ['data:AB', 'data:CD', 'flush', 'data:!', 'prefinish', 'end', 'finish', 'close']);
});

test('Transform backpressure: writes wait while the readable side is full', async () => {
  const seen = [];
  const t = new Transform({
    objectMode: true,
    highWaterMark: 2,
    transform(chunk, encoding, cb) {
      seen.push(chunk);
      cb(null, chunk);
    },
  });
  const results = [];
  for (let i = 0; i < 6; i++) results.push(t.write(i));
  assert.deepStrictEqual(results, [true, true, false, false, false, false]);
  await immediate();
  // Two chunks fill the readable side; the write of the second stays
  // pending until they are read, and the rest wait behind it.
  assert.deepStrictEqual(seen, [0, 1]);
  assert.strictEqual(t.readableLength, 2);
  assert.strictEqual(t.writableLength, 5);
  const out = [];
  t.on('data', (d) => out.push(d));
  t.end();
  await new Promise((resolve) => t.on('end', resolve));
  assert.deepStrictEqual(out, [0, 1, 2, 3, 4, 5]);
});

test('Transform: an error in _transform destroys the stream', async () => {
  const t = new Transform({ transform(chunk, encoding, cb) { cb(new Error('terr')); } });
  const log = [];
  t.on('error', (err) => log.push(`error:${err.message}`));
  t.write('x', (err) => log.push(`cb:${err.message}`));
  await closed(t);
  assert.deepStrictEqual(log, ['cb:terr', 'error:terr']);
});

test('Transform: async transform and flush', async () => {
  const t = new Transform({
    objectMode: true,
    transform(chunk, encoding, cb) {
      setImmediate(cb, null, chunk * 10);
    },
    flush(cb) {
      setImmediate(() => {
        this.push('extra');
        cb();
      });
    },
  });
  const out = [];
  t.on('data', (d) => out.push(d));
  t.write(1);
  t.write(2);
  t.end();
  await closed(t);
  assert.deepStrictEqual(out, [10, 20, 'extra']);
});

test('Transform without _transform', () => {
  const t = new Transform();
  assert.throws(() => t.write('x'), { code: 'ERR_METHOD_NOT_IMPLEMENTED', message: 'The _transform() method is not implemented' });
});

test('PassThrough passes chunks through', async () => {
  const p = new PassThrough();
  const out = [];
  p.on('data', (d) => out.push(String(d)));
  p.write('a');
  p.end('b');
  await new Promise((resolve) => p.on('end', resolve));
  assert.deepStrictEqual(out, ['a', 'b']);
  assert.ok(p instanceof Transform);
  assert.ok(p instanceof Duplex);
  assert.ok(p instanceof Readable);
  assert.ok(p instanceof Writable);
});

test('duplexPair: what one side writes, the other reads', async () => {
  const [a, b] = duplexPair();
  const got = [];
  b.on('data', (d) => got.push(String(d)));
  await new Promise((resolve) => a.write('ping', resolve));
  a.end();
  await new Promise((resolve) => b.on('end', resolve));
  assert.deepStrictEqual(got, ['ping']);
});

test('a Transform subclass', async () => {
  class Upper extends Transform {
    _transform(chunk, encoding, cb) {
      this.push(String(chunk).toUpperCase());
      cb();
    }
  }
  const u = new Upper();
  const out = [];
  u.on('data', (d) => out.push(String(d)));
  u.end('abc');
  await new Promise((resolve) => u.on('end', resolve));
  assert.deepStrictEqual(out, ['ABC']);
});
