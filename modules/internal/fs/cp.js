'use strict';
// fs.cp / fs.cpSync / fsPromises.cp. The walk is written once, as a
// generator that yields the file operations it needs ([name, ...args]);
// cpSyncFn runs them with the *Sync calls, cpFn with fs.promises, so both
// make the same decisions. Errors are Node 22's: cp and fsPromises.cp
// reject with SystemErrors, cpSync throws the plain coded errors Node's
// C++ cpSync throws.

const { Buffer } = require('buffer');
const {
  codes: { ERR_INVALID_RETURN_VALUE },
} = require('internal/errors');
const { systemError, eisdirError, constants } = require('internal/fs/utils');
const {
  S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFSOCK, S_IFIFO, S_IFCHR, S_IFBLK, S_IWUSR,
} = constants;

let pathModule;
function path() {
  pathModule ??= require('path');
  return pathModule;
}

const isDir = (st) => st && (Number(st.mode) & S_IFMT) === S_IFDIR;
const typeOf = (st) => Number(st.mode) & S_IFMT;

// What went wrong, worded for the async (SystemError) and sync forms.
function cpError(sync, kind, src, dest) {
  switch (kind) {
    case 'same':
      return sync ? coded('ERR_FS_CP_EINVAL', `src and dest cannot be the same ${dest}`) :
        systemError('ERR_FS_CP_EINVAL', 'Invalid src or dest',
                    { errno: 22, syscall: 'cp', path: dest, message: 'src and dest cannot be the same' });
    case 'subdir':
      return sync ? coded('ERR_FS_CP_EINVAL', `Cannot copy ${src}/ to a subdirectory of self ${dest}`) :
        systemError('ERR_FS_CP_EINVAL', 'Invalid src or dest',
                    { errno: 22, syscall: 'cp', path: dest, message: `cannot copy ${src} to a subdirectory of self ${dest}` });
    case 'dirToNonDir':
      return sync ? coded('ERR_FS_CP_DIR_TO_NON_DIR', `Cannot overwrite non-directory ${dest} with directory ${src}`) :
        systemError('ERR_FS_CP_DIR_TO_NON_DIR', 'Cannot overwrite non-directory with directory',
                    { errno: 21, syscall: 'cp', path: dest, message: `cannot overwrite non-directory ${dest} with directory ${src}` });
    case 'nonDirToDir':
      return sync ? coded('ERR_FS_CP_NON_DIR_TO_DIR', `Cannot overwrite directory ${dest} with non-directory ${src}`) :
        systemError('ERR_FS_CP_NON_DIR_TO_DIR', 'Cannot overwrite directory with non-directory',
                    { errno: 20, syscall: 'cp', path: dest, message: `cannot overwrite directory ${dest} with non-directory ${src}` });
    case 'exists':
      return systemError('ERR_FS_CP_EEXIST', 'Target already exists',
                         { errno: 17, syscall: 'cp', path: dest, message: `${dest} already exists` });
    case 'notRecursive':
      return sync ? coded('ERR_FS_EISDIR', `Recursive option not enabled, cannot copy a directory: ${src}/`) :
        eisdirError('cp', src, `${src} is a directory (not copied)`);
    case 'socket':
      return systemError('ERR_FS_CP_SOCKET', 'Cannot copy a socket file',
                         { errno: 22, syscall: 'cp', path: dest, message: `cannot copy a socket file: ${dest}` });
    case 'fifo':
      return systemError('ERR_FS_CP_FIFO_PIPE', 'Cannot copy a FIFO pipe',
                         { errno: 22, syscall: 'cp', path: dest, message: `cannot copy a FIFO pipe: ${dest}` });
    case 'unknown':
      return systemError('ERR_FS_CP_UNKNOWN', 'Cannot copy an unknown file type',
                         { errno: 22, syscall: 'cp', path: dest, message: `cannot copy an unknown file type: ${dest}` });
    case 'symlinkSubdir':
      return systemError('ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY', 'Cannot overwrite symlink in subdirectory of self',
                         { errno: 22, syscall: 'cp', path: dest, message: `cannot overwrite ${dest} with ${src}` });
  }
  return new Error(kind);
}

function coded(code, message) {
  const err = new Error(message);
  err.code = code;
  return err;
}

