'use strict';
// util.inspect of arrays: holes, extra keys, maxArrayLength, grouping of
// long arrays of short items into aligned columns, nesting, subclasses.
const util = require('util');
const show = (v, o) => console.log(util.inspect(v, o));

show([]);
show([1, 2, 3]);
show([1, , 3]);
show([, , 1, , , , 2, , ]);
show(new Array(5));
show(new Array(1));
const sparse = [1, 2];
sparse[10] = 3;
sparse.extra = 'key';
sparse[-1] = 'neg';
show(sparse);
const big = [];
big[2 ** 32 - 2] = 'last';
show(big);
const withKeys = [1, 2, 3];
withKeys.foo = 'bar';
withKeys[Symbol('s')] = true;
Object.defineProperty(withKeys, 'hidden', { value: 1, enumerable: false });
show(withKeys);
show(withKeys, { showHidden: true });
// maxArrayLength.
show([1, 2, 3, 4, 5], { maxArrayLength: 2 });
show([1, 2, 3, 4, 5], { maxArrayLength: 4 });
show([1, 2], { maxArrayLength: 0 });
show([1, 2], { maxArrayLength: -1 });
show([, , , 4, 5, 6], { maxArrayLength: 2 });
show(Array.from({ length: 101 }, (_, i) => i));
show(Array.from({ length: 200 }, (_, i) => i), { maxArrayLength: null });
show(Array.from({ length: 10 }, (_, i) => i), { maxArrayLength: Infinity });
// Grouping: numbers align right, anything else left.
show(Array.from({ length: 7 }, (_, i) => i));
show(Array.from({ length: 26 }, (_, i) => i * 13));
show(Array.from({ length: 30 }, (_, i) => 2 ** i));
show(Array.from({ length: 30 }, (_, i) => -i * 1.5));
show(Array.from({ length: 40 }, (_, i) => String.fromCharCode(97 + (i % 26)).repeat(1 + (i % 5))));
show(Array.from({ length: 12 }, (_, i) => (i % 2 ? i : `s${i}`)));
show(Array.from({ length: 16 }, (_, i) => BigInt(i) ** 5n));
show(Array.from({ length: 9 }, () => 'a'.repeat(20)));
show(Array.from({ length: 30 }, (_, i) => 'x'.repeat(i)));
show(Array.from({ length: 8 }, (_, i) => [i, i * 2]));
show(Array.from({ length: 8 }, (_, i) => ({ i })));
show(Array.from({ length: 12 }, (_, i) => (i === 5 ? undefined : i === 7 ? null : i)));
show(Array.from({ length: 25 }, (_, i) => i), { compact: 1 });
show(Array.from({ length: 25 }, (_, i) => i), { compact: false });
show(Array.from({ length: 25 }, (_, i) => i), { compact: true });
show(Array.from({ length: 25 }, (_, i) => i), { breakLength: 40 });
show(Array.from({ length: 25 }, (_, i) => i), { breakLength: Infinity });
show({ nested: { deeper: Array.from({ length: 30 }, (_, i) => i * 100) } });
show([Array.from({ length: 20 }, (_, i) => i), Array.from({ length: 20 }, (_, i) => `${i}`)]);
const holes = Array.from({ length: 20 }, (_, i) => i);
delete holes[3];
delete holes[4];
show(holes);
show(Array.from({ length: 120 }, (_, i) => i % 3 ? i : 'str'));
show(Array.from({ length: 7 }, (_, i) => '日本'.repeat(i + 1)));
// Nesting depth.
show([[[[[1]]]]]);
show([[[[[1]]]]], { depth: 0 });
show([[[[[1]]]]], { depth: Infinity });
show([[[[[1]]]]], { depth: null });
show([{ a: [{ b: [{ c: 1 }] }] }]);
// Subclasses and prototypes.
class MyArray extends Array {}
show(MyArray.from([1, 2, 3]));
show(new MyArray());
const nullProtoArray = [1, 2, 3];
Object.setPrototypeOf(nullProtoArray, null);
show(nullProtoArray);
const tagged = [1];
Object.defineProperty(tagged, Symbol.toStringTag, { value: 'Tagged' });
show(tagged);
class Tagged2 extends Array { get [Symbol.toStringTag]() { return 'T2'; } }
show(Tagged2.from([7]));
show([new Array(3), [undefined], [null]]);
// sorted applies to extra keys only.
const sortMe = [3, 1, 2];
sortMe.z = 1;
sortMe.a = 2;
sortMe.m = 3;
show(sortMe, { sorted: true });
show({ c: 1, a: 2, b: [3, 2, 1] }, { sorted: true });
show({ c: 1, a: 2, b: 3 }, { sorted: (a, b) => (a < b ? 1 : -1) });
// Array-likes are objects.
show({ length: 2, 0: 'a', 1: 'b' });
show((function() { return arguments; })(1, 'two', [3]));
show((function() { return arguments; })());
