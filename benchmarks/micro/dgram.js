'use strict';
// node:dgram over loopback: datagrams per second of CPU time, for a burst
// receiver (a stream of small datagrams from another process, as an
// ingestion endpoint sees them) and for a request/response echo (one in
// flight per client, four clients). Runs under node and shard:
//
//   node benchmarks/micro/dgram.js
//   out/shard benchmarks/micro/dgram.js
//
// DGRAM_COUNT datagrams per case (default 200000), DGRAM_ROUNDS rounds
// (default 3); prints the best and median round, then one JSON line of the
// best figures. Rates are per second of CPU time the process used;
// BENCH_CLOCK=wall gives rates per elapsed second. Datagrams the kernel
// drops when the receiver falls behind are counted as lost, not as received.

const dgram = require('dgram');

const count = Number(process.env.DGRAM_COUNT || 200000);
const rounds = Number(process.env.DGRAM_ROUNDS || 3);
const useWall = process.env.BENCH_CLOCK === 'wall';

function clock() {
  if (useWall) return Number(process.hrtime.bigint()) / 1e9;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function bound(address = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    s.bind(0, address, () => resolve(s));
  });
}

function close(s) {
  return new Promise((resolve) => s.close(resolve));
}

// A child process (the same runtime) pushes 64-byte datagrams with up to 8
// sends outstanding; this process only receives and counts, so the rate is
// the receive path's cost per datagram (receiver CPU time). Datagrams the
// kernel dropped because the receiver fell behind count as lost.
async function burst() {
  const receiver = await bound();
  receiver.setRecvBufferSize(4 * 1024 * 1024);
  const port = receiver.address().port;
  let received = 0;
  let start;
  receiver.on('message', () => {
    if (received++ === 0) start = clock();
  });
  const { spawn } = require('child_process');
  const child = spawn(process.execPath, [__filename, 'sender', String(port), String(count)], { stdio: 'inherit' });
  await new Promise((resolve) => child.on('exit', resolve));
  let last = -1;
  while (last !== received) {
    last = received;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const elapsed = clock() - start - (useWall ? 0.02 : 0);
  await close(receiver);
  return { rate: received / elapsed, lost: count - received };
}

async function sender(port, n) {
  const s = await bound();
  const payload = Buffer.alloc(64, 7);
  let sent = 0;
  let done = 0;
  await new Promise((resolve) => {
    const pump = () => {
      while (sent < n && sent - done < 8) {
        sent++;
        s.send(payload, port, '127.0.0.1', () => {
          if (++done === n) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  await close(s);
}

// Clients send one datagram and wait for the echo before the next.
async function echo() {
  const server = await bound();
  server.on('message', (msg, rinfo) => server.send(msg, rinfo.port, rinfo.address));
  const port = server.address().port;
  const clients = await Promise.all([bound(), bound(), bound(), bound()]);
  const payload = Buffer.alloc(64, 1);
  const per = Math.floor(count / 4 / clients.length);
  const start = clock();
  await Promise.all(clients.map((c) => new Promise((resolve) => {
    let n = 0;
    c.on('message', () => {
      if (++n === per) resolve();
      else c.send(payload, port, '127.0.0.1');
    });
    c.send(payload, port, '127.0.0.1');
  })));
  const elapsed = clock() - start;
  await Promise.all([...clients.map(close), close(server)]);
  return { rate: (per * clients.length) / elapsed };
}

async function main() {
  const results = {};
  for (const [name, fn] of [['burst', burst], ['echo', echo]]) {
    const rates = [];
    let lost = 0;
    for (let i = 0; i < rounds; i++) {
      const r = await fn();
      rates.push(r.rate);
      lost += r.lost ?? 0;
    }
    rates.sort((a, b) => a - b);
    const best = rates[rates.length - 1];
    const median = rates[Math.floor(rates.length / 2)];
    console.log(`${name.padEnd(6)} best ${Math.round(best)}/s  median ${Math.round(median)}/s` +
      (name === 'burst' ? `  lost ${lost}` : ''));
    results[name] = Math.round(best);
  }
  console.log(JSON.stringify({ runtime: process.versions.shard ? 'shard' : 'node', ...results }));
}

if (process.argv[2] === 'sender') sender(Number(process.argv[3]), Number(process.argv[4]));
else main();
