'use strict';
// KeyObject (secret, public, private), CryptoKey, and the parsing of every
// form a key may take as an argument: KeyObject, CryptoKey, PEM/DER bytes
// with options, or a JWK.

const {
  KeyObjectHandle,
  kKeyTypeSecret,
  kKeyTypePublic,
  kKeyTypePrivate,
} = internalBinding('crypto');
const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_THIS,
    ERR_ILLEGAL_CONSTRUCTOR,
    ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS,
    ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE,
    ERR_CRYPTO_INVALID_JWK,
    ERR_CRYPTO_JWK_UNSUPPORTED_CURVE,
    ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE,
  },
} = require('internal/errors');
const { validateObject, validateOneOf, validateString } = require('internal/validators');
const { kHandle, kKeyObject, isAnyArrayBuffer, getArrayBufferOrView } = require('internal/crypto/util');
const { customInspectSymbol: kInspect } = require('internal/util');

const kKeyType = Symbol('kKeyType');
const kAsymmetricKeyType = Symbol('kAsymmetricKeyType');
const kAsymmetricKeyDetails = Symbol('kAsymmetricKeyDetails');
const kAlgorithm = Symbol('kAlgorithm');
const kExtractable = Symbol('kExtractable');
const kKeyUsages = Symbol('kKeyUsages');

// Where a key argument is used: creating a key object of a kind, or
// consuming a key for an operation that needs a private or a public key.
const kConsumePublic = 0;
const kConsumePrivate = 1;
const kCreatePublic = 2;
const kCreatePrivate = 3;

const encodingNames = { pkcs1: 'pkcs1', pkcs8: 'pkcs8', spki: 'spki', sec1: 'sec1' };

// The native part Node's KeyObject extends; here only the handle slot.
class NativeKeyObject {
  constructor(handle) {
    void handle;
  }
}

class KeyObject extends NativeKeyObject {
  constructor(type, handle) {
    if (type !== 'secret' && type !== 'public' && type !== 'private') throw new ERR_INVALID_ARG_VALUE('type', type);
    if (typeof handle !== 'object' || !(handle instanceof KeyObjectHandle)) {
      throw new ERR_INVALID_ARG_TYPE('handle', 'object', handle);
    }
    super(handle);
    this[kKeyType] = type;
    Object.defineProperty(this, kHandle, { value: handle, enumerable: false, configurable: false, writable: false });
  }

  get type() {
    return this[kKeyType];
  }

  static from(key) {
    if (!isCryptoKey(key)) throw new ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
    return key[kKeyObject];
  }

  equals(otherKeyObject) {
    if (!isKeyObject(otherKeyObject)) throw new ERR_INVALID_ARG_TYPE('otherKeyObject', 'KeyObject', otherKeyObject);
    return otherKeyObject.type === this.type && this[kHandle].equals(otherKeyObject[kHandle]);
  }
}

class SecretKeyObject extends KeyObject {
  constructor(handle) {
    super('secret', handle);
  }

  get symmetricKeySize() {
    return this[kHandle].getSymmetricKeySize();
  }

  export(options) {
    if (options !== undefined) {
      validateObject(options, 'options');
      validateOneOf(options.format, 'options.format', [undefined, 'buffer', 'jwk']);
      if (options.format === 'jwk') return this[kHandle].exportJwk({});
    }
    return this[kHandle].export();
  }
}

function normalizeKeyDetails(details = {}) {
  if (details.publicExponent !== undefined && typeof details.publicExponent !== 'bigint') {
    return { ...details, publicExponent: BigInt(details.publicExponent) };
  }
  return details;
}

function exportJwk(handle) {
  const ret = handle.exportJwk({});
  if (typeof ret === 'string') {
    if (ret === 'type') throw new ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE();
    throw new ERR_CRYPTO_JWK_UNSUPPORTED_CURVE(ret.slice(6));
  }
  return ret;
}

class AsymmetricKeyObject extends KeyObject {
  get asymmetricKeyType() {
    return this[kAsymmetricKeyType] ||= this[kHandle].getAsymmetricKeyType();
  }

  get asymmetricKeyDetails() {
    switch (this.asymmetricKeyType) {
      case 'rsa':
      case 'rsa-pss':
      case 'dsa':
      case 'ec':
        return this[kAsymmetricKeyDetails] ||= normalizeKeyDetails(this[kHandle].keyDetail({}));
      default:
        return {};
    }
  }

  toCryptoKey(algorithm, extractable, keyUsages) {
    return require('internal/crypto/webcrypto').keyObjectToCryptoKey(this, algorithm, extractable, keyUsages);
  }
}

class PublicKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super('public', handle);
  }

  export(options) {
    if (options && options.format === 'jwk') {
      if (this.asymmetricKeyType === 'rsa-pss') throw new ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE();
      return exportJwk(this[kHandle]);
    }
    const { format, type } = parsePublicKeyEncoding(options, this.asymmetricKeyType);
    return this[kHandle].export(format, type);
  }
}

class PrivateKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super('private', handle);
  }

  export(options) {
    if (options && options.format === 'jwk') {
      if (options.passphrase !== undefined) {
        throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS('jwk', 'does not support encryption');
      }
      if (this.asymmetricKeyType === 'rsa-pss') throw new ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE();
      return exportJwk(this[kHandle]);
    }
    const { format, type, cipher, passphrase } = parsePrivateKeyEncoding(options, this.asymmetricKeyType);
    return this[kHandle].export(format, type, cipher, passphrase);
  }
}

// ---- encodings ----

function parseKeyFormat(formatStr, defaultFormat, optionName) {
  if (formatStr === undefined && defaultFormat !== undefined) return defaultFormat;
  if (formatStr === 'pem' || formatStr === 'der' || formatStr === 'jwk') return formatStr;
  throw new ERR_INVALID_ARG_VALUE(optionName, formatStr);
}

function parseKeyType(typeStr, required, keyType, isPublic, optionName) {
  if (typeStr === undefined && !required) return undefined;
  if (typeStr === 'pkcs1') {
    if (keyType !== undefined && keyType !== 'rsa') {
      throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(typeStr, 'can only be used for RSA keys');
    }
    return typeStr;
  }
  if (typeStr === 'spki' && isPublic !== false) return typeStr;
  if (typeStr === 'pkcs8' && isPublic !== true) return typeStr;
  if (typeStr === 'sec1' && isPublic !== true) {
    if (keyType !== undefined && keyType !== 'ec') {
      throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(typeStr, 'can only be used for EC keys');
    }
    return typeStr;
  }
  throw new ERR_INVALID_ARG_VALUE(optionName, typeStr);
}

function optionName(name, objName) {
  return objName === undefined ? `options.${name}` : `options.${objName}.${name}`;
}

function isStringOrBuffer(val) {
  return typeof val === 'string' || ArrayBuffer.isView(val) || isAnyArrayBuffer(val);
}

// keyType undefined: the options describe an input key; else an output
// encoding for a key of that type.
function parseKeyEncoding(enc, keyType, isPublic, objName) {
  validateObject(enc, 'options');
  const isInput = keyType === undefined;
  const format = parseKeyFormat(enc.format, isInput ? 'pem' : undefined, optionName('format', objName));
  const required = (!isInput || format === 'der') && format !== 'jwk';
  const type = parseKeyType(enc.type, required, keyType, isPublic, optionName('type', objName));
  let cipher;
  let passphrase;
  let encoding;
  if (isPublic !== true) {
    ({ cipher, passphrase, encoding } = enc);
    if (!isInput) {
      if (cipher != null) {
        if (typeof cipher !== 'string') throw new ERR_INVALID_ARG_VALUE(optionName('cipher', objName), cipher);
        if (format === 'der' && (type === 'pkcs1' || type === 'sec1')) {
          throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(encodingNames[type], 'does not support encryption');
        }
      } else if (passphrase !== undefined) {
        throw new ERR_INVALID_ARG_VALUE(optionName('cipher', objName), cipher);
      }
    }
    if ((isInput && passphrase !== undefined && !isStringOrBuffer(passphrase)) ||
        (!isInput && cipher != null && !isStringOrBuffer(passphrase))) {
      throw new ERR_INVALID_ARG_VALUE(optionName('passphrase', objName), passphrase);
    }
  }
  if (passphrase !== undefined) passphrase = getArrayBufferOrView(passphrase, 'key.passphrase', encoding);
  return { format, type, cipher, passphrase };
}

function parsePublicKeyEncoding(enc, keyType, objName) {
  return parseKeyEncoding(enc, keyType, keyType ? true : undefined, objName);
}

function parsePrivateKeyEncoding(enc, keyType, objName) {
  return parseKeyEncoding(enc, keyType, false, objName);
}

// ---- key arguments ----

function getKeyTypes(allowKeyObject, bufferOnly = false) {
  const types = ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'string', 'KeyObject', 'CryptoKey'];
  if (bufferOnly) return types.slice(0, 4);
  if (!allowKeyObject) return types.slice(0, 5);
  return types;
}

