'use strict';
// fs.ReadStream and fs.WriteStream.
//
// Reads land in slices of a pooled slab ArrayBuffer and reach JS as Buffer
// views of the bytes read, never copied (binding.readPooled).
//
// Zero copy to the network: while a ReadStream is piped into a plain
// net.Socket, or an HTTP response on one, and nothing else observes its
// bytes (the pipe is its only 'data' listener, no encoding, the
// destination's write() is not replaced, no TLS), _read does not read at
// all: it queues "this file range" into the socket's send queue, in order
// with everything written before and after, and the engine moves the bytes
// file -> pipe -> socket by splice on the ring (io/tcp.c). The stream's
// events stay Node's: 'open', 'ready', then 'end' (and so the destination's
// end()) and 'close'; pausing, unpiping or a new 'data' listener sends the
// rest through the ordinary path, from where the file range stopped.

const { Buffer } = require('buffer');
const {
  codes: { ERR_OUT_OF_RANGE, ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED },
} = require('internal/errors');
const { validateBoolean, validateFunction, validateInteger } = require('internal/validators');
const Readable = require('internal/streams/readable');
const Writable = require('internal/streams/writable');
const { errorOrDestroy } = require('internal/streams/destroy');
const finished = require('internal/streams/end-of-stream');
const {
  binding, copyObject, getOptions, fsError, getValidatedPath, constants,
} = require('internal/fs/utils');
const { register, unregister } = require('internal/loop');
const { completionValues } = internalBinding('loop');

const kIoDone = Symbol('kIoDone');
const kIsPerformingIO = Symbol('kIsPerformingIO');
const kFs = Symbol('kFs');
const kHandle = Symbol('kHandle');
const kNative = Symbol('kNative');
const kSize = Symbol('kSize');
const kOwnFd = Symbol('kOwnFd');
const kSpliced = Symbol('kSpliced');

// One file range per splice into a socket (the engine moves it through a
// 1 MiB pipe).
const kSpliceChunk = 4 * 1024 * 1024;
const kECANCELED = -125;
const kESPIPE = -29;
const kEINVAL = -22;

let fs;
function lazyFs() {
  fs ??= require('fs');
  return fs;
}

function submit(issue, done) {
  const id = register(done);
  const rc = issue(id);
  if (typeof rc === 'number' && rc < 0) {
    unregister(id);
    process.nextTick(done, rc, -1);
  }
}

// ---- where a piped ReadStream's bytes may go by splice ----

let netInternal;
let netSocket;
let outgoing;
function sinkModules() {
  if (netInternal === undefined) {
    const net = require('net');
    netInternal = net._internal;
    netSocket = net.Socket;
    outgoing = require('_http_outgoing');
  }
}

// A socket that takes file ranges: a plain, connected net.Socket whose
// write path is its own and that has nothing waiting in its Writable
// buffer (so a range queued now keeps its place in the stream).
function socketTakesRanges(socket) {
  return socket instanceof netSocket &&
    // TLS only where the kernel encrypts the sends (kTLS, _tls_wrap).
    (socket.encrypted !== true || socket.kernelTLS === true) &&
    socket[netInternal.kHandle] &&
    !socket.connecting &&
    !socket.destroyed &&
    !socket.writableEnded &&
    socket.writableLength === 0 &&
    socket.write === netSocket.prototype.write &&
    socket._write === netSocket.prototype._write &&
    socket._writev === netSocket.prototype._writev;
}

