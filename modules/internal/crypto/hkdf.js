'use strict';
// hkdf and hkdfSync (RFC 5869 through OpenSSL): the result is an
// ArrayBuffer, as in Node. The callback form runs on the blocking pool.

const { hkdf: _hkdf, digestSize } = internalBinding('crypto');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_CRYPTO_INVALID_DIGEST, ERR_CRYPTO_INVALID_KEYLEN },
} = require('internal/errors');
const { validateFunction, validateInteger, validateString } = require('internal/validators');
const { kMaxLength } = require('buffer');
const { isAnyArrayBuffer, toBuf, runJob } = require('internal/crypto/util');
const { createSecretKey, isKeyObject } = require('internal/crypto/keys');
const { kHandle } = require('internal/crypto/util');

function validateByteSource(val, name) {
  val = toBuf(val);
  if (isAnyArrayBuffer(val) || ArrayBuffer.isView(val)) return val;
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'], val);
}

function prepareKey(key) {
  if (isKeyObject(key)) return key;
  if (isAnyArrayBuffer(key)) return createSecretKey(key);
  key = toBuf(key);
  if (!ArrayBuffer.isView(key)) {
    throw new ERR_INVALID_ARG_TYPE('ikm', ['string', 'SecretKeyObject', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'], key);
  }
  return createSecretKey(key);
}

function validateParameters(hash, key, salt, info, length) {
  validateString(hash, 'digest');
  key = prepareKey(key);
  salt = validateByteSource(salt, 'salt');
  info = validateByteSource(info, 'info');
  validateInteger(length, 'length', 0, kMaxLength);
  if (info.byteLength > 1024) {
    throw new ERR_OUT_OF_RANGE('info', 'must not contain more than 1024 bytes', info.byteLength);
  }
  const size = digestSize(hash);
  if (size < 0) throw new ERR_CRYPTO_INVALID_DIGEST(hash);
  // HKDF-Expand makes at most 255 blocks.
  if (length > size * 255) throw new ERR_CRYPTO_INVALID_KEYLEN();
  return { hash, key, salt, info, length };
}

function hkdf(hash, key, salt, info, length, callback) {
  ({ hash, key, salt, info, length } = validateParameters(hash, key, salt, info, length));
  validateFunction(callback, 'callback');
  runJob((id) => _hkdf(hash, key[kHandle], salt, info, length, id), (err, bits) => {
    if (err) callback(err);
    else callback(null, bits);
  });
}

function hkdfSync(hash, key, salt, info, length) {
  ({ hash, key, salt, info, length } = validateParameters(hash, key, salt, info, length));
  return _hkdf(hash, key[kHandle], salt, info, length, -1);
}

module.exports = { hkdf, hkdfSync, validateByteSource };
