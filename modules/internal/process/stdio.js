'use strict';
// process.stdout and process.stderr. Writes are synchronous (as Node's are
// for files, TTYs and, on Linux, pipes) and atomic across cores: each write
// goes to the fd in one locked write(2) loop.

const { writeStdio } = internalBinding('process');
const { hasBuiltin } = internalBinding('builtins');
const { isatty, getWindowSize } = internalBinding('tty_wrap');

function createWritableStdioStream(fd) {
  let stream;
  const tty = isatty(fd);
  if (hasBuiltin('stream')) {
    const { Writable } = require('stream');
    stream = new Writable({
      decodeStrings: false,
      write(chunk, encoding, cb) {
        const err = writeStdio(fd, typeof chunk === 'string' && encoding !== 'utf8' && encoding !== 'buffer' ?
          Buffer.from(chunk, encoding) : chunk);
        if (err < 0) {
          const { errnoException } = require('internal/errors');
          cb(errnoException(err, 'write'));
        } else {
          cb();
        }
      },
    });
    // stdout/stderr are never really closed: end() only ends the stream.
    stream._destroy = function(err, cb) {
      cb(err);
    };
  } else {
    const EventEmitter = require('events');
    stream = new EventEmitter();
    stream.writable = true;
    stream.write = function(chunk, encoding, cb) {
      if (typeof encoding === 'function') cb = encoding;
      writeStdio(fd, typeof chunk === 'string' ? chunk : chunk);
      if (typeof cb === 'function') process.nextTick(cb);
      return true;
    };
    stream.end = function(chunk, encoding, cb) {
      if (chunk != null && typeof chunk !== 'function') stream.write(chunk, encoding);
      return stream;
    };
  }
  stream.fd = fd;
  stream._type = tty ? 'tty' : 'fs';
  stream._isStdio = true;
  stream.destroySoon = stream.destroy;
  if (tty) {
    stream.isTTY = true;
    const size = [0, 0];
    const refresh = () => {
      if (getWindowSize(fd, size) === 0) {
        stream.columns = size[0];
        stream.rows = size[1];
      }
    };
    refresh();
    stream._refreshSize = refresh;
    stream.getWindowSize = () => [stream.columns, stream.rows];
    stream.getColorDepth = (env = process.env) => require('internal/tty').getColorDepth(env);
    stream.hasColors = (count = 16, env = process.env) => {
      if (typeof count === 'object') {
        env = count;
        count = 16;
      }
      return count <= 2 ** require('internal/tty').getColorDepth(env);
    };
    stream.cursorTo = (x, y, cb) => require('readline').cursorTo(stream, x, y, cb);
    stream.moveCursor = (dx, dy, cb) => require('readline').moveCursor(stream, dx, dy, cb);
    stream.clearLine = (dir, cb) => require('readline').clearLine(stream, dir, cb);
    stream.clearScreenDown = (cb) => require('readline').clearScreenDown(stream, cb);
  }
  return stream;
}

let stdout;
let stderr;

function getStdout() {
  if (stdout === undefined) stdout = createWritableStdioStream(1);
  return stdout;
}

function getStderr() {
  if (stderr === undefined) stderr = createWritableStdioStream(2);
  return stderr;
}

function getStdin() {
  const { codes: { ERR_NOT_IMPLEMENTED } } = require('internal/errors');
  if (hasBuiltin('internal/process/stdin')) return require('internal/process/stdin').getStdin();
  throw new ERR_NOT_IMPLEMENTED('process.stdin');
}

module.exports = { getStdout, getStderr, getStdin };
