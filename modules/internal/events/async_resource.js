'use strict';
// events.EventEmitterAsyncResource: an EventEmitter whose listeners run in
// the async context of the emitter's creation (its AsyncResource's scope).

const EventEmitter = require('events');
const { AsyncResource } = require('async_hooks');
const { codes: { ERR_INVALID_THIS } } = require('internal/errors');
const { validateString } = require('internal/validators');

const kEventEmitter = Symbol('kEventEmitter');
const kAsyncResource = Symbol('kAsyncResource');

class EventEmitterReferencingAsyncResource extends AsyncResource {
  constructor(ee, type, options) {
    super(type, options);
    this[kEventEmitter] = ee;
  }

  get eventEmitter() {
    if (this[kEventEmitter] === undefined) throw new ERR_INVALID_THIS('EventEmitterReferencingAsyncResource');
    return this[kEventEmitter];
  }
}

function check(self) {
  if (self?.[kAsyncResource] === undefined) throw new ERR_INVALID_THIS('EventEmitterAsyncResource');
}

class EventEmitterAsyncResource extends EventEmitter {
  constructor(options = undefined) {
    let name;
    if (typeof options === 'string') {
      name = options;
      options = undefined;
    } else {
      if (new.target === EventEmitterAsyncResource) validateString(options?.name, 'options.name');
      name = options?.name || new.target.name;
    }
    super(options);
    this[kAsyncResource] = new EventEmitterReferencingAsyncResource(this, name, options);
  }

  emit(event, ...args) {
    check(this);
    const resource = this[kAsyncResource];
    return resource.runInAsyncScope(super.emit, this, event, ...args);
  }

  emitDestroy() {
    check(this);
    this[kAsyncResource].emitDestroy();
  }

  get asyncId() {
    check(this);
    return this[kAsyncResource].asyncId();
  }

  get triggerAsyncId() {
    check(this);
    return this[kAsyncResource].triggerAsyncId();
  }

  get asyncResource() {
    check(this);
    return this[kAsyncResource];
  }
}

module.exports = { EventEmitterAsyncResource };
