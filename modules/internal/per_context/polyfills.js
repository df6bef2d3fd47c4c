'use strict';
// ECMAScript built-ins newer than V8 10.2, added with the specification's
// semantics so that code written for Node.js 22 runs: the order of
// observable steps (property reads, calls, conversions), the errors (class
// and, where it matters, V8's wording), and the property attributes, lengths
// and names of the functions. Each is defined only when V8 lacks it.
//
// Loaded once by the bootstrap, before user code: the top level only defines
// functions. Intrinsics are captured here so that user code that replaces
// Set.prototype.add or Array.prototype.sort cannot change how these behave.

const {
  isSet, isArrayBuffer, isSharedArrayBuffer,
} = internalBinding('types');
const polyfillBinding = internalBinding('polyfills');

const ReflectApply = Reflect.apply;
const ReflectOwnKeys = Reflect.ownKeys;
const ObjectDefineProperty = Object.defineProperty;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectSetPrototypeOf = Object.setPrototypeOf;
const ObjectCreate = Object.create;
const MathTrunc = Math.trunc;
const MathMin = Math.min;
const MathMax = Math.max;
const NumberIsNaN = Number.isNaN;
const StringFromCharCode = String.fromCharCode;
const SymbolIterator = Symbol.iterator;
const SymbolAsyncIterator = Symbol.asyncIterator;
const SymbolToStringTag = Symbol.toStringTag;
const OriginalSet = Set;
const OriginalMap = Map;
const OriginalPromise = Promise;
const OriginalProxy = Proxy;

function uncurryThis(fn) {
  return (self, ...args) => ReflectApply(fn, self, args);
}
function getter(proto, key) {
  return uncurryThis(ObjectGetOwnPropertyDescriptor(proto, key).get);
}

const ArrayPrototypeSort = uncurryThis(Array.prototype.sort);
const ObjectPrototypeIsPrototypeOf = uncurryThis(Object.prototype.isPrototypeOf);
const ObjectPrototypeHasOwnProperty = uncurryThis(Object.prototype.hasOwnProperty);
const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
const StringPrototypeSlice = uncurryThis(String.prototype.slice);
const SetPrototypeHas = uncurryThis(Set.prototype.has);
const SetPrototypeAdd = uncurryThis(Set.prototype.add);
const SetPrototypeDelete = uncurryThis(Set.prototype.delete);
const SetPrototypeValues = uncurryThis(Set.prototype.values);
const SetPrototypeGetSize = getter(Set.prototype, 'size');
const SetIteratorNext = uncurryThis(ObjectGetPrototypeOf(new Set().values()).next);
const MapPrototypeGet = uncurryThis(Map.prototype.get);
const MapPrototypeSet = uncurryThis(Map.prototype.set);
const MapPrototypeEntries = uncurryThis(Map.prototype.entries);
const MapIteratorNext = uncurryThis(ObjectGetPrototypeOf(new Map().entries()).next);
const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
const TypedArrayPrototypeGetLength = getter(TypedArrayPrototype, 'length');
const TypedArrayPrototypeGetBuffer = getter(TypedArrayPrototype, 'buffer');
const TypedArrayPrototypeGetName = getter(TypedArrayPrototype, SymbolToStringTag);
const TypedArrayPrototypeSort = uncurryThis(TypedArrayPrototype.sort);
const ArrayBufferPrototypeGetByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const GeneratorPrototype = ObjectGetPrototypeOf(function*() {}).prototype;
const GeneratorNext = uncurryThis(GeneratorPrototype.next);
const GeneratorReturn = uncurryThis(GeneratorPrototype.return);
const IteratorPrototype = ObjectGetPrototypeOf(ObjectGetPrototypeOf([][SymbolIterator]()));

const kTypedArrays = {
  __proto__: null,
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
  Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};

const kMaxSafeInteger = 2 ** 53 - 1;
const kMaxArrayLength = 2 ** 32 - 1;

// ---- abstract operations ----

