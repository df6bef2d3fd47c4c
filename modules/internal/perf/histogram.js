'use strict';
// The histograms of perf_hooks (createHistogram, monitorEventLoopDelay,
// timerify's option). Node keeps them in HdrHistogram; this is the same
// layout computed in JavaScript, so min/max/mean/stddev/percentiles report
// the same numbers Node does: values are grouped into buckets whose width
// keeps `figures` significant decimal digits, min and max report the
// lowest and highest value of their bucket, mean and stddev use bucket
// midpoints. Counts sit in a Map keyed by bucket (sparse: a histogram over
// 1..2^53 would otherwise need ~45000 slots).

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_ILLEGAL_CONSTRUCTOR, ERR_OUT_OF_RANGE, ERR_INVALID_THIS },
} = require('internal/errors');
const { validateInteger, validateNumber, validateObject } = require('internal/validators');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const kHandle = Symbol('kHandle');
const kRecordable = Symbol('kRecordable');
const kInt64Max = 9223372036854775807n;

function bitLength(v) {
  // v is a non-negative integer up to 2^64 as a Number.
  if (v < 0x100000000) return 32 - Math.clz32(v);
  const hi = Math.floor(v / 0x100000000);
  return 64 - Math.clz32(hi);
}

class Hdr {
  constructor(lowest, highest, figures) {
    const largestSingleUnit = 2 * 10 ** figures;
    const subBucketCountMagnitude = Math.ceil(Math.log2(largestSingleUnit));
    this.subBucketHalfCountMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
    this.unitMagnitude = Math.floor(Math.log2(lowest));
    this.subBucketCount = 2 ** (this.subBucketHalfCountMagnitude + 1);
    this.subBucketHalfCount = this.subBucketCount / 2;
    this.subBucketMask = (this.subBucketCount - 1) * 2 ** this.unitMagnitude;
    // The first value too large to record.
    let smallestUntrackable = this.subBucketCount * 2 ** this.unitMagnitude;
    let buckets = 1;
    while (smallestUntrackable <= highest) {
      if (smallestUntrackable > 2 ** 62) {
        buckets++;
        break;
      }
      smallestUntrackable *= 2;
      buckets++;
    }
    this.bucketCount = buckets;
    this.countsLen = (buckets + 1) * this.subBucketHalfCount;
    this.reset();
  }

  reset() {
    this.counts = new Map(); // lowest equivalent value -> count
    this.totalCount = 0;
    this.minValue = Number.POSITIVE_INFINITY;
    this.maxValue = 0;
    this.hasZero = false;
  }

  bucketIndex(v) {
    // OR with the sub-bucket mask, without 32-bit truncation.
    const masked = v >= this.subBucketMask ? v : this.subBucketMask;
    return bitLength(masked) - this.unitMagnitude - (this.subBucketHalfCountMagnitude + 1);
  }

  countsIndex(v) {
    const bucket = this.bucketIndex(v);
    const sub = Math.floor(v / 2 ** (bucket + this.unitMagnitude));
    const base = (bucket + 1) * 2 ** this.subBucketHalfCountMagnitude;
    return base + (sub - this.subBucketHalfCount);
  }

  lowestEquivalent(v) {
    const bucket = this.bucketIndex(v);
    const sub = Math.floor(v / 2 ** (bucket + this.unitMagnitude));
    return sub * 2 ** (bucket + this.unitMagnitude);
  }

  sizeOfRange(v) {
    const bucket = this.bucketIndex(v);
    const sub = Math.floor(v / 2 ** (bucket + this.unitMagnitude));
    const adjusted = sub >= this.subBucketCount ? bucket + 1 : bucket;
    return 2 ** (this.unitMagnitude + adjusted);
  }

  highestEquivalent(v) {
    return this.lowestEquivalent(v) + this.sizeOfRange(v) - 1;
  }

  medianEquivalent(v) {
    return this.lowestEquivalent(v) + Math.floor(this.sizeOfRange(v) / 2);
  }

  // Returns false when the value is outside the trackable range.
  record(v, n = 1) {
    if (v < 0) return false;
    const index = this.countsIndex(v);
    if (index < 0 || index >= this.countsLen) return false;
    const key = this.lowestEquivalent(v);
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
    this.totalCount += n;
    if (v !== 0 && v < this.minValue) this.minValue = v;
    if (v === 0) this.hasZero = true;
    if (v > this.maxValue) this.maxValue = v;
    return true;
  }

