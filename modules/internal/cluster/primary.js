'use strict';
// cluster in the primary. cluster.fork() starts one more copy of the program
// as a new core of this process (js/bind_worker.cc, core/'s start_core): no
// child process, no handle passing. Servers in the copies share their port
// through SO_REUSEPORT, so the kernel spreads the connections.
//
// Each copy is joined to the primary by two channels: the IPC channel
// (worker.send / process.send, closed by a disconnect) and a control channel
// (online, listening, disconnect requests, and the copy's exit code when it
// ends). worker.process stands for the child process of Node's cluster.

const EventEmitter = require('events');
const Worker = require('internal/cluster/worker');
const { kOnExit } = require('internal/worker/io');
const {
  codes: { ERR_IPC_CHANNEL_CLOSED, ERR_IPC_DISCONNECTED, ERR_INVALID_ARG_TYPE },
} = require('internal/errors');

const binding = internalBinding('worker');
const loopBinding = internalBinding('loop');

const cluster = new EventEmitter();
const SCHED_NONE = 1;
const SCHED_RR = 2;

cluster.isWorker = false;
cluster.isMaster = true;
cluster.isPrimary = true;
cluster.Worker = Worker;
cluster.workers = {};
cluster.settings = {};
cluster.SCHED_NONE = SCHED_NONE;
cluster.SCHED_RR = SCHED_RR;
cluster.schedulingPolicy = process.env.NODE_CLUSTER_SCHED_POLICY === 'none' ? SCHED_NONE : SCHED_RR;

const kControl = Symbol('kControl');
let ids = 0;
let initialized = false;

cluster.setupPrimary = function setupPrimary(options) {
  const settings = {
    args: process.argv.slice(2),
    exec: process.argv[1],
    execArgv: process.execArgv,
    silent: false,
    ...cluster.settings,
    ...options,
  };
  cluster.settings = settings;
  if (initialized) {
    process.nextTick(() => cluster.emit('setup', settings));
    return;
  }
  initialized = true;
  const policy = cluster.schedulingPolicy;
  if (policy !== SCHED_NONE && policy !== SCHED_RR) {
    throw new Error(`Bad cluster.schedulingPolicy: ${policy}`);
  }
  process.nextTick(() => cluster.emit('setup', settings));
};
cluster.setupMaster = cluster.setupPrimary;

const signals = internalBinding('process').signals;

// worker.process: the copy, in the shape of a ChildProcess.
class CoreProcess extends EventEmitter {
  #ipc;
  #control;
  #id;
  #refed = true;

  constructor(id, ipc, control, core, settings) {
    super();
    this.#id = id;
    this.#ipc = ipc;
    this.#control = control;
    // The copies run inside this process: they share its pid.
    this.pid = process.pid;
    this.core = core;
    this.connected = true;
    this.exitCode = null;
    this.signalCode = null;
    this.killed = false;
    this.spawnfile = process.execPath;
    this.spawnargs = [process.execPath, ...settings.execArgv, settings.exec, ...settings.args];
    this.channel = {
      ref: () => this.ref(),
      unref: () => this.unref(),
    };
    // Keeps the primary alive while the copy runs, as a child process does.
    loopBinding.ref();
  }

  send(message, handle, options, callback) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
    } else if (typeof options === 'function') {
      callback = options;
    }
    if (message === undefined) throw new ERR_INVALID_ARG_TYPE('message', ['string', 'object', 'number', 'boolean'], message);
    if (!this.connected) {
      const err = new ERR_IPC_CHANNEL_CLOSED();
      if (typeof callback === 'function') {
        process.nextTick(callback, err);
      } else {
        process.nextTick(() => this.emit('error', err));
      }
      return false;
    }
    this.#ipc.postMessage(message);
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }

  disconnect() {
    if (!this.connected) {
      this.emit('error', new ERR_IPC_DISCONNECTED());
      return;
    }
    this.#ipc.close();
    this.connected = false;
    process.nextTick(() => this.emit('disconnect'));
  }

  kill(signal = 'SIGTERM') {
    const signo = typeof signal === 'number' ? signal : signals[signal];
    if (signo === undefined) {
      const { codes: { ERR_UNKNOWN_SIGNAL } } = require('internal/errors');
      throw new ERR_UNKNOWN_SIGNAL(signal);
    }
    if (this.exitCode !== null || this.signalCode !== null) return false;
    this.killed = true;
    this.pendingSignal = typeof signal === 'number' ? Object.keys(signals).find((k) => signals[k] === signal) : signal;
    binding.clusterKill(this.#id, 128 + signo);
    return true;
  }

  ref() {
    if (!this.#refed && this.exitCode === null && this.signalCode === null) {
      this.#refed = true;
      loopBinding.ref();
    }
  }

  unref() {
    if (this.#refed) {
      this.#refed = false;
      loopBinding.unref();
    }
  }

  // The copy ended (its realm is gone).
  onExit(code) {
    if (this.killed && this.pendingSignal !== undefined) {
      this.signalCode = this.pendingSignal;
    } else {
      this.exitCode = code;
    }
    this.unref();
    this.#control.close();
    if (this.connected) {
      this.connected = false;
      this.#ipc.close();
      this.emit('disconnect');
    }
    this.emit('exit', this.exitCode, this.signalCode);
  }

  onIpcClosed() {
    if (!this.connected) return;
    this.connected = false;
    this.emit('disconnect');
  }
}

