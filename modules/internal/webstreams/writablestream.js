'use strict';
// WritableStream of the WHATWG Streams Standard, its default writer and
// controller, following the standard's algorithms.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_ILLEGAL_CONSTRUCTOR },
} = require('internal/errors');
const {
  kState, kType, createDeferred, setPromiseHandled, promiseCall, invalidState, resetQueue,
  enqueueValueWithSize, dequeueValue, peekQueueValue, extractHighWaterMark, extractSizeAlgorithm, isObjectLike,
  method, customInspect, inspectWith,
} = require('internal/webstreams/util');

// What node:stream's finished(), pipeline() and addAbortSignal() read on a
// web stream (internal/streams/utils).
const { kIsClosedPromise, kIsErrored, kIsWritable, kControllerErrorFunction } = require('internal/streams/utils');

const kInternal = Symbol('kInternal');
const kCloseSentinel = Symbol('kCloseSentinel');
const kAbortSteps = Symbol('kAbortSteps');
const kErrorSteps = Symbol('kErrorSteps');

class InvalidThis extends TypeError {
  constructor(type) {
    super(`Value of "this" must be of type ${type}`);
    this.code = 'ERR_INVALID_THIS';
  }
}

class WritableStream {
  constructor(sink = undefined, strategy = undefined) {
    initStream(this);
    if (sink === kInternal) return;
    if (sink !== undefined && sink !== null && !isObjectLike(sink)) {
      throw new ERR_INVALID_ARG_TYPE('sink', 'Object', sink);
    }
    if (strategy !== undefined && strategy !== null && !isObjectLike(strategy)) {
      throw new ERR_INVALID_ARG_TYPE('strategy', 'Object', strategy);
    }
    if (sink?.type !== undefined) throw new ERR_INVALID_ARG_VALUE.RangeError('sink.type', sink.type);
    const hwm = extractHighWaterMark(strategy, 1);
    const size = extractSizeAlgorithm(strategy);
    setupControllerFromSink(this, sink ?? {}, hwm, size);
  }

  get locked() {
    assertStream(this);
    return isLocked(this);
  }

  abort(reason = undefined) {
    if (!isWritableStream(this)) return Promise.reject(new InvalidThis('WritableStream'));
    if (isLocked(this)) return Promise.reject(invalidState('WritableStream is locked'));
    return streamAbort(this, reason);
  }

  close() {
    if (!isWritableStream(this)) return Promise.reject(new InvalidThis('WritableStream'));
    if (isLocked(this)) return Promise.reject(invalidState('WritableStream is locked'));
    if (closeQueuedOrInFlight(this)) return Promise.reject(invalidState('Failure closing WritableStream'));
    return streamClose(this);
  }

  getWriter() {
    assertStream(this);
    return new WritableStreamDefaultWriter(this);
  }

  [customInspect](depth, options, inspect) {
    return Reflect.apply(inspectWith('WritableStream', (s) => ({
      locked: isLocked(s), state: s[kState].state,
    })), this, [depth, options, inspect]);
  }
}
Object.defineProperties(WritableStream.prototype, {
  [kIsErrored]: { configurable: true, get() { return this[kState].state === 'errored'; } },
  [kIsWritable]: { configurable: true, get() { return this[kState].state === 'writable'; } },
  [kControllerErrorFunction]: {
    configurable: true,
    get() {
      const controller = this[kState].controller;
      return (err) => controllerErrorIfNeeded(controller, err);
    },
  },
});
Object.defineProperty(WritableStream.prototype, Symbol.toStringTag, { value: 'WritableStream', configurable: true });

function initStream(stream) {
  stream[kState] = {
    state: 'writable',
    storedError: undefined,
    writer: undefined,
    controller: undefined,
    inFlightWriteRequest: undefined,
    closeRequest: undefined,
    inFlightCloseRequest: undefined,
    pendingAbortRequest: undefined,
    writeRequests: [],
    backpressure: false,
  };  stream[kIsClosedPromise] = createDeferred();
  setPromiseHandled(stream[kIsClosedPromise].promise);
}

function isWritableStream(value) {
  return typeof value === 'object' && value !== null && value instanceof WritableStream &&
    value[kState] !== undefined;
}

function assertStream(value) {
  if (!isWritableStream(value)) throw new InvalidThis('WritableStream');
}

function isLocked(stream) {
  return stream[kState].writer !== undefined;
}

