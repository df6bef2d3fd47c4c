'use strict';
// ReadableStream of the WHATWG Streams Standard: default and byte streams,
// default and BYOB readers, tee, pipeTo/pipeThrough, async iteration and
// ReadableStream.from. The algorithms follow the standard's steps; their
// names are kept in comments where the code departs from a one-to-one
// reading.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE, ERR_ILLEGAL_CONSTRUCTOR },
  AbortError,
} = require('internal/errors');
const {
  kState, kType, createDeferred, setPromiseHandled, promiseCall, invalidState, resetQueue,
  enqueueValueWithSize, dequeueValue, extractHighWaterMark, extractSizeAlgorithm, transferArrayBuffer,
  isDetached, copyBytes, isObjectLike, method, customInspect, inspectWith,
} = require('internal/webstreams/util');

// What node:stream's finished(), pipeline() and addAbortSignal() read on a
// web stream (internal/streams/utils): the closed promise, the state flags
// and a way to error it.
const {
  kIsClosedPromise, kIsDisturbed, kIsErrored, kIsReadable, kControllerErrorFunction,
} = require('internal/streams/utils');

const kInternal = Symbol('kInternal');
let writableInternals;
function writable() {
  writableInternals ??= require('internal/webstreams/writablestream');
  return writableInternals;
}

// ====================================================================
// ReadableStream
// ====================================================================

class ReadableStream {
  constructor(source = undefined, strategy = undefined) {
    if (source === kInternal) {
      initStream(this);
      return;
    }
    if (source !== undefined && source !== null && !isObjectLike(source)) {
      throw new ERR_INVALID_ARG_TYPE('source', 'Object', source);
    }
    if (strategy !== undefined && strategy !== null && !isObjectLike(strategy)) {
      throw new ERR_INVALID_ARG_TYPE('strategy', 'Object', strategy);
    }
    initStream(this);
    const type = source?.type;
    if (type !== undefined && `${type}` === 'bytes') {
      if (strategy?.size !== undefined) {
        throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.size', strategy.size);
      }
      setupByteControllerFromSource(this, source, extractHighWaterMark(strategy, 0));
    } else if (type !== undefined) {
      throw new ERR_INVALID_ARG_VALUE.TypeError('source.type', type);
    } else {
      setupDefaultControllerFromSource(this, source ?? {}, extractHighWaterMark(strategy, 1),
        extractSizeAlgorithm(strategy));
    }
  }

  get locked() {
    assertStream(this);
    return isLocked(this);
  }

  cancel(reason = undefined) {
    if (!isReadableStream(this)) return Promise.reject(new ERR_INVALID_THIS_('ReadableStream'));
    if (isLocked(this)) return Promise.reject(invalidState('ReadableStream is locked'));
    return streamCancel(this, reason);
  }

  getReader(options = undefined) {
    assertStream(this);
    if (options !== undefined && options !== null && !isObjectLike(options)) {
      throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    const mode = options?.mode;
    if (mode === undefined) return new ReadableStreamDefaultReader(this);
    if (`${mode}` !== 'byob') throw new ERR_INVALID_ARG_VALUE('options.mode', mode);
    return new ReadableStreamBYOBReader(this);
  }

  pipeThrough(transform, options = undefined) {
    assertStream(this);
    if (!isObjectLike(transform)) throw new ERR_INVALID_ARG_TYPE('transform', 'Object', transform);
    const { readable, writable: dest } = transform;
    if (!isReadableStream(readable)) {
      throw new ERR_INVALID_ARG_TYPE('transform.readable', 'ReadableStream', readable);
    }
    if (!writable().isWritableStream(dest)) {
      throw new ERR_INVALID_ARG_TYPE('transform.writable', 'WritableStream', dest);
    }
    const opts = pipeOptions(options);
    if (isLocked(this)) throw invalidState('The ReadableStream is locked');
    if (writable().isLocked(dest)) throw invalidState('The WritableStream is locked');
    const promise = pipeTo(this, dest, opts);
    setPromiseHandled(promise);
    return readable;
  }

  pipeTo(destination, options = undefined) {
    if (!isReadableStream(this)) return Promise.reject(new ERR_INVALID_THIS_('ReadableStream'));
    if (!writable().isWritableStream(destination)) {
      return Promise.reject(new ERR_INVALID_ARG_TYPE('destination', 'WritableStream', destination));
    }
    let opts;
    try {
      opts = pipeOptions(options);
    } catch (err) {
      return Promise.reject(err);
    }
    if (isLocked(this)) return Promise.reject(invalidState('The ReadableStream is locked'));
    if (writable().isLocked(destination)) return Promise.reject(invalidState('The WritableStream is locked'));
    return pipeTo(this, destination, opts);
  }

  tee() {
    assertStream(this);
    const [a, b] = this[kState].controller[kType] === 'bytes' ? byteTee(this) : defaultTee(this);
    return [a, b];
  }

  values(options = undefined) {
    assertStream(this);
    const preventCancel = Boolean(options?.preventCancel);
    const reader = new ReadableStreamDefaultReader(this);
    return createAsyncIterator(reader, preventCancel);
  }

  static from(asyncIterable) {
    return streamFromIterable(asyncIterable);
  }

  [customInspect](depth, options, inspect) {
    return Reflect.apply(inspectWith('ReadableStream', (s) => ({
      locked: isLocked(s), state: s[kState].state, supportsBYOB: s[kState].controller?.[kType] === 'bytes',
    })), this, [depth, options, inspect]);
  }
}
ReadableStream.prototype[Symbol.asyncIterator] = ReadableStream.prototype.values;
Object.defineProperties(ReadableStream.prototype, {
  [kIsDisturbed]: { configurable: true, get() { return this[kState].disturbed; } },
  [kIsErrored]: { configurable: true, get() { return this[kState].state === 'errored'; } },
  [kIsReadable]: { configurable: true, get() { return this[kState].state === 'readable'; } },
  [kControllerErrorFunction]: {
    configurable: true,
    get() {
      const controller = this[kState].controller;
      return (err) => controller.error(err);
    },
  },
});
Object.defineProperty(ReadableStream.prototype, Symbol.toStringTag, {
  value: 'ReadableStream', configurable: true,
});

class ERR_INVALID_THIS_ extends TypeError {
  constructor(type) {
    super(`Value of "this" must be of type ${type}`);
    this.code = 'ERR_INVALID_THIS';
  }
}

function initStream(stream) {
  stream[kState] = {
    state: 'readable',
    reader: undefined,
    storedError: undefined,
    disturbed: false,
    controller: undefined,
  };
  stream[kIsClosedPromise] = createDeferred();
  setPromiseHandled(stream[kIsClosedPromise].promise);
}

function isReadableStream(value) {
  return typeof value === 'object' && value !== null && value instanceof ReadableStream &&
    value[kState] !== undefined;
}

function assertStream(value) {
  if (!isReadableStream(value)) throw new ERR_INVALID_THIS_('ReadableStream');
}

function isLocked(stream) {
  return stream[kState].reader !== undefined;
}

function pipeOptions(options) {
  if (options !== undefined && options !== null && !isObjectLike(options)) {
    throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  const signal = options?.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
  }
  return {
    preventClose: Boolean(options?.preventClose),
    preventAbort: Boolean(options?.preventAbort),
    preventCancel: Boolean(options?.preventCancel),
    signal,
  };
}

// Creates a stream with a default controller from algorithms (used by
// TransformStream, tee and from()).
function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1,
  sizeAlgorithm = () => 1) {
  const stream = new ReadableStream(kInternal);
  const controller = Object.create(ReadableStreamDefaultController.prototype);
  setupDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark,
    sizeAlgorithm);
  return stream;
}

