'use strict';
// The Worker class: the parent's side of a worker thread.
//
// Two channels join a Worker to its parent: the public one (worker.postMessage
// and the worker's parentPort) and a control channel. The first message on
// the control channel is the worker's program (filename or source, argv,
// env, workerData, its end of the public channel...); after it, the worker
// sends 'online', stdio chunks and its uncaught error there. The thread's
// end is reported by the binding as a completion with the exit code; the
// messages still queued on both channels are delivered before 'exit'.

const EventEmitter = require('events');
const path = require('path');
const io = require('internal/worker/io');
const thread = require('internal/worker/thread');
const { register, unregister } = require('internal/loop');
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_WORKER_PATH, ERR_INVALID_URL_SCHEME,
    ERR_WORKER_OUT_OF_MEMORY, ERR_METHOD_NOT_IMPLEMENTED,
  },
} = require('internal/errors');
const { validateObject, validateArray, validateNumber } = require('internal/validators');

const binding = internalBinding('worker');
const loopBinding = internalBinding('loop');

const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');
const kControl = Symbol('kControl');
const kPublicPort = Symbol('kPublicPort');
const kThreadId = Symbol('kThreadId');
const kRefed = Symbol('kRefed');
const kExited = Symbol('kExited');
const kLimits = Symbol('kLimits');
const kExitId = Symbol('kExitId');
const kParentSide = Symbol('kParentSide');

const kLimitNames = ['maxYoungGenerationSizeMb', 'maxOldGenerationSizeMb', 'codeRangeSizeMb', 'stackSizeMb'];

