'use strict';
// createCipheriv/createDecipheriv (lazy Transforms over the CipherBase
// handle), getCipherInfo, and the RSA publicEncrypt family.

const {
  CipherBase,
  getCipherInfo: _getCipherInfo,
  rsaCipher,
  constants: { RSA_PKCS1_OAEP_PADDING, RSA_PKCS1_PADDING },
} = internalBinding('crypto');
const {
  codes: {
    ERR_CRYPTO_INVALID_STATE,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_UNKNOWN_ENCODING,
  },
} = require('internal/errors');
const { validateEncoding, validateInt32, validateObject, validateString } = require('internal/validators');
const LazyTransform = require('internal/streams/lazy_transform');
const { kHandle, getArrayBufferOrView, normalizeEncoding, cryptoError } = require('internal/crypto/util');
const { prepareSecretKey, preparePrivateKey, preparePublicOrPrivateKey } = require('internal/crypto/keys');

const kPublicEncrypt = 0;
const kPrivateDecrypt = 1;
const kPrivateEncrypt = 2;
const kPublicDecrypt = 3;

function rsaFunctionFor(op, defaultPadding, keyType) {
  return (options, buffer) => {
    const handle = keyType === 'private' ? preparePrivateKey(options) : preparePublicOrPrivateKey(options);
    const padding = options.padding || defaultPadding;
    const { oaepHash, encoding } = options;
    let { oaepLabel } = options;
    if (oaepHash !== undefined) validateString(oaepHash, 'key.oaepHash');
    if (oaepLabel !== undefined) oaepLabel = getArrayBufferOrView(oaepLabel, 'key.oaepLabel', encoding);
    buffer = getArrayBufferOrView(buffer, 'buffer', encoding);
    return rsaCipher(op, handle, buffer, padding, oaepHash, oaepLabel);
  };
}

const publicEncrypt = rsaFunctionFor(kPublicEncrypt, RSA_PKCS1_OAEP_PADDING, 'public');
const publicDecrypt = rsaFunctionFor(kPublicDecrypt, RSA_PKCS1_PADDING, 'public');
const privateEncrypt = rsaFunctionFor(kPrivateEncrypt, RSA_PKCS1_PADDING, 'private');
const privateDecrypt = rsaFunctionFor(kPrivateDecrypt, RSA_PKCS1_OAEP_PADDING, 'private');

