'use strict';
// util.types: the V8-backed checks plus the typed-array ones done in JS.

const binding = internalBinding('types');

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const getTypedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;

function isTypedArray(value) {
  return getTypedArrayTag.call(value) !== undefined;
}

function isUint8Array(value) { return getTypedArrayTag.call(value) === 'Uint8Array'; }
function isUint8ClampedArray(value) { return getTypedArrayTag.call(value) === 'Uint8ClampedArray'; }
function isUint16Array(value) { return getTypedArrayTag.call(value) === 'Uint16Array'; }
function isUint32Array(value) { return getTypedArrayTag.call(value) === 'Uint32Array'; }
function isInt8Array(value) { return getTypedArrayTag.call(value) === 'Int8Array'; }
function isInt16Array(value) { return getTypedArrayTag.call(value) === 'Int16Array'; }
function isInt32Array(value) { return getTypedArrayTag.call(value) === 'Int32Array'; }
function isFloat32Array(value) { return getTypedArrayTag.call(value) === 'Float32Array'; }
function isFloat64Array(value) { return getTypedArrayTag.call(value) === 'Float64Array'; }
function isBigInt64Array(value) { return getTypedArrayTag.call(value) === 'BigInt64Array'; }
function isBigUint64Array(value) { return getTypedArrayTag.call(value) === 'BigUint64Array'; }

function isArrayBufferView(value) {
  return ArrayBuffer.isView(value);
}

let keyObjectCheck;
let cryptoKeyCheck;

module.exports = {
  ...binding,
  isArrayBufferView,
  isTypedArray,
  isUint8Array,
  isUint8ClampedArray,
  isUint16Array,
  isUint32Array,
  isInt8Array,
  isInt16Array,
  isInt32Array,
  isFloat32Array,
  isFloat64Array,
  isBigInt64Array,
  isBigUint64Array,
  isKeyObject(obj) {
    keyObjectCheck ??= (() => {
      try { return require('internal/crypto/keys').isKeyObject; } catch { return () => false; }
    })();
    return keyObjectCheck(obj);
  },
  isCryptoKey(obj) {
    cryptoKeyCheck ??= (() => {
      try { return require('internal/crypto/keys').isCryptoKey; } catch { return () => false; }
    })();
    return cryptoKeyCheck(obj);
  },
};
