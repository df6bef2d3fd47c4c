'use strict';
// EventTarget, Event and CustomEvent with Node's semantics, and
// NodeEventTarget (an EventTarget that also speaks the EventEmitter API,
// used by MessagePort and friends).
//
// What Node does and the DOM does not: there is no tree, so every dispatch
// happens at the target (capture listeners run in registration order with
// the others, stopPropagation only sets cancelBubble); an exception thrown
// by a listener, or a rejection of the promise it returns, is reported as
// an uncaught exception on the next tick instead of being swallowed; adding
// more listeners than the limit prints MaxListenersExceededWarning.
//
// Listeners of one type are a linked list. A dispatch reads each node's
// `next` before calling it, so a listener removed during a dispatch is
// skipped (it is flagged) and one added during it runs only if the list
// had not yet reached its end: both as Node does.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_EVENT_RECURSION, ERR_MISSING_ARGS, ERR_INVALID_THIS },
} = require('internal/errors');
const {
  validateObject, validateAbortSignal, validateString, kValidateObjectAllowNullable,
} = require('internal/validators');
const { now } = require('internal/perf/utils');
const EventEmitter = require('events');

const { kMaxEventTargetListeners, kMaxEventTargetListenersWarned } = EventEmitter;
const customInspect = Symbol.for('nodejs.util.inspect.custom');

const kIsEventTarget = Symbol.for('nodejs.event_target');
const kIsNodeEventTarget = Symbol('kIsNodeEventTarget');
const kEvents = Symbol('kEvents');
const kHandlers = Symbol('kHandlers');
const kIsBeingDispatched = Symbol('kIsBeingDispatched');
const kStop = Symbol('kStop');
const kPropagationStopped = Symbol('kPropagationStopped');
const kTarget = Symbol('kTarget');
const kType = Symbol('type');
const kDetail = Symbol('detail');
const kDefaultPrevented = Symbol('defaultPrevented');
const kCancelable = Symbol('cancelable');
const kBubbles = Symbol('bubbles');
const kComposed = Symbol('composed');
const kTimestamp = Symbol('timestamp');
const kIsTrusted = Symbol('isTrusted');
const kInPassiveListener = Symbol('kInPassiveListener');
const kTrustEvent = Symbol('kTrustEvent');
const kWeakHandler = Symbol('kWeak');
const kResistStopPropagation = Symbol('kResistStopPropagation');
const kIsNodeStyleListener = Symbol('kIsNodeStyleListener');
const kHybridDispatch = Symbol.for('nodejs.internal.kHybridDispatch');
const kCreateEvent = Symbol('kCreateEvent');
const kNewListener = Symbol('kNewListener');
const kRemoveListener = Symbol('kRemoveListener');

const kEmptyObject = Object.freeze({ __proto__: null });

let lazyInspect;
function inspect(value, options) {
  lazyInspect ??= require('internal/util/inspect').inspect;
  return lazyInspect(value, options);
}

function isEvent(value) {
  return typeof value?.[kType] === 'string';
}

function checkEvent(self) {
  if (!isEvent(self)) throw new ERR_INVALID_THIS('Event');
}

// ---- Event ----

