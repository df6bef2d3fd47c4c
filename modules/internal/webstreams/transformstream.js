'use strict';
// TransformStream of the WHATWG Streams Standard: a writable side whose
// chunks go through a transformer into a readable side, with backpressure
// from the readable side reaching the writer.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_ILLEGAL_CONSTRUCTOR },
} = require('internal/errors');
const {
  kState, kType, createDeferred, promiseCall, invalidState, extractHighWaterMark, extractSizeAlgorithm,
  isObjectLike, method, customInspect, inspectWith,
} = require('internal/webstreams/util');
const R = require('internal/webstreams/readablestream');
const W = require('internal/webstreams/writablestream');

class InvalidThis extends TypeError {
  constructor(type) {
    super(`Value of "this" must be of type ${type}`);
    this.code = 'ERR_INVALID_THIS';
  }
}

class TransformStream {
  constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
    if (transformer !== undefined && transformer !== null && !isObjectLike(transformer)) {
      throw new ERR_INVALID_ARG_TYPE('transformer', 'Object', transformer);
    }
    if (transformer?.readableType !== undefined) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('transformer.readableType', transformer.readableType);
    }
    if (transformer?.writableType !== undefined) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('transformer.writableType', transformer.writableType);
    }
    const readableHWM = extractHighWaterMark(readableStrategy, 0);
    const readableSize = extractSizeAlgorithm(readableStrategy);
    const writableHWM = extractHighWaterMark(writableStrategy, 1);
    const writableSize = extractSizeAlgorithm(writableStrategy);
    const start = createDeferred();
    initTransformStream(this, start.promise, writableHWM, writableSize, readableHWM, readableSize);
    setupControllerFromTransformer(this, transformer ?? {});
    const startFn = method(transformer, 'start', 'transformer');
    if (startFn) {
      try {
        start.resolve(Reflect.apply(startFn, transformer, [this[kState].controller]));
      } catch (err) {
        start.reject(err);
      }
    } else {
      start.resolve();
    }
  }

  get readable() {
    if (!isTransformStream(this)) throw new InvalidThis('TransformStream');
    return this[kState].readable;
  }

  get writable() {
    if (!isTransformStream(this)) throw new InvalidThis('TransformStream');
    return this[kState].writable;
  }

  [customInspect](depth, options, inspect) {
    return Reflect.apply(inspectWith('TransformStream', (t) => ({
      readable: t[kState].readable, writable: t[kState].writable, backpressure: t[kState].backpressure,
    })), this, [depth, options, inspect]);
  }
}
Object.defineProperty(TransformStream.prototype, Symbol.toStringTag, { value: 'TransformStream', configurable: true });

function isTransformStream(value) {
  return typeof value === 'object' && value !== null && value[kType] === 'transform' &&
    value instanceof TransformStream;
}

function initTransformStream(stream, startPromise, writableHWM, writableSize, readableHWM, readableSize) {
  stream[kType] = 'transform';
  stream[kState] = {
    readable: undefined,
    writable: undefined,
    backpressure: undefined,
    backpressureChange: undefined,
    controller: undefined,
  };
  const startAlgorithm = () => startPromise;
  stream[kState].writable = W.createWritableStream(startAlgorithm,
    (chunk) => sinkWrite(stream, chunk), () => sinkClose(stream), (reason) => sinkAbort(stream, reason),
    writableHWM, writableSize);
  stream[kState].readable = R.createReadableStream(startAlgorithm,
    () => sourcePull(stream), (reason) => sourceCancel(stream, reason), readableHWM, readableSize);
  setBackpressure(stream, true);
}

function readableController(stream) {
  return stream[kState].readable[kState].controller;
}

function transformError(stream, e) {
  R.defaultControllerError(readableController(stream), e);
  errorWritableAndUnblockWrite(stream, e);
}

function errorWritableAndUnblockWrite(stream, e) {
  controllerClearAlgorithms(stream[kState].controller);
  W.controllerErrorIfNeeded(stream[kState].writable[kState].controller, e);
  unblockWrite(stream);
}

function unblockWrite(stream) {
  if (stream[kState].backpressure) setBackpressure(stream, false);
}

function setBackpressure(stream, backpressure) {
  const state = stream[kState];
  if (state.backpressureChange !== undefined) state.backpressureChange.resolve();
  state.backpressureChange = createDeferred();
  state.backpressure = backpressure;
}

// ---- TransformStreamDefaultController ----

class TransformStreamDefaultController {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get desiredSize() {
    return R.defaultControllerDesiredSize(readableController(this[kState].stream));
  }

  enqueue(chunk = undefined) {
    controllerEnqueue(this, chunk);
  }

  error(reason = undefined) {
    transformError(this[kState].stream, reason);
  }

  terminate() {
    const stream = this[kState].stream;
    R.defaultControllerClose(readableController(stream));
    errorWritableAndUnblockWrite(stream, invalidState('TransformStream has been terminated'));
  }
}
Object.defineProperty(TransformStreamDefaultController.prototype, Symbol.toStringTag, {
  value: 'TransformStreamDefaultController', configurable: true,
});

