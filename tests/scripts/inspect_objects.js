'use strict';
// util.inspect of plain objects and class instances: key quoting, null
// prototypes, toStringTag, getters and setters, symbols, hidden
// properties, depth, breakLength and compact line breaking, circularity.
const util = require('util');
const show = (v, o) => console.log(util.inspect(v, o));

show({});
show({ a: 1, b: 'two', c: [3], d: { e: null } });
// Keys: identifiers bare, anything else quoted, __proto__ bracketed.
show({ 'a-b': 1, 'with space': 2, '0': 3, '01': 4, $dollar: 5, _under: 6, 'it\'s': 7, 'ключ': 8, '': 9, 'a\nb': 10 });
show({ ['__proto__']: 1 });
show(JSON.parse('{"__proto__": {"x": 1}}'));
show({ [Symbol('sym')]: 'v', [Symbol.for('reg')]: 'w', plain: 1 });
// Null prototype and class instances.
show(Object.create(null));
const np = Object.create(null);
np.x = 1;
np.nested = Object.create(null);
show(np);
class Foo {}
show(new Foo());
class Bar { constructor() { this.x = 1; this.y = [1, 2]; } }
show(new Bar());
class Baz extends Bar { get computed() { return 42; } }
show(new Baz());
show([new Foo(), new Bar()]);
function OldStyle() { this.v = 1; }
show(new OldStyle());
const anon = new (class {})();
show(anon);
const protoless = Object.create(Object.create(null));
show(protoless);
const weird = Object.create(Foo.prototype);
show(weird);
const noCtor = Object.create({ inherited: true });
show(noCtor);
const fake = { constructor: { name: 'Fake' } };
show(fake);
// toStringTag.
show({ [Symbol.toStringTag]: 'OwnTag' });
class WithTag { get [Symbol.toStringTag]() { return 'Tagged'; } }
show(new WithTag());
class SameTag { get [Symbol.toStringTag]() { return 'SameTag'; } }
show(new SameTag());
const tagNull = Object.create(null, { [Symbol.toStringTag]: { value: 'NullTag' } });
show(tagNull);
tagNull.a = 1;
show(tagNull);
class TagWithProps { constructor() { this.a = 1; } get [Symbol.toStringTag]() { return 'TP'; } }
show(new TagWithProps());
show(Object.create(null, { [Symbol.toStringTag]: { value: 'Object' } }));
// Getters and setters, and the getters option.
const accessors = {
  get g() { return 1; },
  set s(v) {},
  get gs() { return 'both'; },
  set gs(v) {},
  get obj() { return { deep: { er: 1 } }; },
  get nul() { return null; },
  get thrower() { throw new Error('nope'); },
};
show(accessors);
show(accessors, { getters: true });
show(accessors, { getters: 'get' });
show(accessors, { getters: 'set' });
class Point {
  constructor() { this.x = 1; }
  get len() { return 5; }
}
show(new Point(), { getters: true });
// Hidden (non-enumerable) properties.
const hidden = { visible: 1 };
Object.defineProperty(hidden, 'secret', { value: 's', enumerable: false });
Object.defineProperty(hidden, Symbol('hiddenSym'), { value: 2, enumerable: false });
Object.defineProperty(hidden, 'odd key', { value: 3, enumerable: false });
show(hidden);
show(hidden, { showHidden: true });
show(hidden, true);
class WithProto { constructor() { this.own = 1; } }
WithProto.prototype.shared = 'from proto';
WithProto.prototype.method = function() {};
show(new WithProto(), { showHidden: true });
// Depth.
const deep = { l1: { l2: { l3: { l4: { l5: 'end' } } } } };
show(deep);
show(deep, { depth: 0 });
show(deep, { depth: 1 });
show(deep, { depth: Infinity });
show(deep, false, 4);
show({ arr: [[[[1]]]], map: new Map([[1, new Map([[2, new Map()]])]]) }, { depth: 1 });
show({ a: { b: { c: new Foo() } } }, { depth: 1 });
show({ a: { b: { c: Object.create(null) } } }, { depth: 1 });
show({ a: { b: { c: { [Symbol.toStringTag]: 'T', x: 1 } } } }, { depth: 1 });
// Line breaking with breakLength 80 and compact 3.
show({ a: 'x'.repeat(30), b: 'y'.repeat(30) });
show({ a: 'x'.repeat(30), b: 'y'.repeat(30), c: 1 });
show({ a: 1, b: { c: 2, d: { e: 3, f: { g: 4 } } } });
show({ a: 1, b: { c: 2, d: { e: 3, f: { g: 4, h: { i: 5 } } } } }, { depth: 10 });
show({ a: [1, 2, { b: 3 }], c: 'text', d: { e: [4, 5] } });
show({ key1: 'value number one', key2: 'value number two', key3: 'value number three' });
show({ short: 1 }, { breakLength: 5 });
show({ a: { b: 1 }, c: { d: 2 } }, { compact: false });
show({ a: { b: 1 }, c: { d: 2 } }, { compact: true });
show({ a: { b: 1 }, c: { d: 2 }, long: 'z'.repeat(80) }, { compact: true });
show({ a: { b: { c: { d: 1 } } } }, { compact: 1 });
show({ a: { b: { c: { d: 1 } } } }, { compact: 2, depth: 5 });
show({ a: 1, b: 2 }, { breakLength: Infinity, compact: false });
show({ list: Array.from({ length: 10 }, (_, i) => ({ id: i, name: `item${i}` })) });
show({ 'a very long key name that goes on': { 'another quite long key': 'and a long value here' } });
// Circular references.
const circ = { name: 'root' };
circ.self = circ;
show(circ);
const a = { name: 'a' };
const b = { name: 'b', a };
a.b = b;
show(a);
show([a, b]);
const arr = [1];
arr.push(arr);
show(arr);
const m = new Map();
m.set('me', m);
show(m);
const two = { x: {}, y: {} };
two.x.parent = two;
two.y.x = two.x;
two.x.y = two.y;
show(two);
show(circ, { compact: true });
const ring = { id: 1, next: { id: 2, next: { id: 3 } } };
ring.next.next.next = ring;
show(ring);
show(ring, { depth: 0 });
// Objects holding every kind of value.
show({ u: undefined, n: null, t: true, num: -0, big: 1n, s: 'str', sym: Symbol('x'), f() {}, arrow: () => {}, d: new Date(0), r: /x/gi });