class Event {
  constructor(type, options = kEmptyObject) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    if (options !== kEmptyObject) validateObject(options, 'options', kValidateObjectAllowNullable);
    this[kCancelable] = !!options?.cancelable;
    this[kBubbles] = !!options?.bubbles;
    this[kComposed] = !!options?.composed;
    this[kIsTrusted] = options?.[kTrustEvent] === true;
    this[kType] = `${type}`;
    this[kDefaultPrevented] = false;
    this[kTimestamp] = now();
    this[kPropagationStopped] = false;
    this[kStop] = false;
    this[kTarget] = null;
    this[kIsBeingDispatched] = false;
    this[kInPassiveListener] = false;
  }

  initEvent(type, bubbles = false, cancelable = false) {
    checkEvent(this);
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    if (this[kIsBeingDispatched]) return;
    this[kType] = `${type}`;
    this[kBubbles] = !!bubbles;
    this[kCancelable] = !!cancelable;
  }

  [customInspect](depth, options) {
    checkEvent(this);
    const name = this.constructor.name;
    if (depth < 0) return name;
    const opts = { ...options, depth: Number.isInteger(options.depth) ? options.depth - 1 : options.depth };
    return `${name} ${inspect({
      type: this[kType],
      defaultPrevented: this[kDefaultPrevented],
      cancelable: this[kCancelable],
      timeStamp: this[kTimestamp],
    }, opts)}`;
  }

  stopImmediatePropagation() {
    checkEvent(this);
    // As Node: stopping immediate propagation also stops propagation.
    this[kPropagationStopped] = true;
    this[kStop] = true;
  }

  preventDefault() {
    checkEvent(this);
    if (this[kCancelable] && !this[kInPassiveListener]) this[kDefaultPrevented] = true;
  }

  get target() {
    checkEvent(this);
    return this[kTarget];
  }

  get currentTarget() {
    checkEvent(this);
    return this[kIsBeingDispatched] ? this[kTarget] : null;
  }

  get srcElement() {
    checkEvent(this);
    return this[kTarget];
  }

  get type() {
    checkEvent(this);
    return this[kType];
  }

  get cancelable() {
    checkEvent(this);
    return this[kCancelable];
  }

  get defaultPrevented() {
    checkEvent(this);
    return this[kCancelable] && this[kDefaultPrevented];
  }

  get timeStamp() {
    checkEvent(this);
    return this[kTimestamp];
  }

  composedPath() {
    checkEvent(this);
    return this[kIsBeingDispatched] ? [this[kTarget]] : [];
  }

  get returnValue() {
    checkEvent(this);
    return !(this[kCancelable] && this[kDefaultPrevented]);
  }

  set returnValue(value) {
    checkEvent(this);
    if (!value) this.preventDefault();
  }

  get bubbles() {
    checkEvent(this);
    return this[kBubbles];
  }

  get composed() {
    checkEvent(this);
    return this[kComposed];
  }

  get eventPhase() {
    checkEvent(this);
    return this[kIsBeingDispatched] ? Event.AT_TARGET : Event.NONE;
  }

  get cancelBubble() {
    checkEvent(this);
    return this[kPropagationStopped];
  }

  set cancelBubble(value) {
    checkEvent(this);
    if (value) this[kPropagationStopped] = true;
  }

  stopPropagation() {
    checkEvent(this);
    this[kPropagationStopped] = true;
  }

  get isTrusted() {
    checkEvent(this);
    return this[kIsTrusted];
  }
}

const kEnumerable = { enumerable: true };
const phases = { NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3 };
for (const name of Object.keys(phases)) {
  const desc = { value: phases[name], writable: false, enumerable: true, configurable: false };
  Object.defineProperty(Event, name, desc);
}
Object.defineProperties(Event.prototype, {
  [Symbol.toStringTag]: { writable: false, enumerable: false, configurable: true, value: 'Event' },
  initEvent: kEnumerable,
  stopImmediatePropagation: kEnumerable,
  preventDefault: kEnumerable,
  target: kEnumerable,
  currentTarget: kEnumerable,
  srcElement: kEnumerable,
  type: kEnumerable,
  cancelable: kEnumerable,
  defaultPrevented: kEnumerable,
  timeStamp: kEnumerable,
  composedPath: kEnumerable,
  returnValue: kEnumerable,
  bubbles: kEnumerable,
  composed: kEnumerable,
  eventPhase: kEnumerable,
  cancelBubble: kEnumerable,
  stopPropagation: kEnumerable,
  isTrusted: { enumerable: true, configurable: false },
});

class CustomEvent extends Event {
  constructor(type, options = kEmptyObject) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    super(type, options);
    this[kDetail] = options?.detail ?? null;
  }

  get detail() {
    if (!isEvent(this) || !(kDetail in this)) throw new ERR_INVALID_THIS('CustomEvent');
    return this[kDetail];
  }
}

