'use strict';
// process.stdin, as Node makes it for the kind of descriptor 0 is:
// - a terminal: tty.ReadStream (raw mode for readline and the REPL);
// - a FIFO: a stream read on the ring (internal/tty's FdStream);
// - a socket (what a parent shard or Node gives its children): a net.Socket;
// - a file: fs.ReadStream on fd 0, which it leaves open;
// - nothing: a stream that ends at once.
// stdin belongs to core 0: the other cores get one that ends at once.
//
// It starts paused and holds the process open only while it is read, as
// Node's does: a program that looks at process.stdin and never reads it
// still ends.

function endedStream(fd) {
  const { Readable } = require('stream');
  const stream = new Readable({ read() {} });
  stream.push(null);
  stream.fd = fd;
  return stream;
}

// A socket on fd 0: referenced only while it reads.
function socketStdin(fd) {
  const net = require('net');
  const { newSocketId, binding } = net._internal;
  const socket = new net.Socket({ readable: true, writable: false, allowHalfOpen: false });
  const id = newSocketId(socket);
  binding.adopt(fd, id, 0);
  let userUnref = false;
  let refed = true;
  const setRef = (on) => {
    if (refed === on || !socket._handle) return;
    refed = on;
    binding.ref(id, on);
  };
  setRef(false);
  // Referenced while someone reads: flowing, or pulling with 'readable'.
  const wanted = () => !userUnref && !socket.readableEnded &&
    (socket.readableFlowing !== false || socket.listenerCount('readable') > 0);
  const read = socket._read;
  socket._read = function(n) {
    setRef(wanted());
    return read.call(this, n);
  };
  socket.on('pause', () => process.nextTick(() => setRef(wanted())));
  socket.on('resume', () => setRef(wanted()));
  socket.on('end', () => setRef(false));
  socket.ref = function() {
    userUnref = false;
    if (!this.isPaused()) setRef(true);
    return this;
  };
  socket.unref = function() {
    userUnref = true;
    setRef(false);
    return this;
  };
  return socket;
}

function getStdin() {
  const fd = 0;
  const options = internalBinding('process').getOptions();
  if (options.core !== 0) return endedStream(fd);
  const type = internalBinding('pipe_wrap').guessHandleType(fd);
  let stream;
  switch (type) {
    case 'TTY': {
      const tty = require('tty');
      stream = new tty.ReadStream(fd);
      break;
    }
    case 'FILE': {
      const fs = require('fs');
      if (typeof fs.ReadStream === 'function') {
        stream = new fs.ReadStream(null, { fd, autoClose: false });
      } else {
        const { getFdStream } = require('internal/tty');
        const FdStream = getFdStream();
        stream = new FdStream(fd, { allowHalfOpen: false });
      }
      break;
    }
    case 'PIPE':
    case 'TCP': {
      if (internalBinding('pipe_wrap').isSocket(fd)) {
        stream = socketStdin(fd);
      } else {
        const { getFdStream } = require('internal/tty');
        const FdStream = getFdStream();
        stream = new FdStream(fd, { allowHalfOpen: false });
      }
      break;
    }
    default:
      return endedStream(fd);
  }
  stream.fd = fd;
  return stream;
}

module.exports = { getStdin };
