'use strict';
// ChildProcess and the machinery under node:child_process: stdio
// descriptions, the process handle on internalBinding('process_wrap'), the
// parent's ends of 'pipe' stdio as net.Sockets, and spawnSync.

const EventEmitter = require('events');
const {
  codes: {
    ERR_INVALID_ARG_VALUE, ERR_INVALID_SYNC_FORK_INPUT, ERR_IPC_ONE_PIPE,
    ERR_IPC_SYNC_FORK,
  },
  errnoException,
} = require('internal/errors');
const { validateArray, validateObject, validateString, validateOneOf } = require('internal/validators');
const { convertToValidSignal, getSignalsToNamesMapping } = require('internal/util');
const { register, unregister } = require('internal/loop');
const binding = internalBinding('process_wrap');

const kFd = Symbol('kFd'); // the descriptor under a stdio socket we made
const kIsUsedAsStdio = Symbol('kIsUsedAsStdio');
const ENOENT = -2;
const EACCES = -13;
const EAGAIN = -11;
const EMFILE = -24;
const ENFILE = -23;
const ESRCH = -3;
const EINVAL = -22;
const ENOSYS = -38;

let net;
function lazyNet() {
  net ??= require('net');
  return net;
}

// The process handle (Node's Process wrap): spawn, kill, ref/unref, and
// onexit(exitCode, signalCode) when the child has ended.
class ProcessHandle {
  constructor(owner) {
    this.owner = owner;
    this.onexit = null;
    this.pid = 0;
    this.id = 0;
    this.refed = true;
    this.exited = false;
  }

  spawn(options, fdsOut) {
    const id = register((status, signo) => {
      this.exited = true;
      this.id = 0;
      const signal = signo > 0 ? getSignalsToNamesMapping()[signo] ?? null : null;
      if (this.onexit) this.onexit(status < 0 ? null : status, signal);
    });
    const res = binding.spawn(id, options, fdsOut);
    if (res < 0) {
      unregister(id);
      return res;
    }
    this.id = id;
    this.pid = res;
    if (!this.refed) binding.ref(id, false);
    return 0;
  }

  kill(signal) {
    if (this.id === 0) return ESRCH;
    return binding.kill(this.id, signal);
  }

  ref() {
    this.refed = true;
    if (this.id !== 0) binding.ref(this.id, true);
  }

  unref() {
    this.refed = false;
    if (this.id !== 0) binding.ref(this.id, false);
  }

  hasRef() {
    return this.id !== 0 && this.refed;
  }

  close() {
    // The binding lets go of the child itself once it has been reaped.
    this.onexit = null;
  }
}

function ChildProcess() {
  EventEmitter.call(this);
  this._closesNeeded = 1;
  this._closesGot = 0;
  this.connected = false;
  this.signalCode = null;
  this.exitCode = null;
  this.killed = false;
  this.spawnfile = null;
  this._handle = new ProcessHandle(this);
  this._handle.onexit = (exitCode, signalCode) => onExit(this, exitCode, signalCode);
}
Object.setPrototypeOf(ChildProcess.prototype, EventEmitter.prototype);
Object.setPrototypeOf(ChildProcess, EventEmitter);

function onExit(subprocess, exitCode, signalCode) {
  if (signalCode) subprocess.signalCode = signalCode;
  else subprocess.exitCode = exitCode;
  if (subprocess.stdin) subprocess.stdin.destroy();
  if (subprocess._handle) subprocess._handle.close();
  subprocess._handle = null;
  if (exitCode < 0) {
    const syscall = subprocess.spawnfile ? `spawn ${subprocess.spawnfile}` : 'spawn';
    const err = errnoException(exitCode, syscall);
    if (subprocess.spawnfile) err.path = subprocess.spawnfile;
    err.spawnargs = subprocess.spawnargs.slice(1);
    subprocess.emit('error', err);
  } else {
    subprocess.emit('exit', subprocess.exitCode, subprocess.signalCode);
  }
  // Streams nobody reads are drained so they close (and 'close' comes).
  process.nextTick(flushStdio, subprocess);
  maybeClose(subprocess);
}

function flushStdio(subprocess) {
  const stdio = subprocess.stdio;
  if (stdio == null) return;
  for (let i = 0; i < stdio.length; i++) {
    const stream = stdio[i];
    if (!stream || !stream.readable || stream[kIsUsedAsStdio] ||
        stream._readableState?.readableListening) {
      continue;
    }
    stream.resume();
  }
}

function maybeClose(subprocess) {
  subprocess._closesGot++;
  if (subprocess._closesGot === subprocess._closesNeeded) {
    subprocess.emit('close', subprocess.exitCode, subprocess.signalCode);
  }
}