Object.defineProperties(CustomEvent.prototype, {
  [Symbol.toStringTag]: { writable: false, enumerable: false, configurable: true, value: 'CustomEvent' },
  detail: kEnumerable,
});

// ---- listeners ----

// Keeps the callbacks of weak listeners alive for as long as their owner
// (the object named by the kWeakHandler option) lives; once the owner is
// collected its listeners leave their lists (a long-lived signal used with
// many short-lived targets must not keep one node per target forever).
let weakCallbacks;
let weakListenerRegistry;

function unlinkCollected(node) {
  if (node.removed) return;
  node.remove();
  node.root.size--;
}

class Listener {
  constructor(previous, listener, once, capture, passive, isNodeStyleListener, weak, resistStopPropagation) {
    this.next = undefined;
    if (previous !== undefined) previous.next = this;
    this.previous = previous;
    this.listener = listener;
    this.once = once;
    this.capture = capture;
    this.passive = passive;
    this.isNodeStyleListener = isNodeStyleListener;
    this.removed = false;
    this.root = undefined;
    this.weak = Boolean(weak);
    this.resistStopPropagation = Boolean(resistStopPropagation);
    let callback;
    if (typeof listener === 'function') {
      callback = listener;
    } else {
      // An object listener: its handleEvent is looked up at each dispatch,
      // and one without a callable handleEvent is silently skipped.
      callback = function callHandleEvent(event) {
        const handleEvent = listener?.handleEvent;
        if (typeof handleEvent === 'function') return Reflect.apply(handleEvent, listener, [event]);
      };
    }
    if (this.weak) {
      weakCallbacks ??= new WeakMap();
      let held = weakCallbacks.get(weak);
      if (held === undefined) {
        held = [];
        weakCallbacks.set(weak, held);
      }
      held.push(callback);
      this.callback = new WeakRef(callback);
      this.listener = new WeakRef(listener);
      weakListenerRegistry ??= new FinalizationRegistry(unlinkCollected);
      weakListenerRegistry.register(weak, this, this);
    } else {
      this.callback = callback;
    }
  }

  deref() {
    return this.weak ? this.listener.deref() : this.listener;
  }

  same(listener, capture) {
    return this.deref() === listener && this.capture === capture;
  }

  // Unlinks the node but keeps its own `next`, so a dispatch that already
  // holds it can go on past it.
  remove() {
    if (this.previous !== undefined) this.previous.next = this.next;
    if (this.next !== undefined) this.next.previous = this.previous;
    this.removed = true;
    if (this.weak) weakListenerRegistry.unregister(this);
  }
}

function validateEventListener(listener) {
  if (typeof listener === 'function' || typeof listener?.handleEvent === 'function') return true;
  if (listener == null) return false;
  if (typeof listener === 'object') return true; // handleEvent may be added later
  throw new ERR_INVALID_ARG_TYPE('listener', 'EventListener', listener);
}

function validateEventListenerOptions(options) {
  if (typeof options === 'boolean') return { capture: options };
  if (options === null) return kEmptyObject;
  validateObject(options, 'options');
  return {
    once: Boolean(options.once),
    capture: Boolean(options.capture),
    passive: Boolean(options.passive),
    signal: options.signal,
    weak: options[kWeakHandler],
    resistStopPropagation: options[kResistStopPropagation] ?? false,
    isNodeStyleListener: Boolean(options[kIsNodeStyleListener]),
  };
}

function isEventTarget(obj) {
  return obj?.constructor?.[kIsEventTarget] === true;
}

function initEventTarget(self) {
  self[kEvents] = new Map();
  self[kMaxEventTargetListeners] = EventEmitter.defaultMaxListeners;
  self[kMaxEventTargetListenersWarned] = false;
  self[kHandlers] = undefined;
}

