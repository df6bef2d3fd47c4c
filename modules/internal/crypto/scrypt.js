'use strict';
// scrypt and scryptSync (EVP_PBE_scrypt), with Node's option aliases and
// checks; the callback form runs on the core's blocking pool.

const { scrypt: _scrypt, checkScryptParams } = internalBinding('crypto');
const {
  codes: { ERR_CRYPTO_SCRYPT_INVALID_PARAMETER },
} = require('internal/errors');
const { validateFunction, validateInt32, validateInteger, validateUint32 } = require('internal/validators');
const { getArrayBufferOrView, runJob, cryptoError } = require('internal/crypto/util');

const defaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

function getScryptParams(options) {
  let { N, r, p, maxmem } = defaults;
  if (options && options !== defaults) {
    const hasN = options.N !== undefined;
    if (hasN) {
      N = options.N;
      validateUint32(N, 'N');
    }
    if (options.cost !== undefined) {
      if (hasN) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
      N = options.cost;
      validateUint32(N, 'cost');
    }
    const hasR = options.r !== undefined;
    if (hasR) {
      r = options.r;
      validateUint32(r, 'r');
    }
    if (options.blockSize !== undefined) {
      if (hasR) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
      r = options.blockSize;
      validateUint32(r, 'blockSize');
    }
    const hasP = options.p !== undefined;
    if (hasP) {
      p = options.p;
      validateUint32(p, 'p');
    }
    if (options.parallelization !== undefined) {
      if (hasP) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
      p = options.parallelization;
      validateUint32(p, 'parallelization');
    }
    if (options.maxmem !== undefined) {
      maxmem = options.maxmem;
      validateInteger(maxmem, 'maxmem', 0);
    }
    // Zero means "the default" for each of them.
    if (N === 0) N = defaults.N;
    if (r === 0) r = defaults.r;
    if (p === 0) p = defaults.p;
    if (maxmem === 0) maxmem = defaults.maxmem;
  }
  const err = checkScryptParams(N, r, p, maxmem);
  if (err !== undefined) {
    throw cryptoError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS',
                      err === '' ? 'Invalid scrypt params' : `Invalid scrypt params: ${err}`);
  }
  return { N, r, p, maxmem };
}

function check(password, salt, keylen, options) {
  password = getArrayBufferOrView(password, 'password');
  salt = getArrayBufferOrView(salt, 'salt');
  validateInt32(keylen, 'keylen', 0);
  return { password, salt, keylen, ...getScryptParams(options) };
}

function scrypt(password, salt, keylen, options, callback = defaults) {
  if (callback === defaults) {
    callback = options;
    options = defaults;
  }
  const p = check(password, salt, keylen, options);
  validateFunction(callback, 'callback');
  runJob((id) => _scrypt(p.password, p.salt, p.keylen, p.N, p.r, p.p, p.maxmem, id), (err, key) => {
    if (err) callback(err);
    else callback(null, key);
  });
}

function scryptSync(password, salt, keylen, options = defaults) {
  const p = check(password, salt, keylen, options);
  return _scrypt(p.password, p.salt, p.keylen, p.N, p.r, p.p, p.maxmem, -1);
}

module.exports = { scrypt, scryptSync };
