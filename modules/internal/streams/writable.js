'use strict';
// Writable streams (Node 22 semantics).
//
// write() hands a chunk to _write() at once when nothing is in flight, and
// queues it otherwise (or while corked, constructing or errored). The
// callback _write() gets is one function bound per stream (state.onwrite),
// so a write costs no closure. When _write() completes synchronously, the
// user's callback runs on the next tick; consecutive writes with the same
// callback share one tick (afterWriteTickInfo counts them).
//
// end() -> [_final()] -> 'prefinish' -> 'finish' -> (autoDestroy) 'close'.

const EE = require('events');
const { Stream } = require('internal/streams/legacy');
const destroyImpl = require('internal/streams/destroy');
const { addAbortSignal } = require('internal/streams/add-abort-signal');
const eos = require('internal/streams/end-of-stream');
const { getHighWaterMark, getDefaultHighWaterMark } = require('internal/streams/state');
const {
  AbortError,
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_METHOD_NOT_IMPLEMENTED,
    ERR_MULTIPLE_CALLBACK,
    ERR_STREAM_ALREADY_FINISHED,
    ERR_STREAM_CANNOT_PIPE,
    ERR_STREAM_DESTROYED,
    ERR_STREAM_NULL_VALUES,
    ERR_STREAM_WRITE_AFTER_END,
    ERR_UNKNOWN_ENCODING,
  },
} = require('internal/errors');
const {
  kState,
  kObjectMode,
  kErrorEmitted,
  kAutoDestroy,
  kEmitClose,
  kDestroyed,
  kClosed,
  kCloseEmitted,
  kErrored,
  kConstructed,
  kOnConstructed,
  kErroredValue,
  bitProperty,
  erroredProperty,
  webStreamAdapters,
} = require('internal/streams/utils');

const { errorOrDestroy } = destroyImpl;

module.exports = Writable;
Writable.WritableState = WritableState;

Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);

function nop() {}

let Buffer;
function lazyBuffer() {
  Buffer ??= require('buffer').Buffer;
  return Buffer;
}

const kAsyncDispose = Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose');

// WritableState's own bits (1 << 0 .. 1 << 8 are shared, see utils).
const kSync = 1 << 9;              // inside _write(): its callback came synchronously
const kFinalCalled = 1 << 10;
const kNeedDrain = 1 << 11;        // write() returned false: 'drain' is owed
const kEnding = 1 << 12;           // end() called
const kFinished = 1 << 13;         // 'finish' emitted
const kDecodeStrings = 1 << 14;
const kWriting = 1 << 15;          // a _write()/_writev() is in flight
const kBufferProcessing = 1 << 16;
const kPrefinished = 1 << 17;
const kAllBuffers = 1 << 18;       // every queued chunk is a Buffer
const kAllNoop = 1 << 19;          // no queued chunk has a user callback
const kHasWritable = 1 << 20;      // state.writable set (true or false)
const kWritable = 1 << 21;
const kDefaultUTF8Encoding = 1 << 22;
const kExpectWriteCb = 1 << 23;    // onwrite may be called
const kAfterWritePending = 1 << 24;
const kEnded = 1 << 25;            // end() has returned

const kDefaultEncodingValue = Symbol('kDefaultEncodingValue');
const kOnFinished = Symbol('kOnFinished');
const kBuffered = Symbol('kBuffered');

