'use strict';
// util.inspect: exact strings Node prints for the values and options that
// programs and test suites most often compare.
const test = require('node:test');
const assert = require('node:assert');
const util = require('node:util');

const { inspect } = util;

test('primitives', () => {
  const cases = [
    ['str', "'str'"],
    ["it's", `"it's"`],
    [`it's "x"`, '`it\'s "x"`'],
    ['it\'s "x" `y`', "'it\\'s \"x\" `y`'"],
    ['\n\t\x00\x7f\x9f\\', "'\\n\\t\\x00\\x7F\\x9F\\\\'"],
    ['\ud800', "'\\ud800'"],
    [-0, '-0'],
    [0, '0'],
    [NaN, 'NaN'],
    [1e21, '1e+21'],
    [12n, '12n'],
    [true, 'true'],
    [undefined, 'undefined'],
    [null, 'null'],
    [Symbol('d'), 'Symbol(d)'],
    [Symbol(), 'Symbol()'],
  ];
  for (const [value, expected] of cases) assert.strictEqual(inspect(value), expected);
});

test('arrays: holes, extra keys, maxArrayLength', () => {
  assert.strictEqual(inspect([1, , 3]), '[ 1, <1 empty item>, 3 ]');
  assert.strictEqual(inspect(new Array(3)), '[ <3 empty items> ]');
  const extra = [1];
  extra.key = 'v';
  assert.strictEqual(inspect(extra), "[ 1, key: 'v' ]");
  assert.strictEqual(inspect([1, 2, 3], { maxArrayLength: 1 }), '[ 1, ... 2 more items ]');
  assert.strictEqual(inspect([1, 2], { maxArrayLength: 1 }), '[ 1, ... 1 more item ]');
  assert.strictEqual(inspect(Array.from({ length: 101 }, () => 0)).endsWith('... 1 more item\n]'), true);
});

test('arrays: long lists of short items are grouped into columns', () => {
  assert.strictEqual(inspect(Array.from({ length: 26 }, (_, i) => i)),
    '[\n' +
    '   0,  1,  2,  3,  4,  5,  6,  7,\n' +
    '   8,  9, 10, 11, 12, 13, 14, 15,\n' +
    '  16, 17, 18, 19, 20, 21, 22, 23,\n' +
    '  24, 25\n' +
    ']');
  assert.strictEqual(inspect(['a', 'bb', 'ccc', 'dddd', 'e', 'ff', 'ggg']),
    "[\n  'a',   'bb',\n  'ccc', 'dddd',\n  'e',   'ff',\n  'ggg'\n]");
  // Six items or fewer are never grouped.
  assert.strictEqual(inspect([1, 2, 3, 4, 5, 6]), '[ 1, 2, 3, 4, 5, 6 ]');
});

test('objects: keys, prototypes, tags, accessors', () => {
  assert.strictEqual(inspect({ a: 1, 'b-c': 2, 3: 3 }), "{ '3': 3, a: 1, 'b-c': 2 }");
  assert.strictEqual(inspect(Object.create(null)), '[Object: null prototype] {}');
  class Foo { constructor() { this.x = 1; } }
  assert.strictEqual(inspect(new Foo()), 'Foo { x: 1 }');
  assert.strictEqual(inspect({ [Symbol.toStringTag]: 'T' }), "{ [Symbol(Symbol.toStringTag)]: 'T' }");
  class Tagged { get [Symbol.toStringTag]() { return 'T'; } }
  assert.strictEqual(inspect(new Tagged()), 'Tagged [T] {}');
  const accessors = { get a() { return 1; }, set b(v) {}, get c() { return 2; }, set c(v) {} };
  assert.strictEqual(inspect(accessors), '{ a: [Getter], b: [Setter], c: [Getter/Setter] }');
  assert.strictEqual(inspect(accessors, { getters: true }), '{ a: [Getter: 1], b: [Setter], c: [Getter/Setter: 2] }');
  assert.strictEqual(inspect({ a: { b: { c: { d: 1 } } } }), '{ a: { b: { c: [Object] } } }');
  assert.strictEqual(inspect({ a: [[[[]]]] }), '{ a: [ [ [Array] ] ] }');
});