function getKeyObjectHandle(key, ctx) {
  if (ctx === kCreatePrivate) {
    throw new ERR_INVALID_ARG_TYPE('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
  }
  if (key.type !== 'private') {
    if (ctx === kConsumePrivate || ctx === kCreatePublic) throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'private');
    if (key.type !== 'public') throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'private or public');
  }
  return key[kHandle];
}

function base64url(value) {
  return Buffer.from(value, 'base64');
}

function getKeyObjectHandleFromJwk(key, ctx) {
  validateObject(key, 'key');
  validateOneOf(key.kty, 'key.kty', ['RSA', 'EC', 'OKP']);
  const isPublic = ctx === kConsumePublic || ctx === kCreatePublic;
  const type = isPublic ? kKeyTypePublic : kKeyTypePrivate;
  const handle = new KeyObjectHandle();
  if (key.kty === 'OKP') {
    validateString(key.crv, 'key.crv');
    validateOneOf(key.crv, 'key.crv', ['Ed25519', 'Ed448', 'X25519', 'X448']);
    validateString(key.x, 'key.x');
    if (!isPublic) validateString(key.d, 'key.d');
    const data = base64url(isPublic ? key.x : key.d);
    const want = { Ed25519: 32, X25519: 32, Ed448: 57, X448: 56 }[key.crv];
    if (data.byteLength !== want) throw new ERR_CRYPTO_INVALID_JWK();
    if (!handle.initOkp(type, key.crv, data)) throw new ERR_CRYPTO_INVALID_JWK();
    return handle;
  }
  if (key.kty === 'EC') {
    validateString(key.crv, 'key.crv');
    validateOneOf(key.crv, 'key.crv', ['P-256', 'secp256k1', 'P-384', 'P-521']);
    validateString(key.x, 'key.x');
    validateString(key.y, 'key.y');
    if (!isPublic) validateString(key.d, 'key.d');
    if (!handle.initEc(type, key.crv, base64url(key.x), base64url(key.y), isPublic ? undefined : base64url(key.d))) {
      throw new ERR_CRYPTO_INVALID_JWK();
    }
    return handle;
  }
  validateString(key.n, 'key.n');
  validateString(key.e, 'key.e');
  const parts = [base64url(key.n), base64url(key.e)];
  if (!isPublic) {
    for (const name of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
      validateString(key[name], `key.${name}`);
      parts.push(base64url(key[name]));
    }
  }
  if (!handle.initRsa(type, ...parts)) throw new ERR_CRYPTO_INVALID_JWK();
  return handle;
}

// A handle for the key, parsed when needed. For PEM/DER input returns
// { data, format, type, passphrase } as Node does; parseKey turns that into
// a handle.
function prepareAsymmetricKey(key, ctx) {
  if (isKeyObject(key)) return { data: getKeyObjectHandle(key, ctx) };
  if (isCryptoKey(key)) return { data: getKeyObjectHandle(key[kKeyObject], ctx) };
  if (isStringOrBuffer(key)) return { format: 'pem', data: getArrayBufferOrView(key, 'key') };
  if (typeof key === 'object' && key !== null) {
    const { key: data, encoding, format } = key;
    if (isKeyObject(data)) return { data: getKeyObjectHandle(data, ctx) };
    if (isCryptoKey(data)) return { data: getKeyObjectHandle(data[kKeyObject], ctx) };
    if (format === 'jwk') {
      validateObject(data, 'key.key');
      return { data: getKeyObjectHandleFromJwk(data, ctx), format: 'jwk' };
    }
    if (!isStringOrBuffer(data)) throw new ERR_INVALID_ARG_TYPE('key.key', getKeyTypes(ctx !== kCreatePrivate), data);
    const isPublic = ctx === kConsumePrivate || ctx === kCreatePrivate ? false : undefined;
    return { data: getArrayBufferOrView(data, 'key', encoding), ...parseKeyEncoding(key, undefined, isPublic) };
  }
  throw new ERR_INVALID_ARG_TYPE('key', getKeyTypes(ctx !== kCreatePrivate), key);
}

// The handle an operation uses: a private one for kConsumePrivate, one that
// holds at least the public half for kConsumePublic.
function toHandle({ data, format, type, passphrase }, keyType) {
  if (data instanceof KeyObjectHandle) return data;
  const handle = new KeyObjectHandle();
  handle.init(keyType, data, format, type, passphrase);
  return handle;
}

function preparePrivateKey(key) {
  return toHandle(prepareAsymmetricKey(key, kConsumePrivate), kKeyTypePrivate);
}

