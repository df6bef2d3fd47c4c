'use strict';
// Web Crypto: the global `crypto` (Crypto), crypto.subtle (SubtleCrypto)
// and CryptoKey, over the same OpenSSL handles as node:crypto. Algorithms:
// SHA digests; HMAC; AES-CTR/CBC/GCM/KW; ECDSA and ECDH on P-256/384/521;
// RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP; Ed25519/Ed448, X25519/X448;
// PBKDF2 and HKDF. Key derivation and key-pair generation run on the
// core's blocking pool.

const binding = internalBinding('crypto');
const {
  KeyObjectHandle,
  kKeyTypeSecret,
  kKeyTypePublic,
  kKeyTypePrivate,
  CipherBase,
  oneShotDigest,
  constants: { RSA_PKCS1_PADDING, RSA_PKCS1_PSS_PADDING, RSA_PKCS1_OAEP_PADDING, POINT_CONVERSION_UNCOMPRESSED },
} = binding;
const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_THIS },
} = require('internal/errors');
const { kHandle, kKeyObject, isAnyArrayBuffer, lazyDOMException, jobPromise, cryptoError } = require('internal/crypto/util');
const {
  CryptoKey,
  InternalCryptoKey,
  SecretKeyObject,
  PublicKeyObject,
  PrivateKeyObject,
  isCryptoKey,
  kAlgorithm,
  kExtractable,
  kKeyUsages,
} = require('internal/crypto/keys');
const random = require('internal/crypto/random');

// ---- WebIDL-like argument checks ----

function ordinal(n) {
  return ['1st', '2nd', '3rd'][n - 1] ?? `${n}th`;
}

function requireArgs(method, needed, given) {
  if (given < needed) {
    throw cryptoError(TypeError, 'ERR_MISSING_ARGS',
                      `Failed to execute '${method}' on 'SubtleCrypto': ${needed} argument${needed === 1 ? '' : 's'} ` +
                      `required, but only ${given} present.`);
  }
}

function isBufferSource(value) {
  return ArrayBuffer.isView(value) || isAnyArrayBuffer(value);
}

