'use strict';
// AbortController and AbortSignal as the DOM spec and Node define them.
//
// Lifetimes: a signal from AbortSignal.timeout() is reached from its timer
// only through a WeakRef, and a signal from AbortSignal.any() only through
// WeakRefs held by its sources, so that a server making one per request does
// not keep them all until they fire. While such a signal has 'abort'
// listeners it is held strongly (someone is waiting for it).

const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS },
} = require('internal/errors');
const { validateObject, validateUint32, validateAbortSignal } = require('internal/validators');
const {
  EventTarget, Event, kTrustEvent, kNewListener, kRemoveListener, kResistStopPropagation,
  kWeakHandler, defineEventHandler,
} = require('internal/event_target');

const { kMaxEventTargetListeners } = require('events');
const { createDeferredPromise } = require('internal/util');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const kAborted = Symbol('kAborted');
const kReason = Symbol('kReason');
const kTimeout = Symbol('kTimeout');
const kComposite = Symbol('kComposite');
const kSourceSignals = Symbol('kSourceSignals');
const kDependantSignals = Symbol('kDependantSignals');
const kDontThrowKey = Symbol('kDontThrowKey');
const kTransferable = Symbol.for('nodejs.transferable_abort_signal');

// Signals that must not be collected while someone listens to them.
const gcPersistentSignals = new Set();

let lazyDOMException;
function DOMException() {
  lazyDOMException ??= require('internal/per_context/domexception').DOMException;
  return lazyDOMException;
}

let lazyInspect;
function customInspectOf(self, obj, depth, options) {
  if (depth < 0) return self;
  lazyInspect ??= require('internal/util/inspect').inspect;
  const opts = { ...options, depth: options.depth === null ? null : options.depth - 1 };
  return `${self.constructor.name} ${lazyInspect(obj, opts)}`;
}

function isAbortSignal(value) {
  return value?.[kAborted] !== undefined;
}

function checkSignal(self) {
  if (!isAbortSignal(self)) throw new ERR_INVALID_THIS('AbortSignal');
}

class AbortSignal extends EventTarget {
  constructor(dontThrowKey = undefined) {
    if (dontThrowKey !== kDontThrowKey) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super();
    // As in Node, signals take any number of listeners without a warning.
    this[kMaxEventTargetListeners] = 0;
    this[kAborted] = false;
    this[kReason] = undefined;
    this[kTimeout] = false;
    this[kComposite] = false;
  }

  get aborted() {
    checkSignal(this);
    return this[kAborted];
  }

  get reason() {
    checkSignal(this);
    return this[kReason];
  }

  throwIfAborted() {
    checkSignal(this);
    if (this[kAborted]) throw this[kReason];
  }

  [customInspect](depth, options) {
    return customInspectOf(this, { aborted: this.aborted }, depth, options);
  }

  static abort(reason = new (DOMException())('This operation was aborted', 'AbortError')) {
    return createAbortSignal({ aborted: true, reason });
  }

