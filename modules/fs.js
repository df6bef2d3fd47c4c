'use strict';
// node:fs on shard's file engine (internalBinding('fs'), io/fs.c): the
// operations io_uring has run on the core's ring, the rest on its small
// pool of blocking threads, never on the loop thread; *Sync calls make the
// syscalls directly. Every binding call takes a completion id last (async)
// or nothing (sync); see js/bind_fs.cc.

const { Buffer } = require('buffer');
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_FS_FILE_TOO_LARGE, ERR_INVALID_ARG_VALUE,
  },
  AbortError,
} = require('internal/errors');
const {
  validateBoolean, validateFunction, validateInteger, validateObject, validateString, parseFileMode,
} = require('internal/validators');
const utils = require('internal/fs/utils');
const {
  binding, constants, kIoMaxLength, fsError, syncResult, eisdirError,
  getValidatedPath, getValidatedFd, stringToFlags, getOptions, getValidMode,
  isArrayBufferView, validateBuffer, validateOffsetLengthRead, validateOffsetLengthWrite,
  validatePosition, validateBufferArray, validateId, toUnixTimestamp, getValidatedSymlinkType,
  validateRmOptionsSync, validateRmdirOptions, emitRecursiveRmdirWarning,
  Stats, Dirent, getStatsFromBinding, getStatFsFromBinding, statArray, syncStatArray,
  getDirents, encodeNames, encodeName, wantsBuffer, addRecursiveEntries,
} = utils;
const { register, unregister } = require('internal/loop');
const { completionValues } = internalBinding('loop');
const { kCustomPromisifiedSymbol } = require('internal/util');

const { F_OK, R_OK, W_OK, X_OK } = constants;
const kEmpty = -1;

// ---- plumbing ----

function makeCallback(cb) {
  validateFunction(cb, 'cb');
  return cb;
}

// The engine's details of a failed completion ([syscall, path, size]).
function infoOf(aux) {
  return aux >= 0 ? completionValues[aux] : undefined;
}

// Issues an asynchronous binding call: issue(id) starts it, done(res, aux)
// runs when it completes. A call the engine refused outright completes on
// the next tick with its errno.
function submit(issue, done) {
  const id = register(done);
  const rc = issue(id);
  if (typeof rc === 'number' && rc < 0) {
    unregister(id);
    process.nextTick(done, rc, kEmpty);
  }
}

// A callback for operations that report only success or failure.
function voidDone(callback, syscall, path, dest) {
  return (res, aux) => {
    if (res < 0) callback(fsError(res, infoOf(aux) ?? [syscall], path, dest));
    else callback(null);
  };
}

// ---- access / exists ----

function access(path, mode, callback) {
  if (typeof mode === 'function') {
    callback = mode;
    mode = F_OK;
  }
  path = getValidatedPath(path);
  mode = getValidMode(mode, 'access');
  callback = makeCallback(callback);
  submit((id) => binding.access(path, mode, id), voidDone(callback, 'access', path));
}

function accessSync(path, mode) {
  path = getValidatedPath(path);
  mode = getValidMode(mode, 'access');
  syncResult(binding.access(path, mode), path);
}

function exists(path, callback) {
  validateFunction(callback, 'cb');
  function suppressedCallback(err) {
    callback(!err);
  }
  try {
    access(path, F_OK, suppressedCallback);
  } catch {
    return callback(false);
  }
}
Object.defineProperty(exists, kCustomPromisifiedSymbol, {
  value: function exists(path) {
    return new Promise((resolve) => fs.exists(path, resolve));
  },
});

function existsSync(path) {
  try {
    path = getValidatedPath(path);
  } catch {
    return false;
  }
  return binding.access(path, F_OK) === 0;
}

// ---- open / close ----

function open(path, flags, mode, callback) {
  path = getValidatedPath(path);
  if (arguments.length < 3) {
    callback = flags;
    flags = 'r';
    mode = 0o666;
  } else if (typeof mode === 'function') {
    callback = mode;
    mode = 0o666;
  } else {
    mode = parseFileMode(mode, 'mode', 0o666);
  }
  const flagsNumber = stringToFlags(flags);
  callback = makeCallback(callback);
  submit((id) => binding.open(path, flagsNumber, mode, id), (res, aux) => {
    if (res < 0) callback(fsError(res, infoOf(aux) ?? ['open'], path));
    else callback(null, res);
  });
}

function openSync(path, flags, mode) {
  path = getValidatedPath(path);
  return syncResult(binding.open(path, stringToFlags(flags), parseFileMode(mode, 'mode', 0o666)), path);
}

function defaultCloseCallback(err) {
  if (err != null) throw err;
}

function close(fd, callback = defaultCloseCallback) {
  fd = getValidatedFd(fd);
  if (callback !== defaultCloseCallback) callback = makeCallback(callback);
  submit((id) => binding.close(fd, id), voidDone(callback, 'close'));
}

function closeSync(fd) {
  fd = getValidatedFd(fd);
  syncResult(binding.close(fd));
}

// ---- read / readv ----