function isSrcSubdir(src, dest) {
  const srcArr = path().resolve(src).split(path().sep).filter(Boolean);
  const destArr = path().resolve(dest).split(path().sep).filter(Boolean);
  return srcArr.every((cur, i) => destArr[i] === cur);
}

// The walk. Yields [op, ...args]; gets the op's result back (or its error
// thrown in). ops: stat, lstat, copyFile, mkdir, readdir, chmod, utimes,
// readlink, symlink, unlink, filter.
function* cpWalk(src, dest, opts, sync) {
  const stat = opts.dereference ? 'stat' : 'lstat';
  const statOrNull = function* (op, p) {
    try {
      return yield [op, p, { bigint: true }];
    } catch (err) {
      if (err.code === 'ENOENT') return null;
      throw err;
    }
  };

  if (opts.filter) {
    const keep = yield ['filter', src, dest];
    if (!keep) return;
  }
  // checkPaths
  const srcStat = yield [stat, src, { bigint: true }];
  const destStat = yield* statOrNull(stat, dest);
  if (destStat) {
    if (srcStat.ino === destStat.ino && srcStat.dev === destStat.dev) throw cpError(sync, 'same', src, dest);
    if (isDir(srcStat) && !isDir(destStat)) throw cpError(sync, 'dirToNonDir', src, dest);
    if (!isDir(srcStat) && isDir(destStat)) throw cpError(sync, 'nonDirToDir', src, dest);
  }
  if (isDir(srcStat) && isSrcSubdir(src, dest)) throw cpError(sync, 'subdir', src, dest);
  // The parent of dest must exist.
  const destParent = path().dirname(dest);
  const parentStat = yield* statOrNull('stat', destParent);
  if (!parentStat) yield ['mkdir', destParent, { recursive: true }];

  yield* copyEntry(srcStat, destStat, src, dest, opts, sync);
}

function* copyEntry(srcStat, destStat, src, dest, opts, sync) {
  const type = typeOf(srcStat);
  if (type === S_IFDIR) {
    if (!opts.recursive) throw cpError(sync, 'notRecursive', src, dest);
    if (!destStat) {
      yield ['mkdir', dest];
      yield* copyDirContents(src, dest, opts, sync);
      yield ['chmod', dest, Number(srcStat.mode) & 0o7777];
    } else {
      yield* copyDirContents(src, dest, opts, sync);
    }
    return;
  }
  if (type === S_IFREG || type === S_IFCHR || type === S_IFBLK) {
    if (destStat) {
      if (opts.force) {
        yield ['unlink', dest];
      } else if (opts.errorOnExist) {
        throw cpError(sync, 'exists', src, dest);
      } else {
        return;
      }
    }
    yield ['copyFile', src, dest, opts.mode];
    if (opts.preserveTimestamps) {
      // A read-only file must be writable for utimes to set its times.
      const mode = Number(srcStat.mode);
      if ((mode & S_IWUSR) === 0) yield ['chmod', dest, mode | S_IWUSR];
      const st = yield ['stat', src];
      yield ['utimes', dest, st.atime, st.mtime];
      if ((mode & S_IWUSR) === 0) yield ['chmod', dest, mode & 0o7777];
    }
    yield ['chmod', dest, Number(srcStat.mode) & 0o7777];
    return;
  }
  if (type === S_IFLNK) {
    let resolvedSrc = yield ['readlink', src];
    if (!opts.verbatimSymlinks && !path().isAbsolute(resolvedSrc)) {
      resolvedSrc = path().resolve(path().dirname(src), resolvedSrc);
    }
    if (!destStat) {
      yield ['symlink', resolvedSrc, dest];
      return;
    }
    let resolvedDest;
    try {
      resolvedDest = yield ['readlink', dest];
    } catch (err) {
      // dest exists and is a regular file or directory.
      if (err.code === 'EINVAL' || err.code === 'UNKNOWN') {
        yield ['symlink', resolvedSrc, dest];
        return;
      }
      throw err;
    }
    if (!path().isAbsolute(resolvedDest)) resolvedDest = path().resolve(path().dirname(dest), resolvedDest);
    const srcIsDir = isDir(yield ['stat', src]);
    if (srcIsDir && isSrcSubdir(resolvedSrc, resolvedDest)) {
      throw cpError(sync, 'subdir', resolvedSrc, resolvedDest);
    }
    if (srcIsDir && isSrcSubdir(resolvedDest, resolvedSrc)) {
      throw cpError(sync, 'symlinkSubdir', resolvedSrc, resolvedDest);
    }
    yield ['unlink', dest];
    yield ['symlink', resolvedSrc, dest];
    return;
  }
  if (type === S_IFSOCK) throw cpError(sync, 'socket', src, dest);
  if (type === S_IFIFO) throw cpError(sync, 'fifo', src, dest);
  throw cpError(sync, 'unknown', src, dest);
}

