'use strict';
// Builds `process` and registers the JavaScript entry points of the event
// loop (internalBinding('loop').setCallbacks); the global scope is
// internal/bootstrap/globals'.

const processBinding = internalBinding('process');
const loop = internalBinding('loop');
const options = processBinding.getOptions();
const { hasBuiltin } = internalBinding('builtins');

// ---- process as an EventEmitter, the global scope, the polyfills ----
require('internal/bootstrap/globals');

const kNodeVersion = '22.12.0';
const kShardVersion = '0.1.0';
const perThread = require('internal/process/per_thread');

process.title = 'shard';
process.version = `v${kNodeVersion}`;
process.versions = {
  node: kNodeVersion,
  shard: kShardVersion,
  v8: options.v8Version,
  modules: '127',
  napi: '9',
  ...options.libraryVersions,
};
process.arch = 'x64';
process.platform = 'linux';
process.release = { name: 'node', lts: undefined, sourceUrl: '', headersUrl: '' };
process.execPath = options.execPath;
process.argv0 = options.argv0;
process.execArgv = options.execArgv;
process.argv = [options.execPath];
process.pid = processBinding.ids()[0];
Object.defineProperty(process, 'ppid', { get() { return processBinding.ids()[1]; }, enumerable: true, configurable: true });
process.features = { inspector: false, debug: false, uv: false, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: false, tls: true, cached_builtins: true, typescript: false };
process.config = {
  target_defaults: {},
  variables: { asan: options.asan, node_shared: false, v8_enable_i18n_support: 1 },
};
process[Symbol.for('shard.cores')] = options.cores;
process[Symbol.for('shard.core')] = options.core;

process.cwd = processBinding.cwd;
process.chdir = perThread.chdir;
process.umask = perThread.umask;
process.hrtime = perThread.hrtime;
process.uptime = processBinding.uptime;
process.memoryUsage = perThread.memoryUsage;
process.cpuUsage = perThread.cpuUsage;
process.resourceUsage = perThread.resourceUsage;
process.kill = perThread.kill;
process.getuid = () => processBinding.ids()[2];
process.geteuid = () => processBinding.ids()[3];
process.getgid = () => processBinding.ids()[4];
process.getegid = () => processBinding.ids()[5];
process.getgroups = processBinding.getgroups;
process.abort = () => {
  processBinding.writeStdio(2, 'shard: process.abort() called\n');
  // Ends the whole process with SIGABRT, as Node does.
  perThread.kill(process.pid, 'SIGABRT');
};
process.constrainedMemory = () => 0;
process.availableMemory = () => require('os').freemem();
process.getActiveResourcesInfo = () => [];
process.setSourceMapsEnabled = () => {};
process.getBuiltinModule = (id) => require('internal/modules/helpers').getBuiltinModule(id);
process.dlopen = () => {
  const { codes: { ERR_DLOPEN_FAILED } } = require('internal/errors');
  throw new ERR_DLOPEN_FAILED('shard does not load native addons (.node files) yet');
};
process.binding = (name) => {
  const { codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');
  throw new ERR_INVALID_ARG_VALUE('name', name, 'is not supported: process.binding() is deprecated and shard does not provide it');
};
process._rawDebug = (...args) => processBinding.writeStdio(2, `${require('internal/util/inspect').format(...args)}\n`);
process.allowedNodeEnvironmentFlags = new Set();
process.emitWarning = (...args) => require('internal/process/warning').emitWarning(...args);
process.loadEnvFile = (path = '.env') => require('internal/process/env_file').loadEnvFile(path);

// exitCode: validated as Node does.
let exitCode;
Object.defineProperty(process, 'exitCode', {
  get() { return exitCode; },
  set(code) {
    if (code !== null && code !== undefined) {
      let value = code;
      if (typeof code === 'string' && code !== '' && Number.isInteger(+code)) value = +code;
      const { validateInteger } = require('internal/validators');
      validateInteger(value, 'code');
    }
    exitCode = code;
  },
  enumerable: true,
  configurable: false,
});

process._exiting = false;
process.exit = function exit(code) {
  if (arguments.length !== 0) process.exitCode = code;
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', process.exitCode || 0);
  }
  processBinding.reallyExit(process.exitCode || 0);
};
process.reallyExit = (code) => processBinding.reallyExit(code | 0);

