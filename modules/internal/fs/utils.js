'use strict';
// What node:fs, fs/promises and the fs streams share: constants, argument
// checks that throw Node's errors, Stats/BigIntStats/StatFs/Dirent, and the
// one place errors from the binding become Node's
// "ENOENT: no such file or directory, open '/x'" errors.

const binding = internalBinding('fs');
const { Buffer } = require('buffer');
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_FS_INVALID_SYMLINK_TYPE,
    ERR_INCOMPATIBLE_OPTION_PAIR,
  },
  uvException,
} = require('internal/errors');
const {
  validateAbortSignal, validateBoolean, validateFunction, validateInt32, validateInteger,
  validateObject, validateUint32, isInt32, isUint32,
} = require('internal/validators');

// ---- constants (Linux values, as Node reports them: read-only
// properties of an object without a prototype) ----
const constants = {
  __proto__: null,
  UV_FS_SYMLINK_DIR: 1,
  UV_FS_SYMLINK_JUNCTION: 2,
  O_RDONLY: 0,
  O_WRONLY: 1,
  O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0,
  UV_DIRENT_FILE: 1,
  UV_DIRENT_DIR: 2,
  UV_DIRENT_LINK: 3,
  UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5,
  UV_DIRENT_CHAR: 6,
  UV_DIRENT_BLOCK: 7,
  S_IFMT: 0o170000,
  S_IFREG: 0o100000,
  S_IFDIR: 0o40000,
  S_IFCHR: 0o20000,
  S_IFBLK: 0o60000,
  S_IFIFO: 0o10000,
  S_IFLNK: 0o120000,
  S_IFSOCK: 0o140000,
  O_CREAT: 0o100,
  O_EXCL: 0o200,
  UV_FS_O_FILEMAP: 0,
  O_NOCTTY: 0o400,
  O_TRUNC: 0o1000,
  O_APPEND: 0o2000,
  O_DIRECTORY: 0o200000,
  O_NOATIME: 0o1000000,
  O_NOFOLLOW: 0o400000,
  O_SYNC: 0o4010000,
  O_DSYNC: 0o10000,
  O_DIRECT: 0o40000,
  O_NONBLOCK: 0o4000,
  S_IRWXU: 0o700,
  S_IRUSR: 0o400,
  S_IWUSR: 0o200,
  S_IXUSR: 0o100,
  S_IRWXG: 0o70,
  S_IRGRP: 0o40,
  S_IWGRP: 0o20,
  S_IXGRP: 0o10,
  S_IRWXO: 0o7,
  S_IROTH: 0o4,
  S_IWOTH: 0o2,
  S_IXOTH: 0o1,
  F_OK: 0,
  R_OK: 4,
  W_OK: 2,
  X_OK: 1,
  UV_FS_COPYFILE_EXCL: 1,
  COPYFILE_EXCL: 1,
  UV_FS_COPYFILE_FICLONE: 2,
  COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4,
  COPYFILE_FICLONE_FORCE: 4,
};
for (const key of Object.keys(constants)) {
  Object.defineProperty(constants, key, { writable: false, configurable: false });
}

const {
  O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_SYNC,
  S_IFMT, S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO, S_IFLNK, S_IFSOCK,
  UV_DIRENT_FILE, UV_DIRENT_DIR, UV_DIRENT_LINK, UV_DIRENT_FIFO, UV_DIRENT_SOCKET,
  UV_DIRENT_CHAR, UV_DIRENT_BLOCK,
} = constants;

// The most one read or write may move (Node's kIoMaxLength).
const kIoMaxLength = 2 ** 31 - 1;
const kMaxUserId = 2 ** 32 - 1;
const kReadFileBufferLength = 512 * 1024;
const kReadFileUnknownBufferLength = 64 * 1024;
const kWriteFileMaxChunkSize = 512 * 1024;

// ---- errors ----

// A Node error with a code and a fixed message, as Node's C++ throws them.
function nativeError(Ctor, code, message) {
  const err = new Ctor(message);
  Object.defineProperty(err, 'name', { value: `${Ctor.name} [${code}]`, configurable: true, writable: true });
  err.stack; // eslint-disable-line no-unused-expressions
  delete err.name;
  err.code = code;
  return err;
}

