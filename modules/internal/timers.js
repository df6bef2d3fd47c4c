'use strict';
// Timers as Node keeps them: one linked list per duration, the lists in a
// priority queue ordered by their earliest expiry, and a single loop timer
// in C++ armed for the earliest list. setImmediate keeps a linked queue that
// the loop's check phase drains. Counts shared with C++ (immediateInfo) let
// the loop know whether it may block and whether it is alive.

const {
  scheduleTimer, toggleTimerRef, getLoopNow, immediateInfo, tickInfo,
} = internalBinding('loop');
const { validateFunction, validateNumber } = require('internal/validators');
const asyncContext = require('internal/async_context');

const kCount = 0;
const kRefCount = 1;
const kHasOutstanding = 2;

const TIMEOUT_MAX = 2 ** 31 - 1;

const kRefed = Symbol('refed');
const kHasPrimitive = Symbol('kHasPrimitive');
const async_id_symbol = Symbol('asyncId');
const trigger_async_id_symbol = Symbol('triggerId');
const kFrame = Symbol('kFrame');

let asyncIdCounter = 1;
let timerListId = Number.MIN_SAFE_INTEGER;
let nextExpiry = Infinity;
let refCount = 0;

// Timeouts converted to a primitive id (for clearTimeout(number)).
const knownTimersById = { __proto__: null };

// ---- the priority queue of lists, by (expiry, id) ----
class PriorityQueue {
  constructor() {
    this.heap = [null];
    this.size = 0;
  }

  peek() { return this.heap[1] ?? null; }

  percolateDown(pos) {
    const heap = this.heap;
    const size = this.size;
    const item = heap[pos];
    while (pos * 2 <= size) {
      let childIndex = pos * 2;
      const right = childIndex + 1;
      if (right <= size && compare(heap[right], heap[childIndex]) < 0) childIndex = right;
      if (compare(item, heap[childIndex]) <= 0) break;
      heap[pos] = heap[childIndex];
      heap[pos].priorityQueuePosition = pos;
      pos = childIndex;
    }
    heap[pos] = item;
    item.priorityQueuePosition = pos;
  }

  percolateUp(pos) {
    const heap = this.heap;
    const item = heap[pos];
    while (pos > 1) {
      const parent = heap[pos >> 1];
      if (compare(parent, item) <= 0) break;
      heap[pos] = parent;
      parent.priorityQueuePosition = pos;
      pos >>= 1;
    }
    heap[pos] = item;
    item.priorityQueuePosition = pos;
  }

  insert(value) {
    this.heap[++this.size] = value;
    this.percolateUp(this.size);
  }

  removeAt(pos) {
    const heap = this.heap;
    const size = --this.size;
    heap[pos] = heap[size + 1];
    heap[size + 1] = undefined;
    if (size > 0 && pos <= size) {
      if (pos > 1 && compare(heap[pos >> 1], heap[pos]) > 0) this.percolateUp(pos);
      else this.percolateDown(pos);
    }
  }

  shift() {
    const head = this.heap[1];
    if (head === undefined) return;
    this.removeAt(1);
    return head;
  }
}

function compare(a, b) {
  const expiryDiff = a.expiry - b.expiry;
  if (expiryDiff === 0) {
    if (a.id < b.id) return -1;
    if (a.id > b.id) return 1;
  }
  return expiryDiff;
}

const timerListQueue = new PriorityQueue();
const timerListMap = { __proto__: null };

// ---- intrusive doubly linked lists (_idleNext/_idlePrev) ----
function initList(list) {
  list._idleNext = list;
  list._idlePrev = list;
}

function peek(list) {
  if (list._idlePrev === list) return null;
  return list._idlePrev;
}

function listRemove(item) {
  if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
  if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
  item._idleNext = null;
  item._idlePrev = null;
}

function listAppend(list, item) {
  if (item._idleNext || item._idlePrev) listRemove(item);
  item._idleNext = list._idleNext;
  list._idleNext._idlePrev = item;
  item._idlePrev = list;
  list._idleNext = item;
}

function listIsEmpty(list) {
  return list._idleNext === list;
}

class TimersList {
  constructor(expiry, msecs) {
    this._idleNext = this;
    this._idlePrev = this;
    this.expiry = expiry;
    this.id = timerListId++;
    this.msecs = msecs;
    this.priorityQueuePosition = null;
  }
}

function incRefCount() {
  if (refCount++ === 0) toggleTimerRef(true);
}

function decRefCount() {
  if (--refCount === 0) toggleTimerRef(false);
}

