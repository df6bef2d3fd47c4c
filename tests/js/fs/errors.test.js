'use strict';
// Errors as Node reports them: system errors (ENOENT, EACCES, EISDIR,
// ENOTDIR, EEXIST) with code, errno, syscall, path and message, and the
// ERR_* errors of bad arguments.
const { test, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TEST_WORK || os.tmpdir(), 'fs-err-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));
const file = path.join(base, 'file');
fs.writeFileSync(file, 'x');
const missing = path.join(base, 'missing');

function systemError(code, errno, syscall, p, dest) {
  const messages = {
    ENOENT: 'no such file or directory',
    EISDIR: 'illegal operation on a directory',
    ENOTDIR: 'not a directory',
    EEXIST: 'file already exists',
    EACCES: 'permission denied',
    ENOTEMPTY: 'directory not empty',
  };
  let message = `${code}: ${messages[code]}, ${syscall}`;
  if (p !== undefined) message += ` '${p}'`;
  if (dest !== undefined) message += ` -> '${dest}'`;
  const expected = { name: 'Error', code, errno, syscall, message };
  if (p !== undefined) expected.path = p;
  if (dest !== undefined) expected.dest = dest;
  return expected;
}

test('ENOENT', async () => {
  const e = systemError('ENOENT', -2, 'open', missing);
  assert.throws(() => fs.openSync(missing), e);
  assert.throws(() => fs.readFileSync(missing), e);
  await assert.rejects(fsp.readFile(missing), e);
  await assert.rejects(fsp.open(missing), e);
  await new Promise((resolve) => fs.open(missing, (err) => {
    assert.deepStrictEqual({ ...err, message: err.message, name: err.name }, e);
    assert.deepStrictEqual(Object.keys(err), ['errno', 'code', 'syscall', 'path']);
    resolve();
  }));
  assert.throws(() => fs.statSync(missing), systemError('ENOENT', -2, 'stat', missing));
  assert.throws(() => fs.lstatSync(missing), systemError('ENOENT', -2, 'lstat', missing));
  assert.throws(() => fs.unlinkSync(missing), systemError('ENOENT', -2, 'unlink', missing));
  assert.throws(() => fs.renameSync(missing, file), systemError('ENOENT', -2, 'rename', missing, file));
  assert.throws(() => fs.copyFileSync(missing, file), systemError('ENOENT', -2, 'copyfile', missing, file));
  assert.throws(() => fs.accessSync(missing), systemError('ENOENT', -2, 'access', missing));
  assert.throws(() => fs.chmodSync(missing, 0o600), systemError('ENOENT', -2, 'chmod', missing));
  assert.throws(() => fs.utimesSync(missing, 1, 1), systemError('ENOENT', -2, 'utime', missing));
  assert.throws(() => fs.readlinkSync(missing), systemError('ENOENT', -2, 'readlink', missing));
  assert.throws(() => fs.readdirSync(missing), systemError('ENOENT', -2, 'scandir', missing));
  assert.throws(() => fs.opendirSync(missing), systemError('ENOENT', -2, 'opendir'));
  assert.throws(() => fs.rmSync(missing), systemError('ENOENT', -2, 'lstat', missing));
  assert.throws(() => fs.watch(missing), { ...systemError('ENOENT', -2, 'watch', missing), filename: missing });
});

test('EISDIR, ENOTDIR, EEXIST, ENOTEMPTY', async () => {
  assert.throws(() => fs.openSync(base, 'w'), systemError('EISDIR', -21, 'open', base));
  assert.throws(() => fs.readFileSync(base), systemError('EISDIR', -21, 'read'));
  await assert.rejects(fsp.readFile(base), systemError('EISDIR', -21, 'read'));
  assert.throws(() => fs.unlinkSync(base), systemError('EISDIR', -21, 'unlink', base));
  const below = path.join(file, 'below');
  assert.throws(() => fs.openSync(below), systemError('ENOTDIR', -20, 'open', below));
  assert.throws(() => fs.readdirSync(file), systemError('ENOTDIR', -20, 'scandir', file));
  assert.throws(() => fs.mkdirSync(below, { recursive: true }), systemError('ENOTDIR', -20, 'mkdir', below));
  await assert.rejects(fsp.stat(below), systemError('ENOTDIR', -20, 'stat', below));
  assert.throws(() => fs.mkdirSync(base), systemError('EEXIST', -17, 'mkdir', base));
  assert.throws(() => fs.openSync(file, 'wx'), systemError('EEXIST', -17, 'open', file));
  assert.throws(() => fs.linkSync(file, file), systemError('EEXIST', -17, 'link', file, file));
  assert.throws(() => fs.symlinkSync(file, file), systemError('EEXIST', -17, 'symlink', file, file));
  await assert.rejects(fsp.mkdir(base), systemError('EEXIST', -17, 'mkdir', base));
  assert.throws(() => fs.rmdirSync(path.dirname(file)), systemError('ENOTEMPTY', -39, 'rmdir', base));
  assert.throws(() => fs.rmSync(base), {
    name: 'SystemError', code: 'ERR_FS_EISDIR', errno: 21, syscall: 'rm', path: base,
    message: `Path is a directory: rm returned EISDIR (is a directory) ${base}`,
  });
});

test('EACCES', async (t) => {
  // Execute permission binds root too: access(X_OK) of a file without x bits.
  assert.throws(() => fs.accessSync(file, fs.constants.X_OK), systemError('EACCES', -13, 'access', file));
  await assert.rejects(fsp.access(file, fs.constants.X_OK), systemError('EACCES', -13, 'access', file));
  if (process.getuid() === 0) {
    t.skip('running as root: read and write permissions do not bind root (CAP_DAC_OVERRIDE)');
    return;
  }
  const locked = path.join(base, 'locked');
  fs.writeFileSync(locked, 'secret', { mode: 0o000 });
  assert.throws(() => fs.readFileSync(locked), systemError('EACCES', -13, 'open', locked));
  await assert.rejects(fsp.readFile(locked), systemError('EACCES', -13, 'open', locked));
});

test('bad arguments throw ERR_* errors', () => {
  assert.throws(() => fs.openSync(123), {
    code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError',
    message: 'The "path" argument must be of type string or an instance of Buffer or URL. Received type number (123)',
  });
  assert.throws(() => fs.openSync('a\u0000b'), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received 'a\\x00b'",
  });
  assert.throws(() => fs.openSync(file, 'q'), {
    code: 'ERR_INVALID_ARG_VALUE', message: "The argument 'flags' is invalid. Received 'q'",
  });
  assert.throws(() => fs.readFileSync(file, 'utf-9'), {
    code: 'ERR_INVALID_ARG_VALUE', message: "The argument 'encoding' is invalid encoding. Received 'utf-9'",
  });
  assert.throws(() => fs.open(file), {
    code: 'ERR_INVALID_ARG_TYPE', message: 'The "cb" argument must be of type function. Received undefined',
  });
  assert.throws(() => fs.readSync(-1, Buffer.alloc(1)), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "fd" is out of range. It must be >= 0 && <= 2147483647. Received -1',
  });
  assert.throws(() => fs.readSync(0, Buffer.alloc(4), 0, 5, 0), {
    code: 'ERR_OUT_OF_RANGE', message: 'The value of "length" is out of range. It must be <= 4. Received 5',
  });
  assert.throws(() => fs.readSync(0, Buffer.alloc(4), 0, 1, 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => fs.writeSync(1, 5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => fs.writeFileSync(path.join(base, 'w'), 5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)',
  });
  assert.throws(() => fs.accessSync(file, 8), { code: 'ERR_OUT_OF_RANGE', message: 'mode is out of range: >= 0 && <= 7' });
  assert.throws(() => fs.mkdirSync(path.join(base, 'm'), { mode: 'abc' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => fs.chownSync(file, -2, 0), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => fs.utimesSync(file, 'abc', 1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => fs.rmSync(file, { recursive: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => fs.symlinkSync(file, path.join(base, 's'), 'bogus'), {
    code: 'ERR_FS_INVALID_SYMLINK_TYPE',
    message: 'Symlink type must be one of "dir", "file", or "junction". Received "bogus"',
  });
  assert.throws(() => fs.createReadStream(file, { start: 5, end: 2 }), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "start" is out of range. It must be <= "end" (here: 2). Received 5',
  });
});

test('file URLs name paths', () => {
  const url = new URL(`file://${file}`);
  assert.strictEqual(fs.readFileSync(url, 'utf8'), 'x');
  assert.ok(fs.existsSync(url));
  assert.throws(() => fs.readFileSync(new URL('http://x/')), { code: 'ERR_INVALID_URL_SCHEME' });
  assert.strictEqual(fs.readFileSync(Buffer.from(file), 'utf8'), 'x');
});
