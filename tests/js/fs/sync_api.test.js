'use strict';
// The *Sync API on real files: contents, metadata and directory operations.
const { test, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TEST_WORK || os.tmpdir(), 'fs-sync-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));
let n = 0;
const tmp = (name = 'f') => path.join(base, `${name}${n++}`);
const node22 = Number(process.versions.node.split('.')[0]) >= 22;

test('open, write, read, close with positions', () => {
  const p = tmp();
  const fd = fs.openSync(p, 'w+');
  assert.strictEqual(typeof fd, 'number');
  assert.strictEqual(fs.writeSync(fd, 'hello world'), 11);
  assert.strictEqual(fs.writeSync(fd, Buffer.from('HELLO'), 0, 5, 0), 5);
  const buf = Buffer.alloc(11);
  assert.strictEqual(fs.readSync(fd, buf, 0, 11, 0), 11);
  assert.strictEqual(buf.toString(), 'HELLO world');
  // The file position moved with the unpositioned write.
  assert.strictEqual(fs.readSync(fd, buf, 0, 11, null), 0);
  const small = Buffer.alloc(5);
  assert.strictEqual(fs.readSync(fd, small, { position: 6 }), 5);
  assert.strictEqual(small.toString(), 'world');
  assert.strictEqual(fs.readSync(fd, small, 0, 0, 0), 0);
  // writeSync(fd, string, position, encoding)
  assert.strictEqual(fs.writeSync(fd, '6869', 0, 'hex'), 2);
  assert.strictEqual(fs.readFileSync(p, 'latin1'), 'hiLLO world');
  fs.closeSync(fd);
  assert.throws(() => fs.closeSync(fd), { code: 'EBADF', syscall: 'close' });
});

test('readv and writev', () => {
  const p = tmp();
  const fd = fs.openSync(p, 'w+');
  assert.strictEqual(fs.writevSync(fd, [Buffer.from('ab'), Buffer.from('cde'), new Uint8Array([0x66])]), 6);
  const a = Buffer.alloc(3);
  const b = Buffer.alloc(3);
  assert.strictEqual(fs.readvSync(fd, [a, b], 0), 6);
  assert.strictEqual(a.toString() + b.toString(), 'abcdef');
  assert.strictEqual(fs.writevSync(fd, []), 0);
  fs.closeSync(fd);
});

test('readFile, writeFile, appendFile with encodings and flags', () => {
  const p = tmp();
  fs.writeFileSync(p, 'héllo');
  assert.strictEqual(fs.readFileSync(p, 'utf8'), 'héllo');
  assert.deepStrictEqual(fs.readFileSync(p), Buffer.from('héllo'));
  assert.strictEqual(fs.readFileSync(p, { encoding: 'base64' }), Buffer.from('héllo').toString('base64'));
  fs.appendFileSync(p, Buffer.from('!'));
  fs.appendFileSync(p, '?', { encoding: 'latin1' });
  assert.strictEqual(fs.readFileSync(p, 'utf8'), 'héllo!?');
  fs.writeFileSync(p, 'aGk=', 'base64');
  assert.strictEqual(fs.readFileSync(p, 'utf8'), 'hi');
  fs.writeFileSync(p, new Uint16Array([0x6968]));
  assert.strictEqual(fs.readFileSync(p, 'utf8'), 'hi');
  assert.throws(() => fs.writeFileSync(p, 'x', { flag: 'wx' }), { code: 'EEXIST', syscall: 'open', path: p });
  fs.writeFileSync(p, 'more', { flag: 'a', flush: true });
  assert.strictEqual(fs.readFileSync(p, 'utf8'), 'himore');
  // An empty file, and a file with no size (procfs) read to its end.
  const empty = tmp();
  fs.writeFileSync(empty, '');
  assert.strictEqual(fs.readFileSync(empty, 'utf8'), '');
  assert.strictEqual(fs.readFileSync(empty).length, 0);
  assert.match(fs.readFileSync('/proc/self/status', 'utf8'), /^Name:/);
  // From a descriptor: from its current position.
  const fd = fs.openSync(p, 'r');
  const two = Buffer.alloc(2);
  fs.readSync(fd, two, 0, 2, null);
  assert.strictEqual(fs.readFileSync(fd, 'utf8'), 'more');
  fs.closeSync(fd);
  // A large file crosses several reads.
  const big = Buffer.alloc(3 * 1024 * 1024 + 17, 'abc');
  fs.writeFileSync(p, big);
  assert.ok(fs.readFileSync(p).equals(big));
});

test('stat, lstat, fstat and their fields', () => {
  const p = tmp();
  fs.writeFileSync(p, '12345');
  const s = fs.statSync(p);
  assert.ok(s instanceof fs.Stats);
  assert.strictEqual(s.size, 5);
  assert.ok(s.isFile());
  assert.ok(!s.isDirectory());
  assert.ok(!s.isSymbolicLink());
  assert.strictEqual(s.nlink, 1);
  assert.strictEqual(s.uid, process.getuid());
  for (const k of ['dev', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'blksize', 'ino', 'size', 'blocks',
    'atimeMs', 'mtimeMs', 'ctimeMs', 'birthtimeMs']) {
    assert.strictEqual(typeof s[k], 'number', k);
  }
  if (node22) {
    // Node 22: the Date fields are lazy accessors on the prototype.
    assert.deepStrictEqual(Object.keys(s), ['dev', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'blksize', 'ino', 'size',
      'blocks', 'atimeMs', 'mtimeMs', 'ctimeMs', 'birthtimeMs']);
  }
  assert.ok(s.mtime instanceof Date);
  assert.strictEqual(s.mtime.getTime(), Math.round(s.mtimeMs));
  assert.ok(Math.abs(s.mtimeMs - Date.now()) < 60_000);
  const fd = fs.openSync(p, 'r');
  const f = fs.fstatSync(fd);
  fs.closeSync(fd);
  assert.strictEqual(f.ino, s.ino);
  assert.strictEqual(f.dev, s.dev);
  assert.ok(fs.statSync(base).isDirectory());
  const l = tmp('link');
  fs.symlinkSync(p, l);
  assert.ok(fs.lstatSync(l).isSymbolicLink());
  assert.ok(fs.statSync(l).isFile());
  assert.strictEqual(fs.statSync(path.join(base, 'missing'), { throwIfNoEntry: false }), undefined);
  assert.throws(() => fs.lstatSync(path.join(p, 'below'), { throwIfNoEntry: false }), { code: 'ENOTDIR' });
  assert.throws(() => fs.statSync(path.join(base, 'missing')), { code: 'ENOENT', syscall: 'stat' });
});

test('BigIntStats carry nanoseconds', () => {
  const p = tmp();
  fs.writeFileSync(p, 'x');
  fs.utimesSync(p, 1000.123456789, 2000.5);
  const s = fs.statSync(p, { bigint: true });
  assert.strictEqual(typeof s.size, 'bigint');
  assert.strictEqual(s.size, 1n);
  assert.strictEqual(s.mtimeNs, 2000500000000n);
  assert.strictEqual(s.mtimeMs, 2000500n);
  assert.ok(s.atimeNs >= 1000123456000n && s.atimeNs <= 1000123457000n);
  assert.strictEqual(s.mtime.getTime(), 2000500);
  assert.ok(s.isFile());
  const n2 = fs.statSync(p);
  assert.strictEqual(n2.mtimeMs, 2000500);
});

test('mkdir (recursive), readdir (types, recursive, encodings), rmdir', () => {
  const d = tmp('dir');
  assert.strictEqual(fs.mkdirSync(d), undefined);
  assert.throws(() => fs.mkdirSync(d), { code: 'EEXIST', syscall: 'mkdir', path: d });
  assert.strictEqual(fs.mkdirSync(path.join(d, 'a/b/c'), { recursive: true }), path.join(d, 'a'));
  assert.strictEqual(fs.mkdirSync(path.join(d, 'a/b/c'), { recursive: true }), undefined);
  fs.writeFileSync(path.join(d, 'z.txt'), '');
  fs.writeFileSync(path.join(d, 'a/m.txt'), '');
  fs.symlinkSync('z.txt', path.join(d, 'ln'));
  assert.deepStrictEqual(fs.readdirSync(d), ['a', 'ln', 'z.txt']);
  const dirents = fs.readdirSync(d, { withFileTypes: true });
  assert.deepStrictEqual(dirents.map((e) => [e.name, e.isDirectory(), e.isFile(), e.isSymbolicLink()]), [
    ['a', true, false, false], ['ln', false, false, true], ['z.txt', false, true, false],
  ]);
  assert.strictEqual(dirents[0].parentPath, d);
  assert.ok(dirents[0] instanceof fs.Dirent);
  assert.deepStrictEqual(fs.readdirSync(d, { recursive: true }).sort(),
                         ['a', 'a/b', 'a/b/c', 'a/m.txt', 'ln', 'z.txt']);
  const rec = fs.readdirSync(d, { recursive: true, withFileTypes: true });
  assert.deepStrictEqual(rec.map((e) => path.relative(d, path.join(e.parentPath, e.name))).sort(),
                         ['a', 'a/b', 'a/b/c', 'a/m.txt', 'ln', 'z.txt']);
  const asBuffers = fs.readdirSync(d, 'buffer');
  assert.ok(Buffer.isBuffer(asBuffers[0]));
  assert.strictEqual(asBuffers[0].toString(), 'a');
  assert.deepStrictEqual(fs.readdirSync(d, { encoding: 'hex' })[0], Buffer.from('a').toString('hex'));
  assert.throws(() => fs.rmdirSync(d), { code: 'ENOTEMPTY', syscall: 'rmdir' });
  fs.rmdirSync(path.join(d, 'a/b/c'));
  assert.ok(!fs.existsSync(path.join(d, 'a/b/c')));
  assert.throws(() => fs.mkdirSync(path.join(d, 'z.txt/q'), { recursive: true }), { code: 'ENOTDIR' });
  assert.throws(() => fs.mkdirSync(path.join(d, 'z.txt'), { recursive: true }), { code: 'EEXIST' });
  assert.throws(() => fs.readdirSync(path.join(d, 'z.txt')), { code: 'ENOTDIR', syscall: 'scandir' });
});

test('mode options', () => {
  const d = tmp('dir');
  fs.mkdirSync(d, { mode: 0o700 });
  assert.strictEqual(fs.statSync(d).mode & 0o777, 0o700);
  const p = tmp();
  fs.writeFileSync(p, '', { mode: 0o600 });
  assert.strictEqual(fs.statSync(p).mode & 0o777, 0o600 & ~process.umask());
  fs.chmodSync(p, '755');
  assert.strictEqual(fs.statSync(p).mode & 0o777, 0o755);
  const fd = fs.openSync(p, 'r');
  fs.fchmodSync(fd, 0o640);
  fs.closeSync(fd);
  assert.strictEqual(fs.statSync(p).mode & 0o777, 0o640);
});

test('rename, unlink, link, copyFile, rm', () => {
  const a = tmp();
  const b = tmp();
  fs.writeFileSync(a, 'data');
  fs.renameSync(a, b);
  assert.ok(!fs.existsSync(a));
  assert.strictEqual(fs.readFileSync(b, 'utf8'), 'data');
  const c = tmp();
  fs.linkSync(b, c);
  assert.strictEqual(fs.statSync(b).nlink, 2);
  fs.unlinkSync(c);
  assert.strictEqual(fs.statSync(b).nlink, 1);
  const d = tmp();
  fs.copyFileSync(b, d);
  assert.strictEqual(fs.readFileSync(d, 'utf8'), 'data');
  assert.throws(() => fs.copyFileSync(b, d, fs.constants.COPYFILE_EXCL),
                { code: 'EEXIST', syscall: 'copyfile', path: b, dest: d });
  fs.writeFileSync(b, 'new');
  fs.copyFileSync(b, d, fs.constants.COPYFILE_FICLONE);
  assert.strictEqual(fs.readFileSync(d, 'utf8'), 'new');
  const big = Buffer.alloc(5 * 1024 * 1024, 'xyz');
  fs.writeFileSync(b, big);
  fs.copyFileSync(b, d);
  assert.ok(fs.readFileSync(d).equals(big));
  const tree = tmp('tree');
  fs.mkdirSync(path.join(tree, 'x/y'), { recursive: true });
  fs.writeFileSync(path.join(tree, 'x/y/f'), '1');
  fs.symlinkSync('/nonexistent-target', path.join(tree, 'x/dangling'));
  assert.throws(() => fs.rmSync(tree), { code: 'ERR_FS_EISDIR', name: 'SystemError' });
  fs.rmSync(tree, { recursive: true });
  assert.ok(!fs.existsSync(tree));
  assert.throws(() => fs.rmSync(tree), { code: 'ENOENT', syscall: 'lstat' });
  fs.rmSync(tree, { force: true });
  fs.rmSync(d);
  assert.ok(!fs.existsSync(d));
});

test('symlink, readlink, realpath', () => {
  const target = tmp();
  fs.writeFileSync(target, '');
  const l = tmp('l');
  fs.symlinkSync(target, l);
  assert.strictEqual(fs.readlinkSync(l), target);
  assert.ok(Buffer.isBuffer(fs.readlinkSync(l, 'buffer')));
  const real = fs.realpathSync(base);
  assert.strictEqual(fs.realpathSync(l), path.join(real, path.basename(target)));
  assert.strictEqual(fs.realpathSync.native(l), path.join(real, path.basename(target)));
  assert.strictEqual(fs.realpathSync('.'), process.cwd());
  assert.throws(() => fs.readlinkSync(target), { code: 'EINVAL', syscall: 'readlink' });
  const missing = path.join(base, 'nope', 'x');
  assert.throws(() => fs.realpathSync(missing), { code: 'ENOENT', syscall: 'lstat', path: path.join(base, 'nope') });
  assert.throws(() => fs.realpathSync.native(missing), { code: 'ENOENT', syscall: 'realpath' });
  assert.throws(() => fs.symlinkSync(target, l), { code: 'EEXIST', syscall: 'symlink', path: target, dest: l });
});

test('truncate, ftruncate, utimes, futimes, lutimes, chown', () => {
  const p = tmp();
  fs.writeFileSync(p, '0123456789');
  fs.truncateSync(p, 4);
  assert.strictEqual(fs.readFileSync(p, 'utf8'), '0123');
  fs.truncateSync(p);
  assert.strictEqual(fs.statSync(p).size, 0);
  const fd = fs.openSync(p, 'r+');
  fs.ftruncateSync(fd, 3);
  assert.deepStrictEqual(fs.readFileSync(p), Buffer.alloc(3));
  fs.futimesSync(fd, new Date(5000), new Date(6000));
  assert.strictEqual(fs.fstatSync(fd).mtimeMs, 6000);
  fs.fsyncSync(fd);
  fs.fdatasyncSync(fd);
  fs.fchownSync(fd, process.getuid(), process.getgid());
  fs.closeSync(fd);
  fs.utimesSync(p, 100, '200');
  assert.strictEqual(fs.statSync(p).mtimeMs, 200000);
  assert.strictEqual(fs.statSync(p).atimeMs, 100000);
  const l = tmp('l');
  fs.symlinkSync(p, l);
  fs.lutimesSync(l, 1, 2);
  assert.strictEqual(fs.lstatSync(l).mtimeMs, 2000);
  assert.strictEqual(fs.statSync(p).mtimeMs, 200000);
  fs.chownSync(p, process.getuid(), process.getgid());
  fs.lchownSync(l, process.getuid(), process.getgid());
});

test('access, exists, mkdtemp, statfs', () => {
  const p = tmp();
  fs.writeFileSync(p, '');
  fs.accessSync(p);
  fs.accessSync(p, fs.constants.R_OK | fs.constants.W_OK);
  assert.strictEqual(fs.existsSync(p), true);
  assert.strictEqual(fs.existsSync(path.join(base, 'none')), false);
  assert.strictEqual(fs.existsSync(), false);
  assert.strictEqual(fs.existsSync({}), false);
  const t = fs.mkdtempSync(path.join(base, 'tmp-'));
  assert.match(path.basename(t), /^tmp-[A-Za-z0-9]{6}$/);
  assert.ok(fs.statSync(t).isDirectory());
  const sf = fs.statfsSync(base);
  for (const k of ['type', 'bsize', 'blocks', 'bfree', 'bavail', 'files', 'ffree']) {
    assert.strictEqual(typeof sf[k], 'number');
  }
  assert.strictEqual(typeof fs.statfsSync(base, { bigint: true }).bsize, 'bigint');
});

test('Stats and constants are Node\'s', () => {
  assert.strictEqual(fs.constants.O_CREAT, 0o100);
  assert.strictEqual(fs.constants.S_IFDIR, 0o40000);
  assert.strictEqual(fs.constants.COPYFILE_FICLONE_FORCE, 4);
  assert.strictEqual(fs.F_OK, 0);
  assert.strictEqual(fs.X_OK, 1);
  assert.strictEqual(fs.lchmod, undefined);
  assert.strictEqual(typeof fs.promises.lchmod, 'function');
  assert.strictEqual(Object.getPrototypeOf(fs.constants), null);
  assert.strictEqual(Object.getOwnPropertyDescriptor(fs.constants, 'O_CREAT').writable, false);
  if (node22) {
    assert.deepStrictEqual(Object.getOwnPropertyNames(fs.Stats.prototype).sort(),
                           ['_checkModeProperty', 'atime', 'birthtime', 'constructor', 'ctime', 'mtime']);
  }
});
