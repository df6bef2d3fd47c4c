'use strict';
// node:os, over internalBinding('os'). Failures of the system calls become
// Node's SystemError (code ERR_SYSTEM_ERROR, with `info`, `errno`,
// `syscall`), named after the libuv call Node would have made.

const binding = internalBinding('os');
const { getErrorInfo } = internalBinding('errno');
const { kIsNodeError } = require('internal/errors');
const { validateInt32 } = require('internal/validators');

// Node's SystemError, made from a negative errno.
function systemError(err, syscall) {
  const [code, message] = getErrorInfo(err);
  const context = { errno: err, code, message, syscall };
  const error = new Error(`A system error occurred: ${syscall} returned ${code} (${message})`);
  Object.defineProperties(error, {
    [kIsNodeError]: { value: true, enumerable: false, writable: false, configurable: true },
    name: { value: 'SystemError', enumerable: false, writable: true, configurable: true },
    info: { value: context, enumerable: true, configurable: true, writable: false },
    errno: {
      get() { return context.errno; },
      set(value) { context.errno = value; },
      enumerable: true,
      configurable: true,
    },
    syscall: {
      get() { return context.syscall; },
      set(value) { context.syscall = value; },
      enumerable: true,
      configurable: true,
    },
    toString: {
      value() { return `${this.name} [${this.code}]: ${this.message}`; },
      enumerable: false,
      writable: true,
      configurable: true,
    },
  });
  error.code = 'ERR_SYSTEM_ERROR';
  Error.captureStackTrace(error, systemError);
  return error;
}

function check(value, syscall) {
  if (typeof value === 'number' && value < 0) throw systemError(value, syscall);
  return value;
}

// Node lets these functions stand for their value in string contexts
// (`${os.hostname}`), through Symbol.toPrimitive.
function primitive(fn) {
  fn[Symbol.toPrimitive] = () => fn();
  return fn;
}

const hostname = primitive(function hostname() {
  return check(binding.getHostname(), 'uv_os_gethostname');
});

let unameCache;
function uname() {
  // The kernel's names do not change while the process runs.
  unameCache ??= check(binding.getUname(), 'uv_os_uname');
  return unameCache;
}

const type = primitive(function type() { return uname()[0]; });
const release = primitive(function release() { return uname()[1]; });
const version = primitive(function version() { return uname()[2]; });
const machine = primitive(function machine() { return uname()[3]; });

const uptime = primitive(function uptime() {
  return check(binding.getUptime(), 'uv_uptime');
});

const loadavgValues = new Float64Array(3);
function loadavg() {
  binding.getLoadAvg(loadavgValues);
  return [loadavgValues[0], loadavgValues[1], loadavgValues[2]];
}

const totalmem = primitive(function totalmem() { return binding.getTotalMem(); });
const freemem = primitive(function freemem() { return binding.getFreeMem(); });
const availableParallelism = primitive(function availableParallelism() {
  return binding.availableParallelism();
});

function cpus() {
  const data = binding.getCPUs();
  const out = [];
  for (let i = 0; i < data.length; i += 7) {
    out.push({
      model: data[i],
      speed: data[i + 1],
      times: { user: data[i + 2], nice: data[i + 3], sys: data[i + 4], idle: data[i + 5], irq: data[i + 6] },
    });
  }
  return out;
}

const arch = primitive(function arch() { return process.arch; });
const platform = primitive(function platform() { return process.platform; });
const endianness = primitive(function endianness() { return 'LE'; });

const tmpdir = primitive(function tmpdir() {
  const env = process.env;
  let path = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
});

const homedir = primitive(function homedir() {
  // process.env is this core's copy of the environment, so HOME is read
  // there (as Node's getenv sees what process.env set).
  const home = process.env.HOME;
  if (home) return home;
  return check(binding.getHomeDirectory(), 'uv_os_homedir');
});

function userInfo(options = undefined) {
  if (typeof options !== 'object') options = null;
  const info = check(binding.getUserInfo(), 'uv_os_get_passwd');
  const [uid, gid, username, home, shell] = info;
  if (options?.encoding === 'buffer') {
    const { Buffer } = require('buffer');
    return {
      __proto__: null,
      uid,
      gid,
      username: Buffer.from(username),
      homedir: Buffer.from(home),
      shell: shell === null ? null : Buffer.from(shell),
    };
  }
  return { __proto__: null, uid, gid, username, homedir: home, shell };
}

// A netmask's prefix length, or null when its bits are not contiguous.
function prefixLength(netmask, family) {
  let bits = 0;
  let seenZero = false;
  const parts = family === 'IPv4' ?
    netmask.split('.').map((p) => Number(p)) :
    expandIPv6(netmask);
  const width = family === 'IPv4' ? 8 : 16;
  for (const part of parts) {
    for (let b = width - 1; b >= 0; b--) {
      if ((part >> b) & 1) {
        if (seenZero) return null;
        bits++;
      } else {
        seenZero = true;
      }
    }
  }
  return bits;
}

function expandIPv6(text) {
  const [head, tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => Number.parseInt(g || '0', 16));
}

function networkInterfaces() {
  const data = check(binding.getInterfaceAddresses(), 'uv_interface_addresses');
  const result = {};
  for (let i = 0; i < data.length; i += 7) {
    const name = data[i];
    const family = data[i + 3];
    const entry = {
      address: data[i + 1],
      netmask: data[i + 2],
      family,
      mac: data[i + 4],
      internal: data[i + 5],
      cidr: null,
    };
    const bits = prefixLength(entry.netmask, family);
    entry.cidr = bits === null ? null : `${entry.address}/${bits}`;
    if (family === 'IPv6') entry.scopeid = data[i + 6];
    (result[name] ??= []).push(entry);
  }
  return result;
}

function getPriority(pid = 0) {
  validateInt32(pid, 'pid');
  const [err, priority] = binding.getPriority(pid);
  if (err < 0) throw systemError(err, 'uv_os_getpriority');
  return priority;
}

function setPriority(pid, priority) {
  if (priority === undefined) {
    priority = pid;
    pid = 0;
  }
  validateInt32(pid, 'pid');
  validateInt32(priority, 'priority', -20, 19);
  check(binding.setPriority(pid, priority), 'uv_os_setpriority');
}

// As Node: null-prototype objects, and only the signals frozen.
const constants = {
  __proto__: null,
  UV_UDP_REUSEADDR: 4,
  dlopen: Object.setPrototypeOf(binding.constants.dlopen, null),
  errno: Object.setPrototypeOf(binding.constants.errno, null),
  signals: Object.freeze(Object.setPrototypeOf(binding.constants.signals, null)),
  priority: {
    __proto__: null,
    PRIORITY_LOW: 19,
    PRIORITY_BELOW_NORMAL: 10,
    PRIORITY_NORMAL: 0,
    PRIORITY_ABOVE_NORMAL: -7,
    PRIORITY_HIGH: -14,
    PRIORITY_HIGHEST: -20,
  },
};

module.exports = {
  arch,
  availableParallelism,
  cpus,
  endianness,
  freemem,
  getPriority,
  homedir,
  hostname,
  loadavg,
  networkInterfaces,
  platform,
  release,
  setPriority,
  tmpdir,
  totalmem,
  type,
  userInfo,
  uptime,
  version,
  machine,
};

Object.defineProperties(module.exports, {
  constants: { configurable: false, enumerable: true, value: constants },
  EOL: { configurable: true, enumerable: true, writable: false, value: '\n' },
  devNull: { configurable: true, enumerable: true, writable: false, value: '/dev/null' },
});
