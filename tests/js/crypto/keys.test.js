'use strict';
// KeyObject: createSecretKey/PublicKey/PrivateKey from PEM, DER and JWK,
// export in every format, details, equals, encrypted keys, and errors.
const { test } = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');
const keys = require('../../fixtures/crypto/keys.json');

test('secret keys', () => {
  const k = crypto.createSecretKey(Buffer.from('secret'));
  assert.strictEqual(k.type, 'secret');
  assert.strictEqual(k.symmetricKeySize, 6);
  assert.strictEqual(k.asymmetricKeyType, undefined);
  assert.deepStrictEqual(k.export(), Buffer.from('secret'));
  assert.deepStrictEqual(k.export({ format: 'jwk' }), { kty: 'oct', k: 'c2VjcmV0' });
  assert.ok(k.equals(crypto.createSecretKey('736563726574', 'hex')));
  assert.ok(!k.equals(crypto.createSecretKey(Buffer.from('secreT'))));
  assert.ok(k instanceof crypto.KeyObject);
  assert.ok(require('node:util').types.isKeyObject(k));
  assert.strictEqual(crypto.createSecretKey(new ArrayBuffer(3)).symmetricKeySize, 3);
  assert.throws(() => crypto.createSecretKey(1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => k.export({ format: 'pem' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => new crypto.KeyObject('secret', {}), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('PEM in, every format out, same key back', () => {
  const priv = crypto.createPrivateKey(keys.rsa.private);
  const pub = crypto.createPublicKey(keys.rsa.public);
  assert.strictEqual(priv.type, 'private');
  assert.strictEqual(pub.type, 'public');
  assert.strictEqual(priv.asymmetricKeyType, 'rsa');
  assert.deepStrictEqual(priv.asymmetricKeyDetails, { modulusLength: 2048, publicExponent: 65537n });
  for (const [type, format] of [['pkcs1', 'pem'], ['pkcs1', 'der'], ['pkcs8', 'pem'], ['pkcs8', 'der']]) {
    const data = priv.export({ type, format });
    assert.strictEqual(typeof data === 'string', format === 'pem');
    assert.ok(crypto.createPrivateKey({ key: data, type, format }).equals(priv), `${type} ${format}`);
  }
  for (const [type, format] of [['pkcs1', 'pem'], ['pkcs1', 'der'], ['spki', 'pem'], ['spki', 'der']]) {
    const data = pub.export({ type, format });
    assert.ok(crypto.createPublicKey({ key: data, type, format }).equals(pub), `${type} ${format}`);
  }
  // A public key from a private one, in every form.
  assert.ok(crypto.createPublicKey(priv).equals(pub));
  assert.ok(crypto.createPublicKey(keys.rsa.private).equals(pub));
  assert.ok(crypto.createPublicKey({ key: priv.export({ type: 'pkcs1', format: 'der' }), format: 'der', type: 'pkcs1' })
    .equals(pub));
  assert.ok(crypto.createPublicKey({ key: priv.export({ type: 'pkcs8', format: 'der' }), format: 'der', type: 'pkcs8' })
    .equals(pub));
  assert.strictEqual(crypto.createPublicKey(priv).export({ type: 'spki', format: 'pem' }), keys.rsa.public);
  assert.ok(!pub.equals(priv));
});

test('JWK round trips', () => {
  for (const name of ['rsa', 'ec', 'ec384', 'ed', 'x']) {
    const priv = crypto.createPrivateKey(keys[name].private);
    const pub = crypto.createPublicKey(keys[name].public);
    const jwk = priv.export({ format: 'jwk' });
    assert.ok(crypto.createPrivateKey({ key: jwk, format: 'jwk' }).equals(priv), name);
    assert.ok(crypto.createPublicKey({ key: jwk, format: 'jwk' }).equals(pub), name);
    assert.ok(crypto.createPublicKey({ key: pub.export({ format: 'jwk' }), format: 'jwk' }).equals(pub), name);
  }
  const ecJwk = crypto.createPrivateKey(keys.ec.private).export({ format: 'jwk' });
  assert.deepStrictEqual(Object.keys(ecJwk), ['kty', 'x', 'y', 'crv', 'd']);
  assert.strictEqual(ecJwk.crv, 'P-256');
  assert.throws(() => crypto.createPrivateKey({ key: { ...ecJwk, x: 'AAAA' }, format: 'jwk' }),
                { code: 'ERR_CRYPTO_INVALID_JWK' });
  assert.throws(() => crypto.createPublicKey({ key: { kty: 'EC', crv: 'P-999', x: 'a', y: 'b' }, format: 'jwk' }),
                { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => crypto.createPrivateKey(keys.rsaPss.private).export({ format: 'jwk' }),
                { code: 'ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE' });
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'secp224r1' });
  assert.throws(() => privateKey.export({ format: 'jwk' }),
                { code: 'ERR_CRYPTO_JWK_UNSUPPORTED_CURVE', message: 'Unsupported JWK EC curve: secp224r1.' });
});

test('EC and OKP details', () => {
  const ec = crypto.createPrivateKey(keys.ec.private);
  assert.strictEqual(ec.asymmetricKeyType, 'ec');
  assert.deepStrictEqual(ec.asymmetricKeyDetails, { namedCurve: 'prime256v1' });
  const sec1 = ec.export({ type: 'sec1', format: 'pem' });
  assert.match(sec1, /^-----BEGIN EC PRIVATE KEY-----/);
  assert.ok(crypto.createPrivateKey(sec1).equals(ec));
  assert.ok(crypto.createPrivateKey({ key: ec.export({ type: 'sec1', format: 'der' }), format: 'der', type: 'sec1' })
    .equals(ec));
  assert.strictEqual(crypto.createPrivateKey(keys.ed.private).asymmetricKeyType, 'ed25519');
  assert.deepStrictEqual(crypto.createPrivateKey(keys.ed.private).asymmetricKeyDetails, {});
  assert.strictEqual(crypto.createPublicKey(keys.x.public).asymmetricKeyType, 'x25519');
  const pss = crypto.createPrivateKey(keys.rsaPss.private);
  assert.strictEqual(pss.asymmetricKeyType, 'rsa-pss');
  assert.deepStrictEqual(pss.asymmetricKeyDetails, {
    modulusLength: 2048, publicExponent: 65537n, hashAlgorithm: 'sha256', mgf1HashAlgorithm: 'sha256', saltLength: 32,
  });
});

test('encrypted private keys', () => {
  const priv = crypto.createPrivateKey(keys.rsa.private);
  assert.ok(crypto.createPrivateKey({ key: keys.rsaEncrypted, passphrase: 'top secret' }).equals(priv));
  assert.ok(crypto.createPrivateKey({ key: keys.rsaPkcs1Encrypted, passphrase: Buffer.from('pw') }).equals(priv));
  assert.throws(() => crypto.createPrivateKey({ key: keys.rsaEncrypted, passphrase: 'wrong' }),
                { code: 'ERR_OSSL_BAD_DECRYPT' });
  assert.throws(() => crypto.createPrivateKey(keys.rsaEncrypted), (err) => err.code !== undefined);
  for (const type of ['pkcs8', 'pkcs1']) {
    const pem = priv.export({ type, format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pass' });
    assert.match(pem, /ENCRYPTED/);
    assert.ok(crypto.createPrivateKey({ key: pem, passphrase: 'pass' }).equals(priv), type);
  }
  const der = priv.export({ type: 'pkcs8', format: 'der', cipher: 'aes-128-cbc', passphrase: 'p' });
  assert.ok(crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase: 'p' }).equals(priv));
  assert.throws(() => priv.export({ type: 'pkcs1', format: 'der', cipher: 'aes-128-cbc', passphrase: 'x' }),
                { code: 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', message: 'The selected key encoding pkcs1 does not support encryption.' });
  assert.throws(() => priv.export({ type: 'pkcs8', format: 'pem', passphrase: 'x' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => priv.export({ type: 'pkcs8', format: 'pem', cipher: 'nope', passphrase: 'x' }),
                { code: 'ERR_CRYPTO_UNKNOWN_CIPHER' });
});

test('export option errors', () => {
  const priv = crypto.createPrivateKey(keys.rsa.private);
  const pub = crypto.createPublicKey(keys.rsa.public);
  assert.throws(() => pub.export(), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => priv.export({ type: 'spki', format: 'pem' }),
                { code: 'ERR_INVALID_ARG_VALUE', message: "The property 'options.type' is invalid. Received 'spki'" });
  assert.throws(() => priv.export({ type: 'sec1', format: 'pem' }),
                { code: 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', message: 'The selected key encoding sec1 can only be used for EC keys.' });
  assert.throws(() => pub.export({ type: 'pkcs8', format: 'pem' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => pub.export({ type: 'spki', format: 'xml' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => crypto.createPrivateKey(keys.ed.private).export({ type: 'pkcs1', format: 'pem' }),
                { code: 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS' });
  assert.throws(() => priv.export({ format: 'jwk', passphrase: 'x' }), { code: 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS' });
});

test('parse errors', () => {
  assert.throws(() => crypto.createPrivateKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'),
                { code: 'ERR_OSSL_UNSUPPORTED' });
  assert.throws(() => crypto.createPublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'),
                { code: 'ERR_OSSL_ASN1_WRONG_TAG' });
  assert.throws(() => crypto.createPrivateKey(keys.rsa.public), { code: 'ERR_OSSL_UNSUPPORTED' });
  assert.throws(() => crypto.createPublicKey({ key: Buffer.alloc(3), format: 'der' }),
                { code: 'ERR_INVALID_ARG_VALUE', message: "The property 'options.type' is invalid. Received undefined" });
  assert.throws(() => crypto.createPrivateKey(crypto.createPrivateKey(keys.rsa.private)), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.createPublicKey(crypto.createSecretKey(Buffer.alloc(4))),
                { code: 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE' });
  assert.throws(() => crypto.createPublicKey(1), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('KeyObject.from and util.types for CryptoKeys', async () => {
  const ck = await globalThis.crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
  const ko = crypto.KeyObject.from(ck);
  assert.strictEqual(ko.type, 'secret');
  assert.strictEqual(ko.symmetricKeySize, 64);
  assert.ok(require('node:util').types.isCryptoKey(ck));
  assert.ok(!require('node:util').types.isCryptoKey(ko));
  assert.throws(() => crypto.KeyObject.from(ko), { code: 'ERR_INVALID_ARG_TYPE' });
});
