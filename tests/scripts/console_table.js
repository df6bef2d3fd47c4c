'use strict';
// console.table as Node draws it: rows and columns from arrays, objects,
// Maps, Sets and iterators, the properties filter, primitive rows, cell
// formatting, and column widths for wide (CJK, emoji) characters.

console.table([{ a: 1, b: 'Y' }, { a: 'Z', b: 2 }]);
console.table([[1, 2], [3, 4, 5]]);
console.table([1, 'two', null, undefined, 3n, Symbol('s')]);
console.table({ row1: { c1: 1, c2: 2 }, row2: { c2: 3, c3: 4 } });
console.table({ a: 1, b: { x: 1 } });
console.table([{ name: 'x', value: 1 }, { name: 'y', value: 2 }], ['value']);
console.table([{ name: 'x', value: 1 }, 5], ['name', 'missing']);
console.table([{ a: 1 }], []);
console.table([]);
console.table({});
console.table(new Map([['k1', 'v1'], [{ obj: 1 }, [1, 2]]]));
console.table(new Map([['a', 1]]).entries());
console.table(new Map([['a', 1], ['b', 2]]).keys());
console.table(new Map([['a', 1]]).values());
console.table(new Set(['x', { y: 1 }, [2]]));
console.table(new Set([1, 2, 3]).values());
console.table(new Uint8Array([5, 6]));
console.table([new Uint8Array([1, 2, 3, 4, 5])]);
// Cells: nested objects, long arrays, functions, dates, strings with quotes.
console.table([{
  obj: { a: 1, b: 2 },
  big: { a: 1, b: 2, c: 3 },
  arr: [1, 2, 3, 4, 5],
  deep: { a: { b: { c: 1 } } },
  fn() {},
  date: new Date(0),
  str: "it's",
  map: new Map([[1, 2]]),
}]);
console.table([{ text: 'short' }, { text: 'a much longer cell value' }]);
console.table([{ '': 'empty key', 'with space': 1, 'a-b': 2 }]);
// Widths in terminal columns.
console.table([{ lang: '日本語', word: 'こんにちは' }, { lang: 'en', word: 'hello' }]);
console.table([{ emoji: '😀😀', mixed: 'a😀b' }, { emoji: 'x', mixed: 'y' }]);
console.table([{ combining: 'e\u0301', zw: 'a\u200bb' }]);
// Not tabular: logged as is.
console.table('a string');
console.table(42);
console.table(null);
console.table(undefined);
console.table(Symbol('t'));
console.table(function notTabular() {});
// Sparse rows and keys.
const sparse = [{ a: 1 }, , { b: 2 }];
console.table(sparse);
console.table({ 0: { x: 1 }, 10: { x: 2 }, str: { x: 3 } });
console.table([Object.create(null, { hidden: { value: 1 }, shown: { value: 2, enumerable: true } })]);