function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
  const stream = new ReadableStream(kInternal);
  const controller = Object.create(ReadableByteStreamController.prototype);
  setupByteController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
  return stream;
}

// ---- stream-level abstract operations ----

function streamCancel(stream, reason) {
  const state = stream[kState];
  state.disturbed = true;
  if (state.state === 'closed') return Promise.resolve();
  if (state.state === 'errored') return Promise.reject(state.storedError);
  streamClose(stream);
  const reader = state.reader;
  if (reader !== undefined && reader[kType] === 'byob') {
    const requests = reader[kState].readIntoRequests;
    reader[kState].readIntoRequests = [];
    for (const req of requests) req.close(undefined);
  }
  return state.controller[kCancel](reason).then(() => undefined);
}

function streamClose(stream) {
  const state = stream[kState];
  state.state = 'closed';
  stream[kIsClosedPromise].resolve();
  const reader = state.reader;
  if (reader === undefined) return;
  reader[kState].closed.resolve();
  if (reader[kType] === 'default') {
    const requests = reader[kState].readRequests;
    reader[kState].readRequests = [];
    for (const req of requests) req.close();
  }
}

function streamError(stream, e) {
  const state = stream[kState];
  state.state = 'errored';
  state.storedError = e;
  stream[kIsClosedPromise].reject(e);
  const reader = state.reader;
  if (reader === undefined) return;
  reader[kState].closed.reject(e);
  setPromiseHandled(reader[kState].closed.promise);
  if (reader[kType] === 'default') {
    const requests = reader[kState].readRequests;
    reader[kState].readRequests = [];
    for (const req of requests) req.error(e);
  } else {
    const requests = reader[kState].readIntoRequests;
    reader[kState].readIntoRequests = [];
    for (const req of requests) req.error(e);
  }
}

function fulfillReadRequest(stream, chunk, done) {
  const reader = stream[kState].reader;
  const req = reader[kState].readRequests.shift();
  if (done) req.close();
  else req.chunk(chunk);
}

function numReadRequests(stream) {
  return stream[kState].reader[kState].readRequests.length;
}

function hasDefaultReader(stream) {
  const reader = stream[kState].reader;
  return reader !== undefined && reader[kType] === 'default';
}

function hasBYOBReader(stream) {
  const reader = stream[kState].reader;
  return reader !== undefined && reader[kType] === 'byob';
}

function addReadRequest(stream, req) {
  stream[kState].reader[kState].readRequests.push(req);
}

// ====================================================================
// Readers
// ====================================================================

const kCancel = Symbol('kCancel');
const kPull = Symbol('kPull');
const kRelease = Symbol('kRelease');

function readerInit(reader, stream) {
  reader[kState] = { stream, closed: createDeferred(), readRequests: [], readIntoRequests: [] };
  stream[kState].reader = reader;
  const state = stream[kState].state;
  if (state === 'closed') {
    reader[kState].closed.resolve();
  } else if (state === 'errored') {
    reader[kState].closed.reject(stream[kState].storedError);
    setPromiseHandled(reader[kState].closed.promise);
  }
}

function readerGenericCancel(reader, reason) {
  return streamCancel(reader[kState].stream, reason);
}

function readerGenericRelease(reader) {
  const stream = reader[kState].stream;
  const err = invalidState('Reader released');
  if (stream[kState].state === 'readable') {
    reader[kState].closed.reject(err);
  } else {
    reader[kState].closed = createDeferred();
    reader[kState].closed.reject(err);
  }
  setPromiseHandled(reader[kState].closed.promise);
  stream[kState].controller[kRelease]();
  stream[kState].reader = undefined;
  reader[kState].stream = undefined;
}

class ReadableStreamDefaultReader {
  constructor(stream) {
    if (!isReadableStream(stream)) throw new ERR_INVALID_ARG_TYPE('stream', 'ReadableStream', stream);
    if (isLocked(stream)) throw invalidState('ReadableStream is locked');
    this[kType] = 'default';
    readerInit(this, stream);
  }

  read() {
    if (!isDefaultReader(this)) return Promise.reject(new ERR_INVALID_THIS_('ReadableStreamDefaultReader'));
    const stream = this[kState].stream;
    if (stream === undefined) return Promise.reject(invalidState('The reader is not attached to a stream'));
    const { promise, resolve, reject } = createDeferred();
    defaultReaderRead(this, {
      chunk: (value) => resolve({ value, done: false }),
      close: () => resolve({ value: undefined, done: true }),
      error: reject,
    });
    return promise;
  }

  releaseLock() {
    if (!isDefaultReader(this)) throw new ERR_INVALID_THIS_('ReadableStreamDefaultReader');
    if (this[kState].stream === undefined) return;
    readerGenericRelease(this);
    const err = invalidState('Releasing reader');
    const requests = this[kState].readRequests;
    this[kState].readRequests = [];
    for (const req of requests) req.error(err);
  }

  get closed() {
    if (!isDefaultReader(this)) return Promise.reject(new ERR_INVALID_THIS_('ReadableStreamDefaultReader'));
    return this[kState].closed.promise;
  }

  cancel(reason = undefined) {
    if (!isDefaultReader(this)) return Promise.reject(new ERR_INVALID_THIS_('ReadableStreamDefaultReader'));
    if (this[kState].stream === undefined) return Promise.reject(invalidState('The reader is not attached to a stream'));
    return readerGenericCancel(this, reason);
  }

  [customInspect](depth, options, inspect) {
    return Reflect.apply(inspectWith('ReadableStreamDefaultReader', (r) => ({
      stream: r[kState].stream, readRequests: r[kState].readRequests.length, close: r[kState].closed.promise,
    })), this, [depth, options, inspect]);
  }
}
Object.defineProperty(ReadableStreamDefaultReader.prototype, Symbol.toStringTag, {
  value: 'ReadableStreamDefaultReader', configurable: true,
});

function isDefaultReader(value) {
  return typeof value === 'object' && value !== null && value[kType] === 'default' &&
    value instanceof ReadableStreamDefaultReader;
}

function defaultReaderRead(reader, req) {
  const stream = reader[kState].stream;
  stream[kState].disturbed = true;
  const state = stream[kState].state;
  if (state === 'closed') req.close();
  else if (state === 'errored') req.error(stream[kState].storedError);
  else stream[kState].controller[kPull](req);
}

class ReadableStreamBYOBReader {
  constructor(stream) {
    if (!isReadableStream(stream)) throw new ERR_INVALID_ARG_TYPE('stream', 'ReadableStream', stream);
    if (isLocked(stream)) throw invalidState('ReadableStream is locked');
    if (stream[kState].controller[kType] !== 'bytes') {
      throw new ERR_INVALID_ARG_VALUE('stream', stream, 'must be a byte stream');
    }
    this[kType] = 'byob';
    readerInit(this, stream);
  }

