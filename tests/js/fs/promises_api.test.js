'use strict';
// fs/promises and FileHandle.
const { test, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TEST_WORK || os.tmpdir(), 'fs-prom-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));
let n = 0;
const tmp = (name = 'f') => path.join(base, `${name}${n++}`);

test('fs.promises is node:fs/promises', () => {
  assert.strictEqual(fs.promises, fsp);
  assert.strictEqual(fsp.constants, fs.constants);
});

test('FileHandle read, write, stat, truncate, sync, close', async () => {
  const p = tmp();
  const fh = await fsp.open(p, 'w+');
  assert.strictEqual(typeof fh.fd, 'number');
  const w = await fh.write(Buffer.from('hello world'), 0, 11, 0);
  assert.strictEqual(w.bytesWritten, 11);
  const ws = await fh.write('!', 11);
  assert.deepStrictEqual([ws.bytesWritten, ws.buffer], [1, '!']);
  const r = await fh.read(Buffer.alloc(5), 0, 5, 6);
  assert.strictEqual(r.bytesRead, 5);
  assert.strictEqual(r.buffer.toString(), 'world');
  const r2 = await fh.read({ buffer: Buffer.alloc(5), position: 0 });
  assert.strictEqual(r2.buffer.toString(), 'hello');
  const r3 = await fh.read();
  assert.strictEqual(r3.buffer.length, 16384);
  const st = await fh.stat();
  assert.strictEqual(st.size, 12);
  assert.strictEqual((await fh.stat({ bigint: true })).size, 12n);
  await fh.truncate(5);
  await fh.sync();
  await fh.datasync();
  await fh.chmod(0o600);
  await fh.utimes(1, 2);
  assert.strictEqual((await fh.stat()).mtimeMs, 2000);
  const v = await fh.writev([Buffer.from('AB'), Buffer.from('CD')], 5);
  assert.strictEqual(v.bytesWritten, 4);
  const bufs = [Buffer.alloc(4), Buffer.alloc(5)];
  const rv = await fh.readv(bufs, 0);
  assert.strictEqual(rv.bytesRead, 9);
  assert.strictEqual(Buffer.concat(bufs).toString(), 'helloABCD');
  let closed = false;
  fh.on('close', () => { closed = true; });
  await fh.close();
  assert.strictEqual(closed, true);
  assert.strictEqual(fh.fd, -1);
  await assert.rejects(fh.read(Buffer.alloc(1)), { code: 'EBADF', message: 'file closed' });
  await fh.close(); // a second close is fine
});

test('FileHandle readFile, writeFile, appendFile and close waiting for reads', async () => {
  const p = tmp();
  const fh = await fsp.open(p, 'w+');
  await fh.writeFile('line1\n');
  await fh.appendFile('line2\n');
  const back = await fsp.readFile(p, 'utf8');
  assert.strictEqual(back, 'line1\nline2\n');
  await fh.close();
  const rh = await fsp.open(p);
  const pending = rh.readFile('utf8');
  const closing = rh.close();
  assert.strictEqual(await pending, 'line1\nline2\n');
  await closing;
  await assert.rejects(fsp.open(path.join(base, 'none')), {
    code: 'ENOENT', syscall: 'open', message: `ENOENT: no such file or directory, open '${path.join(base, 'none')}'`,
  });
});

test('readFile, writeFile (iterables), appendFile, signal', async () => {
  const p = tmp();
  await fsp.writeFile(p, 'abc');
  assert.strictEqual(await fsp.readFile(p, 'utf8'), 'abc');
  assert.ok((await fsp.readFile(p)).equals(Buffer.from('abc')));
  await fsp.appendFile(p, 'def');
  assert.strictEqual(await fsp.readFile(p, { encoding: 'latin1' }), 'abcdef');
  await fsp.writeFile(p, ['x', Buffer.from('y'), 'z']);
  assert.strictEqual(await fsp.readFile(p, 'utf8'), 'xyz');
  async function* gen() { yield 'a'; yield 'b'; }
  await fsp.writeFile(p, gen());
  assert.strictEqual(await fsp.readFile(p, 'utf8'), 'ab');
  const src = tmp();
  fs.writeFileSync(src, 'stream-data');
  await fsp.writeFile(p, fs.createReadStream(src, { start: 7 }));
  assert.strictEqual(await fsp.readFile(p, 'utf8'), 'data');
  await assert.rejects(fsp.writeFile(p, 5), { code: 'ERR_INVALID_ARG_TYPE' });
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(fsp.readFile(p, { signal: ac.signal }), { name: 'AbortError' });
  await assert.rejects(fsp.writeFile(p, 'q', { signal: ac.signal }), { name: 'AbortError' });
  await assert.rejects(fsp.readFile(base), { code: 'EISDIR', syscall: 'read' });
});

test('path operations', async () => {
  const d = tmp('d');
  assert.strictEqual(await fsp.mkdir(d), undefined);
  assert.strictEqual(await fsp.mkdir(path.join(d, 'a/b'), { recursive: true }), path.join(d, 'a'));
  await fsp.writeFile(path.join(d, 'a/f'), 'f');
  assert.deepStrictEqual(await fsp.readdir(d), ['a']);
  assert.deepStrictEqual((await fsp.readdir(d, { recursive: true })).sort(), ['a', 'a/b', 'a/f']);
  const ents = await fsp.readdir(path.join(d, 'a'), { withFileTypes: true });
  assert.deepStrictEqual(ents.map((e) => [e.name, e.isFile()]), [['b', false], ['f', true]]);
  assert.ok((await fsp.stat(d)).isDirectory());
  assert.ok((await fsp.lstat(d)).isDirectory());
  assert.ok((await fsp.statfs(d)).bsize > 0);
  await fsp.access(d, fs.constants.W_OK);
  await fsp.rename(path.join(d, 'a/f'), path.join(d, 'g'));
  await fsp.copyFile(path.join(d, 'g'), path.join(d, 'h'));
  await assert.rejects(fsp.copyFile(path.join(d, 'g'), path.join(d, 'h'), fs.constants.COPYFILE_EXCL),
                       { code: 'EEXIST', syscall: 'copyfile' });
  await fsp.link(path.join(d, 'g'), path.join(d, 'hard'));
  await fsp.symlink('g', path.join(d, 'soft'));
  assert.strictEqual(await fsp.readlink(path.join(d, 'soft')), 'g');
  assert.strictEqual(await fsp.realpath(path.join(d, 'soft')), fs.realpathSync(path.join(d, 'g')));
  await fsp.chmod(path.join(d, 'g'), 0o640);
  assert.strictEqual((await fsp.stat(path.join(d, 'g'))).mode & 0o777, 0o640);
  await fsp.chown(path.join(d, 'g'), process.getuid(), process.getgid());
  await fsp.lchown(path.join(d, 'soft'), process.getuid(), process.getgid());
  await fsp.utimes(path.join(d, 'g'), 5, 6);
  await fsp.lutimes(path.join(d, 'soft'), 7, 8);
  assert.strictEqual((await fsp.stat(path.join(d, 'g'))).mtimeMs, 6000);
  assert.strictEqual((await fsp.lstat(path.join(d, 'soft'))).mtimeMs, 8000);
  await fsp.truncate(path.join(d, 'g'), 0);
  assert.strictEqual((await fsp.stat(path.join(d, 'g'))).size, 0);
  await assert.rejects(fsp.lchmod(path.join(d, 'g'), 0o600), { code: 'ERR_METHOD_NOT_IMPLEMENTED' });
  const t = await fsp.mkdtemp(path.join(d, 'tmp-'));
  assert.ok(fs.statSync(t).isDirectory());
  await fsp.unlink(path.join(d, 'hard'));
  await fsp.rmdir(t);
  await assert.rejects(fsp.rm(d), { code: 'ERR_FS_EISDIR' });
  await fsp.cp(d, path.join(base, 'copy-of-d'), { recursive: true });
  assert.ok(fs.existsSync(path.join(base, 'copy-of-d', 'g')));
  await fsp.rm(d, { recursive: true });
  await assert.rejects(fsp.stat(d), { code: 'ENOENT', syscall: 'stat', path: d });
  await assert.rejects(fsp.rmdir(d), { code: 'ENOENT', syscall: 'rmdir' });
  await assert.rejects(fsp.unlink(d), { code: 'ENOENT', syscall: 'unlink' });
});

test('opendir through promises', async () => {
  const d = tmp('d');
  fs.mkdirSync(d);
  for (const name of ['a', 'b', 'c']) fs.writeFileSync(path.join(d, name), '');
  const dir = await fsp.opendir(d);
  const names = [];
  for await (const entry of dir) names.push(entry.name);
  assert.deepStrictEqual(names.sort(), ['a', 'b', 'c']);
});
