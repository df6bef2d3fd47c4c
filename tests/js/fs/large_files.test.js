'use strict';
// Offsets past 4 GiB (and 2 GiB), on sparse files so the test writes only
// a few bytes: positioned reads and writes, bigint positions, truncate,
// stat sizes and stream ranges.
const { test, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TEST_WORK || os.tmpdir(), 'fs-large-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));

const GiB = 2 ** 30;
const node22 = Number(process.versions.node.split('.')[0]) >= 22;
const far = 5 * GiB + 12345; // past 2^32
const size = 6 * GiB;

test('positioned sync reads and writes past 4 GiB', () => {
  const p = path.join(base, 'sparse-sync');
  const fd = fs.openSync(p, 'w+');
  fs.ftruncateSync(fd, size);
  assert.strictEqual(fs.fstatSync(fd).size, size);
  assert.strictEqual(fs.fstatSync(fd, { bigint: true }).size, BigInt(size));
  // Sparse: almost nothing is allocated.
  assert.ok(fs.fstatSync(fd).blocks * 512 < 1024 * 1024);
  assert.strictEqual(fs.writeSync(fd, Buffer.from('far away'), 0, 8, far), 8);
  assert.strictEqual(fs.writeSync(fd, Buffer.from('past 2G'), 0, 7, 2 ** 31 + 1), 7);
  const buf = Buffer.alloc(8);
  assert.strictEqual(fs.readSync(fd, buf, 0, 8, far), 8);
  assert.strictEqual(buf.toString(), 'far away');
  assert.strictEqual(fs.readSync(fd, buf, 0, 8, BigInt(far)), 8);
  assert.strictEqual(buf.toString(), 'far away');
  assert.strictEqual(fs.readSync(fd, buf, { position: 2 ** 31 + 1, length: 7 }), 7);
  assert.strictEqual(buf.subarray(0, 7).toString(), 'past 2G');
  // Holes read as zeros; the end of the file reads nothing.
  assert.strictEqual(fs.readSync(fd, buf, 0, 8, 4 * GiB), 8);
  assert.deepStrictEqual(buf, Buffer.alloc(8));
  assert.strictEqual(fs.readSync(fd, buf, 0, 8, size), 0);
  assert.strictEqual(fs.readSync(fd, buf, 0, 8, size - 4), 4);
  fs.closeSync(fd);
  fs.truncateSync(p, far + 4);
  assert.strictEqual(fs.statSync(p).size, far + 4);
  // Too large for one Buffer: Node's RangeError, without reading it.
  const tooLarge = { code: 'ERR_FS_FILE_TOO_LARGE', name: 'RangeError',
                     message: `File size (${far + 4}) is greater than 2 GiB` };
  assert.throws(() => fs.readFileSync(p), tooLarge);
  return fsp.readFile(p).then(() => assert.fail('read a 5 GiB file'), (err) => {
    assert.strictEqual(err.code, tooLarge.code);
    assert.strictEqual(err.message, tooLarge.message);
  });
});

test('asynchronous reads and writes past 4 GiB', async () => {
  const p = path.join(base, 'sparse-async');
  const fh = await fsp.open(p, 'w+');
  await fh.truncate(size);
  assert.strictEqual((await fh.stat()).size, size);
  const w = await fh.write(Buffer.from('0123456789'), 0, 10, far);
  assert.strictEqual(w.bytesWritten, 10);
  const r = await fh.read(Buffer.alloc(10), 0, 10, far);
  assert.strictEqual(r.buffer.toString(), '0123456789');
  if (node22) {
    // (Node 20 ignores a bigint position here.)
    const rb = await fh.read(Buffer.alloc(4), 0, 4, BigInt(far + 6));
    assert.strictEqual(rb.buffer.toString(), '6789');
  }
  const v = await fh.writev([Buffer.from('ab'), Buffer.from('cd')], 4 * GiB + 1);
  assert.strictEqual(v.bytesWritten, 4);
  const parts = [Buffer.alloc(2), Buffer.alloc(2)];
  await fh.readv(parts, 4 * GiB + 1);
  assert.strictEqual(Buffer.concat(parts).toString(), 'abcd');
  await fh.close();
  await new Promise((resolve, reject) => {
    fs.open(p, 'r', (err, fd) => {
      if (err) return reject(err);
      fs.read(fd, Buffer.alloc(3), 0, 3, far + 7, (err2, n, b) => {
        fs.closeSync(fd);
        if (err2) return reject(err2);
        assert.strictEqual(b.toString(), '789');
        resolve();
      });
    });
  });
});

test('read stream ranges past 4 GiB', async () => {
  const p = path.join(base, 'sparse-stream');
  const fd = fs.openSync(p, 'w+');
  fs.ftruncateSync(fd, size);
  fs.writeSync(fd, Buffer.from('needle'), 0, 6, far);
  fs.closeSync(fd);
  const chunks = [];
  for await (const chunk of fs.createReadStream(p, { start: far - 2, end: far + 7 })) chunks.push(chunk);
  assert.deepStrictEqual(Buffer.concat(chunks), Buffer.from('\0\0needle\0\0'));
  // A write stream that starts past 4 GiB.
  await new Promise((resolve, reject) => {
    const ws = fs.createWriteStream(p, { flags: 'r+', start: far + 100 });
    ws.on('error', reject);
    ws.end('written', resolve);
  });
  const b = Buffer.alloc(7);
  const fd2 = fs.openSync(p, 'r');
  fs.readSync(fd2, b, 0, 7, far + 100);
  fs.closeSync(fd2);
  assert.strictEqual(b.toString(), 'written');
  assert.strictEqual(fs.statSync(p).size, size);
});
