'use strict';
// Signatures (RSA PKCS#1 v1.5 and PSS, ECDSA in DER and IEEE P1363, Ed25519
// and Ed448) through createSign/createVerify and crypto.sign/verify, in the
// sync and callback forms, and RSA encryption (OAEP, PKCS#1, raw).
const { test } = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');
const { promisify } = require('node:util');
const keys = require('../../fixtures/crypto/keys.json');

const data = Buffer.from('some data to sign');

test('RSA PKCS#1 v1.5 and PSS round trips', () => {
  const { rsa } = keys;
  const sig = crypto.createSign('sha256').update(data).sign(rsa.private);
  assert.strictEqual(sig.length, 256);
  assert.ok(crypto.createVerify('sha256').update(data).verify(rsa.public, sig));
  assert.ok(crypto.verify('sha256', data, rsa.public, sig));
  // PKCS#1 v1.5 is deterministic: both APIs give the same bytes.
  assert.deepStrictEqual(crypto.sign('sha256', data, rsa.private), sig);
  assert.ok(!crypto.verify('sha256', Buffer.from('other'), rsa.public, sig));
  assert.ok(!crypto.verify('sha512', data, rsa.public, sig));

  const PSS = crypto.constants.RSA_PKCS1_PSS_PADDING;
  const pss = crypto.sign('sha256', data, { key: rsa.private, padding: PSS, saltLength: 32 });
  assert.ok(crypto.verify('sha256', data, { key: rsa.public, padding: PSS, saltLength: 32 }, pss));
  assert.ok(crypto.verify('sha256', data, { key: rsa.public, padding: PSS }, pss)); // salt length found
  assert.ok(!crypto.verify('sha256', data, { key: rsa.public, padding: PSS, saltLength: 20 }, pss));
  assert.ok(!crypto.verify('sha256', data, rsa.public, pss));
  // PSS is randomized.
  assert.notDeepStrictEqual(crypto.sign('sha256', data, { key: rsa.private, padding: PSS }), pss);
  // An RSA-PSS key signs with PSS by default.
  const pssKey = crypto.sign('sha256', data, keys.rsaPss.private);
  assert.ok(crypto.verify('sha256', data, keys.rsaPss.public, pssKey));
  assert.ok(crypto.createVerify('sha256').update(data).verify({ key: keys.rsaPss.public, saltLength: 32 }, pssKey));
});

test('ECDSA: DER and IEEE P1363 encodings', () => {
  const { ec, ec384 } = keys;
  const der = crypto.sign('sha256', data, ec.private);
  assert.strictEqual(der[0], 0x30);
  assert.ok(crypto.verify('sha256', data, ec.public, der));
  const p1363 = crypto.sign('sha256', data, { key: ec.private, dsaEncoding: 'ieee-p1363' });
  assert.strictEqual(p1363.length, 64);
  assert.ok(crypto.verify('sha256', data, { key: ec.public, dsaEncoding: 'ieee-p1363' }, p1363));
  assert.ok(!crypto.verify('sha256', data, { key: ec.public, dsaEncoding: 'ieee-p1363' }, p1363.subarray(1)));
  assert.ok(!crypto.verify('sha256', data, ec.public, p1363));
  const s384 = crypto.createSign('sha384').update(data).sign({ key: ec384.private, dsaEncoding: 'ieee-p1363' }, 'hex');
  assert.strictEqual(s384.length, 192);
  assert.ok(crypto.createVerify('sha384').update(data)
    .verify({ key: ec384.public, dsaEncoding: 'ieee-p1363' }, s384, 'hex'));
  // A private key also verifies.
  assert.ok(crypto.verify('sha256', data, ec.private, der));
  assert.throws(() => crypto.sign('sha256', data, { key: ec.private, dsaEncoding: 'bogus' }),
                { code: 'ERR_INVALID_ARG_VALUE' });
});

test('Ed25519 and Ed448 with crypto.sign(null, ...)', () => {
  const sig = crypto.sign(null, data, keys.ed.private);
  assert.strictEqual(sig.length, 64);
  assert.deepStrictEqual(crypto.sign(undefined, data, keys.ed.private), sig); // deterministic
  assert.ok(crypto.verify(null, data, keys.ed.public, sig));
  assert.ok(!crypto.verify(null, Buffer.from('x'), keys.ed.public, sig));
  const ed448 = crypto.generateKeyPairSync('ed448');
  const s448 = crypto.sign(null, data, ed448.privateKey);
  assert.strictEqual(s448.length, 114);
  assert.ok(crypto.verify(null, data, ed448.publicKey, s448));
});