  read(view, options = undefined) {
    if (!isBYOBReader(this)) return Promise.reject(new ERR_INVALID_THIS_('ReadableStreamBYOBReader'));
    if (!ArrayBuffer.isView(view)) {
      return Promise.reject(new ERR_INVALID_ARG_TYPE('view', ['Buffer', 'TypedArray', 'DataView'], view));
    }
    if (view.byteLength === 0) return Promise.reject(new ERR_INVALID_STATE.TypeError('View must not be empty'));
    if (view.buffer.byteLength === 0 || isDetached(view.buffer)) {
      return Promise.reject(new ERR_INVALID_STATE.TypeError('View buffer must not be detached'));
    }
    let min = 1;
    if (options !== undefined && options !== null) {
      if (!isObjectLike(options)) return Promise.reject(new ERR_INVALID_ARG_TYPE('options', 'Object', options));
      if (options.min !== undefined) min = +options.min;
    }
    if (!(min > 0) || min !== Math.floor(min)) {
      return Promise.reject(new ERR_INVALID_ARG_VALUE.TypeError('options.min', options?.min));
    }
    const elements = view instanceof DataView ? view.byteLength : view.length;
    if (min > elements) return Promise.reject(new ERR_INVALID_ARG_VALUE.RangeError('options.min', min));
    if (this[kState].stream === undefined) return Promise.reject(invalidState('The reader is not attached to a stream'));
    const { promise, resolve, reject } = createDeferred();
    byobReaderRead(this, view, min, {
      chunk: (value) => resolve({ value, done: false }),
      close: (value) => resolve({ value, done: true }),
      error: reject,
    });
    return promise;
  }

  releaseLock() {
    if (!isBYOBReader(this)) throw new ERR_INVALID_THIS_('ReadableStreamBYOBReader');
    if (this[kState].stream === undefined) return;
    readerGenericRelease(this);
    const err = invalidState('Releasing reader');
    const requests = this[kState].readIntoRequests;
    this[kState].readIntoRequests = [];
    for (const req of requests) req.error(err);
  }

  get closed() {
    if (!isBYOBReader(this)) return Promise.reject(new ERR_INVALID_THIS_('ReadableStreamBYOBReader'));
    return this[kState].closed.promise;
  }

  cancel(reason = undefined) {
    if (!isBYOBReader(this)) return Promise.reject(new ERR_INVALID_THIS_('ReadableStreamBYOBReader'));
    if (this[kState].stream === undefined) return Promise.reject(invalidState('The reader is not attached to a stream'));
    return readerGenericCancel(this, reason);
  }
}
Object.defineProperty(ReadableStreamBYOBReader.prototype, Symbol.toStringTag, {
  value: 'ReadableStreamBYOBReader', configurable: true,
});

function isBYOBReader(value) {
  return typeof value === 'object' && value !== null && value[kType] === 'byob' &&
    value instanceof ReadableStreamBYOBReader;
}

function byobReaderRead(reader, view, min, req) {
  const stream = reader[kState].stream;
  stream[kState].disturbed = true;
  if (stream[kState].state === 'errored') req.error(stream[kState].storedError);
  else byteControllerPullInto(stream[kState].controller, view, min, req);
}

// ====================================================================
// ReadableStreamDefaultController
// ====================================================================

class ReadableStreamDefaultController {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get desiredSize() {
    return defaultControllerDesiredSize(this);
  }

  close() {
    if (!defaultControllerCanClose(this)) throw invalidState('Controller is already closed');
    defaultControllerClose(this);
  }

  enqueue(chunk = undefined) {
    if (!defaultControllerCanClose(this)) throw invalidState('Controller is already closed');
    defaultControllerEnqueue(this, chunk);
  }

  error(e = undefined) {
    defaultControllerError(this, e);
  }

  [kCancel](reason) {
    resetQueue(this);
    const result = this[kState].cancelAlgorithm(reason);
    defaultControllerClearAlgorithms(this);
    return result;
  }

  [kPull](req) {
    const state = this[kState];
    const stream = state.stream;
    if (state.queue.length > 0) {
      const chunk = dequeueValue(this);
      if (state.closeRequested && state.queue.length === 0) {
        defaultControllerClearAlgorithms(this);
        streamClose(stream);
      } else {
        defaultControllerCallPullIfNeeded(this);
      }
      req.chunk(chunk);
    } else {
      addReadRequest(stream, req);
      defaultControllerCallPullIfNeeded(this);
    }
  }

  [kRelease]() {}
}
Object.defineProperty(ReadableStreamDefaultController.prototype, Symbol.toStringTag, {
  value: 'ReadableStreamDefaultController', configurable: true,
});

function setupDefaultControllerFromSource(stream, source, highWaterMark, sizeAlgorithm) {
  const controller = Object.create(ReadableStreamDefaultController.prototype);
  const start = method(source, 'start', 'source');
  const pull = method(source, 'pull', 'source');
  const cancel = method(source, 'cancel', 'source');
  setupDefaultController(stream, controller,
    () => (start ? Reflect.apply(start, source, [controller]) : undefined),
    () => (pull ? promiseCall(pull, source, controller) : Promise.resolve()),
    (reason) => (cancel ? promiseCall(cancel, source, reason) : Promise.resolve()),
    highWaterMark, sizeAlgorithm);
}

function setupDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark,
  sizeAlgorithm) {
  controller[kType] = 'default';
  controller[kState] = {
    stream,
    queue: [],
    queueTotalSize: 0,
    started: false,
    closeRequested: false,
    pullAgain: false,
    pulling: false,
    strategySizeAlgorithm: sizeAlgorithm,
    strategyHWM: highWaterMark,
    pullAlgorithm,
    cancelAlgorithm,
  };
  stream[kState].controller = controller;
  const startResult = startAlgorithm();
  Promise.resolve(startResult).then(() => {
    controller[kState].started = true;
    defaultControllerCallPullIfNeeded(controller);
  }, (r) => defaultControllerError(controller, r));
}

function defaultControllerCallPullIfNeeded(controller) {
  if (!defaultControllerShouldCallPull(controller)) return;
  const state = controller[kState];
  if (state.pulling) {
    state.pullAgain = true;
    return;
  }
  state.pulling = true;
  state.pullAlgorithm(controller).then(() => {
    state.pulling = false;
    if (state.pullAgain) {
      state.pullAgain = false;
      defaultControllerCallPullIfNeeded(controller);
    }
  }, (e) => defaultControllerError(controller, e));
}

function defaultControllerShouldCallPull(controller) {
  const state = controller[kState];
  const stream = state.stream;
  if (!defaultControllerCanClose(controller)) return false;
  if (!state.started) return false;
  if (isLocked(stream) && hasDefaultReader(stream) && numReadRequests(stream) > 0) return true;
  return defaultControllerDesiredSize(controller) > 0;
}

function defaultControllerClearAlgorithms(controller) {
  const state = controller[kState];
  state.pullAlgorithm = undefined;
  state.cancelAlgorithm = undefined;
  state.strategySizeAlgorithm = undefined;
}

