'use strict';
// cluster inside a copy started by cluster.fork() (a core of this process).
// The bootstrap calls setup() with the copy's two channels before the
// program runs: process.send / 'message' / disconnect() ride the IPC
// channel; 'online', 'listening' and the primary's disconnect requests ride
// the control channel. Servers need nothing from the primary: each copy
// listens itself, sharing the port through SO_REUSEPORT (net.js tells
// serverListening about each one, for 'listening' and disconnect).

const EventEmitter = require('events');
const Worker = require('internal/cluster/worker');
const {
  codes: { ERR_IPC_CHANNEL_CLOSED, ERR_IPC_DISCONNECTED, ERR_INVALID_ARG_TYPE },
} = require('internal/errors');

const kSetup = Symbol.for('shard.cluster.setup');
const kServerListening = Symbol.for('shard.cluster.serverListening');

const cluster = new EventEmitter();
cluster.isWorker = true;
cluster.isMaster = false;
cluster.isPrimary = false;
cluster.worker = null;
cluster.Worker = Worker;
cluster.SCHED_NONE = 1;
cluster.SCHED_RR = 2;
cluster.schedulingPolicy = 2;

let ipc = null;
let control = null;
const servers = new Set();

function send(message, handle, options, callback) {
  if (typeof handle === 'function') {
    callback = handle;
    handle = undefined;
  } else if (typeof options === 'function') {
    callback = options;
  }
  if (message === undefined) throw new ERR_INVALID_ARG_TYPE('message', ['string', 'object', 'number', 'boolean'], message);
  if (!process.connected) {
    const err = new ERR_IPC_CHANNEL_CLOSED();
    if (typeof callback === 'function') {
      process.nextTick(callback, err);
    } else {
      process.nextTick(() => process.emit('error', err));
    }
    return false;
  }
  ipc.postMessage(message);
  if (typeof callback === 'function') process.nextTick(callback, null);
  return true;
}

function disconnectChannel() {
  if (!process.connected) {
    process.emit('error', new ERR_IPC_DISCONNECTED());
    return;
  }
  process.connected = false;
  ipc.close();
  process.nextTick(() => process.emit('disconnect'));
}

// Closes this copy's servers, then its IPC channel: with nothing else
// alive, the copy then ends by itself.
function closeServersThenDisconnect() {
  let left = servers.size;
  const done = () => {
    if (process.connected) disconnectChannel();
  };
  if (left === 0) {
    done();
    return;
  }
  for (const server of [...servers]) {
    server.close(() => {
      if (--left === 0) done();
    });
  }
}

function updateRef() {
  // As a child process: the IPC channel keeps the copy alive only while
  // someone listens on it.
  if (process.listenerCount('message') > 0 || process.listenerCount('disconnect') > 0) {
    ipc.ref();
  } else {
    ipc.unref();
  }
}

function setup(ports) {
  if (!ports) return;
  [ipc, control] = ports;
  delete process.env.NODE_UNIQUE_ID;
  const worker = new Worker({ id: internalBinding('worker').clusterId, process, state: 'online' });
  cluster.worker = worker;

  process.connected = true;
  process.send = send;
  process.disconnect = function disconnect() {
    worker.disconnect();
  };
  process.channel = { ref: () => ipc.ref(), unref: () => ipc.unref() };

  ipc.on('message', (message) => process.emit('message', message, undefined));
  ipc.on('close', () => {
    if (!process.connected) return;
    process.connected = false;
    process.emit('disconnect');
    // The primary went away without asking: end, as Node's workers do.
    if (!worker.exitedAfterDisconnect) process.exit(0);
  });
  process.on('newListener', (event) => {
    if (event === 'message' || event === 'disconnect') process.nextTick(updateRef);
  });
  process.on('removeListener', (event) => {
    if (event === 'message' || event === 'disconnect') process.nextTick(updateRef);
  });
  updateRef();
  process.once('disconnect', () => worker.emit('disconnect'));

  control.on('message', (msg) => {
    if (msg.act === 'disconnect') {
      worker.exitedAfterDisconnect = true;
      closeServersThenDisconnect();
    }
  });
  control.unref();

  control.postMessage({ act: 'online' });
}

// Inside a copy, a Worker closes its own servers and channel; destroy ends it.
Worker.prototype.disconnect = function disconnect() {
  if (this.exitedAfterDisconnect !== true) {
    this.exitedAfterDisconnect = true;
    control.postMessage({ act: 'exitedAfterDisconnect' });
  }
  closeServersThenDisconnect();
  return this;
};

Worker.prototype.destroy = function destroy() {
  if (!process.connected) process.exit(0);
  this.exitedAfterDisconnect = true;
  control.postMessage({ act: 'exitedAfterDisconnect' });
  process.once('disconnect', () => process.exit(0));
  disconnectChannel();
};

// net.js: a server of this copy is listening.
function serverListening(server) {
  if (control === null) return;
  servers.add(server);
  server.once('close', () => servers.delete(server));
  const address = server.address();
  let info;
  if (typeof address === 'string') {
    info = { address, port: undefined, addressType: -1 };
  } else if (address !== null) {
    info = { address: address.address, port: address.port, addressType: address.family === 'IPv6' ? 6 : 4 };
  }
  control.postMessage({ act: 'listening', address: info });
}

module.exports = cluster;
// For the bootstrap and net.js, hidden from users' Object.keys(cluster).
Object.defineProperty(cluster, kSetup, { value: setup });
Object.defineProperty(cluster, kServerListening, { value: serverListening });
