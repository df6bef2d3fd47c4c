'use strict';
// File throughput, for shard beside node and bun (any runtime with Node's
// fs API):
//
//   node benchmarks/micro/fs.js
//   out/shard benchmarks/micro/fs.js
//   bun benchmarks/micro/fs.js
//
// Cases:
//   readFile small files   fs.promises.readFile of FS_FILES (2000) files of
//                          1 KiB, FS_CONCURRENCY (64) at a time: files/s
//   readFile callbacks     the same with fs.readFile callbacks: files/s
//   readFileSync           the same files one by one: files/s
//   createReadStream 1 GiB one file of FS_BYTES (1 GiB) read with a
//                          'data' listener: MB/s
//   stat                   fs.promises.stat, 64 at a time: calls/s
//
// Each case runs FS_ROUNDS times (default 3); best and median are printed,
// then one JSON line of the best figures ({"case": value, ...}). The files
// live in FS_DIR (default: the OS temporary directory) and are removed at
// the end.

const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');

const files = Number(process.env.FS_FILES || 2000);
const concurrency = Number(process.env.FS_CONCURRENCY || 64);
const bigBytes = Number(process.env.FS_BYTES || 1024 * 1024 * 1024);
const rounds = Number(process.env.FS_ROUNDS || 3);
const dir = fs.mkdtempSync(path.join(process.env.FS_DIR || os.tmpdir(), 'shard-fs-bench-'));

function now() {
  return Number(process.hrtime.bigint()) / 1e9;
}

function setup() {
  const small = Buffer.alloc(1024, 'x');
  for (let i = 0; i < files; i++) fs.writeFileSync(path.join(dir, `small-${i}`), small);
  // Real bytes (not a sparse file): reads are page-cache copies, as for a
  // file an application serves.
  const big = path.join(dir, 'big');
  const fd = fs.openSync(big, 'w');
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31) & 0xff;
  for (let written = 0; written < bigBytes; written += block.length) {
    fs.writeSync(fd, block, 0, Math.min(block.length, bigBytes - written));
  }
  fs.closeSync(fd);
}

async function inParallel(count, fn) {
  let next = 0;
  async function worker() {
    while (next < count) await fn(next++);
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

const cases = {
  async 'readFile small files'() {
    const start = now();
    await inParallel(files, (i) => fsp.readFile(path.join(dir, `small-${i}`)));
    return files / (now() - start);
  },
  async 'readFile callbacks'() {
    const start = now();
    await inParallel(files, (i) => new Promise((resolve, reject) => {
      fs.readFile(path.join(dir, `small-${i}`), (err, data) => (err ? reject(err) : resolve(data)));
    }));
    return files / (now() - start);
  },
  async readFileSync() {
    const start = now();
    for (let i = 0; i < files; i++) fs.readFileSync(path.join(dir, `small-${i}`));
    return files / (now() - start);
  },
  async 'createReadStream 1 GiB'() {
    const start = now();
    let total = 0;
    await new Promise((resolve, reject) => {
      fs.createReadStream(path.join(dir, 'big'))
        .on('data', (chunk) => { total += chunk.length; })
        .on('end', resolve)
        .on('error', reject);
    });
    if (total !== bigBytes) throw new Error(`read ${total} of ${bigBytes}`);
    return total / (1024 * 1024) / (now() - start);
  },
  async stat() {
    const start = now();
    await inParallel(files, (i) => fsp.stat(path.join(dir, `small-${i}`)));
    return files / (now() - start);
  },
};

const units = {
  'readFile small files': 'files/s',
  'readFile callbacks': 'files/s',
  readFileSync: 'files/s',
  'createReadStream 1 GiB': 'MB/s',
  stat: 'calls/s',
};

async function main() {
  const runtime = process.versions.shard ? `shard ${process.versions.shard}` :
    process.versions.bun ? `bun ${process.versions.bun}` : `node ${process.version}`;
  console.log(`# ${runtime}`);
  setup();
  const results = {};
  const only = process.env.FS_CASES ? process.env.FS_CASES.split(',') : null;
  for (const [name, fn] of Object.entries(cases)) {
    if (only && !only.includes(name)) continue;
    const values = [];
    for (let i = 0; i < rounds; i++) values.push(await fn());
    values.sort((a, b) => b - a);
    const best = values[0];
    const median = values[Math.floor(values.length / 2)];
    console.log(`${name}: ${best.toFixed(0)} ${units[name]} best, ${median.toFixed(0)} median`);
    results[name] = Math.round(best);
  }
  console.log(JSON.stringify(results));
}

main().finally(() => fs.rmSync(dir, { recursive: true, force: true }));