function read(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  let params = null;
  if (arguments.length <= 4) {
    if (arguments.length === 4) {
      // read(fd, buffer, options, callback)
      validateObject(offsetOrOptions, 'options', { nullable: true });
      callback = length;
      params = offsetOrOptions;
    } else if (arguments.length === 3) {
      // read(fd, bufferOrParams, callback)
      if (!isArrayBufferView(buffer)) {
        params = buffer;
        ({ buffer = Buffer.alloc(16384) } = params ?? {});
      }
      callback = offsetOrOptions;
    } else {
      // read(fd, callback)
      callback = buffer;
      buffer = Buffer.alloc(16384);
    }
    if (params !== null) {
      ({
        offset = 0,
        length = buffer?.byteLength - offset,
        position = null,
      } = params ?? {});
    } else {
      offset = 0;
      length = buffer.byteLength;
      position = null;
    }
  }
  validateBuffer(buffer);
  callback = makeCallback(callback);
  if (offset == null) {
    offset = 0;
  } else {
    validateInteger(offset, 'offset', 0);
  }
  length |= 0;
  if (length === 0) {
    return process.nextTick(function tick() {
      callback(null, 0, buffer);
    });
  }
  if (buffer.byteLength === 0) {
    throw new ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  }
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  position = position == null ? -1 : validatePosition(position, 'position', length);
  submit((id) => binding.read(fd, buffer, offset, length, position, id), (res, aux) => {
    if (res < 0) callback(fsError(res, infoOf(aux) ?? ['read']));
    else callback(null, res, buffer);
  });
}
Object.defineProperty(read, kCustomPromisifyArgs(), { value: ['bytesRead', 'buffer'], enumerable: false });

function kCustomPromisifyArgs() {
  return require('internal/util').kCustomPromisifyArgsSymbol;
}

function readSync(fd, buffer, offsetOrOptions, length, position) {
  validateBuffer(buffer);
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  if (arguments.length <= 3 || typeof offsetOrOptions === 'object') {
    if (offsetOrOptions !== undefined) validateObject(offsetOrOptions, 'options', { nullable: true });
    ({
      offset = 0,
      length = buffer.byteLength - offset,
      position = null,
    } = offsetOrOptions ?? {});
  }
  if (offset === undefined) {
    offset = 0;
  } else {
    validateInteger(offset, 'offset', 0);
  }
  length |= 0;
  if (length === 0) return 0;
  if (buffer.byteLength === 0) {
    throw new ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  }
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  position = position == null ? -1 : validatePosition(position, 'position', length);
  return syncResult(binding.read(fd, buffer, offset, length, position));
}

function readv(fd, buffers, position, callback) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  callback = makeCallback(callback || position);
  position = typeof position !== 'number' ? -1 : position;
  submit((id) => binding.readv(fd, buffers, position, id), (res, aux) => {
    if (res < 0) callback(fsError(res, infoOf(aux) ?? ['read']));
    else callback(null, res, buffers);
  });
}
Object.defineProperty(readv, kCustomPromisifyArgs(), { value: ['bytesRead', 'buffers'], enumerable: false });

function readvSync(fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  position = typeof position !== 'number' ? -1 : position;
  return syncResult(binding.readv(fd, buffers, position));
}

// ---- write / writev ----

function validateStringAfterArrayBufferView(buffer, name) {
  if (typeof buffer !== 'string') {
    throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
}

function write(fd, buffer, offsetOrOptions, length, position, callback) {
  function wrapper(res, aux) {
    if (res < 0) callback(fsError(res, infoOf(aux) ?? ['write']));
    else callback(null, res, buffer);
  }
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  if (isArrayBufferView(buffer)) {
    callback = makeCallback(arguments[arguments.length - 1]);
    if (typeof offset === 'object' && offset !== null) {
      ({
        offset = 0,
        length = buffer.byteLength - offset,
        position = null,
      } = offsetOrOptions ?? {});
    }
    if (offset == null || typeof offset === 'function') {
      offset = 0;
    } else {
      validateInteger(offset, 'offset', 0);
    }
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    if (typeof position !== 'number' && typeof position !== 'bigint') position = null;
    validateOffsetLengthWrite(offset, length, buffer.byteLength);
    const pos = position == null ? -1 : validatePosition(position, 'position', length);
    submit((id) => binding.write(fd, buffer, offset, length, pos, id), wrapper);
    return;
  }
  validateStringAfterArrayBufferView(buffer, 'buffer');
  if (typeof position !== 'function') {
    if (typeof offset === 'function') {
      position = offset;
      offset = null;
    } else {
      position = length;
    }
    length = 'utf8';
  }
  const str = buffer;
  validateEncodingArg(length);
  callback = makeCallback(position);
  const bytes = Buffer.from(str, length);
  const pos = offset == null || typeof offset !== 'number' ? -1 : offset;
  submit((id) => binding.write(fd, bytes, 0, bytes.byteLength, pos, id), (res, aux) => {
    if (res < 0) callback(fsError(res, infoOf(aux) ?? ['write']));
    else callback(null, res, str);
  });
}
Object.defineProperty(write, kCustomPromisifyArgs(), { value: ['bytesWritten', 'buffer'], enumerable: false });

function validateEncodingArg(encoding) {
  if (encoding && encoding !== 'buffer' && !Buffer.isEncoding(encoding)) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
}

function writeSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  if (isArrayBufferView(buffer)) {
    if (typeof offset === 'object' && offset !== null) {
      ({
        offset = 0,
        length = buffer.byteLength - offset,
        position = null,
      } = offsetOrOptions ?? {});
    }
    if (position === undefined) position = null;
    if (offset == null) {
      offset = 0;
    } else {
      validateInteger(offset, 'offset', 0);
    }
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    validateOffsetLengthWrite(offset, length, buffer.byteLength);
    const pos = position == null ? -1 : validatePosition(position, 'position', length);
    return syncResult(binding.write(fd, buffer, offset, length, pos));
  }
  validateStringAfterArrayBufferView(buffer, 'buffer');
  validateEncodingArg(length);
  const bytes = Buffer.from(buffer, length ?? 'utf8');
  const pos = offset == null || typeof offset !== 'number' ? -1 : offset;
  return syncResult(binding.write(fd, bytes, 0, bytes.byteLength, pos));
}

