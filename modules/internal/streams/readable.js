'use strict';
// Readable streams (Node 22 semantics).
//
// Data enters through push()/unshift() and sits in state.buffer (an array
// read from state.bufferIndex, so taking the head is O(1)) until read()
// takes it. In flowing mode, a chunk pushed into an empty buffer from outside
// _read() goes straight to the 'data' listeners without touching the buffer.
//
// The booleans of ReadableState are bits of state[kState]; the legacy
// property names (state.flowing, state.ended, ...) stay available as
// accessors for code that inspects _readableState.

const EE = require('events');
const { Stream, prependListener } = require('internal/streams/legacy');
const { addAbortSignal } = require('internal/streams/add-abort-signal');
const eos = require('internal/streams/end-of-stream');
const destroyImpl = require('internal/streams/destroy');
const { getHighWaterMark, getDefaultHighWaterMark } = require('internal/streams/state');
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
  bitProperty,
  erroredProperty,
  webStreamAdapters,
} = require('internal/streams/utils');
const {
  AbortError,
  aggregateTwoErrors,
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_METHOD_NOT_IMPLEMENTED,
    ERR_OUT_OF_RANGE,
    ERR_STREAM_PUSH_AFTER_EOF,
    ERR_STREAM_UNSHIFT_AFTER_END_EVENT,
    ERR_UNKNOWN_ENCODING,
  },
} = require('internal/errors');
const { validateObject } = require('internal/validators');

const { errorOrDestroy } = destroyImpl;

module.exports = Readable;
Readable.ReadableState = ReadableState;

Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);

function nop() {}

// Buffer and StringDecoder are loaded on first use: streams that carry only
// objects or strings never need them.
let Buffer;
function lazyBuffer() {
  Buffer ??= require('buffer').Buffer;
  return Buffer;
}
let StringDecoder;
function newDecoder(encoding) {
  StringDecoder ??= require('string_decoder').StringDecoder;
  return new StringDecoder(encoding);
}

// A Buffer view of any ArrayBufferView's bytes (no copy).
function viewToBuffer(chunk) {
  return lazyBuffer().from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

const kAsyncDispose = Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose');

// ReadableState's own bits (1 << 0 .. 1 << 8 are shared, see utils).
const kEnded = 1 << 9;             // push(null) seen: no more data will come
const kEndEmitted = 1 << 10;       // 'end' emitted
const kReading = 1 << 11;          // _read() called and not yet answered by push()
const kSync = 1 << 12;             // inside _read() (or not yet read): defer events
const kNeedReadable = 1 << 13;     // a 'readable' event is owed when data arrives
const kEmittedReadable = 1 << 14;  // a 'readable' event is scheduled
const kReadableListening = 1 << 15;
const kResumeScheduled = 1 << 16;
const kMultiAwaitDrain = 1 << 17;  // awaitDrainWriters is a Set (several pipes)
const kReadingMore = 1 << 18;      // maybeReadMore scheduled
const kDataEmitted = 1 << 19;
const kDefaultUTF8Encoding = 1 << 20;
const kDecoder = 1 << 21;
const kHasFlowing = 1 << 22;       // flowing is true or false (not null)
const kFlowing = 1 << 23;
const kHasPaused = 1 << 24;        // pause()/resume() called at least once
const kPaused = 1 << 25;
const kDataListening = 1 << 26;    // has 'data' listeners

const kDecoderValue = Symbol('kDecoderValue');
const kEncodingValue = Symbol('kEncodingValue');
const kDefaultEncodingValue = Symbol('kDefaultEncodingValue');

function ReadableState(options, stream, isDuplex) {
  this[kState] = kEmitClose | kAutoDestroy | kConstructed | kSync | kDefaultUTF8Encoding;
  if (options?.objectMode || (isDuplex && options?.readableObjectMode)) {
    this[kState] |= kObjectMode;
  }
  // 0 is valid: never read ahead of the consumer.
  this.highWaterMark = options ?
    getHighWaterMark(this, options, 'readableHighWaterMark', isDuplex) :
    getDefaultHighWaterMark(false);
  this.buffer = [];
  this.bufferIndex = 0;
  this.length = 0;
  this.pipes = [];
  // The destinations a paused pipe waits on: null, one Writable, or a Set.
  this.awaitDrainWriters = null;

  if (options) {
    if (options.emitClose === false) this[kState] &= ~kEmitClose;
    if (options.autoDestroy === false) this[kState] &= ~kAutoDestroy;
    const defaultEncoding = options.defaultEncoding;
    if (defaultEncoding != null && defaultEncoding !== 'utf8' && defaultEncoding !== 'utf-8') {
      if (!lazyBuffer().isEncoding(defaultEncoding)) throw new ERR_UNKNOWN_ENCODING(defaultEncoding);
      this.defaultEncoding = defaultEncoding;
    }
    if (options.encoding) {
      this.decoder = newDecoder(options.encoding);
      this.encoding = options.encoding;
    }
  }
}

Object.defineProperties(ReadableState.prototype, {
  objectMode: bitProperty(kObjectMode),
  ended: bitProperty(kEnded),
  endEmitted: bitProperty(kEndEmitted),
  reading: bitProperty(kReading),
  constructed: bitProperty(kConstructed),
  sync: bitProperty(kSync),
  needReadable: bitProperty(kNeedReadable),
  emittedReadable: bitProperty(kEmittedReadable),
  readableListening: bitProperty(kReadableListening),
  resumeScheduled: bitProperty(kResumeScheduled),
  errorEmitted: bitProperty(kErrorEmitted),
  emitClose: bitProperty(kEmitClose),
  autoDestroy: bitProperty(kAutoDestroy),
  destroyed: bitProperty(kDestroyed),
  closed: bitProperty(kClosed),
  closeEmitted: bitProperty(kCloseEmitted),
  multiAwaitDrain: bitProperty(kMultiAwaitDrain),
  readingMore: bitProperty(kReadingMore),
  dataEmitted: bitProperty(kDataEmitted),
  errored: erroredProperty,
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
  decoder: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return (this[kState] & kDecoder) !== 0 ? this[kDecoderValue] : null; },
    set(value) {
      if (value) {
        this[kDecoderValue] = value;
        this[kState] |= kDecoder;
      } else {
        this[kState] &= ~kDecoder;
      }
    },
  },
  encoding: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this[kEncodingValue] ?? null; },
    set(value) { this[kEncodingValue] = value || null; },
  },
  // null (never set), true or false.
  flowing: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return (this[kState] & kHasFlowing) !== 0 ? (this[kState] & kFlowing) !== 0 : null; },
    set(value) {
      if (value == null) this[kState] &= ~(kHasFlowing | kFlowing);
      else if (value) this[kState] |= kHasFlowing | kFlowing;
      else this[kState] = (this[kState] | kHasFlowing) & ~kFlowing;
    },
  },
  paused: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return (this[kState] & kPaused) !== 0; },
    set(value) {
      this[kState] |= kHasPaused;
      if (value) this[kState] |= kPaused;
      else this[kState] &= ~kPaused;
    },
  },
  pipesCount: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this.pipes.length; },
  },
});

