'use strict';
// fs.promises and FileHandle on the same binding as node:fs: each call
// registers its completion and resolves or rejects from the batch.

const { Buffer } = require('buffer');
const EventEmitter = require('events');
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_FS_FILE_TOO_LARGE, ERR_METHOD_NOT_IMPLEMENTED,
    ERR_INVALID_STATE,
  },
  AbortError,
} = require('internal/errors');
const {
  validateBoolean, validateInteger, validateObject, parseFileMode,
} = require('internal/validators');
const utils = require('internal/fs/utils');
const {
  binding, constants, kIoMaxLength, fsError, eisdirError,
  getValidatedPath, stringToFlags, getOptions, getValidMode,
  isArrayBufferView, validateBuffer, validateOffsetLengthRead, validateOffsetLengthWrite,
  validatePosition, validateBufferArray, validateId, toUnixTimestamp, getValidatedSymlinkType,
  validateRmOptionsSync, validateRmdirOptions, emitRecursiveRmdirWarning,
  Dirent, getStatsFromBinding, getStatFsFromBinding, statArray,
  getDirents, encodeNames, encodeName, wantsBuffer, addRecursiveEntries,
} = utils;
const { register, unregister } = require('internal/loop');
const { completionValues } = internalBinding('loop');

const kFd = Symbol('kFd');
const kRefs = Symbol('kRefs');
const kClosePromise = Symbol('kClosePromise');
const kCloseResolve = Symbol('kCloseResolve');
const kCloseReject = Symbol('kCloseReject');
const kLocked = Symbol('kLocked');
const { customInspectSymbol } = require('internal/util');

// One binding call as a promise: issue(id) starts it; then(res, value)
// turns a success into the result; errors become Node's from the engine's
// details, with path and dest as given.
function call(issue, syscall, path, dest, then) {
  return new Promise((resolve, reject) => {
    const id = register((res, aux) => {
      if (res < 0) {
        reject(fsError(res, aux >= 0 ? completionValues[aux] : [syscall], path, dest));
        return;
      }
      try {
        resolve(then ? then(res, aux >= 0 ? completionValues[aux] : undefined) : undefined);
      } catch (err) {
        reject(err);
      }
    });
    const rc = issue(id);
    if (typeof rc === 'number' && rc < 0) {
      unregister(id);
      reject(fsError(rc, [syscall], path, dest));
    }
  });
}

// Like call() but errors are handed to mapError(res, info).
function callRaw(issue, mapError, then) {
  return new Promise((resolve, reject) => {
    const id = register((res, aux) => {
      const value = aux >= 0 ? completionValues[aux] : undefined;
      if (res < 0) {
        reject(mapError(res, value));
        return;
      }
      try {
        resolve(then ? then(res, value) : undefined);
      } catch (err) {
        reject(err);
      }
    });
    const rc = issue(id);
    if (typeof rc === 'number' && rc < 0) {
      unregister(id);
      reject(mapError(rc, undefined));
    }
  });
}

function checkAborted(signal) {
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
}

// ---- FileHandle ----

class FileHandle extends EventEmitter {
  constructor(fd) {
    super();
    this[kFd] = fd;
    this[kRefs] = 1;
    this[kClosePromise] = null;
    this[kLocked] = false;
  }

  getAsyncId() {
    return this[kFd];
  }

  get fd() {
    return this[kFd];
  }

  appendFile(data, options) {
    return fsCall(writeFileHandle, this, data, options, 'a');
  }

  chmod(mode) {
    return fsCall(fchmod, this, mode);
  }

  chown(uid, gid) {
    return fsCall(fchown, this, uid, gid);
  }

  datasync() {
    return fsCall(fdatasync, this);
  }

  sync() {
    return fsCall(fsync, this);
  }

  read(buffer, offset, length, position) {
    return fsCall(read, this, buffer, offset, length, position);
  }

  readv(buffers, position) {
    return fsCall(readv, this, buffers, position);
  }

  readFile(options) {
    return fsCall(readFileHandle, this, options);
  }

  readLines(options = undefined) {
    return require('readline').createInterface({
      input: this.createReadStream(options),
      crlfDelay: Infinity,
    });
  }

  stat(options) {
    return fsCall(fstat, this, options);
  }

