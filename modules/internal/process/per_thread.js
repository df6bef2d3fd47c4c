'use strict';
// The methods of `process` that call into the process binding.

const binding = internalBinding('process');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_UNKNOWN_SIGNAL, ERR_WORKER_UNSUPPORTED_OPERATION },
  errnoException,
} = require('internal/errors');
const { validateNumber, validateObject, validateInteger } = require('internal/validators');

const hrValues = new Uint32Array(3);
const memValues = new Float64Array(5);
const usageValues = new Float64Array(16);

function hrtime(time) {
  binding.hrtime(hrValues);
  if (time !== undefined) {
    if (!Array.isArray(time)) throw new ERR_INVALID_ARG_TYPE('time', 'Array', time);
    if (time.length !== 2) throw new ERR_OUT_OF_RANGE('time', 2, time.length);
    const sec = (hrValues[0] * 0x100000000 + hrValues[1]) - time[0];
    const nsec = hrValues[2] - time[1];
    const needsBorrow = nsec < 0;
    return [needsBorrow ? sec - 1 : sec, needsBorrow ? nsec + 1e9 : nsec];
  }
  return [hrValues[0] * 0x100000000 + hrValues[1], hrValues[2]];
}
hrtime.bigint = binding.hrtimeBigInt;

function memoryUsage() {
  binding.memoryUsage(memValues);
  return {
    rss: memValues[0],
    heapTotal: memValues[1],
    heapUsed: memValues[2],
    external: memValues[3],
    arrayBuffers: memValues[4],
  };
}
memoryUsage.rss = binding.rss;

function cpuUsage(prevValue) {
  binding.resourceUsage(usageValues);
  if (prevValue) {
    validateObject(prevValue, 'prevValue');
    validateNumber(prevValue.user, 'prevValue.user');
    validateNumber(prevValue.system, 'prevValue.system');
    return { user: usageValues[0] - prevValue.user, system: usageValues[1] - prevValue.system };
  }
  return { user: usageValues[0], system: usageValues[1] };
}

function resourceUsage() {
  binding.resourceUsage(usageValues);
  return {
    userCPUTime: usageValues[0],
    systemCPUTime: usageValues[1],
    maxRSS: usageValues[2],
    sharedMemorySize: usageValues[3],
    unsharedDataSize: usageValues[4],
    unsharedStackSize: usageValues[5],
    minorPageFault: usageValues[6],
    majorPageFault: usageValues[7],
    swappedOut: usageValues[8],
    fsRead: usageValues[9],
    fsWrite: usageValues[10],
    ipcSent: usageValues[11],
    ipcReceived: usageValues[12],
    signalsCount: usageValues[13],
    voluntaryContextSwitches: usageValues[14],
    involuntaryContextSwitches: usageValues[15],
  };
}

function kill(pid, sig) {
  if (pid != (pid | 0)) throw new ERR_INVALID_ARG_TYPE('pid', 'number', pid);
  let err;
  if (sig === (sig | 0)) {
    err = binding.kill(pid, sig);
  } else {
    sig = sig || 'SIGTERM';
    if (binding.signals[sig] === undefined) throw new ERR_UNKNOWN_SIGNAL(sig);
    err = binding.kill(pid, binding.signals[sig]);
  }
  if (err) throw errnoException(err, 'kill');
  return true;
}

function umask(mask) {
  if (mask === undefined) return binding.umask();
  if (typeof mask === 'string') {
    if (!/^[0-7]+$/.test(mask)) {
      const { codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');
      throw new ERR_INVALID_ARG_VALUE('mask', mask, 'must be a 32-bit unsigned integer or an octal string');
    }
    mask = Number.parseInt(mask, 8);
  }
  validateInteger(mask, 'mask', 0, 0xFFFFFFFF);
  return binding.umask(mask);
}

function chdir(directory) {
  const { validateString } = require('internal/validators');
  validateString(directory, 'directory');
  // The working directory is process-wide: with several cores it would
  // change under the others, so it is refused as in Node's Workers.
  if (process[Symbol.for('shard.cores')] > 1) {
    throw new ERR_WORKER_UNSUPPORTED_OPERATION('process.chdir()');
  }
  binding.chdir(directory);
}

module.exports = { hrtime, memoryUsage, cpuUsage, resourceUsage, kill, umask, chdir };
