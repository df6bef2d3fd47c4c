'use strict';
// LazyTransform: a Transform whose stream state is only built when it is
// first used as a stream. crypto's Hash, Hmac, Cipher and friends are
// Transforms, but most callers only use update()/digest() and should not
// pay for two stream states.

const Transform = require('internal/streams/transform');

module.exports = LazyTransform;

function LazyTransform(options) {
  this._options = options;
}
Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
Object.setPrototypeOf(LazyTransform, Transform);

// Reading a state builds the real Transform, whose constructor sets the
// states as own properties, hiding these accessors from then on.
function makeGetter(name) {
  return function() {
    Transform.call(this, this._options);
    this._writableState.decodeStrings = false;
    return this[name];
  };
}

function makeSetter(name) {
  return function(val) {
    Object.defineProperty(this, name, {
      __proto__: null,
      value: val,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  };
}

Object.defineProperties(LazyTransform.prototype, {
  _readableState: {
    __proto__: null,
    get: makeGetter('_readableState'),
    set: makeSetter('_readableState'),
    configurable: true,
    enumerable: true,
  },
  _writableState: {
    __proto__: null,
    get: makeGetter('_writableState'),
    set: makeSetter('_writableState'),
    configurable: true,
    enumerable: true,
  },
});
