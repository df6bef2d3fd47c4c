'use strict';
// Deep equality for assert.deepEqual / deepStrictEqual / partialDeepStrictEqual
// and util.isDeepStrictEqual, following the rules of Node 22's assert
// documentation ("Comparison details"):
//
// - loose: primitives with ==, prototypes ignored, symbol keys ignored;
// - strict: primitives with Object.is, constructors (or prototypes) and
//   enumerable own symbol keys compared too;
// - partial: strict on values, but `expected` may be a subset of `actual`
//   (fewer keys, fewer Set/Map entries, an ordered subsequence of an array).
//
// Cycles are handled by remembering the pairs of objects on the current
// comparison path once the path gets deep: a pair met again on its own path
// is taken as equal (any real difference is found on a finite path).

const types = require('internal/util/types');
const {
  getOwnNonIndexProperties,
  ONLY_ENUMERABLE,
} = internalBinding('util');

const kLoose = 0;
const kStrict = 1;
const kPartial = 2;

// v8::PropertyFilter::SKIP_SYMBOLS.
const kSkipSymbols = 16;

// Pair tracking starts at this depth of nested objects: shallow values never
// pay for it, and a cycle is still found one round after the threshold.
const kTrackDepth = 64;

const hasOwn = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
const isEnumerable = (obj, key) => Object.prototype.propertyIsEnumerable.call(obj, key);
const objectToString = (obj) => Object.prototype.toString.call(obj);
const getTypedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;

// Constructors whose identity alone decides "same kind" in strict mode, even
// when an object's prototype chain was changed.
let wellKnownConstructors;
function getWellKnownConstructors() {
  if (wellKnownConstructors === undefined) {
    wellKnownConstructors = new Set([
      Array, ArrayBuffer, BigInt, BigInt64Array, BigUint64Array, Boolean, DataView,
      Date, Error, Float32Array, Float64Array, Function, Int16Array, Int32Array,
      Int8Array, Map, Number, Object, Promise, RegExp, Set, String, Symbol,
      Uint16Array, Uint32Array, Uint8Array, Uint8ClampedArray, WeakMap, WeakSet,
    ]);
    wellKnownConstructors.add(require('buffer').Buffer);
  }
  return wellKnownConstructors;
}

let isURL;
function lazyIsURL(value) {
  if (isURL === undefined) {
    isURL = require('internal/url').isURL;
  }
  return isURL(value);
}

function isError(value) {
  return types.isNativeError(value) || value instanceof Error;
}

