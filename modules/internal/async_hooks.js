'use strict';
// The async context frames of promises, and the async ids that
// node:async_hooks reports.
//
// Every callback the runtime schedules (nextTick, timers, immediates, I/O
// completions, queueMicrotask) already captures the current frame and
// re-enters it (internal/async_context). Promise reactions are scheduled by
// V8 itself, so V8's promise hooks carry the frame: `init` stores the frame
// current when a promise is made (for `.then()` that is the derived promise,
// for `await` the throwaway promise V8 makes while hooks are on), `before`
// enters it around the reaction and `after` leaves it. The hooks cost time on
// every promise, so they are installed only once AsyncLocalStorage is used.

const asyncContext = require('internal/async_context');

let frameSymbol;
let promiseFramesEnabled = false;
const savedFrames = [];

function promiseInit(promise) {
  const frame = asyncContext.current();
  // The empty frame is the default: promises made outside any store stay
  // untouched (no new property, no new hidden class).
  if (frame !== undefined) promise[frameSymbol] = frame;
}

function promiseBefore(promise) {
  savedFrames.push(asyncContext.enter(promise[frameSymbol]));
}

function promiseAfter() {
  asyncContext.exit(savedFrames.pop());
}

function enablePromiseFrames() {
  if (promiseFramesEnabled) return;
  promiseFramesEnabled = true;
  const binding = internalBinding('async_context');
  frameSymbol = binding.frameSymbol;
  binding.setPromiseHooks(promiseInit, promiseBefore, promiseAfter, undefined);
}

// ---- async ids ----
// shard does not give every callback its own async id (it emits no
// async_hooks events); ids come from AsyncResources, and code outside one
// sees the ids of the main script: 1, triggered by 0.

const kRootAsyncId = 1;
let lastAsyncId = kRootAsyncId;
const rootResource = {};

// The AsyncResource whose runInAsyncScope is running, if any.
let currentResource;

function newAsyncId() {
  return ++lastAsyncId;
}

function setCurrentResource(resource) {
  const prev = currentResource;
  currentResource = resource;
  return prev;
}

function executionAsyncId() {
  return currentResource === undefined ? kRootAsyncId : currentResource.asyncId();
}

function triggerAsyncId() {
  return currentResource === undefined ? 0 : currentResource.triggerAsyncId();
}

function executionAsyncResource() {
  return currentResource ?? rootResource;
}

module.exports = {
  enablePromiseFrames,
  newAsyncId,
  setCurrentResource,
  executionAsyncId,
  triggerAsyncId,
  executionAsyncResource,
};
