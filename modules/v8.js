'use strict';
// node:v8: heap statistics, V8 flags, and the value serializer with Node's
// wire format for ArrayBufferViews (DefaultSerializer writes a Buffer or a
// typed array as a host object: a type index, a byte length and the bytes,
// so a pooled Buffer never drags its whole pool along).

const binding = internalBinding('v8');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED },
} = require('internal/errors');
const { validateBoolean, validateObject, validateString } = require('internal/validators');

const { Serializer, Deserializer } = binding;

let lazyFastBuffer;
function FastBuffer() {
  lazyFastBuffer ??= require('internal/buffer').FastBuffer;
  return lazyFastBuffer;
}

let lazyInspect;
function inspect(value) {
  lazyInspect ??= require('internal/util/inspect').inspect;
  return lazyInspect(value);
}

// Node's type indexes for host-object views; 10 is Buffer.
const arrayBufferViewTypes = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, DataView, null, BigInt64Array, BigUint64Array,
];
const kBufferIndex = 10;
const typeToIndex = new Map();
for (let i = 0; i < arrayBufferViewTypes.length; i++) {
  const ctor = arrayBufferViewTypes[i];
  if (ctor !== null) typeToIndex.set(Object.prototype.toString.call(new ctor(new ArrayBuffer(0))), i);
}

Serializer.prototype._getDataCloneError = Error;

// readRawBytes(length): a Buffer view of the next `length` bytes.
Deserializer.prototype.readRawBytes = function readRawBytes(length) {
  const offset = this._readRawBytes(length);
  const FB = FastBuffer();
  return new FB(this.buffer.buffer, this.buffer.byteOffset + offset, length);
};

const releaseBuffer = Serializer.prototype.releaseBuffer;
Serializer.prototype.releaseBuffer = function() {
  // The binding hands over the bytes as an ArrayBuffer; callers get a Buffer.
  const ab = Reflect.apply(releaseBuffer, this, []);
  const FB = FastBuffer();
  return new FB(ab, 0, ab.byteLength);
};
Object.defineProperty(Serializer.prototype, 'releaseBuffer', { enumerable: false });
Object.defineProperty(Serializer.prototype, '_getDataCloneError', { enumerable: false });
Object.defineProperty(Deserializer.prototype, 'readRawBytes', { enumerable: false });

class DefaultSerializer extends Serializer {
  constructor() {
    super();
    this._setTreatArrayBufferViewsAsHostObjects(true);
  }

  _writeHostObject(abView) {
    let i;
    if (abView.constructor === require('buffer').Buffer) {
      i = kBufferIndex;
    } else {
      i = typeToIndex.get(Object.prototype.toString.call(abView));
    }
    if (i === undefined) {
      throw new this._getDataCloneError(`Unserializable host object: ${inspect(abView)}`);
    }
    this.writeUint32(i);
    this.writeUint32(abView.byteLength);
    this.writeRawBytes(new Uint8Array(abView.buffer, abView.byteOffset, abView.byteLength));
  }
}

class DefaultDeserializer extends Deserializer {
  _readHostObject() {
    const typeIndex = this.readUint32();
    const ctor = typeIndex === kBufferIndex ? FastBuffer() : arrayBufferViewTypes[typeIndex];
    const byteLength = this.readUint32();
    const byteOffset = this._readRawBytes(byteLength);
    const size = ctor.BYTES_PER_ELEMENT || 1;
    const offset = this.buffer.byteOffset + byteOffset;
    // A view of the input when aligned, else of an aligned copy.
    if (offset % size === 0) {
      return new ctor(this.buffer.buffer, offset, byteLength / size);
    }
    const copy = new Uint8Array(byteLength);
    copy.set(new Uint8Array(this.buffer.buffer, offset, byteLength));
    return new ctor(copy.buffer, 0, byteLength / size);
  }
}

function serialize(value) {
  const ser = new DefaultSerializer();
  ser.writeHeader();
  ser.writeValue(value);
  return ser.releaseBuffer();
}

function deserialize(buffer) {
  const der = new DefaultDeserializer(buffer);
  der.readHeader();
  return der.readValue();
}

function setFlagsFromString(flags) {
  validateString(flags, 'flags');
  binding.setFlagsFromString(flags);
}

