'use strict';
// pbkdf2 and pbkdf2Sync (PKCS5_PBKDF2_HMAC); the callback form runs on the
// core's blocking pool.

const { pbkdf2: _pbkdf2, digestSize } = internalBinding('crypto');
const { codes: { ERR_CRYPTO_INVALID_DIGEST } } = require('internal/errors');
const { validateFunction, validateInt32, validateString } = require('internal/validators');
const { getArrayBufferOrView, runJob } = require('internal/crypto/util');

function check(password, salt, iterations, keylen, digest) {
  validateString(digest, 'digest');
  password = getArrayBufferOrView(password, 'password');
  salt = getArrayBufferOrView(salt, 'salt');
  // OpenSSL takes these as signed ints.
  validateInt32(iterations, 'iterations', 1);
  validateInt32(keylen, 'keylen', 0);
  if (digestSize(digest) < 0) throw new ERR_CRYPTO_INVALID_DIGEST(digest);
  return { password, salt, iterations, keylen, digest };
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  ({ password, salt, iterations, keylen, digest } = check(password, salt, iterations, keylen, digest));
  validateFunction(callback, 'callback');
  runJob((id) => _pbkdf2(password, salt, iterations, keylen, digest, id), (err, key) => {
    if (err) callback(err);
    else callback(null, key);
  });
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  ({ password, salt, iterations, keylen, digest } = check(password, salt, iterations, keylen, digest));
  return _pbkdf2(password, salt, iterations, keylen, digest, -1);
}

module.exports = { pbkdf2, pbkdf2Sync };