// A copy of a BufferSource argument, as Web Crypto takes its inputs.
function bufferSource(value, context) {
  if (!isBufferSource(value)) {
    throw cryptoError(TypeError, 'ERR_INVALID_ARG_TYPE',
                      `${context} is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
  }
  // Buffer.from of a Uint8Array copies (Buffer's slice() would not).
  if (ArrayBuffer.isView(value)) return Buffer.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  return Buffer.from(new Uint8Array(value));
}

function argBuffer(method, n, value) {
  return bufferSource(value, `Failed to execute '${method}' on 'SubtleCrypto': ${ordinal(n)} argument`);
}

function checkKey(method, n, key) {
  if (!isCryptoKey(key)) {
    throw cryptoError(TypeError, 'ERR_INVALID_ARG_TYPE',
                      `Failed to execute '${method}' on 'SubtleCrypto': ${ordinal(n)} argument is not of type CryptoKey.`);
  }
}

const kKeyFormats = ['raw', 'pkcs8', 'spki', 'jwk'];
function checkFormat(method, format) {
  format = `${format}`;
  if (!kKeyFormats.includes(format)) {
    throw cryptoError(TypeError, 'ERR_INVALID_ARG_VALUE',
                      `Failed to execute '${method}' on 'SubtleCrypto': 1st argument value '${format}' ` +
                      'is not a valid enum value of type KeyFormat.');
  }
  return format;
}

const kUsages = ['encrypt', 'decrypt', 'sign', 'verify', 'deriveKey', 'deriveBits', 'wrapKey', 'unwrapKey'];
function checkUsages(method, n, usages) {
  if (usages == null || typeof usages[Symbol.iterator] !== 'function' || typeof usages === 'string') {
    throw cryptoError(TypeError, 'ERR_INVALID_ARG_TYPE',
                      `Failed to execute '${method}' on 'SubtleCrypto': ${ordinal(n)} argument can not be converted to sequence.`);
  }
  const out = [];
  for (const u of usages) {
    const s = `${u}`;
    if (!kUsages.includes(s)) {
      throw cryptoError(TypeError, 'ERR_INVALID_ARG_VALUE',
                        `Failed to execute '${method}' on 'SubtleCrypto': ${ordinal(n)} argument value '${s}' ` +
                        'is not a valid enum value of type KeyUsage.');
    }
    out.push(s);
  }
  return out;
}

// ---- algorithm normalization ----

// For each operation, the algorithms it knows and the dictionary type its
// parameters are read as.
const kSupported = {
  digest: { 'SHA-1': null, 'SHA-256': null, 'SHA-384': null, 'SHA-512': null },
  generateKey: {
    'RSASSA-PKCS1-v1_5': 'RsaHashedKeyGenParams', 'RSA-PSS': 'RsaHashedKeyGenParams',
    'RSA-OAEP': 'RsaHashedKeyGenParams', 'ECDSA': 'EcKeyGenParams', 'ECDH': 'EcKeyGenParams',
    'AES-CTR': 'AesKeyGenParams', 'AES-CBC': 'AesKeyGenParams', 'AES-GCM': 'AesKeyGenParams',
    'AES-KW': 'AesKeyGenParams', 'HMAC': 'HmacKeyGenParams',
    'Ed25519': null, 'Ed448': null, 'X25519': null, 'X448': null,
  },
  sign: {
    'RSASSA-PKCS1-v1_5': null, 'RSA-PSS': 'RsaPssParams', 'ECDSA': 'EcdsaParams', 'HMAC': null,
    'Ed25519': null, 'Ed448': 'Ed448Params',
  },
  importKey: {
    'RSASSA-PKCS1-v1_5': 'RsaHashedImportParams', 'RSA-PSS': 'RsaHashedImportParams',
    'RSA-OAEP': 'RsaHashedImportParams', 'ECDSA': 'EcKeyImportParams', 'ECDH': 'EcKeyImportParams',
    'HMAC': 'HmacImportParams', 'HKDF': null, 'PBKDF2': null, 'AES-CTR': null, 'AES-CBC': null,
    'AES-GCM': null, 'AES-KW': null, 'Ed25519': null, 'Ed448': null, 'X25519': null, 'X448': null,
  },
  deriveBits: { 'HKDF': 'HkdfParams', 'PBKDF2': 'Pbkdf2Params', 'ECDH': 'EcdhKeyDeriveParams',
    'X25519': 'EcdhKeyDeriveParams', 'X448': 'EcdhKeyDeriveParams' },
  encrypt: { 'RSA-OAEP': 'RsaOaepParams', 'AES-CBC': 'AesCbcParams', 'AES-GCM': 'AesGcmParams',
    'AES-CTR': 'AesCtrParams' },
  'get key length': { 'AES-CBC': 'AesDerivedKeyParams', 'AES-CTR': 'AesDerivedKeyParams',
    'AES-GCM': 'AesDerivedKeyParams', 'AES-KW': 'AesDerivedKeyParams', 'HMAC': 'HmacImportParams',
    'HKDF': null, 'PBKDF2': null },
  wrapKey: { 'AES-KW': null },
};
kSupported.verify = kSupported.sign;
kSupported.decrypt = kSupported.encrypt;
kSupported.unwrapKey = kSupported.wrapKey;

const kHash = 'hash';
// Dictionary members: [name, kind, required].
const kDictionaries = {
  RsaHashedKeyGenParams: [['modulusLength', 'ulong', true], ['publicExponent', 'bigint', true], ['hash', kHash, true]],
  EcKeyGenParams: [['namedCurve', 'string', true]],
  AesKeyGenParams: [['length', 'ushort', true]],
  HmacKeyGenParams: [['hash', kHash, true], ['length', 'ulong', false]],
  RsaPssParams: [['saltLength', 'ulong', true]],
  EcdsaParams: [['hash', kHash, true]],
  Ed448Params: [['context', 'buffer', false]],
  RsaHashedImportParams: [['hash', kHash, true]],
  EcKeyImportParams: [['namedCurve', 'string', true]],
  HmacImportParams: [['hash', kHash, true], ['length', 'ulong', false]],
  HkdfParams: [['hash', kHash, true], ['salt', 'buffer', true], ['info', 'buffer', true]],
  Pbkdf2Params: [['hash', kHash, true], ['iterations', 'ulong', true], ['salt', 'buffer', true]],
  EcdhKeyDeriveParams: [['public', 'key', true]],
  RsaOaepParams: [['label', 'buffer', false]],
  AesCbcParams: [['iv', 'buffer', true]],
  AesGcmParams: [['iv', 'buffer', true], ['tagLength', 'octet', false], ['additionalData', 'buffer', false]],
  AesCtrParams: [['counter', 'buffer', true], ['length', 'octet', true]],
  AesDerivedKeyParams: [['length', 'ushort', true]],
};

function webidlNumber(value, dict, member, max) {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > max) {
    if (max === 255 || max === 65535) {
      throw cryptoError(TypeError, 'ERR_INVALID_ARG_VALUE',
                        `${dict}.${member} is outside the expected range`);
    }
    return n >>> 0;
  }
  return Math.trunc(n);
}

function normalizeAlgorithm(algorithm, op) {
  if (typeof algorithm === 'string') return normalizeAlgorithm({ name: algorithm }, op);
  if (algorithm === null || (typeof algorithm !== 'object' && typeof algorithm !== 'function')) {
    throw cryptoError(TypeError, 'ERR_INVALID_ARG_TYPE',
                      'Failed to normalize algorithm: algorithm is not an object or a string.');
  }
  const registered = kSupported[op];
  if (algorithm.name === undefined) {
    throw cryptoError(TypeError, 'ERR_MISSING_OPTION',
                      "Failed to normalize algorithm: passed algorithm can not be converted to 'Algorithm' because " +
                      "'name' is required in 'Algorithm'.");
  }
  const wanted = `${algorithm.name}`.toUpperCase();
  let name;
  for (const key of Object.keys(registered)) {
    if (key.toUpperCase() === wanted) {
      name = key;
      break;
    }
  }
  if (name === undefined) throw lazyDOMException('Unrecognized algorithm name', 'NotSupportedError');
  const dict = registered[name];
  const out = { name };
  if (dict === null) return out;
  for (const [member, kind, required] of kDictionaries[dict]) {
    const value = algorithm[member];
    if (value === undefined) {
      if (required) {
        throw cryptoError(TypeError, 'ERR_MISSING_OPTION',
                          `Failed to normalize algorithm: passed algorithm can not be converted to '${dict}' ` +
                          `because '${member}' is required in '${dict}'.`);
      }
      continue;
    }
    switch (kind) {
      case kHash:
        out[member] = normalizeAlgorithm(value, 'digest');
        break;
      case 'string':
        out[member] = `${value}`;
        break;
      case 'ulong':
        out[member] = webidlNumber(value, dict, member, 2 ** 32 - 1);
        break;
      case 'ushort':
        out[member] = webidlNumber(value, dict, member, 65535);
        break;
      case 'octet':
        out[member] = webidlNumber(value, dict, member, 255);
        break;
      case 'bigint':
        if (Object.prototype.toString.call(value) !== '[object Uint8Array]') {
          throw cryptoError(TypeError, 'ERR_INVALID_ARG_TYPE',
                            `Failed to normalize algorithm: ${dict}.${member} is not instance of Uint8Array`);
        }
        out[member] = new Uint8Array(value);
        break;
      case 'buffer':
        out[member] = bufferSource(value, `Failed to normalize algorithm: ${dict}.${member}`);
        break;
      case 'key':
        if (!isCryptoKey(value)) {
          throw cryptoError(TypeError, 'ERR_INVALID_ARG_TYPE',
                            `Failed to normalize algorithm: ${dict}.${member} is not of type CryptoKey.`);
        }
        out[member] = value;
        break;
    }
  }
  return out;
}

// ---- helpers ----

const kHashNames = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const kHashBlockBits = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
const kCurves = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };
const kCurveBits = { 'P-256': 256, 'P-384': 384, 'P-521': 521 };

function toArrayBuffer(buf) {
  if (isAnyArrayBuffer(buf)) return buf;
  const ab = new ArrayBuffer(buf.byteLength);
  new Uint8Array(ab).set(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  return ab;
}

function operationError(message = 'The operation failed for an operation-specific reason', cause) {
  const err = lazyDOMException(message, 'OperationError');
  if (cause !== undefined) Object.defineProperty(err, 'cause', { value: cause, configurable: true, writable: true });
  return err;
}

function checkUsageSet(usages, allowed, what) {
  for (const u of usages) {
    if (!allowed.includes(u)) throw lazyDOMException(`Unsupported key usage for ${what} key`, 'SyntaxError');
  }
}

function makeKey(keyObject, algorithm, usages, extractable) {
  return new InternalCryptoKey(keyObject, algorithm, Array.from(new Set(usages)), extractable);
}

function secretKey(bytes) {
  const handle = new KeyObjectHandle();
  handle.init(kKeyTypeSecret, bytes);
  return new SecretKeyObject(handle);
}

function requireUsage(key, usage, what) {
  if (!key[kKeyUsages].includes(usage)) {
    throw lazyDOMException(`Unable to use this key to ${what}`, 'InvalidAccessError');
  }
}

function requireAlgorithm(key, algorithm) {
  if (key[kAlgorithm].name !== algorithm.name) {
    throw lazyDOMException('The requested operation is not valid for the provided key', 'InvalidAccessError');
  }
}

function b64url(data) {
  return Buffer.from(data).toString('base64url');
}

function fromB64url(str) {
  return Buffer.from(`${str}`, 'base64');
}

// Checks a JWK's shared members against the key being imported.
function checkJwk(jwk, kty, usages, extractable) {
  if (jwk === null || typeof jwk !== 'object') throw lazyDOMException('Invalid keyData', 'DataError');
  if (jwk.kty !== kty) throw lazyDOMException('Invalid JWK "kty" Parameter', 'DataError');
  if (jwk.ext !== undefined && jwk.ext === false && extractable === true) {
    throw lazyDOMException('JWK "ext" Parameter and extractable mismatch', 'DataError');
  }
  if (jwk.key_ops !== undefined) {
    if (!Array.isArray(jwk.key_ops)) throw lazyDOMException('Invalid JWK "key_ops" Parameter', 'DataError');
    for (const u of usages) {
      if (!jwk.key_ops.includes(u)) throw lazyDOMException('Key operations and usage mismatch', 'DataError');
    }
  }
}

function checkJwkUse(jwk, expected) {
  if (jwk.use !== undefined && jwk.use !== expected) {
    throw lazyDOMException('Invalid JWK "use" Parameter', 'DataError');
  }
}

function jwkBase(key) {
  return { key_ops: key.usages, ext: key[kExtractable] };
}

// ---- HMAC ----

function hmacGenerate(algorithm, extractable, usages) {
  checkUsageSet(usages, ['sign', 'verify'], 'an HMAC');
  const length = algorithm.length ?? kHashBlockBits[algorithm.hash.name];
  if (length === 0) throw operationError('Zero-length key is not supported');
  const bytes = random.randomBytes(Math.ceil(length / 8));
  if (usages.length === 0) throw lazyDOMException('Usages cannot be empty when creating a key.', 'SyntaxError');
  return makeKey(secretKey(bytes), { name: 'HMAC', length, hash: algorithm.hash }, usages, extractable);
}

function hmacImport(format, keyData, algorithm, extractable, usages) {
  checkUsageSet(usages, ['sign', 'verify'], 'an HMAC');
  let bytes;
  if (format === 'raw') {
    bytes = keyData;
  } else if (format === 'jwk') {
    checkJwk(keyData, 'oct', usages, extractable);
    checkJwkUse(keyData, 'sig');
    bytes = fromB64url(keyData.k);
    const want = algorithm.hash.name === 'SHA-1' ? 'HS1' : `HS${algorithm.hash.name.slice(4)}`;
    if (keyData.alg !== undefined && keyData.alg !== want) {
      throw lazyDOMException('JWK "alg" does not match the requested algorithm', 'DataError');
    }
  } else {
    throw lazyDOMException(`Unable to import HMAC using ${format} format`, 'NotSupportedError');
  }
  const bits = bytes.byteLength * 8;
  if (bits === 0) throw lazyDOMException('Zero-length key is not supported', 'DataError');
  let length = bits;
  if (algorithm.length !== undefined) {
    if (algorithm.length > bits) throw lazyDOMException('Invalid key length', 'DataError');
    if (algorithm.length <= bits - 8) throw lazyDOMException('Unsupported algorithm.length', 'NotSupportedError');
    length = algorithm.length;
  }
  return makeKey(secretKey(bytes), { name: 'HMAC', hash: algorithm.hash, length }, usages, extractable);
}

// ---- AES ----

const kAesUsages = {
  'AES-CTR': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
  'AES-CBC': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
  'AES-GCM': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
  'AES-KW': ['wrapKey', 'unwrapKey'],
};

function aesGenerate(algorithm, extractable, usages) {
  checkUsageSet(usages, kAesUsages[algorithm.name], 'an AES');
  if (![128, 192, 256].includes(algorithm.length)) {
    throw operationError('AES key length must be 128, 192, or 256 bits');
  }
  if (usages.length === 0) throw lazyDOMException('Usages cannot be empty when creating a key.', 'SyntaxError');
  const bytes = random.randomBytes(algorithm.length / 8);
  return makeKey(secretKey(bytes), { name: algorithm.name, length: algorithm.length }, usages, extractable);
}

function aesJwkAlg(name, bits) {
  const suffix = { 'AES-CTR': 'CTR', 'AES-CBC': 'CBC', 'AES-GCM': 'GCM', 'AES-KW': 'KW' }[name];
  return `A${bits}${suffix}`;
}

function aesImport(format, keyData, algorithm, extractable, usages) {
  checkUsageSet(usages, kAesUsages[algorithm.name], 'an AES');
  let bytes;
  if (format === 'raw') {
    bytes = keyData;
  } else if (format === 'jwk') {
    checkJwk(keyData, 'oct', usages, extractable);
    checkJwkUse(keyData, 'enc');
    bytes = fromB64url(keyData.k);
    if (keyData.alg !== undefined && keyData.alg !== aesJwkAlg(algorithm.name, bytes.byteLength * 8)) {
      throw lazyDOMException('JWK "alg" does not match the requested algorithm', 'DataError');
    }
  } else {
    throw lazyDOMException(`Unable to import AES key with format ${format}`, 'NotSupportedError');
  }
  const bits = bytes.byteLength * 8;
  if (![128, 192, 256].includes(bits)) throw lazyDOMException('Invalid key length', 'DataError');
  return makeKey(secretKey(bytes), { name: algorithm.name, length: bits }, usages, extractable);
}

function runCipher(name, encrypt, keyObject, iv, data, options) {
  const handle = new CipherBase(encrypt);
  handle.initiv(name, keyObject[kHandle], iv, options?.authTagLength ?? -1);
  if (options?.aad !== undefined) handle.setAAD(options.aad, -1);
  if (options?.tag !== undefined) handle.setAuthTag(options.tag);
  if (options?.noPadding) handle.setAutoPadding(false);
  const a = handle.update(data);
  const b = handle.final();
  const out = Buffer.concat([a, b]);
  if (encrypt && options?.authTagLength !== undefined) return Buffer.concat([out, handle.getAuthTag()]);
  return out;
}

const kGcmTagLengths = [32, 64, 96, 104, 112, 120, 128];

function aesCipher(encrypt, algorithm, key, data) {
  const keyObject = key[kKeyObject];
  const bits = key[kAlgorithm].length;
  try {
    switch (algorithm.name) {
      case 'AES-CBC':
        if (algorithm.iv.byteLength !== 16) throw operationError('algorithm.iv must contain exactly 16 bytes');
        return runCipher(`aes-${bits}-cbc`, encrypt, keyObject, algorithm.iv, data);
      case 'AES-CTR': {
        if (algorithm.counter.byteLength !== 16) throw operationError('algorithm.counter must contain exactly 16 bytes');
        if (algorithm.length === 0 || algorithm.length > 128) {
          throw operationError('AES-CTR algorithm.length must be between 1 and 128');
        }
        return aesCtr(bits, encrypt, keyObject, algorithm.counter, algorithm.length, data);
      }
      case 'AES-GCM': {
        const tagLength = algorithm.tagLength ?? 128;
        if (!kGcmTagLengths.includes(tagLength)) throw operationError(`${tagLength} is not a valid AES-GCM tag length`);
        if (algorithm.iv.byteLength === 0) throw operationError('algorithm.iv must contain at least one byte');
        const tagBytes = tagLength / 8;
        const aad = algorithm.additionalData;
        if (encrypt) {
          return runCipher(`aes-${bits}-gcm`, true, keyObject, algorithm.iv, data, { authTagLength: tagBytes, aad });
        }
        if (data.byteLength < tagBytes) throw operationError('The provided data is too small.');
        const tag = data.subarray(data.byteLength - tagBytes);
        const body = data.subarray(0, data.byteLength - tagBytes);
        return runCipher(`aes-${bits}-gcm`, false, keyObject, algorithm.iv, body,
                         { authTagLength: tagBytes, aad, tag });
      }
    }
  } catch (err) {
    if (err?.name === 'OperationError') throw err;
    throw operationError(undefined, err);
  }
  throw lazyDOMException('Unrecognized algorithm name', 'NotSupportedError');
}

// AES-CTR where only the low `length` bits of the counter block count: the
// counter wraps within those bits, so the data is split where they would
// overflow into the bits above (OpenSSL's CTR carries into all 128 bits).
function aesCtr(bits, encrypt, keyObject, counter, length, data) {
  const name = `aes-${bits}-ctr`;
  const low = BigInt(`0x${counter.toString('hex')}`) & ((1n << BigInt(length)) - 1n);
  const blocksLeft = (1n << BigInt(length)) - low;
  const totalBlocks = BigInt(Math.ceil(data.byteLength / 16));
  if (length < 128 && totalBlocks > (1n << BigInt(length))) {
    throw operationError('The counter would be reused');
  }
  if (totalBlocks <= blocksLeft) return runCipher(name, encrypt, keyObject, counter, data);
  const firstBytes = Number(blocksLeft) * 16;
  const first = runCipher(name, encrypt, keyObject, counter, data.subarray(0, firstBytes));
  // The low bits wrap to zero; the high bits stay.
  const high = BigInt(`0x${counter.toString('hex')}`) & ~((1n << BigInt(length)) - 1n) & ((1n << 128n) - 1n);
  const wrapped = Buffer.from(high.toString(16).padStart(32, '0'), 'hex');
  const second = runCipher(name, encrypt, keyObject, wrapped, data.subarray(firstBytes));
  return Buffer.concat([first, second]);
}

const kKwIv = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');

function aesKw(encrypt, key, data) {
  const bits = key[kAlgorithm].length;
  try {
    return runCipher(`id-aes${bits}-wrap`, encrypt, key[kKeyObject], kKwIv, data);
  } catch (err) {
    throw operationError(undefined, err);
  }
}

// ---- EC ----

function namedCurveOf(keyObject) {
  const curve = keyObject.asymmetricKeyDetails.namedCurve;
  for (const [name, ossl] of Object.entries(kCurves)) {
    if (ossl === curve) return name;
  }
  return undefined;
}

function ecUsages(name, type) {
  if (name === 'ECDSA') return type === 'private' ? ['sign'] : ['verify'];
  return type === 'private' ? ['deriveKey', 'deriveBits'] : [];
}

async function ecGenerate(algorithm, extractable, usages) {
  const name = algorithm.name;
  const allowed = name === 'ECDSA' ? ['sign', 'verify'] : ['deriveKey', 'deriveBits'];
  checkUsageSet(usages, allowed, `an ${name}`);
  if (kCurves[algorithm.namedCurve] === undefined) throw lazyDOMException('Unrecognized namedCurve', 'NotSupportedError');
  const pair = await jobPromise((id) => binding.generateKeyPair({ kind: 'ec', namedCurve: algorithm.namedCurve }, id));
  const alg = { name, namedCurve: algorithm.namedCurve };
  return keyPair(pair, alg, usages, extractable, (type) => ecUsages(name, type));
}

function keyPair(pair, algorithm, usages, extractable, usagesFor) {
  const pubUsages = usages.filter((u) => usagesFor('public').includes(u));
  const privUsages = usages.filter((u) => usagesFor('private').includes(u));
  if (privUsages.length === 0) throw lazyDOMException('Usages cannot be empty when creating a key.', 'SyntaxError');
  const publicKey = makeKey(new PublicKeyObject(pair[0]), { ...algorithm }, pubUsages, true);
  const privateKey = makeKey(new PrivateKeyObject(pair[1]), { ...algorithm }, privUsages, extractable);
  return { __proto__: null, publicKey, privateKey };
}

function importAsymmetric(format, keyData) {
  const handle = new KeyObjectHandle();
  try {
    if (format === 'spki') {
      handle.init(kKeyTypePublic, keyData, 'der', 'spki');
      return new PublicKeyObject(handle);
    }
    if (format === 'pkcs8') {
      handle.init(kKeyTypePrivate, keyData, 'der', 'pkcs8');
      return new PrivateKeyObject(handle);
    }
  } catch (err) {
    const e = lazyDOMException('Invalid keyData', 'DataError');
    Object.defineProperty(e, 'cause', { value: err, configurable: true, writable: true });
    throw e;
  }
  return undefined;
}

function ecImport(format, keyData, algorithm, extractable, usages) {
  const name = algorithm.name;
  const curve = algorithm.namedCurve;
  if (kCurves[curve] === undefined) throw lazyDOMException('Unrecognized namedCurve', 'NotSupportedError');
  let keyObject;
  if (format === 'spki' || format === 'pkcs8') {
    keyObject = importAsymmetric(format, keyData);
    if (keyObject.asymmetricKeyType !== 'ec') throw lazyDOMException('Invalid key type', 'DataError');
  } else if (format === 'raw') {
    const handle = new KeyObjectHandle();
    if (!handle.initEc(kKeyTypePublic, curve, keyData)) throw lazyDOMException('Invalid keyData', 'DataError');
    keyObject = new PublicKeyObject(handle);
  } else if (format === 'jwk') {
    checkJwk(keyData, 'EC', usages, extractable);
    if (keyData.crv !== curve) throw lazyDOMException('JWK "crv" does not match the requested algorithm', 'DataError');
    if (name === 'ECDSA') {
      checkJwkUse(keyData, 'sig');
      if (keyData.alg !== undefined) {
        const want = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[curve];
        if (keyData.alg !== want) throw lazyDOMException('JWK "alg" does not match the requested algorithm', 'DataError');
      }
    } else {
      checkJwkUse(keyData, 'enc');
    }
    const isPrivate = keyData.d !== undefined;
    const handle = new KeyObjectHandle();
    const ok = handle.initEc(isPrivate ? kKeyTypePrivate : kKeyTypePublic, curve, fromB64url(keyData.x),
                             fromB64url(keyData.y), isPrivate ? fromB64url(keyData.d) : undefined);
    if (!ok) throw lazyDOMException('Invalid JWK', 'DataError');
    keyObject = isPrivate ? new PrivateKeyObject(handle) : new PublicKeyObject(handle);
  } else {
    throw lazyDOMException(`Unable to import ${name} key with format ${format}`, 'NotSupportedError');
  }
  if (namedCurveOf(keyObject) !== curve) throw lazyDOMException('Named curve mismatch', 'DataError');
  checkUsageSet(usages, ecUsages(name, keyObject.type), `an ${name}`);
  return makeKey(keyObject, { name, namedCurve: curve }, usages, extractable);
}

// ---- RSA ----

const kRsaUsages = {
  'RSASSA-PKCS1-v1_5': { public: ['verify'], private: ['sign'] },
  'RSA-PSS': { public: ['verify'], private: ['sign'] },
  'RSA-OAEP': { public: ['encrypt', 'wrapKey'], private: ['decrypt', 'unwrapKey'] },
};

function bigIntegerToNumber(bytes) {
  let n = 0;
  for (const b of bytes) n = n * 256 + b;
  return n;
}

async function rsaGenerate(algorithm, extractable, usages) {
  const u = kRsaUsages[algorithm.name];
  checkUsageSet(usages, [...u.public, ...u.private], `an ${algorithm.name}`);
  const publicExponent = bigIntegerToNumber(algorithm.publicExponent);
  if (publicExponent !== 3 && publicExponent !== 65537) throw operationError('Bad public exponent');
  const pair = await jobPromise((id) => binding.generateKeyPair({
    kind: 'rsa', modulusLength: algorithm.modulusLength, publicExponent,
  }, id));
  const alg = {
    name: algorithm.name,
    modulusLength: algorithm.modulusLength,
    publicExponent: algorithm.publicExponent,
    hash: algorithm.hash,
  };
  return keyPair(pair, alg, usages, extractable, (type) => u[type]);
}

function rsaJwkAlg(name, hash) {
  const bits = hash.name === 'SHA-1' ? '1' : hash.name.slice(4);
  if (name === 'RSASSA-PKCS1-v1_5') return `RS${bits}`;
  if (name === 'RSA-PSS') return `PS${bits}`;
  return hash.name === 'SHA-1' ? 'RSA-OAEP' : `RSA-OAEP-${bits}`;
}

function rsaImport(format, keyData, algorithm, extractable, usages) {
  let keyObject;
  if (format === 'spki' || format === 'pkcs8') {
    keyObject = importAsymmetric(format, keyData);
  } else if (format === 'jwk') {
    checkJwk(keyData, 'RSA', usages, extractable);
    checkJwkUse(keyData, algorithm.name === 'RSA-OAEP' ? 'enc' : 'sig');
    if (keyData.alg !== undefined && keyData.alg !== rsaJwkAlg(algorithm.name, algorithm.hash)) {
      throw lazyDOMException('JWK "alg" does not match the requested algorithm', 'DataError');
    }
    const isPrivate = keyData.d !== undefined;
    const handle = new KeyObjectHandle();
    const parts = [fromB64url(keyData.n), fromB64url(keyData.e)];
    if (isPrivate) {
      for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) parts.push(fromB64url(keyData[m]));
    }
    if (!handle.initRsa(isPrivate ? kKeyTypePrivate : kKeyTypePublic, ...parts)) {
      throw lazyDOMException('Invalid JWK', 'DataError');
    }
    keyObject = isPrivate ? new PrivateKeyObject(handle) : new PublicKeyObject(handle);
  } else {
    throw lazyDOMException(`Unable to import ${algorithm.name} key with format ${format}`, 'NotSupportedError');
  }
  if (keyObject.asymmetricKeyType !== 'rsa') throw lazyDOMException('Invalid key type', 'DataError');
  checkUsageSet(usages, kRsaUsages[algorithm.name][keyObject.type], `an ${algorithm.name}`);
  const { modulusLength, publicExponent } = keyObject.asymmetricKeyDetails;
  let hex = publicExponent.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return makeKey(keyObject, {
    name: algorithm.name,
    modulusLength,
    publicExponent: new Uint8Array(Buffer.from(hex, 'hex')),
    hash: algorithm.hash,
  }, usages, extractable);
}

// ---- Ed25519, Ed448, X25519, X448 ----

function cfrgUsages(name, type) {
  if (name.startsWith('Ed')) return type === 'private' ? ['sign'] : ['verify'];
  return type === 'private' ? ['deriveKey', 'deriveBits'] : [];
}

async function cfrgGenerate(algorithm, extractable, usages) {
  const name = algorithm.name;
  const allowed = name.startsWith('Ed') ? ['sign', 'verify'] : ['deriveKey', 'deriveBits'];
  checkUsageSet(usages, allowed, `an ${name}`);
  const pair = await jobPromise((id) => binding.generateKeyPair({ kind: name.toLowerCase() }, id));
  return keyPair(pair, { name }, usages, extractable, (type) => cfrgUsages(name, type));
}

function cfrgImport(format, keyData, algorithm, extractable, usages) {
  const name = algorithm.name;
  let keyObject;
  if (format === 'spki' || format === 'pkcs8') {
    keyObject = importAsymmetric(format, keyData);
  } else if (format === 'raw') {
    const handle = new KeyObjectHandle();
    if (!handle.initOkp(kKeyTypePublic, name, keyData)) throw lazyDOMException('Invalid keyData', 'DataError');
    keyObject = new PublicKeyObject(handle);
  } else if (format === 'jwk') {
    checkJwk(keyData, 'OKP', usages, extractable);
    if (keyData.crv !== name) throw lazyDOMException('JWK "crv" Parameter and algorithm name mismatch', 'DataError');
    const isPrivate = keyData.d !== undefined;
    const handle = new KeyObjectHandle();
    if (!handle.initOkp(isPrivate ? kKeyTypePrivate : kKeyTypePublic, name,
                        fromB64url(isPrivate ? keyData.d : keyData.x))) {
      throw lazyDOMException('Invalid JWK', 'DataError');
    }
    keyObject = isPrivate ? new PrivateKeyObject(handle) : new PublicKeyObject(handle);
  } else {
    throw lazyDOMException(`Unable to import ${name} key with format ${format}`, 'NotSupportedError');
  }
  if (keyObject.asymmetricKeyType !== name.toLowerCase()) throw lazyDOMException('Invalid key type', 'DataError');
  checkUsageSet(usages, cfrgUsages(name, keyObject.type), `an ${name}`);
  return makeKey(keyObject, { name }, usages, extractable);
}

// ---- PBKDF2, HKDF ----

function kdfImport(format, keyData, algorithm, extractable, usages) {
  const name = algorithm.name;
  if (format !== 'raw') throw lazyDOMException(`Unable to import ${name} key with format ${format}`, 'NotSupportedError');
  checkUsageSet(usages, ['deriveKey', 'deriveBits'], name === 'PBKDF2' ? 'a PBKDF2' : 'a HKDF');
  if (extractable) throw lazyDOMException(`${name} keys are not extractable`, 'SyntaxError');
  return makeKey(secretKey(keyData), { name }, usages, false);
}

async function deriveBitsFor(algorithm, key, length) {
  switch (algorithm.name) {
    case 'PBKDF2': {
      if (length === null || length % 8) throw operationError('length must be a multiple of 8');
      if (algorithm.iterations === 0) throw operationError('iterations cannot be zero');
      const hash = kHashNames[algorithm.hash.name];
      const buf = await jobPromise((id) => binding.pbkdf2(key[kKeyObject][kHandle], algorithm.salt,
                                                          algorithm.iterations, length / 8, hash, id));
      return toArrayBuffer(buf);
    }
    case 'HKDF': {
      if (length === null || length % 8) throw operationError('length must be a multiple of 8');
      const hash = kHashNames[algorithm.hash.name];
      if (length === 0) return new ArrayBuffer(0);
      try {
        return await jobPromise((id) => binding.hkdf(hash, key[kKeyObject][kHandle], algorithm.salt, algorithm.info,
                                                     length / 8, id));
      } catch (err) {
        throw operationError(undefined, err);
      }
    }
    default: {
      // ECDH, X25519, X448
      const pub = algorithm.public;
      if (pub.type !== 'public') throw lazyDOMException('algorithm.public must be a public key', 'InvalidAccessError');
      if (pub[kAlgorithm].name !== key[kAlgorithm].name) {
        throw lazyDOMException('The public and private keys must be of the same type', 'InvalidAccessError');
      }
      if (algorithm.name === 'ECDH' && pub[kAlgorithm].namedCurve !== key[kAlgorithm].namedCurve) {
        throw lazyDOMException('Named curve mismatch', 'InvalidAccessError');
      }
      let secret;
      try {
        secret = binding.statelessDH(key[kKeyObject][kHandle], pub[kKeyObject][kHandle]);
      } catch (err) {
        throw operationError(undefined, err);
      }
      if (length === null) return toArrayBuffer(secret);
      if (secret.byteLength * 8 < length) throw operationError('derived bit length is too small');
      const out = Buffer.from(secret.subarray(0, Math.ceil(length / 8)));
      if (length % 8) out[out.length - 1] &= (0xff << (8 - (length % 8))) & 0xff;
      return toArrayBuffer(out);
    }
  }
}

// ---- dispatch tables ----

function importFor(name) {
  switch (name) {
    case 'HMAC': return hmacImport;
    case 'AES-CTR': case 'AES-CBC': case 'AES-GCM': case 'AES-KW': return aesImport;
    case 'ECDSA': case 'ECDH': return ecImport;
    case 'RSASSA-PKCS1-v1_5': case 'RSA-PSS': case 'RSA-OAEP': return rsaImport;
    case 'Ed25519': case 'Ed448': case 'X25519': case 'X448': return cfrgImport;
    case 'PBKDF2': case 'HKDF': return kdfImport;
  }
  throw lazyDOMException('Unrecognized algorithm name', 'NotSupportedError');
}

function getKeyLength(algorithm) {
  switch (algorithm.name) {
    case 'AES-CTR': case 'AES-CBC': case 'AES-GCM': case 'AES-KW':
      if (![128, 192, 256].includes(algorithm.length)) {
        throw operationError('AES key length must be 128, 192, or 256 bits');
      }
      return algorithm.length;
    case 'HMAC':
      if (algorithm.length === undefined) return kHashBlockBits[algorithm.hash.name];
      if (algorithm.length === 0) throw lazyDOMException('Invalid key length', 'TypeError');
      return algorithm.length;
    default:
      return null;
  }
}

async function exportKeyFor(format, key) {
  const keyObject = key[kKeyObject];
  const name = key[kAlgorithm].name;
  if (name === 'PBKDF2' || name === 'HKDF') {
    throw lazyDOMException(`${name} key export is not supported`, 'NotSupportedError');
  }
  if (!key[kExtractable]) throw lazyDOMException('key is not extractable', 'InvalidAccessException');
  switch (format) {
    case 'raw':
      if (keyObject.type === 'secret') return toArrayBuffer(keyObject.export());
      if (keyObject.type === 'public' && (name === 'ECDSA' || name === 'ECDH')) {
        return toArrayBuffer(keyObject[kHandle].exportRaw(POINT_CONVERSION_UNCOMPRESSED));
      }
      if (keyObject.type === 'public' && /^(Ed|X)(25519|448)$/.test(name)) {
        return toArrayBuffer(keyObject[kHandle].exportRaw(0, false));
      }
      break;
    case 'spki':
      if (keyObject.type === 'public') return toArrayBuffer(keyObject.export({ format: 'der', type: 'spki' }));
      break;
    case 'pkcs8':
      if (keyObject.type === 'private') return toArrayBuffer(keyObject.export({ format: 'der', type: 'pkcs8' }));
      break;
    case 'jwk': {
      const jwk = jwkBase(key);
      const alg = key[kAlgorithm];
      if (keyObject.type === 'secret') {
        const raw = keyObject.export();
        if (name === 'HMAC') jwk.alg = alg.hash.name === 'SHA-1' ? 'HS1' : `HS${alg.hash.name.slice(4)}`;
        else jwk.alg = aesJwkAlg(name, raw.byteLength * 8);
        jwk.kty = 'oct';
        jwk.k = b64url(raw);
        return jwk;
      }
      if (name.startsWith('RSA')) jwk.alg = rsaJwkAlg(name, alg.hash);
      if (name === 'Ed25519' || name === 'Ed448') jwk.alg = name;
      return Object.assign(jwk, keyObject[kHandle].exportJwk({}));
    }
  }
  throw lazyDOMException(`Unable to export a ${name} ${keyObject.type} key using ${format} format`,
                         'InvalidAccessError');
}

// ---- SubtleCrypto ----

const kDigestOnPool = 64 * 1024;
const kSign = 0;
const kVerify = 1;

async function signVerify(mode, algorithm, key, data, signature) {
  const usage = mode === kSign ? 'sign' : 'verify';
  requireUsage(key, usage, usage);
  requireAlgorithm(key, algorithm);
  const alg = key[kAlgorithm];
  const handle = key[kKeyObject][kHandle];
  switch (algorithm.name) {
    case 'HMAC': {
      const { Hmac } = require('internal/crypto/hash');
      const mac = new Hmac(kHashNames[alg.hash.name], key[kKeyObject]).update(data).digest();
      if (mode === kSign) return toArrayBuffer(mac);
      return signature.byteLength === mac.byteLength && binding.timingSafeEqual(mac, signature);
    }
    case 'ECDSA':
    case 'RSASSA-PKCS1-v1_5':
    case 'RSA-PSS':
    case 'Ed25519':
    case 'Ed448': {
      let digest;
      let padding;
      let saltLength;
      let dsaEncoding = binding.kSigEncDER;
      if (algorithm.name === 'ECDSA') {
        digest = kHashNames[algorithm.hash.name];
        dsaEncoding = binding.kSigEncP1363;
      } else if (algorithm.name === 'RSASSA-PKCS1-v1_5') {
        digest = kHashNames[alg.hash.name];
        padding = RSA_PKCS1_PADDING;
      } else if (algorithm.name === 'RSA-PSS') {
        digest = kHashNames[alg.hash.name];
        padding = RSA_PKCS1_PSS_PADDING;
        saltLength = algorithm.saltLength;
      }
      if (mode === kSign) {
        const sig = await jobPromise((id) => binding.signOneShot(handle, digest, data, padding, saltLength,
                                                                 dsaEncoding, id));
        return toArrayBuffer(sig);
      }
      return jobPromise((id) => binding.verifyOneShot(handle, digest, data, signature, padding, saltLength,
                                                      dsaEncoding, id));
    }
  }
  throw lazyDOMException('Unrecognized algorithm name', 'NotSupportedError');
}

async function cipherOp(encrypt, algorithm, key, data) {
  const usage = encrypt ? 'encrypt' : 'decrypt';
  requireUsage(key, usage, `${usage} data`);
  requireAlgorithm(key, algorithm);
  if (algorithm.name === 'RSA-OAEP') {
    const alg = key[kAlgorithm];
    try {
      const out = binding.rsaCipher(encrypt ? 0 : 1, key[kKeyObject][kHandle], data, RSA_PKCS1_OAEP_PADDING,
                                    kHashNames[alg.hash.name], algorithm.label);
      return toArrayBuffer(out);
    } catch (err) {
      throw operationError(undefined, err);
    }
  }
  return toArrayBuffer(aesCipher(encrypt, algorithm, key, data));
}

class SubtleCrypto {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  async digest(algorithm, data) {
    checkThis(this, SubtleCrypto, 'SubtleCrypto');
    requireArgs('digest', 2, arguments.length);
    algorithm = normalizeAlgorithm(algorithm, 'digest');
    data = argBuffer('digest', 2, data);
    // Large inputs hash on the pool, small ones at once.
    if (data.byteLength >= kDigestOnPool) {
      return jobPromise((id) => binding.digestJob(kHashNames[algorithm.name], data, id));
    }
    return toArrayBuffer(oneShotDigest(kHashNames[algorithm.name], data, false, 0, -1));
  }

  async generateKey(algorithm, extractable, keyUsages) {
    checkThis(this, SubtleCrypto, 'SubtleCrypto');
    requireArgs('generateKey', 3, arguments.length);
    algorithm = normalizeAlgorithm(algorithm, 'generateKey');
    extractable = !!extractable;
    const usages = checkUsages('generateKey', 3, keyUsages);
    let result;
    switch (algorithm.name) {
      case 'HMAC':
        result = hmacGenerate(algorithm, extractable, usages);
        break;
      case 'AES-CTR': case 'AES-CBC': case 'AES-GCM': case 'AES-KW':
        result = aesGenerate(algorithm, extractable, usages);
        break;
      case 'ECDSA': case 'ECDH':
        result = await ecGenerate(algorithm, extractable, usages);
        break;
      case 'RSASSA-PKCS1-v1_5': case 'RSA-PSS': case 'RSA-OAEP':
        result = await rsaGenerate(algorithm, extractable, usages);
        break;
      default:
        result = await cfrgGenerate(algorithm, extractable, usages);
        break;
    }
    return result;
  }

  async importKey(format, keyData, algorithm, extractable, keyUsages) {
    checkThis(this, SubtleCrypto, 'SubtleCrypto');
    requireArgs('importKey', 5, arguments.length);
    format = checkFormat('importKey', format);
    if (format !== 'jwk') {
      keyData = argBuffer('importKey', 2, keyData);
    } else if (keyData === null || typeof keyData !== 'object') {
      throw cryptoError(TypeError, 'ERR_INVALID_ARG_TYPE',
                        "Failed to execute 'importKey' on 'SubtleCrypto': 2nd argument is not of type JsonWebKey.");
    }
    algorithm = normalizeAlgorithm(algorithm, 'importKey');
    const usages = checkUsages('importKey', 5, keyUsages);
    const key = importFor(algorithm.name)(format, keyData, algorithm, !!extractable, usages);
    if ((key.type === 'secret' || key.type === 'private') && usages.length === 0) {
      throw lazyDOMException(`Usages cannot be empty when importing a ${key.type} key.`, 'SyntaxError');
    }
    return key;
  }

  async exportKey(format, key) {
    checkThis(this, SubtleCrypto, 'SubtleCrypto');
    requireArgs('exportKey', 2, arguments.length);
    format = checkFormat('exportKey', format);
    checkKey('exportKey', 2, key);
    return exportKeyFor(format, key);
  }

  async sign(algorithm, key, data) {
    checkThis(this, SubtleCrypto, 'SubtleCrypto');
    requireArgs('sign', 3, arguments.length);
    algorithm = normalizeAlgorithm(algorithm, 'sign');
    checkKey('sign', 2, key);
    data = argBuffer('sign', 3, data);
    return signVerify(kSign, algorithm, key, data);
  }

  async verify(algorithm, key, signature, data) {
    checkThis(this, SubtleCrypto, 'SubtleCrypto');
    requireArgs('verify', 4, arguments.length);
    algorithm = normalizeAlgorithm(algorithm, 'verify');
    checkKey('verify', 2, key);
    signature = argBuffer('verify', 3, signature);
    data = argBuffer('verify', 4, data);
    return signVerify(kVerify, algorithm, key, data, signature);
  }

  async encrypt(algorithm, key, data) {
    checkThis(this, SubtleCrypto, 'SubtleCrypto');
    requireArgs('encrypt', 3, arguments.length);
    algorithm = normalizeAlgorithm(algorithm, 'encrypt');
    checkKey('encrypt', 2, key);
    data = argBuffer('encrypt', 3, data);
    return cipherOp(true, algorithm, key, data);
  }

  async decrypt(algorithm, key, data) {
    checkThis(this, SubtleCrypto, 'SubtleCrypto');
    requireArgs('decrypt', 3, arguments.length);
    algorithm = normalizeAlgorithm(algorithm, 'decrypt');
    checkKey('decrypt', 2, key);
    data = argBuffer('decrypt', 3, data);
    return cipherOp(false, algorithm, key, data);
  }

  async deriveBits(algorithm, baseKey, length = null) {
    checkThis(this, SubtleCrypto, 'SubtleCrypto');
    requireArgs('deriveBits', 2, arguments.length);
    algorithm = normalizeAlgorithm(algorithm, 'deriveBits');
    checkKey('deriveBits', 2, baseKey);
    if (length !== null) length = webidlNumber(length, 'deriveBits', 'length', 2 ** 32 - 1);
    requireAlgorithm(baseKey, algorithm);
    requireUsage(baseKey, 'deriveBits', 'derive bits');
    return deriveBitsFor(algorithm, baseKey, length);
  }

  async deriveKey(algorithm, baseKey, derivedKeyAlgorithm, extractable, keyUsages) {
    checkThis(this, SubtleCrypto, 'SubtleCrypto');
    requireArgs('deriveKey', 5, arguments.length);
    algorithm = normalizeAlgorithm(algorithm, 'deriveBits');
    checkKey('deriveKey', 2, baseKey);
    const derivedAlgorithm = normalizeAlgorithm(derivedKeyAlgorithm, 'importKey');
    const lengthAlgorithm = normalizeAlgorithm(derivedKeyAlgorithm, 'get key length');
    const usages = checkUsages('deriveKey', 5, keyUsages);
    requireAlgorithm(baseKey, algorithm);
    requireUsage(baseKey, 'deriveKey', 'derive key');
    const length = getKeyLength(lengthAlgorithm);
    const bits = await deriveBitsFor(algorithm, baseKey, length);
    return importFor(derivedAlgorithm.name)('raw', Buffer.from(bits), derivedAlgorithm, !!extractable, usages);
  }

  async wrapKey(format, key, wrappingKey, wrapAlgorithm) {
    checkThis(this, SubtleCrypto, 'SubtleCrypto');
    requireArgs('wrapKey', 4, arguments.length);
    format = checkFormat('wrapKey', format);
    checkKey('wrapKey', 2, key);
    checkKey('wrapKey', 3, wrappingKey);
    let algorithm;
    try {
      algorithm = normalizeAlgorithm(wrapAlgorithm, 'wrapKey');
    } catch {
      algorithm = normalizeAlgorithm(wrapAlgorithm, 'encrypt');
    }
    requireAlgorithm(wrappingKey, algorithm);
    requireUsage(wrappingKey, 'wrapKey', 'wrap key');
    let exported = await exportKeyFor(format, key);
    if (format === 'jwk') exported = Buffer.from(JSON.stringify(exported));
    else exported = Buffer.from(exported);
    if (algorithm.name === 'AES-KW') return toArrayBuffer(aesKw(true, wrappingKey, exported));
    return cipherOp(true, algorithm, wrappingKey, exported);
  }

  async unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
    checkThis(this, SubtleCrypto, 'SubtleCrypto');
    requireArgs('unwrapKey', 7, arguments.length);
    format = checkFormat('unwrapKey', format);
    wrappedKey = argBuffer('unwrapKey', 2, wrappedKey);
    checkKey('unwrapKey', 3, unwrappingKey);
    let algorithm;
    try {
      algorithm = normalizeAlgorithm(unwrapAlgorithm, 'unwrapKey');
    } catch {
      algorithm = normalizeAlgorithm(unwrapAlgorithm, 'decrypt');
    }
    const keyAlgorithm = normalizeAlgorithm(unwrappedKeyAlgorithm, 'importKey');
    const usages = checkUsages('unwrapKey', 7, keyUsages);
    requireAlgorithm(unwrappingKey, algorithm);
    requireUsage(unwrappingKey, 'unwrapKey', 'unwrap key');
    let bytes;
    if (algorithm.name === 'AES-KW') bytes = aesKw(false, unwrappingKey, wrappedKey);
    else bytes = Buffer.from(await cipherOp(false, algorithm, unwrappingKey, wrappedKey));
    let keyData = bytes;
    if (format === 'jwk') {
      try {
        keyData = JSON.parse(bytes.toString());
      } catch (err) {
        throw lazyDOMException('Invalid wrapped JWK key', 'DataError');
      }
    }
    return importFor(keyAlgorithm.name)(format, keyData, keyAlgorithm, !!extractable, usages);
  }
}
Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });

function checkThis(self, Ctor, name) {
  if (!(self instanceof Ctor)) throw new ERR_INVALID_THIS(name);
}

// ---- Crypto ----

let subtleInstance;

class Crypto {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get subtle() {
    checkThis(this, Crypto, 'Crypto');
    return subtleInstance;
  }

  getRandomValues(array) {
    checkThis(this, Crypto, 'Crypto');
    return Reflect.apply(random.getRandomValues, this, arguments);
  }

  randomUUID() {
    checkThis(this, Crypto, 'Crypto');
    return random.randomUUID();
  }
}
Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });
Object.defineProperty(Crypto.prototype, 'subtle', { enumerable: true });

subtleInstance = Object.create(SubtleCrypto.prototype);
const crypto = Object.create(Crypto.prototype);

// KeyObject.prototype.toCryptoKey
function keyObjectToCryptoKey(keyObject, algorithm, extractable, keyUsages) {
  const usages = checkUsages('toCryptoKey', 3, keyUsages);
  algorithm = normalizeAlgorithm(algorithm, 'importKey');
  let format;
  let data;
  if (keyObject.type === 'secret') {
    format = 'raw';
    data = keyObject.export();
  } else if (keyObject.type === 'public') {
    format = 'spki';
    data = keyObject.export({ format: 'der', type: 'spki' });
  } else {
    format = 'pkcs8';
    data = keyObject.export({ format: 'der', type: 'pkcs8' });
  }
  return importFor(algorithm.name)(format, data, algorithm, !!extractable, usages);
}

module.exports = {
  Crypto,
  CryptoKey,
  SubtleCrypto,
  crypto,
  keyObjectToCryptoKey,
  normalizeAlgorithm,
};