function onErrorNT(self, err) {
  // As if the child had ended with the error as its code.
  if (self._handle && self._handle.onexit) self._handle.onexit(err, null);
  // Sockets that never got a descriptor close once the loop has turned
  // (after the 'error'), and with them comes 'close'.
  setImmediate(() => {
    const stdio = self.stdio ?? [];
    for (let i = stdio.length - 1; i >= 0; i--) {
      if (stdio[i] && !stdio[i].destroyed) stdio[i].destroy();
    }
  });
}

function onSpawnNT(self) {
  self.emit('spawn');
}

// Where a stream's descriptor is, when it has one: our stdio sockets, the
// process's stdio streams, fs streams, tty streams.
function streamFd(stream) {
  if (stream === null || typeof stream !== 'object') return undefined;
  if (typeof stream[kFd] === 'number') return stream[kFd];
  if (typeof stream.fd === 'number' && stream.fd >= 0) return stream.fd;
  const h = stream._handle;
  if (h && typeof h.fd === 'number' && h.fd >= 0) return h.fd;
  return undefined;
}

// Turns options.stdio into [{ type: 'pipe' | 'ignore' | 'fd' | 'inherit', ... }].
function getValidStdio(stdio, sync) {
  let ipc;
  let ipcFd = -1;
  if (typeof stdio === 'string') {
    switch (stdio) {
      case 'ignore':
      case 'pipe':
      case 'overlapped':
        stdio = [stdio, stdio, stdio];
        break;
      case 'inherit':
        stdio = [0, 1, 2];
        break;
      default:
        throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
    }
  } else if (!Array.isArray(stdio)) {
    throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
  } else {
    stdio = stdio.slice();
  }
  while (stdio.length < 3) stdio.push(undefined);
  const out = [];
  for (let i = 0; i < stdio.length; i++) {
    let s = stdio[i];
    if (s == null) s = i < 3 ? 'pipe' : 'ignore';
    if (s === 'ignore') {
      out.push({ type: 'ignore' });
    } else if (s === 'pipe' || s === 'overlapped') {
      out.push({ type: 'pipe', readable: i === 0, writable: i !== 0 });
    } else if (s === 'ipc') {
      if (sync || ipc !== undefined) {
        if (!sync) throw new ERR_IPC_ONE_PIPE();
        throw new ERR_IPC_SYNC_FORK();
      }
      ipc = true;
      ipcFd = i;
      out.push({ type: 'pipe', ipc: true });
    } else if (s === 'inherit') {
      out.push({ type: 'inherit', fd: i });
    } else if (typeof s === 'number' || (s !== null && typeof s === 'object' && typeof s.fd === 'number' &&
               !(s instanceof EventEmitter))) {
      const fd = typeof s === 'number' ? s : s.fd;
      out.push({ type: 'fd', fd });
    } else if (ArrayBuffer.isView(s) || typeof s === 'string') {
      if (!sync) {
        throw new ERR_INVALID_SYNC_FORK_INPUT(require('internal/util/inspect').inspect(s));
      }
      out.push({ type: 'pipe', readable: i === 0, writable: i !== 0, input: s });
    } else if (streamFd(s) !== undefined) {
      out.push({ type: 'fd', fd: streamFd(s), _stdio: s });
    } else {
      throw new ERR_INVALID_ARG_VALUE('stdio', s);
    }
  }
  return { stdio: out, ipc, ipcFd };
}

// The parent's end of a 'pipe' entry: a net.Socket on the socketpair.
function createSocket(fd, readable) {
  const { Socket, _internal: { newSocketId, binding: tcp } } = lazyNet();
  const socket = new Socket({ readable, writable: true });
  if (fd >= 0) {
    const id = newSocketId(socket);
    tcp.adopt(fd, id, 0);
    socket[kFd] = fd;
  }
  return socket;
}

