'use strict';
// createHash and crypto.hash: FIPS 180-4 / FIPS 202 / RFC 1321 known
// answers, copy(), XOF lengths, encodings, streams, and Node's errors.
const { test } = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');

const digest = (alg, data, enc = 'hex', opts) => crypto.createHash(alg, opts).update(data).digest(enc);
const million = 'a'.repeat(1000000);
const twoBlock = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';

test('MD5 (RFC 1321 test suite)', () => {
  assert.strictEqual(digest('md5', ''), 'd41d8cd98f00b204e9800998ecf8427e');
  assert.strictEqual(digest('md5', 'a'), '0cc175b9c0f1b6a831c399e269772661');
  assert.strictEqual(digest('md5', 'abc'), '900150983cd24fb0d6963f7d28e17f72');
  assert.strictEqual(digest('md5', 'message digest'), 'f96b697d7cb7938d525a2f31aaf161d0');
  assert.strictEqual(digest('md5', 'abcdefghijklmnopqrstuvwxyz'), 'c3fcd3d76192e4007dfb496cca67e13b');
  assert.strictEqual(digest('md5', '1234567890'.repeat(8)), '57edf4a22be3c955ac49da2e2107b67a');
});

test('SHA-1 and SHA-2 (FIPS 180-4 examples)', () => {
  assert.strictEqual(digest('sha1', 'abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.strictEqual(digest('sha1', twoBlock), '84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  assert.strictEqual(digest('sha1', million), '34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  assert.strictEqual(digest('sha224', 'abc'), '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7');
  assert.strictEqual(digest('sha224', twoBlock), '75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525');
  assert.strictEqual(digest('sha256', 'abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.strictEqual(digest('sha256', twoBlock), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  assert.strictEqual(digest('sha256', million), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  assert.strictEqual(digest('sha256', ''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.strictEqual(digest('sha384', 'abc'),
                     'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed' +
                     '8086072ba1e7cc2358baeca134c825a7');
  assert.strictEqual(digest('sha512', 'abc'),
                     'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a' +
                     '2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
  assert.strictEqual(digest('sha512-224', 'abc'), '4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa');
  assert.strictEqual(digest('sha512-256', 'abc'), '53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23');
});

test('SHA-3 and SHAKE (FIPS 202 examples)', () => {
  assert.strictEqual(digest('sha3-224', ''), '6b4e03423667dbb73b6e15454f0eb1abd4597f9a1b078e3f5b5a6bc7');
  assert.strictEqual(digest('sha3-256', ''), 'a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a');
  assert.strictEqual(digest('sha3-256', 'abc'), '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532');
  assert.strictEqual(digest('sha3-384', 'abc'),
                     'ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b2' +
                     '98d88cea927ac7f539f1edf228376d25');
  assert.strictEqual(digest('sha3-512', 'abc'),
                     'b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e' +
                     '10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0');
  assert.strictEqual(digest('shake128', ''), '7f9c2ba4e88f827d616045507605853e');
  assert.strictEqual(digest('shake256', ''), '46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f');
  assert.strictEqual(digest('shake128', '', 'hex', { outputLength: 8 }), '7f9c2ba4e88f827d');
  assert.strictEqual(digest('shake256', 'abc', 'hex', { outputLength: 64 }),
                     '483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739' +
                     'd5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4');
  assert.deepStrictEqual(crypto.createHash('shake256', { outputLength: 0 }).digest(), Buffer.alloc(0));
});

test('crypto.hash one-shot', () => {
  assert.strictEqual(crypto.hash('sha1', 'abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.strictEqual(crypto.hash('sha1', Buffer.from('abc'), 'base64'), 'qZk+NkcGgWq6PiVxeFDCbJzQ2J0=');
  assert.deepStrictEqual(crypto.hash('md5', '', 'buffer'), Buffer.from('d41d8cd98f00b204e9800998ecf8427e', 'hex'));
  assert.strictEqual(crypto.hash('sha256', new Uint16Array([0x6261, 0x63])),
                     digest('sha256', Buffer.from([0x61, 0x62, 0x63, 0])));
  assert.throws(() => crypto.hash('sha1', 'x', 'bogus'), { code: 'ERR_INVALID_ARG_VALUE', name: 'TypeError' });
  assert.throws(() => crypto.hash('sha1', 1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.hash(1, 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.hash('nope', 'x'), { message: 'Digest method nope is not supported' });
});

test('copy() forks the running state', () => {
  const h = crypto.createHash('sha256').update('ab');
  const c = h.copy();
  h.update('c');
  c.update('d');
  assert.strictEqual(h.digest('hex'), digest('sha256', 'abc'));
  assert.strictEqual(c.digest('hex'), digest('sha256', 'abd'));
  const x = crypto.createHash('shake128', { outputLength: 4 }).update('a');
  assert.strictEqual(x.copy({ outputLength: 8 }).digest('hex'), digest('shake128', 'a', 'hex', { outputLength: 8 }));
  assert.throws(() => h.copy(), { code: 'ERR_CRYPTO_HASH_FINALIZED', message: 'Digest already called' });
});

test('digest encodings and algorithm names', () => {
  const buf = crypto.createHash('sha256').update('x').digest();
  assert.ok(Buffer.isBuffer(buf));
  assert.strictEqual(digest('sha256', 'x', 'base64'), buf.toString('base64'));
  assert.strictEqual(digest('sha256', 'x', 'base64url'), buf.toString('base64url'));
  assert.strictEqual(digest('sha256', 'x', 'latin1'), buf.toString('latin1'));
  assert.strictEqual(digest('sha256', 'x', 'ucs2'), buf.toString('ucs2'));
  assert.deepStrictEqual(digest('sha256', 'x', 'buffer'), buf);
  // Unknown output encodings give the Buffer, as in Node.
  assert.deepStrictEqual(digest('sha256', 'x', 'nope'), buf);
  assert.strictEqual(digest('SHA256', 'x'), digest('sha256', 'x'));
  assert.strictEqual(digest('RSA-SHA256', 'x'), digest('sha256', 'x'));
  assert.strictEqual(digest('sha256', 'é', 'hex'), digest('sha256', Buffer.from('é', 'utf8')));
  assert.strictEqual(crypto.createHash('sha256').update('é', 'latin1').digest('hex'),
                     digest('sha256', Buffer.from([0xe9])));
  assert.strictEqual(crypto.createHash('sha256').update('616263', 'hex').digest('hex'), digest('sha256', 'abc'));
  assert.strictEqual(crypto.createHash('sha256').update(new DataView(new Uint8Array([97, 98, 99]).buffer)).digest('hex'),
                     digest('sha256', 'abc'));
  const long = 'ü'.repeat(10000);
  assert.strictEqual(digest('sha1', long), digest('sha1', Buffer.from(long)));
});

test('getHashes lists what createHash takes', () => {
  const hashes = crypto.getHashes();
  for (const name of ['md5', 'sha1', 'sha256', 'sha512', 'sha3-256', 'shake128', 'RSA-SHA256']) {
    assert.ok(hashes.includes(name), name);
  }
  assert.deepStrictEqual([...hashes].sort(), hashes);
  for (const name of hashes) crypto.createHash(name).update('x').digest();
});

test('errors', () => {
  assert.throws(() => crypto.createHash('nope'), { message: 'Digest method not supported' });
  assert.throws(() => crypto.createHash(), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.createHash('sha256').update(1),
                { code: 'ERR_INVALID_ARG_TYPE', message: /The "data" argument must be of type string/ });
  assert.throws(() => crypto.createHash('sha256', { outputLength: -1 }), { code: 'ERR_OUT_OF_RANGE' });
  const h = crypto.createHash('sha256');
  h.digest();
  assert.throws(() => h.digest(), { code: 'ERR_CRYPTO_HASH_FINALIZED' });
  assert.throws(() => h.update('x'), { code: 'ERR_CRYPTO_HASH_FINALIZED' });
  assert.throws(() => crypto.createHash('sha256', { outputLength: 5 }).digest(),
                { code: 'ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH' });
});

test('Hash is a stream', async () => {
  const h = crypto.createHash('sha1');
  h.setEncoding('hex');
  const result = new Promise((resolve) => h.on('data', resolve));
  h.write('a');
  h.end('bc');
  assert.strictEqual(await result, 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.ok(crypto.createHash('md5') instanceof crypto.Hash);
  assert.ok(crypto.Hash('md5') instanceof crypto.Hash);
});
