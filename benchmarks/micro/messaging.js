'use strict';
// Messages between threads: the round-trip latency of a small message
// between two workers, messages per second one way (the sender posts in
// bursts, as a busy producer does; small objects, then strings), the time to start a worker (from
// `new Worker` to its first message), and the transfer of a 64 MiB
// ArrayBuffer (beside a 1 KiB one: a transfer moves memory, it copies
// nothing, so both should take about the same time). Runs under node and
// shard:
//
//   node benchmarks/micro/messaging.js
//   out/shard benchmarks/micro/messaging.js
//
// Last, a CPU-bound case: a Mandelbrot image rendered by one worker, then by
// as many workers as the machine has CPUs (the speed-up, measured).
//
// MESSAGING_BENCH_SCALE multiplies the iteration counts (default 1);
// MESSAGING_BENCH_FILTER=word runs only the cases whose name contains word.
// Output: one line per case, then a JSON line ({"case": value, ...}).

const { Worker, MessageChannel, isMainThread, parentPort, workerData } = require('worker_threads');

const scale = Number(process.env.MESSAGING_BENCH_SCALE || 1);
const filter = process.env.MESSAGING_BENCH_FILTER || '';

// ---- the worker side: one script, the role comes in workerData ----

if (!isMainThread) {
  const { role } = workerData;
  if (role === 'pinger') {
    // Sends `count` pings on its port and waits for each pong.
    parentPort.once('message', ({ port, count }) => {
      let left = count;
      const start = process.hrtime.bigint();
      port.on('message', () => {
        if (--left === 0) {
          parentPort.postMessage(Number(process.hrtime.bigint() - start));
          port.close();
          return;
        }
        port.postMessage(left);
      });
      port.postMessage(left);
    });
  } else if (role === 'echo') {
    parentPort.once('message', ({ port }) => {
      port.on('message', (m) => port.postMessage(m));
      port.on('close', () => process.exit(0));
    });
  } else if (role === 'sender') {
    // Posts `count` messages in bursts of `burst`, yielding between bursts.
    parentPort.once('message', ({ port, count, burst, kind }) => {
      let sent = 0;
      const payload = { seq: 0, text: 'hello' };
      function again() {
        if (kind === 'string') {
          for (let i = 0; i < burst && sent < count; i++) port.postMessage(`hello ${sent++}`);
        } else {
          for (let i = 0; i < burst && sent < count; i++) {
            payload.seq = sent++;
            port.postMessage(payload);
          }
        }
        if (sent < count) setImmediate(again);
      }
      again();
    });
  } else if (role === 'receiver') {
    parentPort.once('message', ({ port, count }) => {
      let got = 0;
      let start;
      port.on('message', () => {
        if (got === 0) start = process.hrtime.bigint();
        if (++got === count) {
          parentPort.postMessage(Number(process.hrtime.bigint() - start));
          port.close();
        }
      });
      parentPort.postMessage('ready');
    });
  } else if (role === 'hello') {
    parentPort.postMessage('up');
  } else if (role === 'bounce') {
    parentPort.on('message', (ab) => parentPort.postMessage(ab, [ab]));
  } else if (role === 'mandelbrot') {
    // Rows index, index + count, ...: every worker gets as much of the
    // costly middle of the image.
    const { buffer, width, height, index, count, maxIter } = workerData;
    const image = new Uint16Array(buffer);
    for (let y = index; y < height; y += count) {
      const ci = (y / height) * 2.4 - 1.2;
      for (let x = 0; x < width; x++) {
        const cr = (x / width) * 3.2 - 2.2;
        let zr = 0;
        let zi = 0;
        let n = 0;
        while (n < maxIter && zr * zr + zi * zi <= 4) {
          const t = zr * zr - zi * zi + cr;
          zi = 2 * zr * zi + ci;
          zr = t;
          n++;
        }
        image[y * width + x] = n;
      }
    }
    parentPort.postMessage('done');
  }
  return;
}

// ---- the main thread ----

const results = {};

