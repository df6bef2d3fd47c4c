'use strict';
// node:stream. The implementation lives in internal/streams/.

const { kCustomPromisifiedSymbol: customPromisify } = require('internal/util');
const {
  streamReturningOperators,
  promiseReturningOperators,
} = require('internal/streams/operators');
const { codes: { ERR_ILLEGAL_CONSTRUCTOR } } = require('internal/errors');
const compose = require('internal/streams/compose');
const { setDefaultHighWaterMark, getDefaultHighWaterMark } = require('internal/streams/state');
const { pipeline } = require('internal/streams/pipeline');
const { destroyer } = require('internal/streams/destroy');
const eos = require('internal/streams/end-of-stream');
const utils = require('internal/streams/utils');
const { addAbortSignal } = require('internal/streams/add-abort-signal');

const Stream = module.exports = require('internal/streams/legacy').Stream;

Stream.isDestroyed = utils.isDestroyed;
Stream.isDisturbed = utils.isDisturbed;
Stream.isErrored = utils.isErrored;
Stream.isReadable = utils.isReadable;
Stream.isWritable = utils.isWritable;

Stream.Readable = require('internal/streams/readable');

// The helpers are plain methods (not constructors), with the name and
// length of the operator they call.
function defineOperator(key, op, wrapResult) {
  // A plain function (so `new` reaches the check), named after the op.
  const fn = function(...args) {
    if (new.target) throw new ERR_ILLEGAL_CONSTRUCTOR();
    const result = Reflect.apply(op, this, args);
    return wrapResult ? Stream.Readable.from(result) : result;
  };
  Object.defineProperty(fn, 'name', { __proto__: null, value: op.name });
  Object.defineProperty(fn, 'length', { __proto__: null, value: op.length });
  Object.defineProperty(Stream.Readable.prototype, key, {
    __proto__: null,
    value: fn,
    enumerable: false,
    configurable: true,
    writable: true,
  });
}
for (const key of Object.keys(streamReturningOperators)) {
  defineOperator(key, streamReturningOperators[key], true);
}
for (const key of Object.keys(promiseReturningOperators)) {
  defineOperator(key, promiseReturningOperators[key], false);
}

Stream.Writable = require('internal/streams/writable');
Stream.Duplex = require('internal/streams/duplex');
Stream.Transform = require('internal/streams/transform');
Stream.PassThrough = require('internal/streams/passthrough');
Stream.duplexPair = require('internal/streams/duplexpair');
Stream.pipeline = pipeline;
Stream.addAbortSignal = addAbortSignal;
Stream.finished = eos;
Stream.destroy = destroyer;
Stream.compose = compose;
Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;

let promises;
function lazyPromises() {
  promises ??= require('stream/promises');
  return promises;
}

Object.defineProperty(Stream, 'promises', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get: lazyPromises,
});

// util.promisify(stream.pipeline) and util.promisify(stream.finished).
Object.defineProperty(pipeline, customPromisify, {
  __proto__: null,
  enumerable: true,
  get() { return lazyPromises().pipeline; },
});
Object.defineProperty(eos, customPromisify, {
  __proto__: null,
  enumerable: true,
  get() { return lazyPromises().finished; },
});

Stream.Stream = Stream;

Stream._isArrayBufferView = ArrayBuffer.isView;
Stream._isUint8Array = function _isUint8Array(value) {
  return require('internal/util/types').isUint8Array(value);
};
Stream._uint8ArrayToBuffer = function _uint8ArrayToBuffer(chunk) {
  return require('buffer').Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
};
