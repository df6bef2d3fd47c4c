'use strict';
// The thread side of worker_threads: what a realm knows about itself
// (parentPort, workerData, threadId, environment data), and the start of a
// Worker or a cluster copy (runMain, called by the bootstrap instead of
// internal/main/run's when internalBinding('worker').kind is not 'main').
//
// A Worker reads its program from the first message on its control channel
// (put there by the parent before the thread started, so it is read
// synchronously), wires process.exit, uncaught errors and stdio to the
// parent, says 'online' and runs the program. A Worker's process.exit() and
// uncaught errors end the Worker only: its exit goes to exitThread(), never
// to the process-wide exit.

const { onFirstRequire } = require('internal/bootstrap/realm');

const binding = internalBinding('worker');

const environmentData = new Map();

module.exports = {
  kind: 'main',
  threadId: 0,
  parentPort: null,
  workerData: null,
  resourceLimits: {},
  environmentData,
  runMain,
  // set on a Worker: its control port
  control: null,
};
// This realm's (the worker snapshot holds this module).
onFirstRequire(module, () => {
  module.exports.kind = binding.kind;
  module.exports.threadId = binding.threadId;
});

// ---- uncaught errors cross as plain data ----

const kErrorTypes = ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError',
  'URIError', 'AggregateError'];

function serializeError(error) {
  const isError = error instanceof Error || require('internal/util/types').isNativeError(error);
  if (!isError) return { isError: false, value: error };
  const props = {};
  for (const key of Object.keys(error)) {
    try {
      props[key] = structuredClone(error[key]);
    } catch {
      // A property that cannot cross is left behind.
    }
  }
  let ctor = 'Error';
  for (let proto = Object.getPrototypeOf(error); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const name = proto.constructor?.name;
    if (kErrorTypes.includes(name) && proto === globalThis[name]?.prototype) {
      ctor = name;
      break;
    }
  }
  let stack;
  try {
    stack = error.stack;
  } catch {
    stack = undefined;
  }
  return { isError: true, ctor, name: error.name, message: `${error.message}`, stack, props };
}

function deserializeError(data) {
  if (data === undefined || data === null) return data;
  if (data.unserializable) {
    const { codes: { ERR_WORKER_UNSERIALIZABLE_ERROR } } = require('internal/errors');
    return new ERR_WORKER_UNSERIALIZABLE_ERROR();
  }
  if (!data.isError) return data.value;
  const Ctor = kErrorTypes.includes(data.ctor) ? globalThis[data.ctor] : Error;
  const error = new Ctor(data.message);
  if (data.name !== Ctor.prototype.name) {
    Object.defineProperty(error, 'name', { value: data.name, writable: true, enumerable: false, configurable: true });
  }
  Object.defineProperty(error, 'stack', { value: data.stack, writable: true, enumerable: false, configurable: true });
  Object.assign(error, data.props);
  return error;
}

module.exports.serializeError = serializeError;
module.exports.deserializeError = deserializeError;

// ---- process.env shared with the parent (SHARE_ENV) ----

function createSharedEnv() {
  const toKey = (key) => (typeof key === 'string' ? key : undefined);
  return new Proxy({}, {
    get(t, key) {
      const k = toKey(key);
      return k === undefined ? undefined : binding.envGet(k);
    },
    set(t, key, value) {
      if (typeof key === 'symbol' || typeof value === 'symbol') {
        throw new TypeError('Cannot convert a Symbol value to a string');
      }
      binding.envSet(key, `${value}`);
      return true;
    },
    has(t, key) {
      const k = toKey(key);
      return k !== undefined && binding.envGet(k) !== undefined;
    },
    deleteProperty(t, key) {
      const k = toKey(key);
      if (k !== undefined) binding.envDelete(k);
      return true;
    },
    ownKeys() {
      return binding.envKeys();
    },
    getOwnPropertyDescriptor(t, key) {
      const k = toKey(key);
      const value = k === undefined ? undefined : binding.envGet(k);
      if (value === undefined) return undefined;
      return { value, writable: true, enumerable: true, configurable: true };
    },
    defineProperty(t, key, desc) {
      if (!('value' in desc) || desc.get || desc.set) {
        throw new TypeError(`'process.env' does not accept an accessor(getter/setter) descriptor`);
      }
      binding.envSet(`${key}`, `${desc.value}`);
      return true;
    },
  });
}