ReadableState.prototype[kOnConstructed] = function onConstructed(stream) {
  if ((this[kState] & kNeedReadable) !== 0) maybeReadMore(stream, this);
};

function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);

  // Pre-shaped so the common events are fast properties (see EventEmitter's
  // shape mode).
  this._events ??= {
    close: undefined,
    error: undefined,
    data: undefined,
    end: undefined,
    readable: undefined,
  };

  this._readableState = new ReadableState(options, this, false);

  if (options) {
    if (typeof options.read === 'function') this._read = options.read;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal) addAbortSignal(options.signal, this);
  }

  Stream.call(this, options);

  if (this._construct != null) {
    destroyImpl.construct(this, () => {
      this._readableState[kOnConstructed](this);
    });
  }
}

Readable.prototype.destroy = destroyImpl.destroy;
Readable.prototype._undestroy = destroyImpl.undestroy;
Readable.prototype._destroy = function(err, cb) {
  cb(err);
};

// A rejected promise from an async listener destroys the stream
// (captureRejections).
Readable.prototype[EE.captureRejectionSymbol] = function(err) {
  this.destroy(err);
};

Readable.prototype[kAsyncDispose] = async function() {
  let error;
  if (!this.destroyed) {
    error = this.readableEnded ? null : new AbortError();
    this.destroy(error);
  }
  await new Promise((resolve, reject) => {
    eos(this, (err) => (err && err !== error ? reject(err) : resolve(null)));
  });
};

// Adds a chunk; returns whether the caller may push more (below the
// highWaterMark and not ended).
Readable.prototype.push = function push(chunk, encoding) {
  return addChunkFromUser(this, this._readableState, chunk, encoding, false);
};

// Puts a chunk back at the front, as if it had never been read.
Readable.prototype.unshift = function unshift(chunk, encoding) {
  return addChunkFromUser(this, this._readableState, chunk, encoding, true);
};

