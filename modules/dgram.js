'use strict';
// node:dgram: UDP sockets on the core's ring (internalBinding('udp')).
//
// A Socket owns one datagram socket, created with the Socket; bind() (given,
// or implied by the first send() or connect()) resolves the address with the
// socket's lookup, binds and starts receiving. Sends made before the bind
// finishes wait in a queue. Everything reported back (datagrams, receive
// errors, send results, the close) comes through internal/loop completions.

const EventEmitter = require('events');
const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_MISSING_ARGS,
    ERR_SOCKET_ALREADY_BOUND,
    ERR_SOCKET_BAD_BUFFER_SIZE,
    ERR_SOCKET_BUFFER_SIZE,
    ERR_SOCKET_DGRAM_IS_CONNECTED,
    ERR_SOCKET_DGRAM_NOT_CONNECTED,
    ERR_SOCKET_DGRAM_NOT_RUNNING,
    ERR_SOCKET_BAD_TYPE,
    ERR_INVALID_FD_TYPE,
  },
  errnoException,
  exceptionWithHostPort,
} = require('internal/errors');
const {
  validateAbortSignal,
  validateFunction,
  validateNumber,
  validatePort,
  validateString,
} = require('internal/validators');
const loop = require('internal/loop');
const { completionValues } = internalBinding('loop');

const binding = internalBinding('udp');

const BIND_STATE_UNBOUND = 0;
const BIND_STATE_BINDING = 1;
const BIND_STATE_BOUND = 2;

const CONNECT_STATE_DISCONNECTED = 0;
const CONNECT_STATE_CONNECTING = 1;
const CONNECT_STATE_CONNECTED = 2;

const kStateSymbol = Symbol('state symbol');

let FastBuffer;
function lazyBuffer() {
  return (FastBuffer ??= require('internal/buffer').FastBuffer);
}

let shared;
function sharedPorts() {
  if (shared === undefined) {
    shared = internalBinding('process').getOptions().cores > 1 || internalBinding('worker').kind === 'cluster';
  }
  return shared;
}

function lazyDnsLookup() {
  return require('dns').lookup;
}

function newHandle(type) {
  return { type, family: type === 'udp6' ? 6 : 4, id: 0 };
}

class Socket extends EventEmitter {
  constructor(type, listener) {
    super();
    let lookup;
    let recvBufferSize;
    let sendBufferSize;
    let options;
    if (type !== null && typeof type === 'object') {
      options = type;
      type = options.type;
      lookup = options.lookup;
      if (options.recvBufferSize) recvBufferSize = options.recvBufferSize;
      if (options.sendBufferSize) sendBufferSize = options.sendBufferSize;
    }
    if (type !== 'udp4' && type !== 'udp6') throw new ERR_SOCKET_BAD_TYPE();
    if (lookup !== undefined) validateFunction(lookup, 'options.lookup');
    this.type = type;
    if (typeof listener === 'function') this.on('message', listener);

    const handle = newHandle(type);
    handle.lookup = lookup ?? lazyDnsLookup();
    handle.id = loop.register((res, aux, kind, extra) => onEvent(this, res, aux, kind, extra), true);
    const err = binding.create(handle.id, handle.family);
    if (err < 0) {
      loop.unregister(handle.id);
      throw errnoException(err, 'socket');
    }
    this[kStateSymbol] = {
      handle,
      receiving: false,
      bindState: BIND_STATE_UNBOUND,
      connectState: CONNECT_STATE_DISCONNECTED,
      queue: undefined,
      reuseAddr: options?.reuseAddr,
      reusePort: options?.reusePort,
      ipv6Only: options?.ipv6Only,
      recvBufferSize,
      sendBufferSize,
      sendQueueSize: 0,
      sendQueueCount: 0,
      refed: true,
    };

    if (options?.signal !== undefined) {
      const { signal } = options;
      validateAbortSignal(signal, 'options.signal');
      const onAborted = () => {
        if (this[kStateSymbol].handle) this.close();
      };
      if (signal.aborted) {
        onAborted();
      } else {
        signal.addEventListener('abort', onAborted, { once: true });
        this.once('close', () => signal.removeEventListener('abort', onAborted));
      }
    }
  }
}