function writev(fd, buffers, position, callback) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  callback = makeCallback(callback || position);
  if (buffers.length === 0) {
    process.nextTick(callback, null, 0, buffers);
    return;
  }
  position = typeof position !== 'number' ? -1 : position;
  submit((id) => binding.writev(fd, buffers, position, id), (res, aux) => {
    if (res < 0) callback(fsError(res, infoOf(aux) ?? ['write']));
    else callback(null, res, buffers);
  });
}
Object.defineProperty(writev, kCustomPromisifyArgs(), { value: ['bytesWritten', 'buffer'], enumerable: false });

function writevSync(fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  if (buffers.length === 0) return 0;
  position = typeof position !== 'number' ? -1 : position;
  return syncResult(binding.writev(fd, buffers, position));
}

// ---- readFile / writeFile / appendFile ----

function isFd(path) {
  return typeof path === 'number';
}

function checkAborted(signal, callback) {
  if (signal?.aborted) {
    callback(new AbortError(undefined, { cause: signal.reason }));
    return true;
  }
  return false;
}

function readFileError(res, info, path) {
  if (res === -27 /* EFBIG */) return new ERR_FS_FILE_TOO_LARGE(info?.[2]);
  // Only the open names the path, as in Node.
  const syscall = info?.[0] ?? 'open';
  return fsError(res, info, path, undefined, syscall !== 'open');
}

function readFile(path, options, callback) {
  callback ||= options;
  validateFunction(callback, 'cb');
  options = getOptions(options, { flag: 'r' });
  const flags = stringToFlags(options.flag || 'r', 'options.flag');
  const encoding = options.encoding;
  const signal = options.signal;
  if (!isFd(path)) path = getValidatedPath(path);
  else getValidatedFd(path);
  if (checkAborted(signal, callback)) return;
  const utf8 = encoding === 'utf8' || encoding === 'utf-8';
  submit((id) => binding.readFile(path, flags, utf8, id), (res, aux) => {
    if (signal?.aborted) {
      callback(new AbortError(undefined, { cause: signal.reason }));
      return;
    }
    if (res < 0) {
      callback(readFileError(res, infoOf(aux), path));
      return;
    }
    let data = aux >= 0 ? completionValues[aux] : (utf8 ? '' : Buffer.alloc(0));
    if (data === undefined) data = utf8 ? '' : Buffer.alloc(0);
    if (encoding && !utf8) {
      try {
        data = data.toString(encoding);
      } catch (err) {
        callback(err);
        return;
      }
    }
    callback(null, data);
  });
}

function readFileSync(path, options) {
  options = getOptions(options, { flag: 'r' });
  const flags = stringToFlags(options.flag || 'r', 'options.flag');
  const encoding = options.encoding;
  if (!isFd(path)) path = getValidatedPath(path);
  else getValidatedFd(path);
  const utf8 = encoding === 'utf8' || encoding === 'utf-8';
  const res = binding.readFile(path, flags, utf8);
  if (typeof res === 'number' && res < 0) throw readFileError(res, binding.lastError(), path);
  if (typeof res === 'number') return utf8 ? '' : Buffer.alloc(0);
  if (encoding && !utf8) return res.toString(encoding);
  return res;
}

