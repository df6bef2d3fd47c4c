'use strict';
// Web Crypto through the global `crypto`: digest, HMAC, AES-GCM/CBC/CTR/KW,
// ECDSA, ECDH, RSA, Ed25519, PBKDF2 and HKDF (RFC vectors where there are
// some), key import/export, and the DOMException names of its errors.
const { test } = require('node:test');
const assert = require('node:assert');
const nodeCrypto = require('node:crypto');

const { subtle } = globalThis.crypto;
const enc = (s) => new TextEncoder().encode(s);
const hex = (ab) => Buffer.from(ab).toString('hex');
const range = (from, to) => Buffer.from(Array.from({ length: to - from + 1 }, (_, i) => from + i));

test('globals', () => {
  assert.strictEqual(typeof globalThis.crypto, 'object');
  assert.strictEqual(Object.prototype.toString.call(globalThis.crypto), '[object Crypto]');
  assert.ok(globalThis.crypto instanceof Crypto);
  assert.ok(subtle instanceof SubtleCrypto);
  assert.strictEqual(nodeCrypto.webcrypto, globalThis.crypto);
  assert.strictEqual(nodeCrypto.subtle, subtle);
  assert.throws(() => new Crypto(), { code: 'ERR_ILLEGAL_CONSTRUCTOR' });
  assert.throws(() => new CryptoKey(), { code: 'ERR_ILLEGAL_CONSTRUCTOR' });
  assert.throws(() => new SubtleCrypto(), { code: 'ERR_ILLEGAL_CONSTRUCTOR' });
});