function preparePublicOrPrivateKey(key) {
  return toHandle(prepareAsymmetricKey(key, kConsumePublic), kKeyTypePublic);
}

function prepareSecretKey(key, encoding, bufferOnly = false) {
  if (!bufferOnly) {
    if (isKeyObject(key)) {
      if (key.type !== 'secret') throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'secret');
      return key[kHandle];
    }
    if (isCryptoKey(key)) {
      if (key.type !== 'secret') throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'secret');
      return key[kKeyObject][kHandle];
    }
  }
  if (typeof key !== 'string' && !ArrayBuffer.isView(key) && !isAnyArrayBuffer(key)) {
    throw new ERR_INVALID_ARG_TYPE('key', getKeyTypes(!bufferOnly, bufferOnly), key);
  }
  return getArrayBufferOrView(key, 'key', encoding);
}

function createSecretKey(key, encoding) {
  key = prepareSecretKey(key, encoding, true);
  const handle = new KeyObjectHandle();
  handle.init(kKeyTypeSecret, key);
  return new SecretKeyObject(handle);
}

function createPublicKey(key) {
  const { format, type, data, passphrase } = prepareAsymmetricKey(key, kCreatePublic);
  let handle;
  if (data instanceof KeyObjectHandle) {
    handle = format === 'jwk' ? data : data.publicHandle();
  } else {
    handle = new KeyObjectHandle();
    handle.init(kKeyTypePublic, data, format, type, passphrase);
  }
  return new PublicKeyObject(handle);
}

function createPrivateKey(key) {
  const { format, type, data, passphrase } = prepareAsymmetricKey(key, kCreatePrivate);
  let handle;
  if (format === 'jwk') {
    handle = data;
  } else {
    handle = new KeyObjectHandle();
    handle.init(kKeyTypePrivate, data, format, type, passphrase);
  }
  return new PrivateKeyObject(handle);
}

function isKeyObject(obj) {
  return obj != null && obj[kKeyType] !== undefined && obj instanceof KeyObject;
}

// ---- CryptoKey ----

class CryptoKey {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  [kInspect](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    const { inspect } = require('internal/util/inspect');
    return `CryptoKey ${inspect({
      type: this.type,
      extractable: this.extractable,
      algorithm: this.algorithm,
      usages: this.usages,
    }, opts)}`;
  }

  get type() {
    if (!(this instanceof CryptoKey)) throw new ERR_INVALID_THIS('CryptoKey');
    return this[kKeyObject].type;
  }

  get extractable() {
    if (!(this instanceof CryptoKey)) throw new ERR_INVALID_THIS('CryptoKey');
    return this[kExtractable];
  }

  get algorithm() {
    if (!(this instanceof CryptoKey)) throw new ERR_INVALID_THIS('CryptoKey');
    return this[kAlgorithm];
  }

  get usages() {
    if (!(this instanceof CryptoKey)) throw new ERR_INVALID_THIS('CryptoKey');
    return Array.from(this[kKeyUsages]);
  }
}
Object.defineProperties(CryptoKey.prototype, {
  type: { enumerable: true },
  extractable: { enumerable: true },
  algorithm: { enumerable: true },
  usages: { enumerable: true },
  [Symbol.toStringTag]: { value: 'CryptoKey', configurable: true },
});

// What internal code constructs: a CryptoKey the public constructor refuses.
function InternalCryptoKey(keyObject, algorithm, keyUsages, extractable) {
  this[kKeyObject] = keyObject;
  this[kAlgorithm] = algorithm;
  this[kExtractable] = extractable;
  this[kKeyUsages] = keyUsages;
}
InternalCryptoKey.prototype = CryptoKey.prototype;

function isCryptoKey(obj) {
  return obj != null && obj[kKeyObject] !== undefined;
}

module.exports = {
  KeyObject,
  SecretKeyObject,
  PublicKeyObject,
  PrivateKeyObject,
  CryptoKey,
  InternalCryptoKey,
  createSecretKey,
  createPublicKey,
  createPrivateKey,
  isKeyObject,
  isCryptoKey,
  prepareSecretKey,
  preparePrivateKey,
  preparePublicOrPrivateKey,
  prepareAsymmetricKey,
  parsePublicKeyEncoding,
  parsePrivateKeyEncoding,
  kAlgorithm,
  kExtractable,
  kKeyUsages,
  kKeyType,
  kConsumePublic,
  kConsumePrivate,
  kCreatePublic,
  kCreatePrivate,
};