function addChunkFromUser(stream, state, chunk, encoding, addToFront) {
  if (chunk === null) {
    state[kState] &= ~kReading;
    onEofChunk(stream, state);
    return false;
  }

  if ((state[kState] & kObjectMode) === 0) {
    // Byte mode: everything becomes a Buffer, or a string already in the
    // stream's encoding.
    if (typeof chunk === 'string') {
      encoding ||= state.defaultEncoding;
      const stateEncoding = state.encoding;
      if (stateEncoding !== encoding) {
        if (addToFront && stateEncoding) {
          // The buffer holds strings in the stream's encoding.
          chunk = lazyBuffer().from(chunk, encoding).toString(stateEncoding);
        } else {
          chunk = lazyBuffer().from(chunk, encoding);
          encoding = '';
        }
      }
    } else if (ArrayBuffer.isView(chunk)) {
      if (!(chunk instanceof (Buffer ?? lazyBuffer()))) chunk = viewToBuffer(chunk);
      encoding = '';
    } else if (chunk !== undefined) {
      errorOrDestroy(stream, new ERR_INVALID_ARG_TYPE(
        'chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk));
      return false;
    }

    if (chunk === undefined || chunk.length <= 0) {
      // An empty push still answers the pending _read().
      if (!addToFront) {
        state[kState] &= ~kReading;
        maybeReadMore(stream, state);
      }
      return canPushMore(state);
    }
  }

  if (addToFront) {
    if ((state[kState] & kEndEmitted) !== 0) {
      errorOrDestroy(stream, new ERR_STREAM_UNSHIFT_AFTER_END_EVENT());
    } else if ((state[kState] & (kDestroyed | kErrored)) !== 0) {
      return false;
    } else {
      addChunk(stream, state, chunk, true);
    }
    return canPushMore(state);
  }

  if ((state[kState] & kEnded) !== 0) {
    errorOrDestroy(stream, new ERR_STREAM_PUSH_AFTER_EOF());
    return false;
  }
  if ((state[kState] & (kDestroyed | kErrored)) !== 0) return false;

  state[kState] &= ~kReading;
  if ((state[kState] & kDecoder) !== 0 && !encoding) {
    chunk = state[kDecoderValue].write(chunk);
    // A split multi-byte character: wait for the rest.
    if ((state[kState] & kObjectMode) === 0 && chunk.length === 0) {
      maybeReadMore(stream, state);
      return canPushMore(state);
    }
  }
  addChunk(stream, state, chunk, false);
  return canPushMore(state);
}

// True while below the highWaterMark; an empty buffer always takes more
// (so highWaterMark 0 still moves data).
function canPushMore(state) {
  return (state[kState] & kEnded) === 0 &&
    (state.length < state.highWaterMark || state.length === 0);
}

function addChunk(stream, state, chunk, addToFront) {
  if ((state[kState] & (kFlowing | kSync | kDataListening)) === (kFlowing | kDataListening) &&
      state.length === 0) {
    // Flowing with nothing queued: hand the chunk straight to 'data'.
    clearAwaitDrain(state);
    state[kState] |= kDataEmitted;
    stream.emit('data', chunk);
  } else {
    state.length += (state[kState] & kObjectMode) !== 0 ? 1 : chunk.length;
    if (!addToFront) {
      state.buffer.push(chunk);
    } else if (state.bufferIndex > 0) {
      state.buffer[--state.bufferIndex] = chunk;
    } else {
      state.buffer.unshift(chunk);
    }
    if ((state[kState] & kNeedReadable) !== 0) emitReadable(stream);
  }
  maybeReadMore(stream, state);
}

function clearAwaitDrain(state) {
  if ((state[kState] & kMultiAwaitDrain) !== 0) state.awaitDrainWriters.clear();
  else state.awaitDrainWriters = null;
}

Readable.prototype.isPaused = function isPaused() {
  const bits = this._readableState[kState];
  return (bits & kPaused) !== 0 || (bits & (kHasFlowing | kFlowing)) === kHasFlowing;
};

Readable.prototype.setEncoding = function setEncoding(enc) {
  const state = this._readableState;
  const decoder = newDecoder(enc);
  state.decoder = decoder;
  // setEncoding(null) means utf8: take the decoder's name.
  state.encoding = decoder.encoding;
  // Re-decode what is already buffered.
  let content = '';
  const buffer = state.buffer;
  for (let i = state.bufferIndex; i < buffer.length; i++) content += decoder.write(buffer[i]);
  buffer.length = 0;
  state.bufferIndex = 0;
  if (content !== '') buffer.push(content);
  state.length = content.length;
  return this;
};

// read(n) above the highWaterMark raises it to the next power of two, up
// to 1 GiB.
const kMaxHighWaterMark = 0x40000000;
function computeNewHighWaterMark(n) {
  if (n > kMaxHighWaterMark) throw new ERR_OUT_OF_RANGE('size', '<= 1GiB', n);
  n--;
  n |= n >>> 1;
  n |= n >>> 2;
  n |= n >>> 4;
  n |= n >>> 8;
  n |= n >>> 16;
  return n + 1;
}

// How much read(n) can return now: one object in object mode; with n NaN,
// the first chunk when flowing, else everything.
function howMuchToRead(n, state) {
  const bits = state[kState];
  if (n <= 0 || (state.length === 0 && (bits & kEnded) !== 0)) return 0;
  if ((bits & kObjectMode) !== 0) return 1;
  if (n !== n) {
    if ((bits & kFlowing) !== 0 && state.length !== 0) return state.buffer[state.bufferIndex].length;
    return state.length;
  }
  if (n <= state.length) return n;
  return (bits & kEnded) !== 0 ? state.length : 0;
}

Readable.prototype.read = function read(n) {
  if (n === undefined) n = NaN;
  else if (!Number.isInteger(n)) n = Number.parseInt(n, 10);
  const state = this._readableState;
  const nOrig = n;

  if (n > state.highWaterMark) state.highWaterMark = computeNewHighWaterMark(n);
  if (n !== 0) state[kState] &= ~kEmittedReadable;

  // read(0) with enough buffered (or ended) only needs to announce it.
  if (n === 0 && (state[kState] & kNeedReadable) !== 0 &&
      ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) ||
       (state[kState] & kEnded) !== 0)) {
    if (state.length === 0 && (state[kState] & kEnded) !== 0) endReadable(this);
    else emitReadable(this);
    return null;
  }

  n = howMuchToRead(n, state);

  if (n === 0 && (state[kState] & kEnded) !== 0) {
    if (state.length === 0) endReadable(this);
    return null;
  }

  // Decide whether to ask _read() for more before taking data out: a
  // synchronous _read() may fill the buffer enough to serve this call.
  let doRead = (state[kState] & kNeedReadable) !== 0;
  if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;

  if ((state[kState] & (kReading | kEnded | kDestroyed | kErrored | kConstructed)) !== kConstructed) {
    doRead = false;
  } else if (doRead) {
    state[kState] |= kReading | kSync;
    if (state.length === 0) state[kState] |= kNeedReadable;
    try {
      this._read(state.highWaterMark);
    } catch (err) {
      errorOrDestroy(this, err);
    }
    state[kState] &= ~kSync;
    // _read() pushed synchronously: recompute.
    if ((state[kState] & kReading) === 0) n = howMuchToRead(nOrig, state);
  }

  let ret = null;
  if (n > 0) ret = fromList(n, state);

  if (ret === null) {
    if (state.length <= state.highWaterMark) state[kState] |= kNeedReadable;
    n = 0;
  } else {
    state.length -= n;
    clearAwaitDrain(state);
  }

  if (state.length === 0) {
    // Nothing buffered: the next chunk should announce itself.
    if ((state[kState] & kEnded) === 0) state[kState] |= kNeedReadable;
    // Asked past the end: 'end' follows.
    if (nOrig !== n && (state[kState] & kEnded) !== 0) endReadable(this);
  }

  if (ret !== null && (state[kState] & (kErrorEmitted | kCloseEmitted)) === 0) {
    state[kState] |= kDataEmitted;
    this.emit('data', ret);
  }
  return ret;
};

