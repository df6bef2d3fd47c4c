'use strict';
// node:readline: line-by-line reading of any stream (createInterface,
// 'line' events, async iteration, question with a callback, history), the
// cursor helpers, and emitKeypressEvents. The Interface lives in
// internal/readline/interface; node:readline/promises shares it.

const { kEmptyObject, kCustomPromisifiedSymbol } = require('internal/util');
const { AbortError } = require('internal/errors');
const { validateAbortSignal } = require('internal/validators');
const {
  Interface: BaseInterface,
  kQuestion,
  kQuestionCancel,
} = require('internal/readline/interface');
const { clearLine, clearScreenDown, cursorTo, moveCursor } = require('internal/readline/callbacks');
const { emitKeypressEvents } = require('internal/readline/emitKeypressEvents');

// Callable without new, as Node's readline.Interface is.
function Interface(input, output, completer, terminal) {
  if (!new.target) return new Interface(input, output, completer, terminal);
  return Reflect.construct(BaseInterface, [input, output, completer, terminal], new.target);
}
Object.setPrototypeOf(Interface.prototype, BaseInterface.prototype);
Object.setPrototypeOf(Interface, BaseInterface);

// question(query[, options], cb): the answer to cb; options.signal cancels.
Interface.prototype.question = function question(query, options, cb) {
  cb = typeof options === 'function' ? options : cb;
  if (options === null || typeof options !== 'object') options = kEmptyObject;
  if (options.signal) {
    validateAbortSignal(options.signal, 'options.signal');
    if (options.signal.aborted) return;
    const onAbort = () => {
      this[kQuestionCancel]();
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => {
      options.signal.removeEventListener('abort', onAbort);
    };
    const originalCb = cb;
    cb = typeof cb === 'function' ? (answer) => {
      cleanup();
      return originalCb(answer);
    } : cleanup;
  }
  if (typeof cb === 'function') this[kQuestion](query, cb);
};

// util.promisify(rl.question) resolves the answer.
Interface.prototype.question[kCustomPromisifiedSymbol] = function question(query, options) {
  if (options === null || typeof options !== 'object') options = kEmptyObject;
  if (options.signal && options.signal.aborted) {
    return Promise.reject(new AbortError(undefined, { cause: options.signal.reason }));
  }
  return new Promise((resolve, reject) => {
    let cb = resolve;
    if (options.signal) {
      const onAbort = () => reject(new AbortError(undefined, { cause: options.signal.reason }));
      options.signal.addEventListener('abort', onAbort, { once: true });
      cb = (answer) => {
        options.signal.removeEventListener('abort', onAbort);
        resolve(answer);
      };
    }
    this.question(query, options, cb);
  });
};

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

module.exports = {
  Interface,
  clearLine,
  clearScreenDown,
  createInterface,
  cursorTo,
  emitKeypressEvents,
  moveCursor,
};

Object.defineProperty(module.exports, 'promises', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    return require('readline/promises');
  },
});