  truncate(len = 0) {
    return fsCall(ftruncate, this, len);
  }

  utimes(atime, mtime) {
    return fsCall(futimes, this, atime, mtime);
  }

  write(buffer, offsetOrOptions, length, position) {
    return fsCall(write, this, buffer, offsetOrOptions, length, position);
  }

  writev(buffers, position) {
    return fsCall(writev, this, buffers, position);
  }

  writeFile(data, options) {
    return fsCall(writeFileHandle, this, data, options, 'w');
  }

  close = () => {
    if (this[kFd] === -1) return Promise.resolve();
    if (this[kClosePromise]) return this[kClosePromise];
    this[kRefs]--;
    if (this[kRefs] === 0) {
      const fd = this[kFd];
      this[kFd] = -1;
      this[kClosePromise] = call((id) => binding.close(fd, id), 'close').finally(() => {
        this[kClosePromise] = undefined;
      });
    } else {
      // Operations are running: close once the last one ends.
      this[kClosePromise] = new Promise((resolve, reject) => {
        this[kCloseResolve] = resolve;
        this[kCloseReject] = reject;
      }).finally(() => {
        this[kClosePromise] = undefined;
        this[kCloseReject] = undefined;
        this[kCloseResolve] = undefined;
      });
    }
    this.emit('close');
    return this[kClosePromise];
  };

  async [Symbol.asyncDispose]() {
    return this.close();
  }

  readableWebStream(options = { __proto__: null, type: undefined }) {
    if (this[kFd] === -1) throw new ERR_INVALID_STATE('The FileHandle is closed');
    if (this[kLocked]) throw new ERR_INVALID_STATE('The FileHandle is locked');
    const { ReadableStream } = require('stream/web');
    this[kLocked] = true;
    const handle = this;
    return new ReadableStream({
      type: options?.type === 'bytes' ? 'bytes' : undefined,
      async pull(controller) {
        const buffer = Buffer.alloc(65536);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) {
          controller.close();
          handle[kLocked] = false;
          return;
        }
        controller.enqueue(new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead));
      },
      cancel() {
        handle[kLocked] = false;
        return handle.close();
      },
    });
  }

  createReadStream(options = undefined) {
    const { ReadStream } = require('internal/fs/streams');
    return new ReadStream(undefined, { ...options, fd: this });
  }

  createWriteStream(options = undefined) {
    const { WriteStream } = require('internal/fs/streams');
    return new WriteStream(undefined, { ...options, fd: this });
  }

  [customInspectSymbol](depth, opts, inspect) {
    return `FileHandle {\n  fd: ${this[kFd]}\n}`;
  }
}

// Runs fn(handle, ...args) while holding a reference, so close() waits.
async function fsCall(fn, handle, ...args) {
  if (!(handle instanceof FileHandle)) {
    throw new ERR_INVALID_ARG_TYPE('this', 'FileHandle', handle);
  }
  if (handle.fd === -1) {
    const err = new Error('file closed');
    err.code = 'EBADF';
    err.syscall = fn.name;
    throw err;
  }
  try {
    handle[kRefs]++;
    return await fn(handle, ...args);
  } finally {
    releaseHandle(handle);
  }
}

// Drops a reference a stream held (fsCall's references end the same way):
// the last one finishes a close() that was waiting.
function releaseHandle(handle) {
  handle[kRefs]--;
  if (handle[kRefs] === 0 && handle[kCloseResolve]) {
    const fd = handle[kFd];
    handle[kFd] = -1;
    call((id) => binding.close(fd, id), 'close').then(handle[kCloseResolve], handle[kCloseReject]);
  }
}

function handleFd(handle) {
  return handle instanceof FileHandle ? handle.fd : handle;
}

// ---- operations on descriptors ----

async function fchmod(handle, mode) {
  mode = parseFileMode(mode, 'mode');
  const fd = handle.fd;
  return call((id) => binding.fchmod(fd, mode, id), 'fchmod');
}

async function fchown(handle, uid, gid) {
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  const fd = handle.fd;
  return call((id) => binding.fchown(fd, uid, gid, id), 'fchown');
}

async function fdatasync(handle) {
  const fd = handle.fd;
  return call((id) => binding.fdatasync(fd, id), 'fdatasync');
}