function onEofChunk(stream, state) {
  if ((state[kState] & kEnded) !== 0) return;
  if ((state[kState] & kDecoder) !== 0) {
    const chunk = state[kDecoderValue].end();
    if (chunk?.length) {
      state.buffer.push(chunk);
      state.length += (state[kState] & kObjectMode) !== 0 ? 1 : chunk.length;
    }
  }
  state[kState] |= kEnded;

  if ((state[kState] & kSync) !== 0) {
    // Inside _read(): announce on the next tick, not from within read().
    emitReadable(stream);
  } else {
    // Announce now: some modules rely on 'readable' at EOF being synchronous.
    state[kState] = (state[kState] & ~kNeedReadable) | kEmittedReadable;
    emitReadable_(stream);
  }
}

// Schedules one 'readable' event (never synchronously: that could recurse
// into read()).
function emitReadable(stream) {
  const state = stream._readableState;
  state[kState] &= ~kNeedReadable;
  if ((state[kState] & kEmittedReadable) === 0) {
    state[kState] |= kEmittedReadable;
    process.nextTick(emitReadable_, stream);
  }
}

function emitReadable_(stream) {
  const state = stream._readableState;
  if ((state[kState] & (kDestroyed | kErrored)) === 0 &&
      (state.length !== 0 || (state[kState] & kEnded) !== 0)) {
    stream.emit('readable');
    state[kState] &= ~kEmittedReadable;
  }
  // Another 'readable' is owed unless flowing (flow() takes over), ended,
  // or above the highWaterMark (the consumer must read first).
  if ((state[kState] & (kFlowing | kEnded)) === 0 && state.length <= state.highWaterMark) {
    state[kState] |= kNeedReadable;
  }
  flow(stream);
}

