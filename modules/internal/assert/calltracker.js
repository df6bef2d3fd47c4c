'use strict';
// assert.CallTracker (deprecated in Node, DEP0173): wraps functions and
// checks they were called exactly the expected number of times.

const AssertionError = require('internal/assert/assertion_error');
const { codes: { ERR_INVALID_ARG_VALUE, ERR_UNAVAILABLE_DURING_EXIT } } = require('internal/errors');
const { validateUint32 } = require('internal/validators');

// Nameless, so reports call it "calls" as Node does.
const noop = Function.prototype;
let warned = false;

class CallTracker {
  #callChecks = new Set();
  #trackers = new WeakMap();

  constructor() {
    if (!warned) {
      warned = true;
      process.emitWarning('assert.CallTracker is deprecated.', 'DeprecationWarning', 'DEP0173');
    }
  }

  #track(fn) {
    const tracked = this.#trackers.get(fn);
    if (tracked === undefined) {
      throw new ERR_INVALID_ARG_VALUE('fn', fn, 'is not a tracked function');
    }
    return tracked;
  }

  getCalls(fn) {
    return this.#track(fn).calls.slice();
  }

  reset(fn) {
    if (fn === undefined) {
      for (const check of this.#callChecks) check.calls.length = 0;
      return;
    }
    this.#track(fn).calls.length = 0;
  }

  calls(fn, expected = 1) {
    if (process._exiting) throw new ERR_UNAVAILABLE_DURING_EXIT();
    if (typeof fn === 'number') {
      expected = fn;
      fn = noop;
    } else if (fn === undefined) {
      fn = noop;
    }
    validateUint32(expected, 'expected', true);
    const context = {
      expected,
      calls: [],
      name: fn.name || 'calls',
      stackTrace: new Error(),
    };
    const checks = this.#callChecks;
    const tracked = new Proxy(fn, {
      __proto__: null,
      apply(target, thisArg, args) {
        context.calls.push({ thisArg, arguments: args });
        return Reflect.apply(target, thisArg, args);
      },
    });
    checks.add(context);
    this.#trackers.set(tracked, context);
    return tracked;
  }

  report() {
    const errors = [];
    for (const context of this.#callChecks) {
      if (context.calls.length !== context.expected) {
        errors.push({
          message: `Expected the ${context.name} function to be executed ${context.expected} time(s) but was ` +
            `executed ${context.calls.length} time(s).`,
          actual: context.calls.length,
          expected: context.expected,
          operator: context.name,
          stack: context.stackTrace,
        });
      }
    }
    return errors;
  }

  verify() {
    const errors = this.report();
    if (errors.length === 0) return;
    const message = errors.length === 1 ?
      errors[0].message : 'Functions were not called the expected number of times';
    throw new AssertionError({ message, details: errors });
  }
}

module.exports = CallTracker;