let StringDecoder;
function getDecoder(decoder, encoding) {
  const normalized = normalizeEncoding(encoding);
  StringDecoder ??= require('string_decoder').StringDecoder;
  decoder ||= new StringDecoder(encoding);
  if (decoder.encoding !== normalized) {
    if (normalized === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    // Node asserts here: one cipher keeps one output encoding.
    throw cryptoError(Error, 'ERR_INTERNAL_ASSERTION', 'Cannot change encoding');
  }
  return decoder;
}

function getUIntOption(options, key) {
  let value;
  if (options && (value = options[key]) != null) {
    if (value >>> 0 !== value) throw new ERR_INVALID_ARG_VALUE(`options.${key}`, value);
    return value;
  }
  return -1;
}

function getStringOption(options, key) {
  let value;
  if (options && (value = options[key]) != null) validateString(value, `options.${key}`);
  return value;
}

function createCipherWithIV(cipher, key, options, decipher, iv) {
  validateString(cipher, 'cipher');
  const encoding = getStringOption(options, 'encoding');
  key = prepareSecretKey(key, encoding);
  iv = iv === null ? null : getArrayBufferOrView(iv, 'iv');
  const authTagLength = getUIntOption(options, 'authTagLength');
  this[kHandle] = new CipherBase(!decipher);
  this[kHandle].initiv(cipher, key, iv, authTagLength);
  this._decoder = null;
  Reflect.apply(LazyTransform, this, [options]);
}

function toInput(data, inputEncoding) {
  if (typeof data === 'string') {
    validateEncoding(data, inputEncoding);
    return Buffer.from(data, normalizeEncoding(inputEncoding) ?? 'utf8');
  }
  if (!ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  return data;
}

function update(data, inputEncoding, outputEncoding) {
  const ret = this[kHandle].update(toInput(data, inputEncoding));
  if (outputEncoding && outputEncoding !== 'buffer') {
    this._decoder = getDecoder(this._decoder, outputEncoding);
    return this._decoder.write(ret);
  }
  return ret;
}

function final(outputEncoding) {
  const ret = this[kHandle].final();
  if (outputEncoding && outputEncoding !== 'buffer') {
    this._decoder = getDecoder(this._decoder, outputEncoding);
    return this._decoder.end(ret);
  }
  return ret;
}

function setAutoPadding(ap) {
  if (!this[kHandle].setAutoPadding(!!ap)) throw new ERR_CRYPTO_INVALID_STATE('setAutoPadding');
  return this;
}

function getAuthTag() {
  const ret = this[kHandle].getAuthTag();
  if (ret === undefined) throw new ERR_CRYPTO_INVALID_STATE('getAuthTag');
  return ret;
}

function setAuthTag(tagbuf, encoding) {
  tagbuf = getArrayBufferOrView(tagbuf, 'buffer', encoding);
  if (!this[kHandle].setAuthTag(tagbuf)) throw new ERR_CRYPTO_INVALID_STATE('setAuthTag');
  return this;
}

function setAAD(aadbuf, options) {
  const encoding = getStringOption(options, 'encoding');
  const plaintextLength = getUIntOption(options, 'plaintextLength');
  aadbuf = getArrayBufferOrView(aadbuf, 'aadbuf', encoding);
  if (!this[kHandle].setAAD(aadbuf, plaintextLength)) throw new ERR_CRYPTO_INVALID_STATE('setAAD');
  return this;
}

function _transform(chunk, encoding, callback) {
  this.push(this[kHandle].update(toInput(chunk, encoding)));
  callback();
}

function _flush(callback) {
  try {
    this.push(this.final());
  } catch (err) {
    callback(err);
    return;
  }
  callback();
}

function Cipheriv(cipher, key, iv, options) {
  if (!new.target) return new Cipheriv(cipher, key, iv, options);
  Reflect.apply(createCipherWithIV, this, [cipher, key, options, false, iv]);
}
Object.setPrototypeOf(Cipheriv.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Cipheriv, LazyTransform);
Object.assign(Cipheriv.prototype, { _transform, _flush, update, final, setAutoPadding, getAuthTag, setAAD });

function Decipheriv(cipher, key, iv, options) {
  if (!new.target) return new Decipheriv(cipher, key, iv, options);
  Reflect.apply(createCipherWithIV, this, [cipher, key, options, true, iv]);
}
Object.setPrototypeOf(Decipheriv.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Decipheriv, LazyTransform);
Object.assign(Decipheriv.prototype, { _transform, _flush, update, final, setAutoPadding, setAuthTag, setAAD });

function createCipheriv(cipher, key, iv, options) {
  return new Cipheriv(cipher, key, iv, options);
}

function createDecipheriv(cipher, key, iv, options) {
  return new Decipheriv(cipher, key, iv, options);
}

function getCipherInfo(nameOrNid, options) {
  if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') {
    throw new ERR_INVALID_ARG_TYPE('nameOrNid', ['string', 'number'], nameOrNid);
  }
  if (typeof nameOrNid === 'number') validateInt32(nameOrNid, 'nameOrNid');
  let keyLength;
  let ivLength;
  if (options !== undefined) {
    validateObject(options, 'options');
    ({ keyLength, ivLength } = options);
    if (keyLength !== undefined) validateInt32(keyLength, 'options.keyLength');
    if (ivLength !== undefined) validateInt32(ivLength, 'options.ivLength');
  }
  return _getCipherInfo(nameOrNid, keyLength, ivLength);
}

module.exports = {
  Cipheriv,
  Decipheriv,
  createCipheriv,
  createDecipheriv,
  getCipherInfo,
  publicEncrypt,
  publicDecrypt,
  privateEncrypt,
  privateDecrypt,
};