// After a push, keep the buffer filled up to the highWaterMark (or, when
// flowing and empty, keep data moving) on the next tick.
function maybeReadMore(stream, state) {
  if ((state[kState] & (kReadingMore | kReading | kConstructed)) === kConstructed) {
    state[kState] |= kReadingMore;
    process.nextTick(maybeReadMore_, stream, state);
  }
}

function maybeReadMore_(stream, state) {
  while ((state[kState] & (kReading | kEnded)) === 0 &&
         (state.length < state.highWaterMark ||
          ((state[kState] & kFlowing) !== 0 && state.length === 0))) {
    const len = state.length;
    stream.read(0);
    // _read() answered asynchronously or not at all: stop here.
    if (len === state.length) break;
  }
  state[kState] &= ~kReadingMore;
}

Readable.prototype._read = function _read(n) {
  throw new ERR_METHOD_NOT_IMPLEMENTED('_read()');
};

Readable.prototype.pipe = function pipe(dest, pipeOpts) {
  const src = this;
  const state = this._readableState;

  // A second destination: track the writers we wait on in a Set.
  if (state.pipes.length === 1 && (state[kState] & kMultiAwaitDrain) === 0) {
    state[kState] |= kMultiAwaitDrain;
    state.awaitDrainWriters = new Set(state.awaitDrainWriters ? [state.awaitDrainWriters] : []);
  }
  state.pipes.push(dest);

  // Piping never ends stdout or stderr.
  const doEnd = (!pipeOpts || pipeOpts.end !== false) &&
    dest !== process.stdout && dest !== process.stderr;
  const endFn = doEnd ? onend : unpipe;
  if ((state[kState] & kEndEmitted) !== 0) process.nextTick(endFn);
  else src.once('end', endFn);

  let ondrain;
  let cleanedUp = false;

  function onunpipe(readable, unpipeInfo) {
    if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
      unpipeInfo.hasUnpiped = true;
      cleanup();
    }
  }

  function onend() {
    dest.end();
  }

  function cleanup() {
    dest.removeListener('close', onclose);
    dest.removeListener('finish', onfinish);
    if (ondrain) dest.removeListener('drain', ondrain);
    dest.removeListener('error', onerror);
    dest.removeListener('unpipe', onunpipe);
    src.removeListener('end', onend);
    src.removeListener('end', unpipe);
    src.removeListener('data', ondata);
    cleanedUp = true;
    // If the source waits on this destination's 'drain', stop waiting, or
    // it never flows again.
    if (ondrain && state.awaitDrainWriters &&
        (!dest._writableState || dest._writableState.needDrain)) {
      ondrain();
    }
  }

  function pause() {
    // The write that returned false may have unpiped: do not stay paused
    // for a destination we no longer feed.
    if (!cleanedUp) {
      if (state.pipes.length === 1 && state.pipes[0] === dest) {
        state.awaitDrainWriters = dest;
        state[kState] &= ~kMultiAwaitDrain;
      } else if (state.pipes.length > 1 && state.pipes.includes(dest)) {
        state.awaitDrainWriters.add(dest);
      }
      src.pause();
    }
    if (!ondrain) {
      ondrain = pipeOnDrain(src, dest);
      dest.on('drain', ondrain);
    }
  }

  function ondata(chunk) {
    if (dest.write(chunk) === false) pause();
  }

  // An error on the destination stops the pipe; it is still thrown when
  // nobody else handles it.
  function onerror(er) {
    unpipe();
    dest.removeListener('error', onerror);
    if (dest.listenerCount('error') === 0) {
      const s = dest._writableState || dest._readableState;
      if (s && !s.errorEmitted) {
        // Emitted by hand, not through destroy(): report it properly.
        errorOrDestroy(dest, er);
      } else {
        dest.emit('error', er);
      }
    }
  }

  function onclose() {
    dest.removeListener('finish', onfinish);
    unpipe();
  }

  function onfinish() {
    dest.removeListener('close', onclose);
    unpipe();
  }

  function unpipe() {
    src.unpipe(dest);
  }

  dest.on('unpipe', onunpipe);
  src.on('data', ondata);
  // Before the user's handlers, so the pipe is undone first.
  prependListener(dest, 'error', onerror);
  dest.once('close', onclose);
  dest.once('finish', onfinish);

  dest.emit('pipe', src);

  if (dest.writableNeedDrain === true) {
    pause();
  } else if ((state[kState] & kFlowing) === 0) {
    src.resume();
  }
  return dest;
};

