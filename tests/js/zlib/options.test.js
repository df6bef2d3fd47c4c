'use strict';
// Options and stream methods: level, windowBits, memLevel, strategy,
// flush/finishFlush, info, flush(), params(), reset(), close(), bytesWritten,
// crc32 (ISO-HDLC check values), constants and codes.
const { test } = require('node:test');
const assert = require('node:assert');
const zlib = require('node:zlib');
const { once } = require('node:events');
const { text } = require('../../fixtures/crypto/data');

const data = text(100000, 2);

test('levels, windowBits, memLevel and strategies change the output, never the data', () => {
  const sizes = {};
  for (const level of [0, 1, 6, 9]) {
    const packed = zlib.deflateSync(data, { level });
    sizes[level] = packed.length;
    assert.deepStrictEqual(zlib.inflateSync(packed), data);
  }
  assert.ok(sizes[0] > data.length, 'level 0 stores');
  assert.ok(sizes[9] <= sizes[1]);
  for (const windowBits of [9, 12, 15]) {
    const packed = zlib.deflateSync(data, { windowBits });
    assert.deepStrictEqual(zlib.inflateSync(packed, { windowBits }), data);
    assert.deepStrictEqual(zlib.inflateSync(packed), data); // from the header
  }
  for (const strategy of [zlib.constants.Z_FILTERED, zlib.constants.Z_HUFFMAN_ONLY, zlib.constants.Z_RLE,
    zlib.constants.Z_FIXED]) {
    assert.deepStrictEqual(zlib.inflateSync(zlib.deflateSync(data, { strategy, memLevel: 9 })), data);
  }
  // Raw deflate with windowBits 8 is taken as 9, as zlib does.
  assert.deepStrictEqual(zlib.inflateRawSync(zlib.deflateRawSync(data, { windowBits: 8 })), data);
  // The header of a deflate stream records its window.
  assert.strictEqual(zlib.deflateSync('x', { windowBits: 9 })[0], 0x18);
});

test('gzip header bytes', () => {
  const gz = zlib.gzipSync('hello', { level: 9 });
  assert.deepStrictEqual([...gz.subarray(0, 4)], [0x1f, 0x8b, 8, 0]);
  assert.strictEqual(gz[8], 2); // maximum compression
  assert.strictEqual(zlib.gzipSync('')[8], 0);
  assert.strictEqual(zlib.gzipSync('', { level: 1 })[8], 4);
});

test('info returns the engine', async () => {
  const { buffer, engine } = zlib.gzipSync('abc', { info: true });
  assert.deepStrictEqual(zlib.gunzipSync(buffer), Buffer.from('abc'));
  assert.ok(engine instanceof zlib.Gzip);
  assert.strictEqual(engine.bytesWritten, 3);
  const result = await new Promise((resolve, reject) => zlib.deflate('abc', { info: true },
                                                                     (e, r) => (e ? reject(e) : resolve(r))));
  assert.ok(result.engine instanceof zlib.Deflate);
  assert.deepStrictEqual(zlib.inflateSync(result.buffer), Buffer.from('abc'));
});