ChildProcess.prototype.spawn = function spawn(options) {
  validateObject(options, 'options');
  // Node's stdio: 'pipe' by default.
  const { stdio, ipc, ipcFd } = getValidStdio(options.stdio || 'pipe', false);
  if (options.serialization !== undefined) {
    validateOneOf(options.serialization, 'options.serialization', ['json', 'advanced']);
  }
  const serialization = options.serialization || 'json';
  if (ipc !== undefined) {
    if (options.envPairs === undefined) options.envPairs = [];
    else validateArray(options.envPairs, 'options.envPairs');
    options.envPairs.push(`NODE_CHANNEL_FD=${ipcFd}`);
    options.envPairs.push(`NODE_CHANNEL_SERIALIZATION_MODE=${serialization}`);
  }
  validateString(options.file, 'options.file');
  this.spawnfile = options.file;
  if (options.args === undefined) {
    this.spawnargs = [];
  } else {
    validateArray(options.args, 'options.args');
    this.spawnargs = options.args;
  }
  const fds = [];
  const err = this._handle.spawn({
    file: options.file,
    args: options.args ?? [],
    envPairs: options.envPairs,
    cwd: options.cwd,
    detached: options.detached,
    uid: options.uid,
    gid: options.gid,
    stdio: stdio.map((s) => (s.type === 'inherit' ? { type: 'fd', fd: s.fd } : s)),
  }, fds);
  if (err === EACCES || err === EAGAIN || err === EMFILE || err === ENFILE || err === ENOENT) {
    // Failures of the spawn itself are 'error' events, not throws.
    process.nextTick(onErrorNT, this, err);
    if (err === EMFILE || err === ENFILE) return err;
  } else if (err) {
    this._handle.close();
    this._handle = null;
    throw errnoException(err, 'spawn');
  } else {
    process.nextTick(onSpawnNT, this);
  }
  this.pid = this._handle.pid || undefined;
  for (let i = 0; i < stdio.length; i++) {
    const stream = stdio[i];
    if (stream._stdio !== undefined) {
      // A stream handed to the child: this process stops reading it (the
      // child reads its descriptor now), and never drains it.
      const s = stream._stdio;
      s[kIsUsedAsStdio] = true;
      if (typeof s.pause === 'function' && s.readable) {
        s.pause();
      }
      // An idle handle in this process, as a stopped libuv one: it no
      // longer holds the loop open.
      if (s[kFd] !== undefined && typeof s.unref === 'function') s.unref();
      continue;
    }
    if (stream.type !== 'pipe') continue;
    if (stream.ipc) {
      if (err === 0) {
        this._closesNeeded++;
        stream.fd = fds[i];
      }
      continue;
    }
    stream.socket = createSocket(err === 0 ? fds[i] : -1, i > 0);
    if (i > 0) {
      this._closesNeeded++;
      stream.socket.on('close', () => maybeClose(this));
    }
  }
  this.stdin = stdio.length >= 1 && stdio[0].socket !== undefined ? stdio[0].socket : null;
  this.stdout = stdio.length >= 2 && stdio[1].socket !== undefined ? stdio[1].socket : null;
  this.stderr = stdio.length >= 3 && stdio[2].socket !== undefined ? stdio[2].socket : null;
  this.stdio = stdio.map((s) => (s.socket === undefined ? null : s.socket));
  if (ipc !== undefined && err === 0) {
    const { setupChannel } = require('internal/child_process/ipc');
    setupChannel(this, stdio[ipcFd].fd, serialization);
    this.once('disconnect', () => maybeClose(this));
  }
  return err;
};

ChildProcess.prototype.kill = function kill(sig) {
  const signal = sig === 0 ? sig : convertToValidSignal(sig === undefined ? 'SIGTERM' : sig);
  if (this._handle) {
    const err = this._handle.kill(signal);
    if (err === 0) {
      this.killed = true;
      return true;
    }
    if (err === ESRCH) {
      // Already gone.
    } else if (err === EINVAL || err === ENOSYS) {
      throw errnoException(err, 'kill');
    } else {
      this.emit('error', errnoException(err, 'kill'));
    }
  }
  return false;
};

if (Symbol.dispose) {
  ChildProcess.prototype[Symbol.dispose] = function() {
    if (!this.killed) this.kill();
  };
}

ChildProcess.prototype.ref = function ref() {
  if (this._handle) this._handle.ref();
};

ChildProcess.prototype.unref = function unref() {
  if (this._handle) this._handle.unref();
};

// ---- spawnSync ----

function spawnSync(options) {
  const stdio = options.stdio.map((s) => {
    if (s.type === 'inherit') return { type: 'fd', fd: s.fd };
    return s;
  });
  let input;
  if (stdio[0] && stdio[0].input !== undefined) input = stdio[0].input;
  const result = binding.spawnSync({
    file: options.file,
    args: options.args,
    envPairs: options.envPairs,
    cwd: options.cwd,
    detached: options.detached,
    uid: options.uid,
    gid: options.gid,
    stdio,
    input,
    timeout: options.timeout,
    maxBuffer: options.maxBuffer,
    killSignal: options.killSignal,
  });
  const out = {};
  let error;
  if (result.error !== undefined) {
    error = errnoException(result.error, `spawnSync ${options.file}`);
    error.path = options.file;
    error.spawnargs = options.args.slice(1);
    out.error = error;
  }
  if (result.output === undefined) {
    // The child never started.
    out.status = null;
    out.signal = null;
    out.output = null;
    out.pid = 0;
    out.stdout = undefined;
    out.stderr = undefined;
    return out;
  }
  out.status = result.status;
  out.signal = result.signal > 0 ? getSignalsToNamesMapping()[result.signal] ?? null : null;
  out.output = result.output.map((ab) => {
    if (ab === null) return null;
    const buf = Buffer.from(ab, 0, ab.byteLength);
    return options.encoding && options.encoding !== 'buffer' ? buf.toString(options.encoding) : buf;
  });
  out.pid = result.pid;
  out.stdout = out.output[1];
  out.stderr = out.output[2];
  return out;
}

module.exports = {
  ChildProcess,
  getValidStdio,
  spawnSync,
  kFd,
};