function eventsOf(self) {
  // An object made from EventTarget.prototype without running the
  // constructor still works.
  if (self[kEvents] === undefined) initEventTarget(self);
  return self[kEvents];
}

// A listener's exception or rejection surfaces as an uncaught exception
// after the dispatch, as in Node.
function emitUncaughtException(err) {
  process.nextTick(() => { throw err; });
}

function addCatch(promise) {
  const then = promise.then;
  if (typeof then === 'function') {
    Reflect.apply(then, promise, [undefined, emitUncaughtException]);
  }
}

// ---- EventTarget ----

class EventTarget {
  static [kIsEventTarget] = true;

  constructor() {
    initEventTarget(this);
  }

  [kNewListener](size, type, listener, once, capture, passive, weak) {
    const max = this[kMaxEventTargetListeners];
    if (max > 0 && size > max && !this[kMaxEventTargetListenersWarned]) {
      this[kMaxEventTargetListenersWarned] = true;
      const w = new Error('Possible EventTarget memory leak detected. ' +
        `${size} ${type} listeners added to ${inspect(this, { depth: -1 })}. ` +
        `MaxListeners is ${max}. Use events.setMaxListeners() to increase limit`);
      w.name = 'MaxListenersExceededWarning';
      w.target = this;
      w.type = type;
      w.count = size;
      process.emitWarning(w);
    }
  }

  [kRemoveListener](size, type, listener, capture) {}

  addEventListener(type, listener, options = kEmptyObject) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('type', 'listener');
    const {
      once, capture, passive, signal, isNodeStyleListener, weak, resistStopPropagation,
    } = validateEventListenerOptions(options);
    validateAbortSignal(signal, 'options.signal');

    if (!validateEventListener(listener)) {
      const w = new Error(`addEventListener called with ${listener} which has no effect.`);
      w.name = 'AddEventListenerArgumentTypeWarning';
      w.target = this;
      w.type = type;
      process.emitWarning(w);
      return;
    }
    type = `${type}`;

    if (signal) {
      if (signal.aborted) return;
      // The signal holds this listener weakly through the target: a
      // long-lived signal does not keep every target it was used with alive.
      signal.addEventListener('abort', () => {
        this.removeEventListener(type, listener, options);
      }, { __proto__: null, once: true, [kWeakHandler]: this, [kResistStopPropagation]: true });
    }

    const events = eventsOf(this);
    let root = events.get(type);
    if (root === undefined) {
      root = { size: 1, next: undefined, resistStopPropagation: Boolean(resistStopPropagation) };
      // The root acts as the list's head node.
      new Listener(root, listener, once, capture, passive, isNodeStyleListener, weak, resistStopPropagation).root = root;
      events.set(type, root);
      this[kNewListener](root.size, type, listener, once, capture, passive, weak);
      return;
    }

    let handler = root.next;
    let previous = root;
    while (handler !== undefined && !handler.same(listener, capture)) {
      previous = handler;
      handler = handler.next;
    }
    if (handler !== undefined) return; // already registered with this capture

