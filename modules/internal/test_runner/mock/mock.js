'use strict';
// node:test's mocks: mock.fn() and mock.method() (with getter/setter
// variants) return a Proxy of the original function that records every call
// in `fn.mock`; mock.property() records reads and writes of a property;
// mock.timers fakes the timer functions and Date. A test's own tracker
// (t.mock) is reset when the test ends.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const {
  validateBoolean,
  validateFunction,
  validateInteger,
  validateObject,
} = require('internal/validators');

function kDefaultFunction() {}

// Set by MockFunctionContext's static block: they reach its private state
// without being methods users can see.
let trackCall;
let nextImplementation;

class MockFunctionContext {
  #calls = [];
  #onceImplementations = new Map();
  #implementation;
  #restore;
  #times;

  constructor(implementation, restore, times) {
    this.#implementation = implementation;
    this.#restore = restore;
    this.#times = times;
  }

  get calls() {
    return this.#calls.slice();
  }

  callCount() {
    return this.#calls.length;
  }

  mockImplementation(implementation) {
    validateFunction(implementation, 'implementation');
    this.#implementation = implementation;
  }

  // Uses `implementation` for one call only: the next one, or call number
  // `onCall` (0-based, counting every call so far).
  mockImplementationOnce(implementation, onCall) {
    validateFunction(implementation, 'implementation');
    const nextCall = this.#calls.length;
    const call = onCall ?? nextCall;
    validateInteger(call, 'onCall', nextCall);
    this.#onceImplementations.set(call, implementation);
  }

  restore() {
    const { descriptor, object, original, methodName } = this.#restore;
    if (methodName !== undefined) {
      // A mocked method: put the original property back.
      Object.defineProperty(object, methodName, descriptor);
    } else {
      // A bare mocked function: it calls the original from now on.
      this.#implementation = original;
    }
  }

  resetCalls() {
    this.#calls = [];
  }

  static {
    trackCall = (ctx, call) => {
      ctx.#calls.push(call);
    };
    // The implementation for the call about to happen; after the last of
    // `times` calls the mock restores itself.
    nextImplementation = (ctx) => {
      const nextCall = ctx.#calls.length;
      const once = ctx.#onceImplementations.get(nextCall);
      const impl = once ?? ctx.#implementation;
      if (nextCall + 1 === ctx.#times) ctx.restore();
      ctx.#onceImplementations.delete(nextCall);
      return impl;
    };
  }
}

class MockPropertyContext {
  #object;
  #propertyName;
  #value;
  #originalValue;
  #descriptor;
  #accesses = [];
  #onceValues = new Map();

  constructor(object, propertyName, value, hasValue) {
    this.#object = object;
    this.#propertyName = propertyName;
    this.#originalValue = object[propertyName];
    this.#value = hasValue ? value : this.#originalValue;
    this.#descriptor = Object.getOwnPropertyDescriptor(object, propertyName);
    if (!this.#descriptor) {
      throw new ERR_INVALID_ARG_VALUE('propertyName', propertyName, 'is not a property of the object');
    }
    const { configurable, enumerable } = this.#descriptor;
    Object.defineProperty(object, propertyName, {
      configurable,
      enumerable,
      get: () => {
        const next = this.#accessValue(this.#value);
        // eslint-disable-next-line no-restricted-syntax
        this.#accesses.push({ __proto__: null, type: 'get', value: next, stack: new Error() });
        return next;
      },
      set: (v) => this.mockImplementation(v),
    });
  }

  get accesses() {
    return this.#accesses.slice();
  }

  accessCount() {
    return this.#accesses.length;
  }

  mockImplementation(value) {
    if (!this.#descriptor.writable) {
      throw new ERR_INVALID_ARG_VALUE('propertyName', this.#propertyName, 'cannot be set');
    }
    const next = this.#accessValue(value);
    // eslint-disable-next-line no-restricted-syntax
    this.#accesses.push({ __proto__: null, type: 'set', value: next, stack: new Error() });
    this.#value = next;
  }

  #accessValue(value) {
    const index = this.#accesses.length;
    if (this.#onceValues.has(index)) {
      const once = this.#onceValues.get(index);
      this.#onceValues.delete(index);
      return once;
    }
    return value;
  }

  mockImplementationOnce(value, onAccess) {
    const next = this.#accesses.length;
    const index = onAccess ?? next;
    validateInteger(index, 'onAccess', next);
    this.#onceValues.set(index, value);
  }

  resetAccesses() {
    this.#accesses = [];
  }

  restore() {
    Object.defineProperty(this.#object, this.#propertyName, { ...this.#descriptor, value: this.#originalValue });
  }
}

function validateStringOrSymbol(value, name) {
  if (typeof value !== 'string' && typeof value !== 'symbol') {
    throw new ERR_INVALID_ARG_TYPE(name, ['string', 'symbol'], value);
  }
}

function validateTimes(value, name) {
  if (value === Infinity) return;
  validateInteger(value, name, 1);
}

function findMethodOnPrototypeChain(instance, methodName) {
  for (let host = instance; host !== null; host = Object.getPrototypeOf(host)) {
    const descriptor = Object.getOwnPropertyDescriptor(host, methodName);
    if (descriptor) return descriptor;
  }
  return undefined;
}

class MockTracker {
  #mocks = [];
  #timers;

  get timers() {
    if (this.#timers === undefined) {
      const { MockTimers } = require('internal/test_runner/mock/mock_timers');
      this.#timers = new MockTimers();
    }
    return this.#timers;
  }