  static timeout(delay) {
    validateUint32(delay, 'delay', false);
    const signal = createAbortSignal();
    signal[kTimeout] = true;
    const ref = new WeakRef(signal);
    const timer = require('timers').setTimeout(() => {
      const target = ref.deref();
      if (target === undefined) return;
      gcPersistentSignals.delete(target);
      abortSignal(target, new (DOMException())('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay);
    // A pending timeout does not keep the process alive, as in Node.
    timer.unref();
    return signal;
  }

  static any(signals) {
    if (signals === null || typeof signals !== 'object' || typeof signals[Symbol.iterator] !== 'function') {
      const err = new TypeError('Value can not be converted to sequence.');
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    signals = [...signals];
    for (let i = 0; i < signals.length; i++) {
      if (!isAbortSignal(signals[i])) {
        throw new ERR_INVALID_ARG_TYPE(`signals[${i}]`, 'AbortSignal', signals[i]);
      }
    }
    const result = createAbortSignal({ composite: true });
    for (const signal of signals) {
      if (signal.aborted) {
        result[kAborted] = true;
        result[kReason] = signal.reason;
        return result;
      }
    }
    result[kSourceSignals] = new Set();
    const resultRef = new WeakRef(result);
    // A composite of composites depends on their sources directly.
    const link = (source) => {
      if (result[kSourceSignals].has(source)) return;
      result[kSourceSignals].add(source);
      source[kDependantSignals] ??= new Set();
      source[kDependantSignals].add(resultRef);
    };
    for (const signal of signals) {
      if (signal[kComposite] && signal[kSourceSignals] !== undefined) {
        for (const source of signal[kSourceSignals]) link(source);
      } else {
        link(signal);
      }
    }
    return result;
  }

  [kNewListener](size, type, listener, once, capture, passive, weak) {
    super[kNewListener](size, type, listener, once, capture, passive, weak);
    const collectable = this[kTimeout] || this[kComposite];
    if (collectable && type === 'abort' && !this.aborted && !weak && size === 1) {
      gcPersistentSignals.add(this);
    }
  }

  [kRemoveListener](size, type, listener, capture) {
    super[kRemoveListener](size, type, listener, capture);
    if ((this[kTimeout] || this[kComposite]) && type === 'abort' && size === 0) {
      gcPersistentSignals.delete(this);
    }
  }
}

Object.defineProperties(AbortSignal.prototype, {
  aborted: { enumerable: true },
  reason: { enumerable: true },
  throwIfAborted: { enumerable: true },
  [Symbol.toStringTag]: { writable: false, enumerable: false, configurable: true, value: 'AbortSignal' },
});
defineEventHandler(AbortSignal.prototype, 'abort');

function createAbortSignal({ aborted = false, reason = undefined, composite = false } = {}) {
  const signal = new AbortSignal(kDontThrowKey);
  signal[kAborted] = aborted;
  signal[kReason] = reason;
  signal[kComposite] = composite;
  return signal;
}

// The spec's "signal abort": every dependent signal is marked aborted before
// any 'abort' listener runs, so listeners see a consistent state.
function abortSignal(signal, reason) {
  if (signal[kAborted]) return;
  signal[kAborted] = true;
  signal[kReason] = reason;
  const dependants = [];
  if (signal[kDependantSignals] !== undefined) {
    for (const ref of signal[kDependantSignals]) {
      const dependant = ref.deref();
      if (dependant !== undefined && !dependant[kAborted]) {
        dependant[kAborted] = true;
        dependant[kReason] = reason;
        dependants.push(dependant);
      }
    }
    signal[kDependantSignals] = undefined;
  }
  runAbortSteps(signal);
  for (const dependant of dependants) runAbortSteps(dependant);
}

function runAbortSteps(signal) {
  gcPersistentSignals.delete(signal);
  const event = new Event('abort', { [kTrustEvent]: true });
  signal.dispatchEvent(event);
}

class AbortController {
  #signal;

  constructor() {
    this.#signal = createAbortSignal();
  }

  get signal() {
    return this.#signal;
  }

  abort(reason = new (DOMException())('This operation was aborted', 'AbortError')) {
    abortSignal(this.#signal, reason);
  }

  [customInspect](depth, options) {
    return customInspectOf(this, { signal: this.signal }, depth, options);
  }
}

Object.defineProperties(AbortController.prototype, {
  signal: { enumerable: true },
  abort: { enumerable: true },
  [Symbol.toStringTag]: { writable: false, enumerable: false, configurable: true, value: 'AbortController' },
});

// util.transferableAbortSignal/Controller: signals stay on this core, so
// the marker only records the intent.
function transferableAbortSignal(signal) {
  if (!isAbortSignal(signal)) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  signal[kTransferable] = true;
  return signal;
}

function transferableAbortController() {
  const controller = new AbortController();
  transferableAbortSignal(controller.signal);
  return controller;
}

// util.aborted(signal, resource): resolves once the signal aborts; the
// listener does not keep `resource` alive.
async function aborted(signal, resource) {
  if (signal === undefined) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateObject(resource, 'resource', { nullable: false, allowFunction: true, allowArray: true });
  if (signal.aborted) return;
  const { promise, resolve } = createDeferredPromise();
  signal.addEventListener('abort', resolve, {
    __proto__: null, once: true, [kWeakHandler]: resource, [kResistStopPropagation]: true,
  });
  return promise;
}


module.exports = {
  AbortController,
  AbortSignal,
  abortSignal,
  aborted,
  isAbortSignal,
  transferableAbortSignal,
  transferableAbortController,
  kAborted,
  kReason,
};
