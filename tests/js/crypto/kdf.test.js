'use strict';
// PBKDF2 (RFC 6070, RFC 7914 section 11), scrypt (RFC 7914 section 12) and
// HKDF (RFC 5869): known answers in the sync and callback forms, and
// Node's parameter checks.
const { test } = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');
const { promisify } = require('node:util');

const range = (from, to) => Buffer.from(Array.from({ length: to - from + 1 }, (_, i) => from + i));

test('PBKDF2-HMAC-SHA1 (RFC 6070)', async () => {
  const hex = (...a) => crypto.pbkdf2Sync(...a).toString('hex');
  assert.strictEqual(hex('password', 'salt', 1, 20, 'sha1'), '0c60c80f961f0e71f3a9b524af6012062fe037a6');
  assert.strictEqual(hex('password', 'salt', 2, 20, 'sha1'), 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957');
  assert.strictEqual(hex('password', 'salt', 4096, 20, 'sha1'), '4b007901b765489abead49d926f721d065a429c1');
  assert.strictEqual(hex('passwordPASSWORDpassword', 'saltSALTsaltSALTsaltSALTsaltSALTsalt', 4096, 25, 'sha1'),
                     '3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038');
  assert.strictEqual(hex('pass\0word', 'sa\0lt', 4096, 16, 'sha1'), '56fa6aa75548099dcc37d7f03425e0c3');
  const key = await promisify(crypto.pbkdf2)('password', 'salt', 2, 20, 'sha1');
  assert.strictEqual(key.toString('hex'), 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957');
});

test('PBKDF2-HMAC-SHA256 (RFC 7914)', async () => {
  assert.strictEqual(crypto.pbkdf2Sync('passwd', 'salt', 1, 64, 'sha256').toString('hex'),
                     '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc' +
                     '49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783');
  const key = await promisify(crypto.pbkdf2)('Password', 'NaCl', 80000, 64, 'sha256');
  assert.strictEqual(key.toString('hex'),
                     '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56' +
                     'a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d');
});

test('scrypt (RFC 7914)', async () => {
  assert.strictEqual(crypto.scryptSync('', '', 64, { N: 16, r: 1, p: 1 }).toString('hex'),
                     '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442' +
                     'fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906');
  assert.strictEqual(crypto.scryptSync('password', 'NaCl', 64, { cost: 1024, blockSize: 8, parallelization: 16 })
    .toString('hex'),
                     'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162' +
                     '2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640');
  const key = await promisify(crypto.scrypt)('pleaseletmein', 'SodiumChloride', 64, { N: 16384, r: 8, p: 1 });
  assert.strictEqual(key.toString('hex'),
                     '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2' +
                     'd5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887');
});

test('HKDF (RFC 5869)', async () => {
  const hex = (ab) => Buffer.from(ab).toString('hex');
  assert.strictEqual(hex(crypto.hkdfSync('sha256', Buffer.alloc(22, 0x0b), range(0, 12), range(0xf0, 0xf9), 42)),
                     '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  assert.strictEqual(hex(crypto.hkdfSync('sha256', range(0, 0x4f), range(0x60, 0xaf), range(0xb0, 0xff), 82)),
                     'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c' +
                     '59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71' +
                     'cc30c58179ec3e87c14c01d5c1f3434f1d87');
  assert.strictEqual(hex(crypto.hkdfSync('sha256', Buffer.alloc(22, 0x0b), '', '', 42)),
                     '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
  const bits = await promisify(crypto.hkdf)('sha1', Buffer.alloc(11, 0x0b), range(0, 12), range(0xf0, 0xf9), 42);
  assert.ok(bits instanceof ArrayBuffer);
  assert.strictEqual(hex(bits),
                     '085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896');
  // A secret KeyObject works as the input key.
  assert.strictEqual(hex(crypto.hkdfSync('sha256', crypto.createSecretKey(Buffer.alloc(22, 0x0b)), '', '', 42)),
                     hex(crypto.hkdfSync('sha256', Buffer.alloc(22, 0x0b), '', '', 42)));
});

test('parameter checks', () => {
  assert.throws(() => crypto.pbkdf2Sync('p', 's', 1, 16, 'foo'),
                { name: 'TypeError', code: 'ERR_CRYPTO_INVALID_DIGEST', message: 'Invalid digest: foo' });
  assert.throws(() => crypto.pbkdf2Sync('p', 's', 0, 16, 'sha1'), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.pbkdf2Sync('p', 's', 1, -1, 'sha1'), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.pbkdf2Sync('p', 's', 1, 16), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.pbkdf2('p', 's', 1, 16, 'sha1'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.pbkdf2Sync(1, 's', 1, 16, 'sha1'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.scryptSync('p', 's', 64, { N: 2 ** 20 }),
                { name: 'RangeError', code: 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', message: /^Invalid scrypt params/ });
  assert.throws(() => crypto.scryptSync('p', 's', 64, { N: 3 }), { code: 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS' });
  assert.throws(() => crypto.scryptSync('p', 's', 64, { N: 16, cost: 16 }),
                { code: 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', message: 'Invalid scrypt parameter' });
  assert.throws(() => crypto.scryptSync('p', 's', 64, { r: 1, blockSize: 1 }),
                { code: 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER' });
  assert.throws(() => crypto.scryptSync('p', 's', 64, { maxmem: -1 }), { code: 'ERR_OUT_OF_RANGE' });
  // maxmem bounds the memory scrypt may use (128 * N * r bytes and more).
  assert.throws(() => crypto.scryptSync('p', 's', 16, { N: 1024, r: 8, maxmem: 1024 * 1024 }),
                { code: 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS' });
  assert.strictEqual(crypto.scryptSync('p', 's', 16, { N: 1024, r: 8, maxmem: 2 * 1024 * 1024 }).length, 16);
  // Zero means "the default".
  assert.deepStrictEqual(crypto.scryptSync('p', 's', 16, { N: 0, r: 0, p: 0 }), crypto.scryptSync('p', 's', 16));
  assert.deepStrictEqual(crypto.scryptSync('p', 's', 0), Buffer.alloc(0));
  assert.throws(() => crypto.hkdfSync('foo', 'k', 's', 'i', 16), { code: 'ERR_CRYPTO_INVALID_DIGEST' });
  assert.throws(() => crypto.hkdfSync('sha256', 'k', 's', 'i', 255 * 32 + 1),
                { name: 'RangeError', code: 'ERR_CRYPTO_INVALID_KEYLEN' });
  assert.throws(() => crypto.hkdfSync('sha256', 'k', 's', Buffer.alloc(1025), 16), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.hkdfSync('sha256', 1, 's', 'i', 16), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.hkdfSync('sha256', 'k', 's', 'i', 0), { message: 'Deriving bits failed' });
});

test('the callback forms run off the loop and report errors', async () => {
  const err = await new Promise((resolve) => crypto.hkdf('sha256', 'k', 's', 'i', 0, resolve));
  assert.strictEqual(err.message, 'Deriving bits failed');
  // Many jobs at once all complete, in any order.
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    promisify(crypto.pbkdf2)(`pw${i}`, 'salt', 100, 16, 'sha256')));
  results.forEach((key, i) => assert.deepStrictEqual(key, crypto.pbkdf2Sync(`pw${i}`, 'salt', 100, 16, 'sha256')));
});