// err: a negative errno. info: [syscall, failing path, size] from the
// engine. path and dest as the caller gave them.
function fsError(err, info, path, dest, noPath = false) {
  const syscall = info?.[0];
  let errPath = info?.[1] ?? path;
  if (noPath) errPath = undefined;
  // Node's fs errors come from C++ with this key order: errno, code,
  // syscall, path, dest (uvException fills code in place).
  const ctx = { errno: err, code: undefined, syscall };
  if (errPath !== undefined && errPath !== null) ctx.path = toDisplayPath(errPath);
  if (dest !== undefined && dest !== null && !noPath) ctx.dest = toDisplayPath(dest);
  return uvException(ctx);
}

function toDisplayPath(p) {
  if (typeof p === 'string') return p;
  if (p instanceof Uint8Array) return Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString();
  return String(p);
}

// A synchronous call's result: a negative number is an errno (the engine's
// details from lastError()), anything else the value.
function syncResult(result, path, dest, noPath) {
  if (typeof result === 'number' && result < 0) {
    throw fsError(result, binding.lastError(), path, dest, noPath);
  }
  return result;
}

// Node's SystemError (ERR_FS_EISDIR, ERR_FS_CP_*): "<prefix>: <syscall>
// returned <CODE> (<message>) <path>", with info and errno, syscall and
// path read through to it.
class SystemError extends Error {
  constructor(key, prefix, ctx) {
    const { getErrorInfo } = internalBinding('errno');
    const [code, desc] = getErrorInfo(-Math.abs(ctx.errno));
    let message = `${prefix}: ${ctx.syscall} returned ${code} (${ctx.message ?? desc})`;
    if (ctx.path !== undefined) message += ` ${ctx.path}`;
    if (ctx.dest !== undefined) message += ` => ${ctx.dest}`;
    super(message);
    const info = { __proto__: null, code, message: ctx.message ?? desc, path: ctx.path, syscall: ctx.syscall,
                   errno: Math.abs(ctx.errno) };
    if (ctx.dest !== undefined) info.dest = ctx.dest;
    Object.setPrototypeOf(info, Object.prototype);
    this.code = key;
    Object.defineProperty(this, 'name', { value: 'SystemError', enumerable: false, writable: true, configurable: true });
    this.info = info;
    for (const k of ['errno', 'syscall', 'path', 'dest']) {
      if (info[k] === undefined) continue;
      Object.defineProperty(this, k, {
        get() { return info[k]; },
        set(v) { info[k] = v; },
        enumerable: true,
        configurable: true,
      });
    }
    this.stack = `SystemError [${key}]: ${message}\n${String(this.stack).split('\n').slice(1).join('\n')}`;
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

function systemError(key, prefix, ctx) {
  return new SystemError(key, prefix, ctx);
}

function eisdirError(syscall, path, message) {
  return systemError('ERR_FS_EISDIR', 'Path is a directory', { errno: 21, syscall, path, message });
}

// ---- argument checks ----

let urlModule;
function toPathIfFileURL(fileURLOrPath) {
  if (fileURLOrPath == null || typeof fileURLOrPath !== 'object' || fileURLOrPath instanceof Uint8Array) {
    return fileURLOrPath;
  }
  if (fileURLOrPath.href === undefined || fileURLOrPath.protocol === undefined) return fileURLOrPath;
  urlModule ??= require('internal/url');
  if (!urlModule.isURL(fileURLOrPath)) return fileURLOrPath;
  return urlModule.fileURLToPath(fileURLOrPath);
}

function validatePath(path, propName = 'path') {
  if (typeof path !== 'string' && !(path instanceof Uint8Array)) {
    throw new ERR_INVALID_ARG_TYPE(propName, ['string', 'Buffer', 'URL'], path);
  }
  const bad = typeof path === 'string' ? path.includes('\u0000') : path.includes(0);
  if (bad) {
    throw new ERR_INVALID_ARG_VALUE(propName, path, 'must be a string, Uint8Array, or URL without null bytes');
  }
}

function getValidatedPath(fileURLOrPath, propName = 'path') {
  const path = toPathIfFileURL(fileURLOrPath);
  validatePath(path, propName);
  return path;
}

function getValidatedFd(fd, propName = 'fd') {
  if (Object.is(fd, -0)) return 0;
  validateInt32(fd, propName, 0);
  return fd;
}

function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') {
    validateInt32(flags, name);
    return flags;
  }
  if (flags == null) return O_RDONLY;
  switch (flags) {
    case 'r': return O_RDONLY;
    case 'rs':
    case 'sr': return O_RDONLY | O_SYNC;
    case 'r+': return O_RDWR;
    case 'rs+':
    case 'sr+': return O_RDWR | O_SYNC;
    case 'w': return O_TRUNC | O_CREAT | O_WRONLY;
    case 'wx':
    case 'xw': return O_TRUNC | O_CREAT | O_WRONLY | O_EXCL;
    case 'w+': return O_TRUNC | O_CREAT | O_RDWR;
    case 'wx+':
    case 'xw+': return O_TRUNC | O_CREAT | O_RDWR | O_EXCL;
    case 'a': return O_APPEND | O_CREAT | O_WRONLY;
    case 'ax':
    case 'xa': return O_APPEND | O_CREAT | O_WRONLY | O_EXCL;
    case 'as':
    case 'sa': return O_APPEND | O_CREAT | O_WRONLY | O_SYNC;
    case 'a+': return O_APPEND | O_CREAT | O_RDWR;
    case 'ax+':
    case 'xa+': return O_APPEND | O_CREAT | O_RDWR | O_EXCL;
    case 'as+':
    case 'sa+': return O_APPEND | O_CREAT | O_RDWR | O_SYNC;
  }
  throw new ERR_INVALID_ARG_VALUE('flags', flags);
}