async function fsync(handle) {
  const fd = handle.fd;
  return call((id) => binding.fsync(fd, id), 'fsync');
}

async function ftruncate(handle, len = 0) {
  validateInteger(len, 'len');
  len = Math.max(0, len);
  const fd = handle.fd;
  return call((id) => binding.ftruncate(fd, len, id), 'ftruncate');
}

async function futimes(handle, atime, mtime) {
  atime = toUnixTimestamp(atime, 'atime');
  mtime = toUnixTimestamp(mtime, 'mtime');
  const fd = handle.fd;
  return call((id) => binding.futimes(fd, atime, mtime, id), 'futime');
}

async function fstat(handle, options = { bigint: false }) {
  const out = statArray(options?.bigint);
  const fd = handle.fd;
  return call((id) => binding.fstat(fd, out, id), 'fstat', undefined, undefined, () => getStatsFromBinding(out));
}

async function read(handle, bufferOrParams, offset, length, position) {
  let buffer = bufferOrParams;
  if (!isArrayBufferView(buffer)) {
    bufferOrParams ??= {};
    validateObject(bufferOrParams, 'options', { nullable: true, allowArray: true, allowFunction: true });
    ({
      buffer = Buffer.alloc(16384),
      offset = 0,
      length = buffer.byteLength - offset,
      position = null,
    } = bufferOrParams);
    validateBuffer(buffer);
  }
  if (offset !== null && typeof offset === 'object') {
    ({
      offset = 0,
      length = buffer?.byteLength - offset,
      position = null,
    } = offset);
  }
  if (offset == null) {
    offset = 0;
  } else {
    validateInteger(offset, 'offset', 0);
  }
  length ??= buffer.byteLength - offset;
  length |= 0;
  if (length === 0) return { __proto__: null, bytesRead: length, buffer };
  if (buffer.byteLength === 0) {
    throw new ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  }
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  const pos = position == null ? -1 : validatePosition(position, 'position', length);
  const fd = handle.fd;
  const bytesRead = await call((id) => binding.read(fd, buffer, offset, length, pos, id), 'read',
                               undefined, undefined, (res) => res);
  return { __proto__: null, bytesRead, buffer };
}

async function readv(handle, buffers, position) {
  validateBufferArray(buffers);
  if (typeof position !== 'number') position = -1;
  const fd = handle.fd;
  const bytesRead = await call((id) => binding.readv(fd, buffers, position, id), 'read',
                               undefined, undefined, (res) => res);
  return { __proto__: null, bytesRead, buffers };
}

