'use strict';
// node:diagnostics_channel: named channels that publish messages to
// subscribers, stores bound to channels (runStores), and tracing channels
// (start/end/asyncStart/asyncEnd/error around a call).
//
// A channel object lives as long as someone holds it or it has subscribers
// or bound stores: the registry holds it weakly otherwise, as in Node, so
// channel(name) returns the same object while it is in use.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const { validateFunction } = require('internal/validators');

const customInspect = Symbol.for('nodejs.util.inspect.custom');

// name -> WeakRef(channel); active channels also sit in `active`.
const channels = new Map();
const active = new Set();
const registry = new FinalizationRegistry((name) => {
  const ref = channels.get(name);
  if (ref !== undefined && ref.deref() === undefined) channels.delete(name);
});

// A subscriber's or a transform's exception must not break the publisher:
// it is reported as an uncaught exception on the next tick, as in Node.
function reportLater(err) {
  process.nextTick(() => { throw err; });
}

class Channel {
  constructor(name) {
    this._subscribers = undefined;
    this._stores = undefined;
    this.name = name;
  }

  #activate() {
    if (this._subscribers === undefined) {
      this._subscribers = [];
      this._stores = new Map();
      active.add(this);
    }
  }

  #maybeDeactivate() {
    if (this._subscribers !== undefined && this._subscribers.length === 0 && this._stores.size === 0) {
      this._subscribers = undefined;
      this._stores = undefined;
      active.delete(this);
    }
  }

  subscribe(subscription) {
    validateFunction(subscription, 'subscription');
    this.#activate();
    // A new array each time: a publish in progress keeps the list it began with.
    this._subscribers = [...this._subscribers, subscription];
  }

  unsubscribe(subscription) {
    if (this._subscribers === undefined) return false;
    const index = this._subscribers.indexOf(subscription);
    if (index === -1) return false;
    const next = this._subscribers.slice();
    next.splice(index, 1);
    this._subscribers = next;
    this.#maybeDeactivate();
    return true;
  }

  bindStore(store, transform) {
    if (transform !== undefined) validateFunction(transform, 'transform');
    this.#activate();
    this._stores.set(store, transform);
  }

  unbindStore(store) {
    if (this._stores === undefined || !this._stores.has(store)) return false;
    this._stores.delete(store);
    this.#maybeDeactivate();
    return true;
  }

  get hasSubscribers() {
    return this._subscribers !== undefined &&
      (this._subscribers.length > 0 || this._stores.size > 0);
  }

  publish(data) {
    const subscribers = this._subscribers;
    if (subscribers === undefined) return;
    for (let i = 0; i < subscribers.length; i++) {
      try {
        subscribers[i](data, this.name);
      } catch (err) {
        reportLater(err);
      }
    }
  }

  runStores(data, fn, thisArg, ...args) {
    let run = () => {
      this.publish(data);
      return Reflect.apply(fn, thisArg, args);
    };
    if (this._stores !== undefined) {
      for (const [store, transform] of this._stores) {
        run = wrapStoreRun(store, data, run, transform);
      }
    }
    return run();
  }

  [customInspect](depth, options) {
    // Shown as Node shows an active channel's class.
    const name = this._subscribers === undefined ? 'Channel' : 'ActiveChannel';
    const { inspect } = require('internal/util/inspect');
    return `${name} ${inspect({ _subscribers: this._subscribers, _stores: this._stores, name: this.name },
                              { ...options, depth: options.depth == null ? options.depth : options.depth - 1 })}`;
  }
}

function wrapStoreRun(store, data, next, transform) {
  return () => {
    let context = data;
    if (transform !== undefined) {
      try {
        context = transform(data);
      } catch (err) {
        reportLater(err);
        return next();
      }
    }
    return store.run(context, next);
  };
}

function channel(name) {
  const ref = channels.get(name);
  const existing = ref?.deref();
  if (existing !== undefined) return existing;
  if (typeof name !== 'string' && typeof name !== 'symbol') {
    throw new ERR_INVALID_ARG_TYPE('channel', ['string', 'symbol'], name);
  }
  const created = new Channel(name);
  channels.set(name, new WeakRef(created));
  registry.register(created, name);
  return created;
}

function subscribe(name, subscription) {
  channel(name).subscribe(subscription);
}

function unsubscribe(name, subscription) {
  return channel(name).unsubscribe(subscription);
}

function hasSubscribers(name) {
  const existing = channels.get(name)?.deref();
  return existing !== undefined && existing.hasSubscribers;
}

// ---- TracingChannel ----

const traceEvents = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

class TracingChannel {
  constructor(nameOrChannels) {
    for (const event of traceEvents) {
      let ch;
      if (typeof nameOrChannels === 'string') {
        ch = channel(`tracing:${nameOrChannels}:${event}`);
      } else {
        ch = nameOrChannels[event];
        if (!(ch instanceof Channel)) {
          throw new ERR_INVALID_ARG_TYPE(`nameOrChannels.${event}`, ['Channel'], ch);
        }
      }
      Object.defineProperty(this, event, { value: ch, writable: false, enumerable: false, configurable: false });
    }
  }

  get hasSubscribers() {
    return this.start.hasSubscribers || this.end.hasSubscribers || this.asyncStart.hasSubscribers ||
      this.asyncEnd.hasSubscribers || this.error.hasSubscribers;
  }

  subscribe(handlers) {
    for (const event of traceEvents) {
      if (handlers[event]) this[event].subscribe(handlers[event]);
    }
  }

  unsubscribe(handlers) {
    let done = true;
    for (const event of traceEvents) {
      if (handlers[event] && !this[event].unsubscribe(handlers[event])) done = false;
    }
    return done;
  }

  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { start, end, error } = this;
    return start.runStores(context, () => {
      try {
        const result = Reflect.apply(fn, thisArg, args);
        context.result = result;
        return result;
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }

  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { start, end, asyncStart, asyncEnd, error } = this;
    function reject(err) {
      context.error = err;
      error.publish(context);
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return Promise.reject(err);
    }
    function resolve(result) {
      context.result = result;
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return result;
    }
    return start.runStores(context, () => {
      try {
        let promise = Reflect.apply(fn, thisArg, args);
        // Thenables become native promises.
        if (!(promise instanceof Promise)) promise = Promise.resolve(promise);
        return promise.then(resolve, reject);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }

  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { start, end, asyncStart, asyncEnd, error } = this;
    const callback = args.at(position);
    validateFunction(callback, 'callback');
    function wrappedCallback(err, res) {
      if (err) {
        context.error = err;
        error.publish(context);
      } else {
        context.result = res;
      }
      // runStores lets subscribers restore their context in the callback.
      return asyncStart.runStores(context, () => {
        try {
          return Reflect.apply(callback, this, arguments);
        } finally {
          asyncEnd.publish(context);
        }
      });
    }
    args.splice(position, 1, wrappedCallback);
    return start.runStores(context, () => {
      try {
        return Reflect.apply(fn, thisArg, args);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }
}

function tracingChannel(nameOrChannels) {
  if (typeof nameOrChannels !== 'string' &&
      (nameOrChannels === null || typeof nameOrChannels !== 'object')) {
    throw new ERR_INVALID_ARG_TYPE('nameOrChannels', ['string', 'TracingChannel', 'Object'], nameOrChannels);
  }
  return new TracingChannel(nameOrChannels);
}

module.exports = {
  channel,
  hasSubscribers,
  subscribe,
  tracingChannel,
  unsubscribe,
  Channel,
};
