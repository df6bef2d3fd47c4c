'use strict';
// Data compressed by the `gzip` and `brotli` command-line tools and by
// Node 22 (tests/fixtures/zlib/gen.sh) decompresses to the original, in
// the sync, callback and stream forms; and shard's own output of the same
// inputs decompresses back.
const { test } = require('node:test');
const assert = require('node:assert');
const zlib = require('node:zlib');
const crypto = require('node:crypto');
const { promisify } = require('node:util');
const { pattern, text } = require('../../fixtures/crypto/data');
const tools = require('../../fixtures/zlib/tools.json');
const node = require('../../fixtures/zlib/node.json');

const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');

function decoderFor(name) {
  if (name.includes('brotli')) return 'brotliDecompress';
  if (name.includes('deflateRaw')) return 'inflateRaw';
  if (name.includes('deflate')) return 'inflate';
  return 'gunzip';
}

function optionsFor(name) {
  if (name.includes('dict')) return { dictionary: Buffer.from('alpha beta gamma delta shard node') };
  return {};
}

test('output of the gzip and brotli tools', async () => {
  for (const [name, { sha256, data }] of Object.entries(tools)) {
    const compressed = Buffer.from(data, 'base64');
    const method = decoderFor(name);
    assert.strictEqual(sha(zlib[`${method}Sync`](compressed)), sha256, name);
    assert.strictEqual(sha(await promisify(zlib[method])(compressed)), sha256, `${name} async`);
    if (method === 'gunzip') assert.strictEqual(sha(zlib.unzipSync(compressed)), sha256, `${name} unzip`);
  }
});

test('output of Node 22', async () => {
  for (const [name, value] of Object.entries(node)) {
    if (!value.data) continue;
    const compressed = Buffer.from(value.data, 'base64');
    const method = decoderFor(name);
    const opts = optionsFor(name);
    assert.strictEqual(sha(zlib[`${method}Sync`](compressed, opts)), value.sha256, name);
    assert.strictEqual(sha(await promisify(zlib[method])(compressed, opts)), value.sha256, `${name} async`);
  }
});

test('streams decode fixtures fed a few bytes at a time', async () => {
  const { sha256, data } = tools['text/gzip-9'];
  const compressed = Buffer.from(data, 'base64');
  const gunzip = zlib.createGunzip();
  const out = [];
  gunzip.on('data', (c) => out.push(c));
  const done = new Promise((resolve, reject) => {
    gunzip.on('end', resolve);
    gunzip.on('error', reject);
  });
  for (let i = 0; i < compressed.length; i += 7) gunzip.write(compressed.subarray(i, i + 7));
  gunzip.end();
  await done;
  assert.strictEqual(sha(Buffer.concat(out)), sha256);
});

test('shard\'s output of the same inputs round-trips', () => {
  const inputs = { empty: Buffer.alloc(0), text: text(60000, 5), random: pattern(20000, 6), small: Buffer.from('hello') };
  for (const [name, data] of Object.entries(inputs)) {
    assert.strictEqual(sha(data), node[`${name}/deflate`].sha256);
    const pairs = [
      ['gzipSync', 'gunzipSync', { level: 1 }], ['gzipSync', 'gunzipSync', { level: 9 }],
      ['deflateSync', 'inflateSync', {}], ['deflateRawSync', 'inflateRawSync', {}],
      ['deflateSync', 'inflateSync', { windowBits: 9, memLevel: 1, strategy: zlib.constants.Z_RLE }],
      ['brotliCompressSync', 'brotliDecompressSync', {}],
    ];
    for (const [c, d, opts] of pairs) {
      assert.deepStrictEqual(zlib[d](zlib[c](data, opts)), data, `${name} ${c} ${JSON.stringify(opts)}`);
    }
  }
});

test('crc32 equals Node\'s', () => {
  const t = text(60000, 5);
  const r = pattern(20000, 6);
  assert.strictEqual(zlib.crc32(t), node.crc32.text);
  assert.strictEqual(zlib.crc32(r), node.crc32.random);
  assert.strictEqual(zlib.crc32(r, zlib.crc32(t)), node.crc32.chained);
});