function assertEncoding(encoding) {
  if (encoding && !Buffer.isEncoding(encoding)) {
    // Node names the arguments the other way around here.
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
}

function getOptions(options, defaultOptions = { __proto__: null }) {
  if (options == null || typeof options === 'function') return defaultOptions;
  if (typeof options === 'string') {
    defaultOptions = { ...defaultOptions };
    defaultOptions.encoding = options;
    options = defaultOptions;
  } else if (typeof options !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
  }
  if (options.encoding !== 'buffer') assertEncoding(options.encoding);
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

function copyObject(source) {
  const target = {};
  for (const key in source) target[key] = source[key];
  return target;
}

// access() and copyFile() modes are checked as Node's C++ checks them.
function getValidMode(mode, type) {
  let min = 0;
  let max = 7;
  let def = 0;
  if (type === 'access') def = constants.F_OK;
  else if (type === 'copyFile') def = 0;
  if (mode == null) return def;
  if (!isInt32(mode)) {
    if (typeof mode === 'number') {
      throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', `mode is out of range: >= ${min} && <= ${max}`);
    }
    throw nativeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'mode must be int32 or null/undefined');
  }
  if (mode < min || mode > max) {
    throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', `mode is out of range: >= ${min} && <= ${max}`);
  }
  return mode;
}

function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}

function validateBuffer(buffer, name = 'buffer') {
  if (!isArrayBufferView(buffer)) {
    throw new ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'], buffer);
  }
}

function validateOffsetLengthRead(offset, length, bufferLength) {
  if (offset < 0) throw new ERR_OUT_OF_RANGE('offset', '>= 0', offset);
  if (length < 0) throw new ERR_OUT_OF_RANGE('length', '>= 0', length);
  if (offset + length > bufferLength) {
    throw new ERR_OUT_OF_RANGE('length', `<= ${bufferLength - offset}`, length);
  }
}

function validateOffsetLengthWrite(offset, length, byteLength) {
  if (offset > byteLength) throw new ERR_OUT_OF_RANGE('offset', `<= ${byteLength}`, offset);
  if (length > byteLength - offset) {
    throw new ERR_OUT_OF_RANGE('length', `<= ${byteLength - offset}`, length);
  }
  if (length < 0) throw new ERR_OUT_OF_RANGE('length', '>= 0', length);
  validateInt32(length, 'length', 0);
}

// A read or write position: -1 for "the file's current position".
function validatePosition(position, name = 'position', length) {
  if (typeof position === 'number') {
    validateInteger(position, name, -1);
    return position;
  }
  if (typeof position === 'bigint') {
    const maxPosition = 2n ** 63n - 1n - BigInt(length ?? 0);
    if (!(position >= -1n && position <= maxPosition)) {
      throw new ERR_OUT_OF_RANGE(name, `>= -1 && <= ${maxPosition}`, position);
    }
    return Number(position);
  }
  throw new ERR_INVALID_ARG_TYPE(name, ['integer', 'bigint'], position);
}

