'use strict';
// util.inspect of boxed primitives, dates, regular expressions, the
// arguments object, and the options that change the whole output.
const util = require('util');
const show = (v, o) => console.log(util.inspect(v, o));

// Boxed primitives.
show(new Number(3));
show(new Number(-0));
show(new String('abc'));
show(new String(''));
show(new Boolean(false));
show(Object(1n));
show(Object(Symbol('boxed')));
const boxedWithProps = new String('ab');
boxedWithProps.extra = 1;
show(boxedWithProps);
class MyNumber extends Number {}
show(new MyNumber(7));
const nullBoxed = new Number(5);
Object.setPrototypeOf(nullBoxed, null);
show(nullBoxed);
const taggedBoxed = new Boolean(true);
Object.defineProperty(taggedBoxed, Symbol.toStringTag, { value: 'Flag' });
show(taggedBoxed);
show([new Number(1), new String('s')]);
show(new String('a'.repeat(100)));
// Dates.
show(new Date(0));
show(new Date(Date.UTC(2020, 1, 29, 12, 30, 45, 123)));
show(new Date(-1e14));
show(new Date(8.64e15));
show(new Date(NaN).getTime());
show(new Date('2000-01-01T00:00:00.000Z'));
const dateWithProps = new Date(0);
dateWithProps.label = 'epoch';
show(dateWithProps);
class MyDate extends Date {}
show(new MyDate(0));
const nullDate = new Date(0);
Object.setPrototypeOf(nullDate, null);
show(nullDate);
// Regular expressions.
show(/abc/);
show(/a\/b[c]/gimsuy);
show(new RegExp(''));
show(new RegExp('\n'));
const reWithProps = /x/;
reWithProps.prop = 'p';
show(reWithProps);
show({ a: { b: { re: Object.assign(/deep/, { p: 1 }) } } }, { depth: 1 });
class MyRegExp extends RegExp {}
show(new MyRegExp('sub', 'g'));
const nullRe = /nullproto/g;
Object.setPrototypeOf(nullRe, null);
show(nullRe);
// arguments.
(function() { show(arguments); })(1, { a: 2 });
(function() { show(arguments); })();
// Objects from other built-ins.
show(Math);
show(JSON);
show(Reflect);
show(Atomics);
show(Intl);
show(new Intl.NumberFormat('en'));
show(Object.prototype);
show(Array.prototype);
show(Map.prototype);
show(Symbol.prototype);
show(Promise.prototype);
show(Object.getPrototypeOf(function*() {}));
show(Object.getPrototypeOf([][Symbol.iterator]()));
show(new (class extends Object {})());
// Options that change everything.
const sample = { str: 'text', num: 1, big: 2n, bool: true, undef: undefined, nil: null, sym: Symbol('s'), re: /r/, date: new Date(0), fn() {}, arr: [1, 'a'], map: new Map([[1, 2]]), set: new Set([1]) };
show(sample, { colors: true });
show([new Error('colored no stack')].map((e) => { e.stack = ''; return e; }), { colors: true });
show(sample, { compact: false, breakLength: 40 });
show(sample, { compact: true });
show(sample, { breakLength: 200 });
show(sample, { depth: 0 });
show(sample, { sorted: true });
show(sample, { showHidden: true, depth: 0 });
show(sample, 0, 1, true);
show(sample, undefined, undefined, undefined);
show(Array.from({ length: 12 }, (_, i) => i * 1000), { colors: true });
show(new Map([['key', [1, 'two']]]), { colors: true });
show({ '': '', 'a-b': 'c', [Symbol('x')]: undefined }, { colors: true });
show(new Set([new WeakMap(), Promise.resolve(1)]), { colors: true });
show({ get g() { return 1; }, set s(x) {} }, { colors: true, getters: true });
show([1, , 3], { colors: true });
show(Object.create(null, { x: { value: 1, enumerable: false } }), { colors: true, showHidden: true });
const circ = { x: 1 };
circ.circ = circ;
show(circ, { colors: true });
// Defaults can be changed for everyone.
const saved = { ...util.inspect.defaultOptions };
util.inspect.defaultOptions.depth = 0;
util.inspect.defaultOptions.compact = false;
show({ a: { b: 1 } });
console.log({ a: { b: 1 } });
util.inspect.defaultOptions = saved;
show({ a: { b: 1 } });
try {
  util.inspect.defaultOptions = null;
} catch (e) {
  console.log(e.code, e.message);
}
console.log(Object.keys(util.inspect.defaultOptions).join());
console.log(Object.keys(util.inspect.styles).join());
console.log(util.inspect.styles.number, util.inspect.colors.yellow, util.inspect.colors.grey, util.inspect.colors.faint);
console.log(Object.keys(util.inspect.colors).length);
// process.env prints its variables.
process.env.INSPECT_TEST_VAR = 42;
console.log(util.inspect(process.env).includes("INSPECT_TEST_VAR: '42'"), util.inspect({ e: process.env }, { depth: 0 }));
