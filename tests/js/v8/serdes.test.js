'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const v8 = require('node:v8');

test('serialize and deserialize round-trip ordinary values', () => {
  const value = {
    n: 1.5, i: -7, s: 'text €', b: true, nil: null, u: undefined, big: 12345678901234567890n,
    arr: [1, , 3], nested: { deep: [{ x: 1 }] }, date: new Date(0), re: /a+b/gi,
    map: new Map([[1, { a: 1 }], ['k', [2]]]), set: new Set(['a', 'b']),
    boxed: [new Number(3), new String('s'), new Boolean(false)],
  };
  const copy = v8.deserialize(v8.serialize(value));
  assert.deepStrictEqual(copy, value);
  const cyclic = { name: 'c' };
  cyclic.self = cyclic;
  cyclic.list = [cyclic];
  const back = v8.deserialize(v8.serialize(cyclic));
  assert.strictEqual(back.self, back);
  assert.strictEqual(back.list[0], back);
});

test('Buffers and typed arrays use Node\'s host-object format', () => {
  assert.strictEqual(v8.serialize(Buffer.from('ab')).toString('hex'), 'ff0f5c0a026162');
  assert.strictEqual(v8.serialize(new Uint16Array([1, 2])).toString('hex'), 'ff0f5c040401000200');
  assert.strictEqual(v8.serialize(new DataView(new ArrayBuffer(2))).toString('hex'), 'ff0f5c09020000');
  assert.strictEqual(v8.serialize(new BigInt64Array(1)).toString('hex'), 'ff0f5c0b080000000000000000');
  assert.strictEqual(v8.serialize({ a: 1 }).toString('hex'), 'ff0f6f22016149027b01');
  const data = {
    buf: Buffer.from('hello'), u16: new Uint16Array([1, 2, 3]), f64: new Float64Array([1.5]),
    i8: new Int8Array([-1]), dv: new DataView(new ArrayBuffer(3)),
  };
  const back = v8.deserialize(v8.serialize(data));
  assert.ok(Buffer.isBuffer(back.buf));
  assert.strictEqual(back.buf.toString(), 'hello');
  assert.strictEqual(back.u16.constructor, Uint16Array);
  assert.deepStrictEqual([...back.u16], [1, 2, 3]);
  assert.deepStrictEqual([...back.f64], [1.5]);
  assert.deepStrictEqual([...back.i8], [-1]);
  assert.strictEqual(back.dv.byteLength, 3);
  // A pooled Buffer carries only its own bytes.
  assert.ok(v8.serialize(Buffer.from('x')).length < 16);
});

