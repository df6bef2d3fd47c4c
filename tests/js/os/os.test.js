'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const os = require('node:os');
const fs = require('node:fs');

test('constant answers on Linux x64', () => {
  assert.strictEqual(os.EOL, '\n');
  assert.strictEqual(os.devNull, '/dev/null');
  assert.strictEqual(os.platform(), 'linux');
  assert.strictEqual(os.platform(), process.platform);
  assert.strictEqual(os.arch(), process.arch);
  assert.strictEqual(os.endianness(), 'LE');
  assert.strictEqual(os.type(), 'Linux');
  assert.strictEqual(`${os.platform}`, 'linux');
  assert.strictEqual(String(os.type), 'Linux');
});

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

test('networkInterfaces includes the loopback', () => {
  const ifaces = os.networkInterfaces();
  const lo = ifaces.lo;
  assert.ok(Array.isArray(lo));
  const v4 = lo.find((e) => e.family === 'IPv4');
  assert.deepStrictEqual(v4, {
    address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true,
    cidr: '127.0.0.1/8',
  });
  for (const list of Object.values(ifaces)) {
    for (const e of list) {
      assert.ok(e.family === 'IPv4' || e.family === 'IPv6');
      assert.match(e.mac, /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      if (e.family === 'IPv6') assert.strictEqual(typeof e.scopeid, 'number');
      if (e.cidr !== null) assert.ok(e.cidr.startsWith(`${e.address}/`));
    }
  }
});

test('userInfo, homedir and tmpdir', () => {
  const info = os.userInfo();
  assert.strictEqual(Object.getPrototypeOf(info), null);
  assert.strictEqual(info.uid, process.geteuid());
  assert.strictEqual(info.gid, process.getegid());
  assert.strictEqual(typeof info.username, 'string');
  assert.strictEqual(typeof info.homedir, 'string');
  assert.ok(info.shell === null || typeof info.shell === 'string');
  assert.strictEqual(os.userInfo('buffer').username, info.username); // options must be an object

  const savedHome = process.env.HOME;
  const savedTmp = process.env.TMPDIR;
  try {
    process.env.HOME = '/some/where';
    assert.strictEqual(os.homedir(), '/some/where');
    process.env.TMPDIR = '/var/tmp/';
    assert.strictEqual(os.tmpdir(), '/var/tmp');
    process.env.TMPDIR = '/';
    assert.strictEqual(os.tmpdir(), '/');
    delete process.env.TMPDIR;
    const savedTMP = process.env.TMP;
    const savedTEMP = process.env.TEMP;
    delete process.env.TMP;
    delete process.env.TEMP;
    assert.strictEqual(os.tmpdir(), '/tmp');
    if (savedTMP !== undefined) process.env.TMP = savedTMP;
    if (savedTEMP !== undefined) process.env.TEMP = savedTEMP;
  } finally {
    if (savedHome === undefined) delete process.env.HOME; else process.env.HOME = savedHome;
    if (savedTmp === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = savedTmp;
  }
});

test('priorities', () => {
  assert.strictEqual(typeof os.getPriority(), 'number');
  assert.strictEqual(os.getPriority(0), os.getPriority(process.pid));
  const before = os.getPriority();
  os.setPriority(before); // the same value is always allowed
  assert.strictEqual(os.getPriority(), before);
  assert.throws(() => os.setPriority(0, 100), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => os.setPriority('x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => os.getPriority(2 ** 31), { code: 'ERR_OUT_OF_RANGE' });
  // A pid that cannot exist (above the kernel's pid_max).
  assert.throws(() => os.getPriority(2 ** 30), (err) => {
    assert.strictEqual(err.code, 'ERR_SYSTEM_ERROR');
    assert.strictEqual(err.name, 'SystemError');
    assert.strictEqual(err.info.code, 'ESRCH');
    assert.strictEqual(err.syscall, 'uv_os_getpriority');
    assert.strictEqual(err.errno, err.info.errno);
    assert.match(err.message, /^A system error occurred: uv_os_getpriority returned ESRCH \(no such process\)$/);
    return true;
  });
});

test('constants', () => {
  const { constants } = os;
  assert.ok(Object.isFrozen(constants.signals));
  assert.strictEqual(Object.getPrototypeOf(constants.errno), null);
  assert.strictEqual(constants.signals.SIGINT, 2);
  assert.strictEqual(constants.signals.SIGTERM, 15);
  assert.strictEqual(constants.errno.ENOENT, 2);
  assert.strictEqual(constants.errno.EADDRINUSE, 98);
  assert.strictEqual(constants.priority.PRIORITY_HIGHEST, -20);
  assert.strictEqual(constants.priority.PRIORITY_LOW, 19);
  assert.strictEqual(constants.dlopen.RTLD_NOW, 2);
  assert.strictEqual(constants.UV_UDP_REUSEADDR, 4);
});
