'use strict';
// createDiffieHellman, getDiffieHellman (the MODP groups), createECDH,
// ECDH.convertKey and crypto.diffieHellman over key objects.

const {
  DiffieHellman: _DiffieHellman,
  ECDH: _ECDH,
  ecdhConvertKey,
  statelessDH,
  constants: { POINT_CONVERSION_COMPRESSED, POINT_CONVERSION_HYBRID, POINT_CONVERSION_UNCOMPRESSED },
} = internalBinding('crypto');
const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_CRYPTO_ECDH_INVALID_FORMAT,
    ERR_CRYPTO_INCOMPATIBLE_KEY,
    ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE,
    ERR_CRYPTO_UNKNOWN_DH_GROUP,
  },
} = require('internal/errors');
const { validateInt32, validateObject, validateString } = require('internal/validators');
const { kHandle, isAnyArrayBuffer, getArrayBufferOrView, toBuf, encodeOutput } = require('internal/crypto/util');
const { KeyObject } = require('internal/crypto/keys');

const DH_GENERATOR = 2;
const dhEnabledKeyTypes = new Set(['dh', 'ec', 'x448', 'x25519']);

const kPrime = 0;
const kGenerator = 1;
const kPublic = 2;
const kPrivate = 3;

function isEncoding(enc) {
  return Buffer.isEncoding(enc);
}

function DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding) {
  if (!new.target) return new DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding);
  if (typeof sizeOrKey !== 'number' && typeof sizeOrKey !== 'string' &&
      !ArrayBuffer.isView(sizeOrKey) && !isAnyArrayBuffer(sizeOrKey)) {
    throw new ERR_INVALID_ARG_TYPE('sizeOrKey', ['number', 'string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'],
                                   sizeOrKey);
  }
  // Negative sizes pass here and are refused by OpenSSL, as in Node.
  if (typeof sizeOrKey === 'number') validateInt32(sizeOrKey, 'sizeOrKey');
  if (keyEncoding && !isEncoding(keyEncoding) && keyEncoding !== 'buffer') {
    genEncoding = generator;
    generator = keyEncoding;
    keyEncoding = false;
  }
  keyEncoding ||= 'buffer';
  genEncoding ||= 'buffer';
  if (typeof sizeOrKey !== 'number') sizeOrKey = toBuf(sizeOrKey, keyEncoding);
  if (!generator) {
    generator = DH_GENERATOR;
  } else if (typeof generator === 'number') {
    validateInt32(generator, 'generator');
  } else if (typeof generator === 'string') {
    generator = toBuf(generator, genEncoding);
  } else if (!ArrayBuffer.isView(generator) && !isAnyArrayBuffer(generator)) {
    throw new ERR_INVALID_ARG_TYPE('generator', ['number', 'string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'],
                                   generator);
  }
  this[kHandle] = new _DiffieHellman();
  this[kHandle].init(sizeOrKey, generator);
  Object.defineProperty(this, 'verifyError', {
    enumerable: true, value: this[kHandle].verifyError, writable: true, configurable: true,
  });
}

function DiffieHellmanGroup(name) {
  if (!new.target) return new DiffieHellmanGroup(name);
  this[kHandle] = new _DiffieHellman();
  if (!this[kHandle].initGroup(name)) throw new ERR_CRYPTO_UNKNOWN_DH_GROUP();
  Object.defineProperty(this, 'verifyError', {
    enumerable: true, value: this[kHandle].verifyError, writable: true, configurable: true,
  });
}

function dhGenerateKeys(encoding) {
  return encodeOutput(this[kHandle].generateKeys(), encoding);
}

function dhComputeSecret(key, inEnc, outEnc) {
  key = getArrayBufferOrView(key, 'key', inEnc);
  return encodeOutput(this[kHandle].computeSecret(key), outEnc);
}

function getter(which) {
  return function(encoding) {
    return encodeOutput(this[kHandle].get(which), encoding);
  };
}

const dhMethods = {
  generateKeys: dhGenerateKeys,
  computeSecret: dhComputeSecret,
  getPrime: getter(kPrime),
  getGenerator: getter(kGenerator),
  getPublicKey: getter(kPublic),
  getPrivateKey: getter(kPrivate),
};