function WritableState(options, stream, isDuplex) {
  this[kState] = kSync | kConstructed | kEmitClose | kAutoDestroy | kDefaultUTF8Encoding |
    kAllBuffers | kAllNoop;
  if (options?.objectMode || (isDuplex && options?.writableObjectMode)) {
    this[kState] |= kObjectMode;
  }
  // 0 is valid: write() returns false unless the write completed at once.
  this.highWaterMark = options ?
    getHighWaterMark(this, options, 'writableHighWaterMark', isDuplex) :
    getDefaultHighWaterMark(false);

  if (!options || options.decodeStrings !== false) this[kState] |= kDecodeStrings;
  if (options) {
    if (options.emitClose === false) this[kState] &= ~kEmitClose;
    if (options.autoDestroy === false) this[kState] &= ~kAutoDestroy;
    const defaultEncoding = options.defaultEncoding;
    if (defaultEncoding != null && defaultEncoding !== 'utf8' && defaultEncoding !== 'utf-8') {
      if (!lazyBuffer().isEncoding(defaultEncoding)) throw new ERR_UNKNOWN_ENCODING(defaultEncoding);
      this.defaultEncoding = defaultEncoding;
    }
  }

  // Bytes (or objects) written but not yet confirmed by _write().
  this.length = 0;
  this.corked = 0;
  this.onwrite = onwrite.bind(undefined, stream);
  // The user callback of the write in flight (nop when none was given).
  this.writecb = nop;
  this.writelen = 0;
  // Queued writes: { chunk, encoding, callback }, read from bufferedIndex;
  // null while nothing is queued (most streams never queue).
  this[kBuffered] = null;
  this.bufferedIndex = 0;
  // Writes whose callbacks have not run: 'finish' waits for 0.
  this.pendingcb = 0;
  this.afterWriteTickInfo = null;
}

Object.defineProperties(WritableState.prototype, {
  objectMode: bitProperty(kObjectMode),
  finalCalled: bitProperty(kFinalCalled),
  needDrain: bitProperty(kNeedDrain),
  ending: bitProperty(kEnding),
  ended: bitProperty(kEnded),
  finished: bitProperty(kFinished),
  destroyed: bitProperty(kDestroyed),
  decodeStrings: bitProperty(kDecodeStrings),
  writing: bitProperty(kWriting),
  sync: bitProperty(kSync),
  bufferProcessing: bitProperty(kBufferProcessing),
  constructed: bitProperty(kConstructed),
  prefinished: bitProperty(kPrefinished),
  errorEmitted: bitProperty(kErrorEmitted),
  emitClose: bitProperty(kEmitClose),
  autoDestroy: bitProperty(kAutoDestroy),
  closed: bitProperty(kClosed),
  closeEmitted: bitProperty(kCloseEmitted),
  allBuffers: bitProperty(kAllBuffers),
  allNoop: bitProperty(kAllNoop),
  errored: erroredProperty,
  // undefined (never set), true or false.
  writable: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() {
      return (this[kState] & kHasWritable) !== 0 ? (this[kState] & kWritable) !== 0 : undefined;
    },
    set(value) {
      if (value == null) this[kState] &= ~(kHasWritable | kWritable);
      else if (value) this[kState] |= kHasWritable | kWritable;
      else this[kState] = (this[kState] | kHasWritable) & ~kWritable;
    },
  },
  defaultEncoding: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() {
      return (this[kState] & kDefaultUTF8Encoding) !== 0 ? 'utf8' : this[kDefaultEncodingValue];
    },
    set(value) {
      if (value === 'utf8' || value === 'utf-8') {
        this[kState] |= kDefaultUTF8Encoding;
      } else {
        this[kState] &= ~kDefaultUTF8Encoding;
        this[kDefaultEncodingValue] = value;
      }
    },
  },
  bufferedRequestCount: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this[kBuffered] === null ? 0 : this[kBuffered].length - this.bufferedIndex; },
  },
  // The queue, as Node exposes it (an empty array when nothing is queued).
  buffered: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this[kBuffered] ?? []; },
    set(value) { this[kBuffered] = value && value.length ? value : null; },
  },
});

WritableState.prototype.getBuffer = function getBuffer() {
  return this[kBuffered] === null ? [] : this[kBuffered].slice(this.bufferedIndex);
};

WritableState.prototype[kOnConstructed] = function onConstructed(stream) {
  if ((this[kState] & kWriting) === 0) clearBuffer(stream, this);
  if ((this[kState] & kEnding) !== 0) finishMaybe(stream, this);
};

