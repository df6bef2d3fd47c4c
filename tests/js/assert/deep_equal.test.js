'use strict';
// Deep equality as Node 22 decides it: each case is checked with
// deepEqual (loose), deepStrictEqual (strict) and partialDeepStrictEqual,
// and with the not* forms, against the results Node 22 gives.
const { test } = require('node:test');
const assert = require('node:assert');
const util = require('node:util');

const cases = [];
const c = (name, a, b) => cases.push([name, a, b]);

c('num', 1, 1); c('num str', 1, '1'); c('NaN', NaN, NaN); c('0 -0', 0, -0); c('-0 -0', -0, -0);
c('null undef', null, undefined); c('obj', { a: 1 }, { a: 1 }); c('obj diff', { a: 1 }, { a: 2 });
c('obj extra', { a: 1 }, { a: 1, b: 2 }); c('obj order', { a: 1, b: 2 }, { b: 2, a: 1 });
c('obj str', { a: 1 }, { a: '1' });
c('arr', [1, 2], [1, 2]); c('arr len', [1, 2], [1, 2, 3]); c('arr obj', [1], { 0: 1 });
c('holes', [1, , 3], [1, undefined, 3]); c('holes2', [, 1], [, 1]); c('holes3', [1, ,], [1, undefined]);
c('arr prop', Object.assign([1], { x: 1 }), [1]); c('arr prop2', Object.assign([1], { x: 1 }), Object.assign([1], { x: 1 }));
c('date', new Date(0), new Date(0)); c('date diff', new Date(0), new Date(1)); c('date prop', Object.assign(new Date(0), { a: 1 }), new Date(0));
c('date obj', new Date(0), {});
c('re', /a/g, /a/g); c('re flags', /a/g, /a/i); c('re src', /a/, /b/);
const re1 = /a/g; re1.lastIndex = 3; c('re lastIndex', re1, /a/g);
c('re prop', Object.assign(/a/, { x: 1 }), /a/);
c('err', new Error('a'), new Error('a')); c('err msg', new Error('a'), new Error('b'));
c('err name', new TypeError('a'), new Error('a')); c('err cause', new Error('a', { cause: 1 }), new Error('a', { cause: 2 }));
c('err cause missing', new Error('a', { cause: undefined }), new Error('a'));
c('err errors', new AggregateError([1], 'x'), new AggregateError([2], 'x'));
c('err prop', Object.assign(new Error('a'), { code: 1 }), new Error('a'));
c('map', new Map([[1, 2]]), new Map([[1, 2]])); c('map diff', new Map([[1, 2]]), new Map([[1, 3]]));
c('map objkey', new Map([[{ a: 1 }, 'x'], [{ b: 1 }, 'y']]), new Map([[{ b: 1 }, 'y'], [{ a: 1 }, 'x']]));
c('map objkey diff', new Map([[{ a: 1 }, 'x']]), new Map([[{ a: 1 }, 'y']]));
c('map loose key', new Map([[1, 'a']]), new Map([['1', 'a']]));
c('map loose val', new Map([[1, 1]]), new Map([[1, '1']]));
c('map same objkeys', new Map([[{}, 'a'], [{}, 'b']]), new Map([[{}, 'b'], [{}, 'a']]));
c('set', new Set([1, 2]), new Set([2, 1])); c('set diff', new Set([1, 2]), new Set([1, 3]));
c('set obj', new Set([{ a: 1 }, { b: 2 }]), new Set([{ b: 2 }, { a: 1 }]));
c('set obj diff', new Set([{ a: 1 }]), new Set([{ a: 2 }]));
c('set loose', new Set([1]), new Set(['1'])); c('set null undef', new Set([null]), new Set([undefined]));
c('set 3 objs', new Set([{ a: 1 }, { a: 2 }, { a: 3 }]), new Set([{ a: 3 }, { a: 2 }, { a: 1 }]));
c('set mixed', new Set([1, { a: 1 }, 'x']), new Set(['x', { a: 1 }, 1]));
c('set dup objs', new Set([{ a: 1 }, { a: 1 }]), new Set([{ a: 1 }, { a: 2 }]));
c('set prop', Object.assign(new Set(), { x: 1 }), new Set());
c('ta', new Uint8Array([1, 2]), new Uint8Array([1, 2])); c('ta diff', new Uint8Array([1, 2]), new Uint8Array([1, 3]));
c('ta type', new Uint8Array([1]), new Int8Array([1])); c('ta f64 -0', new Float64Array([-0]), new Float64Array([0]));
c('ta f64 NaN', new Float64Array([NaN]), new Float64Array([NaN]));
c('ta prop', Object.assign(new Uint8Array(1), { x: 1 }), new Uint8Array(1));
c('ab', new ArrayBuffer(2), new ArrayBuffer(2)); c('ab diff', new Uint8Array([1]).buffer, new Uint8Array([2]).buffer);
c('ab len', new ArrayBuffer(2), new ArrayBuffer(3)); c('sab ab', new SharedArrayBuffer(2), new ArrayBuffer(2));
c('dv', new DataView(new ArrayBuffer(2)), new DataView(new ArrayBuffer(2)));
c('boxed num', new Number(1), new Number(1)); c('boxed num diff', new Number(1), new Number(2));
c('boxed str', new String('a'), new String('a')); c('boxed vs prim', new Number(1), 1);
c('boxed -0', new Number(-0), new Number(0)); c('boxed NaN', new Number(NaN), new Number(NaN));
c('boxed prop', Object.assign(new String('a'), { x: 1 }), new String('a'));
c('boxed bool', new Boolean(true), new Boolean(false));
c('boxed sym', Object(Symbol.iterator), Object(Symbol.iterator)); c('boxed bigint', Object(1n), Object(1n));
c('boxed str vs obj', new String('ab'), { 0: 'a', 1: 'b' });
c('proto', {}, Object.create(null)); c('proto2', Object.create(null), Object.create(null));
c('proto3', {}, Object.create({})); c('proto4', Object.create({ x: 1 }), Object.create({ x: 1 }));
class A { constructor() { this.a = 1; } } class B { constructor() { this.a = 1; } }
c('class', new A(), new A()); c('class diff', new A(), new B()); c('class vs obj', new A(), { a: 1 });
const fakeDate = {}; Object.setPrototypeOf(fakeDate, Date.prototype);
c('fake date', {}, fakeDate); c('date fake', new Date(0), fakeDate);
const s1 = Symbol('s');
c('sym key', { [s1]: 1 }, { [s1]: 1 }); c('sym key diff', { [s1]: 1 }, { [s1]: 2 }); c('sym key missing', { [s1]: 1 }, {});
c('sym key nonenum', Object.defineProperty({}, s1, { value: 1 }), {});
c('nonenum', Object.defineProperty({}, 'a', { value: 1 }), {});
c('getter', { get a() { return 1; } }, { a: 1 });
const cyc1 = { a: 1 }; cyc1.self = cyc1; const cyc2 = { a: 1 }; cyc2.self = cyc2;
c('cycle', cyc1, cyc2);
const cyc3 = { a: 1 }; cyc3.self = { a: 1, self: cyc3 };
c('cycle unrolled', cyc1, cyc3);
const cyc4 = { a: 2 }; cyc4.self = cyc4; c('cycle diff', cyc1, cyc4);
const ca1 = [1]; ca1.push(ca1); const ca2 = [1]; ca2.push(ca2); c('cycle arr', ca1, ca2);
c('fn', function f() {}, function f() {}); const f = () => {}; c('fn same', f, f);
c('wm', new WeakMap(), new WeakMap()); const wm = new WeakMap(); c('wm same', wm, wm);
c('args', (function () { return arguments; })(1), (function () { return arguments; })(1));
c('args vs arr', (function () { return arguments; })(1), [1]);
c('nested', { a: [1, { b: new Map([[1, new Set([2])]]) }] }, { a: [1, { b: new Map([[1, new Set([2])]]) }] });
c('nested diff', { a: [1, { b: new Map([[1, new Set([2])]]) }] }, { a: [1, { b: new Map([[1, new Set([3])]]) }] });
c('promise', Promise.resolve(1), Promise.resolve(1));
c('obj num keys', { 1: 'a' }, { 1: 'a' });
c('undef prop', { a: undefined }, {}); c('undef prop2', { a: undefined }, { b: undefined });
c('str', 'a', 'a'); c('str num loose', '1', 1); c('bool', true, 1);
c('bigint', 1n, 1n); c('bigint num', 1n, 1);
c('symbol', Symbol.iterator, Symbol.iterator);
c('null obj', null, {}); c('obj null', {}, null);
c('url-like', { href: 'x' }, { href: 'x' });
c('partial obj', { a: 1, b: 2 }, { a: 1 }); c('partial arr', [1, 2, 3], [1, 3]); c('partial set', new Set([1, 2]), new Set([1]));
c('partial map', new Map([[1, 2], [3, 4]]), new Map([[3, 4]]));
c('partial nested', { a: { b: 1, c: 2 }, d: 3 }, { a: { b: 1 } });
c('partial arr order', [1, 2, 3], [3, 1]);
c('map prop', Object.assign(new Map(), { x: 1 }), new Map());
c('loose arr str', [1, 2], ['1', '2']); c('loose obj arr', { 0: 1 }, [1]);
c('loose date diffproto', new Date(0), Object.setPrototypeOf(new Date(0), null));
c('loose null proto obj', Object.assign(Object.create(null), { a: 1 }), { a: 1 });
c('err vs obj', new Error('a'), { message: 'a', name: 'Error' });
c('map undef key', new Map([[undefined, 1]]), new Map([[null, 1]]));
c('set NaN', new Set([NaN]), new Set([NaN])); c('map NaN', new Map([[NaN, 1]]), new Map([[NaN, 1]]));
c('set -0', new Set([-0]), new Set([0]));
c('typed arr len', new Uint8Array(2), new Uint8Array(3));
c('buffer-like', new Uint8Array([1]), [1]);
c('constructor prop', { constructor: 1 }, { constructor: 1 });
c('ctor own vs inherited', { constructor: Object }, {});
c('undef null in arr', [undefined], [null]); c('null undef in arr', [null], [undefined]);
c('obj undef null', { a: undefined }, { a: null });
c('sparse vs undef', [, 1], [undefined, 1]); c('undef vs sparse', [undefined, 1], [, 1]);
c('sparse extra', [1, , 3], [1, , 3]); c('sparse diff', [1, , 3], [1, , 4]);
c('map loose obj val', new Map([[{}, 1]]), new Map([[{}, '1']]));
c('map undef/null val', new Map([[1, undefined]]), new Map([[1, null]]));
c('set 1 "1" vs "1" 1', new Set([1, '1']), new Set(['1', 1]));
c('set [1,2] vs [1,"2"]', new Set([1, 2]), new Set([1, '2']));
c('set true 1', new Set([true]), new Set([1]));
c('set 2 objs vs 1', new Set([{ a: 1 }, 1]), new Set([{ a: 1 }, 2]));
c('map 3 objkeys', new Map([[{ a: 1 }, 1], [{ a: 2 }, 2], [{ a: 3 }, 3]]), new Map([[{ a: 3 }, 3], [{ a: 1 }, 1], [{ a: 2 }, 2]]));
c('map objkey same ref', (() => { const k = {}; return [new Map([[k, 1]]), new Map([[k, 1]])]; })()[0], (() => { return new Map([[{}, 1]]); })());
c('map prim/obj keys', new Map([[1, 'a']]), new Map([[{}, 'a']]));
c('num obj vs num', 1, new Number(1));
c('date invalid', new Date(NaN), new Date(NaN));
c('err stack diff', (() => { const e = new Error('a'); e.stack = 'x'; return e; })(), new Error('a'));
c('err vs typeerror', new Error('a'), Object.assign(new Error('a'), { name: 'TypeError' }));
c('arr sym prop', Object.assign([1], { [Symbol.for('x')]: 1 }), [1]);
c('int arrs', new Int32Array([1, 2, 3]), new Int32Array([1, 2, 3]));
c('f32 loose -0', new Float32Array([-0]), new Float32Array([0]));
c('proxy', new Proxy({ a: 1 }, {}), { a: 1 });
c('arr subclass', new (class X extends Array {})(), []);
c('objects w/ ctor undef', Object.assign(Object.create(null), { constructor: undefined }), Object.create(null));