function pipeOnDrain(src, dest) {
  return function pipeOnDrainFunctionResult() {
    const state = src._readableState;
    if (state.awaitDrainWriters === dest) {
      state.awaitDrainWriters = null;
    } else if ((state[kState] & kMultiAwaitDrain) !== 0) {
      state.awaitDrainWriters.delete(dest);
    }
    if ((!state.awaitDrainWriters || state.awaitDrainWriters.size === 0) &&
        (state[kState] & kDataListening) !== 0) {
      src.resume();
    }
  };
}

Readable.prototype.unpipe = function unpipe(dest) {
  const state = this._readableState;
  if (state.pipes.length === 0) return this;

  if (!dest) {
    const dests = state.pipes;
    state.pipes = [];
    this.pause();
    for (let i = 0; i < dests.length; i++) dests[i].emit('unpipe', this, { hasUnpiped: false });
    return this;
  }

  const index = state.pipes.indexOf(dest);
  if (index === -1) return this;
  state.pipes.splice(index, 1);
  if (state.pipes.length === 0) this.pause();
  dest.emit('unpipe', this, { hasUnpiped: false });
  return this;
};

// Adding 'data' starts the flow (unless explicitly paused); adding
// 'readable' switches to paused mode and announces what is buffered.
Readable.prototype.on = function on(ev, fn) {
  const res = Stream.prototype.on.call(this, ev, fn);
  const state = this._readableState;

  if (ev === 'data') {
    state[kState] |= kDataListening;
    // once('readable') then on('data'): resume() must see the listener.
    if (this.listenerCount('readable') > 0) state[kState] |= kReadableListening;
    if ((state[kState] & (kHasFlowing | kFlowing)) !== kHasFlowing) this.resume();
  } else if (ev === 'readable') {
    if ((state[kState] & (kEndEmitted | kReadableListening)) === 0) {
      state[kState] = (state[kState] | kReadableListening | kNeedReadable | kHasFlowing) &
        ~(kFlowing | kEmittedReadable);
      if (state.length) emitReadable(this);
      else if ((state[kState] & kReading) === 0) process.nextTick(nReadingNextTick, this);
    }
  }
  return res;
};
Readable.prototype.addListener = Readable.prototype.on;

Readable.prototype.removeListener = function removeListener(ev, fn) {
  const state = this._readableState;
  const res = Stream.prototype.removeListener.call(this, ev, fn);
  if (ev === 'readable') {
    // Re-evaluated on the next tick, after 'readable' has been emitted, so
    // once('readable') cycles keep working.
    process.nextTick(updateReadableListening, this);
  } else if (ev === 'data' && this.listenerCount('data') === 0) {
    state[kState] &= ~kDataListening;
  }
  return res;
};
Readable.prototype.off = Readable.prototype.removeListener;

Readable.prototype.removeAllListeners = function removeAllListeners(ev) {
  const res = Stream.prototype.removeAllListeners.apply(this, arguments);
  if (ev === 'readable' || ev === undefined) process.nextTick(updateReadableListening, this);
  return res;
};

function updateReadableListening(self) {
  const state = self._readableState;
  if (self.listenerCount('readable') > 0) state[kState] |= kReadableListening;
  else state[kState] &= ~kReadableListening;

  if ((state[kState] & (kHasPaused | kPaused | kResumeScheduled)) === (kHasPaused | kResumeScheduled)) {
    // resume() is pending: it must flow when it runs.
    state[kState] |= kHasFlowing | kFlowing;
  } else if ((state[kState] & kDataListening) !== 0) {
    self.resume();
  } else if ((state[kState] & kReadableListening) === 0) {
    state[kState] &= ~(kHasFlowing | kFlowing);
  }
}

function nReadingNextTick(self) {
  self.read(0);
}

Readable.prototype.resume = function resume() {
  const state = this._readableState;
  if ((state[kState] & kFlowing) === 0) {
    // With a 'readable' listener, resume() only records the intent.
    state[kState] |= kHasFlowing;
    if ((state[kState] & kReadableListening) === 0) state[kState] |= kFlowing;
    else state[kState] &= ~kFlowing;
    if ((state[kState] & kResumeScheduled) === 0) {
      state[kState] |= kResumeScheduled;
      process.nextTick(resume_, this, state);
    }
  }
  state[kState] = (state[kState] | kHasPaused) & ~kPaused;
  return this;
};

function resume_(stream, state) {
  if ((state[kState] & kReading) === 0) stream.read(0);
  state[kState] &= ~kResumeScheduled;
  stream.emit('resume');
  flow(stream);
  if ((state[kState] & (kFlowing | kReading)) === kFlowing) stream.read(0);
}

Readable.prototype.pause = function pause() {
  const state = this._readableState;
  if ((state[kState] & (kHasFlowing | kFlowing)) !== kHasFlowing) {
    state[kState] = (state[kState] | kHasFlowing) & ~kFlowing;
    this.emit('pause');
  }
  state[kState] |= kHasPaused | kPaused;
  return this;
};