function resetBuffer(state) {
  state[kBuffered] = null;
  state.bufferedIndex = 0;
  state[kState] |= kAllBuffers | kAllNoop;
}

function Writable(options) {
  if (!(this instanceof Writable)) return new Writable(options);

  this._events ??= {
    close: undefined,
    error: undefined,
    prefinish: undefined,
    finish: undefined,
    drain: undefined,
  };

  this._writableState = new WritableState(options, this, false);

  if (options) {
    if (typeof options.write === 'function') this._write = options.write;
    if (typeof options.writev === 'function') this._writev = options.writev;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.final === 'function') this._final = options.final;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal) addAbortSignal(options.signal, this);
  }

  Stream.call(this, options);

  if (this._construct != null) {
    destroyImpl.construct(this, () => {
      this._writableState[kOnConstructed](this);
    });
  }
}

// Duplex streams inherit from Readable, yet `duplex instanceof Writable`.
Object.defineProperty(Writable, Symbol.hasInstance, {
  __proto__: null,
  value: function(object) {
    if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
    if (this !== Writable) return false;
    return !!(object && object._writableState instanceof WritableState);
  },
});

Writable.prototype.pipe = function() {
  errorOrDestroy(this, new ERR_STREAM_CANNOT_PIPE());
};

// Validates and queues one write. Returns true/false (room below the
// highWaterMark) or, for a write after end or destroy, the error (which
// also goes to cb and to the stream).
function writeChunk(stream, chunk, encoding, cb) {
  const state = stream._writableState;
  if (typeof cb !== 'function') cb = nop;
  if (chunk === null) throw new ERR_STREAM_NULL_VALUES();

  if ((state[kState] & kObjectMode) === 0) {
    if (!encoding) {
      encoding = (state[kState] & kDefaultUTF8Encoding) !== 0 ? 'utf8' : state.defaultEncoding;
    } else if (encoding !== 'buffer' && !lazyBuffer().isEncoding(encoding)) {
      throw new ERR_UNKNOWN_ENCODING(encoding);
    }
    if (typeof chunk === 'string') {
      if ((state[kState] & kDecodeStrings) !== 0) {
        chunk = lazyBuffer().from(chunk, encoding);
        encoding = 'buffer';
      }
    } else if (ArrayBuffer.isView(chunk)) {
      if (!(chunk instanceof (Buffer ?? lazyBuffer()))) {
        chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      }
      encoding = 'buffer';
    } else {
      throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
  }

  let err;
  if ((state[kState] & kEnding) !== 0) err = new ERR_STREAM_WRITE_AFTER_END();
  else if ((state[kState] & kDestroyed) !== 0) err = new ERR_STREAM_DESTROYED('write');
  if (err) {
    process.nextTick(cb, err);
    errorOrDestroy(stream, err, true);
    return err;
  }

  state.pendingcb++;
  const len = (state[kState] & kObjectMode) !== 0 ? 1 : chunk.length;
  state.length += len;

  if ((state[kState] & (kWriting | kErrored | kConstructed)) !== kConstructed || state.corked !== 0) {
    // Busy: queue it.
    if (state[kBuffered] === null) state[kBuffered] = [];
    state[kBuffered].push({ chunk, encoding, callback: cb });
    if (encoding !== 'buffer') state[kState] &= ~kAllBuffers;
    if (cb !== nop) state[kState] &= ~kAllNoop;
  } else {
    state.writelen = len;
    state.writecb = cb;
    state[kState] |= kWriting | kSync | kExpectWriteCb;
    stream._write(chunk, encoding, state.onwrite);
    state[kState] &= ~kSync;
  }

  // An empty buffer always takes more (highWaterMark 0 included).
  const ret = state.length < state.highWaterMark || state.length === 0;
  if (!ret) state[kState] |= kNeedDrain;
  // Errored or destroyed: false, to break `while (w.write(x))` loops.
  return ret && (state[kState] & (kDestroyed | kErrored)) === 0;
}

Writable.prototype.write = function write(chunk, encoding, cb) {
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  return writeChunk(this, chunk, encoding, cb) === true;
};

Writable.prototype.cork = function cork() {
  this._writableState.corked++;
};

Writable.prototype.uncork = function uncork() {
  const state = this._writableState;
  if (state.corked) {
    state.corked--;
    if ((state[kState] & kWriting) === 0) clearBuffer(this, state);
  }
};

Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
  if (typeof encoding === 'string') encoding = encoding.toLowerCase();
  if (!lazyBuffer().isEncoding(encoding)) throw new ERR_UNKNOWN_ENCODING(encoding);
  this._writableState.defaultEncoding = encoding;
  return this;
};