    new Listener(previous, listener, once, capture, passive, isNodeStyleListener, weak, resistStopPropagation).root = root;
    root.size++;
    root.resistStopPropagation ||= Boolean(resistStopPropagation);
    this[kNewListener](root.size, type, listener, once, capture, passive, weak);
  }

  removeEventListener(type, listener, options = kEmptyObject) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('type', 'listener');
    if (!validateEventListener(listener)) return;
    type = `${type}`;
    const capture = options?.capture === true || options === true;
    const events = eventsOf(this);
    const root = events.get(type);
    if (root === undefined || root.next === undefined) return;
    let handler = root.next;
    while (handler !== undefined) {
      if (handler.same(listener, capture)) {
        handler.remove();
        root.size--;
        if (root.size === 0) events.delete(type);
        this[kRemoveListener](root.size, type, listener, capture);
        break;
      }
      handler = handler.next;
    }
  }

  dispatchEvent(event) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('event');
    if (!(event instanceof Event)) throw new ERR_INVALID_ARG_TYPE('event', 'Event', event);
    if (event[kIsBeingDispatched]) throw new ERR_EVENT_RECURSION(event.type);
    this[kHybridDispatch](event, event.type, event);
    return event.defaultPrevented !== true;
  }

  // Dispatches either a ready Event or, for NodeEventTarget.emit, a plain
  // value: Node-style listeners receive the value itself, the others an
  // Event made from it only when one of them needs it.
  [kHybridDispatch](nodeValue, type, event) {
    const createEvent = () => {
      if (event === undefined) {
        event = this[kCreateEvent](nodeValue, type);
        event[kTarget] = this;
        event[kIsBeingDispatched] = true;
      }
      return event;
    };
    if (event !== undefined) {
      event[kTarget] = this;
      event[kIsBeingDispatched] = true;
    }

    const root = eventsOf(this).get(type);
    if (root === undefined || root.next === undefined) {
      if (event !== undefined) event[kIsBeingDispatched] = false;
      return true;
    }

    let handler = root.next;
    let next;
    while (handler !== undefined &&
           (root.resistStopPropagation || handler.passive || event?.[kStop] !== true)) {
      next = handler.next;
      if (handler.removed || (event?.[kStop] === true && !handler.resistStopPropagation)) {
        handler = next;
        continue;
      }
      if (handler.once) {
        handler.remove();
        root.size--;
        if (root.size === 0) eventsOf(this).delete(type);
        this[kRemoveListener](root.size, type, handler.deref(), handler.capture);
      }
      try {
        const arg = handler.isNodeStyleListener ? nodeValue : createEvent();
        const callback = handler.weak ? handler.callback.deref() : handler.callback;
        let result;
        if (callback !== undefined) {
          if (handler.passive && !handler.isNodeStyleListener) arg[kInPassiveListener] = true;
          try {
            result = Reflect.apply(callback, this, [arg]);
          } finally {
            if (handler.passive && !handler.isNodeStyleListener) arg[kInPassiveListener] = false;
          }
        }
        if (result !== undefined && result !== null) addCatch(result);
      } catch (err) {
        emitUncaughtException(err);
      }
      handler = next;
    }
    if (event !== undefined) event[kIsBeingDispatched] = false;
  }

  [kCreateEvent](nodeValue, type) {
    return new CustomEvent(type, { detail: nodeValue });
  }

  [customInspect](depth, options) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    const name = this.constructor.name;
    if (depth < 0) return name;
    const opts = { ...options, depth: Number.isInteger(options.depth) ? options.depth - 1 : options.depth };
    return `${name} ${inspect({}, opts)}`;
  }
}

Object.defineProperties(EventTarget.prototype, {
  addEventListener: kEnumerable,
  removeEventListener: kEnumerable,
  dispatchEvent: kEnumerable,
  [Symbol.toStringTag]: { writable: false, enumerable: false, configurable: true, value: 'EventTarget' },
});

// ---- NodeEventTarget ----

function isNodeEventTarget(obj) {
  return obj?.constructor?.[kIsNodeEventTarget] === true;
}

function checkNodeEventTarget(self) {
  if (!isNodeEventTarget(self)) throw new ERR_INVALID_THIS('NodeEventTarget');
}

class NodeEventTarget extends EventTarget {
  static [kIsNodeEventTarget] = true;
  static defaultMaxListeners = 10;

  setMaxListeners(n) {
    checkNodeEventTarget(this);
    EventEmitter.setMaxListeners(n, this);
  }

  getMaxListeners() {
    checkNodeEventTarget(this);
    return this[kMaxEventTargetListeners];
  }

  eventNames() {
    checkNodeEventTarget(this);
    return [...eventsOf(this).keys()];
  }

  listenerCount(type) {
    checkNodeEventTarget(this);
    const root = eventsOf(this).get(`${type}`);
    return root !== undefined ? root.size : 0;
  }