function flow(stream) {
  const state = stream._readableState;
  while ((state[kState] & kFlowing) !== 0 && stream.read() !== null);
}

// Wraps an old-style stream (only 'data'/'end' events and pause/resume) as
// this Readable's source.
Readable.prototype.wrap = function wrap(stream) {
  let paused = false;

  stream.on('data', (chunk) => {
    if (!this.push(chunk) && stream.pause) {
      paused = true;
      stream.pause();
    }
  });
  stream.on('end', () => { this.push(null); });
  stream.on('error', (err) => { errorOrDestroy(this, err); });
  stream.on('close', () => { this.destroy(); });
  stream.on('destroy', () => { this.destroy(); });

  this._read = () => {
    if (paused && stream.resume) {
      paused = false;
      stream.resume();
    }
  };

  // Expose the wrapped stream's own methods (skipping the first key, which
  // is its _events).
  const keys = Object.keys(stream);
  for (let j = 1; j < keys.length; j++) {
    const key = keys[j];
    if (this[key] === undefined && typeof stream[key] === 'function') {
      this[key] = stream[key].bind(stream);
    }
  }
  return this;
};

Readable.prototype[Symbol.asyncIterator] = function() {
  return streamToAsyncIterator(this);
};

Readable.prototype.iterator = function iterator(options) {
  if (options !== undefined) validateObject(options, 'options');
  return streamToAsyncIterator(this, options);
};

function streamToAsyncIterator(stream, options) {
  if (typeof stream.read !== 'function') stream = Readable.wrap(stream, { objectMode: true });
  const iter = createAsyncIterator(stream, options);
  iter.stream = stream;
  return iter;
}

// Pulls with read() on 'readable'; finished() reports the end or the error.
// Leaving the loop early (break, return, throw) destroys the stream unless
// destroyOnReturn is false.
async function* createAsyncIterator(stream, options) {
  let callback = nop;

  // Both the 'readable' listener (this === stream) and the Promise executor
  // (this === undefined).
  function next(resolve) {
    if (this === stream) {
      callback();
      callback = nop;
    } else {
      callback = resolve;
    }
  }

  stream.on('readable', next);

  let error;
  const cleanup = eos(stream, { writable: false }, (err) => {
    error = err ? aggregateTwoErrors(error, err) : null;
    callback();
    callback = nop;
  });

  try {
    while (true) {
      const chunk = stream.destroyed ? null : stream.read();
      if (chunk !== null) {
        yield chunk;
      } else if (error) {
        throw error;
      } else if (error === null) {
        return;
      } else {
        await new Promise(next);
      }
    }
  } catch (err) {
    error = aggregateTwoErrors(error, err);
    throw error;
  } finally {
    if ((error || options?.destroyOnReturn !== false) &&
        (error === undefined || stream._readableState.autoDestroy)) {
      destroyImpl.destroyer(stream, null);
    } else {
      stream.off('readable', next);
      cleanup();
    }
  }
}

Object.defineProperties(Readable.prototype, {
  readable: {
    __proto__: null,
    configurable: true,
    get() {
      const r = this._readableState;
      // r.readable === false: the readable side of a Duplex switched off.
      return !!r && r.readable !== false &&
        (r[kState] & (kDestroyed | kErrorEmitted | kEndEmitted)) === 0;
    },
    set(val) {
      if (this._readableState) this._readableState.readable = !!val;
    },
  },
  readableDidRead: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return (this._readableState[kState] & kDataEmitted) !== 0; },
  },
  readableAborted: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() {
      const r = this._readableState;
      return r.readable !== false &&
        (r[kState] & (kDestroyed | kErrored)) !== 0 &&
        (r[kState] & kEndEmitted) === 0;
    },
  },
  readableHighWaterMark: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this._readableState.highWaterMark; },
  },
  readableBuffer: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this._readableState?.buffer; },
  },
  readableFlowing: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this._readableState.flowing; },
    set(value) {
      if (this._readableState) this._readableState.flowing = value;
    },
  },
  readableLength: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this._readableState.length; },
  },
  readableObjectMode: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this._readableState ? (this._readableState[kState] & kObjectMode) !== 0 : false; },
  },
  readableEncoding: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this._readableState ? this._readableState.encoding : null; },
  },
  errored: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this._readableState ? this._readableState.errored : null; },
  },
  closed: {
    __proto__: null,
    configurable: true,
    get() { return this._readableState ? (this._readableState[kState] & kClosed) !== 0 : false; },
  },
  destroyed: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this._readableState ? (this._readableState[kState] & kDestroyed) !== 0 : false; },
    set(value) {
      // Before construction there is no state to record it in.
      if (this._readableState) this._readableState.destroyed = value;
    },
  },
  readableEnded: {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() { return this._readableState ? (this._readableState[kState] & kEndEmitted) !== 0 : false; },
  },
});