// Starts one _write() (or _writev() of everything queued).
function doWrite(stream, state, writev, len, chunk, encoding, cb) {
  state.writelen = len;
  state.writecb = cb;
  state[kState] |= kWriting | kSync | kExpectWriteCb;
  if ((state[kState] & kDestroyed) !== 0) state.onwrite(new ERR_STREAM_DESTROYED('write'));
  else if (writev) stream._writev(chunk, state.onwrite);
  else stream._write(chunk, encoding, state.onwrite);
  state[kState] &= ~kSync;
}

function onwriteError(stream, state, er, cb) {
  --state.pendingcb;
  cb(er);
  // The queued writes will never happen: fail their callbacks too.
  errorBuffer(state);
  // 'error' always comes after the write's callback.
  errorOrDestroy(stream, er);
}

// The callback given to _write(): state.onwrite, bound to the stream.
function onwrite(stream, er) {
  const state = stream._writableState;
  if ((state[kState] & kExpectWriteCb) === 0) {
    errorOrDestroy(stream, new ERR_MULTIPLE_CALLBACK());
    return;
  }

  const sync = (state[kState] & kSync) !== 0;
  const cb = state.writecb;
  state.writecb = nop;
  state[kState] &= ~(kWriting | kExpectWriteCb);
  state.length -= state.writelen;
  state.writelen = 0;

  if (er) {
    // eslint-disable-next-line no-unused-expressions
    er.stack;
    if ((state[kState] & kErrored) === 0) {
      state[kErroredValue] = er;
      state[kState] |= kErrored;
    }
    // A Duplex's readable side sees the error too.
    if (stream._readableState && !stream._readableState.errored) stream._readableState.errored = er;
    if (sync) process.nextTick(onwriteError, stream, state, er, cb);
    else onwriteError(stream, state, er, cb);
    return;
  }

  if (state[kBuffered] !== null) clearBuffer(stream, state);

  if (!sync) {
    afterWrite(stream, state, 1, cb);
    return;
  }

  // Completed within _write(): the callback and 'drain' wait for the next
  // tick. A write without callback that owes nothing needs no tick at all.
  // (Node 22 also always ticks in object mode; kept for identical timing.)
  const needTick = cb !== nop || (state[kState] & (kDestroyed | kObjectMode)) !== 0 ||
    ((state[kState] & kNeedDrain) !== 0 && state.length === 0);
  if (!needTick) {
    state.pendingcb--;
    if ((state[kState] & kEnding) !== 0) finishMaybe(stream, state, true);
  } else if (cb === nop) {
    if ((state[kState] & kAfterWritePending) === 0) {
      state[kState] |= kAfterWritePending;
      process.nextTick(afterWrite, stream, state, 1, cb);
    } else {
      // An afterWrite is already scheduled: it emits any 'drain'.
      state.pendingcb--;
      if ((state[kState] & kEnding) !== 0) finishMaybe(stream, state, true);
    }
  } else if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
    state.afterWriteTickInfo.count++;
  } else {
    state.afterWriteTickInfo = { count: 1, cb, stream, state };
    state[kState] |= kAfterWritePending;
    process.nextTick(afterWriteTick, state.afterWriteTickInfo);
  }
}

