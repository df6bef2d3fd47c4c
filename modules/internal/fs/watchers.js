'use strict';
// fs.watch (inotify, read through the core's ring) and fs.watchFile (stat
// polling on a timer), with Node's events.

const EventEmitter = require('events');
const { Buffer } = require('buffer');
const {
  codes: { ERR_INVALID_ARG_VALUE },
  AbortError,
  uvException,
} = require('internal/errors');
const {
  validateAbortSignal, validateBoolean, validateFunction, validateUint32,
} = require('internal/validators');
const {
  binding, getValidatedPath, getOptions, getStatsFromBinding, statArray, constants,
} = require('internal/fs/utils');
const { register, unregister } = require('internal/loop');
const { completionValues } = internalBinding('loop');

// inotify mask bits (see io/fs.c WATCH_MASK and sh_fs_watch_is_rename).
const IN_MODIFY = 0x2;
const IN_ATTRIB = 0x4;
const IN_CREATE = 0x100;
const IN_MOVED_TO = 0x80;
const IN_DELETE_SELF = 0x400;
const IN_MOVE_SELF = 0x800;
const IN_ISDIR = 0x40000000;

const kOldStatus = Symbol('kOldStatus');
const kUseBigint = Symbol('kUseBigint');
const kHandle = Symbol('kHandle');

function eventName(mask) {
  return (mask & ~(IN_ATTRIB | IN_MODIFY)) !== 0 ? 'rename' : 'change';
}

let pathModule;
function path() {
  pathModule ??= require('path');
  return pathModule;
}

function encodeFilename(name, encoding) {
  if (name === null || name === undefined) return name;
  if (!encoding || encoding === 'utf8' || encoding === 'utf-8') return name;
  const buf = Buffer.from(name);
  return encoding === 'buffer' ? buf : buf.toString(encoding);
}

// ---- FSWatcher ----

class FSWatcher extends EventEmitter {
  constructor() {
    super();
    this[kHandle] = null;
    this._id = 0;
    this._wds = new Map(); // wd -> directory relative to the root ('' for the root)
    this._root = '';
    this._rootIsFile = false;
    this._recursive = false;
    this._encoding = 'utf8';
  }

  // Starts watching; throws Node's 'watch' error when the path cannot be.
  _start(filename, persistent, recursive, encoding) {
    this._root = filename;
    this._recursive = recursive;
    this._encoding = encoding;
    this._id = register((wd, mask, flags) => this._onEvent(wd, mask, flags), true);
    const handle = binding.watchOpen(this._id);
    if (handle < 0) {
      unregister(this._id);
      throw watchError(handle, filename);
    }
    this[kHandle] = handle;
    const wd = binding.watchAdd(handle, filename);
    if (wd < 0) {
      this._stop();
      throw watchError(wd, filename);
    }
    this._wds.set(wd, '');
    const out = statArray(false);
    this._rootIsFile = binding.stat(filename, out) >= 0 &&
      (out[1] & constants.S_IFMT) !== constants.S_IFDIR;
    if (recursive && !this._rootIsFile) this._watchTree(filename, '');
    if (!persistent) binding.watchRef(handle, false);
  }

  // Watches every directory under dir (rel: its path from the root).
  _watchTree(dir, rel) {
    const res = binding.readdir(dir, true, false);
    if (typeof res === 'number') return;
    const [names, types] = res;
    for (let i = 0; i < names.length; i++) {
      if (types[i] !== constants.UV_DIRENT_DIR) continue;
      const childRel = rel === '' ? names[i] : path().join(rel, names[i]);
      const child = path().join(dir, names[i]);
      const wd = binding.watchAdd(this[kHandle], child);
      if (wd >= 0) {
        this._wds.set(wd, childRel);
        this._watchTree(child, childRel);
      }
    }
  }