function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark = 1,
  sizeAlgorithm = () => 1) {
  const stream = new WritableStream(kInternal);
  const controller = Object.create(WritableStreamDefaultController.prototype);
  setupController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark,
    sizeAlgorithm);
  return stream;
}

// ---- stream abstract operations ----

function streamAbort(stream, reason) {
  const state = stream[kState];
  if (state.state === 'closed' || state.state === 'errored') return Promise.resolve();
  state.controller[kState].abortController.abort(reason);
  if (state.state === 'closed' || state.state === 'errored') return Promise.resolve();
  if (state.pendingAbortRequest !== undefined) return state.pendingAbortRequest.deferred.promise;
  let wasAlreadyErroring = false;
  if (state.state === 'erroring') {
    wasAlreadyErroring = true;
    reason = undefined;
  }
  const deferred = createDeferred();
  state.pendingAbortRequest = { deferred, reason, wasAlreadyErroring };
  if (!wasAlreadyErroring) startErroring(stream, reason);
  return deferred.promise;
}

function streamClose(stream) {
  const state = stream[kState];
  if (state.state === 'closed' || state.state === 'errored') {
    return Promise.reject(invalidState(`WritableStream is ${state.state}`));
  }
  const deferred = createDeferred();
  state.closeRequest = deferred;
  const writer = state.writer;
  if (writer !== undefined && state.backpressure && state.state === 'writable') {
    writer[kState].ready.resolve();
  }
  controllerClose(state.controller);
  return deferred.promise;
}

function addWriteRequest(stream) {
  const deferred = createDeferred();
  stream[kState].writeRequests.push(deferred);
  return deferred.promise;
}

function dealWithRejection(stream, error) {
  if (stream[kState].state === 'writable') {
    startErroring(stream, error);
    return;
  }
  finishErroring(stream);
}

function startErroring(stream, reason) {
  const state = stream[kState];
  const controller = state.controller;
  state.state = 'erroring';
  state.storedError = reason;
  const writer = state.writer;
  if (writer !== undefined) writerEnsureReadyPromiseRejected(writer, reason);
  if (!hasOperationMarkedInFlight(stream) && controller[kState].started) finishErroring(stream);
}

