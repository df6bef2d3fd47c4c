'use strict';
// destroy(), errors, autoDestroy, emitClose, async _construct(), signals.

const { test } = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, Duplex, addAbortSignal } = require('node:stream');

const immediate = () => new Promise((resolve) => setImmediate(resolve));
const closed = (stream) => new Promise((resolve) => stream.on('close', resolve));

function record(stream, events, log, prefix = '') {
  for (const name of events) {
    stream.on(name, (arg) => log.push(`${prefix}${name}${arg instanceof Error ? `:${arg.message}` : ''}`));
  }
}

test('destroy(err): callback now, then error, then close on the next tick', async () => {
  const log = [];
  const r = new Readable({ read() {} });
  record(r, ['end', 'error', 'close'], log);
  const err = new Error('kaboom');
  r.destroy(err, (e) => log.push(`cb:${e.message}`));
  log.push('sync');
  assert.strictEqual(r.destroyed, true);
  assert.strictEqual(r.errored, err);
  assert.strictEqual(r.closed, true);
  await closed(r);
  assert.deepStrictEqual(log, ['cb:kaboom', 'sync', 'error:kaboom', 'close']);
  assert.strictEqual(r.readableAborted, true);
});

test('destroy() without error: close only; a second destroy() does nothing', async () => {
  const log = [];
  const w = new Writable({ write(chunk, encoding, cb) { cb(); } });
  record(w, ['finish', 'error', 'close'], log);
  w.destroy();
  w.destroy(new Error('ignored'));
  await closed(w);
  await immediate();
  assert.deepStrictEqual(log, ['close']);
  assert.strictEqual(w.errored, null);
});

test('_destroy may swallow or replace the error', async () => {
  const swallow = new Readable({ read() {}, destroy(err, cb) { cb(); } });
  swallow.on('error', () => assert.fail('swallowed'));
  swallow.destroy(new Error('x'));
  await closed(swallow);

  const replace = new Readable({ read() {}, destroy(err, cb) { cb(new Error('other')); } });
  const seen = [];
  replace.on('error', (err) => seen.push(err.message));
  replace.destroy();
  await closed(replace);
  assert.deepStrictEqual(seen, ['other']);
});

test('destroying a writable fails its queued writes and end()', async () => {
  const log = [];
  const w = new Writable({ write(chunk, encoding, cb) { setImmediate(cb); } });
  w.write('a', (err) => log.push(`a:${err ? err.code : 'ok'}`));
  w.write('b', (err) => log.push(`b:${err ? err.code : 'ok'}`));
  w.end((err) => log.push(`end:${err ? err.code : 'ok'}`));
  w.destroy();
  w.on('close', () => log.push('close'));
  await immediate();
  await immediate();
  assert.deepStrictEqual(log, ['close', 'a:ok', 'b:ERR_STREAM_DESTROYED', 'end:ERR_STREAM_DESTROYED']);
  assert.strictEqual(w.writableAborted, true);
});

test('write after destroy', async () => {
  const w = new Writable({ write(chunk, encoding, cb) { cb(); } });
  w.destroy();
  w.on('error', () => assert.fail('no error event'));
  const err = await new Promise((resolve) => w.write('x', resolve));
  assert.strictEqual(err.code, 'ERR_STREAM_DESTROYED');
  assert.strictEqual(err.message, 'Cannot call write after a stream was destroyed');
});

test('data pushed after destroy is dropped', async () => {
  const r = new Readable({ read() {} });
  r.on('data', () => assert.fail('no data'));
  r.destroy();
  assert.strictEqual(r.push('x'), false);
  await closed(r);
});

test('autoDestroy: false keeps the stream open after end', async () => {
  const r = new Readable({ autoDestroy: false, read() {} });
  r.push('a');
  r.push(null);
  r.resume();
  await new Promise((resolve) => r.on('end', resolve));
  await immediate();
  assert.strictEqual(r.destroyed, false);
  assert.strictEqual(r.closed, false);
});

