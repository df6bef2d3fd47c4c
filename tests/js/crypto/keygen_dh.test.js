'use strict';
// generateKeyPair(Sync) and generateKey(Sync); key agreement: ECDH,
// DiffieHellman (MODP groups and own primes), crypto.diffieHellman with
// the RFC 7748 X25519 vector.
const { test } = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');
const { promisify } = require('node:util');

test('generateKeyPairSync: rsa, rsa-pss, ec, ed25519, x25519, dsa', () => {
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024, publicExponent: 3 });
  assert.deepStrictEqual(rsa.privateKey.asymmetricKeyDetails, { modulusLength: 1024, publicExponent: 3n });
  assert.ok(crypto.verify('sha256', Buffer.from('x'), rsa.publicKey, crypto.sign('sha256', Buffer.from('x'), rsa.privateKey)));
  const pss = crypto.generateKeyPairSync('rsa-pss', { modulusLength: 1024, hashAlgorithm: 'sha384',
    mgf1HashAlgorithm: 'sha256', saltLength: 10 });
  assert.deepStrictEqual(pss.publicKey.asymmetricKeyDetails, { modulusLength: 1024, publicExponent: 65537n,
    hashAlgorithm: 'sha384', mgf1HashAlgorithm: 'sha256', saltLength: 10 });
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
  assert.deepStrictEqual(ec.privateKey.asymmetricKeyDetails, { namedCurve: 'secp384r1' });
  const encoded = crypto.generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der', cipher: 'aes-128-cbc', passphrase: 'pw' },
  });
  assert.match(encoded.publicKey, /^-----BEGIN PUBLIC KEY-----\n/);
  assert.ok(Buffer.isBuffer(encoded.privateKey));
  const priv = crypto.createPrivateKey({ key: encoded.privateKey, format: 'der', type: 'pkcs8', passphrase: 'pw' });
  assert.ok(crypto.createPublicKey(priv).equals(crypto.createPublicKey(encoded.publicKey)));
  assert.strictEqual(crypto.generateKeyPairSync('x25519').privateKey.asymmetricKeyType, 'x25519');
  assert.strictEqual(crypto.generateKeyPairSync('x448').privateKey.asymmetricKeyType, 'x448');
  const dsa = crypto.generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
  assert.deepStrictEqual(dsa.privateKey.asymmetricKeyDetails, { modulusLength: 1024, divisorLength: 160 });
  const dh = crypto.generateKeyPairSync('dh', { group: 'modp5' });
  assert.strictEqual(dh.privateKey.asymmetricKeyType, 'dh');
});

