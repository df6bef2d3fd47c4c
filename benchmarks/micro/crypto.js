'use strict';
// node:crypto throughput: SHA-256 and HMAC-SHA256 of 1 KiB (ops/s: the
// per-call overhead of createHash/createHmac/update/digest) and of 1 MiB
// (MB/s: OpenSSL's speed), crypto.hash one-shot, AES-256-GCM of 1 MiB
// (MB/s), PBKDF2 and randomBytes. Runs under node and shard:
//
//   node benchmarks/micro/crypto.js
//   out/shard benchmarks/micro/crypto.js
//
// Each case runs CRYPTO_ROUNDS rounds (default 5) of about CRYPTO_MS
// milliseconds (default 300); the best and the median round are printed,
// then one JSON line of the best figures ({"case": value, ...}). Rates are
// per second of CPU time the process used (process.cpuUsage), which stays
// meaningful on a machine shared with other work; BENCH_CLOCK=wall gives
// rates per second of elapsed time instead.

const crypto = require('crypto');

const rounds = Number(process.env.CRYPTO_ROUNDS || 5);
const roundMs = Number(process.env.CRYPTO_MS || 300);
const useWall = process.env.BENCH_CLOCK === 'wall';

const small = crypto.randomBytes(1024);
const smallText = small.toString('latin1');
const large = crypto.randomBytes(1 << 20);
const key = crypto.randomBytes(32);
const iv = crypto.randomBytes(12);

// Runs fn in batches until a round's time is up; returns calls per second.
function measure(fn) {
  let batch = 1;
  // Size the batch so one takes a few milliseconds.
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    const ns = Number(process.hrtime.bigint() - t0);
    if (ns > 2e6 || batch > 1e6) break;
    batch *= 2;
  }
  const rates = [];
  for (let r = 0; r < rounds; r++) {
    let calls = 0;
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    let ns = 0;
    while (ns < roundMs * 1e6) {
      for (let i = 0; i < batch; i++) fn();
      calls += batch;
      ns = Number(process.hrtime.bigint() - t0);
    }
    const cpu = process.cpuUsage(c0);
    const seconds = useWall ? ns / 1e9 : (cpu.user + cpu.system) / 1e6;
    rates.push(calls / seconds);
  }
  rates.sort((a, b) => b - a);
  return { best: rates[0], median: rates[Math.floor(rates.length / 2)] };
}

const results = {};

function run(name, fn, unitBytes) {
  const { best, median } = measure(fn);
  if (unitBytes) {
    const mb = (r) => (r * unitBytes) / (1024 * 1024);
    console.log(`${name}: ${mb(best).toFixed(1)} MB/s best, ${mb(median).toFixed(1)} MB/s median`);
    results[name] = Math.round(mb(best));
  } else {
    console.log(`${name}: ${Math.round(best)} ops/s best, ${Math.round(median)} ops/s median`);
    results[name] = Math.round(best);
  }
}

const runtime = process.versions.shard ? `shard ${process.versions.shard}` : `node ${process.version}`;
console.log(`# ${runtime}, OpenSSL ${process.versions.openssl ?? '(system)'}, per ${useWall ? 'wall' : 'CPU'} second`);

run('sha256 1 KiB (createHash, hex)', () => crypto.createHash('sha256').update(small).digest('hex'));
run('sha256 1 KiB string (createHash, hex)', () => crypto.createHash('sha256').update(smallText, 'latin1').digest('hex'));
run('sha256 1 KiB (crypto.hash)', () => crypto.hash('sha256', small));
run('hmac-sha256 1 KiB (createHmac, hex)', () => crypto.createHmac('sha256', key).update(small).digest('hex'));
run('sha256 1 MiB', () => crypto.createHash('sha256').update(large).digest(), 1 << 20);
run('hmac-sha256 1 MiB', () => crypto.createHmac('sha256', key).update(large).digest(), 1 << 20);
run('aes-256-gcm 1 MiB', () => {
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.update(large);
  c.final();
  c.getAuthTag();
}, 1 << 20);
run('aes-256-gcm 1 KiB', () => {
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.update(small);
  c.final();
  c.getAuthTag();
});
run('randomBytes(16)', () => crypto.randomBytes(16));
run('randomUUID', () => crypto.randomUUID());
run('pbkdf2Sync sha256 1000 iterations', () => crypto.pbkdf2Sync('password', 'salt', 1000, 32, 'sha256'));
console.log(JSON.stringify(results));