function validateBufferArray(buffers, propName = 'buffers') {
  if (!Array.isArray(buffers)) {
    throw new ERR_INVALID_ARG_TYPE(propName, 'ArrayBufferView[]', buffers);
  }
  for (let i = 0; i < buffers.length; i++) {
    if (!isArrayBufferView(buffers[i])) {
      throw new ERR_INVALID_ARG_TYPE(propName, 'ArrayBufferView[]', buffers);
    }
  }
  return buffers;
}

function validateId(id, name) {
  if (typeof id !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', id);
  validateInteger(id, name, -1, kMaxUserId);
}

function toUnixTimestamp(time, name = 'time') {
  if (typeof time === 'string' && +time == time) { // eslint-disable-line eqeqeq
    return +time;
  }
  if (Number.isFinite(time)) {
    if (time < 0) return Date.now() / 1000;
    return time;
  }
  if (time instanceof Date) return time.getTime() / 1000;
  throw new ERR_INVALID_ARG_TYPE(name, ['Date', 'Time in seconds'], time);
}

function getValidatedSymlinkType(type) {
  if (type === undefined || type === null) return 0;
  if (type === 'dir') return constants.UV_FS_SYMLINK_DIR;
  if (type === 'junction') return constants.UV_FS_SYMLINK_JUNCTION;
  if (type === 'file') return 0;
  throw new ERR_FS_INVALID_SYMLINK_TYPE(type);
}

// ---- rm / rmdir options ----

const defaultRmOptions = { recursive: false, force: false, retryDelay: 100, maxRetries: 0 };
const defaultRmdirOptions = { retryDelay: 100, maxRetries: 0, recursive: false };

function validateRmOptionsCommon(options, defaults) {
  if (options === undefined) return { ...defaults };
  validateObject(options, 'options');
  options = { ...defaults, ...options };
  validateBoolean(options.recursive, 'options.recursive');
  validateInt32(options.retryDelay, 'options.retryDelay', 0);
  validateUint32(options.maxRetries, 'options.maxRetries');
  return options;
}

function validateRmOptionsSync(options) {
  options = validateRmOptionsCommon(options, defaultRmOptions);
  validateBoolean(options.force, 'options.force');
  return options;
}

function validateRmdirOptions(options, defaults = defaultRmdirOptions) {
  return validateRmOptionsCommon(options, defaults);
}

let recursiveRmdirWarned = false;
function emitRecursiveRmdirWarning() {
  if (recursiveRmdirWarned) return;
  recursiveRmdirWarned = true;
  process.emitWarning(
    'In future versions of Node.js, fs.rmdir(path, { recursive: true }) will be removed. Use fs.rm(path, { recursive: true }) instead',
    'DeprecationWarning', 'DEP0147');
}

// ---- Stats ----

const kNsPerMsBigInt = 10n ** 6n;
const kNsPerSecBigInt = 10n ** 9n;
const kMsPerSec = 1e3;
const kNsPerMs = 1e6;

function dateFromMs(ms) {
  return new Date(Math.round(Number(ms)));
}

function StatsBase(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks) {
  this.dev = dev;
  this.mode = mode;
  this.nlink = nlink;
  this.uid = uid;
  this.gid = gid;
  this.rdev = rdev;
  this.blksize = blksize;
  this.ino = ino;
  this.size = size;
  this.blocks = blocks;
}

StatsBase.prototype.isDirectory = function() { return this._checkModeProperty(S_IFDIR); };
StatsBase.prototype.isFile = function() { return this._checkModeProperty(S_IFREG); };
StatsBase.prototype.isBlockDevice = function() { return this._checkModeProperty(S_IFBLK); };
StatsBase.prototype.isCharacterDevice = function() { return this._checkModeProperty(S_IFCHR); };
StatsBase.prototype.isSymbolicLink = function() { return this._checkModeProperty(S_IFLNK); };
StatsBase.prototype.isFIFO = function() { return this._checkModeProperty(S_IFIFO); };
StatsBase.prototype.isSocket = function() { return this._checkModeProperty(S_IFSOCK); };

// The Date fields are made on first read (most callers never look).
function lazyDates(proto, kind) {
  const fields = ['atime', 'mtime', 'ctime', 'birthtime'];
  const descriptors = {};
  for (const name of fields) {
    const key = Symbol(name);
    descriptors[name] = {
      enumerable: false,
      configurable: true,
      get() {
        return this[key] ??= dateFromMs(this[`${name}Ms`]);
      },
      set(value) {
        Object.defineProperty(this, name, { value, writable: true, configurable: true, enumerable: true });
      },
    };
  }
  Object.defineProperties(proto, descriptors);
  void kind;
}

function BigIntStats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
                     atimeNs, mtimeNs, ctimeNs, birthtimeNs) {
  StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
  this.atimeMs = atimeNs / kNsPerMsBigInt;
  this.mtimeMs = mtimeNs / kNsPerMsBigInt;
  this.ctimeMs = ctimeNs / kNsPerMsBigInt;
  this.birthtimeMs = birthtimeNs / kNsPerMsBigInt;
  this.atimeNs = atimeNs;
  this.mtimeNs = mtimeNs;
  this.ctimeNs = ctimeNs;
  this.birthtimeNs = birthtimeNs;
}
Object.setPrototypeOf(BigIntStats.prototype, StatsBase.prototype);
Object.setPrototypeOf(BigIntStats, StatsBase);
lazyDates(BigIntStats.prototype, 'bigint');
BigIntStats.prototype._checkModeProperty = function(property) {
  return (this.mode & BigInt(S_IFMT)) === BigInt(property);
};

function Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
               atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
  StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
  this.atimeMs = atimeMs;
  this.mtimeMs = mtimeMs;
  this.ctimeMs = ctimeMs;
  this.birthtimeMs = birthtimeMs;
}
Object.setPrototypeOf(Stats.prototype, StatsBase.prototype);
Object.setPrototypeOf(Stats, StatsBase);
lazyDates(Stats.prototype, 'number');
Stats.prototype._checkModeProperty = function(property) {
  return (this.mode & S_IFMT) === property;
};

const kStatFields = 18;

// Stats from the binding's array: [dev, mode, nlink, uid, gid, rdev,
// blksize, ino, size, blocks, atime sec, nsec, mtime..., ctime...,
// birthtime...] from offset.
function getStatsFromBinding(s, offset = 0) {
  if (s instanceof BigInt64Array) {
    const ns = (i) => s[offset + i] * kNsPerSecBigInt + s[offset + i + 1];
    return new BigIntStats(
      s[offset], s[offset + 1], s[offset + 2], s[offset + 3], s[offset + 4], s[offset + 5],
      s[offset + 6], s[offset + 7], s[offset + 8], s[offset + 9],
      ns(10), ns(12), ns(14), ns(16));
  }
  const ms = (i) => s[offset + i] * kMsPerSec + s[offset + i + 1] / kNsPerMs;
  return new Stats(
    s[offset], s[offset + 1], s[offset + 2], s[offset + 3], s[offset + 4], s[offset + 5],
    s[offset + 6], s[offset + 7], s[offset + 8], s[offset + 9],
    ms(10), ms(12), ms(14), ms(16));
}

function statArray(bigint) {
  return bigint ? new BigInt64Array(kStatFields) : new Float64Array(kStatFields);
}

// Synchronous calls fill one shared array each: Stats copy out at once.
let syncStats;
let syncBigStats;
function syncStatArray(bigint) {
  if (bigint) return syncBigStats ??= new BigInt64Array(kStatFields);
  return syncStats ??= new Float64Array(kStatFields);
}

class StatFs {
  constructor(type, bsize, blocks, bfree, bavail, files, ffree) {
    this.type = type;
    this.bsize = bsize;
    this.blocks = blocks;
    this.bfree = bfree;
    this.bavail = bavail;
    this.files = files;
    this.ffree = ffree;
  }
}

function getStatFsFromBinding(s) {
  return new StatFs(s[0], s[1], s[2], s[3], s[4], s[5], s[6]);
}

// ---- Dirent ----

const kType = Symbol('type');

class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }

  isDirectory() { return this[kType] === UV_DIRENT_DIR; }
  isFile() { return this[kType] === UV_DIRENT_FILE; }
  isBlockDevice() { return this[kType] === UV_DIRENT_BLOCK; }
  isCharacterDevice() { return this[kType] === UV_DIRENT_CHAR; }
  isSymbolicLink() { return this[kType] === UV_DIRENT_LINK; }
  isFIFO() { return this[kType] === UV_DIRENT_FIFO; }
  isSocket() { return this[kType] === UV_DIRENT_SOCKET; }
}

class DirentFromStats extends Dirent {
  constructor(name, stats, path) {
    super(name, null, path);
    this[kStats] = stats;
  }
}
const kStats = Symbol('stats');
for (const name of ['isDirectory', 'isFile', 'isBlockDevice', 'isCharacterDevice', 'isSymbolicLink', 'isFIFO', 'isSocket']) {
  DirentFromStats.prototype[name] = function() { return this[kStats][name](); };
}

