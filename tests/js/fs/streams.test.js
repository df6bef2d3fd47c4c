'use strict';
// fs.ReadStream and fs.WriteStream: ranges, highWaterMark, descriptors,
// autoClose/emitClose, flush, signal, and Node's event order.
const { test, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { pipeline, Writable } = require('node:stream');
const { once } = require('node:events');

const base = fs.mkdtempSync(path.join(process.env.TEST_WORK || os.tmpdir(), 'fs-streams-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));
let n = 0;
const tmp = (name = 'f') => path.join(base, `${name}${n++}`);

const data = Buffer.alloc(300_000);
for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 8)) & 0xff;
const src = path.join(base, 'source');
fs.writeFileSync(src, data);

async function collect(rs) {
  const chunks = [];
  for await (const c of rs) chunks.push(c);
  return chunks;
}

test('read stream: the whole file, chunk sizes from highWaterMark', async () => {
  const chunks = await collect(fs.createReadStream(src, { highWaterMark: 65536 }));
  assert.ok(Buffer.concat(chunks).equals(data));
  assert.deepStrictEqual(chunks.map((c) => c.length), [65536, 65536, 65536, 65536, 37856]);
  for (const c of chunks) assert.ok(Buffer.isBuffer(c));
  const small = await collect(fs.createReadStream(src, { highWaterMark: 1000, start: 0, end: 2499 }));
  assert.deepStrictEqual(small.map((c) => c.length), [1000, 1000, 500]);
  if (process.versions.shard) {
    // Chunks are views of a pooled slab, not copies.
    assert.ok(small[0].buffer.byteLength > small[0].length);
  }
});

test('read stream: start/end ranges', async () => {
  for (const [start, end] of [[0, 0], [10, 19], [299_990, undefined], [1000, 299_999], [5, 1_000_000]]) {
    const opts = { start };
    if (end !== undefined) opts.end = end;
    const got = Buffer.concat(await collect(fs.createReadStream(src, opts)));
    const last = end === undefined ? data.length : Math.min(end + 1, data.length);
    assert.ok(got.equals(data.subarray(start, last)), `range ${start}-${end}`);
  }
  assert.strictEqual(Buffer.concat(await collect(fs.createReadStream(src, { start: 400_000 }))).length, 0);
  const rs = fs.createReadStream(src, { start: 5, end: 9 });
  await collect(rs);
  assert.strictEqual(rs.bytesRead, 5);
  assert.strictEqual(rs.pos, 10);
});

test('read stream: encoding, events in Node\'s order', async () => {
  const p = tmp();
  fs.writeFileSync(p, 'héllo');
  const rs = fs.createReadStream(p, { encoding: 'utf8' });
  const events = [];
  assert.strictEqual(rs.pending, true);
  rs.on('open', (fd) => events.push(`open ${typeof fd}`));
  rs.on('ready', () => events.push('ready'));
  rs.on('data', (d) => events.push(`data ${d}`));
  rs.on('end', () => events.push('end'));
  rs.on('close', () => events.push('close'));
  await once(rs, 'close');
  assert.deepStrictEqual(events, ['open number', 'ready', 'data héllo', 'end', 'close']);
  assert.strictEqual(rs.fd, null);
  assert.strictEqual(rs.destroyed, true);
});

test('read stream: errors', async () => {
  const rs = fs.createReadStream(path.join(base, 'missing'));
  const [err] = await once(rs, 'error');
  assert.strictEqual(err.code, 'ENOENT');
  assert.strictEqual(err.syscall, 'open');
  const dir = fs.createReadStream(base);
  const events = [];
  dir.on('open', () => events.push('open'));
  dir.on('error', (e) => events.push(`error ${e.code} ${e.syscall}`));
  dir.on('close', () => events.push('close'));
  dir.resume();
  await new Promise((resolve) => dir.on('close', resolve));
  assert.deepStrictEqual(events, ['open', 'error EISDIR read', 'close']);
});

test('read stream: fd, autoClose, emitClose, close()', async () => {
  const fd = fs.openSync(src, 'r');
  const rs = fs.createReadStream(null, { fd, autoClose: false, start: 0, end: 9 });
  assert.strictEqual(rs.pending, false);
  const got = Buffer.concat(await collect(rs));
  assert.ok(got.equals(data.subarray(0, 10)));
  // Not closed: the descriptor still reads.
  assert.strictEqual(fs.readSync(fd, Buffer.alloc(1), 0, 1, 0), 1);
  fs.closeSync(fd);
  const quiet = fs.createReadStream(src, { emitClose: false });
  let closed = false;
  quiet.on('close', () => { closed = true; });
  quiet.resume();
  await once(quiet, 'end');
  await new Promise((r) => setImmediate(r));
  assert.strictEqual(closed, false);
  const rs2 = fs.createReadStream(src);
  await once(rs2, 'open');
  await new Promise((resolve) => rs2.close(resolve));
  assert.strictEqual(rs2.destroyed, true);
});

test('read stream: signal aborts', async () => {
  const ac = new AbortController();
  const rs = fs.createReadStream(src, { signal: ac.signal, highWaterMark: 1024 });
  rs.once('data', () => ac.abort());
  const [err] = await once(rs, 'error');
  assert.strictEqual(err.name, 'AbortError');
});

test('read stream: from a FileHandle', async () => {
  const fh = await fsp.open(src);
  const chunks = await collect(fh.createReadStream({ start: 100, end: 199 }));
  assert.ok(Buffer.concat(chunks).equals(data.subarray(100, 200)));
  assert.strictEqual(fh.fd, -1); // autoClose closed the handle
});

test('write stream: writes, cork/writev, bytesWritten, events', async () => {
  const p = tmp();
  const ws = fs.createWriteStream(p);
  const events = [];
  ws.on('open', () => events.push('open'));
  ws.on('ready', () => events.push('ready'));
  ws.on('finish', () => events.push('finish'));
  ws.on('close', () => events.push('close'));
  ws.write('abc');
  ws.cork();
  ws.write(Buffer.from('def'));
  ws.write('ghi');
  ws.uncork();
  ws.end('jkl');
  await once(ws, 'close');
  assert.deepStrictEqual(events, ['open', 'ready', 'finish', 'close']);
  assert.strictEqual(ws.bytesWritten, 12);
  assert.strictEqual(fs.readFileSync(p, 'utf8'), 'abcdefghijkl');
});

test('write stream: flags, start, encoding, flush, fd, autoClose', async () => {
  const p = tmp();
  fs.writeFileSync(p, '0123456789');
  const ws = fs.createWriteStream(p, { flags: 'r+', start: 3, flush: true });
  ws.end('xyz');
  await once(ws, 'close');
  assert.strictEqual(fs.readFileSync(p, 'utf8'), '012xyz6789');
  const ap = fs.createWriteStream(p, { flags: 'a', encoding: 'hex' });
  ap.end('4142');
  await once(ap, 'close');
  assert.strictEqual(fs.readFileSync(p, 'utf8'), '012xyz6789AB');
  const fd = fs.openSync(p, 'w');
  const byFd = fs.createWriteStream(null, { fd, autoClose: false });
  byFd.end('by fd');
  await once(byFd, 'finish');
  assert.strictEqual(fs.writeSync(fd, '!'), 1);
  fs.closeSync(fd);
  assert.strictEqual(fs.readFileSync(p, 'utf8'), 'by fd!');
  assert.throws(() => fs.createWriteStream(p, { flush: 'yes' }), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('write stream: errors and close()', async () => {
  const ws = fs.createWriteStream(path.join(base, 'no', 'such', 'dir'));
  const [err] = await once(ws, 'error');
  assert.strictEqual(err.code, 'ENOENT');
  const p = tmp();
  const ws2 = fs.createWriteStream(p);
  ws2.write('data');
  await new Promise((resolve) => ws2.close(resolve));
  assert.strictEqual(fs.readFileSync(p, 'utf8'), 'data');
  const ac = new AbortController();
  const ws3 = fs.createWriteStream(tmp(), { signal: ac.signal });
  ac.abort();
  const [err3] = await once(ws3, 'error');
  assert.strictEqual(err3.name, 'AbortError');
});

test('pipe and pipeline between files', async () => {
  const out = tmp();
  await new Promise((resolve, reject) => {
    pipeline(fs.createReadStream(src), fs.createWriteStream(out), (err) => (err ? reject(err) : resolve()));
  });
  assert.ok(fs.readFileSync(out).equals(data));
  const out2 = tmp();
  const ws = fs.createWriteStream(out2);
  fs.createReadStream(src, { start: 10, end: 99 }).pipe(ws);
  await once(ws, 'close');
  assert.ok(fs.readFileSync(out2).equals(data.subarray(10, 100)));
  // Backpressure: a slow writable holds the reader back.
  let maxBuffered = 0;
  const rs = fs.createReadStream(src, { highWaterMark: 4096 });
  const slow = new Writable({
    highWaterMark: 4096,
    write(chunk, enc, cb) {
      maxBuffered = Math.max(maxBuffered, rs.readableLength);
      setImmediate(cb);
    },
  });
  await new Promise((resolve, reject) => pipeline(rs, slow, (e) => (e ? reject(e) : resolve())));
  assert.ok(maxBuffered <= 4096, `reader buffered ${maxBuffered}`);
});

test('ReadStream and WriteStream classes', async () => {
  assert.strictEqual(typeof fs.ReadStream, 'function');
  const rs = new fs.ReadStream(src);
  assert.ok(rs instanceof fs.ReadStream);
  assert.ok(rs instanceof require('node:stream').Readable);
  rs.destroy();
  await once(rs, 'close');
  const ws = fs.WriteStream(tmp());
  assert.ok(ws instanceof fs.WriteStream);
  ws.destroy();
  await once(ws, 'close');
  assert.strictEqual(fs.FileReadStream, fs.ReadStream);
});

test('closing a FileHandle destroys its stream, then closes the descriptor', async () => {
  const fh = await fsp.open(src);
  const rs = fh.createReadStream({ highWaterMark: 4096 });
  const closing = fh.close();
  await assert.rejects(collect(rs), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
  await closing;
  assert.strictEqual(fh.fd, -1);
  assert.strictEqual(rs.destroyed, true);
});