function createSocket(type, listener) {
  return new Socket(type, listener);
}

// ---- completions ----

function onEvent(socket, res, aux, kind, extra) {
  const state = socket[kStateSymbol];
  const type = kind & 255;
  if (type === binding.kMessage) {
    // aux: the datagram's ArrayBuffer in the batch's values (its sender's
    // address text next to it); kind: the offset in it * 256; extra: port,
    // +65536 for IPv6.
    const Buf = lazyBuffer();
    const msg = new Buf(completionValues[aux], (kind - type) / 256, res);
    const address = completionValues[aux + 1];
    const family = (extra & 65536) !== 0 ? 'IPv6' : 'IPv4';
    socket.emit('message', msg, { address, family, port: extra & 65535, size: res });
    return;
  }
  if (type === binding.kRecvError) {
    socket.emit('error', errnoException(res, 'recvmsg'));
    return;
  }
  if (type === binding.kClose) {
    loop.unregister(state.closedId);
  }
}

// ---- bind ----

function startListening(socket) {
  const state = socket[kStateSymbol];
  const err = binding.recvStart(state.handle.id);
  if (err < 0) {
    socket.emit('error', errnoException(err, 'recvStart'));
    return;
  }
  state.receiving = true;
  state.bindState = BIND_STATE_BOUND;
  if (state.recvBufferSize) bufferSize(socket, state.recvBufferSize, false);
  if (state.sendBufferSize) bufferSize(socket, state.sendBufferSize, true);
  socket.emit('listening');
}

Socket.prototype.bind = function(port_, address_ /* , callback */) {
  let port = port_;
  healthCheck(this);
  const state = this[kStateSymbol];
  if (state.bindState !== BIND_STATE_UNBOUND) throw new ERR_SOCKET_ALREADY_BOUND();
  state.bindState = BIND_STATE_BINDING;

  const cb = arguments.length && arguments[arguments.length - 1];
  if (typeof cb === 'function') {
    const removeListeners = () => {
      this.removeListener('error', removeListeners);
      this.removeListener('listening', onListening);
    };
    const onListening = () => {
      removeListeners();
      cb.call(this);
    };
    this.on('error', removeListeners);
    this.on('listening', onListening);
  }

  let address;
  let exclusive = false;
  if (port !== null && typeof port === 'object') {
    const options = port;
    if (options.fd !== undefined) {
      // Descriptors from elsewhere (cluster, a parent) are not adopted here.
      state.bindState = BIND_STATE_UNBOUND;
      throw new ERR_INVALID_FD_TYPE('UDP descriptor');
    }
    address = options.address || '';
    exclusive = !!options.exclusive;
    port = options.port;
  } else {
    address = typeof address_ === 'function' ? '' : address_;
  }

  if (!address) address = this.type === 'udp4' ? '0.0.0.0' : '::';
  if (port === undefined || port === null) port = 0;
  else port = validatePort(port, 'Port', true);

  state.handle.lookup(address, { family: state.handle.family }, (err, ip) => {
    if (!state.handle) return; // closed meanwhile
    if (err) {
      state.bindState = BIND_STATE_UNBOUND;
      this.emit('error', err);
      return;
    }
    let flags = 0;
    if (state.reuseAddr) flags |= binding.UV_UDP_REUSEADDR;
    if (state.reusePort) flags |= binding.UV_UDP_REUSEPORT;
    // Every core of a --cores program (or a cluster copy) binds the same
    // port: each gets its own SO_REUSEPORT socket and the kernel spreads the
    // datagrams, as Node's cluster shares one socket (unless exclusive).
    if (port !== 0 && !exclusive && sharedPorts()) flags |= binding.UV_UDP_REUSEPORT;
    if (state.ipv6Only) flags |= binding.UV_UDP_IPV6ONLY;
    const r = binding.bind(state.handle.id, ip, port || 0, flags);
    if (r < 0) {
      const ex = exceptionWithHostPort(r, 'bind', ip, port);
      state.bindState = BIND_STATE_UNBOUND;
      this.emit('error', ex);
      return;
    }
    startListening(this);
  });
  return this;
};