function resolveFilename(filename, doEval) {
  if (doEval) {
    if (typeof filename !== 'string') {
      throw new ERR_INVALID_ARG_VALUE('options.eval', doEval, 'must be false when \'filename\' is not a string');
    }
    return filename;
  }
  if (filename !== null && typeof filename === 'object' && require('internal/url').isURL(filename)) {
    // A data: URL is an ES module's source (the worker imports it).
    if (filename.protocol === 'data:') return filename.href;
    if (filename.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
    return require('internal/url').fileURLToPath(filename);
  }
  if (typeof filename !== 'string') throw new ERR_INVALID_ARG_TYPE('filename', ['string', 'URL'], filename);
  if (!path.isAbsolute(filename) && !/^\.\.?[\\/]/.test(filename)) throw new ERR_WORKER_PATH(filename);
  return path.resolve(filename);
}

function envEntries(env) {
  // process.env (the default) is read without its proxy's traps.
  const own = require('internal/process/env').entriesOf(env);
  if (own !== undefined) return own;
  const entries = [];
  for (const key of Object.keys(env)) entries.push(`${key}=${env[key]}`);
  return entries;
}

class Worker extends EventEmitter {
  constructor(filename, options = {}) {
    super();
    validateObject(options, 'options');
    const doEval = Boolean(options.eval);
    const file = resolveFilename(filename, options.eval);
    const dataURL = !doEval && file.startsWith('data:');
    const argv = options.argv ?? [];
    validateArray(argv, 'options.argv');
    const { execArgv } = options;
    if (execArgv !== undefined) validateArray(execArgv, 'options.execArgv');
    const env = options.env === undefined ? process.env : options.env;
    const shareEnv = env === SHARE_ENV;
    if (!shareEnv && env !== null && typeof env !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('options.env', ['object', 'undefined', 'null', 'worker_threads.SHARE_ENV'], env);
    }
    const limits = {};
    const limitArray = [0, 0, 0, 0];
    const given = options.resourceLimits;
    if (given !== null && typeof given === 'object') {
      for (let i = 0; i < kLimitNames.length; i++) {
        const value = given[kLimitNames[i]];
        if (value === undefined) continue;
        validateNumber(value, `options.resourceLimits.${kLimitNames[i]}`, 0);
        limits[kLimitNames[i]] = value;
        limitArray[i] = value;
      }
    }
    this[kLimits] = { maxYoungGenerationSizeMb: 0, maxOldGenerationSizeMb: 0, codeRangeSizeMb: 0, stackSizeMb: 4, ...limits };

    const control = new io.MessageChannel();
    const pub = new io.MessageChannel();
    const transfer = [pub.port2];
    if (options.transferList !== undefined) {
      for (const item of io.transferListOf(options.transferList) ?? []) transfer.push(item);
    }
    if (shareEnv) thread.shareParentEnv();
    // The worker's program: it reads this first, before anything else runs.
    control.port1.postMessage({
      filename: file,
      doEval,
      dataURL,
      argv: argv.map((a) => `${a}`),
      execArgv: execArgv !== undefined ? execArgv.map((a) => `${a}`) : process.execArgv,
      ownExecArgv: execArgv !== undefined,
      env: shareEnv ? null : envEntries(env ?? {}),
      shareEnv,
      workerData: options.workerData,
      publicPort: pub.port2,
      environmentData: thread.environmentData,
      stdin: Boolean(options.stdin),
      resourceLimits: { ...this[kLimits] },
      name: options.name === undefined ? '' : `${options.name}`,
    }, transfer);

    this[kControl] = control.port1;
    this[kPublicPort] = pub.port1;
    this[kExited] = false;
    this[kExitId] = register((code, oom) => this.#onExit(code, oom));
    this[kThreadId] = binding.start(control.port2, this[kExitId], limitArray, shareEnv);
    loopBinding.ref();
    this[kRefed] = true;

    control.port1.on('message', (msg) => this.#onControl(msg));
    control.port1.unref();
    pub.port1.on('message', (value) => this.emit('message', value));
    pub.port1.on('messageerror', (error) => this.emit('messageerror', error));
    pub.port1.unref();

    this[kParentSide] = setupStdio(this, options);
  }

  #onControl(msg) {
    switch (msg.type) {
      case 'online':
        this.emit('online');
        break;
      case 'stdio': {
        const stream = msg.fd === 1 ? this.stdout : this.stderr;
        stream.push(typeof msg.chunk === 'string' ? Buffer.from(msg.chunk) : Buffer.from(msg.chunk.buffer, msg.chunk.byteOffset, msg.chunk.byteLength));
        break;
      }
      case 'error':
        this.emit('error', thread.deserializeError(msg.error));
        break;
      default:
        break;
    }
  }

  #onExit(code, oom) {
    unregister(this[kExitId]);
    // What the worker sent before it ended is delivered before 'exit'.
    const control = this[kControl];
    let got;
    while ((got = io.receiveMessageOnPort(control)) !== undefined) this.#onControl(got.message);
    const pub = this[kPublicPort];
    while ((got = io.receiveMessageOnPort(pub)) !== undefined) this.emit('message', got.message);
    control.close();
    pub.close();
    this[kExited] = true;
    this[kThreadId] = -1;
    if (this[kRefed]) {
      this[kRefed] = false;
      loopBinding.unref();
    }
    this.stdout.push(null);
    this.stderr.push(null);
    if (oom) this.emit('error', new ERR_WORKER_OUT_OF_MEMORY('JS heap out of memory'));
    this.emit('exit', code);
  }

  postMessage(...args) {
    if (this[kExited]) return;
    this[kPublicPort].postMessage(...args);
  }

  terminate(callback) {
    if (typeof callback === 'function') {
      process.emitWarning('Passing a callback to worker.terminate() is deprecated. It returns a Promise instead.',
                          'DeprecationWarning', 'DEP0132');
      this.once('exit', (code) => process.nextTick(callback, null, code));
    }
    if (this[kExited]) return Promise.resolve();
    binding.terminate(this[kThreadId]);
    return new Promise((resolve) => this.once('exit', resolve));
  }

  ref() {
    if (!this[kExited] && !this[kRefed]) {
      this[kRefed] = true;
      loopBinding.ref();
    }
  }

  unref() {
    if (this[kRefed]) {
      this[kRefed] = false;
      loopBinding.unref();
    }
  }

  get threadId() {
    return this[kThreadId];
  }

  get resourceLimits() {
    return this[kExited] ? {} : { ...this[kLimits] };
  }

  get performance() {
    return {
      eventLoopUtilization() {
        return { idle: 0, active: 0, utilization: 0 };
      },
    };
  }

  getHeapSnapshot() {
    return Promise.reject(new ERR_METHOD_NOT_IMPLEMENTED('worker.getHeapSnapshot()'));
  }

  getHeapStatistics() {
    return Promise.reject(new ERR_METHOD_NOT_IMPLEMENTED('worker.getHeapStatistics()'));
  }
}

if (typeof Symbol.asyncDispose === 'symbol') {
  Worker.prototype[Symbol.asyncDispose] = async function() {
    await this.terminate();
  };
}

// worker.stdout and worker.stderr carry what the worker writes; unless the
// options ask for them, they flow into this thread's own stdout and stderr.
function setupStdio(worker, options) {
  const { Readable, Writable } = require('stream');
  worker.stdout = new Readable({ read() {} });
  worker.stderr = new Readable({ read() {} });
  if (!options.stdout) worker.stdout.on('data', (chunk) => process.stdout.write(chunk));
  if (!options.stderr) worker.stderr.on('data', (chunk) => process.stderr.write(chunk));
  worker.stdin = null;
  if (options.stdin) {
    const control = worker[kControl];
    worker.stdin = new Writable({
      write(chunk, encoding, cb) {
        if (!worker[kExited]) control.postMessage({ type: 'stdin', chunk: typeof chunk === 'string' ? chunk : new Uint8Array(chunk) });
        cb();
      },
      final(cb) {
        if (!worker[kExited]) control.postMessage({ type: 'stdin', chunk: null });
        cb();
      },
    });
  }
  return true;
}

module.exports = { Worker, SHARE_ENV };
