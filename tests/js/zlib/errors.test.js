'use strict';
// Corrupt and truncated input gives Node's errors (message, code, errno) in
// every form and never takes the process down; bad options throw Node's
// argument errors.
const { test } = require('node:test');
const assert = require('node:assert');
const zlib = require('node:zlib');
const { promisify } = require('node:util');
const { pattern, text } = require('../../fixtures/crypto/data');

const data = text(50000, 1);
const gz = zlib.gzipSync(data);
const br = zlib.brotliCompressSync(data);

test('corrupt headers', async () => {
  const headerError = { code: 'Z_DATA_ERROR', errno: -3, message: 'incorrect header check' };
  assert.throws(() => zlib.gunzipSync(Buffer.from('garbage data here')), headerError);
  assert.throws(() => zlib.inflateSync(Buffer.from('garbage data here')), headerError);
  assert.throws(() => zlib.unzipSync(Buffer.from('garbage data here')), headerError);
  await assert.rejects(promisify(zlib.gunzip)(Buffer.from('not gzip at all')), headerError);
  assert.throws(() => zlib.inflateRawSync(Buffer.from([0xff, 0xff, 0xff])),
                { code: 'Z_DATA_ERROR', message: 'invalid block type' });
  assert.throws(() => zlib.brotliDecompressSync(Buffer.from('garbage data here')),
                { code: 'ERR__ERROR_FORMAT_PADDING_1', errno: -14, message: 'Decompression failed' });
  // The error is a plain Error carrying errno and code.
  try {
    zlib.gunzipSync(Buffer.from('xx'));
  } catch (err) {
    assert.strictEqual(Object.getPrototypeOf(err), Error.prototype);
    assert.deepStrictEqual(Object.keys(err), ['errno', 'code']);
  }
});