function toBytes(data, encoding, name = 'data') {
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  if (isArrayBufferView(data)) {
    return data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

// Writes all of bytes to fd (at its position), then calls done(err).
function writeAll(fd, bytes, signal, done) {
  let offset = 0;
  function next() {
    if (signal?.aborted) {
      done(new AbortError(undefined, { cause: signal.reason }));
      return;
    }
    if (offset >= bytes.byteLength) {
      done(null);
      return;
    }
    const length = Math.min(bytes.byteLength - offset, kIoMaxLength);
    submit((id) => binding.write(fd, bytes, offset, length, -1, id), (res, aux) => {
      if (res < 0) {
        done(fsError(res, infoOf(aux) ?? ['write']));
        return;
      }
      offset += res;
      next();
    });
  }
  next();
}

function writeFile(path, data, options, callback) {
  callback ||= options;
  validateFunction(callback, 'cb');
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w', flush: false });
  const flush = options.flush ?? false;
  validateBoolean(flush, 'options.flush');
  const bytes = toBytes(data, options.encoding);
  const signal = options.signal;
  if (isFd(path)) {
    const fd = getValidatedFd(path);
    if (checkAborted(signal, callback)) return;
    writeAll(fd, bytes, signal, (err) => {
      if (err || !flush) return callback(err);
      submit((id) => binding.fsync(fd, id), voidDone(callback, 'fsync'));
    });
    return;
  }
  path = getValidatedPath(path);
  const flags = stringToFlags(options.flag || 'w', 'options.flag');
  const mode = parseFileMode(options.mode, 'mode', 0o666);
  if (checkAborted(signal, callback)) return;
  submit((id) => binding.open(path, flags, mode, id), (fd, aux) => {
    if (fd < 0) {
      callback(fsError(fd, infoOf(aux) ?? ['open'], path));
      return;
    }
    writeAll(fd, bytes, signal, (err) => {
      const finish = (err2) => {
        submit((id) => binding.close(fd, id), (res, aux2) => {
          if (err2) callback(err2);
          else if (res < 0) callback(fsError(res, infoOf(aux2) ?? ['close']));
          else callback(null);
        });
      };
      if (err || !flush) return finish(err);
      submit((id) => binding.fsync(fd, id), (res, aux2) => {
        finish(res < 0 ? fsError(res, infoOf(aux2) ?? ['fsync']) : null);
      });
    });
  });
}

function writeFileSync(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w', flush: false });
  const flush = options.flush ?? false;
  validateBoolean(flush, 'options.flush');
  const bytes = toBytes(data, options.encoding);
  const isUserFd = isFd(path);
  let fd;
  if (isUserFd) {
    fd = getValidatedFd(path);
  } else {
    path = getValidatedPath(path);
    fd = syncResult(binding.open(path, stringToFlags(options.flag || 'w', 'options.flag'),
                                 parseFileMode(options.mode, 'mode', 0o666)), path);
  }
  try {
    let offset = 0;
    while (offset < bytes.byteLength) {
      offset += syncResult(binding.write(fd, bytes, offset, bytes.byteLength - offset, -1));
    }
    if (flush) syncResult(binding.fsync(fd));
  } finally {
    if (!isUserFd) binding.close(fd);
  }
}

function appendFile(path, data, options, callback) {
  callback ||= options;
  validateFunction(callback, 'cb');
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  options = { ...options };
  if (!options.flag || isFd(path)) options.flag = 'a';
  writeFile(path, data, options, callback);
}

function appendFileSync(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  options = { ...options };
  if (!options.flag || isFd(path)) options.flag = 'a';
  writeFileSync(path, data, options);
}

// ---- stat ----

function statDone(callback, out, syscall, path) {
  return (res, aux) => {
    if (res < 0) callback(fsError(res, infoOf(aux) ?? [syscall], path));
    else callback(null, getStatsFromBinding(out));
  };
}

function stat(path, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  const out = statArray(options?.bigint);
  submit((id) => binding.stat(path, out, id), statDone(callback, out, 'stat', path));
}

function lstat(path, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  const out = statArray(options?.bigint);
  submit((id) => binding.lstat(path, out, id), statDone(callback, out, 'lstat', path));
}

function fstat(fd, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  fd = getValidatedFd(fd);
  callback = makeCallback(callback);
  const out = statArray(options?.bigint);
  submit((id) => binding.fstat(fd, out, id), statDone(callback, out, 'fstat'));
}

const kENOENT = -2;

function statSyncCommon(fn, path, options) {
  const out = syncStatArray(options?.bigint);
  const res = fn(path, out);
  if (res < 0) {
    if (options?.throwIfNoEntry === false && res === kENOENT) return undefined;
    syncResult(res, path);
  }
  return getStatsFromBinding(out);
}

function statSync(path, options = { bigint: false, throwIfNoEntry: true }) {
  path = getValidatedPath(path);
  return statSyncCommon(binding.stat, path, options);
}

function lstatSync(path, options = { bigint: false, throwIfNoEntry: true }) {
  path = getValidatedPath(path);
  return statSyncCommon(binding.lstat, path, options);
}

function fstatSync(fd, options = { bigint: false }) {
  fd = getValidatedFd(fd);
  const out = syncStatArray(options?.bigint);
  syncResult(binding.fstat(fd, out));
  return getStatsFromBinding(out);
}

function statfs(path, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  const out = options?.bigint ? new BigInt64Array(7) : new Float64Array(7);
  submit((id) => binding.statfs(path, out, id), (res, aux) => {
    if (res < 0) callback(fsError(res, infoOf(aux) ?? ['statfs'], path));
    else callback(null, getStatFsFromBinding(out));
  });
}

function statfsSync(path, options = { bigint: false }) {
  path = getValidatedPath(path);
  const out = options?.bigint ? new BigInt64Array(7) : new Float64Array(7);
  syncResult(binding.statfs(path, out), path);
  return getStatFsFromBinding(out);
}

// ---- fsync / truncate ----

function fsync(fd, callback) {
  fd = getValidatedFd(fd);
  callback = makeCallback(callback);
  submit((id) => binding.fsync(fd, id), voidDone(callback, 'fsync'));
}

function fsyncSync(fd) {
  fd = getValidatedFd(fd);
  syncResult(binding.fsync(fd));
}

function fdatasync(fd, callback) {
  fd = getValidatedFd(fd);
  callback = makeCallback(callback);
  submit((id) => binding.fdatasync(fd, id), voidDone(callback, 'fdatasync'));
}

function fdatasyncSync(fd) {
  fd = getValidatedFd(fd);
  syncResult(binding.fdatasync(fd));
}

function ftruncate(fd, len = 0, callback) {
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  }
  fd = getValidatedFd(fd);
  validateInteger(len, 'len');
  len = Math.max(0, len);
  callback = makeCallback(callback);
  submit((id) => binding.ftruncate(fd, len, id), voidDone(callback, 'ftruncate'));
}

function ftruncateSync(fd, len = 0) {
  fd = getValidatedFd(fd);
  validateInteger(len, 'len');
  syncResult(binding.ftruncate(fd, Math.max(0, len)));
}

function truncate(path, len, callback) {
  if (typeof path === 'number') {
    process.emitWarning('Using fs.truncate with a file descriptor is deprecated. Please use fs.ftruncate with a file descriptor instead.',
                        'DeprecationWarning', 'DEP0081');
    return ftruncate(path, len, callback);
  }
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  } else if (len === undefined) {
    len = 0;
  }
  validateInteger(len, 'len');
  len = Math.max(0, len);
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  submit((id) => binding.truncate(path, len, id), voidDone(callback, 'open', path));
}