// The parent side of SHARE_ENV: this realm's process.env becomes the shared
// store (filled with what it held), once.
function shareParentEnv() {
  if (binding.hasSharedEnv()) return;
  const flat = [];
  for (const key of Object.keys(process.env)) flat.push(key, process.env[key]);
  binding.shareEnv(flat);
  process.env = createSharedEnv();
}

module.exports.shareParentEnv = shareParentEnv;

// ---- a Worker's stdio: chunks through the control port ----

function createWorkerStdout(control, fd) {
  const { Writable } = require('stream');
  const send = (chunk, encoding) => {
    if (typeof chunk === 'string') {
      if (encoding !== 'utf8' && encoding !== 'utf-8' && encoding !== 'buffer') {
        chunk = new Uint8Array(Buffer.from(chunk, encoding));
      }
    } else {
      // Only the bytes of the view, never the pool a Buffer may sit in.
      chunk = new Uint8Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
    }
    control.postMessage({ type: 'stdio', fd, chunk });
  };
  const stream = new Writable({
    decodeStrings: false,
    write(chunk, encoding, cb) {
      send(chunk, encoding);
      cb();
    },
    writev(chunks, cb) {
      for (const { chunk, encoding } of chunks) send(chunk, encoding);
      cb();
    },
  });
  stream._isStdio = true;
  stream._destroy = (err, cb) => cb(err);
  return stream;
}

function createWorkerStdin(control, enabled) {
  const { Readable } = require('stream');
  let refed = false;
  const stream = new Readable({
    read() {
      // Someone reads: wait for the parent's data as an open stdin does.
      if (!refed && enabled) {
        refed = true;
        control.ref();
      }
    },
  });
  stream.fd = 0;
  stream.on('end', () => {
    if (refed) control.unref();
  });
  if (!enabled) stream.push(null);
  return stream;
}

// ---- a Worker starts ----

function unsupported(name) {
  return () => {
    const { codes: { ERR_WORKER_UNSUPPORTED_OPERATION } } = require('internal/errors');
    throw new ERR_WORKER_UNSUPPORTED_OPERATION(name);
  };
}

function setupModuleCallbacks() {
  // As internal/main/run: import() loads the ES module loader on first use.
  internalBinding('modules').setCallbacks(
    (specifier, referrer, attributes) =>
      require('internal/modules/esm/loader').importModuleDynamically(specifier, referrer, attributes),
    () => {},
  );
}

