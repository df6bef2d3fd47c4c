'use strict';
// shard's results for the inputs of tests/fixtures/crypto/gen.js equal
// what Node computed for them (node-outputs.json, made by that script under
// Node 22). Randomized results of Node (ECDSA, PSS, OAEP) are verified or
// decrypted instead.
const { test } = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');
const { pattern, text } = require('../../fixtures/crypto/data');
const expected = require('../../fixtures/crypto/node-outputs.json');
const keys = require('../../fixtures/crypto/keys.json');

const hex = (b) => Buffer.from(b).toString('hex');
const inputs = {
  empty: Buffer.alloc(0),
  abc: Buffer.from('abc'),
  p1000: pattern(1000, 7),
  p65537: pattern(65537, 9),
  text: text(5000, 3),
};
const message = Buffer.from('the message to sign');

test('hash digests of every algorithm', () => {
  for (const [alg, byInput] of Object.entries(expected.hash)) {
    for (const [name, digest] of Object.entries(byInput)) {
      assert.strictEqual(crypto.createHash(alg).update(inputs[name]).digest('hex'), digest, `${alg} ${name}`);
      assert.strictEqual(crypto.hash(alg, inputs[name]), digest, `crypto.hash ${alg} ${name}`);
    }
  }
});

test('hash digests fed in pieces and through copy()', () => {
  for (const alg of ['sha256', 'sha3-512', 'md5']) {
    const h = crypto.createHash(alg);
    const data = inputs.p65537;
    for (let i = 0; i < data.length; i += 1000) h.update(data.subarray(i, i + 1000));
    const copy = h.copy();
    assert.strictEqual(h.digest('hex'), expected.hash[alg].p65537);
    assert.strictEqual(copy.digest('hex'), expected.hash[alg].p65537);
  }
});

test('SHAKE with outputLength', () => {
  for (const [key, digest] of Object.entries(expected.shake)) {
    const [alg, len] = key.split('/');
    assert.strictEqual(crypto.createHash(alg, { outputLength: Number(len) }).update(inputs.text).digest('hex'), digest,
                       key);
  }
});

test('digest and update encodings', () => {
  for (const [enc, value] of Object.entries(expected.hashEncodings)) {
    assert.strictEqual(crypto.createHash('sha256').update('encodings').digest(enc), value, enc);
  }
  for (const [enc, value] of Object.entries(expected.updateEncodings)) {
    assert.strictEqual(crypto.createHash('sha1').update('6162\u00e9\u4e2d', enc).digest('hex'), value, enc);
  }
});

test('HMAC', () => {
  const hmacKeys = { short: Buffer.from('key'), block: pattern(64, 2), long: pattern(200, 3), empty: Buffer.alloc(0) };
  for (const [key, mac] of Object.entries(expected.hmac)) {
    const [alg, kname, dname] = key.split('/');
    assert.strictEqual(crypto.createHmac(alg, hmacKeys[kname]).update(inputs[dname]).digest('hex'), mac, key);
  }
});

test('PBKDF2, scrypt, HKDF', () => {
  for (const [key, value] of Object.entries(expected.pbkdf2)) {
    const [pw, salt, iter, len, digest] = key.split('/');
    assert.strictEqual(hex(crypto.pbkdf2Sync(pw, salt, Number(iter), Number(len), digest)), value, key);
  }
  for (const [key, value] of Object.entries(expected.scrypt)) {
    const [pw, salt, len, opts] = key.split('/');
    assert.strictEqual(hex(crypto.scryptSync(pw, salt, Number(len), JSON.parse(opts))), value, key);
  }
  for (const [key, value] of Object.entries(expected.hkdf)) {
    const [digest, ikm, salt, info, len] = key.split('/');
    const out = crypto.hkdfSync(digest, Buffer.from(ikm, 'hex'), Buffer.from(salt, 'hex'), Buffer.from(info, 'hex'),
                                Number(len));
    assert.ok(out instanceof ArrayBuffer);
    assert.strictEqual(hex(out), value, key);
  }
});