function truncateSync(path, len) {
  if (typeof path === 'number') {
    process.emitWarning('Using fs.truncateSync with a file descriptor is deprecated. Please use fs.ftruncateSync with a file descriptor instead.',
                        'DeprecationWarning', 'DEP0081');
    return ftruncateSync(path, len);
  }
  if (len === undefined) len = 0;
  validateInteger(len, 'len');
  path = getValidatedPath(path);
  syncResult(binding.truncate(path, Math.max(0, len)), path);
}

// ---- directories ----

function mkdir(path, options, callback) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === 'function') {
    callback = options;
  } else if (typeof options === 'number' || typeof options === 'string') {
    mode = parseFileMode(options, 'mode');
  } else if (options) {
    if (options.recursive !== undefined) recursive = options.recursive;
    if (options.mode !== undefined) mode = parseFileMode(options.mode, 'options.mode');
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  validateBoolean(recursive, 'options.recursive');
  submit((id) => binding.mkdir(path, mode, recursive, id), (res, aux) => {
    if (res < 0) {
      callback(fsError(res, infoOf(aux) ?? ['mkdir'], path));
    } else if (recursive) {
      const first = aux >= 0 ? completionValues[aux] : undefined;
      if (first === undefined) callback(null);
      else callback(null, first);
    } else {
      callback(null);
    }
  });
}

function mkdirSync(path, options) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === 'number' || typeof options === 'string') {
    mode = parseFileMode(options, 'mode');
  } else if (options) {
    if (options.recursive !== undefined) recursive = options.recursive;
    if (options.mode !== undefined) mode = parseFileMode(options.mode, 'options.mode');
  }
  path = getValidatedPath(path);
  validateBoolean(recursive, 'options.recursive');
  const result = syncResult(binding.mkdir(path, mode, recursive), path);
  if (recursive) return typeof result === 'string' ? result : undefined;
}

function mkdtemp(prefix, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options);
  prefix = getValidatedPath(prefix, 'prefix');
  const encoding = options.encoding;
  submit((id) => binding.mkdtemp(prefix, wantsBuffer(encoding), id), (res, aux) => {
    if (res < 0) {
      const info = infoOf(aux);
      callback(fsError(res, info ?? ['mkdtemp'], info?.[1] ?? `${prefix}XXXXXX`));
    } else {
      callback(null, encodeName(completionValues[aux], encoding));
    }
  });
}

function mkdtempSync(prefix, options) {
  options = getOptions(options);
  prefix = getValidatedPath(prefix, 'prefix');
  const res = binding.mkdtemp(prefix, wantsBuffer(options.encoding));
  if (typeof res === 'number' && res < 0) {
    // The sync form names the template as given (the async one names what
    // mkdtemp tried, as libuv reports it).
    throw fsError(res, [binding.lastError()[0]], `${prefix}XXXXXX`);
  }
  return encodeName(res, options.encoding);
}

function readdir(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options);
  path = getValidatedPath(path);
  if (options.recursive != null) validateBoolean(options.recursive, 'options.recursive');
  if (options.recursive) {
    readdirRecursive(path, options, callback);
    return;
  }
  const withTypes = !!options.withFileTypes;
  const encoding = options.encoding;
  submit((id) => binding.readdir(path, withTypes, wantsBuffer(encoding), id), (res, aux) => {
    if (res < 0) {
      callback(fsError(res, infoOf(aux) ?? ['scandir'], path));
      return;
    }
    const value = completionValues[aux];
    if (withTypes) callback(null, getDirents(path, encodeNames(value[0], encoding), value[1]));
    else callback(null, encodeNames(value, encoding));
  });
}

function readdirSync(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path);
  if (options.recursive != null) validateBoolean(options.recursive, 'options.recursive');
  if (options.recursive) return readdirSyncRecursive(path, options);
  const withTypes = !!options.withFileTypes;
  const encoding = options.encoding;
  const value = syncResult(binding.readdir(path, withTypes, wantsBuffer(encoding)), path);
  if (withTypes) return getDirents(path, encodeNames(value[0], encoding), value[1]);
  return encodeNames(value, encoding);
}

const pathModule = () => require('path');

// readdir({ recursive: true }): breadth first, as Node lists.
function readdirSyncRecursive(basePath, options) {
  const results = [];
  const queue = [basePath];
  for (let i = 0; i < queue.length; i++) {
    const dir = queue[i];
    const [names, types] = syncResult(binding.readdir(dir, true, wantsBuffer(options.encoding)), dir);
    addRecursiveEntries(basePath, dir, names, types, options, results, queue);
  }
  return results;
}

function readdirRecursive(basePath, options, callback) {
  const results = [];
  const queue = [basePath];
  let i = 0;
  function next() {
    if (i >= queue.length) {
      callback(null, results);
      return;
    }
    const dir = queue[i++];
    submit((id) => binding.readdir(dir, true, wantsBuffer(options.encoding), id), (res, aux) => {
      if (res < 0) {
        callback(fsError(res, infoOf(aux) ?? ['scandir'], dir));
        return;
      }
      const [names, types] = completionValues[aux];
      addRecursiveEntries(basePath, dir, names, types, options, results, queue);
      next();
    });
  }
  next();
}

// ---- rm / rmdir / unlink / rename ----