function runWorker(options) {
  const io = require('internal/worker/io');
  const control = binding.takeParentPort();
  const first = io.receiveMessageOnPort(control);
  const load = first.message;
  module.exports.control = control;
  module.exports.parentPort = load.publicPort;
  module.exports.workerData = load.workerData;
  module.exports.resourceLimits = load.resourceLimits;
  for (const [key, value] of load.environmentData) environmentData.set(key, value);

  // process.exit() and fatal errors end this thread only.
  const processBinding = internalBinding('process');
  processBinding.reallyExit = (code) => binding.exitThread(code | 0);
  process.reallyExit = (code) => binding.exitThread(code | 0);
  internalBinding('loop').setCallbacks({ fatalException: (er, fromPromise, arrow) => workerFatal(control, er, fromPromise, arrow) });
  process.chdir = unsupported('process.chdir()');
  process.abort = unsupported('process.abort()');
  // Signals go to the cores, never to Workers: a Worker's listener must not
  // change what Ctrl-C does to the process.
  processBinding.setSignalListening = () => {};

  process.env = load.shareEnv ? createSharedEnv() : require('internal/process/env').createEnv(load.env);
  process.execArgv = load.execArgv;
  process.argv = [process.execPath, load.doEval ? '[worker eval]' : load.filename, ...load.argv];
  if (load.dataURL) process.argv.splice(1, 1);

  let stdout, stderr, stdin;
  Object.defineProperty(process, 'stdout', {
    get() { return (stdout ??= createWorkerStdout(control, 1)); },
    enumerable: false, configurable: true,
  });
  Object.defineProperty(process, 'stderr', {
    get() { return (stderr ??= createWorkerStdout(control, 2)); },
    enumerable: false, configurable: true,
  });
  Object.defineProperty(process, 'stdin', {
    get() { return (stdin ??= createWorkerStdin(control, load.stdin)); },
    enumerable: false, configurable: true,
  });

  // What the parent sends on the control port: stdin.
  control.on('message', (msg) => {
    if (msg.type === 'stdin') {
      process.stdin.push(msg.chunk === null ? null : Buffer.from(msg.chunk));
    }
  });
  control.unref();

  setupModuleCallbacks();
  control.postMessage({ type: 'online' });
  const run = require('internal/main/run');
  const Module = require('internal/modules/cjs/loader');
  if (!load.ownExecArgv && options.preloads.length > 0) Module._preloadModules(options.preloads);
  if (load.doEval) {
    run.evalScript('[worker eval]', load.filename, false);
  } else if (load.dataURL) {
    const loader = require('internal/modules/esm/loader');
    loader.runWithESMLoader([], () => loader.importModule(load.filename));
  } else {
    run.executeUserEntryPoint(load.filename);
  }
}

// An uncaught error of a Worker goes to its parent's 'error' event, not to
// this process's stderr, and ends the Worker with code 1.
function workerFatal(control, er, fromPromise, arrow) {
  const fatal = require('internal/process/execution');
  if (fatal.hasUncaughtExceptionCaptureCallback() || process.listenerCount('uncaughtException') > 0) {
    try {
      return fatal.fatalException(er, fromPromise, arrow);
    } catch (err) {
      // A listener threw: as in Node, that error ends the thread.
      return reportAndExit(control, err, 1);
    }
  }
  try {
    process.emit('uncaughtExceptionMonitor', er, fromPromise ? 'unhandledRejection' : 'uncaughtException');
  } catch {
    // reported below all the same
  }
  return reportAndExit(control, er, 1);
}

function reportAndExit(control, er, code) {
  try {
    control.postMessage({ type: 'error', error: serializeError(er) });
  } catch {
    control.postMessage({ type: 'error', error: { unserializable: true } });
  }
  try {
    if (!process._exiting) {
      process._exiting = true;
      process.exitCode = code;
      process.emit('exit', code);
    }
  } catch {
    // an 'exit' listener threw while dying: end anyway
  }
  binding.exitThread(code);
  return false;
}

// ---- a cluster copy starts ----

function runClusterCopy(options) {
  // process.exit() and fatal errors end this copy only (the report of an
  // uncaught error still goes to stderr, as a cluster worker's does).
  const processBinding = internalBinding('process');
  processBinding.reallyExit = (code) => binding.exitThread(code | 0);
  // An 'uncaughtException' listener that throws ends this copy with code 7
  // (as a Node process), not the whole process.
  const fatal = require('internal/process/execution');
  internalBinding('loop').setCallbacks({
    fatalException(er, fromPromise, arrow) {
      try {
        return fatal.fatalException(er, fromPromise, arrow);
      } catch (err) {
        try {
          processBinding.writeStdio(2, `${require('internal/util/inspect').inspect(err)}\n`);
        } catch {
          // nothing more to say
        }
        binding.exitThread(7);
        return false;
      }
    },
  });
  require('internal/worker/io'); // MessagePort's methods, before the ports exist
  const ports = binding.clusterPorts();
  require('internal/cluster/child')[Symbol.for('shard.cluster.setup')](ports);
  require('internal/main/run').runMain(options);
}

function runMain(options) {
  if (binding.kind === 'worker') return runWorker(options);
  return runClusterCopy(options);
}
