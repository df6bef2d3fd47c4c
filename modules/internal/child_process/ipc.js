'use strict';
// The IPC channel between a parent and a child it forked (or spawned with
// 'ipc' in stdio): a Unix socketpair read and written on the ring through
// the tcp binding. Both sides use setupChannel: the parent on its
// ChildProcess, the child on `process`.
//
// As in Node: messages are emitted on the next tick; a side stays alive
// while it has 'message' or 'disconnect' listeners, or messages still being
// written; send() returns false once much is queued; disconnect() closes
// the channel after what is queued has gone out, and both sides then emit
// 'disconnect'.

const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_HANDLE_TYPE, ERR_IPC_CHANNEL_CLOSED, ERR_IPC_DISCONNECTED, ERR_MISSING_ARGS,
  },
  errnoException,
} = require('internal/errors');
const { validateObject } = require('internal/validators');
const { register, unregister } = require('internal/loop');
const { getSerialization } = require('internal/child_process/serialization');

const kData = 1;
const kEof = 2;
const kReadError = 3;
const kWrite = 4;
const kClose = 7;
const kRaw = 0;

const kClosed = Symbol('kClosed');

// Node's threshold for send()'s return value.
const kQueueLimit = 65536 * 2;

let net;
function tcp() {
  net ??= require('net')._internal;
  return net;
}

// What `child.channel` / `process.channel` is: the handle, with Node's
// ref/unref, the counted references and the descriptor.
class Control {
  #id = 0;
  #fd = -1;
  #refs = 0;
  #refExplicitlySet = false;
  #refed = true;

  constructor(id, fd, refed) {
    this.#id = id;
    this.#fd = fd;
    // The parent's end starts referenced, the child's not (as in Node);
    // counted references (sends in flight, the child's listeners) then
    // decide, unless ref()/unref() was called.
    if (!refed) this.#setRef(false);
  }

