'use strict';
// path.posix: normalize, join, resolve, relative, dirname, basename (with
// suffix), extname, parse/format, and argument errors. Expected values are
// Node 22's.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');

const posix = path.posix;

const unary = [
  ["normalize", "", "."],
  ["normalize", ".", "."],
  ["normalize", "/", "/"],
  ["normalize", "//", "/"],
  ["normalize", "///a//b/", "/a/b/"],
  ["normalize", "a/../..", ".."],
  ["normalize", "/a/../../b", "/b"],
  ["normalize", "./a/./b/.", "a/b"],
  ["normalize", "a/b/../../..", ".."],
  ["normalize", "a/", "a/"],
  ["normalize", "/..", "/"],
  ["isAbsolute", "", false],
  ["isAbsolute", "/", true],
  ["isAbsolute", "a", false],
  ["isAbsolute", "./a", false],
  ["isAbsolute", "//a", true],
  ["dirname", "", "."],
  ["dirname", "/", "/"],
  ["dirname", "//", "/"],
  ["dirname", "/a", "/"],
  ["dirname", "/a/b/", "/a"],
  ["dirname", "a", "."],
  ["dirname", "a/b", "a"],
  ["dirname", "//a", "//"],
  ["dirname", "a//b", "a/"],
  ["dirname", "/a/b//", "/a"],
  ["basename", "", ""],
  ["basename", "/", ""],
  ["basename", "/a/b.txt", "b.txt"],
  ["basename", "a/b/", "b"],
  ["basename", "a//", "a"],
  ["basename", ".bashrc", ".bashrc"],
  ["basename", "/a/b.js/", "b.js"],
  ["extname", "a.b", ".b"],
  ["extname", "a.b.c", ".c"],
  ["extname", ".bashrc", ""],
  ["extname", "a.", "."],
  ["extname", "..", ""],
  ["extname", ".a.b", ".b"],
  ["extname", "a/.b", ""],
  ["extname", "a.b/", ".b"],
  ["extname", "...", "."],
  ["parse", "/home/user/dir/file.txt", {"root":"/","dir":"/home/user/dir","base":"file.txt","ext":".txt","name":"file"}],
  ["parse", "/", {"root":"/","dir":"/","base":"","ext":"","name":""}],
  ["parse", "", {"root":"","dir":"","base":"","ext":"","name":""}],
  ["parse", "a", {"root":"","dir":"","base":"a","ext":"","name":"a"}],
  ["parse", ".git", {"root":"","dir":"","base":".git","ext":"","name":".git"}],
  ["parse", "a/b/", {"root":"","dir":"a","base":"b","ext":"","name":"b"}],
  ["parse", "//a", {"root":"/","dir":"/","base":"a","ext":"","name":"a"}],
  ["parse", "/a.b.c", {"root":"/","dir":"/","base":"a.b.c","ext":".c","name":"a.b"}],
  ["parse", "./x", {"root":"","dir":".","base":"x","ext":"","name":"x"}],
];
const basenameSuffix = [
  ["/a/b.js", ".js", "b"],
  ["b.js", "b.js", ""],
  ["/a/b.js", "b.js", "b.js"],
  ["aaa", "a", "aa"],
  ["a", "a", ""],
  ["a/", "a", "a"],
  ["/x/y.html/", ".html", "y"],
  ["abc", "bc", "a"],
  ["abc", "xbc", "abc"],
  ["/", "a", "/"],
  ["//", ".js", ""],
];
const joins = [
  [["/a","b","../c"], "/a/c"],
  [["a","","b"], "a/b"],
  [["",""], "."],
  [["/",".."], "/"],
  [["a/","/b/"], "a/b/"],
  [[".","./a"], "a"],
];
const relatives = [
  [["/a/b/c","/a/d"], "../../d"],
  [["/a","/a/b/c"], "b/c"],
  [["/a/b","/a"], ".."],
  [["/","/a"], "a"],
  [["/a","/"], ".."],
  [["/a/bc","/a/b"], "../b"],
  [["/a/b","/a/bc"], "../bc"],
  [["/data/orandea/test/aaa","/data/orandea/impl/bbb"], "../../impl/bbb"],
  [["/a/","/a"], ""],
];

