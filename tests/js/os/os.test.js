'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const os = require('node:os');

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
