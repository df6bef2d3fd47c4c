'use strict';
// Stream throughput: a Readable -> Transform -> Writable pipeline moving
// 1 GiB in 64 KiB chunks (MB/s), and the same chain in object mode with
// small objects (per-chunk overhead, chunks/s). Runs under node and shard:
//
//   node benchmarks/micro/stream.js
//   out/shard benchmarks/micro/stream.js
//
// Each case runs STREAM_ROUNDS times (default 5); the best and the median
// round are printed, then one JSON line of the best figures
// ({"case": value, ...}) for tools that compare runs. STREAM_BYTES and
// STREAM_OBJECTS change the amounts.

const { Readable, Transform, Writable, pipeline } = require('stream');

const kChunk = 64 * 1024;
const totalBytes = Number(process.env.STREAM_BYTES || 1024 * 1024 * 1024);
const totalObjects = Number(process.env.STREAM_OBJECTS || 2000000);
const rounds = Number(process.env.STREAM_ROUNDS || 5);

// One pass through the chain; resolves with the seconds it took.
function once(objectMode, total, makeChunk, sizeOf) {
  return new Promise((resolve, reject) => {
    const chunk = makeChunk();
    let sent = 0;
    let received = 0;
    const src = new Readable({
      objectMode,
      read() {
        while (sent < total) {
          sent += sizeOf(chunk);
          if (!this.push(chunk)) return;
        }
        this.push(null);
      },
    });
    const through = new Transform({
      objectMode,
      transform(c, encoding, cb) {
        cb(null, c);
      },
    });
    const dst = new Writable({
      objectMode,
      write(c, encoding, cb) {
        received += sizeOf(c);
        cb();
      },
    });
    const start = process.hrtime.bigint();
    pipeline(src, through, dst, (err) => {
      if (err) return reject(err);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (received !== total) return reject(new Error(`received ${received} of ${total}`));
      resolve(seconds);
    });
  });
}

const results = {};

async function run(name, objectMode, total, makeChunk, sizeOf, report, rate) {
  const times = [];
  for (let i = 0; i < rounds; i++) times.push(await once(objectMode, total, makeChunk, sizeOf));
  times.sort((a, b) => a - b);
  const best = times[0];
  const median = times[Math.floor(times.length / 2)];
  console.log(`${name}: ${report(total, best)} best, ${report(total, median)} median`);
  results[name] = Math.round(rate(total, best));
}

async function main() {
  const runtime = process.versions.shard ? `shard ${process.versions.shard}` : `node ${process.version}`;
  console.log(`# ${runtime}`);
  await run('pipeline bytes, 64 KiB chunks', false, totalBytes,
            () => Buffer.alloc(kChunk, 120), (c) => c.length,
            (total, s) => `${(total / (1024 * 1024) / s).toFixed(1)} MB/s`,
            (total, s) => total / (1024 * 1024) / s);
  await run('pipeline objects', true, totalObjects,
            () => ({ id: 1 }), () => 1,
            (total, s) => `${Math.round(total / s)} chunks/s`,
            (total, s) => total / s);
  console.log(JSON.stringify(results));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
