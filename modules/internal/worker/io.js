'use strict';
// MessagePort, MessageChannel, BroadcastChannel and receiveMessageOnPort over
// internalBinding('messaging') (js/bind_messaging.cc).
//
// A MessagePort is the binding's object (an internal field holds its C++
// side); its methods are added here and it is a NodeEventTarget. Messages
// reach JS through one completion callback for the whole realm: each record
// is [port, kind, value, ports, kind, value, ports, ...], everything one port
// received since the last turn. The nextTick queue and microtasks run after
// each message, as Node does.
//
// A port that is started (it has a 'message' listener, or start() was
// called) stays reachable from `active` until it stops or closes: the C++
// side only holds it weakly, and a collected port would drop its messages.
// A port that stops in the middle of a batch keeps the rest in its backlog,
// delivered when it starts again (or taken by receiveMessageOnPort).

const binding = internalBinding('messaging');
const loopBinding = internalBinding('loop');
const { register } = require('internal/loop');
const { runNextTicks } = require('internal/process/task_queues');
const {
  NodeEventTarget, EventTarget, Event, defineEventHandler, initEventTarget,
  kCreateEvent, kNewListener, kRemoveListener, kHybridDispatch, kEvents,
} = require('internal/event_target');
const { MessageEvent } = require('internal/worker/messaging');
const { codes: { ERR_INVALID_THIS, ERR_MISSING_ARGS } } = require('internal/errors');

const { MessagePort } = binding;

const kRefed = Symbol('kRefed');
const kStarted = Symbol('kStarted');
const kClosed = Symbol('kClosed');
const kBacklog = Symbol('kBacklog');
// What had reached a port and was not yet emitted when it closed: values
// that receiveMessageOnPort still takes until the close completes (its
// 'close'), as in Node.
const kLeft = Symbol('kLeft');
const kPorts = Symbol('kPorts');
const kOwner = Symbol('kOwner');
// Internal users (Worker, cluster) learn the exit code of the realm at the
// other end of their control port here.
const kOnExit = Symbol('kOnExit');

const kMessage = 0;
const kMessageError = 1;
const kClose = 2;
const kExit = 3;
const kMessageRun = 4; // several messages in a row: their values in one array
// Several flat objects of one shape in a row: [kind, their values one after
// the other, the shape's id] (runOf makes it a kMessageRun).
const kMessageShapedRun = 5;

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const active = new Set();

let DOMException;
function domException(message, name) {
  DOMException ??= require('internal/per_context/domexception').DOMException;
  return new DOMException(message, name);
}

function typeError(code, message) {
  const err = new TypeError(message);
  err.code = code;
  return err;
}

// ---- the JS state of a port ----

function initPort(port) {
  initEventTarget(port);
  port[kRefed] = false;
  port[kStarted] = false;
  port[kClosed] = false;
  port[kBacklog] = null;
  port[kLeft] = undefined;
  port[kPorts] = undefined;
  port[kOwner] = undefined;
  port[kOnExit] = undefined;
}

function refPort(port) {
  if (!port[kRefed] && !port[kClosed]) {
    port[kRefed] = true;
    loopBinding.ref();
  }
}

function unrefPort(port) {
  if (port[kRefed]) {
    port[kRefed] = false;
    loopBinding.unref();
  }
}

function startPort(port) {
  if (port[kClosed] || port[kStarted]) return;
  port[kStarted] = true;
  active.add(port);
  const backlog = port[kBacklog];
  if (backlog !== null) {
    port[kBacklog] = null;
    // As what arrives while started: at a later point of the loop, not now.
    setImmediate(() => deliver(port, backlog, 1));
  }
  binding.start(port);
}

function stopPort(port) {
  if (!port[kStarted]) return;
  port[kStarted] = false;
  active.delete(port);
  binding.stop(port);
}

// Marks a port closed on the JS side (it was closed, or transferred away).
function retirePort(port) {
  port[kClosed] = true;
  port[kStarted] = false;
  port[kBacklog] = null;
  active.delete(port);
  unrefPort(port);
}

// ---- delivery ----

// The delivery in progress: a listener that closes its port takes what is
// left of it (Node goes on emitting a closed port's queued messages in the
// same pass, and receiveMessageOnPort takes them meanwhile).
let deliveringPort;      // whose messages are being emitted, or undefined
let deliveringRecords;   // its batch (undefined: a lone message)...
let deliveringNext = 0;  // ...and the index of the next record in it
let deliveringRun;       // the run being emitted (kMessageRun)...
let deliveringRunNext = 0; // ...and the index of its next value
let closedWhileDelivering = false;
let movedWhileDelivering = false; // transferred by a listener (requeueHeld)