// Takes n bytes/characters (or one object) off the front of the buffer.
// The caller has checked that n is available.
function fromList(n, state) {
  if (state.length === 0) return null;

  const buf = state.buffer;
  const len = buf.length;
  let idx = state.bufferIndex;
  let ret;

  if ((state[kState] & kObjectMode) !== 0) {
    ret = buf[idx];
    buf[idx++] = null;
  } else if (!n || n >= state.length) {
    // Everything.
    if ((state[kState] & kDecoder) !== 0) {
      ret = '';
      while (idx < len) {
        ret += buf[idx];
        buf[idx++] = null;
      }
    } else if (len - idx === 1) {
      ret = buf[idx];
      buf[idx++] = null;
    } else if (len - idx === 0) {
      ret = lazyBuffer().alloc(0);
    } else {
      ret = lazyBuffer().allocUnsafe(state.length);
      let offset = 0;
      while (idx < len) {
        const data = buf[idx];
        ret.set(data, offset);
        offset += data.length;
        buf[idx++] = null;
      }
    }
  } else if (n < buf[idx].length) {
    // Part of the first chunk (slice works for Buffers and strings).
    const first = buf[idx];
    ret = first.slice(0, n);
    buf[idx] = first.slice(n);
  } else if (n === buf[idx].length) {
    ret = buf[idx];
    buf[idx++] = null;
  } else if ((state[kState] & kDecoder) !== 0) {
    ret = '';
    while (idx < len) {
      const str = buf[idx];
      if (n > str.length) {
        ret += str;
        n -= str.length;
        buf[idx++] = null;
      } else {
        if (n === str.length) {
          ret += str;
          buf[idx++] = null;
        } else {
          ret += str.slice(0, n);
          buf[idx] = str.slice(n);
        }
        break;
      }
    }
  } else {
    ret = lazyBuffer().allocUnsafe(n);
    const total = n;
    while (idx < len) {
      const data = buf[idx];
      if (n > data.length) {
        ret.set(data, total - n);
        n -= data.length;
        buf[idx++] = null;
      } else {
        if (n === data.length) {
          ret.set(data, total - n);
          buf[idx++] = null;
        } else {
          ret.set(data.subarray(0, n), total - n);
          buf[idx] = data.subarray(n);
        }
        break;
      }
    }
  }

  // Compact now and then so the consumed head does not grow forever.
  if (idx === len) {
    buf.length = 0;
    state.bufferIndex = 0;
  } else if (idx > 1024) {
    buf.splice(0, idx);
    state.bufferIndex = 0;
  } else {
    state.bufferIndex = idx;
  }
  return ret;
}

// Exposed for tests, as in Node.
Readable._fromList = fromList;

function endReadable(stream) {
  const state = stream._readableState;
  if ((state[kState] & kEndEmitted) === 0) {
    state[kState] |= kEnded;
    process.nextTick(endReadableNT, state, stream);
  }
}

function endReadableNT(state, stream) {
  // A last unshift() may have put data back.
  if ((state[kState] & (kErrored | kCloseEmitted | kEndEmitted)) !== 0 || state.length !== 0) return;
  state[kState] |= kEndEmitted;
  stream.emit('end');

  if (stream.writable && stream.allowHalfOpen === false) {
    process.nextTick(endWritableNT, stream);
  } else if ((state[kState] & kAutoDestroy) !== 0) {
    // A Duplex is destroyed only once its writable side is done too (or
    // was never there).
    const w = stream._writableState;
    if (!w || (w.autoDestroy && (w.finished || w.writable === false))) stream.destroy();
  }
}

function endWritableNT(stream) {
  if (stream.writable && !stream.writableEnded && !stream.destroyed) stream.end();
}

let from;
Readable.from = function(iterable, opts) {
  from ??= require('internal/streams/from');
  return from(Readable, iterable, opts);
};

Readable.fromWeb = function fromWeb(readableStream, options) {
  return webStreamAdapters()
    .newStreamReadableFromReadableStream(readableStream, options);
};

Readable.toWeb = function toWeb(streamReadable, options) {
  return webStreamAdapters()
    .newReadableStreamFromStreamReadable(streamReadable, options);
};

// A Readable over an old-style stream.
Readable.wrap = function(src, options) {
  return new Readable({
    objectMode: src.readableObjectMode ?? src.objectMode ?? true,
    ...options,
    destroy(err, callback) {
      destroyImpl.destroyer(src, err);
      callback(err);
    },
  }).wrap(src);
};