const kRmRecursive = 1;
const kRmForce = 2;
const kRmDirOnly = 4;

function rmError(res, info, path) {
  if (res === -21 && info?.[0] === 'rm') return eisdirError('rm', info?.[1] ?? path, 'is a directory');
  return fsError(res, info, path);
}

function rm(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  path = getValidatedPath(path);
  options = validateRmOptionsSync(options);
  callback = makeCallback(callback);
  const flags = (options.recursive ? kRmRecursive : 0) | (options.force ? kRmForce : 0);
  submit((id) => binding.rm(path, flags, id), (res, aux) => {
    if (res < 0) callback(rmError(res, infoOf(aux) ?? ['rm'], path));
    else callback(null);
  });
}

function rmSync(path, options) {
  path = getValidatedPath(path);
  options = validateRmOptionsSync(options);
  const flags = (options.recursive ? kRmRecursive : 0) | (options.force ? kRmForce : 0);
  const res = binding.rm(path, flags);
  if (res < 0) throw rmError(res, binding.lastError(), path);
}

function rmdir(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  if (options?.recursive) {
    emitRecursiveRmdirWarning();
    options = validateRmdirOptions(options);
    submit((id) => binding.rm(path, kRmRecursive | kRmDirOnly, id), (res, aux) => {
      if (res < 0) callback(fsError(res, infoOf(aux) ?? ['rmdir'], path));
      else callback(null);
    });
    return;
  }
  validateRmdirOptions(options);
  submit((id) => binding.rmdir(path, id), voidDone(callback, 'rmdir', path));
}

function rmdirSync(path, options) {
  path = getValidatedPath(path);
  if (options?.recursive) {
    emitRecursiveRmdirWarning();
    options = validateRmdirOptions(options);
    const res = binding.rm(path, kRmRecursive | kRmDirOnly);
    if (res < 0) throw fsError(res, binding.lastError(), path);
    return;
  }
  validateRmdirOptions(options);
  syncResult(binding.rmdir(path), path);
}

function unlink(path, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  submit((id) => binding.unlink(path, id), voidDone(callback, 'unlink', path));
}

function unlinkSync(path) {
  path = getValidatedPath(path);
  syncResult(binding.unlink(path), path);
}

function rename(oldPath, newPath, callback) {
  callback = makeCallback(callback);
  oldPath = getValidatedPath(oldPath, 'oldPath');
  newPath = getValidatedPath(newPath, 'newPath');
  submit((id) => binding.rename(oldPath, newPath, id), voidDone(callback, 'rename', oldPath, newPath));
}

function renameSync(oldPath, newPath) {
  oldPath = getValidatedPath(oldPath, 'oldPath');
  newPath = getValidatedPath(newPath, 'newPath');
  syncResult(binding.rename(oldPath, newPath), oldPath, newPath);
}

function copyFile(src, dest, mode, callback) {
  if (typeof mode === 'function') {
    callback = mode;
    mode = 0;
  }
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  mode = getValidMode(mode, 'copyFile');
  callback = makeCallback(callback);
  submit((id) => binding.copyFile(src, dest, mode, id), voidDone(callback, 'copyfile', src, dest));
}

function copyFileSync(src, dest, mode) {
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  mode = getValidMode(mode, 'copyFile');
  syncResult(binding.copyFile(src, dest, mode), src, dest);
}

function cp(src, dest, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  options = utils.validateCpOptions(options);
  src = pathModule().toNamespacedPath(getValidatedPath(src, 'src'));
  dest = pathModule().toNamespacedPath(getValidatedPath(dest, 'dest'));
  require('internal/fs/cp').cpFn(src, dest, options).then(() => callback(null, undefined), callback);
}

function cpSync(src, dest, options) {
  options = utils.validateCpOptions(options);
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  require('internal/fs/cp').cpSyncFn(src, dest, options);
}

// ---- links ----

function symlink(target, path, type, callback) {
  if (callback === undefined) {
    callback = makeCallback(type);
    type = undefined;
  } else {
    validateOneOfSymlinkType(type);
    callback = makeCallback(callback);
  }
  target = getValidatedPath(target, 'target');
  path = getValidatedPath(path);
  submit((id) => binding.symlink(target, path, id), voidDone(callback, 'symlink', target, path));
}

function validateOneOfSymlinkType(type) {
  getValidatedSymlinkType(type);
}

function symlinkSync(target, path, type) {
  validateOneOfSymlinkType(type);
  target = getValidatedPath(target, 'target');
  path = getValidatedPath(path);
  syncResult(binding.symlink(target, path), target, path);
}

function link(existingPath, newPath, callback) {
  callback = makeCallback(callback);
  existingPath = getValidatedPath(existingPath, 'existingPath');
  newPath = getValidatedPath(newPath, 'newPath');
  submit((id) => binding.link(existingPath, newPath, id), voidDone(callback, 'link', existingPath, newPath));
}

function linkSync(existingPath, newPath) {
  existingPath = getValidatedPath(existingPath, 'existingPath');
  newPath = getValidatedPath(newPath, 'newPath');
  syncResult(binding.link(existingPath, newPath), existingPath, newPath);
}

function readlink(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options);
  path = getValidatedPath(path, 'oldPath');
  const encoding = options.encoding;
  submit((id) => binding.readlink(path, wantsBuffer(encoding), id), (res, aux) => {
    if (res < 0) callback(fsError(res, infoOf(aux) ?? ['readlink'], path));
    else callback(null, encodeName(completionValues[aux], encoding));
  });
}