// Returns a function that queues [pos, pos + len) of fd into dest and
// reports through doneId, or null when dest must get the bytes through
// write().
function rangeSink(dest) {
  sinkModules();
  if (dest instanceof outgoing.OutgoingMessage) {
    const conn = dest.socket;
    if (dest.write !== outgoing.OutgoingMessage.prototype.write ||
        dest.finished || dest.destroyed || dest.strictContentLength ||
        dest.writableCorked || dest.outputData.length > 0 ||
        !conn || conn._httpMessage !== dest || !socketTakesRanges(conn) ||
        typeof outgoing.afterSocketWrite !== 'function') {
      return null;
    }
    if (!dest._header) dest._implicitHeader();
    if (!dest._hasBody) return null;
    const sink = (fd, pos, len, doneId) => {
      if (dest.chunkedEncoding) {
        dest._send(`${len.toString(16)}\r\n`, 'latin1', null);
      } else if (!dest._headerSent) {
        dest._send('', 'latin1', null); // the head goes first
      }
      const result = netInternal.binding.writeFile(conn[netInternal.kHandle], fd, pos, len, doneId);
      if (result < 0) return result;
      outgoing.afterSocketWrite(dest, conn, result, null);
      if (dest.chunkedEncoding) dest._send('\r\n', 'latin1', null);
      return 0;
    };
    // A chunk announces its length before the engine reads it: the range
    // must not run past the end of the file.
    sink.needsSize = dest.chunkedEncoding;
    return sink;
  }
  if (!socketTakesRanges(dest)) return null;
  return (fd, pos, len, doneId) => {
    const result = netInternal.binding.writeFile(dest[netInternal.kHandle], fd, pos, len, doneId);
    if (result < 0) return result;
    netInternal.queueWrite(dest, result, nop);
    return 0;
  };
}

function nop() {}

// ---- ReadStream ----

function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);

  options = copyObject(getOptions(options, {}));
  if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
  if (options.autoDestroy === undefined) options.autoDestroy = false;

  if (options.fd == null) {
    this.fd = null;
    this[kFs] = options.fs || lazyFs();
    validateFunction(this[kFs].open, 'options.fs.open');
    this.path = toPath(path);
    this.flags = options.flags === undefined ? 'r' : options.flags;
    this.mode = options.mode === undefined ? 0o666 : options.mode;
    this[kOwnFd] = true;
  } else {
    this.fd = getValidatedFdOrHandle(this, options.fd);
    this[kFs] = this[kHandle] ? handleOps(this[kHandle]) : (options.fs || lazyFs());
    this[kOwnFd] = false;
  }
  options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  validateFunction(this[kFs].read, 'options.fs.read');
  if (options.autoDestroy) validateFunction(this[kFs].close, 'options.fs.close');
  this[kNative] = this[kFs] === lazyFs() || this[kHandle] !== undefined;

  this.start = options.start;
  this.end = options.end ?? Infinity;
  this.pos = undefined;
  this.bytesRead = 0;
  this[kIsPerformingIO] = false;
  this[kSize] = undefined;

  if (this.start !== undefined) {
    validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  if (this.end !== Infinity) {
    validateInteger(this.end, 'end', 0);
    if (this.start !== undefined && this.start > this.end) {
      throw new ERR_OUT_OF_RANGE('start', `<= "end" (here: ${this.end})`, this.start);
    }
  }

  Reflect.apply(Readable, this, [options]);
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);

function toPath(path) {
  const p = getValidatedPath(path);
  return typeof p === 'string' ? p : Buffer.from(p).toString();
}

function getValidatedFdOrHandle(stream, fd) {
  const { FileHandle } = require('internal/fs/promises');
  if (fd instanceof FileHandle) {
    stream[kHandle] = fd;
    fd[require('internal/fs/promises').kRefs]++;
    fd.on('close', () => {
      if (!stream.destroyed) stream.destroy();
    });
    return fd.fd;
  }
  if (typeof fd === 'object' && fd !== null && typeof fd.fd === 'number') {
    throw new ERR_INVALID_ARG_TYPE('options.fd', ['number', 'FileHandle'], fd);
  }
  validateInteger(fd, 'fd', 0, 2147483647);
  return fd;
}

// fs-style operations on a FileHandle's descriptor (the handle owns it).
function handleOps(handle) {
  const f = lazyFs();
  const promisesMod = require('internal/fs/promises');
  return {
    open: f.open,
    read: f.read,
    write: f.write,
    writev: f.writev,
    fsync: f.fsync,
    close(fd, cb) {
      promisesMod.releaseHandle(handle);
      handle.close().then(() => cb(), cb);
    },
  };
}

