'use strict';
// Helpers shared by the WHATWG streams (internal/webstreams/*): promises
// the way the Streams Standard handles them, queues with sizes, strategy
// extraction and buffer transfer.

const {
  codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_ARG_TYPE, ERR_INVALID_STATE },
} = require('internal/errors');

const kState = Symbol('kState');
const kType = Symbol('kType');

// A promise with its resolving functions; `settled` tells whether one of
// them was called (the standard replaces a settled promise it must reject).
function createDeferred() {
  const d = { promise: undefined, resolve: undefined, reject: undefined, settled: false };
  d.promise = new Promise((res, rej) => {
    d.resolve = (v) => {
      d.settled = true;
      res(v);
    };
    d.reject = (e) => {
      d.settled = true;
      rej(e);
    };
  });
  return d;
}

// The standard's "set promise.[[PromiseIsHandled]] to true".
function setPromiseHandled(promise) {
  promise.then(undefined, () => {});
}

function rejected(reason) {
  const p = Promise.reject(reason);
  return p;
}

// Calls fn(...args) and returns a promise of its result; a throw becomes a
// rejection ("promise-calling" an algorithm).
function promiseCall(fn, thisArg, ...args) {
  try {
    return Promise.resolve(Reflect.apply(fn, thisArg, args));
  } catch (err) {
    return Promise.reject(err);
  }
}

function invalidState(message) {
  const err = new ERR_INVALID_STATE.TypeError(message);
  Error.captureStackTrace(err, invalidState);
  return err;
}

// ---- queue with sizes ----

function resetQueue(controller) {
  controller[kState].queue = [];
  controller[kState].queueTotalSize = 0;
}

function enqueueValueWithSize(controller, value, size) {
  size = +size;
  if (typeof size !== 'number' || Number.isNaN(size) || size < 0 || size === Infinity) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('size', size);
  }
  const state = controller[kState];
  state.queue.push({ value, size });
  state.queueTotalSize += size;
}

function dequeueValue(controller) {
  const state = controller[kState];
  const { value, size } = state.queue.shift();
  state.queueTotalSize = Math.max(0, state.queueTotalSize - size);
  return value;
}

function peekQueueValue(controller) {
  return controller[kState].queue[0].value;
}

// ---- strategies ----

function extractHighWaterMark(strategy, defaultHWM) {
  const hwm = strategy?.highWaterMark;
  if (hwm === undefined) return defaultHWM;
  const n = +hwm;
  if (Number.isNaN(n) || n < 0) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.highWaterMark', hwm);
  }
  return n;
}

function extractSizeAlgorithm(strategy) {
  const size = strategy?.size;
  if (size === undefined) return () => 1;
  if (typeof size !== 'function') throw new ERR_INVALID_ARG_TYPE('strategy.size', 'Function', size);
  return (chunk) => size(chunk);
}

// The standard detaches a buffer it takes over; V8 10.2 has no native
// transfer, the bootstrap's (or a structured-clone move) stands in.
function transferArrayBuffer(buffer) {
  if (typeof buffer.transfer === 'function') return buffer.transfer();
  return structuredClone(buffer, { transfer: [buffer] });
}

function isDetached(buffer) {
  if (buffer.detached !== undefined) return buffer.detached;
  return buffer.byteLength === 0 && (() => {
    try {
      new Uint8Array(buffer);
      return false;
    } catch {
      return true;
    }
  })();
}

function copyBytes(dest, destOffset, src, srcOffset, length) {
  new Uint8Array(dest, destOffset, length).set(new Uint8Array(src, srcOffset, length));
}

function isObjectLike(value) {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

// Reads a dictionary member as a function (or undefined), bound to `obj`.
function method(obj, name, label) {
  if (obj == null) return undefined;
  const fn = obj[name];
  if (fn === undefined) return undefined;
  if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE(`${label}.${name}`, 'Function', fn);
  return fn;
}

// util.inspect shows a stream's class and its state.
const customInspect = Symbol.for('nodejs.util.inspect.custom');
function inspectWith(name, fields) {
  return function(depth, options, inspect) {
    if (depth < 0) return this;
    const shown = {};
    for (const [k, v] of Object.entries(fields(this))) shown[k] = v;
    return `${name} ${inspect(shown, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  };
}

module.exports = {
  kState,
  kType,
  createDeferred,
  setPromiseHandled,
  rejected,
  promiseCall,
  invalidState,
  resetQueue,
  enqueueValueWithSize,
  dequeueValue,
  peekQueueValue,
  extractHighWaterMark,
  extractSizeAlgorithm,
  transferArrayBuffer,
  isDetached,
  copyBytes,
  isObjectLike,
  method,
  customInspect,
  inspectWith,
};