async function write(handle, buffer, offsetOrOptions, length, position) {
  if (buffer?.byteLength === 0) return { __proto__: null, bytesWritten: 0, buffer };
  const fd = handle.fd;
  let offset = offsetOrOptions;
  if (isArrayBufferView(buffer)) {
    if (typeof offset === 'object') {
      ({
        offset = 0,
        length = buffer.byteLength - offset,
        position = null,
      } = offsetOrOptions ?? {});
    }
    if (offset == null) {
      offset = 0;
    } else {
      validateInteger(offset, 'offset', 0);
    }
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    if (typeof position !== 'number' && typeof position !== 'bigint') position = null;
    validateOffsetLengthWrite(offset, length, buffer.byteLength);
    const pos = position == null ? -1 : validatePosition(position, 'position', length);
    const bytesWritten = await call((id) => binding.write(fd, buffer, offset, length, pos, id), 'write',
                                    undefined, undefined, (res) => res);
    return { __proto__: null, bytesWritten, buffer };
  }
  if (typeof buffer !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
  const encoding = length ?? 'utf8';
  if (encoding !== 'buffer' && !Buffer.isEncoding(encoding)) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
  const bytes = Buffer.from(buffer, encoding);
  const pos = typeof offset === 'number' ? offset : -1;
  const bytesWritten = await call((id) => binding.write(fd, bytes, 0, bytes.byteLength, pos, id), 'write',
                                  undefined, undefined, (res) => res);
  return { __proto__: null, bytesWritten, buffer };
}

async function writev(handle, buffers, position) {
  validateBufferArray(buffers);
  if (typeof position !== 'number') position = -1;
  if (buffers.length === 0) return { __proto__: null, bytesWritten: 0, buffers };
  const fd = handle.fd;
  const bytesWritten = await call((id) => binding.writev(fd, buffers, position, id), 'write',
                                  undefined, undefined, (res) => res);
  return { __proto__: null, bytesWritten, buffers };
}

function readFileError(res, info, path) {
  if (res === -27 /* EFBIG */) return new ERR_FS_FILE_TOO_LARGE(info?.[2]);
  const syscall = info?.[0] ?? 'open';
  return fsError(res, info, path, undefined, syscall !== 'open');
}

async function readFileHandle(handle, options) {
  options = getOptions(options, { flag: 'r' });
  const signal = options.signal;
  checkAborted(signal);
  const encoding = options.encoding;
  const utf8 = encoding === 'utf8' || encoding === 'utf-8';
  const fd = handle.fd;
  let data = await callRaw((id) => binding.readFile(fd, 0, utf8, id),
                           (res, info) => readFileError(res, info), (res, value) => value);
  checkAborted(signal);
  if (data === undefined) data = utf8 ? '' : Buffer.alloc(0);
  if (encoding && !utf8) return data.toString(encoding);
  return data;
}

function isIterable(obj) {
  return obj != null && (typeof obj[Symbol.iterator] === 'function' || typeof obj[Symbol.asyncIterator] === 'function');
}

async function writeAll(fd, bytes, signal) {
  let offset = 0;
  while (offset < bytes.byteLength) {
    checkAborted(signal);
    const length = Math.min(bytes.byteLength - offset, kIoMaxLength);
    offset += await call((id) => binding.write(fd, bytes, offset, length, -1, id), 'write',
                         undefined, undefined, (res) => res);
  }
}

function toBytes(data, encoding) {
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  return data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

async function writeFileHandle(handle, data, options, defaultFlag) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: defaultFlag });
  const signal = options.signal;
  const fd = handle.fd;
  checkAborted(signal);
  if (typeof data === 'string' || isArrayBufferView(data)) {
    await writeAll(fd, toBytes(data, options.encoding), signal);
    return;
  }
  if (!isIterable(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView', 'AsyncIterable',
                                            'Iterable', 'Stream'], data);
  }
  for await (const chunk of data) {
    checkAborted(signal);
    if (typeof chunk !== 'string' && !isArrayBufferView(chunk)) {
      throw new ERR_INVALID_ARG_TYPE('write', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
    await writeAll(fd, toBytes(chunk, options.encoding), signal);
  }
}

// ---- operations on paths ----

async function access(path, mode = constants.F_OK) {
  path = getValidatedPath(path);
  mode = getValidMode(mode, 'access');
  return call((id) => binding.access(path, mode, id), 'access', path);
}

async function copyFile(src, dest, mode) {
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  mode = getValidMode(mode, 'copyFile');
  return call((id) => binding.copyFile(src, dest, mode, id), 'copyfile', src, dest);
}

async function cp(src, dest, options) {
  options = utils.validateCpOptions(options);
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  return require('internal/fs/cp').cpFn(src, dest, options);
}

async function open(path, flags, mode) {
  path = getValidatedPath(path);
  const flagsNumber = stringToFlags(flags);
  mode = parseFileMode(mode, 'mode', 0o666);
  return call((id) => binding.open(path, flagsNumber, mode, id), 'open', path, undefined,
              (fd) => new FileHandle(fd));
}

async function opendir(path, options) {
  return new Promise((resolve, reject) => {
    require('internal/fs/dir').opendir(path, options, (err, dir) => (err ? reject(err) : resolve(dir)));
  });
}

async function rename(oldPath, newPath) {
  oldPath = getValidatedPath(oldPath, 'oldPath');
  newPath = getValidatedPath(newPath, 'newPath');
  return call((id) => binding.rename(oldPath, newPath, id), 'rename', oldPath, newPath);
}

async function truncate(path, len = 0) {
  const fd = await open(path, 'r+');
  return handleFdClose(ftruncate(fd, len), fd.close);
}

async function handleFdClose(fileOpPromise, closeFunc) {
  return fileOpPromise.then(
    (result) => closeFunc().then(() => result),
    (opError) => closeFunc().then(
      () => Promise.reject(opError),
      (closeError) => Promise.reject(require('internal/errors').aggregateTwoErrors(closeError, opError))),
  );
}

const kRmRecursive = 1;
const kRmForce = 2;
const kRmDirOnly = 4;

async function rm(path, options) {
  path = getValidatedPath(path);
  options = validateRmOptionsSync(options);
  const flags = (options.recursive ? kRmRecursive : 0) | (options.force ? kRmForce : 0);
  return callRaw((id) => binding.rm(path, flags, id), (res, info) => {
    info ??= ['rm'];
    if (res === -21 && info[0] === 'rm') return eisdirError('rm', info[1] ?? path, 'is a directory');
    return fsError(res, info, path);
  });
}

async function rmdir(path, options) {
  path = getValidatedPath(path);
  if (options?.recursive) {
    emitRecursiveRmdirWarning();
    validateRmdirOptions(options);
    return call((id) => binding.rm(path, kRmRecursive | kRmDirOnly, id), 'rmdir', path);
  }
  validateRmdirOptions(options);
  return call((id) => binding.rmdir(path, id), 'rmdir', path);
}

async function mkdir(path, options) {
  if (typeof options === 'number' || typeof options === 'string') options = { mode: options };
  const { recursive = false, mode = 0o777 } = options || {};
  path = getValidatedPath(path);
  validateBoolean(recursive, 'options.recursive');
  const m = parseFileMode(mode, 'mode', 0o777);
  return call((id) => binding.mkdir(path, m, recursive, id), 'mkdir', path, undefined,
              (res, value) => (recursive ? value : undefined));
}

async function readdirRecursive(basePath, options) {
  const results = [];
  const queue = [basePath];
  for (let i = 0; i < queue.length; i++) {
    const dir = queue[i];
    const [names, types] = await call((id) => binding.readdir(dir, true, wantsBuffer(options.encoding), id),
                                      'scandir', dir, undefined, (res, value) => value);
    addRecursiveEntries(basePath, dir, names, types, options, results, queue);
  }
  return results;
}

async function readdir(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path);
  if (options.recursive) return readdirRecursive(path, options);
  const withTypes = !!options.withFileTypes;
  const encoding = options.encoding;
  return call((id) => binding.readdir(path, withTypes, wantsBuffer(encoding), id), 'scandir', path, undefined,
              (res, value) => (withTypes ? getDirents(path, encodeNames(value[0], encoding), value[1])
                : encodeNames(value, encoding)));
}