function afterWriteTick(info) {
  info.state.afterWriteTickInfo = null;
  afterWrite(info.stream, info.state, info.count, info.cb);
}

function afterWrite(stream, state, count, cb) {
  state[kState] &= ~kAfterWritePending;
  if ((state[kState] & (kEnding | kNeedDrain | kDestroyed)) === kNeedDrain && state.length === 0) {
    state[kState] &= ~kNeedDrain;
    stream.emit('drain');
  }
  while (count-- > 0) {
    state.pendingcb--;
    cb(null);
  }
  if ((state[kState] & kDestroyed) !== 0) errorBuffer(state);
  if ((state[kState] & kEnding) !== 0) finishMaybe(stream, state, true);
}

// Fails every queued write and end() callback (after destroy or an error).
function errorBuffer(state) {
  if ((state[kState] & kWriting) !== 0) return;
  const buffered = state[kBuffered];
  if (buffered !== null) {
    const objectMode = (state[kState] & kObjectMode) !== 0;
    for (let n = state.bufferedIndex; n < buffered.length; ++n) {
      const { chunk, callback } = buffered[n];
      state.length -= objectMode ? 1 : chunk.length;
      callback(state.errored ?? new ERR_STREAM_DESTROYED('write'));
    }
  }
  callFinishedCallbacks(state, state.errored ?? new ERR_STREAM_DESTROYED('end'));
  resetBuffer(state);
}

// Writes out what is queued: all at once through _writev() when there is
// more than one chunk and the stream has one, else one by one for as long
// as _write() completes synchronously.
function clearBuffer(stream, state) {
  if ((state[kState] & (kDestroyed | kBufferProcessing | kConstructed)) !== kConstructed ||
      state.corked !== 0 || state[kBuffered] === null) {
    return;
  }
  const buffered = state[kBuffered];
  const bufferedIndex = state.bufferedIndex;
  const count = buffered.length - bufferedIndex;
  if (count === 0) return;

  let i = bufferedIndex;
  state[kState] |= kBufferProcessing;
  if (count > 1 && stream._writev) {
    // One callback stands for all of them.
    state.pendingcb -= count - 1;
    const callback = (state[kState] & kAllNoop) !== 0 ? nop : (err) => {
      for (let n = i; n < buffered.length; ++n) buffered[n].callback(err);
    };
    const chunks = (state[kState] & kAllNoop) !== 0 && i === 0 ? buffered : buffered.slice(i);
    chunks.allBuffers = (state[kState] & kAllBuffers) !== 0;
    doWrite(stream, state, true, state.length, chunks, '', callback);
    resetBuffer(state);
  } else {
    const objectMode = (state[kState] & kObjectMode) !== 0;
    do {
      const { chunk, encoding, callback } = buffered[i];
      buffered[i++] = null;
      doWrite(stream, state, false, objectMode ? 1 : chunk.length, chunk, encoding, callback);
    } while (i < buffered.length && (state[kState] & kWriting) === 0);

    if (i === buffered.length) {
      resetBuffer(state);
    } else if (i > 256) {
      buffered.splice(0, i);
      state.bufferedIndex = 0;
    } else {
      state.bufferedIndex = i;
    }
  }
  state[kState] &= ~kBufferProcessing;
}

Writable.prototype._write = function _write(chunk, encoding, cb) {
  if (this._writev) {
    this._writev([{ chunk, encoding }], cb);
  } else {
    throw new ERR_METHOD_NOT_IMPLEMENTED('_write()');
  }
};

Writable.prototype._writev = null;

