'use strict';
// tls: large transfers under every cipher the kernel's TLS knows, TLS 1.2
// and 1.3, written at once after the handshake (the send side can move to
// the kernel mid-stream) and after a request, from memory and from a file
// piped into the socket, ended with close_notify. On shard with kTLS the
// kernel seals these records (socket.kernelTLS); elsewhere OpenSSL does:
// the bytes must arrive the same. SHARD_EXPECT_KTLS=1 makes the kernel's
// part a requirement; with SHARD_KTLS=emulate, shard seals the records in
// user space from what it would hand the kernel (keys, sequence), which
// the OpenSSL peer must accept.
const test = require('node:test');
const assert = require('node:assert');
const tls = require('node:tls');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const fixtures = require('./fixtures');

const size = 3 * 1024 * 1024 + 4321;
const pattern = Buffer.alloc(size);
for (let i = 0; i < size; i++) pattern[i] = (i * 7 + (i >> 10)) & 0xff;
const file = path.join(os.tmpdir(), `shard-ktls-test-${process.pid}`);
fs.writeFileSync(file, pattern);
test.after(() => fs.rmSync(file, { force: true }));

const configs = [
  { name: 'TLS 1.3 AES-128-GCM', server: { ciphers: 'TLS_AES_128_GCM_SHA256' } },
  { name: 'TLS 1.3 AES-256-GCM', server: { ciphers: 'TLS_AES_256_GCM_SHA384' } },
  { name: 'TLS 1.3 CHACHA20-POLY1305', server: { ciphers: 'TLS_CHACHA20_POLY1305_SHA256' } },
  { name: 'TLS 1.2 AES-128-GCM', server: { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' } },
  { name: 'TLS 1.2 AES-256-GCM', server: { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384' } },
  { name: 'TLS 1.2 CHACHA20-POLY1305', server: { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-CHACHA20-POLY1305' } },
];

// mode: 'now' writes at secureConnection, 'request' after the client's
// first bytes, 'file' pipes the file after them, 'split' writes half at
// once and the rest a little later (the send side moves in between).
async function transfer(config, mode) {
  let kernel;
  const server = tls.createServer({ ...fixtures.server(), ...config.server }, (s) => {
    s.on('error', () => {});
    const send = () => {
      if (mode === 'file') {
        fs.createReadStream(file).pipe(s);
      } else if (mode === 'split') {
        s.write(pattern.subarray(0, 1 << 20));
        setTimeout(() => {
          s.write(pattern.subarray(1 << 20, 2 << 20));
          setTimeout(() => s.end(pattern.subarray(2 << 20)), 30);
        }, 30);
      } else {
        // Pieces of several sizes, then the end.
        let off = 0;
        for (const n of [1, 100, 16384, 16385, 70000, 1 << 20]) {
          s.write(pattern.subarray(off, off + n));
          off += n;
        }
        s.end(pattern.subarray(off));
      }
      s.on('finish', () => {
        kernel = process.env.SHARD_KTLS === 'emulate' ? s._kernelTLSMode : s.kernelTLS;
      });
    };
    if (mode === 'now') send();
    else s.once('data', send);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const c = tls.connect({ port: server.address().port, host: '127.0.0.1', servername: 'localhost', ca: fixtures.ca() });
  const chunks = [];
  let ended = false;
  c.on('secureConnect', () => {
    if (mode !== 'now') setTimeout(() => c.write('go'), 20);
  });
  c.on('data', (d) => chunks.push(d));
  c.on('end', () => { ended = true; c.end(); });
  await new Promise((resolve, reject) => {
    c.on('error', reject);
    c.on('close', resolve);
  });
  server.close();
  const got = Buffer.concat(chunks);
  assert.strictEqual(got.length, size, `${config.name} ${mode}: length`);
  assert.ok(got.equals(pattern), `${config.name} ${mode}: bytes`);
  assert.ok(ended, `${config.name} ${mode}: a clean end (close_notify)`);
  return kernel;
}

for (const config of configs) {
  test(config.name, async () => {
    for (const mode of ['now', 'request', 'file', 'split']) {
      const kernel = await transfer(config, mode);
      if (process.env.SHARD_KTLS === 'emulate') {
        if (mode !== 'now') assert.strictEqual(kernel, 'emulated', `${config.name} ${mode}: emulated kTLS`);
      } else {
        assert.ok(kernel === undefined || typeof kernel === 'boolean');
        if (process.env.SHARD_EXPECT_KTLS === '1' && mode !== 'now') {
          assert.strictEqual(kernel, true, `${config.name} ${mode}: sent by the kernel`);
        }
      }
    }
  });
}