  off(type, listener, options) {
    checkNodeEventTarget(this);
    this.removeEventListener(type, listener, options);
    return this;
  }

  removeListener(type, listener, options) {
    checkNodeEventTarget(this);
    this.removeEventListener(type, listener, options);
    return this;
  }

  on(type, listener) {
    checkNodeEventTarget(this);
    this.addEventListener(type, listener, { [kIsNodeStyleListener]: true });
    return this;
  }

  addListener(type, listener) {
    checkNodeEventTarget(this);
    this.addEventListener(type, listener, { [kIsNodeStyleListener]: true });
    return this;
  }

  emit(type, arg) {
    checkNodeEventTarget(this);
    validateString(type, 'type');
    const hadListeners = this.listenerCount(type) > 0;
    this[kHybridDispatch](arg, type);
    return hadListeners;
  }

  once(type, listener) {
    checkNodeEventTarget(this);
    this.addEventListener(type, listener, { once: true, [kIsNodeStyleListener]: true });
    return this;
  }

  removeAllListeners(type) {
    checkNodeEventTarget(this);
    if (type !== undefined) {
      eventsOf(this).delete(`${type}`);
    } else {
      eventsOf(this).clear();
    }
    return this;
  }
}

// ---- on<event> handler properties (signal.onabort, port.onmessage) ----

function makeEventHandler(handler) {
  // One wrapper per property keeps the listener's place in the list when
  // the handler is replaced, as the HTML spec says.
  function eventHandler(...args) {
    if (typeof eventHandler.handler !== 'function') return;
    return Reflect.apply(eventHandler.handler, this, args);
  }
  eventHandler.handler = handler;
  return eventHandler;
}

function isLinked(root, listener) {
  for (let handler = root.next; handler !== undefined; handler = handler.next) {
    if (handler.listener === listener) return true;
  }
  return false;
}

function defineEventHandler(emitter, name, event = name) {
  const propName = `on${name}`;
  function get() {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    return this[kHandlers]?.get(event)?.handler ?? null;
  }
  Object.defineProperty(get, 'name', { value: `get ${propName}` });
  function set(value) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    this[kHandlers] ??= new Map();
    let wrapped = this[kHandlers].get(event);
    if (wrapped !== undefined) {
      const root = eventsOf(this).get(event);
      if (root !== undefined && isLinked(root, wrapped)) {
        // The wrapper keeps its place; only the count of live handlers changes.
        if (typeof wrapped.handler === 'function') {
          root.size--;
          this[kRemoveListener](root.size, event, wrapped.handler, false);
        }
        wrapped.handler = value;
        if (typeof value === 'function') {
          root.size++;
          this[kNewListener](root.size, event, value, false, false, false, false);
        }
      } else {
        wrapped.handler = value;
        this.addEventListener(event, wrapped);
      }
    } else {
      wrapped = makeEventHandler(value);
      this.addEventListener(event, wrapped);
    }
    this[kHandlers].set(event, wrapped);
  }
  Object.defineProperty(set, 'name', { value: `set ${propName}` });
  Object.defineProperty(emitter, propName, { get, set, configurable: true, enumerable: true });
}

// The listeners of a type, for events.getEventListeners().
function getEventTargetListeners(target, type) {
  const root = eventsOf(target).get(`${type}`);
  const list = [];
  let handler = root?.next;
  while (handler !== undefined) {
    const listener = handler.deref();
    if (!handler.removed && listener !== undefined) list.push(listener);
    handler = handler.next;
  }
  return list;
}

module.exports = {
  Event,
  CustomEvent,
  EventTarget,
  NodeEventTarget,
  defineEventHandler,
  initEventTarget,
  isEventTarget,
  getEventTargetListeners,
  kCreateEvent,
  kNewListener,
  kRemoveListener,
  kTrustEvent,
  kEvents,
  kWeakHandler,
  kResistStopPropagation,
  kIsNodeStyleListener,
  kHybridDispatch,
};
