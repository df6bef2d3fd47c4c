'use strict';
// MessageEvent: what MessagePort, BroadcastChannel and the Worker globals
// dispatch to EventTarget-style listeners (the global MessageEvent).

const { Event } = require('internal/event_target');
const { codes: { ERR_INVALID_THIS, ERR_MISSING_ARGS } } = require('internal/errors');
const { validateObject, kValidateObjectAllowNullable } = require('internal/validators');

const kData = Symbol('kData');
const kOrigin = Symbol('kOrigin');
const kLastEventId = Symbol('kLastEventId');
const kSource = Symbol('kSource');
const kPorts = Symbol('kPorts');

function check(self) {
  if (self === null || typeof self !== 'object' || !(kData in self)) throw new ERR_INVALID_THIS('MessageEvent');
}

class MessageEvent extends Event {
  constructor(type, options = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    if (options !== undefined) validateObject(options, 'options', kValidateObjectAllowNullable);
    super(type, options);
    const {
      data = null, origin = '', lastEventId = '', source = null, ports = [],
    } = options ?? {};
    this[kData] = data;
    this[kOrigin] = `${origin}`;
    this[kLastEventId] = `${lastEventId}`;
    this[kSource] = source;
    this[kPorts] = Object.freeze([...ports]);
  }

  get data() {
    check(this);
    return this[kData];
  }

  get origin() {
    check(this);
    return this[kOrigin];
  }

  get lastEventId() {
    check(this);
    return this[kLastEventId];
  }

  get source() {
    check(this);
    return this[kSource];
  }

  get ports() {
    check(this);
    return this[kPorts];
  }
}

const kEnumerable = { enumerable: true };
Object.defineProperties(MessageEvent.prototype, {
  data: kEnumerable,
  origin: kEnumerable,
  lastEventId: kEnumerable,
  source: kEnumerable,
  ports: kEnumerable,
  [Symbol.toStringTag]: { value: 'MessageEvent', writable: false, enumerable: false, configurable: true },
});

module.exports = { MessageEvent };