Object.defineProperty(ReadStream.prototype, 'autoClose', {
  get() { return this._readableState.autoDestroy; },
  set(val) { this._readableState.autoDestroy = val; },
  configurable: true,
});

Object.defineProperty(ReadStream.prototype, 'pending', {
  get() { return this.fd === null; },
  configurable: true,
});

function openStream(stream, callback) {
  if (typeof stream.fd === 'number') {
    callback();
    return;
  }
  stream[kFs].open(stream.path, stream.flags, stream.mode, (er, fd) => {
    if (er) {
      callback(er);
    } else {
      stream.fd = fd;
      callback();
      stream.emit('open', stream.fd);
      stream.emit('ready');
    }
  });
}

ReadStream.prototype._construct = function(callback) {
  openStream(this, callback);
};

ReadStream.prototype.open = function open() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('open()');
};

ReadStream.prototype._read = function(n) {
  n = this.pos !== undefined ?
    Math.min(this.end - this.pos + 1, n) :
    Math.min(this.end - this.bytesRead + 1, n);
  if (n <= 0) {
    this.push(null);
    return;
  }
  if (this[kNative]) {
    const sink = spliceSink(this);
    if (sink !== null) startSplice(this, sink);
    else readPooled(this, n);
    return;
  }
  const buf = Buffer.allocUnsafeSlow(n);
  this[kIsPerformingIO] = true;
  this[kFs].read(this.fd, buf, 0, n, this.pos, (er, bytesRead, b) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) {
      this.emit(kIoDone, er);
      return;
    }
    if (er) {
      errorOrDestroy(this, er);
    } else if (bytesRead > 0) {
      if (this.pos !== undefined) this.pos += bytesRead;
      this.bytesRead += bytesRead;
      if (bytesRead !== b.length) {
        const dst = Buffer.allocUnsafeSlow(bytesRead);
        b.copy(dst, 0, 0, bytesRead);
        b = dst;
      }
      this.push(b);
    } else {
      this.push(null);
    }
  });
};

ReadStream.prototype.close = function(cb) {
  if (typeof cb === 'function') finished(this, cb);
  this.destroy();
};

ReadStream.prototype._destroy = function(err, cb) {
  if (this[kIsPerformingIO]) {
    this.once(kIoDone, (er) => closeStream(this, err || er, cb));
  } else {
    closeStream(this, err, cb);
  }
};

function closeStream(stream, err, cb) {
  if (!stream.fd && stream.fd !== 0) {
    cb(err);
  } else if (stream.flush) {
    stream[kFs].fsync(stream.fd, (flushErr) => {
      closeAfterSync(stream, err || flushErr, cb);
    });
  } else {
    closeAfterSync(stream, err, cb);
  }
}

function closeAfterSync(stream, err, cb) {
  stream[kFs].close(stream.fd, (er) => {
    cb(er || err);
  });
  stream.fd = null;
}

// Ordinary read: into the pooled slab, handed over as a view. After a
// splice (which reads at offsets and leaves the descriptor's position
// alone) reads go on from where the ranges stopped.
function readPooled(stream, n) {
  const pos = stream.pos !== undefined ? stream.pos : stream[kSpliced] ? stream.bytesRead : -1;
  stream[kIsPerformingIO] = true;
  submit((id) => binding.readPooled(stream.fd, n, pos, id), (res, aux) => {
    stream[kIsPerformingIO] = false;
    const err = res < 0 ? fsError(res, aux >= 0 ? completionValues[aux] : ['read']) : undefined;
    if (stream.destroyed) {
      stream.emit(kIoDone, err);
      return;
    }
    if (err) {
      errorOrDestroy(stream, err);
    } else if (res > 0) {
      if (stream.pos !== undefined) stream.pos += res;
      stream.bytesRead += res;
      stream.push(completionValues[aux]);
    } else {
      stream.push(null);
    }
  });
}

