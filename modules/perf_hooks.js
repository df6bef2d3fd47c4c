'use strict';
// node:perf_hooks: the User Timing API (performance.mark/measure and the
// entry buffer), PerformanceObserver, timerify, event-loop utilization and
// delay, and histograms.
//
// Event-loop utilization comes from the loop's own accounting (perf/):
// time spent waiting in the kernel is idle, the rest since the loop started
// is active. The loop's start is taken as the end of the main script when
// this module is loaded before it (the usual case: the global `performance`
// or a top-level require); loaded later, utilization is counted from the
// moment of loading.

const {
  codes: {
    ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_THIS,
    ERR_MISSING_ARGS, ERR_PERFORMANCE_INVALID_TIMESTAMP, ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS,
  },
} = require('internal/errors');
const { validateFunction, validateInteger, validateObject } = require('internal/validators');
const { now, getTimeOrigin } = require('internal/perf/utils');
const { EventTarget, defineEventHandler } = require('internal/event_target');
const {
  Histogram, RecordableHistogram, createHistogram, makeHistogram, kHandle,
} = require('internal/perf/histogram');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const kEmptyObject = Object.freeze({ __proto__: null });
const kSkipThrow = Symbol('kSkipThrow');

let lazyInspect;
function inspect(value, options) {
  lazyInspect ??= require('internal/util/inspect').inspect;
  return lazyInspect(value, options);
}

function inspectAs(name, self, obj, depth, options) {
  if (depth < 0) return self;
  const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
  return `${name} ${inspect(obj, opts)}`;
}

let DOMException;
function domException(message, name) {
  DOMException ??= require('internal/per_context/domexception').DOMException;
  return new DOMException(message, name);
}

// ---- loop timing ----

const binding = internalBinding('perf_hooks');
const loopValues = new Float64Array(3);
let loopStartMs = -1; // on the monotonic clock, in ms; -1: not yet known
let idleBaseMs = 0;   // the idle clock's reading at loopStart

binding.loopTimes(loopValues);
if (loopValues[0] === 0) {
  // Loaded before the loop runs: the loop starts right after the main
  // script and its nextTick queue.
  process.nextTick(() => {
    binding.loopTimes(loopValues);
    loopStartMs = loopValues[2];
    idleBaseMs = loopStartMs;
  });
} else {
  loopStartMs = loopValues[2];
  idleBaseMs = loopValues[1];
}

// Converts the monotonic clock to performance.now()'s time line.
function monotonicToPerf(ms) {
  return ms - (loopValues[2] - now());
}

function loopIdleTime() {
  binding.loopTimes(loopValues);
  if (loopValues[0] === 0 || loopStartMs < 0) return 0;
  return Math.max(0, loopValues[1] - idleBaseMs);
}

function loopStartTime() {
  if (loopStartMs < 0) return -1;
  binding.loopTimes(loopValues);
  if (loopValues[0] === 0) return -1;
  return monotonicToPerf(loopStartMs);
}

function eventLoopUtilization(util1, util2) {
  const ls = loopStartTime();
  if (ls <= 0) return { idle: 0, active: 0, utilization: 0 };
  if (util2) {
    const idle = util1.idle - util2.idle;
    const active = util1.active - util2.active;
    return { idle, active, utilization: active / (idle + active) };
  }
  const idle = loopIdleTime();
  const active = now() - ls - idle;
  if (!util1) return { idle, active, utilization: active / (idle + active) };
  const idleDelta = idle - util1.idle;
  const activeDelta = active - util1.active;
  return { idle: idleDelta, active: activeDelta, utilization: activeDelta / (idleDelta + activeDelta) };
}

// ---- entries ----

function checkEntry(self) {
  if (self?.[kEntry] !== true) throw new ERR_INVALID_THIS('PerformanceEntry');
}
const kEntry = Symbol('kEntry');

