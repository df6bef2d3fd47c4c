'use strict';
// A table of tricky values: each row is a label, then util.inspect of the
// value on one line, then its default (multi-line) form when that differs.
const util = require('util');

const circular = { name: 'circular' };
circular.self = circular;
const sparse = [1, , 3];
sparse.extra = true;
const nullProto = Object.assign(Object.create(null), { k: 'v' });
class Point { constructor(x, y) { this.x = x; this.y = y; } }
class Temperature { get [Symbol.toStringTag]() { return 'Celsius'; } }
const getters = { get a() { return 1; }, set b(v) {}, get c() { return 2; }, set c(v) {} };
const errNoStack = new Error('no stack');
errNoStack.stack = '';
const errProps = new RangeError('with props');
errProps.stack = 'RangeError: with props\n    at tricky (table.js:1:1)';
errProps.code = 'E_RANGE';
const withCause = new Error('outer', { cause: errNoStack });
withCause.stack = 'Error: outer\n    at tricky (table.js:2:2)';
const aggregate = new AggregateError([errNoStack], 'several');
aggregate.stack = 'AggregateError: several';
const pending = new Promise(() => {});
const rejection = new Error('rejected');
rejection.stack = 'Error: rejected\n    at tricky (table.js:3:3)';
const rejected = Promise.reject(rejection);
rejected.catch(() => {});
const fnWithProps = Object.assign(function tool() {}, { version: 2 });
const { proxy: revoked, revoke } = Proxy.revocable({}, {});
revoke();

const rows = [
  ['empty string', ''],
  ['quotes: single', "it's"],
  ['quotes: both', `it's "x"`],
  ['quotes: all three', 'it\'s "x" `y`'],
  ['control chars', '\x00\x07\x1b[31m\x7f'],
  ['lone surrogate', '\ud800'],
  ['negative zero', -0],
  ['NaN', NaN],
  ['-Infinity', -Infinity],
  ['large number', 1e21],
  ['bigint', -(2n ** 70n)],
  ['symbol', Symbol('desc')],
  ['empty symbol', Symbol()],
  ['well-known symbol', Symbol.asyncIterator],
  ['undefined', undefined],
  ['null', null],
  ['sparse array', sparse],
  ['empty slots only', new Array(3)],
  ['nested arrays', [[1, [2, [3, [4]]]]]],
  ['circular', circular],
  ['null prototype', nullProto],
  ['class instance', new Point(1, 2)],
  ['toStringTag', new Temperature()],
  ['getters', getters],
  ['quoted keys', { 'a-b': 1, 'c d': 2, 3: 3, [Symbol('s')]: 4 }],
  ['Map', new Map([[{ k: 1 }, new Set([1])]])],
  ['Set', new Set(['a', ['b']])],
  ['Map iterator', new Map([[1, 2]]).entries()],
  ['Set iterator', new Set([1]).values()],
  ['WeakMap', new WeakMap()],
  ['WeakSet', new WeakSet()],
  ['Uint8Array', new Uint8Array([0, 255])],
  ['Float32Array', new Float32Array([0.5, -0])],
  ['BigInt64Array', new BigInt64Array([-1n])],
  ['ArrayBuffer', new Uint8Array([0, 1]).buffer],
  ['SharedArrayBuffer', new SharedArrayBuffer(2)],
  ['DataView', new DataView(new ArrayBuffer(2))],
  ['Promise resolved', Promise.resolve([1])],
  ['Promise pending', pending],
  ['Promise rejected', rejected],
  ['Proxy', new Proxy({ target: true }, {})],
  ['revoked Proxy', revoked],
  ['function', function named() {}],
  ['anonymous function', (() => () => {})()],
  ['async function', async () => {}],
  ['generator function', function* gen() {}],
  ['class', Point],
  ['derived class', class Sub extends Point {}],
  ['function with props', fnWithProps],
  ['error without stack', errNoStack],
  ['error with props', errProps],
  ['error with cause', withCause],
  ['AggregateError', aggregate],
  ['boxed number', new Number(-0)],
  ['boxed string', new String('str')],
  ['boxed symbol', Object(Symbol('boxed'))],
  ['Date', new Date(86400000)],
  ['Invalid Date', new Date('nope')],
  ['RegExp', /^[a-z]+$/giu],
  ['arguments', (function() { return arguments; })(1, 2)],
  ['long array', Array.from({ length: 26 }, (_, i) => i * i)],
  ['long string', 'word '.repeat(20).trim()],
  ['deep object', { l1: { l2: { l3: { l4: {} } } } }],
  ['object with custom inspect', { [util.inspect.custom]: () => 'CUSTOM' }],
];

const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) {
  const oneLine = util.inspect(value, { breakLength: Infinity });
  console.log(`${label.padEnd(width)} | ${oneLine.replace(/\n/g, '\\n')}`);
  const multi = util.inspect(value);
  if (multi !== oneLine) console.log(`${' '.repeat(width)} | ${multi.replace(/\n/g, `\n${' '.repeat(width)} | `)}`);
}
// The same values through console.table (cells collapse objects).
console.table(rows.slice(0, 30).map(([label, value]) => ({ label, value })));
