'use strict';
// The global structuredClone(value, { transfer }): V8's serializer in
// both directions within this isolate. Uncloneable values throw a
// DOMException named DataCloneError; transferred ArrayBuffers are detached
// and their memory moves to the clone.

const binding = internalBinding('v8');

let factorySet = false;

function makeTypeError(message) {
  const err = new TypeError(message);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

function structuredClone(value, options = undefined) {
  if (arguments.length === 0) {
    // Node 22's exact wording.
    const err = new TypeError('The "The value argument must be specified" argument must be specified');
    err.code = 'ERR_MISSING_ARGS';
    throw err;
  }
  if (!factorySet) {
    factorySet = true;
    const { DOMException } = require('internal/per_context/domexception');
    binding.setCloneErrorFactory((message) => new DOMException(message, 'DataCloneError'));
  }
  let transfer;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object' && typeof options !== 'function') {
      throw makeTypeError("Failed to execute 'structuredClone': Options cannot be converted to a dictionary");
    }
    const list = options.transfer;
    if (list !== undefined) {
      if (list === null || typeof list !== 'object' || typeof list[Symbol.iterator] !== 'function') {
        throw makeTypeError("Failed to execute 'structuredClone': transfer in Options can not be converted to sequence.");
      }
      transfer = [...list];
    }
  }
  return binding.structuredClone(value, transfer);
}

module.exports = { structuredClone };