test('line breaking at 80 columns, compact 3', () => {
  const value = { first: 'x'.repeat(30), second: 'y'.repeat(30) };
  assert.strictEqual(inspect(value), `{\n  first: '${'x'.repeat(30)}',\n  second: '${'y'.repeat(30)}'\n}`);
  assert.strictEqual(inspect({ a: 1, b: 2 }, { compact: false }), '{\n  a: 1,\n  b: 2\n}');
  assert.strictEqual(inspect({ a: { b: { c: {} } } }, { compact: 1 }), '{\n  a: {\n    b: { c: {} }\n  }\n}');
  assert.strictEqual(inspect({ a: 1 }, { breakLength: 3 }), '{\n  a: 1\n}');
});

test('circular references are numbered', () => {
  const a = { name: 'a' };
  a.self = a;
  assert.strictEqual(inspect(a), "<ref *1> { name: 'a', self: [Circular *1] }");
  const b = { x: {} };
  b.x.y = b.x;
  b.x.z = b;
  // Numbered in the order the cycles are found.
  assert.strictEqual(inspect(b), '<ref *2> { x: <ref *1> { y: [Circular *1], z: [Circular *2] } }');
});

test('collections, buffers, proxies', () => {
  assert.strictEqual(inspect(new Map([[1, { a: 2 }]])), 'Map(1) { 1 => { a: 2 } }');
  assert.strictEqual(inspect(new Set(['x'])), "Set(1) { 'x' }");
  assert.strictEqual(inspect(new Map([[1, 2]]).entries()), '[Map Entries] { [ 1, 2 ] }');
  assert.strictEqual(inspect(new Set([1]).values()), '[Set Iterator] { 1 }');
  assert.strictEqual(inspect(new WeakMap()), 'WeakMap { <items unknown> }');
  assert.strictEqual(inspect(new Uint8Array([1, 2])), 'Uint8Array(2) [ 1, 2 ]');
  assert.strictEqual(inspect(new Uint8Array([0, 1]).buffer), 'ArrayBuffer { [Uint8Contents]: <00 01>, byteLength: 2 }');
  const proxy = new Proxy({ a: 1 }, { get() { throw new Error('trap'); } });
  assert.strictEqual(inspect(proxy), '{ a: 1 }');
  assert.strictEqual(inspect(proxy, { showProxy: true }), "Proxy [ { a: 1 }, { get: [Function: get] } ]");
});

test('functions and classes', () => {
  assert.strictEqual(inspect(function f() {}), '[Function: f]');
  assert.strictEqual(inspect(() => {}), '[Function (anonymous)]');
  assert.strictEqual(inspect(async function af() {}), '[AsyncFunction: af]');
  assert.strictEqual(inspect(function* g() {}), '[GeneratorFunction: g]');
  class A {}
  class B extends A {}
  assert.strictEqual(inspect(B), '[class B extends A]');
  assert.strictEqual(inspect(Object.assign(function p() {}, { x: 1 })), '[Function: p] { x: 1 }');
});

test('errors', () => {
  const noStack = new Error('boom');
  noStack.stack = '';
  assert.strictEqual(inspect(noStack), '[Error: boom]');
  const props = new TypeError('bad');
  props.stack = 'TypeError: bad\n    at x (y.js:1:1)';
  props.code = 'E_BAD';
  assert.strictEqual(inspect(props), "TypeError: bad\n    at x (y.js:1:1) {\n  code: 'E_BAD'\n}");
  const cause = new Error('inner');
  cause.stack = '';
  const outer = new Error('outer', { cause });
  outer.stack = 'Error: outer';
  assert.strictEqual(inspect(outer), '[Error: outer] { [cause]: [Error: inner] }');
  const aggregate = new AggregateError([cause], 'many');
  aggregate.stack = '';
  assert.strictEqual(inspect(aggregate), '[AggregateError: many] { [errors]: [ [Error: inner] ] }');
  class MyError extends Error {}
  const mine = new MyError('m');
  mine.stack = 'Error: m';
  assert.strictEqual(inspect(mine), '[MyError: m]');
  const renamed = new Error('r');
  renamed.stack = 'Error: r';
  renamed.name = 'Custom';
  assert.strictEqual(inspect(renamed), "[Error: r] { name: 'Custom' }");
});