function setupControllerFromTransformer(stream, transformer) {
  const controller = Object.create(TransformStreamDefaultController.prototype);
  const transform = method(transformer, 'transform', 'transformer');
  const flush = method(transformer, 'flush', 'transformer');
  const cancel = method(transformer, 'cancel', 'transformer');
  controller[kState] = {
    stream,
    finish: undefined,
    transformAlgorithm: transform ?
      (chunk) => promiseCall(transform, transformer, chunk, controller) :
      (chunk) => {
        try {
          controllerEnqueue(controller, chunk);
          return Promise.resolve();
        } catch (err) {
          return Promise.reject(err);
        }
      },
    flushAlgorithm: flush ? () => promiseCall(flush, transformer, controller) : () => Promise.resolve(),
    cancelAlgorithm: cancel ? (reason) => promiseCall(cancel, transformer, reason) : () => Promise.resolve(),
  };
  stream[kState].controller = controller;
}

function controllerClearAlgorithms(controller) {
  controller[kState].transformAlgorithm = undefined;
  controller[kState].flushAlgorithm = undefined;
  controller[kState].cancelAlgorithm = undefined;
}

function controllerEnqueue(controller, chunk) {
  const stream = controller[kState].stream;
  const rc = readableController(stream);
  if (!R.defaultControllerCanClose(rc)) throw invalidState('Unable to enqueue');
  try {
    R.defaultControllerEnqueue(rc, chunk);
  } catch (err) {
    errorWritableAndUnblockWrite(stream, err);
    throw stream[kState].readable[kState].storedError;
  }
  const backpressure = R.defaultControllerHasBackpressure(rc);
  if (backpressure !== stream[kState].backpressure) setBackpressure(stream, true);
}

function performTransform(controller, chunk) {
  return controller[kState].transformAlgorithm(chunk).then(undefined, (r) => {
    transformError(controller[kState].stream, r);
    throw r;
  });
}

// ---- the writable side's sink and the readable side's source ----

function sinkWrite(stream, chunk) {
  const controller = stream[kState].controller;
  if (stream[kState].backpressure) {
    return stream[kState].backpressureChange.promise.then(() => {
      const writable = stream[kState].writable;
      if (writable[kState].state === 'erroring') throw writable[kState].storedError;
      return performTransform(controller, chunk);
    });
  }
  return performTransform(controller, chunk);
}

function sinkAbort(stream, reason) {
  const controller = stream[kState].controller;
  if (controller[kState].finish !== undefined) return controller[kState].finish.promise;
  const readable = stream[kState].readable;
  const finish = createDeferred();
  controller[kState].finish = finish;
  const cancelPromise = controller[kState].cancelAlgorithm(reason);
  controllerClearAlgorithms(controller);
  cancelPromise.then(() => {
    if (readable[kState].state === 'errored') {
      finish.reject(readable[kState].storedError);
    } else {
      R.defaultControllerError(readable[kState].controller, reason);
      finish.resolve();
    }
  }, (r) => {
    R.defaultControllerError(readable[kState].controller, r);
    finish.reject(r);
  });
  return finish.promise;
}

function sinkClose(stream) {
  const controller = stream[kState].controller;
  if (controller[kState].finish !== undefined) return controller[kState].finish.promise;
  const readable = stream[kState].readable;
  const finish = createDeferred();
  controller[kState].finish = finish;
  const flushPromise = controller[kState].flushAlgorithm();
  controllerClearAlgorithms(controller);
  flushPromise.then(() => {
    if (readable[kState].state === 'errored') {
      finish.reject(readable[kState].storedError);
    } else {
      R.defaultControllerClose(readable[kState].controller);
      finish.resolve();
    }
  }, (r) => {
    R.defaultControllerError(readable[kState].controller, r);
    finish.reject(r);
  });
  return finish.promise;
}

function sourcePull(stream) {
  setBackpressure(stream, false);
  return stream[kState].backpressureChange.promise;
}

function sourceCancel(stream, reason) {
  const controller = stream[kState].controller;
  if (controller[kState].finish !== undefined) return controller[kState].finish.promise;
  const writable = stream[kState].writable;
  const finish = createDeferred();
  controller[kState].finish = finish;
  const cancelPromise = controller[kState].cancelAlgorithm(reason);
  controllerClearAlgorithms(controller);
  cancelPromise.then(() => {
    if (writable[kState].state === 'errored') {
      finish.reject(writable[kState].storedError);
    } else {
      W.controllerErrorIfNeeded(writable[kState].controller, reason);
      unblockWrite(stream);
      finish.resolve();
    }
  }, (r) => {
    W.controllerErrorIfNeeded(writable[kState].controller, r);
    unblockWrite(stream);
    finish.reject(r);
  });
  return finish.promise;
}

module.exports = {
  TransformStream,
  TransformStreamDefaultController,
  isTransformStream,
};