function defaultControllerClose(controller) {
  if (!defaultControllerCanClose(controller)) return;
  const state = controller[kState];
  state.closeRequested = true;
  if (state.queue.length === 0) {
    defaultControllerClearAlgorithms(controller);
    streamClose(state.stream);
  }
}

function defaultControllerEnqueue(controller, chunk) {
  if (!defaultControllerCanClose(controller)) return;
  const state = controller[kState];
  const stream = state.stream;
  if (isLocked(stream) && hasDefaultReader(stream) && numReadRequests(stream) > 0) {
    fulfillReadRequest(stream, chunk, false);
  } else {
    let size;
    try {
      size = state.strategySizeAlgorithm(chunk);
    } catch (err) {
      defaultControllerError(controller, err);
      throw err;
    }
    try {
      enqueueValueWithSize(controller, chunk, size);
    } catch (err) {
      defaultControllerError(controller, err);
      throw err;
    }
  }
  defaultControllerCallPullIfNeeded(controller);
}

function defaultControllerError(controller, e) {
  const state = controller[kState];
  if (state.stream[kState].state !== 'readable') return;
  resetQueue(controller);
  defaultControllerClearAlgorithms(controller);
  streamError(state.stream, e);
}

function defaultControllerDesiredSize(controller) {
  const state = controller[kState];
  const streamState = state.stream[kState].state;
  if (streamState === 'errored') return null;
  if (streamState === 'closed') return 0;
  return state.strategyHWM - state.queueTotalSize;
}

function defaultControllerHasBackpressure(controller) {
  return !defaultControllerShouldCallPull(controller);
}

function defaultControllerCanClose(controller) {
  const state = controller[kState];
  return !state.closeRequested && state.stream[kState].state === 'readable';
}

// ====================================================================
// ReadableByteStreamController and ReadableStreamBYOBRequest
// ====================================================================

class ReadableStreamBYOBRequest {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get view() {
    return this[kState].view;
  }

  respond(bytesWritten) {
    const { controller, view } = this[kState];
    if (controller === undefined) throw invalidState('This BYOB request has been invalidated');
    const n = +bytesWritten;
    if (!(n >= 0) || n !== Math.floor(n)) throw new ERR_INVALID_ARG_VALUE.RangeError('bytesWritten', bytesWritten);
    if (isDetached(view.buffer)) throw new ERR_INVALID_STATE.TypeError('Viewed ArrayBuffer is detached');
    byteControllerRespond(controller, n);
  }

  respondWithNewView(view) {
    const { controller } = this[kState];
    if (controller === undefined) throw invalidState('This BYOB request has been invalidated');
    if (!ArrayBuffer.isView(view)) throw new ERR_INVALID_ARG_TYPE('view', ['TypedArray', 'DataView'], view);
    if (isDetached(view.buffer)) throw new ERR_INVALID_STATE.TypeError('Viewed ArrayBuffer is detached');
    byteControllerRespondWithNewView(controller, view);
  }
}
Object.defineProperty(ReadableStreamBYOBRequest.prototype, Symbol.toStringTag, {
  value: 'ReadableStreamBYOBRequest', configurable: true,
});

class ReadableByteStreamController {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get byobRequest() {
    return byteControllerGetBYOBRequest(this);
  }

  get desiredSize() {
    return byteControllerDesiredSize(this);
  }

  close() {
    const state = this[kState];
    if (state.closeRequested) throw invalidState('Controller is already closed');
    if (state.stream[kState].state !== 'readable') throw invalidState('ReadableStream is already closed');
    byteControllerClose(this);
  }

  enqueue(chunk) {
    const state = this[kState];
    if (!ArrayBuffer.isView(chunk)) throw new ERR_INVALID_ARG_TYPE('chunk', ['Buffer', 'TypedArray', 'DataView'], chunk);
    if (chunk.byteLength === 0) throw new ERR_INVALID_STATE.TypeError('chunk must not be empty');
    if (chunk.buffer.byteLength === 0 || isDetached(chunk.buffer)) {
      throw new ERR_INVALID_STATE.TypeError('chunk ArrayBuffer is zero-length or detached');
    }
    if (state.closeRequested) throw invalidState('Controller is already closed');
    if (state.stream[kState].state !== 'readable') throw invalidState('ReadableStream is already closed');
    byteControllerEnqueue(this, chunk);
  }

  error(e = undefined) {
    byteControllerError(this, e);
  }

  [kCancel](reason) {
    byteControllerClearPendingPullIntos(this);
    resetQueue(this);
    const result = this[kState].cancelAlgorithm(reason);
    byteControllerClearAlgorithms(this);
    return result;
  }

  [kPull](req) {
    const state = this[kState];
    const stream = state.stream;
    if (state.queueTotalSize > 0) {
      byteControllerFillReadRequestFromQueue(this, req);
      return;
    }
    const size = state.autoAllocateChunkSize;
    if (size !== undefined) {
      let buffer;
      try {
        buffer = new ArrayBuffer(size);
      } catch (err) {
        req.error(err);
        return;
      }
      state.pendingPullIntos.push({
        buffer, bufferByteLength: size, byteOffset: 0, byteLength: size, bytesFilled: 0, minimumFill: 1,
        elementSize: 1, viewConstructor: Uint8Array, readerType: 'default',
      });
    }
    addReadRequest(stream, req);
    byteControllerCallPullIfNeeded(this);
  }

  [kRelease]() {
    const state = this[kState];
    if (state.pendingPullIntos.length > 0) {
      const first = state.pendingPullIntos[0];
      first.readerType = 'none';
      state.pendingPullIntos = [first];
    }
  }
}
Object.defineProperty(ReadableByteStreamController.prototype, Symbol.toStringTag, {
  value: 'ReadableByteStreamController', configurable: true,
});

function setupByteControllerFromSource(stream, source, highWaterMark) {
  const controller = Object.create(ReadableByteStreamController.prototype);
  const start = method(source, 'start', 'source');
  const pull = method(source, 'pull', 'source');
  const cancel = method(source, 'cancel', 'source');
  let autoAllocateChunkSize = source.autoAllocateChunkSize;
  if (autoAllocateChunkSize !== undefined) {
    autoAllocateChunkSize = +autoAllocateChunkSize;
    if (!(autoAllocateChunkSize > 0) || autoAllocateChunkSize !== Math.floor(autoAllocateChunkSize)) {
      throw new ERR_INVALID_ARG_VALUE.TypeError('source.autoAllocateChunkSize', source.autoAllocateChunkSize);
    }
  }
  setupByteController(stream, controller,
    () => (start ? Reflect.apply(start, source, [controller]) : undefined),
    () => (pull ? promiseCall(pull, source, controller) : Promise.resolve()),
    (reason) => (cancel ? promiseCall(cancel, source, reason) : Promise.resolve()),
    highWaterMark, autoAllocateChunkSize);
}