// The range sink when the stream may send its bytes by splice now: piped
// into one destination, flowing, with nobody else reading.
function spliceSink(stream) {
  const state = stream._readableState;
  if (state.pipes.length !== 1 || state.encoding || state.objectMode ||
      stream.readableFlowing !== true || stream.listenerCount('data') !== 1 ||
      stream.listenerCount('readable') !== 0 || typeof stream.fd !== 'number' ||
      (stream.pos === undefined && !stream[kOwnFd]) || state.length !== 0 ||
      stream[kSize] === -1) {
    return null;
  }
  return rangeSink(state.pipes[0]);
}

function startSplice(stream, sink) {
  stream[kIsPerformingIO] = true;
  // The file's size bounds each range when the sink must know a range's
  // length exactly (a chunked response announces it first). Elsewhere the
  // engine finds the end itself (a range that comes up short), which costs
  // no round trip before the first bytes go out.
  if (stream[kSize] === undefined && sink.needsSize) {
    const out = new Float64Array(18);
    submit((id) => binding.fstat(stream.fd, out, id), (res, aux) => {
      stream[kIsPerformingIO] = false;
      if (stream.destroyed) {
        stream.emit(kIoDone);
        return;
      }
      if (res < 0) {
        errorOrDestroy(stream, fsError(res, aux >= 0 ? completionValues[aux] : ['fstat']));
        return;
      }
      // Only regular files splice; anything else reads as usual.
      stream[kSize] = (out[1] & constants.S_IFMT) === constants.S_IFREG ? out[8] : -1;
      stream.push(kEmptyBuffer); // _read again, knowing the size
    });
    return;
  }
  const pos = stream.pos !== undefined ? stream.pos : stream.bytesRead;
  const left = Math.min(stream.end + 1, stream[kSize] ?? Infinity) - pos;
  if (left <= 0) {
    stream[kIsPerformingIO] = false;
    stream.push(null);
    return;
  }
  const len = Math.min(left, kSpliceChunk);
  stream[kSpliced] = true;
  const doneId = register((moved, err) => spliceDone(stream, len, moved, err));
  const rc = sink(stream.fd, pos, len, doneId);
  if (rc < 0) {
    // The socket refused the range (closing): read as usual.
    unregister(doneId);
    stream[kIsPerformingIO] = false;
    readPooled(stream, Math.min(left, stream.readableHighWaterMark));
  }
}

function spliceDone(stream, len, moved, err) {
  stream[kIsPerformingIO] = false;
  if (moved > 0) {
    if (stream.pos !== undefined) stream.pos += moved;
    stream.bytesRead += moved;
  }
  if (stream.destroyed) {
    stream.emit(kIoDone);
    return;
  }
  if (moved === 0 && (err === kESPIPE || err === kEINVAL)) {
    // Not a file splice reads at an offset (a pipe, a device): the rest
    // goes the ordinary way.
    stream[kSize] = -1;
    stream.push(kEmptyBuffer);
    return;
  }
  if (err < 0 && err !== kECANCELED) {
    errorOrDestroy(stream, fsError(err, ['read']));
    return;
  }
  if (err === 0 && moved < len) {
    stream.push(null); // the file ended early
    return;
  }
  // The range went out (or the socket went away, and the pipe's own
  // handlers unpipe): ask for more.
  stream.push(kEmptyBuffer);
}

const kEmptyBuffer = Buffer.alloc(0);

// ---- WriteStream ----

