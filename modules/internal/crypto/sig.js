'use strict';
// createSign/createVerify (Writable streams over a running digest) and the
// crypto.sign/crypto.verify one-shots (a pool job when given a callback).

const {
  SignBase,
  signOneShot: _signOneShot,
  verifyOneShot: _verifyOneShot,
  kSigEncDER,
  kSigEncP1363,
} = internalBinding('crypto');
const {
  codes: { ERR_CRYPTO_SIGN_KEY_REQUIRED, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const { validateEncoding, validateFunction, validateString } = require('internal/validators');
const { kHandle, getArrayBufferOrView, runJob, cryptoError, normalizeEncoding } = require('internal/crypto/util');
const { preparePrivateKey, preparePublicOrPrivateKey } = require('internal/crypto/keys');

const Writable = require('internal/streams/writable');

function getIntOption(name, options) {
  const value = options[name];
  if (value !== undefined) {
    if (value === value >> 0) return value;
    throw new ERR_INVALID_ARG_VALUE(`options.${name}`, value);
  }
  return undefined;
}

function getPadding(options) {
  return getIntOption('padding', options);
}

function getSaltLength(options) {
  return getIntOption('saltLength', options);
}

function getDSASignatureEncoding(options) {
  if (typeof options === 'object') {
    const { dsaEncoding = 'der' } = options;
    if (dsaEncoding === 'der') return kSigEncDER;
    if (dsaEncoding === 'ieee-p1363') return kSigEncP1363;
    throw new ERR_INVALID_ARG_VALUE('options.dsaEncoding', dsaEncoding);
  }
  return kSigEncDER;
}

function toData(data, encoding) {
  if (typeof data === 'string') {
    validateEncoding(data, encoding);
    return Buffer.from(data, normalizeEncoding(encoding) ?? 'utf8');
  }
  if (!ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  return data;
}

function initStream(self, algorithm, options) {
  validateString(algorithm, 'algorithm');
  self[kHandle] = new SignBase();
  if (!self[kHandle].init(algorithm)) throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest');
  Reflect.apply(Writable, self, [options]);
}

function update(data, encoding) {
  this[kHandle].update(toData(data, encoding));
  return this;
}

function _write(chunk, encoding, callback) {
  this.update(chunk, encoding);
  callback();
}

function Sign(algorithm, options) {
  if (!new.target) return new Sign(algorithm, options);
  initStream(this, algorithm, options);
}
Object.setPrototypeOf(Sign.prototype, Writable.prototype);
Object.setPrototypeOf(Sign, Writable);
Sign.prototype._write = _write;
Sign.prototype.update = update;

Sign.prototype.sign = function sign(options, encoding) {
  if (!options) throw new ERR_CRYPTO_SIGN_KEY_REQUIRED();
  const key = preparePrivateKey(options);
  const padding = getPadding(options);
  const saltLength = getSaltLength(options);
  const dsaEncoding = getDSASignatureEncoding(options);
  const ret = this[kHandle].sign(key, padding, saltLength, dsaEncoding);
  if (encoding && encoding !== 'buffer') return ret.toString(encoding);
  return ret;
};

function Verify(algorithm, options) {
  if (!new.target) return new Verify(algorithm, options);
  initStream(this, algorithm, options);
}
Object.setPrototypeOf(Verify.prototype, Writable.prototype);
Object.setPrototypeOf(Verify, Writable);
Verify.prototype._write = _write;
Verify.prototype.update = update;

Verify.prototype.verify = function verify(options, signature, sigEncoding) {
  const key = preparePublicOrPrivateKey(options);
  const padding = getPadding(options);
  const saltLength = getSaltLength(options);
  const dsaEncoding = getDSASignatureEncoding(options);
  signature = getArrayBufferOrView(signature, 'signature', sigEncoding || 'buffer');
  return this[kHandle].verify(key, signature, padding, saltLength, dsaEncoding);
};

function createSign(algorithm, options) {
  return new Sign(algorithm, options);
}

function createVerify(algorithm, options) {
  return new Verify(algorithm, options);
}

function signOneShot(algorithm, data, key, callback) {
  if (algorithm != null) validateString(algorithm, 'algorithm');
  if (callback !== undefined) validateFunction(callback, 'callback');
  data = getArrayBufferOrView(data, 'data');
  if (!key) throw new ERR_CRYPTO_SIGN_KEY_REQUIRED();
  const padding = getPadding(key);
  const saltLength = getSaltLength(key);
  const dsaEncoding = getDSASignatureEncoding(key);
  const handle = preparePrivateKey(key);
  const digest = algorithm ?? undefined;
  if (callback === undefined) return _signOneShot(handle, digest, data, padding, saltLength, dsaEncoding, -1);
  runJob((id) => _signOneShot(handle, digest, data, padding, saltLength, dsaEncoding, id), (err, sig) => {
    if (err) callback(err);
    else callback(null, sig);
  });
}

function verifyOneShot(algorithm, data, key, signature, callback) {
  if (algorithm != null) validateString(algorithm, 'algorithm');
  if (callback !== undefined) validateFunction(callback, 'callback');
  data = getArrayBufferOrView(data, 'data');
  if (!ArrayBuffer.isView(data)) throw new ERR_INVALID_ARG_TYPE('data', ['Buffer', 'TypedArray', 'DataView'], data);
  const padding = getPadding(key);
  const saltLength = getSaltLength(key);
  const dsaEncoding = getDSASignatureEncoding(key);
  if (!ArrayBuffer.isView(signature)) {
    throw new ERR_INVALID_ARG_TYPE('signature', ['Buffer', 'TypedArray', 'DataView'], signature);
  }
  const handle = preparePublicOrPrivateKey(key);
  const digest = algorithm ?? undefined;
  if (callback === undefined) {
    return _verifyOneShot(handle, digest, data, signature, padding, saltLength, dsaEncoding, -1);
  }
  runJob((id) => _verifyOneShot(handle, digest, data, signature, padding, saltLength, dsaEncoding, id), (err, ok) => {
    if (err) callback(err);
    else callback(null, ok);
  });
}

module.exports = { Sign, Verify, createSign, createVerify, signOneShot, verifyOneShot };
