'use strict';
// node:tty: isatty, and the streams for terminals. ReadStream reads on the
// ring (a poll, then read(2), so raw mode can change between reads) and
// can switch the terminal to raw mode; WriteStream writes synchronously,
// as Node's terminal writes are, each write atomic across cores.

const {
  codes: { ERR_INVALID_FD, ERR_TTY_INIT_FAILED },
  errnoException,
} = require('internal/errors');
const { getColorDepth, hasColors, getFdStream } = require('internal/tty');
const { Writable } = require('stream');
const pipeBinding = internalBinding('pipe_wrap');
const { writeStdio } = internalBinding('process');

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && internalBinding('tty_wrap').isatty(fd);
}

function checkFd(fd) {
  if (fd >> 0 !== fd || fd < 0) throw new ERR_INVALID_FD(fd);
  if (pipeBinding.guessHandleType(fd) !== 'TTY') {
    const err = new ERR_TTY_INIT_FAILED({ errno: -22, code: 'EINVAL', message: 'invalid argument', syscall: 'uv_tty_init' });
    throw err;
  }
}

// ---- ReadStream ----

const FdStream = getFdStream();

function ReadStream(fd, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(fd, options);
  checkFd(fd);
  FdStream.call(this, fd, { readableHighWaterMark: 0, ...options, allowHalfOpen: false });
  this.isRaw = false;
  this.isTTY = true;
}
Object.setPrototypeOf(ReadStream.prototype, FdStream.prototype);
Object.setPrototypeOf(ReadStream, FdStream);

ReadStream.prototype.setRawMode = function setRawMode(flag) {
  flag = !!flag;
  const err = pipeBinding.setRawMode(this.fd, flag ? 1 : 0);
  if (err) {
    this.emit('error', errnoException(err, 'setRawMode'));
    return this;
  }
  this.isRaw = flag;
  if (flag) {
    // Whatever happens next, the terminal goes back to how it was.
    if (!rawExitHook) {
      rawExitHook = true;
      process.on('exit', () => pipeBinding.resetMode());
    }
  }
  return this;
};
let rawExitHook = false;

// ---- WriteStream ----

// Writes go straight to the descriptor, synchronously and whole.
function writeSync(fd, chunk, encoding, cb) {
  const data = typeof chunk === 'string' && encoding !== 'utf8' && encoding !== 'utf-8' && encoding !== 'buffer'
    ? Buffer.from(chunk, encoding) : chunk;
  const err = writeStdio(fd, data);
  cb(err < 0 ? errnoException(err, 'write') : undefined);
}

function WriteStream(fd) {
  if (!(this instanceof WriteStream)) return new WriteStream(fd);
  checkFd(fd);
  Writable.call(this, { decodeStrings: false, emitClose: true, autoDestroy: true });
  this.fd = fd;
  this._type = 'tty';
  this.isTTY = true;
  this.columns = undefined;
  this.rows = undefined;
  const size = [0, 0];
  if (pipeBinding.getWindowSize(fd, size) === 0) {
    this.columns = size[0];
    this.rows = size[1];
  }
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);

WriteStream.prototype.isTTY = true;

WriteStream.prototype._write = function _write(chunk, encoding, cb) {
  writeSync(this.fd, chunk, encoding, cb);
};

// The terminal's descriptor is not ours to close.
WriteStream.prototype._destroy = function _destroy(err, cb) {
  cb(err);
};

WriteStream.prototype.getColorDepth = function(env) {
  return getColorDepth(env);
};

WriteStream.prototype.hasColors = function(count, env) {
  return hasColors(count, env);
};

// Called on SIGWINCH: a new size emits 'resize'.
WriteStream.prototype._refreshSize = function() {
  const oldCols = this.columns;
  const oldRows = this.rows;
  const size = [0, 0];
  const err = pipeBinding.getWindowSize(this.fd, size);
  if (err) {
    this.emit('error', errnoException(err, 'getWindowSize'));
    return;
  }
  const [newCols, newRows] = size;
  if (oldCols !== newCols || oldRows !== newRows) {
    this.columns = newCols;
    this.rows = newRows;
    this.emit('resize');
  }
};

WriteStream.prototype.cursorTo = function(x, y, cb) {
  return require('readline').cursorTo(this, x, y, cb);
};
WriteStream.prototype.moveCursor = function(dx, dy, cb) {
  return require('readline').moveCursor(this, dx, dy, cb);
};
WriteStream.prototype.clearLine = function(dir, cb) {
  return require('readline').clearLine(this, dir, cb);
};
WriteStream.prototype.clearScreenDown = function(cb) {
  return require('readline').clearScreenDown(this, cb);
};
WriteStream.prototype.getWindowSize = function() {
  return [this.columns, this.rows];
};

module.exports = { isatty, ReadStream, WriteStream };