for (const [fn, input, expected] of unary) {
  test(`posix.${fn}(${JSON.stringify(input)})`, () => {
    assert.deepStrictEqual(posix[fn](input), expected);
  });
}

test('basename with a suffix', () => {
  for (const [p, suffix, expected] of basenameSuffix) assert.strictEqual(posix.basename(p, suffix), expected, `${p} ${suffix}`);
});

test('join, relative, resolve', () => {
  for (const [args, expected] of joins) assert.strictEqual(posix.join(...args), expected, JSON.stringify(args));
  for (const [args, expected] of relatives) assert.strictEqual(posix.relative(...args), expected, JSON.stringify(args));
  assert.strictEqual(posix.join(), '.');
  assert.strictEqual(posix.resolve('/a', 'b', '/c', 'd'), '/c/d');
  assert.strictEqual(posix.resolve(), process.cwd());
  assert.strictEqual(posix.resolve('x'), `${process.cwd()}/x`);
  assert.strictEqual(posix.relative('x', 'x/y'), 'y');
});

// resolve() and normalize() return a normalized absolute path and its plain
// segments without normalizing it again: these are the edges of that path
// (Node 22's values).
test('resolve and normalize of absolute paths, already normal or not', () => {
  const cases = [
    [['/'], '/'],
    [['/a/b'], '/a/b'],
    [['/a/b/'], '/a/b'],
    [['//a'], '/a'],
    [['/a/./b'], '/a/b'],
    [['/a/b/.'], '/a/b'],
    [['/a/b/..'], '/a'],
    [['/a/.b/..c/d...'], '/a/.b/..c/d...'],
    [['/a', 'b', 'c'], '/a/b/c'],
    [['/', 'b'], '/b'],
    [['/a/b', '..', '..', '..'], '/'],
    [['/a/b', '.', '', 'c'], '/a/b/c'],
    [['/a/b', 'c/d'], '/a/b/c/d'],
    [['/a/b', 'c/'], '/a/b/c'],
    [['/a/b', '/c', '..'], '/'],
    [['/a//b', 'c'], '/a/b/c'],
    [['/a/b/', 'c'], '/a/b/c'],
    [[1, '/a', 'b'], '/a/b'],
  ];
  for (const [args, expected] of cases) assert.strictEqual(posix.resolve(...args), expected, JSON.stringify(args));
  assert.throws(() => posix.resolve('/a', 'b', null), { code: 'ERR_INVALID_ARG_TYPE', message: /"paths\[2\]"/ });
  assert.strictEqual(posix.normalize('/a/b/'), '/a/b/');
  assert.strictEqual(posix.normalize('/a/b'), '/a/b');
  assert.strictEqual(posix.normalize('/a//b/./c/..'), '/a/b');
  assert.strictEqual(posix.join('/a', 'b', '..', 'c'), '/a/c');
});

test('parse and format round trip', () => {
  for (const p of ['/home/user/dir/file.txt', 'a/b.c', '/x', '.git']) {
    assert.strictEqual(posix.format(posix.parse(p)), p);
  }
  assert.strictEqual(posix.format({ root: '/', name: 'n', ext: 'e' }), '/n.e');
  assert.strictEqual(posix.format({ dir: 'd', base: 'b', name: 'ignored' }), 'd/b');
});

test('constants and identity', () => {
  assert.strictEqual(path, posix);
  assert.strictEqual(posix.sep, '/');
  assert.strictEqual(posix.delimiter, ':');
  assert.strictEqual(posix.toNamespacedPath('/a'), '/a');
  assert.strictEqual(posix._makeLong, posix.toNamespacedPath);
  assert.deepStrictEqual(Object.keys(path), ['resolve', 'normalize', 'isAbsolute', 'join', 'relative', 'toNamespacedPath', 'dirname', 'basename', 'extname', 'format', 'parse', 'matchesGlob', 'sep', 'delimiter', 'win32', 'posix', '_makeLong']);
});

test('argument validation', () => {
  assert.throws(() => posix.join('a', {}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => posix.resolve(1), { code: 'ERR_INVALID_ARG_TYPE', message: /"paths\[0\]"/ });
  assert.throws(() => posix.dirname(null), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => posix.format('x'), { code: 'ERR_INVALID_ARG_TYPE' });
});