class PerformanceEntry {
  constructor(skipThrow = undefined, name, type, start, duration, detail) {
    if (skipThrow !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this[kEntry] = true;
    this._name = name;
    this._type = type;
    this._start = start;
    this._duration = duration;
    this._detail = detail;
    hideFields(this);
  }

  get name() { checkEntry(this); return this._name; }
  get entryType() { checkEntry(this); return this._type; }
  get startTime() { checkEntry(this); return this._start; }
  get duration() { checkEntry(this); return this._duration; }

  [customInspect](depth, options) {
    return inspectAs(this.constructor.name, this, this.toJSON(), depth, options);
  }

  toJSON() {
    checkEntry(this);
    const json = { name: this._name, entryType: this._type, startTime: this._start, duration: this._duration };
    if (this._type === 'mark' || this._type === 'measure' || this._detail !== undefined) json.detail = this._detail;
    return json;
  }
}

function hideFields(entry) {
  for (const key of ['_name', '_type', '_start', '_duration', '_detail']) {
    Object.defineProperty(entry, key, { enumerable: false });
  }
}

function cloneDetail(detail) {
  if (detail == null) return null;
  return typeof structuredClone === 'function' ? structuredClone(detail) : detail;
}

class PerformanceMark extends PerformanceEntry {
  constructor(name, options = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    name = `${name}`;
    if (options !== undefined) validateObject(options, 'options', { nullable: true });
    const startTime = options?.startTime ?? now();
    if (typeof startTime !== 'number') throw new ERR_INVALID_ARG_TYPE('options.startTime', 'number', startTime);
    if (startTime < 0) throw new ERR_PERFORMANCE_INVALID_TIMESTAMP(startTime);
    super(kSkipThrow, name, 'mark', startTime, 0, cloneDetail(options?.detail));
  }

  get detail() { checkEntry(this); return this._detail; }
}

class PerformanceMeasure extends PerformanceEntry {
  constructor(skipThrow = undefined, name, start, duration, detail) {
    if (skipThrow !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super(kSkipThrow, name, 'measure', start, duration, detail);
  }

  get detail() { checkEntry(this); return this._detail; }
}

// Resource timing as fetch reports it through markResourceTiming: the
// request's URL, when it started and ended, and what it returned.
class PerformanceResourceTiming extends PerformanceEntry {
  constructor(skipThrow = undefined, name = '', timingInfo = {}, initiatorType = '', responseStatus = 0) {
    if (skipThrow !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    const start = timingInfo?.startTime ?? 0;
    const end = timingInfo?.endTime ?? start;
    super(kSkipThrow, name, 'resource', start, end - start);
    Object.defineProperties(this, {
      _timing: { value: timingInfo ?? {}, enumerable: false },
      _initiatorType: { value: initiatorType, enumerable: false },
      _responseStatus: { value: responseStatus, enumerable: false },
    });
  }

  get initiatorType() { checkEntry(this); return this._initiatorType; }
  get responseStatus() { checkEntry(this); return this._responseStatus; }
  get fetchStart() { checkEntry(this); return this._timing.startTime ?? 0; }
  get responseEnd() { checkEntry(this); return this._timing.endTime ?? this._start; }

  toJSON() {
    return {
      ...super.toJSON(),
      initiatorType: this.initiatorType,
      fetchStart: this.fetchStart,
      responseEnd: this.responseEnd,
      responseStatus: this.responseStatus,
    };
  }
}

for (const ctor of [PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceResourceTiming]) {
  Object.defineProperty(ctor.prototype, Symbol.toStringTag, {
    value: ctor.name, writable: false, enumerable: false, configurable: true,
  });
}

// The user timing buffer: marks by name (the latest wins for measure) and
// every mark and measure in order.
const markTimes = new Map();
let markEntries = [];
let measureEntries = [];
let resourceEntries = [];
let resourceBufferSize = 250;

function filterBuffer(list, name, type) {
  return list.filter((e) => (name === undefined || e._name === name) && (type === undefined || e._type === type));
}

function sortedEntries(lists) {
  return lists.flat().sort((a, b) => a._start - b._start);
}

// ---- observers ----

const observers = new Set();
const pendingObservers = new Set();
let dispatchQueued = false;
const supportedEntryTypes = Object.freeze(['dns', 'function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource']);

function enqueue(entry) {
  for (const observer of observers) {
    if (observer._types.has(entry._type)) {
      observer._buffer.push(entry);
      pendingObservers.add(observer);
    }
  }
  scheduleDispatch();
}

function scheduleDispatch() {
  if (pendingObservers.size === 0 || dispatchQueued) return;
  dispatchQueued = true;
  // As Node: observers hear about entries in one batch, on setImmediate.
  setImmediate(() => {
    dispatchQueued = false;
    const list = [...pendingObservers];
    pendingObservers.clear();
    for (const observer of list) observer._dispatch();
  });
}

class PerformanceObserverEntryList {
  constructor(skipThrow = undefined, entries = []) {
    if (skipThrow !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this._entries = entries.slice().sort((a, b) => a._start - b._start);
    Object.defineProperty(this, '_entries', { enumerable: false });
  }

  getEntries() {
    return this._entries.slice();
  }

  getEntriesByType(type) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    return filterBuffer(this._entries, undefined, `${type}`);
  }