function readlinkSync(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path, 'oldPath');
  return encodeName(syncResult(binding.readlink(path, wantsBuffer(options.encoding)), path), options.encoding);
}

// realpath: the kernel's answer (realpath(3) on the pool). When it fails,
// the error names the component that failed as Node's JS walk would (an
// lstat of the first missing prefix, or a stat of a dangling link).
function realpathErrorSync(res, path) {
  const p = String(path);
  const { resolve } = pathModule();
  const full = resolve(p);
  const parts = full.split('/');
  let prefix = '';
  const out = new Float64Array(18);
  for (let i = 1; i < parts.length; i++) {
    if (parts[i] === '') continue;
    prefix += `/${parts[i]}`;
    const r = binding.lstat(prefix, out);
    if (r < 0) return fsError(r, ['lstat'], prefix);
    if ((out[1] & constants.S_IFMT) === constants.S_IFLNK) {
      const s = binding.stat(prefix, out);
      if (s < 0) return fsError(s, ['stat'], prefix);
    }
  }
  return fsError(res, ['lstat'], path);
}

function realpathSync(p, options) {
  options = getOptions(options);
  p = getValidatedPath(p);
  const res = binding.realpath(p, wantsBuffer(options.encoding));
  if (typeof res === 'number' && res < 0) throw realpathErrorSync(res, p);
  return encodeName(res, options.encoding);
}

realpathSync.native = function realpathSyncNative(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path);
  return encodeName(syncResult(binding.realpath(path, wantsBuffer(options.encoding)), path), options.encoding);
};

function realpath(p, options, callback) {
  callback = typeof options === 'function' ? options : makeCallback(callback);
  validateFunction(callback, 'cb');
  options = getOptions(options);
  p = getValidatedPath(p);
  const encoding = options.encoding;
  submit((id) => binding.realpath(p, wantsBuffer(encoding), id), (res, aux) => {
    if (res < 0) callback(realpathErrorSync(res, p));
    else callback(null, encodeName(completionValues[aux], encoding));
  });
}

realpath.native = function realpathNative(path, options, callback) {
  callback = makeCallback(callback || options);
  options = getOptions(options);
  path = getValidatedPath(path);
  const encoding = options.encoding;
  submit((id) => binding.realpath(path, wantsBuffer(encoding), id), (res, aux) => {
    if (res < 0) callback(fsError(res, infoOf(aux) ?? ['realpath'], path));
    else callback(null, encodeName(completionValues[aux], encoding));
  });
};

// ---- permissions, owners, times ----

function chmod(path, mode, callback) {
  path = getValidatedPath(path);
  mode = parseFileMode(mode, 'mode');
  callback = makeCallback(callback);
  submit((id) => binding.chmod(path, mode, id), voidDone(callback, 'chmod', path));
}

function chmodSync(path, mode) {
  path = getValidatedPath(path);
  mode = parseFileMode(mode, 'mode');
  syncResult(binding.chmod(path, mode), path);
}

function fchmod(fd, mode, callback) {
  fd = getValidatedFd(fd);
  mode = parseFileMode(mode, 'mode');
  callback = makeCallback(callback);
  submit((id) => binding.fchmod(fd, mode, id), voidDone(callback, 'fchmod'));
}

function fchmodSync(fd, mode) {
  fd = getValidatedFd(fd);
  mode = parseFileMode(mode, 'mode');
  syncResult(binding.fchmod(fd, mode));
}

function chown(path, uid, gid, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  submit((id) => binding.chown(path, uid, gid, id), voidDone(callback, 'chown', path));
}

function chownSync(path, uid, gid) {
  path = getValidatedPath(path);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  syncResult(binding.chown(path, uid, gid), path);
}

function fchown(fd, uid, gid, callback) {
  fd = getValidatedFd(fd);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  callback = makeCallback(callback);
  submit((id) => binding.fchown(fd, uid, gid, id), voidDone(callback, 'fchown'));
}

function fchownSync(fd, uid, gid) {
  fd = getValidatedFd(fd);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  syncResult(binding.fchown(fd, uid, gid));
}

function lchown(path, uid, gid, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  submit((id) => binding.lchown(path, uid, gid, id), voidDone(callback, 'lchown', path));
}

function lchownSync(path, uid, gid) {
  path = getValidatedPath(path);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  syncResult(binding.lchown(path, uid, gid), path);
}

function utimes(path, atime, mtime, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  atime = toUnixTimestamp(atime);
  mtime = toUnixTimestamp(mtime);
  submit((id) => binding.utimes(path, atime, mtime, id), voidDone(callback, 'utime', path));
}

function utimesSync(path, atime, mtime) {
  path = getValidatedPath(path);
  syncResult(binding.utimes(path, toUnixTimestamp(atime), toUnixTimestamp(mtime)), path);
}

function futimes(fd, atime, mtime, callback) {
  fd = getValidatedFd(fd);
  atime = toUnixTimestamp(atime, 'atime');
  mtime = toUnixTimestamp(mtime, 'mtime');
  callback = makeCallback(callback);
  submit((id) => binding.futimes(fd, atime, mtime, id), voidDone(callback, 'futime'));
}

function futimesSync(fd, atime, mtime) {
  fd = getValidatedFd(fd);
  syncResult(binding.futimes(fd, toUnixTimestamp(atime, 'atime'), toUnixTimestamp(mtime, 'mtime')));
}

function lutimes(path, atime, mtime, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  atime = toUnixTimestamp(atime);
  mtime = toUnixTimestamp(mtime);
  submit((id) => binding.lutimes(path, atime, mtime, id), voidDone(callback, 'lutime', path));
}

