'use strict';
// The part of a realm's bootstrap that reads nothing of the running program:
// `process` made an EventEmitter, the global scope (timers, queueMicrotask,
// the lazy Web and Node globals, in Node's order) and the ECMAScript
// polyfills. internal/bootstrap/node requires it first; the worker snapshot
// (js/snapshot.h) holds it evaluated.

const { global } = require('internal/bootstrap/realm');

// ---- process: an EventEmitter ----
const EventEmitter = require('events');
const processProto = Object.create(EventEmitter.prototype, {
  constructor: { value: function process() {}, writable: true, configurable: true },
});
Object.setPrototypeOf(process, processProto);
EventEmitter.call(process);
Object.defineProperty(process, Symbol.toStringTag, { value: 'process', enumerable: false, writable: true, configurable: false });

const { queueMicrotask } = require('internal/process/task_queues');
const timers = require('timers');
const { hasBuiltin } = internalBinding('builtins');

// ---- globals ----
function defineGlobal(name, value) {
  Object.defineProperty(global, name, { value, writable: true, enumerable: false, configurable: true });
}
function defineLazyGlobal(name, load) {
  Object.defineProperty(global, name, {
    enumerable: false,
    configurable: true,
    get() {
      const value = load();
      Object.defineProperty(global, name, { value, writable: true, enumerable: false, configurable: true });
      return value;
    },
    set(value) {
      Object.defineProperty(global, name, { value, writable: true, enumerable: false, configurable: true });
    },
  });
}

Object.defineProperty(global, 'global', { value: global, writable: true, enumerable: false, configurable: true });
defineGlobal('process', process);
defineGlobal('setTimeout', timers.setTimeout);
defineGlobal('clearTimeout', timers.clearTimeout);
defineGlobal('setInterval', timers.setInterval);
defineGlobal('clearInterval', timers.clearInterval);
defineGlobal('setImmediate', timers.setImmediate);
defineGlobal('clearImmediate', timers.clearImmediate);
defineGlobal('queueMicrotask', queueMicrotask);
defineLazyGlobal('console', () => require('console'));

// Web and Node globals whose modules may not all exist yet: each is defined
// only when its built-in is present.
const lazyGlobals = [
  ['Buffer', 'buffer', 'Buffer'],
  ['atob', 'buffer', 'atob'],
  ['btoa', 'buffer', 'btoa'],
  ['Blob', 'buffer', 'Blob'],
  ['File', 'buffer', 'File'],
  ['URL', 'internal/url', 'URL'],
  ['URLSearchParams', 'internal/url', 'URLSearchParams'],
  ['TextEncoder', 'internal/encoding', 'TextEncoder'],
  ['TextDecoder', 'internal/encoding', 'TextDecoder'],
  ['AbortController', 'internal/abort_controller', 'AbortController'],
  ['AbortSignal', 'internal/abort_controller', 'AbortSignal'],
  ['EventTarget', 'internal/event_target', 'EventTarget'],
  ['Event', 'internal/event_target', 'Event'],
  ['CustomEvent', 'internal/event_target', 'CustomEvent'],
  ['structuredClone', 'internal/structured_clone', 'structuredClone'],
  ['performance', 'perf_hooks', 'performance'],
  ['MessageChannel', 'worker_threads', 'MessageChannel'],
  ['MessagePort', 'worker_threads', 'MessagePort'],
  ['MessageEvent', 'internal/worker/messaging', 'MessageEvent'],
  ['BroadcastChannel', 'worker_threads', 'BroadcastChannel'],
  ['crypto', 'internal/crypto/webcrypto', 'crypto'],
  ['Crypto', 'internal/crypto/webcrypto', 'Crypto'],
  ['CryptoKey', 'internal/crypto/webcrypto', 'CryptoKey'],
  ['SubtleCrypto', 'internal/crypto/webcrypto', 'SubtleCrypto'],
  ['fetch', 'internal/fetch', 'fetch'],
  ['Headers', 'internal/fetch', 'Headers'],
  ['Request', 'internal/fetch', 'Request'],
  ['Response', 'internal/fetch', 'Response'],
  ['FormData', 'internal/fetch', 'FormData'],
  ['WebSocket', 'internal/websocket', 'WebSocket'],
  ['ReadableStream', 'stream/web', 'ReadableStream'],
  ['WritableStream', 'stream/web', 'WritableStream'],
  ['TransformStream', 'stream/web', 'TransformStream'],
  ['ReadableStreamDefaultReader', 'stream/web', 'ReadableStreamDefaultReader'],
  ['TextEncoderStream', 'stream/web', 'TextEncoderStream'],
  ['TextDecoderStream', 'stream/web', 'TextDecoderStream'],
  ['CompressionStream', 'stream/web', 'CompressionStream'],
  ['DecompressionStream', 'stream/web', 'DecompressionStream'],
  ['ByteLengthQueuingStrategy', 'stream/web', 'ByteLengthQueuingStrategy'],
  ['CountQueuingStrategy', 'stream/web', 'CountQueuingStrategy'],
  ['DOMException', 'internal/per_context/domexception', 'DOMException'],
  ['navigator', 'internal/navigator', 'navigator'],
  ['Navigator', 'internal/navigator', 'Navigator'],
  ['ReadableStreamBYOBReader', 'stream/web', 'ReadableStreamBYOBReader'],
  ['ReadableStreamBYOBRequest', 'stream/web', 'ReadableStreamBYOBRequest'],
  ['ReadableByteStreamController', 'stream/web', 'ReadableByteStreamController'],
  ['ReadableStreamDefaultController', 'stream/web', 'ReadableStreamDefaultController'],
  ['TransformStreamDefaultController', 'stream/web', 'TransformStreamDefaultController'],
  ['WritableStreamDefaultWriter', 'stream/web', 'WritableStreamDefaultWriter'],
  ['WritableStreamDefaultController', 'stream/web', 'WritableStreamDefaultController'],
];
for (const [name, id, key] of lazyGlobals) {
  if (hasBuiltin(id)) defineLazyGlobal(name, () => require(id)[key]);
}

// As in Node, globalThis is [object global] and these globals are enumerable,
// in this order (util.inspect(globalThis) and Object.keys show them); the
// lazy ones stay accessors, shown as [Getter/Setter].
Object.defineProperty(global, Symbol.toStringTag, { value: 'global', writable: false, enumerable: false, configurable: true });
for (const name of ['global', 'clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout', 'setInterval',
  'setTimeout', 'queueMicrotask', 'structuredClone', 'atob', 'btoa', 'performance', 'fetch', 'navigator', 'crypto']) {
  const desc = Object.getOwnPropertyDescriptor(global, name);
  if (desc === undefined) continue;
  delete global[name];
  if (desc.get === undefined) {
    Object.defineProperty(global, name, { ...desc, enumerable: true });
    continue;
  }
  let value;
  let loaded = false;
  const accessor = {
    get() {
      if (!loaded) {
        value = Reflect.apply(desc.get, global, []);
        loaded = true;
        Object.defineProperty(global, name, accessor);
      }
      return value;
    },
    set(v) {
      value = v;
      loaded = true;
    },
    enumerable: true,
    configurable: true,
  };
  Object.defineProperty(global, name, accessor);
}

// Newer ECMAScript built-ins V8 10.2 lacks.
if (hasBuiltin('internal/per_context/polyfills')) require('internal/per_context/polyfills');

// Made once here, so that a realm started from the snapshot finds it made.
require('internal/util').getSignalsToNamesMapping();