  getEntriesByName(name, type = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    return filterBuffer(this._entries, `${name}`, type === undefined ? undefined : `${type}`);
  }

  [customInspect](depth, options) {
    return inspectAs('PerformanceObserverEntryList', this, this._entries, depth, options);
  }
}

class PerformanceObserver {
  constructor(callback) {
    validateFunction(callback, 'callback');
    this._callback = callback;
    this._buffer = [];
    this._types = new Set();
    this._mode = undefined;
    for (const key of ['_callback', '_buffer', '_types', '_mode']) {
      Object.defineProperty(this, key, { enumerable: false });
    }
  }

  static get supportedEntryTypes() {
    return supportedEntryTypes;
  }

  observe(options = kEmptyObject) {
    validateObject(options, 'options');
    const { entryTypes, type, buffered } = options;
    if (entryTypes === undefined && type === undefined) {
      throw new ERR_MISSING_ARGS('options.entryTypes', 'options.type');
    }
    if (entryTypes != null && type != null) {
      throw new ERR_INVALID_ARG_VALUE('options.entryTypes', entryTypes,
                                      'options.entryTypes can not set with options.type together');
    }
    if (entryTypes !== undefined) {
      if (this._mode === 'single') throw new ERR_INVALID_ARG_VALUE('options.entryTypes', entryTypes);
      if (!Array.isArray(entryTypes)) throw new ERR_INVALID_ARG_TYPE('options.entryTypes', 'string[]', entryTypes);
      this._mode = 'multiple';
      this._types.clear();
      for (const t of entryTypes) {
        if (supportedEntryTypes.includes(t)) this._types.add(t);
      }
    } else {
      if (this._mode === 'multiple') throw new ERR_INVALID_ARG_VALUE('options.type', type);
      this._mode = 'single';
      if (!supportedEntryTypes.includes(type)) return;
      this._types.add(type);
      if (buffered) {
        const buffers = { mark: markEntries, measure: measureEntries, resource: resourceEntries };
        const existing = filterBuffer(buffers[type] ?? [], undefined, type);
        for (const entry of existing) this._buffer.push(entry);
        if (existing.length > 0) {
          pendingObservers.add(this);
          scheduleDispatch();
        }
      }
    }
    if (this._types.size > 0) observers.add(this);
    else this.disconnect();
  }

  disconnect() {
    observers.delete(this);
    pendingObservers.delete(this);
    this._buffer = [];
    this._types.clear();
    this._mode = undefined;
  }

