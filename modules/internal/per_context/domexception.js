'use strict';
// DOMException as the Web IDL spec and Node define it: name, message and
// code are prototype getters over internal slots, the legacy code constants
// sit on both the constructor and the prototype, and instances are Errors
// (Error.prototype in the chain, a captured `stack`).

// Node words this ERR_INVALID_THIS differently from internal/errors' one.
function invalidThis() {
  const err = new TypeError('Value of "this" must be of DOMException');
  err.code = 'ERR_INVALID_THIS';
  return err;
}

// The legacy names with a code; every other name has code 0.
const legacy = [
  ['IndexSizeError', 'INDEX_SIZE_ERR'],
  ['DOMStringSizeError', 'DOMSTRING_SIZE_ERR'],
  ['HierarchyRequestError', 'HIERARCHY_REQUEST_ERR'],
  ['WrongDocumentError', 'WRONG_DOCUMENT_ERR'],
  ['InvalidCharacterError', 'INVALID_CHARACTER_ERR'],
  ['NoDataAllowedError', 'NO_DATA_ALLOWED_ERR'],
  ['NoModificationAllowedError', 'NO_MODIFICATION_ALLOWED_ERR'],
  ['NotFoundError', 'NOT_FOUND_ERR'],
  ['NotSupportedError', 'NOT_SUPPORTED_ERR'],
  ['InUseAttributeError', 'INUSE_ATTRIBUTE_ERR'],
  ['InvalidStateError', 'INVALID_STATE_ERR'],
  ['SyntaxError', 'SYNTAX_ERR'],
  ['InvalidModificationError', 'INVALID_MODIFICATION_ERR'],
  ['NamespaceError', 'NAMESPACE_ERR'],
  ['InvalidAccessError', 'INVALID_ACCESS_ERR'],
  ['ValidationError', 'VALIDATION_ERR'],
  ['TypeMismatchError', 'TYPE_MISMATCH_ERR'],
  ['SecurityError', 'SECURITY_ERR'],
  ['NetworkError', 'NETWORK_ERR'],
  ['AbortError', 'ABORT_ERR'],
  ['URLMismatchError', 'URL_MISMATCH_ERR'],
  ['QuotaExceededError', 'QUOTA_EXCEEDED_ERR'],
  ['TimeoutError', 'TIMEOUT_ERR'],
  ['InvalidNodeTypeError', 'INVALID_NODE_TYPE_ERR'],
  ['DataCloneError', 'DATA_CLONE_ERR'],
];
const nameToCode = new Map();
for (let i = 0; i < legacy.length; i++) nameToCode.set(legacy[i][0], i + 1);

class DOMException {
  #name;
  #message;

  constructor(message = '', options = 'Error') {
    Error.captureStackTrace(this);
    this.#message = `${message}`;
    if (options !== null && typeof options === 'object') {
      this.#name = 'name' in options ? `${options.name}` : 'Error';
      if ('cause' in options) {
        Object.defineProperty(this, 'cause', {
          value: options.cause, writable: true, enumerable: false, configurable: true,
        });
      }
    } else {
      this.#name = `${options}`;
    }
  }

  static #check(self) {
    if (self === null || typeof self !== 'object' || !(#name in self)) {
      throw invalidThis();
    }
  }

  get name() {
    DOMException.#check(this);
    return this.#name;
  }

  get message() {
    DOMException.#check(this);
    return this.#message;
  }

  get code() {
    DOMException.#check(this);
    return nameToCode.get(this.#name) ?? 0;
  }
}

Object.setPrototypeOf(DOMException.prototype, Error.prototype);
Object.defineProperties(DOMException.prototype, {
  [Symbol.toStringTag]: { value: 'DOMException', configurable: true },
  name: { enumerable: true },
  message: { enumerable: true },
  code: { enumerable: true },
});
for (let i = 0; i < legacy.length; i++) {
  const desc = { value: i + 1, writable: false, enumerable: true, configurable: false };
  Object.defineProperty(DOMException, legacy[i][1], desc);
  Object.defineProperty(DOMException.prototype, legacy[i][1], desc);
}

module.exports = { DOMException };
