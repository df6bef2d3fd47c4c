'use strict';
// Many operations in flight at once: ring and pool requests complete in any
// order, and each promise gets its own result.
const { test, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TEST_WORK || os.tmpdir(), 'fs-conc-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));

const contentOf = (i) => `file ${i} `.repeat(1 + (i % 50));

test('hundreds of concurrent writeFile then readFile', async () => {
  const count = 300;
  await Promise.all(Array.from({ length: count }, (_, i) => fsp.writeFile(path.join(base, `w${i}`), contentOf(i))));
  const texts = await Promise.all(Array.from({ length: count }, (_, i) => fsp.readFile(path.join(base, `w${i}`), 'utf8')));
  texts.forEach((t, i) => assert.strictEqual(t, contentOf(i)));
  const stats = await Promise.all(Array.from({ length: count }, (_, i) => fsp.stat(path.join(base, `w${i}`))));
  stats.forEach((s, i) => assert.strictEqual(s.size, Buffer.byteLength(contentOf(i))));
  // Pool work (readdir, realpath, access) mixed with ring work (stat, open).
  const mixed = await Promise.all([
    fsp.readdir(base), fsp.realpath(base), fsp.access(path.join(base, 'w0')),
    ...Array.from({ length: 50 }, (_, i) => fsp.readFile(path.join(base, `w${i}`), 'latin1')),
  ]);
  assert.strictEqual(mixed[0].length, count);
  assert.strictEqual(mixed[1], fs.realpathSync(base));
});

test('concurrent positioned writes into one file, then concurrent reads', async () => {
  const p = path.join(base, 'shared');
  const fh = await fsp.open(p, 'w+');
  const block = 4096;
  const blocks = 256;
  await Promise.all(Array.from({ length: blocks }, (_, i) =>
    fh.write(Buffer.alloc(block, i & 0xff), 0, block, i * block)));
  assert.strictEqual((await fh.stat()).size, block * blocks);
  const reads = await Promise.all(Array.from({ length: blocks }, (_, i) =>
    fh.read(Buffer.alloc(block), 0, block, i * block)));
  reads.forEach((r, i) => {
    assert.strictEqual(r.bytesRead, block);
    assert.ok(r.buffer.equals(Buffer.alloc(block, i & 0xff)), `block ${i}`);
  });
  await fh.close();
});

test('callbacks and promises interleaved on many files', async () => {
  const count = 200;
  const results = await Promise.all(Array.from({ length: count }, (_, i) => new Promise((resolve, reject) => {
    const p = path.join(base, `cb${i}`);
    fs.writeFile(p, String(i), (err) => {
      if (err) return reject(err);
      fs.readFile(p, 'utf8', (err2, data) => (err2 ? reject(err2) : resolve(data)));
    });
  })));
  results.forEach((r, i) => assert.strictEqual(r, String(i)));
});

test('concurrent read streams each see their own file', async () => {
  const count = 20;
  const files = Array.from({ length: count }, (_, i) => {
    const p = path.join(base, `s${i}`);
    fs.writeFileSync(p, Buffer.alloc(200_000 + i, String.fromCharCode(65 + i)));
    return p;
  });
  const bodies = await Promise.all(files.map(async (p) => {
    const chunks = [];
    for await (const c of fs.createReadStream(p, { highWaterMark: 16384 })) chunks.push(c);
    return Buffer.concat(chunks);
  }));
  bodies.forEach((b, i) => {
    assert.strictEqual(b.length, 200_000 + i);
    assert.ok(b.equals(Buffer.alloc(200_000 + i, String.fromCharCode(65 + i))));
  });
});
