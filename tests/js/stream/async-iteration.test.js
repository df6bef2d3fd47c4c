'use strict';
// for await over Readable streams, Readable.from(), and the stream
// helpers (map, filter, ...), compose() and Duplex.from().

const { test } = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, Duplex, PassThrough, Transform, compose } = require('node:stream');

const immediate = () => new Promise((resolve) => setImmediate(resolve));

test('for await reads every chunk, then the stream is closed', async () => {
  const r = new Readable({ objectMode: true, read() {} });
  r.push(1);
  r.push(2);
  setImmediate(() => {
    r.push(3);
    r.push(null);
  });
  const seen = [];
  for await (const x of r) seen.push(x);
  assert.deepStrictEqual(seen, [1, 2, 3]);
  await immediate();
  assert.strictEqual(r.destroyed, true);
});

test('break destroys the stream', async () => {
  const r = Readable.from([1, 2, 3, 4]);
  const seen = [];
  for await (const x of r) {
    seen.push(x);
    if (x === 2) break;
  }
  assert.deepStrictEqual(seen, [1, 2]);
  assert.strictEqual(r.destroyed, true);
  await new Promise((resolve) => r.on('close', resolve));
});

test('iterator({ destroyOnReturn: false }) leaves the stream usable', async () => {
  const r = Readable.from(['a', 'b']);
  for await (const x of r.iterator({ destroyOnReturn: false })) {
    assert.strictEqual(x, 'a');
    break;
  }
  assert.strictEqual(r.destroyed, false);
  const rest = [];
  for await (const x of r) rest.push(x);
  assert.deepStrictEqual(rest, ['b']);
  assert.throws(() => r.iterator(1), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('a stream error rejects the loop after the data before it', async () => {
  const r = new Readable({ objectMode: true, read() {} });
  r.push(1);
  r.push(2);
  setImmediate(() => r.destroy(new Error('later')));
  const seen = [];
  await assert.rejects(async () => {
    for await (const x of r) seen.push(x);
  }, { message: 'later' });
  assert.deepStrictEqual(seen, [1, 2]);
});

test('throwing in the loop body destroys the stream', async () => {
  const r = Readable.from([1, 2, 3]);
  await assert.rejects(async () => {
    for await (const x of r) if (x === 1) throw new Error('body');
  }, { message: 'body' });
  assert.strictEqual(r.destroyed, true);
});

test('Readable.from: arrays, strings and Buffers as one chunk, iterables', async () => {
  assert.deepStrictEqual(await Readable.from([1, 2]).toArray(), [1, 2]);
  assert.deepStrictEqual(await Readable.from('abc').toArray(), ['abc']);
  const buffers = await Readable.from(Buffer.from('abc')).toArray();
  assert.strictEqual(buffers.length, 1);
  assert.strictEqual(buffers[0].toString(), 'abc');
  async function* gen() {
    yield 'x';
    yield 'y';
  }
  assert.deepStrictEqual(await Readable.from(gen()).toArray(), ['x', 'y']);
  // Promises yielded by a sync iterable are awaited.
  assert.deepStrictEqual(await Readable.from([1, Promise.resolve(5), 3]).toArray(), [1, 5, 3]);
  const r = Readable.from([1]);
  assert.strictEqual(r.readableObjectMode, true);
  assert.strictEqual(r.readableHighWaterMark, 1);
  assert.strictEqual(Readable.from([1], { objectMode: false }).readableObjectMode, false);
  assert.throws(() => Readable.from(5), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('Readable.from: null values are an error; destroy closes the iterator', async () => {
  const r = Readable.from([1, null, 2]);
  r.resume();
  const err = await new Promise((resolve) => r.on('error', resolve));
  assert.strictEqual(err.code, 'ERR_STREAM_NULL_VALUES');

  let finalized = false;
  function* endless() {
    try {
      for (let i = 0; ; i++) yield i;
    } finally {
      finalized = true;
    }
  }
  const s = Readable.from(endless());
  for await (const x of s) if (x === 3) break;
  await new Promise((resolve) => s.on('close', resolve));
  assert.strictEqual(finalized, true);
});

test('map, filter, flatMap, drop, take', async () => {
  const from = (a) => Readable.from(a);
  assert.deepStrictEqual(await from([1, 2, 3, 4]).map((x) => x * 2).toArray(), [2, 4, 6, 8]);
  assert.deepStrictEqual(await from([1, 2, 3, 4]).filter((x) => x % 2).toArray(), [1, 3]);
  assert.deepStrictEqual(await from([1, 2]).flatMap((x) => [x, x]).toArray(), [1, 1, 2, 2]);
  assert.deepStrictEqual(await from([1, 2, 3, 4]).drop(1).take(2).toArray(), [2, 3]);
  assert.ok(from([1]).map((x) => x) instanceof Readable);
});

test('map with concurrency keeps the order', async () => {
  let running = 0;
  let most = 0;
  const out = await Readable.from([30, 10, 20, 5]).map(async (ms) => {
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, ms));
    running--;
    return ms;
  }, { concurrency: 2 }).toArray();
  assert.deepStrictEqual(out, [30, 10, 20, 5]);
  assert.strictEqual(most, 2);
});

test('forEach, toArray, some, every, find, reduce', async () => {
  const from = (a) => Readable.from(a);
  const seen = [];
  await from([1, 2]).forEach((x) => { seen.push(x); });
  assert.deepStrictEqual(seen, [1, 2]);
  assert.strictEqual(await from([1, 2, 3]).some((x) => x > 2), true);
  assert.strictEqual(await from([1, 2, 3]).every((x) => x > 2), false);
  assert.strictEqual(await from([1, 2, 3]).find((x) => x > 1), 2);
  assert.strictEqual(await from([1, 2, 3]).find((x) => x > 5), undefined);
  assert.strictEqual(await from([1, 2, 3]).reduce((a, b) => a + b, 10), 16);
  assert.strictEqual(await from([1, 2, 3]).reduce((a, b) => a + b), 6);
  await assert.rejects(from([]).reduce((a, b) => a + b), {
    code: 'ERR_MISSING_ARGS',
    message: 'Reduce of an empty stream requires an initial value',
  });
});

test('helpers validate their arguments', async () => {
  const r = Readable.from([1]);
  assert.throws(() => r.map(1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => r.map((x) => x, { concurrency: 0 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => r.take(-1), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => r.filter((x) => x, 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
  await assert.rejects(r.toArray({ signal: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new r.map((x) => x), { code: 'ERR_ILLEGAL_CONSTRUCTOR' });
  assert.strictEqual(Readable.prototype.map.length, 2);
  assert.strictEqual(Readable.prototype.reduce.name, 'reduce');
});

test('helpers stop at an aborted signal', async () => {
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(Readable.from([1, 2]).toArray({ signal: ac.signal }), { name: 'AbortError' });
});

test('compose: one Duplex through a Transform and a generator', async () => {
  const c = compose(
    new Transform({ transform(chunk, e, cb) { cb(null, `${chunk}1`); } }),
    async function* (source) {
      for await (const x of source) yield `${x}2`;
    });
  const out = [];
  c.on('data', (d) => out.push(String(d)));
  c.write('a');
  c.end('b');
  await new Promise((resolve) => c.on('close', resolve));
  assert.deepStrictEqual(out, ['a12', 'b12']);
  assert.throws(() => compose(), { code: 'ERR_MISSING_ARGS' });
  const ended = Readable.from([]);
  assert.throws(() => compose(new PassThrough(), ended), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('readable.compose() and Duplex.from()', async () => {
  const c = Readable.from([1, 2, 3]).compose(async function* (source) {
    for await (const x of source) yield x + 1;
  });
  assert.deepStrictEqual(await c.toArray(), [2, 3, 4]);

  const d = Duplex.from(async function* (source) {
    for await (const x of source) yield `${x}!`;
  });
  d.write('q');
  d.end();
  assert.deepStrictEqual(await d.toArray(), ['q!']);

  assert.deepStrictEqual(await Duplex.from(Promise.resolve('pv')).toArray(), ['pv']);

  const got = [];
  const pair = Duplex.from({
    readable: Readable.from(['r']),
    writable: new Writable({ write(chunk, e, cb) { got.push(String(chunk)); cb(); } }),
  });
  pair.end('w');
  assert.deepStrictEqual(await pair.toArray(), ['r']);
  assert.deepStrictEqual(got, ['w']);

  const p = new PassThrough();
  assert.strictEqual(Duplex.from(p), p);
  assert.throws(() => Duplex.from(5), { code: 'ERR_INVALID_ARG_TYPE' });
});