// The values of the messages in records[next...] (after run[runNext...]).
function valuesFrom(records, next, run, runNext) {
  const values = [];
  if (run !== undefined) {
    for (let k = runNext; k < run.length; k++) values.push(run[k]);
  }
  if (records !== undefined) {
    for (let i = next; i < records.length; i += 3) {
      if (records[i] === kMessage) values.push(records[i + 1]);
      else if (records[i] === kMessageRun) values.push(...records[i + 1]);
      else if (records[i] === kMessageShapedRun) values.push(...runOf(records, i));
    }
  }
  return values;
}

// Emits one message of a delivery: records[next...] (after run[runNext...])
// is what is left of the delivery, which a listener that closes the port
// takes with it (close()). Returns false when that happened: what was left
// has been emitted, the delivery is over.
function emitDelivering(port, type, value, ports, records, next, run, runNext) {
  deliveringPort = port;
  deliveringRecords = records;
  deliveringNext = next;
  deliveringRun = run;
  deliveringRunNext = runNext;
  emitMessage(port, type, value, ports);
  deliveringPort = undefined;
  if (movedWhileDelivering) {
    movedWhileDelivering = false;
    return false;
  }
  if (!closedWhileDelivering) return true;
  emitLeft(port);
  return false;
}

// Emits what was left when the port closed during this delivery (close()
// gathered it), each followed by its ticks.
function emitLeft(port) {
  closedWhileDelivering = false;
  runNextTicks();
  const left = port[kLeft];
  while (left !== undefined && left.length > 0) {
    emitMessage(port, 'message', left.shift(), undefined);
    runNextTicks();
  }
}

function reportListenerError(err) {
  process.nextTick(() => { throw err; });
}

function emitMessage(port, type, value, ports) {
  const owner = port[kOwner];
  if (owner !== undefined) {
    // A BroadcastChannel (a plain EventTarget) or another owner object.
    owner.dispatchEvent(new MessageEvent(type, { data: value }));
    return;
  }
  // The common case, one port.on('message', fn): call it without building
  // the dispatch machinery, with the same error handling as a dispatch (a
  // throw or a rejection becomes an uncaught exception on the next tick).
  const root = port[kEvents].get(type);
  if (root !== undefined && root.size === 1) {
    const listener = root.next;
    if (listener !== undefined && listener.next === undefined && listener.isNodeStyleListener &&
        !listener.once && !listener.weak && !listener.removed) {
      try {
        const result = listener.callback.call(port, value);
        if (result !== undefined && result !== null && typeof result.then === 'function') {
          result.then(undefined, reportListenerError);
        }
      } catch (err) {
        reportListenerError(err);
      }
      return;
    }
  }
  port[kPorts] = ports;
  try {
    port[kHybridDispatch](value, type, undefined);
  } finally {
    port[kPorts] = undefined;
  }
}

function emitClose(port) {
  const owner = port[kOwner];
  if (owner !== undefined) return;
  port[kHybridDispatch](undefined, 'close', undefined);
}

// Stopped by a listener of this batch: the rest (the values of a run from
// `from`, then records[next...]) waits in the backlog, after what waited
// there, one record per message (receiveMessageOnPort takes them one by one).
function keepRest(port, records, next, run, from) {
  const rest = [port];
  if (port[kBacklog] !== null) rest.push(...port[kBacklog].slice(1));
  if (run !== undefined) {
    for (let k = from; k < run.length; k++) rest.push(kMessage, run[k], undefined);
  }
  for (let i = next; i < records.length; i += 3) {
    const kind = records[i];
    if (kind === kMessageRun || kind === kMessageShapedRun) {
      const values = runOf(records, i);
      for (let k = 0; k < values.length; k++) rest.push(kMessage, values[k], undefined);
    } else {
      rest.push(kind, records[i + 1], records[i + 2]);
    }
  }
  port[kBacklog] = rest;
}

