'use strict';
// ByteLengthQueuingStrategy and CountQueuingStrategy: a highWaterMark and a
// size function (one shared function per class, as the spec asks).

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS, ERR_MISSING_OPTION },
} = require('internal/errors');
console.log('QS util keys', Object.keys(require('internal/webstreams/util')));
const { kState, customInspect, customInspectFn } = require('internal/webstreams/util');

function readInit(init) {
  if (init === null || typeof init !== 'object') throw new ERR_INVALID_ARG_TYPE('init', 'object', init);
  if (init.highWaterMark === undefined) throw new ERR_MISSING_OPTION('init.highWaterMark');
  // The IDL type is unrestricted double: checked later by the streams.
  return Number(init.highWaterMark);
}

const byteLengthSize = {
  size(chunk) {
    return chunk.byteLength;
  },
}.size;

const countSize = {
  size() {
    return 1;
  },
}.size;

class ByteLengthQueuingStrategy {
  constructor(init) {
    this[kState] = { highWaterMark: readInit(init) };
  }

  get highWaterMark() {
    if (!(this instanceof ByteLengthQueuingStrategy)) throw new ERR_INVALID_THIS('ByteLengthQueuingStrategy');
    return this[kState].highWaterMark;
  }

  get size() {
    if (!(this instanceof ByteLengthQueuingStrategy)) throw new ERR_INVALID_THIS('ByteLengthQueuingStrategy');
    return byteLengthSize;
  }
}

class CountQueuingStrategy {
  constructor(init) {
    this[kState] = { highWaterMark: readInit(init) };
  }

  get highWaterMark() {
    if (!(this instanceof CountQueuingStrategy)) throw new ERR_INVALID_THIS('CountQueuingStrategy');
    return this[kState].highWaterMark;
  }

  get size() {
    if (!(this instanceof CountQueuingStrategy)) throw new ERR_INVALID_THIS('CountQueuingStrategy');
    return countSize;
  }
}

for (const [Class, name] of [[ByteLengthQueuingStrategy, 'ByteLengthQueuingStrategy'],
  [CountQueuingStrategy, 'CountQueuingStrategy']]) {
  Object.defineProperties(Class.prototype, {
    highWaterMark: { enumerable: true },
    size: { enumerable: true },
    [Symbol.toStringTag]: { configurable: true, value: name },
    [customInspect]: {
      value: customInspectFn(name, function() {
        return { highWaterMark: this.highWaterMark };
      }),
    },
  });
}

module.exports = { ByteLengthQueuingStrategy, CountQueuingStrategy };
