'use strict';
// node:domain (deprecated, still required by packages): groups of callbacks
// and EventEmitters whose errors go to one Domain's 'error' event.
//
// The active domain travels with the async context (an AsyncLocalStorage),
// so callbacks scheduled inside a domain (nextTick, timers, immediates, I/O,
// promise reactions) run in it. Uncaught exceptions reach the domain through
// a hook in internal/process/execution: an exception thrown by a callback
// that ran in a domain is tagged with that domain on its way out (the runtime
// leaves the callback's context before it reports the exception), else the
// context still current when it is reported decides.

const EventEmitter = require('events');
const {
  codes: { ERR_UNHANDLED_ERROR, ERR_DOMAIN_CALLBACK_NOT_AVAILABLE, ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE },
} = require('internal/errors');
const { AsyncLocalStorage } = require('async_hooks');
const fatal = require('internal/process/execution');

// Domains and the capture callback exclude each other, as in Node.
if (process.hasUncaughtExceptionCaptureCallback()) throw new ERR_DOMAIN_CALLBACK_NOT_AVAILABLE();

const storage = new AsyncLocalStorage();
// Domains entered explicitly (enter() without exit()), innermost last.
const stack = [];
exports._stack = stack;

// The domain an escaping exception last passed through: objects are tagged
// in a WeakMap, primitives remembered by value.
const thrownIn = new WeakMap();
let lastPrimitive = { value: undefined, domain: undefined, set: false };

// Node shows no domain as null until one was entered and left, then as
// undefined: the store holds kLeft after an exit.
const kLeft = Symbol('kLeft');

function activeDomain() {
  const d = storage.getStore();
  return d === kLeft ? undefined : d;
}

function shownDomain() {
  const d = storage.getStore();
  if (d === undefined) return null;
  return d === kLeft ? undefined : d;
}

function tagThrown(er, domain) {
  if ((typeof er === 'object' && er !== null) || typeof er === 'function') {
    if (!thrownIn.has(er)) thrownIn.set(er, domain);
  } else if (!lastPrimitive.set) {
    lastPrimitive = { value: er, domain, set: true };
  }
}

function takeThrown(er) {
  if ((typeof er === 'object' && er !== null) || typeof er === 'function') {
    const d = thrownIn.get(er);
    thrownIn.delete(er);
    return d;
  }
  const last = lastPrimitive;
  lastPrimitive = { value: undefined, domain: undefined, set: false };
  return last.set && Object.is(last.value, er) ? last.domain : undefined;
}

// Runs fn in domain d; an exception leaving it is tagged with d.
function runIn(d, fn, thisArg, args) {
  return storage.run(d, () => {
    try {
      return Reflect.apply(fn, thisArg, args);
    } catch (er) {
      tagThrown(er, d);
      throw er;
    }
  });
}

class Domain extends EventEmitter {
  constructor() {
    super();
    this.members = [];
  }

  enter() {
    // The explicit form: the rest of this synchronous run (and what it
    // schedules) is in the domain until exit().
    stack.push(this);
    storage.enterWith(this);
  }

  exit() {
    // Leaves this domain and every domain entered after it.
    const index = stack.lastIndexOf(this);
    if (index === -1) return;
    stack.splice(index);
    storage.enterWith(stack.length > 0 ? stack[stack.length - 1] : kLeft);
  }

  run(fn, ...args) {
    this.enter();
    // No finally: an exception keeps the domain active, so the uncaught
    // exception handler routes it here (as Node does).
    const ret = Reflect.apply(fn, this, args);
    this.exit();
    return ret;
  }

  add(ee) {
    if (ee.domain === this) return;
    if (ee.domain) ee.domain.remove(ee);
    // A Domain added to another hangs under it; a plain emitter joins.
    if (this.domain && ee instanceof Domain) {
      for (let d = this.domain; d; d = d.domain) {
        if (ee === d) return;
      }
    }
    Object.defineProperty(ee, 'domain', { configurable: true, enumerable: false, value: this, writable: true });
    this.members.push(ee);
  }

  remove(ee) {
    ee.domain = null;
    const index = this.members.indexOf(ee);
    if (index !== -1) this.members.splice(index, 1);
  }

  bind(cb) {
    const self = this;
    function bound(...args) {
      return runIn(self, cb, this, args);
    }
    Object.defineProperty(bound, 'domain', { configurable: true, enumerable: false, value: this, writable: true });
    return bound;
  }

