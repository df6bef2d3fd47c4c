'use strict';
// Buffer encodings: utf8 and base64 encode/decode of 1 KiB and 1 MiB,
// hex and latin1, Buffer.concat, and a few small everyday operations, in
// operations per second. Runs under node and shard:
//
//   node benchmarks/micro/buffer.js
//   out/shard benchmarks/micro/buffer.js
//
// Each case runs for BUFFER_BENCH_MS milliseconds (default 400) after a
// short warm-up; BUFFER_BENCH_FILTER=word runs only the cases whose name
// contains word; BUFFER_BENCH_CPU=1 counts the process's CPU time instead of
// wall time (steadier on a shared machine; it includes GC threads). Output:
// one line per case, "name  ops/s  MB/s", and a final JSON line
// ({"case": opsPerSecond, ...}) for tools that compare runs.

const durationMs = Number(process.env.BUFFER_BENCH_MS || 400);
const filter = process.env.BUFFER_BENCH_FILTER || '';
const cpuTime = process.env.BUFFER_BENCH_CPU === '1';

// A sink the optimizer cannot see through.
let sink = 0;

// Nanoseconds of wall time, or of CPU time with BUFFER_BENCH_CPU=1.
function now() {
  if (cpuTime) {
    const { user, system } = process.cpuUsage();
    return (user + system) * 1000;
  }
  return Number(process.hrtime.bigint());
}

function measure(fn, ms) {
  let ops = 0;
  let batch = 1;
  const start = now();
  const limit = ms * 1e6;
  let elapsed = 0;
  while (elapsed < limit) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    elapsed = now() - start;
    if (elapsed < limit / 20) batch *= 2;
  }
  return ops / (elapsed / 1e9);
}

const results = {};

function bench(name, bytes, fn) {
  if (filter && !name.includes(filter)) return;
  measure(fn, Math.min(100, durationMs / 4)); // warm-up: let the JIT settle
  const opsPerSec = measure(fn, durationMs);
  results[name] = Math.round(opsPerSec);
  const mbps = bytes > 0 ? `${(opsPerSec * bytes / 1e6).toFixed(1).padStart(10)} MB/s` : '';
  console.log(`${name.padEnd(34)} ${Math.round(opsPerSec).toString().padStart(12)} ops/s ${mbps}`);
}

// Deterministic content: ASCII text, mixed text (2- and 3-byte characters
// and emoji), random bytes.
function asciiText(n) {
  const words = 'the quick brown fox jumps over the lazy dog 0123456789 ';
  return words.repeat(Math.ceil(n / words.length)).slice(0, n);
}

function mixedText(nBytes) {
  const words = ['plain ', 'caf\u00e9 ', 'na\u00efve ', '\u4e16\u754c ', '\ud83d\ude00 ', 'stra\u00dfe '];
  let s = '';
  let bytes = 0;
  for (let i = 0; bytes < nBytes; i++) {
    const w = words[i % words.length];
    s += w;
    bytes += Buffer.byteLength(w);
  }
  return s;
}

function randomBytes(n) {
  const b = Buffer.allocUnsafe(n);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 255;
  }
  return b;
}

for (const [label, size] of [['1KiB', 1024], ['1MiB', 1024 * 1024]]) {
  const ascii = asciiText(size);
  const mixed = mixedText(size);
  const asciiBuf = Buffer.from(ascii);
  const mixedBuf = Buffer.from(mixed);
  const data = randomBytes(size);
  const b64 = data.toString('base64');
  const hex = data.toString('hex');

  bench(`utf8 encode ascii ${label}`, size, () => { sink += Buffer.from(ascii).length; });
  bench(`utf8 encode mixed ${label}`, mixedBuf.length, () => { sink += Buffer.from(mixed).length; });
  bench(`utf8 decode ascii ${label}`, size, () => { sink += asciiBuf.toString().length; });
  bench(`utf8 decode mixed ${label}`, mixedBuf.length, () => { sink += mixedBuf.toString().length; });
  bench(`utf8 byteLength mixed ${label}`, mixedBuf.length, () => { sink += Buffer.byteLength(mixed); });
  bench(`base64 encode ${label}`, size, () => { sink += data.toString('base64').length; });
  bench(`base64 decode ${label}`, size, () => { sink += Buffer.from(b64, 'base64').length; });
  bench(`hex encode ${label}`, size, () => { sink += data.toString('hex').length; });
  bench(`hex decode ${label}`, size, () => { sink += Buffer.from(hex, 'hex').length; });
  bench(`latin1 decode ${label}`, size, () => { sink += data.toString('latin1').length; });
  bench(`TextDecoder utf8 mixed ${label}`, mixedBuf.length, () => {
    sink += new TextDecoder().decode(mixedBuf).length;
  });
  bench(`TextEncoder mixed ${label}`, mixedBuf.length, () => {
    sink += new TextEncoder().encode(mixed).length;
  });
}

{
  const small = [];
  for (let i = 0; i < 16; i++) small.push(Buffer.from(`chunk number ${i} of sixteen;`));
  const smallBytes = small.reduce((n, b) => n + b.length, 0);
  bench('Buffer.concat 16 small', smallBytes, () => { sink += Buffer.concat(small).length; });
  const big = [];
  for (let i = 0; i < 16; i++) big.push(randomBytes(64 * 1024));
  bench('Buffer.concat 16 x 64KiB', 16 * 64 * 1024, () => { sink += Buffer.concat(big).length; });
}

{
  const b = Buffer.from('GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n');
  bench('small toString (48 B)', b.length, () => { sink += b.toString().length; });
  bench('small Buffer.from string', 0, () => { sink += Buffer.from('hello world').length; });
  bench('small write utf8', 0, () => { sink += b.write('Host', 27); });
  bench('allocUnsafe(64)', 0, () => { sink += Buffer.allocUnsafe(64).length; });
  bench('readUInt32LE + writeUInt32LE', 0, () => {
    b.writeUInt32LE(b.readUInt32LE(4) ^ 1, 4);
    sink += b[4];
  });
  bench('indexOf CRLFCRLF', b.length, () => { sink += b.indexOf('\r\n\r\n'); });
}

console.log(JSON.stringify(results));
if (sink === -1) console.log(sink);