  // [value, count] in increasing order of value.
  entries() {
    return [...this.counts.entries()].sort((a, b) => a[0] - b[0]);
  }

  min() {
    if (this.hasZero) return 0;
    if (this.minValue === Number.POSITIVE_INFINITY) return Number(kInt64Max);
    return this.lowestEquivalent(this.minValue);
  }

  max() {
    return this.maxValue === 0 ? 0 : this.highestEquivalent(this.maxValue);
  }

  mean() {
    if (this.totalCount === 0) return NaN;
    let total = 0;
    for (const [value, count] of this.entries()) total += count * this.medianEquivalent(value);
    return total / this.totalCount;
  }

  stddev() {
    if (this.totalCount === 0) return NaN;
    const mean = this.mean();
    let dev = 0;
    for (const [value, count] of this.entries()) {
      const d = this.medianEquivalent(value) - mean;
      dev += d * d * count;
    }
    return Math.sqrt(dev / this.totalCount);
  }

  valueAtPercentile(percentile) {
    const requested = percentile < 100 ? percentile : 100;
    let countAt = Math.trunc((requested / 100) * this.totalCount + 0.5);
    if (countAt < 1) countAt = 1;
    let cumulative = 0;
    let value = 0;
    for (const [v, count] of this.entries()) {
      cumulative += count;
      value = v;
      if (cumulative >= countAt) break;
    }
    if (this.totalCount === 0) return 0;
    return percentile === 0 ? this.lowestEquivalent(value) : this.highestEquivalent(value);
  }

  // HdrHistogram's percentile iteration with one tick per half distance:
  // 0, 50, 75, 87.5, ... each reported at the first bucket that reaches it,
  // then 100 at the last value.
  percentiles() {
    const out = new Map();
    const entries = this.entries();
    const total = this.totalCount;
    let index = -1;
    let cumulative = 0;
    let value = 0;
    let count = 0;
    let next = 0;
    const step = () => {
      if (cumulative >= total || index + 1 >= entries.length) return false;
      index++;
      [value, count] = entries[index];
      cumulative += count;
      return true;
    };
    for (;;) {
      if (cumulative >= total) {
        // Past the last recorded value: 100 closes the list.
        out.set(100, value);
        return out;
      }
      if (index === -1 && !step()) return out;
      let reported = false;
      do {
        if (count !== 0 && next <= (100 * cumulative) / total) {
          out.set(next, value);
          next += 100 / 2 ** (Math.trunc(Math.log(100 / (100 - next)) / Math.log(2)) + 1);
          reported = true;
          break;
        }
      } while (step());
      if (!reported) return out;
    }
  }

  add(other) {
    let dropped = 0;
    for (const [value, count] of other.counts) {
      if (!this.record(value, count)) dropped += count;
    }
    if (other.hasZero) this.hasZero = true;
    if (other.minValue < this.minValue) this.minValue = other.minValue;
    if (other.maxValue > this.maxValue) this.maxValue = other.maxValue;
    return dropped;
  }
}

function isHistogram(value) {
  return value?.[kHandle] !== undefined;
}

function checkThis(self) {
  if (!isHistogram(self)) throw new ERR_INVALID_THIS('Histogram');
}

let lazyInspect;

class Histogram {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  [customInspect](depth, options) {
    if (depth < 0) return this;
    lazyInspect ??= require('internal/util/inspect').inspect;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `Histogram ${lazyInspect({
      min: this.min,
      max: this.max,
      mean: this.mean,
      exceeds: this.exceeds,
      stddev: this.stddev,
      count: this.count,
      percentiles: this.percentiles,
    }, opts)}`;
  }