// records[start...]: [kind, value, ports] triples of one port.
function deliver(port, records, start) {
  const closing = records.length >= 3 && records[records.length - 3] === kClose;
  let i = start; // the next record
  let run;       // the run being emitted...
  let k = 0;     // ...and its next value
  for (;;) {
    if (run !== undefined && k === run.length) run = undefined;
    if (run === undefined) {
      if (i >= records.length) return;
      const kind = records[i];
      if (kind === kExit) {
        const onExit = port[kOnExit];
        if (typeof onExit === 'function') onExit(records[i + 1]);
        i += 3;
        continue;
      }
      if (kind === kClose) {
        if (!port[kClosed]) {
          retirePort(port);
          binding.close(port);
        }
        // In the check phase, as this end's own close() does: so the end
        // that closed first says 'close' first, as in Node.
        setImmediate(emitClose, port);
        i += 3;
        continue;
      }
      if (kind === kMessageRun || kind === kMessageShapedRun) {
        run = runOf(records, i);
        k = 0;
        i += 3;
        continue;
      }
    }
    // The next message: run[k], else records[i].
    if (port[kClosed] && !closing) {
      if (run !== undefined) k++;
      else i += 3;
      continue;
    }
    if (!port[kStarted] && !closing) {
      keepRest(port, records, i, run, k);
      return;
    }
    let type = 'message';
    let value;
    let ports;
    if (run !== undefined) {
      value = run[k++];
    } else {
      if (records[i] !== kMessage) type = 'messageerror';
      value = records[i + 1];
      ports = records[i + 2];
      i += 3;
    }
    if (!emitDelivering(port, type, value, ports, records, i, run, k)) return;
    // A listener's receiveMessageOnPort may have taken what came next.
    i = deliveringNext;
    run = deliveringRun;
    k = deliveringRunNext;
    if ((run !== undefined && k < run.length) || i < records.length) {
      if (!port[kStarted] && !port[kClosed] && !closing) {
        // Queued again before the ticks run: they may take it synchronously.
        keepRest(port, records, i, run, k);
        runNextTicks();
        return;
      }
      runNextTicks();
    }
  }
}

// The values of the run in records[i] (a shaped run becomes one, in place).
function runOf(records, i) {
  if (records[i] === kMessageShapedRun) {
    records[i + 1] = objectsOfShape(records[i + 1], records[i + 2]);
    records[i + 2] = undefined;
    records[i] = kMessageRun;
  }
  return records[i + 1];
}

// receiveMessageOnPort from a listener of the delivery in progress: takes
// the message that comes next in it, as Node's takes the next of its
// queue. kNone when the delivery has no message left; kNotNow when what
// comes next is not a message (an error, the close).
const kNone = Symbol('kNone');
const kNotNow = Symbol('kNotNow');
function takeDelivering() {
  const run = deliveringRun;
  if (run !== undefined && deliveringRunNext < run.length) return run[deliveringRunNext++];
  const records = deliveringRecords;
  const i = deliveringNext;
  if (records === undefined || i >= records.length) return kNone;
  const kind = records[i];
  if (kind === kMessage) {
    deliveringRun = undefined;
    deliveringNext = i + 3;
    return records[i + 1];
  }
  if (kind === kMessageRun || kind === kMessageShapedRun) {
    deliveringRun = runOf(records, i);
    deliveringRunNext = 1;
    deliveringNext = i + 3;
    return deliveringRun[0];
  }
  return kNotNow;
}

function onDeliveries(count, index) {
  const values = loopBinding.completionValues;
  const records = values[index];
  // Do not keep the messages reachable from the shared array.
  values[index] = undefined;
  deliver(records[0], records, 1);
}

// A lone message (bind_messaging.cc, DeliverLone): the value in the record
// or among the completion values; its port in a slot of lonePorts, put
// there (from the completion values) when it is not there yet.
const kLoneNumber = 0;
const kLoneTrue = 1;
const kLoneFalse = 2;
const kLoneNull = 3;
const kLoneUndefined = 4;
const lonePorts = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];

function onLoneDelivery(slot, aux, lone, portIndex) {
  const values = loopBinding.completionValues;
  if (portIndex >= 0) {
    lonePorts[slot] = values[portIndex];
    values[portIndex] = undefined;
  }
  let value;
  switch (lone) {
    case kLoneNumber: value = aux; break;
    case kLoneTrue: value = true; break;
    case kLoneFalse: value = false; break;
    case kLoneNull: value = null; break;
    case kLoneUndefined: value = undefined; break;
    default: // kLoneStored
      value = values[aux];
      values[aux] = undefined;
  }
  const port = lonePorts[slot];
  // deliver() for the one record [port, kMessage, value, undefined].
  if (port[kClosed]) return;
  if (!port[kStarted]) {
    keepRest(port, [port, kMessage, value, undefined], 1, undefined, 0);
    return;
  }
  emitDelivering(port, 'message', value, undefined, undefined, 0, undefined, 0);
}

binding.setup(register(onDeliveries, true), register(onLoneDelivery, true), initPort,
              (message) => domException(message, 'DataCloneError'));