test('ciphers encrypt as Node does and decrypt back', () => {
  const plaintexts = { p0: Buffer.alloc(0), p1: pattern(1, 4), p15: pattern(15, 4), p16: pattern(16, 4),
    p17: pattern(17, 4), p100: pattern(100, 4) };
  const keyLengths = { 'aes-128': 16, 'aes-192': 24, 'aes-256': 32, 'chacha20': 32, 'des-ede3': 24,
    'camellia-128': 16, 'aria-256': 32 };
  for (const [key, { ct, tag }] of Object.entries(expected.cipher)) {
    const [name, ivlen, pname] = key.split('/');
    const prefix = Object.keys(keyLengths).find((p) => name.startsWith(p));
    const k = pattern(keyLengths[prefix], 10);
    const iv = Number(ivlen) ? pattern(Number(ivlen), 11) : null;
    const pt = plaintexts[pname];
    const aead = tag !== undefined;
    const opts = aead ? { authTagLength: 16 } : undefined;
    const c = crypto.createCipheriv(name, k, iv, opts);
    if (aead) c.setAAD(Buffer.from('header'), { plaintextLength: pt.length });
    assert.strictEqual(hex(Buffer.concat([c.update(pt), c.final()])), ct, key);
    if (aead) assert.strictEqual(hex(c.getAuthTag()), tag, `${key} tag`);
    const d = crypto.createDecipheriv(name, k, iv, opts);
    if (aead) {
      d.setAuthTag(Buffer.from(tag, 'hex'));
      d.setAAD(Buffer.from('header'), { plaintextLength: pt.length });
    }
    assert.deepStrictEqual(Buffer.concat([d.update(Buffer.from(ct, 'hex')), d.final()]), pt, `${key} decrypt`);
  }
  const c = crypto.createCipheriv('aes-128-cbc', pattern(16, 1), pattern(16, 2));
  c.setAutoPadding(false);
  assert.strictEqual(hex(c.update(pattern(32, 3))), expected.cipherNoPadding);
});

test('getCipherInfo', () => {
  for (const [name, info] of Object.entries(expected.getCipherInfo)) {
    assert.deepStrictEqual(crypto.getCipherInfo(name) ?? null, info, name);
  }
});

test('key exports and details', () => {
  const rsaPriv = crypto.createPrivateKey(keys.rsa.private);
  const rsaPub = crypto.createPublicKey(keys.rsa.public);
  const ecPriv = crypto.createPrivateKey(keys.ec.private);
  const edPriv = crypto.createPrivateKey(keys.ed.private);
  const xPriv = crypto.createPrivateKey(keys.x.private);
  const e = expected.exports;
  assert.strictEqual(rsaPriv.export({ type: 'pkcs1', format: 'pem' }), e.rsaPkcs1Pem);
  assert.strictEqual(hex(rsaPriv.export({ type: 'pkcs1', format: 'der' })), e.rsaPkcs1Der);
  assert.strictEqual(hex(rsaPriv.export({ type: 'pkcs8', format: 'der' })), e.rsaPkcs8Der);
  assert.strictEqual(hex(rsaPub.export({ type: 'spki', format: 'der' })), e.rsaSpkiDer);
  assert.strictEqual(rsaPub.export({ type: 'pkcs1', format: 'pem' }), e.rsaPubPkcs1Pem);
  assert.deepStrictEqual(rsaPriv.export({ format: 'jwk' }), e.rsaJwk);
  assert.deepStrictEqual(rsaPub.export({ format: 'jwk' }), e.rsaPubJwk);
  assert.strictEqual(ecPriv.export({ type: 'sec1', format: 'pem' }), e.ecSec1Pem);
  assert.deepStrictEqual(ecPriv.export({ format: 'jwk' }), e.ecJwk);
  assert.deepStrictEqual(edPriv.export({ format: 'jwk' }), e.edJwk);
  assert.deepStrictEqual(xPriv.export({ format: 'jwk' }), e.xJwk);
  assert.strictEqual(crypto.createPublicKey(edPriv).export({ type: 'spki', format: 'pem' }), e.edPubPem);
  // PEM written by shard reads back to the same key.
  assert.strictEqual(rsaPriv.export({ type: 'pkcs8', format: 'pem' }), keys.rsa.private);
  assert.strictEqual(rsaPub.export({ type: 'spki', format: 'pem' }), keys.rsa.public);

  const fix = (d) => ({ ...d, publicExponent: String(d.publicExponent) });
  assert.deepStrictEqual(fix(rsaPriv.asymmetricKeyDetails), expected.details.rsa);
  assert.deepStrictEqual(fix(crypto.createPrivateKey(keys.rsaPss.private).asymmetricKeyDetails), expected.details.rsaPss);
  assert.deepStrictEqual(ecPriv.asymmetricKeyDetails, expected.details.ec);
  assert.deepStrictEqual(crypto.createPrivateKey(keys.ec384.private).asymmetricKeyDetails, expected.details.ec384);
});

