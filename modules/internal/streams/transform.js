'use strict';
// Transform: a Duplex whose written chunks go through _transform() and come
// out of the readable side. Backpressure: the write callback is held back
// while the readable side is above its highWaterMark, and released by the
// next _read().
//
// Each stream has one callback for _transform() (made on the first write),
// so a chunk costs no closure.

const { codes: { ERR_METHOD_NOT_IMPLEMENTED } } = require('internal/errors');
const Duplex = require('internal/streams/duplex');
const { getHighWaterMark } = require('internal/streams/state');

module.exports = Transform;

Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

// The write callback held back by backpressure, released by _read().
const kCallback = Symbol('kCallback');
// The write callback and readable length of the chunk in _transform().
const kWriteCb = Symbol('kWriteCb');
const kLengthBefore = Symbol('kLengthBefore');
const kOnTransformed = Symbol('kOnTransformed');

function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);

  // A readable highWaterMark of 0 would stall: the writable side then
  // defaults to 0 as well, so nothing piles up on either side.
  const readableHighWaterMark = options ?
    getHighWaterMark(this, options, 'readableHighWaterMark', true) : null;
  if (readableHighWaterMark === 0) {
    options = {
      ...options,
      highWaterMark: null,
      readableHighWaterMark,
      writableHighWaterMark: options.writableHighWaterMark || 0,
    };
  }

  Duplex.call(this, options);

  // Data pushed from _transform() may be emitted at once.
  this._readableState.sync = false;
  this[kCallback] = null;
  this[kWriteCb] = null;
  this[kLengthBefore] = 0;
  // Made on the first write: a Transform never written to costs nothing.
  this[kOnTransformed] = null;

  if (options) {
    if (typeof options.transform === 'function') this._transform = options.transform;
    if (typeof options.flush === 'function') this._flush = options.flush;
  }

  // A subclass with its own _final() still gets _flush() at 'prefinish'.
  this.on('prefinish', prefinish);
}

function final(cb) {
  if (typeof this._flush === 'function' && !this.destroyed) {
    this._flush((er, data) => {
      if (er) {
        if (cb) cb(er);
        else this.destroy(er);
        return;
      }
      if (data != null) this.push(data);
      this.push(null);
      if (cb) cb();
    });
  } else {
    this.push(null);
    if (cb) cb();
  }
}

function prefinish() {
  if (this._final !== final) final.call(this);
}

Transform.prototype._final = final;

Transform.prototype._transform = function(chunk, encoding, callback) {
  throw new ERR_METHOD_NOT_IMPLEMENTED('_transform()');
};

Transform.prototype._write = function(chunk, encoding, callback) {
  this[kWriteCb] = callback;
  this[kLengthBefore] = this._readableState.length;
  this._transform(chunk, encoding, this[kOnTransformed] ?? makeOnTransformed(this));
};

function makeOnTransformed(stream) {
  stream[kOnTransformed] = (err, val) => onTransformed(stream, err, val);
  return stream[kOnTransformed];
}

function onTransformed(stream, err, val) {
  const callback = stream[kWriteCb];
  stream[kWriteCb] = null;
  if (callback === null) {
    // Called twice: the write callback reports it.
    if (!err && val != null) stream.push(val);
    stream._writableState.onwrite(err);
    return;
  }
  if (err) {
    callback(err);
    return;
  }
  if (val != null) stream.push(val);

  const rState = stream._readableState;
  if (rState.ended) {
    process.nextTick(callback);
  } else if (stream._writableState.ended ||
             stream[kLengthBefore] === rState.length ||
             rState.length < rState.highWaterMark) {
    // Room for more (or nothing was added): take the next chunk.
    callback();
  } else {
    stream[kCallback] = callback;
  }
}

Transform.prototype._read = function() {
  const callback = this[kCallback];
  if (callback) {
    this[kCallback] = null;
    callback();
  }
};
