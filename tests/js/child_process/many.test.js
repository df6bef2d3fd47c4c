'use strict';
// 500 children started and reaped: afterwards no child of ours is a zombie
// and no descriptor is left open (both checked in /proc).
const test = require('node:test');
const assert = require('node:assert');
const cp = require('node:child_process');
const fs = require('node:fs');

function openFds() {
  return fs.readdirSync('/proc/self/fd').length;
}

function zombieChildren() {
  const zombies = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid ...: comm may hold spaces, so parse after ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' && Number(fields[1]) === process.pid) zombies.push(Number(entry));
  }
  return zombies;
}

async function runBatch(count, concurrency, makeChild) {
  let started = 0;
  const codes = [];
  async function worker() {
    while (started < count) {
      const n = started++;
      const child = makeChild(n);
      const code = await new Promise((resolve) => child.on('close', resolve));
      codes.push(code);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return codes;
}

test('500 children with pipes: all reaped, no zombie, no descriptor leak', async () => {
  // Warm up anything opened once (pools, lazily loaded modules).
  await runBatch(5, 5, () => cp.spawn('true'));
  const before = openFds();
  const outputs = [];
  const codes = await runBatch(500, 20, (n) => {
    const child = cp.spawn('sh', ['-c', `echo ${n}; exit ${n % 3}`]);
    child.stdout.on('data', (d) => outputs.push(Number(d)));
    return child;
  });
  assert.strictEqual(codes.length, 500);
  assert.strictEqual(codes.filter((c) => c === 0).length, 167);
  assert.strictEqual(outputs.length, 500);
  assert.deepStrictEqual(outputs.sort((a, b) => a - b), Array.from({ length: 500 }, (_, i) => i));
  assert.deepStrictEqual(zombieChildren(), []);
  assert.strictEqual(openFds(), before);
});

test('children killed, failed and synchronous leave nothing behind either', async () => {
  const before = openFds();
  await runBatch(50, 10, (n) => {
    const child = cp.spawn('sleep', ['30']);
    setTimeout(() => child.kill(n % 2 ? 'SIGKILL' : 'SIGTERM'), 5);
    return child;
  });
  await runBatch(50, 10, () => {
    const child = cp.spawn('no-such-command-shard-test');
    child.on('error', () => {});
    return child;
  });
  for (let i = 0; i < 50; i++) cp.spawnSync('true');
  assert.deepStrictEqual(zombieChildren(), []);
  assert.strictEqual(openFds(), before);
});