test('deterministic signatures equal Node\'s; randomized ones verify', () => {
  const rsaPriv = crypto.createPrivateKey(keys.rsa.private);
  const rsaPub = crypto.createPublicKey(keys.rsa.public);
  const s = expected.sign;
  assert.strictEqual(hex(crypto.sign('sha256', message, rsaPriv)), s.rsaSha256);
  assert.strictEqual(crypto.createSign('sha512').update(message).sign(rsaPriv, 'hex'), s.rsaSha512Stream);
  assert.strictEqual(hex(crypto.sign('sha1', message, keys.rsa.private)), s.rsaSha1);
  assert.strictEqual(hex(crypto.sign(null, message, keys.ed.private)), s.ed25519);
  assert.ok(crypto.verify('sha256', message, keys.ec.public, Buffer.from(s.ecdsaDer, 'hex')));
  assert.ok(crypto.verify('sha256', message, { key: keys.ec.public, dsaEncoding: 'ieee-p1363' },
                          Buffer.from(s.ecdsaP1363, 'hex')));
  assert.ok(!crypto.verify('sha256', message, keys.ec.public, Buffer.from(s.ecdsaP1363, 'hex')));
  assert.ok(crypto.verify('sha256', message, { key: rsaPub, padding: crypto.constants.RSA_PKCS1_PSS_PADDING },
                          Buffer.from(s.rsaPss, 'hex')));
  assert.ok(crypto.verify('sha256', message, keys.rsaPss.public, Buffer.from(s.rsaPssKey, 'hex')));
  assert.ok(crypto.createVerify('sha384').update(message).verify(keys.ec384.public, s.ecdsa384, 'hex'));
  assert.ok(!crypto.verify('sha256', Buffer.from('other'), keys.ec.public, Buffer.from(s.ecdsaDer, 'hex')));
});

test('RSA encryption interoperates with Node', () => {
  const rsaPriv = crypto.createPrivateKey(keys.rsa.private);
  const r = expected.rsa;
  assert.deepStrictEqual(crypto.privateDecrypt(rsaPriv, Buffer.from(r.oaep, 'hex')), message);
  assert.deepStrictEqual(crypto.privateDecrypt({ key: rsaPriv, oaepHash: 'sha256', oaepLabel: Buffer.from('label') },
                                               Buffer.from(r.oaep256Label, 'hex')), message);
  assert.strictEqual(hex(crypto.privateEncrypt(rsaPriv, message)), r.privateEncrypt);
  assert.deepStrictEqual(crypto.publicDecrypt(keys.rsa.public, Buffer.from(r.privateEncrypt, 'hex')), message);
  const raw = crypto.privateDecrypt({ key: rsaPriv, padding: crypto.constants.RSA_NO_PADDING },
                                    Buffer.from(r.noPadding, 'hex'));
  assert.deepStrictEqual(raw.subarray(raw.length - message.length), message);
});

test('ECDH, DH and X25519 agree with Node', () => {
  const a = crypto.createECDH('prime256v1');
  a.setPrivateKey(pattern(32, 21));
  const b = crypto.createECDH('prime256v1');
  b.setPrivateKey(pattern(32, 22));
  const e = expected.ecdh;
  assert.strictEqual(a.getPublicKey('hex'), e.pubA);
  assert.strictEqual(a.getPublicKey('hex', 'compressed'), e.pubACompressed);
  assert.strictEqual(a.getPublicKey('hex', 'hybrid'), e.pubAHybrid);
  assert.strictEqual(a.computeSecret(b.getPublicKey(), null, 'hex'), e.secret);
  assert.strictEqual(b.computeSecret(e.pubACompressed, 'hex', 'hex'), e.secret);
  assert.strictEqual(crypto.ECDH.convertKey(a.getPublicKey(), 'prime256v1', null, 'hex', 'compressed'), e.converted);

  const modp2 = crypto.getDiffieHellman('modp2').getPrime();
  assert.strictEqual(modp2.toString('hex'), expected.dh.modp2Prime);
  assert.strictEqual(crypto.getDiffieHellman('modp14').getPrime('hex'), expected.dh.modp14Prime);
  const dhA = crypto.createDiffieHellman(modp2, 2);
  dhA.setPrivateKey(pattern(64, 31));
  dhA.generateKeys();
  const dhB = crypto.createDiffieHellman(modp2, 2);
  dhB.setPrivateKey(pattern(64, 32));
  dhB.generateKeys();
  assert.strictEqual(dhA.getPublicKey('hex'), expected.dh.pubA);
  assert.strictEqual(dhA.computeSecret(dhB.getPublicKey(), null, 'hex'), expected.dh.secret);

  const x = crypto.diffieHellman({ privateKey: crypto.createPrivateKey(keys.x.private),
    publicKey: crypto.createPublicKey(keys.x.public) });
  assert.strictEqual(hex(x), expected.x25519);
});