async function readlink(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path, 'oldPath');
  const encoding = options.encoding;
  return call((id) => binding.readlink(path, wantsBuffer(encoding), id), 'readlink', path, undefined,
              (res, value) => encodeName(value, encoding));
}

async function symlink(target, path, type) {
  getValidatedSymlinkType(type);
  target = getValidatedPath(target, 'target');
  path = getValidatedPath(path);
  return call((id) => binding.symlink(target, path, id), 'symlink', target, path);
}

async function lstat(path, options = { bigint: false }) {
  path = getValidatedPath(path);
  const out = statArray(options?.bigint);
  return call((id) => binding.lstat(path, out, id), 'lstat', path, undefined, () => getStatsFromBinding(out));
}

async function stat(path, options = { bigint: false }) {
  path = getValidatedPath(path);
  const out = statArray(options?.bigint);
  return call((id) => binding.stat(path, out, id), 'stat', path, undefined, () => getStatsFromBinding(out));
}

async function statfs(path, options = { bigint: false }) {
  path = getValidatedPath(path);
  const out = options?.bigint ? new BigInt64Array(7) : new Float64Array(7);
  return call((id) => binding.statfs(path, out, id), 'statfs', path, undefined, () => getStatFsFromBinding(out));
}

async function link(existingPath, newPath) {
  existingPath = getValidatedPath(existingPath, 'existingPath');
  newPath = getValidatedPath(newPath, 'newPath');
  return call((id) => binding.link(existingPath, newPath, id), 'link', existingPath, newPath);
}

async function unlink(path) {
  path = getValidatedPath(path);
  return call((id) => binding.unlink(path, id), 'unlink', path);
}

