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
const { kind } = internalBinding('worker');

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
  isMainThread: kind !== 'worker',
  MessagePort: io.MessagePort,
  MessageChannel: io.MessageChannel,
  markAsUntransferable,
  isMarkedAsUntransferable,
  moveMessagePortToContext,
  receiveMessageOnPort: io.receiveMessageOnPort,
  resourceLimits: thread.resourceLimits,
  threadId: thread.threadId,
  SHARE_ENV,
  parentPort: thread.parentPort,
  workerData: thread.workerData,
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
