'use strict';
// createHash, createHmac and crypto.hash. Hash and Hmac are lazy
// Transforms: update()/digest() callers never build stream state.

const { Hash: _Hash, Hmac: _Hmac, oneShotDigest } = internalBinding('crypto');
const {
  codes: {
    ERR_CRYPTO_HASH_FINALIZED,
    ERR_CRYPTO_HASH_UPDATE_FAILED,
    ERR_CRYPTO_INVALID_DIGEST,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
  },
} = require('internal/errors');
const { validateString, validateUint32, validateEncoding } = require('internal/validators');
const LazyTransform = require('internal/streams/lazy_transform');
const { kHandle, kOutBuffer, kOutKinds, normalizeEncoding, cryptoError } = require('internal/crypto/util');

const kState = Symbol('kState');
let prepareSecretKey; // internal/crypto/keys, loaded by the first Hmac
const kFinalized = Symbol('kFinalized');

// What update() hands the binding: strings in UTF-8 or latin1 go as they
// are (the binding encodes them without a Buffer); other encodings become
// a Buffer first. An unknown encoding means UTF-8, as in Node.
function updateWith(handle, data, encoding) {
  if (typeof data !== 'string' || encoding === undefined || encoding === 'utf8' || encoding === 'buffer') {
    return handle.update(data, false);
  }
  const enc = normalizeEncoding(encoding);
  if (enc === 'latin1') return handle.update(data, true);
  if (enc === undefined || enc === 'utf8') return handle.update(data, false);
  return handle.update(Buffer.from(data, enc), false);
}

// digest(enc): hex/base64/base64url/latin1 strings come straight from the
// binding; other known encodings go through a Buffer; anything else gives
// the Buffer.
function digestWith(handle, outputEncoding) {
  if (outputEncoding === undefined || outputEncoding === 'buffer') return handle.digest(kOutBuffer);
  const kind = kOutKinds[outputEncoding];
  if (kind !== undefined) return handle.digest(kind);
  const enc = typeof outputEncoding === 'string' ? normalizeEncoding(outputEncoding) : undefined;
  if (enc !== undefined && kOutKinds[enc] !== undefined) return handle.digest(kOutKinds[enc]);
  const buf = handle.digest(kOutBuffer);
  return enc === undefined ? buf : buf.toString(enc);
}

function Hash(algorithm, options) {
  if (!new.target) return new Hash(algorithm, options);
  const isCopy = algorithm instanceof _Hash;
  if (!isCopy) validateString(algorithm, 'algorithm');
  let xofLen = -1;
  if (options != null && typeof options === 'object' && options.outputLength !== undefined) {
    validateUint32(options.outputLength, 'options.outputLength');
    xofLen = options.outputLength;
  }
  this[kHandle] = new _Hash(algorithm, xofLen);
  this[kState] = { [kFinalized]: false };
  Reflect.apply(LazyTransform, this, [options]);
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);

Hash.prototype.copy = function copy(options) {
  if (this[kState][kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  return new Hash(this[kHandle], options);
};

Hash.prototype._transform = function _transform(chunk, encoding, callback) {
  updateWith(this[kHandle], chunk, encoding);
  callback();
};

Hash.prototype._flush = function _flush(callback) {
  this.push(this[kHandle].digest(kOutBuffer));
  callback();
};

function update(data, encoding) {
  if (this[kState][kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  if (typeof data === 'string') {
    // Only hex has lengths to refuse.
    if (encoding !== undefined && encoding !== 'utf8' && encoding !== 'latin1') validateEncoding(data, encoding);
  } else if (!ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  if (!updateWith(this[kHandle], data, encoding)) throw new ERR_CRYPTO_HASH_UPDATE_FAILED();
  return this;
}
Hash.prototype.update = update;

Hash.prototype.digest = function digest(outputEncoding) {
  const state = this[kState];
  if (state[kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  const ret = digestWith(this[kHandle], outputEncoding);
  state[kFinalized] = true;
  return ret;
};

function Hmac(hmac, key, options) {
  if (!new.target) return new Hmac(hmac, key, options);
  validateString(hmac, 'hmac');
  let encoding;
  if (options != null && typeof options === 'object' && options.encoding !== undefined) {
    validateString(options.encoding, 'options.encoding');
    encoding = options.encoding;
  }
  prepareSecretKey ??= require('internal/crypto/keys').prepareSecretKey;
  key = prepareSecretKey(key, encoding);
  this[kHandle] = new _Hmac();
  if (!this[kHandle].init(hmac, key)) throw new ERR_CRYPTO_INVALID_DIGEST(hmac);
  this[kState] = { [kFinalized]: false };
  Reflect.apply(LazyTransform, this, [options]);
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);

Hmac.prototype.update = update;

Hmac.prototype.digest = function digest(outputEncoding) {
  const state = this[kState];
  if (state[kFinalized]) {
    // A second digest gives nothing, as in Node.
    const buf = Buffer.alloc(0);
    return !outputEncoding || outputEncoding === 'buffer' ? buf : buf.toString(outputEncoding);
  }
  const ret = digestWith(this[kHandle], outputEncoding);
  state[kFinalized] = true;
  return ret;
};

Hmac.prototype._flush = Hash.prototype._flush;
Hmac.prototype._transform = Hash.prototype._transform;

// crypto.hash(algorithm, data, outputEncoding = 'hex')
function hash(algorithm, input, outputEncoding = 'hex') {
  validateString(algorithm, 'algorithm');
  if (typeof input !== 'string' && !ArrayBuffer.isView(input)) {
    throw new ERR_INVALID_ARG_TYPE('input', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
  }
  let kind = 1;
  let enc = 'hex';
  if (outputEncoding !== 'hex') {
    validateString(outputEncoding, 'outputEncoding');
    enc = normalizeEncoding(outputEncoding);
    if (enc === undefined) {
      if (outputEncoding.toLowerCase() !== 'buffer') throw new ERR_INVALID_ARG_VALUE('outputEncoding', outputEncoding);
      enc = 'buffer';
    }
    kind = kOutKinds[enc] ?? kOutBuffer;
  }
  const ret = oneShotDigest(algorithm, input, false, kind, -1);
  if (ret === undefined) throw cryptoError(Error, undefined, `Digest method ${algorithm} is not supported`);
  if (kind === kOutBuffer && enc !== 'buffer') return ret.toString(enc);
  return ret;
}

module.exports = { Hash, Hmac, hash };