class Timeout {
  constructor(callback, after, args, isRepeat, isRefed) {
    after *= 1;
    if (!(after >= 1 && after <= TIMEOUT_MAX)) {
      if (after > TIMEOUT_MAX) {
        process.emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`,
          'TimeoutOverflowWarning');
      }
      after = 1;
    }
    this._idleTimeout = after;
    this._idlePrev = this;
    this._idleNext = this;
    this._idleStart = null;
    this._onTimeout = null;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? after : null;
    this._destroyed = false;
    if (isRefed) incRefCount();
    this[kRefed] = isRefed;
    this[kHasPrimitive] = false;
    this[async_id_symbol] = ++asyncIdCounter;
    this[trigger_async_id_symbol] = 1;
    this[kFrame] = asyncContext.current();
  }

  refresh() {
    if (this[kRefed]) active(this);
    else unrefActive(this);
    return this;
  }

  unref() {
    if (this[kRefed]) {
      this[kRefed] = false;
      if (!this._destroyed) decRefCount();
    }
    return this;
  }

  ref() {
    if (!this[kRefed]) {
      this[kRefed] = true;
      if (!this._destroyed) incRefCount();
    }
    return this;
  }

  hasRef() {
    return this[kRefed];
  }

  close() {
    clearTimeout(this);
    return this;
  }

  [Symbol.toPrimitive]() {
    const id = this[async_id_symbol];
    if (!this[kHasPrimitive]) {
      this[kHasPrimitive] = true;
      knownTimersById[id] = this;
    }
    return id;
  }
}

function insertGuarded(item, refed, start) {
  const msecs = item._idleTimeout;
  if (msecs < 0 || msecs === undefined) return;
  insert(item, msecs, start);
  const isDestroyed = item._destroyed;
  if (isDestroyed || !item[async_id_symbol]) {
    item._destroyed = false;
    item[async_id_symbol] = ++asyncIdCounter;
  }
  if (isDestroyed) {
    if (refed) incRefCount();
  } else if (refed === !item[kRefed]) {
    if (refed) incRefCount();
    else decRefCount();
  }
  item[kRefed] = refed;
}

function insert(item, msecs, start = getLoopNow()) {
  msecs = Math.trunc(msecs);
  item._idleStart = start;
  let list = timerListMap[msecs];
  if (list === undefined) {
    const expiry = start + msecs;
    timerListMap[msecs] = list = new TimersList(expiry, msecs);
    timerListQueue.insert(list);
    if (nextExpiry > expiry) {
      scheduleTimer(msecs);
      nextExpiry = expiry;
    }
  }
  listAppend(list, item);
}

function active(item) {
  insertGuarded(item, true);
}

function unrefActive(item) {
  insertGuarded(item, false);
}

function unenroll(item) {
  if (item._destroyed) return;
  item._destroyed = true;
  if (item[kHasPrimitive]) delete knownTimersById[item[async_id_symbol]];
  if (item[kRefed]) decRefCount();
  item[kRefed] = null;
  const list = timerListMap[item._idleTimeout];
  if (list !== undefined && item._idleNext !== null && item._idlePrev !== null) {
    listRemove(item);
    if (listIsEmpty(list) && list === timerListMap[item._idleTimeout]) {
      timerListQueue.removeAt(list.priorityQueuePosition);
      delete timerListMap[list.msecs];
    }
  } else if (item._idleNext !== null && item._idlePrev !== null && item._idleNext !== item) {
    listRemove(item);
  }
  item._idleTimeout = -1;
}

const { runNextTicks } = require('internal/process/task_queues');

// Called by C++ when the loop timer fires. Returns the next expiry: 0 when
// no timer is left, positive when a ref'd timer remains, else negative.
function processTimers(now) {
  nextExpiry = Infinity;
  let list;
  let ranAtLeastOneList = false;
  while ((list = timerListQueue.peek()) != null) {
    if (list.expiry > now) {
      nextExpiry = list.expiry;
      return refCount > 0 ? nextExpiry : -nextExpiry;
    }
    if (ranAtLeastOneList) runNextTicks();
    else ranAtLeastOneList = true;
    listOnTimeout(list, now);
  }
  return 0;
}

function listOnTimeout(list, now) {
  const msecs = list.msecs;
  let ranAtLeastOneTimer = false;
  let timer;
  while ((timer = peek(list)) != null) {
    const diff = now - timer._idleStart;
    if (diff < msecs) {
      list.expiry = Math.max(timer._idleStart + msecs, now + 1);
      list.id = timerListId++;
      timerListQueue.percolateDown(1);
      return;
    }
    if (ranAtLeastOneTimer) runNextTicks();
    else ranAtLeastOneTimer = true;
    listRemove(timer);

    if (!timer._onTimeout) {
      if (!timer._destroyed) {
        timer._destroyed = true;
        if (timer[kRefed]) refCount--;
        if (timer[kHasPrimitive]) delete knownTimersById[timer[async_id_symbol]];
      }
      continue;
    }

    let start;
    if (timer._repeat) start = getLoopNow();
    const prev = asyncContext.enter(timer[kFrame]);
    try {
      const args = timer._timerArgs;
      if (args === undefined) timer._onTimeout();
      else Reflect.apply(timer._onTimeout, timer, args);
    } finally {
      asyncContext.exit(prev);
      if (timer._repeat && timer._idleTimeout !== -1) {
        timer._idleTimeout = timer._repeat;
        insert(timer, timer._idleTimeout, start);
      } else if (!timer._idleNext && !timer._idlePrev && !timer._destroyed) {
        timer._destroyed = true;
        if (timer[kHasPrimitive]) delete knownTimersById[timer[async_id_symbol]];
        if (timer[kRefed]) refCount--;
      }
    }
  }
  if (list === timerListMap[msecs]) {
    delete timerListMap[msecs];
    timerListQueue.shift();
  }
}

// ---- setImmediate ----
class ImmediateList {
  constructor() {
    this.head = null;
    this.tail = null;
  }

  append(item) {
    if (this.tail !== null) {
      this.tail._idleNext = item;
      item._idlePrev = this.tail;
    } else {
      this.head = item;
    }
    this.tail = item;
  }

  remove(item) {
    if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
    if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
    if (item === this.head) this.head = item._idleNext;
    if (item === this.tail) this.tail = item._idlePrev;
    item._idleNext = null;
    item._idlePrev = null;
  }
}

const immediateQueue = new ImmediateList();
const outstandingQueue = new ImmediateList();

class Immediate {
  constructor(callback, args) {
    this._idleNext = null;
    this._idlePrev = null;
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this[kRefed] = false;
    this[async_id_symbol] = ++asyncIdCounter;
    this[trigger_async_id_symbol] = 1;
    this[kFrame] = asyncContext.current();
    this.ref();
    immediateInfo[kCount]++;
    immediateQueue.append(this);
  }

  ref() {
    if (this[kRefed] === false) {
      this[kRefed] = true;
      immediateInfo[kRefCount]++;
    }
    return this;
  }

  unref() {
    if (this[kRefed] === true) {
      this[kRefed] = false;
      immediateInfo[kRefCount]--;
    }
    return this;
  }

  hasRef() {
    return !!this[kRefed];
  }
}

// Called by C++ in the check phase.
function processImmediate() {
  const queue = outstandingQueue.head !== null ? outstandingQueue : immediateQueue;
  let immediate = queue.head;
  if (queue !== outstandingQueue) {
    queue.head = queue.tail = null;
    immediateInfo[kHasOutstanding] = 1;
  }
  let prevImmediate;
  let ranAtLeastOneImmediate = false;
  while (immediate !== null) {
    if (ranAtLeastOneImmediate) runNextTicks();
    else ranAtLeastOneImmediate = true;

    if (immediate._destroyed) {
      outstandingQueue.head = immediate = prevImmediate._idleNext;
      continue;
    }
    immediate._destroyed = true;
    immediateInfo[kCount]--;
    if (immediate[kRefed]) immediateInfo[kRefCount]--;
    immediate[kRefed] = null;
    prevImmediate = immediate;

    const prev = asyncContext.enter(immediate[kFrame]);
    try {
      const argv = immediate._argv;
      if (!argv) immediate._onImmediate();
      else immediate._onImmediate(...argv);
    } finally {
      asyncContext.exit(prev);
      immediate._onImmediate = null;
      outstandingQueue.head = immediate = immediate._idleNext;
    }
  }
  if (queue === outstandingQueue) outstandingQueue.head = null;
  immediateInfo[kHasOutstanding] = 0;
}

module.exports = {
  TIMEOUT_MAX,
  kRefed,
  kHasPrimitive,
  async_id_symbol,
  trigger_async_id_symbol,
  Timeout,
  Immediate,
  immediateQueue,
  immediateInfo,
  kCount,
  kRefCount,
  knownTimersById,
  timerListMap,
  timerListQueue,
  active,
  unrefActive,
  insert,
  insertGuarded,
  unenroll,
  processTimers,
  processImmediate,
  getLoopNow,
  validateFunction,
  validateNumber,
  tickInfo,
};