  takeRecords() {
    const list = this._buffer;
    this._buffer = [];
    return list;
  }

  _dispatch() {
    const entries = this.takeRecords();
    if (entries.length === 0) return;
    const list = new PerformanceObserverEntryList(kSkipThrow, entries);
    this._callback.call(this, list, this);
  }

  [customInspect](depth, options) {
    return inspectAs('PerformanceObserver', this, {
      connected: observers.has(this),
      pending: pendingObservers.has(this),
      entryTypes: [...this._types],
      buffer: this._buffer,
    }, depth, options);
  }
}
Object.defineProperty(PerformanceObserver.prototype, '_dispatch', { enumerable: false });

// ---- nodeTiming ----

class PerformanceNodeTiming {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get name() { return 'node'; }
  get entryType() { return 'node'; }
  get startTime() { return 0; }
  get duration() { return now(); }
  // shard does not record the boot milestones separately: the process is
  // counted as ready from its start.
  get nodeStart() { return 0; }
  get v8Start() { return 0; }
  get environment() { return 0; }
  get bootstrapComplete() { return 0; }
  get loopStart() { return loopStartTime(); }
  get loopExit() { return -1; }
  get idleTime() { return loopIdleTime(); }

  get uvMetricsInfo() {
    return { loopCount: 0, events: 0, eventsWaiting: 0 };
  }

  toJSON() {
    return {
      name: 'node',
      entryType: 'node',
      startTime: 0,
      duration: this.duration,
      nodeStart: this.nodeStart,
      v8Start: this.v8Start,
      bootstrapComplete: this.bootstrapComplete,
      environment: this.environment,
      loopStart: this.loopStart,
      loopExit: this.loopExit,
      idleTime: this.idleTime,
    };
  }

  [customInspect](depth, options) {
    return inspectAs('PerformanceNodeTiming', this, this.toJSON(), depth, options);
  }
}
const nodeTiming = Object.create(PerformanceNodeTiming.prototype);

// ---- Performance ----

const nodeTimingMilestones = new Set(['nodeStart', 'v8Start', 'environment', 'loopStart', 'loopExit',
  'bootstrapComplete']);

function getMarkTime(name) {
  if (name === undefined) return undefined;
  if (typeof name === 'number') {
    if (name < 0) throw new ERR_PERFORMANCE_INVALID_TIMESTAMP(name);
    return name;
  }
  name = `${name}`;
  // The nodeTiming milestones can be named too.
  if (nodeTimingMilestones.has(name)) return nodeTiming[name];
  const time = markTimes.get(name);
  if (time === undefined) throw domException(`The "${name}" performance mark has not been set`, 'SyntaxError');
  return time;
}

function checkPerformance(self) {
  // The one instance is the common case; the prototype walk is not free.
  if (self !== performance && !(self instanceof Performance)) throw new ERR_INVALID_THIS('Performance');
}

class Performance extends EventTarget {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  clearMarks(name = undefined) {
    checkPerformance(this);
    if (name !== undefined) {
      name = `${name}`;
      markTimes.delete(name);
      markEntries = markEntries.filter((e) => e._name !== name);
    } else {
      markTimes.clear();
      markEntries = [];
    }
  }

  clearMeasures(name = undefined) {
    checkPerformance(this);
    if (name !== undefined) {
      name = `${name}`;
      measureEntries = measureEntries.filter((e) => e._name !== name);
    } else {
      measureEntries = [];
    }
  }

  clearResourceTimings(name = undefined) {
    checkPerformance(this);
    if (name !== undefined) {
      name = `${name}`;
      resourceEntries = resourceEntries.filter((e) => e._name !== name);
    } else {
      resourceEntries = [];
    }
  }

  getEntries() {
    checkPerformance(this);
    return sortedEntries([markEntries, measureEntries, resourceEntries]);
  }