test('truncated input: unexpected end of file', async () => {
  const eof = { code: 'Z_BUF_ERROR', errno: -5, message: 'unexpected end of file' };
  for (const cut of [1, 10, gz.length / 2, gz.length - 1]) {
    assert.throws(() => zlib.gunzipSync(gz.subarray(0, cut)), eof, `cut ${cut}`);
  }
  await assert.rejects(promisify(zlib.gunzip)(gz.subarray(0, gz.length - 4)), eof);
  await assert.rejects(promisify(zlib.inflate)(zlib.deflateSync(data).subarray(0, 100)), eof);
  assert.throws(() => zlib.brotliDecompressSync(br.subarray(0, br.length - 10)), eof);
  await assert.rejects(promisify(zlib.brotliDecompress)(br.subarray(0, 5)), eof);
  // finishFlush Z_SYNC_FLUSH reads what is there without complaining.
  const partial = zlib.gunzipSync(gz.subarray(0, gz.length - 8), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  assert.deepStrictEqual(partial, data);
});

test('corrupt bodies and trailers', () => {
  const flipped = Buffer.from(gz);
  flipped[gz.length - 6] ^= 0xff; // the CRC
  assert.throws(() => zlib.gunzipSync(flipped), { code: 'Z_DATA_ERROR', message: 'incorrect data check' });
  // Random bytes in the middle: a data error of some kind, never a crash.
  for (let seed = 1; seed <= 50; seed++) {
    const bad = Buffer.from(gz);
    const noise = pattern(8, seed);
    noise.copy(bad, 20 + seed * 7);
    try {
      zlib.gunzipSync(bad);
    } catch (err) {
      assert.ok(['Z_DATA_ERROR', 'Z_BUF_ERROR'].includes(err.code), err.code);
    }
  }
  // Trailing garbage after a gzip member; zero padding is fine.
  assert.throws(() => zlib.gunzipSync(Buffer.concat([gz, Buffer.from('xyz')])), { code: 'Z_DATA_ERROR' });
  assert.deepStrictEqual(zlib.gunzipSync(Buffer.concat([gz, Buffer.alloc(10)])), data);
  assert.deepStrictEqual(zlib.gunzipSync(Buffer.concat([gz, gz])), Buffer.concat([data, data]));
});

test('errors reach streams as error events and end them', async () => {
  const g = zlib.createGunzip();
  const err = await new Promise((resolve) => {
    g.on('error', resolve);
    g.on('data', () => {});
    g.write(Buffer.from('garbage'));
  });
  assert.strictEqual(err.code, 'Z_DATA_ERROR');
  assert.strictEqual(g.destroyed, true);
  const t = zlib.createInflate();
  const err2 = await new Promise((resolve) => {
    t.on('error', resolve);
    t.resume();
    t.end(zlib.deflateSync(data).subarray(0, 50));
  });
  assert.strictEqual(err2.message, 'unexpected end of file');
});

test('dictionaries', () => {
  const dictionary = Buffer.from('alpha beta gamma delta');
  const packed = zlib.deflateSync(data, { dictionary });
  assert.deepStrictEqual(zlib.inflateSync(packed, { dictionary }), data);
  assert.throws(() => zlib.inflateSync(packed), { code: 'Z_NEED_DICT', errno: 2, message: 'Missing dictionary' });
  assert.throws(() => zlib.inflateSync(packed, { dictionary: Buffer.from('nope') }),
                { code: 'Z_NEED_DICT', message: 'Bad dictionary' });
  const raw = zlib.deflateRawSync(data, { dictionary });
  assert.deepStrictEqual(zlib.inflateRawSync(raw, { dictionary }), data);
  assert.throws(() => zlib.deflateSync('x', { dictionary: 'str' }), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('maxOutputLength', async () => {
  const packed = zlib.deflateSync(Buffer.alloc(100000));
  assert.throws(() => zlib.inflateSync(packed, { maxOutputLength: 1000 }),
                { code: 'ERR_BUFFER_TOO_LARGE', name: 'RangeError', message: 'Cannot create a Buffer larger than 1000 bytes' });
  await assert.rejects(promisify(zlib.inflate)(packed, { maxOutputLength: 1000 }), { code: 'ERR_BUFFER_TOO_LARGE' });
  assert.strictEqual(zlib.inflateSync(packed, { maxOutputLength: 100000 }).length, 100000);
});

test('option checks', () => {
  assert.throws(() => zlib.deflateSync('x', { level: 10 }),
                { code: 'ERR_OUT_OF_RANGE', message: 'The value of "options.level" is out of range. It must be >= -1 and <= 9. Received 10' });
  assert.throws(() => zlib.deflateSync('x', { level: '1' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => zlib.deflateSync('x', { level: Infinity }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => zlib.deflateSync('x', { windowBits: 7 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => zlib.gzipSync('x', { windowBits: 8 }), { message: /It must be >= 9 and <= 15/ });
  assert.throws(() => zlib.deflateSync('x', { memLevel: 10 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => zlib.deflateSync('x', { strategy: 5 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => zlib.deflateSync('x', { chunkSize: 10 }),
                { code: 'ERR_OUT_OF_RANGE', message: 'The value of "options.chunkSize" is out of range. It must be >= 64. Received 10' });
  assert.throws(() => zlib.deflateSync('x', { flush: 7 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => zlib.brotliCompressSync('x', { flush: 4 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => zlib.deflateSync(123), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => zlib.deflate('x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => zlib.brotliCompressSync('x', { params: { 999: 1 } }),
                { code: 'ERR_BROTLI_INVALID_PARAM', name: 'RangeError', message: '999 is not a valid Brotli parameter' });
  assert.throws(() => zlib.brotliCompressSync('x', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 'a' } }),
                { code: 'ERR_INVALID_ARG_TYPE' });
  // The decoder knows fewer parameters than the encoder.
  assert.throws(() => zlib.brotliDecompressSync(br, { params: { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: 1 } }),
                { code: 'ERR_ZLIB_INITIALIZATION_FAILED', message: 'Initialization failed' });
  assert.throws(() => zlib.crc32(1), { code: 'ERR_INVALID_ARG_TYPE' });
});