function setupByteController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark,
  autoAllocateChunkSize) {
  controller[kType] = 'bytes';
  controller[kState] = {
    stream,
    byobRequest: null,
    queue: [],
    queueTotalSize: 0,
    started: false,
    closeRequested: false,
    pullAgain: false,
    pulling: false,
    strategyHWM: highWaterMark,
    pullAlgorithm,
    cancelAlgorithm,
    autoAllocateChunkSize,
    pendingPullIntos: [],
  };
  stream[kState].controller = controller;
  const startResult = startAlgorithm();
  Promise.resolve(startResult).then(() => {
    controller[kState].started = true;
    byteControllerCallPullIfNeeded(controller);
  }, (r) => byteControllerError(controller, r));
}

function byteControllerGetBYOBRequest(controller) {
  const state = controller[kState];
  if (state.byobRequest === null && state.pendingPullIntos.length > 0) {
    const first = state.pendingPullIntos[0];
    const view = new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled,
      first.byteLength - first.bytesFilled);
    const request = Object.create(ReadableStreamBYOBRequest.prototype);
    request[kState] = { controller, view };
    state.byobRequest = request;
  }
  return state.byobRequest;
}

function byteControllerDesiredSize(controller) {
  const state = controller[kState];
  const streamState = state.stream[kState].state;
  if (streamState === 'errored') return null;
  if (streamState === 'closed') return 0;
  return state.strategyHWM - state.queueTotalSize;
}

function byteControllerCallPullIfNeeded(controller) {
  if (!byteControllerShouldCallPull(controller)) return;
  const state = controller[kState];
  if (state.pulling) {
    state.pullAgain = true;
    return;
  }
  state.pulling = true;
  state.pullAlgorithm(controller).then(() => {
    state.pulling = false;
    if (state.pullAgain) {
      state.pullAgain = false;
      byteControllerCallPullIfNeeded(controller);
    }
  }, (e) => byteControllerError(controller, e));
}

function byteControllerShouldCallPull(controller) {
  const state = controller[kState];
  const stream = state.stream;
  if (stream[kState].state !== 'readable' || state.closeRequested || !state.started) return false;
  if (hasDefaultReader(stream) && numReadRequests(stream) > 0) return true;
  if (hasBYOBReader(stream) && stream[kState].reader[kState].readIntoRequests.length > 0) return true;
  return byteControllerDesiredSize(controller) > 0;
}

function byteControllerClearAlgorithms(controller) {
  controller[kState].pullAlgorithm = undefined;
  controller[kState].cancelAlgorithm = undefined;
}

function byteControllerInvalidateBYOBRequest(controller) {
  const state = controller[kState];
  if (state.byobRequest === null) return;
  state.byobRequest[kState].controller = undefined;
  state.byobRequest[kState].view = null;
  state.byobRequest = null;
}

function byteControllerClearPendingPullIntos(controller) {
  byteControllerInvalidateBYOBRequest(controller);
  controller[kState].pendingPullIntos = [];
}

function byteControllerClose(controller) {
  const state = controller[kState];
  if (state.closeRequested || state.stream[kState].state !== 'readable') return;
  if (state.queueTotalSize > 0) {
    state.closeRequested = true;
    return;
  }
  if (state.pendingPullIntos.length > 0) {
    const first = state.pendingPullIntos[0];
    if (first.bytesFilled % first.elementSize !== 0) {
      const e = new ERR_INVALID_STATE.TypeError('Partial read');
      byteControllerError(controller, e);
      throw e;
    }
  }
  byteControllerClearAlgorithms(controller);
  streamClose(state.stream);
}

function byteControllerEnqueue(controller, chunk) {
  const state = controller[kState];
  const stream = state.stream;
  if (state.closeRequested || stream[kState].state !== 'readable') return;
  let { buffer, byteOffset } = chunk;
  const byteLength = chunk.byteLength;
  if (isDetached(buffer)) throw new ERR_INVALID_STATE.TypeError('chunk ArrayBuffer is detached');
  // The standard detaches the chunk's buffer. A view of part of a larger
  // buffer (a Buffer from the pool, or a view of a receive slab shared with
  // other Buffers) is copied instead: detaching would break its neighbours.
  let transferred;
  if (byteOffset === 0 && byteLength === buffer.byteLength) {
    transferred = transferArrayBuffer(buffer);
  } else {
    transferred = buffer.slice(byteOffset, byteOffset + byteLength);
    byteOffset = 0;
  }
  if (state.pendingPullIntos.length > 0) {
    const first = state.pendingPullIntos[0];
    if (isDetached(first.buffer)) throw new ERR_INVALID_STATE.TypeError('Pending BYOB buffer is detached');
    byteControllerInvalidateBYOBRequest(controller);
    first.buffer = transferArrayBuffer(first.buffer);
    if (first.readerType === 'none') byteControllerEnqueueDetachedPullIntoToQueue(controller, first);
  }
  if (hasDefaultReader(stream)) {
    byteControllerProcessReadRequestsUsingQueue(controller);
    if (numReadRequests(stream) === 0) {
      byteControllerEnqueueChunkToQueue(controller, transferred, byteOffset, byteLength);
    } else {
      if (state.pendingPullIntos.length > 0) byteControllerShiftPendingPullInto(controller);
      fulfillReadRequest(stream, new Uint8Array(transferred, byteOffset, byteLength), false);
    }
  } else if (hasBYOBReader(stream)) {
    byteControllerEnqueueChunkToQueue(controller, transferred, byteOffset, byteLength);
    byteControllerProcessPullIntoDescriptorsUsingQueue(controller);
  } else {
    byteControllerEnqueueChunkToQueue(controller, transferred, byteOffset, byteLength);
  }
  byteControllerCallPullIfNeeded(controller);
}

function byteControllerEnqueueChunkToQueue(controller, buffer, byteOffset, byteLength) {
  controller[kState].queue.push({ buffer, byteOffset, byteLength });
  controller[kState].queueTotalSize += byteLength;
}

function byteControllerEnqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength) {
  let clone;
  try {
    clone = buffer.slice(byteOffset, byteOffset + byteLength);
  } catch (err) {
    byteControllerError(controller, err);
    throw err;
  }
  byteControllerEnqueueChunkToQueue(controller, clone, 0, byteLength);
}

function byteControllerEnqueueDetachedPullIntoToQueue(controller, desc) {
  if (desc.bytesFilled > 0) {
    byteControllerEnqueueClonedChunkToQueue(controller, desc.buffer, desc.byteOffset, desc.bytesFilled);
  }
  byteControllerShiftPendingPullInto(controller);
}

function byteControllerError(controller, e) {
  const state = controller[kState];
  if (state.stream[kState].state !== 'readable') return;
  byteControllerClearPendingPullIntos(controller);
  resetQueue(controller);
  byteControllerClearAlgorithms(controller);
  streamError(state.stream, e);
}

function byteControllerFillHeadPullIntoDescriptor(controller, size, desc) {
  desc.bytesFilled += size;
}

