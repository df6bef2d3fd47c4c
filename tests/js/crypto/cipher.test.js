'use strict';
// createCipheriv/createDecipheriv: NIST SP 800-38A (CBC, CTR), the GCM
// specification's test cases, RFC 8439 (ChaCha20-Poly1305), padding,
// streams, and Node's errors for keys, IVs, tags and states.
const { test } = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');

const h = (s) => Buffer.from(s, 'hex');
const run = (c, data) => Buffer.concat([c.update(data), c.final()]);

const key128 = h('2b7e151628aed2a6abf7158809cf4f3c');
const key256 = h('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
const plain = h('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51' +
                '30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710');

test('AES-CBC (SP 800-38A F.2.1, F.2.5)', () => {
  const iv = h('000102030405060708090a0b0c0d0e0f');
  const cases = [
    ['aes-128-cbc', key128, '7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2' +
     '73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7'],
    ['aes-256-cbc', key256, 'f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d' +
     '39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b'],
  ];
  for (const [name, key, ct] of cases) {
    const c = crypto.createCipheriv(name, key, iv).setAutoPadding(false);
    assert.strictEqual(run(c, plain).toString('hex'), ct, name);
    const d = crypto.createDecipheriv(name, key, iv).setAutoPadding(false);
    assert.deepStrictEqual(run(d, h(ct)), plain);
    // With padding a full block is added, and removed again.
    const padded = run(crypto.createCipheriv(name, key, iv), plain);
    assert.strictEqual(padded.length, 80);
    assert.deepStrictEqual(run(crypto.createDecipheriv(name, key, iv), padded), plain);
  }
});

test('AES-CTR (SP 800-38A F.5.1, F.5.5)', () => {
  const ctr = h('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff');
  assert.strictEqual(run(crypto.createCipheriv('aes-128-ctr', key128, ctr), plain).toString('hex'),
                     '874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff' +
                     '5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee');
  assert.strictEqual(run(crypto.createCipheriv('aes-256-ctr', key256, ctr), plain).toString('hex'),
                     '601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5' +
                     '2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6');
  // A stream cipher: any length, byte by byte gives the same.
  const c = crypto.createCipheriv('aes-128-ctr', key128, ctr);
  const pieces = [];
  for (const byte of plain.subarray(0, 21)) pieces.push(c.update(Buffer.from([byte])));
  pieces.push(c.final());
  assert.deepStrictEqual(Buffer.concat(pieces), run(crypto.createCipheriv('aes-128-ctr', key128, ctr),
                                                     plain.subarray(0, 21)));
});

test('AES-GCM (GCM specification test cases 2, 3, 4, 16)', () => {
  const k = h('feffe9928665731c6d6a8f9467308308');
  const iv = h('cafebabefacedbaddecaf888');
  const p = h('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
              '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255');
  const aad = h('feedfacedeadbeeffeedfacedeadbeefabaddad2');

  let c = crypto.createCipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12));
  assert.strictEqual(run(c, Buffer.alloc(16)).toString('hex'), '0388dace60b6a392f328c2b971b2fe78');
  assert.strictEqual(c.getAuthTag().toString('hex'), 'ab6e47d42cec13bdf53a67b21257bddf');

  c = crypto.createCipheriv('aes-128-gcm', k, iv);
  assert.strictEqual(run(c, p).toString('hex'),
                     '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e' +
                     '21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985');
  assert.strictEqual(c.getAuthTag().toString('hex'), '4d5c2af327cd64a62cf35abd2ba6fab4');

  c = crypto.createCipheriv('aes-128-gcm', k, iv);
  c.setAAD(aad);
  const ct4 = run(c, p.subarray(0, 60));
  assert.strictEqual(ct4.toString('hex'),
                     '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e' +
                     '21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091');
  const tag4 = c.getAuthTag();
  assert.strictEqual(tag4.toString('hex'), '5bc94fbc3221a5db94fae95ae7121a47');

  const d = crypto.createDecipheriv('aes-128-gcm', k, iv);
  d.setAAD(aad);
  d.setAuthTag(tag4);
  assert.deepStrictEqual(run(d, ct4), p.subarray(0, 60));

  c = crypto.createCipheriv('aes-256-gcm', Buffer.concat([k, k]), iv);
  c.setAAD(aad);
  assert.strictEqual(run(c, p.subarray(0, 60)).toString('hex'),
                     '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
                     '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662');
  assert.strictEqual(c.getAuthTag().toString('hex'), '76fc6ece0f4e1768cddf8853bb2d551b');
});

