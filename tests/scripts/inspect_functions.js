'use strict';
// util.inspect of functions and classes: kinds, names, anonymous ones,
// `extends`, properties on functions, null prototypes, odd names.
const util = require('util');
const show = (v, o) => console.log(util.inspect(v, o));

show(function named() {});
show(function() {});
show(() => {});
const assigned = () => {};
show(assigned);
show(async function asyncNamed() {});
show(async () => {});
show(function* gen() {});
show(async function* asyncGen() {});
show({ method() {}, async am() {}, *gm() {}, async *agm() {}, ['computed' + 1]() {}, [Symbol('symName')]() {} });
show(Math.max);
show(class {});
show(class A {});
class Base {}
class Derived extends Base {}
show(Derived);
show(class extends Base {});
show(class Ext extends Array {});
show(class E2 extends Error {});
show(class N extends null {});
const nullProtoClass = class NP {};
Object.setPrototypeOf(nullProtoClass, null);
show(nullProtoClass);
class Statics { static x = 1; static method() {} }
show(Statics);
const withProps = function withProps() {};
withProps.a = 1;
withProps.nested = { b: [2] };
show(withProps);
show({ fn: withProps });
const bound = withProps.bind(null);
show(bound);
const renamed = function original() {};
Object.defineProperty(renamed, 'name', { value: 'renamed' });
show(renamed);
const noName = function() {};
Object.defineProperty(noName, 'name', { value: '' });
show(noName);
const numberName = function() {};
Object.defineProperty(numberName, 'name', { value: 42 });
show(numberName);
const nullProtoFn = function nullProto() {};
Object.setPrototypeOf(nullProtoFn, null);
show(nullProtoFn);
const taggedFn = function tagged() {};
Object.defineProperty(taggedFn, Symbol.toStringTag, { value: 'FnTag' });
show(taggedFn);
const subFn = function sub() {};
Object.setPrototypeOf(subFn, Base);
show(subFn);
// Classes whose source looks like something else, and the reverse.
const classish = { class() {} }.class;
show(classish);
// eslint-disable-next-line no-new-func
show(new Function('a', 'return a'));
show(new (Object.getPrototypeOf(async function() {}).constructor)('return 1'));
show(Object.assign(() => {}, { prop: true }));
show([function a() {}, () => {}, class C {}]);
show(Array.from({ length: 8 }, (_, i) => ({ [`f${i}`]() {} })[`f${i}`]));
show(withProps, { showHidden: true });
show(Derived, { showHidden: true, depth: 0 });
show(Object.getOwnPropertyDescriptors(function f(a, b) {}));