  #setRef(on) {
    if (this.#id === 0 || this.#refed === on) return;
    this.#refed = on;
    tcp().binding.ref(this.#id, on);
  }

  refCounted() {
    if (++this.#refs === 1 && !this.#refExplicitlySet) this.#setRef(true);
  }

  unrefCounted() {
    if (--this.#refs === 0 && !this.#refExplicitlySet) this.#setRef(false);
  }

  ref() {
    this.#refExplicitlySet = true;
    this.#setRef(true);
  }

  unref() {
    this.#refExplicitlySet = true;
    this.#setRef(false);
  }

  get fd() {
    return this.#id === 0 ? -1 : this.#fd;
  }

  // Internal: forgetting the binding id once the channel has closed.
  [kClosed]() {
    this.#id = 0;
  }
}

function setupChannel(target, fd, serializationMode, refed = true) {
  const { binding, viewOf, writeInfo } = tcp();
  // Chunks are Buffer views: node:buffer must have set Buffer up.
  require('buffer');
  const { Parser, write: serialize } = getSerialization(serializationMode);
  const parser = new Parser();
  const incoming = [];
  // [end offset of the message in the stream, callback], in order.
  const writes = [];
  let endOffset = 0; // where the send queue ends in the stream
  const byteCounts = new Float64Array(3); // [read, written, queued]
  let acks = false;
  // The binding reports completed sends only while asked to.
  function setAcks(on) {
    if (acks === on || closed) return;
    acks = on;
    binding.wantAcks(id, on);
  }
  let disconnectPending = false;
  let closed = false;

  const id = register(onEvent, true);
  binding.adopt(fd, id, kRaw);
  const control = new Control(id, fd, refed);

  target.channel = control;
  target.connected = true;
  Object.defineProperty(target, '_channel', {
    __proto__: null,
    get() { return target.channel; },
    set(v) { target.channel = v; },
    configurable: true,
    enumerable: false,
  });

  function emitMessage(message) {
    if (message !== null && typeof message === 'object' && typeof message.cmd === 'string' &&
        message.cmd.startsWith('NODE_')) {
      target.emit('internalMessage', message);
    } else {
      target.emit('message', message, undefined);
    }
  }

  function onEvent(res, aux, flags) {
    switch (flags & 0xff) {
      case kData: {
        parser.push(viewOf(aux, res), incoming);
        for (let i = 0; i < incoming.length; i++) process.nextTick(emitMessage, incoming[i]);
        incoming.length = 0;
        return;
      }
      case kEof:
      case kReadError:
        // The other side went away: disconnect (once the parsed messages
        // have been emitted, which are on the tick queue already).
        if (target.connected) target.connected = false;
        process.nextTick(finishDisconnect);
        return;
      case kWrite: {
        // A send completed (reported while acks are on): the binding says
        // how far the stream has been written.
        if (res < 0) {
          // The peer is gone; queued callbacks fail like Node's writes.
          const err = errnoException(res, 'write');
          const pending = writes.splice(0);
          setAcks(false);
          for (const [, cb] of pending) {
            control.unrefCounted();
            if (typeof cb === 'function') cb(err);
          }
          return;
        }
        binding.bytes(id, byteCounts);
        const written = byteCounts[1];
        while (writes.length > 0 && writes[0][0] <= written) {
          const [, cb] = writes.shift();
          control.unrefCounted();
          if (typeof cb === 'function') cb(null);
        }
        if (writes.length === 0) setAcks(false);
        if (disconnectPending && writes.length === 0) finishDisconnect();
        return;
      }
      case kClose:
        unregister(id);
        control[kClosed]();
        return;
      default:
    }
  }

  function finishDisconnect() {
    if (closed) return;
    closed = true;
    target.connected = false;
    target.channel = null;
    binding.close(id);
    target.emit('disconnect');
  }

  target._send = function _send(message, handle, options, callback) {
    const data = serialize(message);
    const queued = binding.write(id, data, false);
    if (queued < 0) {
      const err = errnoException(queued, 'write');
      if (typeof callback === 'function') process.nextTick(callback, err);
      else process.nextTick(() => target.emit('error', err));
      return false;
    }
    endOffset = writeInfo[0];
    control.refCounted();
    writes.push([endOffset, callback]);
    setAcks(true);
    return queued < kQueueLimit;
  };

  target.send = function send(message, handle, options, callback) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
      options = undefined;
    } else if (typeof options === 'function') {
      callback = options;
      options = undefined;
    } else if (options !== undefined) {
      validateObject(options, 'options');
    }
    if (message === undefined) throw new ERR_MISSING_ARGS('message');
    if (typeof message !== 'string' && typeof message !== 'object' &&
        typeof message !== 'number' && typeof message !== 'boolean') {
      throw new ERR_INVALID_ARG_TYPE('message', ['string', 'object', 'number', 'boolean'], message);
    }
    if (handle !== undefined && handle !== null) {
      // Sockets and servers do not cross to another process here (shard
      // shares ports between cores with SO_REUSEPORT instead).
      throw new ERR_INVALID_HANDLE_TYPE();
    }
    if (!this.connected) {
      const ex = new ERR_IPC_CHANNEL_CLOSED();
      if (typeof callback === 'function') process.nextTick(callback, ex);
      else process.nextTick(() => this.emit('error', ex));
      return false;
    }
    return this._send(message, handle, options, callback);
  };

  target._disconnect = function _disconnect() {
    if (writes.length > 0) {
      // What is queued goes out first.
      disconnectPending = true;
      return;
    }
    process.nextTick(finishDisconnect);
  };

  target.disconnect = function disconnect() {
    if (!this.connected) {
      this.emit('error', new ERR_IPC_DISCONNECTED());
      return;
    }
    this.connected = false;
    this._disconnect();
  };

  binding.readStart(id);
  return control;
}

// The child's side (process.send and friends): a 'message' or
// 'disconnect' listener keeps the child alive.
function forkChild(fd, serializationMode) {
  const control = setupChannel(process, fd, serializationMode, false);
  process.on('newListener', function onNewListener(name) {
    if (name === 'message' || name === 'disconnect') control.refCounted();
  });
  process.on('removeListener', function onRemoveListener(name) {
    if (name === 'message' || name === 'disconnect') control.unrefCounted();
  });
}

module.exports = { setupChannel, forkChild };