test('digest', async () => {
  assert.strictEqual(hex(await subtle.digest('SHA-256', enc('abc'))),
                     'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.strictEqual(hex(await subtle.digest({ name: 'sha-1' }, enc('abc'))), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.ok(await subtle.digest('SHA-512', new ArrayBuffer(0)) instanceof ArrayBuffer);
  // A large input (hashed on the pool in shard).
  const big = nodeCrypto.randomBytes(200000);
  const expected = nodeCrypto.createHash('sha384').update(big).digest('hex');
  const pending = subtle.digest('SHA-384', big);
  big.fill(0); // the input was copied when digest() was called
  assert.strictEqual(hex(await pending), expected);
  await assert.rejects(subtle.digest('SHA-257', enc('x')), { name: 'NotSupportedError' });
  await assert.rejects(subtle.digest('SHA-256', 'abc'), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  await assert.rejects(subtle.digest('SHA-256'), { name: 'TypeError', code: 'ERR_MISSING_ARGS' });
  await assert.rejects(Reflect.apply(subtle.digest, {}, ['SHA-256', enc('x')]), { code: 'ERR_INVALID_THIS' });
});

test('HMAC (RFC 4231 case 2), raw and JWK keys', async () => {
  const key = await subtle.importKey('raw', enc('Jefe'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
  assert.strictEqual(key.type, 'secret');
  assert.deepStrictEqual(key.algorithm, { name: 'HMAC', hash: { name: 'SHA-256' }, length: 32 });
  assert.deepStrictEqual(key.usages, ['sign', 'verify']);
  const mac = await subtle.sign('HMAC', key, enc('what do ya want for nothing?'));
  assert.strictEqual(hex(mac), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  assert.strictEqual(await subtle.verify('HMAC', key, mac, enc('what do ya want for nothing?')), true);
  assert.strictEqual(await subtle.verify('HMAC', key, mac, enc('what do ya want for something?')), false);
  const jwk = await subtle.exportKey('jwk', key);
  assert.deepStrictEqual(jwk, { key_ops: ['sign', 'verify'], ext: true, alg: 'HS256', kty: 'oct', k: 'SmVmZQ' });
  const again = await subtle.importKey('jwk', jwk, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  assert.strictEqual(await subtle.verify('HMAC', again, mac, enc('what do ya want for nothing?')), true);
  await assert.rejects(subtle.exportKey('raw', again), { name: 'InvalidAccessException' });
  await assert.rejects(subtle.importKey('jwk', { ...jwk, alg: 'HS512' }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']),
                       { name: 'DataError' });
  await assert.rejects(subtle.importKey('raw', enc('k'), { name: 'HMAC', hash: 'SHA-256' }, true, ['encrypt']),
                       { name: 'SyntaxError', message: 'Unsupported key usage for an HMAC key' });
  await assert.rejects(subtle.importKey('raw', enc('k'), { name: 'HMAC' }, true, ['sign']),
                       { name: 'TypeError', code: 'ERR_MISSING_OPTION' });
  await assert.rejects(subtle.importKey('spki', enc('k'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']),
                       { name: 'NotSupportedError' });
  const generated = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign']);
  assert.deepStrictEqual(generated.algorithm, { name: 'HMAC', length: 1024, hash: { name: 'SHA-512' } });
  await assert.rejects(subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, []), { name: 'SyntaxError' });
});

test('AES-GCM (GCM spec test case 4), AES-CBC (SP 800-38A F.2.1), AES-CTR, AES-KW (RFC 3394)', async () => {
  const gcmKey = await subtle.importKey('raw', Buffer.from('feffe9928665731c6d6a8f9467308308', 'hex'), 'AES-GCM', true,
                                        ['encrypt', 'decrypt']);
  const p = Buffer.from('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
                        '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39', 'hex');
  const params = { name: 'AES-GCM', iv: Buffer.from('cafebabefacedbaddecaf888', 'hex'),
    additionalData: Buffer.from('feedfacedeadbeeffeedfacedeadbeefabaddad2', 'hex') };
  const ct = await subtle.encrypt(params, gcmKey, p);
  assert.strictEqual(hex(ct), '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e' +
                              '21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091' +
                              '5bc94fbc3221a5db94fae95ae7121a47');
  assert.deepStrictEqual(Buffer.from(await subtle.decrypt(params, gcmKey, ct)), p);
  const tampered = Buffer.from(ct);
  tampered[3] ^= 1;
  await assert.rejects(subtle.decrypt(params, gcmKey, tampered), { name: 'OperationError' });
  await assert.rejects(subtle.encrypt({ ...params, tagLength: 100 }, gcmKey, p), { name: 'OperationError' });

  const cbcKey = await subtle.importKey('raw', Buffer.from('2b7e151628aed2a6abf7158809cf4f3c', 'hex'),
                                        { name: 'AES-CBC' }, true, ['encrypt', 'decrypt']);
  const block = Buffer.from('6bc1bee22e409f96e93d7e117393172a', 'hex');
  const cbc = await subtle.encrypt({ name: 'AES-CBC', iv: range(0, 15) }, cbcKey, block);
  // The first block is the NIST vector; a block of padding follows.
  assert.strictEqual(hex(cbc).slice(0, 32), '7649abac8119b246cee98e9b12e9197d');
  assert.strictEqual(cbc.byteLength, 32);
  assert.deepStrictEqual(Buffer.from(await subtle.decrypt({ name: 'AES-CBC', iv: range(0, 15) }, cbcKey, cbc)), block);
  await assert.rejects(subtle.encrypt({ name: 'AES-CBC', iv: range(0, 14) }, cbcKey, block),
                       { name: 'OperationError', message: 'algorithm.iv must contain exactly 16 bytes' });

  const ctrKey = await subtle.importKey('raw', Buffer.from('2b7e151628aed2a6abf7158809cf4f3c', 'hex'), 'AES-CTR', true,
                                        ['encrypt']);
  const ctr = await subtle.encrypt({ name: 'AES-CTR', counter: Buffer.from('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff', 'hex'),
    length: 64 }, ctrKey, block);
  assert.strictEqual(hex(ctr), '874d6191b620e3261bef6864990db6ce');

  const kek = await subtle.importKey('raw', range(0, 15), 'AES-KW', true, ['wrapKey', 'unwrapKey']);
  const toWrap = await subtle.importKey('raw', Buffer.from('00112233445566778899aabbccddeeff', 'hex'), 'AES-GCM', true,
                                        ['encrypt']);
  const wrapped = await subtle.wrapKey('raw', toWrap, kek, 'AES-KW');
  assert.strictEqual(hex(wrapped), '1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5');
  const unwrapped = await subtle.unwrapKey('raw', wrapped, kek, 'AES-KW', 'AES-GCM', true, ['encrypt']);
  assert.deepStrictEqual(Buffer.from(await subtle.exportKey('raw', unwrapped)), Buffer.from('00112233445566778899aabbccddeeff', 'hex'));

  await assert.rejects(subtle.importKey('raw', new Uint8Array(15), 'AES-GCM', true, ['encrypt']), { name: 'DataError' });
  await assert.rejects(subtle.generateKey({ name: 'AES-GCM', length: 100 }, true, ['encrypt']), { name: 'OperationError' });
  await assert.rejects(subtle.sign('HMAC', gcmKey, p), { name: 'InvalidAccessError' });
  const gen = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  assert.deepStrictEqual(gen.algorithm, { name: 'AES-GCM', length: 256 });
  assert.deepStrictEqual(await subtle.exportKey('jwk', gen).then((j) => [j.alg, j.kty, j.ext]), ['A256GCM', 'oct', true]);
});

test('PBKDF2 (RFC 6070) and HKDF (RFC 5869) with deriveBits and deriveKey', async () => {
  const pw = await subtle.importKey('raw', enc('password'), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
  assert.deepStrictEqual(pw.algorithm, { name: 'PBKDF2' });
  const bits = await subtle.deriveBits({ name: 'PBKDF2', salt: enc('salt'), iterations: 4096, hash: 'SHA-1' }, pw, 160);
  assert.strictEqual(hex(bits), '4b007901b765489abead49d926f721d065a429c1');
  await assert.rejects(subtle.deriveBits({ name: 'PBKDF2', salt: enc('s'), iterations: 0, hash: 'SHA-256' }, pw, 128),
                       { name: 'OperationError', message: 'iterations cannot be zero' });
  await assert.rejects(subtle.deriveBits({ name: 'PBKDF2', salt: enc('s'), iterations: 1, hash: 'SHA-256' }, pw, 7),
                       { name: 'OperationError' });
  await assert.rejects(subtle.importKey('raw', enc('pw'), 'PBKDF2', true, ['deriveBits']), { name: 'SyntaxError' });
  const aes = await subtle.deriveKey({ name: 'PBKDF2', salt: enc('salt'), iterations: 1, hash: 'SHA-256' }, pw,
                                     { name: 'AES-GCM', length: 128 }, true, ['encrypt']);
  assert.deepStrictEqual(aes.algorithm, { name: 'AES-GCM', length: 128 });
  assert.deepStrictEqual(Buffer.from(await subtle.exportKey('raw', aes)),
                         nodeCrypto.pbkdf2Sync('password', 'salt', 1, 16, 'sha256'));

  const ikm = await subtle.importKey('raw', Buffer.alloc(22, 0x0b), 'HKDF', false, ['deriveBits']);
  const okm = await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: range(0, 12), info: range(0xf0, 0xf9) },
                                      ikm, 336);
  assert.strictEqual(hex(okm), '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  await assert.rejects(subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: range(0, 12), info: range(0xf0, 0xf9) },
                                         pw, 336), { name: 'InvalidAccessError' });
});

test('ECDSA and ECDH', async () => {
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  assert.deepStrictEqual(pair.publicKey.usages, ['verify']);
  assert.deepStrictEqual(pair.privateKey.usages, ['sign']);
  assert.strictEqual(pair.publicKey.extractable, true);
  const sig = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, enc('msg'));
  assert.strictEqual(sig.byteLength, 64);
  assert.ok(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pair.publicKey, sig, enc('msg')));
  assert.ok(!await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pair.publicKey, sig, enc('msh')));
  // The signature is IEEE P1363, as node:crypto makes with dsaEncoding.
  const ko = nodeCrypto.KeyObject.from(pair.publicKey);
  assert.ok(nodeCrypto.verify('sha256', enc('msg'), { key: ko, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig)));
  for (const format of ['raw', 'spki', 'jwk']) {
    const data = await subtle.exportKey(format, pair.publicKey);
    const back = await subtle.importKey(format, data, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
    assert.ok(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, back, sig, enc('msg')), format);
  }
  const pkcs8 = await subtle.exportKey('pkcs8', pair.privateKey);
  const priv = await subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  assert.strictEqual(priv.extractable, false);
  await assert.rejects(subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-384' }, false, ['sign']),
                       { name: 'DataError' });
  await assert.rejects(subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-999' }, true, ['sign']),
                       { name: 'NotSupportedError' });

  const a = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, true, ['deriveBits']);
  const b = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, true, ['deriveBits']);
  assert.deepStrictEqual(a.publicKey.usages, []);
  const s1 = await subtle.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 384);
  const s2 = await subtle.deriveBits({ name: 'ECDH', public: a.publicKey }, b.privateKey, null);
  assert.deepStrictEqual(Buffer.from(s1), Buffer.from(s2));
  const short = await subtle.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 100);
  assert.strictEqual(short.byteLength, 13);
  await assert.rejects(subtle.deriveBits({ name: 'ECDH', public: b.privateKey }, a.privateKey, 100),
                       { name: 'InvalidAccessError' });
});

