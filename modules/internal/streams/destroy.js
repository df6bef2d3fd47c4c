'use strict';
// destroy(), errors and async construction, shared by Readable, Writable and
// Duplex. A Duplex has both states; every flag is set on both so each side
// sees the stream as destroyed, errored or closed.
//
// Order of events on destroy(err): _destroy() runs now; its callback marks
// the stream closed, then on the next tick 'error' (once per stream) and
// then 'close' (when emitClose).

const {
  AbortError,
  aggregateTwoErrors,
  codes: { ERR_MULTIPLE_CALLBACK },
} = require('internal/errors');
const {
  kState,
  kErrorEmitted,
  kEmitClose,
  kClosed,
  kCloseEmitted,
  kConstructed,
  kDestroyed,
  kAutoDestroy,
  kErrored,
  kIsDestroyed,
  isDestroyed,
  isFinished,
  isServerRequest,
  isRequest,
} = require('internal/streams/utils');

const kDestroy = Symbol('kDestroy');
const kConstruct = Symbol('kConstruct');

function hasBit(state, bit) {
  return state !== undefined && state !== null && (state[kState] & bit) !== 0;
}

function recordError(err, w, r) {
  if (!err) return;
  // Capture the stack now: V8 keeps the error's frames alive otherwise.
  // eslint-disable-next-line no-unused-expressions
  err.stack;
  if (w && !w.errored) w.errored = err;
  if (r && !r.errored) r.errored = err;
}

// Stream.prototype.destroy for all three kinds. Returns this.
function destroy(err, cb) {
  const r = this._readableState;
  const w = this._writableState;

  if (hasBit(w, kDestroyed) || hasBit(r, kDestroyed)) {
    if (typeof cb === 'function') cb();
    return this;
  }

  recordError(err, w, r);
  if (w) w[kState] |= kDestroyed;
  if (r) r[kState] |= kDestroyed;

  // An async _construct() still running: destroy once it has finished.
  const s = w || r;
  if ((s[kState] & kConstructed) === 0) {
    this.once(kDestroy, function(er) {
      callDestroy(this, aggregateTwoErrors(er, err), cb);
    });
  } else {
    callDestroy(this, err, cb);
  }
  return this;
}

function callDestroy(self, err, cb) {
  let called = false;
  function onDestroy(er) {
    if (called) return;
    called = true;
    const r = self._readableState;
    const w = self._writableState;
    recordError(er, w, r);
    if (w) w[kState] |= kClosed;
    if (r) r[kState] |= kClosed;
    if (typeof cb === 'function') cb(er);
    if (er) process.nextTick(emitErrorCloseNT, self, er);
    else process.nextTick(emitCloseNT, self);
  }
  try {
    self._destroy(err || null, onDestroy);
  } catch (e) {
    onDestroy(e);
  }
}

function emitErrorCloseNT(self, err) {
  emitErrorNT(self, err);
  emitCloseNT(self);
}

function emitCloseNT(self) {
  const r = self._readableState;
  const w = self._writableState;
  if (w) w[kState] |= kCloseEmitted;
  if (r) r[kState] |= kCloseEmitted;
  if (hasBit(w, kEmitClose) || hasBit(r, kEmitClose)) self.emit('close');
}

// 'error' is emitted at most once per stream, whichever side failed.
function emitErrorNT(self, err) {
  const r = self._readableState;
  const w = self._writableState;
  if (hasBit(w, kErrorEmitted) || hasBit(r, kErrorEmitted)) return;
  if (w) w[kState] |= kErrorEmitted;
  if (r) r[kState] |= kErrorEmitted;
  self.emit('error', err);
}

// _undestroy(): back to a fresh state, for streams that are reused.
function undestroy() {
  const r = this._readableState;
  const w = this._writableState;
  if (r) {
    r.constructed = true;
    r.closed = false;
    r.closeEmitted = false;
    r.destroyed = false;
    r.errored = null;
    r.errorEmitted = false;
    r.reading = false;
    r.ended = r.readable === false;
    r.endEmitted = r.readable === false;
  }
  if (w) {
    w.constructed = true;
    w.destroyed = false;
    w.closed = false;
    w.closeEmitted = false;
    w.errored = null;
    w.errorEmitted = false;
    w.finalCalled = false;
    w.prefinished = false;
    w.ended = w.writable === false;
    w.ending = w.writable === false;
    w.finished = w.writable === false;
  }
}