  getEntriesByName(name, type = undefined) {
    checkPerformance(this);
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    return filterBuffer(sortedEntries([markEntries, measureEntries, resourceEntries]), `${name}`,
                        type === undefined ? undefined : `${type}`);
  }

  getEntriesByType(type) {
    checkPerformance(this);
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    type = `${type}`;
    if (type === 'mark') return markEntries.slice();
    if (type === 'measure') return measureEntries.slice();
    if (type === 'resource') return resourceEntries.slice();
    return [];
  }

  mark(name, options = undefined) {
    checkPerformance(this);
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    const mark = new PerformanceMark(name, options);
    markTimes.set(mark._name, mark._start);
    markEntries.push(mark);
    enqueue(mark);
    return mark;
  }

  measure(name, startOrOptions = undefined, endMark = undefined) {
    checkPerformance(this);
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    name = `${name}`;
    if (startOrOptions === null) startOrOptions = undefined;
    if (typeof startOrOptions === 'object') {
      if (Object.keys(startOrOptions).length === 0) {
        startOrOptions = undefined;
      } else if (endMark !== undefined) {
        throw new ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS('endMark must not be specified');
      }
    }
    // Options count only with a start or an end; as in Node, a bare
    // duration (or detail) measures from the time origin to now.
    let start;
    let end;
    let duration;
    let optionsValid = false;
    if (typeof startOrOptions === 'object') {
      ({ start, end, duration } = startOrOptions);
      optionsValid = start !== undefined || end !== undefined;
      if (optionsValid && start !== undefined && end !== undefined && duration !== undefined) {
        throw new ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS(
          'Must not have options.start, options.end, and options.duration specified');
      }
    }
    let endTime;
    if (endMark !== undefined) {
      endTime = getMarkTime(endMark);
    } else if (optionsValid && end !== undefined) {
      endTime = getMarkTime(end);
    } else if (optionsValid && start !== undefined && duration !== undefined) {
      endTime = getMarkTime(start) + getMarkTime(duration);
    } else {
      endTime = now();
    }
    let startTime;
    if (typeof startOrOptions === 'string') {
      startTime = getMarkTime(startOrOptions);
    } else if (optionsValid && start !== undefined) {
      startTime = getMarkTime(start);
    } else if (optionsValid && duration !== undefined && end !== undefined) {
      startTime = endTime - getMarkTime(duration);
    } else {
      startTime = 0;
    }
    const detail = cloneDetail(typeof startOrOptions === 'object' ? startOrOptions.detail : undefined);
    const measure = new PerformanceMeasure(kSkipThrow, name, startTime, endTime - startTime, detail);
    measureEntries.push(measure);
    enqueue(measure);
    return measure;
  }

  now() {
    checkPerformance(this);
    return now();
  }

  setResourceTimingBufferSize(maxSize) {
    checkPerformance(this);
    validateInteger(maxSize, 'maxSize', 0);
    resourceBufferSize = maxSize;
  }

  get timeOrigin() {
    checkPerformance(this);
    return getTimeOrigin();
  }

  toJSON() {
    checkPerformance(this);
    return {
      nodeTiming: this.nodeTiming,
      timeOrigin: this.timeOrigin,
      eventLoopUtilization: this.eventLoopUtilization(),
    };
  }

  eventLoopUtilization(util1, util2) {
    return eventLoopUtilization(util1, util2);
  }

  get nodeTiming() {
    return nodeTiming;
  }

  markResourceTiming(timingInfo, requestedUrl, initiatorType, global, cacheMode, bodyInfo, responseStatus) {
    checkPerformance(this);
    const entry = new PerformanceResourceTiming(kSkipThrow, `${requestedUrl}`, timingInfo, `${initiatorType ?? ''}`,
                                                responseStatus ?? 0);
    if (resourceEntries.length < resourceBufferSize) {
      resourceEntries.push(entry);
    } else {
      this.dispatchEvent(new (require('internal/event_target').Event)('resourcetimingbufferfull'));
    }
    enqueue(entry);
    return entry;
  }