function byteControllerFillPullIntoDescriptorFromQueue(controller, desc) {
  const state = controller[kState];
  const maxBytesToCopy = Math.min(state.queueTotalSize, desc.byteLength - desc.bytesFilled);
  const maxBytesFilled = desc.bytesFilled + maxBytesToCopy;
  let totalBytesToCopyRemaining = maxBytesToCopy;
  let ready = false;
  const remainderBytes = maxBytesFilled % desc.elementSize;
  const maxAlignedBytes = maxBytesFilled - remainderBytes;
  if (maxAlignedBytes >= desc.minimumFill) {
    totalBytesToCopyRemaining = maxAlignedBytes - desc.bytesFilled;
    ready = true;
  }
  const queue = state.queue;
  while (totalBytesToCopyRemaining > 0) {
    const head = queue[0];
    const bytesToCopy = Math.min(totalBytesToCopyRemaining, head.byteLength);
    const destStart = desc.byteOffset + desc.bytesFilled;
    copyBytes(desc.buffer, destStart, head.buffer, head.byteOffset, bytesToCopy);
    if (head.byteLength === bytesToCopy) {
      queue.shift();
    } else {
      head.byteOffset += bytesToCopy;
      head.byteLength -= bytesToCopy;
    }
    state.queueTotalSize -= bytesToCopy;
    byteControllerFillHeadPullIntoDescriptor(controller, bytesToCopy, desc);
    totalBytesToCopyRemaining -= bytesToCopy;
  }
  return ready;
}

function byteControllerFillReadRequestFromQueue(controller, req) {
  const state = controller[kState];
  const entry = state.queue.shift();
  state.queueTotalSize -= entry.byteLength;
  byteControllerHandleQueueDrain(controller);
  req.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
}

function byteControllerHandleQueueDrain(controller) {
  const state = controller[kState];
  if (state.queueTotalSize === 0 && state.closeRequested) {
    byteControllerClearAlgorithms(controller);
    streamClose(state.stream);
  } else {
    byteControllerCallPullIfNeeded(controller);
  }
}

function byteControllerProcessPullIntoDescriptorsUsingQueue(controller) {
  const state = controller[kState];
  while (state.pendingPullIntos.length > 0) {
    if (state.queueTotalSize === 0) return;
    const desc = state.pendingPullIntos[0];
    if (byteControllerFillPullIntoDescriptorFromQueue(controller, desc)) {
      byteControllerShiftPendingPullInto(controller);
      byteControllerCommitPullIntoDescriptor(state.stream, desc);
    }
  }
}

function byteControllerProcessReadRequestsUsingQueue(controller) {
  const state = controller[kState];
  const reader = state.stream[kState].reader;
  while (reader[kState].readRequests.length > 0) {
    if (state.queueTotalSize === 0) return;
    const req = reader[kState].readRequests.shift();
    byteControllerFillReadRequestFromQueue(controller, req);
  }
}

function byteControllerPullInto(controller, view, min, req) {
  const state = controller[kState];
  const stream = state.stream;
  let elementSize = 1;
  let ctor = DataView;
  if (!(view instanceof DataView)) {
    elementSize = view.BYTES_PER_ELEMENT;
    ctor = view.constructor;
  }
  const minimumFill = min * elementSize;
  const { byteOffset, byteLength } = view;
  let buffer;
  try {
    buffer = transferArrayBuffer(view.buffer);
  } catch (e) {
    req.error(e);
    return;
  }
  const desc = {
    buffer, bufferByteLength: buffer.byteLength, byteOffset, byteLength, bytesFilled: 0, minimumFill,
    elementSize, viewConstructor: ctor, readerType: 'byob',
  };
  if (state.pendingPullIntos.length > 0) {
    state.pendingPullIntos.push(desc);
    stream[kState].reader[kState].readIntoRequests.push(req);
    return;
  }
  if (stream[kState].state === 'closed') {
    req.close(new ctor(desc.buffer, desc.byteOffset, 0));
    return;
  }
  if (state.queueTotalSize > 0) {
    if (byteControllerFillPullIntoDescriptorFromQueue(controller, desc)) {
      const filled = byteControllerConvertPullIntoDescriptor(desc);
      byteControllerHandleQueueDrain(controller);
      req.chunk(filled);
      return;
    }
    if (state.closeRequested) {
      const e = new ERR_INVALID_STATE.TypeError('Controller is closed');
      byteControllerError(controller, e);
      req.error(e);
      return;
    }
  }
  state.pendingPullIntos.push(desc);
  stream[kState].reader[kState].readIntoRequests.push(req);
  byteControllerCallPullIfNeeded(controller);
}

function byteControllerConvertPullIntoDescriptor(desc) {
  const count = desc.bytesFilled / desc.elementSize;
  return new desc.viewConstructor(transferArrayBuffer(desc.buffer), desc.byteOffset, count);
}

function byteControllerCommitPullIntoDescriptor(stream, desc) {
  let done = false;
  if (stream[kState].state === 'closed') done = true;
  const filled = byteControllerConvertPullIntoDescriptor(desc);
  if (desc.readerType === 'default') {
    fulfillReadRequest(stream, filled, done);
  } else {
    const req = stream[kState].reader[kState].readIntoRequests.shift();
    if (done) req.close(filled);
    else req.chunk(filled);
  }
}

function byteControllerShiftPendingPullInto(controller) {
  return controller[kState].pendingPullIntos.shift();
}

function byteControllerRespond(controller, bytesWritten) {
  const state = controller[kState];
  const first = state.pendingPullIntos[0];
  const streamState = state.stream[kState].state;
  if (streamState === 'closed') {
    if (bytesWritten !== 0) throw new ERR_INVALID_STATE.TypeError('bytesWritten must be 0 on a closed stream');
  } else {
    if (bytesWritten === 0) throw new ERR_INVALID_STATE.TypeError('bytesWritten must be more than 0');
    if (first.bytesFilled + bytesWritten > first.byteLength) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('bytesWritten', bytesWritten);
    }
  }
  first.buffer = transferArrayBuffer(first.buffer);
  byteControllerRespondInternal(controller, bytesWritten);
}

function byteControllerRespondInternal(controller, bytesWritten) {
  const state = controller[kState];
  const first = state.pendingPullIntos[0];
  byteControllerInvalidateBYOBRequest(controller);
  if (state.stream[kState].state === 'closed') {
    byteControllerRespondInClosedState(controller, first);
  } else {
    byteControllerRespondInReadableState(controller, bytesWritten, first);
  }
  byteControllerCallPullIfNeeded(controller);
}

function byteControllerRespondInClosedState(controller, first) {
  const stream = controller[kState].stream;
  if (first.readerType === 'none') byteControllerShiftPendingPullInto(controller);
  if (hasBYOBReader(stream)) {
    while (stream[kState].reader[kState].readIntoRequests.length > 0) {
      const desc = byteControllerShiftPendingPullInto(controller);
      byteControllerCommitPullIntoDescriptor(stream, desc);
    }
  }
}

function byteControllerRespondInReadableState(controller, bytesWritten, desc) {
  byteControllerFillHeadPullIntoDescriptor(controller, bytesWritten, desc);
  if (desc.readerType === 'none') {
    byteControllerEnqueueDetachedPullIntoToQueue(controller, desc);
    byteControllerProcessPullIntoDescriptorsUsingQueue(controller);
    return;
  }
  if (desc.bytesFilled < desc.minimumFill) return;
  byteControllerShiftPendingPullInto(controller);
  const remainder = desc.bytesFilled % desc.elementSize;
  if (remainder > 0) {
    const end = desc.byteOffset + desc.bytesFilled;
    byteControllerEnqueueClonedChunkToQueue(controller, desc.buffer, end - remainder, remainder);
  }
  desc.bytesFilled -= remainder;
  byteControllerCommitPullIntoDescriptor(controller[kState].stream, desc);
  byteControllerProcessPullIntoDescriptorsUsingQueue(controller);
}

