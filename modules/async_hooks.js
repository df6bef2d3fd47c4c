'use strict';
// node:async_hooks: AsyncLocalStorage and AsyncResource on the runtime's
// async context frames (see internal/async_context and internal/async_hooks).
//
// A frame is an immutable Map from AsyncLocalStorage to its value. run()
// enters a copy with one entry changed and leaves it when the callback
// returns; everything scheduled meanwhile captured the new frame and sees
// it when it runs. This is the model Node adopts with AsyncContextFrame.
//
// createHook() is accepted but its callbacks are never called: shard does
// not emit async_hooks events (init/before/after/destroy/promiseResolve).
// enable() says so once, as a warning.

const {
  codes: { ERR_ASYNC_CALLBACK, ERR_ASYNC_TYPE, ERR_INVALID_ASYNC_ID },
} = require('internal/errors');
const { validateFunction, validateString, validateObject } = require('internal/validators');
const asyncContext = require('internal/async_context');
const internal = require('internal/async_hooks');

const kEmptyObject = Object.freeze({ __proto__: null });

// ---- AsyncLocalStorage ----

class AsyncLocalStorage {
  #enabled = false;

  static bind(fn) {
    return AsyncResource.bind(fn);
  }

  static snapshot() {
    const frame = asyncContext.current();
    return function runInAsyncScope(fn, ...args) {
      const prev = asyncContext.enter(frame);
      try {
        return Reflect.apply(fn, this, args);
      } finally {
        asyncContext.exit(prev);
      }
    };
  }