function lutimesSync(path, atime, mtime) {
  path = getValidatedPath(path);
  syncResult(binding.lutimes(path, toUnixTimestamp(atime), toUnixTimestamp(mtime)), path);
}

// ---- opendir, watch, streams, glob: in their own modules ----

function opendir(path, options, callback) {
  return require('internal/fs/dir').opendir(path, options, callback);
}

function opendirSync(path, options) {
  return require('internal/fs/dir').opendirSync(path, options);
}

function watch(filename, options, listener) {
  return require('internal/fs/watchers').watch(filename, options, listener);
}

function watchFile(filename, options, listener) {
  return require('internal/fs/watchers').watchFile(filename, options, listener);
}

function unwatchFile(filename, listener) {
  return require('internal/fs/watchers').unwatchFile(filename, listener);
}

function createReadStream(path, options) {
  const { ReadStream } = require('internal/fs/streams');
  return new ReadStream(path, options);
}

function createWriteStream(path, options) {
  const { WriteStream } = require('internal/fs/streams');
  return new WriteStream(path, options);
}

function glob(pattern, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  const { Glob } = require('internal/fs/glob_walk');
  new Glob(pattern, options).glob().then((r) => callback(null, r), callback);
}

function globSync(pattern, options) {
  const { Glob } = require('internal/fs/glob_walk');
  return new Glob(pattern, options).globSync();
}

async function openAsBlob(path, options = { __proto__: null }) {
  validateObject(options, 'options');
  const type = options.type || '';
  validateString(type, 'options.type');
  path = getValidatedPath(path);
  // Read now (on the ring), not lazily as Node's file-backed Blob does.
  const data = await require('internal/fs/promises').exports.readFile(path);
  const { Blob } = require('buffer');
  return new Blob([data], { type });
}

const fs = module.exports = {
  appendFile,
  appendFileSync,
  access,
  accessSync,
  chown,
  chownSync,
  chmod,
  chmodSync,
  close,
  closeSync,
  copyFile,
  copyFileSync,
  cp,
  cpSync,
  createReadStream,
  createWriteStream,
  exists,
  existsSync,
  fchown,
  fchownSync,
  fchmod,
  fchmodSync,
  fdatasync,
  fdatasyncSync,
  fstat,
  fstatSync,
  fsync,
  fsyncSync,
  ftruncate,
  ftruncateSync,
  futimes,
  futimesSync,
  glob,
  globSync,
  lchown,
  lchownSync,
  lchmod: undefined,
  lchmodSync: undefined,
  link,
  linkSync,
  lstat,
  lstatSync,
  lutimes,
  lutimesSync,
  mkdir,
  mkdirSync,
  mkdtemp,
  mkdtempSync,
  open,
  openSync,
  openAsBlob,
  readdir,
  readdirSync,
  read,
  readSync,
  readv,
  readvSync,
  readFile,
  readFileSync,
  readlink,
  readlinkSync,
  realpath,
  realpathSync,
  rename,
  renameSync,
  rm,
  rmSync,
  rmdir,
  rmdirSync,
  stat,
  statfs,
  statSync,
  statfsSync,
  symlink,
  symlinkSync,
  truncate,
  truncateSync,
  unwatchFile,
  unlink,
  unlinkSync,
  utimes,
  utimesSync,
  watch,
  watchFile,
  writeFile,
  writeFileSync,
  write,
  writeSync,
  writev,
  writevSync,
  Dirent,
  // Calling it is deprecated (DEP0180); instanceof still works.
  Stats: require('internal/util').deprecate(Stats, 'fs.Stats constructor is deprecated.', 'DEP0180'),

  get ReadStream() {
    return require('internal/fs/streams').ReadStream;
  },
  set ReadStream(val) {
    Object.defineProperty(fs, 'ReadStream', { value: val, writable: true, configurable: true, enumerable: true });
  },
  get WriteStream() {
    return require('internal/fs/streams').WriteStream;
  },
  set WriteStream(val) {
    Object.defineProperty(fs, 'WriteStream', { value: val, writable: true, configurable: true, enumerable: true });
  },
  // Legacy names, as Node keeps them.
  get FileReadStream() {
    return require('internal/fs/streams').ReadStream;
  },
  set FileReadStream(val) {
    Object.defineProperty(fs, 'FileReadStream', { value: val, writable: true, configurable: true, enumerable: true });
  },
  get FileWriteStream() {
    return require('internal/fs/streams').WriteStream;
  },
  set FileWriteStream(val) {
    Object.defineProperty(fs, 'FileWriteStream', { value: val, writable: true, configurable: true, enumerable: true });
  },

  _toUnixTimestamp: toUnixTimestamp,
};

Object.defineProperties(fs, {
  Dir: {
    enumerable: true,
    configurable: true,
    get() { return require('internal/fs/dir').Dir; },
  },
  opendir: { enumerable: true, configurable: true, writable: true, value: opendir },
  opendirSync: { enumerable: true, configurable: true, writable: true, value: opendirSync },
  F_OK: { enumerable: true, value: F_OK },
  R_OK: { enumerable: true, value: R_OK },
  W_OK: { enumerable: true, value: W_OK },
  X_OK: { enumerable: true, value: X_OK },
  constants: { configurable: false, enumerable: true, value: constants },
  promises: {
    configurable: true,
    enumerable: true,
    get() { return require('internal/fs/promises').exports; },
  },
});