Writable.prototype.end = function end(chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof chunk === 'function') {
    cb = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }

  let err;
  if (chunk != null) {
    const ret = writeChunk(this, chunk, encoding);
    if (ret instanceof Error) err = ret;
  }

  // end() uncorks completely.
  if (state.corked) {
    state.corked = 1;
    this.uncork();
  }

  if (err) {
    // Already reported by the write.
  } else if ((state[kState] & (kEnding | kErrored)) === 0) {
    // A second end() is forgiven: only its callback learns anything.
    state[kState] |= kEnding;
    finishMaybe(this, state, true);
    state[kState] |= kEnded;
  } else if ((state[kState] & kFinished) !== 0) {
    err = new ERR_STREAM_ALREADY_FINISHED('end');
  } else if ((state[kState] & kDestroyed) !== 0) {
    err = new ERR_STREAM_DESTROYED('end');
  }

  if (typeof cb === 'function') {
    if (err) {
      process.nextTick(cb, err);
    } else if ((state[kState] & kErrored) !== 0) {
      process.nextTick(cb, state[kErroredValue]);
    } else if ((state[kState] & kFinished) !== 0) {
      process.nextTick(cb, null);
    } else {
      state[kOnFinished] ??= [];
      state[kOnFinished].push(cb);
    }
  }
  return this;
};

// Ending, constructed, nothing left to write, and not failed or done.
function needFinish(state) {
  return (state[kState] & (kEnding | kDestroyed | kConstructed | kFinished | kWriting |
                           kErrorEmitted | kCloseEmitted | kErrored)) === (kEnding | kConstructed) &&
    state.length === 0 && state[kBuffered] === null;
}

function onFinal(stream, state, err) {
  if ((state[kState] & kPrefinished) !== 0) {
    errorOrDestroy(stream, err ?? new ERR_MULTIPLE_CALLBACK());
    return;
  }
  state.pendingcb--;
  if (err) {
    callFinishedCallbacks(state, err);
    errorOrDestroy(stream, err, (state[kState] & kSync) !== 0);
  } else if (needFinish(state)) {
    state[kState] |= kPrefinished;
    stream.emit('prefinish');
    // 'finish' always comes on a later tick than _final's callback.
    state.pendingcb++;
    process.nextTick(finish, stream, state);
  }
}

function prefinish(stream, state) {
  if ((state[kState] & (kPrefinished | kFinalCalled)) !== 0) return;
  if (typeof stream._final === 'function' && (state[kState] & kDestroyed) === 0) {
    state[kState] |= kFinalCalled | kSync;
    state.pendingcb++;
    try {
      stream._final((err) => onFinal(stream, state, err));
    } catch (err) {
      onFinal(stream, state, err);
    }
    state[kState] &= ~kSync;
  } else {
    state[kState] |= kFinalCalled | kPrefinished;
    stream.emit('prefinish');
  }
}

function finishMaybe(stream, state, sync) {
  if (!needFinish(state)) return;
  prefinish(stream, state);
  if (state.pendingcb !== 0) return;
  if (sync) {
    state.pendingcb++;
    process.nextTick(finishIfNeeded, stream, state);
  } else if (needFinish(state)) {
    state.pendingcb++;
    finish(stream, state);
  }
}

function finishIfNeeded(stream, state) {
  if (needFinish(state)) finish(stream, state);
  else state.pendingcb--;
}

function finish(stream, state) {
  state.pendingcb--;
  state[kState] |= kFinished;
  callFinishedCallbacks(state, null);
  stream.emit('finish');

  if ((state[kState] & kAutoDestroy) !== 0) {
    // A Duplex waits for its readable side too (unless it has none).
    const r = stream._readableState;
    if (!r || (r.autoDestroy && (r.endEmitted || r.readable === false))) stream.destroy();
  }
}

function callFinishedCallbacks(state, err) {
  const callbacks = state[kOnFinished];
  if (callbacks === undefined || callbacks === null) return;
  state[kOnFinished] = null;
  for (let i = 0; i < callbacks.length; i++) callbacks[i](err);
}

function hasPendingCallbacks(state) {
  return state[kBuffered] !== null || (state[kOnFinished] != null && state[kOnFinished].length > 0);
}

