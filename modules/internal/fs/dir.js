'use strict';
// fs.Dir (opendir): a directory read in batches through getdents64 on the
// blocking pool (readSync: on the calling thread).

const {
  codes: { ERR_DIR_CLOSED, ERR_DIR_CONCURRENT_OPERATION, ERR_MISSING_ARGS },
} = require('internal/errors');
const { validateBoolean, validateFunction, validateUint32 } = require('internal/validators');
const {
  binding, fsError, syncResult, getValidatedPath, getOptions, Dirent, encodeName, wantsBuffer,
} = require('internal/fs/utils');
const { register, unregister } = require('internal/loop');
const { completionValues } = internalBinding('loop');

const kFd = Symbol('kDirHandle');
const kPath = Symbol('kDirPath');
const kBuffer = Symbol('kDirBufferedEntries');
const kClosed = Symbol('kDirClosed');
const kOptions = Symbol('kDirOptions');
const kQueue = Symbol('kDirOperationQueue');
const kBusy = Symbol('kDirBusy');
const kSubdirs = Symbol('kDirSubdirs');
const kCurrent = Symbol('kDirCurrentPath');

function submit(issue, done) {
  const id = register(done);
  const rc = issue(id);
  if (typeof rc === 'number' && rc < 0) {
    unregister(id);
    process.nextTick(done, rc, -1);
  }
}

class Dir {
  constructor(fd, path, options) {
    if (fd == null) throw new ERR_MISSING_ARGS('handle');
    this[kFd] = fd;
    this[kPath] = path;
    this[kCurrent] = path;
    this[kBuffer] = [];
    this[kClosed] = false;
    this[kBusy] = false;
    this[kQueue] = [];
    this[kSubdirs] = [];
    this[kOptions] = options;
  }

  get path() {
    return this[kPath];
  }