  _onEvent(wd, mask, flags) {
    if (this[kHandle] === null) return;
    const index = (flags >> 8) - 1;
    const name = index >= 0 ? completionValues[index] : null;
    const dir = this._wds.get(wd);
    if (dir === undefined) return;
    let filename;
    if (name !== null) {
      filename = dir === '' ? name : path().join(dir, name);
      if (this._recursive && (mask & IN_ISDIR) && (mask & (IN_CREATE | IN_MOVED_TO))) {
        // A new directory: watch it (and what it already holds).
        const full = path().join(this._root, filename);
        const child = binding.watchAdd(this[kHandle], full);
        if (child >= 0) {
          this._wds.set(child, filename);
          this._watchTree(full, filename);
        }
      }
    } else if (dir === '') {
      // The watched path itself: libuv names it by its base name.
      filename = path().basename(this._root);
    } else {
      // A subdirectory's own event: its parent reports it.
      if (mask & (IN_DELETE_SELF | IN_MOVE_SELF)) this._wds.delete(wd);
      return;
    }
    this.emit('change', eventName(mask), encodeFilename(filename, this._encoding));
  }

  _stop() {
    if (this[kHandle] === null) return;
    binding.watchClose(this[kHandle]);
    unregister(this._id);
    this[kHandle] = null;
  }

  close() {
    if (this[kHandle] === null) return;
    this._stop();
    process.nextTick(() => this.emit('close'));
  }

  ref() {
    if (this[kHandle] !== null) binding.watchRef(this[kHandle], true);
    return this;
  }

  unref() {
    if (this[kHandle] !== null) binding.watchRef(this[kHandle], false);
    return this;
  }

  [Symbol.dispose]() {
    this.close();
  }
}

function watchError(err, filename) {
  const error = uvException({ errno: err, syscall: 'watch', path: filename });
  error.filename = filename;
  return error;
}

