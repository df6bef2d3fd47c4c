'use strict';
// mock.timers: replaces setTimeout, setInterval, setImmediate (globals,
// node:timers and node:timers/promises), scheduler.wait and Date with fakes
// driven by a virtual clock that only moves with tick(), runAll() and
// setTime().

const {
  AbortError,
  codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE },
} = require('internal/errors');
const { validateAbortSignal, validateNumber, validateStringArray } = require('internal/validators');

const kSupportedApis = ['setTimeout', 'setInterval', 'setImmediate', 'Date', 'scheduler.wait'];
const kTimeoutMax = 2 ** 31 - 1;
// setImmediate callbacks are due before any timer of the same tick.
const kImmediateDelay = -1;
const kMockTimers = Symbol('kMockTimers');

class Timeout {
  constructor(options) {
    this.id = options.id;
    this.callback = options.callback;
    this.runAt = options.runAt;
    this.interval = options.interval;
    this.args = options.args;
  }

  hasRef() {
    return true;
  }

  ref() {
    return this;
  }

  unref() {
    return this;
  }

  refresh() {
    return this;
  }

  [Symbol.toPrimitive]() {
    return this.id;
  }
}

function abortError(signal) {
  return new AbortError(undefined, { cause: signal.reason });
}

function byDueTime(a, b) {
  return (a.runAt - b.runAt) || (a.id - b.id);
}

let warned = false;

class MockTimers {
  #enabled = false;
  #apis = [];
  #now = 0;
  #nextId = 1;
  // Pending timers, in the order they fire.
  #queue = [];
  // Property descriptors replaced by enable(), restored by reset().
  #saved = [];
  #nativeDate = null;

  constructor() {
    if (!warned) {
      warned = true;
      process.emitWarning('The MockTimers API is an experimental feature and might change at any time',
        'ExperimentalWarning');
    }
  }