// Reports err the way the stream is configured to: destroy(err) when
// autoDestroy, otherwise only mark it errored and emit 'error' (on the
// next tick when sync).
function errorOrDestroy(stream, err, sync) {
  const r = stream._readableState;
  const w = stream._writableState;
  // States from other implementations may lack the bit field.
  if ((w && (w[kState] !== undefined ? (w[kState] & kDestroyed) !== 0 : w.destroyed)) ||
      (r && (r[kState] !== undefined ? (r[kState] & kDestroyed) !== 0 : r.destroyed))) {
    return;
  }
  if (hasBit(r, kAutoDestroy) || hasBit(w, kAutoDestroy)) {
    stream.destroy(err);
  } else if (err) {
    // eslint-disable-next-line no-unused-expressions
    err.stack;
    if (w && !hasBit(w, kErrored)) w.errored = err;
    if (r && !hasBit(r, kErrored)) r.errored = err;
    if (sync) process.nextTick(emitErrorNT, stream, err);
    else emitErrorNT(stream, err);
  }
}

// Runs stream._construct(cb) on the next tick; until it calls back the
// stream neither reads, writes nor destroys. cb runs once it succeeded.
function construct(stream, cb) {
  if (typeof stream._construct !== 'function') return;
  const r = stream._readableState;
  const w = stream._writableState;
  if (r) r[kState] &= ~kConstructed;
  if (w) w[kState] &= ~kConstructed;
  stream.once(kConstruct, cb);
  // A Duplex registers from both constructors: construct once.
  if (stream.listenerCount(kConstruct) > 1) return;
  process.nextTick(constructNT, stream);
}

function constructNT(stream) {
  let called = false;
  function onConstruct(err) {
    if (called) {
      errorOrDestroy(stream, err ?? new ERR_MULTIPLE_CALLBACK());
      return;
    }
    called = true;
    const r = stream._readableState;
    const w = stream._writableState;
    if (r) r[kState] |= kConstructed;
    if (w) w[kState] |= kConstructed;
    if ((w || r).destroyed) stream.emit(kDestroy, err);
    else if (err) errorOrDestroy(stream, err, true);
    else stream.emit(kConstruct);
  }
  try {
    stream._construct((err) => { process.nextTick(onConstruct, err); });
  } catch (err) {
    process.nextTick(onConstruct, err);
  }
}

function emitCloseLegacy(stream) {
  stream.emit('close');
}

function emitErrorCloseLegacy(stream, err) {
  stream.emit('error', err);
  process.nextTick(emitCloseLegacy, stream);
}

// stream.destroy(stream, err): ends any stream-like object the way it
// understands (abort() for client requests, destroy(), close()). A stream
// destroyed before it finished gets an AbortError.
function destroyer(stream, err) {
  if (!stream || isDestroyed(stream)) return;
  if (!err && !isFinished(stream)) err = new AbortError();
  if (isServerRequest(stream)) {
    stream.socket = null;
    stream.destroy(err);
  } else if (isRequest(stream)) {
    stream.abort();
  } else if (isRequest(stream.req)) {
    stream.req.abort();
  } else if (typeof stream.destroy === 'function') {
    stream.destroy(err);
  } else if (typeof stream.close === 'function') {
    stream.close();
  } else if (err) {
    process.nextTick(emitErrorCloseLegacy, stream, err);
  } else {
    process.nextTick(emitCloseLegacy, stream);
  }
  if (!stream.destroyed) stream[kIsDestroyed] = true;
}

module.exports = {
  construct,
  destroyer,
  destroy,
  undestroy,
  errorOrDestroy,
  kDestroy,
  kConstruct,
};