function isObject(value) {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function isCallable(value) {
  return typeof value === 'function';
}

// A Proxy is a constructor exactly when its target is, and constructing it
// runs only the trap: no property of `value` is read.
const kConstructProbe = { construct() { return kConstructProbe; } };
function isConstructor(value) {
  if (typeof value !== 'function') return false;
  try {
    // eslint-disable-next-line no-new
    new (new OriginalProxy(value, kConstructProbe))();
    return true;
  } catch {
    return false;
  }
}

// How V8 names a value in its messages ("number 1", "#<Object>").
function describeValue(value) {
  switch (typeof value) {
    case 'undefined': return 'undefined';
    case 'string': return `string "${value}"`;
    case 'symbol': return `symbol ${value.toString()}`;
    case 'bigint': return `bigint ${value}`;
    case 'number': case 'boolean': return `${typeof value} ${value}`;
    default: return value === null ? 'null' : describeReceiver(value);
  }
}

function describeReceiver(value) {
  if (value === null) return 'null';
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return '#<Function>';
  if (typeof value !== 'object') return typeof value === 'string' ? value : `${value}`;
  if (Array.isArray(value)) return '[object Array]';
  let name;
  try {
    let proto = ObjectGetPrototypeOf(value);
    while (proto !== null && name === undefined) {
      const desc = ObjectGetOwnPropertyDescriptor(proto, 'constructor');
      if (desc !== undefined && typeof desc.value === 'function' && desc.value.name !== '') {
        name = desc.value.name;
      }
      proto = ObjectGetPrototypeOf(proto);
    }
  } catch {
    // A Proxy trap threw: fall back to Object.
  }
  return `#<${name ?? 'Object'}>`;
}

function incompatibleReceiver(method, receiver) {
  return new TypeError(`Method ${method} called on incompatible receiver ${describeReceiver(receiver)}`);
}

function toObject(value) {
  if (value === null || value === undefined) {
    throw new TypeError('Cannot convert undefined or null to object');
  }
  return Object(value);
}

function toIntegerOrInfinity(value) {
  const number = +value;
  if (NumberIsNaN(number) || number === 0) return 0;
  return MathTrunc(number);
}

function lengthOfArrayLike(object) {
  const length = toIntegerOrInfinity(object.length);
  if (length <= 0) return 0;
  return length > kMaxSafeInteger ? kMaxSafeInteger : length;
}

function arrayCreate(length) {
  if (length > kMaxArrayLength) throw new RangeError('Invalid array length');
  return [];
}

// ToPropertyKey: a computed key in an object literal performs exactly it.
function toPropertyKey(value) {
  if (typeof value === 'string' || typeof value === 'symbol') return value;
  if (!isObject(value)) return `${value}`;
  return ReflectOwnKeys({ [value]: undefined })[0];
}

// The setter V8 uses: converts through a typed array so the value is
// ToBigInt'd or ToNumber'd exactly as a store into one would.
const scratchBigInt = new BigInt64Array(1);
function toBigInt(value) {
  scratchBigInt[0] = value;
  return scratchBigInt[0];
}

// ---- iterator records (GetIteratorDirect, IteratorStepValue, IteratorClose) ----

const kDone = Symbol('done');

function callNext(record) {
  const { next } = record;
  if (typeof next !== 'function') {
    throw new TypeError(`${describeValue(next)} is not a function`);
  }
  const result = ReflectApply(next, record.iterator, []);
  if (!isObject(result)) {
    throw new TypeError(`Iterator result ${typeof result === 'symbol' ? result.toString() : result} is not an object`);
  }
  return result;
}

// The next value, or kDone. Errors propagate without closing the iterator.
function iteratorStepValue(record) {
  const result = callNext(record);
  if (result.done) {
    record.done = true;
    return kDone;
  }
  return result.value;
}

function getMethod(object, key) {
  const method = object[key];
  if (method === undefined || method === null) return undefined;
  if (typeof method !== 'function') {
    throw new TypeError(`'${describePrimitive(method)}' returned for property '${typeof key === 'symbol' ? key.toString() : key}' of object '${describeReceiver(object)}' is not a function`);
  }
  return method;
}

function describePrimitive(value) {
  if (isObject(value)) return describeReceiver(value);
  return typeof value === 'symbol' ? value.toString() : `${value}`;
}

// IteratorClose with a normal completion: errors of `return` propagate.
function iteratorClose(iterator) {
  const method = getMethod(iterator, 'return');
  if (method === undefined) return;
  const result = ReflectApply(method, iterator, []);
  if (!isObject(result)) throw new TypeError('return called on non-object');
}

// IteratorClose with a throw completion: the original error wins.
function iteratorCloseThrow(iterator, error) {
  try {
    const method = iterator.return;
    if (typeof method === 'function') ReflectApply(method, iterator, []);
  } catch {
    // Ignored: the completion being propagated is `error`.
  }
  throw error;
}

function getIteratorDirect(object) {
  return { iterator: object, next: object.next, done: false };
}

// GetIterator(value, sync) with V8's messages.
function getIterator(value) {
  const method = value[SymbolIterator];
  if (typeof method !== 'function') {
    const what = isObject(value) ? 'object' : describeValue(value);
    throw new TypeError(`${what} is not iterable (cannot read property Symbol(Symbol.iterator))`);
  }
  const iterator = ReflectApply(method, value, []);
  if (!isObject(iterator)) throw new TypeError('Result of the Symbol.iterator method is not an object');
  return getIteratorDirect(iterator);
}

// ---- helpers to install properties as built-ins are installed ----

function defineMethods(target, methods) {
  for (const key of ReflectOwnKeys(methods)) {
    if (ObjectPrototypeHasOwnProperty(target, key)) continue;
    const desc = ObjectGetOwnPropertyDescriptor(methods, key);
    desc.enumerable = false;
    ObjectDefineProperty(target, key, desc);
  }
}

// ---- Array.prototype: change array by copy ----

defineMethods(Array.prototype, {
  toReversed() {
    const object = toObject(this);
    const length = lengthOfArrayLike(object);
    const result = arrayCreate(length);
    for (let k = 0; k < length; k++) result[k] = object[length - k - 1];
    return result;
  },

  toSorted(comparefn) {
    if (comparefn !== undefined && !isCallable(comparefn)) {
      throw new TypeError(`The comparison function must be either a function or undefined: ${describePrimitive(comparefn)}`);
    }
    const object = toObject(this);
    const length = lengthOfArrayLike(object);
    const result = arrayCreate(length);
    // Holes read through as undefined; the native sort on a fresh packed
    // array is SortIndexedProperties with SortCompare (undefined last, stable).
    for (let k = 0; k < length; k++) result[k] = object[k];
    ArrayPrototypeSort(result, comparefn);
    return result;
  },

  toSpliced(start, skipCount, ...items) {
    const object = toObject(this);
    const length = lengthOfArrayLike(object);
    const relativeStart = toIntegerOrInfinity(start);
    let actualStart;
    if (relativeStart === -Infinity) actualStart = 0;
    else if (relativeStart < 0) actualStart = MathMax(length + relativeStart, 0);
    else actualStart = MathMin(relativeStart, length);
    const insertCount = items.length;
    let actualSkipCount;
    if (arguments.length === 0) {
      actualSkipCount = 0;
    } else if (arguments.length === 1) {
      actualSkipCount = length - actualStart;
    } else {
      const sc = toIntegerOrInfinity(skipCount);
      actualSkipCount = MathMin(MathMax(sc, 0), length - actualStart);
    }
    const newLength = length + insertCount - actualSkipCount;
    if (newLength > kMaxSafeInteger) throw new TypeError('Invalid array length');
    const result = arrayCreate(newLength);
    let i = 0;
    let r = actualStart + actualSkipCount;
    for (; i < actualStart; i++) result[i] = object[i];
    for (let j = 0; j < insertCount; j++) result[i++] = items[j];
    for (; i < newLength; i++, r++) result[i] = object[r];
    return result;
  },

  with(index, value) {
    const object = toObject(this);
    const length = lengthOfArrayLike(object);
    const relativeIndex = toIntegerOrInfinity(index);
    const actualIndex = relativeIndex >= 0 ? relativeIndex : length + relativeIndex;
    if (actualIndex >= length || actualIndex < 0) {
      throw new RangeError(`Invalid index : ${relativeIndex}`);
    }
    const result = arrayCreate(length);
    for (let k = 0; k < length; k++) result[k] = k === actualIndex ? value : object[k];
    return result;
  },
});

{
  const unscopables = Array.prototype[Symbol.unscopables];
  for (const key of ['toReversed', 'toSorted', 'toSpliced']) {
    if (!ObjectPrototypeHasOwnProperty(unscopables, key)) unscopables[key] = true;
  }
}

// ---- %TypedArray%.prototype: change array by copy ----

// ValidateTypedArray: returns the array's length.
function validateTypedArray(object, method) {
  const name = TypedArrayPrototypeGetName(object);
  if (name === undefined) throw incompatibleReceiver(`%TypedArray%.prototype.${method}`, object);
  const length = TypedArrayPrototypeGetLength(object);
  // A detached array reports length 0; only then is the buffer worth asking.
  if (length === 0 && polyfillBinding.isDetached(TypedArrayPrototypeGetBuffer(object))) {
    throw new TypeError(`Cannot perform %TypedArray%.prototype.${method} on a detached ArrayBuffer`);
  }
  return length;
}

// TypedArrayCreateSameType: the intrinsic constructor of the array's kind,
// never a subclass or @@species (a Buffer gives a Uint8Array).
function createSameType(object, length) {
  return new kTypedArrays[TypedArrayPrototypeGetName(object)](length);
}

defineMethods(TypedArrayPrototype, {
  toReversed() {
    const length = validateTypedArray(this, 'toReversed');
    const result = createSameType(this, length);
    for (let k = 0; k < length; k++) result[k] = this[length - k - 1];
    return result;
  },

  toSorted(comparefn) {
    if (comparefn !== undefined && !isCallable(comparefn)) {
      throw new TypeError(`The comparison function must be either a function or undefined: ${describePrimitive(comparefn)}`);
    }
    const length = validateTypedArray(this, 'toSorted');
    const result = createSameType(this, length);
    for (let k = 0; k < length; k++) result[k] = this[k];
    TypedArrayPrototypeSort(result, comparefn);
    return result;
  },

  with(index, value) {
    const length = validateTypedArray(this, 'with');
    const relativeIndex = toIntegerOrInfinity(index);
    const actualIndex = relativeIndex >= 0 ? relativeIndex : length + relativeIndex;
    const name = TypedArrayPrototypeGetName(this);
    const numericValue = name === 'BigInt64Array' || name === 'BigUint64Array' ? toBigInt(value) : +value;
    // IsValidIntegerIndex, after the conversion (which may have detached or
    // shrunk the array).
    if (actualIndex < 0 || actualIndex >= TypedArrayPrototypeGetLength(this)) {
      throw new RangeError('Invalid typed array index');
    }
    const result = createSameType(this, length);
    for (let k = 0; k < length; k++) result[k] = k === actualIndex ? numericValue : this[k];
    return result;
  },
});

// ---- Object.groupBy, Map.groupBy ----

// GroupBy(items, callback, keyCoercion): a Map from key to the list of values,
// in first-seen order.
function groupBy(items, callback, toKey, method) {
  if (items === null || items === undefined) throw new TypeError(`${method} called on null or undefined`);
  if (!isCallable(callback)) throw new TypeError(`${describePrimitive(callback)} is not a function`);
  const groups = new OriginalMap();
  const record = getIterator(items);
  for (let k = 0; ; k++) {
    if (k >= kMaxSafeInteger) {
      iteratorCloseThrow(record.iterator, new TypeError('Too many elements passed to groupBy'));
    }
    const value = iteratorStepValue(record);
    if (value === kDone) return groups;
    let key;
    try {
      key = toKey(callback(value, k));
    } catch (error) {
      iteratorCloseThrow(record.iterator, error);
    }
    const group = MapPrototypeGet(groups, key);
    if (group === undefined) MapPrototypeSet(groups, key, [value]);
    else group[group.length] = value;
  }
}

defineMethods(Object, {
  groupBy(items, callback) {
    const groups = groupBy(items, callback, toPropertyKey, 'Object.groupBy');
    const result = { __proto__: null };
    const iterator = MapPrototypeEntries(groups);
    for (let step = MapIteratorNext(iterator); !step.done; step = MapIteratorNext(iterator)) {
      ObjectDefineProperty(result, step.value[0], {
        value: step.value[1], writable: true, enumerable: true, configurable: true,
      });
    }
    return result;
  },
});

defineMethods(Map, {
  groupBy(items, callback) {
    // Map keys are already canonical (-0 is stored as +0).
    return groupBy(items, callback, (key) => key, 'Map.groupBy');
  },
});

// ---- Promise.withResolvers ----

defineMethods(Promise, {
  withResolvers() {
    const C = this;
    if (!isObject(C)) throw new TypeError('Promise.withResolvers called on non-object');
    if (C !== OriginalPromise && !isConstructor(C)) {
      throw new TypeError(`${describeReceiver(C) === '#<Function>' ? `${C}` : describeReceiver(C)} is not a constructor`);
    }
    let resolve;
    let reject;
    const promise = new C((res, rej) => {
      if (resolve !== undefined || reject !== undefined) {
        throw new TypeError('Promise executor has already been invoked with non-undefined arguments');
      }
      resolve = res;
      reject = rej;
    });
    if (!isCallable(resolve) || !isCallable(reject)) {
      throw new TypeError('Promise resolve or reject function is not callable');
    }
    return { promise, resolve, reject };
  },
});

// ---- Set methods (GetSetRecord semantics) ----

function requireSet(object, method) {
  if (!isSet(object)) throw incompatibleReceiver(`Set.prototype.${method}`, object);
}

function getSetRecord(other, method) {
  if (!isObject(other)) throw new TypeError(`Set.prototype.${method} argument must be an object`);
  const rawSize = other.size;
  const numSize = +rawSize;
  if (NumberIsNaN(numSize)) throw new TypeError('The .size property is NaN');
  const intSize = toIntegerOrInfinity(numSize);
  if (intSize < 0) throw new RangeError(`'${intSize}' is an invalid size`);
  const has = other.has;
  if (!isCallable(has)) throw new TypeError('string "has" is not a function');
  const keys = other.keys;
  if (!isCallable(keys)) throw new TypeError('string "keys" is not a function');
  return { set: other, size: intSize, has, keys };
}

function getKeysIterator(record) {
  const iterator = ReflectApply(record.keys, record.set, []);
  if (!isObject(iterator)) throw new TypeError('Result of the keys method is not an object');
  return { iterator, next: iterator.next, done: false };
}

function stepKey(record) {
  const { next } = record;
  if (!isCallable(next)) throw new TypeError('string "next" is not a function');
  const result = ReflectApply(next, record.iterator, []);
  if (!isObject(result)) {
    throw new TypeError(`Iterator result ${typeof result === 'symbol' ? result.toString() : result} is not an object`);
  }
  if (result.done) return kDone;
  const value = result.value;
  // CanonicalizeKeyedCollectionKey.
  return value === 0 ? 0 : value;
}

function otherHas(record, value) {
  return !!ReflectApply(record.has, record.set, [value]);
}

function copySet(set) {
  const result = new OriginalSet();
  const iterator = SetPrototypeValues(set);
  for (let step = SetIteratorNext(iterator); !step.done; step = SetIteratorNext(iterator)) {
    SetPrototypeAdd(result, step.value);
  }
  return result;
}

function setToList(set) {
  const list = [];
  const iterator = SetPrototypeValues(set);
  for (let step = SetIteratorNext(iterator); !step.done; step = SetIteratorNext(iterator)) {
    list[list.length] = step.value;
  }
  return list;
}

defineMethods(Set.prototype, {
  union(other) {
    requireSet(this, 'union');
    const record = getSetRecord(other, 'union');
    const keys = getKeysIterator(record);
    const result = copySet(this);
    for (let value = stepKey(keys); value !== kDone; value = stepKey(keys)) {
      SetPrototypeAdd(result, value);
    }
    return result;
  },

  intersection(other) {
    requireSet(this, 'intersection');
    const record = getSetRecord(other, 'intersection');
    const result = new OriginalSet();
    if (SetPrototypeGetSize(this) <= record.size) {
      // A live iterator visits elements added by `has` and skips removed
      // ones, as the specification's index walk over [[SetData]] does.
      const iterator = SetPrototypeValues(this);
      for (let step = SetIteratorNext(iterator); !step.done; step = SetIteratorNext(iterator)) {
        const element = step.value;
        if (otherHas(record, element)) SetPrototypeAdd(result, element);
      }
    } else {
      const keys = getKeysIterator(record);
      for (let value = stepKey(keys); value !== kDone; value = stepKey(keys)) {
        if (SetPrototypeHas(this, value)) SetPrototypeAdd(result, value);
      }
    }
    return result;
  },

  difference(other) {
    requireSet(this, 'difference');
    const record = getSetRecord(other, 'difference');
    const result = copySet(this);
    if (SetPrototypeGetSize(this) <= record.size) {
      // Walks the copy as it was: elements `has` adds to `this` are not visited.
      const list = setToList(result);
      for (let i = 0; i < list.length; i++) {
        if (otherHas(record, list[i])) SetPrototypeDelete(result, list[i]);
      }
    } else {
      const keys = getKeysIterator(record);
      for (let value = stepKey(keys); value !== kDone; value = stepKey(keys)) {
        SetPrototypeDelete(result, value);
      }
    }
    return result;
  },

  symmetricDifference(other) {
    requireSet(this, 'symmetricDifference');
    const record = getSetRecord(other, 'symmetricDifference');
    const keys = getKeysIterator(record);
    const result = copySet(this);
    for (let value = stepKey(keys); value !== kDone; value = stepKey(keys)) {
      const alreadyInResult = SetPrototypeHas(result, value);
      if (SetPrototypeHas(this, value)) {
        if (alreadyInResult) SetPrototypeDelete(result, value);
      } else if (!alreadyInResult) {
        SetPrototypeAdd(result, value);
      }
    }
    return result;
  },

  isSubsetOf(other) {
    requireSet(this, 'isSubsetOf');
    const record = getSetRecord(other, 'isSubsetOf');
    if (SetPrototypeGetSize(this) > record.size) return false;
    const iterator = SetPrototypeValues(this);
    for (let step = SetIteratorNext(iterator); !step.done; step = SetIteratorNext(iterator)) {
      if (!otherHas(record, step.value)) return false;
    }
    return true;
  },

  isSupersetOf(other) {
    requireSet(this, 'isSupersetOf');
    const record = getSetRecord(other, 'isSupersetOf');
    if (SetPrototypeGetSize(this) < record.size) return false;
    const keys = getKeysIterator(record);
    for (let value = stepKey(keys); value !== kDone; value = stepKey(keys)) {
      if (!SetPrototypeHas(this, value)) {
        iteratorClose(keys.iterator);
        return false;
      }
    }
    return true;
  },

  isDisjointFrom(other) {
    requireSet(this, 'isDisjointFrom');
    const record = getSetRecord(other, 'isDisjointFrom');
    if (SetPrototypeGetSize(this) <= record.size) {
      const iterator = SetPrototypeValues(this);
      for (let step = SetIteratorNext(iterator); !step.done; step = SetIteratorNext(iterator)) {
        if (otherHas(record, step.value)) return false;
      }
    } else {
      const keys = getKeysIterator(record);
      for (let value = stepKey(keys); value !== kDone; value = stepKey(keys)) {
        if (SetPrototypeHas(this, value)) {
          iteratorClose(keys.iterator);
          return false;
        }
      }
    }
    return true;
  },
});

// ---- Array.fromAsync ----

async function fromAsync(C, asyncItems, mapfn, thisArg) {
  const mapping = mapfn !== undefined;
  if (mapping && !isCallable(mapfn)) throw new TypeError(`${describePrimitive(mapfn)} is not a function`);
  const usingAsyncIterator = getMethod(asyncItems, SymbolAsyncIterator);
  const usingSyncIterator = usingAsyncIterator === undefined ?
    getMethod(asyncItems, SymbolIterator) : undefined;
  if (usingAsyncIterator !== undefined || usingSyncIterator !== undefined) {
    // for await does GetIteratorFromMethod (or CreateAsyncFromSyncIterator),
    // awaits each result, and closes the iterator when the body throws: the
    // iterable below hands it the method already read, so it is read once.
    const iterable = usingAsyncIterator !== undefined ?
      { [SymbolAsyncIterator]: () => ReflectApply(usingAsyncIterator, asyncItems, []) } :
      { [SymbolIterator]: () => ReflectApply(usingSyncIterator, asyncItems, []) };
    const result = isConstructor(C) ? new C() : [];
    let k = 0;
    for await (const value of iterable) {
      if (k >= kMaxSafeInteger) throw new TypeError('Too many elements passed to Array.fromAsync');
      const mapped = mapping ? await ReflectApply(mapfn, thisArg, [value, k]) : value;
      ObjectDefineProperty(result, k, { value: mapped, writable: true, enumerable: true, configurable: true });
      k++;
    }
    result.length = k;
    return result;
  }
  const arrayLike = toObject(asyncItems);
  const length = lengthOfArrayLike(arrayLike);
  const result = isConstructor(C) ? new C(length) : arrayCreate(length);
  for (let k = 0; k < length; k++) {
    const value = await arrayLike[k];
    const mapped = mapping ? await ReflectApply(mapfn, thisArg, [value, k]) : value;
    ObjectDefineProperty(result, k, { value: mapped, writable: true, enumerable: true, configurable: true });
  }
  result.length = length;
  return result;
}

defineMethods(Array, {
  fromAsync(asyncItems) {
    // The closure runs as an async function: even argument errors reject.
    return fromAsync(this, asyncItems, arguments[1], arguments[2]);
  },
});

// ---- String.prototype.isWellFormed, toWellFormed ----

// The index of the first lone surrogate, or -1.
function firstLoneSurrogate(string, from) {
  for (let i = from; i < string.length; i++) {
    const code = StringPrototypeCharCodeAt(string, i);
    if (code < 0xd800 || code > 0xdfff) continue;
    if (code <= 0xdbff && i + 1 < string.length) {
      const next = StringPrototypeCharCodeAt(string, i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

defineMethods(String.prototype, {
  isWellFormed() {
    if (this === null || this === undefined) {
      throw new TypeError('String.prototype.isWellFormed called on null or undefined');
    }
    return firstLoneSurrogate(`${this}`, 0) === -1;
  },

  toWellFormed() {
    if (this === null || this === undefined) {
      throw new TypeError('String.prototype.toWellFormed called on null or undefined');
    }
    const string = `${this}`;
    let lone = firstLoneSurrogate(string, 0);
    if (lone === -1) return string;
    let result = '';
    let start = 0;
    while (lone !== -1) {
      result += `${StringPrototypeSlice(string, start, lone)}${StringFromCharCode(0xfffd)}`;
      start = lone + 1;
      lone = firstLoneSurrogate(string, start);
    }
    return result + StringPrototypeSlice(string, start);
  },
});

// ---- ArrayBuffer.prototype.transfer, transferToFixedLength, detached ----

function arrayBufferCopyAndDetach(buffer, newLength, method) {
  if (!isArrayBuffer(buffer)) throw incompatibleReceiver(`ArrayBuffer.prototype.${method}`, buffer);
  let newByteLength;
  if (newLength === undefined) {
    newByteLength = ArrayBufferPrototypeGetByteLength(buffer);
  } else {
    // ToIndex.
    newByteLength = toIntegerOrInfinity(newLength);
    if (newByteLength < 0) throw new RangeError('Invalid array buffer length');
    if (newByteLength > kMaxSafeInteger) {
      throw new RangeError(`ArrayBuffer.prototype.${method}: Invalid length parameter`);
    }
  }
  if (polyfillBinding.isDetached(buffer)) {
    throw new TypeError(`Cannot perform ArrayBuffer.prototype.${method} on a detached ArrayBuffer`);
  }
  if (!polyfillBinding.isDetachable(buffer)) {
    throw new TypeError(`Cannot perform ArrayBuffer.prototype.${method} on a non-detachable ArrayBuffer`);
  }
  return polyfillBinding.transfer(buffer, newByteLength);
}

defineMethods(ArrayBuffer.prototype, {
  // The default keeps the function's length at 0, as the specification's
  // optional parameter does.
  transfer(newLength = undefined) {
    return arrayBufferCopyAndDetach(this, newLength, 'transfer');
  },

  transferToFixedLength(newLength = undefined) {
    return arrayBufferCopyAndDetach(this, newLength, 'transferToFixedLength');
  },

  get detached() {
    if (!isArrayBuffer(this) || isSharedArrayBuffer(this)) {
      throw incompatibleReceiver('get ArrayBuffer.prototype.detached', this);
    }
    return polyfillBinding.isDetached(this);
  },
});

// ---- Iterator helpers ----

// %WrapForValidIteratorPrototype%: what Iterator.from returns for an
// iterator that does not inherit from Iterator.prototype.
class WrapForValidIterator {
  #record;
  constructor(record) {
    this.#record = record;
  }

  next() {
    if (!isObject(this) || !(#record in this)) {
      throw incompatibleReceiver('%WrapForValidIteratorPrototype%.next', this);
    }
    const { next, iterator } = this.#record;
    if (!isCallable(next)) throw new TypeError(`${describeValue(next)} is not a function`);
    return ReflectApply(next, iterator, []);
  }

  return() {
    if (!isObject(this) || !(#record in this)) {
      throw incompatibleReceiver('%WrapForValidIteratorPrototype%.return', this);
    }
    const { iterator } = this.#record;
    const method = getMethod(iterator, 'return');
    if (method === undefined) return { value: undefined, done: true };
    return ReflectApply(method, iterator, []);
  }
}

// %IteratorHelperPrototype%: the object map/filter/take/drop/flatMap return.
// Its body is a generator, which gives the specification's generator states
// ("Generator is already running" on re-entry, done after completion); the
// helper adds the suspended-start case of return(), which closes the
// underlying iterator without running the body.
class IteratorHelper {
  #generator;
  #underlying;
  #started = false;
  constructor(generator, underlying) {
    this.#generator = generator;
    this.#underlying = underlying;
  }

  next() {
    if (!isObject(this) || !(#generator in this)) {
      throw incompatibleReceiver('Iterator Helper.prototype.next', this);
    }
    this.#started = true;
    return GeneratorNext(this.#generator);
  }

  return() {
    if (!isObject(this) || !(#generator in this)) {
      throw incompatibleReceiver('Iterator Helper.prototype.return', this);
    }
    if (!this.#started) {
      this.#started = true;
      // Completes the generator before closing, so a re-entrant next() sees done.
      GeneratorReturn(this.#generator, undefined);
      iteratorClose(this.#underlying.iterator);
      return { value: undefined, done: true };
    }
    return GeneratorReturn(this.#generator, undefined);
  }
}

for (const klass of [WrapForValidIterator, IteratorHelper]) {
  delete klass.prototype.constructor;
  ObjectSetPrototypeOf(klass.prototype, IteratorPrototype);
}
ObjectDefineProperty(IteratorHelper.prototype, SymbolToStringTag, {
  value: 'Iterator Helper', writable: false, enumerable: false, configurable: true,
});

function requireIteratorObject(object, method) {
  if (!isObject(object)) throw new TypeError(`Iterator.prototype.${method} called on non-object`);
}

function requireCallable(fn, method) {
  if (isCallable(fn)) return;
  // V8's wording, including its quirk for flatMap.
  if (method === 'flatMap') throw new TypeError('Iterator.prototype.flatMap is not a function');
  throw new TypeError(`string "Iterator.prototype.${method}" is not a function`);
}

// take/drop: ToNumber, NaN and negatives are RangeErrors.
function toLimit(limit) {
  const number = +limit;
  if (NumberIsNaN(number)) throw new RangeError(`${describeLimit(limit)} must be positive`);
  const integer = toIntegerOrInfinity(number);
  if (integer < 0) throw new RangeError(`${describeLimit(limit)} must be positive`);
  return integer;
}

function describeLimit(limit) {
  return isObject(limit) ? describeReceiver(limit) : `${limit}`;
}

// Each body yields with `resumed` tracking: if the helper is closed while
// suspended at a yield, the finally block closes the underlying iterator
// (IfAbruptCloseIterator on the Yield's return completion).

function* mapBody(record, mapper) {
  for (let counter = 0; ; counter++) {
    const value = iteratorStepValue(record);
    if (value === kDone) return;
    let mapped;
    try {
      mapped = mapper(value, counter);
    } catch (error) {
      iteratorCloseThrow(record.iterator, error);
    }
    let resumed = false;
    try {
      yield mapped;
      resumed = true;
    } finally {
      if (!resumed) iteratorClose(record.iterator);
    }
  }
}

function* filterBody(record, predicate) {
  for (let counter = 0; ; counter++) {
    const value = iteratorStepValue(record);
    if (value === kDone) return;
    let selected;
    try {
      selected = predicate(value, counter);
    } catch (error) {
      iteratorCloseThrow(record.iterator, error);
    }
    if (!selected) continue;
    let resumed = false;
    try {
      yield value;
      resumed = true;
    } finally {
      if (!resumed) iteratorClose(record.iterator);
    }
  }
}

function* takeBody(record, limit) {
  let remaining = limit;
  for (;;) {
    if (remaining === 0) {
      iteratorClose(record.iterator);
      return;
    }
    if (remaining !== Infinity) remaining--;
    const value = iteratorStepValue(record);
    if (value === kDone) return;
    let resumed = false;
    try {
      yield value;
      resumed = true;
    } finally {
      if (!resumed) iteratorClose(record.iterator);
    }
  }
}

function* dropBody(record, limit) {
  let remaining = limit;
  while (remaining > 0) {
    if (remaining !== Infinity) remaining--;
    if (iteratorStepValue(record) === kDone) return;
  }
  for (;;) {
    const value = iteratorStepValue(record);
    if (value === kDone) return;
    let resumed = false;
    try {
      yield value;
      resumed = true;
    } finally {
      if (!resumed) iteratorClose(record.iterator);
    }
  }
}

// GetIteratorFlattenable(value, reject-primitives or iterate-string-primitives).
function getIteratorFlattenable(value, allowStrings, method) {
  if (!isObject(value) && !(allowStrings && typeof value === 'string')) {
    throw new TypeError(`${method} called on non-object`);
  }
  const iteratorMethod = getMethod(value, SymbolIterator);
  const iterator = iteratorMethod === undefined ? value : ReflectApply(iteratorMethod, value, []);
  if (!isObject(iterator)) throw new TypeError(`${describeReceiver(value)} is not iterable`);
  return getIteratorDirect(iterator);
}

function* flatMapBody(record, mapper) {
  for (let counter = 0; ; counter++) {
    const value = iteratorStepValue(record);
    if (value === kDone) return;
    let inner;
    try {
      inner = getIteratorFlattenable(mapper(value, counter), false, 'Iterator.prototype.flatMap');
    } catch (error) {
      iteratorCloseThrow(record.iterator, error);
    }
    for (;;) {
      let innerValue;
      try {
        innerValue = iteratorStepValue(inner);
      } catch (error) {
        iteratorCloseThrow(record.iterator, error);
      }
      if (innerValue === kDone) break;
      let resumed = false;
      try {
        yield innerValue;
        resumed = true;
      } finally {
        if (!resumed) {
          // Close the inner iterator, then the outer one; an error from the
          // inner close still closes the outer before it propagates.
          try {
            iteratorClose(inner.iterator);
          } catch (error) {
            iteratorCloseThrow(record.iterator, error);
          }
          iteratorClose(record.iterator);
        }
      }
    }
  }
}

function makeHelper(body, record, argument) {
  return new IteratorHelper(body(record, argument), record);
}

function Iterator() {
  if (new.target === undefined) throw new TypeError("Constructor Iterator requires 'new'");
  if (new.target === Iterator) throw new TypeError('Abstract class Iterator not directly constructable');
}

// SetterThatIgnoresPrototypeProperties, for Iterator.prototype.constructor
// and @@toStringTag: writing through an iterator defines an own property
// instead of failing on the accessor.
function setIgnoringPrototype(object, key, value, name) {
  if (!isObject(object)) throw new TypeError(`${name} called on non-object`);
  if (object === IteratorPrototype) {
    throw new TypeError(`Cannot assign to read only property '${typeof key === 'symbol' ? key.toString() : key}' of object '[object Object]'`);
  }
  if (ObjectGetOwnPropertyDescriptor(object, key) === undefined) {
    ObjectDefineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

if (typeof globalThis.Iterator !== 'function') {
  ObjectDefineProperty(Iterator, 'prototype', { value: IteratorPrototype, writable: false });
  defineMethods(Iterator, {
    from(O) {
      const record = getIteratorFlattenable(O, true, 'Iterator.from');
      if (ObjectPrototypeIsPrototypeOf(IteratorPrototype, record.iterator)) return record.iterator;
      return new WrapForValidIterator(record);
    },
  });

  defineMethods(IteratorPrototype, {
    get constructor() {
      return Iterator;
    },
    set constructor(value) {
      setIgnoringPrototype(this, 'constructor', value, 'set Iterator.prototype.constructor');
    },
    get [SymbolToStringTag]() {
      return 'Iterator';
    },
    set [SymbolToStringTag](value) {
      setIgnoringPrototype(this, SymbolToStringTag, value, 'set Iterator.prototype[Symbol.toStringTag]');
    },

    map(mapper) {
      requireIteratorObject(this, 'map');
      requireCallable(mapper, 'map');
      return makeHelper(mapBody, getIteratorDirect(this), mapper);
    },

    filter(predicate) {
      requireIteratorObject(this, 'filter');
      requireCallable(predicate, 'filter');
      return makeHelper(filterBody, getIteratorDirect(this), predicate);
    },

    take(limit) {
      requireIteratorObject(this, 'take');
      const integer = toLimit(limit);
      return makeHelper(takeBody, getIteratorDirect(this), integer);
    },

    drop(limit) {
      requireIteratorObject(this, 'drop');
      const integer = toLimit(limit);
      return makeHelper(dropBody, getIteratorDirect(this), integer);
    },

    flatMap(mapper) {
      requireIteratorObject(this, 'flatMap');
      requireCallable(mapper, 'flatMap');
      return makeHelper(flatMapBody, getIteratorDirect(this), mapper);
    },

    reduce(reducer) {
      requireIteratorObject(this, 'reduce');
      requireCallable(reducer, 'reduce');
      const record = getIteratorDirect(this);
      let accumulator;
      let counter;
      if (arguments.length < 2) {
        accumulator = iteratorStepValue(record);
        if (accumulator === kDone) throw new TypeError('Reduce of a done iterator with no initial value');
        counter = 1;
      } else {
        accumulator = arguments[1];
        counter = 0;
      }
      for (;; counter++) {
        const value = iteratorStepValue(record);
        if (value === kDone) return accumulator;
        try {
          accumulator = reducer(accumulator, value, counter);
        } catch (error) {
          iteratorCloseThrow(record.iterator, error);
        }
      }
    },

    toArray() {
      requireIteratorObject(this, 'toArray');
      const record = getIteratorDirect(this);
      const items = [];
      for (let value = iteratorStepValue(record); value !== kDone; value = iteratorStepValue(record)) {
        items[items.length] = value;
      }
      return items;
    },

    forEach(fn) {
      requireIteratorObject(this, 'forEach');
      requireCallable(fn, 'forEach');
      const record = getIteratorDirect(this);
      for (let counter = 0; ; counter++) {
        const value = iteratorStepValue(record);
        if (value === kDone) return undefined;
        try {
          fn(value, counter);
        } catch (error) {
          iteratorCloseThrow(record.iterator, error);
        }
      }
    },

    some(predicate) {
      requireIteratorObject(this, 'some');
      requireCallable(predicate, 'some');
      const record = getIteratorDirect(this);
      for (let counter = 0; ; counter++) {
        const value = iteratorStepValue(record);
        if (value === kDone) return false;
        let result;
        try {
          result = predicate(value, counter);
        } catch (error) {
          iteratorCloseThrow(record.iterator, error);
        }
        if (result) {
          iteratorClose(record.iterator);
          return true;
        }
      }
    },

    every(predicate) {
      requireIteratorObject(this, 'every');
      requireCallable(predicate, 'every');
      const record = getIteratorDirect(this);
      for (let counter = 0; ; counter++) {
        const value = iteratorStepValue(record);
        if (value === kDone) return true;
        let result;
        try {
          result = predicate(value, counter);
        } catch (error) {
          iteratorCloseThrow(record.iterator, error);
        }
        if (!result) {
          iteratorClose(record.iterator);
          return false;
        }
      }
    },

    find(predicate) {
      requireIteratorObject(this, 'find');
      requireCallable(predicate, 'find');
      const record = getIteratorDirect(this);
      for (let counter = 0; ; counter++) {
        const value = iteratorStepValue(record);
        if (value === kDone) return undefined;
        let result;
        try {
          result = predicate(value, counter);
        } catch (error) {
          iteratorCloseThrow(record.iterator, error);
        }
        if (result) {
          iteratorClose(record.iterator);
          return value;
        }
      }
    },
  });

  ObjectDefineProperty(globalThis, 'Iterator', {
    value: Iterator, writable: true, enumerable: false, configurable: true,
  });
}

// ---- Symbol.dispose, Symbol.asyncDispose ----

// Node 22 uses the registered symbols, so code that reached them through
// Symbol.for('nodejs.dispose') before this ran agrees with Symbol.dispose.
for (const [name, key] of [['dispose', 'nodejs.dispose'], ['asyncDispose', 'nodejs.asyncDispose']]) {
  if (!ObjectPrototypeHasOwnProperty(Symbol, name)) {
    ObjectDefineProperty(Symbol, name, {
      value: Symbol.for(key), writable: false, enumerable: false, configurable: false,
    });
  }
}

void ObjectCreate;