test('autoDestroy: false still reports errors', async () => {
  const w = new Writable({ autoDestroy: false, write(chunk, encoding, cb) { cb(new Error('w')); } });
  const errors = [];
  w.on('error', (err) => errors.push(err.message));
  w.write('x');
  await immediate();
  assert.deepStrictEqual(errors, ['w']);
  assert.strictEqual(w.destroyed, false);
  assert.strictEqual(w.errored.message, 'w');
});

test('emitClose: false', async () => {
  const r = new Readable({ emitClose: false, read() {} });
  r.on('close', () => assert.fail('no close'));
  r.destroy();
  await immediate();
  assert.strictEqual(r.closed, true);
});

test('async _construct delays reads and writes', async () => {
  const log = [];
  const w = new Writable({
    construct(cb) {
      log.push('construct');
      setImmediate(() => {
        log.push('constructed');
        cb();
      });
    },
    write(chunk, encoding, cb) {
      log.push(`_write:${chunk}`);
      cb();
    },
  });
  w.write('a');
  w.end('b');
  await new Promise((resolve) => w.on('finish', resolve));
  assert.deepStrictEqual(log, ['construct', 'constructed', '_write:a', '_write:b']);

  const r = new Readable({
    construct(cb) { setImmediate(cb); },
    read() {
      this.push('c');
      this.push(null);
    },
  });
  const data = [];
  r.on('data', (d) => data.push(String(d)));
  await new Promise((resolve) => r.on('end', resolve));
  assert.deepStrictEqual(data, ['c']);
});

test('an error from _construct destroys the stream', async () => {
  const r = new Readable({ construct(cb) { cb(new Error('cons')); }, read() { assert.fail('no read'); } });
  const errors = [];
  r.on('error', (err) => errors.push(err.message));
  r.resume();
  await closed(r);
  assert.deepStrictEqual(errors, ['cons']);
});

test('destroy() during _construct waits for it', async () => {
  const log = [];
  const d = new Duplex({
    construct(cb) {
      setImmediate(() => {
        log.push('constructed');
        cb();
      });
    },
    read() {},
    write(chunk, encoding, cb) { cb(); },
    destroy(err, cb) {
      log.push(`_destroy:${err.message}`);
      cb(err);
    },
  });
  d.on('error', (err) => log.push(`error:${err.message}`));
  d.destroy(new Error('early'));
  await closed(d);
  assert.deepStrictEqual(log, ['constructed', '_destroy:early', 'error:early']);
});

test('an AbortSignal destroys the stream with an AbortError', async () => {
  const ac = new AbortController();
  const r = addAbortSignal(ac.signal, new Readable({ read() {} }));
  const w = new Writable({ signal: ac.signal, write(chunk, encoding, cb) { cb(); } });
  const errors = [];
  r.on('error', (err) => errors.push(err.name));
  w.on('error', (err) => errors.push(err.name));
  ac.abort();
  await Promise.all([closed(r), closed(w)]);
  assert.deepStrictEqual(errors, ['AbortError', 'AbortError']);
  assert.throws(() => addAbortSignal('x', r), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => addAbortSignal(ac.signal, {}), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('an already aborted signal destroys at construction', async () => {
  const w = new Writable({ signal: AbortSignal.abort(), write(chunk, encoding, cb) { cb(); } });
  assert.strictEqual(w.destroyed, true);
  const [err] = await new Promise((resolve) => w.on('error', (...a) => resolve(a)));
  assert.strictEqual(err.name, 'AbortError');
});

test('a Duplex error is seen by both sides; error is emitted once', async () => {
  const d = new Duplex({ read() {}, write(chunk, encoding, cb) { cb(new Error('dup')); } });
  const errors = [];
  d.on('error', (err) => errors.push(err.message));
  d.write('x');
  await closed(d);
  assert.deepStrictEqual(errors, ['dup']);
  assert.strictEqual(d._readableState.errored.message, 'dup');
  assert.strictEqual(d.readable, false);
  assert.strictEqual(d.writable, false);
});

test('stream.destroy() of an unfinished stream gives an AbortError', async () => {
  const { destroy } = require('node:stream');
  const r = new Readable({ read() {} });
  const errors = [];
  r.on('error', (err) => errors.push(err.name));
  destroy(r);
  await closed(r);
  assert.deepStrictEqual(errors, ['AbortError']);
});