  fn(original = function() {}, implementation = original, options = {}) {
    if (original !== null && typeof original === 'object') {
      options = original;
      original = function() {};
      implementation = original;
    } else if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = original;
    }
    validateFunction(original, 'original');
    validateFunction(implementation, 'implementation');
    validateObject(options, 'options');
    const { times = Infinity } = options;
    validateTimes(times, 'options.times');
    const ctx = new MockFunctionContext(implementation, { __proto__: null, original }, times);
    return this.#setupMock(ctx, original);
  }

  method(objectOrFunction, methodName, implementation = kDefaultFunction, options = {}) {
    validateStringOrSymbol(methodName, 'methodName');
    if (typeof objectOrFunction !== 'function') validateObject(objectOrFunction, 'object');
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = kDefaultFunction;
    }
    validateFunction(implementation, 'implementation');
    validateObject(options, 'options');
    const { getter = false, setter = false, times = Infinity } = options;
    validateBoolean(getter, 'options.getter');
    validateBoolean(setter, 'options.setter');
    validateTimes(times, 'options.times');
    if (setter && getter) {
      throw new ERR_INVALID_ARG_VALUE('options.setter', setter, "cannot be used with 'options.getter'");
    }
    const descriptor = findMethodOnPrototypeChain(objectOrFunction, methodName);
    let original;
    if (getter) {
      original = descriptor?.get;
    } else if (setter) {
      original = descriptor?.set;
    } else {
      original = descriptor?.value;
    }
    if (typeof original !== 'function') {
      throw new ERR_INVALID_ARG_VALUE('methodName', original, 'must be a method');
    }
    const restore = { __proto__: null, descriptor, object: objectOrFunction, methodName };
    const impl = implementation === kDefaultFunction ? original : implementation;
    const ctx = new MockFunctionContext(impl, restore, times);
    const mock = this.#setupMock(ctx, original);
    const mockDescriptor = { configurable: descriptor.configurable, enumerable: descriptor.enumerable };
    if (getter) {
      mockDescriptor.get = mock;
      mockDescriptor.set = descriptor.set;
    } else if (setter) {
      mockDescriptor.get = descriptor.get;
      mockDescriptor.set = mock;
    } else {
      mockDescriptor.writable = descriptor.writable;
      mockDescriptor.value = mock;
    }
    Object.defineProperty(objectOrFunction, methodName, mockDescriptor);
    return mock;
  }

  getter(object, methodName, implementation = kDefaultFunction, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = kDefaultFunction;
    } else {
      validateObject(options, 'options');
    }
    const { getter = true } = options;
    if (getter === false) throw new ERR_INVALID_ARG_VALUE('options.getter', getter, 'cannot be false');
    return this.method(object, methodName, implementation, { ...options, getter });
  }

  setter(object, methodName, implementation = kDefaultFunction, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = kDefaultFunction;
    } else {
      validateObject(options, 'options');
    }
    const { setter = true } = options;
    if (setter === false) throw new ERR_INVALID_ARG_VALUE('options.setter', setter, 'cannot be false');
    return this.method(object, methodName, implementation, { ...options, setter });
  }

  property(object, propertyName, value) {
    validateObject(object, 'object');
    validateStringOrSymbol(propertyName, 'propertyName');
    const ctx = new MockPropertyContext(object, propertyName, value, arguments.length > 2);
    this.#mocks.push({ __proto__: null, ctx, restore: () => ctx.restore() });
    return new Proxy(object, {
      get(target, property, receiver) {
        if (property === 'mock') return ctx;
        return Reflect.get(target, property, receiver);
      },
    });
  }

  module() {
    const { codes: { ERR_NOT_IMPLEMENTED } } = require('internal/errors');
    throw new ERR_NOT_IMPLEMENTED('mock.module()');
  }

  reset() {
    this.restoreAll();
    this.#timers?.reset();
    this.#mocks = [];
  }

  restoreAll() {
    for (const { restore } of this.#mocks) restore();
  }

  #setupMock(ctx, fnToMatch) {
    const mock = new Proxy(fnToMatch, {
      __proto__: null,
      apply(target, thisArg, argList) {
        const fn = nextImplementation(ctx);
        let result;
        let error;
        try {
          result = Reflect.apply(fn, thisArg, argList);
        } catch (err) {
          error = err;
          throw err;
        } finally {
          trackCall(ctx, {
            __proto__: null,
            arguments: argList,
            error,
            result,
            // eslint-disable-next-line no-restricted-syntax
            stack: new Error(),
            target: undefined,
            this: thisArg,
          });
        }
        return result;
      },
      construct(target, argList, newTarget) {
        const realTarget = nextImplementation(ctx);
        let result;
        let error;
        try {
          result = Reflect.construct(realTarget, argList, newTarget);
        } catch (err) {
          error = err;
          throw err;
        } finally {
          trackCall(ctx, {
            __proto__: null,
            arguments: argList,
            error,
            result,
            // eslint-disable-next-line no-restricted-syntax
            stack: new Error(),
            target,
            this: result,
          });
        }
        return result;
      },
      get(target, property, receiver) {
        if (property === 'mock') return ctx;
        return Reflect.get(target, property, receiver);
      },
    });
    this.#mocks.push({ __proto__: null, ctx, restore: () => ctx.restore() });
    return mock;
  }
}

module.exports = { MockTracker };