test('flush() emits what was written so far', async () => {
  const gzip = zlib.createGzip();
  const chunks = [];
  gzip.on('data', (c) => chunks.push(c));
  gzip.write('first part ');
  await new Promise((resolve) => gzip.flush(resolve));
  // What came out so far decodes (with a sync flush at the end) to the input.
  const partial = zlib.gunzipSync(Buffer.concat(chunks), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  assert.strictEqual(partial.toString(), 'first part ');
  gzip.end('second part');
  await once(gzip, 'end');
  assert.strictEqual(zlib.gunzipSync(Buffer.concat(chunks)).toString(), 'first part second part');
  // After the end, flush() calls back once all is done.
  await new Promise((resolve) => gzip.flush(resolve));
});

test('params() changes level and strategy mid-stream', async () => {
  const deflate = zlib.createDeflate({ level: 1 });
  const chunks = [];
  deflate.on('data', (c) => chunks.push(c));
  deflate.write(data.subarray(0, 50000));
  await new Promise((resolve) => deflate.params(9, zlib.constants.Z_DEFAULT_STRATEGY, resolve));
  deflate.end(data.subarray(50000));
  await once(deflate, 'end');
  assert.deepStrictEqual(zlib.inflateSync(Buffer.concat(chunks)), data);
  assert.throws(() => deflate.params(10, 0), { code: 'ERR_OUT_OF_RANGE' });
});

test('reset() starts a new stream; close() ends it', async () => {
  const inflate = zlib.createInflate();
  await new Promise((resolve) => inflate.write(zlib.deflateSync('abc').subarray(0, 5), resolve));
  inflate.reset();
  const out = [];
  inflate.on('data', (c) => out.push(c));
  inflate.end(zlib.deflateSync('xyz'));
  await once(inflate, 'end');
  // What the first stream had decoded already came out; then the new one.
  assert.strictEqual(Buffer.concat(out).toString(), 'abxyz');

  const gzip = zlib.createGzip();
  const closed = new Promise((resolve) => gzip.close(resolve));
  await closed;
  assert.strictEqual(gzip._closed, true);
  assert.strictEqual(gzip.destroyed, true);
});

test('a stream destroyed while a write is on the pool does not crash', async () => {
  for (let i = 0; i < 20; i++) {
    const gzip = zlib.createGzip();
    gzip.on('error', () => {});
    gzip.write(Buffer.alloc(1 << 20, i));
    gzip.destroy();
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Streams dropped without close() are cleaned up by the collector.
  for (let i = 0; i < 200; i++) zlib.createDeflate();
});

test('flush flags: Z_SYNC_FLUSH on every write', async () => {
  const deflate = zlib.createDeflateRaw({ flush: zlib.constants.Z_SYNC_FLUSH });
  const out = [];
  deflate.on('data', (c) => out.push(c));
  deflate.write('abc');
  await new Promise((resolve) => deflate.write('', resolve));
  // A sync flush ends in the empty stored block 00 00 ff ff.
  assert.strictEqual(Buffer.concat(out).subarray(-4).toString('hex'), '0000ffff');
  deflate.end();
  await once(deflate, 'end');
});

test('crc32 (the CRC-32/ISO-HDLC check value)', () => {
  assert.strictEqual(zlib.crc32('123456789'), 0xcbf43926);
  assert.strictEqual(zlib.crc32(''), 0);
  assert.strictEqual(zlib.crc32('hello'), 907060870);
  assert.strictEqual(zlib.crc32('world', zlib.crc32('hello ')), zlib.crc32('hello world'));
  assert.strictEqual(zlib.crc32(new Uint8Array([0x31, 0x32, 0x33])), zlib.crc32('123'));
  assert.strictEqual(zlib.crc32('é'), zlib.crc32(Buffer.from('é')));
});

test('constants, codes and the exports', () => {
  const c = zlib.constants;
  assert.strictEqual(c.Z_NO_FLUSH, 0);
  assert.strictEqual(c.Z_FINISH, 4);
  assert.strictEqual(c.Z_BEST_COMPRESSION, 9);
  assert.strictEqual(c.Z_DEFAULT_CHUNK, 16384);
  assert.strictEqual(c.Z_MAX_CHUNK, Infinity);
  assert.strictEqual(c.BROTLI_PARAM_QUALITY, 1);
  assert.strictEqual(c.BROTLI_DECODER_ERROR_FORMAT_PADDING_1, -14);
  assert.strictEqual(c.BROTLI_DECODER_ERROR_UNREACHABLE, -31);
  assert.strictEqual(c.GZIP, 3);
  assert.strictEqual(c.BROTLI_ENCODE, 9);
  assert.strictEqual(zlib.codes.Z_DATA_ERROR, -3);
  assert.strictEqual(zlib.codes['-3'], 'Z_DATA_ERROR');
  for (const name of ['Deflate', 'Inflate', 'Gzip', 'Gunzip', 'DeflateRaw', 'InflateRaw', 'Unzip', 'BrotliCompress',
    'BrotliDecompress']) {
    assert.strictEqual(typeof zlib[name], 'function');
    assert.ok(zlib[`create${name}`]() instanceof zlib[name], name);
    assert.ok(zlib[`create${name}`]() instanceof require('node:stream').Transform, name);
  }
  assert.ok(zlib.Gzip() instanceof zlib.Gzip);
});