test('Web Crypto results equal Node\'s', async () => {
  const { subtle } = globalThis.crypto;
  const w = expected.webcrypto;
  for (const alg of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']) {
    assert.strictEqual(hex(await subtle.digest(alg, inputs.p1000)), w[`digest/${alg}`]);
  }
  const hmacKey = await subtle.importKey('raw', pattern(32, 41), { name: 'HMAC', hash: 'SHA-384' }, true, ['sign']);
  assert.strictEqual(hex(await subtle.sign('HMAC', hmacKey, inputs.text)), w.hmac);
  assert.deepStrictEqual(await subtle.exportKey('jwk', hmacKey), w.hmacJwk);
  const gcm = await subtle.importKey('raw', pattern(32, 42), 'AES-GCM', true, ['encrypt', 'decrypt']);
  const gcmParams = { name: 'AES-GCM', iv: pattern(12, 43), additionalData: Buffer.from('ad'), tagLength: 96 };
  assert.strictEqual(hex(await subtle.encrypt(gcmParams, gcm, inputs.p1000)), w.gcm);
  assert.deepStrictEqual(Buffer.from(await subtle.decrypt(gcmParams, gcm, Buffer.from(w.gcm, 'hex'))), inputs.p1000);
  const cbc = await subtle.importKey('raw', pattern(16, 44), 'AES-CBC', true, ['encrypt']);
  assert.strictEqual(hex(await subtle.encrypt({ name: 'AES-CBC', iv: pattern(16, 45) }, cbc, inputs.p1000)), w.cbc);
  const ctr = await subtle.importKey('raw', pattern(16, 46), 'AES-CTR', true, ['encrypt']);
  const counter = Buffer.from('00000000000000000000000000fffffe', 'hex');
  assert.strictEqual(hex(await subtle.encrypt({ name: 'AES-CTR', counter, length: 8 }, ctr, pattern(100, 47))), w.ctr);
  const kw = await subtle.importKey('raw', pattern(16, 48), 'AES-KW', true, ['wrapKey', 'unwrapKey']);
  assert.strictEqual(hex(await subtle.wrapKey('raw', gcm, kw, 'AES-KW')), w.kw);
  const pb = await subtle.importKey('raw', Buffer.from('password'), 'PBKDF2', false, ['deriveBits']);
  assert.strictEqual(hex(await subtle.deriveBits({ name: 'PBKDF2', salt: Buffer.from('salt'), iterations: 1000,
    hash: 'SHA-256' }, pb, 256)), w.pbkdf2);
  const hk = await subtle.importKey('raw', pattern(22, 49), 'HKDF', false, ['deriveBits']);
  assert.strictEqual(hex(await subtle.deriveBits({ name: 'HKDF', salt: pattern(13, 50), info: pattern(10, 51),
    hash: 'SHA-256' }, hk, 336)), w.hkdf);
  const ecPub = await subtle.importKey('jwk', { ...w.ecJwk, d: undefined, key_ops: undefined },
                                       { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  assert.ok(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ecPub, Buffer.from(w.ecdsa, 'hex'), message));
  const edKey = await subtle.importKey('pkcs8', crypto.createPrivateKey(keys.ed.private).export({ type: 'pkcs8',
    format: 'der' }), 'Ed25519', true, ['sign']);
  assert.strictEqual(hex(await subtle.sign('Ed25519', edKey, message)), w.ed25519);
  const rsaKey = await subtle.importKey('pkcs8', crypto.createPrivateKey(keys.rsa.private).export({ type: 'pkcs8',
    format: 'der' }), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']);
  assert.strictEqual(hex(await subtle.sign('RSASSA-PKCS1-v1_5', rsaKey, message)), w.rsassa);
  assert.deepStrictEqual(await subtle.exportKey('jwk', rsaKey), w.rsaJwk);
});
