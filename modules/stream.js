'use strict';
// node:stream. The implementation lives in internal/streams/.

const { kCustomPromisifiedSymbol: customPromisify } = require('internal/util');
const { codes: { ERR_ILLEGAL_CONSTRUCTOR } } = require('internal/errors');
const { setDefaultHighWaterMark, getDefaultHighWaterMark } = require('internal/streams/state');
const { destroyer } = require('internal/streams/destroy');
const eos = require('internal/streams/end-of-stream');
const utils = require('internal/streams/utils');
const { addAbortSignal } = require('internal/streams/add-abort-signal');

// process.stdout loads this module on the first console.log(), so the
// rarely used parts (the Readable helpers, pipeline, compose, duplexPair)
// load on first call.
let operators;
let pipelineImpl;
let composeImpl;
let duplexPairImpl;
function lazyOperators() {
  operators ??= require('internal/streams/operators');
  return operators;
}

const Stream = module.exports = require('internal/streams/legacy').Stream;

Stream.isDestroyed = utils.isDestroyed;
Stream.isDisturbed = utils.isDisturbed;
Stream.isErrored = utils.isErrored;
Stream.isReadable = utils.isReadable;
Stream.isWritable = utils.isWritable;

Stream.Readable = require('internal/streams/readable');

// The helpers: plain functions (so `new` reaches the check) with the name
// and length of the operator they call.
const helpers = [
  // name, length, returns a stream (else a promise)
  ['drop', 1, true], ['filter', 2, true], ['flatMap', 2, true], ['map', 2, true],
  ['take', 1, true], ['compose', 2, true],
  ['every', 1, false], ['forEach', 2, false], ['reduce', 3, false], ['toArray', 1, false],
  ['some', 1, false], ['find', 2, false],
];
for (const [name, length, returnsStream] of helpers) {
  const fn = function(...args) {
    if (new.target) throw new ERR_ILLEGAL_CONSTRUCTOR();
    const ops = lazyOperators();
    if (returnsStream) {
      return Stream.Readable.from(Reflect.apply(ops.streamReturningOperators[name], this, args));
    }
    return Reflect.apply(ops.promiseReturningOperators[name], this, args);
  };
  Object.defineProperty(fn, 'name', { __proto__: null, value: name });
  Object.defineProperty(fn, 'length', { __proto__: null, value: length });
  Object.defineProperty(Stream.Readable.prototype, name, {
    __proto__: null,
    value: fn,
    enumerable: false,
    configurable: true,
    writable: true,
  });
}

function pipeline(...streams) {
  pipelineImpl ??= require('internal/streams/pipeline').pipeline;
  return Reflect.apply(pipelineImpl, this, streams);
}

function compose(...streams) {
  composeImpl ??= require('internal/streams/compose');
  return Reflect.apply(composeImpl, this, streams);
}

function duplexPair(options) {
  duplexPairImpl ??= require('internal/streams/duplexpair');
  return duplexPairImpl(options);
}

Stream.Writable = require('internal/streams/writable');
Stream.Duplex = require('internal/streams/duplex');
Stream.Transform = require('internal/streams/transform');
Stream.PassThrough = require('internal/streams/passthrough');
Stream.duplexPair = duplexPair;
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