function watchOptions(options) {
  if (typeof options === 'string') options = { encoding: options };
  options = getOptions(options);
  options = { persistent: true, recursive: false, ...options };
  validateBoolean(options.persistent, 'options.persistent');
  validateBoolean(options.recursive, 'options.recursive');
  if (options.signal) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

function watch(filename, options, listener) {
  if (typeof options === 'function') {
    listener = options;
    options = undefined;
  }
  options = watchOptions(options);
  filename = getValidatedPath(filename, 'filename');
  const name = typeof filename === 'string' ? filename : Buffer.from(filename).toString();
  const watcher = new FSWatcher();
  watcher._start(name, options.persistent, options.recursive, options.encoding);
  if (listener) watcher.addListener('change', listener);
  if (options.signal) {
    if (options.signal.aborted) {
      process.nextTick(() => watcher.close());
    } else {
      const listener2 = () => watcher.close();
      options.signal.addEventListener('abort', listener2, { once: true });
      watcher.once('close', () => options.signal.removeEventListener('abort', listener2));
    }
  }
  return watcher;
}

// fs.promises.watch: an async iterator of { eventType, filename }.
function watchPromise(filename, options = {}) {
  options = watchOptions(options);
  const { signal } = options;
  if (signal?.aborted) {
    return (async function* () {
      throw new AbortError(undefined, { cause: signal.reason });
    })();
  }
  if (options.overflow !== undefined) {
    if (options.overflow !== 'ignore' && options.overflow !== 'error') {
      throw new ERR_INVALID_ARG_VALUE('options.overflow', options.overflow);
    }
  }
  filename = getValidatedPath(filename, 'filename');
  const name = typeof filename === 'string' ? filename : Buffer.from(filename).toString();
  const watcher = new FSWatcher();
  watcher._start(name, options.persistent, options.recursive, options.encoding);
  const queue = [];
  let waiting = null;
  let done = false;
  let failure = null;
  watcher.on('change', (eventType, file) => {
    const value = { __proto__: null, eventType, filename: file };
    if (waiting) {
      const w = waiting;
      waiting = null;
      w.resolve({ value, done: false });
    } else {
      queue.push(value);
    }
  });
  function finish(err) {
    if (done) return;
    done = true;
    failure = err;
    watcher.close();
    if (waiting) {
      const w = waiting;
      waiting = null;
      if (err) w.reject(err);
      else w.resolve({ value: undefined, done: true });
    }
  }
  const onAbort = () => finish(new AbortError(undefined, { cause: signal.reason }));
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    __proto__: null,
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false });
      if (done) {
        if (failure) {
          const err = failure;
          failure = null;
          return Promise.reject(err);
        }
        return Promise.resolve({ value: undefined, done: true });
      }
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    return() {
      signal?.removeEventListener('abort', onAbort);
      finish(null);
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err) {
      signal?.removeEventListener('abort', onAbort);
      finish(null);
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

// ---- StatWatcher (watchFile) ----

const statWatchers = new Map();

class StatWatcher extends EventEmitter {
  constructor(bigint) {
    super();
    this[kUseBigint] = bigint;
    this[kOldStatus] = -1;
    this._timer = null;
    this._path = null;
    this._prev = null;     // the last stat array (null until the first)
    this._lastErr = 0;     // libuv's busy_polling: 0 first, 1 ok, < 0 the error seen
    this._persistent = true;
    this._stopped = true;
    this._inflight = false;
  }

  _start(filename, persistent, interval) {
    this._path = filename;
    this._persistent = persistent;
    this._stopped = false;
    this._prev = statArray(this[kUseBigint]);
    this._poll();
    this._timer = setInterval(() => this._poll(), interval);
    if (!persistent) this._timer.unref();
  }

  _poll() {
    if (this._stopped || this._inflight) return;
    const out = statArray(this[kUseBigint]);
    this._inflight = true;
    const id = register((res) => {
      this._inflight = false;
      if (this._stopped) return;
      this._onStat(res < 0 ? res : 0, out);
    });
    const rc = binding.stat(this._path, out, id);
    if (rc < 0) {
      unregister(id);
      this._inflight = false;
    }
  }

  // libuv's fs_poll rules: report an error once, a change of stats, or
  // recovery after an error.
  _onStat(status, out) {
    if (status < 0) {
      if (this._lastErr !== status) {
        const zero = statArray(this[kUseBigint]);
        const prev = this._prev;
        this._prev = zero;
        this._lastErr = status;
        this._emit(status, zero, prev);
      }
      return;
    }
    const prev = this._prev;
    if (this._lastErr !== 0 && (this._lastErr < 0 || !sameStats(prev, out))) {
      this._prev = out;
      this._lastErr = 1;
      this._emit(0, out, prev);
      return;
    }
    this._prev = out;
    this._lastErr = 1;
  }

  _emit(status, curr, prev) {
    if (this[kOldStatus] === -1 && status === -1 && curr[2] === prev[2]) return;
    this[kOldStatus] = status;
    this.emit('change', getStatsFromBinding(curr), getStatsFromBinding(prev));
  }

  stop() {
    if (this._stopped) return;
    this._stopped = true;
    clearInterval(this._timer);
    this._timer = null;
    process.nextTick(() => this.emit('stop'));
  }

  ref() {
    this._timer?.ref();
    return this;
  }

  unref() {
    this._timer?.unref();
    return this;
  }
}

// libuv compares these fields (times to the nanosecond).
function sameStats(a, b) {
  const fields = [0, 1, 3, 4, 7, 8, 12, 13, 14, 15, 16, 17];
  for (const i of fields) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

function watchFile(filename, options, listener) {
  filename = getValidatedPath(filename);
  filename = path().resolve(typeof filename === 'string' ? filename : Buffer.from(filename).toString());
  let stat;
  if (options === null || typeof options !== 'object') {
    listener = options;
    options = null;
  }
  options = {
    interval: 5007,
    persistent: true,
    ...options,
  };
  validateFunction(listener, 'listener');
  stat = statWatchers.get(filename);
  if (stat === undefined) {
    stat = new StatWatcher(options.bigint);
    validateUint32(options.interval, 'interval');
    stat._start(filename, options.persistent, options.interval);
    statWatchers.set(filename, stat);
  }
  stat.addListener('change', listener);
  return stat;
}

function unwatchFile(filename, listener) {
  filename = getValidatedPath(filename);
  filename = path().resolve(typeof filename === 'string' ? filename : Buffer.from(filename).toString());
  const stat = statWatchers.get(filename);
  if (stat === undefined) return;
  if (typeof listener === 'function') {
    stat.removeListener('change', listener);
  } else {
    stat.removeAllListeners('change');
  }
  if (stat.listenerCount('change') === 0) {
    stat.stop();
    statWatchers.delete(filename);
  }
}

module.exports = { FSWatcher, StatWatcher, watch, watchPromise, watchFile, unwatchFile };