Object.defineProperties(Writable.prototype, {
  closed: {
    __proto__: null,
    configurable: true,
    get() { return this._writableState ? (this._writableState[kState] & kClosed) !== 0 : false; },
  },
  destroyed: {
    __proto__: null,
    configurable: true,
    get() { return this._writableState ? (this._writableState[kState] & kDestroyed) !== 0 : false; },
    set(value) {
      // The user manages destroyed by hand (legacy).
      if (!this._writableState) return;
      if (value) this._writableState[kState] |= kDestroyed;
      else this._writableState[kState] &= ~kDestroyed;
    },
  },
  writable: {
    __proto__: null,
    configurable: true,
    get() {
      const w = this._writableState;
      // w.writable === false: the writable side of a Duplex switched off.
      return !!w && w.writable !== false &&
        (w[kState] & (kEnding | kEnded | kDestroyed | kErrored)) === 0;
    },
    set(val) {
      if (this._writableState) this._writableState.writable = !!val;
    },
  },
  writableFinished: {
    __proto__: null,
    configurable: true,
    get() { return this._writableState ? (this._writableState[kState] & kFinished) !== 0 : false; },
  },
  writableObjectMode: {
    __proto__: null,
    configurable: true,
    get() { return this._writableState ? (this._writableState[kState] & kObjectMode) !== 0 : false; },
  },
  writableBuffer: {
    __proto__: null,
    configurable: true,
    get() { return this._writableState && this._writableState.getBuffer(); },
  },
  writableEnded: {
    __proto__: null,
    configurable: true,
    get() { return this._writableState ? (this._writableState[kState] & kEnding) !== 0 : false; },
  },
  writableNeedDrain: {
    __proto__: null,
    configurable: true,
    get() {
      const w = this._writableState;
      return w ? (w[kState] & (kDestroyed | kEnding | kNeedDrain)) === kNeedDrain : false;
    },
  },
  writableHighWaterMark: {
    __proto__: null,
    configurable: true,
    get() { return this._writableState?.highWaterMark; },
  },
  writableCorked: {
    __proto__: null,
    configurable: true,
    get() { return this._writableState ? this._writableState.corked : 0; },
  },
  writableLength: {
    __proto__: null,
    configurable: true,
    get() { return this._writableState?.length; },
  },
  errored: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this._writableState ? this._writableState.errored : null; },
  },
  writableAborted: {
    __proto__: null,
    configurable: true,
    get() {
      const w = this._writableState;
      return (w[kState] & (kHasWritable | kWritable)) !== kHasWritable &&
        (w[kState] & (kDestroyed | kErrored)) !== 0 &&
        (w[kState] & kFinished) === 0;
    },
  },
});

Writable.prototype.destroy = function destroy(err, cb) {
  const state = this._writableState;
  // Queued writes and end() callbacks learn of it on the next tick.
  if ((state[kState] & kDestroyed) === 0 && hasPendingCallbacks(state)) {
    process.nextTick(errorBuffer, state);
  }
  destroyImpl.destroy.call(this, err, cb);
  return this;
};

Writable.prototype._undestroy = destroyImpl.undestroy;
Writable.prototype._destroy = function(err, cb) {
  cb(err);
};

Writable.prototype[EE.captureRejectionSymbol] = function(err) {
  this.destroy(err);
};

Writable.fromWeb = function fromWeb(writableStream, options) {
  return webStreamAdapters()
    .newStreamWritableFromWritableStream(writableStream, options);
};

Writable.toWeb = function toWeb(streamWritable) {
  return webStreamAdapters().newWritableStreamFromStreamWritable(streamWritable);
};

Writable.prototype[kAsyncDispose] = async function() {
  let error;
  if (!this.destroyed) {
    error = this.writableFinished ? null : new AbortError();
    this.destroy(error);
  }
  await new Promise((resolve, reject) => {
    eos(this, (err) => (err && err.name !== 'AbortError' ? reject(err) : resolve(null)));
  });
};