test('callback forms run on the pool', async () => {
  const sig = await promisify(crypto.sign)('sha256', data, keys.ec.private);
  assert.ok(await promisify(crypto.verify)('sha256', data, keys.ec.public, sig));
  assert.strictEqual(await promisify(crypto.verify)('sha256', Buffer.from('x'), keys.ec.public, sig), false);
  const err = await new Promise((resolve) => crypto.sign('sha256', data, keys.x.private, resolve));
  assert.ok(err instanceof Error);
});

test('errors', () => {
  const { rsa } = keys;
  assert.throws(() => crypto.sign('sha256', data, crypto.createPublicKey(rsa.public)),
                { code: 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', message: 'Invalid key object type public, expected private.' });
  assert.throws(() => crypto.sign('foo', data, rsa.private),
                { code: 'ERR_CRYPTO_INVALID_DIGEST', message: 'Invalid digest: foo' });
  assert.throws(() => crypto.createSign('foo'), { code: 'ERR_CRYPTO_INVALID_DIGEST', message: 'Invalid digest' });
  assert.throws(() => crypto.createSign('sha256').sign(), { code: 'ERR_CRYPTO_SIGN_KEY_REQUIRED' });
  assert.throws(() => crypto.sign('sha256', data), { code: 'ERR_CRYPTO_SIGN_KEY_REQUIRED' });
  const s = crypto.createSign('sha256');
  s.sign(rsa.private);
  assert.throws(() => s.sign(rsa.private), { code: 'ERR_CRYPTO_INVALID_STATE', message: 'Not initialised' });
  assert.throws(() => crypto.createSign('sha256').sign(rsa.private, 'bogus'), { code: 'ERR_UNKNOWN_ENCODING' });
  assert.throws(() => crypto.sign('sha256', data, { key: rsa.private, padding: 'x' }),
                { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => crypto.verify('sha256', data, rsa.public, 'sig'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.sign('sha256', data, 'not a key'), { code: 'ERR_OSSL_UNSUPPORTED' });
});

test('Sign and Verify are writable streams', async () => {
  const { once } = require('node:events');
  const s = crypto.createSign('sha256');
  s.write(data.subarray(0, 5));
  s.end(data.subarray(5));
  await once(s, 'finish');
  const sig = s.sign(keys.rsa.private);
  assert.deepStrictEqual(sig, crypto.sign('sha256', data, keys.rsa.private));
  assert.ok(s instanceof require('node:stream').Writable);
});

test('RSA encryption', () => {
  const { rsa } = keys;
  const msg = Buffer.from('attack at dawn');
  const oaep = crypto.publicEncrypt(rsa.public, msg);
  assert.strictEqual(oaep.length, 256);
  assert.deepStrictEqual(crypto.privateDecrypt(rsa.private, oaep), msg);
  const labelled = crypto.publicEncrypt({ key: rsa.public, oaepHash: 'sha512', oaepLabel: Buffer.from('L') }, msg);
  assert.deepStrictEqual(crypto.privateDecrypt({ key: rsa.private, oaepHash: 'sha512', oaepLabel: Buffer.from('L') },
                                               labelled), msg);
  assert.throws(() => crypto.privateDecrypt({ key: rsa.private, oaepHash: 'sha512' }, labelled),
                { code: 'ERR_OSSL_RSA_OAEP_DECODING_ERROR' });
  assert.throws(() => crypto.publicEncrypt({ key: rsa.public, oaepHash: 'nope' }, msg),
                { code: 'ERR_OSSL_EVP_INVALID_DIGEST' });
  // Encrypt with the public half of a private key.
  assert.deepStrictEqual(crypto.privateDecrypt(rsa.private, crypto.publicEncrypt(rsa.private, msg)), msg);
  const signed = crypto.privateEncrypt(rsa.private, msg);
  assert.deepStrictEqual(crypto.publicDecrypt(rsa.public, signed), msg);
  assert.deepStrictEqual(crypto.privateEncrypt(rsa.private, msg), signed); // PKCS#1 type 1 is deterministic
  assert.throws(() => crypto.publicEncrypt(rsa.public, Buffer.alloc(300)),
                { code: 'ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE' });
  const pkcs1 = crypto.publicEncrypt({ key: rsa.public, padding: crypto.constants.RSA_PKCS1_PADDING }, msg);
  assert.strictEqual(pkcs1.length, 256);
  assert.throws(() => crypto.privateDecrypt(crypto.createPublicKey(rsa.public), oaep),
                { code: 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE' });
});