// ---- MessagePort ----

Object.setPrototypeOf(MessagePort, NodeEventTarget);
Object.setPrototypeOf(MessagePort.prototype, NodeEventTarget.prototype);

function checkPort(self) {
  if (!binding.isPort(self)) throw new ERR_INVALID_THIS('MessagePort');
}

// The transfer list of postMessage(value, transferList | { transfer }), or
// undefined.
function transferListOf(transfer) {
  if (transfer === undefined || transfer === null) return undefined;
  let list;
  if (typeof transfer === 'object' && typeof transfer[Symbol.iterator] === 'function') {
    list = [...transfer];
  } else if (typeof transfer === 'object') {
    const inner = transfer.transfer;
    if (inner === undefined || inner === null) return undefined;
    if (typeof inner !== 'object' || typeof inner[Symbol.iterator] !== 'function') {
      throw typeError('ERR_INVALID_ARG_TYPE', 'Optional options.transfer argument must be an iterable');
    }
    list = [...inner];
  } else {
    throw typeError('ERR_INVALID_ARG_TYPE', 'Optional transferList argument must be an iterable');
  }
  // Loaded only now: a Worker that never transfers never loads node:buffer.
  const { isMarkedAsUntransferable } = list.length > 0 ? require('internal/buffer') : {};
  for (let i = 0; i < list.length; i++) {
    // The Buffer pool and what users marked: never moved (Node 22 refuses them).
    if (isMarkedAsUntransferable(list[i])) {
      throw domException('Cannot transfer object of unsupported type.', 'DataCloneError');
    }
  }
  return list;
}

// Before a send that transfers ports: what a port of the list received and
// has not emitted (the rest of the delivery one of its listeners is in, its
// backlog while stopped) goes back to its queue, to travel with it.
// A requeue that throws leaves them held here, as they were (a port one of
// them carried may have gone with the failed copy).
function requeueHeld(list) {
  for (let i = 0; i < list.length; i++) {
    const port = list[i];
    if (port === null || typeof port !== 'object' || !binding.isPort(port) || port[kClosed]) continue;
    const held = port[kBacklog];
    const delivering = port === deliveringPort;
    if (delivering) keepRest(port, deliveringRecords ?? [], deliveringNext, deliveringRun, deliveringRunNext);
    const backlog = port[kBacklog];
    if (backlog === null) continue;
    const rest = [];
    let closed = false;
    for (let k = 1; k < backlog.length; k += 3) {
      if (backlog[k] === kMessage) rest.push(backlog[k + 1], backlog[k + 2]);
      else if (backlog[k] === kClose) closed = true;
    }
    try {
      binding.requeue(port, rest, closed);
    } catch (err) {
      port[kBacklog] = held;
      throw err;
    }
    port[kBacklog] = null;
    if (delivering) {
      deliveringRecords = undefined;
      deliveringRun = undefined;
      movedWhileDelivering = true;
    }
  }
}

// After a successful send: the ports that went with it are no longer ours.
function retireTransferred(list) {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (item !== null && typeof item === 'object' && binding.isPort(item)) retirePort(item);
  }
}

// ---- plain data as JSON text ----
// A tree of plain objects and arrays holding strings, finite numbers,
// booleans and null crosses as JSON text: V8 10's JSON.parse builds it
// about twice as fast as its structured-clone deserializer, and the copy is
// the same. The encoder reads each property once (a getter runs once, as in
// structured clone) and gives up, returning undefined, on anything JSON
// would not carry exactly (undefined, -0, NaN, holes, extra array
// properties, shared or cyclic references, other prototypes, proxies) or on
// large values: those go through V8's serializer, with its errors.

// binding.plainKind(value): kPlainObject (its prototype is Object.prototype
// or null), kPlainArray (an array of Array.prototype), else kNotPlain (a
// proxy included).
const { plainKind } = binding;
const kNotPlain = 0;
const kPlainObject = 1;
const kPlainArray = 2;
const JSONStringify = JSON.stringify;
const hasOwn = Object.prototype.hasOwnProperty;
const objectKeys = Object.keys;
const ReflectApply = Reflect.apply;