  disable() {
    if (!this.#enabled) return;
    this.#enabled = false;
    // The current frame forgets this store (later frames are made from it).
    const frame = asyncContext.current();
    if (frame !== undefined && frame.has(this)) {
      const next = new Map(frame);
      next.delete(this);
      asyncContext.enter(next.size === 0 ? undefined : next);
    }
  }

  _enable() {
    if (this.#enabled) return;
    this.#enabled = true;
    internal.enablePromiseFrames();
  }

  // Node's internal hook for async_hooks-based propagation; frames make it
  // unnecessary.
  _propagate(resource, triggerResource, type) {}

  enterWith(store) {
    this._enable();
    // Replaces the frame for the rest of the current callback: the loop
    // restores the previous one when the callback returns.
    asyncContext.enter(withStore(asyncContext.current(), this, store));
  }

  run(store, callback, ...args) {
    this._enable();
    const prev = asyncContext.current();
    if (prev !== undefined && prev.has(this) && Object.is(prev.get(this), store)) {
      return Reflect.apply(callback, null, args);
    }
    asyncContext.enter(withStore(prev, this, store));
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      asyncContext.exit(prev);
    }
  }

  exit(callback, ...args) {
    if (!this.#enabled) return Reflect.apply(callback, null, args);
    const prev = asyncContext.current();
    if (prev === undefined || !prev.has(this)) return Reflect.apply(callback, null, args);
    const next = new Map(prev);
    next.delete(this);
    asyncContext.enter(next.size === 0 ? undefined : next);
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      asyncContext.exit(prev);
    }
  }

  getStore() {
    if (!this.#enabled) return undefined;
    return asyncContext.current()?.get(this);
  }
}

function withStore(frame, storage, store) {
  const next = new Map(frame);
  next.set(storage, store);
  return next;
}

// ---- AsyncResource ----

const kFrame = Symbol('kFrame');
const kAsyncId = Symbol('asyncId');
const kTriggerAsyncId = Symbol('triggerAsyncId');

let warnedAsyncResourceProperty = false;

class AsyncResource {
  constructor(type, opts = kEmptyObject) {
    validateString(type, 'type');
    if (type.length === 0) throw new ERR_ASYNC_TYPE(type);
    let triggerAsyncId = opts;
    if (typeof opts !== 'number') {
      triggerAsyncId = opts?.triggerAsyncId === undefined ? internal.executionAsyncId() : opts.triggerAsyncId;
    }
    if (!Number.isSafeInteger(triggerAsyncId) || triggerAsyncId < -1) {
      throw new ERR_INVALID_ASYNC_ID('triggerAsyncId', triggerAsyncId);
    }
    this[kFrame] = asyncContext.current();
    this[kAsyncId] = internal.newAsyncId();
    this[kTriggerAsyncId] = triggerAsyncId;
  }

  runInAsyncScope(fn, thisArg, ...args) {
    const prevFrame = asyncContext.enter(this[kFrame]);
    const prevResource = internal.setCurrentResource(this);
    try {
      return Reflect.apply(fn, thisArg, args);
    } finally {
      internal.setCurrentResource(prevResource);
      asyncContext.exit(prevFrame);
    }
  }

  // No destroy hook is ever emitted; kept for API compatibility.
  emitDestroy() {
    return this;
  }

  asyncId() {
    return this[kAsyncId];
  }

  triggerAsyncId() {
    return this[kTriggerAsyncId];
  }

  bind(fn, thisArg) {
    validateFunction(fn, 'fn');
    let bound;
    if (thisArg === undefined) {
      const resource = this;
      bound = function(...args) {
        return Reflect.apply(resource.runInAsyncScope, resource, [fn, this, ...args]);
      };
    } else {
      bound = this.runInAsyncScope.bind(this, fn, thisArg);
    }
    let self = this;
    Object.defineProperties(bound, {
      length: { configurable: true, enumerable: false, value: fn.length, writable: false },
      asyncResource: {
        configurable: true,
        enumerable: true,
        get() {
          if (!warnedAsyncResourceProperty) {
            warnedAsyncResourceProperty = true;
            process.emitWarning('The asyncResource property on bound functions is deprecated',
                                'DeprecationWarning', 'DEP0172');
          }
          return self;
        },
        set(value) { self = value; },
      },
    });
    return bound;
  }

  static bind(fn, type, thisArg) {
    type ||= fn?.name;
    return (new AsyncResource(type || 'bound-anonymous-fn')).bind(fn, thisArg);
  }
}

// ---- createHook ----

let warnedHooks = false;

class AsyncHook {
  constructor({ init, before, after, destroy, promiseResolve } = kEmptyObject) {
    const hooks = { init, before, after, destroy, promiseResolve };
    for (const name of Object.keys(hooks)) {
      if (hooks[name] !== undefined && typeof hooks[name] !== 'function') {
        throw new ERR_ASYNC_CALLBACK(`hook.${name}`);
      }
    }
  }

  enable() {
    if (!warnedHooks) {
      warnedHooks = true;
      process.emitWarning('shard does not emit async_hooks events: the callbacks given to ' +
        'async_hooks.createHook() are never called. AsyncLocalStorage and AsyncResource work.',
      'Warning', 'SHARD_ASYNC_HOOKS');
    }
    return this;
  }

  disable() {
    return this;
  }
}

function createHook(callbacks) {
  validateObject(callbacks, 'callbacks', { allowArray: true, allowFunction: true, nullable: false });
  return new AsyncHook(callbacks);
}

// The provider names Node lists (no events are ever emitted for them).
const asyncWrapProviders = Object.freeze({ __proto__: null, ...Object.fromEntries([
  'NONE', 'DIRHANDLE', 'DNSCHANNEL', 'ELDHISTOGRAM', 'FILEHANDLE', 'FILEHANDLECLOSEREQ', 'BLOBREADER',
  'FSEVENTWRAP', 'FSREQCALLBACK', 'FSREQPROMISE', 'GETADDRINFOREQWRAP', 'GETNAMEINFOREQWRAP',
  'HEAPSNAPSHOT', 'HTTP2SESSION', 'HTTP2STREAM', 'HTTP2PING', 'HTTP2SETTINGS', 'HTTPINCOMINGMESSAGE',
  'HTTPCLIENTREQUEST', 'JSSTREAM', 'JSUDPWRAP', 'MESSAGEPORT', 'PIPECONNECTWRAP', 'PIPESERVERWRAP',
  'PIPEWRAP', 'PROCESSWRAP', 'PROMISE', 'QUERYWRAP', 'SHUTDOWNWRAP', 'SIGNALWRAP', 'STATWATCHER',
  'STREAMPIPE', 'TCPCONNECTWRAP', 'TCPSERVERWRAP', 'TCPWRAP', 'TTYWRAP', 'UDPSENDWRAP', 'UDPWRAP',
  'SIGINTWATCHDOG', 'WORKER', 'WORKERHEAPSNAPSHOT', 'WRITEWRAP', 'ZLIB',
].map((name, i) => [name, i])) });

module.exports = {
  AsyncLocalStorage,
  createHook,
  executionAsyncId: internal.executionAsyncId,
  triggerAsyncId: internal.triggerAsyncId,
  executionAsyncResource: internal.executionAsyncResource,
  asyncWrapProviders,
  AsyncResource,
};