// process.env: this core's own copy, values always strings (as Node).
process.env = require('internal/process/env').createEnv(options.env);
require('internal/process/warning').initWarningFlags();

// ---- stdio ----
const stdio = require('internal/process/stdio');
Object.defineProperty(process, 'stdout', { get: stdio.getStdout, enumerable: false, configurable: true });
Object.defineProperty(process, 'stderr', { get: stdio.getStderr, enumerable: false, configurable: true });
Object.defineProperty(process, 'stdin', { get: stdio.getStdin, enumerable: false, configurable: true });

// ---- signals: a listener tells the main thread to forward the signal ----
const signals = processBinding.signals;
function isSignal(event) {
  return typeof event === 'string' && event.startsWith('SIG') && signals[event] !== undefined;
}
process.on('newListener', (event) => {
  if (isSignal(event) && process.listenerCount(event) === 0) {
    processBinding.setSignalListening(signals[event], true);
  }
});
process.on('removeListener', (event) => {
  if (isSignal(event) && process.listenerCount(event) === 0) {
    processBinding.setSignalListening(signals[event], false);
  }
});
const signalNames = require('internal/util').getSignalsToNamesMapping();

// ---- task queues, timers ----
const { nextTick, processTicksAndRejections } = require('internal/process/task_queues');
process.nextTick = nextTick;
const promises = require('internal/process/promises');
const { processTimers, processImmediate } = require('internal/timers');

// ---- uncaught exceptions ----
const fatal = require('internal/process/execution');
process.setUncaughtExceptionCaptureCallback = fatal.setUncaughtExceptionCaptureCallback;
process.hasUncaughtExceptionCaptureCallback = fatal.hasUncaughtExceptionCaptureCallback;

// ---- the loop's entry points ----
function emitSignal(signo) {
  // --stats: SIGUSR2 prints the counters table, beside any program listener.
  if (options.stats && signo === signals.SIGUSR2) internalBinding('perf').signalStats();
  const name = signalNames[signo];
  if (name !== undefined) process.emit(name, name, signo);
}

function beforeExit() {
  process.emit('beforeExit', process.exitCode || 0);
}

// Called by C++ once the loop has ended (or the process is exiting).
function emitExit(code) {
  if (!process._exiting) {
    process._exiting = true;
    if (process.exitCode === undefined && code !== 0) process.exitCode = code;
    process.emit('exit', process.exitCode || 0);
  }
  return process.exitCode || 0;
}

let loopOnCompletions;
function onCompletions(count) {
  loopOnCompletions ??= require('internal/loop').onCompletions;
  loopOnCompletions(count);
}

// A child started by child_process.fork (or with 'ipc' in its stdio): the
// channel to the parent becomes process.send and 'message' (on core 0).
if (process.env.NODE_CHANNEL_FD !== undefined) {
  const fd = Number.parseInt(process.env.NODE_CHANNEL_FD, 10);
  const mode = process.env.NODE_CHANNEL_SERIALIZATION_MODE || 'json';
  delete process.env.NODE_CHANNEL_FD;
  delete process.env.NODE_CHANNEL_SERIALIZATION_MODE;
  if (options.core === 0 && fd >= 0 && hasBuiltin('child_process')) require('child_process')._forkChild(fd, mode);
}

loop.setCallbacks({
  processTimers,
  processImmediate,
  onCompletions,
  runTicks: processTicksAndRejections,
  emitSignal,
  beforeExit,
  emitExit,
  fatalException: fatal.fatalException,
  promiseReject: promises.promiseRejectHandler,
  runMain() {
    // Workers and cluster copies start through their side of the channel to
    // their parent (internal/worker/thread).
    if (internalBinding('worker').kind !== 'main') return require('internal/worker/thread').runMain(options);
    require('internal/main/run').runMain(options);
  },
});
