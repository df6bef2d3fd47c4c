'use strict';
// The stream of test events that reporters read: an EventEmitter (one event
// per message type, as `run()` users listen to) that is also async-iterable
// as { type, data } objects, each iterator seeing every message from the
// moment it was created.

const EventEmitter = require('events');

const kEmitMessage = Symbol('kEmitMessage');

class TestsStream extends EventEmitter {
  #readers = new Set();
  #ended = false;

  fail(nesting, loc, testNumber, name, details, directive) {
    this[kEmitMessage]('test:fail', { __proto__: null, name, nesting, testNumber, details, ...loc, ...directive });
  }

  ok(nesting, loc, testNumber, name, details, directive) {
    this[kEmitMessage]('test:pass', { __proto__: null, name, nesting, testNumber, details, ...loc, ...directive });
  }

  complete(nesting, loc, testNumber, name, details, directive) {
    this[kEmitMessage]('test:complete', {
      __proto__: null, name, nesting, testNumber, details, ...loc, ...directive,
    });
  }

  plan(nesting, loc, count) {
    this[kEmitMessage]('test:plan', { __proto__: null, nesting, count, ...loc });
  }

  getSkip(reason = undefined) {
    return { __proto__: null, skip: reason ?? true };
  }

  getTodo(reason = undefined) {
    return { __proto__: null, todo: reason ?? true };
  }

  enqueue(nesting, loc, name, type) {
    this[kEmitMessage]('test:enqueue', { __proto__: null, nesting, name, type, ...loc });
  }

  dequeue(nesting, loc, name, type) {
    this[kEmitMessage]('test:dequeue', { __proto__: null, nesting, name, type, ...loc });
  }

  start(nesting, loc, name) {
    this[kEmitMessage]('test:start', { __proto__: null, nesting, name, ...loc });
  }

  diagnostic(nesting, loc, message, level = 'info') {
    this[kEmitMessage]('test:diagnostic', { __proto__: null, nesting, message, level, ...loc });
  }

  stdout(file, message) {
    this[kEmitMessage]('test:stdout', { __proto__: null, file, message });
  }

  stderr(file, message) {
    this[kEmitMessage]('test:stderr', { __proto__: null, file, message });
  }

  summary(nesting, file, success, counts, duration_ms) {
    this[kEmitMessage]('test:summary', { __proto__: null, success, counts, duration_ms, file });
  }

  end() {
    if (this.#ended) return;
    this.#ended = true;
    for (const reader of this.#readers) reader.wake();
    this.emit('end');
    this.emit('close');
  }

  get ended() {
    return this.#ended;
  }

  [kEmitMessage](type, data) {
    this.emit(type, data);
    if (this.#ended) return;
    const message = { type, data };
    for (const reader of this.#readers) reader.push(message);
  }

  [Symbol.asyncIterator]() {
    const stream = this;
    const queue = [];
    let waiting = null;
    const reader = {
      push(message) {
        queue.push(message);
        this.wake();
      },
      wake() {
        if (waiting !== null) {
          const resolve = waiting;
          waiting = null;
          resolve();
        }
      },
    };
    this.#readers.add(reader);
    return {
      async next() {
        for (;;) {
          if (queue.length > 0) return { value: queue.shift(), done: false };
          if (stream.#ended) {
            stream.#readers.delete(reader);
            return { value: undefined, done: true };
          }
          await new Promise((resolve) => { waiting = resolve; });
        }
      },
      async return() {
        stream.#readers.delete(reader);
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

module.exports = { TestsStream, kEmitMessage };