function byteControllerRespondWithNewView(controller, view) {
  const state = controller[kState];
  const first = state.pendingPullIntos[0];
  if (state.stream[kState].state === 'closed') {
    if (view.byteLength !== 0) throw new ERR_INVALID_STATE.TypeError('The view must be empty on a closed stream');
  } else if (view.byteLength === 0) {
    throw new ERR_INVALID_STATE.TypeError('The view must not be empty');
  }
  if (first.byteOffset + first.bytesFilled !== view.byteOffset) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('view', view, 'has the wrong offset');
  }
  if (first.bufferByteLength !== view.buffer.byteLength) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('view', view, 'has the wrong buffer length');
  }
  if (first.bytesFilled + view.byteLength > first.byteLength) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('view', view, 'is too large');
  }
  first.buffer = transferArrayBuffer(view.buffer);
  byteControllerRespondInternal(controller, view.byteLength);
}

// ====================================================================
// tee
// ====================================================================

function defaultTee(stream) {
  const reader = new ReadableStreamDefaultReader(stream);
  let reading = false;
  let readAgain = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelDeferred = createDeferred();

  function pullAlgorithm() {
    if (reading) {
      readAgain = true;
      return Promise.resolve();
    }
    reading = true;
    defaultReaderRead(reader, {
      chunk(value) {
        // Later than the read, so that an error of the stream in between
        // is seen first.
        queueMicrotask(() => {
          readAgain = false;
          if (!canceled1) defaultControllerEnqueue(branch1[kState].controller, value);
          if (!canceled2) defaultControllerEnqueue(branch2[kState].controller, value);
          reading = false;
          if (readAgain) pullAlgorithm();
        });
      },
      close() {
        reading = false;
        if (!canceled1) defaultControllerClose(branch1[kState].controller);
        if (!canceled2) defaultControllerClose(branch2[kState].controller);
        if (!canceled1 || !canceled2) cancelDeferred.resolve();
      },
      error() {
        reading = false;
      },
    });
    return Promise.resolve();
  }

  function cancel1(reason) {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) cancelDeferred.resolve(streamCancel(stream, [reason1, reason2]));
    return cancelDeferred.promise;
  }

  function cancel2(reason) {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) cancelDeferred.resolve(streamCancel(stream, [reason1, reason2]));
    return cancelDeferred.promise;
  }

  branch1 = createReadableStream(() => {}, pullAlgorithm, cancel1);
  branch2 = createReadableStream(() => {}, pullAlgorithm, cancel2);
  reader[kState].closed.promise.then(undefined, (r) => {
    defaultControllerError(branch1[kState].controller, r);
    defaultControllerError(branch2[kState].controller, r);
    if (!canceled1 || !canceled2) cancelDeferred.resolve();
  });
  return [branch1, branch2];
}

// Byte streams tee into byte streams; each branch gets its own copy of a
// chunk (the second a clone), read through a default reader.
function byteTee(stream) {
  const reader = new ReadableStreamDefaultReader(stream);
  let reading = false;
  let readAgain = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelDeferred = createDeferred();

  function respondPending(branch) {
    const controller = branch[kState].controller;
    if (controller[kState].pendingPullIntos.length > 0) byteControllerRespond(controller, 0);
  }

  function pullAlgorithm() {
    if (reading) {
      readAgain = true;
      return Promise.resolve();
    }
    reading = true;
    defaultReaderRead(reader, {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgain = false;
          let chunk2 = chunk;
          if (!canceled1 && !canceled2) {
            try {
              chunk2 = new Uint8Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
            } catch (err) {
              byteControllerError(branch1[kState].controller, err);
              byteControllerError(branch2[kState].controller, err);
              cancelDeferred.resolve(streamCancel(stream, err));
              return;
            }
          }
          if (!canceled1) byteControllerEnqueue(branch1[kState].controller, chunk);
          if (!canceled2) byteControllerEnqueue(branch2[kState].controller, chunk2);
          reading = false;
          if (readAgain) pullAlgorithm();
        });
      },
      close() {
        reading = false;
        if (!canceled1) byteControllerClose(branch1[kState].controller);
        if (!canceled2) byteControllerClose(branch2[kState].controller);
        if (!canceled1) respondPending(branch1);
        if (!canceled2) respondPending(branch2);
        if (!canceled1 || !canceled2) cancelDeferred.resolve();
      },
      error() {
        reading = false;
      },
    });
    return Promise.resolve();
  }

  function cancel1(reason) {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) cancelDeferred.resolve(streamCancel(stream, [reason1, reason2]));
    return cancelDeferred.promise;
  }

  function cancel2(reason) {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) cancelDeferred.resolve(streamCancel(stream, [reason1, reason2]));
    return cancelDeferred.promise;
  }

  branch1 = createReadableByteStream(() => {}, pullAlgorithm, cancel1);
  branch2 = createReadableByteStream(() => {}, pullAlgorithm, cancel2);
  reader[kState].closed.promise.then(undefined, (r) => {
    byteControllerError(branch1[kState].controller, r);
    byteControllerError(branch2[kState].controller, r);
    if (!canceled1 || !canceled2) cancelDeferred.resolve();
  });
  return [branch1, branch2];
}

// ====================================================================
// pipeTo
// ====================================================================

