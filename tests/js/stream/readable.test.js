'use strict';
// Readable: flowing and paused modes, the order of events, read(n),
// unshift, setEncoding, highWaterMark, object mode.

const { test } = require('node:test');
const assert = require('node:assert');
const { Readable, getDefaultHighWaterMark, setDefaultHighWaterMark } = require('node:stream');
const { once } = require('node:events');

const immediate = () => new Promise((resolve) => setImmediate(resolve));

function record(stream, events, log) {
  for (const name of events) {
    stream.on(name, (arg) => log.push(name === 'data' ? `data:${arg}` : name));
  }
}

test('flowing mode: resume, data in order, end, close', async () => {
  const log = [];
  const r = new Readable({ read() {} });
  record(r, ['resume', 'data', 'end', 'close', 'pause'], log);
  r.push('a');
  r.push('b');
  r.push(null);
  log.push('sync');
  await once(r, 'close');
  assert.deepStrictEqual(log, ['sync', 'resume', 'data:a', 'data:b', 'end', 'close']);
  assert.strictEqual(r.readableEnded, true);
  assert.strictEqual(r.destroyed, true);
  assert.strictEqual(r.closed, true);
});

test('_read is called until push(null); data, end and close follow', async () => {
  const log = [];
  let i = 0;
  const r = new Readable({
    highWaterMark: 4,
    read() {
      log.push(`_read${i}`);
      if (i < 3) this.push(String(i++));
      else this.push(null);
    },
  });
  r.on('data', (d) => log.push(`data:${d}`));
  r.on('end', () => log.push('end'));
  await once(r, 'close');
  assert.deepStrictEqual(log, ['_read0', '_read1', 'data:0', '_read2', 'data:1', '_read3', 'data:2', 'end']);
});

test('paused mode: readable event and read(n)', async () => {
  const r = new Readable({ read() {} });
  r.push('abc');
  r.push('def');
  r.push(null);
  const reads = [];
  r.on('readable', () => {
    let chunk;
    while ((chunk = r.read(2)) !== null) reads.push(chunk.toString());
  });
  await once(r, 'end');
  assert.deepStrictEqual(reads, ['ab', 'cd', 'ef']);
});

test('a readable listener takes precedence over data', async () => {
  const log = [];
  const r = new Readable({ read() {} });
  r.on('readable', () => log.push(`readable:${r.read()}`));
  r.on('data', (d) => log.push(`data:${d}`));
  assert.strictEqual(r.readableFlowing, false);
  r.push('abc');
  await immediate();
  assert.deepStrictEqual(log, ['data:abc', 'readable:abc']);
  // Without the readable listener, data flows again.
  r.removeAllListeners('readable');
  await immediate();
  assert.strictEqual(r.readableFlowing, true);
  r.push('zz');
  await immediate();
  assert.deepStrictEqual(log.slice(2), ['data:zz']);
});

test('pause() and resume()', async () => {
  const log = [];
  const r = new Readable({ read() {} });
  record(r, ['data', 'pause', 'resume', 'end'], log);
  r.push('x');
  r.pause();
  assert.strictEqual(r.isPaused(), true);
  assert.strictEqual(r.readableFlowing, false);
  await immediate();
  // The resume() scheduled by on('data') still reports, but nothing flows.
  assert.deepStrictEqual(log, ['pause', 'resume']);
  assert.strictEqual(r.readableLength, 1);
  r.resume();
  assert.strictEqual(r.isPaused(), false);
  assert.strictEqual(r.readableFlowing, true);
  r.push(null);
  await once(r, 'end');
  // resume() flows at once: push(null) delivers the data before the
  // scheduled 'resume' event.
  assert.deepStrictEqual(log, ['pause', 'resume', 'data:x', 'resume', 'end']);
});

test('an explicitly paused stream does not flow when data is added', async () => {
  const r = new Readable({ read() {} });
  r.pause();
  r.on('data', () => assert.fail('must not flow'));
  r.push('a');
  await immediate();
  assert.strictEqual(r.readableFlowing, false);
  assert.strictEqual(r.readableLength, 1);
});

test('read(n) past the highWaterMark raises it to the next power of two', () => {
  const r = new Readable({ highWaterMark: 2, read() {} });
  assert.strictEqual(r.read(10), null);
  assert.strictEqual(r.readableHighWaterMark, 16);
  r.push('abcdefghijk');
  assert.strictEqual(r.read(3).toString(), 'abc');
  assert.strictEqual(r.readableLength, 8);
  assert.throws(() => r.read(2 ** 31), { code: 'ERR_OUT_OF_RANGE' });
});

test('read() across several buffered chunks joins them', () => {
  const r = new Readable({ read() {} });
  r.push('ab');
  r.push('cd');
  r.push('ef');
  assert.strictEqual(r.read(3).toString(), 'abc');
  assert.strictEqual(r.read(2).toString(), 'de');
  assert.strictEqual(r.read().toString(), 'f');
});

test('push() returns false at the highWaterMark', () => {
  const r = new Readable({ highWaterMark: 4, read() {} });
  assert.strictEqual(r.push('ab'), true);
  assert.strictEqual(r.push('cd'), false);
  assert.strictEqual(r.readableLength, 4);
  const o = new Readable({ objectMode: true, read() {} });
  for (let i = 0; i < 15; i++) assert.strictEqual(o.push(i), true);
  assert.strictEqual(o.push(15), false);
});