test('serialize returns a Buffer; errors', () => {
  const out = v8.serialize('x');
  assert.ok(Buffer.isBuffer(out));
  assert.throws(() => v8.serialize(() => {}), (err) => {
    assert.ok(err instanceof Error);
    assert.strictEqual(err.message, '() => {} could not be cloned.');
    return true;
  });
  assert.throws(() => v8.serialize(Symbol('s')), { message: 'Symbol(s) could not be cloned.' });
  assert.throws(() => v8.deserialize('x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => v8.deserialize(Buffer.from([1, 2, 3])), Error);
});

test('errors survive a round trip', () => {
  const err = new RangeError('bad range', { cause: 'why' });
  const back = v8.deserialize(v8.serialize(err));
  assert.ok(back instanceof RangeError);
  assert.strictEqual(back.message, 'bad range');
  assert.strictEqual(back.cause, 'why');
  assert.strictEqual(back.stack, err.stack);
});

test('Serializer and Deserializer primitives', () => {
  const s = new v8.Serializer();
  s.writeHeader();
  assert.strictEqual(s.writeValue({ x: 1 }), true);
  s.writeUint32(7);
  s.writeDouble(2.5);
  s.writeUint64(1, 2);
  s.writeRawBytes(Buffer.from('zz'));
  const buf = s.releaseBuffer();
  assert.ok(Buffer.isBuffer(buf));
  assert.strictEqual(buf.toString('hex'), 'ff0f6f22017849027b0107000000000000044082808080107a7a');
  const d = new v8.Deserializer(buf);
  assert.strictEqual(d.readHeader(), true);
  assert.strictEqual(d.getWireFormatVersion(), 15);
  assert.deepStrictEqual(d.readValue(), { x: 1 });
  assert.strictEqual(d.readUint32(), 7);
  assert.strictEqual(d.readDouble(), 2.5);
  assert.deepStrictEqual(d.readUint64(), [1, 2]);
  assert.strictEqual(d.readRawBytes(2).toString(), 'zz');
  assert.throws(() => v8.Serializer(), TypeError);
  assert.throws(() => new v8.Deserializer(1), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('custom host objects through a Serializer subclass', () => {
  class Point {
    constructor(x, y) { this.x = x; this.y = y; }
  }
  class MySerializer extends v8.Serializer {
    _writeHostObject(obj) {
      this.writeUint32(obj.length);
      this.writeRawBytes(obj);
    }
  }
  class MyDeserializer extends v8.Deserializer {
    _readHostObject() {
      const n = this.readUint32();
      return new Point(n, this.readRawBytes(n)[0]);
    }
  }
  const s = new MySerializer();
  s._setTreatArrayBufferViewsAsHostObjects(true);
  s.writeHeader();
  s.writeValue({ inside: new Uint8Array([9]) });
  const d = new MyDeserializer(s.releaseBuffer());
  d.readHeader();
  const value = d.readValue();
  assert.ok(value.inside instanceof Point);
  assert.deepStrictEqual({ ...value.inside }, { x: 1, y: 9 });
  class Picky extends v8.Serializer {
    _getDataCloneError(message) { return new TypeError(`picky: ${message}`); }
  }
  const p = new Picky();
  p.writeHeader();
  assert.throws(() => p.writeValue(() => {}), { name: 'TypeError', message: /^picky: / });
});

test('transferArrayBuffer passes a buffer out of band', () => {
  const ab = new ArrayBuffer(4);
  new Uint8Array(ab)[0] = 42;
  const s = new v8.Serializer();
  s.writeHeader();
  s.transferArrayBuffer(0, ab);
  s.writeValue({ ab });
  const d = new v8.Deserializer(s.releaseBuffer());
  const target = new ArrayBuffer(4);
  new Uint8Array(target)[0] = 7;
  d.transferArrayBuffer(0, target);
  d.readHeader();
  assert.strictEqual(d.readValue().ab, target);
});

test('heap statistics', () => {
  const h = v8.getHeapStatistics();
  for (const key of ['total_heap_size', 'total_heap_size_executable', 'total_physical_size', 'total_available_size',
    'used_heap_size', 'heap_size_limit', 'malloced_memory', 'peak_malloced_memory', 'does_zap_garbage',
    'number_of_native_contexts', 'number_of_detached_contexts', 'total_global_handles_size',
    'used_global_handles_size', 'external_memory']) {
    assert.strictEqual(typeof h[key], 'number', key);
  }
  assert.ok(h.used_heap_size > 0 && h.used_heap_size <= h.total_heap_size);
  assert.ok(h.heap_size_limit > h.used_heap_size);
  const spaces = v8.getHeapSpaceStatistics();
  assert.ok(spaces.length > 3);
  const names = spaces.map((s) => s.space_name);
  assert.ok(names.includes('old_space') && names.includes('new_space'));
  assert.deepStrictEqual(Object.keys(spaces[0]),
                         ['space_name', 'space_size', 'space_used_size', 'space_available_size', 'physical_space_size']);
  const code = v8.getHeapCodeStatistics();
  assert.deepStrictEqual(Object.keys(code), ['code_and_metadata_size', 'bytecode_and_metadata_size',
    'external_script_source_size', 'cpu_profiler_metadata_size']);
  assert.ok(code.bytecode_and_metadata_size > 0);
});

test('flags, version tag and string representation', () => {
  const tag = v8.cachedDataVersionTag();
  assert.ok(Number.isInteger(tag) && tag > 0);
  assert.strictEqual(v8.cachedDataVersionTag(), tag);
  v8.setFlagsFromString('--no-lazy-feedback-allocation');
  assert.throws(() => v8.setFlagsFromString(1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.strictEqual(v8.isStringOneByteRepresentation('abc'), true);
  assert.strictEqual(v8.isStringOneByteRepresentation('€'), false);
});

test('heap snapshots', async () => {
  const chunks = [];
  for await (const chunk of v8.getHeapSnapshot()) chunks.push(chunk);
  const snapshot = JSON.parse(chunks.join(''));
  assert.ok(snapshot.snapshot.meta.node_fields.includes('self_size'));
  assert.ok(snapshot.snapshot.node_count > 100);
  assert.ok(Array.isArray(snapshot.strings));
  assert.throws(() => v8.writeHeapSnapshot('/nonexistent-dir/x.heapsnapshot'), { code: 'ENOENT' });
  assert.throws(() => v8.getHeapSnapshot({ exposeInternals: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
});