function finishErroring(stream) {
  const state = stream[kState];
  state.state = 'errored';
  state.controller[kErrorSteps]();
  const storedError = state.storedError;
  stream[kIsClosedPromise].reject(storedError);
  for (const req of state.writeRequests) req.reject(storedError);
  state.writeRequests = [];
  if (state.pendingAbortRequest === undefined) {
    rejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  const abortRequest = state.pendingAbortRequest;
  state.pendingAbortRequest = undefined;
  if (abortRequest.wasAlreadyErroring) {
    abortRequest.deferred.reject(storedError);
    rejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  state.controller[kAbortSteps](abortRequest.reason).then(() => {
    abortRequest.deferred.resolve();
    rejectCloseAndClosedPromiseIfNeeded(stream);
  }, (reason) => {
    abortRequest.deferred.reject(reason);
    rejectCloseAndClosedPromiseIfNeeded(stream);
  });
}

function finishInFlightWrite(stream) {
  stream[kState].inFlightWriteRequest.resolve();
  stream[kState].inFlightWriteRequest = undefined;
}

function finishInFlightWriteWithError(stream, error) {
  stream[kState].inFlightWriteRequest.reject(error);
  stream[kState].inFlightWriteRequest = undefined;
  dealWithRejection(stream, error);
}

function finishInFlightClose(stream) {
  const state = stream[kState];
  state.inFlightCloseRequest.resolve();
  state.inFlightCloseRequest = undefined;
  if (state.state === 'erroring') {
    state.storedError = undefined;
    if (state.pendingAbortRequest !== undefined) {
      state.pendingAbortRequest.deferred.resolve();
      state.pendingAbortRequest = undefined;
    }
  }
  state.state = 'closed';
  stream[kIsClosedPromise].resolve();
  const writer = state.writer;
  if (writer !== undefined) writer[kState].closed.resolve();
}

function finishInFlightCloseWithError(stream, error) {
  const state = stream[kState];
  state.inFlightCloseRequest.reject(error);
  state.inFlightCloseRequest = undefined;
  if (state.pendingAbortRequest !== undefined) {
    state.pendingAbortRequest.deferred.reject(error);
    state.pendingAbortRequest = undefined;
  }
  dealWithRejection(stream, error);
}

function closeQueuedOrInFlight(stream) {
  const state = stream[kState];
  return state.closeRequest !== undefined || state.inFlightCloseRequest !== undefined;
}

function hasOperationMarkedInFlight(stream) {
  const state = stream[kState];
  return state.inFlightWriteRequest !== undefined || state.inFlightCloseRequest !== undefined;
}

function rejectCloseAndClosedPromiseIfNeeded(stream) {
  const state = stream[kState];
  if (state.closeRequest !== undefined) {
    state.closeRequest.reject(state.storedError);
    state.closeRequest = undefined;
  }
  const writer = state.writer;
  if (writer !== undefined) {
    writer[kState].closed.reject(state.storedError);
    setPromiseHandled(writer[kState].closed.promise);
  }
}

function updateBackpressure(stream, backpressure) {
  const state = stream[kState];
  const writer = state.writer;
  if (writer !== undefined && backpressure !== state.backpressure) {
    if (backpressure) writer[kState].ready = createDeferred();
    else writer[kState].ready.resolve();
  }
  state.backpressure = backpressure;
}

// ---- WritableStreamDefaultWriter ----

function settledDeferred(kind, value) {
  const d = createDeferred();
  if (kind === 'resolved') d.resolve(value);
  else {
    d.reject(value);
    setPromiseHandled(d.promise);
  }
  return d;
}

class WritableStreamDefaultWriter {
  constructor(stream) {
    if (!isWritableStream(stream)) throw new ERR_INVALID_ARG_TYPE('stream', 'WritableStream', stream);
    if (isLocked(stream)) throw invalidState('WritableStream is locked');
    this[kType] = 'writer';
    const st = stream[kState];
    this[kState] = { stream, ready: undefined, closed: undefined };
    st.writer = this;
    const state = st.state;
    if (state === 'writable') {
      this[kState].ready = !closeQueuedOrInFlight(stream) && st.backpressure ?
        createDeferred() : settledDeferred('resolved');
      this[kState].closed = createDeferred();
    } else if (state === 'erroring') {
      this[kState].ready = settledDeferred('rejected', st.storedError);
      this[kState].closed = createDeferred();
    } else if (state === 'closed') {
      this[kState].ready = settledDeferred('resolved');
      this[kState].closed = settledDeferred('resolved');
    } else {
      this[kState].ready = settledDeferred('rejected', st.storedError);
      this[kState].closed = settledDeferred('rejected', st.storedError);
    }
  }

  get closed() {
    if (!isWriter(this)) return Promise.reject(new InvalidThis('WritableStreamDefaultWriter'));
    return this[kState].closed.promise;
  }

  get desiredSize() {
    if (!isWriter(this)) throw new InvalidThis('WritableStreamDefaultWriter');
    if (this[kState].stream === undefined) throw invalidState('Writer is not bound to a WritableStream');
    return writerGetDesiredSize(this);
  }

  get ready() {
    if (!isWriter(this)) return Promise.reject(new InvalidThis('WritableStreamDefaultWriter'));
    return this[kState].ready.promise;
  }

  abort(reason = undefined) {
    if (!isWriter(this)) return Promise.reject(new InvalidThis('WritableStreamDefaultWriter'));
    if (this[kState].stream === undefined) {
      return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
    }
    return streamAbort(this[kState].stream, reason);
  }

  close() {
    if (!isWriter(this)) return Promise.reject(new InvalidThis('WritableStreamDefaultWriter'));
    const stream = this[kState].stream;
    if (stream === undefined) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
    if (closeQueuedOrInFlight(stream)) return Promise.reject(invalidState('Failure to close WritableStream'));
    return streamClose(stream);
  }

  releaseLock() {
    if (!isWriter(this)) throw new InvalidThis('WritableStreamDefaultWriter');
    if (this[kState].stream === undefined) return;
    writerRelease(this);
  }

  write(chunk = undefined) {
    if (!isWriter(this)) return Promise.reject(new InvalidThis('WritableStreamDefaultWriter'));
    if (this[kState].stream === undefined) {
      return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
    }
    return writerWrite(this, chunk);
  }

  [customInspect](depth, options, inspect) {
    return Reflect.apply(inspectWith('WritableStreamDefaultWriter', (w) => ({
      stream: w[kState].stream, close: w[kState].closed.promise, ready: w[kState].ready.promise,
      desiredSize: w[kState].stream === undefined ? undefined : writerGetDesiredSize(w),
    })), this, [depth, options, inspect]);
  }
}
Object.defineProperty(WritableStreamDefaultWriter.prototype, Symbol.toStringTag, {
  value: 'WritableStreamDefaultWriter', configurable: true,
});

function isWriter(value) {
  return typeof value === 'object' && value !== null && value[kType] === 'writer' &&
    value instanceof WritableStreamDefaultWriter;
}

function acquireWriter(stream) {
  return new WritableStreamDefaultWriter(stream);
}

function writerCloseWithErrorPropagation(writer) {
  const stream = writer[kState].stream;
  const state = stream[kState].state;
  if (closeQueuedOrInFlight(stream) || state === 'closed') return Promise.resolve();
  if (state === 'errored') return Promise.reject(stream[kState].storedError);
  return streamClose(stream);
}

// Rejects the writer's promise `key` ('ready' or 'closed'): a pending one
// rejects, a settled one is replaced by a rejected one.
function ensureRejected(writer, key, error) {
  let d = writer[kState][key];
  if (d.settled) {
    d = createDeferred();
    writer[kState][key] = d;
  }
  d.reject(error);
  setPromiseHandled(d.promise);
}

function writerEnsureReadyPromiseRejected(writer, error) {
  ensureRejected(writer, 'ready', error);
}

function writerGetDesiredSize(writer) {
  const stream = writer[kState].stream;
  const state = stream[kState].state;
  if (state === 'errored' || state === 'erroring') return null;
  if (state === 'closed') return 0;
  return controllerGetDesiredSize(stream[kState].controller);
}

function writerRelease(writer) {
  const stream = writer[kState].stream;
  const error = invalidState('Writer has been released');
  ensureRejected(writer, 'ready', error);
  ensureRejected(writer, 'closed', error);
  stream[kState].writer = undefined;
  writer[kState].stream = undefined;
}

function writerWrite(writer, chunk) {
  const stream = writer[kState].stream;
  const controller = stream[kState].controller;
  const chunkSize = controllerGetChunkSize(controller, chunk);
  if (stream !== writer[kState].stream) return Promise.reject(invalidState('Writer has been released'));
  const state = stream[kState].state;
  if (state === 'errored') return Promise.reject(stream[kState].storedError);
  if (closeQueuedOrInFlight(stream) || state === 'closed') {
    return Promise.reject(invalidState('WritableStream is closed'));
  }
  if (state === 'erroring') return Promise.reject(stream[kState].storedError);
  const promise = addWriteRequest(stream);
  controllerWrite(controller, chunk, chunkSize);
  return promise;
}

// ---- WritableStreamDefaultController ----

class WritableStreamDefaultController {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get signal() {
    return this[kState].abortController.signal;
  }

  error(e = undefined) {
    if (this[kState].stream[kState].state !== 'writable') return;
    controllerError(this, e);
  }

  [kAbortSteps](reason) {
    const result = this[kState].abortAlgorithm(reason);
    controllerClearAlgorithms(this);
    return result;
  }

  [kErrorSteps]() {
    resetQueue(this);
  }
}
Object.defineProperty(WritableStreamDefaultController.prototype, Symbol.toStringTag, {
  value: 'WritableStreamDefaultController', configurable: true,
});

function setupControllerFromSink(stream, sink, highWaterMark, sizeAlgorithm) {
  const controller = Object.create(WritableStreamDefaultController.prototype);
  const start = method(sink, 'start', 'sink');
  const write = method(sink, 'write', 'sink');
  const close = method(sink, 'close', 'sink');
  const abort = method(sink, 'abort', 'sink');
  setupController(stream, controller,
    () => (start ? Reflect.apply(start, sink, [controller]) : undefined),
    (chunk) => (write ? promiseCall(write, sink, chunk, controller) : Promise.resolve()),
    () => (close ? promiseCall(close, sink) : Promise.resolve()),
    (reason) => (abort ? promiseCall(abort, sink, reason) : Promise.resolve()),
    highWaterMark, sizeAlgorithm);
}

function setupController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm,
  highWaterMark, sizeAlgorithm) {
  controller[kType] = 'controller';
  controller[kState] = {
    stream,
    queue: [],
    queueTotalSize: 0,
    abortController: new AbortController(),
    started: false,
    strategySizeAlgorithm: sizeAlgorithm,
    strategyHWM: highWaterMark,
    writeAlgorithm,
    closeAlgorithm,
    abortAlgorithm,
  };
  stream[kState].controller = controller;
  updateBackpressure(stream, controllerGetBackpressure(controller));
  const startResult = startAlgorithm();
  Promise.resolve(startResult).then(() => {
    controller[kState].started = true;
    controllerAdvanceQueueIfNeeded(controller);
  }, (r) => {
    controller[kState].started = true;
    dealWithRejection(stream, r);
  });
}

function controllerClearAlgorithms(controller) {
  const state = controller[kState];
  state.writeAlgorithm = undefined;
  state.closeAlgorithm = undefined;
  state.abortAlgorithm = undefined;
  state.strategySizeAlgorithm = undefined;
}

function controllerClose(controller) {
  enqueueValueWithSize(controller, kCloseSentinel, 0);
  controllerAdvanceQueueIfNeeded(controller);
}

function controllerGetChunkSize(controller, chunk) {
  const size = controller[kState].strategySizeAlgorithm;
  if (size === undefined) return 1;
  try {
    return size(chunk);
  } catch (err) {
    controllerErrorIfNeeded(controller, err);
    return 1;
  }
}

function controllerGetDesiredSize(controller) {
  return controller[kState].strategyHWM - controller[kState].queueTotalSize;
}

function controllerWrite(controller, chunk, chunkSize) {
  try {
    enqueueValueWithSize(controller, chunk, chunkSize);
  } catch (err) {
    controllerErrorIfNeeded(controller, err);
    return;
  }
  const stream = controller[kState].stream;
  if (!closeQueuedOrInFlight(stream) && stream[kState].state === 'writable') {
    updateBackpressure(stream, controllerGetBackpressure(controller));
  }
  controllerAdvanceQueueIfNeeded(controller);
}

function controllerAdvanceQueueIfNeeded(controller) {
  const state = controller[kState];
  const stream = state.stream;
  if (!state.started) return;
  if (stream[kState].inFlightWriteRequest !== undefined) return;
  if (stream[kState].state === 'erroring') {
    finishErroring(stream);
    return;
  }
  if (state.queue.length === 0) return;
  const value = peekQueueValue(controller);
  if (value === kCloseSentinel) controllerProcessClose(controller);
  else controllerProcessWrite(controller, value);
}

function controllerErrorIfNeeded(controller, error) {
  if (controller[kState].stream[kState].state === 'writable') controllerError(controller, error);
}

function controllerProcessClose(controller) {
  const stream = controller[kState].stream;
  const st = stream[kState];
  st.inFlightCloseRequest = st.closeRequest;
  st.closeRequest = undefined;
  dequeueValue(controller);
  const sinkClosePromise = controller[kState].closeAlgorithm();
  controllerClearAlgorithms(controller);
  sinkClosePromise.then(() => finishInFlightClose(stream), (reason) => finishInFlightCloseWithError(stream, reason));
}

function controllerProcessWrite(controller, chunk) {
  const stream = controller[kState].stream;
  const st = stream[kState];
  st.inFlightWriteRequest = st.writeRequests.shift();
  controller[kState].writeAlgorithm(chunk).then(() => {
    finishInFlightWrite(stream);
    const state = st.state;
    dequeueValue(controller);
    if (!closeQueuedOrInFlight(stream) && state === 'writable') {
      updateBackpressure(stream, controllerGetBackpressure(controller));
    }
    controllerAdvanceQueueIfNeeded(controller);
  }, (reason) => {
    if (st.state === 'writable') controllerClearAlgorithms(controller);
    finishInFlightWriteWithError(stream, reason);
  });
}

function controllerGetBackpressure(controller) {
  return controllerGetDesiredSize(controller) <= 0;
}

function controllerError(controller, error) {
  const stream = controller[kState].stream;
  controllerClearAlgorithms(controller);
  startErroring(stream, error);
}

module.exports = {
  WritableStream,
  WritableStreamDefaultWriter,
  WritableStreamDefaultController,
  isWritableStream,
  isLocked,
  createWritableStream,
  acquireWriter,
  writerRelease,
  writerWrite,
  writerCloseWithErrorPropagation,
  streamAbort,
  closeQueuedOrInFlight,
  controllerErrorIfNeeded,
  kState,
};
