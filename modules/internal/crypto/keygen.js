'use strict';
// generateKeyPair(Sync) for rsa, rsa-pss, dsa, ec, ed25519, ed448, x25519,
// x448 and dh, and generateKey(Sync) for hmac and aes. The callback forms
// generate on the core's blocking pool.

const { generateKeyPair: _generateKeyPair, isValidCurve, digestSize } = internalBinding('crypto');
const {
  codes: {
    ERR_INCOMPATIBLE_OPTION_PAIR,
    ERR_INVALID_ARG_VALUE,
    ERR_MISSING_OPTION,
    ERR_CRYPTO_INVALID_CURVE,
    ERR_CRYPTO_UNKNOWN_DH_GROUP,
  },
} = require('internal/errors');
const {
  validateBuffer,
  validateFunction,
  validateInt32,
  validateInteger,
  validateObject,
  validateOneOf,
  validateString,
  validateUint32,
} = require('internal/validators');
const { runJob, cryptoError } = require('internal/crypto/util');
const {
  PublicKeyObject,
  PrivateKeyObject,
  SecretKeyObject,
  parsePublicKeyEncoding,
  parsePrivateKeyEncoding,
} = require('internal/crypto/keys');
const { kEmptyObject, kCustomPromisifyArgsSymbol } = require('internal/util');

const kDhGroups = ['modp1', 'modp2', 'modp5', 'modp14', 'modp15', 'modp16', 'modp17', 'modp18'];

function parseKeyEncoding(keyType, options = kEmptyObject) {
  const { publicKeyEncoding, privateKeyEncoding } = options;
  let pub;
  if (publicKeyEncoding == null) {
    pub = undefined;
  } else if (typeof publicKeyEncoding === 'object') {
    pub = parsePublicKeyEncoding(publicKeyEncoding, keyType, 'publicKeyEncoding');
  } else {
    throw new ERR_INVALID_ARG_VALUE('options.publicKeyEncoding', publicKeyEncoding);
  }
  let priv;
  if (privateKeyEncoding == null) {
    priv = undefined;
  } else if (typeof privateKeyEncoding === 'object') {
    priv = parsePrivateKeyEncoding(privateKeyEncoding, keyType, 'privateKeyEncoding');
  } else {
    throw new ERR_INVALID_ARG_VALUE('options.privateKeyEncoding', privateKeyEncoding);
  }
  return { pub, priv };
}

// The parameters the binding reads, after Node's checks.
function createParams(type, options) {
  validateString(type, 'type');
  const encoding = parseKeyEncoding(type, options);
  if (options !== undefined) validateObject(options, 'options');
  switch (type) {
    case 'rsa':
    case 'rsa-pss': {
      validateObject(options, 'options');
      const { modulusLength } = options;
      validateUint32(modulusLength, 'options.modulusLength');
      let { publicExponent } = options;
      if (publicExponent == null) publicExponent = 0x10001;
      else validateUint32(publicExponent, 'options.publicExponent');
      if (type === 'rsa') return { params: { kind: type, modulusLength, publicExponent }, encoding };
      const { hash, mgf1Hash, hashAlgorithm, mgf1HashAlgorithm, saltLength } = options;
      if (saltLength !== undefined) validateInt32(saltLength, 'options.saltLength', 0);
      if (hashAlgorithm !== undefined) validateString(hashAlgorithm, 'options.hashAlgorithm');
      if (mgf1HashAlgorithm !== undefined) validateString(mgf1HashAlgorithm, 'options.mgf1HashAlgorithm');
      if (hash !== undefined) {
        validateString(hash, 'options.hash');
        if (hashAlgorithm && hash !== hashAlgorithm) throw new ERR_INVALID_ARG_VALUE('options.hash', hash);
      }
      if (mgf1Hash !== undefined) {
        validateString(mgf1Hash, 'options.mgf1Hash');
        if (mgf1HashAlgorithm && mgf1Hash !== mgf1HashAlgorithm) {
          throw new ERR_INVALID_ARG_VALUE('options.mgf1Hash', mgf1Hash);
        }
      }
      const hashName = hashAlgorithm || hash;
      const mgf1Name = mgf1HashAlgorithm || mgf1Hash;
      if (hashName !== undefined && digestSize(hashName) < 0) {
        throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${hashName}`);
      }
      if (mgf1Name !== undefined && digestSize(mgf1Name) < 0) {
        throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid MGF1 digest: ${mgf1Name}`);
      }
      return {
        params: {
          kind: type,
          modulusLength,
          publicExponent,
          hashAlgorithm: hashAlgorithm || hash,
          mgf1HashAlgorithm: mgf1HashAlgorithm || mgf1Hash,
          saltLength,
        },
        encoding,
      };
    }
    case 'dsa': {
      validateObject(options, 'options');
      const { modulusLength } = options;
      validateUint32(modulusLength, 'options.modulusLength');
      let { divisorLength } = options;
      if (divisorLength == null) divisorLength = undefined;
      else validateInt32(divisorLength, 'options.divisorLength', 0);
      return { params: { kind: type, modulusLength, divisorLength }, encoding };
    }
    case 'ec': {
      validateObject(options, 'options');
      const { namedCurve } = options;
      validateString(namedCurve, 'options.namedCurve');
      let { paramEncoding } = options;
      if (paramEncoding == null || paramEncoding === 'named') paramEncoding = 'named';
      else if (paramEncoding !== 'explicit') throw new ERR_INVALID_ARG_VALUE('options.paramEncoding', paramEncoding);
      if (!isValidCurve(namedCurve)) throw new ERR_CRYPTO_INVALID_CURVE();
      return { params: { kind: type, namedCurve, paramEncoding }, encoding };
    }
    case 'ed25519':
    case 'ed448':
    case 'x25519':
    case 'x448':
      return { params: { kind: type }, encoding };
    case 'dh': {
      validateObject(options, 'options');
      const { group, primeLength, prime, generator } = options;
      if (group != null) {
        if (prime != null) throw new ERR_INCOMPATIBLE_OPTION_PAIR('group', 'prime');
        if (primeLength != null) throw new ERR_INCOMPATIBLE_OPTION_PAIR('group', 'primeLength');
        if (generator != null) throw new ERR_INCOMPATIBLE_OPTION_PAIR('group', 'generator');
        validateString(group, 'options.group');
        if (!kDhGroups.includes(group)) throw new ERR_CRYPTO_UNKNOWN_DH_GROUP();
        return { params: { kind: type, groupName: group }, encoding };
      }
      if (prime != null) {
        if (primeLength != null) throw new ERR_INCOMPATIBLE_OPTION_PAIR('prime', 'primeLength');
        validateBuffer(prime, 'options.prime');
      } else if (primeLength != null) {
        validateInt32(primeLength, 'options.primeLength', 0);
      } else {
        throw new ERR_MISSING_OPTION('At least one of the group, prime, or primeLength options');
      }
      if (generator != null) validateInt32(generator, 'options.generator', 0);
      return { params: { kind: type, prime, primeLength, generator: generator ?? 2 }, encoding };
    }
    default:
      break;
  }
  throw new ERR_INVALID_ARG_VALUE('type', type, 'must be a supported key type');
}

