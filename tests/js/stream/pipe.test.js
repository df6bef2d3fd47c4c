'use strict';
// readable.pipe(): data flow, backpressure, unpipe and cleanup, errors.

const { test } = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, PassThrough } = require('node:stream');

const immediate = () => new Promise((resolve) => setImmediate(resolve));
const closed = (stream) => new Promise((resolve) => stream.on('close', resolve));

test('pipe: events in order, dest ended, both closed', async () => {
  const log = [];
  const r = new Readable({ read() {} });
  const w = new Writable({
    write(chunk, encoding, cb) {
      log.push(`_write:${chunk}`);
      cb();
    },
  });
  for (const e of ['end', 'close', 'pause', 'resume']) r.on(e, () => log.push(`r:${e}`));
  for (const e of ['pipe', 'unpipe', 'finish', 'close']) w.on(e, () => log.push(`w:${e}`));
  assert.strictEqual(r.pipe(w), w);
  r.push('1');
  r.push('2');
  r.push(null);
  await Promise.all([closed(r), closed(w)]);
  assert.deepStrictEqual(log, [
    'w:pipe', 'r:resume', '_write:1', '_write:2', 'r:end', 'w:finish', 'r:pause', 'w:unpipe', 'r:close', 'w:close',
  ]);
});

test('pipe: the source pauses when write() returns false and resumes on drain', async () => {
  const log = [];
  let n = 0;
  const r = new Readable({
    highWaterMark: 4,
    read() {
      if (n < 4) this.push(`xx${n++}`);
      else this.push(null);
    },
  });
  const w = new Writable({
    highWaterMark: 4,
    write(chunk, encoding, cb) {
      log.push(`_write:${chunk}`);
      setImmediate(cb);
    },
  });
  r.on('pause', () => log.push('pause'));
  r.on('resume', () => log.push('resume'));
  w.on('drain', () => log.push('drain'));
  r.pipe(w);
  await closed(w);
  assert.deepStrictEqual(log, [
    'resume', '_write:xx0', 'pause', '_write:xx1', 'drain', 'resume', '_write:xx2', 'pause', '_write:xx3',
  ]);
  // The last drain is not emitted: the destination is ending by then.
});

test('pipe to two destinations waits for the slower one', async () => {
  let n = 0;
  const r = new Readable({ objectMode: true, highWaterMark: 1, read() { this.push(n < 4 ? n++ : null); } });
  const log = [];
  const make = (name, delay) => new Writable({
    objectMode: true,
    highWaterMark: 1,
    write(chunk, encoding, cb) {
      log.push(`${name}${chunk}`);
      setTimeout(cb, delay);
    },
  });
  const a = make('a', 1);
  const b = make('b', 5);
  r.pipe(a);
  r.pipe(b);
  await Promise.all([closed(a), closed(b)]);
  assert.deepStrictEqual(log, ['a0', 'b0', 'a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
});

test('unpipe stops the flow and removes the listeners', async () => {
  const r = new Readable({ read() {} });
  const written = [];
  const w = new Writable({
    write(chunk, encoding, cb) {
      written.push(String(chunk));
      cb();
    },
  });
  const events = [];
  w.on('unpipe', (src) => events.push(src === r ? 'unpipe' : 'other'));
  r.pipe(w);
  r.push('a');
  await immediate();
  const listeners = ['close', 'finish', 'drain', 'error', 'unpipe'].map((e) => w.listenerCount(e));
  r.unpipe(w);
  assert.strictEqual(r.readableFlowing, false);
  r.push('b');
  await immediate();
  assert.deepStrictEqual(written, ['a']);
  assert.deepStrictEqual(events, ['unpipe']);
  assert.strictEqual(r.readableLength, 1);
  assert.strictEqual(r.listenerCount('data'), 0);
  assert.ok(w.listenerCount('close') < listeners[0]);
  // unpipe() of a stream that is not piped does nothing.
  assert.strictEqual(r.unpipe(new PassThrough()), r);
});

test('pipe({ end: false }) leaves the destination open', async () => {
  const r = Readable.from(['x']);
  const w = new Writable({ write(chunk, encoding, cb) { cb(); } });
  r.pipe(w, { end: false });
  await new Promise((resolve) => r.on('end', resolve));
  await immediate();
  assert.strictEqual(w.writableEnded, false);
});

test('a destination error unpipes; it is still emitted on the destination', async () => {
  const r = new Readable({ read() {} });
  const w = new Writable({ write(chunk, encoding, cb) { cb(new Error('werr')); } });
  const log = [];
  w.on('unpipe', () => log.push('unpipe'));
  w.on('error', (err) => log.push(`error:${err.message}`));
  r.pipe(w);
  r.push('a');
  await closed(w);
  assert.deepStrictEqual(log, ['unpipe', 'error:werr']);
  assert.strictEqual(r.readableFlowing, false);
  assert.strictEqual(r.destroyed, false);
});

test('piping an ended source ends the destination', async () => {
  const r = new Readable({ read() {} });
  r.push(null);
  r.resume();
  await new Promise((resolve) => r.on('end', resolve));
  const w = new Writable({ write(chunk, encoding, cb) { cb(); } });
  r.pipe(w);
  await new Promise((resolve) => w.on('finish', resolve));
});

test('piping into a Writable is an error', async () => {
  const w = new Writable({ write(chunk, encoding, cb) { cb(); } });
  w.pipe(new PassThrough());
  const err = await new Promise((resolve) => w.on('error', resolve));
  assert.strictEqual(err.code, 'ERR_STREAM_CANNOT_PIPE');
});