// Binds to an ephemeral port when a send or connect needs it.
function bindImplicitly(socket) {
  socket.bind({ port: 0, exclusive: true });
}

// ---- connect ----

Socket.prototype.connect = function(port, address, callback) {
  port = validatePort(port, 'Port', false);
  if (typeof address === 'function') {
    callback = address;
    address = '';
  } else if (address === undefined) {
    address = '';
  }
  validateString(address, 'address');
  const state = this[kStateSymbol];
  if (state.connectState !== CONNECT_STATE_DISCONNECTED) throw new ERR_SOCKET_DGRAM_IS_CONNECTED();
  state.connectState = CONNECT_STATE_CONNECTING;
  if (state.bindState === BIND_STATE_UNBOUND) bindImplicitly(this);
  if (state.bindState !== BIND_STATE_BOUND) {
    enqueue(this, () => doConnect(this, port, address, callback));
    return;
  }
  doConnect(this, port, address, callback);
};

function doConnect(socket, port, address, callback) {
  const state = socket[kStateSymbol];
  if (!address) address = socket.type === 'udp4' ? '127.0.0.1' : '::1';
  state.handle.lookup(address, { family: state.handle.family }, (err, ip) => {
    if (!state.handle) return;
    if (!err) {
      const r = binding.connect(state.handle.id, ip, port);
      if (r < 0) err = exceptionWithHostPort(r, 'connect', address, port);
    }
    if (err) {
      state.connectState = CONNECT_STATE_DISCONNECTED;
      process.nextTick(() => {
        if (callback) {
          socket.removeListener('connect', callback);
          callback(err);
        } else {
          socket.emit('error', err);
        }
      });
      return;
    }
    state.connectState = CONNECT_STATE_CONNECTED;
    if (callback) socket.once('connect', callback);
    process.nextTick(() => socket.emit('connect'));
  });
}

Socket.prototype.disconnect = function() {
  const state = this[kStateSymbol];
  if (state.connectState !== CONNECT_STATE_CONNECTED) throw new ERR_SOCKET_DGRAM_NOT_CONNECTED();
  const err = binding.connect(state.handle.id);
  if (err < 0) throw errnoException(err, 'connect');
  state.connectState = CONNECT_STATE_DISCONNECTED;
};

// ---- send ----

function enqueue(socket, toEnqueue) {
  const state = socket[kStateSymbol];
  if (state.queue === undefined) {
    state.queue = [];
    const onListenError = (err) => {
      socket.removeListener('listening', onListenSuccess);
      state.queue = undefined;
      socket.emit('error', err);
    };
    const onListenSuccess = () => {
      socket.removeListener('error', onListenError);
      const queue = state.queue;
      state.queue = undefined;
      for (const fn of queue) fn();
    };
    socket.once('error', onListenError);
    socket.once('listening', onListenSuccess);
  }
  state.queue.push(toEnqueue);
}

function sliceBuffer(buffer, offset, length) {
  if (typeof buffer === 'string') {
    buffer = Buffer.from(buffer);
  } else if (!ArrayBuffer.isView(buffer)) {
    throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
  }
  offset = offset >>> 0;
  length = length >>> 0;
  if (offset > buffer.byteLength) {
    const { codes: { ERR_BUFFER_OUT_OF_BOUNDS } } = require('internal/errors');
    throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
  }
  if (offset + length > buffer.byteLength) {
    const { codes: { ERR_BUFFER_OUT_OF_BOUNDS } } = require('internal/errors');
    throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length);
}

function fixBufferList(list) {
  const newlist = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (typeof buf === 'string') newlist[i] = Buffer.from(buf);
    else if (ArrayBuffer.isView(buf)) {
      newlist[i] = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } else return null;
  }
  return newlist;
}