  // Entries of one batch become Dirents; subdirectories are remembered for
  // recursive reads.
  #take(names, types) {
    const encoding = this[kOptions].encoding;
    const parent = this[kCurrent];
    for (let i = 0; i < names.length; i++) {
      const name = encodeName(names[i], encoding);
      const dirent = new Dirent(name, types[i], parent);
      this[kBuffer].push(dirent);
      if (this[kOptions].recursive && dirent.isDirectory()) {
        this[kSubdirs].push(require('path').join(String(parent), String(name)));
      }
    }
  }

  #next(callback) {
    if (this[kBuffer].length > 0) {
      callback(null, this[kBuffer].shift());
      return;
    }
    const asBuffer = wantsBuffer(this[kOptions].encoding);
    submit((id) => binding.dirRead(this[kFd], asBuffer, id), (res, aux) => {
      if (res < 0) {
        callback(fsError(res, aux >= 0 ? completionValues[aux] : ['scandir'], undefined, undefined, true));
        return;
      }
      const [names, types] = completionValues[aux];
      if (names.length > 0) {
        this.#take(names, types);
        callback(null, this[kBuffer].shift());
        return;
      }
      // This directory is done: on to the next subdirectory, or the end.
      if (this[kSubdirs].length === 0) {
        callback(null, null);
        return;
      }
      const next = this[kSubdirs].shift();
      submit((id) => binding.opendir(next, id), (fd, aux2) => {
        if (fd < 0) {
          callback(fsError(fd, aux2 >= 0 ? completionValues[aux2] : ['opendir'], undefined, undefined, true));
          return;
        }
        binding.close(this[kFd]);
        this[kFd] = fd;
        this[kCurrent] = next;
        this.#next(callback);
      });
    });
  }

  read(callback) {
    return this.#read(true, callback);
  }

  #read(maybeSync, callback) {
    if (this[kClosed] === true) throw new ERR_DIR_CLOSED();
    if (callback === undefined) {
      return new Promise((resolve, reject) => {
        this.#read(false, (err, value) => (err ? reject(err) : resolve(value)));
      });
    }
    if (maybeSync) validateFunction(callback, 'callback');
    if (this[kBusy]) {
      this[kQueue].push(() => this.#read(false, callback));
      return;
    }
    if (this[kBuffer].length > 0) {
      const dirent = this[kBuffer].shift();
      process.nextTick(callback, null, dirent);
      return;
    }
    this[kBusy] = true;
    this.#next((err, dirent) => {
      this[kBusy] = false;
      const queued = this[kQueue].shift();
      try {
        callback(err, dirent);
      } finally {
        if (queued) queued();
      }
    });
  }

  readSync() {
    if (this[kClosed] === true) throw new ERR_DIR_CLOSED();
    if (this[kBusy]) throw new ERR_DIR_CONCURRENT_OPERATION();
    for (;;) {
      if (this[kBuffer].length > 0) return this[kBuffer].shift();
      const asBuffer = wantsBuffer(this[kOptions].encoding);
      const res = binding.dirRead(this[kFd], asBuffer);
      if (typeof res === 'number' && res < 0) throw fsError(res, binding.lastError(), undefined, undefined, true);
      const [names, types] = res;
      if (names.length > 0) {
        this.#take(names, types);
        continue;
      }
      if (this[kSubdirs].length === 0) return null;
      const next = this[kSubdirs].shift();
      const fd = binding.opendir(next);
      if (fd < 0) throw fsError(fd, binding.lastError(), undefined, undefined, true);
      binding.close(this[kFd]);
      this[kFd] = fd;
      this[kCurrent] = next;
    }
  }

  close(callback) {
    if (callback === undefined) {
      if (this[kClosed] === true) return Promise.reject(new ERR_DIR_CLOSED());
      return new Promise((resolve, reject) => {
        this.close((err) => (err ? reject(err) : resolve()));
      });
    }
    validateFunction(callback, 'callback');
    if (this[kClosed] === true) {
      process.nextTick(callback, new ERR_DIR_CLOSED());
      return;
    }
    if (this[kBusy]) {
      this[kQueue].push(() => this.close(callback));
      return;
    }
    this[kClosed] = true;
    const fd = this[kFd];
    submit((id) => binding.close(fd, id), (res, aux) => {
      if (res < 0) callback(fsError(res, aux >= 0 ? completionValues[aux] : ['close']));
      else callback(null);
    });
  }

  closeSync() {
    if (this[kClosed] === true) throw new ERR_DIR_CLOSED();
    if (this[kBusy]) throw new ERR_DIR_CONCURRENT_OPERATION();
    this[kClosed] = true;
    syncResult(binding.close(this[kFd]));
  }

  async* entries() {
    try {
      while (true) {
        const result = await this.#read(false);
        if (result === null) break;
        yield result;
      }
    } finally {
      if (!this[kClosed]) await this.close();
    }
  }

  [Symbol.asyncIterator]() {
    return this.entries();
  }

  async [Symbol.asyncDispose]() {
    if (!this[kClosed]) await this.close();
  }

  [Symbol.dispose]() {
    if (!this[kClosed]) this.closeSync();
  }
}

function getDirOptions(options) {
  options = getOptions(options, { encoding: 'utf8' });
  options = { encoding: 'utf8', bufferSize: 32, recursive: false, ...options };
  validateUint32(options.bufferSize, 'options.bufferSize', true);
  validateBoolean(options.recursive, 'options.recursive');
  return options;
}

function opendir(path, options, callback) {
  callback = typeof options === 'function' ? options : callback;
  validateFunction(callback, 'callback');
  path = getValidatedPath(path);
  options = getDirOptions(typeof options === 'function' ? undefined : options);
  submit((id) => binding.opendir(path, id), (fd, aux) => {
    if (fd < 0) {
      callback(fsError(fd, aux >= 0 ? completionValues[aux] : ['opendir'], undefined, undefined, true));
      return;
    }
    callback(null, new Dir(fd, path, options));
  });
}

function opendirSync(path, options) {
  path = getValidatedPath(path);
  options = getDirOptions(options);
  const fd = binding.opendir(path);
  if (fd < 0) throw fsError(fd, binding.lastError(), undefined, undefined, true);
  return new Dir(fd, path, options);
}

module.exports = { Dir, opendir, opendirSync };
