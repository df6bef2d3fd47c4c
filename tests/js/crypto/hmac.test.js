'use strict';
// createHmac: RFC 2202 and RFC 4231 known answers, keys as KeyObjects,
// streams, and Node's errors.
const { test } = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');

const mac = (alg, key, data) => crypto.createHmac(alg, key).update(data).digest('hex');
const bytes = (from, to) => Buffer.from(Array.from({ length: to - from + 1 }, (_, i) => from + i));

test('RFC 2202: HMAC-MD5 and HMAC-SHA1', () => {
  assert.strictEqual(mac('md5', Buffer.alloc(16, 0x0b), 'Hi There'), '9294727a3638bb1c13f48ef8158bfc9d');
  assert.strictEqual(mac('md5', 'Jefe', 'what do ya want for nothing?'), '750c783e6ab0b503eaa86e310a5db738');
  assert.strictEqual(mac('sha1', Buffer.alloc(20, 0x0b), 'Hi There'), 'b617318655057264e28bc0b6fb378c8ef146be00');
  assert.strictEqual(mac('sha1', 'Jefe', 'what do ya want for nothing?'), 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
});

test('RFC 4231: HMAC-SHA-224/256/384/512', () => {
  const key1 = Buffer.alloc(20, 0x0b);
  assert.strictEqual(mac('sha224', key1, 'Hi There'), '896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22');
  assert.strictEqual(mac('sha256', key1, 'Hi There'),
                     'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
  assert.strictEqual(mac('sha384', key1, 'Hi There'),
                     'afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c' +
                     'faea9ea9076ede7f4af152e8b2fa9cb6');
  assert.strictEqual(mac('sha512', key1, 'Hi There'),
                     '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde' +
                     'daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854');
  assert.strictEqual(mac('sha256', 'Jefe', 'what do ya want for nothing?'),
                     '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  assert.strictEqual(mac('sha512', 'Jefe', 'what do ya want for nothing?'),
                     '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554' +
                     '9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737');
  assert.strictEqual(mac('sha256', Buffer.alloc(20, 0xaa), Buffer.alloc(50, 0xdd)),
                     '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe');
  assert.strictEqual(mac('sha256', bytes(1, 25), Buffer.alloc(50, 0xcd)),
                     '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b');
  assert.strictEqual(mac('sha256', Buffer.alloc(20, 0x0c), 'Test With Truncation').slice(0, 32),
                     'a3b6167473100ee06e0c796c2955552b');
  const bigKey = Buffer.alloc(131, 0xaa);
  assert.strictEqual(mac('sha256', bigKey, 'Test Using Larger Than Block-Size Key - Hash Key First'),
                     '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  assert.strictEqual(mac('sha256', bigKey, 'This is a test using a larger than block-size key and a larger than ' +
                         'block-size data. The key needs to be hashed before being used by the HMAC algorithm.'),
                     '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2');
});

test('keys: strings with an encoding, views, KeyObjects, CryptoKeys', async () => {
  const expected = mac('sha256', Buffer.from('secret'), 'data');
  assert.strictEqual(crypto.createHmac('sha256', '736563726574', { encoding: 'hex' }).update('data').digest('hex'),
                     expected);
  assert.strictEqual(mac('sha256', new Uint8Array(Buffer.from('secret')), 'data'), expected);
  assert.strictEqual(mac('sha256', new Uint8Array(Buffer.from('secret')).buffer, 'data'), expected);
  assert.strictEqual(mac('sha256', crypto.createSecretKey(Buffer.from('secret')), 'data'), expected);
  const ck = await globalThis.crypto.subtle.importKey('raw', Buffer.from('secret'), { name: 'HMAC', hash: 'SHA-256' },
                                                      false, ['sign']);
  assert.strictEqual(mac('sha256', ck, 'data'), expected);
  assert.strictEqual(mac('sha256', '', 'data'), mac('sha256', Buffer.alloc(0), 'data'));
});

test('digest twice gives nothing; update after digest throws', () => {
  const h = crypto.createHmac('sha1', 'k');
  h.update('x');
  assert.strictEqual(h.digest('hex').length, 40);
  assert.deepStrictEqual(h.digest(), Buffer.alloc(0));
  assert.strictEqual(h.digest('hex'), '');
  assert.throws(() => h.update('y'), { code: 'ERR_CRYPTO_HASH_FINALIZED' });
});

test('errors', () => {
  assert.throws(() => crypto.createHmac('foo', 'k'),
                { name: 'TypeError', code: 'ERR_CRYPTO_INVALID_DIGEST', message: 'Invalid digest: foo' });
  assert.throws(() => crypto.createHmac('sha256', null),
                { code: 'ERR_INVALID_ARG_TYPE', message: /The "key" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey/ });
  assert.throws(() => crypto.createHmac(1, 'k'), { code: 'ERR_INVALID_ARG_TYPE' });
  const { publicKey } = crypto.generateKeyPairSync('ed25519');
  assert.throws(() => crypto.createHmac('sha256', publicKey),
                { code: 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', message: 'Invalid key object type public, expected secret.' });
});

test('Hmac is a stream', async () => {
  const h = crypto.createHmac('sha256', 'Jefe');
  const chunks = [];
  h.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => h.on('end', resolve));
  h.write('what do ya ');
  h.end('want for nothing?');
  await done;
  assert.strictEqual(Buffer.concat(chunks).toString('hex'),
                     '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
});