test('RSA, Ed25519 and X25519', async () => {
  const rsa = await subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256' }, true, ['encrypt', 'decrypt']);
  assert.deepStrictEqual(rsa.publicKey.algorithm.publicExponent, new Uint8Array([1, 0, 1]));
  const ct = await subtle.encrypt({ name: 'RSA-OAEP', label: enc('l') }, rsa.publicKey, enc('secret'));
  assert.strictEqual(Buffer.from(await subtle.decrypt({ name: 'RSA-OAEP', label: enc('l') }, rsa.privateKey, ct))
    .toString(), 'secret');
  await assert.rejects(subtle.decrypt({ name: 'RSA-OAEP' }, rsa.privateKey, ct), { name: 'OperationError' });
  const jwk = await subtle.exportKey('jwk', rsa.publicKey);
  assert.strictEqual(jwk.alg, 'RSA-OAEP-256');

  const pss = await subtle.generateKey({ name: 'RSA-PSS', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-384' }, true, ['sign', 'verify']);
  const sig = await subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, pss.privateKey, enc('m'));
  assert.ok(await subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pss.publicKey, sig, enc('m')));

  const ed = await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const edSig = await subtle.sign('Ed25519', ed.privateKey, enc('m'));
  assert.strictEqual(edSig.byteLength, 64);
  const raw = await subtle.exportKey('raw', ed.publicKey);
  const edPub = await subtle.importKey('raw', raw, 'Ed25519', true, ['verify']);
  assert.ok(await subtle.verify('Ed25519', edPub, edSig, enc('m')));

  const x1 = await subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']);
  const x2 = await subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']);
  assert.deepStrictEqual(Buffer.from(await subtle.deriveBits({ name: 'X25519', public: x2.publicKey }, x1.privateKey, 256)),
                         Buffer.from(await subtle.deriveBits({ name: 'X25519', public: x1.publicKey }, x2.privateKey, 256)));
});