  intercept(cb) {
    const self = this;
    function intercepted(er, ...args) {
      if (er) {
        if (typeof er === 'object') {
          er.domainBound = cb;
          er.domainThrown = false;
          Object.defineProperty(er, 'domain', { configurable: true, enumerable: false, value: self, writable: true });
        }
        self.emit('error', er);
        return;
      }
      return runIn(self, cb, this, args);
    }
    return intercepted;
  }

  // Called with an exception nobody caught. Returns true when an 'error'
  // listener took it.
  _errorHandler(er) {
    if ((typeof er === 'object' && er !== null) || typeof er === 'function') {
      Object.defineProperty(er, 'domain', { configurable: true, enumerable: false, value: this, writable: true });
      er.domainThrown = true;
    }
    // The handler runs outside the domain (else an exception in it would
    // come straight back here).
    const parent = this.domain ?? undefined;
    stack.length = 0;
    storage.enterWith(kLeft);
    if (this.listenerCount('error') === 0) return false;
    try {
      return storage.run(parent ?? kLeft, () => this.emit('error', er));
    } catch (er2) {
      // The handler threw: an enclosing domain may take it, else it is fatal.
      if (parent) return parent._errorHandler(er2);
      throw er2;
    }
  }
}

exports.Domain = Domain;
exports.create = exports.createDomain = function createDomain() {
  return new Domain();
};

// domain.active and process.domain: the same accessor.
const activeDescriptor = {
  configurable: true,
  enumerable: true,
  get() {
    return shownDomain();
  },
  set(d) {
    storage.enterWith(d ?? kLeft);
  },
};
Object.defineProperty(exports, 'active', activeDescriptor);

// ---- the hooks domains need in the rest of the runtime ----

Object.defineProperty(process, 'domain', activeDescriptor);

fatal.setDomainErrorHandler((er) => {
  const d = takeThrown(er) ?? activeDomain();
  if (d === undefined) return false;
  return d._errorHandler(er);
});

// Node lets a program use domains or the capture callback, not both.
const setCapture = process.setUncaughtExceptionCaptureCallback;
process.setUncaughtExceptionCaptureCallback = function setUncaughtExceptionCaptureCallback(fn) {
  if (fn !== null) throw new ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE();
  return Reflect.apply(setCapture, process, [fn]);
};

// EventEmitters made inside a domain belong to it; their 'error' events with
// no listener go to the domain, and their listeners run in it.
EventEmitter.usingDomains = true;
const originalInit = EventEmitter.init;
EventEmitter.init = function(opts) {
  if (!(this instanceof Domain) && (this.domain === undefined || this.domain === null)) {
    this.domain = activeDomain() ?? null;
  }
  return Reflect.apply(originalInit, this, [opts]);
};

const originalEmit = EventEmitter.prototype.emit;
EventEmitter.prototype.emit = function emit(...args) {
  const d = this.domain;
  if (d === null || d === undefined || this === process) return Reflect.apply(originalEmit, this, args);
  const type = args[0];
  if (type === 'error' && this.listenerCount('error') === 0) {
    const er = args.length > 1 && args[1] ? args[1] : new ERR_UNHANDLED_ERROR();
    if (typeof er === 'object') {
      er.domainEmitter = this;
      Object.defineProperty(er, 'domain', { configurable: true, enumerable: false, value: d, writable: true });
      er.domainThrown = false;
    }
    // The domain's handler runs outside it.
    storage.run(d.domain ?? kLeft, () => d.emit('error', er));
    return false;
  }
  return runIn(d, originalEmit, this, args);
};

// Callbacks of timers and nextTick leave their context before the runtime
// reports what they threw: wrap them when scheduled in a domain, so the
// exception carries its domain.
function wrapScheduler(owner, name, callbackIndex = 0) {
  const original = owner[name];
  if (typeof original !== 'function') return;
  const wrapped = {
    [name](...args) {
      const d = activeDomain();
      const cb = args[callbackIndex];
      if (d !== undefined && typeof cb === 'function') {
        args[callbackIndex] = function(...cbArgs) {
          try {
            return Reflect.apply(cb, this, cbArgs);
          } catch (er) {
            tagThrown(er, d);
            throw er;
          }
        };
      }
      return Reflect.apply(original, this, args);
    },
  }[name];
  // Keep util.promisify.custom and the like.
  for (const key of Reflect.ownKeys(original)) {
    if (typeof key === 'symbol') wrapped[key] = original[key];
  }
  owner[name] = wrapped;
}

wrapScheduler(process, 'nextTick');
const timers = require('timers');
for (const name of ['setTimeout', 'setInterval', 'setImmediate']) {
  const same = globalThis[name] === timers[name];
  wrapScheduler(timers, name);
  if (same) globalThis[name] = timers[name];
  else wrapScheduler(globalThis, name);
}
