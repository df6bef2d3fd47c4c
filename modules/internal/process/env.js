'use strict';
// process.env: a per-core copy of the environment (as in Node's Workers).
// Values are coerced to strings on assignment; symbol keys are refused.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

// Each env createEnv made, to its store: entriesOf reads it without traps.
const stores = new WeakMap();

function createEnv(entries) {
  const store = { __proto__: null };
  for (const entry of entries) {
    const eq = entry.indexOf('=', 1);
    if (eq === -1) continue;
    const key = entry.slice(0, eq);
    if (!(key in store)) store[key] = entry.slice(eq + 1);
  }
  const target = {};
  // util.inspect shows a proxy's target without running traps: the target
  // prints the variables, as Node's process.env does (hidden from users:
  // the traps never expose symbol keys).
  Object.defineProperty(target, Symbol.for('nodejs.util.inspect.custom'), {
    value: () => ({ ...store }), configurable: true,
  });
  const env = new Proxy(target, {
    get(t, key) {
      if (typeof key === 'symbol') return undefined;
      return store[key];
    },
    set(t, key, value) {
      if (typeof key === 'symbol') {
        throw new TypeError('Cannot convert a Symbol value to a string');
      }
      if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      store[key] = `${value}`;
      return true;
    },
    has(t, key) {
      return typeof key === 'string' && key in store;
    },
    deleteProperty(t, key) {
      if (typeof key === 'string') delete store[key];
      return true;
    },
    ownKeys() {
      return Object.keys(store);
    },
    getOwnPropertyDescriptor(t, key) {
      if (typeof key !== 'string' || !(key in store)) return undefined;
      return { value: store[key], writable: true, enumerable: true, configurable: true };
    },
    defineProperty(t, key, desc) {
      if (!('value' in desc) || desc.get || desc.set) {
        throw new TypeError(`'process.env' does not accept an accessor(getter/setter) descriptor`);
      }
      if (!desc.configurable || !desc.enumerable || !desc.writable) {
        throw new TypeError(`'process.env' only accepts a configurable, writable, and enumerable data descriptor`);
      }
      store[key] = `${desc.value}`;
      return true;
    },
  });
  stores.set(env, store);
  return env;
}

// The KEY=value entries of an env createEnv made (what a Worker inherits),
// read without running its traps; undefined for any other object.
function entriesOf(env) {
  const store = stores.get(env);
  if (store === undefined) return undefined;
  const entries = [];
  for (const key in store) entries.push(`${key}=${store[key]}`);
  return entries;
}

void ERR_INVALID_ARG_TYPE;
module.exports = { createEnv, entriesOf };