test('unshift() puts data back in front', async () => {
  const r = new Readable({ read() {} });
  r.push('hello world');
  await once(r, 'readable');
  assert.strictEqual(r.read(5).toString(), 'hello');
  r.unshift(Buffer.from('HELLO'));
  assert.strictEqual(r.readableLength, 11);
  assert.strictEqual(r.read().toString(), 'HELLO world');
});

test('setEncoding decodes characters split across chunks', async () => {
  const r = new Readable({ read() {} });
  r.setEncoding('utf8');
  assert.strictEqual(r.readableEncoding, 'utf8');
  const euro = Buffer.from('€uro');
  const data = [];
  r.on('data', (d) => data.push(d));
  // '€' is three bytes: E2 82 AC.
  const pieces = [euro.subarray(0, 1), euro.subarray(1, 2), euro.subarray(2, 3), euro.subarray(3),
                  Buffer.from([0xf0, 0x9f]), Buffer.from([0x98, 0x80]), Buffer.from([0xe2]), null];
  for (const piece of pieces) {
    await immediate();
    r.push(piece);
  }
  await once(r, 'end');
  assert.ok(data.every((d) => typeof d === 'string'));
  assert.deepStrictEqual(data, ['€', 'uro', '😀', '\ufffd']);
});

test('setEncoding re-decodes what is already buffered', () => {
  const r = new Readable({ read() {} });
  r.push('abc');
  r.push('def');
  r.setEncoding('base64');
  assert.strictEqual(r.read(), 'YWJjZGVm');
  const h = new Readable({ encoding: 'hex', read() {} });
  h.push('hi');
  h.push('ab', 'hex');
  assert.strictEqual(h.read(), '6869ab');
});

test('object mode keeps every value, falsy ones included', async () => {
  const r = new Readable({ objectMode: true, read() {} });
  const values = [0, '', false, undefined, { a: 1 }];
  for (const v of values) r.push(v);
  r.push(null);
  const seen = [];
  r.on('data', (d) => seen.push(d));
  await once(r, 'end');
  assert.deepStrictEqual(seen, values);
});

test('empty pushes answer _read without ending the stream', async () => {
  let i = 0;
  const r = new Readable({
    read() {
      if (i++ < 2) this.push('');
      else this.push(null);
    },
  });
  const data = [];
  r.on('data', (d) => data.push(d));
  await once(r, 'end');
  assert.deepStrictEqual(data, []);
  assert.strictEqual(i, 3);
});

test('push after EOF and invalid chunks are errors', async () => {
  const r = new Readable({ read() {} });
  r.push(null);
  r.push('x');
  const [err] = await once(r, 'error');
  assert.strictEqual(err.code, 'ERR_STREAM_PUSH_AFTER_EOF');

  const r2 = new Readable({ read() {} });
  r2.push(5);
  const [err2] = await once(r2, 'error');
  assert.strictEqual(err2.code, 'ERR_INVALID_ARG_TYPE');
});

test('a missing _read() is reported as an error', async () => {
  const r = new Readable();
  r.read();
  const [err] = await once(r, 'error');
  assert.strictEqual(err.code, 'ERR_METHOD_NOT_IMPLEMENTED');
});

test('state getters', async () => {
  const r = new Readable({ read() {} });
  assert.strictEqual(r.readable, true);
  assert.strictEqual(r.readableFlowing, null);
  assert.strictEqual(r.readableObjectMode, false);
  assert.strictEqual(r.readableHighWaterMark, 65536);
  assert.strictEqual(r.readableEncoding, null);
  assert.strictEqual(r.readableDidRead, false);
  assert.strictEqual(r.readableAborted, false);
  assert.strictEqual(r.errored, null);
  r.push('x');
  r.read();
  assert.strictEqual(r.readableDidRead, true);
  r.push(null);
  r.resume();
  await once(r, 'end');
  assert.strictEqual(r.readableEnded, true);
  assert.strictEqual(r.readable, false);
});

test('default highWaterMarks (Node 22) and setDefaultHighWaterMark', () => {
  assert.strictEqual(getDefaultHighWaterMark(false), 64 * 1024);
  assert.strictEqual(getDefaultHighWaterMark(true), 16);
  setDefaultHighWaterMark(true, 3);
  try {
    assert.strictEqual(new Readable({ objectMode: true }).readableHighWaterMark, 3);
  } finally {
    setDefaultHighWaterMark(true, 16);
  }
  assert.throws(() => setDefaultHighWaterMark(false, -1), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => new Readable({ highWaterMark: -1 }), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The property 'options.highWaterMark' is invalid. Received -1",
  });
});

test('once("readable") cycles', async () => {
  const r = new Readable({ read() {} });
  const chunks = [];
  let n = 0;
  const onReadable = () => {
    chunks.push(String(r.read()));
    if (++n < 3) {
      r.push(`p${n}`);
      r.once('readable', onReadable);
    } else {
      r.push(null);
      r.resume();
    }
  };
  r.once('readable', onReadable);
  r.push('p0');
  await once(r, 'end');
  assert.deepStrictEqual(chunks, ['p0', 'p1', 'p2']);
});

test('wrap() turns an old-style stream into a Readable', async () => {
  const EventEmitter = require('node:events');
  const old = new EventEmitter();
  let paused = 0;
  old.pause = () => paused++;
  old.resume = () => {};
  const r = new Readable({ highWaterMark: 2 }).wrap(old);
  old.emit('data', Buffer.from('abc'));
  old.emit('data', Buffer.from('de'));
  old.emit('end');
  const data = [];
  r.on('data', (d) => data.push(d.toString()));
  await once(r, 'end');
  assert.deepStrictEqual(data, ['abc', 'de']);
  assert.strictEqual(paused, 2);
});