function removeWorker(worker) {
  if (cluster.workers[worker.id] === worker) delete cluster.workers[worker.id];
}

function onControl(worker, msg) {
  switch (msg.act) {
    case 'online':
      worker.state = 'online';
      worker.emit('online');
      cluster.emit('online', worker);
      break;
    case 'listening': {
      worker.state = 'listening';
      const address = msg.address;
      worker.emit('listening', address);
      cluster.emit('listening', worker, address);
      break;
    }
    case 'exitedAfterDisconnect':
      worker.exitedAfterDisconnect = true;
      break;
    default:
      break;
  }
}

cluster.fork = function fork(env) {
  cluster.setupPrimary();
  const settings = cluster.settings;
  const id = ++ids;
  const childEnv = { ...process.env, ...settings.env, ...env, NODE_UNIQUE_ID: `${id}` };
  const entries = [];
  for (const key of Object.keys(childEnv)) entries.push(`${key}=${childEnv[key]}`);
  const exec = typeof settings.exec === 'string' ? settings.exec : null;
  const [ipc, control, core] = binding.clusterFork(id, entries, exec,
                                                   (settings.args || []).map(String),
                                                   (settings.execArgv || []).map(String));
  const proc = new CoreProcess(id, ipc, control, core, settings);
  const worker = new Worker({ id, process: proc });

  ipc.on('message', (message) => proc.emit('message', message, undefined));
  ipc.on('close', () => proc.onIpcClosed());
  ipc.unref();
  control.on('message', (msg) => onControl(worker, msg));
  control[kOnExit] = (code) => proc.onExit(code);
  control.unref();

  worker.on('message', function(message, handle) {
    cluster.emit('message', this, message, handle);
  });
  proc.once('disconnect', () => {
    worker.state = 'disconnected';
    worker.emit('disconnect');
    cluster.emit('disconnect', worker);
    if (worker.isDead()) removeWorker(worker);
  });
  proc.once('exit', (exitCode, signalCode) => {
    worker.exitedAfterDisconnect = Boolean(worker.exitedAfterDisconnect);
    worker.state = 'dead';
    removeWorker(worker);
    worker.emit('exit', exitCode, signalCode);
    cluster.emit('exit', worker, exitCode, signalCode);
  });
  worker[kControl] = control;

  cluster.workers[id] = worker;
  process.nextTick(() => cluster.emit('fork', worker));
  return worker;
};

// In the primary, a Worker asks its copy to close its servers and its IPC
// channel; destroy (kill) waits for that, then ends the copy.
Worker.prototype.disconnect = function disconnect() {
  this.exitedAfterDisconnect = true;
  if (this.process.connected) this[kControl].postMessage({ act: 'disconnect' });
  return this;
};

Worker.prototype.destroy = function destroy(signal) {
  const sig = signal || 'SIGTERM';
  const proc = this.process;
  if (this.isConnected()) {
    this.once('disconnect', () => proc.kill(sig));
    proc.disconnect();
    return;
  }
  proc.kill(sig);
};

cluster.disconnect = function disconnect(callback) {
  const workers = Object.values(cluster.workers);
  let left = 0;
  for (const worker of workers) {
    if (!worker.isConnected()) continue;
    left++;
    worker.once('disconnect', () => {
      if (--left === 0 && typeof callback === 'function') callback();
    });
    worker.disconnect();
  }
  if (left === 0 && typeof callback === 'function') process.nextTick(callback);
};

module.exports = cluster;