test('generateKeyPair runs on the pool', async () => {
  const pair = await promisify(crypto.generateKeyPair)('rsa', {
    modulusLength: 1024,
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  assert.match(pair.publicKey, /^-----BEGIN RSA PUBLIC KEY-----/);
  assert.match(pair.privateKey, /^-----BEGIN RSA PRIVATE KEY-----/);
  const results = await Promise.all(['ec', 'ed25519', 'ed448', 'x25519'].map((type) =>
    promisify(crypto.generateKeyPair)(type, type === 'ec' ? { namedCurve: 'prime256v1' } : undefined)));
  assert.deepStrictEqual(results.map((r) => r.privateKey.asymmetricKeyType), ['ec', 'ed25519', 'ed448', 'x25519']);
});

test('key generation errors', () => {
  assert.throws(() => crypto.generateKeyPairSync('nope'),
                { code: 'ERR_INVALID_ARG_VALUE', message: "The argument 'type' must be a supported key type. Received 'nope'" });
  assert.throws(() => crypto.generateKeyPairSync('rsa', {}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.generateKeyPairSync('ec', { namedCurve: 'P-999' }),
                { code: 'ERR_CRYPTO_INVALID_CURVE', message: 'Invalid EC curve name' });
  assert.throws(() => crypto.generateKeyPairSync('rsa-pss', { modulusLength: 512, hashAlgorithm: 'foo' }),
                { code: 'ERR_CRYPTO_INVALID_DIGEST', message: 'Invalid digest: foo' });
  assert.throws(() => crypto.generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'pkcs1', format: 'pem' } }),
                { code: 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS' });
  assert.throws(() => crypto.generateKeyPairSync('dh', { group: 'modp3' }), { code: 'ERR_CRYPTO_UNKNOWN_DH_GROUP' });
  assert.throws(() => crypto.generateKeyPairSync('dh', {}), { code: 'ERR_MISSING_OPTION' });
  assert.throws(() => crypto.generateKeyPair('ed25519', {}), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('generateKey(Sync) for hmac and aes', async () => {
  assert.strictEqual(crypto.generateKeySync('hmac', { length: 123 }).symmetricKeySize, 15);
  assert.strictEqual(crypto.generateKeySync('aes', { length: 256 }).symmetricKeySize, 32);
  const k = await promisify(crypto.generateKey)('aes', { length: 128 });
  assert.strictEqual(k.symmetricKeySize, 16);
  assert.throws(() => crypto.generateKeySync('aes', { length: 100 }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => crypto.generateKeySync('hmac', { length: 7 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.generateKeySync('des', { length: 64 }), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('X25519 (RFC 7748 6.1) through crypto.diffieHellman', () => {
  const alicePriv = crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'X25519',
    d: Buffer.from('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', 'hex').toString('base64url'),
    x: Buffer.from('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a', 'hex').toString('base64url') },
  format: 'jwk' });
  const bobPub = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'X25519',
    x: Buffer.from('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f', 'hex').toString('base64url') },
  format: 'jwk' });
  assert.strictEqual(crypto.createPublicKey(alicePriv).export({ format: 'jwk' }).x,
                     Buffer.from('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a', 'hex')
                       .toString('base64url'));
  assert.strictEqual(crypto.diffieHellman({ privateKey: alicePriv, publicKey: bobPub }).toString('hex'),
                     '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ec2 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  assert.deepStrictEqual(crypto.diffieHellman({ privateKey: ec.privateKey, publicKey: ec2.publicKey }),
                         crypto.diffieHellman({ privateKey: ec2.privateKey, publicKey: ec.publicKey }));
  assert.throws(() => crypto.diffieHellman({ privateKey: alicePriv, publicKey: ec.publicKey }),
                { code: 'ERR_CRYPTO_INCOMPATIBLE_KEY', message: 'Incompatible key types for Diffie-Hellman: x25519 and ec' });
  assert.throws(() => crypto.diffieHellman({ privateKey: bobPub, publicKey: bobPub }),
                { code: 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE' });
  assert.throws(() => crypto.diffieHellman({ privateKey: 1, publicKey: bobPub }), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('ECDH', () => {
  const a = crypto.createECDH('secp256k1');
  const b = crypto.createECDH('secp256k1');
  const pa = a.generateKeys();
  const pb = b.generateKeys('hex', 'compressed');
  assert.strictEqual(pa.length, 65);
  assert.strictEqual(pb.length, 66);
  assert.deepStrictEqual(a.computeSecret(pb, 'hex'), b.computeSecret(pa));
  assert.strictEqual(a.getPrivateKey().length, 32);
  const c = crypto.createECDH('secp256k1');
  c.setPrivateKey(a.getPrivateKey());
  assert.deepStrictEqual(c.getPublicKey(), pa);
  assert.deepStrictEqual(crypto.ECDH.convertKey(pb, 'secp256k1', 'hex', 'buffer', 'uncompressed'), b.getPublicKey());
  assert.throws(() => crypto.createECDH('nope'), { code: 'ERR_CRYPTO_INVALID_CURVE' });
  assert.throws(() => crypto.createECDH('prime256v1').getPublicKey(), { code: 'ERR_CRYPTO_OPERATION_FAILED' });
  assert.throws(() => a.computeSecret(Buffer.from([4, 1, 2])), { code: 'ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY' });
  assert.throws(() => a.getPublicKey('hex', 'foo'), { code: 'ERR_CRYPTO_ECDH_INVALID_FORMAT' });
  assert.throws(() => c.setPrivateKey(Buffer.alloc(32)), { code: 'ERR_CRYPTO_INVALID_KEYTYPE' });
  assert.ok(crypto.getCurves().includes('prime256v1'));
  assert.ok(crypto.getCurves().includes('secp384r1'));
});

test('DiffieHellman', () => {
  const a = crypto.getDiffieHellman('modp14');
  const b = crypto.createDiffieHellmanGroup('modp14');
  a.generateKeys();
  b.generateKeys();
  assert.deepStrictEqual(a.computeSecret(b.getPublicKey()), b.computeSecret(a.getPublicKey()));
  assert.strictEqual(a.computeSecret(b.getPublicKey()).length, 256);
  assert.strictEqual(a.verifyError, 0);
  assert.strictEqual(a.getGenerator('hex'), '02');
  assert.strictEqual(a.setPublicKey, undefined);
  const own = crypto.createDiffieHellman(a.getPrime(), 2);
  const own2 = crypto.createDiffieHellman(a.getPrime('hex'), 'hex', Buffer.from([2]));
  own.generateKeys();
  own2.generateKeys();
  assert.deepStrictEqual(own.computeSecret(own2.getPublicKey()), own2.computeSecret(own.getPublicKey()));
  const set = crypto.createDiffieHellman(a.getPrime(), 2);
  set.setPrivateKey(own.getPrivateKey());
  set.setPublicKey(own.getPublicKey());
  assert.deepStrictEqual(set.computeSecret(own2.getPublicKey()), own.computeSecret(own2.getPublicKey()));
  assert.strictEqual(crypto.createDiffieHellman(Buffer.from([0x0d]), 2).verifyError,
                     crypto.constants.DH_CHECK_P_NOT_SAFE_PRIME | 0x80);
  assert.throws(() => crypto.getDiffieHellman('modp3'), { code: 'ERR_CRYPTO_UNKNOWN_DH_GROUP', message: 'Unknown DH group' });
  assert.throws(() => crypto.createDiffieHellman(a.getPrime()).getPublicKey(),
                { code: 'ERR_CRYPTO_INVALID_STATE', message: 'No public key - did you forget to generate one?' });
  assert.throws(() => a.computeSecret(Buffer.from([1])),
                { code: 'ERR_CRYPTO_INVALID_KEYLEN', message: 'Supplied key is too small' });
  assert.throws(() => crypto.createDiffieHellman(a.getPrime(), 1), { code: 'ERR_OSSL_DH_BAD_GENERATOR' });
  assert.throws(() => crypto.createDiffieHellman({}), { code: 'ERR_INVALID_ARG_TYPE' });
  const small = crypto.createDiffieHellman(512);
  assert.strictEqual(small.getPrime().length, 64);
});
