'use strict';
// node:crypto on OpenSSL 3. Hashing, HMAC and random bytes load with the
// module (express, ws and friends use them at start-up); the rest loads on
// first use.

const { binding, getHashes, getCiphers, getCurves, setEngine, secureHeapUsed, cryptoError } = require('internal/crypto/util');
const {
  codes: { ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH, ERR_NOT_IMPLEMENTED },
} = require('internal/errors');
const { defineLazyProperties, deprecate } = require('internal/util');
const { Hash, Hmac, hash } = require('internal/crypto/hash');
const random = require('internal/crypto/random');

function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

function isBufferLike(value) {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer ||
    Object.prototype.toString.call(value) === '[object ArrayBuffer]' ||
    Object.prototype.toString.call(value) === '[object SharedArrayBuffer]';
}

function timingSafeEqual(buf1, buf2) {
  // Node checks these in C++, whose messages say nothing of the value.
  for (const [name, buf] of [['buf1', buf1], ['buf2', buf2]]) {
    if (!isBufferLike(buf)) {
      throw cryptoError(TypeError, 'ERR_INVALID_ARG_TYPE',
                        `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
    }
  }
  if (buf1.byteLength !== buf2.byteLength) throw new ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH();
  return binding.timingSafeEqual(buf1, buf2);
}

function getFips() {
  return binding.getFipsCrypto();
}

function setFips(val) {
  if (val) {
    const err = new Error('Cannot set FIPS mode in a non-FIPS build.');
    err.code = 'ERR_CRYPTO_FIPS_UNAVAILABLE';
    throw err;
  }
}

// Classes this build does not have yet: constructing one says so.
function notImplemented(name) {
  return class {
    constructor() {
      throw new ERR_NOT_IMPLEMENTED(`crypto.${name}`);
    }
  };
}

let constants;
function getConstants() {
  if (constants === undefined) {
    constants = { __proto__: null, ...binding.constants };
    let defaultCipherList = binding.constants.defaultCoreCipherList;
    Object.defineProperty(constants, 'defaultCipherList', {
      get() { return defaultCipherList; },
      set(value) { defaultCipherList = value; },
      enumerable: true,
      configurable: true,
    });
    Object.freeze(constants);
  }
  return constants;
}

module.exports = {
  // Methods
  checkPrime: random.checkPrime,
  checkPrimeSync: random.checkPrimeSync,
  createCipheriv: undefined,
  createDecipheriv: undefined,
  createDiffieHellman: undefined,
  createDiffieHellmanGroup: undefined,
  createECDH: undefined,
  createHash,
  createHmac,
  createPrivateKey: undefined,
  createPublicKey: undefined,
  createSecretKey: undefined,
  createSign: undefined,
  createVerify: undefined,
  diffieHellman: undefined,
  generatePrime: random.generatePrime,
  generatePrimeSync: random.generatePrimeSync,
  getCiphers,
  getCipherInfo: undefined,
  getCurves,
  getDiffieHellman: undefined,
  getHashes,
  hkdf: undefined,
  hkdfSync: undefined,
  pbkdf2: undefined,
  pbkdf2Sync: undefined,
  generateKeyPair: undefined,
  generateKeyPairSync: undefined,
  generateKey: undefined,
  generateKeySync: undefined,
  privateDecrypt: undefined,
  privateEncrypt: undefined,
  publicDecrypt: undefined,
  publicEncrypt: undefined,
  randomBytes: random.randomBytes,
  randomFill: random.randomFill,
  randomFillSync: random.randomFillSync,
  randomInt: random.randomInt,
  randomUUID: random.randomUUID,
  scrypt: undefined,
  scryptSync: undefined,
  sign: undefined,
  setEngine,
  timingSafeEqual,
  getFips,
  setFips,
  verify: undefined,
  hash,

  // Classes
  Certificate: notImplemented('Certificate'),
  Cipher: undefined,
  Cipheriv: undefined,
  Decipher: undefined,
  Decipheriv: undefined,
  DiffieHellman: undefined,
  DiffieHellmanGroup: undefined,
  ECDH: undefined,
  Hash,
  Hmac,
  KeyObject: undefined,
  Sign: undefined,
  Verify: undefined,
  X509Certificate: notImplemented('X509Certificate'),
  secureHeapUsed,
};

// The rest loads when first read: each placeholder above becomes a lazy
// accessor, in place, so the keys keep Node's order.
const order = Object.keys(module.exports);
const lazyMap = new Map([
  ['internal/crypto/cipher', [
    ['createCipheriv', 'createCipheriv'], ['createDecipheriv', 'createDecipheriv'],
    ['getCipherInfo', 'getCipherInfo'], ['privateDecrypt', 'privateDecrypt'],
    ['privateEncrypt', 'privateEncrypt'], ['publicDecrypt', 'publicDecrypt'],
    ['publicEncrypt', 'publicEncrypt'], ['Cipher', 'Cipheriv'], ['Cipheriv', 'Cipheriv'],
    ['Decipher', 'Decipheriv'], ['Decipheriv', 'Decipheriv'],
  ]],
  ['internal/crypto/diffiehellman', [
    ['createDiffieHellman', 'createDiffieHellman'], ['createDiffieHellmanGroup', 'createDiffieHellmanGroup'],
    ['createECDH', 'createECDH'], ['diffieHellman', 'diffieHellman'], ['getDiffieHellman', 'createDiffieHellmanGroup'],
    ['DiffieHellman', 'DiffieHellman'], ['DiffieHellmanGroup', 'DiffieHellmanGroup'], ['ECDH', 'ECDH'],
  ]],
  ['internal/crypto/keys', [
    ['createPrivateKey', 'createPrivateKey'], ['createPublicKey', 'createPublicKey'],
    ['createSecretKey', 'createSecretKey'], ['KeyObject', 'KeyObject'],
  ]],
  ['internal/crypto/sig', [
    ['createSign', 'createSign'], ['createVerify', 'createVerify'], ['sign', 'signOneShot'],
    ['verify', 'verifyOneShot'], ['Sign', 'Sign'], ['Verify', 'Verify'],
  ]],
  ['internal/crypto/hkdf', [['hkdf', 'hkdf'], ['hkdfSync', 'hkdfSync']]],
  ['internal/crypto/pbkdf2', [['pbkdf2', 'pbkdf2'], ['pbkdf2Sync', 'pbkdf2Sync']]],
  ['internal/crypto/scrypt', [['scrypt', 'scrypt'], ['scryptSync', 'scryptSync']]],
  ['internal/crypto/keygen', [
    ['generateKeyPair', 'generateKeyPair'], ['generateKeyPairSync', 'generateKeyPairSync'],
    ['generateKey', 'generateKey'], ['generateKeySync', 'generateKeySync'],
  ]],
]);
const accessors = {};
for (const [id, pairs] of lazyMap) {
  const target = {};
  defineLazyProperties(target, id, [...new Set(pairs.map((p) => p[1]))]);
  for (const [exported, name] of pairs) accessors[exported] = Object.getOwnPropertyDescriptor(target, name);
}
const values = module.exports;
const ordered = {};
for (const key of order) {
  if (accessors[key] !== undefined) Object.defineProperty(ordered, key, accessors[key]);
  else ordered[key] = values[key];
}
module.exports = ordered;

let webcrypto;
function lazyWebCrypto() {
  webcrypto ??= require('internal/crypto/webcrypto');
  return webcrypto;
}

Object.defineProperties(module.exports, {
  constants: {
    configurable: false,
    enumerable: true,
    get: getConstants,
  },
  webcrypto: {
    configurable: false,
    enumerable: true,
    get() { return lazyWebCrypto().crypto; },
    set: undefined,
  },
  subtle: {
    configurable: false,
    enumerable: true,
    get() { return lazyWebCrypto().crypto.subtle; },
    set: undefined,
  },
  getRandomValues: {
    configurable: false,
    enumerable: true,
    get() {
      const { crypto } = lazyWebCrypto();
      return crypto.getRandomValues.bind(crypto);
    },
    set: undefined,
  },
  fips: {
    configurable: true,
    enumerable: false,
    get: deprecate(getFips, 'The crypto.fips is deprecated. Please use crypto.getFips()', 'DEP0093'),
    set: deprecate(setFips, 'The crypto.fips is deprecated. Please use crypto.setFips()', 'DEP0093'),
  },
  prng: {
    enumerable: false,
    configurable: true,
    writable: true,
    value: deprecate(random.randomBytes, 'crypto.prng is deprecated.', 'DEP0115'),
  },
  pseudoRandomBytes: {
    enumerable: false,
    configurable: true,
    writable: true,
    value: deprecate(random.randomBytes, 'crypto.pseudoRandomBytes is deprecated.', 'DEP0115'),
  },
  rng: {
    enumerable: false,
    configurable: true,
    writable: true,
    value: deprecate(random.randomBytes, 'crypto.rng is deprecated.', 'DEP0115'),
  },
});