for (const [name, fn] of Object.entries(dhMethods)) {
  Object.defineProperty(fn, 'name', { value: name });
  DiffieHellman.prototype[name] = fn;
  DiffieHellmanGroup.prototype[name] = fn;
}

DiffieHellman.prototype.setPublicKey = function setPublicKey(key, encoding) {
  key = getArrayBufferOrView(key, 'key', encoding);
  this[kHandle].set(kPublic, key);
  return this;
};

DiffieHellman.prototype.setPrivateKey = function setPrivateKey(key, encoding) {
  key = getArrayBufferOrView(key, 'key', encoding);
  this[kHandle].set(kPrivate, key);
  return this;
};

function getFormat(format) {
  if (format) {
    if (format === 'compressed') return POINT_CONVERSION_COMPRESSED;
    if (format === 'hybrid') return POINT_CONVERSION_HYBRID;
    if (format !== 'uncompressed') throw new ERR_CRYPTO_ECDH_INVALID_FORMAT(format);
  }
  return POINT_CONVERSION_UNCOMPRESSED;
}

function ECDH(curve) {
  if (!new.target) return new ECDH(curve);
  validateString(curve, 'curve');
  this[kHandle] = new _ECDH(curve);
}

ECDH.prototype.computeSecret = dhComputeSecret;

ECDH.prototype.setPrivateKey = function setPrivateKey(key, encoding) {
  key = getArrayBufferOrView(key, 'key', encoding);
  this[kHandle].setPrivateKey(key);
  return this;
};

ECDH.prototype.setPublicKey = function setPublicKey(key, encoding) {
  key = getArrayBufferOrView(key, 'key', encoding);
  this[kHandle].setPublicKey(key);
  return this;
};

ECDH.prototype.getPrivateKey = function getPrivateKey(encoding) {
  return encodeOutput(this[kHandle].getPrivateKey(), encoding);
};

ECDH.prototype.generateKeys = function generateKeys(encoding, format) {
  this[kHandle].generateKeys();
  return this.getPublicKey(encoding, format);
};

ECDH.prototype.getPublicKey = function getPublicKey(encoding, format) {
  const f = getFormat(format);
  return encodeOutput(this[kHandle].getPublicKey(f), encoding);
};

ECDH.convertKey = function convertKey(key, curve, inEnc, outEnc, format) {
  validateString(curve, 'curve');
  key = getArrayBufferOrView(key, 'key', inEnc);
  const f = getFormat(format);
  return encodeOutput(ecdhConvertKey(key, curve, f), outEnc);
};

function createDiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding) {
  return new DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding);
}

function createDiffieHellmanGroup(name) {
  return new DiffieHellmanGroup(name);
}

function createECDH(curve) {
  return new ECDH(curve);
}

function diffieHellman(options) {
  validateObject(options, 'options');
  const { privateKey, publicKey } = options;
  if (!(privateKey instanceof KeyObject)) throw new ERR_INVALID_ARG_VALUE('options.privateKey', privateKey);
  if (!(publicKey instanceof KeyObject)) throw new ERR_INVALID_ARG_VALUE('options.publicKey', publicKey);
  if (privateKey.type !== 'private') throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(privateKey.type, 'private');
  if (publicKey.type !== 'public' && publicKey.type !== 'private') {
    throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(publicKey.type, 'private or public');
  }
  const privateType = privateKey.asymmetricKeyType;
  const publicType = publicKey.asymmetricKeyType;
  if (privateType !== publicType || !dhEnabledKeyTypes.has(privateType)) {
    throw new ERR_CRYPTO_INCOMPATIBLE_KEY('key types for Diffie-Hellman', `${privateType} and ${publicType}`);
  }
  return statelessDH(privateKey[kHandle], publicKey[kHandle]);
}

module.exports = {
  DiffieHellman,
  DiffieHellmanGroup,
  ECDH,
  createDiffieHellman,
  createDiffieHellmanGroup,
  createECDH,
  diffieHellman,
};