test('AES-GCM: tampering and wrong tags are refused', () => {
  const key = crypto.randomBytes(32);
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: 12 });
  const ct = run(c, Buffer.from('secret message'));
  const tag = c.getAuthTag();
  assert.strictEqual(tag.length, 12);
  const open = (data, t) => {
    const d = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 12 });
    d.setAuthTag(t);
    return run(d, data);
  };
  assert.strictEqual(open(ct, tag).toString(), 'secret message');
  const bad = Buffer.from(ct);
  bad[0] ^= 1;
  assert.throws(() => open(bad, tag), { message: 'Unsupported state or unable to authenticate data' });
  const badTag = Buffer.from(tag);
  badTag[11] ^= 0x80;
  assert.throws(() => open(ct, badTag), { message: 'Unsupported state or unable to authenticate data' });
  assert.throws(() => open(ct, tag.subarray(0, 8)),
                { name: 'TypeError', code: 'ERR_CRYPTO_INVALID_AUTH_TAG', message: 'Invalid authentication tag length: 8' });
  // Without the tag, final() cannot authenticate.
  const d = crypto.createDecipheriv('aes-256-gcm', key, iv);
  d.update(ct);
  assert.throws(() => d.final(), { message: 'Unsupported state or unable to authenticate data' });
});

test('ChaCha20-Poly1305 (RFC 8439 2.8.2)', () => {
  const key = h('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
  const nonce = h('070000004041424344454647');
  const aad = h('50515253c0c1c2c3c4c5c6c7');
  const text = Buffer.from("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the " +
                           'future, sunscreen would be it.');
  const c = crypto.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  c.setAAD(aad);
  const ct = run(c, text);
  assert.strictEqual(ct.toString('hex'),
                     'd31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6' +
                     '3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36' +
                     '92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc' +
                     '3ff4def08e4b7a9de576d26586cec64b6116');
  assert.strictEqual(c.getAuthTag().toString('hex'), '1ae10b594f09e26a7e902ecbd0600691');
  const d = crypto.createDecipheriv('chacha20-poly1305', key, nonce);
  d.setAAD(aad);
  d.setAuthTag(c.getAuthTag());
  assert.deepStrictEqual(run(d, ct), text);
  assert.throws(() => crypto.createCipheriv('chacha20-poly1305', key, Buffer.alloc(13)),
                { code: 'ERR_CRYPTO_INVALID_IV' });
});

test('AES-CCM needs its tag length and message length', () => {
  const key = crypto.randomBytes(16);
  const nonce = crypto.randomBytes(12);
  assert.throws(() => crypto.createCipheriv('aes-128-ccm', key, nonce),
                { code: 'ERR_CRYPTO_INVALID_AUTH_TAG', message: 'authTagLength required for aes-128-ccm' });
  const c = crypto.createCipheriv('aes-128-ccm', key, nonce, { authTagLength: 8 });
  assert.throws(() => c.setAAD(Buffer.from('a')), { code: 'ERR_MISSING_ARGS' });
  c.setAAD(Buffer.from('aad'), { plaintextLength: 5 });
  const ct = run(c, Buffer.from('hello'));
  const d = crypto.createDecipheriv('aes-128-ccm', key, nonce, { authTagLength: 8 });
  d.setAuthTag(c.getAuthTag());
  d.setAAD(Buffer.from('aad'), { plaintextLength: 5 });
  assert.strictEqual(run(d, ct).toString(), 'hello');
  const e = crypto.createDecipheriv('aes-128-ccm', key, nonce, { authTagLength: 8 });
  e.setAuthTag(Buffer.alloc(8));
  e.setAAD(Buffer.from('aad'), { plaintextLength: 5 });
  e.update(ct);
  assert.throws(() => e.final(), { message: 'Unsupported state or unable to authenticate data' });
});

test('encodings on update and final', () => {
  const key = Buffer.alloc(16, 1);
  const iv = Buffer.alloc(16, 2);
  const c = crypto.createCipheriv('aes-128-cbc', key, iv);
  const hex = c.update('héllo wörld, more than one block', 'utf8', 'hex') + c.final('hex');
  const d = crypto.createDecipheriv('aes-128-cbc', key, iv);
  assert.strictEqual(d.update(hex, 'hex', 'utf8') + d.final('utf8'), 'héllo wörld, more than one block');
  // A multi-byte character split across update() calls stays whole.
  const e = crypto.createDecipheriv('aes-128-ctr', key, iv);
  const ctr = run(crypto.createCipheriv('aes-128-ctr', key, iv), Buffer.from('€€'));
  assert.strictEqual(e.update(ctr.subarray(0, 2), undefined, 'utf8') + e.update(ctr.subarray(2), undefined, 'utf8') +
                     e.final('utf8'), '€€');
  const f = crypto.createCipheriv('aes-128-cbc', key, iv);
  f.update('a', 'utf8', 'hex');
  assert.throws(() => f.final('base64'), /Cannot change encoding/);
  assert.throws(() => crypto.createCipheriv('aes-128-cbc', key, iv).update('abc', 'hex'),
                { code: 'ERR_INVALID_ARG_VALUE' });
});

test('keys, IVs and names', () => {
  const iv = Buffer.alloc(16);
  assert.throws(() => crypto.createCipheriv('aes-256-cbc', Buffer.alloc(3), iv),
                { name: 'RangeError', code: 'ERR_CRYPTO_INVALID_KEYLEN', message: 'Invalid key length' });
  assert.throws(() => crypto.createCipheriv('aes-256-cbc', Buffer.alloc(32), Buffer.alloc(3)),
                { name: 'TypeError', code: 'ERR_CRYPTO_INVALID_IV', message: 'Invalid initialization vector' });
  assert.throws(() => crypto.createCipheriv('aes-256-cbc', Buffer.alloc(32), null), { code: 'ERR_CRYPTO_INVALID_IV' });
  assert.throws(() => crypto.createCipheriv('aes-256-gcm', Buffer.alloc(32), Buffer.alloc(0)),
                { code: 'ERR_CRYPTO_INVALID_IV' });
  assert.throws(() => crypto.createCipheriv('aes-256-ecb', Buffer.alloc(32), iv), { code: 'ERR_CRYPTO_INVALID_IV' });
  assert.strictEqual(run(crypto.createCipheriv('aes-256-ecb', Buffer.alloc(32), null), Buffer.alloc(0)).length, 16);
  assert.throws(() => crypto.createCipheriv('aes-256-xyz', Buffer.alloc(32), iv),
                { code: 'ERR_CRYPTO_UNKNOWN_CIPHER', message: 'Unknown cipher' });
  assert.throws(() => crypto.createCipheriv(5, Buffer.alloc(32), iv), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.createCipheriv('aes-256-cbc', 5, iv), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.createCipheriv('aes-256-cbc', Buffer.alloc(32), 5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.createCipheriv('aes-256-gcm', Buffer.alloc(32), iv, { authTagLength: 3 }),
                { code: 'ERR_CRYPTO_INVALID_AUTH_TAG', message: 'Invalid authentication tag length: 3' });
  assert.throws(() => crypto.createCipheriv('aes-256-gcm', Buffer.alloc(32), iv, { authTagLength: -1 }),
                { code: 'ERR_INVALID_ARG_VALUE' });
  // Names in any case, aliases, string keys and IVs, KeyObjects.
  const a = run(crypto.createCipheriv('AES-128-CBC', 'k'.repeat(16), 'i'.repeat(16)), Buffer.from('x'));
  const b = run(crypto.createCipheriv('aes128', crypto.createSecretKey(Buffer.from('k'.repeat(16))), 'i'.repeat(16)),
                Buffer.from('x'));
  assert.deepStrictEqual(a, b);
  const ciphers = crypto.getCiphers();
  for (const name of ['aes-128-cbc', 'aes-256-gcm', 'chacha20-poly1305', 'aes-128-ctr', 'id-aes128-wrap',
    'id-aes128-GCM']) {
    assert.ok(ciphers.includes(name), name);
  }
});

test('state errors', () => {
  const key = Buffer.alloc(32);
  const iv = Buffer.alloc(16);
  const c = crypto.createCipheriv('aes-256-cbc', key, iv);
  c.final();
  assert.throws(() => c.update('a'), { message: 'Trying to add data in unsupported state' });
  assert.throws(() => c.final(), { code: 'ERR_CRYPTO_INVALID_STATE', message: 'Invalid state' });
  assert.throws(() => c.setAutoPadding(false),
                { code: 'ERR_CRYPTO_INVALID_STATE', message: 'Invalid state for operation setAutoPadding' });
  assert.throws(() => crypto.createCipheriv('aes-256-gcm', key, iv).getAuthTag(),
                { code: 'ERR_CRYPTO_INVALID_STATE', message: 'Invalid state for operation getAuthTag' });
  assert.throws(() => crypto.createCipheriv('aes-256-cbc', key, iv).setAAD(Buffer.alloc(1)),
                { code: 'ERR_CRYPTO_INVALID_STATE' });
  assert.strictEqual(crypto.createCipheriv('aes-256-gcm', key, iv).setAuthTag, undefined);
  const d = crypto.createDecipheriv('aes-256-gcm', key, iv);
  d.setAuthTag(Buffer.alloc(16));
  assert.throws(() => d.setAuthTag(Buffer.alloc(16)), { code: 'ERR_CRYPTO_INVALID_STATE' });
  assert.throws(() => run(crypto.createDecipheriv('aes-256-cbc', key, iv), Buffer.alloc(16)),
                { code: 'ERR_OSSL_BAD_DECRYPT', library: 'Provider routines', reason: 'bad decrypt' });
  assert.throws(() => run(crypto.createDecipheriv('aes-256-cbc', key, iv), Buffer.alloc(5)),
                { code: 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH' });
  const np = crypto.createCipheriv('aes-256-cbc', key, iv);
  np.setAutoPadding(false);
  np.update('abc');
  assert.throws(() => np.final(), { code: 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH' });
});

test('Cipheriv and Decipheriv are streams', async () => {
  const { pipeline } = require('node:stream/promises');
  const { Readable, Writable } = require('node:stream');
  const key = crypto.randomBytes(32);
  const iv = crypto.randomBytes(16);
  const data = crypto.randomBytes(100000);
  const out = [];
  await pipeline(Readable.from([data.subarray(0, 33333), data.subarray(33333)]),
                 crypto.createCipheriv('aes-256-cbc', key, iv), crypto.createDecipheriv('aes-256-cbc', key, iv),
                 new Writable({ write(c, e, cb) { out.push(c); cb(); } }));
  assert.deepStrictEqual(Buffer.concat(out), data);
  // A bad final block reaches the stream as an error.
  const d = crypto.createDecipheriv('aes-256-cbc', key, iv);
  const err = new Promise((resolve) => d.on('error', resolve));
  d.resume();
  d.end(Buffer.alloc(16));
  assert.strictEqual((await err).code, 'ERR_OSSL_BAD_DECRYPT');
});

test('getCipherInfo', () => {
  assert.deepStrictEqual(crypto.getCipherInfo('aes-256-gcm'),
                         { mode: 'gcm', name: 'id-aes256-gcm', nid: 901, blockSize: 1, ivLength: 12, keyLength: 32 });
  assert.strictEqual(crypto.getCipherInfo('nope'), undefined);
  assert.strictEqual(crypto.getCipherInfo('aes-128-cbc', { keyLength: 17 }), undefined);
  assert.strictEqual(crypto.getCipherInfo('aes-128-gcm', { ivLength: 16 }).ivLength, 16);
  assert.strictEqual(crypto.getCipherInfo(419).name, 'aes-128-cbc');
  assert.throws(() => crypto.getCipherInfo({}), { code: 'ERR_INVALID_ARG_TYPE' });
});
