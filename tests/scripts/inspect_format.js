'use strict';
// util.format and util.formatWithOptions: every specifier, the rules of %s,
// %d/%i/%f on odd input, %j on cycles, leftovers, %%.
const util = require('util');
const f = (...args) => console.log(JSON.stringify(util.format(...args)));

f();
f('plain');
f('%s');
f('%s', 'str');
f('%s', 42, 'extra');
f('%s %s', 'one');
f('%s', -0);
f('%s', 12n);
f('%s', Symbol('sym'));
f('%s', undefined, null);
f('%s', { a: { b: { c: 1 } } });
f('%s', [1, [2, [3]]]);
const err = new Error('err in %s');
err.stack = 'Error: err in %s\n    at somewhere (file.js:1:1)';
f('%s', err);
f('%s', Object.assign(new Error('no stack'), { stack: '' }));
f('%s', { toString() { return 'custom toString'; } });
class WithToString { toString() { return 'class toString'; } }
f('%s', new WithToString());
class Plain { constructor() { this.p = 1; } }
f('%s', new Plain());
f('%s', Object.create(null));
f('%s', { [Symbol.toPrimitive]() { return 'prim'; } });
f('%s', new Map([[1, 2]]));
f('%s', function fn() {});
f('%s', () => {});
f('%s', new Proxy({ a: 1 }, {}));
f('%d', '42');
f('%d', '0x10');
f('%d', 1.5);
f('%d', -0);
f('%d', 10n);
f('%d', Symbol('x'));
f('%d', {});
f('%d', '');
f('%d', null);
f('%i', '42.9');
f('%i', -1.9);
f('%i', 10n);
f('%i', Symbol('x'));
f('%i', '0x1f');
f('%i', 'abc');
f('%f', '1.5e3');
f('%f', 'abc');
f('%f', Symbol('x'));
f('%f', -0);
f('%j', { a: 1, b: [2] });
f('%j', 'str');
f('%j', undefined);
const cyclic = {};
cyclic.self = cyclic;
f('%j', cyclic);
try {
  util.format('%j', { get bad() { throw new Error('toJSON threw'); } });
} catch (e) {
  console.log('threw:', e.message);
}
try {
  util.format('%j', 1n);
} catch (e) {
  console.log('threw:', e.name);
}
f('%o', { a: [1, 2, { b: 3 }], fn() {} });
f('%o', [1, 2]);
f('%O', { a: { b: { c: { d: { e: 1 } } } } });
f('%c%s', 'color: red', 'styled');
f('%%');
f('%%', 1);
f('%% %s', 'x');
f('100%');
f('%', 1);
f('%x %s', 'a');
f('%s%', 'a');
f('a %s b %d c %i d %f e %j f %o g %O h %c i %%', 's', 1, 2, 3, 4, 5, 6, 7);
f('%s', 'a', 'b', { c: 1 }, 2, Symbol('d'), null, undefined);
f(1, 2, '3', { four: 4 });
f({ a: 1 }, '%s', 'not a format');
f('\n%s\n', 'newlines');
f('%s:%s', 'missing');
f('%d%d', 1);
f('%s', 'a'.repeat(5), 'b');
f('%s', { deep: { deeper: { deepest: 1 } } }, { deep: { deeper: { deepest: 1 } } });
console.log(util.formatWithOptions({ colors: true }, '%s %o', 1, { a: 'x' }, 'end', { b: 2 }));
console.log(util.formatWithOptions({ depth: 0 }, { a: { b: 1 } }, '%O', { c: { d: 2 } }));
console.log(util.formatWithOptions({ numericSeparator: true }, '%d %i %f %s', 1234567, 7654321, 1234.5, 9876543, 1234567));
console.log(util.formatWithOptions({ compact: false }, '%s', { a: 1 }, { b: 2 }));
for (const bad of [null, 'str', 1, undefined]) {
  try {
    util.formatWithOptions(bad, 'x');
  } catch (e) {
    console.log(e.code, e.message);
  }
}
console.log(util.formatWithOptions([], 'array options %s', 'ok'));
// %s calls toString unless it comes from a built-in ECMAScript class.
f('%s %s', Buffer.from('buf'), [Buffer.from('x')]);
for (const name of ['Map', 'Error', 'Date', 'Buffer', 'URL', 'EventEmitter', 'Foo']) {
  const C = { [name]: function() {} }[name];
  C.prototype.toString = () => `custom ${name}`;
  f('%s', new C());
}
class FromError extends Error { toString() { return 'FromError.toString'; } }
f('%s', new FromError('m'));
class Sub extends Map {}
f('%s', new Sub([[1, 2]]));