// Expected results in the order loose, strict, partial: T equal, F not.
const expected = {
  'num': 'TTT',
  'num str': 'TFF',
  'NaN': 'TTT',
  '0 -0': 'TFF',
  '-0 -0': 'TTT',
  'null undef': 'TFF',
  'obj': 'TTT',
  'obj diff': 'FFF',
  'obj extra': 'FFF',
  'obj order': 'TTT',
  'obj str': 'TFF',
  'arr': 'TTT',
  'arr len': 'FFF',
  'arr obj': 'FFF',
  'holes': 'FFF',
  'holes2': 'TTT',
  'holes3': 'FFF',
  'arr prop': 'FFT',
  'arr prop2': 'TTT',
  'date': 'TTT',
  'date diff': 'FFF',
  'date prop': 'FFT',
  'date obj': 'FFF',
  're': 'TTT',
  're flags': 'FFF',
  're src': 'FFF',
  're lastIndex': 'FFF',
  're prop': 'FFT',
  'err': 'TTT',
  'err msg': 'FFF',
  'err name': 'FFF',
  'err cause': 'FFF',
  'err cause missing': 'FFT',
  'err errors': 'FFF',
  'err prop': 'FFT',
  'map': 'TTT',
  'map diff': 'FFF',
  'map objkey': 'TTT',
  'map objkey diff': 'FFF',
  'map loose key': 'TFF',
  'map loose val': 'TFF',
  'map same objkeys': 'TTT',
  'set': 'TTT',
  'set diff': 'FFF',
  'set obj': 'TTT',
  'set obj diff': 'FFF',
  'set loose': 'TFF',
  'set null undef': 'TFF',
  'set 3 objs': 'TTT',
  'set mixed': 'TTT',
  'set dup objs': 'FFF',
  'set prop': 'FFT',
  'ta': 'TTT',
  'ta diff': 'FFF',
  'ta type': 'FFF',
  'ta f64 -0': 'TFF',
  'ta f64 NaN': 'FTT',
  'ta prop': 'FFT',
  'ab': 'TTT',
  'ab diff': 'FFF',
  'ab len': 'FFF',
  'sab ab': 'FFF',
  'dv': 'TTT',
  'boxed num': 'TTT',
  'boxed num diff': 'FFF',
  'boxed str': 'TTT',
  'boxed vs prim': 'FFF',
  'boxed -0': 'FFF',
  'boxed NaN': 'TTT',
  'boxed prop': 'FFT',
  'boxed bool': 'FFF',
  'boxed sym': 'TTT',
  'boxed bigint': 'TTT',
  'boxed str vs obj': 'FFF',
  'proto': 'TFT',
  'proto2': 'TTT',
  'proto3': 'TTT',
  'proto4': 'TTT',
  'class': 'TTT',
  'class diff': 'TFT',
  'class vs obj': 'TFT',
  'fake date': 'TFT',
  'date fake': 'FFF',
  'sym key': 'TTT',
  'sym key diff': 'TFF',
  'sym key missing': 'TFT',
  'sym key nonenum': 'TTT',
  'nonenum': 'TTT',
  'getter': 'TTT',
  'cycle': 'TTT',
  'cycle unrolled': 'TTT',
  'cycle diff': 'FFF',
  'cycle arr': 'TTT',
  'fn': 'FFF',
  'fn same': 'TTT',
  'wm': 'FFF',
  'wm same': 'TTT',
  'args': 'TTT',
  'args vs arr': 'FFF',
  'nested': 'TTT',
  'nested diff': 'FFF',
  'promise': 'TTT',
  'obj num keys': 'TTT',
  'undef prop': 'FFT',
  'undef prop2': 'FFF',
  'str': 'TTT',
  'str num loose': 'TFF',
  'bool': 'TFF',
  'bigint': 'TTT',
  'bigint num': 'TFF',
  'symbol': 'TTT',
  'null obj': 'FFF',
  'obj null': 'FFF',
  'url-like': 'TTT',
  'partial obj': 'FFT',
  'partial arr': 'FFT',
  'partial set': 'FFT',
  'partial map': 'FFT',
  'partial nested': 'FFT',
  'partial arr order': 'FFF',
  'map prop': 'FFT',
  'loose arr str': 'TFF',
  'loose obj arr': 'FFF',
  'loose date diffproto': 'TFT',
  'loose null proto obj': 'TFT',
  'err vs obj': 'FFF',
  'map undef key': 'TFF',
  'set NaN': 'TTT',
  'map NaN': 'TTT',
  'set -0': 'TTT',
  'typed arr len': 'FFF',
  'buffer-like': 'FFF',
  'constructor prop': 'TTT',
  'ctor own vs inherited': 'FFT',
  'undef null in arr': 'FFF',
  'null undef in arr': 'FFF',
  'obj undef null': 'TFF',
  'sparse vs undef': 'FFF',
  'undef vs sparse': 'FFT',
  'sparse extra': 'TTT',
  'sparse diff': 'FFF',
  'map loose obj val': 'TFF',
  'map undef/null val': 'TFF',
  'set 1 "1" vs "1" 1': 'TTT',
  'set [1,2] vs [1,"2"]': 'TFF',
  'set true 1': 'TFF',
  'set 2 objs vs 1': 'FFF',
  'map 3 objkeys': 'TTT',
  'map objkey same ref': 'TTT',
  'map prim/obj keys': 'FFF',
  'num obj vs num': 'FFF',
  'date invalid': 'FFF',
  'err stack diff': 'TTT',
  'err vs typeerror': 'FFF',
  'arr sym prop': 'TFT',
  'int arrs': 'TTT',
  'f32 loose -0': 'TFF',
  'proxy': 'TTT',
  'arr subclass': 'TFT',
  'objects w/ ctor undef': 'FFT',
};

function outcome(fn) {
  try {
    fn();
    return 'T';
  } catch (err) {
    assert.strictEqual(err.code, 'ERR_ASSERTION', err.stack);
    return 'F';
  }
}

for (const [name, a, b] of cases) {
  test(name, () => {
    const want = expected[name];
    assert.strictEqual(typeof want, 'string', `no expectation for ${name}`);
    const got = outcome(() => assert.deepEqual(a, b)) +
      outcome(() => assert.deepStrictEqual(a, b)) +
      outcome(() => assert.partialDeepStrictEqual(a, b));
    assert.strictEqual(got, want);
    // The not* forms are the exact opposites.
    assert.strictEqual(outcome(() => assert.notDeepEqual(a, b)), want[0] === 'T' ? 'F' : 'T');
    assert.strictEqual(outcome(() => assert.notDeepStrictEqual(a, b)), want[1] === 'T' ? 'F' : 'T');
    assert.strictEqual(util.isDeepStrictEqual(a, b), want[1] === 'T');
  });
}
