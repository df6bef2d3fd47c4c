'use strict';
// node:zlib throughput on 16 MiB of text-like data: gzip level 6 in one
// gzipSync call and through a createGzip stream (whose chunks run on the
// worker pool under shard and libuv's under node), gunzip, and brotli at
// quality 5 (MB/s of uncompressed data). Runs under node and shard:
//
//   node benchmarks/micro/zlib.js
//   out/shard benchmarks/micro/zlib.js
//
// Each case runs ZLIB_ROUNDS times (default 3); the best and the median
// round are printed, then one JSON line of the best figures. ZLIB_MB
// changes the input size. Rates are per second of CPU time the process
// used, all threads (the pool's included), which stays meaningful on a
// shared machine; BENCH_CLOCK=wall gives rates per elapsed second.

const zlib = require('zlib');
const { pipeline, Readable, Writable } = require('stream');

const size = Number(process.env.ZLIB_MB || 16) * 1024 * 1024;
const rounds = Number(process.env.ZLIB_ROUNDS || 3);
const useWall = process.env.BENCH_CLOCK === 'wall';

// Text-like input: words from a small vocabulary, chosen by an LCG.
function makeInput(n) {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'shard', 'node', 'zlib', 'json', '{"id":', '},', '\n', ' ', 'the'];
  const buf = Buffer.alloc(n);
  let x = 1;
  let off = 0;
  while (off < n) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    off += buf.write(words[(x >>> 16) % words.length], off);
    if ((x & 0xff) === 0) off += buf.write(String(x), off);
  }
  return buf;
}

const input = makeInput(size);
const gz = zlib.gzipSync(input);

function stream(make, data) {
  return new Promise((resolve, reject) => {
    let out = 0;
    const chunk = 64 * 1024;
    let off = 0;
    const src = new Readable({
      read() {
        if (off >= data.length) {
          this.push(null);
          return;
        }
        this.push(data.subarray(off, off + chunk));
        off += chunk;
      },
    });
    pipeline(src, make(), new Writable({ write(c, e, cb) { out += c.length; cb(); } }), (err) => {
      if (err) reject(err);
      else resolve(out);
    });
  });
}

const results = {};

async function run(name, fn) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    await fn();
    const cpu = process.cpuUsage(c0);
    times.push(useWall ? Number(process.hrtime.bigint() - t0) / 1e9 : (cpu.user + cpu.system) / 1e6);
  }
  times.sort((a, b) => a - b);
  const mbps = (s) => size / (1024 * 1024) / s;
  console.log(`${name}: ${mbps(times[0]).toFixed(1)} MB/s best, ${mbps(times[Math.floor(times.length / 2)]).toFixed(1)} MB/s median`);
  results[name] = Math.round(mbps(times[0]) * 10) / 10;
}

async function main() {
  const runtime = process.versions.shard ? `shard ${process.versions.shard}` : `node ${process.version}`;
  console.log(`# ${runtime}, zlib ${process.versions.zlib ?? '(system)'}, per ${useWall ? 'wall' : 'CPU'} second, ` +
              `${size / (1024 * 1024)} MiB input, ` +
              `${(gz.length / size * 100).toFixed(1)}% after gzip`);
  await run('gzipSync level 6', () => zlib.gzipSync(input, { level: 6 }));
  await run('createGzip level 6 stream', () => stream(() => zlib.createGzip({ level: 6 }), input));
  await run('gunzipSync', () => zlib.gunzipSync(gz));
  await run('createGunzip stream', () => stream(() => zlib.createGunzip(), gz));
  await run('brotliCompressSync quality 5', () => zlib.brotliCompressSync(input, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }));
  console.log(JSON.stringify(results));
}

main();