  get count() { checkThis(this); return this[kHandle].totalCount; }
  get countBigInt() { checkThis(this); return BigInt(this[kHandle].totalCount); }
  get min() { checkThis(this); return this[kHandle].min(); }
  get minBigInt() {
    checkThis(this);
    const h = this[kHandle];
    return h.totalCount === 0 && !h.hasZero ? kInt64Max : BigInt(h.min());
  }
  get max() { checkThis(this); return this[kHandle].max(); }
  get maxBigInt() { checkThis(this); return BigInt(this[kHandle].max()); }
  get mean() { checkThis(this); return this[kHandle].mean(); }
  get exceeds() { checkThis(this); return this.exceedsCount; }
  get exceedsBigInt() { checkThis(this); return BigInt(this.exceedsCount); }
  get stddev() { checkThis(this); return this[kHandle].stddev(); }

  percentile(percentile) {
    checkThis(this);
    validateNumber(percentile, 'percentile');
    if (!(percentile > 0 && percentile <= 100)) {
      throw new ERR_OUT_OF_RANGE('percentile', '> 0 && <= 100', percentile);
    }
    return this[kHandle].valueAtPercentile(percentile);
  }

  percentileBigInt(percentile) {
    return BigInt(this.percentile(percentile));
  }

  get percentiles() {
    checkThis(this);
    return this[kHandle].percentiles();
  }

  get percentilesBigInt() {
    checkThis(this);
    const out = new Map();
    for (const [k, v] of this[kHandle].percentiles()) out.set(k, BigInt(v));
    return out;
  }

  reset() {
    checkThis(this);
    this[kHandle].reset();
    this.exceedsCount = 0;
  }

  toJSON() {
    return {
      count: this.count,
      min: this.min,
      max: this.max,
      mean: this.mean,
      exceeds: this.exceeds,
      stddev: this.stddev,
      percentiles: Object.fromEntries(this.percentiles),
    };
  }
}

class RecordableHistogram extends Histogram {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  record(val) {
    checkRecordable(this);
    if (typeof val === 'bigint') {
      if (val < 1n) throw new ERR_OUT_OF_RANGE('val', `>= 1 && <= ${Number.MAX_SAFE_INTEGER}`, val);
      val = Number(val);
    } else {
      validateInteger(val, 'val', 1);
    }
    if (!this[kHandle].record(val)) this.exceedsCount++;
  }

  recordDelta() {
    checkRecordable(this);
    const now = process.hrtime.bigint();
    if (this.prevDelta !== undefined) {
      const delta = Number(now - this.prevDelta);
      if (delta > 0 && !this[kHandle].record(delta)) this.exceedsCount++;
    }
    this.prevDelta = now;
  }

  add(other) {
    checkRecordable(this);
    if (!isRecordable(other)) throw new ERR_INVALID_ARG_TYPE('other', 'RecordableHistogram', other);
    this.exceedsCount += this[kHandle].add(other[kHandle]) + other.exceedsCount;
  }
}

function isRecordable(value) {
  return isHistogram(value) && value[kRecordable] === true;
}

function checkRecordable(self) {
  if (!isRecordable(self)) throw new ERR_INVALID_THIS('RecordableHistogram');
}

// Makes a histogram without running the (illegal) public constructors.
function makeHistogram(proto, lowest, highest, figures, recordable) {
  const h = Object.create(proto);
  h[kHandle] = new Hdr(lowest, highest, figures);
  h[kRecordable] = recordable;
  h.exceedsCount = 0;
  h.prevDelta = undefined;
  Object.defineProperties(h, {
    exceedsCount: { enumerable: false, writable: true },
    prevDelta: { enumerable: false, writable: true },
  });
  return h;
}

function createHistogram(options = {}) {
  validateObject(options, 'options');
  const { lowest = 1, highest = Number.MAX_SAFE_INTEGER, figures = 3 } = options;
  if (typeof lowest !== 'bigint') validateInteger(lowest, 'options.lowest', 1, Number.MAX_SAFE_INTEGER);
  if (typeof highest !== 'bigint') {
    validateInteger(highest, 'options.highest', 2 * Number(lowest), Number.MAX_SAFE_INTEGER);
  } else if (highest < 2n * BigInt(lowest)) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('options.highest', highest);
  }
  validateInteger(figures, 'options.figures', 1, 5);
  return makeHistogram(RecordableHistogram.prototype, Number(lowest), Number(highest), figures, true);
}

module.exports = {
  Histogram,
  RecordableHistogram,
  createHistogram,
  makeHistogram,
  isHistogram,
  kHandle,
};