  #insert(timer) {
    let lo = 0;
    let hi = this.#queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byDueTime(this.#queue[mid], timer) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.#queue.splice(lo, 0, timer);
  }

  #remove(timer) {
    const i = this.#queue.indexOf(timer);
    if (i !== -1) this.#queue.splice(i, 1);
  }

  #createTimer(isInterval, callback, delay, ...args) {
    if (delay > kTimeoutMax) delay = 1;
    const timer = new Timeout({
      id: this.#nextId++,
      callback,
      runAt: this.#now + (delay ?? 0),
      interval: isInterval ? delay : undefined,
      args,
    });
    this.#insert(timer);
    return timer;
  }

  #clearTimer(timer) {
    if (timer === null || timer === undefined) return;
    if (typeof timer !== 'object') {
      const id = Number(timer);
      timer = this.#queue.find((t) => t.id === id);
      if (timer === undefined) return;
    }
    this.#remove(timer);
    timer.interval = undefined;
  }

  #setTimeout = (callback, delay, ...args) => this.#createTimer(false, callback, delay, ...args);
  #setInterval = (callback, delay, ...args) => this.#createTimer(true, callback, delay, ...args);
  #setImmediate = (callback, ...args) => this.#createTimer(false, callback, kImmediateDelay, ...args);
  #clear = (timer) => this.#clearTimer(timer);

  #promisified(create, ms, result, options) {
    if (options?.signal) {
      validateAbortSignal(options.signal, 'options.signal');
      if (options.signal.aborted) return Promise.reject(abortError(options.signal));
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#clearTimer(timer);
        reject(abortError(options.signal));
      };
      const timer = create(() => {
        options?.signal?.removeEventListener('abort', onAbort);
        resolve(result);
      }, ms);
      options?.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #setIntervalPromisified(interval, result, options) {
    const self = this;
    return (async function* interval_() {
      if (options?.signal) {
        validateAbortSignal(options.signal, 'options.signal');
        if (options.signal.aborted) throw abortError(options.signal);
      }
      let fired = 0;
      let wake = null;
      let failure = null;
      const timer = self.#createTimer(true, () => {
        fired++;
        if (wake !== null) wake();
      }, interval);
      const onAbort = () => {
        failure = abortError(options.signal);
        if (wake !== null) wake();
      };
      options?.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        for (;;) {
          if (failure !== null) throw failure;
          if (fired > 0) {
            fired--;
            yield result;
            continue;
          }
          await new Promise((resolve) => { wake = resolve; });
          wake = null;
        }
      } finally {
        options?.signal?.removeEventListener('abort', onAbort);
        self.#clearTimer(timer);
      }
    })();
  }

  #replace(object, key, value) {
    this.#saved.push([object, key, Object.getOwnPropertyDescriptor(object, key)]);
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  }

  #createDate() {
    const NativeDate = this.#nativeDate;
    if (NativeDate.isMock) throw new ERR_INVALID_STATE('Date is already being mocked!');
    const timers = this;
    // Date with no arguments (and Date.now) read the virtual clock; called
    // without `new` it returns the string of the current virtual time.
    function MockDate(...args) {
      if (!new.target) return Date.prototype.toString.call(new NativeDate(timers.#now));
      if (args.length === 0) return Reflect.construct(NativeDate, [timers.#now], new.target);
      return Reflect.construct(NativeDate, args, new.target);
    }
    const { prototype, ...statics } = Object.getOwnPropertyDescriptors(NativeDate);
    void prototype;
    Object.defineProperties(MockDate, statics);
    MockDate.now = function now() {
      return timers.#now;
    };
    MockDate.toString = function toString() {
      return Function.prototype.toString.call(NativeDate);
    };
    Object.defineProperties(MockDate, {
      [kMockTimers]: { value: this, enumerable: false, configurable: false, writable: false },
      isMock: { value: true, enumerable: true, configurable: false, writable: false },
    });
    MockDate.prototype = NativeDate.prototype;
    MockDate.parse = NativeDate.parse;
    MockDate.UTC = NativeDate.UTC;
    return MockDate;
  }

  #fake(api) {
    const timers = require('timers');
    const promises = require('timers/promises');
    switch (api) {
      case 'setTimeout':
        this.#replace(globalThis, 'setTimeout', this.#setTimeout);
        this.#replace(globalThis, 'clearTimeout', this.#clear);
        this.#replace(timers, 'setTimeout', this.#setTimeout);
        this.#replace(timers, 'clearTimeout', this.#clear);
        this.#replace(promises, 'setTimeout', (ms, result, options) =>
          this.#promisified(this.#setTimeout, ms, result, options));
        break;
      case 'setInterval':
        this.#replace(globalThis, 'setInterval', this.#setInterval);
        this.#replace(globalThis, 'clearInterval', this.#clear);
        this.#replace(timers, 'setInterval', this.#setInterval);
        this.#replace(timers, 'clearInterval', this.#clear);
        this.#replace(promises, 'setInterval', (ms, result, options) =>
          this.#setIntervalPromisified(ms, result, options));
        break;
      case 'setImmediate':
        this.#replace(globalThis, 'setImmediate', this.#setImmediate);
        this.#replace(globalThis, 'clearImmediate', this.#clear);
        this.#replace(timers, 'setImmediate', this.#setImmediate);
        this.#replace(timers, 'clearImmediate', this.#clear);
        this.#replace(promises, 'setImmediate', (result, options) =>
          this.#promisified((cb) => this.#setImmediate(cb), kImmediateDelay, result, options));
        break;
      case 'Date':
        this.#nativeDate = globalThis.Date;
        this.#replace(globalThis, 'Date', this.#createDate());
        break;
      case 'scheduler.wait':
        if (promises.scheduler) {
          this.#replace(promises.scheduler, 'wait', (delay, options) =>
            this.#promisified(this.#setTimeout, delay, undefined, options));
        }
        break;
    }
  }

  #assertEnabled() {
    if (!this.#enabled) {
      throw new ERR_INVALID_STATE('You should enable MockTimers first by calling the .enable function');
    }
  }

  #assertTimeArg(time) {
    if (time < 0) throw new ERR_INVALID_ARG_VALUE('time', 'positive integer', time);
  }

  enable(options = { __proto__: null, apis: kSupportedApis, now: 0 }) {
    const opts = { __proto__: null, ...options };
    if (this.#enabled) throw new ERR_INVALID_STATE('MockTimers is already enabled!');
    if (Number.isNaN(opts.now)) {
      throw new ERR_INVALID_ARG_VALUE('now', opts.now, `epoch must be a positive integer received ${opts.now}`);
    }
    opts.now ||= 0;
    opts.apis ||= kSupportedApis;
    validateStringArray(opts.apis, 'options.apis');
    for (const api of opts.apis) {
      if (!kSupportedApis.includes(api)) {
        throw new ERR_INVALID_ARG_VALUE('options.apis', api, `option ${api} is not supported`);
      }
    }
    let now;
    try {
      now = Date.prototype.getTime.call(opts.now);
    } catch {
      validateNumber(opts.now, 'initialTime');
      this.#assertTimeArg(opts.now);
      now = opts.now;
    }
    this.#now = now;
    this.#apis = opts.apis;
    for (const api of this.#apis) this.#fake(api);
    this.#enabled = true;
  }

  setTime(time = 0) {
    validateNumber(time, 'time');
    this.#assertTimeArg(time);
    this.#assertEnabled();
    this.#now = time;
  }

  // Moves the clock forward, running every timer that comes due, in order
  // (an interval as often as it fits).
  tick(time = 1) {
    this.#assertEnabled();
    this.#assertTimeArg(time);
    this.#now += time;
    let timer = this.#queue[0];
    while (timer !== undefined && timer.runAt <= this.#now) {
      this.#queue.shift();
      Reflect.apply(timer.callback, undefined, timer.args);
      if (timer.interval !== undefined) {
        timer.runAt += timer.interval;
        this.#insert(timer);
      }
      timer = this.#queue[0];
    }
  }

  runAll() {
    this.#assertEnabled();
    const last = this.#queue[this.#queue.length - 1];
    if (last === undefined) return;
    this.tick(last.runAt - this.#now);
  }

  reset() {
    if (!this.#enabled) return;
    for (let i = this.#saved.length - 1; i >= 0; i--) {
      const [object, key, descriptor] = this.#saved[i];
      if (descriptor === undefined) delete object[key];
      else Object.defineProperty(object, key, descriptor);
    }
    this.#saved = [];
    this.#apis = [];
    this.#now = 0;
    this.#queue = [];
    this.#enabled = false;
  }

  [Symbol.dispose]() {
    this.reset();
  }
}

module.exports = { MockTimers };