function* copyDirContents(src, dest, opts, sync) {
  const names = yield ['readdir', src];
  const stat = opts.dereference ? 'stat' : 'lstat';
  for (const name of names) {
    const srcItem = path().join(src, name);
    const destItem = path().join(dest, name);
    if (opts.filter) {
      const keep = yield ['filter', srcItem, destItem];
      if (!keep) continue;
    }
    const srcStat = yield [stat, srcItem, { bigint: true }];
    let destStat = null;
    try {
      destStat = yield [stat, destItem, { bigint: true }];
    } catch (err) {
      if (err.code !== 'ENOENT') throw err;
    }
    if (destStat) {
      if (srcStat.ino === destStat.ino && srcStat.dev === destStat.dev) throw cpError(sync, 'same', srcItem, destItem);
      if (isDir(srcStat) && !isDir(destStat)) throw cpError(sync, 'dirToNonDir', srcItem, destItem);
      if (!isDir(srcStat) && isDir(destStat)) throw cpError(sync, 'nonDirToDir', srcItem, destItem);
    }
    yield* copyEntry(srcStat, destStat, srcItem, destItem, opts, sync);
  }
}

function toStr(p) {
  return typeof p === 'string' ? p : Buffer.from(p).toString();
}

function cpSyncFn(src, dest, opts) {
  const fs = require('fs');
  const ops = {
    stat: (p, o) => fs.statSync(p, o),
    lstat: (p, o) => fs.lstatSync(p, o),
    copyFile: (a, b, m) => fs.copyFileSync(a, b, m),
    mkdir: (p, o) => fs.mkdirSync(p, o),
    readdir: (p) => fs.readdirSync(p),
    chmod: (p, m) => fs.chmodSync(p, m),
    utimes: (p, a, m) => fs.utimesSync(p, a, m),
    readlink: (p) => fs.readlinkSync(p),
    symlink: (a, b) => fs.symlinkSync(a, b),
    unlink: (p) => fs.unlinkSync(p),
    filter: (a, b) => {
      const keep = opts.filter(a, b);
      if (keep && typeof keep.then === 'function') {
        throw new ERR_INVALID_RETURN_VALUE('boolean', 'filter', keep);
      }
      return keep;
    },
  };
  const gen = cpWalk(toStr(src), toStr(dest), opts, true);
  let step = gen.next();
  while (!step.done) {
    const [op, ...args] = step.value;
    let result;
    try {
      result = ops[op](...args);
    } catch (err) {
      step = gen.throw(err);
      continue;
    }
    step = gen.next(result);
  }
}

async function cpFn(src, dest, opts) {
  const fsp = require('internal/fs/promises').exports;
  const ops = {
    stat: (p, o) => fsp.stat(p, o),
    lstat: (p, o) => fsp.lstat(p, o),
    copyFile: (a, b, m) => fsp.copyFile(a, b, m),
    mkdir: (p, o) => fsp.mkdir(p, o),
    readdir: (p) => fsp.readdir(p),
    chmod: (p, m) => fsp.chmod(p, m),
    utimes: (p, a, m) => fsp.utimes(p, a, m),
    readlink: (p) => fsp.readlink(p),
    symlink: (a, b) => fsp.symlink(a, b),
    unlink: (p) => fsp.unlink(p),
    filter: async (a, b) => opts.filter(a, b),
  };
  const gen = cpWalk(toStr(src), toStr(dest), opts, false);
  let step = gen.next();
  while (!step.done) {
    const [op, ...args] = step.value;
    let result;
    try {
      result = await ops[op](...args);
    } catch (err) {
      step = gen.throw(err);
      continue;
    }
    step = gen.next(result);
  }
}

module.exports = { cpFn, cpSyncFn };