function bytesOf(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

// `expected` bytes appear in `actual` in order (not necessarily adjacent).
function isByteSubsequence(actual, expected) {
  let i = 0;
  for (let j = 0; j < expected.length; j++) {
    while (i < actual.length && actual[i] !== expected[j]) i++;
    if (i === actual.length) return false;
    i++;
  }
  return true;
}

function sameBoxedValue(a, b) {
  if (types.isNumberObject(a)) {
    return types.isNumberObject(b) && Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
  }
  if (types.isStringObject(a)) {
    return types.isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
  }
  if (types.isBooleanObject(a)) {
    return types.isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
  }
  if (types.isBigIntObject(a)) {
    return types.isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
  }
  return types.isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
}

function isSpecialObject(v) {
  return Array.isArray(v) || ArrayBuffer.isView(v) || types.isSet(v) || types.isMap(v) ||
    types.isDate(v) || types.isRegExp(v) || types.isAnyArrayBuffer(v) ||
    types.isBoxedPrimitive(v) || isError(v);
}

class Comparison {
  constructor(mode) {
    this.mode = mode;
    this.depth = 0;
    // Map of actual object -> Set of expected objects on the current path.
    this.path = null;
  }

  equal(a, b) {
    if (a === b) {
      return a !== 0 || Object.is(a, b) || this.mode === kLoose;
    }
    if (this.mode !== kLoose) {
      if (typeof a === 'number') {
        return Number.isNaN(a) && Number.isNaN(b);
      }
      if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
        return false;
      }
    } else {
      if (a === null || typeof a !== 'object') {
        // eslint-disable-next-line eqeqeq
        return (b === null || typeof b !== 'object') && (a == b || (Number.isNaN(a) && Number.isNaN(b)));
      }
      if (b === null || typeof b !== 'object') return false;
    }
    return this.objects(a, b);
  }

  sameKind(a, b) {
    const ctor = a.constructor;
    if (getWellKnownConstructors().has(ctor) || (ctor !== undefined && !hasOwn(a, 'constructor'))) {
      return ctor === b.constructor;
    }
    return Object.getPrototypeOf(a) === Object.getPrototypeOf(b);
  }

  objects(a, b) {
    const mode = this.mode;
    if (mode === kStrict && !this.sameKind(a, b)) return false;
    const tag = objectToString(a);
    if (tag !== objectToString(b)) return false;

    if (Array.isArray(a)) {
      if (!Array.isArray(b)) return false;
      if (a.length !== b.length && (mode !== kPartial || a.length < b.length)) return false;
      return this.arrayLike(a, b, true);
    }
    if (tag === '[object Object]') return this.keyed(a, b, null);
    if (types.isDate(a)) {
      if (!types.isDate(b) || Date.prototype.getTime.call(a) !== Date.prototype.getTime.call(b)) return false;
    } else if (types.isRegExp(a)) {
      if (!types.isRegExp(b) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) {
        return false;
      }
    } else if (ArrayBuffer.isView(a)) {
      if (!this.sameView(a, b)) return false;
      return this.arrayLike(a, b, false);
    } else if (types.isSet(a)) {
      if (!types.isSet(b) || (a.size !== b.size && (mode !== kPartial || a.size < b.size))) return false;
      return this.keyed(a, b, 'set');
    } else if (types.isMap(a)) {
      if (!types.isMap(b) || (a.size !== b.size && (mode !== kPartial || a.size < b.size))) return false;
      return this.keyed(a, b, 'map');
    } else if (types.isAnyArrayBuffer(a)) {
      if (!types.isAnyArrayBuffer(b)) return false;
      const x = new Uint8Array(a);
      const y = new Uint8Array(b);
      if (mode === kPartial && x.length !== y.length ? !isByteSubsequence(x, y) : !sameBytes(x, y)) return false;
    } else if (isError(a)) {
      if (!isError(b) || !this.errorFields(a, b)) return false;
    } else if (types.isBoxedPrimitive(a)) {
      if (!sameBoxedValue(a, b)) return false;
    } else if (isSpecialObject(b)) {
      return false;
    } else if (lazyIsURL(a)) {
      if (!lazyIsURL(b) || a.href !== b.href) return false;
    } else if (types.isKeyObject(a)) {
      if (!types.isKeyObject(b) || !a.equals(b)) return false;
    } else if (types.isWeakMap(a) || types.isWeakSet(a)) {
      // Their contents cannot be read: only the same object is equal.
      return false;
    }
    return this.keyed(a, b, null);
  }

  sameView(a, b) {
    if (getTypedArrayTag.call(a) !== getTypedArrayTag.call(b)) return false;
    if (this.mode === kPartial && a.byteLength !== b.byteLength) {
      return a.byteLength >= b.byteLength && isByteSubsequence(bytesOf(a), bytesOf(b));
    }
    if (this.mode === kLoose && (types.isFloat32Array(a) || types.isFloat64Array(a))) {
      // Element-wise ==, so 0 equals -0 and NaN equals nothing.
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) return false;
      }
      return true;
    }
    if (a.byteLength !== b.byteLength) return false;
    return sameBytes(bytesOf(a), bytesOf(b));
  }

  // Error name, message, cause and errors count even when not enumerable.
  errorFields(a, b) {
    for (const key of ['message', 'name', 'cause', 'errors']) {
      if (isEnumerable(b, key)) continue; // compared with the other own keys
      if (this.mode === kPartial && (b[key] === undefined || (key === 'message' && b[key] === ''))) continue;
      if (!this.equal(a[key], b[key])) return false;
    }
    const bHasCause = hasOwn(b, 'cause');
    return bHasCause === hasOwn(a, 'cause') || (this.mode === kPartial && !bHasCause);
  }

  // Arrays and typed arrays: named (non-index) own properties, then elements.
  arrayLike(a, b, isArray) {
    const filter = this.mode === kLoose ? ONLY_ENUMERABLE | kSkipSymbols : ONLY_ENUMERABLE;
    const keys = getOwnNonIndexProperties(b, filter);
    if (this.mode !== kPartial && keys.length !== getOwnNonIndexProperties(a, filter).length) return false;
    if (!isArray) return this.descend(a, b, keys, null);
    if (keys.length === 0 && b.length === 0) return true;
    return this.descend(a, b, keys, 'array');
  }

  // Plain objects, Sets and Maps: own enumerable string keys (and symbols
  // outside loose mode), then the entries.
  keyed(a, b, kind) {
    const keys = Object.keys(b);
    if (this.mode === kPartial) {
      for (const sym of Object.getOwnPropertySymbols(b)) {
        if (!isEnumerable(b, sym)) continue;
        if (!isEnumerable(a, sym)) return false;
        keys.push(sym);
      }
    } else {
      if (keys.length !== Object.keys(a).length) return false;
      if (this.mode === kStrict && !this.symbolKeys(a, b, keys)) return false;
    }
    if (keys.length === 0 && (kind === null || b.size === 0)) return true;
    return this.descend(a, b, keys, kind);
  }

  // Strict mode: the same enumerable own symbol keys on both sides; adds
  // them to `keys` for the value comparison.
  symbolKeys(a, b, keys) {
    let count = 0;
    for (const sym of Object.getOwnPropertySymbols(a)) {
      if (isEnumerable(a, sym)) {
        if (!isEnumerable(b, sym)) return false;
        keys.push(sym);
        count++;
      } else if (isEnumerable(b, sym)) {
        return false;
      }
    }
    let countB = 0;
    for (const sym of Object.getOwnPropertySymbols(b)) {
      if (isEnumerable(b, sym)) countB++;
    }
    return count === countB;
  }

  descend(a, b, keys, kind) {
    if (++this.depth < kTrackDepth) {
      const result = this.contents(a, b, keys, kind);
      this.depth--;
      return result;
    }
    if (this.path === null) this.path = new Map();
    let seen = this.path.get(a);
    if (seen === undefined) {
      seen = new Set();
      this.path.set(a, seen);
    } else if (seen.has(b)) {
      this.depth--;
      return true;
    }
    seen.add(b);
    const result = this.contents(a, b, keys, kind);
    seen.delete(b);
    if (seen.size === 0) this.path.delete(a);
    this.depth--;
    return result;
  }

  contents(a, b, keys, kind) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const desc = Object.getOwnPropertyDescriptor(a, key);
      if (desc === undefined || !desc.enumerable) return false;
      if (!this.equal('value' in desc ? desc.value : a[key], b[key])) return false;
    }
    if (kind === 'array') return this.mode === kPartial ? this.partialArray(a, b) : this.arrayElements(a, b);
    if (kind === 'set') return this.setEntries(a, b);
    if (kind === 'map') return this.mapEntries(a, b);
    return true;
  }

  arrayElements(a, b) {
    for (let i = 0; i < a.length; i++) {
      if (b[i] === undefined) {
        if (!hasOwn(b, i)) return this.sparseArray(a, b, i);
        if (a[i] !== undefined || !hasOwn(a, i)) return false;
      } else if (a[i] === undefined || !this.equal(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  // From the first hole on, holes must sit at the same places: compare by
  // the lists of own keys.
  sparseArray(a, b, from) {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    for (let i = from; i < keysB.length; i++) {
      const key = keysB[i];
      if ((a[key] === undefined && !hasOwn(a, key)) || !this.equal(a[key], b[key])) return false;
    }
    return true;
  }

  // Partial mode: the elements of `b` appear in `a` in the same order.
  partialArray(a, b) {
    const keysA = Object.keys(a).filter(isIndexKey);
    const keysB = Object.keys(b).filter(isIndexKey);
    let i = 0;
    for (let j = 0; j < keysB.length; j++) {
      while (i < keysA.length && !this.equal(a[keysA[i]], b[keysB[j]])) i++;
      if (i === keysA.length) return false;
      i++;
    }
    return true;
  }

  setEntries(a, b) {
    const loose = this.mode === kLoose;
    // Entries of `b` that `a` lacks by SameValueZero: objects (and, in loose
    // mode, primitives that might equal another primitive with ==).
    let pending;
    for (const val of b) {
      if (a.has(val)) continue;
      if ((typeof val !== 'object' || val === null) && (!loose || !mayLooselyMatch(a, b, val))) return false;
      (pending ??= []).push(val);
    }
    if (pending === undefined) return true;
    if (this.mode === kPartial) return this.partialSetEntries(a, b, pending);
    for (const val of a) {
      if (b.has(val)) continue;
      if (!loose && (typeof val !== 'object' || val === null)) return false;
      if (!this.takeMatch(pending, val)) return false;
    }
    return true;
  }

  partialSetEntries(a, b, pending) {
    for (const val of a) {
      if (pending.length === 0) return true;
      if (b.has(val)) continue;
      this.takeMatch(pending, val);
    }
    return pending.length === 0;
  }

  // Removes from `list` the first element deep-equal to `val`.
  takeMatch(list, val) {
    for (let i = 0; i < list.length; i++) {
      if (this.equal(val, list[i])) {
        list.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  mapEntries(a, b) {
    const loose = this.mode === kLoose;
    let pending;
    for (const [key, item] of b) {
      if (typeof key === 'object' && key !== null) {
        (pending ??= []).push(key);
        continue;
      }
      const mine = a.get(key);
      if ((mine === undefined && !a.has(key)) || !this.equal(mine, item)) {
        if (!loose || !this.mapMayLooselyMatch(a, b, key, item)) return false;
        (pending ??= []).push(key);
      }
    }
    if (pending === undefined) return true;
    for (const [key, item] of a) {
      if (this.mode === kPartial && pending.length === 0) return true;
      if (typeof key !== 'object' || key === null) {
        if (b.has(key) && (!loose || this.equal(item, b.get(key)))) continue;
        if (!loose) {
          if (this.mode === kPartial) continue;
          return false;
        }
      }
      let found = false;
      for (let i = 0; i < pending.length; i++) {
        const other = pending[i];
        if (this.equal(key, other) && this.equal(item, b.get(other))) {
          pending.splice(i, 1);
          found = true;
          break;
        }
      }
      if (!found && this.mode !== kPartial) return false;
    }
    return pending.length === 0;
  }

  // A null or undefined key of `b` that `a` lacks can only match the other
  // one of the two; any other primitive might match with ==.
  mapMayLooselyMatch(a, b, key, item) {
    const alt = looseCounterpart(key);
    if (alt !== kNullish) return alt;
    const other = key === null ? undefined : null;
    if (!a.has(other) || b.has(other)) return false;
    return this.equal(a.get(other), item);
  }
}

const kNullish = Symbol('nullish');

// Whether a primitive could be == to some other primitive: true (maybe),
// false (never), or kNullish for null/undefined, which match each other.
function looseCounterpart(prim) {
  switch (typeof prim) {
    case 'undefined':
      return kNullish;
    case 'object':
      return kNullish;
    case 'symbol':
      return false;
    case 'string':
      return !Number.isNaN(+prim);
    case 'number':
      return !Number.isNaN(prim);
    default:
      return true;
  }
}

function mayLooselyMatch(a, b, prim) {
  const alt = looseCounterpart(prim);
  if (alt !== kNullish) return alt;
  const other = prim === null ? undefined : null;
  return !b.has(other) && a.has(other);
}

function isIndexKey(key) {
  return typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key);
}

function isDeepEqual(a, b) {
  return new Comparison(kLoose).equal(a, b);
}

function isDeepStrictEqual(a, b) {
  return new Comparison(kStrict).equal(a, b);
}

function isPartialStrictEqual(a, b) {
  return new Comparison(kPartial).equal(a, b);
}

module.exports = { isDeepEqual, isDeepStrictEqual, isPartialStrictEqual };