Socket.prototype.send = function(buffer, offset, length, port, address, callback) {
  let list;
  const state = this[kStateSymbol];
  const connected = state.connectState === CONNECT_STATE_CONNECTED;
  if (!connected) {
    if (address || (port && typeof port !== 'function')) {
      buffer = sliceBuffer(buffer, offset, length);
    } else {
      callback = port;
      port = offset;
      address = length;
    }
  } else if (typeof length === 'number') {
    buffer = sliceBuffer(buffer, offset, length);
    if (typeof port === 'function') {
      callback = port;
      port = null;
    } else if (port || address) {
      throw new ERR_SOCKET_DGRAM_IS_CONNECTED();
    }
  } else {
    callback = offset;
  }

  if (!Array.isArray(buffer)) {
    if (typeof buffer === 'string') {
      list = [Buffer.from(buffer)];
    } else if (!ArrayBuffer.isView(buffer)) {
      throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
    } else {
      list = [buffer];
    }
  } else if (!(list = fixBufferList(buffer))) {
    throw new ERR_INVALID_ARG_TYPE('buffer list arguments', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
  }

  if (!connected) port = validatePort(port, 'Port', false);

  // Normalize callback so it's either a function or undefined but not anything else.
  if (typeof callback !== 'function') callback = undefined;

  if (typeof address === 'function') {
    callback = address;
    address = undefined;
  } else if (address != null) {
    validateString(address, 'address');
  }

  healthCheck(this);

  if (state.bindState === BIND_STATE_UNBOUND) bindImplicitly(this);

  // If the socket hasn't been bound yet, push the outbound packet onto the
  // send queue and send after binding is complete.
  if (state.bindState !== BIND_STATE_BOUND) {
    enqueue(this, () => this.send(list, port, address, callback));
    return;
  }

  const afterDns = (ex, ip) => {
    defaultTriggerSend(this, ex, list, port, ip, callback);
  };

  if (!connected) {
    state.handle.lookup(address || (this.type === 'udp4' ? '127.0.0.1' : '::1'),
      { family: state.handle.family }, afterDns);
  } else {
    afterDns(null, null);
  }
};

function defaultTriggerSend(socket, ex, list, port, address, callback) {
  const state = socket[kStateSymbol];
  if (ex) {
    if (typeof callback === 'function') {
      process.nextTick(callback, ex);
      return;
    }
    process.nextTick(() => socket.emit('error', ex));
    return;
  }
  if (!state.handle) return; // closed while looking up
  let bytes = 0;
  for (const chunk of list) bytes += chunk.byteLength;
  const reqId = loop.register((res) => {
    state.sendQueueSize -= bytes;
    state.sendQueueCount--;
    if (res < 0) {
      const err = exceptionWithHostPort(res, 'send', address, port);
      if (callback) callback(err);
      else socket.emit('error', err);
      return;
    }
    if (callback) callback(null, res);
  });
  const err = binding.send(state.handle.id, reqId, list, address ?? undefined, port ?? 0);
  if (err < 0) {
    loop.unregister(reqId);
    const ex = exceptionWithHostPort(err, 'send', address, port);
    if (callback) process.nextTick(callback, ex);
    else process.nextTick(() => socket.emit('error', ex));
    return;
  }
  state.sendQueueSize += bytes;
  state.sendQueueCount++;
}

// ---- close ----

Socket.prototype.close = function(callback) {
  const state = this[kStateSymbol];
  const queue = state.queue;
  if (typeof callback === 'function') this.on('close', callback);
  if (queue !== undefined) {
    // Close once the pending sends have gone (as Node does).
    queue.push(() => this.close());
    return this;
  }
  healthCheck(this);
  stopReceiving(this);
  const id = state.handle.id;
  state.closedId = id;
  binding.close(id);
  state.handle = null;
  process.nextTick(() => this.emit('close'));
  return this;
};

Socket.prototype[Symbol.asyncDispose] = async function() {
  if (!this[kStateSymbol].handle) return;
  await new Promise((resolve, reject) => {
    this.close((err) => (err ? reject(err) : resolve()));
  });
};

function stopReceiving(socket) {
  const state = socket[kStateSymbol];
  if (!state.receiving) return;
  binding.recvStop(state.handle.id);
  state.receiving = false;
}

function healthCheck(socket) {
  if (!socket[kStateSymbol].handle) throw new ERR_SOCKET_DGRAM_NOT_RUNNING();
}

// Options libuv refuses on a socket that is not bound yet (no descriptor).
function boundCheck(socket, syscall) {
  healthCheck(socket);
  if (socket[kStateSymbol].bindState !== BIND_STATE_BOUND) {
    throw errnoException(-9 /* EBADF */, syscall);
  }
}

// ---- addresses ----

function formatAddress(result) {
  return { address: result[0], family: result[2] === 6 ? 'IPv6' : 'IPv4', port: result[1] };
}

Socket.prototype.address = function() {
  healthCheck(this);
  const state = this[kStateSymbol];
  // libuv has no descriptor before the bind.
  if (state.bindState !== BIND_STATE_BOUND) throw errnoException(-9 /* EBADF */, 'getsockname');
  const result = binding.address(state.handle.id, false);
  if (typeof result === 'number') throw errnoException(result, 'getsockname');
  return formatAddress(result);
};

Socket.prototype.remoteAddress = function() {
  healthCheck(this);
  const state = this[kStateSymbol];
  if (state.connectState !== CONNECT_STATE_CONNECTED) throw new ERR_SOCKET_DGRAM_NOT_CONNECTED();
  const result = binding.address(state.handle.id, true);
  if (typeof result === 'number') throw errnoException(result, 'getpeername');
  return formatAddress(result);
};

// ---- options ----

Socket.prototype.setBroadcast = function(arg) {
  boundCheck(this, 'setBroadcast');
  const err = binding.option(this[kStateSymbol].handle.id, 0, arg ? 1 : 0);
  if (err < 0) throw errnoException(err, 'setBroadcast');
};

Socket.prototype.setTTL = function(ttl) {
  validateNumber(ttl, 'ttl');
  boundCheck(this, 'setTTL');
  if (ttl < 1 || ttl > 255) throw errnoException(-22 /* EINVAL */, 'setTTL');
  const err = binding.option(this[kStateSymbol].handle.id, 1, ttl);
  if (err < 0) throw errnoException(err, 'setTTL');
  return ttl;
};

Socket.prototype.setMulticastTTL = function(ttl) {
  validateNumber(ttl, 'ttl');
  boundCheck(this, 'setMulticastTTL');
  if (ttl < 0 || ttl > 255) throw errnoException(-22 /* EINVAL */, 'setMulticastTTL');
  const err = binding.option(this[kStateSymbol].handle.id, 2, ttl);
  if (err < 0) throw errnoException(err, 'setMulticastTTL');
  return ttl;
};

Socket.prototype.setMulticastLoopback = function(arg) {
  boundCheck(this, 'setMulticastLoopback');
  const err = binding.option(this[kStateSymbol].handle.id, 3, arg ? 1 : 0);
  if (err < 0) throw errnoException(err, 'setMulticastLoopback');
  return arg; // 0.4 compatibility
};

Socket.prototype.setMulticastInterface = function(interfaceAddress) {
  healthCheck(this);
  validateString(interfaceAddress, 'interfaceAddress');
  boundCheck(this, 'setMulticastInterface');
  const err = binding.multicastInterface(this[kStateSymbol].handle.id, interfaceAddress);
  if (err < 0) throw errnoException(err, 'setMulticastInterface');
};

function membership(socket, multicastAddress, interfaceAddress, join, syscall) {
  healthCheck(socket);
  if (!multicastAddress) throw new ERR_MISSING_ARGS('multicastAddress');
  validateString(multicastAddress, 'multicastAddress');
  if (interfaceAddress !== undefined) validateString(interfaceAddress, 'interfaceAddress');
  const state = socket[kStateSymbol];
  // Joining needs a descriptor bound somewhere: bind as libuv would.
  if (state.bindState !== BIND_STATE_BOUND && join) {
    if (state.bindState === BIND_STATE_UNBOUND) {
      const { family } = state.handle;
      const r = binding.bind(state.handle.id, family === 6 ? '::' : '0.0.0.0', 0, binding.UV_UDP_REUSEADDR);
      if (r < 0) throw errnoException(r, syscall);
    }
  }
  const err = binding.membership(state.handle.id, multicastAddress, interfaceAddress, join);
  if (err < 0) throw errnoException(err, syscall);
}

Socket.prototype.addMembership = function(multicastAddress, interfaceAddress) {
  membership(this, multicastAddress, interfaceAddress, true, 'addMembership');
};

Socket.prototype.dropMembership = function(multicastAddress, interfaceAddress) {
  membership(this, multicastAddress, interfaceAddress, false, 'dropMembership');
};

function sourceMembership(socket, sourceAddress, groupAddress, interfaceAddress, join, syscall) {
  healthCheck(socket);
  validateString(sourceAddress, 'sourceAddress');
  validateString(groupAddress, 'groupAddress');
  if (interfaceAddress !== undefined) validateString(interfaceAddress, 'interfaceAddress');
  const err = binding.sourceMembership(socket[kStateSymbol].handle.id, sourceAddress, groupAddress,
    interfaceAddress, join);
  if (err < 0) throw errnoException(err, syscall);
}

Socket.prototype.addSourceSpecificMembership = function(sourceAddress, groupAddress, interfaceAddress) {
  sourceMembership(this, sourceAddress, groupAddress, interfaceAddress, true, 'addSourceSpecificMembership');
};

Socket.prototype.dropSourceSpecificMembership = function(sourceAddress, groupAddress, interfaceAddress) {
  sourceMembership(this, sourceAddress, groupAddress, interfaceAddress, false, 'dropSourceSpecificMembership');
};

// Node's SystemError shape: name, info, errno and syscall.
function bufferSizeError(ctx) {
  const err = new ERR_SOCKET_BUFFER_SIZE(ctx);
  Object.defineProperty(err, 'name', { configurable: true, writable: true, enumerable: false, value: 'SystemError' });
  err.info = ctx;
  err.errno = ctx.errno;
  err.syscall = ctx.syscall;
  return err;
}

function bufferSize(socket, size, send) {
  if (size >>> 0 !== size) throw new ERR_SOCKET_BAD_BUFFER_SIZE();
  const state = socket[kStateSymbol];
  if (!state.handle || state.bindState !== BIND_STATE_BOUND) {
    throw bufferSizeError({ errno: -9, code: 'EBADF', message: 'bad file descriptor',
      syscall: send ? 'uv_send_buffer_size' : 'uv_recv_buffer_size' });
  }
  const r = binding.bufferSize(state.handle.id, send, size);
  if (r < 0) {
    const [code, message] = require('util').getSystemErrorMap().get(r) ?? ['UNKNOWN', 'unknown error'];
    throw bufferSizeError({ errno: r, code, message,
      syscall: send ? 'uv_send_buffer_size' : 'uv_recv_buffer_size' });
  }
  return r;
}

Socket.prototype.setRecvBufferSize = function(size) {
  bufferSize(this, size, false);
};

Socket.prototype.setSendBufferSize = function(size) {
  bufferSize(this, size, true);
};

Socket.prototype.getRecvBufferSize = function() {
  return bufferSize(this, 0, false);
};

Socket.prototype.getSendBufferSize = function() {
  return bufferSize(this, 0, true);
};

Socket.prototype.getSendQueueSize = function() {
  return this[kStateSymbol].sendQueueSize;
};

Socket.prototype.getSendQueueCount = function() {
  return this[kStateSymbol].sendQueueCount;
};

// ---- ref ----

Socket.prototype.ref = function() {
  const state = this[kStateSymbol];
  state.refed = true;
  if (state.handle) binding.ref(state.handle.id, true);
  return this;
};

Socket.prototype.unref = function() {
  const state = this[kStateSymbol];
  state.refed = false;
  if (state.handle) binding.ref(state.handle.id, false);
  return this;
};

// Node's legacy underscore accessors, still read by a few packages.
Object.defineProperty(Socket.prototype, '_handle', {
  configurable: true,
  get() {
    return this[kStateSymbol].handle;
  },
});

Object.defineProperty(Socket.prototype, '_bindState', {
  configurable: true,
  get() {
    return this[kStateSymbol].bindState;
  },
});

Object.defineProperty(Socket.prototype, '_receiving', {
  configurable: true,
  get() {
    return this[kStateSymbol].receiving;
  },
});

module.exports = {
  _createSocketHandle() {
    const { codes: { ERR_NOT_IMPLEMENTED } } = require('internal/errors');
    throw new ERR_NOT_IMPLEMENTED('dgram._createSocketHandle()');
  },
  createSocket,
  Socket,
};