function isStringOneByteRepresentation(content) {
  validateString(content, 'content');
  return binding.isStringOneByteRepresentation(content);
}

function snapshotOptions(options) {
  if (options === undefined) return [false, false];
  validateObject(options, 'options');
  const { exposeInternals = false, exposeNumericValues = false } = options;
  validateBoolean(exposeInternals, 'options.exposeInternals');
  validateBoolean(exposeNumericValues, 'options.exposeNumericValues');
  return [exposeInternals, exposeNumericValues];
}

let snapshotSeq = 0;

// Node's default name: Heap.<yyyymmdd>.<hhmmss>.<pid>.<threadId>.<seq>.heapsnapshot
function defaultSnapshotName() {
  const d = new Date();
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  const date = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
  const { threadId } = require('worker_threads');
  return `Heap.${date}.${time}.${process.pid}.${threadId}.${pad(++snapshotSeq, 3)}.heapsnapshot`;
}

// Writes a heap snapshot (Chrome DevTools' format) and returns its file name.
function writeHeapSnapshot(filename, options) {
  if (filename !== undefined) {
    if (typeof filename !== 'string' && !(filename instanceof URL) && !ArrayBuffer.isView(filename)) {
      throw new ERR_INVALID_ARG_TYPE('path', ['string', 'Buffer', 'URL'], filename);
    }
    if (filename instanceof URL) filename = require('url').fileURLToPath(filename);
    filename = `${filename}`;
  } else {
    filename = defaultSnapshotName();
  }
  const [internals, numerics] = snapshotOptions(options);
  const err = binding.writeHeapSnapshot(filename, internals, numerics);
  if (err < 0) {
    throw require('internal/errors').uvException({ errno: err, syscall: 'open', path: filename });
  }
  return filename;
}

// A readable stream of the snapshot's JSON (taken at once, streamed after).
function getHeapSnapshot(options) {
  const [internals, numerics] = snapshotOptions(options);
  const chunks = binding.getHeapSnapshotChunks(internals, numerics);
  const { Readable } = require('stream');
  return Readable.from(chunks, { objectMode: false });
}

function setHeapSnapshotNearHeapLimit(limit) {
  require('internal/validators').validateUint32(limit, 'limit', true);
}

function getCppHeapStatistics() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('v8.getCppHeapStatistics');
}

function queryObjects() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('v8.queryObjects');
}

// Coverage collection is driven by NODE_V8_COVERAGE in Node; without it
// these do nothing there either.
function takeCoverage() {}
function stopCoverage() {}

class GCProfiler {
  start() {
    throw new ERR_METHOD_NOT_IMPLEMENTED('v8.GCProfiler');
  }

  stop() {}
}

// v8.promiseHooks exists for libraries that probe for it; shard keeps the
// promise hooks for AsyncLocalStorage, so these register nothing.
function hookStub(hook) {
  if (typeof hook !== 'function') throw new ERR_INVALID_ARG_TYPE('hook', 'Function', hook);
  return () => {};
}
const promiseHooks = {
  onInit: hookStub,
  onSettled: hookStub,
  onBefore: hookStub,
  onAfter: hookStub,
  createHook() { return () => {}; },
};

const startupSnapshot = {
  addSerializeCallback() {},
  addDeserializeCallback() {},
  setDeserializeMainFunction() {
    throw new ERR_METHOD_NOT_IMPLEMENTED('v8.startupSnapshot.setDeserializeMainFunction');
  },
  isBuildingSnapshot() { return false; },
};

module.exports = {
  cachedDataVersionTag: binding.cachedDataVersionTag,
  getHeapSnapshot,
  getHeapStatistics: binding.getHeapStatistics,
  getHeapSpaceStatistics: binding.getHeapSpaceStatistics,
  getHeapCodeStatistics: binding.getHeapCodeStatistics,
  getCppHeapStatistics,
  setFlagsFromString,
  Serializer,
  Deserializer,
  DefaultSerializer,
  DefaultDeserializer,
  deserialize,
  takeCoverage,
  stopCoverage,
  serialize,
  writeHeapSnapshot,
  promiseHooks,
  queryObjects,
  startupSnapshot,
  setHeapSnapshotNearHeapLimit,
  GCProfiler,
  isStringOneByteRepresentation,
};