async function chmod(path, mode) {
  path = getValidatedPath(path);
  mode = parseFileMode(mode, 'mode');
  return call((id) => binding.chmod(path, mode, id), 'chmod', path);
}

async function lchmod(path, mode) {
  throw new ERR_METHOD_NOT_IMPLEMENTED('lchmod()');
}

async function lchown(path, uid, gid) {
  path = getValidatedPath(path);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  return call((id) => binding.lchown(path, uid, gid, id), 'lchown', path);
}

async function chown(path, uid, gid) {
  path = getValidatedPath(path);
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  return call((id) => binding.chown(path, uid, gid, id), 'chown', path);
}

async function utimes(path, atime, mtime) {
  path = getValidatedPath(path);
  atime = toUnixTimestamp(atime);
  mtime = toUnixTimestamp(mtime);
  return call((id) => binding.utimes(path, atime, mtime, id), 'utime', path);
}

async function lutimes(path, atime, mtime) {
  path = getValidatedPath(path);
  atime = toUnixTimestamp(atime);
  mtime = toUnixTimestamp(mtime);
  return call((id) => binding.lutimes(path, atime, mtime, id), 'lutime', path);
}

async function realpath(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path);
  const encoding = options.encoding;
  return call((id) => binding.realpath(path, wantsBuffer(encoding), id), 'realpath', path, undefined,
              (res, value) => encodeName(value, encoding));
}

async function mkdtemp(prefix, options) {
  options = getOptions(options);
  prefix = getValidatedPath(prefix, 'prefix');
  const encoding = options.encoding;
  return callRaw((id) => binding.mkdtemp(prefix, wantsBuffer(encoding), id),
                 (res, info) => fsError(res, info ?? ['mkdtemp'], info?.[1] ?? `${prefix}XXXXXX`),
                 (res, value) => encodeName(value, encoding));
}

async function writeFile(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w', flush: false });
  const flush = options.flush ?? false;
  validateBoolean(flush, 'options.flush');
  if (typeof data !== 'string' && !isArrayBufferView(data) && !isIterable(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView', 'AsyncIterable',
                                            'Iterable', 'Stream'], data);
  }
  const flag = options.flag || 'w';
  if (path instanceof FileHandle) return writeFileHandle(path, data, options, flag);
  checkAborted(options.signal);
  const fd = await open(path, flag, options.mode);
  const op = writeFileHandle(fd, data, options, flag)
    .then(() => (flush ? fsync(fd) : undefined));
  return handleFdClose(op, fd.close);
}

async function appendFile(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  options = { ...options };
  options.flag ||= 'a';
  return writeFile(path, data, options);
}

async function readFile(path, options) {
  options = getOptions(options, { flag: 'r' });
  const flag = options.flag || 'r';
  if (path instanceof FileHandle) return readFileHandle(path, options);
  const signal = options.signal;
  checkAborted(signal);
  path = getValidatedPath(path);
  const flags = stringToFlags(flag, 'options.flag');
  const encoding = options.encoding;
  const utf8 = encoding === 'utf8' || encoding === 'utf-8';
  let data = await callRaw((id) => binding.readFile(path, flags, utf8, id),
                           (res, info) => readFileError(res, info, path), (res, value) => value);
  checkAborted(signal);
  if (data === undefined) data = utf8 ? '' : Buffer.alloc(0);
  if (encoding && !utf8) return data.toString(encoding);
  return data;
}

function watch(filename, options) {
  return require('internal/fs/watchers').watchPromise(filename, options);
}

async function* glob(pattern, options) {
  const { Glob } = require('internal/fs/glob_walk');
  for (const entry of await new Glob(pattern, options).glob()) yield entry;
}

const exports_ = {
  access,
  copyFile,
  cp,
  glob,
  open,
  opendir,
  rename,
  truncate,
  rm,
  rmdir,
  mkdir,
  readdir,
  readlink,
  symlink,
  lstat,
  stat,
  statfs,
  link,
  unlink,
  chmod,
  lchmod,
  lchown,
  chown,
  utimes,
  lutimes,
  realpath,
  mkdtemp,
  writeFile,
  appendFile,
  readFile,
  watch,
  constants,
};

module.exports = {
  exports: exports_,
  FileHandle,
  kRefs,
  releaseHandle,
  handleFd,
  fsCall,
};