// A key object, or its encoding when one was asked for.
function wrapKey(handle, Ctor, enc) {
  if (enc === undefined) return new Ctor(handle);
  if (Ctor === PublicKeyObject) return handle.export(enc.format, enc.type);
  return handle.export(enc.format, enc.type, enc.cipher, enc.passphrase);
}

function finish(pair, encoding) {
  return {
    publicKey: wrapKey(pair[0], PublicKeyObject, encoding.pub),
    privateKey: wrapKey(pair[1], PrivateKeyObject, encoding.priv),
  };
}

function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const { params, encoding } = createParams(type, options);
  runJob((id) => _generateKeyPair(params, id), (err, pair) => {
    if (err) {
      callback(err);
      return;
    }
    let keys;
    try {
      keys = finish(pair, encoding);
    } catch (e) {
      callback(e);
      return;
    }
    callback(null, keys.publicKey, keys.privateKey);
  });
}

// util.promisify(generateKeyPair) resolves to { publicKey, privateKey }.
Object.defineProperty(generateKeyPair, kCustomPromisifyArgsSymbol, {
  value: ['publicKey', 'privateKey'],
  enumerable: false,
});

function generateKeyPairSync(type, options) {
  const { params, encoding } = createParams(type, options);
  return finish(_generateKeyPair(params, -1), encoding);
}

// ---- secret keys ----

function secretKeyLength(type, options) {
  validateString(type, 'type');
  validateObject(options, 'options');
  const { length } = options;
  switch (type) {
    case 'hmac':
      validateInteger(length, 'options.length', 8, 2 ** 31 - 1);
      break;
    case 'aes':
      validateOneOf(length, 'options.length', [128, 192, 256]);
      break;
    default:
      throw new ERR_INVALID_ARG_VALUE('type', type, 'must be a supported key type');
  }
  return length;
}

function makeSecretKey(bytes) {
  const { KeyObjectHandle, kKeyTypeSecret } = internalBinding('crypto');
  const handle = new KeyObjectHandle();
  handle.init(kKeyTypeSecret, bytes);
  bytes.fill(0);
  return new SecretKeyObject(handle);
}

function generateKey(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const length = secretKeyLength(type, options);
  const { randomBytes } = require('internal/crypto/random');
  randomBytes(Math.floor(length / 8), (err, bytes) => {
    if (err) callback(err);
    else callback(null, makeSecretKey(bytes));
  });
}

function generateKeySync(type, options) {
  const length = secretKeyLength(type, options);
  const { randomBytes } = require('internal/crypto/random');
  return makeSecretKey(randomBytes(Math.floor(length / 8)));
}

module.exports = { generateKeyPair, generateKeyPairSync, generateKey, generateKeySync };