test('boxed primitives, dates, regexps, arguments', () => {
  assert.strictEqual(inspect(new Number(3)), '[Number: 3]');
  assert.strictEqual(inspect(new String('ab')), "[String: 'ab']");
  assert.strictEqual(inspect(Object(1n)), '[BigInt: 1n]');
  assert.strictEqual(inspect(new Date(0)), '1970-01-01T00:00:00.000Z');
  assert.strictEqual(inspect(new Date(NaN)), 'Invalid Date');
  assert.strictEqual(inspect(/a/g), '/a/g');
  assert.strictEqual(inspect((function() { return arguments; })(1)), "[Arguments] { '0': 1 }");
});

test('custom inspect receives depth, options and inspect', () => {
  let seen;
  const value = {
    [inspect.custom](depth, options, inspectFn) {
      seen = { depth, options, inspectFn };
      return options.stylize('custom', 'special');
    },
  };
  assert.strictEqual(inspect({ a: value }, { depth: 4, extra: 1 }), '{ a: custom }');
  assert.strictEqual(seen.depth, 3);
  assert.strictEqual(seen.options.extra, 1);
  assert.strictEqual(seen.inspectFn, inspect);
  assert.strictEqual(inspect(value, { colors: true }), '\u001b[36mcustom\u001b[39m');
  assert.strictEqual(inspect(value, { customInspect: false }),
    '{\n  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n}');
  assert.strictEqual(inspect({ [inspect.custom]: () => ({ replaced: true }) }), '{ replaced: true }');
});

test('options: colors, sorted, numericSeparator, maxStringLength, legacy arguments', () => {
  assert.strictEqual(inspect([1, 'a', null, undefined], { colors: true }),
    "[ \u001b[33m1\u001b[39m, \u001b[32m'a'\u001b[39m, \u001b[1mnull\u001b[22m, \u001b[90mundefined\u001b[39m ]");
  assert.strictEqual(inspect({ b: 1, a: 2 }, { sorted: true }), '{ a: 2, b: 1 }');
  assert.strictEqual(inspect(1234567.891, { numericSeparator: true }), '1_234_567.891');
  assert.strictEqual(inspect(-1234567n, { numericSeparator: true }), '-1_234_567n');
  assert.strictEqual(inspect('abcdef', { maxStringLength: 2 }), "'ab'... 4 more characters");
  assert.strictEqual(inspect({ a: { b: {} } }, false, 0), '{ a: [Object] }');
  assert.strictEqual(inspect('x', false, 0, true), "\u001b[32m'x'\u001b[39m");
});

test('defaultOptions can be read and replaced, not set to a non-object', () => {
  assert.strictEqual(inspect.defaultOptions.depth, 2);
  assert.strictEqual(inspect.defaultOptions.breakLength, 80);
  const saved = { ...inspect.defaultOptions };
  try {
    inspect.defaultOptions = { depth: 0 };
    assert.strictEqual(inspect({ a: { b: 1 } }), '{ a: [Object] }');
  } finally {
    inspect.defaultOptions = saved;
  }
  assert.throws(() => { inspect.defaultOptions = null; }, { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
  assert.throws(() => { inspect.defaultOptions.unknownOption = 1; }, TypeError);
});

test('colors and styles tables', () => {
  assert.deepStrictEqual(inspect.colors.red, [31, 39]);
  assert.deepStrictEqual(inspect.colors.bgBlue, [44, 49]);
  assert.strictEqual(inspect.colors.grey, inspect.colors.gray);
  assert.strictEqual(Object.keys(inspect.colors).includes('grey'), false);
  assert.strictEqual(Object.getPrototypeOf(inspect.colors), null);
  assert.strictEqual(inspect.styles.string, 'green');
  assert.strictEqual(inspect.styles.undefined, 'grey');
  assert.strictEqual(inspect.custom, Symbol.for('nodejs.util.inspect.custom'));
});

test('stripVTControlCharacters', () => {
  assert.strictEqual(util.stripVTControlCharacters('\u001b[31mred\u001b[39m \u001b]8;;http://x\u0007link\u001b]8;;\u0007'), 'red link');
  assert.throws(() => util.stripVTControlCharacters(1), { code: 'ERR_INVALID_ARG_TYPE' });
});