function pipeTo(source, dest, { preventClose, preventAbort, preventCancel, signal }) {
  const W = writable();
  const reader = new ReadableStreamDefaultReader(source);
  const writer = W.acquireWriter(dest);
  source[kState].disturbed = true;
  let shuttingDown = false;
  let currentWrite = Promise.resolve();
  const { promise, resolve, reject } = createDeferred();
  let abortListener;

  function finalize(isError, error) {
    W.writerRelease(writer);
    reader.releaseLock();
    if (signal !== undefined) signal.removeEventListener('abort', abortListener);
    if (isError) reject(error);
    else resolve(undefined);
  }

  // Waits for the write in flight, then does action, then finalizes.
  function shutdownWithAction(action, originalIsError, originalError) {
    if (shuttingDown) return;
    shuttingDown = true;
    const doAction = () => {
      action().then(() => finalize(originalIsError, originalError), (e) => finalize(true, e));
    };
    if (dest[kState].state === 'writable' && !W.closeQueuedOrInFlight(dest)) {
      waitForWrites().then(doAction);
    } else {
      doAction();
    }
  }

  function shutdown(isError, error) {
    if (shuttingDown) return;
    shuttingDown = true;
    if (dest[kState].state === 'writable' && !W.closeQueuedOrInFlight(dest)) {
      waitForWrites().then(() => finalize(isError, error));
    } else {
      finalize(isError, error);
    }
  }

  function waitForWrites() {
    const old = currentWrite;
    return old.then(() => (old !== currentWrite ? waitForWrites() : undefined));
  }

  if (signal !== undefined) {
    abortListener = () => {
      const error = signal.reason ?? new AbortError();
      const actions = [];
      if (!preventAbort) {
        actions.push(() => (dest[kState].state === 'writable' ? W.streamAbort(dest, error) : Promise.resolve()));
      }
      if (!preventCancel) {
        actions.push(() => (source[kState].state === 'readable' ? streamCancel(source, error) : Promise.resolve()));
      }
      shutdownWithAction(() => Promise.all(actions.map((a) => a())), true, error);
    };
    if (signal.aborted) {
      abortListener();
      return promise;
    }
    signal.addEventListener('abort', abortListener);
  }

  // Errors and closes, in the order the standard checks them.
  function checkStates() {
    const srcState = source[kState].state;
    const destState = dest[kState].state;
    if (srcState === 'errored') {
      const e = source[kState].storedError;
      if (!preventAbort) shutdownWithAction(() => W.streamAbort(dest, e), true, e);
      else shutdown(true, e);
      return true;
    }
    if (destState === 'errored' || destState === 'erroring') {
      const e = dest[kState].storedError;
      if (!preventCancel) shutdownWithAction(() => streamCancel(source, e), true, e);
      else shutdown(true, e);
      return true;
    }
    if (srcState === 'closed') {
      if (!preventClose) shutdownWithAction(() => W.writerCloseWithErrorPropagation(writer));
      else shutdown();
      return true;
    }
    if (W.closeQueuedOrInFlight(dest) || destState === 'closed') {
      const e = new ERR_INVALID_STATE.TypeError('the destination stream is closed');
      if (!preventCancel) shutdownWithAction(() => streamCancel(source, e), true, e);
      else shutdown(true, e);
      return true;
    }
    return false;
  }

  reader[kState].closed.promise.then(() => {
    if (!shuttingDown) checkStates();
  }, () => {
    if (!shuttingDown) checkStates();
  });
  writer[kState].closed.promise.then(undefined, () => {
    if (!shuttingDown) checkStates();
  });

  function step() {
    if (shuttingDown) return;
    if (checkStates()) return;
    writer[kState].ready.promise.then(() => {
      if (shuttingDown) return;
      defaultReaderRead(reader, {
        chunk(chunk) {
          currentWrite = W.writerWrite(writer, chunk).then(undefined, () => {});
          // The next read waits a microtask, after the write was queued.
          queueMicrotask(step);
        },
        close() {
          queueMicrotask(() => {
            if (!shuttingDown) checkStates();
          });
        },
        error() {
          queueMicrotask(() => {
            if (!shuttingDown) checkStates();
          });
        },
      });
    }, () => {
      if (!shuttingDown) checkStates();
    });
  }
  step();
  return promise;
}

// ====================================================================
// Async iteration and from()
// ====================================================================

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

function createAsyncIterator(reader, preventCancel) {
  let ongoing;
  let finished = false;
  function next() {
    if (finished) return Promise.resolve({ value: undefined, done: true });
    if (reader[kState].stream === undefined) {
      return Promise.reject(invalidState('The reader is not attached to a stream'));
    }
    const { promise, resolve, reject } = createDeferred();
    defaultReaderRead(reader, {
      chunk: (value) => resolve({ value, done: false }),
      close: () => {
        finished = true;
        reader.releaseLock();
        resolve({ value: undefined, done: true });
      },
      error: (e) => {
        finished = true;
        reader.releaseLock();
        reject(e);
      },
    });
    return promise;
  }
  function returnSteps(value) {
    if (finished) return Promise.resolve({ value, done: true });
    finished = true;
    if (reader[kState].stream === undefined) return Promise.resolve({ value, done: true });
    if (!preventCancel) {
      const result = readerGenericCancel(reader, value);
      reader.releaseLock();
      return result.then(() => ({ value, done: true }));
    }
    reader.releaseLock();
    return Promise.resolve({ value, done: true });
  }
  const iterator = Object.create(ReadableStreamAsyncIteratorPrototype);
  iterator.next = function() {
    ongoing = ongoing ? ongoing.then(next, next) : next();
    return ongoing;
  };
  iterator.return = function(value) {
    const after = () => returnSteps(value);
    ongoing = ongoing ? ongoing.then(after, after) : after();
    return ongoing;
  };
  return iterator;
}

const ReadableStreamAsyncIteratorPrototype = Object.create(AsyncIteratorPrototype, {
  [Symbol.toStringTag]: { value: 'ReadableStreamAsyncIterator', configurable: true },
});

function streamFromIterable(iterable) {
  if (iterable === null || iterable === undefined) {
    throw new ERR_INVALID_ARG_TYPE('iterable', ['Iterable', 'AsyncIterable'], iterable);
  }
  let iterator;
  const asyncMethod = iterable[Symbol.asyncIterator];
  if (asyncMethod != null) {
    if (typeof asyncMethod !== 'function') throw new ERR_INVALID_ARG_TYPE('iterable', 'AsyncIterable', iterable);
    iterator = Reflect.apply(asyncMethod, iterable, []);
  } else {
    const syncMethod = iterable[Symbol.iterator];
    if (typeof syncMethod !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('iterable', ['Iterable', 'AsyncIterable'], iterable);
    }
    const syncIterator = Reflect.apply(syncMethod, iterable, []);
    iterator = {
      next() {
        const r = syncIterator.next();
        return Promise.resolve(r.value).then((value) => ({ value, done: r.done }));
      },
      return(value) {
        if (typeof syncIterator.return !== 'function') return Promise.resolve({ value, done: true });
        return Promise.resolve(syncIterator.return(value));
      },
    };
  }
  if (!isObjectLike(iterator)) throw new ERR_INVALID_STATE.TypeError('The iterator is not an object');
  const nextMethod = iterator.next;
  let stream;
  const pull = () => {
    let result;
    try {
      result = Promise.resolve(Reflect.apply(nextMethod, iterator, []));
    } catch (err) {
      return Promise.reject(err);
    }
    return result.then((r) => {
      if (!isObjectLike(r)) throw new ERR_INVALID_STATE.TypeError('The promise returned by the iterator.next() method must fulfill with an object');
      if (r.done) defaultControllerClose(stream[kState].controller);
      else defaultControllerEnqueue(stream[kState].controller, r.value);
    });
  };
  const cancel = (reason) => {
    const returnMethod = iterator.return;
    if (returnMethod == null) return Promise.resolve();
    let result;
    try {
      result = Promise.resolve(Reflect.apply(returnMethod, iterator, [reason]));
    } catch (err) {
      return Promise.reject(err);
    }
    return result.then((r) => {
      if (!isObjectLike(r)) throw new ERR_INVALID_STATE.TypeError('The promise returned by the iterator.return() method must fulfill with an object');
    });
  };
  stream = createReadableStream(() => {}, pull, cancel, 0);
  return stream;
}

module.exports = {
  ReadableStream,
  ReadableStreamDefaultReader,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableByteStreamController,
  ReadableStreamDefaultController,
  isReadableStream,
  isLocked,
  createReadableStream,
  createReadableByteStream,
  streamCancel,
  defaultControllerClose,
  defaultControllerEnqueue,
  defaultControllerError,
  defaultControllerCanClose,
  defaultControllerDesiredSize,
  defaultControllerHasBackpressure,
  defaultReaderRead,
  kState,
};