function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);

  options = copyObject(getOptions(options, {}));
  options.decodeStrings = true;

  if (options.fd == null) {
    this.fd = null;
    this[kFs] = options.fs || lazyFs();
    validateFunction(this[kFs].open, 'options.fs.open');
    this.path = toPath(path);
    this.flags = options.flags === undefined ? 'w' : options.flags;
    this.mode = options.mode === undefined ? 0o666 : options.mode;
  } else {
    this.fd = getValidatedFdOrHandle(this, options.fd);
    this[kFs] = this[kHandle] ? handleOps(this[kHandle]) : (options.fs || lazyFs());
  }

  options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;

  if (!this[kFs].write && !this[kFs].writev) {
    throw new ERR_INVALID_ARG_TYPE('options.fs.write', 'function', this[kFs].write);
  }
  if (this[kFs].write) validateFunction(this[kFs].write, 'options.fs.write');
  if (this[kFs].writev) validateFunction(this[kFs].writev, 'options.fs.writev');
  if (options.autoDestroy) validateFunction(this[kFs].close, 'options.fs.close');

  // Writable picks _write or _writev from what the fs offers.
  if (this[kFs].write) options.write = this._write;
  if (this[kFs].writev) options.writev = this._writev;

  if (options.flush == null) {
    this.flush = false;
  } else {
    validateBoolean(options.flush, 'options.flush');
    this.flush = options.flush;
  }

  this.start = options.start;
  this.pos = undefined;
  this.bytesWritten = 0;
  this[kIsPerformingIO] = false;

  if (this.start !== undefined) {
    validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }

  Reflect.apply(Writable, this, [options]);

  if (options.encoding) this.setDefaultEncoding(options.encoding);
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);

Object.defineProperty(WriteStream.prototype, 'autoClose', {
  get() { return this._writableState.autoDestroy; },
  set(val) { this._writableState.autoDestroy = val; },
  configurable: true,
});

Object.defineProperty(WriteStream.prototype, 'pending', {
  get() { return this.fd === null; },
  configurable: true,
});

WriteStream.prototype._construct = function(callback) {
  openStream(this, callback);
};

WriteStream.prototype.open = function open() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('open()');
};

WriteStream.prototype._write = function(data, encoding, cb) {
  this[kIsPerformingIO] = true;
  this[kFs].write(this.fd, data, 0, data.length, this.pos, (er, bytes) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) {
      cb(er);
      return this.emit(kIoDone, er);
    }
    if (er) return cb(er);
    this.bytesWritten += bytes;
    cb();
  });
  if (this.pos !== undefined) this.pos += data.length;
};

WriteStream.prototype._writev = function(data, cb) {
  const len = data.length;
  const chunks = new Array(len);
  let size = 0;
  for (let i = 0; i < len; i++) {
    const chunk = data[i].chunk;
    chunks[i] = chunk;
    size += chunk.length;
  }
  this[kIsPerformingIO] = true;
  writevAll(this, chunks, size, this.pos, (er, bytes) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) {
      cb(er);
      return this.emit(kIoDone, er);
    }
    if (er) return cb(er);
    this.bytesWritten += bytes;
    cb();
  });
  if (this.pos !== undefined) this.pos += size;
};

// writev until everything is written (a short write continues).
function writevAll(stream, chunks, size, pos, cb) {
  let written = 0;
  const step = () => {
    stream[kFs].writev(stream.fd, chunks, pos === undefined ? null : pos + written, (er, bytes) => {
      if (er) return cb(er, written);
      written += bytes;
      if (written >= size || bytes === 0) return cb(null, written);
      // Drop what went out and go on with the rest.
      let skip = bytes;
      while (skip > 0 && chunks.length > 0) {
        if (chunks[0].length <= skip) {
          skip -= chunks[0].length;
          chunks.shift();
        } else {
          chunks[0] = chunks[0].subarray(skip);
          skip = 0;
        }
      }
      step();
    });
  };
  step();
}

WriteStream.prototype._destroy = function(err, cb) {
  if (this[kIsPerformingIO]) {
    this.once(kIoDone, (er) => closeStream(this, err || er, cb));
  } else {
    closeStream(this, err, cb);
  }
};

WriteStream.prototype.close = function(cb) {
  if (cb) {
    if (this.closed) {
      process.nextTick(cb);
      return;
    }
    this.on('close', cb);
  }
  // With autoClose off the stream is not destroyed after 'finish': do it here.
  if (!this.autoClose) this.on('finish', this.destroy);
  this.end();
};

WriteStream.prototype.destroySoon = WriteStream.prototype.end;

module.exports = { ReadStream, WriteStream, rangeSink };

