'use strict';
// node:worker_threads. A Worker is one more loop thread with its own ring and
// isolate (js/bind_worker.cc); ports and channels work between any two
// isolates of the process: Workers, and the cores of a --cores program.

const io = require('internal/worker/io');
// node:buffer loads only when these are used (Workers start faster).
function markAsUntransferable(object) {
  require('internal/buffer').markAsUntransferable(object);
}

function isMarkedAsUntransferable(object) {
  return require('internal/buffer').isMarkedAsUntransferable(object);
}
const thread = require('internal/worker/thread');
const { onFirstRequire } = require('internal/bootstrap/realm');

const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');

let WorkerClass;
function lazyWorker() {
  WorkerClass ??= require('internal/worker/worker').Worker;
  return WorkerClass;
}

function moveMessagePortToContext() {
  const { codes: { ERR_METHOD_NOT_IMPLEMENTED } } = require('internal/errors');
  throw new ERR_METHOD_NOT_IMPLEMENTED('moveMessagePortToContext()');
}

function getEnvironmentData(key) {
  return thread.environmentData.get(key);
}

function setEnvironmentData(key, value) {
  if (value === undefined) {
    thread.environmentData.delete(key);
  } else {
    thread.environmentData.set(key, value);
  }
}

module.exports = {
  isMainThread: true,
  MessagePort: io.MessagePort,
  MessageChannel: io.MessageChannel,
  markAsUntransferable,
  isMarkedAsUntransferable,
  moveMessagePortToContext,
  receiveMessageOnPort: io.receiveMessageOnPort,
  resourceLimits: null,
  threadId: 0,
  SHARE_ENV,
  parentPort: null,
  workerData: null,
  BroadcastChannel: io.BroadcastChannel,
  setEnvironmentData,
  getEnvironmentData,
};
// A plain data property once loaded, as the other exports.
Object.defineProperty(module.exports, 'Worker', {
  get() {
    const Worker = lazyWorker();
    Object.defineProperty(module.exports, 'Worker', { value: Worker, writable: true, enumerable: true, configurable: true });
    return Worker;
  },
  enumerable: true,
  configurable: true,
});
// What this realm is (the worker snapshot holds this module): read at the
// first require, as Node's are at load.
onFirstRequire(module, () => {
  const exports = module.exports;
  exports.isMainThread = thread.kind !== 'worker';
  exports.resourceLimits = thread.resourceLimits;
  exports.threadId = thread.threadId;
  exports.parentPort = thread.parentPort;
  exports.workerData = thread.workerData;
});