// Strings that need no escaping are quoted as they are (most are). A short
// one is scanned here (no RegExp to compile for a Worker's first messages).
const kNeedsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;
const kScanMax = 32;
function needsEscape(s) {
  if (s.length > kScanMax) return kNeedsEscape.test(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}
// Property names repeat from message to message: the text before a value
// (`"key":` for an object's first, `,"key":` for the others) is kept.
const memberPrefixes = new Map(); // key -> [first, later]

function memberPrefix(key, first) {
  let pair = memberPrefixes.get(key);
  if (pair === undefined) {
    const quoted = JSONStringify(key);
    pair = [`${quoted}:`, `,${quoted}:`];
    if (memberPrefixes.size < 1024 && key.length <= 64) memberPrefixes.set(key, pair);
  }
  return pair[first ? 0 : 1];
}

const kMaxNodes = 64;      // objects, arrays and values in one message
const kMaxString = 512;    // longer strings: the serializer copies them faster
const kMaxDepth = 16;

// The JSON text of a string, number, boolean or null, else undefined.
function primitiveJSON(v) {
  switch (typeof v) {
    case 'string':
      if (v.length > kMaxString) return undefined;
      return needsEscape(v) ? JSONStringify(v) : `"${v}"`;
    case 'number':
      // Finite, and not -0 (JSON writes both zeros as 0).
      return v === v && v !== Infinity && v !== -Infinity && (v !== 0 || 1 / v > 0) ? `${v}` : undefined;
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return v === null ? 'null' : undefined;
  }
}

class Encoder {
  constructor() {
    this.seen = [];
    this.nodes = 0;
  }

  value(v, depth) {
    if (++this.nodes > kMaxNodes) return undefined;
    if (typeof v === 'object' && v !== null) return depth < kMaxDepth ? this.object(v, depth + 1) : undefined;
    return primitiveJSON(v);
  }

  object(o, depth) {
    const kind = plainKind(o);
    if (kind === kNotPlain) return undefined;
    const seen = this.seen;
    for (let i = 0; i < seen.length; i++) {
      if (seen[i] === o) return undefined; // shared or cyclic: the serializer keeps identity
    }
    seen.push(o);
    if (kind === kPlainArray) {
      const length = o.length;
      if (length > kMaxNodes || objectKeys(o).length !== length) return undefined; // holes or extra keys
      let out = '[';
      for (let i = 0; i < length; i++) {
        const item = this.value(o[i], depth);
        if (item === undefined) return undefined;
        out += i === 0 ? item : `,${item}`;
      }
      return `${out}]`;
    }
    return objectJSON(o, this, depth);
  }
}

// The JSON text of a plain object. Its primitive values are written here;
// an Encoder (and its record of the objects seen) comes only with the first
// object or array inside (`encoder` undefined: none yet, o is the message,
// sent from a getter of another: messageJSON's re-entrant case) and takes
// over from there.
function objectJSON(o, encoder, depth) {
  let nodes = 0;
  let out = '{';
  let first = true;
  for (const key in o) {
    if (!hasOwn.call(o, key)) continue;
    const v = o[key];
    let item;
    if (encoder === undefined && (typeof v !== 'object' || v === null)) {
      if (++nodes > kMaxNodes) return undefined;
      item = primitiveJSON(v);
    } else {
      if (encoder === undefined) {
        encoder = new Encoder();
        encoder.seen.push(o);
        encoder.nodes = nodes;
      }
      item = encoder.value(v, depth);
    }
    if (item === undefined) return undefined;
    out += memberPrefix(key, first);
    out += item;
    first = false;
  }
  return `${out}}`;
}

// ---- flat objects by shape ----
// A plain object of primitives only, the common message, is handed to
// binding.postFlat as its values: the JSON text of them ('1,"hi"' for
// {seq: 1, text: 'hi'}, written in C++ without a string here) crosses with
// the id of its keys' shape, registered once per process
// (js/message_shapes.cc).
// The receiver parses a run of one shape as one array of values and builds
// the objects with a function made for the shape: about a third of what
// parsing the objects costs (V8's JSON parser looks each key up in the
// string table). A shape is found by walking a tree of the key sequences
// seen; each node remembers the key that last left it and where it led, so
// a stream of one shape walks it comparing the same strings. Which keys can
// make a shape is the registry's to say (binding.shapeId answers -1 for the
// others, once per node).

const kMaxShapeNodes = 4096;     // per realm: past that, new shapes go as JSON
const kShapeUnknown = -2;        // a node whose id was not asked for yet

class ShapeNode {
  constructor() {
    this.key = undefined;      // the key that last left this node...
    this.next = undefined;     // ...and the node it led to
    this.children = undefined; // key -> node, once a second key leaves it
    this.id = kShapeUnknown;   // of the shape ending here; -1: none
  }
}
const shapeRoot = new ShapeNode();
// Where keys lead once the tree is full, and every key after them.
const noShape = new ShapeNode();
noShape.id = -1;
let shapeNodes = 0;

function nextShapeNode(node, key) {
  if (node === noShape) return noShape;
  let child = node.children?.get(key);
  if (child === undefined) {
    if (shapeNodes === kMaxShapeNodes) {
      child = noShape;
    } else {
      child = new ShapeNode();
      shapeNodes++;
    }
    (node.children ??= new Map()).set(key, child);
  }
  node.key = key;
  node.next = child;
  return child;
}

// The members of a flat object met so far (messageJSON): reused, as
// messageJSON is not re-entered (a getter that posts takes objectJSON).
const flatKeys = [];
const flatValues = [];
let flatBusy = false;

// What messageJSON returns for a flat object with a shape: its values are
// flatValues[0...flatCount], its shape's id flatShape.
const kFlat = Symbol('kFlat');
let flatCount = 0;
let flatShape = -1;

// '{' and the JSON of the first n members of flatKeys and flatValues, or
// undefined.
function flatMembersJSON(n) {
  let out = '{';
  for (let i = 0; i < n; i++) {
    const item = primitiveJSON(flatValues[i]);
    if (item === undefined) return undefined;
    out += memberPrefix(flatKeys[i], i === 0);
    out += item;
  }
  return out;
}

// A plain object sent as a message: kFlat if it is flat and has a shape,
// else its JSON text, or undefined.
function messageJSON(o) {
  if (flatBusy) return objectJSON(o, undefined, 1);
  flatBusy = true;
  try {
    let node = shapeRoot;
    let n = 0;
    let out;     // once a member is an object or an array: the JSON so far
    let encoder; // ...and the encoder of what is inside
    for (const key in o) {
      if (!hasOwn.call(o, key)) continue;
      const v = o[key];
      if (out === undefined) {
        if (typeof v !== 'object' || v === null) {
          if (n === kMaxNodes) return undefined;
          flatKeys[n] = key;
          flatValues[n] = v;
          n++;
          node = node.key === key ? node.next : nextShapeNode(node, key);
          continue;
        }
        out = flatMembersJSON(n);
        if (out === undefined) return undefined;
        encoder = new Encoder();
        encoder.seen.push(o);
        encoder.nodes = n;
      }
      const item = encoder.value(v, 1);
      if (item === undefined) return undefined;
      out += memberPrefix(key, out.length === 1);
      out += item;
    }
    if (out !== undefined) return `${out}}`;
    if (n > 0) {
      if (node.id === kShapeUnknown) node.id = binding.shapeId(flatKeys.slice(0, n));
      if (node.id >= 0) {
        flatCount = n;
        flatShape = node.id;
        return kFlat;
      }
    }
    const text = flatMembersJSON(n);
    return text === undefined ? undefined : `${text}}`;
  } finally {
    flatBusy = false;
  }
}

// binding.postFlat for what messageJSON left in flatValues.
function postFlat(target) {
  const v = flatValues;
  switch (flatCount) {
    case 1: return binding.postFlat(target, flatShape, v[0]);
    case 2: return binding.postFlat(target, flatShape, v[0], v[1]);
    case 3: return binding.postFlat(target, flatShape, v[0], v[1], v[2]);
    case 4: return binding.postFlat(target, flatShape, v[0], v[1], v[2], v[3]);
    case 5: return binding.postFlat(target, flatShape, v[0], v[1], v[2], v[3], v[4]);
    case 6: return binding.postFlat(target, flatShape, v[0], v[1], v[2], v[3], v[4], v[5]);
    default: return ReflectApply(binding.postFlat, binding, [target, flatShape, ...v.slice(0, flatCount)]);
  }
}

// The receiver's side: a shaped run's values become its objects.
const shapeBuilders = []; // id -> function(values) -> objects
const FunctionConstructor = Function;

function newShapeBuilder(id) {
  const keys = binding.shapeKeys(id);
  if (keys === undefined) throw new Error(`Unknown message shape ${id}`);
  const width = keys.length;
  let builder;
  try {
    // An object literal per shape: V8 makes each object from the literal's
    // boilerplate map, with no key lookups.
    const members = keys.map((key, k) => `${JSONStringify(key)}: v[j + ${k}]`).join(', ');
    builder = new FunctionConstructor('v', `'use strict';
const out = [];
for (let j = 0; j < v.length; j += ${width}) out.push({ ${members} });
return out;`);
  } catch {
    // Code generation from strings is disallowed: build them key by key.
    builder = (v) => {
      const out = [];
      for (let j = 0; j < v.length; j += width) {
        const o = {};
        for (let k = 0; k < width; k++) o[keys[k]] = v[j + k];
        out.push(o);
      }
      return out;
    };
  }
  shapeBuilders[id] = builder;
  return builder;
}

function objectsOfShape(values, id) {
  const builder = shapeBuilders[id] ?? newShapeBuilder(id);
  return builder(values);
}

// A flat object of the members messageJSON read (for V8's serializer: its
// getters are not run again).
function flatCopy() {
  const copy = {};
  for (let i = 0; i < flatCount; i++) copy[flatKeys[i]] = flatValues[i];
  return copy;
}

// Sends value to target (a port, or a core by index) as plain data: as
// JSON text, or as a flat object's values. Returns kSent, or (nothing
// sent) what the caller sends through V8's serializer instead: value, or a
// copy of the flat object read.
const kSent = Symbol('kSent');
function sendPlain(target, value) {
  if (typeof value !== 'object' || value === null) return value;
  const kind = plainKind(value);
  if (kind === kNotPlain) return value;
  const text = kind === kPlainArray ? new Encoder().object(value, 1) : messageJSON(value);
  if (text === kFlat) return postFlat(target) ? kSent : flatCopy();
  if (text === undefined) return value;
  binding.postJSON(target, text);
  return kSent;
}

// Sends value with its transfer list from a port-like handle, or to a
// core by index (require('shard').send).
function postFrom(target, value, transfer) {
  const list = transferListOf(transfer);
  if (list === undefined || list.length === 0) {
    value = sendPlain(target, value);
    if (value === kSent) return;
  }
  if (list !== undefined) requeueHeld(list);
  if (typeof target === 'number') binding.sendToCore(target, value, list);
  else binding.post(target, value, list);
  if (list !== undefined) retireTransferred(list);
}

const portMethods = {
  postMessage(message, transfer) {
    // (binding.post checks `this`: one call into C++ per message.)
    if (arguments.length === 0) {
      throw typeError('ERR_MISSING_ARGS', 'Not enough arguments to MessagePort.postMessage');
    }
    postFrom(this, message, transfer);
  },
  start() {
    checkPort(this);
    startPort(this);
  },
  ref() {
    checkPort(this);
    refPort(this);
  },
  unref() {
    checkPort(this);
    unrefPort(this);
  },
  hasRef() {
    checkPort(this);
    return this[kRefed] === true;
  },
  close() {
    checkPort(this);
    if (this[kClosed]) return;
    const wasActive = binding.isActive(this);
    // What reached this port and was not emitted yet: the rest of the
    // delivery in progress (emitted still: emitLeft), the backlog and the
    // queue (receivable only).
    let left = [];
    if (this === deliveringPort) {
      left = valuesFrom(deliveringRecords, deliveringNext, deliveringRun, deliveringRunNext);
      deliveringRecords = undefined;
      deliveringRun = undefined;
      closedWhileDelivering = true;
    }
    const backlog = this[kBacklog];
    if (backlog !== null) left.push(...valuesFrom(backlog, 1, undefined, 0));
    try {
      for (let got = binding.receive(this); got !== undefined; got = binding.receive(this)) left.push(got[0]);
    } catch {
      // A message this realm cannot deserialize ends the collection: the
      // close drops it and what came after, as it would have dropped all.
    }
    retirePort(this);
    binding.close(this);
    this[kLeft] = left;
    // This end's own 'close' comes after the messages of the current batch;
    // what was left is no longer receivable then.
    setImmediate(() => {
      this[kLeft] = undefined;
      if (wasActive) emitClose(this);
    });
  },
};
for (const name of Object.keys(portMethods)) {
  Object.defineProperty(MessagePort.prototype, name, {
    value: portMethods[name], writable: true, enumerable: true, configurable: true,
  });
}
defineEventHandler(MessagePort.prototype, 'message');
defineEventHandler(MessagePort.prototype, 'messageerror');

Object.defineProperty(MessagePort.prototype, kNewListener, {
  value: function(size, type, listener, once, capture, passive, weak) {
    NodeEventTarget.prototype[kNewListener].call(this, size, type, listener, once, capture, passive, weak);
    // A 'message' listener (on(), addEventListener or onmessage) starts the
    // port and keeps the loop alive, as in Node.
    if (type === 'message' && size > 0 && !this[kClosed]) {
      refPort(this);
      startPort(this);
    }
  },
  writable: true, configurable: true,
});

Object.defineProperty(MessagePort.prototype, kRemoveListener, {
  value: function(size, type, listener, capture) {
    NodeEventTarget.prototype[kRemoveListener].call(this, size, type, listener, capture);
    if (type === 'message' && size === 0) {
      unrefPort(this);
      stopPort(this);
    }
  },
  writable: true, configurable: true,
});

Object.defineProperty(MessagePort.prototype, kCreateEvent, {
  value: function(data, type) {
    if (type === 'close') return new Event('close');
    return new MessageEvent(type, { data, ports: this[kPorts] ?? [] });
  },
  writable: true, configurable: true,
});

Object.defineProperty(MessagePort.prototype, customInspect, {
  value: function(depth, options) {
    const state = { active: binding.isActive(this), refed: this[kRefed] === true };
    if (depth < 0) return 'MessagePort [EventTarget]';
    return `MessagePort [EventTarget] ${require('internal/util/inspect').inspect(state, options)}`;
  },
  writable: true, configurable: true,
});

// ---- MessageChannel ----

class MessageChannel {
  constructor() {
    const [port1, port2] = binding.createChannel();
    this.port1 = port1;
    this.port2 = port2;
  }
}

// ---- receiveMessageOnPort ----

function receiveMessageOnPort(port) {
  if (!binding.isPort(port)) {
    throw typeError('ERR_INVALID_ARG_TYPE', 'The "port" argument must be a MessagePort instance');
  }
  const left = port[kLeft];
  if (left !== undefined && left.length > 0) return { message: left.shift() };
  if (port === deliveringPort) {
    const message = takeDelivering();
    if (message === kNotNow) return undefined;
    if (message !== kNone) return { message };
  }
  const backlog = port[kBacklog];
  if (backlog !== null) {
    for (let i = 1; i < backlog.length; i += 3) {
      if (backlog[i] !== kMessage) continue;
      const message = backlog[i + 1];
      backlog.splice(i, 3);
      if (backlog.length === 1) port[kBacklog] = null;
      return { message };
    }
  }
  const got = binding.receive(port);
  if (got === undefined) return undefined;
  return { message: got[0] };
}

// ---- BroadcastChannel ----

const kHandle = Symbol('kHandle');
const kName = Symbol('kName');

function checkChannel(self) {
  if (self === null || typeof self !== 'object' || !(kName in self)) {
    throw new ERR_INVALID_THIS('BroadcastChannel');
  }
}

class BroadcastChannel extends EventTarget {
  constructor(name) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    super();
    this[kName] = `${name}`;
    const handle = binding.broadcastChannel(this[kName]);
    handle[kOwner] = this;
    handle[kStarted] = true;
    active.add(handle);
    // Open channels keep the loop alive, as in Node.
    refPort(handle);
    this[kHandle] = handle;
  }

  get name() {
    checkChannel(this);
    return this[kName];
  }

  close() {
    checkChannel(this);
    const handle = this[kHandle];
    if (handle === undefined) return;
    this[kHandle] = undefined;
    retirePort(handle);
    binding.close(handle);
  }

  postMessage(message) {
    checkChannel(this);
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('message');
    const handle = this[kHandle];
    if (handle === undefined) throw domException('BroadcastChannel is closed.', 'InvalidStateError');
    binding.broadcast(handle, message);
  }

  ref() {
    checkChannel(this);
    if (this[kHandle] !== undefined) refPort(this[kHandle]);
    return this;
  }

  unref() {
    checkChannel(this);
    if (this[kHandle] !== undefined) unrefPort(this[kHandle]);
    return this;
  }

  [customInspect](depth, options) {
    if (depth < 0) return 'BroadcastChannel';
    const state = { name: this[kName], active: this[kHandle] !== undefined };
    return `BroadcastChannel ${require('internal/util/inspect').inspect(state, options)}`;
  }
}

Object.defineProperties(BroadcastChannel.prototype, {
  name: { enumerable: true },
  close: { enumerable: true },
  postMessage: { enumerable: true },
  [Symbol.toStringTag]: { value: 'BroadcastChannel', writable: false, enumerable: false, configurable: true },
});
defineEventHandler(BroadcastChannel.prototype, 'message');
defineEventHandler(BroadcastChannel.prototype, 'messageerror');

module.exports = {
  MessagePort,
  MessageChannel,
  BroadcastChannel,
  receiveMessageOnPort,
  // for the Worker, cluster and shard modules
  binding,
  kOnExit,
  kOwner,
  kStarted,
  active,
  refPort,
  unrefPort,
  startPort,
  stopPort,
  retirePort,
  postFrom,
  transferListOf,
  domException,
};