  timerify(fn, options = kEmptyObject) {
    validateFunction(fn, 'fn');
    validateObject(options, 'options');
    const { histogram } = options;
    if (histogram !== undefined && (histogram?.[kHandle] === undefined || typeof histogram.record !== 'function')) {
      throw new ERR_INVALID_ARG_TYPE('options.histogram', 'RecordableHistogram', histogram);
    }
    function timerifiedFn(...args) {
      const start = now();
      const result = new.target ? Reflect.construct(fn, args, fn) : Reflect.apply(fn, this, args);
      const finish = () => {
        const duration = now() - start;
        if (histogram !== undefined) histogram.record(Math.max(1, Math.ceil(duration * 1e6)));
        const entry = new PerformanceEntry(kSkipThrow, fn.name, 'function', start, duration, args);
        enqueue(entry);
      };
      if (!new.target && typeof result?.finally === 'function') return result.finally(finish);
      finish();
      return result;
    }
    Object.defineProperties(timerifiedFn, {
      length: { configurable: false, enumerable: true, value: fn.length },
      name: { configurable: false, enumerable: true, value: `timerified ${fn.name}` },
    });
    return timerifiedFn;
  }

  [customInspect](depth, options) {
    return inspectAs('Performance', this, this.toJSON(), depth, options);
  }
}

Object.defineProperty(Performance.prototype, Symbol.toStringTag, {
  value: 'Performance', writable: false, enumerable: false, configurable: true,
});
defineEventHandler(Performance.prototype, 'resourcetimingbufferfull');

function createPerformance() {
  const performance = Object.create(Performance.prototype);
  require('internal/event_target').initEventTarget(performance);
  return performance;
}
const performance = createPerformance();

// ---- monitorEventLoopDelay ----

class IntervalHistogram extends Histogram {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  enable() {
    if (this._timer !== undefined) return false;
    this._last = process.hrtime.bigint();
    // Each tick records the time since the previous one, in nanoseconds:
    // the resolution plus however long the loop kept the timer waiting.
    this._timer = setInterval(() => {
      const t = process.hrtime.bigint();
      const delta = Number(t - this._last);
      this._last = t;
      if (delta > 0 && !this[kHandle].record(delta)) this.exceedsCount++;
    }, this._resolution);
    this._timer.unref();
    return true;
  }

  disable() {
    if (this._timer === undefined) return false;
    clearInterval(this._timer);
    this._timer = undefined;
    return true;
  }
}

function monitorEventLoopDelay(options = kEmptyObject) {
  validateObject(options, 'options');
  const { resolution = 10 } = options;
  validateInteger(resolution, 'options.resolution', 1);
  const histogram = makeHistogram(IntervalHistogram.prototype, 1, Number.MAX_SAFE_INTEGER, 3, false);
  Object.defineProperties(histogram, {
    _timer: { value: undefined, writable: true, enumerable: false },
    _last: { value: undefined, writable: true, enumerable: false },
    _resolution: { value: resolution, writable: false, enumerable: false },
  });
  return histogram;
}

const constants = {
  NODE_PERFORMANCE_GC_MAJOR: 4,
  NODE_PERFORMANCE_GC_MINOR: 1,
  NODE_PERFORMANCE_GC_INCREMENTAL: 8,
  NODE_PERFORMANCE_GC_WEAKCB: 16,
  NODE_PERFORMANCE_GC_FLAGS_NO: 0,
  NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
  NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
  NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
  NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
  NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
  NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
};

module.exports = {
  Performance,
  PerformanceEntry,
  PerformanceMark,
  PerformanceMeasure,
  PerformanceObserver,
  PerformanceObserverEntryList,
  PerformanceResourceTiming,
  monitorEventLoopDelay,
  createHistogram,
  performance,
  constants,
};
void RecordableHistogram;
