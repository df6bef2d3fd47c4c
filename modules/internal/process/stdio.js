'use strict';
// process.stdout, process.stderr and process.stdin, made on first use as
// Node makes them for the kind of descriptor each is:
// - a terminal: tty.WriteStream / tty.ReadStream (raw mode, size, 'resize'
//   on SIGWINCH);
// - a file, a pipe or a socket: writes are synchronous (as Node's are for
//   files, and for pipes on Linux) and atomic across cores, each write one
//   locked write(2) loop; stdin reads on the ring (internal/process/stdin);
// - nothing (a closed descriptor): writes are dropped, stdin ends at once.

const { writeStdio } = internalBinding('process');

let pipeBinding;
function guessHandleType(fd) {
  pipeBinding ??= internalBinding('pipe_wrap');
  return pipeBinding.guessHandleType(fd);
}

// A synchronous Writable on a descriptor that is not a terminal.
function createSyncWriteStream(fd, type) {
  const { Writable } = require('stream');
  const stream = new Writable({
    decodeStrings: false,
    write(chunk, encoding, cb) {
      const data = typeof chunk === 'string' && encoding !== 'utf8' && encoding !== 'utf-8' &&
        encoding !== 'buffer' ? Buffer.from(chunk, encoding) : chunk;
      const err = writeStdio(fd, data);
      if (err < 0) {
        const { errnoException } = require('internal/errors');
        cb(errnoException(err, 'write'));
      } else {
        cb();
      }
    },
  });
  stream.fd = fd;
  stream._type = type;
  return stream;
}

function createWritableStdioStream(fd) {
  let stream;
  const type = guessHandleType(fd);
  if (type === 'TTY') {
    const tty = require('tty');
    stream = new tty.WriteStream(fd);
  } else if (type === 'FILE') {
    stream = createSyncWriteStream(fd, 'fs');
  } else if (type === 'PIPE' || type === 'TCP') {
    stream = createSyncWriteStream(fd, 'pipe');
  } else {
    // Nowhere to write (the descriptor is closed): swallow, as Node does.
    const { Writable } = require('stream');
    stream = new Writable({
      write(buf, enc, cb) {
        cb();
      },
    });
    stream.fd = fd;
  }
  // stdout and stderr are never really closed: end() and destroy() leave
  // the descriptor open.
  stream._destroy = function _destroy(err, cb) {
    cb(err);
  };
  stream._isStdio = true;
  stream.destroySoon = stream.destroy;
  if (stream.isTTY) {
    // The terminal changed size: columns/rows follow, and 'resize' says so.
    process.on('SIGWINCH', () => stream._refreshSize());
  }
  return stream;
}

let stdout;
let stderr;
let stdin;

function getStdout() {
  if (stdout === undefined) stdout = createWritableStdioStream(1);
  return stdout;
}

function getStderr() {
  if (stderr === undefined) stderr = createWritableStdioStream(2);
  return stderr;
}

function getStdin() {
  if (stdin === undefined) stdin = require('internal/process/stdin').getStdin();
  return stdin;
}

module.exports = { getStdout, getStderr, getStdin };
