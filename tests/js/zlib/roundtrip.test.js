'use strict';
// Round trips of every format across sizes from 0 bytes to 64 MiB, in the
// sync, callback and stream forms; streaming keeps memory bounded (the
// readable side never holds much more than its highWaterMark).
const { test } = require('node:test');
const assert = require('node:assert');
const zlib = require('node:zlib');
const crypto = require('node:crypto');
const { promisify } = require('node:util');
const { pipeline } = require('node:stream/promises');
const { Readable, Writable } = require('node:stream');
const { pattern, text } = require('../../fixtures/crypto/data');

const formats = [
  ['deflate', 'inflate'], ['gzip', 'gunzip'], ['deflateRaw', 'inflateRaw'], ['gzip', 'unzip'],
  ['deflate', 'unzip'], ['brotliCompress', 'brotliDecompress'],
];

test('sync and callback forms from 0 bytes to 1 MiB', async () => {
  for (const size of [0, 1, 2, 63, 64, 1000, 16383, 16384, 16385, 65536, 100000, 1 << 20]) {
    const data = size % 2 ? pattern(size, size) : text(size, size);
    // Brotli's best quality is slow on large inputs; a lower one does.
    const brotliOpts = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: size > 70000 ? 5 : 11 } };
    for (const [c, d] of formats) {
      const opts = c === 'brotliCompress' ? brotliOpts : {};
      const packed = zlib[`${c}Sync`](data, opts);
      assert.deepStrictEqual(zlib[`${d}Sync`](packed), data, `${c} ${size}`);
      const packedAsync = await promisify(zlib[c])(data, opts);
      assert.deepStrictEqual(await promisify(zlib[d])(packedAsync), data, `${c} async ${size}`);
    }
  }
});

test('inputs of every kind', () => {
  const data = Buffer.from('hello hello hello');
  const packed = zlib.deflateSync(data);
  assert.deepStrictEqual(zlib.inflateSync(zlib.deflateSync('hello hello hello')), data);
  assert.deepStrictEqual(zlib.inflateSync(new Uint8Array(packed)), data);
  assert.deepStrictEqual(zlib.inflateSync(packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.length)),
                         data);
  assert.deepStrictEqual(zlib.inflateSync(new DataView(packed.buffer, packed.byteOffset, packed.length)), data);
  assert.deepStrictEqual(zlib.inflateSync(new Uint16Array(zlib.deflateSync(new Uint16Array([1, 2, 3])).buffer.slice(0))),
                         Buffer.from(new Uint16Array([1, 2, 3]).buffer));
});

test('streams with small chunks and small output buffers', async () => {
  const data = text(300000, 9);
  for (const [c, d] of formats) {
    const parts = [];
    for (let i = 0; i < data.length; i += 4096) parts.push(data.subarray(i, i + 4096));
    const out = [];
    const Ctor = (name) => zlib[`create${name[0].toUpperCase()}${name.slice(1).replace('Compress', 'Compress')}`];
    const comp = c === 'brotliCompress' ? zlib.createBrotliCompress({ chunkSize: 1024 }) : Ctor(c)({ chunkSize: 64 });
    const dec = d === 'brotliDecompress' ? zlib.createBrotliDecompress({ chunkSize: 100 }) : Ctor(d)({ chunkSize: 128 });
    await pipeline(Readable.from(parts), comp, dec, new Writable({ write(chunk, e, cb) { out.push(chunk); cb(); } }));
    assert.deepStrictEqual(Buffer.concat(out), data, c);
    assert.ok(comp.bytesWritten === data.length, `${c} bytesWritten`);
  }
});

test('64 MiB streams through gzip and gunzip with backpressure and bounded buffers', async () => {
  const size = 64 << 20;
  const block = pattern(1 << 16, 3);
  let made = 0;
  const hashIn = crypto.createHash('sha256');
  const hashOut = crypto.createHash('sha256');
  const source = new Readable({
    read() {
      if (made >= size) {
        this.push(null);
        return;
      }
      const b = Buffer.from(block);
      b.writeUInt32LE(made, 0);
      for (let i = 0; i < b.length; i += 4096) b[i] = 0; // partly compressible
      made += b.length;
      hashIn.update(b);
      this.push(b);
    },
  });
  const gzip = zlib.createGzip({ level: 1 });
  const gunzip = zlib.createGunzip();
  let got = 0;
  let maxHeld = 0;
  const sink = new Writable({
    highWaterMark: 1 << 16,
    write(chunk, enc, cb) {
      got += chunk.length;
      hashOut.update(chunk);
      maxHeld = Math.max(maxHeld, gzip.readableLength, gunzip.readableLength, gzip.writableLength);
      // A slow reader: the compressors must wait for it.
      if (got % (1 << 22) < chunk.length) setImmediate(cb);
      else cb();
    },
  });
  await pipeline(source, gzip, gunzip, sink);
  assert.strictEqual(got, size);
  assert.strictEqual(hashOut.digest('hex'), hashIn.digest('hex'));
  // Each stream buffers about its highWaterMark, never the data.
  assert.ok(maxHeld < 4 << 20, `held ${maxHeld}`);
});

test('64 MiB in one call of the sync and callback forms', async () => {
  const data = Buffer.alloc(64 << 20, 'abcdefgh');
  const packed = zlib.gzipSync(data, { level: 1 });
  assert.ok(packed.length < 1 << 20);
  const back = await promisify(zlib.gunzip)(packed);
  assert.strictEqual(back.length, data.length);
  assert.ok(back.equals(data));
});
