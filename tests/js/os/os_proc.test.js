'use strict';
// node:os checked against what the kernel shows in /proc.
const { test } = require('node:test');
const assert = require('node:assert');
const os = require('node:os');
const fs = require('node:fs');

test('uname fields match the kernel', () => {
  const release = fs.readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  assert.strictEqual(os.release(), release);
  const version = fs.readFileSync('/proc/sys/kernel/version', 'utf8').trim();
  assert.strictEqual(os.version(), version);
  assert.strictEqual(os.machine(), 'x86_64');
  const hostname = fs.readFileSync('/proc/sys/kernel/hostname', 'utf8').trim();
  assert.strictEqual(os.hostname(), hostname);
});

test('memory, load and uptime are plausible numbers', () => {
  const total = os.totalmem();
  const free = os.freemem();
  assert.ok(Number.isInteger(total) && total > 0);
  assert.ok(Number.isInteger(free) && free > 0 && free <= total);
  const meminfo = fs.readFileSync('/proc/meminfo', 'utf8');
  const kb = Number(/^MemTotal:\s+(\d+) kB/m.exec(meminfo)[1]);
  assert.strictEqual(total, kb * 1024);
  const load = os.loadavg();
  assert.strictEqual(load.length, 3);
  for (const l of load) assert.ok(typeof l === 'number' && l >= 0);
  const up = os.uptime();
  const procUp = Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  assert.ok(up > 0 && Math.abs(up - procUp) < 60);
});

test('cpus lists every CPU with times', () => {
  const cpus = os.cpus();
  const stat = fs.readFileSync('/proc/stat', 'utf8');
  const count = stat.split('\n').filter((l) => /^cpu\d+ /.test(l)).length;
  assert.strictEqual(cpus.length, count);
  for (const cpu of cpus) {
    assert.strictEqual(typeof cpu.model, 'string');
    assert.strictEqual(typeof cpu.speed, 'number');
    assert.deepStrictEqual(Object.keys(cpu.times), ['user', 'nice', 'sys', 'idle', 'irq']);
    for (const v of Object.values(cpu.times)) assert.ok(Number.isFinite(v) && v >= 0);
  }
  const p = os.availableParallelism();
  assert.ok(Number.isInteger(p) && p >= 1 && p <= Math.max(count, 1));
});