// Names (strings or Buffers as the binding gave them) in the caller's encoding.
function encodeNames(names, encoding) {
  if (!encoding || encoding === 'utf8' || encoding === 'utf-8' || encoding === 'buffer') return names;
  for (let i = 0; i < names.length; i++) names[i] = names[i].toString(encoding);
  return names;
}

function encodeName(name, encoding) {
  if (name === undefined || !encoding || encoding === 'utf8' || encoding === 'utf-8' || encoding === 'buffer') {
    return name;
  }
  return name.toString(encoding);
}

// Whether the binding should hand names over as Buffers.
function wantsBuffer(encoding) {
  return !!encoding && encoding !== 'utf8' && encoding !== 'utf-8';
}

// readdir({ recursive: true }), breadth first as Node lists: adds one
// directory's entries to `results` (Dirents, or paths relative to basePath)
// and its subdirectories to `queue`.
function addRecursiveEntries(basePath, dir, names, types, options, results, queue) {
  const { join, relative } = require('path');
  const { encoding } = options;
  for (let j = 0; j < names.length; j++) {
    const name = encodeName(names[j], encoding);
    if (options.withFileTypes) {
      const dirent = new Dirent(name, types[j], dir);
      results.push(dirent);
      if (dirent.isDirectory()) queue.push(join(dir, String(name)));
    } else {
      const full = join(dir, String(name));
      results.push(relative(String(basePath), full));
      if (types[j] === UV_DIRENT_DIR) queue.push(full);
    }
  }
}

function getDirents(path, names, types) {
  const out = new Array(names.length);
  for (let i = 0; i < names.length; i++) out[i] = new Dirent(names[i], types[i], path);
  return out;
}

// ---- open() modes ----
function parseMode(mode, name = 'mode', def = 0o666) {
  const { parseFileMode } = require('internal/validators');
  return parseFileMode(mode, name, def);
}

function validateCpOptions(options) {
  const defaults = {
    dereference: false,
    errorOnExist: false,
    filter: undefined,
    force: true,
    preserveTimestamps: false,
    recursive: false,
    verbatimSymlinks: false,
    mode: 0,
  };
  if (options === undefined) return defaults;
  validateObject(options, 'options');
  options = { ...defaults, ...options };
  validateBoolean(options.dereference, 'options.dereference');
  validateBoolean(options.errorOnExist, 'options.errorOnExist');
  validateBoolean(options.force, 'options.force');
  validateBoolean(options.preserveTimestamps, 'options.preserveTimestamps');
  validateBoolean(options.recursive, 'options.recursive');
  validateBoolean(options.verbatimSymlinks, 'options.verbatimSymlinks');
  options.mode = getValidMode(options.mode, 'copyFile');
  if (options.dereference === true && options.verbatimSymlinks === true) {
    throw new ERR_INCOMPATIBLE_OPTION_PAIR('dereference', 'verbatimSymlinks');
  }
  if (options.filter !== undefined) validateFunction(options.filter, 'options.filter');
  return options;
}

module.exports = {
  binding,
  constants,
  kIoMaxLength,
  kMaxUserId,
  kReadFileBufferLength,
  kReadFileUnknownBufferLength,
  kWriteFileMaxChunkSize,
  kStatFields,
  nativeError,
  fsError,
  syncResult,
  systemError,
  eisdirError,
  toPathIfFileURL,
  validatePath,
  getValidatedPath,
  getValidatedFd,
  stringToFlags,
  assertEncoding,
  getOptions,
  copyObject,
  getValidMode,
  isArrayBufferView,
  validateBuffer,
  validateOffsetLengthRead,
  validateOffsetLengthWrite,
  validatePosition,
  validateBufferArray,
  validateId,
  toUnixTimestamp,
  getValidatedSymlinkType,
  validateRmOptionsSync,
  validateRmdirOptions,
  emitRecursiveRmdirWarning,
  validateCpOptions,
  Stats,
  BigIntStats,
  StatFs,
  getStatsFromBinding,
  getStatFsFromBinding,
  statArray,
  syncStatArray,
  Dirent,
  DirentFromStats,
  getDirents,
  encodeNames,
  encodeName,
  addRecursiveEntries,
  wantsBuffer,
  parseMode,
  isUint32,
};