function report(name, value, unit) {
  results[name] = Math.round(value * 100) / 100;
  console.log(`${name.padEnd(32)} ${value.toFixed(2).padStart(14)} ${unit}`);
}

function spawn(role) {
  return new Worker(__filename, { workerData: { role } });
}

function once(emitter, event) {
  return new Promise((resolve) => emitter.once(event, resolve));
}

async function roundTrip(count) {
  const pinger = spawn('pinger');
  const echo = spawn('echo');
  const { port1, port2 } = new MessageChannel();
  echo.postMessage({ port: port2 }, [port2]);
  pinger.postMessage({ port: port1, count }, [port1]);
  const ns = await once(pinger, 'message');
  await Promise.all([pinger.terminate(), once(echo, 'exit')]);
  return ns / count / 1000; // µs per round trip
}

async function oneWay(count, burst, kind) {
  const sender = spawn('sender');
  const receiver = spawn('receiver');
  const { port1, port2 } = new MessageChannel();
  receiver.postMessage({ port: port2, count }, [port2]);
  await once(receiver, 'message'); // ready
  sender.postMessage({ port: port1, count, burst, kind }, [port1]);
  const ns = await once(receiver, 'message');
  await Promise.all([sender.terminate(), receiver.terminate()]);
  return count / (ns / 1e9); // messages per second
}

async function startTime(count) {
  let total = 0n;
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const w = spawn('hello');
    await once(w, 'message');
    total += process.hrtime.bigint() - start;
    await w.terminate();
  }
  return Number(total) / count / 1e6; // ms
}

async function transfer(bytes, count) {
  const w = spawn('bounce');
  let ab = new ArrayBuffer(bytes);
  new Uint8Array(ab).fill(7);
  // Warm-up.
  w.postMessage(ab, [ab]);
  ab = await once(w, 'message');
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    w.postMessage(ab, [ab]);
    ab = await once(w, 'message');
  }
  const ns = Number(process.hrtime.bigint() - start);
  if (ab.byteLength !== bytes || new Uint8Array(ab)[bytes - 1] !== 7) throw new Error('transfer corrupted the buffer');
  await w.terminate();
  return ns / count / 2 / 1000; // µs per one-way transfer
}

async function mandelbrot(count) {
  const width = 1600;
  const height = Math.round(1200 * scale);
  const buffer = new SharedArrayBuffer(width * height * 2);
  const start = process.hrtime.bigint();
  const done = [];
  for (let i = 0; i < count; i++) {
    const w = new Worker(__filename, {
      workerData: { role: 'mandelbrot', buffer, width, height, index: i, count, maxIter: 500 },
    });
    done.push(once(w, 'exit'));
  }
  await Promise.all(done);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const cpus = require('os').availableParallelism?.() ?? require('os').cpus().length;

const cases = [
  ['roundtrip latency', async () => report('roundtrip latency', await roundTrip(Math.round(20000 * scale)), 'µs')],
  ['one-way objects', async () => report('one-way objects', await oneWay(Math.round(500000 * scale), 1000, 'object'), 'msg/s')],
  ['one-way strings', async () => report('one-way strings', await oneWay(Math.round(500000 * scale), 1000, 'string'), 'msg/s')],
  ['worker start', async () => report('worker start', await startTime(Math.max(3, Math.round(30 * scale))), 'ms')],
  ['transfer 1 KiB', async () => report('transfer 1 KiB', await transfer(1024, Math.round(2000 * scale)), 'µs')],
  ['transfer 64 MiB', async () => report('transfer 64 MiB', await transfer(64 << 20, Math.round(2000 * scale)), 'µs')],
  ['mandelbrot', async () => {
    const one = await mandelbrot(1);
    const many = await mandelbrot(cpus);
    report('mandelbrot 1 worker', one, 'ms');
    report(`mandelbrot ${cpus} workers`, many, 'ms');
    report(`mandelbrot speed-up x${cpus}`, one / many, 'x');
  }],
];

(async () => {
  for (const [name, run] of cases) {
    if (filter && !name.includes(filter)) continue;
    await run();
  }
  console.log(JSON.stringify(results));
})();
